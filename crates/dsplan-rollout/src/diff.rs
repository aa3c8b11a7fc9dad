//! The placement diff of two snapshots (typically before and after a what-if edit): per
//! DaemonSet, the nodes that gain or lose a running daemon pod and the nodes whose controller
//! decision or reasons change, computed from `dsplan-core`'s plans.

use std::collections::BTreeMap;

use dsplan_core::report::{ControllerDecision, DaemonSetPlan, NodePlan, PlanReport};
use serde::{Deserialize, Serialize};

/// How placement changes between two snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementDiff {
    /// DaemonSets whose placement changes, in `namespace/name` order.
    pub daemon_sets: Vec<DaemonSetDiff>,
}

/// How one DaemonSet's placement changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DaemonSetDiff {
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// Nodes that run a daemon pod after and not before, in name order.
    pub gained: Vec<String>,
    /// Nodes that run a daemon pod before and not after, in name order.
    pub lost: Vec<String>,
    /// Nodes in both snapshots whose decision or reasons change, in name order.
    pub changed: Vec<NodeChange>,
}

/// One node's verdict before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeChange {
    /// Node name.
    pub node: String,
    /// The verdict in the old snapshot.
    pub before: Verdict,
    /// The verdict in the new snapshot.
    pub after: Verdict,
}

/// Whether a daemon pod runs on a node, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// A daemon pod runs (or is created and binds) here once the controller has acted.
    pub runs: bool,
    /// The controller's rule.
    pub decision: ControllerDecision,
    /// Upstream's reasons.
    pub reasons: Vec<String>,
}

impl Verdict {
    /// After the sync: an eligible node keeps its pod or gets one the scheduler binds; an
    /// ineligible node keeps its pod only while `shouldContinueRunning` holds.
    fn of(node: &NodePlan) -> Self {
        let has_pod = !node.pods.is_empty();
        let runs = if node.should_run {
            has_pod || node.schedulable != Some(false)
        } else {
            node.should_continue_running && has_pod
        };
        Self {
            runs,
            decision: node.controller_decision,
            reasons: node.reasons.clone(),
        }
    }
}

/// Compares two plans of the same DaemonSets (DaemonSets missing on one side gain or lose
/// every node they run on).
pub fn diff_plans(old: &PlanReport, new: &PlanReport) -> PlacementDiff {
    let index = |report: &PlanReport| -> BTreeMap<(String, String), BTreeMap<String, Verdict>> {
        report
            .daemon_sets
            .iter()
            .map(|ds: &DaemonSetPlan| {
                let nodes = ds
                    .nodes
                    .iter()
                    .map(|node| (node.node.clone(), Verdict::of(node)))
                    .collect();
                ((ds.namespace.clone(), ds.name.clone()), nodes)
            })
            .collect()
    };
    let (before, after) = (index(old), index(new));
    let empty = BTreeMap::new();
    let mut keys: Vec<&(String, String)> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    let daemon_sets = keys
        .into_iter()
        .map(|key| {
            let old_nodes = before.get(key).unwrap_or(&empty);
            let new_nodes = after.get(key).unwrap_or(&empty);
            diff_nodes(key, old_nodes, new_nodes)
        })
        .filter(|ds| !(ds.gained.is_empty() && ds.lost.is_empty() && ds.changed.is_empty()))
        .collect();
    PlacementDiff { daemon_sets }
}

fn diff_nodes(
    (namespace, name): &(String, String),
    old: &BTreeMap<String, Verdict>,
    new: &BTreeMap<String, Verdict>,
) -> DaemonSetDiff {
    let mut diff = DaemonSetDiff {
        namespace: namespace.clone(),
        name: name.clone(),
        gained: Vec::new(),
        lost: Vec::new(),
        changed: Vec::new(),
    };
    let mut nodes: Vec<&String> = old.keys().chain(new.keys()).collect();
    nodes.sort();
    nodes.dedup();
    for node in nodes {
        let (before, after) = (old.get(node), new.get(node));
        let ran = before.is_some_and(|v| v.runs);
        let runs = after.is_some_and(|v| v.runs);
        match (ran, runs) {
            (false, true) => diff.gained.push(node.clone()),
            (true, false) => diff.lost.push(node.clone()),
            _ => {}
        }
        if let (Some(before), Some(after)) = (before, after) {
            if before != after {
                diff.changed.push(NodeChange {
                    node: node.clone(),
                    before: before.clone(),
                    after: after.clone(),
                });
            }
        }
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_core::report::{Action, PlanSummary};

    fn node(name: &str, decision: ControllerDecision, pods: usize) -> NodePlan {
        let (should_run, should_continue_running) = match decision {
            ControllerDecision::Run => (true, true),
            ControllerDecision::UntoleratedNoScheduleTaint => (false, true),
            _ => (false, false),
        };
        NodePlan {
            node: name.into(),
            should_run,
            should_continue_running,
            controller_decision: decision,
            schedulable: (should_run && pods == 0).then_some(true),
            reasons: if should_run {
                Vec::new()
            } else {
                vec!["node(s) had untolerated taint {k: v}".into()]
            },
            action: Action::Keep,
            creates: 0,
            delete_pods: Vec::new(),
            pods: (0..pods).map(|i| format!("p{i}")).collect(),
            details: Vec::new(),
            events: Vec::new(),
        }
    }

    fn plan(nodes: Vec<NodePlan>) -> PlanReport {
        PlanReport {
            daemon_sets: vec![DaemonSetPlan {
                namespace: "kube-system".into(),
                name: "agent".into(),
                summary: PlanSummary::default(),
                nodes,
                delete_pods_without_node: Vec::new(),
                events: Vec::new(),
            }],
            notes: Vec::new(),
        }
    }

    #[test]
    fn taints_and_new_nodes_show_as_lost_gained_and_changed() {
        use ControllerDecision::*;
        let old = plan(vec![
            node("a", Run, 1),
            node("b", Run, 1),
            node("c", Run, 1),
        ]);
        let new = plan(vec![
            node("a", Run, 1),
            node("b", UntoleratedNoExecuteTaint, 1),
            node("c", UntoleratedNoScheduleTaint, 1),
            node("d", Run, 0),
        ]);
        let diff = diff_plans(&old, &new);
        assert_eq!(diff.daemon_sets.len(), 1);
        let ds = &diff.daemon_sets[0];
        assert_eq!(ds.gained, ["d"]);
        assert_eq!(ds.lost, ["b"], "NoSchedule lets the pod on c keep running");
        let changed: Vec<&str> = ds.changed.iter().map(|c| c.node.as_str()).collect();
        assert_eq!(changed, ["b", "c"]);
        assert!(diff_plans(&old, &old).daemon_sets.is_empty());
    }
}
