//! What the fuzz targets share: how a fuzzer input is cut into input files, and the invariants
//! every entry point keeps on any input beyond "no panic":
//!
//! - an error is a [`dsplan_model::InputError`] that names one of the input files, says what is
//!   wrong, and points at a line that exists in that file;
//! - the same input answered twice gives equal answers, and every answer serialises to JSON.
//!
//! Input layout of the multi-file targets (`plan`, `rollout`): NUL-separated segments,
//! `snapshot \0 proposed DaemonSets \0 options`; trailing segments may be absent.

pub mod mutate;

use dsplan_engine::{Error, Input, Options, Role, WhatIfEdits};
use dsplan_model::InputError;
use dsplan_rollout::RolloutOptions;

/// The file names the targets give their inputs.
pub const SNAPSHOT_FILE: &str = "snapshot.yaml";
/// See [`SNAPSHOT_FILE`].
pub const PROPOSED_FILE: &str = "daemonset.yaml";
/// See [`SNAPSHOT_FILE`].
pub const ADDED_NODES_FILE: &str = "added-nodes.yaml";

/// The segments of a fuzzer input, or `None` when it is not UTF-8 (every front end hands the
/// engine text).
pub fn segments(data: &[u8]) -> Option<Vec<&str>> {
    let text = std::str::from_utf8(data).ok()?;
    Some(text.split('\0').collect())
}

/// The snapshot and proposed-DaemonSet inputs of the first two segments.
pub fn inputs<'a>(segments: &[&'a str]) -> Vec<Input<'a>> {
    let mut inputs = vec![Input {
        name: SNAPSHOT_FILE,
        text: segments.first().copied().unwrap_or_default(),
        role: Role::Snapshot,
    }];
    if let Some(text) = segments.get(1) {
        inputs.push(Input {
            name: PROPOSED_FILE,
            text,
            role: Role::Proposed,
        });
    }
    inputs
}

/// Panics unless `error` names one of `inputs`, has a message, and points at a line of that
/// file and a 1-based column (finding F1 in README.md was a column 0).
pub fn check_input_error(error: &InputError, inputs: &[Input<'_>]) {
    let Some(input) = inputs.iter().find(|input| input.name == error.file) else {
        panic!("error names no input file: {error:?}");
    };
    assert!(
        !error.message.is_empty(),
        "error without a message: {error:?}"
    );
    if let Some(line) = error.line {
        // End of input may be pointed at on the line after the last: libyaml ends a last line
        // that has no line break with an implied one (`yaml_parser_fetch_stream_end`).
        let unterminated = input
            .text
            .chars()
            .next_back()
            .is_some_and(|last| !is_break(last));
        let lines = line_breaks(input.text) + 1 + usize::from(unterminated);
        assert!(
            (1..=lines).contains(&line),
            "line {line} is not in {} ({lines} lines): {error:?}",
            input.name
        );
    }
    assert!(error.column != Some(0), "columns are 1-based: {error:?}");
    assert!(
        error.to_string().starts_with(input.name),
        "the message does not start with the file name: {error}"
    );
}

/// Line breaks as libyaml counts them (`\r\n` once; `\r`, `\n`, NEL, LS, PS: YAML 1.1
/// `b-break`); JSON counts only `\n`, so this bounds both.
fn line_breaks(text: &str) -> usize {
    let mut chars = text.chars().peekable();
    let mut breaks = 0;
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        breaks += usize::from(is_break(c));
    }
    breaks
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Panics unless `error` is an input error as [`check_input_error`] wants it; `what_if` says
/// whether what-if edits were given (only then is a what-if error possible).
pub fn check_engine_error(error: &Error, inputs: &[Input<'_>], what_if: bool) {
    match error {
        Error::Input(error) => check_input_error(error, inputs),
        Error::WhatIf(_) if what_if => {}
        other => panic!("not an input error: {other:?}"),
    }
}

/// Panics unless `value` serialises to JSON, as every front end prints it.
pub fn check_serialises<T: serde::Serialize>(value: &T) {
    if let Err(error) = serde_json::to_string(value) {
        panic!("the answer does not serialise to JSON: {error}");
    }
}

/// Plans `inputs` and panics unless the answer serialises and a second plan gives the same
/// answer, or the failure is an input error as [`check_engine_error`] wants it.
pub fn check_plan(inputs: &[Input<'_>], options: &Options) {
    match dsplan_engine::plan(inputs, options) {
        Ok(report) => {
            check_serialises(&report);
            assert_eq!(
                dsplan_engine::plan(inputs, options).ok(),
                Some(report),
                "planning twice differs"
            );
        }
        Err(error) => check_engine_error(&error, inputs, false),
    }
}

/// Rollout options and what-if edits read from the options segment, one per line:
/// `start=N`, `ready=N`, `term=N` (seconds), `remove=NODE`, `label=NODE k=v`,
/// `taint=NODE k=v:Effect`, `add=` (the rest of the segment after this line is a file of Nodes
/// to add). Lines of another shape are ignored: the segment is the harness's, not a user file.
#[derive(Debug, Default)]
pub struct RolloutSpec<'a> {
    /// The timing options.
    pub options: RolloutOptions,
    /// `--remove-node`.
    pub remove: Vec<String>,
    /// `--label NODE k=v`.
    pub labels: Vec<(String, String)>,
    /// `--taint NODE k=v:Effect`.
    pub taints: Vec<(String, String)>,
    /// `--add-node FILE`.
    pub add: Option<Input<'a>>,
}

impl<'a> RolloutSpec<'a> {
    /// Reads the options segment.
    pub fn parse(segment: &'a str) -> Self {
        let mut spec = RolloutSpec::default();
        let mut rest = segment;
        while !rest.is_empty() {
            let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
            rest = tail;
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let pair = || {
                let (node, arg) = value.split_once(' ')?;
                Some((node.to_owned(), arg.to_owned()))
            };
            match key {
                "start" | "ready" | "term" => {
                    if let Ok(seconds) = value.parse() {
                        let field = match key {
                            "start" => &mut spec.options.pod_start_seconds,
                            "ready" => &mut spec.options.readiness_seconds,
                            _ => &mut spec.options.termination_seconds,
                        };
                        *field = seconds;
                    }
                }
                "remove" => spec.remove.push(value.to_owned()),
                "label" => spec.labels.extend(pair()),
                "taint" => spec.taints.extend(pair()),
                "add" => {
                    spec.add = Some(Input {
                        name: ADDED_NODES_FILE,
                        text: rest,
                        role: Role::Snapshot,
                    });
                    break;
                }
                _ => {}
            }
        }
        spec
    }

    /// The what-if edits, borrowing from `self` and `add`.
    pub fn what_if<'s>(&'s self, add: &'s [Input<'a>]) -> WhatIfEdits<'s> {
        WhatIfEdits {
            add_nodes: add,
            remove_nodes: &self.remove,
            labels: &self.labels,
            taints: &self.taints,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_segment_sets_timings_and_edits() {
        let spec = RolloutSpec::parse(
            "start=7\nready=-3\nterm=x\nremove=n1\nlabel=n2 a=b\ntaint=n3 k:NoSchedule\nadd=\nkind: Node\n",
        );
        assert_eq!(spec.options.pod_start_seconds, 7);
        assert_eq!(spec.options.readiness_seconds, -3);
        assert_eq!(
            spec.options.termination_seconds,
            RolloutOptions::default().termination_seconds
        );
        assert_eq!(spec.remove, ["n1"]);
        assert_eq!(spec.labels, [("n2".to_owned(), "a=b".to_owned())]);
        assert_eq!(spec.taints, [("n3".to_owned(), "k:NoSchedule".to_owned())]);
        assert_eq!(spec.add.map(|input| input.text), Some("kind: Node\n"));
    }

    #[test]
    fn line_breaks_count_every_yaml_break_and_crlf_once() {
        assert_eq!(line_breaks("a\r\nb\rc\nd\u{85}e"), 4);
        assert_eq!(line_breaks("no break"), 0);
    }

    #[test]
    fn segments_split_on_nul_and_need_utf8() {
        assert_eq!(segments(b"a\0b\0c"), Some(vec!["a", "b", "c"]));
        assert_eq!(segments(b"\xff"), None);
        let parts = segments(b"s\0p").expect("utf-8");
        let inputs = inputs(&parts);
        assert_eq!(inputs.len(), 2);
        assert_eq!((inputs[1].name, inputs[1].text), (PROPOSED_FILE, "p"));
    }
}
