//! The parts of `ValidatePodTemplateSpec` (upstream `pkg/apis/core/validation/validation.go`)
//! that dsplan checks on a DaemonSet template: containers present, each with a unique name and
//! an image, and the restart policy.

use crate::field_error::FieldError;
use dsplan_model::k8s_openapi::api::core::v1::PodSpec;
use dsplan_model::FieldPath;
use std::collections::BTreeSet;

/// Validates `spec` at `path` (`spec.template.spec`): `validateContainers` (required list,
/// names required and unique, image required) then `validateRestartPolicy`.
pub(crate) fn validate_pod_spec(spec: Option<&PodSpec>, path: &FieldPath) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let containers = spec.map(|s| s.containers.as_slice()).unwrap_or_default();
    let containers_path = path.field("containers");
    if containers.is_empty() {
        errors.push(FieldError::required(&containers_path, ""));
    }
    let mut names = BTreeSet::new();
    for (i, container) in containers.iter().enumerate() {
        let container_path = containers_path.index(i);
        if container.name.is_empty() {
            errors.push(FieldError::required(&container_path.field("name"), ""));
        } else if !names.insert(container.name.as_str()) {
            errors.push(FieldError::duplicate(
                &container_path.field("name"),
                &crate::field_error::go_quote(&container.name),
            ));
        }
        if container.image.as_deref().unwrap_or_default().is_empty() {
            errors.push(FieldError::required(&container_path.field("image"), ""));
        }
    }
    let restart_policy = restart_policy(spec);
    let restart_path = path.field("restartPolicy");
    match restart_policy {
        "Always" | "OnFailure" | "Never" => {}
        "" => errors.push(FieldError::required(&restart_path, "")),
        other => errors.push(FieldError::not_supported(
            &restart_path,
            &json_string(other),
            &["Always", "OnFailure", "Never"],
        )),
    }
    errors
}

/// The template's restart policy, empty when unset.
pub(crate) fn restart_policy(spec: Option<&PodSpec>) -> &str {
    spec.and_then(|s| s.restart_policy.as_deref())
        .unwrap_or_default()
}

/// A named Go string type as the API server prints it in a bad value: a JSON string.
pub(crate) fn json_string(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}
