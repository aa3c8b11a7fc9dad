//! The arguments JavaScript passes in: documents (`{name, text, role}`) and options
//! (`{featureGates}`), decoded with serde and turned into the engine's types.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// One input file: `{name, text, role}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// File name shown in errors, for example `cluster.yaml`.
    pub name: String,
    /// The whole YAML (one or more documents) or JSON text.
    pub text: String,
    /// How its DaemonSets are used.
    pub role: Role,
}

/// `"snapshot"` (the cluster as it is) or `"proposed"` (DaemonSets to plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A cluster snapshot (`kubectl get nodes,pods,daemonsets -A -o yaml`).
    Snapshot,
    /// New or changed DaemonSets.
    Proposed,
}

/// `{featureGates: {Name: bool}}`; every field may be left out, and so may the whole object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// Gates to switch on top of the release defaults, in the order written.
    #[serde(default, deserialize_with = "ordered_gates")]
    pub feature_gates: Vec<(String, bool)>,
}

/// A policy file for `check`: `{name, text}` (YAML or JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// File name shown in errors.
    pub name: String,
    /// The policy's text.
    pub text: String,
}

/// Borrows `documents` as the engine's inputs.
pub fn inputs(documents: &[Document]) -> Vec<dsplan_engine::Input<'_>> {
    documents
        .iter()
        .map(|d| dsplan_engine::Input {
            name: &d.name,
            text: &d.text,
            role: match d.role {
                Role::Snapshot => dsplan_engine::Role::Snapshot,
                Role::Proposed => dsplan_engine::Role::Proposed,
            },
        })
        .collect()
}

impl From<Options> for dsplan_engine::Options {
    fn from(options: Options) -> Self {
        dsplan_engine::Options {
            feature_gates: options.feature_gates,
        }
    }
}

/// Reads a `{Name: bool}` object keeping its key order, so the first bad gate is the one
/// reported, as on the command line.
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
        assert_eq!(inputs[0].role, dsplan_engine::Role::Snapshot);
        assert_eq!(inputs[1].text, "kind: DaemonSet");
        assert_eq!(inputs[1].role, dsplan_engine::Role::Proposed);
    }

    #[test]
    fn an_unknown_role_or_field_is_refused() {
        let role =
            serde_json::from_value::<Document>(json!({"name": "a", "text": "", "role": "live"}));
        assert!(role
            .unwrap_err()
            .to_string()
            .contains("unknown variant `live`"));
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
            dsplan_engine::Options::from(options).feature_gates,
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
}
