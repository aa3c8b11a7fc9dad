//! Conversions between the WIT types generated from `wasm/wit/dsplan.wit` and the engine's
//! Rust types: inputs, options and errors here, one module per report. Field for field; no
//! logic.

mod check;
mod plan;
mod rollout;
mod validate;

use crate::exports::dsplan::planner::planner as wit;

/// A WIT document as an engine input borrowing its text.
pub(crate) fn input(document: &wit::Document) -> dsplan_engine::Input<'_> {
    dsplan_engine::Input {
        name: &document.name,
        text: &document.text,
        role: match document.role {
            wit::Role::Snapshot => dsplan_engine::Role::Snapshot,
            wit::Role::Proposed => dsplan_engine::Role::Proposed,
        },
    }
}

/// WIT documents as engine inputs borrowing their text, in order.
pub(crate) fn inputs(documents: &[wit::Document]) -> Vec<dsplan_engine::Input<'_>> {
    documents.iter().map(input).collect()
}

/// WIT options as engine options, gates in the order given.
pub(crate) fn options(options: wit::Options) -> dsplan_engine::Options {
    dsplan_engine::Options {
        feature_gates: options
            .feature_gates
            .into_iter()
            .map(|gate| (gate.name, gate.enabled))
            .collect(),
    }
}

/// WIT rollout timing as the simulator's options.
pub(crate) fn rollout_options(options: wit::RolloutOptions) -> dsplan_rollout::RolloutOptions {
    dsplan_rollout::RolloutOptions {
        pod_start_seconds: options.pod_start_seconds,
        readiness_seconds: options.readiness_seconds,
        termination_seconds: options.termination_seconds,
    }
}

/// WIT node edits as the engine's `(node, edit)` pairs, in order.
pub(crate) fn node_edits(edits: Vec<wit::NodeEdit>) -> Vec<(String, String)> {
    edits
        .into_iter()
        .map(|edit| (edit.node, edit.edit))
        .collect()
}

/// A position, index or count for the WIT `u32` fields. `usize` is 32 bits on wasm32, so this
/// is lossless in the component; natively (only `cargo check`) it saturates.
pub(crate) fn u32_of(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl From<dsplan_engine::Error> for wit::Error {
    fn from(error: dsplan_engine::Error) -> Self {
        match error {
            dsplan_engine::Error::Input(e) => wit::Error::InvalidInput(wit::InputError {
                file: e.file,
                document: e.document.map(u32_of),
                object: e.object,
                path: e.path,
                line: e.line.map(u32_of),
                column: e.column.map(u32_of),
                message: e.message,
            }),
            // The whole message (`--feature-gates: ...`, `what-if: ...`), as the native engine
            // displays it.
            error @ (dsplan_engine::Error::FeatureGate(_)
            | dsplan_engine::Error::WhatIf(_)
            | dsplan_engine::Error::Timing(_)) => wit::Error::InvalidOption(error.to_string()),
            other => wit::Error::Other(wit::ErrorInfo {
                code: other.code().to_owned(),
                message: other.to_string(),
            }),
        }
    }
}
