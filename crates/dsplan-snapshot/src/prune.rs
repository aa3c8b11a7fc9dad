//! Drops the parts of a snapshot's Nodes and Pods that no dsplan rule reads, as each object is
//! read, so that a cluster at Kubernetes' limits (5,000 nodes, 150,000 pods) fits in memory
//! beside its text: a kubectl Pod is mostly volumes, environment, probes and container states,
//! a Node mostly its image list.
//!
//! What is kept is everything the DaemonSet controller and the scheduler filters dsplan follows
//! read (upstream `pkg/controller/daemon`, `pkg/scheduler/framework/plugins`): names, labels,
//! owners, deletion state, node specs, conditions, allocatable and capacity, pod specs' node
//! name, affinity, tolerations, ports, resources, priorities and restart policies, pod phases,
//! conditions and container resource states. DaemonSets and ControllerRevisions are kept
//! whole: templates are compared field by field.

use dsplan_model::k8s_openapi::api::core::v1::{Container, ContainerStatus, Node, Pod};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// Drops what planning never reads from a Node.
pub(crate) fn node(node: &mut Node) {
    meta(&mut node.metadata);
    if let Some(status) = &mut node.status {
        status.images = None;
        status.node_info = None;
        status.addresses = None;
        status.daemon_endpoints = None;
        status.runtime_handlers = None;
        status.features = None;
        status.config = None;
        status.volumes_attached = None;
        status.volumes_in_use = None;
    }
}

/// Drops what planning never reads from a Pod.
pub(crate) fn pod(pod: &mut Pod) {
    meta(&mut pod.metadata);
    if let Some(spec) = &mut pod.spec {
        spec.volumes = None;
        spec.containers.iter_mut().for_each(container);
        spec.init_containers
            .iter_mut()
            .flatten()
            .for_each(container);
    }
    if let Some(status) = &mut pod.status {
        for statuses in [
            &mut status.container_statuses,
            &mut status.init_container_statuses,
            &mut status.ephemeral_container_statuses,
        ] {
            statuses.iter_mut().flatten().for_each(container_status);
        }
    }
}

fn meta(meta: &mut ObjectMeta) {
    meta.managed_fields = None;
    meta.annotations = None;
}

/// Keeps a container's name, image, ports, resources, resize and restart policies.
fn container(container: &mut Container) {
    container.args = None;
    container.command = None;
    container.env = None;
    container.env_from = None;
    container.lifecycle = None;
    container.liveness_probe = None;
    container.readiness_probe = None;
    container.startup_probe = None;
    container.security_context = None;
    container.volume_devices = None;
    container.volume_mounts = None;
}

/// Keeps a container status's name, readiness and resources (in-place resize state).
fn container_status(status: &mut ContainerStatus) {
    status.state = None;
    status.last_state = None;
    status.volume_mounts = None;
    status.user = None;
    status.allocated_resources_status = None;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_pod_keeps_what_placement_reads() {
        let mut p: Pod = serde_json::from_value(json!({
            "metadata": {"name": "web-1", "labels": {"app": "web"},
                "annotations": {"note": "x"},
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                    "name": "web", "uid": "u1", "controller": true}]},
            "spec": {"nodeName": "n1", "priority": 5,
                "volumes": [{"name": "data", "emptyDir": {}}],
                "tolerations": [{"operator": "Exists"}],
                "initContainers": [{"name": "sidecar", "restartPolicy": "Always",
                    "env": [{"name": "A", "value": "1"}],
                    "resources": {"requests": {"cpu": "50m"}}}],
                "containers": [{"name": "app", "image": "web:1",
                    "command": ["web"], "env": [{"name": "B", "value": "2"}],
                    "readinessProbe": {"exec": {"command": ["true"]}},
                    "ports": [{"containerPort": 80, "hostPort": 8080}],
                    "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}]},
            "status": {"phase": "Running",
                "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0,
                    "image": "web:1", "imageID": "", "state": {"running": {}},
                    "resources": {"requests": {"cpu": "100m"}},
                    "allocatedResources": {"cpu": "100m"}}]}
        }))
        .expect("a valid pod");
        let before = p.clone();
        pod(&mut p);

        assert_eq!(p.metadata.labels, before.metadata.labels);
        assert_eq!(
            p.metadata.owner_references,
            before.metadata.owner_references
        );
        assert_eq!(p.metadata.annotations, None);
        let (spec, was) = (p.spec.as_ref().unwrap(), before.spec.as_ref().unwrap());
        assert_eq!(spec.volumes, None);
        assert_eq!(spec.node_name, was.node_name);
        assert_eq!(spec.priority, was.priority);
        assert_eq!(spec.tolerations, was.tolerations);
        let (app, app_was) = (&spec.containers[0], &was.containers[0]);
        assert_eq!(
            (&app.env, &app.command, &app.readiness_probe),
            (&None, &None, &None)
        );
        assert_eq!(app.ports, app_was.ports);
        assert_eq!(app.resources, app_was.resources);
        assert_eq!(app.image, app_was.image);
        let sidecar = &spec.init_containers.as_ref().unwrap()[0];
        assert_eq!(sidecar.env, None);
        assert_eq!(sidecar.restart_policy.as_deref(), Some("Always"));
        assert_eq!(
            sidecar.resources,
            was.init_containers.as_ref().unwrap()[0].resources
        );
        let (status, status_was) = (p.status.as_ref().unwrap(), before.status.as_ref().unwrap());
        assert_eq!(status.phase, status_was.phase);
        assert_eq!(status.conditions, status_was.conditions);
        let (cs, cs_was) = (
            &status.container_statuses.as_ref().unwrap()[0],
            &status_was.container_statuses.as_ref().unwrap()[0],
        );
        assert_eq!(cs.state, None);
        assert_eq!(
            (&cs.resources, &cs.allocated_resources, cs.ready),
            (&cs_was.resources, &cs_was.allocated_resources, cs_was.ready)
        );
    }

    #[test]
    fn a_node_keeps_its_spec_conditions_and_resources() {
        let mut n: Node = serde_json::from_value(json!({
            "metadata": {"name": "n1", "labels": {"kubernetes.io/os": "linux"},
                "annotations": {"a": "b"}},
            "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}], "unschedulable": true},
            "status": {"allocatable": {"cpu": "4", "pods": "110"}, "capacity": {"cpu": "4"},
                "conditions": [{"type": "Ready", "status": "True"}],
                "images": [{"names": ["web:1"], "sizeBytes": 1}],
                "nodeInfo": {"architecture": "amd64", "bootID": "", "containerRuntimeVersion": "",
                    "kernelVersion": "", "kubeProxyVersion": "", "kubeletVersion": "v1.36.0",
                    "machineID": "", "operatingSystem": "linux", "osImage": "", "systemUUID": ""}}
        }))
        .expect("a valid node");
        let before = n.clone();
        node(&mut n);
        assert_eq!(n.metadata.labels, before.metadata.labels);
        assert_eq!(n.spec, before.spec);
        let (status, was) = (n.status.as_ref().unwrap(), before.status.as_ref().unwrap());
        assert_eq!(
            (&status.allocatable, &status.capacity, &status.conditions),
            (&was.allocatable, &was.capacity, &was.conditions)
        );
        assert_eq!((&status.images, &status.node_info), (&None, &None));
    }
}
