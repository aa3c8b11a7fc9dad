//! `-o json`: the [`CheckReport`] wire contract, pretty-printed.

use crate::finding::CheckReport;

/// The report as JSON (camelCase fields), with a trailing newline.
pub fn render_json(report: &CheckReport) -> String {
    // Every field is a string, number, bool, null or list of them: serializing cannot fail.
    let value = serde_json::to_value(report).unwrap_or_default();
    format!("{value:#}\n")
}
