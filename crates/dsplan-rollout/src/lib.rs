//! The dsplan rollout planner: what the DaemonSet controller does, sync by sync, while it
//! updates a DaemonSet to a new revision, and where it gets stuck.
//!
//! It owns the controller's update loop (`pkg/controller/daemon`: `manage`, `rollingUpdate`,
//! `updateDaemonSetStatus`, expectations and failed-pod backoff) over a small model of the
//! informer cache ([`model::World`]), a timeline of that loop with pod start and readiness
//! latencies ([`timeline`]), stuck-node detection, the status and `kubectl rollout status` line
//! ([`status`]), what-if edits of a snapshot ([`what_if`]) and the placement diff of two
//! snapshots ([`diff`]). It does not decide placement (`NodeShouldRunDaemonPod`, scheduler
//! filters and pod ownership are `dsplan-core`'s) nor default or validate DaemonSets
//! (`dsplan-validation`'s).
//!
//! Everything is a pure function: no I/O, no clock, no randomness. Where upstream picks at
//! random (Go map order), nodes go in name order (R-O4): upstream picks other nodes in the same
//! numbers.
#![forbid(unsafe_code)]

pub mod backoff;
pub mod budget;
pub mod cache;
pub mod controller;
pub mod diff;
pub mod from_snapshot;
pub mod manage;
pub mod model;
pub mod report;
/// The current revision (`dsplan_core::revision`, shared with `dsplan plan`), whose
/// [`revision::RevisionSource`] the report names.
pub use dsplan_core::revision;
pub mod status;
pub mod summarize;
pub mod timeline;
pub mod update;
pub mod what_if;

#[cfg(test)]
mod test_support;

use dsplan_core::cluster::ClusterIndex;
use dsplan_model::{FeatureGates, Snapshot};

pub use diff::PlacementDiff;
pub use report::{DaemonSetRollout, OnDeletePlan, RevisionReport, RolloutReport};
pub use status::{DaemonSetStatus, RolloutStatusLine};
pub use timeline::{RolloutOptions, Step, Stuck, TimingError, MAX_TIMING_SECONDS};
pub use what_if::{apply_what_if, WhatIf, WhatIfError};

/// Simulates the rollout of every DaemonSet in `snapshot` to its current template, or to its
/// proposed version (`snapshot.proposed_daemon_sets`) when there is one.
pub fn rollout(
    snapshot: &Snapshot,
    gates: &FeatureGates,
    options: &RolloutOptions,
) -> RolloutReport {
    // The scheduler's view of the snapshot is the same for every DaemonSet.
    let index = ClusterIndex::with_gates(snapshot, gates);
    let daemon_sets = from_snapshot::targets(snapshot)
        .into_iter()
        .map(|target| {
            let (world, resolved, notes) = from_snapshot::world_of(&index, target, gates);
            summarize::summarize(world, &resolved, options, notes)
        })
        .collect();
    RolloutReport {
        daemon_sets,
        notes: snapshot.notes.clone(),
    }
}

/// How placement changes from `old` to `new` (for example a snapshot and the same snapshot
/// after [`apply_what_if`]), per DaemonSet, from `dsplan-core`'s plans.
pub fn diff(old: &Snapshot, new: &Snapshot, gates: &FeatureGates) -> PlacementDiff {
    diff::diff_plans(
        &dsplan_core::plan(old, gates),
        &dsplan_core::plan(new, gates),
    )
}
