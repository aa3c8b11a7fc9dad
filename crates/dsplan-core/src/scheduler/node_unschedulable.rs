//! `NodeUnschedulable` (`plugins/nodeunschedulable/node_unschedulable.go`): a node with
//! `spec.unschedulable` rejects pods that do not tolerate the unschedulable NoSchedule taint.

use super::{Failure, PodFacts};
use crate::tolerations::{tolerated, NO_SCHEDULE, TAINT_UNSCHEDULABLE};
use dsplan_model::k8s_openapi::api::core::v1::{Node, Taint};
use dsplan_model::FeatureGates;

/// `ErrReasonUnschedulable`.
pub const REASON: &str = "node(s) were unschedulable";

pub(super) fn filter(facts: &PodFacts<'_>, node: &Node, gates: &FeatureGates) -> Option<Failure> {
    let unschedulable = node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true);
    if !unschedulable {
        return None;
    }
    let taint = Taint {
        key: TAINT_UNSCHEDULABLE.to_owned(),
        effect: NO_SCHEDULE.to_owned(),
        ..Default::default()
    };
    let ok = tolerated(
        facts.tolerations,
        &taint,
        gates.taint_toleration_comparison_operators,
    );
    (!ok).then(|| Failure::unresolvable(REASON, Vec::new()))
}
