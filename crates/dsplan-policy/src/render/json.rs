//! `-o json`: the [`CheckReport`] wire contract, pretty-printed.

use crate::finding::CheckReport;

/// The report as JSON (camelCase fields), with a trailing newline.
pub fn render_json(report: &CheckReport) -> String {
    // Fields in declaration order, as every other front end (ABI, SDKs, browser) prints them.
    // Every field is a string, number, bool, null or list of them: serializing cannot fail.
    let text = serde_json::to_string_pretty(report).unwrap_or_default();
    format!("{text}\n")
}
