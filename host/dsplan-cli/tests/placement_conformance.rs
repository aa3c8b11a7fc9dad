//! Every case of `conformance/placement-cases.json` (taken from upstream Kubernetes unit tests)
//! through the CLI contract: `dsplan plan --snapshot S --daemonset D -o json`.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../conformance/placement-cases.json");
    let text = std::fs::read_to_string(&path).expect("conformance file is part of the repo");
    let file: Value = serde_json::from_str(&text).expect("conformance file is JSON");
    file["cases"].as_array().expect("cases array").clone()
}

/// Writes the case's node and pods as a `kind: List` snapshot and its DaemonSet as a manifest.
fn write_inputs(dir: &Path, case: &Value) -> (PathBuf, PathBuf) {
    let mut items = vec![case["node"].clone()];
    items.extend(
        case["existing_pods"]
            .as_array()
            .cloned()
            .unwrap_or_default(),
    );
    let snapshot = json!({"apiVersion": "v1", "kind": "List", "items": items});
    let id = case["id"].as_str().expect("id");
    let snapshot_path = dir.join(format!("{id}.snapshot.json"));
    let ds_path = dir.join(format!("{id}.daemonset.json"));
    std::fs::write(&snapshot_path, snapshot.to_string()).expect("write snapshot");
    std::fs::write(&ds_path, case["daemonset"].to_string()).expect("write daemonset");
    (snapshot_path, ds_path)
}

fn gates(case: &Value) -> String {
    case["featureGates"]
        .as_object()
        .map(|gates| {
            gates
                .iter()
                .map(|(name, on)| format!("{name}={on}"))
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default()
}

/// Runs one case through `engine`; returns the list of mismatches (empty when it passes).
fn check(dir: &Path, case: &Value, engine: &str) -> Vec<String> {
    let (snapshot, daemonset) = write_inputs(dir, case);
    let output = Command::new(env!("CARGO_BIN_EXE_dsplan"))
        .args(["plan", "-o", "json", "--engine", engine, "--snapshot"])
        .arg(&snapshot)
        .arg("--daemonset")
        .arg(&daemonset)
        .args(["--feature-gates", &gates(case)])
        .output()
        .expect("dsplan runs");
    if !output.status.success() {
        return vec![format!(
            "exit {:?}: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        )];
    }
    let report: Value = serde_json::from_slice(&output.stdout).expect("stdout is JSON");
    let ds = &report["daemonSets"][0];
    let node_name = case["node"]["metadata"]["name"].as_str().unwrap_or("");
    let Some(node) = ds["nodes"]
        .as_array()
        .and_then(|nodes| nodes.iter().find(|n| n["node"] == node_name))
    else {
        return vec![format!("node {node_name} missing from {ds}")];
    };
    let expect = &case["expect"];
    let mut diffs = Vec::new();
    for (field, want) in [
        ("shouldRun", &expect["shouldRun"]),
        ("shouldContinueRunning", &expect["shouldContinueRunning"]),
        ("controllerDecision", &expect["controllerDecision"]),
        ("schedulable", &expect["schedulable"]),
        ("reasons", &expect["reasons"]),
    ] {
        if &node[field] != want {
            diffs.push(format!("{field}: want {want}, got {}", node[field]));
        }
    }
    if let Some(actions) = expect.get("actions") {
        let without_node = ds["deletePodsWithoutNode"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut deleted: Vec<Value> = node["deletePods"].as_array().cloned().unwrap_or_default();
        deleted.extend(without_node);
        let creates = node["creates"].as_u64().unwrap_or(0);
        if Some(creates) != actions["creates"].as_u64() {
            diffs.push(format!(
                "creates: want {}, got {creates}",
                actions["creates"]
            ));
        }
        if Some(deleted.len() as u64) != actions["deletes"].as_u64() {
            diffs.push(format!(
                "deletes: want {}, got {deleted:?}",
                actions["deletes"]
            ));
        }
        if let Some(pods) = actions.get("deletedPods") {
            if pods.as_array() != Some(&deleted) {
                diffs.push(format!("deletedPods: want {pods}, got {deleted:?}"));
            }
        }
        if let Some(events) = actions.get("events").and_then(Value::as_array) {
            let got: Vec<&Value> = node["events"]
                .as_array()
                .map(|e| e.iter().map(|e| &e["reason"]).collect())
                .unwrap_or_default();
            if got != events.iter().collect::<Vec<_>>() {
                diffs.push(format!("events: want {events:?}, got {got:?}"));
            }
        }
    }
    diffs
}

fn every_case_passes(engine: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = cases();
    assert!(cases.len() >= 77, "the conformance file lost cases");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let diffs = check(dir.path(), case, engine);
            (!diffs.is_empty()).then(|| format!("{}: {}", case["id"], diffs.join("; ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail with --engine {engine}:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_placement_case_passes_through_the_native_engine() {
    every_case_passes("native");
}

#[test]
fn every_placement_case_passes_through_the_component() {
    every_case_passes("wasm");
}

/// The two engines print the same bytes for the same input.
#[test]
fn both_engines_print_identical_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let run = |engine: &str, format: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_dsplan"))
            .current_dir(&root)
            .args(["plan", "-o", format, "--engine", engine])
            .args(["--snapshot", "examples/clusters/cloud-gpu-spot.yaml"])
            .args(["--daemonset", "examples/daemonsets/gpu-device-plugin.yaml"])
            .output()
            .expect("dsplan runs");
        assert!(output.status.success(), "{engine}: {output:?}");
        output.stdout
    };
    for format in ["json", "table"] {
        assert_eq!(run("native", format), run("wasm", format), "-o {format}");
    }
}
