//! Conversions between the WIT types generated from `wasm/wit/dsplan.wit` and the engine's
//! Rust types: inputs and options in, reports and errors out. Field for field; no logic. The
//! records the host converts too (reports, input error, role, rollout timing) are expanded
//! from `dsplan_wit_convert`'s field lists, which the host expands the other way.

use crate::exports::dsplan::planner::planner as wit;

dsplan_wit_convert::component!(wit);

/// A WIT document as an engine input borrowing its text.
pub(crate) fn input(document: &wit::Document) -> dsplan_engine::Input<'_> {
    dsplan_engine::Input {
        name: &document.name,
        text: &document.text,
        role: document.role.into(),
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
    options.into()
}

/// WIT node edits as the engine's `(node, edit)` pairs, in order.
pub(crate) fn node_edits(edits: Vec<wit::NodeEdit>) -> Vec<(String, String)> {
    edits
        .into_iter()
        .map(|edit| (edit.node, edit.edit))
        .collect()
}

impl From<dsplan_engine::Error> for wit::Error {
    fn from(error: dsplan_engine::Error) -> Self {
        match error {
            dsplan_engine::Error::Input(e) => wit::Error::InvalidInput(e.into()),
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
