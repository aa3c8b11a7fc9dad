//! The README's rollout example: `daemonsets/fluentd-elasticsearch-v2.yaml` rolled out over
//! `clusters/three-pools.yaml` (control-plane, general and GPU pools). It pins the waves and the
//! stuck nodes the README shows, so the example cannot drift from what dsplan prints.

use dsplan_model::FeatureGates;
use dsplan_rollout::{rollout, DaemonSetRollout, RolloutOptions};
use dsplan_snapshot::{parse, Input, Role};

const CLUSTER: &str = "clusters/three-pools.yaml";
const V2: &str = "daemonsets/fluentd-elasticsearch-v2.yaml";
const CP: [&str; 3] = [
    "prod-control-plane-7xk2p",
    "prod-control-plane-d9q4m",
    "prod-control-plane-vz8rt",
];
const GENERAL: [&str; 4] = [
    "prod-md-general-6f8b9c7d5-4jx7p",
    "prod-md-general-6f8b9c7d5-9tq2w",
    "prod-md-general-6f8b9c7d5-kd8s5",
    "prod-md-general-6f8b9c7d5-x2m6c",
];

fn example(path: &str) -> String {
    let full = format!("{}/../../examples/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn fluentd_rollout() -> DaemonSetRollout {
    let (cluster, v2) = (example(CLUSTER), example(V2));
    let snapshot = parse(&[
        Input {
            name: CLUSTER,
            text: &cluster,
            role: Role::Snapshot,
        },
        Input {
            name: V2,
            text: &v2,
            role: Role::Proposed,
        },
    ])
    .expect("the example parses");
    let mut report = rollout(
        &snapshot,
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    assert_eq!(
        report.daemon_sets.len(),
        1,
        "only fluentd is in the snapshot"
    );
    report.daemon_sets.remove(0)
}

fn names(nodes: &[String]) -> Vec<&str> {
    nodes.iter().map(String::as_str).collect()
}

#[test]
fn fluentd_v2_rolls_node_by_node_and_stalls_on_the_full_general_node() {
    let fluentd = fluentd_rollout();
    assert_eq!(
        (
            fluentd.name.as_str(),
            fluentd.max_unavailable,
            fluentd.max_surge
        ),
        ("fluentd-elasticsearch", Some(1), Some(0))
    );
    assert_eq!(
        fluentd.status.desired_number_scheduled, 7,
        "the GPU pool is tainted"
    );
    // One node at a time in name order: delete the old pod, create the new one when the old one
    // is gone (5 s), delete the next when the new one is Ready (10 s start + 5 s readiness).
    let waves: Vec<(i64, Vec<&str>, Vec<&str>)> = fluentd
        .steps
        .iter()
        .map(|step| (step.at_seconds, names(&step.delete), names(&step.create)))
        .collect();
    let mut expected = Vec::new();
    for (wave, node) in CP.iter().chain(&GENERAL[..2]).enumerate() {
        let at = 20 * i64::try_from(wave).expect("small");
        expected.push((at, vec![*node], vec![]));
        expected.push((at + 5, vec![], vec![*node]));
    }
    assert_eq!(waves, expected);
    assert!(fluentd
        .steps
        .iter()
        .all(|step| step.unavailable == 1 && step.surge == 0));
    // The new pod on 9tq2w wants 300Mi where 260Mi is free once the old one is gone; it holds
    // the budget of 1, so kd8s5 and x2m6c keep v5.0.1.
    let budget = format!(
        "maxUnavailable (1) is used up by node(s) that never become available: {}",
        GENERAL[1]
    );
    let stuck: Vec<(&str, &str)> = fluentd
        .stuck
        .iter()
        .map(|stuck| (stuck.node.as_str(), stuck.reason.as_str()))
        .collect();
    assert_eq!(
        stuck,
        [
            (GENERAL[1], "new pod stays Pending: Insufficient memory"),
            (GENERAL[2], budget.as_str()),
            (GENERAL[3], budget.as_str()),
        ]
    );
    assert!(fluentd.settled);
    assert_eq!(fluentd.completed_at_seconds, None);
    let last = fluentd.final_status;
    assert_eq!(
        (
            last.desired_number_scheduled,
            last.updated_number_scheduled,
            last.number_available
        ),
        (7, 5, 6)
    );
}
