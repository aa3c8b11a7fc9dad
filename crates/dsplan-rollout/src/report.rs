//! The rollout report: the wire contract of `dsplan rollout -o json` and of every front end.
//! Field names are camelCase; times are seconds after the snapshot (the latest timestamp in it).
//!
//! ```json
//! {"daemonSets": [{"namespace": "kube-system", "name": "agent", "strategy": "RollingUpdate",
//!   "maxUnavailable": 1, "maxSurge": 0,
//!   "revision": {"hash": "dsplan-1a2b3c4d", "generation": 3, "source": "dsplanHash"},
//!   "status": {"desiredNumberScheduled": 3, "...": 0},
//!   "rolloutStatus": "Waiting for daemon set \"agent\" rollout to finish: 0 out of 3 new pods have been updated...\n",
//!   "rolloutDone": false,
//!   "steps": [{"index": 0, "atSeconds": 0, "create": [], "delete": ["node-a"], "unavailable": 1, "surge": 0}],
//!   "stuck": [{"node": "node-c", "reason": "node is NotReady: its updated pod never becomes Ready"}],
//!   "finalStatus": {"...": 0}, "completedAtSeconds": null, "syncs": 9, "settled": true,
//!   "errors": [], "onDelete": null, "notes": []}],
//!  "notes": []}
//! ```

use serde::{Deserialize, Serialize};

use crate::status::DaemonSetStatus;
use crate::timeline::{Step, Stuck};
use dsplan_core::revision::RevisionSource;

/// The rollout of every DaemonSet of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutReport {
    /// One entry per DaemonSet: snapshot DaemonSets in input order, then proposed DaemonSets
    /// that are not in the snapshot.
    pub daemon_sets: Vec<DaemonSetRollout>,
    /// The snapshot's notes (skipped kinds, legacy versions, applied what-if edits).
    pub notes: Vec<String>,
}

/// The rollout of one DaemonSet to its current (or proposed) template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetRollout {
    /// `metadata.namespace` (`default` when absent).
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `RollingUpdate` or `OnDelete`, after defaulting.
    pub strategy: String,
    /// maxUnavailable resolved against the desired node count of the snapshot, after the
    /// both-zero coercion (R-U1); `null` for OnDelete or when it cannot be resolved.
    pub max_unavailable: Option<i32>,
    /// maxSurge resolved the same way; `null` for OnDelete or when it cannot be resolved.
    pub max_surge: Option<i32>,
    /// The revision pods are compared against.
    pub revision: RevisionReport,
    /// Status as the controller computes it on the snapshot, before it acts.
    pub status: DaemonSetStatus,
    /// The line `kubectl rollout status` prints for that status, newline included; for
    /// OnDelete, kubectl's error text.
    pub rollout_status: String,
    /// `kubectl rollout status` would exit after that line.
    pub rollout_done: bool,
    /// Every sync that creates or deletes pods, in order.
    pub steps: Vec<Step>,
    /// Nodes the rollout does not finish on, with the reason.
    pub stuck: Vec<Stuck>,
    /// Status after the last simulated sync.
    pub final_status: DaemonSetStatus,
    /// When `kubectl rollout status` would first report success; `null` if it never does.
    pub completed_at_seconds: Option<i64>,
    /// Syncs simulated.
    pub syncs: usize,
    /// The simulation reached a state where nothing changes any more.
    pub settled: bool,
    /// Errors the controller's syncs return (each once).
    pub errors: Vec<String>,
    /// Present for OnDelete: what would change when pods are deleted.
    pub on_delete: Option<OnDeletePlan>,
    /// How the inputs were read (revision choice, coerced budgets).
    pub notes: Vec<String>,
}

/// The revision pods are compared against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RevisionReport {
    /// `controller-revision-hash` of updated pods (empty when unknown).
    pub hash: String,
    /// `pod-template-generation` of updated pods, when known.
    pub generation: Option<i64>,
    /// Where the hash came from.
    pub source: RevisionSource,
    /// `.revision` of the matching ControllerRevision.
    pub number: Option<i64>,
}

/// OnDelete: nothing is replaced until pods are deleted (R-OD1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OnDeletePlan {
    /// What happens, in words.
    pub message: String,
    /// Nodes whose old pod would be replaced by an updated one once deleted, in name order.
    pub replaced_when_deleted: Vec<String>,
}
