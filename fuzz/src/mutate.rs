//! Structure-aware mutations of a valid example (`seeds/cluster.yaml` and
//! `seeds/daemonset.yaml`): the fuzzer picks nodes of the documents' tree and replaces, removes,
//! duplicates or adds values, drawing strings from a dictionary of the words Kubernetes objects
//! use (operators, effects, quantities, label keys, percentages) or from raw text. The mutated
//! documents are printed as JSON or YAML, so every input reaches the planner past the parser.

use arbitrary::Arbitrary;
use serde_json::{Map, Value};

/// The example cluster the mutations start from.
pub const CLUSTER: &str = include_str!("../seeds/cluster.yaml");
/// The example proposed DaemonSet the mutations start from.
pub const DAEMON_SET: &str = include_str!("../seeds/daemonset.yaml");

/// Words that steer mutations into the branches of the planner and the validation.
const WORDS: &[&str] = &[
    "",
    "In",
    "NotIn",
    "Exists",
    "DoesNotExist",
    "Gt",
    "Lt",
    "Equal",
    "NoSchedule",
    "PreferNoSchedule",
    "NoExecute",
    "True",
    "False",
    "Unknown",
    "Ready",
    "RollingUpdate",
    "OnDelete",
    "Always",
    "TCP",
    "UDP",
    "SCTP",
    "0.0.0.0",
    "::",
    "127.0.0.1",
    "Running",
    "Pending",
    "Succeeded",
    "Failed",
    "0",
    "1",
    "-1",
    "100m",
    "1.5Gi",
    "1e999",
    "1e-9",
    "0.0000000001",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999Ei",
    "0%",
    "25%",
    "100%",
    "101%",
    "-5%",
    "%",
    "apps/v1",
    "v1",
    "extensions/v1beta1",
    "apps/v1beta2",
    "List",
    "Node",
    "Pod",
    "DaemonSet",
    "ControllerRevision",
    "metadata.name",
    "kubernetes.io/os",
    "kubernetes.io/hostname",
    "node.kubernetes.io/not-ready",
    "node.kubernetes.io/unreachable",
    "node.kubernetes.io/unschedulable",
    "node.kubernetes.io/disk-pressure",
    "node.kubernetes.io/network-unavailable",
    "a/b/c",
    "/x",
    "UPPER/x",
    "worker-a",
    "worker-b",
    "win-1",
    "node-exporter",
    "monitoring",
    "ds-uid-1",
    "controller-revision-hash",
    "pod-template-generation",
    "system-node-critical",
    "2026-01-01T00:00:00Z",
    "not-a-time",
    "nvidia.com/gpu",
    "hugepages-2Mi",
    "ephemeral-storage",
];

/// What the fuzzer chooses: edits to apply in order, the text format, and feature gates.
#[derive(Debug, Arbitrary)]
pub struct Mutations {
    /// Edits, applied in order.
    pub edits: Vec<Edit>,
    /// Print the documents as YAML (else JSON).
    pub yaml: bool,
    /// Bits 0..=2: TaintTolerationComparisonOperators, PodLevelResources,
    /// InPlacePodLevelResourcesVerticalScaling switched to the opposite of their default.
    pub gates: u8,
}

/// One edit at the `at`-th node (pre-order, modulo the number of nodes).
#[derive(Debug, Arbitrary)]
pub struct Edit {
    at: u16,
    op: Op,
}

#[derive(Debug, Arbitrary)]
enum Op {
    Replace(Scalar),
    Remove,
    Duplicate,
    Insert(Word, Scalar),
    Wrap,
}

#[derive(Debug, Arbitrary)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Word(Word),
    Object,
    Array,
}

#[derive(Debug, Arbitrary)]
enum Word {
    Known(u8),
    Quantity(i32, u8),
    Raw(String),
}

impl Word {
    fn text(&self) -> String {
        match self {
            Word::Known(i) => WORDS[usize::from(*i) % WORDS.len()].to_owned(),
            Word::Quantity(n, suffix) => {
                const SUFFIXES: &[&str] = &["", "m", "n", "k", "Ki", "Mi", "Gi", "Ei", "E", "e3"];
                format!("{n}{}", SUFFIXES[usize::from(*suffix) % SUFFIXES.len()])
            }
            Word::Raw(text) => text.clone(),
        }
    }
}

impl Scalar {
    fn value(&self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(*b),
            Scalar::Int(i) => Value::from(*i),
            Scalar::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Scalar::Word(word) => Value::String(word.text()),
            Scalar::Object => Value::Object(Map::new()),
            Scalar::Array => Value::Array(Vec::new()),
        }
    }
}

/// The two example documents as one tree: `[cluster, daemonSet]`.
pub fn examples() -> Value {
    let parse = |text: &str| -> Value {
        serde_yaml::from_str(text).unwrap_or_else(|error| panic!("a seed does not parse: {error}"))
    };
    Value::Array(vec![parse(CLUSTER), parse(DAEMON_SET)])
}

/// Applies every edit of `mutations` to `tree`.
pub fn apply(tree: &mut Value, mutations: &Mutations) {
    for edit in &mutations.edits {
        let mut count = 0;
        count_nodes(tree, &mut count);
        // Node 0 is the pair itself: edits start at the documents.
        let target = 1 + usize::from(edit.at) % (count - 1).max(1);
        let mut seen = 0;
        edit_nth(tree, target, &mut seen, &edit.op);
    }
}

/// The documents of `tree` as text, in JSON or YAML.
pub fn print(tree: &Value, yaml: bool) -> Vec<String> {
    let docs = match tree {
        Value::Array(docs) => docs.as_slice(),
        other => std::slice::from_ref(other),
    };
    docs.iter()
        .map(|doc| {
            if yaml {
                serde_yaml::to_string(doc).unwrap_or_default()
            } else {
                serde_json::to_string(doc).unwrap_or_default()
            }
        })
        .collect()
}

fn count_nodes(value: &Value, count: &mut usize) {
    *count += 1;
    match value {
        Value::Array(items) => items.iter().for_each(|v| count_nodes(v, count)),
        Value::Object(map) => map.values().for_each(|v| count_nodes(v, count)),
        _ => {}
    }
}

/// Finds the `target`-th node in pre-order and applies `op` to it (through its parent, for
/// removal and duplication). Returns whether it was found.
fn edit_nth(value: &mut Value, target: usize, seen: &mut usize, op: &Op) -> bool {
    if *seen == target {
        apply_op(value, op);
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => {
            for index in 0..items.len() {
                if *seen == target {
                    match op {
                        Op::Remove => {
                            items.remove(index);
                            return true;
                        }
                        Op::Duplicate => {
                            let copy = items[index].clone();
                            items.insert(index, copy);
                            return true;
                        }
                        _ => {}
                    }
                }
                if edit_nth(&mut items[index], target, seen, op) {
                    return true;
                }
            }
        }
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                if *seen == target && matches!(op, Op::Remove) {
                    map.remove(&key);
                    return true;
                }
                if let Some(child) = map.get_mut(&key) {
                    if edit_nth(child, target, seen, op) {
                        return true;
                    }
                }
            }
        }
        _ => {}
    }
    false
}

fn apply_op(value: &mut Value, op: &Op) {
    match op {
        Op::Replace(scalar) => *value = scalar.value(),
        Op::Insert(key, scalar) => match value {
            Value::Object(map) => {
                map.insert(key.text(), scalar.value());
            }
            Value::Array(items) => items.push(scalar.value()),
            other => *other = scalar.value(),
        },
        Op::Wrap => *value = Value::Array(vec![value.take()]),
        // Reached here only for a document root, or for duplicating an object member (keys are
        // unique): the value becomes null.
        Op::Remove | Op::Duplicate => *value = Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_reach_nested_nodes() {
        let mut tree = serde_json::json!([{"a": {"b": [1, 2]}}]);
        let replace = Mutations {
            edits: vec![Edit {
                at: 2,
                op: Op::Replace(Scalar::Word(Word::Raw("x".into()))),
            }],
            yaml: false,
            gates: 0,
        };
        apply(&mut tree, &replace);
        assert_eq!(tree, serde_json::json!([{"a": {"b": "x"}}]));
        let remove = Mutations {
            edits: vec![Edit {
                at: 1,
                op: Op::Remove,
            }],
            yaml: true,
            gates: 0,
        };
        apply(&mut tree, &remove);
        assert_eq!(tree, serde_json::json!([{}]));
        assert_eq!(print(&tree, true), ["{}\n"]);
    }

    #[test]
    fn examples_parse() {
        let tree = examples();
        assert_eq!(tree[0]["kind"], "List");
        assert_eq!(tree[1]["kind"], "DaemonSet");
    }
}
