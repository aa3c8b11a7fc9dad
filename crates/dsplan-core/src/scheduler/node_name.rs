//! `NodeName` (`plugins/nodename/node_name.go`): a pod with `spec.nodeName` fits only that
//! node.

use super::{Failure, PodFacts};
use crate::report::Detail;
use dsplan_model::k8s_openapi::api::core::v1::Node;

/// `ErrReason`.
pub const REASON: &str = "node(s) didn't match the requested node name";

pub(super) fn filter(facts: &PodFacts<'_>, node: &Node) -> Option<Failure> {
    let name = node.metadata.name.as_deref().unwrap_or_default();
    let mismatch = !facts.node_name.is_empty() && facts.node_name != name;
    mismatch.then(|| {
        Failure::unresolvable(
            REASON,
            vec![Detail::NodeNameMismatch {
                wanted: facts.node_name.to_owned(),
            }],
        )
    })
}
