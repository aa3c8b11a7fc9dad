//! Label selectors and required node affinity (`dsplan_core::label_selector`,
//! `dsplan_core::node_affinity`) built from fuzzer-chosen keys, operators and values, matched
//! against a fuzzer-chosen node. Invariants: a selector that builds matches deterministically;
//! an affinity that does not match a node always explains why.
#![no_main]

use arbitrary::Arbitrary;
use dsplan_core::label_selector::{label_selector_as_selector, Operator, Requirement};
use dsplan_core::node_affinity::RequiredNodeAffinity;
use dsplan_model::k8s_openapi::api::core::v1::{
    Affinity, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    LabelSelector, LabelSelectorRequirement, ObjectMeta,
};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

const WORDS: &[&str] = &[
    "",
    "In",
    "NotIn",
    "Exists",
    "DoesNotExist",
    "Gt",
    "Lt",
    "in",
    "a",
    "b",
    "1",
    "-1",
    "0204",
    "9223372036854775807",
    "9223372036854775808",
    "+5",
    "kubernetes.io/os",
    "linux",
    "metadata.name",
    "worker-1",
    "a/b/c",
    "/a",
    "a/",
    "Upper.Case/a",
    "-a",
    "a-",
    "a_b.c",
    "x.y.z/name",
    "0123456789012345678901234567890123456789012345678901234567890123",
];

#[derive(Debug, Arbitrary)]
enum Word {
    Known(u8),
    Raw(String),
}

impl Word {
    fn text(&self) -> String {
        match self {
            Word::Known(i) => WORDS[usize::from(*i) % WORDS.len()].to_owned(),
            Word::Raw(text) => text.clone(),
        }
    }
}

#[derive(Debug, Arbitrary)]
struct Expression {
    key: Word,
    operator: Word,
    values: Option<Vec<Word>>,
}

#[derive(Debug, Arbitrary)]
struct Term {
    expressions: Option<Vec<Expression>>,
    fields: Option<Vec<Expression>>,
}

#[derive(Debug, Arbitrary)]
struct Case {
    match_labels: Option<Vec<(Word, Word)>>,
    match_expressions: Option<Vec<Expression>>,
    node_selector: Option<Vec<(Word, Word)>>,
    terms: Option<Vec<Term>>,
    node_name: Option<Word>,
    node_labels: Option<Vec<(Word, Word)>>,
    requirement: (Word, u8, Vec<Word>),
}

fn map(pairs: &[(Word, Word)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.text(), v.text())).collect()
}

fn texts(words: &[Word]) -> Vec<String> {
    words.iter().map(Word::text).collect()
}

fn label_requirement(e: &Expression) -> LabelSelectorRequirement {
    LabelSelectorRequirement {
        key: e.key.text(),
        operator: e.operator.text(),
        values: e.values.as_deref().map(texts),
    }
}

fn node_requirement(e: &Expression) -> NodeSelectorRequirement {
    NodeSelectorRequirement {
        key: e.key.text(),
        operator: e.operator.text(),
        values: e.values.as_deref().map(texts),
    }
}

fuzz_target!(|case: Case| {
    let labels = case.node_labels.as_deref().map(map);
    let node = Node {
        metadata: ObjectMeta {
            name: case.node_name.as_ref().map(Word::text),
            labels: labels.clone(),
            ..Default::default()
        },
        ..Default::default()
    };

    let selector = LabelSelector {
        match_labels: case.match_labels.as_deref().map(map),
        match_expressions: case
            .match_expressions
            .as_ref()
            .map(|e| e.iter().map(label_requirement).collect()),
    };
    if let Ok(selector) = label_selector_as_selector(&selector) {
        let matched = selector.matches(labels.as_ref());
        assert_eq!(selector.matches(labels.as_ref()), matched);
    }

    let operators = [
        Operator::In,
        Operator::NotIn,
        Operator::Exists,
        Operator::DoesNotExist,
        Operator::Gt,
        Operator::Lt,
    ];
    let (key, operator, values) = &case.requirement;
    let operator = operators[usize::from(*operator) % operators.len()];
    if let Ok(requirement) = Requirement::new(&key.text(), operator, &texts(values)) {
        let _ = requirement.matches(labels.as_ref());
    }

    let node_selector = case.node_selector.as_deref().map(map);
    let affinity = case.terms.as_ref().map(|terms| Affinity {
        node_affinity: Some(NodeAffinity {
            required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                node_selector_terms: terms
                    .iter()
                    .map(|t| NodeSelectorTerm {
                        match_expressions: t
                            .expressions
                            .as_ref()
                            .map(|e| e.iter().map(node_requirement).collect()),
                        match_fields: t
                            .fields
                            .as_ref()
                            .map(|e| e.iter().map(node_requirement).collect()),
                    })
                    .collect(),
            }),
            ..Default::default()
        }),
        ..Default::default()
    });
    let required = RequiredNodeAffinity::new(node_selector.as_ref(), affinity.as_ref());
    if !required.matches(&node) {
        assert!(
            !required.explain(&node).is_empty(),
            "the affinity does not match but explains nothing"
        );
    }
    if let Some(name) = node.metadata.name.as_deref() {
        let daemon_pod = RequiredNodeAffinity::daemon_pod(node_selector.as_ref(), name);
        let selector_ok = node_selector.as_ref().is_none_or(|s| {
            s.iter()
                .all(|(k, v)| labels.as_ref().and_then(|l| l.get(k)) == Some(v))
        });
        assert_eq!(
            daemon_pod.matches(&node),
            selector_ok,
            "the daemon pod's injected name term must match its own node"
        );
    }
});
