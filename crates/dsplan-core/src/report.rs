//! The plan report: what dsplan answers for each DaemonSet and node.
//!
//! These types are the wire contract of `dsplan plan -o json` and of every front end (component,
//! browser, SDKs): field names are camelCase, enums are the strings documented on each variant.

use serde::{Deserialize, Serialize};

/// The answer to "which nodes get a daemon pod, and why not the others", for every DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanReport {
    /// One entry per DaemonSet, in input order.
    pub daemon_sets: Vec<DaemonSetPlan>,
    /// Things the user should know that are not errors (skipped kinds, legacy API versions).
    pub notes: Vec<String>,
}

/// The plan for one DaemonSet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetPlan {
    /// `metadata.namespace` (`default` when absent).
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// Status counters and action totals, as the controller computes them.
    pub summary: PlanSummary,
    /// One entry per node of the snapshot, in input order.
    pub nodes: Vec<NodePlan>,
    /// Unscheduled pods of this DaemonSet whose target node is not in the snapshot: the controller
    /// deletes them (`getUnscheduledPodsWithoutNode`). Pod names.
    pub delete_pods_without_node: Vec<String>,
    /// Controller events for the DaemonSet itself (for example `SelectingAll`).
    pub events: Vec<Event>,
}

/// Status counters (`updateDaemonSetStatus`) and totals of this sync's actions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Nodes in the snapshot.
    pub nodes: u32,
    /// Nodes where `shouldRun` holds.
    pub desired_number_scheduled: u32,
    /// Nodes where `shouldRun` holds and a daemon pod exists.
    pub current_number_scheduled: u32,
    /// Nodes where `shouldRun` does not hold but a daemon pod exists.
    pub number_misscheduled: u32,
    /// Desired nodes whose first daemon pod is Ready.
    pub number_ready: u32,
    /// Desired nodes whose first daemon pod is available (Ready for `minReadySeconds`).
    pub number_available: u32,
    /// Desired nodes whose first daemon pod runs the current template.
    pub updated_number_scheduled: u32,
    /// `desiredNumberScheduled - numberAvailable`.
    pub number_unavailable: u32,
    /// Pods the controller creates in this sync.
    pub creates: u32,
    /// Pods the controller deletes in this sync.
    pub deletes: u32,
    /// Nodes where a pod would be created but the scheduler would leave it Pending.
    pub pending: u32,
}

/// The plan for one (DaemonSet, node) pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePlan {
    /// The node's name.
    pub node: String,
    /// `NodeShouldRunDaemonPod`'s first result: a pod should be created here.
    pub should_run: bool,
    /// `NodeShouldRunDaemonPod`'s second result: an existing pod may stay.
    pub should_continue_running: bool,
    /// Which controller rule decided.
    pub controller_decision: ControllerDecision,
    /// Whether the default kube-scheduler would bind the pod the controller creates here; `null`
    /// when no pod is created (shouldRun false, a pod exists) or the template sets `nodeName`.
    pub schedulable: Option<bool>,
    /// Upstream's exact reason strings: the first failing scheduler Filter plugin's reasons, or
    /// the scheduler-equivalent reason of the controller decision when `shouldRun` is false.
    pub reasons: Vec<String>,
    /// What the controller does on this node in this sync.
    pub action: Action,
    /// Pods the controller creates here in this sync (0 or 1).
    pub creates: u32,
    /// Names of daemon pods the controller deletes here in this sync, in deletion order.
    pub delete_pods: Vec<String>,
    /// Names of this DaemonSet's pods on the node (after claiming), oldest first.
    pub pods: Vec<String>,
    /// Why, in detail: the untolerated taint, the resource with requested vs free, and so on.
    pub details: Vec<Detail>,
    /// Controller events for this node (`FailedDaemonPod`, `SucceededDaemonPod`).
    pub events: Vec<Event>,
}

/// Which rule of `NodeShouldRunDaemonPod` decided (dsplan's vocabulary; upstream emits none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ControllerDecision {
    /// `(true, true)`.
    Run,
    /// The template's `spec.nodeName` names another node: `(false, false)`.
    NodeNameMismatch,
    /// `nodeSelector` or required node affinity does not match: `(false, false)`.
    NodeAffinityMismatch,
    /// A `NoExecute` taint is not tolerated: `(false, false)`.
    UntoleratedNoExecuteTaint,
    /// Only `NoSchedule` taints are not tolerated: `(false, true)`.
    UntoleratedNoScheduleTaint,
}

/// What the controller does on a node in one sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// A daemon pod is created.
    Create,
    /// One or more daemon pods are deleted (see `deletePods`).
    Delete,
    /// A daemon pod exists and stays.
    Keep,
    /// No pod, and none is created.
    None,
}

/// A controller event, as `kubectl get events` would show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub event_type: EventType,
    /// Upstream's reason, for example `FailedDaemonPod`.
    pub reason: String,
    /// Upstream's message, exact.
    pub message: String,
}

/// Kubernetes event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    /// `Normal`.
    Normal,
    /// `Warning`.
    Warning,
}

/// Why a decision came out as it did: the facts behind a reason string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Detail {
    /// The template's `spec.nodeName` names another node.
    NodeNameMismatch {
        /// The node the template names.
        wanted: String,
    },
    /// A `nodeSelector` entry does not match the node's labels.
    NodeSelectorMismatch {
        /// Label key.
        key: String,
        /// Value the pod requires.
        want: String,
        /// The node's value, if it has the label.
        have: Option<String>,
    },
    /// None of the required node-affinity terms matches (or there are none left).
    NodeAffinityTermsMismatch {
        /// How many terms the pod has (after dropping empty ones).
        terms: u32,
        /// Terms that could not be parsed and so never match, with upstream's error text.
        invalid: Vec<String>,
    },
    /// A taint that no toleration tolerates.
    UntoleratedTaint {
        /// Taint key.
        key: String,
        /// Taint value (empty when none).
        value: String,
        /// `NoSchedule` or `NoExecute`.
        effect: String,
    },
    /// `Too many pods`: the node's pod capacity is used up.
    TooManyPods {
        /// Pods already on the node.
        pods: u64,
        /// `status.allocatable.pods`.
        allowed: i64,
    },
    /// A resource the node does not have enough of, in upstream's units (cpu in millicores,
    /// the others in whole units).
    InsufficientResource {
        /// Resource name, for example `cpu` or `nvidia.com/gpu`.
        resource: String,
        /// What the pod requests.
        requested: i64,
        /// What pods already on the node request.
        used: i64,
        /// The node's allocatable amount.
        allocatable: i64,
    },
    /// A host port already in use on the node.
    HostPortConflict {
        /// `TCP`, `UDP` or `SCTP`.
        protocol: String,
        /// Host IP the pod wants (`0.0.0.0` for all).
        host_ip: String,
        /// The port.
        port: i32,
        /// `namespace/name` of the pod using it.
        used_by: String,
    },
}

impl std::fmt::Display for Detail {
    /// One line a person reads, for tables and the playground.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Detail::NodeNameMismatch { wanted } => {
                write!(f, "template spec.nodeName is {wanted}")
            }
            Detail::NodeSelectorMismatch { key, want, have } => match have {
                Some(have) => write!(f, "nodeSelector {key}={want}, node has {key}={have}"),
                None => write!(f, "nodeSelector {key}={want}, node has no {key} label"),
            },
            Detail::NodeAffinityTermsMismatch { terms, invalid } => {
                write!(f, "none of {terms} required node-affinity term(s) match")?;
                for error in invalid {
                    write!(f, "; invalid term: {error}")?;
                }
                Ok(())
            }
            Detail::UntoleratedTaint { key, value, effect } if value.is_empty() => {
                write!(f, "taint {key}:{effect} is not tolerated")
            }
            Detail::UntoleratedTaint { key, value, effect } => {
                write!(f, "taint {key}={value}:{effect} is not tolerated")
            }
            Detail::TooManyPods { pods, allowed } => {
                write!(
                    f,
                    "{pods} pods already on the node, allocatable pods {allowed}"
                )
            }
            Detail::InsufficientResource {
                resource,
                requested,
                used,
                allocatable,
            } => {
                let amount = |n: i64| human_amount(resource, n);
                write!(
                    f,
                    "{resource}: requests {}, free {} of {} allocatable",
                    amount(*requested),
                    amount(allocatable.saturating_sub(*used)),
                    amount(*allocatable)
                )
            }
            Detail::HostPortConflict {
                protocol,
                host_ip,
                port,
                used_by,
            } => write!(
                f,
                "host port {host_ip}:{port}/{protocol} is used by {used_by}"
            ),
        }
    }
}

/// An amount of `resource` as a person reads it: cpu in millicores (`250m`), byte-sized
/// resources in binary units (`1.5Gi`), everything else as a plain count.
fn human_amount(resource: &str, amount: i64) -> String {
    if resource == "cpu" {
        return format!("{amount}m");
    }
    let bytes = resource == "memory"
        || resource == "ephemeral-storage"
        || resource.starts_with("hugepages-");
    if !bytes || amount.unsigned_abs() < 1024 {
        return amount.to_string();
    }
    let units = ["Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
    // Precision loss is fine: this is for reading, the report keeps the exact integer.
    #[expect(clippy::cast_precision_loss, reason = "display only")]
    let mut value = amount as f64 / 1024.0;
    let mut unit = 0;
    while value.abs() >= 1024.0 && unit + 1 < units.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text}{}", units[unit])
}
