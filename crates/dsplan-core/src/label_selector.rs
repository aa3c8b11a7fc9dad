//! Label requirements and selectors as apimachinery builds and matches them: key and value
//! syntax (`util/validation.IsQualifiedName`, `IsValidLabelValue`), `labels.NewRequirement` and
//! `Requirement.Matches` (`pkg/labels/selector.go`), and `metav1.LabelSelectorAsSelector`
//! (`pkg/apis/meta/v1/helpers.go`) for DaemonSet selectors.

use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use std::collections::BTreeMap;

/// A label requirement operator (`selection.Operator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operator {
    /// `in` (and `=`, `==`: one value).
    In,
    /// `notin`.
    NotIn,
    /// `exists`.
    Exists,
    /// `!` (does not exist).
    DoesNotExist,
    /// `gt`: integer comparison.
    Gt,
    /// `lt`: integer comparison.
    Lt,
}

/// One validated requirement on a label (`labels.Requirement`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: Vec<String>,
}

impl Requirement {
    /// `labels.NewRequirement`: validates the key, the number of values for the operator, the
    /// integer value of `Gt`/`Lt`, and every value's label syntax. The error is upstream's
    /// message for the first problem.
    pub fn new(key: &str, operator: Operator, values: &[String]) -> Result<Self, String> {
        if let Err(error) = validate_label_key(key) {
            return Err(format!("key: Invalid value: {key:?}: {error}"));
        }
        match operator {
            Operator::In | Operator::NotIn if values.is_empty() => {
                return Err(
                    "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"
                        .to_owned(),
                );
            }
            Operator::Exists | Operator::DoesNotExist if !values.is_empty() => {
                return Err(format!(
                    "values: Invalid value: {values:?}: values set must be empty for exists and does not exist"
                ));
            }
            Operator::Gt | Operator::Lt => {
                if values.len() != 1 {
                    return Err(format!(
                        "values: Invalid value: {values:?}: for 'Gt', 'Lt' operators, exactly one value is required"
                    ));
                }
                if values[0].parse::<i64>().is_err() {
                    return Err(format!(
                        "values[0]: Invalid value: {:?}: for 'Gt', 'Lt' operators, the value must be an integer",
                        values[0]
                    ));
                }
            }
            _ => {}
        }
        for (i, value) in values.iter().enumerate() {
            if let Err(error) = validate_label_value(value) {
                return Err(format!("values[{i}]: Invalid value: {value:?}: {error}"));
            }
        }
        Ok(Self {
            key: key.to_owned(),
            operator,
            values: values.to_vec(),
        })
    }

    /// An `Equals` requirement built without validation (`labels.SelectorFromSet`).
    pub fn equals_unvalidated(key: &str, value: &str) -> Self {
        Self {
            key: key.to_owned(),
            operator: Operator::In,
            values: vec![value.to_owned()],
        }
    }

    /// `Requirement.Matches`.
    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        let value = labels.and_then(|l| l.get(&self.key));
        match self.operator {
            Operator::In => value.is_some_and(|v| self.values.contains(v)),
            Operator::NotIn => value.is_none_or(|v| !self.values.contains(v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
            Operator::Gt | Operator::Lt => {
                // Both sides parse as int64 (Go `strconv.ParseInt`, which like Rust's parser
                // accepts a sign and leading zeros); any failure is a non-match.
                let (Some(Ok(have)), Some(Ok(want))) = (
                    value.map(|v| v.parse::<i64>()),
                    self.values.first().map(|v| v.parse::<i64>()),
                ) else {
                    return false;
                };
                if self.operator == Operator::Gt {
                    have > want
                } else {
                    have < want
                }
            }
        }
    }
}

/// A label selector: the AND of its requirements; without any it selects everything. (A nil
/// selector, `labels.Nothing()`, cannot occur: k8s-openapi's `spec.selector` is not optional.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(Vec<Requirement>);

impl Selector {
    /// `labels.Selector.Matches`.
    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        self.0.iter().all(|r| r.matches(labels))
    }
}

/// `metav1.LabelSelectorAsSelector`: matchLabels as validated `Equals` requirements, then
/// matchExpressions (only `In`, `NotIn`, `Exists`, `DoesNotExist`). An empty selector selects
/// everything. The error is upstream's message for the first invalid entry.
pub fn label_selector_as_selector(selector: &LabelSelector) -> Result<Selector, String> {
    let mut requirements = Vec::new();
    for (key, value) in selector.match_labels.iter().flatten() {
        requirements.push(Requirement::new(
            key,
            Operator::In,
            std::slice::from_ref(value),
        )?);
    }
    for expression in selector.match_expressions.iter().flatten() {
        let operator = match expression.operator.as_str() {
            "In" => Operator::In,
            "NotIn" => Operator::NotIn,
            "Exists" => Operator::Exists,
            "DoesNotExist" => Operator::DoesNotExist,
            other => return Err(format!("{other:?} is not a valid label selector operator")),
        };
        let values = expression.values.as_deref().unwrap_or_default();
        requirements.push(Requirement::new(&expression.key, operator, values)?);
    }
    Ok(Selector(requirements))
}

const QUALIFIED_NAME_MAX: usize = 63;
const DNS1123_SUBDOMAIN_MAX: usize = 253;

/// `IsQualifiedName` for a label key: an optional DNS-1123 subdomain prefix and `/`, then a
/// name of at most 63 characters.
pub fn validate_label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.split('/').collect::<Vec<_>>().as_slice() {
        [name] => (None, *name),
        [prefix, name] => (Some(*prefix), *name),
        _ => {
            return Err("a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character with an optional DNS subdomain prefix and '/'".to_owned());
        }
    };
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            return Err("prefix part must be non-empty".to_owned());
        }
        if !is_dns1123_subdomain(prefix) {
            return Err("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character".to_owned());
        }
    }
    if name.is_empty() {
        return Err("name part must be non-empty".to_owned());
    }
    if name.len() > QUALIFIED_NAME_MAX {
        return Err("name part must be no more than 63 characters".to_owned());
    }
    if !is_label_token(name) {
        return Err("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character".to_owned());
    }
    Ok(())
}

/// `IsValidLabelValue`: empty, or at most 63 characters of the label-token syntax.
pub fn validate_label_value(value: &str) -> Result<(), String> {
    if value.len() > QUALIFIED_NAME_MAX {
        return Err("must be no more than 63 characters".to_owned());
    }
    if !value.is_empty() && !is_label_token(value) {
        return Err("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character".to_owned());
    }
    Ok(())
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
fn is_label_token(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// `IsDNS1123Subdomain`: dot-separated labels of `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 253.
pub(crate) fn is_dns1123_subdomain(text: &str) -> bool {
    text.len() <= DNS1123_SUBDOMAIN_MAX
        && text.split('.').all(|label| {
            let bytes = label.as_bytes();
            let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
            match (bytes.first(), bytes.last()) {
                (Some(first), Some(last)) => {
                    alnum(first) && alnum(last) && bytes.iter().all(|b| alnum(b) || *b == b'-')
                }
                _ => false,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn values(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn keys_and_values_follow_apimachinery_syntax() {
        assert!(validate_label_key("kubernetes.io/hostname").is_ok());
        assert!(validate_label_key("a").is_ok());
        assert!(validate_label_key("/a").is_err());
        assert!(validate_label_key("Upper.Case/a").is_err());
        assert!(validate_label_key("a/b/c").is_err());
        assert!(validate_label_key(&"x".repeat(64)).is_err());
        assert!(validate_label_value("").is_ok());
        assert!(validate_label_value("-5").is_err());
        assert!(validate_label_value("invalid value: ___@#$%^").is_err());
    }

    #[test]
    fn gt_and_lt_need_one_integer_value_that_is_also_a_label_value() {
        assert!(Requirement::new("k", Operator::Gt, &values(&["0204"])).is_ok());
        assert!(Requirement::new("k", Operator::Gt, &values(&["-5"])).is_err());
        assert!(Requirement::new("k", Operator::Lt, &values(&["x"])).is_err());
        assert!(Requirement::new("k", Operator::Lt, &values(&["1", "2"])).is_err());
        let gt = Requirement::new("k", Operator::Gt, &values(&["0204"])).expect("valid");
        assert!(gt.matches(Some(&labels(&[("k", "0206")]))));
        assert!(!gt.matches(Some(&labels(&[("k", "204")]))));
        assert!(!gt.matches(Some(&labels(&[("k", "abc")]))));
        assert!(!gt.matches(None));
    }

    #[test]
    fn notin_matches_an_absent_key() {
        let notin = Requirement::new("k", Operator::NotIn, &values(&["a"])).expect("valid");
        assert!(notin.matches(None));
        assert!(notin.matches(Some(&labels(&[("k", "b")]))));
        assert!(!notin.matches(Some(&labels(&[("k", "a")]))));
    }

    #[test]
    fn label_selector_conversion() {
        let empty = LabelSelector::default();
        let everything = label_selector_as_selector(&empty).expect("valid");
        assert!(everything.matches(None));
        let bad = LabelSelector {
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "k".into(),
                operator: "Gt".into(),
                values: Some(values(&["1"])),
            }]),
            ..Default::default()
        };
        assert_eq!(
            label_selector_as_selector(&bad),
            Err("\"Gt\" is not a valid label selector operator".to_owned())
        );
        let sel = LabelSelector {
            match_labels: Some(labels(&[("app", "x")])),
            ..Default::default()
        };
        let sel = label_selector_as_selector(&sel).expect("valid");
        assert!(sel.matches(Some(&labels(&[("app", "x"), ("b", "c")]))));
        assert!(!sel.matches(Some(&labels(&[("app", "y")]))));
    }
}
