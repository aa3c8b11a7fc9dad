//! `-o text`: findings grouped by DaemonSet, then a one-line summary.

use std::fmt::Write as _;

use crate::finding::{CheckReport, DaemonSetRef};

/// The report for people.
pub fn render_text(report: &CheckReport) -> String {
    let mut out = String::new();
    let mut groups: Vec<Option<&DaemonSetRef>> = Vec::new();
    for finding in &report.findings {
        if !groups.contains(&finding.daemon_set.as_ref()) {
            groups.push(finding.daemon_set.as_ref());
        }
    }
    for group in groups {
        let title = group.map_or_else(
            || "DaemonSet families".to_owned(),
            |d| format!("DaemonSet {d}"),
        );
        let location = report
            .findings
            .iter()
            .find(|f| f.daemon_set.as_ref() == group)
            .and_then(|f| f.location.as_ref())
            .filter(|_| group.is_some())
            .map(|l| match l.line {
                Some(line) => format!(" ({}:{line})", l.file),
                None => format!(" ({})", l.file),
            })
            .unwrap_or_default();
        let _ = writeln!(out, "{title}{location}");
        for f in report
            .findings
            .iter()
            .filter(|f| f.daemon_set.as_ref() == group)
        {
            let _ = writeln!(out, "  {} [{}] {}", f.severity.as_str(), f.rule, f.message);
            let _ = writeln!(out, "    fix: {}", f.fix);
        }
        out.push('\n');
    }
    for note in &report.notes {
        let _ = writeln!(out, "note: {note}");
    }
    let passed = report
        .evaluations
        .iter()
        .filter(|e| !report.failed(e))
        .count();
    let _ = writeln!(
        out,
        "policy {}: {} checks, {passed} passed, {} errors, {} warnings",
        report.policy,
        report.evaluations.len(),
        report.errors(),
        report.warnings()
    );
    out
}
