//! The policy check report's field lists (`dsplan_policy`).

/// `From` impls between the check report's WIT types and `dsplan_policy`, in the direction
/// given: `check_report!(from wit)` or `check_report!(into wit)`.
#[macro_export]
macro_rules! check_report {
    ($direction:ident $wit:ident) => {
        $crate::__record!($direction $wit CheckReport = dsplan_policy::CheckReport {
            policy, evaluations: each, findings: each, notes,
        });
        $crate::__record!($direction $wit Evaluation = dsplan_policy::Evaluation {
            rule, kind, severity: into, daemon_set: option,
        });
        $crate::__record!($direction $wit Finding = dsplan_policy::Finding {
            rule, kind, severity: into, daemon_set: option, nodes, message, fix, location: option,
        });
        $crate::__record!($direction $wit Location = dsplan_policy::Location {
            file, line: option_count,
        });
        $crate::__enum!($direction $wit Severity = dsplan_policy::Severity { Error, Warning });
        $crate::__record!($direction $wit DaemonSetRef = dsplan_policy::DaemonSetRef {
            namespace, name,
        });
    };
}
