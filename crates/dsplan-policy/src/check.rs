//! [`check`]: every rule of a policy against every DaemonSet of a plan.

use dsplan_core::PlanReport;
use dsplan_model::{FeatureGates, Snapshot};

use crate::context::{Context, Target};
use crate::finding::{CheckReport, Evaluation, Finding};
use crate::policy::Policy;
use crate::rollout_input::RolloutInput;
use crate::rule::{Check, Rule};
use crate::rules::{family, headroom, hygiene, overlap, placement, rollout, Issue};

/// Evaluates `policy` on `plan`, the plan of `snapshot` under `gates` (the same gates, which
/// the `fit` headroom arithmetic uses too). `rollout` is the rollout simulation, when the
/// caller ran one (`RolloutInput::from(&dsplan_rollout::rollout(..))`); without it, the
/// `rollout` rule checks only what the DaemonSet declares (budget, surge with host ports) and
/// says so in a note.
pub fn check(
    snapshot: &Snapshot,
    plan: &PlanReport,
    rollout: Option<&RolloutInput>,
    policy: &Policy,
    gates: &FeatureGates,
) -> CheckReport {
    let ctx = Context::new(snapshot, plan);
    let mut report = CheckReport {
        policy: policy.name.clone(),
        evaluations: Vec::new(),
        findings: Vec::new(),
        notes: Vec::new(),
    };
    for rule in &policy.rules {
        if let Check::Family { members, nodes } = &rule.check {
            let members: Vec<&Target<'_>> = family::members(&ctx, members)
                .into_iter()
                .filter(|t| rule.applies(&t.reference.namespace, &t.reference.name, t.labels()))
                .collect();
            report.evaluations.push(evaluation(rule, None));
            for member in &members {
                report.evaluations.push(evaluation(rule, Some(member)));
            }
            for (daemon_set, issue) in family::family(&ctx, &members, nodes.as_ref()) {
                let target = members
                    .iter()
                    .find(|t| Some(&t.reference) == daemon_set.as_ref())
                    .or_else(|| members.first());
                let mut finding = finding(rule, target.copied(), issue);
                finding.daemon_set = daemon_set;
                report.findings.push(finding);
            }
            continue;
        }
        if let Check::Rollout(limits) = &rule.check {
            if rollout.is_none()
                && (limits.max_waves.is_some()
                    || limits.max_minutes.is_some()
                    || limits.forbid_stuck_nodes)
            {
                report.notes.push(format!(
                    "rule {}: waves, duration, peak unavailability and stuck nodes were not checked: no rollout simulation was given",
                    rule.id
                ));
            }
        }
        for target in ctx
            .targets
            .iter()
            .filter(|t| rule.applies(&t.reference.namespace, &t.reference.name, t.labels()))
        {
            report.evaluations.push(evaluation(rule, Some(target)));
            let issues = evaluate(&ctx, rule, target, rollout, gates);
            report
                .findings
                .extend(issues.into_iter().map(|i| finding(rule, Some(target), i)));
        }
    }
    report
}

fn evaluate(
    ctx: &Context<'_>,
    rule: &Rule,
    target: &Target<'_>,
    rollout_input: Option<&RolloutInput>,
    gates: &FeatureGates,
) -> Vec<Issue> {
    match &rule.check {
        Check::Coverage { nodes } => placement::coverage(ctx, target, nodes.as_ref()),
        Check::Avoid { nodes } => placement::avoid(ctx, target, nodes),
        Check::Fit {
            min_headroom_percent,
            resources,
        } => {
            let mut issues = placement::fits(target);
            if let Some(percent) = min_headroom_percent {
                issues.extend(headroom::headroom(ctx, target, *percent, resources, gates));
            }
            issues
        }
        Check::Rollout(limits) => {
            let facts = rollout_input
                .and_then(|r| r.find(&target.reference.namespace, &target.reference.name));
            rollout::rollout(target, limits, facts)
        }
        Check::Requests { resources } => hygiene::requests(target, resources),
        Check::PriorityClass { allowed } => hygiene::priority_class(target, allowed),
        Check::Tolerations => hygiene::tolerations(ctx, target),
        Check::SelectorOverlap => overlap::selector_overlap(ctx, target),
        Check::ApiVersion => overlap::api_version(ctx, target),
        // Family rules are evaluated over all members at once, in `check`.
        Check::Family { .. } => Vec::new(),
    }
}

fn evaluation(rule: &Rule, target: Option<&Target<'_>>) -> Evaluation {
    Evaluation {
        rule: rule.id.clone(),
        kind: rule.check.kind().to_owned(),
        severity: rule.severity,
        daemon_set: target.map(|t| t.reference.clone()),
    }
}

fn finding(rule: &Rule, target: Option<&Target<'_>>, issue: Issue) -> Finding {
    Finding {
        rule: rule.id.clone(),
        kind: rule.check.kind().to_owned(),
        severity: rule.severity,
        daemon_set: target.map(|t| t.reference.clone()),
        nodes: issue.nodes,
        message: issue.message,
        fix: issue.fix,
        location: target.and_then(Target::location),
    }
}
