//! The JSON request shapes of the engine's JSON front ends (the core-module ABI and the
//! browser bindings): documents, options, policy and timing, and the whole request objects of
//! the ABI's functions, decoded with serde and answered by the engine's functions. One set of
//! types, so a shape or an error message cannot differ between front ends.
//!
//! Every object refuses unknown keys, so a typo never silently changes the answer.

use crate::{Error, Input, Role, ValidationReport};
use dsplan_core::PlanReport;
use dsplan_policy::CheckReport;
use dsplan_rollout::{RolloutOptions, RolloutReport};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// One input file: `{"name", "text", "role"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// File name shown in errors, for example `cluster.yaml`.
    pub name: String,
    /// The whole YAML (one or more documents) or JSON text.
    pub text: String,
    /// `"snapshot"` (the cluster as it is) or `"proposed"` (DaemonSets to plan).
    #[serde(with = "RoleName")]
    pub role: Role,
}

/// [`Role`]'s JSON names.
#[derive(Deserialize)]
#[serde(remote = "Role", rename_all = "lowercase")]
enum RoleName {
    Snapshot,
    Proposed,
}

impl Document {
    /// Borrows this document as an engine input.
    pub fn input(&self) -> Input<'_> {
        Input {
            name: &self.name,
            text: &self.text,
            role: self.role,
        }
    }
}

/// Borrows `documents` as the engine's inputs.
pub fn inputs(documents: &[Document]) -> Vec<Input<'_>> {
    documents.iter().map(Document::input).collect()
}

/// `{"featureGates": {"Name": bool}}`; every field may be left out, and so may the object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// Gates to switch on top of the release defaults, in the order written.
    #[serde(default, deserialize_with = "ordered_gates")]
    pub feature_gates: Vec<(String, bool)>,
}

impl From<Options> for crate::Options {
    fn from(options: Options) -> Self {
        crate::Options {
            feature_gates: options.feature_gates,
        }
    }
}

/// A policy file for `check`: `{"name", "text"}` (YAML or JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// File name shown in errors.
    pub name: String,
    /// The policy's text.
    pub text: String,
}

/// The pod lifecycle latencies a rollout assumes, seconds:
/// `{"podStartSeconds", "readinessSeconds", "terminationSeconds"}`, all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Timing {
    /// From binding to containers started.
    pub pod_start_seconds: i64,
    /// From started to Ready.
    pub readiness_seconds: i64,
    /// From deletion to gone.
    pub termination_seconds: i64,
}

impl From<Timing> for RolloutOptions {
    fn from(timing: Timing) -> Self {
        RolloutOptions {
            pod_start_seconds: timing.pod_start_seconds,
            readiness_seconds: timing.readiness_seconds,
            termination_seconds: timing.termination_seconds,
        }
    }
}

/// The rollout options of an optional timing: the defaults (`dsplan rollout`'s) when absent.
pub fn rollout_options(timing: Option<Timing>) -> RolloutOptions {
    timing.map_or_else(RolloutOptions::default, RolloutOptions::from)
}

/// `plan`: `{"documents", "options"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// The input files.
    pub documents: Vec<Document>,
    /// Feature gates.
    #[serde(default)]
    pub options: Options,
}

impl PlanRequest {
    /// Answers the request with [`crate::plan`].
    pub fn answer(self) -> Result<PlanReport, Error> {
        crate::plan(&inputs(&self.documents), &self.options.into())
    }
}

/// `rollout`: `{"documents", "options"?, "timing"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolloutRequest {
    /// The input files.
    pub documents: Vec<Document>,
    /// Feature gates.
    #[serde(default)]
    pub options: Options,
    /// Pod lifecycle latencies; `null` or absent for the defaults.
    #[serde(default)]
    pub timing: Option<Timing>,
}

impl RolloutRequest {
    /// Answers the request with [`crate::rollout`] (no what-if edits).
    pub fn answer(self) -> Result<RolloutReport, Error> {
        crate::rollout(
            &inputs(&self.documents),
            &self.options.into(),
            &rollout_options(self.timing),
            &crate::WhatIfEdits::default(),
        )
    }
}

/// `check`: `{"documents", "policy"?, "options"?, "timing"?}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The input files.
    pub documents: Vec<Document>,
    /// The policy; `null` or absent for the built-in default policy.
    #[serde(default)]
    pub policy: Option<Policy>,
    /// Feature gates.
    #[serde(default)]
    pub options: Options,
    /// Pod lifecycle latencies; `null` or absent for the defaults.
    #[serde(default)]
    pub timing: Option<Timing>,
}

impl CheckRequest {
    /// Answers the request with [`crate::check`].
    pub fn answer(self) -> Result<CheckReport, Error> {
        crate::check(
            &inputs(&self.documents),
            self.policy
                .as_ref()
                .map(|p| (p.name.as_str(), p.text.as_str())),
            &self.options.into(),
            &rollout_options(self.timing),
        )
    }
}

/// `validate`: `{"documents"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// The files whose DaemonSets are validated as creates.
    pub documents: Vec<Document>,
}

impl ValidateRequest {
    /// Answers the request with [`crate::validate`].
    pub fn answer(self) -> Result<ValidationReport, Error> {
        crate::validate(&inputs(&self.documents))
    }
}

/// Reads a `{Name: bool}` object keeping its key order (a map type would reorder or merge),
/// so gates apply in the order written and the first bad gate is the one reported, as on the
/// command line.
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
    use serde_json::json;

    #[test]
    fn documents_decode_with_their_roles() {
        let docs: Vec<Document> = serde_json::from_value(json!([
            {"name": "cluster.yaml", "text": "kind: List", "role": "snapshot"},
            {"name": "ds.yaml", "text": "kind: DaemonSet", "role": "proposed"},
        ]))
        .expect("valid documents");
        let inputs = inputs(&docs);
        assert_eq!(inputs[0].name, "cluster.yaml");
        assert_eq!(inputs[0].role, Role::Snapshot);
        assert_eq!(inputs[1].text, "kind: DaemonSet");
        assert_eq!(inputs[1].role, Role::Proposed);
    }

    #[test]
    fn an_unknown_role_or_field_is_refused() {
        let role =
            serde_json::from_value::<Document>(json!({"name": "a", "text": "", "role": "live"}));
        assert!(role
            .unwrap_err()
            .to_string()
            .contains("unknown variant `live`, expected `snapshot` or `proposed`"));
        let field = serde_json::from_value::<Document>(
            json!({"name": "a", "text": "", "role": "snapshot", "x": 1}),
        );
        assert!(field.unwrap_err().to_string().contains("unknown field `x`"));
    }

    #[test]
    fn feature_gates_keep_their_order_and_may_be_left_out() {
        // From text: a parsed JSON object would sort its keys.
        let options: Options =
            serde_json::from_str(r#"{"featureGates": {"Zeta": true, "Alpha": false}}"#)
                .expect("valid options");
        assert_eq!(
            crate::Options::from(options).feature_gates,
            vec![("Zeta".to_owned(), true), ("Alpha".to_owned(), false)]
        );
        let empty: Options = serde_json::from_value(json!({})).expect("empty options");
        assert!(empty.feature_gates.is_empty());
    }

    #[test]
    fn a_gate_that_is_not_a_boolean_is_refused() {
        let bad = serde_json::from_value::<Options>(json!({"featureGates": {"A": "yes"}}));
        assert!(bad.is_err());
    }

    #[test]
    fn timing_needs_all_three_and_nothing_else() {
        let timing: Timing = serde_json::from_value(
            json!({"podStartSeconds": 1, "readinessSeconds": 2, "terminationSeconds": 3}),
        )
        .expect("valid timing");
        assert_eq!(
            rollout_options(Some(timing)),
            RolloutOptions {
                pod_start_seconds: 1,
                readiness_seconds: 2,
                termination_seconds: 3
            }
        );
        assert_eq!(rollout_options(None), RolloutOptions::default());
        let partial = serde_json::from_value::<Timing>(json!({"podStartSeconds": 1}));
        assert!(partial
            .unwrap_err()
            .to_string()
            .contains("missing field `readinessSeconds`"));
        let extra = serde_json::from_value::<Timing>(json!({
            "podStartSeconds": 1, "readinessSeconds": 2, "terminationSeconds": 3, "pullSeconds": 4
        }));
        assert!(extra
            .unwrap_err()
            .to_string()
            .contains("unknown field `pullSeconds`"));
    }

    #[test]
    fn optional_parts_of_a_request_may_be_absent_or_null() {
        let check: CheckRequest = serde_json::from_value(
            json!({"documents": [], "policy": null, "timing": null, "options": {}}),
        )
        .expect("valid check request");
        assert_eq!(check.policy, None);
        assert_eq!(check.timing, None);
        let rollout: RolloutRequest =
            serde_json::from_value(json!({"documents": []})).expect("valid rollout request");
        assert_eq!(rollout.options, Options::default());
        let typo = serde_json::from_value::<ValidateRequest>(json!({"documents": [], "opts": {}}));
        assert!(typo
            .unwrap_err()
            .to_string()
            .contains("unknown field `opts`"));
    }

    #[test]
    fn requests_are_answered_by_the_engine() {
        let request: ValidateRequest = serde_json::from_value(json!({"documents": [{
            "name": "ds.yaml",
            "role": "proposed",
            "text": "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: b}\n    spec:\n      containers: [{name: c, image: i}]\n",
        }]}))
        .expect("valid validate request");
        let report = request.answer().expect("a DaemonSet");
        assert_eq!(report.objects.len(), 1);
        assert!(!report.objects[0].valid, "{:?}", report.objects[0]);
        let plan: PlanRequest = serde_json::from_value(
            json!({"documents": [], "options": {"featureGates": {"NoSuchGate": true}}}),
        )
        .expect("valid plan request");
        assert_eq!(
            plan.answer().expect_err("unknown gate").code(),
            "invalid-option"
        );
    }
}
