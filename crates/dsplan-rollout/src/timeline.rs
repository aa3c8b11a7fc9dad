//! The rollout as a timeline: the controller of [`crate::controller`] in cluster mode, driven
//! by pod lifecycle events (bind, start, Ready, available, gone) until nothing changes.
//!
//! Pod lifecycle model (dsplan's, not upstream's): a created pod binds at once when the node
//! has room (the scheduler's verdict in [`crate::model::Fit`], re-checked whenever pods go away),
//! turns Ready `pod_start_seconds + readiness_seconds` after binding on a Ready node (never on a
//! NotReady one), and is available `minReadySeconds` later (R-P5). A deleted pod terminates
//! (it keeps its Ready condition) and is gone `termination_seconds` later (R-M2), except an
//! unscheduled or terminal one, which is gone at once ([`Removal::Graceful`]). Pods from the
//! snapshot keep their state.
//! The informer observes each sync's writes before the next sync, and the controller syncs again
//! at once after writing and otherwise at the next lifecycle event or backoff expiry (upstream
//! requeues add up to a second that dsplan leaves out).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::budget::budget;
use crate::cache::{Cache, PodId};
use crate::controller::{Controller, Mode, Removal};
use crate::model::{SimPod, Strategy, World};
use crate::status::{rollout_status, status_of, DaemonSetStatus};

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

/// The longest timing accepted, a year: beyond it the simulated clock could overflow over
/// thousands of waves, and no pod takes that long.
pub const MAX_TIMING_SECONDS: i64 = 365 * 24 * 3600;

/// A timing option outside `0..=MAX_TIMING_SECONDS`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{option}: must be between 0 and {MAX_TIMING_SECONDS} seconds, not {value}")]
pub struct TimingError {
    /// The option as the CLI spells it, e.g. `--pod-start-seconds`.
    pub option: &'static str,
    /// The value given.
    pub value: i64,
}

impl RolloutOptions {
    /// Refuses negative timings and timings over [`MAX_TIMING_SECONDS`].
    pub fn check(&self) -> Result<(), TimingError> {
        let timings = [
            ("--pod-start-seconds", self.pod_start_seconds),
            ("--readiness-seconds", self.readiness_seconds),
            ("--termination-seconds", self.termination_seconds),
        ];
        match timings
            .into_iter()
            .find(|(_, value)| !(0..=MAX_TIMING_SECONDS).contains(value))
        {
            Some((option, value)) => Err(TimingError { option, value }),
            None => Ok(()),
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
pub fn simulate(world: World, options: &RolloutOptions) -> Timeline {
    let mut controller = Controller::new(Mode::Cluster, Removal::Graceful, world.ds.generation);
    let limit = sync_limit(&world);
    let mut cache = Cache::new(world);
    let mut ready = Readiness::default();
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
        advance(&mut cache, &mut ready, options, now);
        let acted = controller.act(&mut cache, now);
        // Read before the writes land: an unscheduled or terminal pod is gone once observed.
        let delete_nodes: Vec<String> = acted
            .writes
            .deletes
            .iter()
            .filter_map(|pod| cache.named(pod).last())
            .filter_map(|&pod| cache.pod(pod))
            .map(|slot| cache.name(slot.node).to_owned())
            .collect();
        controller.observe_cache(&mut cache, now);
        timeline.syncs += 1;
        advance(&mut cache, &mut ready, options, now);
        if let Some(error) = acted.error {
            if !timeline.errors.contains(&error) {
                timeline.errors.push(error);
            }
        }
        let status = status_of(&cache, now, cache.ds.generation);
        if timeline.completed_at_seconds.is_none()
            && rollout_status(
                &cache.ds.name,
                cache.ds.strategy.type_name(),
                cache.ds.generation,
                &status,
            )
            .done
            && matches!(cache.ds.strategy, Strategy::RollingUpdate(_))
        {
            timeline.completed_at_seconds = Some(now);
        }
        timeline.final_status = status;
        if !acted.writes.is_empty() {
            timeline.steps.push(Step {
                index: timeline.steps.len(),
                at_seconds: now,
                delete: delete_nodes,
                create: acted.writes.creates,
                unavailable: unavailable_nodes(&cache, now),
                surge: surging_nodes(&cache),
            });
            continue;
        }
        match next_event(&cache, &ready, &controller, options, now) {
            Some(next) => now = next,
            None => {
                timeline.settled = true;
                break;
            }
        }
    }
    let ready_by_name: HashMap<String, i64> = cache
        .pods()
        .filter_map(|(pod, slot)| {
            let at = ready.at.get(pod).copied().flatten()?;
            Some((slot.pod.name.clone(), at))
        })
        .collect();
    timeline.stuck = stuck_nodes(&cache.into_world(), &ready_by_name, now);
    timeline
}

/// When pods the simulation bound turn Ready.
#[derive(Debug, Default)]
struct Readiness {
    /// By pod slot: every pod the simulation bound on a Ready node.
    at: Vec<Option<i64>>,
    /// Those not Ready yet and not terminating.
    pending: Vec<(PodId, i64)>,
}

/// Moves pod lifecycles to `now`: terminated pods go, Pending pods bind where they fit, started
/// pods turn Ready.
fn advance(cache: &mut Cache, ready: &mut Readiness, options: &RolloutOptions, now: i64) {
    let terminated: Vec<PodId> = cache
        .deleting()
        .filter(|(_, slot)| {
            slot.pod
                .deleted_at
                .is_some_and(|at| at + options.termination_seconds <= now)
        })
        .map(|(pod, _)| pod)
        .collect();
    for pod in terminated {
        cache.remove(pod);
    }
    let mut binds: Vec<(PodId, bool)> = Vec::new();
    for (pod, slot) in cache.unbound() {
        if slot.pod.is_deleting() {
            continue;
        }
        let Some(node) = cache.node(slot.node) else {
            continue;
        };
        // Terminating pods count: they hold resources and ports until gone.
        let reasons = if cache.count_on(slot.node) > 1 {
            &node.fit.beside_daemon_pod
        } else {
            &node.fit.alone
        };
        if reasons.is_empty() {
            binds.push((pod, node.kubelet_ready));
        }
    }
    for (pod, kubelet_ready) in binds {
        cache.bind(pod);
        if kubelet_ready {
            if ready.at.len() <= pod {
                ready.at.resize(cache.slots(), None);
            }
            let at = now + options.pod_start_seconds + options.readiness_seconds;
            ready.at[pod] = Some(at);
            ready.pending.push((pod, at));
        }
    }
    let mut turning = Vec::new();
    ready.pending.retain(|&(pod, at)| {
        let waiting = cache
            .pod(pod)
            .is_some_and(|slot| !slot.pod.ready && !slot.pod.is_deleting());
        if waiting && at <= now {
            turning.push((pod, at));
        }
        waiting && at > now
    });
    for (pod, at) in turning {
        cache.set_ready(pod, at);
    }
}

/// The next time something the controller reads changes, after `now`.
fn next_event(
    cache: &Cache,
    ready: &Readiness,
    controller: &Controller,
    options: &RolloutOptions,
    now: i64,
) -> Option<i64> {
    let min_ready = cache.ds.min_ready_seconds;
    let readiness = ready.pending.iter().map(|&(_, at)| at);
    let availability = cache
        .pods()
        .map(|(_, slot)| &slot.pod)
        .filter(|pod| pod.ready && min_ready > 0)
        .filter_map(|pod| pod.ready_since.map(|since| since + min_ready));
    let termination = cache.deleting().filter_map(|(_, slot)| {
        slot.pod
            .deleted_at
            .map(|at| at + options.termination_seconds)
    });
    readiness
        .chain(availability)
        .chain(termination)
        .chain(controller.backoff().wakeups(now))
        .filter(|&at| at > now)
        .min()
}

/// Desired nodes without an available pod that is not terminating.
fn unavailable_nodes(cache: &Cache, now: i64) -> i32 {
    let min_ready = cache.ds.min_ready_seconds;
    let count = (0..cache.nodes.len())
        .filter(|&index| cache.nodes[index].should_run)
        .filter(|&index| {
            !cache
                .pods_on(cache.list_id(index))
                .any(|slot| !slot.pod.is_deleting() && slot.pod.is_available(min_ready, now))
        })
        .count();
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// Nodes with a non-terminating pod of the current revision and one of another revision.
fn surging_nodes(cache: &Cache) -> i32 {
    let count = cache
        .node_ids()
        .filter(|&node| {
            let mut serving = cache.pods_on(node).filter(|slot| !slot.pod.is_deleting());
            let (mut new, mut old) = (false, false);
            for slot in serving.by_ref() {
                new |= slot.updated;
                old |= !slot.updated;
            }
            new && old
        })
        .count();
    i32::try_from(count).unwrap_or(i32::MAX)
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
