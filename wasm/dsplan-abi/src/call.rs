//! The JSON requests and responses of `dsplan_call` (wasm/ABI.md), as pure functions of bytes:
//! request decoding (the shapes are `dsplan_engine::request`'s, shared with the browser
//! bindings), dispatch to `dsplan_engine`, and the `{"ok": ...}` / `{"error": ...}` envelope.
//! The value inside `ok` is the engine report's serde form, the JSON `dsplan <function> -o json`
//! prints.
// The error body is built once per failed call and serialized at once; boxing it buys nothing.
#![allow(clippy::result_large_err, reason = "ErrorBody is the cold path")]

use dsplan_engine::request::{CheckRequest, PlanRequest, RolloutRequest, ValidateRequest};
use serde::{Deserialize, Serialize};

/// The functions `dsplan_call` knows, for the `unknown-function` message.
const FUNCTIONS: &str = "plan, rollout, check, validate, version";

/// The request of functions that take no arguments: empty, or `{}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArguments {}

/// The failure half of the envelope. Every key is always present (`null` when unknown), so
/// hosts in any language can read it with one fixed shape.
#[derive(Debug, Serialize)]
struct ErrorBody {
    code: String,
    file: Option<String>,
    document: Option<usize>,
    object: Option<String>,
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

impl ErrorBody {
    /// An error that is not about one input document.
    fn plain(code: &str, message: String) -> Self {
        Self {
            code: code.to_owned(),
            file: None,
            document: None,
            object: None,
            path: None,
            line: None,
            column: None,
            message,
        }
    }
}

impl From<dsplan_engine::Error> for ErrorBody {
    fn from(error: dsplan_engine::Error) -> Self {
        match error {
            dsplan_engine::Error::Input(e) => Self {
                code: "invalid-input".to_owned(),
                file: Some(e.file),
                document: e.document,
                object: e.object,
                path: e.path,
                line: e.line,
                column: e.column,
                message: e.message,
            },
            other => Self::plain(other.code(), other.to_string()),
        }
    }
}

/// `{"ok": value}` or `{"error": body}`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
enum Envelope<T> {
    Ok(T),
    Error(ErrorBody),
}

/// Runs `function` on `request` and returns the JSON response bytes.
pub(crate) fn call(function: &[u8], request: &[u8]) -> Vec<u8> {
    match function {
        b"plan" => run(request, PlanRequest::answer),
        b"rollout" => run(request, RolloutRequest::answer),
        b"check" => run(request, CheckRequest::answer),
        b"validate" => run(request, ValidateRequest::answer),
        b"version" => respond(version(request)),
        other => respond::<()>(Err(ErrorBody::plain(
            "unknown-function",
            format!(
                "unknown function {:?} (known: {FUNCTIONS})",
                String::from_utf8_lossy(other)
            ),
        ))),
    }
}

/// Decodes a request and answers it with the engine.
fn run<'a, R: Deserialize<'a>, T: Serialize>(
    request: &'a [u8],
    answer: impl FnOnce(R) -> Result<T, dsplan_engine::Error>,
) -> Vec<u8> {
    respond(decode(request).and_then(|r| answer(r).map_err(ErrorBody::from)))
}

fn version(request: &[u8]) -> Result<dsplan_engine::VersionInfo, ErrorBody> {
    if !request.is_empty() {
        decode::<NoArguments>(request)?;
    }
    Ok(dsplan_engine::version())
}

fn decode<'a, T: Deserialize<'a>>(request: &'a [u8]) -> Result<T, ErrorBody> {
    serde_json::from_slice(request)
        .map_err(|e| ErrorBody::plain("invalid-request", format!("request: {e}")))
}

fn respond<T: Serialize>(result: Result<T, ErrorBody>) -> Vec<u8> {
    let envelope = match result {
        Ok(value) => Envelope::Ok(value),
        Err(error) => Envelope::Error(error),
    };
    serde_json::to_vec(&envelope).unwrap_or_else(|e| {
        // Only a non-string map key or a failing Serialize impl can get here; the report types
        // have neither, but the host must still get a well-formed answer.
        let body = ErrorBody::plain("internal", format!("serializing the response: {e}"));
        serde_json::to_vec(&Envelope::<()>::Error(body)).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn call_json(function: &str, request: &str) -> Value {
        serde_json::from_slice(&call(function.as_bytes(), request.as_bytes()))
            .expect("every response is JSON")
    }

    #[test]
    fn version_answers_ok_with_the_engine_version() {
        let response = call_json("version", "");
        let expected = serde_json::to_value(dsplan_engine::version()).expect("serializable");
        assert_eq!(response, json!({ "ok": expected }));
        assert_eq!(call_json("version", "{}"), response);
    }

    #[test]
    fn unknown_function_and_malformed_requests_are_typed_errors() {
        let response = call_json("diff", "{}");
        assert_eq!(response["error"]["code"], "unknown-function");
        assert_eq!(response["error"]["file"], Value::Null);
        assert!(response["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains(FUNCTIONS)));

        let response = call_json("plan", r#"{"documents": [], "extra": 1}"#);
        assert_eq!(response["error"]["code"], "invalid-request");
        assert!(response["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("extra")));

        let response = call_json("version", "[1]");
        assert_eq!(response["error"]["code"], "invalid-request");
    }

    #[test]
    fn a_bad_feature_gate_is_an_invalid_option() {
        let response = call_json(
            "plan",
            r#"{"documents": [], "options": {"featureGates": {"Nope": true}}}"#,
        );
        let expected = dsplan_engine::plan(
            &[],
            &dsplan_engine::Options {
                feature_gates: vec![("Nope".to_owned(), true)],
            },
        )
        .expect_err("unknown gate");
        assert_eq!(response["error"]["code"], "invalid-option");
        assert_eq!(response["error"]["message"], expected.to_string());
    }

    const CLUSTER: &str = include_str!("../../../examples/clusters/kubeadm.yaml");
    const PROPOSED: &str =
        include_str!("../../../examples/daemonsets/fluentd-elasticsearch-v2.yaml");

    fn inputs() -> [dsplan_engine::Input<'static>; 2] {
        [
            dsplan_engine::Input {
                name: "kubeadm.yaml",
                text: CLUSTER,
                role: dsplan_engine::Role::Snapshot,
            },
            dsplan_engine::Input {
                name: "ds.yaml",
                text: PROPOSED,
                role: dsplan_engine::Role::Proposed,
            },
        ]
    }

    fn documents() -> Value {
        json!([
            {"name": "kubeadm.yaml", "text": CLUSTER, "role": "snapshot"},
            {"name": "ds.yaml", "text": PROPOSED, "role": "proposed"},
        ])
    }

    /// The response text `{"ok":` + the report's serde JSON + `}`.
    fn ok_text(report: &impl Serialize) -> String {
        format!(
            r#"{{"ok":{}}}"#,
            serde_json::to_string(report).expect("serializable")
        )
    }

    fn call_text(function: &str, request: &Value) -> String {
        String::from_utf8(call(function.as_bytes(), request.to_string().as_bytes()))
            .expect("UTF-8 response")
    }

    #[test]
    fn rollout_answers_the_engine_report_with_its_timing() {
        let timing = dsplan_rollout::RolloutOptions {
            pod_start_seconds: 30,
            readiness_seconds: 1,
            termination_seconds: 2,
        };
        let expected = dsplan_engine::rollout(
            &inputs(),
            &dsplan_engine::Options::default(),
            &timing,
            &dsplan_engine::WhatIfEdits::default(),
        )
        .expect("valid example");
        let request = json!({"documents": documents(), "timing": {
            "podStartSeconds": 30, "readinessSeconds": 1, "terminationSeconds": 2}});
        assert_eq!(call_text("rollout", &request), ok_text(&expected));
        let default = call_text("rollout", &json!({"documents": documents()}));
        assert_ne!(
            default,
            ok_text(&expected),
            "timing must change the timeline"
        );
    }

    #[test]
    fn check_answers_with_the_default_or_the_given_policy() {
        let expected = dsplan_engine::check(
            &inputs(),
            None,
            &dsplan_engine::Options::default(),
            &dsplan_rollout::RolloutOptions::default(),
        )
        .expect("valid example");
        let request = json!({"documents": documents(), "policy": null});
        assert_eq!(call_text("check", &request), ok_text(&expected));

        let policy = "apiVersion: dsplan.dev/v1\nkind: Policy\nrules: [{id: x, check: nope}]\n";
        let request =
            json!({"documents": documents(), "policy": {"name": "p.yaml", "text": policy}});
        let response: Value = serde_json::from_str(&call_text("check", &request)).expect("JSON");
        assert_eq!(response["error"]["code"], "invalid-input");
        assert_eq!(response["error"]["file"], "p.yaml");
    }

    #[test]
    fn validate_answers_the_engine_verdicts() {
        let expected = dsplan_engine::validate(&inputs()).expect("valid example");
        assert!(!expected.objects.is_empty());
        let request = json!({"documents": documents()});
        assert_eq!(call_text("validate", &request), ok_text(&expected));
        let typo = json!({"documents": documents(), "options": {}});
        let response: Value = serde_json::from_str(&call_text("validate", &typo)).expect("JSON");
        assert_eq!(response["error"]["code"], "invalid-request");
    }
}
