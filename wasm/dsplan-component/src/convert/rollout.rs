//! The rollout report (`dsplan_rollout::report`) as its WIT records, field for field.

use super::u32_of;
use crate::exports::dsplan::planner::planner as wit;
use dsplan_rollout::revision::RevisionSource;

impl From<dsplan_rollout::RolloutReport> for wit::RolloutReport {
    fn from(r: dsplan_rollout::RolloutReport) -> Self {
        Self {
            daemon_sets: r.daemon_sets.into_iter().map(Into::into).collect(),
            notes: r.notes,
        }
    }
}

impl From<dsplan_rollout::DaemonSetRollout> for wit::DaemonSetRollout {
    fn from(d: dsplan_rollout::DaemonSetRollout) -> Self {
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
            syncs: u32_of(d.syncs),
            settled: d.settled,
            errors: d.errors,
            on_delete: d.on_delete.map(|plan| wit::OnDeletePlan {
                message: plan.message,
                replaced_when_deleted: plan.replaced_when_deleted,
            }),
            notes: d.notes,
        }
    }
}

impl From<dsplan_rollout::RevisionReport> for wit::RevisionReport {
    fn from(r: dsplan_rollout::RevisionReport) -> Self {
        Self {
            hash: r.hash,
            generation: r.generation,
            source: match r.source {
                RevisionSource::ControllerRevision => wit::RevisionSource::ControllerRevision,
                RevisionSource::DsplanHash => wit::RevisionSource::DsplanHash,
                RevisionSource::PodLabels => wit::RevisionSource::PodLabels,
                RevisionSource::GenerationOnly => wit::RevisionSource::GenerationOnly,
            },
            number: r.number,
        }
    }
}

impl From<dsplan_rollout::DaemonSetStatus> for wit::DaemonSetStatus {
    fn from(s: dsplan_rollout::DaemonSetStatus) -> Self {
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

impl From<dsplan_rollout::Step> for wit::Step {
    fn from(s: dsplan_rollout::Step) -> Self {
        Self {
            index: u32_of(s.index),
            at_seconds: s.at_seconds,
            create: s.create,
            delete: s.delete,
            unavailable: s.unavailable,
            surge: s.surge,
        }
    }
}

impl From<dsplan_rollout::Stuck> for wit::Stuck {
    fn from(s: dsplan_rollout::Stuck) -> Self {
        Self {
            node: s.node,
            reason: s.reason,
        }
    }
}
