//! `-o sarif`: SARIF 2.1.0 (OASIS) for code scanning. One run; `tool.driver.rules` lists every
//! rule evaluated; each finding is a result at the DaemonSet's manifest file and line.

use serde_json::{json, Value};

use crate::finding::CheckReport;

/// The `$schema` of the log.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The report as a SARIF 2.1.0 log.
pub fn render_sarif(report: &CheckReport) -> String {
    let mut rules: Vec<(&str, &str, &str)> = Vec::new();
    for e in &report.evaluations {
        if !rules.iter().any(|r| r.0 == e.rule) {
            rules.push((&e.rule, &e.kind, e.severity.as_str()));
        }
    }
    let driver_rules: Vec<Value> = rules
        .iter()
        .map(|(id, kind, level)| {
            json!({
                "id": id,
                "name": kind,
                "shortDescription": {"text": format!("dsplan {kind} rule {id}")},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rules.iter().position(|r| r.0 == f.rule).unwrap_or_default(),
                "level": f.severity.as_str(),
                "message": {"text": format!("{}: {}. Fix: {}", f.daemon_set.as_ref().map_or_else(|| "family".to_owned(), ToString::to_string), f.message, f.fix)},
                "properties": {"nodes": f.nodes, "fix": f.fix},
            });
            if let Some(location) = &f.location {
                let mut physical = json!({"artifactLocation": {"uri": uri(&location.file)}});
                if let Some(line) = location.line {
                    physical["region"] = json!({"startLine": line});
                }
                result["locations"] = json!([{"physicalLocation": physical}]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "dsplan",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": driver_rules,
            }},
            "results": results,
        }],
    });
    format!("{log:#}\n")
}

/// A file name as a relative URI reference: `/` separators, and every byte outside the
/// unreserved set and `/` percent-encoded.
fn uri(file: &str) -> String {
    let mut out = String::new();
    for byte in file.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_become_relative_uri_references() {
        assert_eq!(uri("deploy/ds.yaml"), "deploy/ds.yaml");
        assert_eq!(uri("my dir\\ds#1.yaml"), "my%20dir/ds%231.yaml");
    }
}
