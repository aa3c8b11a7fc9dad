//! The rollout disagreement R1 of `conformance/CONFORMANCE.md`, replayed from its minimal case
//! `conformance/disagreements/rollout-new-revision-pods`: a node holds an old pod and a pod the
//! controller already created for the new template (`pod-template-generation: 2`, upstream's
//! `ComputeHash` in `controller-revision-hash`), no ControllerRevision in the snapshot, and a
//! maxSurge of one. The surge path tells the new pod from the old one by the hash label alone
//! (`podsShouldBeOnNode`), so dsplan must take the new pod's hash as the current revision's and
//! delete the old pod, as the real controller did (the case file's `upstream`).

use dsplan_core::revision::RevisionSource;
use dsplan_model::FeatureGates;
use dsplan_rollout::{rollout, RolloutOptions, RolloutReport};
use dsplan_snapshot::{parse, Input, Role};
use serde_json::{json, Value};

const CASE: &str = "rollout-new-revision-pods";

fn case_file(suffix: &str) -> String {
    let full = format!(
        "{}/../../conformance/disagreements/{CASE}{suffix}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn snapshot() -> dsplan_model::Snapshot {
    let snapshot = case_file(".snapshot.json");
    let daemon_set = case_file(".daemonset.json");
    parse(&[
        Input {
            name: "snapshot.json",
            text: &snapshot,
            role: Role::Snapshot,
        },
        Input {
            name: "daemonset.json",
            text: &daemon_set,
            role: Role::Proposed,
        },
    ])
    .expect("case parses")
}

fn report() -> RolloutReport {
    rollout(
        &snapshot(),
        &FeatureGates::default(),
        &RolloutOptions::default(),
    )
}

/// Steps (creates and deletes by node), stuck nodes, errors and settling: what
/// `compare-rollout` compares (`rollout_compare.go`).
fn comparable(ds: &Value) -> Value {
    let steps: Vec<Value> = ds["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|step| json!({"create": step["create"], "delete": step["delete"]}))
        .collect();
    let stuck: Vec<&Value> = ds["stuck"]
        .as_array()
        .expect("stuck")
        .iter()
        .map(|stuck| &stuck["node"])
        .collect();
    json!({"steps": steps, "stuck": stuck, "settled": ds["settled"], "errors": ds["errors"]})
}

#[test]
fn the_surge_path_deletes_the_old_pod_beside_one_already_at_the_new_revision() {
    let recorded: Value = serde_json::from_str(&case_file(".json")).expect("case file parses");
    let ours = serde_json::to_value(report()).expect("report serializes");
    assert_eq!(
        comparable(&ours["daemonSets"][0]),
        comparable(&recorded["upstream"]["daemonSets"][0])
    );
}

#[test]
fn the_new_revision_is_the_hash_of_the_pod_at_the_new_template_generation() {
    let report = report();
    let agent = &report.daemon_sets[0];
    assert_eq!(agent.revision.hash, "5d554f868b");
    assert_eq!(agent.revision.generation, Some(2));
    assert_eq!(agent.revision.source, RevisionSource::PodLabels);
    // The status counts a node's oldest pod (`updateDaemonSetStatus`): the old one before, the
    // updated one once the old pod is gone, and kubectl then reports success.
    assert_eq!(agent.status.updated_number_scheduled, 0);
    assert_eq!(agent.final_status.updated_number_scheduled, 1);
    assert_eq!(agent.final_status.number_available, 1);
    assert!(agent.completed_at_seconds.is_some(), "{agent:?}");
}

/// `dsplan plan` of the cluster mid-rollout: the snapshot's DaemonSet already is the new
/// version (templateGeneration 2), and, as in a plain `kubectl get` snapshot, there is no
/// ControllerRevision. The plan takes the hash of the pod at generation 2 as the current one,
/// so on the surge path it deletes the old pod and keeps the new one.
#[test]
fn plan_mid_rollout_deletes_the_old_pod_not_the_new_one() {
    let mut cluster: Value = serde_json::from_str(&case_file(".snapshot.json")).expect("JSON");
    let mut proposed: Value = serde_json::from_str(&case_file(".daemonset.json")).expect("JSON");
    proposed["metadata"]["uid"] = json!("ds-uid-0001");
    proposed["metadata"]["generation"] = json!(2);
    proposed["metadata"]["annotations"] = json!({"deprecated.daemonset.template.generation": "2"});
    let items = cluster["items"].as_array_mut().expect("items");
    let at = items
        .iter()
        .position(|item| item["kind"] == "DaemonSet")
        .expect("the snapshot's DaemonSet");
    items[at] = proposed;
    let text = cluster.to_string();
    let snapshot = parse(&[Input {
        name: "snapshot.json",
        text: &text,
        role: Role::Snapshot,
    }])
    .expect("parses");
    let plan = dsplan_core::plan(&snapshot, &FeatureGates::default());
    let node = &plan.daemon_sets[0].nodes[0];
    assert_eq!(node.node, "node-0");
    assert_eq!(node.delete_pods, ["node-0-old"]);
}

/// `dsplan plan` of the case itself (the snapshot's DaemonSet at generation 1, the proposal a new
/// template): plan resolves the proposal's revision as the rollout does, so its one sync deletes
/// the old pod beside the one already at the new revision, and both count the same pods updated.
#[test]
fn plan_of_the_proposal_agrees_with_the_rollout() {
    let snapshot = snapshot();
    let plan = dsplan_core::plan(&snapshot, &FeatureGates::default());
    let planned = &plan.daemon_sets[0];
    assert_eq!(planned.nodes[0].delete_pods, ["node-0-old"]);
    let rolled = &report().daemon_sets[0];
    assert_eq!(
        i64::from(planned.summary.updated_number_scheduled),
        i64::from(rolled.status.updated_number_scheduled)
    );
}
