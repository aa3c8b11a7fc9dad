//! Reads what users have — `kubectl get nodes,pods,daemonsets -A -o yaml|json` output and
//! DaemonSet manifests — into a [`dsplan_model::Snapshot`].
//!
//! Accepts a `kind: List`, multi-document YAML, or single objects, in YAML or JSON. Nodes, Pods,
//! DaemonSets and ControllerRevisions are kept; other kinds are skipped and counted in a note.
//! DaemonSets in the removed `extensions/v1beta1` and `apps/v1beta2` versions get that
//! version's defaults, then apps/v1 defaults like every DaemonSet. Every error is a
//! [`dsplan_model::InputError`] naming the file, document, object and field, with the line and
//! column where the text has them.
//!
//! Nodes and Pods are read without the parts no dsplan rule reads (volumes, environment,
//! probes, image lists: see `kept.rs`), which are skipped unchecked; DaemonSets and
//! ControllerRevisions are kept whole.
//!
//! It does no I/O: callers pass file names and texts. It does not validate whole objects as
//! the API server would (that is `dsplan-validation`); it rejects only what planning cannot use.
//!
//! ```
//! use dsplan_snapshot::{parse, Input, Role};
//! let text = "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-1\n";
//! let snapshot = parse(&[Input { name: "nodes.yaml", text, role: Role::Snapshot }])?;
//! assert_eq!(snapshot.nodes[0].value.metadata.name.as_deref(), Some("worker-1"));
//! # Ok::<(), dsplan_model::InputError>(())
//! ```
#![forbid(unsafe_code)]

mod dispatch;
mod kept;
mod legacy;
mod navigate;
mod objects;
mod path;
mod read;
pub mod yaml;

use dispatch::RawObject;
use dsplan_model::k8s_openapi::api::core::v1::Pod;
use dsplan_model::{k8s_openapi, ForeignPod, InputError, Obj, Snapshot, Source};
pub use dsplan_validation::FieldError;
use navigate::DocText;
use objects::Typed;
use path::DocPath;
use std::collections::BTreeMap;

/// How a file's DaemonSets are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A cluster snapshot (`--snapshot`): its DaemonSets are the cluster's current ones.
    Snapshot,
    /// Proposed DaemonSets (`--daemonset`): new versions, or new DaemonSets.
    Proposed,
}

/// One input file's text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// File name as the user gave it (`-` for standard input).
    pub name: &'a str,
    /// The whole text of the file.
    pub text: &'a str,
    /// How its DaemonSets are used.
    pub role: Role,
}

/// How strictly DaemonSets are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Planning: a DaemonSet planning cannot use is an error.
    Plan,
    /// Validation: every DaemonSet is kept with the API server's errors for it.
    Validate,
}

/// One object read from the inputs, with where it came from.
struct Read<'a> {
    typed: Typed,
    at: At<'a>,
    role: Role,
}

/// An object's [`Source`] with the file name borrowed: the owned name is made only for objects
/// kept with theirs, not for the pods reduced to [`ForeignPod`]s.
#[derive(Clone, Copy)]
struct At<'a> {
    file: &'a str,
    document: usize,
    item: Option<usize>,
    line: Option<usize>,
}

impl At<'_> {
    fn source(&self) -> Source {
        Source {
            file: self.file.to_owned(),
            document: self.document,
            item: self.item,
            line: self.line,
        }
    }
}

/// Parses every input into one snapshot, in input order, every pod kept whole.
#[expect(
    clippy::result_large_err,
    reason = "InputError is the crate's one error type; it is returned once per call"
)]
pub fn parse(inputs: &[Input<'_>]) -> Result<Snapshot, InputError> {
    parse_reducing(inputs, Err)
}

/// Parses every input into one snapshot, in input order, handing each pod to `reduce` as it is
/// read: a [`ForeignPod`] it returns is kept in `foreign_pods` instead of the pod, a pod it
/// gives back is kept whole (`dsplan_core::foreign_pod::reduce` is the reducer planning uses).
#[expect(
    clippy::result_large_err,
    reason = "InputError is the crate's one error type; it is returned once per call"
)]
pub fn parse_reducing(
    inputs: &[Input<'_>],
    reduce: impl Fn(Box<Pod>) -> Result<ForeignPod, Box<Pod>>,
) -> Result<Snapshot, InputError> {
    let mut snapshot = Snapshot::default();
    let mut skipped: BTreeMap<String, usize> = BTreeMap::new();
    walk(inputs, Mode::Plan, &mut snapshot.notes, |read| {
        let source = || read.at.source();
        match read.typed {
            Typed::Node(node) => snapshot.nodes.push(Obj::new(*node, source())),
            Typed::Pod(pod) => match reduce(pod) {
                Ok(foreign) => snapshot.foreign_pods.push(foreign),
                Err(pod) => snapshot.pods.push(Obj::new(*pod, source())),
            },
            Typed::ControllerRevision(revision) => snapshot
                .controller_revisions
                .push(Obj::new(*revision, source())),
            Typed::DaemonSet(ds, _) => match read.role {
                Role::Snapshot => snapshot.daemon_sets.push(Obj::new(*ds, source())),
                Role::Proposed => snapshot.proposed_daemon_sets.push(Obj::new(*ds, source())),
            },
            Typed::Skipped(kind) => *skipped.entry(kind).or_default() += 1,
        }
    })?;
    if !skipped.is_empty() {
        snapshot.notes.push(skipped_note(&skipped));
    }
    Ok(snapshot)
}

/// A DaemonSet as read, with the API server's errors for it (empty when valid).
pub type ValidatedDaemonSet = (Obj<k8s_openapi::api::apps::v1::DaemonSet>, Vec<FieldError>);

/// Reads every DaemonSet in `inputs` and validates it as the API server does on create (after
/// v1 defaulting), keeping invalid ones with their errors. Other kinds are read and checked as
/// for [`parse`] but not returned. Errors only for input that cannot be read at all.
#[expect(
    clippy::result_large_err,
    reason = "InputError is the crate's one error type; it is returned once per call"
)]
pub fn validate(inputs: &[Input<'_>]) -> Result<Vec<ValidatedDaemonSet>, InputError> {
    let mut daemon_sets = Vec::new();
    let mut notes = Vec::new();
    walk(inputs, Mode::Validate, &mut notes, |read| {
        if let Typed::DaemonSet(ds, errors) = read.typed {
            daemon_sets.push((Obj::new(*ds, read.at.source()), errors));
        }
    })?;
    Ok(daemon_sets)
}

/// Reads every object of every input, in order, and hands each to `sink` as soon as it is read
/// and checked.
#[expect(
    clippy::result_large_err,
    reason = "InputError is the crate's one error type; it is returned once per call"
)]
fn walk<'a>(
    inputs: &[Input<'a>],
    mode: Mode,
    notes: &mut Vec<String>,
    mut sink: impl FnMut(Read<'a>),
) -> Result<(), InputError> {
    for input in inputs {
        // The first unusable object; the rest of the file is still read, as an error in its
        // text is reported first.
        let mut unusable = None;
        read::read(input.text, &mut |document, raw| {
            if unusable.is_some() {
                return;
            }
            match take(input, document, raw, mode) {
                Ok((read, note)) => {
                    notes.extend(note.map(|n| format!("{}: {n}", read.at.source())));
                    sink(read);
                }
                Err(error) => unusable = Some(error),
            }
        })
        .map_err(|error| {
            let object_path = object_prefix(&error.path);
            InputError {
                file: input.name.to_owned(),
                document: Some(error.document),
                object: describe(error.text, &object_path),
                path: error.path.printed(),
                line: error.line,
                column: error.column,
                message: error.message,
            }
        })?;
        if let Some(error) = unusable {
            return Err(error);
        }
    }
    Ok(())
}

/// Checks one object read from `input`, with where it came from.
#[expect(
    clippy::result_large_err,
    reason = "InputError is the crate's one error type; it is returned once per object"
)]
fn take<'a>(
    input: &Input<'a>,
    document: read::Document<'_>,
    raw: RawObject,
    mode: Mode,
) -> Result<(Read<'a>, Option<String>), InputError> {
    let (typed, note) = objects::check(raw.parsed, mode).map_err(|error| {
        let object_path = DocPath::object(raw.item);
        let path = object_path.join(&error.path);
        let (line, column) = document
            .text
            .locate(&path)
            .or_else(|| document.text.locate(&object_path))
            .unzip();
        InputError {
            file: input.name.to_owned(),
            document: Some(document.index),
            object: error.object,
            path: path.printed(),
            line,
            column,
            message: error.message,
        }
    })?;
    // Reports point at a DaemonSet's manifest line (SARIF, annotations). Locating re-reads the
    // document up to the object, so it is done only for a document holding the one object;
    // inside a List it would rescan a snapshot of any size once per DaemonSet.
    let line = if matches!(typed, Typed::DaemonSet(..)) && raw.item.is_none() {
        document
            .text
            .locate(&DocPath::object(raw.item))
            .map(|(line, _)| line)
    } else {
        None
    };
    Ok((
        Read {
            typed,
            at: At {
                file: input.name,
                document: document.index,
                item: raw.item,
                line,
            },
            role: input.role,
        },
        note,
    ))
}

/// `skipped 3 objects of other kinds: ConfigMap (2), Service (1)`.
fn skipped_note(skipped: &BTreeMap<String, usize>) -> String {
    let total: usize = skipped.values().sum();
    let kinds: Vec<String> = skipped
        .iter()
        .map(|(kind, count)| format!("{kind} ({count})"))
        .collect();
    let objects = if total == 1 { "object" } else { "objects" };
    format!(
        "skipped {total} {objects} of other kinds: {}",
        kinds.join(", ")
    )
}

/// The path of the object a document path is inside: `items[i]` or the root.
fn object_prefix(path: &DocPath) -> DocPath {
    match path.0.as_slice() {
        [path::Seg::Field(items), path::Seg::Index(index), ..] if items == "items" => {
            DocPath::object(Some(*index))
        }
        _ => DocPath::default(),
    }
}

/// `Kind namespace/name` of the object at `path`, read leniently from the text.
fn describe(text: DocText<'_>, path: &DocPath) -> Option<String> {
    let head = text.head(path)?;
    let kind = head.kind?;
    let meta = head.metadata?;
    let name = meta.name?;
    Some(match meta.namespace {
        Some(namespace) => format!("{kind} {namespace}/{name}"),
        None => format!("{kind} {name}"),
    })
}
