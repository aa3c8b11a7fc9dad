//! The JSON requests and responses of `dsplan_call` (wasm/ABI.md), as pure functions of bytes:
//! request decoding, dispatch to `dsplan_engine`, and the `{"ok": ...}` / `{"error": ...}`
//! envelope. The report inside `ok` is `dsplan_core::PlanReport`'s serde form, the same JSON
//! `dsplan plan -o json` prints.
// The error body is built once per failed call and serialized at once; boxing it buys nothing.
#![allow(clippy::result_large_err, reason = "ErrorBody is the cold path")]

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// `{"documents": [...], "options": {...}}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanRequest {
    documents: Vec<Document>,
    #[serde(default)]
    options: Options,
}

/// `{"name", "text", "role"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    name: String,
    text: String,
    role: Role,
}

/// `"snapshot"` or `"proposed"`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Snapshot,
    Proposed,
}

/// `{"featureGates": {"Name": true, ...}}`; gates apply in the order written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Options {
    #[serde(default, deserialize_with = "ordered_gates")]
    feature_gates: Vec<(String, bool)>,
}

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
        b"plan" => respond(plan(request)),
        b"version" => respond(version(request)),
        other => respond::<()>(Err(ErrorBody::plain(
            "unknown-function",
            format!(
                "unknown function {:?} (known: plan, version)",
                String::from_utf8_lossy(other)
            ),
        ))),
    }
}

fn plan(request: &[u8]) -> Result<dsplan_core::PlanReport, ErrorBody> {
    let request: PlanRequest = decode(request)?;
    let inputs: Vec<dsplan_engine::Input<'_>> = request
        .documents
        .iter()
        .map(|d| dsplan_engine::Input {
            name: &d.name,
            text: &d.text,
            role: match d.role {
                Role::Snapshot => dsplan_engine::Role::Snapshot,
                Role::Proposed => dsplan_engine::Role::Proposed,
            },
        })
        .collect();
    let options = dsplan_engine::Options {
        feature_gates: request.options.feature_gates,
    };
    Ok(dsplan_engine::plan(&inputs, &options)?)
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

/// A JSON object of `name: bool` as an ordered list (serde maps would reorder or merge).
fn ordered_gates<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, bool)>, D::Error> {
    struct Gates;
    impl<'de> Visitor<'de> for Gates {
        type Value = Vec<(String, bool)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of feature gate names to booleans")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut gates = Vec::new();
            while let Some(entry) = map.next_entry::<String, bool>()? {
                gates.push(entry);
            }
            Ok(gates)
        }
    }
    d.deserialize_map(Gates)
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
        let response = call_json("rollout", "{}");
        assert_eq!(response["error"]["code"], "unknown-function");
        assert_eq!(response["error"]["file"], Value::Null);

        let response = call_json("plan", r#"{"documents": [], "extra": 1}"#);
        assert_eq!(response["error"]["code"], "invalid-request");
        assert!(response["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("extra")));

        let response = call_json("version", "[1]");
        assert_eq!(response["error"]["code"], "invalid-request");
    }

    #[test]
    fn feature_gates_keep_their_order() {
        let request: PlanRequest = serde_json::from_str(
            r#"{"documents": [], "options": {"featureGates": {"PodLevelResources": false, "TaintTolerationComparisonOperators": true}}}"#,
        )
        .expect("valid request");
        assert_eq!(
            request.options.feature_gates,
            vec![
                ("PodLevelResources".to_owned(), false),
                ("TaintTolerationComparisonOperators".to_owned(), true)
            ]
        );
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
}
