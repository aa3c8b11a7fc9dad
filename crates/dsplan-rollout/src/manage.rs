//! `manage()`: which nodes get a pod and which pods go, before any rolling update
//! (`pkg/controller/daemon/daemon_controller.go`: `manage`, `podsShouldBeOnNode`,
//! `getUnscheduledPodsWithoutNode`; rules R-M1..R-M7).

use dsplan_core::report::{Event, EventType};

use crate::backoff::Backoff;
use crate::budget::allows_surge;
use crate::cache::Cache;
use crate::model::{Phase, SimDaemonSet, SimNode, SimPod};

/// `controller.SucceededDaemonPodReason` / `FailedDaemonPodReason` (R-C9).
const FAILED_DAEMON_POD: &str = "FailedDaemonPod";
const SUCCEEDED_DAEMON_POD: &str = "SucceededDaemonPod";

/// Writes one pass of the controller asks for, before the burst cap (R-B1).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Writes {
    /// Nodes to create a pod on, in order.
    pub creates: Vec<String>,
    /// Names of pods to delete, in order.
    pub deletes: Vec<String>,
    /// Events emitted on the DaemonSet.
    pub events: Vec<Event>,
}

impl Writes {
    /// Nothing to create or delete.
    pub fn is_empty(&self) -> bool {
        self.creates.is_empty() && self.deletes.is_empty()
    }

    /// Appends `other` after `self` (manage's writes, then rollingUpdate's).
    pub fn extend(&mut self, other: Writes) {
        self.creates.extend(other.creates);
        self.deletes.extend(other.deletes);
        self.events.extend(other.events);
    }
}

/// `manage(ds, nodes, hash)`: walks the node list in order (R-M1..R-M6), then deletes unbound
/// pods whose target node is not in the list.
pub fn manage(cache: &Cache, backoff: &mut Backoff, now: i64) -> Writes {
    let surge = allows_surge(&cache.ds.strategy);
    let mut writes = Writes::default();
    let mut pods: Vec<&SimPod> = Vec::new();
    for (index, node) in cache.nodes.iter().enumerate() {
        pods.clear();
        pods.extend(
            cache
                .daemon_pods_on(cache.list_id(index))
                .map(|slot| &slot.pod),
        );
        pods_should_be_on_node(&cache.ds, node, &mut pods, surge, backoff, now, &mut writes);
    }
    // getUnscheduledPodsWithoutNode: pods pinned to a node that is gone and never bound.
    for &node in cache.gone() {
        let unbound = cache.daemon_pods_on(node).filter(|slot| !slot.pod.bound);
        writes
            .deletes
            .extend(unbound.map(|slot| slot.pod.name.clone()));
    }
    writes
}

/// `podsShouldBeOnNode` for one node; `pods` is oldest first (and is left with the running
/// ones).
fn pods_should_be_on_node(
    ds: &SimDaemonSet,
    node: &SimNode,
    pods: &mut Vec<&SimPod>,
    surge: bool,
    backoff: &mut Backoff,
    now: i64,
    writes: &mut Writes,
) {
    let exists = !pods.is_empty();
    if node.should_run && !exists {
        writes.creates.push(node.name.clone());
    } else if node.should_continue_running {
        keep_running(ds, node, pods, backoff, now, writes);
        let running = &pods[..];
        if !surge {
            // R-M3: keep the oldest running pod, whatever its revision.
            writes
                .deletes
                .extend(running.iter().skip(1).map(|pod| pod.name.clone()));
        } else if running.is_empty() && node.should_run {
            // R-M2 / R-M1 with surge: the replacement is created in the same pass.
            writes.creates.push(node.name.clone());
        } else if running.len() > 1 {
            surge_dedup(ds, running, now, writes);
        }
    } else if exists {
        writes.deletes.extend(
            pods.iter()
                .filter(|pod| !pod.is_deleting())
                .map(|pod| pod.name.clone()),
        );
    }
}

/// Leaves in `pods` those that keep running on a node where they may: terminating pods are
/// skipped, Failed pods are deleted unless the node's backoff holds them (R-M1), Succeeded pods
/// are deleted.
fn keep_running(
    ds: &SimDaemonSet,
    node: &SimNode,
    pods: &mut Vec<&SimPod>,
    backoff: &mut Backoff,
    now: i64,
    writes: &mut Writes,
) {
    pods.retain(|pod| {
        if pod.is_deleting() {
            return false;
        }
        match pod.phase {
            Phase::Failed => {
                // The key is <dsUID>/<observedGeneration>/<node>; both prefixes are fixed here.
                if backoff.in_backoff(&node.name, now) {
                    return false;
                }
                backoff.next(&node.name, now);
                writes.events.push(event(
                    EventType::Warning,
                    FAILED_DAEMON_POD,
                    format!(
                        "Found failed daemon pod {}/{} on node {}, will try to kill it",
                        ds.namespace, pod.name, node.name
                    ),
                ));
                writes.deletes.push(pod.name.clone());
                false
            }
            Phase::Succeeded => {
                writes.events.push(event(
                    EventType::Normal,
                    SUCCEEDED_DAEMON_POD,
                    format!(
                        "Found succeeded daemon pod {}/{} on node {}, will try to delete it",
                        ds.namespace, pod.name, node.name
                    ),
                ));
                writes.deletes.push(pod.name.clone());
                false
            }
            Phase::Pending | Phase::Running => true,
        }
    });
}

/// R-M4: at most one old and one new pod per node; the old one goes as soon as it is not Ready
/// or the new one is available.
fn surge_dedup(ds: &SimDaemonSet, running: &[&SimPod], now: i64, writes: &mut Writes) {
    let revision = &ds.revision;
    let oldest_new = running.iter().find(|pod| revision.has_hash(pod));
    let oldest_old = running.iter().find(|pod| !revision.has_hash(pod));
    let keep = |pod: &&SimPod| {
        oldest_new.is_some_and(|kept| kept.name == pod.name)
            || oldest_old.is_some_and(|kept| kept.name == pod.name)
    };
    writes.deletes.extend(
        running
            .iter()
            .filter(|pod| !keep(pod))
            .map(|pod| pod.name.clone()),
    );
    if let (Some(new), Some(old)) = (oldest_new, oldest_old) {
        if !old.is_ready() || new.is_available(ds.min_ready_seconds, now) {
            writes.deletes.push(old.name.clone());
        }
    }
}

fn event(event_type: EventType, reason: &str, message: String) -> Event {
    Event {
        event_type,
        reason: reason.to_owned(),
        message,
    }
}
