//! The pod the DaemonSet controller creates on a node, as the scheduler then sees it:
//! `util.CreatePodTemplate` (template copy, default tolerations, generation label),
//! `ReplaceDaemonSetPodNodeNameNodeAffinity` (required node affinity replaced by
//! `metadata.name In [node]`), `controller.GetPodFromTemplate` (namespace, generateName,
//! controllerRef), then the API server's Pod defaulting (`pkg/apis/core/v1/defaults.go`
//! `SetDefaults_Pod`, `SetDefaults_PodSpec`, `SetDefaults_ContainerPort`).

use crate::node_affinity::NODE_NAME_FIELD;
use crate::ownership::namespace_of;
use crate::resources::is_pod_level_resource;
use crate::tolerations::with_daemon_tolerations;
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{
    Affinity, Container, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
    Pod, PodSpec,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use std::collections::BTreeMap;

/// `extensions.DaemonSetTemplateGenerationKey`: the legacy generation label on daemon pods.
pub const GENERATION_LABEL: &str = "pod-template-generation";
/// `apps.DeprecatedTemplateGeneration`: the DaemonSet annotation holding it.
pub const GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";
/// `apps.DefaultDaemonSetUniqueLabelKey` (`controller-revision-hash`).
pub const HASH_LABEL: &str = "controller-revision-hash";

/// `util.GetTemplateGeneration`: the annotation as int64 (`None` when absent or not a number).
pub fn template_generation(ds: &DaemonSet) -> Option<i64> {
    ds.metadata
        .annotations
        .as_ref()?
        .get(GENERATION_ANNOTATION)?
        .parse()
        .ok()
}

/// The pod the controller creates for `ds` on `node_name`, after Pod defaulting. It carries no
/// `controller-revision-hash` label: the hash is the ControllerRevision's, which the pod's
/// placement does not depend on.
pub fn new_pod(ds: &DaemonSet, node_name: &str) -> Pod {
    let template = ds.spec.as_ref().map(|s| &s.template);
    let mut metadata = template
        .and_then(|t| t.metadata.clone())
        .unwrap_or_default();
    let mut spec = template.and_then(|t| t.spec.clone()).unwrap_or_default();
    let host_network = spec.host_network == Some(true);
    spec.tolerations = Some(with_daemon_tolerations(
        spec.tolerations.as_deref().unwrap_or_default(),
        host_network,
    ));
    if let Some(generation) = template_generation(ds) {
        metadata
            .labels
            .get_or_insert_with(BTreeMap::new)
            .insert(GENERATION_LABEL.to_owned(), generation.to_string());
    }
    replace_node_affinity(&mut spec, node_name);
    default_pod_spec(&mut spec);
    let name = ds.metadata.name.clone().unwrap_or_default();
    metadata.namespace = Some(namespace_of(&ds.metadata).to_owned());
    metadata.generate_name = Some(generate_name(&name));
    metadata.owner_references = Some(vec![OwnerReference {
        api_version: "apps/v1".to_owned(),
        kind: "DaemonSet".to_owned(),
        name,
        uid: ds.metadata.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }]);
    Pod {
        metadata,
        spec: Some(spec),
        status: None,
    }
}

/// `<name>-`, or `<name>` when `<name>-` is not a valid pod name prefix
/// (`ValidatePodName(prefix, true)`: a trailing dash is allowed, the rest must be a DNS-1123
/// subdomain).
fn generate_name(name: &str) -> String {
    let masked = format!("{name}a");
    if crate::label_selector::is_dns1123_subdomain(&masked) {
        format!("{name}-")
    } else {
        name.to_owned()
    }
}

/// `ReplaceDaemonSetPodNodeNameNodeAffinity`: every required term is replaced by the one term
/// `metadata.name In [node_name]`; preferred terms and pod (anti-)affinity stay.
fn replace_node_affinity(spec: &mut PodSpec, node_name: &str) {
    let term = NodeSelectorTerm {
        match_expressions: None,
        match_fields: Some(vec![NodeSelectorRequirement {
            key: NODE_NAME_FIELD.to_owned(),
            operator: "In".to_owned(),
            values: Some(vec![node_name.to_owned()]),
        }]),
    };
    let node_affinity = spec
        .affinity
        .get_or_insert_with(Affinity::default)
        .node_affinity
        .get_or_insert_with(NodeAffinity::default);
    node_affinity.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
}

/// Whether Pod defaulting would add requests to `spec`: a container limit without its
/// request, or pod-level limits (`defaultPodRequests` may fill pod-level requests).
pub(crate) fn needs_request_defaulting(spec: &PodSpec) -> bool {
    let init = spec.init_containers.iter().flatten();
    let container_gap = spec.containers.iter().chain(init).any(|c| {
        c.resources.as_ref().is_some_and(|r| {
            r.limits.iter().flatten().any(|(name, _)| {
                !r.requests
                    .as_ref()
                    .is_some_and(|requests| requests.contains_key(name))
            })
        })
    });
    let pod_limits = spec
        .resources
        .as_ref()
        .is_some_and(|r| r.limits.as_ref().is_some_and(|l| !l.is_empty()));
    container_gap || pod_limits
}

/// The parts of Pod defaulting the scheduler reads (`pkg/apis/core/v1/defaults.go`
/// `SetDefaults_Pod`): requests from limits, host ports of `hostNetwork` pods, port protocol,
/// pod-level requests.
pub(crate) fn default_pod_spec(spec: &mut PodSpec) {
    let host_network = spec.host_network == Some(true);
    let init = spec.init_containers.iter_mut().flatten();
    for container in spec.containers.iter_mut().chain(init) {
        default_container(container, host_network);
    }
    default_pod_requests(spec);
}

fn default_container(container: &mut Container, host_network: bool) {
    if let Some(resources) = container.resources.as_mut() {
        if let Some(limits) = resources.limits.as_ref() {
            let requests = resources.requests.get_or_insert_with(BTreeMap::new);
            for (name, limit) in limits {
                requests
                    .entry(name.clone())
                    .or_insert_with(|| limit.clone());
            }
        }
    }
    for port in container.ports.iter_mut().flatten() {
        if host_network && port.host_port.unwrap_or(0) == 0 {
            port.host_port = Some(port.container_port);
        }
        if port.protocol.as_deref().unwrap_or_default().is_empty() {
            port.protocol = Some("TCP".to_owned());
        }
    }
}

/// `defaultPodRequests`: with pod-level limits, a supported resource without a pod-level
/// request gets the containers' aggregate request when it is overcommittable (not hugepages,
/// `IsOvercommitAllowed`), else the pod-level limit.
fn default_pod_requests(spec: &mut PodSpec) {
    let Some(limits) = spec.resources.as_ref().and_then(|r| r.limits.clone()) else {
        return;
    };
    if limits.is_empty() {
        return;
    }
    let aggregate = container_request_names(spec);
    let Some(resources) = spec.resources.as_mut() else {
        return;
    };
    let mut requests = resources.requests.clone().unwrap_or_default();
    for (name, q) in aggregate {
        if is_pod_level_resource(&name) && !name.starts_with("hugepages-") {
            requests.entry(name).or_insert(q);
        }
    }
    for (name, q) in limits {
        if is_pod_level_resource(&name) {
            requests.entry(name).or_insert(q);
        }
    }
    if !requests.is_empty() {
        resources.requests = Some(requests);
    }
}

/// `AggregateContainerRequests` of the spec as API quantities.
fn container_request_names(spec: &PodSpec) -> BTreeMap<String, ApiQuantity> {
    let mut problems = crate::resources::Problems::default();
    crate::resources::aggregate_container_requests(spec, &mut problems)
        .into_iter()
        .map(|(name, q)| (name, ApiQuantity(q.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::apps::v1::DaemonSetSpec;
    use dsplan_model::k8s_openapi::api::core::v1::{
        ContainerPort, PodTemplateSpec, ResourceRequirements,
    };
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn ds(spec: PodSpec) -> DaemonSet {
        DaemonSet {
            metadata: ObjectMeta {
                name: Some("foo".into()),
                uid: Some("u".into()),
                annotations: Some([(GENERATION_ANNOTATION.to_owned(), "3".to_owned())].into()),
                ..Default::default()
            },
            spec: Some(DaemonSetSpec {
                template: PodTemplateSpec {
                    spec: Some(spec),
                    ..Default::default()
                },
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn created_pod_targets_the_node_and_is_defaulted() {
        let user_term = NodeSelectorTerm {
            match_expressions: Some(vec![NodeSelectorRequirement {
                key: "zone".into(),
                operator: "In".into(),
                values: Some(vec!["a".into()]),
            }]),
            match_fields: None,
        };
        let spec = PodSpec {
            host_network: Some(true),
            affinity: Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                        node_selector_terms: vec![user_term],
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            containers: vec![Container {
                name: "c".into(),
                ports: Some(vec![ContainerPort {
                    container_port: 9100,
                    ..Default::default()
                }]),
                resources: Some(ResourceRequirements {
                    limits: Some([("cpu".to_owned(), ApiQuantity("1".into()))].into()),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            ..Default::default()
        };
        let pod = new_pod(&ds(spec), "node-1");
        assert_eq!(crate::ownership::target_node_name(&pod), Some("node-1"));
        let spec = pod.spec.as_ref().expect("spec");
        let terms = &spec
            .affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|n| {
                n.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })
            .expect("required")
            .node_selector_terms;
        assert_eq!(terms.len(), 1, "user terms are replaced");
        let port = &spec.containers[0].ports.as_ref().expect("ports")[0];
        assert_eq!(
            (port.host_port, port.protocol.as_deref()),
            (Some(9100), Some("TCP"))
        );
        let requests = spec.containers[0]
            .resources
            .as_ref()
            .and_then(|r| r.requests.as_ref());
        assert_eq!(
            requests.and_then(|r| r.get("cpu")),
            Some(&ApiQuantity("1".into()))
        );
        assert_eq!(spec.tolerations.as_ref().map(Vec::len), Some(7));
        assert_eq!(pod.metadata.generate_name.as_deref(), Some("foo-"));
        let labels = pod.metadata.labels.as_ref().expect("labels");
        assert_eq!(labels.get(GENERATION_LABEL).map(String::as_str), Some("3"));
        assert_eq!(spec.node_name, None, "left to the scheduler");
    }
}
