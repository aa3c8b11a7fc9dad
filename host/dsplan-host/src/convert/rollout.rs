//! The rollout report's WIT records back as `dsplan_rollout` types, field for field.

use super::usize_of;
use crate::bindings::wit;
use dsplan_rollout::revision::RevisionSource;

impl From<wit::RolloutReport> for dsplan_rollout::RolloutReport {
    fn from(r: wit::RolloutReport) -> Self {
        Self {
            daemon_sets: r.daemon_sets.into_iter().map(Into::into).collect(),
            notes: r.notes,
        }
    }
}

impl From<wit::DaemonSetRollout> for dsplan_rollout::DaemonSetRollout {
    fn from(d: wit::DaemonSetRollout) -> Self {
        Self {
            namespace: d.namespace,
            name: d.name,
            strategy: d.strategy,
            max_unavailable: d.max_unavailable,
            max_surge: d.max_surge,
            revision: d.revision.into(),
            status: d.status.into(),
            rollout_status: d.rollout_status,
            rollout_done: d.rollout_done,
            steps: d.steps.into_iter().map(Into::into).collect(),
            stuck: d.stuck.into_iter().map(Into::into).collect(),
            final_status: d.final_status.into(),
            completed_at_seconds: d.completed_at_seconds,
            syncs: usize_of(d.syncs),
            settled: d.settled,
            errors: d.errors,
            on_delete: d.on_delete.map(|plan| dsplan_rollout::OnDeletePlan {
                message: plan.message,
                replaced_when_deleted: plan.replaced_when_deleted,
            }),
            notes: d.notes,
        }
    }
}

impl From<wit::RevisionReport> for dsplan_rollout::RevisionReport {
    fn from(r: wit::RevisionReport) -> Self {
        Self {
            hash: r.hash,
            generation: r.generation,
            source: match r.source {
                wit::RevisionSource::ControllerRevision => RevisionSource::ControllerRevision,
                wit::RevisionSource::DsplanHash => RevisionSource::DsplanHash,
                wit::RevisionSource::PodLabels => RevisionSource::PodLabels,
                wit::RevisionSource::GenerationOnly => RevisionSource::GenerationOnly,
            },
            number: r.number,
        }
    }
}

impl From<wit::DaemonSetStatus> for dsplan_rollout::DaemonSetStatus {
    fn from(s: wit::DaemonSetStatus) -> Self {
        Self {
            desired_number_scheduled: s.desired_number_scheduled,
            current_number_scheduled: s.current_number_scheduled,
            number_misscheduled: s.number_misscheduled,
            number_ready: s.number_ready,
            updated_number_scheduled: s.updated_number_scheduled,
            number_available: s.number_available,
            number_unavailable: s.number_unavailable,
            observed_generation: s.observed_generation,
        }
    }
}

impl From<wit::Step> for dsplan_rollout::Step {
    fn from(s: wit::Step) -> Self {
        Self {
            index: usize_of(s.index),
            at_seconds: s.at_seconds,
            create: s.create,
            delete: s.delete,
            unavailable: s.unavailable,
            surge: s.surge,
        }
    }
}

impl From<wit::Stuck> for dsplan_rollout::Stuck {
    fn from(s: wit::Stuck) -> Self {
        Self {
            node: s.node,
            reason: s.reason,
        }
    }
}
