//! The cases of `conformance/rollout-cases.json` as the documents a user would give dsplan:
//! rollout cases (a cluster, a DaemonSet and its pods) as a `kind: List` snapshot, validation
//! cases as DaemonSet manifests. Shared with `host/dsplan-cli/tests/engines.rs`, which runs
//! the same documents through the CLI.
//!
//! The cases describe the controller's cache abstractly (`"nodes": 5`, pods with `rev: old`);
//! this writes the objects `kubectl get -o json` would show for it: Ready nodes, a DaemonSet
//! at template generation 2 (`rev: new`) whose older pods carry generation 1 (`rev: old`),
//! pods bound to their node with Ready conditions, creation and deletion times.

use serde_json::{json, Map, Value};

/// One set of documents: `(file name, text, is a snapshot)`.
pub type Documents = Vec<(String, String, bool)>;

/// What a case asks of dsplan, as documents.
pub enum CaseInput {
    /// A cluster snapshot to simulate the rollout of (one per strategy the case lists).
    Rollout(Vec<Documents>),
    /// DaemonSets to validate as creates.
    Validate(Documents),
    /// DaemonSets to validate as updates: `(old, new)`.
    ValidateUpdate(Documents, Documents),
}

/// Every case of the file, by id, with what it asks of dsplan (`None` for the kinds about a
/// single function, such as int-or-percent arithmetic, that no document exercises).
pub fn cases() -> Vec<(String, Option<CaseInput>)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../conformance/rollout-cases.json"
    );
    let text = std::fs::read_to_string(path).expect("rollout cases are part of the repo");
    let file: Value = serde_json::from_str(&text).expect("rollout cases are JSON");
    file["cases"]
        .as_array()
        .expect("cases array")
        .iter()
        .map(|case| {
            let id = case["id"].as_str().expect("id").to_owned();
            (id.clone(), input(&id, case))
        })
        .collect()
}

fn input(id: &str, case: &Value) -> Option<CaseInput> {
    let manifest =
        |name: &str, value: &Value| (format!("{id}.{name}.json"), value.to_string(), false);
    match case["kind"].as_str()? {
        "sequence" | "snapshot_sync" | "status" | "rolling_update_only" | "desired_counts" => {
            let snapshots = strategies(case)
                .iter()
                .enumerate()
                .map(|(i, strategy)| {
                    let list = snapshot(case, strategy);
                    vec![(format!("{id}.{i}.snapshot.json"), list.to_string(), true)]
                })
                .collect();
            Some(CaseInput::Rollout(snapshots))
        }
        "validation" => Some(CaseInput::Validate(vec![manifest(
            "daemonset",
            &daemon_set_object(&case["daemonset"]),
        )])),
        "defaults+validation" => Some(CaseInput::Validate(vec![manifest(
            "daemonset",
            &daemon_set_object(&case["input"]),
        )])),
        "validation_update" => {
            let object = |spec: &Value| daemon_set_object(&json!({"spec": spec}));
            Some(CaseInput::ValidateUpdate(
                vec![manifest("old", &object(&case["old"]))],
                vec![manifest("new", &object(&case["new"]))],
            ))
        }
        _ => None,
    }
}

/// A case's DaemonSet as an `apps/v1` object: `apiVersion`, `kind` and a name added where the
/// case leaves them out (an explicit empty name stays empty).
fn daemon_set_object(value: &Value) -> Value {
    let mut object = value.as_object().cloned().unwrap_or_default();
    object
        .entry("apiVersion")
        .or_insert_with(|| json!("apps/v1"));
    object.entry("kind").or_insert_with(|| json!("DaemonSet"));
    let metadata = object
        .entry("metadata")
        .or_insert_with(|| json!({"name": "ds", "namespace": "default"}));
    if let Some(metadata) = metadata.as_object_mut() {
        metadata.entry("name").or_insert_with(|| json!("ds"));
    }
    Value::Object(object)
}

/// The strategies the case runs under (a list means once per strategy; none means upstream's
/// default RollingUpdate with maxUnavailable 1).
fn strategies(case: &Value) -> Vec<Value> {
    match &case["strategy"] {
        Value::Array(list) => list.clone(),
        Value::Null => vec![json!({"type": "RollingUpdate", "maxUnavailable": 1})],
        one => vec![one.clone()],
    }
}

/// A case time (seconds after the case's time 0, which is 2026-01-01T00:00:00Z) as an RFC 3339
/// timestamp. Case times are offsets of seconds to minutes.
fn timestamp(seconds: i64) -> String {
    assert!(
        (0..86_400).contains(&seconds),
        "case time {seconds} out of range"
    );
    format!(
        "2026-01-01T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds % 3600 / 60,
        seconds % 60
    )
}

fn snapshot(case: &Value, strategy: &Value) -> Value {
    let nodes = node_names(case);
    let mut items: Vec<Value> = nodes
        .iter()
        .map(|(name, taints)| node(name, taints))
        .collect();
    items.push(daemon_set(case, strategy));
    let clock = case["clock"].as_i64().unwrap_or(0);
    for (index, pod_spec) in pod_specs(case, &nodes).iter().enumerate() {
        items.push(pod(index, pod_spec, clock));
    }
    json!({"apiVersion": "v1", "kind": "List", "items": items})
}

fn node_names(case: &Value) -> Vec<(String, Value)> {
    match &case["nodes"] {
        Value::Array(nodes) => nodes
            .iter()
            .map(|n| {
                let name = n["name"].as_str().expect("node name").to_owned();
                (name, n["taints"].clone())
            })
            .collect(),
        count => (0..count.as_u64().unwrap_or(0))
            .map(|i| (format!("node-{i}"), Value::Null))
            .collect(),
    }
}

fn node(name: &str, taints: &Value) -> Value {
    let taints: Vec<Value> = taints
        .as_array()
        .map(|list| {
            list.iter()
                .map(|t| {
                    let mut taint = t.as_object().cloned().unwrap_or_default();
                    taint
                        .entry("key")
                        .or_insert_with(|| json!("example.com/taint"));
                    Value::Object(taint)
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {"taints": taints},
        "status": {
            "allocatable": {"cpu": "4", "memory": "16Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True"}]
        }
    })
}

fn daemon_set(case: &Value, strategy: &Value) -> Value {
    let rolling: Map<String, Value> = ["maxUnavailable", "maxSurge"]
        .iter()
        .filter_map(|key| strategy.get(*key).map(|v| ((*key).to_owned(), v.clone())))
        .collect();
    let mut update_strategy = json!({"type": strategy["type"]});
    if !rolling.is_empty() {
        update_strategy["rollingUpdate"] = Value::Object(rolling);
    }
    json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "ds", "namespace": "default", "uid": "ds-uid", "generation": 2,
                     "annotations": {"deprecated.daemonset.template.generation": "2"}},
        "spec": {
            "selector": {"matchLabels": {"app": "ds"}},
            "minReadySeconds": case["minReadySeconds"].as_i64().unwrap_or(0),
            "updateStrategy": update_strategy,
            "template": {"metadata": {"labels": {"app": "ds"}},
                         "spec": {"containers": [{"name": "c", "image": "agent:new"}]}}
        },
        "status": {"observedGeneration": 1}
    })
}

/// One pod per `count` of every entry, wherever the case kind keeps them.
fn pod_specs(case: &Value, nodes: &[(String, Value)]) -> Vec<Value> {
    let listed = case["pods"]
        .as_array()
        .or_else(|| case["initial"]["pods"].as_array())
        .or_else(|| case["steps"][0]["pods"].as_array());
    let mut specs = Vec::new();
    if let Some(listed) = listed {
        let mut unplaced = nodes.iter().map(|(name, _)| name.clone());
        for entry in listed {
            let count = entry["count"].as_u64().unwrap_or(1);
            for _ in 0..count {
                let mut spec = entry.clone();
                if spec["node"].is_null() {
                    spec["node"] = json!(unplaced.next().unwrap_or_default());
                }
                specs.push(spec);
            }
        }
    } else if let Some(by_node) = case["podsByNode"].as_object() {
        for (node, pods) in by_node {
            let entries = match pods {
                Value::Array(list) => list.clone(),
                Value::Number(n) => {
                    vec![json!({"rev": "new", "ready": true}); n.as_u64().unwrap_or(0) as usize]
                }
                Value::Object(o) => vec![
                    json!({"rev": "new", "ready": true, "deleting": o.get("terminating")});
                    o["count"].as_u64().unwrap_or(0) as usize
                ],
                _ => Vec::new(),
            };
            for mut spec in entries {
                spec["node"] = json!(node);
                if spec["ready"].is_null() {
                    spec["ready"] = spec["available"].clone();
                }
                specs.push(spec);
            }
        }
    }
    specs
}

fn pod(index: usize, spec: &Value, clock: i64) -> Value {
    let node = spec["node"].as_str().unwrap_or_default();
    let new = spec["rev"].as_str() != Some("old");
    let name = spec["name"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("ds-{node}-{index}"));
    let app = if spec["labelsMatchSelector"] == json!(false) {
        "other"
    } else {
        "ds"
    };
    let created = spec["created"].as_i64().unwrap_or(0);
    let ready = spec["ready"].as_bool().unwrap_or(true);
    let ready_since = spec["readySince"].as_i64().unwrap_or(created);
    let mut metadata = json!({
        "name": name, "namespace": "default", "uid": format!("pod-{index}"),
        "creationTimestamp": timestamp(created),
        "labels": {"app": app,
                   "controller-revision-hash": if new { "rev-new" } else { "rev-old" },
                   "pod-template-generation": if new { "2" } else { "1" }},
        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "ds",
                             "uid": "ds-uid", "controller": true}]
    });
    if spec["deleting"] == json!(true) {
        metadata["deletionTimestamp"] = json!(timestamp(clock.max(created)));
    }
    json!({
        "apiVersion": "v1", "kind": "Pod", "metadata": metadata,
        "spec": {"nodeName": node,
                 "containers": [{"name": "c", "image": if new { "agent:new" } else { "agent:old" }}]},
        "status": {
            "phase": spec["phase"].as_str().unwrap_or("Running"),
            "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                            "lastTransitionTime": timestamp(ready_since)}]
        }
    })
}
