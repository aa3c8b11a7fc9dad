//! The rollout disagreements R2 and R3 of `conformance/CONFORMANCE.md`, replayed from their
//! minimal cases in `conformance/disagreements/`: dsplan's rollout must take the steps, stuck
//! nodes, errors and settling the real controller took there (the case file's `upstream`).
//!
//! - R2 (`rollout-446`): an unscheduled orphan targeting a node that left is adopted and deleted
//!   once; the API server removes an unscheduled pod at once (`CheckGracefulDelete`).
//! - R3 (`rollout-owner-uid`): a pod controlled by an earlier DaemonSet of the same name (another
//!   UID) is not the new DaemonSet's (`ClaimPods` compares the controllerRef UID).

use dsplan_model::FeatureGates;
use dsplan_rollout::{rollout, RolloutOptions};
use dsplan_snapshot::{parse, Input, Role};
use serde_json::{json, Value};

fn case_file(name: &str) -> String {
    let full = format!(
        "{}/../../conformance/disagreements/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn snapshot(case: &str) -> dsplan_model::Snapshot {
    let snapshot_name = format!("{case}.snapshot.json");
    let daemon_set_name = format!("{case}.daemonset.json");
    let snapshot_text = case_file(&snapshot_name);
    let daemon_set_text = case_file(&daemon_set_name);
    parse(&[
        Input {
            name: &snapshot_name,
            text: &snapshot_text,
            role: Role::Snapshot,
        },
        Input {
            name: &daemon_set_name,
            text: &daemon_set_text,
            role: Role::Proposed,
        },
    ])
    .expect("case parses")
}

/// Node names of a step's creates or deletes, sorted as the oracle prints them.
fn sorted(nodes: &Value) -> Value {
    let mut names: Vec<&str> = nodes
        .as_array()
        .expect("node list")
        .iter()
        .map(|n| n.as_str().expect("node name"))
        .collect();
    names.sort_unstable();
    json!(names)
}

/// The part of a rollout report `compare-rollout` compares (`rollout_compare.go`).
fn comparable(report: &Value) -> Value {
    let daemon_sets = report["daemonSets"].as_array().expect("daemonSets");
    json!(daemon_sets
        .iter()
        .map(|ds| {
            let steps: Vec<Value> = ds["steps"]
                .as_array()
                .expect("steps")
                .iter()
                .map(|s| json!({"create": sorted(&s["create"]), "delete": sorted(&s["delete"])}))
                .collect();
            let mut stuck: Vec<&str> = ds["stuck"]
                .as_array()
                .expect("stuck")
                .iter()
                .map(|s| s["node"].as_str().expect("stuck node"))
                .collect();
            stuck.sort_unstable();
            json!({
                "namespace": ds["namespace"], "name": ds["name"], "steps": steps,
                "stuck": stuck, "settled": ds["settled"], "errors": ds["errors"],
            })
        })
        .collect::<Vec<_>>())
}

fn assert_rollout_is_upstreams(case: &str) {
    let recorded: Value =
        serde_json::from_str(&case_file(&format!("{case}.json"))).expect("case file parses");
    let report = rollout(
        &snapshot(case),
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    let ours = serde_json::to_value(&report).expect("report serializes");
    assert_eq!(
        comparable(&ours),
        comparable(&recorded["upstream"]),
        "{case}"
    );
}

#[test]
fn an_unscheduled_pod_on_a_node_that_left_is_deleted_once_and_gone() {
    assert_rollout_is_upstreams("rollout-446");
}

#[test]
fn a_pod_of_an_earlier_daemon_set_of_the_same_name_is_left_alone() {
    assert_rollout_is_upstreams("rollout-owner-uid");
}

#[test]
fn plan_does_not_delete_a_pod_of_an_earlier_daemon_set_of_the_same_name() {
    let report = dsplan_core::plan(&snapshot("rollout-owner-uid"), &FeatureGates::default());
    let agent = &report.daemon_sets[0];
    assert_eq!(agent.name, "agent");
    assert!(
        agent.delete_pods_without_node.is_empty(),
        "{:?}",
        agent.delete_pods_without_node
    );
    assert!(agent.nodes.iter().all(|n| n.pods.is_empty()));
}

#[test]
fn plan_deletes_an_adopted_unscheduled_orphan_on_a_node_that_left() {
    let report = dsplan_core::plan(&snapshot("rollout-446"), &FeatureGates::default());
    assert_eq!(
        report.daemon_sets[0].delete_pods_without_node,
        ["node-0-old"]
    );
}
