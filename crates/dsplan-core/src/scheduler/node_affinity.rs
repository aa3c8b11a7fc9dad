//! `NodeAffinity` Filter (`plugins/nodeaffinity/node_affinity.go`): the pod's `nodeSelector`
//! and required node affinity must match (parse errors ignored). No scheduler-enforced
//! `addedAffinity` is configured in the default profile.

use super::Failure;
use crate::node_affinity::RequiredNodeAffinity;
use dsplan_model::k8s_openapi::api::core::v1::Node;

/// `ErrReasonPod`.
pub const REASON: &str = "node(s) didn't match Pod's node affinity/selector";

pub(super) fn filter(affinity: &RequiredNodeAffinity<'_>, node: &Node) -> Option<Failure> {
    (!affinity.matches(node)).then(|| Failure::unresolvable(REASON, affinity.explain(node)))
}
