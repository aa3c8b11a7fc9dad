//! `-o junit`: JUnit XML. One `<testsuite>` per rule, one `<testcase>` per rule × DaemonSet
//! (classname = rule id, name = `namespace/name`, or `family` for a family as a whole); error
//! findings are `<failure>`s, warning findings go to `<system-out>` and do not fail the case.

use std::fmt::Write as _;

use crate::finding::{CheckReport, Evaluation};
use crate::rule::Severity;

/// The report as JUnit XML.
pub fn render_junit(report: &CheckReport) -> String {
    let failing = |e: &Evaluation| {
        report
            .findings_for(e)
            .any(|f| f.severity == Severity::Error)
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total_failures = report.evaluations.iter().filter(|e| failing(e)).count();
    let _ = writeln!(
        out,
        "<testsuites name=\"dsplan check {}\" tests=\"{}\" failures=\"{total_failures}\">",
        xml(&report.policy),
        report.evaluations.len()
    );
    let mut rules: Vec<&str> = Vec::new();
    for e in &report.evaluations {
        if !rules.contains(&e.rule.as_str()) {
            rules.push(&e.rule);
        }
    }
    for rule in rules {
        let cases: Vec<&Evaluation> = report
            .evaluations
            .iter()
            .filter(|e| e.rule == rule)
            .collect();
        let failures = cases.iter().filter(|e| failing(e)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\">",
            xml(rule),
            cases.len()
        );
        for case in cases {
            let name = case
                .daemon_set
                .as_ref()
                .map_or_else(|| "family".to_owned(), ToString::to_string);
            let _ = write!(
                out,
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml(rule),
                xml(&name)
            );
            let findings: Vec<_> = report.findings_for(case).collect();
            if findings.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            for f in findings.iter().filter(|f| f.severity == Severity::Error) {
                let _ = writeln!(
                    out,
                    "      <failure type=\"{}\" message=\"{}\">{}\nfix: {}</failure>",
                    xml(&f.kind),
                    xml(&f.message),
                    xml(&f.message),
                    xml(&f.fix)
                );
            }
            let warnings: Vec<String> = findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .map(|f| format!("warning: {}\nfix: {}", f.message, f.fix))
                .collect();
            if !warnings.is_empty() {
                let _ = writeln!(
                    out,
                    "      <system-out>{}</system-out>",
                    xml(&warnings.join("\n"))
                );
            }
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes text for an XML attribute or element.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}
