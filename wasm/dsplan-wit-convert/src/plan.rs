//! The plan report's field lists (`dsplan_core::report`).

/// `From` impls between the plan report's WIT types and `dsplan_core::report`, in the
/// direction given: `plan_report!(from wit)` or `plan_report!(into wit)`.
#[macro_export]
macro_rules! plan_report {
    ($direction:ident $wit:ident) => {
        $crate::__record!($direction $wit PlanReport = dsplan_core::report::PlanReport {
            daemon_sets: each, notes,
        });
        $crate::__record!($direction $wit DaemonSetPlan = dsplan_core::report::DaemonSetPlan {
            namespace, name, summary: into, nodes: each, delete_pods_without_node, events: each,
        });
        $crate::__record!($direction $wit PlanSummary = dsplan_core::report::PlanSummary {
            nodes, desired_number_scheduled, current_number_scheduled, number_misscheduled,
            number_ready, number_available, updated_number_scheduled, number_unavailable, creates,
            deletes, pending,
        });
        $crate::__record!($direction $wit NodePlan = dsplan_core::report::NodePlan {
            node, should_run, should_continue_running, controller_decision: into, schedulable,
            reasons, action: into, creates, delete_pods, pods, details: each, events: each,
        });
        $crate::__enum!(
            $direction $wit ControllerDecision = dsplan_core::report::ControllerDecision {
                Run, NodeNameMismatch, NodeAffinityMismatch, UntoleratedNoExecuteTaint,
                UntoleratedNoScheduleTaint,
            }
        );
        $crate::__enum!($direction $wit Action = dsplan_core::report::Action {
            Create, Delete, Keep, None,
        });
        $crate::__record!($direction $wit Event = dsplan_core::report::Event {
            event_type: into, reason, message,
        });
        $crate::__enum!($direction $wit EventType = dsplan_core::report::EventType {
            Normal, Warning,
        });
        $crate::__variant!($direction $wit Detail = dsplan_core::report::Detail {
            NodeNameMismatch { wanted },
            NodeSelectorMismatch { key, want, have },
            NodeAffinityTermsMismatch { terms, invalid },
            UntoleratedTaint { key, value, effect },
            TooManyPods { pods, allowed },
            InsufficientResource { resource, requested, used, allocatable },
            HostPortConflict { protocol, host_ip, port, used_by },
        });
    };
}
