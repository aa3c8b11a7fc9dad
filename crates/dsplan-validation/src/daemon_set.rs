//! `ValidateDaemonSet` and `ValidateDaemonSetSpec` (upstream
//! `pkg/apis/apps/validation/validation.go`) on an apps/v1 object, read as the API server reads
//! it after conversion: unset fields take their internal zero values.

use crate::field_error::{FieldError, IS_NEGATIVE};
use crate::intstr::{
    numeric_reading, render, validate_not_more_than_100_percent, validate_positive_int_or_percent,
};
use crate::pod_template::{json_string, restart_policy, validate_pod_spec};
use crate::selector::validate_selector;
use dsplan_model::k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_model::FieldPath;

/// The annotation that carries the internal `spec.templateGeneration` in apps/v1
/// (`apps.DeprecatedTemplateGeneration`, R-C3).
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// Validates a DaemonSet as the API server does on create (`ValidateDaemonSet`), returning
/// every error in upstream order. Call [`crate::default_daemon_set`] first to get what a v1
/// request would produce; without it, unset fields read as their internal zero values (an
/// unset strategy type is `""` and is reported as unsupported).
///
/// Checked: `metadata.name` and `metadata.namespace` present; the selector rules of
/// [`crate::validate_selector`]; template containers present, named uniquely, with an image;
/// `restartPolicy` (a pod value, and `Always` for a DaemonSet); no `activeDeadlineSeconds`;
/// `minReadySeconds`, `templateGeneration` and `revisionHistoryLimit` not negative; the update
/// strategy. Not checked: name syntax, label and annotation syntax, and the rest of pod
/// template validation.
pub fn validate_daemon_set(ds: &DaemonSet) -> Vec<FieldError> {
    validate_daemon_set_as_read(ds, true)
}

/// [`validate_daemon_set`] for an object read from text, where `selector_given` says whether
/// `spec.selector` was present: k8s-openapi reads a missing selector as an empty one, but the
/// API server reports the two differently.
pub fn validate_daemon_set_as_read(ds: &DaemonSet, selector_given: bool) -> Vec<FieldError> {
    let mut errors = validate_object_meta(ds);
    errors.extend(validate_spec(ds, selector_given));
    errors
}

/// `ValidateObjectMeta` with `namespaced = true`: name (or generateName) and namespace
/// present.
fn validate_object_meta(ds: &DaemonSet) -> Vec<FieldError> {
    let meta = &ds.metadata;
    let mut errors = Vec::new();
    let empty = |s: &Option<String>| s.as_deref().unwrap_or_default().is_empty();
    if empty(&meta.name) && empty(&meta.generate_name) {
        errors.push(FieldError::required(
            &FieldPath::new("metadata.name"),
            "name or generateName is required",
        ));
    }
    if empty(&meta.namespace) {
        errors.push(FieldError::required(
            &FieldPath::new("metadata.namespace"),
            "",
        ));
    }
    errors
}

/// `ValidateDaemonSetSpec`, in upstream order (R-V2).
pub(crate) fn validate_spec(ds: &DaemonSet, selector_given: bool) -> Vec<FieldError> {
    let default_spec = DaemonSetSpec::default();
    let spec = ds.spec.as_ref().unwrap_or(&default_spec);
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref());
    let selector = selector_given.then_some(&spec.selector);
    let mut errors = validate_selector(selector, template_labels);
    let pod_spec = spec.template.spec.as_ref();
    let pod_path = FieldPath::new("spec.template.spec");
    errors.extend(validate_pod_spec(pod_spec, &pod_path));
    let policy = restart_policy(pod_spec);
    if policy != "Always" {
        errors.push(FieldError::not_supported(
            &pod_path.field("restartPolicy"),
            &json_string(policy),
            &["Always"],
        ));
    }
    if pod_spec.is_some_and(|s| s.active_deadline_seconds.is_some()) {
        errors.push(FieldError::forbidden(
            &pod_path.field("activeDeadlineSeconds"),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        ));
    }
    errors.extend(non_negative(
        i64::from(spec.min_ready_seconds.unwrap_or(0)),
        "spec.minReadySeconds",
    ));
    match template_generation(ds) {
        Ok(generation) => errors.extend(non_negative(generation, "spec.templateGeneration")),
        Err(error) => errors.push(error),
    }
    errors.extend(validate_update_strategy(spec.update_strategy.as_ref()));
    if let Some(limit) = spec.revision_history_limit {
        errors.extend(non_negative(i64::from(limit), "spec.revisionHistoryLimit"));
    }
    errors
}

fn non_negative(value: i64, path: &str) -> Vec<FieldError> {
    if value < 0 {
        vec![FieldError::invalid(
            &FieldPath::new(path),
            &value.to_string(),
            IS_NEGATIVE,
        )]
    } else {
        Vec::new()
    }
}

/// The internal `spec.templateGeneration`, read from [`TEMPLATE_GENERATION_ANNOTATION`] as the
/// v1 conversion does (`strconv.ParseInt`); 0 when the annotation is absent.
pub fn template_generation(ds: &DaemonSet) -> Result<i64, FieldError> {
    let Some(text) = ds
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(TEMPLATE_GENERATION_ANNOTATION))
    else {
        return Ok(0);
    };
    text.parse::<i64>().map_err(|_| FieldError {
        path: FieldPath::new("metadata.annotations")
            .key(TEMPLATE_GENERATION_ANNOTATION)
            .to_string(),
        message: format!(
            "Invalid value: {}: strconv.ParseInt: parsing {}: invalid syntax",
            json_string(text),
            crate::field_error::go_quote(text)
        ),
    })
}

/// `ValidateDaemonSetUpdateStrategy` at `spec.updateStrategy` (R-V3). `None` reads as the
/// internal zero value: type `""`, which is not supported.
pub fn validate_update_strategy(strategy: Option<&DaemonSetUpdateStrategy>) -> Vec<FieldError> {
    let path = FieldPath::new("spec.updateStrategy");
    let type_ = strategy
        .and_then(|s| s.type_.as_deref())
        .unwrap_or_default();
    let rolling = strategy.and_then(|s| s.rolling_update.as_ref());
    match type_ {
        "OnDelete" => Vec::new(),
        "RollingUpdate" => match rolling {
            None => vec![FieldError::required(&path.field("rollingUpdate"), "")],
            Some(rolling) => {
                validate_rolling_update_daemon_set(rolling, &path.field("rollingUpdate"))
            }
        },
        other => vec![FieldError::not_supported(
            &path,
            &render_internal_strategy(other, rolling),
            &["RollingUpdate", "OnDelete"],
        )],
    }
}

/// `ValidateRollingUpdateDaemonSet` (R-V4); an unset field reads as the internal zero, int 0.
pub fn validate_rolling_update_daemon_set(
    rolling: &RollingUpdateDaemonSet,
    path: &FieldPath,
) -> Vec<FieldError> {
    let zero = IntOrString::Int(0);
    let unavailable = rolling.max_unavailable.as_ref().unwrap_or(&zero);
    let surge = rolling.max_surge.as_ref().unwrap_or(&zero);
    let unavailable_path = path.field("maxUnavailable");
    let surge_path = path.field("maxSurge");
    let mut errors = validate_positive_int_or_percent(unavailable, &unavailable_path);
    errors.extend(validate_positive_int_or_percent(surge, &surge_path));
    errors.extend(validate_not_more_than_100_percent(
        unavailable,
        &unavailable_path,
    ));
    errors.extend(validate_not_more_than_100_percent(surge, &surge_path));
    match (numeric_reading(unavailable), numeric_reading(surge)) {
        (0, 0) => errors.push(FieldError::required(
            &unavailable_path,
            "cannot be 0 when maxSurge is 0",
        )),
        (u, s) if u != 0 && s != 0 => errors.push(FieldError::invalid(
            &surge_path,
            &render(surge),
            "may not be set when maxUnavailable is non-zero",
        )),
        _ => {}
    }
    errors
}

/// The internal `apps.DaemonSetUpdateStrategy` as Go's JSON encoder prints it (no json tags, so
/// Go field names): `{"Type":"Random","RollingUpdate":null}`.
fn render_internal_strategy(type_: &str, rolling: Option<&RollingUpdateDaemonSet>) -> String {
    let rolling = rolling.map_or_else(
        || "null".to_owned(),
        |r| {
            let zero = IntOrString::Int(0);
            format!(
                "{{\"MaxUnavailable\":{},\"MaxSurge\":{}}}",
                render(r.max_unavailable.as_ref().unwrap_or(&zero)),
                render(r.max_surge.as_ref().unwrap_or(&zero))
            )
        },
    );
    format!(
        "{{\"Type\":{},\"RollingUpdate\":{rolling}}}",
        json_string(type_)
    )
}
