//! The rollout as a timeline: the controller of [`crate::controller`] in cluster mode, driven
//! by pod lifecycle events (bind, start, Ready, available, gone) until nothing changes.
//!
//! Pod lifecycle model (dsplan's, not upstream's): a created pod binds at once when the node
//! has room (the scheduler's verdict in [`crate::model::Fit`], re-checked whenever pods go away),
//! turns Ready `pod_start_seconds + readiness_seconds` after binding on a Ready node (never on a
//! NotReady one), and is available `minReadySeconds` later (R-P5). A deleted pod terminates
//! (it keeps its Ready condition) and is gone `termination_seconds` later (R-M2). Pods from the snapshot keep their state.
//! The informer observes each sync's writes before the next sync, and the controller syncs again
//! at once after writing and otherwise at the next lifecycle event or backoff expiry (upstream
//! requeues add up to a second that dsplan leaves out).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::budget::budget;
use crate::controller::{Controller, Mode, Removal};
use crate::model::{SimPod, Strategy, World};
use crate::status::{compute_status, rollout_status, DaemonSetStatus};

/// The pod lifecycle latencies the timeline assumes, seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RolloutOptions {
    /// From binding to containers started (image pull and start).
    pub pod_start_seconds: i64,
    /// From started to the Ready condition (readiness probe).
    pub readiness_seconds: i64,
    /// From deletion to the pod being gone (graceful termination).
    pub termination_seconds: i64,
}

impl Default for RolloutOptions {
    fn default() -> Self {
        Self {
            pod_start_seconds: 10,
            readiness_seconds: 5,
            termination_seconds: 5,
        }
    }
}

/// One sync that wrote something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Step {
    /// 0-based position in the timeline.
    pub index: usize,
    /// Seconds since the snapshot.
    pub at_seconds: i64,
    /// Nodes that get a new pod.
    pub create: Vec<String>,
    /// Nodes that lose a pod (one entry per deleted pod).
    pub delete: Vec<String>,
    /// Desired nodes without an available pod that is not terminating, after the step: what
    /// maxUnavailable bounds (rollingUpdate counts a node whose pod terminates as unavailable,
    /// R-U2c).
    pub unavailable: i32,
    /// Nodes running an old and a new pod after the step, neither terminating.
    pub surge: i32,
}

/// A node the rollout does not finish on, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stuck {
    /// Node name.
    pub node: String,
    /// Why, in words.
    pub reason: String,
}

/// The simulated rollout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// Syncs that wrote something, in order.
    pub steps: Vec<Step>,
    /// Nodes left without an available updated pod, or misscheduled pods left running.
    pub stuck: Vec<Stuck>,
    /// Status after the last sync.
    pub final_status: DaemonSetStatus,
    /// When `kubectl rollout status` would first report success, seconds.
    pub completed_at_seconds: Option<i64>,
    /// Syncs simulated.
    pub syncs: usize,
    /// The simulation reached a state where nothing changes any more (false: the sync limit
    /// stopped it).
    pub settled: bool,
    /// Errors the controller's syncs returned, each once, in order.
    pub errors: Vec<String>,
}

/// The sync limit for `world`: enough for every node to be deleted, recreated and waited on
/// several times over.
pub fn sync_limit(world: &World) -> usize {
    16 * (world.nodes.len() + world.pods.len()) + 64
}

/// Runs the controller over `world` until it settles or [`sync_limit`] syncs have run.
pub fn simulate(mut world: World, options: &RolloutOptions) -> Timeline {
    let mut controller = Controller::new(Mode::Cluster, Removal::Graceful, world.ds.generation);
    let mut ready_at: HashMap<String, i64> = HashMap::new();
    let limit = sync_limit(&world);
    let mut timeline = Timeline {
        steps: Vec::new(),
        stuck: Vec::new(),
        final_status: DaemonSetStatus::default(),
        completed_at_seconds: None,
        syncs: 0,
        settled: false,
        errors: Vec::new(),
    };
    let mut now = 0;
    while timeline.syncs < limit {
        advance(&mut world, &mut ready_at, options, now);
        let outcome = controller.sync(&mut world, now);
        controller.observe(&mut world, now);
        timeline.syncs += 1;
        // Deleted pods are still in the cache (terminating) until the next advance.
        let deleted: HashSet<&str> = outcome.writes.deletes.iter().map(String::as_str).collect();
        let node_of: HashMap<&str, &str> = world
            .pods
            .iter()
            .filter(|pod| deleted.contains(pod.name.as_str()))
            .map(|pod| (pod.name.as_str(), pod.node.as_str()))
            .collect();
        let delete_nodes: Vec<String> = outcome
            .writes
            .deletes
            .iter()
            .filter_map(|pod| node_of.get(pod.as_str()).map(|node| (*node).to_owned()))
            .collect();
        advance(&mut world, &mut ready_at, options, now);
        if let Some(error) = outcome.error {
            if !timeline.errors.contains(&error) {
                timeline.errors.push(error);
            }
        }
        let status = compute_status(&world, now, world.ds.generation);
        if timeline.completed_at_seconds.is_none()
            && rollout_status(
                &world.ds.name,
                world.ds.strategy.type_name(),
                world.ds.generation,
                &status,
            )
            .done
            && matches!(world.ds.strategy, Strategy::RollingUpdate(_))
        {
            timeline.completed_at_seconds = Some(now);
        }
        timeline.final_status = status;
        if !outcome.writes.is_empty() {
            timeline.steps.push(Step {
                index: timeline.steps.len(),
                at_seconds: now,
                delete: delete_nodes,
                create: outcome.writes.creates,
                unavailable: unavailable_nodes(&world, now),
                surge: surging_nodes(&world),
            });
            continue;
        }
        match next_event(&world, &ready_at, &controller, options, now) {
            Some(next) => now = next,
            None => {
                timeline.settled = true;
                break;
            }
        }
    }
    timeline.stuck = stuck_nodes(&world, &ready_at, now);
    timeline
}

/// Moves pod lifecycles to `now`: terminated pods go, Pending pods bind where they fit, started
/// pods turn Ready.
fn advance(
    world: &mut World,
    ready_at: &mut HashMap<String, i64>,
    options: &RolloutOptions,
    now: i64,
) {
    world.pods.retain(|pod| {
        pod.deleted_at
            .is_none_or(|at| at + options.termination_seconds > now)
    });
    // Pods per node, terminating ones included: they hold resources and ports until gone.
    let mut on_node: HashMap<&str, usize> = HashMap::new();
    for pod in &world.pods {
        *on_node.entry(pod.node.as_str()).or_default() += 1;
    }
    let nodes = world.node_index();
    let mut binds: Vec<(usize, bool)> = Vec::new();
    for (index, pod) in world.pods.iter().enumerate() {
        if pod.bound || pod.is_deleting() {
            continue;
        }
        let Some(node) = nodes.get(pod.node.as_str()) else {
            continue;
        };
        let beside = on_node.get(pod.node.as_str()).copied().unwrap_or(0) > 1;
        let reasons = if beside {
            &node.fit.beside_daemon_pod
        } else {
            &node.fit.alone
        };
        if reasons.is_empty() {
            binds.push((index, node.kubelet_ready));
        }
    }
    for (index, kubelet_ready) in binds {
        let pod = &mut world.pods[index];
        pod.bound = true;
        if kubelet_ready {
            let at = now + options.pod_start_seconds + options.readiness_seconds;
            ready_at.insert(pod.name.clone(), at);
        }
    }
    for pod in world
        .pods
        .iter_mut()
        .filter(|pod| !pod.ready && !pod.is_deleting())
    {
        if let Some(&at) = ready_at.get(&pod.name) {
            if at <= now && !pod.ready {
                pod.ready = true;
                pod.ready_since = Some(at);
                pod.phase = crate::model::Phase::Running;
            }
        }
    }
}

/// The next time something the controller reads changes, after `now`.
fn next_event(
    world: &World,
    ready_at: &HashMap<String, i64>,
    controller: &Controller,
    options: &RolloutOptions,
    now: i64,
) -> Option<i64> {
    let min_ready = world.ds.min_ready_seconds;
    let readiness = world
        .pods
        .iter()
        .filter(|pod| !pod.is_deleting())
        .filter_map(|pod| ready_at.get(&pod.name).copied());
    let availability = world
        .pods
        .iter()
        .filter(|pod| pod.ready && min_ready > 0)
        .filter_map(|pod| pod.ready_since.map(|since| since + min_ready));
    let termination = world
        .pods
        .iter()
        .filter_map(|pod| pod.deleted_at.map(|at| at + options.termination_seconds));
    readiness
        .chain(availability)
        .chain(termination)
        .chain(controller.backoff().wakeups(now))
        .filter(|&at| at > now)
        .min()
}

/// Desired nodes without an available pod that is not terminating.
fn unavailable_nodes(world: &World, now: i64) -> i32 {
    let serving: HashSet<&str> = world
        .pods
        .iter()
        .filter(|pod| !pod.is_deleting() && pod.is_available(world.ds.min_ready_seconds, now))
        .map(|pod| pod.node.as_str())
        .collect();
    let count = world
        .nodes
        .iter()
        .filter(|node| node.should_run && !serving.contains(node.name.as_str()))
        .count();
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// Nodes with a non-terminating pod of the current revision and one of another revision.
fn surging_nodes(world: &World) -> i32 {
    let mut new = HashSet::new();
    let mut old = HashSet::new();
    for pod in world.pods.iter().filter(|pod| !pod.is_deleting()) {
        if world.ds.revision.is_pod_updated(pod) {
            new.insert(pod.node.as_str());
        } else {
            old.insert(pod.node.as_str());
        }
    }
    i32::try_from(new.intersection(&old).count()).unwrap_or(i32::MAX)
}

/// Why each node the rollout did not finish on is left as it is.
fn stuck_nodes(world: &World, ready_at: &HashMap<String, i64>, now: i64) -> Vec<Stuck> {
    let min_ready = world.ds.min_ready_seconds;
    let by_node = world.pods_by_node();
    let mut blocked = Vec::new();
    let mut waiting = Vec::new();
    // Nodes whose new pod waits next to an old one: what counts against maxSurge.
    let mut surging = Vec::new();
    for node in &world.nodes {
        let pods: Vec<&SimPod> = by_node
            .get(node.name.as_str())
            .map(|pods| {
                pods.iter()
                    .copied()
                    .filter(|pod| !pod.is_deleting())
                    .collect()
            })
            .unwrap_or_default();
        if !node.should_run {
            if !pods.is_empty() {
                blocked.push(Stuck {
                    node: node.name.clone(),
                    reason: "misscheduled: shouldRun is false here but shouldContinueRunning keeps the pod running".into(),
                });
            }
            continue;
        }
        let new = pods
            .iter()
            .find(|pod| world.ds.revision.is_pod_updated(pod));
        let old = pods
            .iter()
            .find(|pod| !world.ds.revision.is_pod_updated(pod));
        let reason = match (new, old) {
            (Some(new), old) if !new.is_available(min_ready, now) => {
                if old.is_some() {
                    surging.push(node.name.clone());
                }
                Some(never_available(world, new, old.is_some(), ready_at))
            }
            (Some(_), None) => None,
            (_, Some(_)) => {
                waiting.push(node.name.clone());
                continue;
            }
            (None, None) => Some("no daemon pod: the controller creates none here".to_owned()),
        };
        if let Some(reason) = reason {
            blocked.push(Stuck {
                node: node.name.clone(),
                reason,
            });
        }
    }
    let unavailable: Vec<&str> = blocked
        .iter()
        .filter(|stuck| !stuck.reason.starts_with("misscheduled"))
        .map(|stuck| stuck.node.as_str())
        .collect();
    let surging: Vec<&str> = surging.iter().map(String::as_str).collect();
    let why_waiting = waiting_reason(world, &unavailable, &surging);
    blocked.extend(waiting.into_iter().map(|node| Stuck {
        node,
        reason: why_waiting.clone(),
    }));
    blocked.sort_by(|a, b| a.node.cmp(&b.node));
    blocked
}

/// Why a new pod never becomes available.
fn never_available(
    world: &World,
    pod: &SimPod,
    beside_old: bool,
    ready_at: &HashMap<String, i64>,
) -> String {
    let node = world.node(&pod.node);
    if !pod.bound {
        let reasons = node.map(|node| {
            if beside_old {
                node.fit.beside_daemon_pod.join(", ")
            } else {
                node.fit.alone.join(", ")
            }
        });
        let mut reason = format!("new pod stays Pending: {}", reasons.unwrap_or_default());
        if beside_old {
            reason.push_str(" (while the old pod still runs on the node)");
        }
        return reason;
    }
    if node.is_some_and(|node| !node.kubelet_ready) {
        return "node is NotReady: its updated pod never becomes Ready".into();
    }
    if !ready_at.contains_key(&pod.name) && !pod.ready {
        return format!(
            "new pod {} is not Ready in the snapshot; dsplan does not predict that it becomes Ready",
            pod.name
        );
    }
    format!("new pod {} is not available", pod.name)
}

/// Why nodes with an old pod and no new pod get none: the budget is held by the `unavailable`
/// nodes (no surge, R-U2c) or by the `surging` ones (surge, R-U3b).
fn waiting_reason(world: &World, unavailable: &[&str], surging: &[&str]) -> String {
    let by = |nodes: &[&str]| {
        if nodes.is_empty() {
            String::new()
        } else {
            format!(
                " by node(s) that never become available: {}",
                nodes.join(", ")
            )
        }
    };
    match (&world.ds.strategy, budget(world)) {
        (Strategy::OnDelete, _) => {
            "OnDelete: the old pod is replaced only when it is deleted".into()
        }
        (_, Err(error)) => {
            format!("the controller cannot update: couldn't get unavailable numbers: {error}")
        }
        (_, Ok(limits)) if limits.max_surge > 0 => {
            format!("maxSurge ({}) is used up{}", limits.max_surge, by(surging))
        }
        (_, Ok(limits)) => format!(
            "maxUnavailable ({}) is used up{}",
            limits.max_unavailable,
            by(unavailable)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{rolling, world};

    fn summary(timeline: &Timeline) -> Vec<(i64, Vec<String>, Vec<String>)> {
        timeline
            .steps
            .iter()
            .map(|s| (s.at_seconds, s.create.clone(), s.delete.clone()))
            .collect()
    }

    #[test]
    fn one_at_a_time_waits_for_termination_and_readiness() {
        let timeline = simulate(world(2, rolling(1, 0)), &RolloutOptions::default());
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            summary(&timeline),
            vec![
                (0, vec![], strings(&["node-0"])),
                (5, strings(&["node-0"]), vec![]),
                (20, vec![], strings(&["node-1"])),
                (25, strings(&["node-1"]), vec![]),
            ]
        );
        assert_eq!(timeline.completed_at_seconds, Some(40));
        assert!(timeline.settled && timeline.stuck.is_empty());
        assert!(timeline.steps.iter().all(|s| s.unavailable <= 1));
    }

    #[test]
    fn surge_creates_first_and_deletes_once_available() {
        let timeline = simulate(world(3, rolling(0, 2)), &RolloutOptions::default());
        let first = &timeline.steps[0];
        assert_eq!(
            (first.create.len(), first.delete.len(), first.surge),
            (2, 0, 2)
        );
        assert!(timeline
            .steps
            .iter()
            .all(|s| s.unavailable == 0 && s.surge <= 2));
        assert_eq!(timeline.final_status.updated_number_scheduled, 3);
    }

    #[test]
    fn a_surge_pod_that_cannot_sit_beside_the_old_one_is_stuck() {
        let mut w = world(2, rolling(0, 1));
        w.nodes[0].fit.beside_daemon_pod =
            vec!["node(s) didn't have free ports for the requested pod ports".into()];
        let timeline = simulate(w, &RolloutOptions::default());
        assert!(timeline.settled);
        assert_eq!(timeline.stuck.len(), 2, "{:?}", timeline.stuck);
        assert_eq!(
            timeline.stuck[0].reason,
            "new pod stays Pending: node(s) didn't have free ports for the requested pod ports (while the old pod still runs on the node)"
        );
        assert_eq!(
            timeline.stuck[1].reason,
            "maxSurge (1) is used up by node(s) that never become available: node-0"
        );
    }

    #[test]
    fn a_not_ready_node_holds_the_budget() {
        let mut w = world(3, rolling(1, 0));
        w.nodes[0].kubelet_ready = false;
        let timeline = simulate(w, &RolloutOptions::default());
        assert_eq!(
            timeline.stuck[0].reason,
            "node is NotReady: its updated pod never becomes Ready"
        );
        assert_eq!(
            timeline.stuck[1].reason,
            "maxUnavailable (1) is used up by node(s) that never become available: node-0"
        );
        assert_eq!(timeline.completed_at_seconds, None);
    }

    #[test]
    fn on_delete_moves_nothing() {
        let timeline = simulate(world(2, Strategy::OnDelete), &RolloutOptions::default());
        assert!(timeline.steps.is_empty());
        assert_eq!(
            timeline.stuck[0].reason,
            "OnDelete: the old pod is replaced only when it is deleted"
        );
    }
}
