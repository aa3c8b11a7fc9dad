//! What the `rollout` rule needs from a rollout simulation: one [`RolloutFacts`] per
//! DaemonSet, taken from `dsplan-rollout`'s report by `From<&RolloutReport>` so the rule does
//! not depend on the report's shape.

use dsplan_rollout::RolloutReport;
use serde::{Deserialize, Serialize};

/// The rollout simulation of every DaemonSet, as the `rollout` rule reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutInput {
    /// One entry per simulated DaemonSet.
    pub daemon_sets: Vec<RolloutFacts>,
}

/// The simulated rollout of one DaemonSet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutFacts {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// Steps (syncs that create or delete pods): `steps.len()` of the rollout report.
    pub waves: u32,
    /// The most nodes without an available pod after any step: the maximum of the report's
    /// `steps[].unavailable`.
    pub peak_unavailable: u32,
    /// Seconds until `kubectl rollout status` reports success; `None` when it never does.
    pub completed_at_seconds: Option<i64>,
    /// Nodes the rollout does not finish on, with the reason.
    pub stuck: Vec<StuckNode>,
}

/// A node the rollout does not finish on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StuckNode {
    /// Node name.
    pub node: String,
    /// Why, in words.
    pub reason: String,
}

impl RolloutInput {
    /// The facts for `namespace/name`.
    pub fn find(&self, namespace: &str, name: &str) -> Option<&RolloutFacts> {
        self.daemon_sets
            .iter()
            .find(|d| d.namespace == namespace && d.name == name)
    }
}

impl From<&RolloutReport> for RolloutInput {
    fn from(report: &RolloutReport) -> Self {
        let daemon_sets = report
            .daemon_sets
            .iter()
            .map(|d| RolloutFacts {
                namespace: d.namespace.clone(),
                name: d.name.clone(),
                waves: u32::try_from(d.steps.len()).unwrap_or(u32::MAX),
                peak_unavailable: d
                    .steps
                    .iter()
                    .map(|s| u32::try_from(s.unavailable).unwrap_or(0))
                    .max()
                    .unwrap_or(0),
                completed_at_seconds: d.completed_at_seconds,
                stuck: d
                    .stuck
                    .iter()
                    .map(|s| StuckNode {
                        node: s.node.clone(),
                        reason: s.reason.clone(),
                    })
                    .collect(),
            })
            .collect();
        Self { daemon_sets }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_waves_peak_completion_and_stuck_nodes_from_the_rollout_report() {
        let status = serde_json::json!({"desiredNumberScheduled": 3, "currentNumberScheduled": 3,
            "numberMisscheduled": 0, "numberReady": 3, "updatedNumberScheduled": 0,
            "numberAvailable": 3, "numberUnavailable": 0, "observedGeneration": 1});
        let step = |index: usize, unavailable: i32| {
            serde_json::json!({"index": index,
            "atSeconds": index * 10, "create": [], "delete": ["n"], "unavailable": unavailable, "surge": 0})
        };
        let report: RolloutReport = serde_json::from_value(serde_json::json!({
            "daemonSets": [{"namespace": "kube-system", "name": "agent", "strategy": "RollingUpdate",
                "maxUnavailable": 1, "maxSurge": 0,
                "revision": {"hash": "h", "generation": 2, "source": "dsplanHash", "number": null},
                "status": status, "rolloutStatus": "", "rolloutDone": false,
                "steps": [step(0, 1), step(1, 2), step(2, 1)],
                "stuck": [{"node": "n3", "reason": "never Ready"}],
                "finalStatus": status, "completedAtSeconds": null, "syncs": 9, "settled": true,
                "errors": [], "onDelete": null, "notes": []}],
            "notes": []}))
        .unwrap();
        let input = RolloutInput::from(&report);
        let facts = input.find("kube-system", "agent").unwrap();
        assert_eq!((facts.waves, facts.peak_unavailable), (3, 2));
        assert_eq!(facts.completed_at_seconds, None);
        assert_eq!(
            facts.stuck,
            [StuckNode {
                node: "n3".into(),
                reason: "never Ready".into()
            }]
        );
    }
}
