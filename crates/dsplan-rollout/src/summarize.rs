//! Turns one DaemonSet's [`World`] into its [`DaemonSetRollout`]: starting status and kubectl
//! line, resolved budgets, the simulated timeline, and the OnDelete summary.

use crate::budget::budget;
use crate::model::{Strategy, World};
use crate::report::{DaemonSetRollout, OnDeletePlan, RevisionReport};
use crate::status::{compute_status, rollout_status};
use crate::timeline::{simulate, RolloutOptions};
use dsplan_core::revision::ResolvedRevision;

/// Simulates `world` and reports it. `notes` are what reading the inputs found.
pub fn summarize(
    world: World,
    resolved: &ResolvedRevision,
    options: &RolloutOptions,
    mut notes: Vec<String>,
) -> DaemonSetRollout {
    notes.extend(resolved.notes.iter().cloned());
    // The first sync's status: expectations are satisfied, so observedGeneration = generation.
    let status = compute_status(&world, 0, world.ds.generation);
    let strategy = world.ds.strategy.type_name().to_owned();
    let line = rollout_status(&world.ds.name, &strategy, world.ds.generation, &status);
    let (max_unavailable, max_surge) = match (&world.ds.strategy, budget(&world)) {
        (Strategy::RollingUpdate(_), Ok(limits)) => {
            if limits.coerced {
                notes.push(format!(
                    "maxUnavailable and maxSurge both resolve to 0 for {} desired node(s): the controller uses maxUnavailable=1",
                    limits.desired
                ));
            }
            (Some(limits.max_unavailable), Some(limits.max_surge))
        }
        _ => (None, None),
    };
    let on_delete = (world.ds.strategy == Strategy::OnDelete).then(|| on_delete_plan(&world));
    let (namespace, name) = (world.ds.namespace.clone(), world.ds.name.clone());
    let timeline = simulate(world, options);
    DaemonSetRollout {
        namespace,
        name,
        strategy,
        max_unavailable,
        max_surge,
        revision: RevisionReport {
            hash: resolved.hash.clone(),
            generation: resolved.generation,
            source: resolved.source,
            number: resolved.number,
        },
        status,
        rollout_status: line.message,
        rollout_done: line.done,
        steps: timeline.steps,
        stuck: timeline.stuck,
        final_status: timeline.final_status,
        completed_at_seconds: timeline.completed_at_seconds,
        syncs: timeline.syncs,
        settled: timeline.settled,
        errors: timeline.errors,
        on_delete,
        notes,
    }
}

/// Nodes whose oldest pod is not updated: deleting it gets an updated one (R-OD1).
fn on_delete_plan(world: &World) -> OnDeletePlan {
    let by_node = world.pods_by_node();
    let replaced_when_deleted: Vec<String> = world
        .nodes
        .iter()
        .filter(|node| node.should_run)
        .filter(|node| {
            by_node
                .get(node.name.as_str())
                .and_then(|pods| pods.first())
                .is_some_and(|pod| !world.ds.revision.is_pod_updated(pod))
        })
        .map(|node| node.name.clone())
        .collect();
    OnDeletePlan {
        message: format!(
            "OnDelete: the controller replaces no pod by itself; {} pod(s) of an old revision are replaced by updated ones only when deleted (by a user, an eviction, or by failing)",
            replaced_when_deleted.len()
        ),
        replaced_when_deleted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{rolling, world};
    use dsplan_core::revision::RevisionSource;

    fn resolved() -> ResolvedRevision {
        ResolvedRevision {
            hash: "new".into(),
            generation: None,
            source: RevisionSource::DsplanHash,
            number: None,
            template_changed: true,
            notes: vec!["new revision".into()],
        }
    }

    #[test]
    fn reports_the_starting_line_and_the_finished_timeline() {
        let report = summarize(
            world(3, rolling(1, 0)),
            &resolved(),
            &RolloutOptions::default(),
            Vec::new(),
        );
        assert_eq!(
            report.rollout_status,
            "Waiting for daemon set \"ds\" rollout to finish: 0 out of 3 new pods have been updated...\n"
        );
        assert!(!report.rollout_done);
        assert_eq!(
            (report.max_unavailable, report.max_surge),
            (Some(1), Some(0))
        );
        assert_eq!(report.steps.len(), 6);
        assert_eq!(report.final_status.updated_number_scheduled, 3);
        assert_eq!(report.notes, ["new revision"]);
        assert!(report.on_delete.is_none());
    }

    #[test]
    fn on_delete_lists_what_would_change() {
        let report = summarize(
            world(2, Strategy::OnDelete),
            &resolved(),
            &RolloutOptions::default(),
            Vec::new(),
        );
        assert_eq!(
            report.rollout_status,
            "rollout status is only available for RollingUpdate strategy type"
        );
        let plan = report.on_delete.expect("OnDelete plan");
        assert_eq!(plan.replaced_when_deleted, ["node-0", "node-1"]);
        assert!(report.steps.is_empty());
    }

    #[test]
    fn both_zero_budgets_are_noted() {
        let report = summarize(
            world(2, rolling(0, 0)),
            &resolved(),
            &RolloutOptions::default(),
            Vec::new(),
        );
        assert_eq!(report.max_unavailable, Some(1));
        assert!(report
            .notes
            .iter()
            .any(|n| n.contains("the controller uses maxUnavailable=1")));
    }
}
