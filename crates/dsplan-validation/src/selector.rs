//! Label selectors on a DaemonSet: syntax (apimachinery `meta/v1/validation`
//! `ValidateLabelSelector`), conversion and matching (`metav1.LabelSelectorAsSelector`,
//! `labels.Selector.Matches`), and the selector rules of `ValidateDaemonSetSpec`.

use crate::field_error::FieldError;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    LabelSelector, LabelSelectorRequirement,
};
use dsplan_model::FieldPath;
use std::collections::BTreeMap;

/// The selector rules of `ValidateDaemonSetSpec`, in upstream order: selector syntax, then
/// "selector does not match template labels" (a missing selector matches nothing, so it is
/// reported this way too), then "empty selector is invalid for daemonset".
///
/// `selector` is `None` when the object had no `spec.selector` at all; k8s-openapi cannot
/// represent that, so readers of text pass it explicitly.
pub fn validate_selector(
    selector: Option<&LabelSelector>,
    template_labels: Option<&BTreeMap<String, String>>,
) -> Vec<FieldError> {
    let path = FieldPath::new("spec.selector");
    let mut errors = selector.map_or_else(Vec::new, |s| validate_label_selector(s, &path));
    // LabelSelectorAsSelector: nil converts to "nothing", an invalid selector fails to convert
    // (and then upstream skips the match check).
    let matches = match selector {
        None => Some(false),
        Some(s) if converts(s) => Some(selector_matches(s, template_labels)),
        Some(_) => None,
    };
    if matches == Some(false) {
        let rendered = template_labels.map_or_else(
            || "null".to_owned(),
            |labels| serde_json::to_string(labels).unwrap_or_default(),
        );
        errors.push(FieldError::invalid(
            &FieldPath::new("spec.template.metadata.labels"),
            &rendered,
            "`selector` does not match template `labels`",
        ));
    }
    if let Some(s) = selector {
        if requirement_count(s) == 0 {
            errors.push(FieldError::invalid(
                &path,
                &render_selector(s),
                "empty selector is invalid for daemonset",
            ));
        }
    }
    errors
}

/// Whether `labels` satisfy every matchLabels entry and matchExpressions requirement
/// (`labels.Selector.Matches`). An empty selector matches everything. Operators other than
/// `In`, `NotIn`, `Exists` and `DoesNotExist` match nothing.
pub fn selector_matches(
    selector: &LabelSelector,
    labels: Option<&BTreeMap<String, String>>,
) -> bool {
    let get = |key: &str| labels.and_then(|l| l.get(key));
    let labels_ok = selector
        .match_labels
        .iter()
        .flatten()
        .all(|(key, value)| get(key) == Some(value));
    labels_ok
        && selector
            .match_expressions
            .iter()
            .flatten()
            .all(|req| requirement_matches(req, get(&req.key)))
}

fn requirement_matches(req: &LabelSelectorRequirement, value: Option<&String>) -> bool {
    let values = req.values.as_deref().unwrap_or_default();
    match req.operator.as_str() {
        "In" => value.is_some_and(|v| values.contains(v)),
        "NotIn" => value.is_none_or(|v| !values.contains(v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        _ => false,
    }
}

/// `ValidateLabelSelector` (operator and values rules; label key and value syntax is not
/// checked).
fn validate_label_selector(selector: &LabelSelector, path: &FieldPath) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for (i, req) in selector.match_expressions.iter().flatten().enumerate() {
        let req_path = path.field("matchExpressions").index(i);
        let has_values = req.values.as_ref().is_some_and(|v| !v.is_empty());
        match req.operator.as_str() {
            "In" | "NotIn" if !has_values => errors.push(FieldError::required(
                &req_path.field("values"),
                "must be specified when `operator` is 'In' or 'NotIn'",
            )),
            "Exists" | "DoesNotExist" if has_values => errors.push(FieldError::forbidden(
                &req_path.field("values"),
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            )),
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => errors.push(FieldError::invalid(
                &req_path.field("operator"),
                &serde_json::Value::String(other.to_owned()).to_string(),
                "not a valid selector operator",
            )),
        }
    }
    errors
}

/// Whether `LabelSelectorAsSelector` converts the selector without error: every requirement
/// has a known operator with the values it needs.
fn converts(selector: &LabelSelector) -> bool {
    selector.match_expressions.iter().flatten().all(|req| {
        let count = req.values.as_ref().map_or(0, Vec::len);
        match req.operator.as_str() {
            "In" | "NotIn" => count > 0,
            "Exists" | "DoesNotExist" => count == 0,
            _ => false,
        }
    })
}

fn requirement_count(selector: &LabelSelector) -> usize {
    selector.match_labels.as_ref().map_or(0, BTreeMap::len)
        + selector.match_expressions.as_ref().map_or(0, Vec::len)
}

/// A selector as Go's JSON encoder prints `metav1.LabelSelector`: empty fields are omitted.
pub(crate) fn render_selector(selector: &LabelSelector) -> String {
    let mut object = serde_json::Map::new();
    if let Some(labels) = selector.match_labels.as_ref().filter(|l| !l.is_empty()) {
        object.insert(
            "matchLabels".to_owned(),
            serde_json::to_value(labels).unwrap_or_default(),
        );
    }
    if let Some(exprs) = selector
        .match_expressions
        .as_ref()
        .filter(|e| !e.is_empty())
    {
        let rendered: Vec<serde_json::Value> = exprs
            .iter()
            .map(|req| {
                let mut r = serde_json::Map::new();
                r.insert("key".to_owned(), req.key.clone().into());
                r.insert("operator".to_owned(), req.operator.clone().into());
                if let Some(values) = req.values.as_ref().filter(|v| !v.is_empty()) {
                    r.insert("values".to_owned(), values.clone().into());
                }
                serde_json::Value::Object(r)
            })
            .collect();
        object.insert("matchExpressions".to_owned(), rendered.into());
    }
    serde_json::Value::Object(object).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn expr(key: &str, op: &str, values: &[&str]) -> LabelSelectorRequirement {
        LabelSelectorRequirement {
            key: key.to_owned(),
            operator: op.to_owned(),
            values: Some(values.iter().map(|v| (*v).to_owned()).collect()),
        }
    }

    #[test]
    fn matches_expressions_like_upstream() {
        let l = labels(&[("app", "x"), ("tier", "web")]);
        let sel = LabelSelector {
            match_labels: Some(labels(&[("app", "x")])),
            match_expressions: Some(vec![
                expr("tier", "In", &["web", "db"]),
                expr("gone", "DoesNotExist", &[]),
                expr("env", "NotIn", &["prod"]),
            ]),
        };
        assert!(selector_matches(&sel, Some(&l)));
        assert!(!selector_matches(&sel, None));
        assert!(selector_matches(&LabelSelector::default(), None));
    }

    #[test]
    fn missing_selector_is_a_label_mismatch() {
        let l = labels(&[("a", "b")]);
        let errors: Vec<String> = validate_selector(None, Some(&l))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            ["spec.template.metadata.labels: Invalid value: {\"a\":\"b\"}: `selector` does not match template `labels`"]
        );
    }

    #[test]
    fn empty_and_malformed_selectors() {
        let errors: Vec<String> = validate_selector(Some(&LabelSelector::default()), None)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            ["spec.selector: Invalid value: {}: empty selector is invalid for daemonset"]
        );
        let bad = LabelSelector {
            match_expressions: Some(vec![expr("a", "Near", &[]), expr("b", "In", &[])]),
            ..Default::default()
        };
        let errors: Vec<String> = validate_selector(Some(&bad), None)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            [
                "spec.selector.matchExpressions[0].operator: Invalid value: \"Near\": not a valid selector operator",
                "spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            ]
        );
    }
}
