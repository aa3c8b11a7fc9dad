//! `rollingUpdate()`: which old pods go and which nodes get a new pod in one pass, without
//! surge (R-U2) or with surge (R-U3) (`pkg/controller/daemon/update.go`: `rollingUpdate`,
//! `findUpdatedPodsOnNode`, `updatedDesiredNodeCounts`).
//!
//! Upstream walks a Go map, so which of several equivalent nodes go first is random (R-O1);
//! dsplan walks nodes in name order. The counts are the same either way.

use std::collections::{BTreeMap, HashSet};

use crate::budget::{budget_of, Budget};
use crate::cache::{Cache, CachedPod, NodeId};
use crate::manage::Writes;
use crate::model::{SimPod, World};

/// One rollingUpdate pass: its writes and the numbers it decided them by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollingUpdateOutcome {
    /// The limits (R-U1).
    pub budget: Budget,
    /// Nodes counted unavailable (no-surge path; 0 on the surge path).
    pub num_unavailable: i32,
    /// Nodes counted as surging (surge path; 0 on the no-surge path).
    pub num_surge: i32,
    /// What the pass creates and deletes.
    pub writes: Writes,
}

/// `findUpdatedPodsOnNode` (R-P6): the new and the old pod on a node, ignoring terminating
/// pods; `None` when there is a second new or a second old pod.
type NodePods<'c> = Option<(Option<&'c SimPod>, Option<&'c SimPod>)>;

fn find_updated_pods_on_node<'c>(pods: impl Iterator<Item = &'c CachedPod>) -> NodePods<'c> {
    let (mut new, mut old) = (None, None);
    for slot in pods.filter(|slot| !slot.pod.is_deleting()) {
        let kept = if slot.updated { &mut new } else { &mut old };
        if kept.is_some() {
            return None;
        }
        *kept = Some(&slot.pod);
    }
    Some((new, old))
}

/// The nodes of the map `updatedDesiredNodeCounts` leaves for rollingUpdate, in node-name
/// order (standing in for Go's random map order, R-O4): every node with pods (eligible or not,
/// in the node list or not), and every eligible node.
fn map_nodes(cache: &Cache) -> impl Iterator<Item = NodeId> + '_ {
    cache
        .name_order()
        .iter()
        .copied()
        .filter(|&node| cache.eligible(node) || cache.daemon_pods_on(node).next().is_some())
}

/// The map `updatedDesiredNodeCounts` leaves for rollingUpdate, by node name: every node with
/// pods (eligible or not, in the node list or not), plus an empty entry for every eligible node
/// without one.
pub fn nodes_to_daemon_pods(world: &World) -> BTreeMap<&str, Vec<&SimPod>> {
    let cache = Cache::new(world.clone());
    let mut by_node = world.pods_by_node();
    let names: HashSet<&str> = world
        .nodes
        .iter()
        .map(|node| node.name.as_str())
        .chain(world.pods.iter().map(|pod| pod.node.as_str()))
        .collect();
    map_nodes(&cache)
        .filter_map(|node| names.get(cache.name(node)).copied())
        .map(|name| (name, by_node.remove(name).unwrap_or_default()))
        .collect()
}

/// `rollingUpdate(ds, nodes, hash)` on the cache `world`. The error is the controller's.
pub fn rolling_update(world: &World, now: i64) -> Result<RollingUpdateOutcome, String> {
    rolling_update_cache(&Cache::new(world.clone()), now)
}

/// [`rolling_update`] on the indexed cache.
pub fn rolling_update_cache(cache: &Cache, now: i64) -> Result<RollingUpdateOutcome, String> {
    let budget = budget_of(&cache.ds.strategy, &cache.nodes)
        .map_err(|error| format!("couldn't get unavailable numbers: {error}"))?;
    if budget.max_surge == 0 {
        Ok(without_surge(cache, budget, now))
    } else {
        with_surge(cache, budget, now)
    }
}

/// R-U2: delete unavailable old pods always, and available ones while the budget lasts. New
/// pods come from manage() in a later pass.
fn without_surge(cache: &Cache, budget: Budget, now: i64) -> RollingUpdateOutcome {
    let min_ready = cache.ds.min_ready_seconds;
    let mut num_unavailable = 0;
    let (mut replace, mut candidates) = (Vec::new(), Vec::new());
    for node in map_nodes(cache) {
        match find_updated_pods_on_node(cache.daemon_pods_on(node)) {
            None | Some((None, None)) | Some((Some(_), Some(_))) => num_unavailable += 1,
            Some((Some(new), None)) => {
                if !new.is_available(min_ready, now) {
                    num_unavailable += 1;
                }
            }
            Some((None, Some(old))) => {
                if !old.is_available(min_ready, now) {
                    replace.push(old.name.clone());
                    num_unavailable += 1;
                } else if num_unavailable < budget.max_unavailable {
                    candidates.push(old.name.clone());
                }
            }
        }
    }
    let room = usize::try_from(budget.max_unavailable - num_unavailable).unwrap_or(0);
    replace.extend(candidates.into_iter().take(room));
    RollingUpdateOutcome {
        budget,
        num_unavailable,
        num_surge: 0,
        writes: Writes {
            deletes: replace,
            ..Writes::default()
        },
    }
}

/// R-U3: create new pods next to available old ones up to maxSurge (immediately where the old
/// one is unavailable), delete old pods once the new one is available. maxUnavailable is not
/// read on this path.
fn with_surge(cache: &Cache, budget: Budget, now: i64) -> Result<RollingUpdateOutcome, String> {
    let min_ready = cache.ds.min_ready_seconds;
    let (mut to_delete, mut should_not_run) = (Vec::new(), Vec::new());
    let (mut allowed, mut candidates) = (Vec::new(), Vec::new());
    let (mut num_surge, mut num_available) = (0, 0);
    for node in map_nodes(cache) {
        let node_name = cache.name(node);
        let Some((new, old)) = find_updated_pods_on_node(cache.daemon_pods_on(node)) else {
            num_surge += 1;
            continue;
        };
        if let Some(pod) = old.or(new) {
            if pod.is_available(min_ready, now) {
                num_available += 1;
            }
        }
        let Some(old) = old else { continue };
        match new {
            None => {
                let should_run = cache
                    .node(node)
                    .map(|node| node.should_run)
                    .ok_or_else(|| {
                        format!(
                            "couldn't get node for nodeName {node_name:?}: node {node_name:?} not found"
                        )
                    })?;
                if !old.is_available(min_ready, now) {
                    if should_run {
                        allowed.push(node_name.to_owned());
                    } else {
                        to_delete.push(old.name.clone());
                    }
                } else if !should_run {
                    should_not_run.push(old.name.clone());
                } else if num_surge < budget.max_surge {
                    candidates.push(node_name.to_owned());
                }
            }
            Some(new) => {
                if new.is_available(min_ready, now) {
                    to_delete.push(old.name.clone());
                } else {
                    num_surge += 1;
                }
            }
        }
    }
    let extra = usize::try_from(num_available - budget.desired).unwrap_or(0);
    to_delete.extend(should_not_run.into_iter().take(extra));
    let room = usize::try_from(budget.max_surge - num_surge).unwrap_or(0);
    allowed.extend(candidates.into_iter().take(room));
    Ok(RollingUpdateOutcome {
        budget,
        num_unavailable: 0,
        num_surge,
        writes: Writes {
            creates: allowed,
            deletes: to_delete,
            events: Vec::new(),
        },
    })
}
