//! Pod objects as `kubectl get pods -A -o json` prints them: the node's DaemonSet pods, its
//! static control-plane pods, and Deployment pods filling it up to the requested count, each
//! with requests, ports, owner references and a Running status.

use crate::pools::{Health, NodeSlot};
use crate::seed::{self, Stream};
use crate::template::{tcp, tolerate_everything, Container, Template};
use crate::workloads::{Identity, IdentityTable, DAEMON_SETS, DEPLOYMENTS};
use fastrand::Rng;
use serde_json::{json, Value};

/// What owns a pod.
enum Owner<'a> {
    DaemonSet(&'a Identity),
    ReplicaSet(&'a Identity),
    /// A static (mirror) pod, owned by its node.
    Node,
}

/// A control-plane component kubelet runs from a manifest.
const fn component(name: &'static str, containers: &'static [Container]) -> Template {
    Template {
        namespace: "kube-system",
        name,
        containers,
        host_network: true,
        priority_class: Some("system-node-critical"),
        node_selector: &[],
        affinity: None,
        tolerations: tolerate_everything,
    }
}

const fn container(
    name: &'static str,
    image: &'static str,
    cpu_milli: u32,
    memory_mi: u32,
    ports: &'static [crate::template::Port],
) -> Container {
    Container {
        name,
        image,
        cpu_milli,
        memory_mi,
        gpus: 0,
        ports,
    }
}

/// The static pods of every control-plane node.
static STATIC_PODS: [Template; 4] = [
    component(
        "etcd",
        &[container(
            "etcd",
            "registry.k8s.io/etcd:3.6.5-0",
            100,
            100,
            &[tcp("probe-port", 2381)],
        )],
    ),
    component(
        "kube-apiserver",
        &[container(
            "kube-apiserver",
            "registry.k8s.io/kube-apiserver:v1.36.2",
            250,
            512,
            &[tcp("probe-port", 6443)],
        )],
    ),
    component(
        "kube-controller-manager",
        &[container(
            "kube-controller-manager",
            "registry.k8s.io/kube-controller-manager:v1.36.2",
            200,
            128,
            &[tcp("probe-port", 10257)],
        )],
    ),
    component(
        "kube-scheduler",
        &[container(
            "kube-scheduler",
            "registry.k8s.io/kube-scheduler:v1.36.2",
            100,
            64,
            &[tcp("probe-port", 10259)],
        )],
    ),
];

/// The `per_node` pods bound to the node of `slot`.
pub(crate) fn pods_of_node(
    seed: u64,
    slot: &NodeSlot,
    per_node: usize,
    ids: &IdentityTable,
) -> Vec<Value> {
    let mut rng = seed::rng(seed, Stream::Pod, slot.index as u64);
    let mut chosen: Vec<(&Template, Owner<'_>)> = Vec::with_capacity(per_node);
    for (workload, id) in DAEMON_SETS.iter().zip(&ids.daemon_sets) {
        if (workload.runs_on)(slot.pool) {
            chosen.push((&workload.template, Owner::DaemonSet(id)));
        }
    }
    if slot.pool.control_plane {
        chosen.extend(STATIC_PODS.iter().map(|t| (t, Owner::Node)));
    }
    chosen.truncate(per_node);
    fill(&mut rng, slot, per_node, ids, &mut chosen);

    let first = (slot.index * per_node) as u64;
    chosen
        .iter()
        .enumerate()
        .map(|(i, (template, owner))| pod(&mut rng, slot, first + i as u64, template, owner))
        .collect()
}

/// Adds Deployment pods until the node has `per_node` pods, without requesting more than the
/// node has (the scheduler would not have placed them) unless nothing smaller is left.
fn fill<'a>(
    rng: &mut Rng,
    slot: &NodeSlot,
    per_node: usize,
    ids: &'a IdentityTable,
    chosen: &mut Vec<(&'a Template, Owner<'a>)>,
) {
    let mut cpu = slot.allocatable_cpu_milli();
    let mut memory = slot.allocatable_memory_ki() / 1024;
    let mut gpus = slot.pool.gpus;
    for (t, _) in chosen.iter() {
        cpu = cpu.saturating_sub(t.cpu_milli());
        memory = memory.saturating_sub(t.memory_mi());
    }
    let candidates: Vec<usize> = (0..DEPLOYMENTS.len())
        .filter(|&d| (DEPLOYMENTS[d].runs_on)(slot.pool))
        .collect();
    let Some(&smallest) = candidates
        .iter()
        .filter(|&&d| DEPLOYMENTS[d].template.gpus() == 0 && !has_host_ports(d))
        .min_by_key(|&&d| DEPLOYMENTS[d].template.cpu_milli())
    else {
        return;
    };
    let mut host_ports_taken = false;
    while chosen.len() < per_node {
        let fits = |d: usize| {
            let t = &DEPLOYMENTS[d].template;
            t.cpu_milli() <= cpu
                && t.memory_mi() <= memory
                && t.gpus() <= gpus
                && !(host_ports_taken && has_host_ports(d))
        };
        let pick = (0..4)
            .map(|_| candidates[rng.usize(..candidates.len())])
            .find(|&d| fits(d))
            .unwrap_or(smallest);
        let t = &DEPLOYMENTS[pick].template;
        cpu = cpu.saturating_sub(t.cpu_milli());
        memory = memory.saturating_sub(t.memory_mi());
        gpus = gpus.saturating_sub(t.gpus());
        host_ports_taken |= has_host_ports(pick);
        chosen.push((t, Owner::ReplicaSet(&ids.deployments[pick])));
    }
}

fn has_host_ports(deployment: usize) -> bool {
    DEPLOYMENTS[deployment]
        .template
        .host_ports()
        .next()
        .is_some()
}

/// One pod; `n` is its index in the whole snapshot, which keeps its name unique.
fn pod(rng: &mut Rng, slot: &NodeSlot, n: u64, template: &Template, owner: &Owner<'_>) -> Value {
    let app = template.name;
    let suffix = seed::unique_suffix(n);
    let (name, generate_name, labels, owner_reference) = match owner {
        Owner::DaemonSet(id) => (
            format!("{app}-{suffix}"),
            Some(format!("{app}-")),
            json!({
                "app.kubernetes.io/name": app,
                "controller-revision-hash": id.hash,
                "pod-template-generation": id.generation.to_string(),
            }),
            json!({"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "DaemonSet", "name": app, "uid": id.uid}),
        ),
        Owner::ReplicaSet(id) => {
            let replica_set = format!("{app}-{}", id.hash);
            (
                format!("{replica_set}-{suffix}"),
                Some(format!("{replica_set}-")),
                json!({"app.kubernetes.io/name": app, "pod-template-hash": id.hash}),
                json!({"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true, "kind": "ReplicaSet", "name": replica_set, "uid": id.uid}),
            )
        }
        Owner::Node => (
            format!("{app}-{}", slot.name),
            None,
            json!({"component": app, "tier": "control-plane"}),
            json!({"apiVersion": "v1", "controller": true, "kind": "Node", "name": slot.name, "uid": slot.uid}),
        ),
    };

    let token_volume = format!("kube-api-access-{}", seed::suffix(rng, 5));
    let mut tolerations = (template.tolerations)();
    if let (Owner::DaemonSet(_), Some(list)) = (owner, tolerations.as_array_mut()) {
        list.extend(daemon_set_tolerations(template.host_network));
    } else if let (Owner::ReplicaSet(_), Some(list)) = (owner, tolerations.as_array_mut()) {
        list.extend(default_not_ready_tolerations());
    }
    let mut spec = template.stored_spec(Some(&token_volume), tolerations);
    spec["nodeName"] = slot.name.as_str().into();
    if let Owner::DaemonSet(_) = owner {
        // The controller pins each daemon pod to its node (`ReplaceDaemonSetPodNodeNameNodeAffinity`).
        spec["affinity"] = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": [slot.name]}]}],
        }}});
    }

    let created = seed::timestamp(rng);
    let mut metadata = json!({
        "creationTimestamp": created,
        "labels": labels,
        "name": name,
        "namespace": template.namespace,
        "ownerReferences": [owner_reference],
        "resourceVersion": rng.u32(100_000_000..999_999_999).to_string(),
        "uid": seed::uid(rng),
    });
    if let Some(generate_name) = generate_name {
        metadata["generateName"] = generate_name.into();
    }
    let pod_ip = if template.host_network {
        slot.address()
    } else {
        let [a, b, c, _] = slot.ip;
        format!(
            "{a}.{b}.{}.{}",
            c.wrapping_add(rng.u8(1..4) * 16),
            rng.u8(1..255)
        )
    };
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": metadata,
        "spec": spec,
        "status": status(rng, slot, template, &created, &pod_ip),
    })
}

/// The tolerations the DaemonSet controller adds to every daemon pod
/// (`pkg/controller/daemon/util/daemonset_util.go: AddOrUpdateDaemonPodTolerations`).
fn daemon_set_tolerations(host_network: bool) -> Vec<Value> {
    let mut out: Vec<Value> = [
        ("node.kubernetes.io/not-ready", "NoExecute"),
        ("node.kubernetes.io/unreachable", "NoExecute"),
        ("node.kubernetes.io/disk-pressure", "NoSchedule"),
        ("node.kubernetes.io/memory-pressure", "NoSchedule"),
        ("node.kubernetes.io/pid-pressure", "NoSchedule"),
        ("node.kubernetes.io/unschedulable", "NoSchedule"),
    ]
    .iter()
    .map(|(key, effect)| json!({"effect": effect, "key": key, "operator": "Exists"}))
    .collect();
    if host_network {
        out.push(json!({"effect": "NoSchedule", "key": "node.kubernetes.io/network-unavailable", "operator": "Exists"}));
    }
    out
}

/// The tolerations the DefaultTolerationSeconds admission plugin adds to other pods.
fn default_not_ready_tolerations() -> [Value; 2] {
    ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"].map(|key| {
        json!({"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300})
    })
}

/// A Running pod's status; not Ready on an unreachable node.
fn status(
    rng: &mut Rng,
    slot: &NodeSlot,
    template: &Template,
    created: &str,
    pod_ip: &str,
) -> Value {
    let ready = if slot.health == Health::Unreachable {
        "False"
    } else {
        "True"
    };
    let condition = |kind: &str, status: &str| json!({"lastProbeTime": null, "lastTransitionTime": created, "status": status, "type": kind});
    let containers: Vec<Value> = template
        .containers
        .iter()
        .map(|c| {
            let (repository, _) = c.image.rsplit_once(':').unwrap_or((c.image, ""));
            json!({
                "containerID": format!("containerd://{}", seed::hex(rng, 64)),
                "image": c.image,
                "imageID": format!("{repository}@sha256:{}", seed::hex(rng, 64)),
                "lastState": {},
                "name": c.name,
                "ready": ready == "True",
                "restartCount": rng.u32(..3),
                "started": true,
                "state": {"running": {"startedAt": created}},
            })
        })
        .collect();
    let host_ip = slot.address();
    json!({
        "conditions": [
            condition("PodReadyToStartContainers", "True"),
            condition("Initialized", "True"),
            condition("Ready", ready),
            condition("ContainersReady", ready),
            condition("PodScheduled", "True"),
        ],
        "containerStatuses": containers,
        "hostIP": host_ip,
        "hostIPs": [{"ip": host_ip}],
        "phase": "Running",
        "podIP": pod_ip,
        "podIPs": [{"ip": pod_ip}],
        "qosClass": "Burstable",
        "startTime": created,
    })
}
