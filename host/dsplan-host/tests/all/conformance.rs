//! Every case of `conformance/placement-cases.json`: the component's report equals the native
//! engine's, field for field (the same Rust types), and so do errors.

use crate::support::{planner, Files};
use dsplan_engine::Role;
use serde_json::{json, Value};

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../conformance/placement-cases.json"
    );
    let text = std::fs::read_to_string(path).expect("conformance file is part of the repo");
    let file: Value = serde_json::from_str(&text).expect("conformance file is JSON");
    file["cases"].as_array().expect("cases array").clone()
}

/// The case's node and pods as a `kind: List` snapshot, and its DaemonSet as a manifest (the
/// same inputs as the CLI conformance runner).
fn files(case: &Value) -> Files {
    let mut items = vec![case["node"].clone()];
    items.extend(
        case["existing_pods"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    let id = case["id"].as_str().expect("id");
    let snapshot = json!({"apiVersion": "v1", "kind": "List", "items": items});
    Files(vec![
        (
            format!("{id}.snapshot.json"),
            snapshot.to_string(),
            Role::Snapshot,
        ),
        (
            format!("{id}.daemonset.json"),
            case["daemonset"].to_string(),
            Role::Proposed,
        ),
    ])
}

fn options(case: &Value) -> dsplan_engine::Options {
    dsplan_engine::Options {
        feature_gates: case["featureGates"]
            .as_object()
            .map(|gates| {
                gates
                    .iter()
                    .map(|(name, on)| (name.clone(), on.as_bool().expect("gate is a bool")))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[test]
fn every_placement_case_plans_the_same_through_the_component() {
    let cases = cases();
    assert!(cases.len() >= 77, "the conformance file lost cases");
    let mut failures = Vec::new();
    for case in &cases {
        let files = files(case);
        let options = options(case);
        let native = dsplan_engine::plan(&files.inputs(), &options);
        let component = planner().plan(&files.inputs(), &options);
        let same = match (&native, &component) {
            (Ok(native), Ok(component)) => native == component,
            (
                Err(dsplan_engine::Error::Input(native)),
                Err(dsplan_host::Error::Input(component)),
            ) => native == component,
            _ => false,
        };
        if !same {
            failures.push(format!(
                "{}:\n  native    {native:?}\n  component {component:?}",
                case["id"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_generated_snapshot_plans_the_same_through_the_component() {
    let files = Files(vec![(
        "generated.json".to_owned(),
        crate::generate::generated_snapshot(50, 5),
        Role::Snapshot,
    )]);
    let options = dsplan_engine::Options::default();
    let native = dsplan_engine::plan(&files.inputs(), &options).expect("native plans");
    let component = planner()
        .plan(&files.inputs(), &options)
        .expect("component plans");
    assert_eq!(native.daemon_sets.len(), 1);
    assert_eq!(native, component);
}

#[test]
fn version_is_the_engine_version() {
    assert_eq!(
        planner().version().expect("version"),
        dsplan_engine::version()
    );
}
