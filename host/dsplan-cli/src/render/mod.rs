//! Human-readable renderings of reports (the `-o table` default).

pub mod diff_table;
pub mod plan_table;
pub mod rollout_table;
pub mod style;

/// `dsplan validate` as text: one line per object, then its errors.
pub fn validate_text(report: &dsplan_engine::ValidationReport) -> String {
    let mut out = String::new();
    for object in &report.objects {
        let verdict = if object.valid { "valid" } else { "invalid" };
        out.push_str(&format!(
            "{} {}/{} ({}): {verdict}\n",
            object.kind, object.namespace, object.name, object.file
        ));
        for error in &object.errors {
            out.push_str(&format!("  {error}\n"));
        }
    }
    if report.objects.is_empty() {
        out.push_str("no DaemonSets found\n");
    }
    out
}
