//! Builders for unit tests: a DaemonSet on N eligible nodes, each running one Ready pod of an
//! older revision.

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{
    Phase, Revision, RollingParams, SimDaemonSet, SimNode, SimPod, Strategy, World,
};

/// RollingUpdate with these limits.
pub(crate) fn rolling(max_unavailable: i32, max_surge: i32) -> Strategy {
    Strategy::RollingUpdate(Some(RollingParams {
        max_unavailable: Some(IntOrString::Int(max_unavailable)),
        max_surge: Some(IntOrString::Int(max_surge)),
    }))
}

/// `nodes` eligible nodes `node-<i>`, each with a Ready pod of revision `old`; current `new`.
pub(crate) fn world(nodes: usize, strategy: Strategy) -> World {
    World {
        ds: SimDaemonSet {
            namespace: "default".into(),
            name: "ds".into(),
            strategy,
            min_ready_seconds: 0,
            revision: Revision {
                hash: "new".into(),
                generation: None,
            },
            generation: 2,
        },
        nodes: (0..nodes)
            .map(|i| SimNode::eligible(format!("node-{i}")))
            .collect(),
        pods: (0..nodes)
            .map(|i| SimPod {
                name: format!("old-{i}"),
                node: format!("node-{i}"),
                hash: Some("old".into()),
                generation: None,
                bound: true,
                created: -100,
                phase: Phase::Running,
                ready: true,
                ready_since: Some(-100),
                deleted_at: None,
            })
            .collect(),
    }
}
