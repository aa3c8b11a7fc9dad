//! Label selectors in a policy (which nodes, which DaemonSets), matched with apimachinery's
//! `labels.Selector.Matches` semantics through `dsplan-validation`.

use std::collections::BTreeMap;
use std::fmt;

use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    LabelSelector, LabelSelectorRequirement,
};

/// A validated label selector: every `matchLabels` entry and every requirement must hold; an
/// empty selector matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selector {
    /// `key: value` pairs the labels must have.
    pub match_labels: BTreeMap<String, String>,
    /// Set-based requirements.
    pub match_expressions: Vec<Requirement>,
}

/// One `matchExpressions` entry, with an operator already checked to be `In`, `NotIn`,
/// `Exists` or `DoesNotExist`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// Label key.
    pub key: String,
    /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
    pub operator: String,
    /// Values for `In` and `NotIn`.
    pub values: Vec<String>,
}

impl Selector {
    /// Whether `labels` satisfy the selector.
    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        dsplan_validation::selector_matches(&self.to_label_selector(), labels)
    }

    fn to_label_selector(&self) -> LabelSelector {
        LabelSelector {
            match_labels: Some(self.match_labels.clone()),
            match_expressions: Some(
                self.match_expressions
                    .iter()
                    .map(|r| LabelSelectorRequirement {
                        key: r.key.clone(),
                        operator: r.operator.clone(),
                        values: Some(r.values.clone()),
                    })
                    .collect(),
            ),
        }
    }
}

impl fmt::Display for Selector {
    /// The `kubectl -l` form: `kubernetes.io/os=linux,gpu in (a100,h100),!spot`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = self
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        parts.extend(
            self.match_expressions
                .iter()
                .map(|r| match r.operator.as_str() {
                    "In" => format!("{} in ({})", r.key, r.values.join(",")),
                    "NotIn" => format!("{} notin ({})", r.key, r.values.join(",")),
                    "DoesNotExist" => format!("!{}", r.key),
                    _ => r.key.clone(),
                }),
        );
        if parts.is_empty() {
            f.write_str("(all)")
        } else {
            f.write_str(&parts.join(","))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_labels_and_expressions() {
        let selector = Selector {
            match_labels: BTreeMap::from([("kubernetes.io/os".into(), "linux".into())]),
            match_expressions: vec![Requirement {
                key: "gpu".into(),
                operator: "DoesNotExist".into(),
                values: vec![],
            }],
        };
        let linux = BTreeMap::from([("kubernetes.io/os".to_owned(), "linux".to_owned())]);
        let mut gpu = linux.clone();
        gpu.insert("gpu".into(), "a100".into());
        assert!(selector.matches(Some(&linux)));
        assert!(!selector.matches(Some(&gpu)));
        assert!(!selector.matches(None));
        assert!(Selector::default().matches(None));
        assert_eq!(selector.to_string(), "kubernetes.io/os=linux,!gpu");
    }
}
