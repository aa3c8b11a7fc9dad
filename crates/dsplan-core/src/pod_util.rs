//! Pod predicates the controller uses: readiness and availability (`pkg/api/v1/pod/util.go`
//! `IsPodReady`, `IsPodAvailable`), terminal phases (`IsPodTerminal`), and the controller's
//! "oldest first" order (`pkg/controller/daemon/util` `podByCreationTimestampAndPhase`).

use dsplan_model::k8s_openapi::api::core::v1::{Pod, PodCondition};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use std::cmp::Ordering;

fn ready_condition(pod: &Pod) -> Option<&PodCondition> {
    pod.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == "Ready")
}

/// `IsPodReady`: the `Ready` condition is `True`.
pub fn is_pod_ready(pod: &Pod) -> bool {
    ready_condition(pod).is_some_and(|c| c.status == "True")
}

/// `IsPodAvailable`: Ready, and with `min_ready_seconds > 0` Ready since strictly more than
/// `min_ready_seconds` before `now`.
///
/// dsplan reads no clock: without `now`, a Ready pod counts as available whatever
/// `min_ready_seconds` is (the answer once the pods have been Ready long enough). A Ready
/// condition without `lastTransitionTime` is not available when `min_ready_seconds > 0` and a
/// `now` is given, as upstream.
pub fn is_pod_available(pod: &Pod, min_ready_seconds: i32, now: Option<&Time>) -> bool {
    let Some(condition) = ready_condition(pod).filter(|c| c.status == "True") else {
        return false;
    };
    if min_ready_seconds <= 0 {
        return true;
    }
    let Some(now) = now else {
        return true;
    };
    condition
        .last_transition_time
        .as_ref()
        .is_some_and(|since| {
            let ready_for = now.0.as_nanosecond() - since.0.as_nanosecond();
            ready_for > i128::from(min_ready_seconds) * 1_000_000_000
        })
}

/// The pod's phase is `Succeeded` or `Failed` (`IsPodTerminal`).
pub fn is_terminal(pod: &Pod) -> bool {
    matches!(phase(pod), "Succeeded" | "Failed")
}

/// `status.phase` (empty when unset).
pub fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or_default()
}

/// The pod has a `deletionTimestamp`.
pub fn is_deleting(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// `podByCreationTimestampAndPhase`: bound pods first, then older `creationTimestamp` (unset is
/// Go's zero time, the oldest), then smaller name.
pub fn by_creation_timestamp_and_phase(a: &Pod, b: &Pod) -> Ordering {
    let unbound = |p: &Pod| {
        p.spec
            .as_ref()
            .and_then(|s| s.node_name.as_deref())
            .is_none_or(str::is_empty)
    };
    unbound(a)
        .cmp(&unbound(b))
        .then_with(|| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
        })
        .then_with(|| a.metadata.name.cmp(&b.metadata.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::{PodSpec, PodStatus};
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn time(seconds: i64) -> Time {
        Time(dsplan_model::k8s_openapi::jiff::Timestamp::from_second(seconds).expect("in range"))
    }

    fn pod(name: &str, node: &str, created: Option<i64>, ready_since: Option<i64>) -> Pod {
        Pod {
            metadata: ObjectMeta {
                name: Some(name.into()),
                creation_timestamp: created.map(time),
                ..Default::default()
            },
            spec: Some(PodSpec {
                node_name: Some(node.into()),
                ..Default::default()
            }),
            status: Some(PodStatus {
                conditions: ready_since.map(|t| {
                    vec![PodCondition {
                        type_: "Ready".into(),
                        status: "True".into(),
                        last_transition_time: Some(time(t)),
                        ..Default::default()
                    }]
                }),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn availability_needs_strictly_more_than_min_ready_seconds() {
        let p = pod("a", "n", None, Some(100));
        assert!(is_pod_available(&p, 0, Some(&time(100))));
        assert!(!is_pod_available(&p, 10, Some(&time(110))));
        assert!(is_pod_available(&p, 10, Some(&time(111))));
        assert!(is_pod_available(&p, 10, None), "no clock: Ready counts");
        assert!(!is_pod_available(&pod("b", "n", None, None), 0, None));
    }

    #[test]
    fn oldest_bound_pod_sorts_first() {
        let mut pods = [
            pod("c", "n", Some(5), None),
            pod("b", "", Some(1), None),
            pod("a", "n", Some(5), None),
            pod("d", "n", None, None),
        ];
        pods.sort_by(by_creation_timestamp_and_phase);
        let names: Vec<_> = pods
            .iter()
            .map(|p| p.metadata.name.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(names, ["d", "a", "c", "b"]);
    }
}
