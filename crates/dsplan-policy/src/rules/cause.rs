//! Why a DaemonSet's pod does not run on a node, and the one change that fixes it, from the
//! plan's `details` and `reasons`. Nodes with the same fix are grouped into one issue.

use dsplan_core::{ControllerDecision, Detail, NodePlan};

/// Why the pod does not run on `node`, and what to change.
pub(crate) fn cause(node: &NodePlan) -> (String, String) {
    if let Some(detail) = node.details.first() {
        let why = detail.to_string();
        let fix = match detail {
            Detail::UntoleratedTaint { key, value, effect } if value.is_empty() => {
                format!("add toleration {key}:{effect}")
            }
            Detail::UntoleratedTaint { key, value, effect } => {
                format!("add toleration {key}={value}:{effect}")
            }
            Detail::NodeSelectorMismatch { key, want, .. } => {
                format!("relax nodeSelector {key}={want}")
            }
            Detail::NodeAffinityTermsMismatch { .. } => {
                "widen the required node affinity".to_owned()
            }
            Detail::NodeNameMismatch { wanted } => {
                format!("remove spec.template.spec.nodeName ({wanted})")
            }
            Detail::InsufficientResource { resource, .. } => {
                format!("lower the {resource} request or free {resource}")
            }
            Detail::TooManyPods { allowed, .. } => {
                format!("free pod slots (allocatable pods {allowed})")
            }
            Detail::HostPortConflict {
                protocol,
                port,
                used_by,
                ..
            } => format!("use another host port than {port}/{protocol} (held by {used_by})"),
        };
        return (why, fix);
    }
    let why = if node.reasons.is_empty() {
        decision_text(node.controller_decision).to_owned()
    } else {
        node.reasons.join("; ")
    };
    let fix = match node.controller_decision {
        ControllerDecision::NodeAffinityMismatch => "widen the nodeSelector or node affinity",
        ControllerDecision::UntoleratedNoExecuteTaint
        | ControllerDecision::UntoleratedNoScheduleTaint => "add a toleration for the node's taint",
        ControllerDecision::NodeNameMismatch => "remove spec.template.spec.nodeName",
        ControllerDecision::Run => "make the node schedulable for the pod",
    };
    (why, fix.to_owned())
}

fn decision_text(decision: ControllerDecision) -> &'static str {
    match decision {
        ControllerDecision::Run => "the scheduler would not bind the pod",
        ControllerDecision::NodeNameMismatch => "the template's nodeName names another node",
        ControllerDecision::NodeAffinityMismatch => "the node selector or affinity does not match",
        ControllerDecision::UntoleratedNoExecuteTaint => "a NoExecute taint is not tolerated",
        ControllerDecision::UntoleratedNoScheduleTaint => "a NoSchedule taint is not tolerated",
    }
}

/// Groups nodes by fix, in first-seen order: `(why of the first node, fix, nodes)`.
pub(crate) fn group<'a>(
    nodes: impl IntoIterator<Item = &'a NodePlan>,
) -> Vec<(String, String, Vec<String>)> {
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for node in nodes {
        let (why, fix) = cause(node);
        match groups.iter_mut().find(|g| g.1 == fix) {
            Some(group) => group.2.push(node.node.clone()),
            None => groups.push((why, fix, vec![node.node.clone()])),
        }
    }
    groups
}
