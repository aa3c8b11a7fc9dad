//! apps/v1 DaemonSet defaulting and validation, as the Kubernetes API server does them.
//!
//! Owns: v1 defaulting ([`default_daemon_set`], upstream `pkg/apis/apps/v1/defaults.go`),
//! create and update validation ([`validate_daemon_set`], [`validate_daemon_set_update`],
//! upstream `pkg/apis/apps/validation/validation.go`) with the API server's field paths and
//! exact messages, label-selector checks and matching, and int-or-percent scaling
//! ([`scaled_value_from_int_or_percent`], apimachinery `intstr.GetScaledValueFromIntOrPercent`).
//!
//! It does not read text (that is `dsplan-snapshot`) and does not validate a whole pod
//! template: of `ValidatePodTemplateSpec` it checks only the pieces listed on
//! [`validate_daemon_set`].
//!
//! ```
//! use dsplan_model::k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetSpec};
//! let mut ds = DaemonSet::default();
//! ds.spec = Some(DaemonSetSpec { min_ready_seconds: Some(-1), ..Default::default() });
//! dsplan_validation::default_daemon_set(&mut ds);
//! let errors = dsplan_validation::validate_daemon_set(&ds);
//! assert!(errors.iter().any(|e| e.to_string()
//!     == "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"));
//! ```
#![forbid(unsafe_code)]

mod daemon_set;
mod defaults;
mod field_error;
mod intstr;
mod pod_template;
mod selector;
mod update;

pub use daemon_set::{
    template_generation, validate_daemon_set, validate_daemon_set_as_read,
    validate_rolling_update_daemon_set, validate_update_strategy, TEMPLATE_GENERATION_ANNOTATION,
};
pub use defaults::default_daemon_set;
pub use field_error::FieldError;
pub use intstr::scaled_value_from_int_or_percent;
pub use selector::{selector_matches, validate_selector};
pub use update::validate_daemon_set_update;
