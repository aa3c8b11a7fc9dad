//! dsplan's entry points over the documents users have (YAML or JSON text) and typed options.
//!
//! This is the one pure function every front end calls — the `dsplan` CLI (native engine), the
//! Wasm component, the core-module ABI and the browser bindings — so that they all give the same
//! answer for the same input. It parses with `dsplan-snapshot` and plans with `dsplan-core`.
#![forbid(unsafe_code)]

use dsplan_core::PlanReport;
use dsplan_model::{FeatureGateError, FeatureGates, InputError};
pub use dsplan_snapshot::{Input, Role};

/// Options that change the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Feature gates to switch, by their Kubernetes names, on top of the defaults of the
    /// release we follow (see [`version`]).
    pub feature_gates: Vec<(String, bool)>,
}

/// Why a request could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input document cannot be used.
    #[error(transparent)]
    Input(#[from] InputError),
    /// An option is invalid.
    #[error("--feature-gates: {0}")]
    FeatureGate(#[from] FeatureGateError),
}

impl Error {
    /// A stable kebab-case code, the same in every front end.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Input(_) => "invalid-input",
            Error::FeatureGate(_) => "invalid-option",
        }
    }
}

/// What dsplan is and which Kubernetes it follows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    /// dsplan's version.
    pub dsplan: String,
    /// The Kubernetes release whose semantics dsplan follows.
    pub kubernetes: String,
    /// Default feature gates of that release, as `Name=bool`.
    pub feature_gates: Vec<String>,
}

/// dsplan's version and the Kubernetes release it follows.
pub fn version() -> VersionInfo {
    VersionInfo {
        dsplan: env!("CARGO_PKG_VERSION").to_owned(),
        kubernetes: dsplan_model::KUBERNETES_VERSION.to_owned(),
        feature_gates: FeatureGates::default()
            .entries()
            .into_iter()
            .map(|(name, on)| format!("{name}={on}"))
            .collect(),
    }
}

/// Resolves the feature gates of `options` on top of the release defaults.
pub fn feature_gates(options: &Options) -> Result<FeatureGates, Error> {
    let mut gates = FeatureGates::default();
    for (name, on) in &options.feature_gates {
        gates.set(name, *on)?;
    }
    Ok(gates)
}

/// Plans every DaemonSet found in `inputs` against the nodes and pods in them.
pub fn plan(inputs: &[Input<'_>], options: &Options) -> Result<PlanReport, Error> {
    let gates = feature_gates(options)?;
    let snapshot = dsplan_snapshot::parse(inputs)?;
    Ok(dsplan_core::plan(&snapshot, &gates))
}
