//! apps/v1 DaemonSet defaulting: upstream `pkg/apis/apps/v1/defaults.go`
//! `SetDefaults_DaemonSet`, plus the pod-level defaults of `pkg/apis/core/v1/defaults.go`
//! `SetDefaults_PodSpec` that DaemonSet validation depends on.

use dsplan_model::k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetUpdateStrategy, RollingUpdateDaemonSet,
};
use dsplan_model::k8s_openapi::api::core::v1::PodSpec;
use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Applies the API server's v1 defaults to a DaemonSet, in place:
/// - an empty `spec.updateStrategy.type` becomes `RollingUpdate` (R-D1);
/// - for `RollingUpdate`, a missing `rollingUpdate` becomes `{}`, then a missing
///   `maxUnavailable` becomes `1` and a missing `maxSurge` `0`, each on its own (R-D2, R-D3);
/// - a missing `spec.revisionHistoryLimit` becomes `10` (R-D4);
/// - in the pod template, a missing `restartPolicy` becomes `Always`, `dnsPolicy`
///   `ClusterFirst`, `schedulerName` `default-scheduler` and `terminationGracePeriodSeconds`
///   `30` (R-D5).
pub fn default_daemon_set(ds: &mut DaemonSet) {
    let spec = ds.spec.get_or_insert_with(Default::default);
    let strategy = spec
        .update_strategy
        .get_or_insert_with(DaemonSetUpdateStrategy::default);
    if strategy.type_.as_deref().unwrap_or_default().is_empty() {
        strategy.type_ = Some("RollingUpdate".to_owned());
    }
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        let rolling = strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default);
        rolling.max_unavailable.get_or_insert(IntOrString::Int(1));
        rolling.max_surge.get_or_insert(IntOrString::Int(0));
    }
    spec.revision_history_limit.get_or_insert(10);
    default_pod_spec(spec.template.spec.get_or_insert_with(PodSpec::default));
}

/// The `SetDefaults_PodSpec` fields listed in R-D5.
fn default_pod_spec(spec: &mut PodSpec) {
    fill_empty(&mut spec.restart_policy, "Always");
    fill_empty(&mut spec.dns_policy, "ClusterFirst");
    fill_empty(&mut spec.scheduler_name, "default-scheduler");
    spec.termination_grace_period_seconds.get_or_insert(30);
}

/// Go defaulting tests `== ""`, so an explicit empty string is defaulted too.
fn fill_empty(field: &mut Option<String>, value: &str) {
    if field.as_deref().unwrap_or_default().is_empty() {
        *field = Some(value.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::apps::v1::DaemonSetSpec;

    #[test]
    fn surge_only_keeps_the_default_max_unavailable() {
        let mut ds = DaemonSet {
            spec: Some(DaemonSetSpec {
                update_strategy: Some(DaemonSetUpdateStrategy {
                    type_: Some("RollingUpdate".into()),
                    rolling_update: Some(RollingUpdateDaemonSet {
                        max_surge: Some(IntOrString::Int(1)),
                        max_unavailable: None,
                    }),
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        default_daemon_set(&mut ds);
        let spec = ds.spec.expect("defaulted");
        let rolling = spec
            .update_strategy
            .and_then(|s| s.rolling_update)
            .expect("rolling update");
        assert_eq!(rolling.max_unavailable, Some(IntOrString::Int(1)));
        assert_eq!(rolling.max_surge, Some(IntOrString::Int(1)));
        assert_eq!(spec.revision_history_limit, Some(10));
        let pod = spec.template.spec.expect("pod spec");
        assert_eq!(pod.restart_policy.as_deref(), Some("Always"));
    }

    #[test]
    fn on_delete_gets_no_rolling_update() {
        let mut ds = DaemonSet {
            spec: Some(DaemonSetSpec {
                update_strategy: Some(DaemonSetUpdateStrategy {
                    type_: Some("OnDelete".into()),
                    rolling_update: None,
                }),
                revision_history_limit: Some(0),
                ..Default::default()
            }),
            ..Default::default()
        };
        default_daemon_set(&mut ds);
        let spec = ds.spec.expect("defaulted");
        assert_eq!(spec.revision_history_limit, Some(0));
        assert!(spec
            .update_strategy
            .and_then(|s| s.rolling_update)
            .is_none());
    }
}
