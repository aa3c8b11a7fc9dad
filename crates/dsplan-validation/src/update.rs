//! `ValidateDaemonSetUpdate` (upstream `pkg/apis/apps/validation/validation.go`, R-V5, R-V6):
//! what may change between the stored DaemonSet and its new version.

use crate::daemon_set::{template_generation, validate_spec};
use crate::field_error::{FieldError, FIELD_IMMUTABLE};
use crate::selector::render_selector;
use dsplan_model::k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetSpec};
use dsplan_model::FieldPath;

/// Validates `new` as an update of `old`: `ValidateObjectMetaUpdate` (name and namespace are
/// immutable), `ValidateDaemonSetSpecUpdate` (templateGeneration bookkeeping, read from the
/// [`crate::TEMPLATE_GENERATION_ANNOTATION`]; the selector is immutable), then the full spec
/// validation of `new`. Templates are compared structurally (upstream uses semantic equality,
/// which also equates quantities such as `1` and `1000m`).
pub fn validate_daemon_set_update(old: &DaemonSet, new: &DaemonSet) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (field, old_value, new_value) in [
        ("name", &old.metadata.name, &new.metadata.name),
        (
            "namespace",
            &old.metadata.namespace,
            &new.metadata.namespace,
        ),
    ] {
        if old_value != new_value {
            errors.push(FieldError::invalid(
                &FieldPath::new("metadata").field(field),
                &crate::field_error::go_quote(new_value.as_deref().unwrap_or_default()),
                FIELD_IMMUTABLE,
            ));
        }
    }
    errors.extend(validate_spec_update(old, new));
    errors.extend(validate_spec(new, true));
    errors
}

/// `ValidateDaemonSetSpecUpdate`.
fn validate_spec_update(old: &DaemonSet, new: &DaemonSet) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let default_spec = DaemonSetSpec::default();
    let old_spec = old.spec.as_ref().unwrap_or(&default_spec);
    let new_spec = new.spec.as_ref().unwrap_or(&default_spec);
    let path = FieldPath::new("spec.templateGeneration");
    // An unparsable annotation is reported by the full spec validation that follows.
    if let (Ok(old_generation), Ok(new_generation)) =
        (template_generation(old), template_generation(new))
    {
        let template_changed = old_spec.template != new_spec.template;
        let value = new_generation.to_string();
        if new_generation < old_generation {
            errors.push(FieldError::invalid(
                &path,
                &value,
                "must not be decremented",
            ));
        } else if new_generation == old_generation && template_changed {
            errors.push(FieldError::invalid(
                &path,
                &value,
                "must be incremented upon template update",
            ));
        } else if new_generation > old_generation && !template_changed {
            errors.push(FieldError::invalid(
                &path,
                &value,
                "must not be incremented without template update",
            ));
        }
    }
    if old_spec.selector != new_spec.selector {
        errors.push(FieldError::invalid(
            &FieldPath::new("spec.selector"),
            &render_selector(&new_spec.selector),
            FIELD_IMMUTABLE,
        ));
    }
    errors
}
