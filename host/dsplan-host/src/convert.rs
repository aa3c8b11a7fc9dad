//! Conversions between the engine's Rust types and the WIT types of `bindings`: inputs and
//! options into the component, reports and errors out of it. Field for field; no logic.

use crate::bindings::wit;
use crate::Error;
use dsplan_core::report;
use dsplan_model::InputError;

/// Engine inputs as WIT documents (copies the text, as lowering into the guest would anyway).
pub(crate) fn documents(inputs: &[dsplan_engine::Input<'_>]) -> Vec<wit::Document> {
    inputs
        .iter()
        .map(|input| wit::Document {
            name: input.name.to_owned(),
            text: input.text.to_owned(),
            role: match input.role {
                dsplan_engine::Role::Snapshot => wit::Role::Snapshot,
                dsplan_engine::Role::Proposed => wit::Role::Proposed,
            },
        })
        .collect()
}

/// Engine options as WIT options, gates in the order given.
pub(crate) fn options(options: &dsplan_engine::Options) -> wit::Options {
    wit::Options {
        feature_gates: options
            .feature_gates
            .iter()
            .map(|(name, enabled)| wit::FeatureGate {
                name: name.clone(),
                enabled: *enabled,
            })
            .collect(),
    }
}

/// A WIT `u32` position or index as the engine's `usize` (lossless on 32- and 64-bit hosts).
fn usize_of(value: u32) -> usize {
    value as usize
}

impl From<wit::Error> for Error {
    fn from(error: wit::Error) -> Self {
        match error {
            wit::Error::InvalidInput(e) => Error::Input(InputError {
                file: e.file,
                document: e.document.map(usize_of),
                object: e.object,
                path: e.path,
                line: e.line.map(usize_of),
                column: e.column.map(usize_of),
                message: e.message,
            }),
            wit::Error::InvalidOption(message) => Error::InvalidOption(message),
            wit::Error::Other(info) => Error::Other {
                code: info.code,
                message: info.message,
            },
        }
    }
}

impl From<wit::VersionInfo> for dsplan_engine::VersionInfo {
    fn from(v: wit::VersionInfo) -> Self {
        Self {
            dsplan: v.dsplan,
            kubernetes: v.kubernetes,
            feature_gates: v.feature_gates,
        }
    }
}

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
