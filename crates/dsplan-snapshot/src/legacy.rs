//! DaemonSets written in API versions the API server no longer serves (`extensions/v1beta1`
//! and `apps/v1beta2`, both removed in Kubernetes 1.16): each gets its own version's defaults,
//! then is treated as apps/v1 (the fields dsplan reads are the same in all three).

use dsplan_model::k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetUpdateStrategy, RollingUpdateDaemonSet,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// Whether `api_version` is one a DaemonSet may be written in.
pub(crate) fn is_daemon_set_version(api_version: &str) -> bool {
    matches!(
        api_version,
        "apps/v1" | "extensions/v1beta1" | "apps/v1beta2"
    )
}

/// Applies the defaults of `api_version` where they differ from apps/v1, setting
/// `selector_given` when the selector was defaulted. Returns the note telling the user.
pub(crate) fn apply(
    ds: &mut DaemonSet,
    api_version: &str,
    selector_given: &mut bool,
) -> Option<String> {
    match api_version {
        "extensions/v1beta1" => extensions_v1beta1(ds, selector_given),
        // apps/v1beta2 `SetDefaults_DaemonSet` is the same as apps/v1's.
        "apps/v1beta2" => {}
        _ => return None,
    }
    Some(format!(
        "{api_version} DaemonSets are no longer served (removed in Kubernetes 1.16); read with \
         that version's defaults and treated as apps/v1"
    ))
}

/// Upstream `pkg/apis/extensions/v1beta1/defaults.go` `SetDefaults_DaemonSet`: selector and
/// object labels from the template labels, update strategy `OnDelete`, and for `RollingUpdate`
/// a `maxUnavailable` of 1. (`revisionHistoryLimit` 10 and `maxSurge` 0 match apps/v1.)
fn extensions_v1beta1(ds: &mut DaemonSet, selector_given: &mut bool) {
    let spec = ds.spec.get_or_insert_with(Default::default);
    if let Some(labels) = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone())
    {
        if !*selector_given {
            spec.selector = LabelSelector {
                match_labels: Some(labels.clone()),
                match_expressions: None,
            };
            *selector_given = true;
        }
        if ds.metadata.labels.as_ref().is_none_or(|l| l.is_empty()) {
            ds.metadata.labels = Some(labels);
        }
    }
    let strategy = spec
        .update_strategy
        .get_or_insert_with(DaemonSetUpdateStrategy::default);
    if strategy.type_.as_deref().unwrap_or_default().is_empty() {
        strategy.type_ = Some("OnDelete".to_owned());
    }
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default)
            .max_unavailable
            .get_or_insert(IntOrString::Int(1));
    }
}
