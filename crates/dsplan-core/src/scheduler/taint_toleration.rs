//! `TaintToleration` Filter (`plugins/tainttoleration/taint_toleration.go`): the first
//! NoSchedule or NoExecute taint the pod does not tolerate rejects the node.

use super::{Failure, PodFacts};
use crate::report::Detail;
use crate::tolerations::{find_untolerated, no_schedule_or_no_execute};
use dsplan_model::k8s_openapi::api::core::v1::{Node, Taint};
use dsplan_model::FeatureGates;

/// The v1.35+ reason (the taint itself is no longer printed, kubernetes#134740).
pub const REASON: &str = "node(s) had untolerated taint(s)";

/// The detail for an untolerated taint.
pub fn taint_detail(taint: &Taint) -> Detail {
    Detail::UntoleratedTaint {
        key: taint.key.clone(),
        value: taint.value.clone().unwrap_or_default(),
        effect: taint.effect.clone(),
    }
}

pub(super) fn filter(facts: &PodFacts<'_>, node: &Node, gates: &FeatureGates) -> Option<Failure> {
    let taints = node
        .spec
        .as_ref()
        .and_then(|s| s.taints.as_deref())
        .unwrap_or_default();
    let taint = find_untolerated(
        taints,
        facts.tolerations,
        gates.taint_toleration_comparison_operators,
        no_schedule_or_no_execute,
    )?;
    Some(Failure::unresolvable(REASON, vec![taint_detail(taint)]))
}
