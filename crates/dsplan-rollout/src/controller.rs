//! One `syncDaemonSet` of one DaemonSet: manage, then (if expectations allow) rollingUpdate,
//! then status (`pkg/controller/daemon/daemon_controller.go`: `syncDaemonSet`,
//! `updateDaemonSet`, `syncNodes`; R-S1, R-B1).
//!
//! Two modes (R-S1, spec §18.1): the upstream unit-test *harness*, where the fake pod client's
//! writes are in the cache at once so manage and rollingUpdate both act in one sync, and a real
//! *cluster*, where the writes of a sync reach the cache only when the informer observes them
//! and rollingUpdate is skipped in any sync whose manage() wrote.

use crate::backoff::Backoff;
use crate::cache::{Cache, PodId};
use crate::manage::{manage, Writes};
use crate::model::{Phase, SimPod, Strategy, World};
use crate::status::{status_of, DaemonSetStatus};
use crate::update::{rolling_update_cache, RollingUpdateOutcome};

/// `BurstReplicas` (R-C4): creates and deletes per `syncNodes` call.
pub const BURST_REPLICAS: usize = 250;

/// How writes reach the controller's cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Writes are in the cache before the next line of the sync runs (upstream unit tests).
    Harness,
    /// Writes wait for [`Controller::observe`]; expectations gate rollingUpdate (R-S1).
    Cluster,
}

/// What a delete does to the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// The pod is gone (the upstream harness).
    Immediate,
    /// The pod gets a deletionTimestamp and stays (still Ready: its containers run until they
    /// exit) until the caller removes it; a pod not bound to a node or in a terminal phase is
    /// gone at once, as the API server deletes it without a grace period
    /// (`pkg/registry/core/pod/strategy.go`, `CheckGracefulDelete`).
    Graceful,
}

/// What one sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOutcome {
    /// Creates (node names) and deletes (pod names) issued, manage's first, after the burst cap.
    pub writes: Writes,
    /// The rollingUpdate pass, when it ran and succeeded.
    pub rolling_update: Option<RollingUpdateOutcome>,
    /// The status written at the end of the sync.
    pub status: DaemonSetStatus,
    /// The error the sync returned (it is requeued with rate limiting).
    pub error: Option<String>,
}

/// What one sync did, before the status is computed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Acted {
    /// Creates (node names) and deletes (pod names) issued, manage's first, after the burst cap.
    pub writes: Writes,
    /// The rollingUpdate pass, when it ran and succeeded.
    pub rolling_update: Option<RollingUpdateOutcome>,
    /// The error the sync returned (it is requeued with rate limiting).
    pub error: Option<String>,
}

/// The controller's memory across syncs of one DaemonSet.
#[derive(Debug, Clone)]
pub struct Controller {
    mode: Mode,
    removal: Removal,
    backoff: Backoff,
    /// Writes issued but not yet observed (cluster mode): the expectations.
    pending: Option<Writes>,
    observed_generation: i64,
    next_pod: u64,
}

impl Controller {
    /// A controller that has never synced this DaemonSet. `removal` applies to writes this
    /// controller's deletes make (in harness mode at once, in cluster mode at observation).
    pub fn new(mode: Mode, removal: Removal, observed_generation: i64) -> Self {
        Self {
            mode,
            removal,
            backoff: Backoff::default(),
            pending: None,
            observed_generation,
            next_pod: 0,
        }
    }

    /// The failed-pod backoff (for requeue times).
    pub fn backoff(&self) -> &Backoff {
        &self.backoff
    }

    /// One `syncDaemonSet` at time `now`.
    pub fn sync(&mut self, world: &mut World, now: i64) -> SyncOutcome {
        let mut cache = Cache::new(world.clone());
        let acted = self.act(&mut cache, now);
        let status = status_of(&cache, now, self.observed_generation);
        *world = cache.into_world();
        SyncOutcome {
            writes: acted.writes,
            rolling_update: acted.rolling_update,
            status,
            error: acted.error,
        }
    }

    /// [`Controller::sync`] on the indexed cache, without the status.
    pub fn act(&mut self, cache: &mut Cache, now: i64) -> Acted {
        if self.pending.is_some() {
            // Expectations not satisfied: status only, observedGeneration not bumped.
            return Acted::default();
        }
        let mut writes = capped(manage(cache, &mut self.backoff, now));
        let run_update = match self.mode {
            Mode::Harness => {
                self.apply(cache, &writes, now);
                true
            }
            Mode::Cluster => writes.is_empty(),
        };
        let mut rolling = None;
        let mut error = None;
        if run_update && matches!(cache.ds.strategy, Strategy::RollingUpdate(_)) {
            match rolling_update_cache(cache, now) {
                Ok(mut outcome) => {
                    outcome.writes = capped(outcome.writes);
                    if self.mode == Mode::Harness {
                        self.apply(cache, &outcome.writes, now);
                    }
                    writes.extend(outcome.writes.clone());
                    rolling = Some(outcome);
                }
                Err(message) => error = Some(message),
            }
        }
        if self.mode == Mode::Cluster && !writes.is_empty() {
            self.pending = Some(writes.clone());
        }
        self.observed_generation = cache.ds.generation;
        Acted {
            writes,
            rolling_update: rolling,
            error,
        }
    }

    /// The informer observes every write issued so far: they land in the cache and the
    /// expectations are met.
    pub fn observe(&mut self, world: &mut World, now: i64) {
        let mut cache = Cache::new(world.clone());
        self.observe_cache(&mut cache, now);
        *world = cache.into_world();
    }

    /// [`Controller::observe`] on the indexed cache.
    pub fn observe_cache(&mut self, cache: &mut Cache, now: i64) {
        if let Some(writes) = self.pending.take() {
            self.apply(cache, &writes, now);
        }
    }

    /// Applies writes to the cache: a created pod is Pending, not Ready, not bound, pinned to
    /// its node and labelled with the current revision (R-B4).
    fn apply(&mut self, cache: &mut Cache, writes: &Writes, now: i64) {
        for name in &writes.deletes {
            for pod in cache.named(name).to_vec() {
                if self.removal == Removal::Immediate || deleted_at_once(cache, pod) {
                    cache.remove(pod);
                } else {
                    cache.mark_deleted(pod, now);
                }
            }
        }
        for node in &writes.creates {
            let name = self.fresh_name(cache);
            let pod = SimPod {
                name,
                node: node.clone(),
                hash: Some(cache.ds.revision.hash.clone()),
                generation: cache.ds.revision.generation.map(|g| g.to_string()),
                bound: false,
                created: now,
                phase: Phase::Pending,
                ready: false,
                ready_since: None,
                deleted_at: None,
            };
            cache.insert(pod);
        }
    }

    /// `<ds name>-<n>`, unused in the cache (the API server's generateName suffix is random).
    fn fresh_name(&mut self, cache: &Cache) -> String {
        loop {
            self.next_pod += 1;
            let name = format!("{}-{}", cache.ds.name, self.next_pod);
            if cache.named(&name).is_empty() {
                return name;
            }
        }
    }
}

/// The API server deletes the pod without a grace period: it is not scheduled (no
/// `spec.nodeName`) or already Succeeded or Failed (`CheckGracefulDelete`,
/// `pkg/registry/core/pod/strategy.go`).
fn deleted_at_once(cache: &Cache, id: PodId) -> bool {
    cache
        .pod(id)
        .is_some_and(|slot| !slot.pod.bound || slot.pod.phase.is_terminal())
}

/// `syncNodes` acts on at most [`BURST_REPLICAS`] creates and deletes (R-B1).
fn capped(mut writes: Writes) -> Writes {
    writes.creates.truncate(BURST_REPLICAS);
    writes.deletes.truncate(BURST_REPLICAS);
    writes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{rolling, world};

    #[test]
    fn graceful_deletes_remove_unscheduled_and_terminal_pods_at_once() {
        let mut world = world(3, rolling(3, 0));
        world.pods[1].bound = false;
        world.pods[2].phase = Phase::Succeeded;
        let mut controller = Controller::new(Mode::Harness, Removal::Graceful, 2);
        let outcome = controller.sync(&mut world, 7);
        let mut deleted = outcome.writes.deletes;
        deleted.sort();
        assert_eq!(deleted, ["old-0", "old-1", "old-2"]);
        let left: Vec<(&str, Option<i64>)> = world
            .pods
            .iter()
            .filter(|p| p.name.starts_with("old-"))
            .map(|p| (p.name.as_str(), p.deleted_at))
            .collect();
        assert_eq!(
            left,
            [("old-0", Some(7))],
            "only the bound Running pod terminates"
        );
    }
}
