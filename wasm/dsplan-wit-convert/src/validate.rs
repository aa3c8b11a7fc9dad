//! The validation report's field lists (`dsplan_engine`).

/// `From` impls between the validation report's WIT types and `dsplan_engine`, in the
/// direction given: `validation_report!(from wit)` or `validation_report!(into wit)`.
#[macro_export]
macro_rules! validation_report {
    ($direction:ident $wit:ident) => {
        $crate::__record!($direction $wit ValidationReport = dsplan_engine::ValidationReport {
            objects: each,
        });
        $crate::__record!($direction $wit ObjectValidation = dsplan_engine::ObjectValidation {
            kind, namespace, name, valid, errors, file, line: option_count,
        });
    };
}
