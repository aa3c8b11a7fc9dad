//! The snapshot indexed once and shared by every DaemonSet: what each node already carries in
//! the scheduler's eyes (pod count, requested resources, used host ports of bound, non-terminal
//! pods: the scheduler cache of `pkg/scheduler`, `framework.NodeInfo`), and the candidate pods
//! of each DaemonSet (controllerRef index and orphans by namespace, as the controller's
//! `podIndexer` serves them). Quantities of existing pods are parsed here, once.

use crate::host_ports::{host_ports, HostPort};
use crate::ownership::{controller_ref, namespace_of};
use crate::pod_util::is_terminal;
use crate::resources::{pod_requests, Problems, RequestOptions, Resources};
use dsplan_model::k8s_openapi::api::core::v1::Pod;
use dsplan_model::{FeatureGates, ForeignPod, Snapshot};
use std::collections::{BTreeMap, HashMap};

/// A host port in use on a node, and the pod using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedPort {
    /// The port.
    pub port: HostPort,
    /// `namespace/name` of the pod.
    pub used_by: String,
}

/// What a node already carries (`NodeInfo`: pods, `Requested`, `UsedPorts`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeUsage {
    /// Pods on the node.
    pub pods: u64,
    /// Sum of their requests, each pod rounded on its own.
    pub requested: Resources,
    /// Host ports in use.
    pub ports: Vec<UsedPort>,
}

static EMPTY_USAGE: NodeUsage = NodeUsage {
    pods: 0,
    requested: Resources {
        milli_cpu: 0,
        memory: 0,
        ephemeral_storage: 0,
        scalars: BTreeMap::new(),
        pods: 0,
    },
    ports: Vec::new(),
};

impl NodeUsage {
    /// Adds a pod as the scheduler cache would (bound or assumed).
    pub fn add_pod(&mut self, pod: &Pod, gates: &FeatureGates, problems: &mut Problems) {
        let requests = pod_requests(pod, RequestOptions::existing(gates), problems);
        let ports = pod.spec.as_ref().map(host_ports).unwrap_or_default();
        let name = pod.metadata.name.as_deref().unwrap_or_default();
        self.add(&requests, &ports, namespace_of(&pod.metadata), name);
    }

    /// Adds a reduced pod, its requests computed when it was read.
    pub fn add_foreign_pod(&mut self, pod: &ForeignPod) {
        self.add(&pod.requests, &pod.host_ports, &pod.namespace, &pod.name);
    }

    fn add(&mut self, requests: &Resources, ports: &[HostPort], namespace: &str, name: &str) {
        self.pods += 1;
        self.requested.add(requests);
        if ports.is_empty() {
            return;
        }
        let used_by = format!("{namespace}/{name}");
        self.ports.extend(ports.iter().map(|port| UsedPort {
            port: port.clone(),
            used_by: used_by.clone(),
        }));
    }
}

/// The shared index of one snapshot.
#[derive(Debug)]
pub struct ClusterIndex<'s> {
    snapshot: &'s Snapshot,
    gates: FeatureGates,
    usage: HashMap<&'s str, NodeUsage>,
    by_controller: HashMap<&'s str, HashMap<&'s str, Vec<usize>>>,
    orphans: HashMap<&'s str, Vec<usize>>,
    notes: Vec<String>,
}

impl<'s> ClusterIndex<'s> {
    /// Indexes `snapshot` with the default feature gates.
    pub fn new(snapshot: &'s Snapshot) -> Self {
        Self::with_gates(snapshot, &FeatureGates::default())
    }

    /// Indexes `snapshot`; `gates` decide how existing pods' requests count
    /// (`PodLevelResources`).
    pub fn with_gates(snapshot: &'s Snapshot, gates: &FeatureGates) -> Self {
        let mut problems = Problems::default();
        let mut usage: HashMap<&str, NodeUsage> = HashMap::new();
        let mut by_controller: HashMap<&str, HashMap<&str, Vec<usize>>> = HashMap::new();
        let mut orphans: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, obj) in snapshot.pods.iter().enumerate() {
            let pod = &obj.value;
            let namespace = namespace_of(&pod.metadata);
            match controller_ref(pod) {
                Some(reference) if reference.kind == "DaemonSet" => by_controller
                    .entry(namespace)
                    .or_default()
                    .entry(reference.name.as_str())
                    .or_default()
                    .push(i),
                Some(_) => {}
                None => orphans.entry(namespace).or_default().push(i),
            }
            let bound = pod.spec.as_ref().and_then(|s| s.node_name.as_deref());
            if let Some(node) = bound.filter(|n| !n.is_empty()) {
                if !is_terminal(pod) {
                    usage
                        .entry(node)
                        .or_insert_with(|| EMPTY_USAGE.clone())
                        .add_pod(pod, gates, &mut problems);
                }
            }
        }
        for pod in &snapshot.foreign_pods {
            problems.0.extend(pod.notes.iter().cloned());
            if let Some(node) = pod.counted_on() {
                usage
                    .entry(node)
                    .or_insert_with(|| EMPTY_USAGE.clone())
                    .add_foreign_pod(pod);
            }
        }
        Self {
            snapshot,
            gates: *gates,
            usage,
            by_controller,
            orphans,
            notes: problems.0,
        }
    }

    /// The snapshot indexed.
    pub fn snapshot(&self) -> &'s Snapshot {
        self.snapshot
    }

    /// The gates the index was built with.
    pub fn gates(&self) -> &FeatureGates {
        &self.gates
    }

    /// What the node named `node` carries (nothing when no pod is bound to it).
    pub fn usage(&self, node: &str) -> &NodeUsage {
        self.usage.get(node).unwrap_or(&EMPTY_USAGE)
    }

    /// Pods that a DaemonSet named `name` in `namespace` may claim: those whose controllerRef
    /// is a DaemonSet of that name, then the namespace's orphans, each in input order.
    pub fn candidates(&self, namespace: &str, name: &str) -> impl Iterator<Item = &'s Pod> + '_ {
        let owned = self
            .by_controller
            .get(namespace)
            .and_then(|by_name| by_name.get(name))
            .into_iter()
            .flatten();
        let orphans = self.orphans.get(namespace).into_iter().flatten();
        owned.chain(orphans).map(|i| &self.snapshot.pods[*i].value)
    }

    /// Problems found while indexing (quantities that do not parse), as report notes.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::{
        Container, ContainerPort, PodSpec, PodStatus, ResourceRequirements,
    };
    use dsplan_model::k8s_openapi::apimachinery::pkg::api::resource::Quantity;
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        ObjectMeta, OwnerReference,
    };
    use dsplan_model::{Obj, Source};

    fn pod(name: &str, node: &str, phase: &str, cpu: &str) -> Obj<Pod> {
        Obj::new(
            Pod {
                metadata: ObjectMeta {
                    name: Some(name.into()),
                    ..Default::default()
                },
                spec: Some(PodSpec {
                    node_name: Some(node.into()),
                    containers: vec![Container {
                        name: "c".into(),
                        ports: Some(vec![ContainerPort {
                            container_port: 80,
                            host_port: Some(80),
                            ..Default::default()
                        }]),
                        resources: Some(ResourceRequirements {
                            requests: Some([("cpu".to_owned(), Quantity(cpu.into()))].into()),
                            ..Default::default()
                        }),
                        ..Default::default()
                    }],
                    ..Default::default()
                }),
                status: Some(PodStatus {
                    phase: Some(phase.into()),
                    ..Default::default()
                }),
            },
            Source::default(),
        )
    }

    #[test]
    fn counts_bound_non_terminal_pods_rounding_each_pod() {
        let snapshot = Snapshot {
            pods: vec![
                pod("a", "n1", "Running", "0.5m"),
                pod("b", "n1", "Pending", "0.5m"),
                pod("c", "n1", "Succeeded", "1"),
                pod("d", "", "Pending", "1"),
            ],
            ..Default::default()
        };
        let index = ClusterIndex::new(&snapshot);
        let usage = index.usage("n1");
        assert_eq!(usage.pods, 2);
        assert_eq!(
            usage.requested.milli_cpu, 2,
            "each pod's 0.5m rounds up to 1m"
        );
        assert_eq!(usage.ports.len(), 2);
        assert_eq!(usage.ports[0].used_by, "default/a");
        assert_eq!(index.usage("n2").pods, 0);
        assert_eq!(
            index.candidates("default", "foo").count(),
            4,
            "all are orphans"
        );
    }

    /// Pods of a ReplicaSet count the same whether kept whole or reduced as they are read
    /// (`foreign_pod::reduce`), notes included; reduced, they are no DaemonSet's candidates.
    #[test]
    fn reduced_pods_count_as_whole_ones() {
        let owned = |obj: Obj<Pod>| {
            let mut pod = obj.value;
            pod.metadata.owner_references = Some(vec![OwnerReference {
                kind: "ReplicaSet".into(),
                name: "web".into(),
                uid: "rs-1".into(),
                controller: Some(true),
                ..Default::default()
            }]);
            pod
        };
        let pods = [
            owned(pod("a", "n1", "Running", "0.5m")),
            owned(pod("b", "n1", "Pending", "bad")),
            owned(pod("c", "n1", "Failed", "1")),
            owned(pod("d", "", "Pending", "1")),
        ];
        let whole = Snapshot {
            pods: pods
                .iter()
                .map(|p| Obj::new(p.clone(), Source::default()))
                .collect(),
            ..Default::default()
        };
        let reduced = Snapshot {
            foreign_pods: pods
                .iter()
                .map(|p| {
                    crate::foreign_pod::reduce(Box::new(p.clone())).expect("a ReplicaSet's pod")
                })
                .collect(),
            ..Default::default()
        };
        let (whole, reduced) = (ClusterIndex::new(&whole), ClusterIndex::new(&reduced));
        assert_eq!(reduced.usage("n1"), whole.usage("n1"));
        assert_eq!(reduced.usage("n1").pods, 2);
        assert_eq!(reduced.notes(), whole.notes());
        assert_eq!(reduced.notes().len(), 1, "{:?}", reduced.notes());
        assert_eq!(reduced.candidates("default", "web").count(), 0);
    }
}
