//! The rollout report's field lists (`dsplan_rollout`).

/// `From` impls between the rollout report's WIT types and `dsplan_rollout`, in the direction
/// given: `rollout_report!(from wit)` or `rollout_report!(into wit)`.
#[macro_export]
macro_rules! rollout_report {
    ($direction:ident $wit:ident) => {
        $crate::__record!($direction $wit RolloutReport = dsplan_rollout::RolloutReport {
            daemon_sets: each, notes,
        });
        $crate::__record!($direction $wit DaemonSetRollout = dsplan_rollout::DaemonSetRollout {
            namespace, name, strategy, max_unavailable, max_surge, revision: into, status: into,
            rollout_status, rollout_done, steps: each, stuck: each, final_status: into,
            completed_at_seconds, syncs: count, settled, errors, on_delete: option, notes,
        });
        $crate::__record!($direction $wit OnDeletePlan = dsplan_rollout::OnDeletePlan {
            message, replaced_when_deleted,
        });
        $crate::__record!($direction $wit RevisionReport = dsplan_rollout::RevisionReport {
            hash, generation, source: into, number,
        });
        $crate::__enum!($direction $wit RevisionSource = dsplan_rollout::revision::RevisionSource {
            ControllerRevision, DsplanHash, PodLabels, GenerationOnly,
        });
        $crate::__record!($direction $wit DaemonSetStatus = dsplan_rollout::DaemonSetStatus {
            desired_number_scheduled, current_number_scheduled, number_misscheduled, number_ready,
            updated_number_scheduled, number_available, number_unavailable, observed_generation,
        });
        $crate::__record!($direction $wit Step = dsplan_rollout::Step {
            index: count, at_seconds, create, delete, unavailable, surge,
        });
        $crate::__record!($direction $wit Stuck = dsplan_rollout::Stuck { node, reason });
    };
}
