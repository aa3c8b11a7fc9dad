//! The policy file format (`apiVersion: dsplan.dev/v1`, `kind: Policy`) and its parser.
//!
//! [`parse_policy`] reads YAML or JSON into a [`Policy`]; every error names the field path
//! (`spec.rules[2].severity`) and, where the parser knows it, the line. The wire types here are
//! private; callers see only the validated [`Policy`] and [`Rule`].

use std::collections::BTreeMap;

use dsplan_snapshot::yaml;
use serde::Deserialize;

use crate::error::PolicyError;
use crate::glob::Glob;
use crate::rule::{Check, DaemonSetFilter, RolloutLimits, Rule, Severity};
use crate::selector::{Requirement, Selector};

/// The only `apiVersion` this version of dsplan reads.
pub const API_VERSION: &str = "dsplan.dev/v1";
/// The only `kind` a policy file has.
pub const KIND: &str = "Policy";

/// A validated policy: a name and its rules, in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// `metadata.name`, or the name the file was given when it has none.
    pub name: String,
    /// `metadata.description`, when given.
    pub description: Option<String>,
    /// The rules, in file order; ids are unique.
    pub rules: Vec<Rule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PolicyDoc {
    api_version: String,
    kind: String,
    #[serde(default)]
    metadata: Option<MetadataDoc>,
    spec: SpecDoc,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MetadataDoc {
    name: String,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SpecDoc {
    rules: Vec<RuleDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RuleDoc {
    id: String,
    severity: Severity,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    applies_to: Option<AppliesToDoc>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    coverage: Option<NodesDoc>,
    #[serde(default)]
    avoid: Option<NodesDoc>,
    #[serde(default)]
    family: Option<FamilyDoc>,
    #[serde(default)]
    fit: Option<FitDoc>,
    #[serde(default)]
    rollout: Option<RolloutDoc>,
    #[serde(default)]
    requests: Option<RequestsDoc>,
    #[serde(default)]
    priority_class: Option<PriorityClassDoc>,
    #[serde(default)]
    tolerations: Option<EmptyDoc>,
    #[serde(default)]
    selector_overlap: Option<EmptyDoc>,
    #[serde(default)]
    api_version: Option<EmptyDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AppliesToDoc {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    selector: Option<SelectorDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SelectorDoc {
    #[serde(default)]
    match_labels: BTreeMap<String, String>,
    #[serde(default)]
    match_expressions: Vec<RequirementDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RequirementDoc {
    key: String,
    operator: String,
    #[serde(default)]
    values: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NodesDoc {
    #[serde(default)]
    nodes: Option<SelectorDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FamilyDoc {
    members: Vec<String>,
    #[serde(default)]
    nodes: Option<SelectorDoc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FitDoc {
    #[serde(default)]
    min_headroom_percent: Option<u8>,
    #[serde(default)]
    resources: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RolloutDoc {
    #[serde(default)]
    max_unavailable: Option<IntOrPercentDoc>,
    #[serde(default)]
    max_waves: Option<u32>,
    #[serde(default)]
    max_minutes: Option<u32>,
    #[serde(default = "yes")]
    forbid_surge_host_port_deadlock: bool,
    #[serde(default = "yes")]
    forbid_stuck_nodes: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IntOrPercentDoc {
    Int(u32),
    Text(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RequestsDoc {
    #[serde(default)]
    resources: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PriorityClassDoc {
    #[serde(default)]
    allowed: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmptyDoc {}

fn yes() -> bool {
    true
}

/// The rule kinds, as the keys that select them in a rule.
const KIND_KEYS: [&str; 10] = [
    "coverage",
    "avoid",
    "family",
    "fit",
    "rollout",
    "requests",
    "priorityClass",
    "tolerations",
    "selectorOverlap",
    "apiVersion",
];

/// Parses a policy file (YAML or JSON). `name` is the file name as the user gave it; it is
/// used in errors and as the policy name when `metadata.name` is absent. YAML is read as
/// kubectl reads it (YAML 1.1 scalars: `yes` is `true`, `0755` is 493).
pub fn parse_policy(name: &str, text: &str) -> Result<Policy, PolicyError> {
    let error_at = |path: Option<String>, error: &yaml::Error| PolicyError {
        file: name.to_owned(),
        path,
        line: error.mark().map(yaml::Mark::line),
        column: error.mark().map(yaml::Mark::column),
        message: error.message().to_owned(),
    };
    let document = yaml::single(text).map_err(|error| error_at(None, &error))?;
    let doc: PolicyDoc = serde_path_to_error::deserialize(document).map_err(|error| {
        let path = holder_path(error.path(), error.inner().message());
        error_at((path != ".").then_some(path), error.inner())
    })?;
    build(name, doc)
}

/// The printed path of an error. serde_path_to_error files an unknown field under its own
/// name; the error is reported at the object that holds it.
fn holder_path(path: &serde_path_to_error::Path, message: &str) -> String {
    let printed = path.to_string();
    if let Some(serde_path_to_error::Segment::Map { key }) = path.iter().next_back() {
        if message.starts_with(&format!("unknown field `{key}`")) {
            let holder = printed
                .strip_suffix(key.as_str())
                .map(|rest| rest.strip_suffix('.').unwrap_or(rest));
            return match holder {
                Some("") => ".".to_owned(),
                Some(holder) => holder.to_owned(),
                None => printed,
            };
        }
    }
    printed
}

fn build(name: &str, doc: PolicyDoc) -> Result<Policy, PolicyError> {
    let fail = |path: String, message: String| PolicyError::at(name, path, message);
    if doc.api_version != API_VERSION {
        return Err(fail(
            "apiVersion".into(),
            format!(
                "Unsupported value: {:?}: supported values: {API_VERSION:?}",
                doc.api_version
            ),
        ));
    }
    if doc.kind != KIND {
        return Err(fail(
            "kind".into(),
            format!(
                "Unsupported value: {:?}: supported values: {KIND:?}",
                doc.kind
            ),
        ));
    }
    let mut rules: Vec<Rule> = Vec::with_capacity(doc.spec.rules.len());
    for (index, rule) in doc.spec.rules.into_iter().enumerate() {
        let path = format!("spec.rules[{index}]");
        let rule = build_rule(name, &path, rule)?;
        if rules.iter().any(|r| r.id == rule.id) {
            return Err(fail(
                format!("{path}.id"),
                format!("Duplicate value: {:?}", rule.id),
            ));
        }
        rules.push(rule);
    }
    let (policy_name, description) = match doc.metadata {
        Some(m) => (m.name, m.description),
        None => (name.to_owned(), None),
    };
    Ok(Policy {
        name: policy_name,
        description,
        rules,
    })
}

fn build_rule(file: &str, path: &str, doc: RuleDoc) -> Result<Rule, PolicyError> {
    let fail =
        |field: &str, message: String| PolicyError::at(file, format!("{path}{field}"), message);
    if !is_rule_id(&doc.id) {
        return Err(fail(
            ".id",
            format!(
                "Invalid value: {:?}: a rule id must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                doc.id
            ),
        ));
    }
    let present: Vec<&str> = [
        doc.coverage.is_some(),
        doc.avoid.is_some(),
        doc.family.is_some(),
        doc.fit.is_some(),
        doc.rollout.is_some(),
        doc.requests.is_some(),
        doc.priority_class.is_some(),
        doc.tolerations.is_some(),
        doc.selector_overlap.is_some(),
        doc.api_version.is_some(),
    ]
    .iter()
    .zip(KIND_KEYS)
    .filter_map(|(set, key)| set.then_some(key))
    .collect();
    if present.len() != 1 {
        return Err(fail(
            "",
            format!(
                "a rule must set exactly one of {}; found {}",
                KIND_KEYS.join(", "),
                if present.is_empty() {
                    "none".to_owned()
                } else {
                    present.join(", ")
                }
            ),
        ));
    }
    let nodes = |doc: Option<SelectorDoc>, field: &str| -> Result<Option<Selector>, PolicyError> {
        doc.map(|s| build_selector(file, &format!("{path}{field}"), s))
            .transpose()
    };
    let resources = |list: Option<Vec<String>>, field: &str| -> Result<Vec<String>, PolicyError> {
        match list {
            None => Ok(vec!["cpu".to_owned(), "memory".to_owned()]),
            Some(list) if list.is_empty() => Err(fail(
                field,
                "Required value: at least one resource name".into(),
            )),
            Some(list) => Ok(list),
        }
    };
    let check = if let Some(c) = doc.coverage {
        Check::Coverage {
            nodes: nodes(c.nodes, ".coverage.nodes")?,
        }
    } else if let Some(c) = doc.avoid {
        let Some(selector) = nodes(c.nodes, ".avoid.nodes")? else {
            return Err(fail(".avoid.nodes", "Required value".into()));
        };
        Check::Avoid { nodes: selector }
    } else if let Some(f) = doc.family {
        if f.members.is_empty() {
            return Err(fail(
                ".family.members",
                "Required value: at least one namespace/name glob".into(),
            ));
        }
        let members = globs(file, &format!("{path}.family.members"), f.members)?;
        Check::Family {
            members,
            nodes: nodes(f.nodes, ".family.nodes")?,
        }
    } else if let Some(f) = doc.fit {
        if let Some(percent) = f.min_headroom_percent.filter(|p| *p > 100) {
            return Err(fail(
                ".fit.minHeadroomPercent",
                format!("Invalid value: {percent}: must be between 0 and 100, inclusive"),
            ));
        }
        Check::Fit {
            min_headroom_percent: f.min_headroom_percent,
            resources: resources(f.resources, ".fit.resources")?,
        }
    } else if let Some(r) = doc.rollout {
        let max_unavailable = r
            .max_unavailable
            .map(|v| build_int_or_percent(file, &format!("{path}.rollout.maxUnavailable"), v))
            .transpose()?;
        Check::Rollout(RolloutLimits {
            max_unavailable,
            max_waves: r.max_waves,
            max_minutes: r.max_minutes,
            forbid_surge_host_port_deadlock: r.forbid_surge_host_port_deadlock,
            forbid_stuck_nodes: r.forbid_stuck_nodes,
        })
    } else if let Some(r) = doc.requests {
        Check::Requests {
            resources: resources(r.resources, ".requests.resources")?,
        }
    } else if let Some(p) = doc.priority_class {
        Check::PriorityClass { allowed: p.allowed }
    } else if doc.tolerations.is_some() {
        Check::Tolerations
    } else if doc.selector_overlap.is_some() {
        Check::SelectorOverlap
    } else {
        Check::ApiVersion
    };
    let applies_to = match doc.applies_to {
        None => DaemonSetFilter::default(),
        Some(a) => DaemonSetFilter {
            names: globs(file, &format!("{path}.appliesTo.names"), a.names)?,
            selector: a
                .selector
                .map(|s| build_selector(file, &format!("{path}.appliesTo.selector"), s))
                .transpose()?,
        },
    };
    Ok(Rule {
        id: doc.id,
        severity: doc.severity,
        description: doc.description,
        applies_to,
        exceptions: globs(file, &format!("{path}.exceptions"), doc.exceptions)?,
        check,
    })
}

/// Kubernetes DNS-label shape: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters.
fn is_rule_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    let alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes.first().is_some_and(alnum)
        && bytes.last().is_some_and(alnum)
        && bytes.iter().all(|b| alnum(b) || *b == b'-')
}

fn globs(file: &str, path: &str, patterns: Vec<String>) -> Result<Vec<Glob>, PolicyError> {
    patterns
        .into_iter()
        .enumerate()
        .map(|(i, pattern)| {
            Glob::new(&pattern)
                .map_err(|message| PolicyError::at(file, format!("{path}[{i}]"), message))
        })
        .collect()
}

fn build_selector(file: &str, path: &str, doc: SelectorDoc) -> Result<Selector, PolicyError> {
    let mut requirements = Vec::with_capacity(doc.match_expressions.len());
    for (i, req) in doc.match_expressions.into_iter().enumerate() {
        let at = |field: &str| format!("{path}.matchExpressions[{i}]{field}");
        let has_values = !req.values.is_empty();
        // The rules of apimachinery `ValidateLabelSelectorRequirement`, with its messages.
        match req.operator.as_str() {
            "In" | "NotIn" if !has_values => {
                return Err(PolicyError::at(
                    file,
                    at(".values"),
                    "Required value: must be specified when `operator` is 'In' or 'NotIn'".into(),
                ))
            }
            "Exists" | "DoesNotExist" if has_values => {
                return Err(PolicyError::at(
                    file,
                    at(".values"),
                    "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"
                        .into(),
                ))
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            other => {
                return Err(PolicyError::at(
                    file,
                    at(".operator"),
                    format!("Invalid value: {other:?}: not a valid selector operator"),
                ))
            }
        }
        requirements.push(Requirement {
            key: req.key,
            operator: req.operator,
            values: req.values,
        });
    }
    Ok(Selector {
        match_labels: doc.match_labels,
        match_expressions: requirements,
    })
}

fn build_int_or_percent(
    file: &str,
    path: &str,
    doc: IntOrPercentDoc,
) -> Result<crate::rule::IntOrPercent, PolicyError> {
    use crate::rule::IntOrPercent;
    match doc {
        IntOrPercentDoc::Int(n) => Ok(IntOrPercent::Int(n)),
        IntOrPercentDoc::Text(text) => text
            .strip_suffix('%')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| *n <= 100)
            .map(IntOrPercent::Percent)
            .ok_or_else(|| {
                PolicyError::at(
                    file,
                    path.to_owned(),
                    format!(
                        "Invalid value: {text:?}: must be a non-negative integer or a percent from 0% to 100%"
                    ),
                )
            }),
    }
}
