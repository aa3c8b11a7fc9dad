//! The plan report (`dsplan_core::report`) as its WIT records, field for field.

use crate::exports::dsplan::planner::planner as wit;
use dsplan_core::report;

impl From<report::PlanReport> for wit::PlanReport {
    fn from(r: report::PlanReport) -> Self {
        Self {
            daemon_sets: r.daemon_sets.into_iter().map(Into::into).collect(),
            notes: r.notes,
        }
    }
}

impl From<report::DaemonSetPlan> for wit::DaemonSetPlan {
    fn from(d: report::DaemonSetPlan) -> Self {
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

impl From<report::PlanSummary> for wit::PlanSummary {
    fn from(s: report::PlanSummary) -> Self {
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

impl From<report::NodePlan> for wit::NodePlan {
    fn from(n: report::NodePlan) -> Self {
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

impl From<report::ControllerDecision> for wit::ControllerDecision {
    fn from(d: report::ControllerDecision) -> Self {
        match d {
            report::ControllerDecision::Run => Self::Run,
            report::ControllerDecision::NodeNameMismatch => Self::NodeNameMismatch,
            report::ControllerDecision::NodeAffinityMismatch => Self::NodeAffinityMismatch,
            report::ControllerDecision::UntoleratedNoExecuteTaint => {
                Self::UntoleratedNoExecuteTaint
            }
            report::ControllerDecision::UntoleratedNoScheduleTaint => {
                Self::UntoleratedNoScheduleTaint
            }
        }
    }
}

impl From<report::Action> for wit::Action {
    fn from(a: report::Action) -> Self {
        match a {
            report::Action::Create => Self::Create,
            report::Action::Delete => Self::Delete,
            report::Action::Keep => Self::Keep,
            report::Action::None => Self::None,
        }
    }
}

impl From<report::Event> for wit::Event {
    fn from(e: report::Event) -> Self {
        Self {
            event_type: match e.event_type {
                report::EventType::Normal => wit::EventType::Normal,
                report::EventType::Warning => wit::EventType::Warning,
            },
            reason: e.reason,
            message: e.message,
        }
    }
}

impl From<report::Detail> for wit::Detail {
    fn from(d: report::Detail) -> Self {
        match d {
            report::Detail::NodeNameMismatch { wanted } => {
                Self::NodeNameMismatch(wit::NodeNameMismatch { wanted })
            }
            report::Detail::NodeSelectorMismatch { key, want, have } => {
                Self::NodeSelectorMismatch(wit::NodeSelectorMismatch { key, want, have })
            }
            report::Detail::NodeAffinityTermsMismatch { terms, invalid } => {
                Self::NodeAffinityTermsMismatch(wit::NodeAffinityTermsMismatch { terms, invalid })
            }
            report::Detail::UntoleratedTaint { key, value, effect } => {
                Self::UntoleratedTaint(wit::UntoleratedTaint { key, value, effect })
            }
            report::Detail::TooManyPods { pods, allowed } => {
                Self::TooManyPods(wit::TooManyPods { pods, allowed })
            }
            report::Detail::InsufficientResource {
                resource,
                requested,
                used,
                allocatable,
            } => Self::InsufficientResource(wit::InsufficientResource {
                resource,
                requested,
                used,
                allocatable,
            }),
            report::Detail::HostPortConflict {
                protocol,
                host_ip,
                port,
                used_by,
            } => Self::HostPortConflict(wit::HostPortConflict {
                protocol,
                host_ip,
                port,
                used_by,
            }),
        }
    }
}
