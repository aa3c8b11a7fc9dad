//! A pod's required node affinity: `spec.nodeSelector` plus
//! `requiredDuringSchedulingIgnoredDuringExecution`, parsed once and matched against nodes as
//! `component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go` does
//! (`GetRequiredNodeAffinity`, `RequiredNodeAffinity.Match`, `LazyErrorNodeSelector`).
//!
//! Parse errors make a term non-matching; callers (the controller and the scheduler's
//! NodeAffinity filter) ignore the error and use only the boolean, as upstream does.

use crate::label_selector::{Operator, Requirement};
use crate::report::Detail;
use dsplan_model::k8s_openapi::api::core::v1::{
    Affinity, Node, NodeSelectorRequirement, NodeSelectorTerm, PodSpec,
};
use std::collections::BTreeMap;

/// `metav1.ObjectNameField`: the only node field.
pub const NODE_NAME_FIELD: &str = "metadata.name";

/// The parsed required node affinity of a pod (`nodeaffinity.RequiredNodeAffinity`).
#[derive(Debug, Clone)]
pub struct RequiredNodeAffinity<'p> {
    /// `spec.nodeSelector`, when it has entries (unvalidated exact matches).
    node_selector: Option<&'p BTreeMap<String, String>>,
    /// The non-empty required terms, when `required...` is set.
    terms: Option<Vec<Term>>,
}

/// One parsed `nodeSelectorTerm`.
#[derive(Debug, Clone)]
enum Term {
    /// A term with a parse error: never matches.
    Invalid(String),
    Valid {
        labels: Option<Vec<Requirement>>,
        fields: Option<Vec<FieldRequirement>>,
    },
}

/// `field == value` (In) or `field != value` (NotIn).
#[derive(Debug, Clone)]
struct FieldRequirement {
    key: String,
    value: String,
    equals: bool,
}

impl<'p> RequiredNodeAffinity<'p> {
    /// `GetRequiredNodeAffinity` of a pod spec.
    pub fn of(spec: &'p PodSpec) -> Self {
        Self::new(spec.node_selector.as_ref(), spec.affinity.as_ref())
    }

    /// From `spec.nodeSelector` and `spec.affinity`.
    pub fn new(
        node_selector: Option<&'p BTreeMap<String, String>>,
        affinity: Option<&Affinity>,
    ) -> Self {
        let required = affinity
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|na| {
                na.required_during_scheduling_ignored_during_execution
                    .as_ref()
            });
        Self {
            node_selector: node_selector.filter(|s| !s.is_empty()),
            terms: required.map(|r| parse_terms(&r.node_selector_terms)),
        }
    }

    /// The affinity of the pod the DaemonSet controller creates for `node_name`: the
    /// template's `nodeSelector` and the single injected term `metadata.name In [node_name]`
    /// (`ReplaceDaemonSetPodNodeNameNodeAffinity`).
    pub fn daemon_pod(
        node_selector: Option<&'p BTreeMap<String, String>>,
        node_name: &str,
    ) -> Self {
        Self {
            node_selector: node_selector.filter(|s| !s.is_empty()),
            terms: Some(vec![Term::Valid {
                labels: None,
                fields: Some(vec![FieldRequirement {
                    key: NODE_NAME_FIELD.to_owned(),
                    value: node_name.to_owned(),
                    equals: true,
                }]),
            }]),
        }
    }

    /// `RequiredNodeAffinity.Match`, errors ignored.
    pub fn matches(&self, node: &Node) -> bool {
        let labels = node.metadata.labels.as_ref();
        if let Some(selector) = self.node_selector {
            let ok = selector
                .iter()
                .all(|(key, value)| labels.and_then(|l| l.get(key)) == Some(value));
            if !ok {
                return false;
            }
        }
        match &self.terms {
            Some(terms) => terms.iter().any(|term| term_matches(term, node)),
            None => true,
        }
    }

    /// Why the affinity does not match `node`: each failing `nodeSelector` entry, or the
    /// required terms (with the parse errors of invalid ones).
    pub fn explain(&self, node: &Node) -> Vec<Detail> {
        let labels = node.metadata.labels.as_ref();
        let mut details: Vec<Detail> = self
            .node_selector
            .into_iter()
            .flatten()
            .filter_map(|(key, want)| {
                let have = labels.and_then(|l| l.get(key));
                (have != Some(want)).then(|| Detail::NodeSelectorMismatch {
                    key: key.clone(),
                    want: want.clone(),
                    have: have.cloned(),
                })
            })
            .collect();
        if details.is_empty() {
            if let Some(terms) = &self.terms {
                details.push(Detail::NodeAffinityTermsMismatch {
                    terms: u32::try_from(terms.len()).unwrap_or(u32::MAX),
                    invalid: terms
                        .iter()
                        .filter_map(|t| match t {
                            Term::Invalid(error) => Some(error.clone()),
                            Term::Valid { .. } => None,
                        })
                        .collect(),
                });
            }
        }
        details
    }
}

/// `NewLazyErrorNodeSelector`: terms without any expression or field are dropped.
fn parse_terms(terms: &[NodeSelectorTerm]) -> Vec<Term> {
    terms
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            !is_empty(t.match_expressions.as_deref()) || !is_empty(t.match_fields.as_deref())
        })
        .map(|(i, term)| parse_term(i, term))
        .collect()
}

fn is_empty(requirements: Option<&[NodeSelectorRequirement]>) -> bool {
    requirements.is_none_or(<[_]>::is_empty)
}

fn parse_term(index: usize, term: &NodeSelectorTerm) -> Term {
    let path = format!("nodeSelectorTerms[{index}]");
    let labels = match term.match_expressions.as_deref().filter(|e| !e.is_empty()) {
        Some(expressions) => match parse_expressions(&path, expressions) {
            Ok(requirements) => Some(requirements),
            Err(error) => return Term::Invalid(error),
        },
        None => None,
    };
    let fields = match term.match_fields.as_deref().filter(|f| !f.is_empty()) {
        Some(fields) => match parse_fields(&path, fields) {
            Ok(requirements) => Some(requirements),
            Err(error) => return Term::Invalid(error),
        },
        None => None,
    };
    Term::Valid { labels, fields }
}

/// `nodeSelectorRequirementsAsSelector`.
fn parse_expressions(
    path: &str,
    expressions: &[NodeSelectorRequirement],
) -> Result<Vec<Requirement>, String> {
    expressions
        .iter()
        .enumerate()
        .map(|(i, expr)| {
            let at = format!("{path}.matchExpressions[{i}]");
            let operator = match expr.operator.as_str() {
                "In" => Operator::In,
                "NotIn" => Operator::NotIn,
                "Exists" => Operator::Exists,
                "DoesNotExist" => Operator::DoesNotExist,
                "Gt" => Operator::Gt,
                "Lt" => Operator::Lt,
                other => {
                    return Err(format!("{at}.operator: Unsupported value: {other:?}"));
                }
            };
            let values = expr.values.as_deref().unwrap_or_default();
            Requirement::new(&expr.key, operator, values).map_err(|e| format!("{at}.{e}"))
        })
        .collect()
}

/// `nodeSelectorRequirementsAsFieldSelector`: `In` or `NotIn` with exactly one value; keys are
/// not validated.
fn parse_fields(
    path: &str,
    fields: &[NodeSelectorRequirement],
) -> Result<Vec<FieldRequirement>, String> {
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let at = format!("{path}.matchFields[{i}]");
            let equals = match field.operator.as_str() {
                "In" => true,
                "NotIn" => false,
                other => return Err(format!("{at}.operator: Unsupported value: {other:?}")),
            };
            match field.values.as_deref().unwrap_or_default() {
                [value] => Ok(FieldRequirement {
                    key: field.key.clone(),
                    value: value.clone(),
                    equals,
                }),
                values => Err(format!(
                    "{at}.values: Invalid value: {values:?}: must have one element"
                )),
            }
        })
        .collect()
}

/// `nodeSelectorTerm.match`: labels AND fields; fields are ignored for a nameless node, whose
/// field set is empty.
fn term_matches(term: &Term, node: &Node) -> bool {
    let Term::Valid { labels, fields } = term else {
        return false;
    };
    let node_labels = node.metadata.labels.as_ref();
    if let Some(requirements) = labels {
        if !requirements.iter().all(|r| r.matches(node_labels)) {
            return false;
        }
    }
    let name = node.metadata.name.as_deref().unwrap_or_default();
    if let Some(requirements) = fields {
        if !name.is_empty() {
            let ok = requirements.iter().all(|r| {
                let have = if r.key == NODE_NAME_FIELD { name } else { "" };
                (have == r.value) == r.equals
            });
            if !ok {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::{NodeAffinity, NodeSelector};
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn node(name: &str, labels: &[(&str, &str)]) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some(
                    labels
                        .iter()
                        .map(|(k, v)| ((*k).into(), (*v).into()))
                        .collect(),
                ),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: Some(values.iter().map(|v| (*v).into()).collect()),
        }
    }

    fn affinity(terms: Vec<NodeSelectorTerm>) -> Affinity {
        Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: terms,
                }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn exprs(reqs: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm {
            match_expressions: Some(reqs),
            match_fields: None,
        }
    }

    fn fields(reqs: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm {
            match_expressions: None,
            match_fields: Some(reqs),
        }
    }

    #[test]
    fn nil_required_matches_and_empty_terms_match_nothing() {
        let n = node("n", &[]);
        assert!(RequiredNodeAffinity::new(None, None).matches(&n));
        let empty = affinity(vec![]);
        assert!(!RequiredNodeAffinity::new(None, Some(&empty)).matches(&n));
        let only_empty = affinity(vec![NodeSelectorTerm::default()]);
        assert!(!RequiredNodeAffinity::new(None, Some(&only_empty)).matches(&n));
    }

    #[test]
    fn invalid_terms_never_match_but_later_terms_can() {
        let n = node("n", &[("foo", "bar")]);
        let invalid_notin = affinity(vec![exprs(vec![req(
            "foo",
            "NotIn",
            &["invalid value: ___@#$%^"],
        )])]);
        let a = RequiredNodeAffinity::new(None, Some(&invalid_notin));
        assert!(!a.matches(&n));
        assert!(matches!(
            a.explain(&n).as_slice(),
            [Detail::NodeAffinityTermsMismatch { terms: 1, invalid }] if invalid.len() == 1
        ));
        let two = affinity(vec![
            fields(vec![req(NODE_NAME_FIELD, "In", &["n", "m"])]),
            exprs(vec![req("foo", "In", &["bar"])]),
        ]);
        assert!(RequiredNodeAffinity::new(None, Some(&two)).matches(&n));
    }

    #[test]
    fn match_fields_rules() {
        let n = node("n", &[]);
        let by_name = affinity(vec![fields(vec![req(NODE_NAME_FIELD, "In", &["n"])])]);
        assert!(RequiredNodeAffinity::new(None, Some(&by_name)).matches(&n));
        assert!(!RequiredNodeAffinity::new(None, Some(&by_name)).matches(&node("m", &[])));
        assert!(
            RequiredNodeAffinity::new(None, Some(&by_name)).matches(&node("", &[])),
            "fields are ignored for a nameless node"
        );
        let unknown_notin = affinity(vec![fields(vec![req("spec.x", "NotIn", &["x"])])]);
        assert!(RequiredNodeAffinity::new(None, Some(&unknown_notin)).matches(&n));
        let exists = affinity(vec![fields(vec![req(NODE_NAME_FIELD, "Exists", &[])])]);
        assert!(!RequiredNodeAffinity::new(None, Some(&exists)).matches(&n));
    }

    #[test]
    fn node_selector_is_exact_and_explained() {
        let selector: BTreeMap<String, String> = [("zone".to_owned(), String::new())].into();
        let a = RequiredNodeAffinity::new(Some(&selector), None);
        assert!(a.matches(&node("n", &[("zone", "")])));
        let n = node("n", &[("zone", "a")]);
        assert!(!a.matches(&n));
        assert_eq!(
            a.explain(&n),
            vec![Detail::NodeSelectorMismatch {
                key: "zone".into(),
                want: String::new(),
                have: Some("a".into())
            }]
        );
        assert!(RequiredNodeAffinity::daemon_pod(None, "n").matches(&n));
        assert!(!RequiredNodeAffinity::daemon_pod(None, "m").matches(&n));
    }
}
