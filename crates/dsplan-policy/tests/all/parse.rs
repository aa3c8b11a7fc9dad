//! Policy files: good ones parse, bad ones name the field path; the schema agrees.

use dsplan_policy::{default_policy, parse_policy, Check, IntOrPercent, DEFAULT_POLICY_YAML};
use serde_json::Value;

fn error(text: &str) -> String {
    parse_policy("p.yaml", text).unwrap_err().to_string()
}

const HEAD: &str = "apiVersion: dsplan.dev/v1\nkind: Policy\nspec:\n  rules:\n";

#[test]
fn example_policy_parses_with_every_rule_kind() {
    let text = include_str!("../../../../examples/ci/dsplan-policy.yaml");
    let policy = parse_policy("dsplan-policy.yaml", text).unwrap();
    assert_eq!(policy.name, "platform-daemonsets");
    let kinds: Vec<&str> = policy.rules.iter().map(|r| r.check.kind()).collect();
    assert_eq!(
        kinds,
        [
            "coverage",
            "avoid",
            "family",
            "fit",
            "rollout",
            "requests",
            "priorityClass",
            "tolerations",
            "selectorOverlap",
            "apiVersion"
        ]
    );
    let Check::Rollout(limits) = &policy.rules[4].check else {
        panic!("rule 4 is the rollout rule");
    };
    assert_eq!(limits.max_unavailable, Some(IntOrPercent::Percent(10)));
    assert!(limits.forbid_surge_host_port_deadlock && limits.forbid_stuck_nodes);
}

#[test]
fn json_policies_parse_too() {
    let policy = parse_policy(
        "p.json",
        r#"{"apiVersion": "dsplan.dev/v1", "kind": "Policy", "spec": {"rules": [{"id": "a", "severity": "warning", "tolerations": {}}]}}"#,
    )
    .unwrap();
    assert_eq!(policy.name, "p.json");
    assert_eq!(policy.rules[0].check, Check::Tolerations);
}

#[test]
fn bad_severity_names_path_and_line() {
    let message = error(&format!(
        "{HEAD}  - id: a\n    severity: fatal\n    fit: {{}}\n"
    ));
    assert!(
        message.starts_with("p.yaml:6:15: spec.rules[0].severity: unknown variant `fatal`"),
        "{message}"
    );
}

#[test]
fn unknown_field_is_an_error() {
    let message = error(&format!(
        "{HEAD}  - id: a\n    severity: error\n    fit: {{minHeadroom: 5}}\n"
    ));
    assert!(
        message.contains("spec.rules[0].fit: unknown field `minHeadroom`"),
        "{message}"
    );
}

#[test]
fn semantic_errors_name_the_field() {
    let cases = [
        ("apiVersion: v2\nkind: Policy\nspec: {rules: []}\n", "p.yaml: apiVersion: Unsupported value: \"v2\": supported values: \"dsplan.dev/v1\""),
        ("apiVersion: dsplan.dev/v1\nkind: Rule\nspec: {rules: []}\n", "p.yaml: kind: Unsupported value: \"Rule\""),
        (&format!("{HEAD}  - {{id: a, severity: error, fit: {{}}, tolerations: {{}}}}\n"), "p.yaml: spec.rules[0]: a rule must set exactly one of coverage, avoid, family, fit, rollout, requests, priorityClass, tolerations, selectorOverlap, apiVersion; found fit, tolerations"),
        (&format!("{HEAD}  - {{id: a, severity: error}}\n"), "found none"),
        (&format!("{HEAD}  - {{id: a, severity: error, fit: {{}}}}\n  - {{id: a, severity: error, fit: {{}}}}\n"), "p.yaml: spec.rules[1].id: Duplicate value: \"a\""),
        (&format!("{HEAD}  - {{id: Bad_Id, severity: error, fit: {{}}}}\n"), "p.yaml: spec.rules[0].id: Invalid value: \"Bad_Id\""),
        (&format!("{HEAD}  - {{id: a, severity: error, exceptions: [fluentd], fit: {{}}}}\n"), "p.yaml: spec.rules[0].exceptions[0]: Invalid value: \"fluentd\": must be a namespace/name glob"),
        (&format!("{HEAD}  - {{id: a, severity: error, coverage: {{nodes: {{matchExpressions: [{{key: k, operator: Has}}]}}}}}}\n"), "p.yaml: spec.rules[0].coverage.nodes.matchExpressions[0].operator: Invalid value: \"Has\": not a valid selector operator"),
        (&format!("{HEAD}  - {{id: a, severity: error, coverage: {{nodes: {{matchExpressions: [{{key: k, operator: In}}]}}}}}}\n"), "matchExpressions[0].values: Required value"),
        (&format!("{HEAD}  - {{id: a, severity: error, rollout: {{maxUnavailable: 120%}}}}\n"), "p.yaml: spec.rules[0].rollout.maxUnavailable: Invalid value: \"120%\""),
        (&format!("{HEAD}  - {{id: a, severity: error, fit: {{minHeadroomPercent: 101}}}}\n"), "p.yaml: spec.rules[0].fit.minHeadroomPercent: Invalid value: 101"),
        (&format!("{HEAD}  - {{id: a, severity: error, avoid: {{}}}}\n"), "p.yaml: spec.rules[0].avoid.nodes: Required value"),
        (&format!("{HEAD}  - {{id: a, severity: error, family: {{members: []}}}}\n"), "p.yaml: spec.rules[0].family.members: Required value"),
    ];
    for (text, want) in cases {
        let message = error(text);
        assert!(
            message.contains(want),
            "{text}\n  got: {message}\n want: {want}"
        );
    }
}

#[test]
fn policy_error_converts_to_input_error() {
    let error = parse_policy(
        "p.yaml",
        "apiVersion: v2\nkind: Policy\nspec: {rules: []}\n",
    )
    .unwrap_err();
    let input: dsplan_model::InputError = error.clone().into();
    assert_eq!(input.path.as_deref(), Some("apiVersion"));
    assert_eq!(input.to_string(), error.to_string());
}

#[test]
fn default_policy_parses_and_lists_the_documented_rules() {
    let policy = default_policy().unwrap();
    assert_eq!(policy.name, "dsplan-default");
    let ids: Vec<&str> = policy.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "fits-targeted-nodes",
            "rollout-safe",
            "selector-exclusive",
            "api-version-served",
            "requests-set",
            "priority-class-set",
            "tolerations-narrow"
        ]
    );
    let readme = include_str!("../../README.md");
    for id in ids {
        assert!(
            readme.contains(&format!("| `{id}` |")),
            "README documents {id}"
        );
    }
}

fn schema() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(include_str!("../../../../schema/policy.schema.json")).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn yaml_to_json(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

#[test]
fn schema_accepts_the_example_and_default_policies() {
    let validator = schema();
    for text in [
        include_str!("../../../../examples/ci/dsplan-policy.yaml"),
        DEFAULT_POLICY_YAML,
    ] {
        let value = yaml_to_json(text);
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

#[test]
fn schema_rejects_what_the_parser_rejects() {
    let validator = schema();
    for text in [
        format!("{HEAD}  - {{id: a, severity: fatal, fit: {{}}}}\n"),
        format!("{HEAD}  - {{id: a, severity: error, fit: {{}}, tolerations: {{}}}}\n"),
        format!("{HEAD}  - {{id: a, severity: error, exceptions: [fluentd], fit: {{}}}}\n"),
        format!("{HEAD}  - {{id: a, severity: error, rollout: {{maxUnavailable: 120%}}}}\n"),
        format!("{HEAD}  - {{id: a, severity: error, fit: {{minHeadroom: 5}}}}\n"),
    ] {
        assert!(
            !validator.is_valid(&yaml_to_json(&text)),
            "schema accepted {text}"
        );
        assert!(
            parse_policy("p.yaml", &text).is_err(),
            "parser accepted {text}"
        );
    }
}
