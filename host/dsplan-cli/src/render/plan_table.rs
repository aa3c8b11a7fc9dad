//! `dsplan plan -o table`: one row per node with the decision and the reason, then a summary.

use super::style::{Style, Tone};
use dsplan_core::{Action, DaemonSetPlan, NodePlan, PlanReport};
use std::fmt::Write;

/// What a person should read for a node, in one word or two.
fn verdict(node: &NodePlan) -> (&'static str, Tone) {
    match (node.should_run, node.schedulable, node.action) {
        (_, _, Action::Delete) if !node.should_continue_running => ("evicted", Tone::Bad),
        (true, Some(false), _) => ("pending", Tone::Warn),
        (true, _, _) => ("runs", Tone::Good),
        (false, _, Action::Keep | Action::Delete) => ("misscheduled", Tone::Warn),
        (false, _, _) => ("won't run", Tone::Dim),
    }
}

fn action_word(action: Action) -> &'static str {
    match action {
        Action::Create => "create",
        Action::Delete => "delete",
        Action::Keep => "keep",
        Action::None => "-",
    }
}

fn reason(node: &NodePlan) -> String {
    let mut text = node.reasons.join(", ");
    let details: Vec<String> = node.details.iter().map(ToString::to_string).collect();
    if !details.is_empty() {
        if !text.is_empty() {
            text.push_str(" — ");
        }
        text.push_str(&details.join("; "));
    }
    if !node.delete_pods.is_empty() {
        if !text.is_empty() {
            text.push_str(" — ");
        }
        let _ = write!(text, "deletes {}", node.delete_pods.join(", "));
    }
    text
}

fn daemon_set(out: &mut String, plan: &DaemonSetPlan, style: Style) {
    let title = format!("DaemonSet {}/{}", plan.namespace, plan.name);
    let _ = writeln!(out, "{}", style.paint(Tone::Bold, &title, 0));
    for event in &plan.events {
        let _ = writeln!(out, "  {}: {}", event.reason, event.message);
    }
    let width = plan
        .nodes
        .iter()
        .map(|n| n.node.len())
        .max()
        .unwrap_or(0)
        .max(4);
    let _ = writeln!(
        out,
        "{:<width$}  {:<12}  {:<6}  REASON",
        "NODE", "DECISION", "ACTION"
    );
    let (mut runs, mut pending, mut misscheduled, mut not) = (0, 0, 0, 0);
    for node in &plan.nodes {
        let (word, tone) = verdict(node);
        match word {
            "runs" => runs += 1,
            "pending" => pending += 1,
            "misscheduled" => misscheduled += 1,
            _ => not += 1,
        }
        let line = format!(
            "{:<width$}  {}  {:<6}  {}",
            node.node,
            style.paint(tone, word, 12),
            action_word(node.action),
            reason(node)
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for pod in &plan.delete_pods_without_node {
        let _ = writeln!(
            out,
            "  deletes {pod}: unscheduled pod for a node not in the snapshot"
        );
    }
    let s = &plan.summary;
    let _ = writeln!(
        out,
        "{} nodes: {runs} run, {pending} pending, {misscheduled} misscheduled, {not} without a pod · this sync: {} create, {} delete · \
         desired {}, current {}, misscheduled {}, ready {}, available {}, updated {}, unavailable {}",
        s.nodes,
        s.creates,
        s.deletes,
        s.desired_number_scheduled,
        s.current_number_scheduled,
        s.number_misscheduled,
        s.number_ready,
        s.number_available,
        s.updated_number_scheduled,
        s.number_unavailable,
    );
}

/// Renders the whole report.
pub fn render(report: &PlanReport, style: Style) -> String {
    let mut out = String::new();
    for note in &report.notes {
        let _ = writeln!(out, "note: {note}");
    }
    if report.daemon_sets.is_empty() {
        out.push_str("no DaemonSets found: pass one with --daemonset FILE\n");
    }
    for (i, plan) in report.daemon_sets.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        daemon_set(&mut out, plan, style);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_core::{ControllerDecision, Detail, PlanSummary};

    fn node(name: &str, should_run: bool, schedulable: Option<bool>, action: Action) -> NodePlan {
        NodePlan {
            node: name.into(),
            should_run,
            should_continue_running: should_run,
            controller_decision: ControllerDecision::Run,
            schedulable,
            reasons: vec![],
            action,
            creates: u32::from(action == Action::Create),
            delete_pods: vec![],
            pods: vec![],
            details: vec![],
            events: vec![],
        }
    }

    #[test]
    fn shows_decision_and_reason_per_node() {
        let mut pending = node("worker-2", true, Some(false), Action::Create);
        pending.reasons = vec!["Insufficient cpu".into()];
        pending.details = vec![Detail::InsufficientResource {
            resource: "cpu".into(),
            requested: 200,
            used: 3900,
            allocatable: 4000,
        }];
        let report = PlanReport {
            daemon_sets: vec![DaemonSetPlan {
                namespace: "kube-system".into(),
                name: "agent".into(),
                summary: PlanSummary {
                    nodes: 2,
                    creates: 2,
                    ..PlanSummary::default()
                },
                nodes: vec![node("worker-1", true, Some(true), Action::Create), pending],
                delete_pods_without_node: vec![],
                events: vec![],
            }],
            notes: vec![],
        };
        let text = render(&report, Style::plain());
        assert!(text.contains("DaemonSet kube-system/agent"), "{text}");
        assert!(text.contains("worker-1  runs          create"), "{text}");
        assert!(
            text.contains(
                "worker-2  pending       create  Insufficient cpu — cpu: requests 200m, free 100m of 4000m allocatable"
            ),
            "{text}"
        );
        assert!(
            text.contains("2 nodes: 1 run, 1 pending, 0 misscheduled, 0 without a pod"),
            "{text}"
        );
    }
}
