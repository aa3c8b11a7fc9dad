//! Every output format, on one report with an error, a warning, a pass and a note.

use dsplan_policy::{render, CheckReport, Format};
use serde_json::{json, Value};

use crate::support::*;

fn report() -> CheckReport {
    let snap = snapshot(
        vec![
            node("w1", json!({"kubernetes.io/os": "linux"}), json!([])),
            node(
                "g1",
                json!({"kubernetes.io/os": "linux"}),
                json!([{"key": "nvidia.com/gpu", "effect": "NoSchedule"}]),
            ),
        ],
        vec![
            daemon_set(
                "logging",
                "fluent bit",
                json!({"containers": [{"name": "a", "image": "x"}]}),
            ),
            daemon_set(
                "kube-system",
                "ok",
                json!({"containers": [container("a", "1m", "1Mi")]}),
            ),
        ],
    );
    let the_plan = plan(vec![
        ds_plan(
            "logging",
            "fluent bit",
            vec![runs("w1"), tainted("g1", "nvidia.com/gpu")],
        ),
        ds_plan("kube-system", "ok", vec![runs("w1"), runs("g1")]),
    ]);
    let policy = policy(
        "  - id: linux-coverage\n    severity: error\n    coverage: {nodes: {matchLabels: {kubernetes.io/os: linux}}}\n  - id: requests-set\n    severity: warning\n    requests: {}\n  - id: rollout-safe\n    severity: error\n    rollout: {}\n",
    );
    check(&snap, &the_plan, None, &policy)
}

#[test]
fn format_names_parse() {
    for name in Format::NAMES {
        assert!(name.parse::<Format>().is_ok());
    }
    assert_eq!(
        "xml".parse::<Format>().unwrap_err(),
        "unknown output format \"xml\": expected one of text, json, junit, sarif, github"
    );
}

#[test]
fn text_groups_findings_by_daemon_set() {
    let text = render(&report(), Format::Text);
    assert_eq!(
        text,
        "DaemonSet logging/fluent bit (ds.yaml:3)\n\
         \x20 error [linux-coverage] does not run on 1 of 2 nodes matching kubernetes.io/os=linux (g1): taint nvidia.com/gpu:NoSchedule is not tolerated\n\
         \x20   fix: add toleration nvidia.com/gpu:NoSchedule to cover 1 node\n\
         \x20 warning [requests-set] containers without resource requests: a (cpu, memory)\n\
         \x20   fix: set resources.requests cpu and memory on a\n\
         \n\
         note: rule rollout-safe: waves, duration, peak unavailability and stuck nodes were not checked: no rollout simulation was given\n\
         policy test: 6 checks, 4 passed, 1 errors, 1 warnings\n"
    );
}

#[test]
fn json_round_trips_the_report() {
    let report = report();
    let text = render(&report, Format::Json);
    let back: CheckReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["findings"][0]["daemonSet"],
        json!({"namespace": "logging", "name": "fluent bit"})
    );
    assert_eq!(value["findings"][0]["severity"], "error");
}

#[test]
fn junit_has_one_case_per_rule_and_daemon_set_and_fails_only_errors() {
    let xml = render(&report(), Format::Junit);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dsplan check test\" tests=\"6\" failures=\"1\">\n"), "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 6);
    assert_eq!(xml.matches("<testsuite ").count(), 3);
    assert_eq!(xml.matches("<failure ").count(), 1);
    assert!(xml.contains("<testcase classname=\"linux-coverage\" name=\"logging/fluent bit\">\n      <failure type=\"coverage\""));
    assert!(xml.contains("<system-out>warning: containers without resource requests: a (cpu, memory)&#10;fix: set resources.requests cpu and memory on a</system-out>"));
    assert!(xml.contains("<testcase classname=\"requests-set\" name=\"kube-system/ok\"/>"));
}

#[test]
fn sarif_validates_against_the_2_1_0_schema_and_points_at_the_manifest() {
    // The published schema's `language` patterns (on `run` and `toolComponent`) have a stray
    // `]`, a literal in ECMA-262 regexes but a syntax error for Rust's regex engine; escape it
    // (same meaning). dsplan sets no `language`.
    let text = include_str!("../data/sarif-schema-2.1.0.json");
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(stray).count(), 2);
    let text = text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let sarif: Value = serde_json::from_str(&render(&report(), Format::Sarif)).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let results = &sarif["runs"][0]["results"];
    assert_eq!(results.as_array().unwrap().len(), 2);
    assert_eq!(results[0]["ruleId"], "linux-coverage");
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["level"], "warning");
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"],
        json!({"artifactLocation": {"uri": "ds.yaml"}, "region": {"startLine": 3}})
    );
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    // A broken log is rejected, so the check above can fail.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn github_prints_one_annotation_per_finding() {
    let text = render(&report(), Format::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        "::error file=ds.yaml,line=3,title=linux-coverage logging/fluent bit::does not run on 1 of 2 nodes matching kubernetes.io/os=linux (g1): taint nvidia.com/gpu:NoSchedule is not tolerated. Fix: add toleration nvidia.com/gpu:NoSchedule to cover 1 node"
    );
    assert!(lines[1]
        .starts_with("::warning file=ds.yaml,line=3,title=requests-set logging/fluent bit::"));
    assert!(lines[2].starts_with("::notice::rule rollout-safe"));
}
