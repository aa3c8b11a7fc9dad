//! The parsed cluster snapshot: every Kubernetes object dsplan reads, each with its origin.

use crate::ForeignPod;
use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use k8s_openapi::api::core::v1::{Node, Pod};

/// Where an object was read from, for error messages and reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    /// The file name as the user gave it (`-` for standard input).
    pub file: String,
    /// Index of the document in the file (YAML `---` documents; 0 for JSON).
    pub document: usize,
    /// Index in `items` when the object came from a `kind: List`.
    pub item: Option<usize>,
    /// 1-based line of the object's start in the file, where known.
    pub line: Option<usize>,
}

impl std::fmt::Display for Source {
    /// `file`, `file#2` (document 2) or `file#2 items[5]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if self.document > 0 {
            write!(f, "#{}", self.document)?;
        }
        if let Some(item) = self.item {
            write!(f, " items[{item}]")?;
        }
        Ok(())
    }
}

/// A Kubernetes object together with its [`Source`].
#[derive(Debug, Clone)]
pub struct Obj<T> {
    /// The object, converted to its current API version (legacy DaemonSets become apps/v1).
    pub value: T,
    /// Where it was read from.
    pub source: Source,
}

impl<T> Obj<T> {
    /// Wraps `value` read from `source`.
    pub fn new(value: T, source: Source) -> Self {
        Self { value, source }
    }
}

/// Everything read from the user's inputs.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Nodes, in input order.
    pub nodes: Vec<Obj<Node>>,
    /// Pods kept whole, in input order: every pod a DaemonSet may claim (its controller is a
    /// DaemonSet, or it has none), and every other pod unless the snapshot was read reducing
    /// those to [`ForeignPod`]s.
    pub pods: Vec<Obj<Pod>>,
    /// Pods controlled by another kind than DaemonSet, reduced, in input order (empty unless
    /// the snapshot was read with a reducer, as `dsplan-engine` does).
    pub foreign_pods: Vec<ForeignPod>,
    /// DaemonSets found in snapshot files, in input order.
    pub daemon_sets: Vec<Obj<DaemonSet>>,
    /// DaemonSets given as proposed changes (`--daemonset`), in input order. A proposed DaemonSet
    /// with the namespace and name of a snapshot DaemonSet is its new version.
    pub proposed_daemon_sets: Vec<Obj<DaemonSet>>,
    /// ControllerRevisions (DaemonSet history), when the snapshot has them.
    pub controller_revisions: Vec<Obj<ControllerRevision>>,
    /// Things the user should know that are not errors (skipped kinds, legacy API versions).
    pub notes: Vec<String>,
}
