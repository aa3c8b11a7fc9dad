//! The shared test vectors every front end replays, one file per core-ABI function in
//! `conformance/vectors/`: `plan.json` (one request per placement conformance case and per
//! example cluster × DaemonSet), `rollout.json`, `check.json` and `validate.json` (the examples'
//! clusters and DaemonSets, alone and paired, with timings and policies). Each vector is a
//! request in the ABI's shape and the exact JSON the engine answers (compact `serde_json`, the
//! bytes the core-module ABI returns as `ok`). Requests are decoded with
//! `dsplan_engine::request`, the types the ABI and the browser bindings decode with.
//! SDK suites assert they return these bytes; these tests assert the files are current.
//! Regenerate with `DSPLAN_BLESS=1 cargo test -p dsplan-engine --test vectors`.

use dsplan_engine::request::{CheckRequest, PlanRequest, RolloutRequest, ValidateRequest};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One vector before it is answered: its id and its ABI request.
struct Request {
    id: String,
    request: Value,
}

fn document(name: &str, text: &str, role: &str) -> Value {
    json!({"name": name, "text": text, "role": role})
}

fn placement_requests() -> Vec<Request> {
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
            let id = case["id"].as_str().expect("id");
            let gates: serde_json::Map<String, Value> = case["featureGates"]
                .as_object()
                .map(|g| {
                    g.iter()
                        .map(|(k, v)| (k.clone(), Value::Bool(v.as_bool().unwrap_or(false))))
                        .collect()
                })
                .unwrap_or_default();
            let documents = json!([
                document(
                    &format!("{id}.snapshot.json"),
                    &snapshot.to_string(),
                    "snapshot"
                ),
                document(
                    &format!("{id}.daemonset.json"),
                    &case["daemonset"].to_string(),
                    "proposed"
                ),
            ]);
            Request {
                id: format!("placement/{id}"),
                request: json!({"documents": documents, "options": {"featureGates": gates}}),
            }
        })
        .collect()
}

/// An example file: its file name, its id (the name without `.yaml`) and its text.
struct Example {
    name: String,
    id: String,
    text: String,
}

fn examples(dir: &str) -> Vec<Example> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .expect("examples dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            Example {
                id: name.trim_end_matches(".yaml").to_owned(),
                text: std::fs::read_to_string(p).expect("example"),
                name,
            }
        })
        .collect()
}

fn clusters() -> Vec<Example> {
    examples("examples/clusters")
}

fn daemon_sets() -> Vec<Example> {
    examples("examples/daemonsets")
}

/// Every example cluster with every example DaemonSet proposed: `(id, documents)`.
fn pairs() -> Vec<(String, Value)> {
    let mut pairs = Vec::new();
    for cluster in clusters() {
        for ds in daemon_sets() {
            pairs.push((
                format!("examples/{}+{}", cluster.id, ds.id),
                json!([
                    document(&cluster.name, &cluster.text, "snapshot"),
                    document(&ds.name, &ds.text, "proposed"),
                ]),
            ));
        }
    }
    pairs
}

/// The pairs of one example cluster.
fn pairs_on(cluster: &str) -> impl Iterator<Item = (String, Value)> {
    let prefix = format!("examples/{cluster}+");
    pairs()
        .into_iter()
        .filter(move |(id, _)| id.starts_with(&prefix))
}

/// Every example cluster alone, judged on its own DaemonSets: `(id, documents)`.
fn lone_clusters() -> Vec<(String, Value)> {
    clusters()
        .iter()
        .map(|c| {
            (
                format!("examples/{}", c.id),
                json!([document(&c.name, &c.text, "snapshot")]),
            )
        })
        .collect()
}

fn plan_requests() -> Vec<Request> {
    let examples = pairs().into_iter().map(|(id, documents)| Request {
        id,
        request: json!({"documents": documents, "options": {"featureGates": {}}}),
    });
    placement_requests().into_iter().chain(examples).collect()
}

/// Slower pods than `dsplan rollout`'s defaults, so the timeline differs.
fn slow_timing() -> Value {
    json!({"podStartSeconds": 45, "readinessSeconds": 20, "terminationSeconds": 30})
}

fn rollout_requests() -> Vec<Request> {
    let defaults = lone_clusters()
        .into_iter()
        .chain(pairs())
        .map(|(id, documents)| Request {
            id,
            request: json!({"documents": documents}),
        });
    // Timing only moves the clock, so one cluster's pairs cover it (its v2 DaemonSet updates).
    let slow = pairs_on("kubeadm").map(|(id, documents)| Request {
        id: format!("{id}/slow-pods"),
        request: json!({"documents": documents, "options": {}, "timing": slow_timing()}),
    });
    defaults.chain(slow).collect()
}

fn check_requests() -> Vec<Request> {
    let policy_path = "examples/ci/dsplan-policy.yaml";
    let policy = json!({
        "name": "dsplan-policy.yaml",
        "text": std::fs::read_to_string(repo().join(policy_path)).expect("example policy"),
    });
    let defaults = lone_clusters()
        .into_iter()
        .chain(pairs())
        .map(|(id, documents)| Request {
            id,
            request: json!({"documents": documents}),
        });
    // The example policy is written for GPU clusters: each cluster as it is, and the GPU
    // cluster with each DaemonSet proposed.
    let with_policy = lone_clusters()
        .into_iter()
        .chain(pairs_on("cloud-gpu-spot"))
        .map(|(id, documents)| Request {
            id: format!("{id}/policy=dsplan-policy"),
            request: json!({"documents": documents, "policy": policy, "timing": slow_timing()}),
        });
    defaults.chain(with_policy).collect()
}

fn validate_requests() -> Vec<Request> {
    let lone_daemon_sets = daemon_sets().into_iter().map(|ds| Request {
        id: format!("examples/{}", ds.id),
        request: json!({"documents": [document(&ds.name, &ds.text, "proposed")]}),
    });
    let all_at_once = Request {
        id: "examples/all".to_owned(),
        request: json!({"documents": clusters()
            .iter()
            .map(|c| document(&c.name, &c.text, "snapshot"))
            .chain(daemon_sets().iter().map(|d| document(&d.name, &d.text, "proposed")))
            .collect::<Vec<_>>()}),
    };
    lone_clusters()
        .into_iter()
        .map(|(id, documents)| Request {
            id,
            request: json!({"documents": documents}),
        })
        .chain(lone_daemon_sets)
        .chain([all_at_once])
        .collect()
}

/// Answers every request as the ABI's `function` does and checks (or, with `DSPLAN_BLESS`,
/// rewrites) `conformance/vectors/<function>.json`.
fn assert_current<R, T>(
    function: &str,
    requests: Vec<Request>,
    answer: impl Fn(R) -> Result<T, dsplan_engine::Error>,
) where
    R: DeserializeOwned,
    T: Serialize,
{
    let vectors: Vec<Value> = requests
        .into_iter()
        .map(|Request { id, request }| {
            let decoded: R = serde_json::from_value(request.clone())
                .unwrap_or_else(|e| panic!("{id}: not a {function} request: {e}"));
            let report = answer(decoded).unwrap_or_else(|e| panic!("{id}: {e}"));
            json!({
                "id": id,
                "request": request,
                "ok": serde_json::to_string(&report).expect("report serializes"),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "about": format!(
            "Generated by crates/dsplan-engine/tests/vectors.rs (DSPLAN_BLESS=1 to rewrite). \
             Each `ok` is the exact JSON text of the {function} report for `request` (core ABI `{function}`)."
        ),
        "vectors": vectors,
    }))
    .expect("serialize");
    text.push('\n');
    let path = repo().join(format!("conformance/vectors/{function}.json"));
    if std::env::var_os("DSPLAN_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write vectors");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "conformance/vectors/{function}.json is stale: rerun with DSPLAN_BLESS=1 and review the diff"
    );
}

#[test]
fn plan_vectors_are_current() {
    assert_current("plan", plan_requests(), PlanRequest::answer);
}

#[test]
fn rollout_vectors_are_current() {
    assert_current("rollout", rollout_requests(), RolloutRequest::answer);
}

#[test]
fn check_vectors_are_current() {
    assert_current("check", check_requests(), CheckRequest::answer);
}

#[test]
fn validate_vectors_are_current() {
    assert_current("validate", validate_requests(), ValidateRequest::answer);
}
