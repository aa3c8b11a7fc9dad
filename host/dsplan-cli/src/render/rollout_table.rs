//! `dsplan rollout -o table`: the rollout of each DaemonSet as a plan a person signs off: the
//! strategy, where it starts, each step with its time, and where it gets stuck.

use super::style::{Style, Tone};
use dsplan_rollout::{DaemonSetRollout, RolloutReport};
use std::fmt::Write;

/// `95` → `1m35s`.
fn duration(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s}s"),
        s if s < 3600 => format!("{}m{:02}s", s / 60, s % 60),
        s => format!("{}h{:02}m", s / 3600, (s % 3600) / 60),
    }
}

fn list(nodes: &[String]) -> String {
    if nodes.is_empty() {
        "-".to_owned()
    } else {
        nodes.join(", ")
    }
}

fn budget(value: Option<i32>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

fn daemon_set(out: &mut String, ds: &DaemonSetRollout, style: Style) {
    let title = format!("DaemonSet {}/{}", ds.namespace, ds.name);
    let _ = writeln!(
        out,
        "{}  {} maxUnavailable={} maxSurge={}",
        style.paint(Tone::Bold, &title, 0),
        ds.strategy,
        budget(ds.max_unavailable),
        budget(ds.max_surge),
    );
    let s = &ds.status;
    let _ = writeln!(
        out,
        "now: desired {}, current {}, updated {}, ready {}, available {}, misscheduled {}",
        s.desired_number_scheduled,
        s.current_number_scheduled,
        s.updated_number_scheduled,
        s.number_ready,
        s.number_available,
        s.number_misscheduled,
    );
    let _ = writeln!(out, "kubectl rollout status: {}", ds.rollout_status);
    for note in ds.notes.iter().chain(&ds.errors) {
        let _ = writeln!(out, "note: {note}");
    }
    if let Some(on_delete) = &ds.on_delete {
        let _ = writeln!(out, "{}", on_delete.message);
        if !on_delete.replaced_when_deleted.is_empty() {
            let _ = writeln!(
                out,
                "replaced when their pod is deleted: {}",
                on_delete.replaced_when_deleted.join(", ")
            );
        }
    }
    // Node columns are as wide as their longest entry (at least 30), so long names stay aligned.
    let rows: Vec<(String, String)> = ds
        .steps
        .iter()
        .map(|step| (list(&step.delete), list(&step.create)))
        .collect();
    let width = |column: fn(&(String, String)) -> &String| {
        rows.iter()
            .map(|row| column(row).chars().count())
            .fold(30, usize::max)
    };
    let (delete_width, create_width) = (width(|row| &row.0), width(|row| &row.1));
    if !ds.steps.is_empty() {
        let _ = writeln!(
            out,
            "{:>4}  {:>7}  {:<delete_width$}  {:<create_width$}  {:>11}  {:>5}",
            "STEP", "AT", "DELETE ON", "CREATE ON", "UNAVAILABLE", "SURGE"
        );
    }
    for (step, (delete, create)) in ds.steps.iter().zip(&rows) {
        let _ = writeln!(
            out,
            "{:>4}  {:>7}  {delete:<delete_width$}  {create:<create_width$}  {:>11}  {:>5}",
            step.index,
            duration(step.at_seconds),
            step.unavailable,
            step.surge
        );
    }
    for stuck in &ds.stuck {
        let line = format!("stuck on {}: {}", stuck.node, stuck.reason);
        let _ = writeln!(out, "{}", style.paint(Tone::Bad, &line, 0));
    }
    let verdict = match (ds.completed_at_seconds, ds.stuck.is_empty()) {
        (Some(at), true) => (
            format!(
                "completes after {} in {} step(s)",
                duration(at),
                ds.steps.len()
            ),
            Tone::Good,
        ),
        (_, false) => (
            format!("does not complete: {} node(s) stuck", ds.stuck.len()),
            Tone::Bad,
        ),
        (None, true) if ds.steps.is_empty() => ("nothing to roll out".to_owned(), Tone::Dim),
        (None, true) => ("does not complete".to_owned(), Tone::Warn),
    };
    let _ = writeln!(out, "{}", style.paint(verdict.1, &verdict.0, 0));
}

/// Renders the whole report.
pub fn render(report: &RolloutReport, style: Style) -> String {
    let mut out = String::new();
    for note in &report.notes {
        let _ = writeln!(out, "note: {note}");
    }
    for (i, ds) in report.daemon_sets.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        daemon_set(&mut out, ds, style);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(45), "45s");
        assert_eq!(duration(95), "1m35s");
        assert_eq!(duration(7260), "2h01m");
    }
}
