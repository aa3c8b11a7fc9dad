//! One `syncDaemonSet` of one DaemonSet: manage, then (if expectations allow) rollingUpdate,
//! then status (`pkg/controller/daemon/daemon_controller.go`: `syncDaemonSet`,
//! `updateDaemonSet`, `syncNodes`; R-S1, R-B1).
//!
//! Two modes (R-S1, spec §18.1): the upstream unit-test *harness*, where the fake pod client's
//! writes are in the cache at once so manage and rollingUpdate both act in one sync, and a real
//! *cluster*, where the writes of a sync reach the cache only when the informer observes them
//! and rollingUpdate is skipped in any sync whose manage() wrote.

use crate::backoff::Backoff;
use crate::manage::{manage, Writes};
use crate::model::{Phase, SimPod, Strategy, World};
use crate::status::{compute_status, DaemonSetStatus};
use crate::update::{rolling_update, RollingUpdateOutcome};

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
    /// exit) until the caller removes it.
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
        if self.pending.is_some() {
            // Expectations not satisfied: status only, observedGeneration not bumped.
            return SyncOutcome {
                writes: Writes::default(),
                rolling_update: None,
                status: compute_status(world, now, self.observed_generation),
                error: None,
            };
        }
        let mut writes = capped(manage(world, &mut self.backoff, now));
        let run_update = match self.mode {
            Mode::Harness => {
                self.apply(world, &writes, now);
                true
            }
            Mode::Cluster => writes.is_empty(),
        };
        let mut rolling = None;
        let mut error = None;
        if run_update && matches!(world.ds.strategy, Strategy::RollingUpdate(_)) {
            match rolling_update(world, now) {
                Ok(mut outcome) => {
                    outcome.writes = capped(outcome.writes);
                    if self.mode == Mode::Harness {
                        self.apply(world, &outcome.writes, now);
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
        self.observed_generation = world.ds.generation;
        SyncOutcome {
            writes,
            rolling_update: rolling,
            status: compute_status(world, now, self.observed_generation),
            error,
        }
    }

    /// The informer observes every write issued so far: they land in the cache and the
    /// expectations are met.
    pub fn observe(&mut self, world: &mut World, now: i64) {
        if let Some(writes) = self.pending.take() {
            self.apply(world, &writes, now);
        }
    }

    /// Applies writes to the cache: a created pod is Pending, not Ready, not bound, pinned to
    /// its node and labelled with the current revision (R-B4).
    fn apply(&mut self, world: &mut World, writes: &Writes, now: i64) {
        for name in &writes.deletes {
            match self.removal {
                Removal::Immediate => world.pods.retain(|pod| &pod.name != name),
                Removal::Graceful => {
                    for pod in world.pods.iter_mut().filter(|pod| &pod.name == name) {
                        pod.deleted_at.get_or_insert(now);
                    }
                }
            }
        }
        for node in &writes.creates {
            let name = self.fresh_name(world);
            world.pods.push(SimPod {
                name,
                node: node.clone(),
                hash: Some(world.ds.revision.hash.clone()),
                generation: world.ds.revision.generation.map(|g| g.to_string()),
                bound: false,
                created: now,
                phase: Phase::Pending,
                ready: false,
                ready_since: None,
                deleted_at: None,
            });
        }
    }

    /// `<ds name>-<n>`, unused in the cache (the API server's generateName suffix is random).
    fn fresh_name(&mut self, world: &World) -> String {
        loop {
            self.next_pod += 1;
            let name = format!("{}-{}", world.ds.name, self.next_pod);
            if world.pods.iter().all(|pod| pod.name != name) {
                return name;
            }
        }
    }
}

/// `syncNodes` acts on at most [`BURST_REPLICAS`] creates and deletes (R-B1).
fn capped(mut writes: Writes) -> Writes {
    writes.creates.truncate(BURST_REPLICAS);
    writes.deletes.truncate(BURST_REPLICAS);
    writes
}
