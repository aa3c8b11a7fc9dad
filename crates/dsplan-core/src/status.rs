//! The DaemonSet status counters (`updateDaemonSetStatus` in
//! `pkg/controller/daemon/daemon_controller.go`), from each node's decision and its claimed
//! pods as they are before this sync's actions; and `util.IsPodUpdated`.

use crate::daemon_pod::{GENERATION_LABEL, HASH_LABEL};
use crate::pod_util::{by_creation_timestamp_and_phase, is_pod_available, is_pod_ready};
use crate::reconcile::Rollout;
use dsplan_model::k8s_openapi::api::core::v1::Pod;

/// The counters of `DaemonSetStatus` dsplan reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// `desiredNumberScheduled`.
    pub desired: u32,
    /// `currentNumberScheduled`.
    pub current: u32,
    /// `numberMisscheduled`.
    pub misscheduled: u32,
    /// `numberReady`.
    pub ready: u32,
    /// `numberAvailable`.
    pub available: u32,
    /// `updatedNumberScheduled`.
    pub updated: u32,
}

impl Counters {
    /// `numberUnavailable`: desired minus available.
    pub fn unavailable(&self) -> u32 {
        self.desired.saturating_sub(self.available)
    }

    /// Counts one node: `should_run` and its claimed pods (any order).
    pub fn count_node(
        &mut self,
        should_run: bool,
        pods: &[&Pod],
        rollout: &Rollout<'_>,
        generation: Option<i64>,
    ) {
        let first = pods
            .iter()
            .copied()
            .min_by(|a, b| by_creation_timestamp_and_phase(a, b));
        if !should_run {
            self.misscheduled += u32::from(first.is_some());
            return;
        }
        self.desired += 1;
        let Some(pod) = first else {
            return;
        };
        self.current += 1;
        if is_pod_ready(pod) {
            self.ready += 1;
            if is_pod_available(pod, rollout.min_ready_seconds, rollout.now) {
                self.available += 1;
            }
        }
        if is_pod_updated(pod, rollout.hash, generation) {
            self.updated += 1;
        }
    }
}

/// `util.IsPodUpdated`: the pod's `controller-revision-hash` equals `hash`, or its
/// `pod-template-generation` label equals `generation`.
pub fn is_pod_updated(pod: &Pod, hash: Option<&str>, generation: Option<i64>) -> bool {
    let label = |key: &str| pod.metadata.labels.as_ref().and_then(|l| l.get(key));
    let hash_matches =
        hash.is_some_and(|h| !h.is_empty() && label(HASH_LABEL).map(String::as_str) == Some(h));
    let generation_matches =
        generation.is_some_and(|g| label(GENERATION_LABEL).is_some_and(|v| *v == g.to_string()));
    hash_matches || generation_matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::{PodCondition, PodStatus};
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn pod(labels: &[(&str, &str)], ready: bool) -> Pod {
        Pod {
            metadata: ObjectMeta {
                labels: Some(
                    labels
                        .iter()
                        .map(|(k, v)| ((*k).into(), (*v).into()))
                        .collect(),
                ),
                ..Default::default()
            },
            status: Some(PodStatus {
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn counts_follow_update_daemon_set_status() {
        let rollout = Rollout {
            surge: false,
            hash: Some("h1"),
            min_ready_seconds: 0,
            now: None,
        };
        let mut c = Counters::default();
        let new_ready = pod(&[(HASH_LABEL, "h1")], true);
        let old_unready = pod(&[(GENERATION_LABEL, "2")], false);
        c.count_node(true, &[&new_ready], &rollout, Some(3));
        c.count_node(true, &[&old_unready], &rollout, Some(3));
        c.count_node(true, &[], &rollout, Some(3));
        c.count_node(false, &[&new_ready], &rollout, Some(3));
        c.count_node(false, &[], &rollout, Some(3));
        assert_eq!(
            c,
            Counters {
                desired: 3,
                current: 2,
                misscheduled: 1,
                ready: 1,
                available: 1,
                updated: 1
            }
        );
        assert_eq!(c.unavailable(), 2);
        assert!(is_pod_updated(&old_unready, None, Some(2)));
    }
}
