//! The controller's view of one DaemonSet: its nodes (already judged by `NodeShouldRunDaemonPod`
//! and the scheduler), its claimed pods, and the revision pods are compared against.
//!
//! This is the informer cache of `pkg/controller/daemon` reduced to what `manage`,
//! `rollingUpdate` and `updateDaemonSetStatus` read. The snapshot adapter builds it from
//! Kubernetes objects; tests build it directly.

use std::cmp::Ordering;
use std::collections::HashMap;

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// `spec.updateStrategy` after defaulting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    /// `OnDelete`: pods are replaced only when something else deletes them (R-OD1).
    OnDelete,
    /// `RollingUpdate`, with `spec.updateStrategy.rollingUpdate` (nil when absent).
    RollingUpdate(Option<RollingParams>),
}

/// `spec.updateStrategy.rollingUpdate`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollingParams {
    /// `maxUnavailable`.
    pub max_unavailable: Option<IntOrString>,
    /// `maxSurge`.
    pub max_surge: Option<IntOrString>,
}

impl Strategy {
    /// The strategy type string (R-C11).
    pub fn type_name(&self) -> &'static str {
        match self {
            Strategy::OnDelete => "OnDelete",
            Strategy::RollingUpdate(_) => "RollingUpdate",
        }
    }
}

/// A pod phase (`status.phase`); only the terminal ones change what the controller does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// `Pending` (also an unknown phase).
    Pending,
    /// `Running`.
    Running,
    /// `Succeeded`: manage deletes the pod (R-M1).
    Succeeded,
    /// `Failed`: manage deletes the pod, with per-node backoff (R-M1).
    Failed,
}

impl Phase {
    /// Succeeded or Failed.
    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Succeeded | Phase::Failed)
    }
}

/// The current revision, as `constructHistory` and the templateGeneration annotation give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// The `controller-revision-hash` new pods get (R-C1).
    pub hash: String,
    /// The `deprecated.daemonset.template.generation` annotation, when present and numeric (R-C3).
    pub generation: Option<i64>,
}

impl Revision {
    /// `util.IsPodUpdated` (R-P3): the hash label matches, or the template-generation label does.
    pub fn is_pod_updated(&self, pod: &SimPod) -> bool {
        let hash_matches = !self.hash.is_empty() && pod.hash.as_deref() == Some(self.hash.as_str());
        let generation_matches = match (self.generation, pod.generation.as_deref()) {
            (Some(generation), Some(label)) => label == generation.to_string(),
            _ => false,
        };
        hash_matches || generation_matches
    }

    /// The plain hash-label comparison manage() uses on the surge path (R-M7).
    pub fn has_hash(&self, pod: &SimPod) -> bool {
        pod.hash.as_deref() == Some(self.hash.as_str())
    }
}

/// One node in the controller's node list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimNode {
    /// `metadata.name`.
    pub name: String,
    /// `NodeShouldRunDaemonPod` first result (R-N2).
    pub should_run: bool,
    /// `NodeShouldRunDaemonPod` second result (R-N2).
    pub should_continue_running: bool,
    /// The node's `Ready` condition is `True`: its kubelet starts pods. Only the timeline reads it.
    pub kubelet_ready: bool,
    /// Why a new daemon pod would stay Pending here. Only the timeline reads it.
    pub fit: Fit,
}

impl SimNode {
    /// An eligible, Ready node where a new pod always fits.
    pub fn eligible(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            should_run: true,
            should_continue_running: true,
            kubelet_ready: true,
            fit: Fit::default(),
        }
    }
}

/// Whether the default scheduler binds a new daemon pod on a node: the first failing Filter
/// plugin's reasons, empty when it fits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fit {
    /// Reasons when the node holds none of this DaemonSet's pods (they were replaced).
    pub alone: Vec<String>,
    /// Reasons when the node still holds a pod of this DaemonSet (the surge case: room for two
    /// pods, and host ports the old pod holds).
    pub beside_daemon_pod: Vec<String>,
}

/// One pod of the DaemonSet (claimed per R-P1), reduced to what the controller reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimPod {
    /// `metadata.name`.
    pub name: String,
    /// Target node (R-P2).
    pub node: String,
    /// `controller-revision-hash` label.
    pub hash: Option<String>,
    /// `pod-template-generation` label.
    pub generation: Option<String>,
    /// `spec.nodeName` is set.
    pub bound: bool,
    /// `creationTimestamp`, seconds on the simulation clock.
    pub created: i64,
    /// `status.phase`.
    pub phase: Phase,
    /// Condition `Ready` is `True`.
    pub ready: bool,
    /// The Ready condition's `lastTransitionTime`, seconds; `None` is Go's zero time.
    pub ready_since: Option<i64>,
    /// `deletionTimestamp`, seconds, when the pod is terminating.
    pub deleted_at: Option<i64>,
}

impl SimPod {
    /// The pod has a deletionTimestamp.
    pub fn is_deleting(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// `getNodesToDaemonPods(includeDeletedTerminal=false)` keeps the pod (R-P1): it is not a
    /// terminal pod with a deletionTimestamp.
    pub fn is_listed(&self) -> bool {
        !(self.phase.is_terminal() && self.is_deleting())
    }

    /// `podutil.IsPodReady` (R-P4).
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// `podutil.IsPodAvailable` (R-P5), with the inclusive boundary of v1.34+.
    pub fn is_available(&self, min_ready_seconds: i64, now: i64) -> bool {
        if !self.ready {
            return false;
        }
        if min_ready_seconds <= 0 {
            return true;
        }
        self.ready_since
            .is_some_and(|since| since.saturating_add(min_ready_seconds) <= now)
    }
}

/// The DaemonSet fields the controller reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimDaemonSet {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `spec.updateStrategy`.
    pub strategy: Strategy,
    /// `spec.minReadySeconds`.
    pub min_ready_seconds: i64,
    /// The current revision.
    pub revision: Revision,
    /// `metadata.generation`.
    pub generation: i64,
}

/// The informer cache for one DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct World {
    /// The DaemonSet.
    pub ds: SimDaemonSet,
    /// The node list, in the order manage() walks it.
    pub nodes: Vec<SimNode>,
    /// The DaemonSet's pods.
    pub pods: Vec<SimPod>,
}

impl World {
    /// The node named `name`, if it is in the node list.
    pub fn node(&self, name: &str) -> Option<&SimNode> {
        self.nodes.iter().find(|node| node.name == name)
    }

    /// `getNodesToDaemonPods(includeDeletedTerminal=false)` (R-P1): pods grouped by target node,
    /// each group oldest first (R-M6), without terminal pods that have a deletionTimestamp.
    pub fn pods_by_node(&self) -> HashMap<&str, Vec<&SimPod>> {
        let mut map: HashMap<&str, Vec<&SimPod>> = HashMap::new();
        for pod in self.pods.iter().filter(|pod| pod.is_listed()) {
            map.entry(pod.node.as_str()).or_default().push(pod);
        }
        for pods in map.values_mut() {
            sort_oldest_first(pods);
        }
        map
    }
}

/// `podByCreationTimestampAndPhase` (R-M6): bound pods first, then older creationTimestamp,
/// then name.
pub fn sort_oldest_first(pods: &mut [&SimPod]) {
    pods.sort_by(|a, b| oldest_first(a, b));
}

/// The order of [`sort_oldest_first`].
pub fn oldest_first(a: &SimPod, b: &SimPod) -> Ordering {
    b.bound
        .cmp(&a.bound)
        .then(a.created.cmp(&b.created))
        .then(a.name.cmp(&b.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str, bound: bool, created: i64) -> SimPod {
        SimPod {
            name: name.into(),
            node: "n".into(),
            hash: None,
            generation: None,
            bound,
            created,
            phase: Phase::Running,
            ready: true,
            ready_since: Some(0),
            deleted_at: None,
        }
    }

    #[test]
    fn oldest_first_puts_bound_pods_before_older_unbound_ones() {
        let (a, b, c) = (pod("a", false, 1), pod("b", true, 9), pod("c", true, 9));
        let mut pods = vec![&a, &c, &b];
        sort_oldest_first(&mut pods);
        let names: Vec<&str> = pods.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["b", "c", "a"]);
    }

    #[test]
    fn updated_by_hash_or_generation_label() {
        let revision = Revision {
            hash: "h2".into(),
            generation: Some(2),
        };
        let mut p = pod("p", true, 0);
        assert!(!revision.is_pod_updated(&p));
        p.generation = Some("2".into());
        assert!(revision.is_pod_updated(&p));
        assert!(
            !revision.has_hash(&p),
            "manage's surge test ignores the generation label"
        );
        p.hash = Some("h2".into());
        assert!(revision.has_hash(&p));
    }
}
