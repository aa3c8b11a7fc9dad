//! The plan report's WIT records back as `dsplan_core::report` types, field for field.

use crate::bindings::wit;
use dsplan_core::report;

impl From<wit::PlanReport> for report::PlanReport {
    fn from(r: wit::PlanReport) -> Self {
        Self {
            daemon_sets: r.daemon_sets.into_iter().map(Into::into).collect(),
            notes: r.notes,
        }
    }
}

impl From<wit::DaemonSetPlan> for report::DaemonSetPlan {
    fn from(d: wit::DaemonSetPlan) -> Self {
        Self {
            namespace: d.namespace,
            name: d.name,
            summary: d.summary.into(),
            nodes: d.nodes.into_iter().map(Into::into).collect(),
            delete_pods_without_node: d.delete_pods_without_node,
            events: d.events.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<wit::PlanSummary> for report::PlanSummary {
    fn from(s: wit::PlanSummary) -> Self {
        Self {
            nodes: s.nodes,
            desired_number_scheduled: s.desired_number_scheduled,
            current_number_scheduled: s.current_number_scheduled,
            number_misscheduled: s.number_misscheduled,
            number_ready: s.number_ready,
            number_available: s.number_available,
            updated_number_scheduled: s.updated_number_scheduled,
            number_unavailable: s.number_unavailable,
            creates: s.creates,
            deletes: s.deletes,
            pending: s.pending,
        }
    }
}

impl From<wit::NodePlan> for report::NodePlan {
    fn from(n: wit::NodePlan) -> Self {
        Self {
            node: n.node,
            should_run: n.should_run,
            should_continue_running: n.should_continue_running,
            controller_decision: n.controller_decision.into(),
            schedulable: n.schedulable,
            reasons: n.reasons,
            action: n.action.into(),
            creates: n.creates,
            delete_pods: n.delete_pods,
            pods: n.pods,
            details: n.details.into_iter().map(Into::into).collect(),
            events: n.events.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<wit::ControllerDecision> for report::ControllerDecision {
    fn from(d: wit::ControllerDecision) -> Self {
        match d {
            wit::ControllerDecision::Run => Self::Run,
            wit::ControllerDecision::NodeNameMismatch => Self::NodeNameMismatch,
            wit::ControllerDecision::NodeAffinityMismatch => Self::NodeAffinityMismatch,
            wit::ControllerDecision::UntoleratedNoExecuteTaint => Self::UntoleratedNoExecuteTaint,
            wit::ControllerDecision::UntoleratedNoScheduleTaint => Self::UntoleratedNoScheduleTaint,
        }
    }
}

impl From<wit::Action> for report::Action {
    fn from(a: wit::Action) -> Self {
        match a {
            wit::Action::Create => Self::Create,
            wit::Action::Delete => Self::Delete,
            wit::Action::Keep => Self::Keep,
            wit::Action::None => Self::None,
        }
    }
}

impl From<wit::Event> for report::Event {
    fn from(e: wit::Event) -> Self {
        Self {
            event_type: match e.event_type {
                wit::EventType::Normal => report::EventType::Normal,
                wit::EventType::Warning => report::EventType::Warning,
            },
            reason: e.reason,
            message: e.message,
        }
    }
}

impl From<wit::Detail> for report::Detail {
    fn from(d: wit::Detail) -> Self {
        match d {
            wit::Detail::NodeNameMismatch(d) => Self::NodeNameMismatch { wanted: d.wanted },
            wit::Detail::NodeSelectorMismatch(d) => Self::NodeSelectorMismatch {
                key: d.key,
                want: d.want,
                have: d.have,
            },
            wit::Detail::NodeAffinityTermsMismatch(d) => Self::NodeAffinityTermsMismatch {
                terms: d.terms,
                invalid: d.invalid,
            },
            wit::Detail::UntoleratedTaint(d) => Self::UntoleratedTaint {
                key: d.key,
                value: d.value,
                effect: d.effect,
            },
            wit::Detail::TooManyPods(d) => Self::TooManyPods {
                pods: d.pods,
                allowed: d.allowed,
            },
            wit::Detail::InsufficientResource(d) => Self::InsufficientResource {
                resource: d.resource,
                requested: d.requested,
                used: d.used,
                allocatable: d.allocatable,
            },
            wit::Detail::HostPortConflict(d) => Self::HostPortConflict {
                protocol: d.protocol,
                host_ip: d.host_ip,
                port: d.port,
                used_by: d.used_by,
            },
        }
    }
}
