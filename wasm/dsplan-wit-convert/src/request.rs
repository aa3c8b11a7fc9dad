//! The field lists of what a call hands the component besides its documents (a document's
//! role, the rollout timing) and of the input error it may hand back.

/// `From` impls between the WIT `role` and `rollout-options` and `dsplan_engine::Role` and
/// `dsplan_rollout::RolloutOptions`, in the direction given: `request!(into wit)` (the host)
/// or `request!(from wit)` (the component).
#[macro_export]
macro_rules! request {
    ($direction:ident $wit:ident) => {
        $crate::__enum!($direction $wit Role = dsplan_engine::Role { Snapshot, Proposed });
        $crate::__record!($direction $wit RolloutOptions = dsplan_rollout::RolloutOptions {
            pod_start_seconds, readiness_seconds, termination_seconds,
        });
    };
}

/// `From` between the WIT `input-error` and `dsplan_model::InputError`, in the direction
/// given: `input_error!(from wit)` (the host) or `input_error!(into wit)` (the component).
#[macro_export]
macro_rules! input_error {
    ($direction:ident $wit:ident) => {
        $crate::__record!($direction $wit InputError = dsplan_model::InputError {
            file, document: option_count, object, path, line: option_count, column: option_count,
            message,
        });
    };
}
