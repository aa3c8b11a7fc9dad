//! The shared test vectors every front end replays: `conformance/vectors/plan.json`, one request
//! per placement conformance case and per example (cluster × DaemonSet), with the exact JSON
//! the engine answers (compact `serde_json`, the bytes the core-module ABI returns as `ok`).
//! SDK suites assert they return these bytes; this test asserts the file is current.
//! Regenerate with `DSPLAN_BLESS=1 cargo test -p dsplan-engine --test vectors`.

use dsplan_engine::{Input, Options, Role};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One request in the ABI's request shape.
struct Request {
    id: String,
    documents: Vec<(String, String, Role)>,
    gates: Vec<(String, bool)>,
}

fn conformance_requests() -> Vec<Request> {
    let text = std::fs::read_to_string(repo().join("conformance/placement-cases.json"))
        .expect("conformance cases are in the repo");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    let cases = file["cases"].as_array().expect("cases");
    cases
        .iter()
        .map(|case| {
            let mut items = vec![case["node"].clone()];
            items.extend(
                case["existing_pods"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default(),
            );
            let snapshot = json!({"apiVersion": "v1", "kind": "List", "items": items});
            let id = case["id"].as_str().expect("id").to_owned();
            let gates = case["featureGates"]
                .as_object()
                .map(|g| {
                    g.iter()
                        .map(|(k, v)| (k.clone(), v.as_bool().unwrap_or(false)))
                        .collect()
                })
                .unwrap_or_default();
            Request {
                documents: vec![
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
                ],
                id: format!("placement/{id}"),
                gates,
            }
        })
        .collect()
}

fn example_requests() -> Vec<Request> {
    let read_dir = |dir: &str| {
        let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
            .expect("examples dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        files
    };
    let mut requests = Vec::new();
    for cluster in read_dir("examples/clusters") {
        for ds in read_dir("examples/daemonsets") {
            let name = |p: &Path| p.file_name().expect("name").to_string_lossy().into_owned();
            let text = |p: &Path| std::fs::read_to_string(p).expect("example");
            requests.push(Request {
                id: format!(
                    "examples/{}+{}",
                    name(&cluster).trim_end_matches(".yaml"),
                    name(&ds).trim_end_matches(".yaml")
                ),
                documents: vec![
                    (name(&cluster), text(&cluster), Role::Snapshot),
                    (name(&ds), text(&ds), Role::Proposed),
                ],
                gates: vec![],
            });
        }
    }
    requests
}

fn vector(request: &Request) -> Value {
    let inputs: Vec<Input<'_>> = request
        .documents
        .iter()
        .map(|(name, text, role)| Input {
            name,
            text,
            role: *role,
        })
        .collect();
    let options = Options {
        feature_gates: request.gates.clone(),
    };
    let report = dsplan_engine::plan(&inputs, &options).expect("vectors are valid input");
    let documents: Vec<Value> = request
        .documents
        .iter()
        .map(|(name, text, role)| {
            let role = match role {
                Role::Snapshot => "snapshot",
                Role::Proposed => "proposed",
            };
            json!({"name": name, "text": text, "role": role})
        })
        .collect();
    let gates: serde_json::Map<String, Value> = request
        .gates
        .iter()
        .map(|(name, on)| (name.clone(), Value::Bool(*on)))
        .collect();
    json!({
        "id": request.id,
        "request": {"documents": documents, "options": {"featureGates": gates}},
        "ok": serde_json::to_string(&report).expect("report serializes"),
    })
}

#[test]
fn shared_vectors_are_current() {
    let requests: Vec<Request> = conformance_requests()
        .into_iter()
        .chain(example_requests())
        .collect();
    let vectors: Vec<Value> = requests.iter().map(vector).collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "about": "Generated by crates/dsplan-engine/tests/vectors.rs (DSPLAN_BLESS=1 to rewrite). \
                  Each `ok` is the exact JSON text of the plan report for `request` (core ABI `plan`).",
        "vectors": vectors,
    }))
    .expect("serialize");
    text.push('\n');
    let path = repo().join("conformance/vectors/plan.json");
    if std::env::var_os("DSPLAN_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write vectors");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "conformance/vectors/plan.json is stale: rerun with DSPLAN_BLESS=1 and review the diff"
    );
}
