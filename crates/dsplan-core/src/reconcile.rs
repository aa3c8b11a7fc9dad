//! What the controller does on one node in one sync: `podsShouldBeOnNode`
//! (`pkg/controller/daemon/daemon_controller.go`) with its surge variant, `util.AllowsSurge`
//! (`pkg/controller/daemon/util/daemonset_util.go`), and `getUnscheduledPodsWithoutNode`.
//!
//! dsplan keeps no backoff state: a failed pod is always deleted (the first sync that sees it).

use crate::controller::ShouldRun;
use crate::daemon_pod::HASH_LABEL;
use crate::pod_util::{
    by_creation_timestamp_and_phase, is_deleting, is_pod_available, is_pod_ready, phase,
};
use crate::report::{Event, EventType};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::Pod;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use std::collections::{HashMap, HashSet};

/// The DaemonSet-wide inputs of the per-node decision.
#[derive(Debug, Clone, Copy)]
pub struct Rollout<'a> {
    /// `util.AllowsSurge`.
    pub surge: bool,
    /// The current revision's hash (`None` when unknown: then no pod counts as new).
    pub hash: Option<&'a str>,
    /// `spec.minReadySeconds`.
    pub min_ready_seconds: i32,
    /// The time availability is judged at (see [`crate::pod_util::is_pod_available`]).
    pub now: Option<&'a Time>,
}

/// The controller's actions on one node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NodeActions {
    /// A pod is created.
    pub create: bool,
    /// Names of pods deleted, in order.
    pub delete: Vec<String>,
    /// Events recorded on the DaemonSet.
    pub events: Vec<Event>,
}

/// `util.AllowsSurge`: a RollingUpdate (the default type) whose `maxSurge` scales to more than
/// zero for one pod (`SurgeCount(ds, 1)`, percentages rounded up). An unparsable `maxSurge` is
/// no surge, as upstream treats the error.
pub fn allows_surge(ds: &DaemonSet) -> bool {
    let Some(strategy) = ds.spec.as_ref().and_then(|s| s.update_strategy.as_ref()) else {
        return false;
    };
    if strategy.type_.as_deref().unwrap_or("RollingUpdate") != "RollingUpdate" {
        return false;
    }
    let Some(max_surge) = strategy
        .rolling_update
        .as_ref()
        .and_then(|r| r.max_surge.as_ref())
    else {
        return false;
    };
    dsplan_validation::scaled_value_from_int_or_percent(max_surge, 1, true).is_ok_and(|n| n != 0)
}

/// `podsShouldBeOnNode` for `node_name`, whose claimed pods are `pods`.
pub fn pods_should_be_on_node(
    node_name: &str,
    verdict: &ShouldRun,
    pods: &[&Pod],
    rollout: &Rollout<'_>,
) -> NodeActions {
    let mut actions = NodeActions::default();
    let exists = !pods.is_empty();
    if verdict.should_run && !exists {
        actions.create = true;
    } else if verdict.should_continue_running {
        let mut running: Vec<&Pod> = Vec::new();
        for pod in pods.iter().copied().filter(|p| !is_deleting(p)) {
            let name = pod.metadata.name.clone().unwrap_or_default();
            let namespace = crate::ownership::namespace_of(&pod.metadata);
            match phase(pod) {
                "Failed" => {
                    actions.events.push(Event {
                        event_type: EventType::Warning,
                        reason: "FailedDaemonPod".to_owned(),
                        message: format!(
                            "Found failed daemon pod {namespace}/{name} on node {node_name}, will try to kill it"
                        ),
                    });
                    actions.delete.push(name);
                }
                "Succeeded" => {
                    actions.events.push(Event {
                        event_type: EventType::Normal,
                        reason: "SucceededDaemonPod".to_owned(),
                        message: format!(
                            "Found succeeded daemon pod {namespace}/{name} on node {node_name}, will try to delete it"
                        ),
                    });
                    actions.delete.push(name);
                }
                _ => running.push(pod),
            }
        }
        running.sort_by(|a, b| by_creation_timestamp_and_phase(a, b));
        if !rollout.surge {
            actions
                .delete
                .extend(running.iter().skip(1).map(|p| name_of(p)));
        } else if running.is_empty() {
            actions.create = verdict.should_run;
        } else if running.len() > 1 {
            surge_deletes(&running, rollout, &mut actions.delete);
        }
    } else if exists {
        actions
            .delete
            .extend(pods.iter().filter(|p| !is_deleting(p)).map(|p| name_of(p)));
    }
    actions
}

/// With surge: keep the oldest new-hash pod and the oldest other pod, delete the rest; then
/// delete the old one if it is not Ready or the new one is available.
fn surge_deletes(running: &[&Pod], rollout: &Rollout<'_>, delete: &mut Vec<String>) {
    let hash = rollout.hash.unwrap_or_default();
    let (mut oldest_new, mut oldest_old): (Option<&Pod>, Option<&Pod>) = (None, None);
    for pod in running.iter().copied() {
        let label = pod.metadata.labels.as_ref().and_then(|l| l.get(HASH_LABEL));
        let is_new = rollout.hash.is_some() && label.map(String::as_str) == Some(hash);
        let slot = if is_new {
            &mut oldest_new
        } else {
            &mut oldest_old
        };
        if slot.is_none() {
            *slot = Some(pod);
        } else {
            delete.push(name_of(pod));
        }
    }
    if let (Some(new), Some(old)) = (oldest_new, oldest_old) {
        if !is_pod_ready(old) || is_pod_available(new, rollout.min_ready_seconds, rollout.now) {
            delete.push(name_of(old));
        }
    }
}

fn name_of(pod: &Pod) -> String {
    pod.metadata.name.clone().unwrap_or_default()
}

/// `getUnscheduledPodsWithoutNode`: pods without `spec.nodeName` whose target node is not a
/// known node (sorted by node name, then pod order, for a stable report).
pub fn unscheduled_pods_without_node(
    by_node: &HashMap<&str, Vec<&Pod>>,
    nodes: &HashSet<&str>,
) -> Vec<String> {
    let mut missing: Vec<&&str> = by_node.keys().filter(|n| !nodes.contains(**n)).collect();
    missing.sort();
    missing
        .into_iter()
        .flat_map(|node| &by_node[*node])
        .filter(|pod| {
            pod.spec
                .as_ref()
                .and_then(|s| s.node_name.as_deref())
                .is_none_or(str::is_empty)
        })
        .map(|pod| name_of(pod))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ControllerDecision;
    use serde_json::json;

    fn pod(name: &str, phase: &str, hash: &str, ready: bool, created: u8) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": "ns",
                         "labels": {HASH_LABEL: hash},
                         "creationTimestamp": format!("2024-01-01T00:00:{created:02}Z")},
            "spec": {"nodeName": "n", "containers": []},
            "status": {"phase": phase,
                       "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" }}]}
        }))
        .expect("valid pod")
    }

    fn verdict(should_run: bool, should_continue_running: bool) -> ShouldRun {
        ShouldRun {
            should_run,
            should_continue_running,
            decision: ControllerDecision::Run,
            details: Vec::new(),
        }
    }

    const PLAIN: Rollout<'static> = Rollout {
        surge: false,
        hash: Some("new"),
        min_ready_seconds: 0,
        now: None,
    };
    const SURGE: Rollout<'static> = Rollout {
        surge: true,
        ..PLAIN
    };

    #[test]
    fn keeps_the_oldest_and_deletes_failed_with_an_event() {
        let (a, b, c) = (
            pod("a", "Running", "x", true, 3),
            pod("b", "Running", "x", true, 1),
            pod("f", "Failed", "x", false, 0),
        );
        let actions = pods_should_be_on_node("n", &verdict(true, true), &[&a, &b, &c], &PLAIN);
        assert!(!actions.create);
        assert_eq!(actions.delete, ["f", "a"]);
        assert_eq!(
            actions.events[0].message,
            "Found failed daemon pod ns/f on node n, will try to kill it"
        );
        let only_failed = pods_should_be_on_node("n", &verdict(true, true), &[&c], &PLAIN);
        assert!(!only_failed.create, "the replacement comes in a later sync");
        let with_surge = pods_should_be_on_node("n", &verdict(true, true), &[&c], &SURGE);
        assert!(
            with_surge.create,
            "with surge it is created in the same sync"
        );
    }

    #[test]
    fn surge_replaces_the_old_pod_once_the_new_one_is_available() {
        let old = pod("old", "Running", "x", true, 0);
        let new_unready = pod("new", "Running", "new", false, 5);
        let new_ready = pod("new", "Running", "new", true, 5);
        let run = verdict(true, true);
        assert!(
            pods_should_be_on_node("n", &run, &[&old, &new_unready], &SURGE)
                .delete
                .is_empty()
        );
        assert_eq!(
            pods_should_be_on_node("n", &run, &[&old, &new_ready], &SURGE).delete,
            ["old"]
        );
        let old_unready = pod("old", "Running", "x", false, 0);
        assert_eq!(
            pods_should_be_on_node("n", &run, &[&old_unready, &new_unready], &SURGE).delete,
            ["old"]
        );
    }

    #[test]
    fn evicted_nodes_lose_every_pod_not_yet_deleting() {
        let a = pod("a", "Running", "x", true, 0);
        let mut b = pod("b", "Running", "x", true, 1);
        b.metadata.deletion_timestamp = a.metadata.creation_timestamp.clone();
        let actions = pods_should_be_on_node("n", &verdict(false, false), &[&a, &b], &PLAIN);
        assert_eq!(actions.delete, ["a"]);
        let kept = pods_should_be_on_node("n", &verdict(false, true), &[&a], &PLAIN);
        assert_eq!(kept, NodeActions::default());
    }

    #[test]
    fn surge_needs_a_rolling_update_with_positive_max_surge() {
        let ds = |strategy: serde_json::Value| -> DaemonSet {
            serde_json::from_value(json!({"spec": {"selector": {}, "template": {},
                                                   "updateStrategy": strategy}}))
            .expect("valid daemonset")
        };
        assert!(allows_surge(&ds(
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "10%"}})
        )));
        assert!(allows_surge(&ds(json!({"rollingUpdate": {"maxSurge": 1}}))));
        assert!(!allows_surge(&ds(
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0}})
        )));
        assert!(!allows_surge(&ds(
            json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "x"}})
        )));
        assert!(!allows_surge(&ds(
            json!({"type": "OnDelete", "rollingUpdate": {"maxSurge": 1}})
        )));
    }

    #[test]
    fn only_unscheduled_pods_of_missing_nodes_are_deleted() {
        let bound = pod("bound", "Running", "x", true, 0);
        let mut unbound = pod("unbound", "Pending", "x", false, 0);
        unbound.spec.as_mut().expect("spec").node_name = None;
        let by_node: HashMap<&str, Vec<&Pod>> =
            [("gone", vec![&bound, &unbound]), ("here", vec![&unbound])].into();
        let nodes: HashSet<&str> = ["here"].into();
        assert_eq!(unscheduled_pods_without_node(&by_node, &nodes), ["unbound"]);
    }
}
