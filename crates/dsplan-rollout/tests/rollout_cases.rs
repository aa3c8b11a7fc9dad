//! Runs every controller case of `conformance/rollout-cases.json` (sequences, single syncs,
//! rollingUpdate passes, budgets, status, pod availability, `kubectl rollout status`) against the
//! simulator. Validation, defaulting and intstr cases belong to `dsplan-validation`'s runner.

use std::collections::BTreeSet;

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_rollout::budget::budget;
use dsplan_rollout::controller::{Controller, Mode, Removal, SyncOutcome};
use dsplan_rollout::model::{
    Fit, Phase, Revision, RollingParams, SimDaemonSet, SimNode, SimPod, Strategy, World,
};
use dsplan_rollout::status::{compute_status, rollout_status, DaemonSetStatus};
use dsplan_rollout::update::{nodes_to_daemon_pods, rolling_update};
use serde_json::Value;

const CASES: &str = include_str!("../../../conformance/rollout-cases.json");
/// The kinds another crate's runner owns.
const NOT_OURS: &[&str] = &[
    "validation",
    "validation_update",
    "intstr",
    "defaults",
    "defaults+validation",
];
const NEW: &str = "rev-new";
const OLD: &str = "rev-old";

type Check = Result<(), String>;

#[test]
fn every_controller_case_passes() {
    let file: Value = serde_json::from_str(CASES).expect("cases parse");
    let cases = file["cases"].as_array().expect("cases array");
    let mut ran = 0;
    let mut failures = Vec::new();
    for case in cases {
        let kind = case["kind"].as_str().unwrap_or_default();
        if NOT_OURS.contains(&kind) {
            continue;
        }
        ran += 1;
        let result = match kind {
            "sequence" => for_each_strategy(case, sequence),
            "snapshot_sync" => for_each_strategy(case, snapshot_sync),
            "status" => for_each_strategy(case, status_case),
            "rolling_update_only" => for_each_strategy(case, rolling_update_only),
            "desired_counts" => for_each_strategy(case, desired_counts),
            "rollout_status" => rollout_status_case(case),
            "pod_available" => pod_available(case),
            other => Err(format!("unknown case kind {other}")),
        };
        if let Err(message) = result {
            failures.push(format!("{}: {message}", case["id"]));
        }
    }
    assert_eq!(ran, 40, "controller cases in the file");
    assert!(
        failures.is_empty(),
        "failing cases:\n{}",
        failures.join("\n")
    );
}

fn for_each_strategy(case: &Value, run: fn(&Value, Strategy) -> Check) -> Check {
    let strategies = match &case["strategy"] {
        Value::Array(list) => list.iter().map(strategy).collect(),
        Value::Null => vec![Strategy::RollingUpdate(Some(RollingParams {
            max_unavailable: Some(IntOrString::Int(1)),
            max_surge: None,
        }))],
        one => vec![strategy(one)],
    };
    for s in strategies {
        let type_name = s.type_name();
        run(case, s).map_err(|message| format!("[{type_name}] {message}"))?;
    }
    Ok(())
}

fn strategy(value: &Value) -> Strategy {
    match value["type"].as_str() {
        Some("OnDelete") => Strategy::OnDelete,
        _ => Strategy::RollingUpdate(Some(RollingParams {
            max_unavailable: int_or_string(&value["maxUnavailable"]),
            max_surge: int_or_string(&value["maxSurge"]),
        })),
    }
}

fn int_or_string(value: &Value) -> Option<IntOrString> {
    match value {
        Value::Number(n) => Some(IntOrString::Int(n.as_i64().expect("int") as i32)),
        Value::String(s) => Some(IntOrString::String(s.clone())),
        _ => None,
    }
}

/// The case's nodes: an integer N is node-0..node-(N-1), eligible; a list gives names and
/// taints (the DaemonSet tolerates none) or explicit `shouldRun` flags.
fn nodes(case: &Value) -> Vec<SimNode> {
    match &case["nodes"] {
        Value::Number(n) => (0..n.as_u64().expect("count"))
            .map(|i| SimNode::eligible(format!("node-{i}")))
            .collect(),
        Value::Array(list) => list
            .iter()
            .map(|node| {
                let effects: Vec<&str> = node["taints"]
                    .as_array()
                    .map(|taints| taints.iter().filter_map(|t| t["effect"].as_str()).collect())
                    .unwrap_or_default();
                let no_execute = effects.contains(&"NoExecute");
                let tainted = no_execute || effects.contains(&"NoSchedule");
                SimNode {
                    name: node["name"].as_str().expect("name").to_owned(),
                    should_run: node["shouldRun"].as_bool().unwrap_or(!tainted),
                    should_continue_running: node["shouldContinueRunning"]
                        .as_bool()
                        .unwrap_or(!no_execute),
                    kubelet_ready: true,
                    fit: Fit::default(),
                }
            })
            .collect(),
        other => panic!("nodes: {other}"),
    }
}

fn world(case: &Value, strategy: Strategy) -> World {
    World {
        ds: SimDaemonSet {
            namespace: "default".into(),
            name: "foo".into(),
            strategy,
            min_ready_seconds: case["minReadySeconds"].as_i64().unwrap_or(0),
            revision: Revision {
                hash: NEW.into(),
                generation: None,
            },
            generation: 1,
        },
        nodes: nodes(case),
        pods: Vec::new(),
    }
}

/// Adds the pods of a case's pod list; entries without a node fill nodes in order.
fn add_pods(world: &mut World, pods: &Value) {
    let mut next_node = 0;
    for entry in pods.as_array().into_iter().flatten() {
        if entry["labelsMatchSelector"] == Value::Bool(false) {
            continue; // released by the controller: not the DaemonSet's pod (R-P1)
        }
        for _ in 0..entry["count"].as_u64().unwrap_or(1) {
            let node = match entry["node"].as_str() {
                Some(node) => node.to_owned(),
                None => {
                    next_node += 1;
                    world.nodes[next_node - 1].name.clone()
                }
            };
            let name = match entry["name"].as_str() {
                Some(name) => name.to_owned(),
                None => format!("{node}-pod-{}", world.pods.len()),
            };
            world.pods.push(pod(entry, name, node));
        }
    }
}

fn pod(entry: &Value, name: String, node: String) -> SimPod {
    let ready = entry["ready"]
        .as_bool()
        .or(entry["available"].as_bool())
        .unwrap_or(false);
    SimPod {
        name,
        node,
        hash: Some(if entry["rev"] == "old" { OLD } else { NEW }.to_owned()),
        generation: None,
        bound: entry["bound"].as_bool().unwrap_or(true),
        created: entry["created"].as_i64().unwrap_or(0),
        phase: match entry["phase"].as_str() {
            Some("Failed") => Phase::Failed,
            Some("Succeeded") => Phase::Succeeded,
            Some("Pending") => Phase::Pending,
            _ => Phase::Running,
        },
        ready,
        ready_since: ready.then(|| entry["readySince"].as_i64().unwrap_or(0)),
        deleted_at: (entry["deleting"] == Value::Bool(true)
            || entry["terminating"] == Value::Bool(true))
        .then_some(0),
    }
}

/// `podsByNode`: node → count, `{count, terminating}` or a list of pods.
fn add_pods_by_node(world: &mut World, by_node: &Value) {
    for (node, value) in by_node.as_object().expect("podsByNode") {
        let entries: Vec<Value> = match value {
            Value::Number(n) => (0..n.as_u64().expect("count"))
                .map(|_| serde_json::json!({"rev": "new", "ready": true}))
                .collect(),
            Value::Object(_) => (0..value["count"].as_u64().unwrap_or(1))
                .map(|_| {
                    let mut entry = value.clone();
                    entry["ready"] = Value::Bool(true);
                    entry
                })
                .collect(),
            Value::Array(list) => list.clone(),
            other => panic!("podsByNode {other}"),
        };
        for entry in entries {
            let name = format!("{node}-pod-{}", world.pods.len());
            world.pods.push(pod(&entry, name, node.clone()));
        }
    }
}

fn expect_eq<T: PartialEq + std::fmt::Debug>(what: &str, got: T, want: T) -> Check {
    if got == want {
        Ok(())
    } else {
        Err(format!("{what}: got {got:?}, want {want:?}"))
    }
}

fn expect_counts(outcome: &SyncOutcome, expect: &Value) -> Check {
    if let Some(creates) = expect["creates"].as_u64() {
        expect_eq("creates", outcome.writes.creates.len() as u64, creates)?;
    }
    if let Some(deletes) = expect["deletes"].as_u64() {
        expect_eq("deletes", outcome.writes.deletes.len() as u64, deletes)?;
    }
    Ok(())
}

fn expect_status(status: &DaemonSetStatus, expect: &Value) -> Check {
    let got = serde_json::to_value(status).expect("status serializes");
    for (field, want) in expect.as_object().into_iter().flatten() {
        expect_eq(field, &got[field], want)?;
    }
    Ok(())
}

fn sequence(case: &Value, strategy: Strategy) -> Check {
    let mut world = world(case, strategy);
    add_pods(&mut world, &case["initial"]["pods"]);
    let mode = match case["mode"].as_str() {
        Some("cluster") => Mode::Cluster,
        _ => Mode::Harness,
    };
    // The upstream test's fake pod client fails every delete, so the failed pod stays.
    let deletes_fail = case["id"] == "failed-pod-backoff";
    let mut controller = Controller::new(mode, Removal::Immediate, 0);
    let mut now = 0;
    for (index, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
        if let Some(clock) = step["clock"].as_i64() {
            now = clock;
        }
        let at = |message: String| format!("step {index} ({}): {message}", step["do"]);
        match step["do"].as_str().expect("do") {
            "sync" => {
                let before = world.pods.clone();
                let outcome = controller.sync(&mut world, now);
                if deletes_fail {
                    world.pods = before;
                }
                expect_counts(&outcome, &step["expect"]).map_err(at)?;
            }
            "markAllReady" => set_ready(&mut world, now, |_| true, None),
            "setReady" => {
                // "all", or new-revision pods that are not Ready yet ("2 of the 3 new pods").
                let count = step["count"].as_u64().map(|n| n as usize);
                let all = step["which"] == "all";
                let hash = world.ds.revision.hash.clone();
                let select = |p: &SimPod| all || p.hash.as_deref() == Some(hash.as_str());
                set_ready(&mut world, now, select, count);
            }
            "setUnready" => {
                let with_new: BTreeSet<String> = world
                    .pods
                    .iter()
                    .filter(|p| p.hash.as_deref() == Some(world.ds.revision.hash.as_str()))
                    .map(|p| p.node.clone())
                    .collect();
                let pod = world
                    .pods
                    .iter_mut()
                    .find(|p| !with_new.contains(&p.node) && p.ready)
                    .ok_or_else(|| at("no old pod on a node without a new pod".into()))?;
                pod.ready = false;
                pod.ready_since = Some(now);
            }
            "changeTemplate" => {
                world.ds.revision.hash = "rev-changed".into();
                if let Some(min_ready) = step["minReadySeconds"].as_i64() {
                    world.ds.min_ready_seconds = min_ready;
                }
            }
            "userDeletesPod" => {
                let node = step["node"].as_str().expect("node");
                world.pods.retain(|pod| pod.node != node);
            }
            "informerObservesWrites" => controller.observe(&mut world, now),
            "podBecomesReady" => {
                let hash = world.ds.revision.hash.clone();
                set_ready(&mut world, now, |p| p.hash.as_deref() == Some(&hash), None);
            }
            "advanceClock" => {
                now = controller
                    .backoff()
                    .expires_at("node-0", now)
                    .ok_or_else(|| at("no backoff running".into()))?;
            }
            other => return Err(at(format!("unknown step {other}"))),
        }
    }
    Ok(())
}

/// Marks up to `count` not-yet-ready pods that `select` picks (in cache order) Ready since `now`.
fn set_ready(world: &mut World, now: i64, select: impl Fn(&SimPod) -> bool, count: Option<usize>) {
    let mut left = count.unwrap_or(usize::MAX);
    for pod in world.pods.iter_mut() {
        if left == 0 {
            break;
        }
        if select(pod) && !(count.is_some() && pod.ready) {
            pod.ready = true;
            pod.ready_since = Some(now);
            left -= 1;
        }
    }
}

fn snapshot_sync(case: &Value, strategy: Strategy) -> Check {
    let mut world = world(case, strategy);
    add_pods(&mut world, &case["pods"]);
    let before = world.pods.clone();
    let now = case["clock"].as_i64().unwrap_or(0);
    let outcome = Controller::new(Mode::Harness, Removal::Immediate, 0).sync(&mut world, now);
    let expect = &case["expect"];
    expect_counts(&outcome, expect)?;
    if let Some(want) = expect["deletedPods"].as_array() {
        let want: BTreeSet<&str> = want.iter().filter_map(Value::as_str).collect();
        let got: BTreeSet<&str> = outcome.writes.deletes.iter().map(String::as_str).collect();
        expect_eq("deletedPods", got, want)?;
    }
    if let Some(want) = expect["createsOn"].as_array() {
        let want: BTreeSet<&str> = want.iter().filter_map(Value::as_str).collect();
        let got: BTreeSet<&str> = outcome.writes.creates.iter().map(String::as_str).collect();
        expect_eq("createsOn", got, want)?;
    }
    if let Some(events) = expect["events"].as_u64() {
        expect_eq("events", outcome.writes.events.len() as u64, events)?;
        let reason = outcome.writes.events.first().map(|e| e.reason.as_str());
        expect_eq("eventReason", reason, expect["eventReason"].as_str())?;
    }
    if !before
        .iter()
        .all(|pod| world.pods.contains(pod) || outcome.writes.deletes.contains(&pod.name))
    {
        return Err("a pod changed without being deleted".into());
    }
    Ok(())
}

fn status_case(case: &Value, strategy: Strategy) -> Check {
    let mut world = world(case, strategy);
    let Some(steps) = case["steps"].as_array() else {
        add_pods(&mut world, &case["pods"]);
        let expect = &case["expect"];
        if expect["creates"].is_null() {
            // Computed on the given cache, without a sync.
            let status = compute_status(&world, 0, 1);
            return expect_status(&status, &expect["status"]);
        }
        let outcome = Controller::new(Mode::Harness, Removal::Immediate, 0).sync(&mut world, 0);
        expect_counts(&outcome, expect)?;
        return expect_status(&outcome.status, &expect["status"]);
    };
    let mut controller = Controller::new(Mode::Harness, Removal::Immediate, 0);
    for step in steps {
        if step["pods"].is_array() {
            add_pods(&mut world, &step["pods"]);
        } else {
            set_ready(&mut world, 0, |_| true, None);
        }
        let outcome = controller.sync(&mut world, 0);
        expect_counts(&outcome, &step["expect"])?;
        expect_status(&outcome.status, &step["expect"]["status"])?;
    }
    Ok(())
}

fn rolling_update_only(case: &Value, strategy: Strategy) -> Check {
    let mut world = world(case, strategy);
    add_pods_by_node(&mut world, &case["podsByNode"]);
    let outcome = rolling_update(&world, 0)?;
    let expect = &case["expect"];
    expect_eq(
        "maxUnavailable",
        i64::from(outcome.budget.max_unavailable),
        expect["maxUnavailable"].as_i64().expect("maxUnavailable"),
    )?;
    expect_eq(
        "numUnavailable",
        i64::from(outcome.num_unavailable),
        expect["numUnavailable"].as_i64().expect("numUnavailable"),
    )?;
    expect_eq(
        "podsToDelete",
        outcome.writes.deletes.len() as u64,
        expect["podsToDelete"].as_u64().expect("n"),
    )?;
    expect_eq(
        "podsToCreate",
        outcome.writes.creates.len() as u64,
        expect["podsToCreate"].as_u64().expect("n"),
    )?;
    for must in expect["podsToDeleteMust"].as_array().into_iter().flatten() {
        // "node-5 old pod": the old pod on that node.
        let node = must
            .as_str()
            .and_then(|m| m.split(' ').next())
            .expect("node");
        let pod = world
            .pods
            .iter()
            .find(|p| p.node == node && p.hash.as_deref() == Some(OLD))
            .ok_or_else(|| format!("no old pod on {node}"))?;
        if !outcome.writes.deletes.contains(&pod.name) {
            return Err(format!("{} not deleted", pod.name));
        }
    }
    Ok(())
}

fn desired_counts(case: &Value, strategy: Strategy) -> Check {
    let mut world = world(case, strategy);
    add_pods_by_node(&mut world, &case["podsByNode"]);
    let budget = budget(&world)?;
    let expect = &case["expect"];
    let empty = nodes_to_daemon_pods(&world)
        .values()
        .filter(|pods| pods.is_empty())
        .count();
    expect_eq(
        "maxSurge",
        i64::from(budget.max_surge),
        expect["maxSurge"].as_i64().expect("n"),
    )?;
    expect_eq(
        "maxUnavailable",
        i64::from(budget.max_unavailable),
        expect["maxUnavailable"].as_i64().expect("n"),
    )?;
    expect_eq(
        "desired",
        i64::from(budget.desired),
        expect["desiredNumberScheduled"].as_i64().expect("n"),
    )?;
    expect_eq(
        "emptyNodeEntries",
        empty as u64,
        expect["emptyNodeEntries"].as_u64().expect("n"),
    )
}

fn rollout_status_case(case: &Value) -> Check {
    let ds = &case["daemonset"];
    let status: DaemonSetStatus =
        serde_json::from_value(merge_defaults(&ds["status"])).map_err(|e| e.to_string())?;
    let line = rollout_status(
        ds["name"].as_str().expect("name"),
        ds["updateStrategy"].as_str().expect("type"),
        ds["generation"].as_i64().expect("generation"),
        &status,
    );
    let expect = &case["expect"];
    let want = expect["message"]
        .as_str()
        .or(expect["error"].as_str())
        .expect("message");
    expect_eq("message", line.message.as_str(), want)?;
    expect_eq("error", line.error, expect["error"].is_string())?;
    expect_eq("done", line.done, expect["done"].as_bool().expect("done"))
}

/// A status object with the counters the case leaves out at zero.
fn merge_defaults(status: &Value) -> Value {
    let mut full = serde_json::to_value(DaemonSetStatus::default()).expect("serializes");
    for (key, value) in status.as_object().into_iter().flatten() {
        full[key] = value.clone();
    }
    full
}

fn pod_available(case: &Value) -> Check {
    let now = 1_000;
    let spec = &case["pod"];
    let pod = SimPod {
        name: "p".into(),
        node: "n".into(),
        hash: None,
        generation: None,
        bound: true,
        created: 0,
        phase: Phase::Running,
        ready: spec["ready"].as_bool().expect("ready"),
        ready_since: spec["readyTransitionSecondsAgo"]
            .as_i64()
            .map(|ago| now - ago),
        deleted_at: None,
    };
    let min_ready = case["minReadySeconds"].as_i64().expect("minReadySeconds");
    expect_eq(
        "available",
        pod.is_available(min_ready, now),
        case["expect"]["available"].as_bool().expect("available"),
    )
}
