//! Conversions between the engine's Rust types and the WIT types of `bindings`: what goes into
//! the component, and the reports and errors coming back out of it. Field for field; no logic.
//! The records the component converts too (reports, input error, role, rollout timing) are
//! expanded from `dsplan_wit_convert`'s field lists, which the component expands the other way.

use crate::bindings::wit;
use crate::Error;

dsplan_wit_convert::host!(wit);

/// Engine inputs as WIT documents (copies the text, as lowering into the guest would anyway).
pub(crate) fn documents(inputs: &[dsplan_engine::Input<'_>]) -> Vec<wit::Document> {
    inputs
        .iter()
        .map(|input| wit::Document {
            name: input.name.to_owned(),
            text: input.text.to_owned(),
            role: input.role.into(),
        })
        .collect()
}

/// Engine options as WIT options, gates in the order given.
pub(crate) fn options(options: &dsplan_engine::Options) -> wit::Options {
    wit::Options {
        feature_gates: options
            .feature_gates
            .iter()
            .map(|(name, enabled)| wit::FeatureGate {
                name: name.clone(),
                enabled: *enabled,
            })
            .collect(),
    }
}

/// The simulator's timing as WIT rollout options.
pub(crate) fn rollout_options(options: &dsplan_rollout::RolloutOptions) -> wit::RolloutOptions {
    (*options).into()
}

/// What-if edits as the WIT record: added nodes' files as documents, edits as given.
pub(crate) fn what_if(edits: &dsplan_engine::WhatIfEdits<'_>) -> wit::WhatIf {
    let node_edits = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .map(|(node, edit)| wit::NodeEdit {
                node: node.clone(),
                edit: edit.clone(),
            })
            .collect()
    };
    wit::WhatIf {
        add_nodes: documents(edits.add_nodes),
        remove_nodes: edits.remove_nodes.to_vec(),
        labels: node_edits(edits.labels),
        taints: node_edits(edits.taints),
    }
}

/// A policy file as the WIT record.
pub(crate) fn policy((name, text): (&str, &str)) -> wit::Policy {
    wit::Policy {
        name: name.to_owned(),
        text: text.to_owned(),
    }
}

impl From<wit::Error> for Error {
    fn from(error: wit::Error) -> Self {
        match error {
            wit::Error::InvalidInput(e) => Error::Input(e.into()),
            wit::Error::InvalidOption(message) => Error::InvalidOption(message),
            wit::Error::Other(info) => Error::Other {
                code: info.code,
                message: info.message,
            },
        }
    }
}

impl From<wit::VersionInfo> for dsplan_engine::VersionInfo {
    fn from(v: wit::VersionInfo) -> Self {
        Self {
            dsplan: v.dsplan,
            kubernetes: v.kubernetes,
            feature_gates: v.feature_gates,
        }
    }
}
