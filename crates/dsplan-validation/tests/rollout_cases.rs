//! Runs every validation, defaulting and intstr case of `conformance/rollout-cases.json` and
//! asserts upstream's exact strings.

use dsplan_model::k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetUpdateStrategy};
use dsplan_model::k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_validation::{
    default_daemon_set, scaled_value_from_int_or_percent, validate_daemon_set,
    validate_daemon_set_as_read, validate_daemon_set_update, validate_update_strategy, FieldError,
    TEMPLATE_GENERATION_ANNOTATION,
};
use serde_json::Value;

const CASES: &str = include_str!("../../../conformance/rollout-cases.json");

fn cases() -> Vec<Value> {
    let all: Value = serde_json::from_str(CASES).expect("rollout-cases.json is JSON");
    all["cases"].as_array().expect("cases array").clone()
}

fn strings(errors: &[FieldError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn expected_errors(case: &Value) -> Vec<String> {
    let expect = &case["expect"];
    let errors: Vec<String> = expect["errors"]
        .as_array()
        .expect("expect.errors")
        .iter()
        .map(|e| e.as_str().expect("error string").to_owned())
        .collect();
    if let Some(valid) = expect["valid"].as_bool() {
        assert_eq!(valid, errors.is_empty(), "{}: valid vs errors", case["id"]);
    }
    if let Some(count) = expect["errorCount"].as_u64() {
        assert_eq!(count as usize, errors.len(), "{}: errorCount", case["id"]);
    }
    errors
}

fn daemon_set(value: &Value) -> DaemonSet {
    serde_json::from_value(value.clone()).expect("case DaemonSet deserializes")
}

fn run_validation(case: &Value) -> Vec<String> {
    let level = case["level"].as_str().expect("level");
    let value = &case["daemonset"];
    let mut ds = daemon_set(value);
    if level.starts_with("internal ValidateRollingUpdateDaemonSet") {
        let strategy: DaemonSetUpdateStrategy =
            serde_json::from_value(value["spec"]["updateStrategy"].clone()).expect("strategy");
        return strings(&validate_update_strategy(Some(&strategy)));
    }
    if level.starts_with("v1 request after defaulting") {
        default_daemon_set(&mut ds);
        return strings(&validate_daemon_set(&ds));
    }
    assert!(level.starts_with("internal ValidateDaemonSet"), "{level}");
    let selector_given = value["spec"].get("selector").is_some();
    strings(&validate_daemon_set_as_read(&ds, selector_given))
}

/// The templates of upstream `TestValidateDaemonSetUpdate`, named as the cases name them.
fn template(labels: &Value, description: &str) -> PodTemplateSpec {
    let container = |name: &str| Container {
        name: name.to_owned(),
        image: Some("image".to_owned()),
        image_pull_policy: Some("IfNotPresent".to_owned()),
        termination_message_policy: Some("File".to_owned()),
        ..Default::default()
    };
    let mut spec = PodSpec {
        restart_policy: Some("Always".to_owned()),
        dns_policy: Some("ClusterFirst".to_owned()),
        ..Default::default()
    };
    match description {
        "abc container" => spec.containers = vec![container("abc")],
        "def container" => spec.containers = vec![container("def")],
        "nodeSelector a=b, nodeName xyz" => {
            spec.containers = vec![container("abc")];
            spec.node_selector = Some([("a".to_owned(), "b".to_owned())].into());
            spec.node_name = Some("xyz".to_owned());
        }
        other => panic!("unknown template description {other:?}"),
    }
    PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: serde_json::from_value(labels.clone()).expect("labels"),
            ..Default::default()
        }),
        spec: Some(spec),
    }
}

fn update_side(value: &Value) -> DaemonSet {
    let generation = value["templateGeneration"]
        .as_i64()
        .expect("templateGeneration");
    let spec = dsplan_model::k8s_openapi::api::apps::v1::DaemonSetSpec {
        selector: serde_json::from_value::<LabelSelector>(value["selector"].clone())
            .expect("selector"),
        template: template(
            &value["template"]["metadata"]["labels"],
            value["template"]["spec"]
                .as_str()
                .expect("template description"),
        ),
        update_strategy: Some(
            serde_json::from_value(value["updateStrategy"].clone()).expect("strategy"),
        ),
        ..Default::default()
    };
    DaemonSet {
        metadata: ObjectMeta {
            name: Some("abc".to_owned()),
            namespace: Some("default".to_owned()),
            annotations: Some(
                [(
                    TEMPLATE_GENERATION_ANNOTATION.to_owned(),
                    generation.to_string(),
                )]
                .into(),
            ),
            ..Default::default()
        },
        spec: Some(spec),
        status: None,
    }
}

fn defaulted_spec(case: &Value) -> Value {
    let mut ds = daemon_set(&case["input"]);
    default_daemon_set(&mut ds);
    serde_json::to_value(ds.spec.expect("defaulted spec")).expect("spec serializes")
}

fn assert_subset(id: &Value, expected: &Value, actual: &Value) {
    for (key, want) in expected.as_object().expect("expected object") {
        assert_eq!(&actual[key], want, "{id}: {key}");
    }
}

#[test]
fn every_validation_defaulting_and_intstr_case_passes() {
    let mut ran = std::collections::BTreeMap::<String, usize>::new();
    for case in cases() {
        let kind = case["kind"].as_str().expect("kind").to_owned();
        let id = &case["id"];
        match kind.as_str() {
            "validation" => assert_eq!(run_validation(&case), expected_errors(&case), "{id}"),
            "validation_update" => {
                let old = update_side(&case["old"]);
                let new = update_side(&case["new"]);
                let got = strings(&validate_daemon_set_update(&old, &new));
                assert_eq!(got, expected_errors(&case), "{id}");
            }
            "defaults" => assert_subset(id, &case["expect"]["spec"], &defaulted_spec(&case)),
            "defaults+validation" => {
                let spec = defaulted_spec(&case);
                assert_subset(id, &case["expect"]["defaulted"], &spec);
                let strategy: DaemonSetUpdateStrategy =
                    serde_json::from_value(spec["updateStrategy"].clone()).expect("strategy");
                let got = strings(&validate_update_strategy(Some(&strategy)));
                assert_eq!(got, expected_errors(&case), "{id}");
            }
            "intstr" => {
                let input = match &case["input"] {
                    Value::String(s) => IntOrString::String(s.clone()),
                    other => IntOrString::Int(
                        other
                            .as_i64()
                            .and_then(|i| i32::try_from(i).ok())
                            .expect("int input"),
                    ),
                };
                let total = i32::try_from(case["total"].as_i64().expect("total")).expect("i32");
                let round_up = case["roundUp"].as_bool().expect("roundUp");
                let got = scaled_value_from_int_or_percent(&input, total, round_up);
                match case["expect"]["value"].as_i64() {
                    Some(value) => assert_eq!(got.map(i64::from), Ok(value), "{id}"),
                    None => {
                        assert_eq!(case["expect"]["error"], Value::Bool(true), "{id}");
                        assert!(got.is_err(), "{id}: expected an error, got {got:?}");
                    }
                }
            }
            _ => continue,
        }
        *ran.entry(kind).or_default() += 1;
    }
    let expected: std::collections::BTreeMap<String, usize> = [
        ("defaults", 4),
        ("defaults+validation", 1),
        ("intstr", 5),
        ("validation", 23),
        ("validation_update", 5),
    ]
    .into_iter()
    .map(|(k, n)| (k.to_owned(), n))
    .collect();
    assert_eq!(ran, expected, "every case of these kinds ran");
}
