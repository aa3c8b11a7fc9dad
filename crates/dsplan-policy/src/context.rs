//! What the rules look at: each planned DaemonSet with its object and manifest location, and
//! the snapshot's nodes by name and its pods (whole and reduced) by node.

use std::collections::{BTreeMap, HashMap};

use dsplan_core::{DaemonSetPlan, NodePlan, PlanReport};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod, PodSpec};
use dsplan_model::{ForeignPod, Obj, Snapshot};

use crate::finding::{DaemonSetRef, Location};

/// One DaemonSet of the plan, with the object it was planned from.
pub(crate) struct Target<'a> {
    pub(crate) plan: &'a DaemonSetPlan,
    /// The proposed version when there is one, else the snapshot's; `None` when the plan names
    /// a DaemonSet the snapshot does not have.
    pub(crate) object: Option<&'a Obj<DaemonSet>>,
    pub(crate) reference: DaemonSetRef,
}

impl<'a> Target<'a> {
    pub(crate) fn labels(&self) -> Option<&'a BTreeMap<String, String>> {
        self.object.and_then(|o| o.value.metadata.labels.as_ref())
    }

    pub(crate) fn pod_spec(&self) -> Option<&'a PodSpec> {
        self.object
            .and_then(|o| o.value.spec.as_ref())
            .and_then(|s| s.template.spec.as_ref())
    }

    pub(crate) fn location(&self) -> Option<Location> {
        self.object.map(|o| Location {
            file: o.source.file.clone(),
            line: o.source.line,
        })
    }
}

/// The inputs of one check, indexed.
pub(crate) struct Context<'a> {
    pub(crate) snapshot: &'a Snapshot,
    pub(crate) targets: Vec<Target<'a>>,
    nodes: HashMap<&'a str, &'a Node>,
    /// Pods bound to each node, in input order, so that per-node rules do not scan every pod.
    pods_on: HashMap<&'a str, Vec<&'a Pod>>,
    /// Reduced pods bound to each node, in input order.
    foreign_pods_on: HashMap<&'a str, Vec<&'a ForeignPod>>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(snapshot: &'a Snapshot, plan: &'a PlanReport) -> Self {
        let find = |list: &'a [Obj<DaemonSet>], ns: &str, name: &str| {
            list.iter().find(|o| {
                namespace_of(&o.value) == ns && o.value.metadata.name.as_deref() == Some(name)
            })
        };
        let targets = plan
            .daemon_sets
            .iter()
            .map(|ds| Target {
                plan: ds,
                object: find(&snapshot.proposed_daemon_sets, &ds.namespace, &ds.name)
                    .or_else(|| find(&snapshot.daemon_sets, &ds.namespace, &ds.name)),
                reference: DaemonSetRef {
                    namespace: ds.namespace.clone(),
                    name: ds.name.clone(),
                },
            })
            .collect();
        let nodes = snapshot
            .nodes
            .iter()
            .filter_map(|n| {
                n.value
                    .metadata
                    .name
                    .as_deref()
                    .map(|name| (name, &n.value))
            })
            .collect();
        let mut pods_on: HashMap<&str, Vec<&Pod>> = HashMap::new();
        for pod in snapshot.pods.iter().map(|p| &p.value) {
            if let Some(node) = pod.spec.as_ref().and_then(|s| s.node_name.as_deref()) {
                pods_on.entry(node).or_default().push(pod);
            }
        }
        let mut foreign_pods_on: HashMap<&str, Vec<&ForeignPod>> = HashMap::new();
        for pod in &snapshot.foreign_pods {
            if let Some(node) = pod.node_name.as_deref() {
                foreign_pods_on.entry(node).or_default().push(pod);
            }
        }
        Self {
            snapshot,
            targets,
            nodes,
            pods_on,
            foreign_pods_on,
        }
    }

    /// The pods bound to node `name`, in input order.
    pub(crate) fn pods_on(&self, name: &str) -> &[&'a Pod] {
        self.pods_on.get(name).map_or(&[], Vec::as_slice)
    }

    /// The reduced pods bound to node `name`, in input order.
    pub(crate) fn foreign_pods_on(&self, name: &str) -> &[&'a ForeignPod] {
        self.foreign_pods_on.get(name).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn node(&self, name: &str) -> Option<&'a Node> {
        self.nodes.get(name).copied()
    }

    pub(crate) fn node_labels(&self, name: &str) -> Option<&'a BTreeMap<String, String>> {
        self.node(name).and_then(|n| n.metadata.labels.as_ref())
    }
}

/// `metadata.namespace`, `default` when absent (as the API server defaults it).
pub(crate) fn namespace_of(ds: &DaemonSet) -> &str {
    ds.metadata.namespace.as_deref().unwrap_or("default")
}

/// Whether the DaemonSet has, or will have, a pod on the node: the controller wants one
/// there, or an existing pod may stay (`shouldContinueRunning` with a pod).
pub(crate) fn runs_on(node: &NodePlan) -> bool {
    node.should_run || (node.should_continue_running && !node.pods.is_empty())
}

/// Whether the DaemonSet's pod actually runs there: wanted and schedulable, or an existing pod
/// that may stay.
pub(crate) fn covered(node: &NodePlan) -> bool {
    (node.should_run && node.schedulable != Some(false))
        || (node.should_continue_running && !node.pods.is_empty())
}
