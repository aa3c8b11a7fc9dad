//! DaemonSet status as the controller writes it (`updateDaemonSetStatus`, R-T1..R-T4) and the
//! line `kubectl rollout status` prints for it (`polymorphichelpers/rollout_status.go`:
//! `DaemonSetStatusViewer.Status`, R-K1..R-K3).

use serde::{Deserialize, Serialize};

use crate::cache::Cache;
use crate::model::World;

/// The status counters of one DaemonSet (R-T4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetStatus {
    /// Nodes where `shouldRun` holds.
    pub desired_number_scheduled: i32,
    /// Desired nodes with at least one daemon pod.
    pub current_number_scheduled: i32,
    /// Nodes where `shouldRun` does not hold but a daemon pod exists.
    pub number_misscheduled: i32,
    /// Desired nodes whose oldest pod is Ready.
    pub number_ready: i32,
    /// Desired nodes whose oldest pod runs the current revision.
    pub updated_number_scheduled: i32,
    /// Desired nodes whose oldest pod is available.
    pub number_available: i32,
    /// `desiredNumberScheduled - numberAvailable`.
    pub number_unavailable: i32,
    /// The generation the controller last acted on.
    pub observed_generation: i64,
}

/// `updateDaemonSetStatus` over the cache: only the oldest pod per node counts (R-T1).
pub fn compute_status(world: &World, now: i64, observed_generation: i64) -> DaemonSetStatus {
    status_of(&Cache::new(world.clone()), now, observed_generation)
}

/// [`compute_status`] on the indexed cache.
pub fn status_of(cache: &Cache, now: i64, observed_generation: i64) -> DaemonSetStatus {
    let min_ready = cache.ds.min_ready_seconds;
    let mut status = DaemonSetStatus {
        observed_generation,
        ..DaemonSetStatus::default()
    };
    for (index, node) in cache.nodes.iter().enumerate() {
        let oldest = cache.daemon_pods_on(cache.list_id(index)).next();
        match (node.should_run, oldest) {
            (true, oldest) => {
                status.desired_number_scheduled += 1;
                let Some(slot) = oldest else { continue };
                status.current_number_scheduled += 1;
                if slot.pod.is_ready() {
                    status.number_ready += 1;
                    if slot.pod.is_available(min_ready, now) {
                        status.number_available += 1;
                    }
                }
                if slot.updated {
                    status.updated_number_scheduled += 1;
                }
            }
            (false, Some(_)) => status.number_misscheduled += 1,
            (false, None) => {}
        }
    }
    status.number_unavailable = status.desired_number_scheduled - status.number_available;
    status
}

/// What `kubectl rollout status daemonset/<name>` prints once, and whether it stops there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutStatusLine {
    /// The message, with its trailing newline, or the error text (R-K1).
    pub message: String,
    /// The command's `done`: it exits after this line.
    pub done: bool,
    /// The message is an error (strategy is not RollingUpdate).
    pub error: bool,
}

/// `DaemonSetStatusViewer.Status` for a DaemonSet named `name` with `generation` and `status`.
pub fn rollout_status(
    name: &str,
    strategy_type: &str,
    generation: i64,
    status: &DaemonSetStatus,
) -> RolloutStatusLine {
    if strategy_type != "RollingUpdate" {
        return RolloutStatusLine {
            message: "rollout status is only available for RollingUpdate strategy type".into(),
            done: true,
            error: true,
        };
    }
    let line = |message: String, done| RolloutStatusLine {
        message,
        done,
        error: false,
    };
    if generation > status.observed_generation {
        return line(
            "Waiting for daemon set spec update to be observed...\n".into(),
            false,
        );
    }
    let (updated, desired) = (
        status.updated_number_scheduled,
        status.desired_number_scheduled,
    );
    if updated < desired {
        return line(format!("Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...\n"), false);
    }
    let available = status.number_available;
    if available < desired {
        return line(format!("Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...\n"), false);
    }
    line(
        format!("daemon set \"{name}\" successfully rolled out\n"),
        true,
    )
}
