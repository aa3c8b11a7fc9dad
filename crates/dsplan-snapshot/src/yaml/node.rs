//! The value tree of one document, as kubectl sees it after sigs.k8s.io/yaml's conversion to
//! JSON: scalars already resolved, keys already strings, merges applied, aliases expanded. Every
//! node keeps where it starts in the text.

use super::error::Mark;

/// One value of a document and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub(super) value: Value,
    pub(super) mark: Mark,
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value {
    Null,
    Bool(bool),
    /// go-yaml's `int`: what fits in an i64.
    Int(i64),
    /// go-yaml's `uint64`: a positive integer above `i64::MAX`.
    Uint(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in the order of the text; each key once (the last value written wins).
    Map(Vec<Entry>),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    pub(super) key: String,
    pub(super) key_mark: Mark,
    pub(super) value: Node,
}

impl Node {
    pub(super) fn new(value: Value, mark: Mark) -> Self {
        Self { value, mark }
    }

    /// Where the node starts in the text.
    #[must_use]
    pub fn mark(&self) -> Mark {
        self.mark
    }

    /// How many nodes this tree holds, keys included (go-yaml decodes each once).
    pub(super) fn size(&self) -> usize {
        match &self.value {
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|entry| 1 + entry.value.size())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
}
