//! Runs every case of `conformance/placement-cases.json` (taken from upstream Kubernetes unit
//! tests) through `dsplan_core::plan` and checks the controller decision, the scheduler
//! verdict, the reasons and the sync's actions. Every case must pass; failures are listed per
//! case.

use dsplan_core::{plan, DaemonSetPlan, NodePlan};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use dsplan_model::{FeatureGates, Obj, Snapshot, Source};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../conformance/placement-cases.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    file["cases"].as_array().cloned().unwrap_or_default()
}

fn object<T: serde::de::DeserializeOwned>(value: &Value, what: &str) -> Result<Obj<T>, String> {
    serde_json::from_value(value.clone())
        .map(|v| Obj::new(v, Source::default()))
        .map_err(|e| format!("{what}: {e}"))
}

fn run_case(case: &Value) -> Result<(), String> {
    let mut gates = FeatureGates::default();
    for (name, on) in case["featureGates"].as_object().into_iter().flatten() {
        gates
            .set(name, on.as_bool().unwrap_or_default())
            .map_err(|e| e.to_string())?;
    }
    let snapshot = Snapshot {
        nodes: vec![object::<Node>(&case["node"], "node")?],
        pods: case["existing_pods"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| object::<Pod>(p, "pod"))
            .collect::<Result<_, _>>()?,
        daemon_sets: vec![object::<DaemonSet>(&case["daemonset"], "daemonset")?],
        ..Default::default()
    };
    let report = plan(&snapshot, &gates);
    let [ds] = report.daemon_sets.as_slice() else {
        return Err(format!(
            "expected one DaemonSet plan, got {}",
            report.daemon_sets.len()
        ));
    };
    let [node] = ds.nodes.as_slice() else {
        return Err(format!("expected one node plan, got {}", ds.nodes.len()));
    };
    compare(&case["expect"], ds, node)
}

fn compare(expect: &Value, ds: &DaemonSetPlan, node: &NodePlan) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut check = |what: &str, want: Value, got: Value| {
        if want != got {
            problems.push(format!("{what}: want {want}, got {got}"));
        }
    };
    check(
        "shouldRun",
        expect["shouldRun"].clone(),
        node.should_run.into(),
    );
    check(
        "shouldContinueRunning",
        expect["shouldContinueRunning"].clone(),
        node.should_continue_running.into(),
    );
    check(
        "controllerDecision",
        expect["controllerDecision"].clone(),
        serde_json::to_value(node.controller_decision).unwrap_or_default(),
    );
    check(
        "schedulable",
        expect["schedulable"].clone(),
        node.schedulable.into(),
    );
    check(
        "reasons",
        expect["reasons"].clone(),
        node.reasons.clone().into(),
    );
    let actions = &expect["actions"];
    if actions.is_object() {
        let deleted: Vec<String> = node
            .delete_pods
            .iter()
            .chain(&ds.delete_pods_without_node)
            .cloned()
            .collect();
        check("creates", actions["creates"].clone(), node.creates.into());
        check("deletes", actions["deletes"].clone(), deleted.len().into());
        if !actions["deletedPods"].is_null() {
            check(
                "deletedPods",
                actions["deletedPods"].clone(),
                deleted.into(),
            );
        }
        let events: Vec<String> = node
            .events
            .iter()
            .chain(&ds.events)
            .map(|e| e.reason.clone())
            .collect();
        let want_events = match &actions["events"] {
            Value::Null => Value::Array(Vec::new()),
            other => other.clone(),
        };
        check("events", want_events, events.into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn every_placement_case_passes() {
    let cases = cases();
    assert_eq!(cases.len(), 77, "the case file has 77 cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let id = case["id"].as_str().unwrap_or("?");
            run_case(case).err().map(|e| format!("{id}: {e}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
