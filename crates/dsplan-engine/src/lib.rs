//! dsplan's entry points over the documents users have (YAML or JSON text) and typed options.
//!
//! This is the one pure function every front end calls — the `dsplan` CLI (native engine), the
//! Wasm component, the core-module ABI and the browser bindings — so that they all give the same
//! answer for the same input. It parses with `dsplan-snapshot`, then plans with `dsplan-core`,
//! simulates rollouts with `dsplan-rollout` and evaluates policies with `dsplan-policy`.
#![forbid(unsafe_code)]
#![allow(
    clippy::result_large_err,
    reason = "InputError carries the file, object, path and message every front end reports; \
              it is returned once per call, so its size costs nothing measurable"
)]

pub mod request;
mod validate;
mod what_if;

use dsplan_core::PlanReport;
use dsplan_model::{FeatureGateError, FeatureGates, InputError, Snapshot};
use dsplan_policy::CheckReport;
use dsplan_rollout::{PlacementDiff, RolloutOptions, RolloutReport, WhatIfError};
pub use dsplan_snapshot::{Input, Role};
pub use validate::{validate, validate_update, ObjectValidation, ValidationReport};
pub use what_if::WhatIfEdits;

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
    /// A what-if edit cannot be applied.
    #[error(transparent)]
    WhatIf(#[from] WhatIfError),
    /// A rollout timing is out of range.
    #[error(transparent)]
    Timing(#[from] dsplan_rollout::TimingError),
}

impl From<dsplan_policy::PolicyError> for Error {
    fn from(error: dsplan_policy::PolicyError) -> Self {
        Error::Input(error.into())
    }
}

impl Error {
    /// A stable kebab-case code, the same in every front end.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Input(_) => "invalid-input",
            Error::FeatureGate(_) | Error::WhatIf(_) | Error::Timing(_) => "invalid-option",
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
    gates.check_dependencies()?;
    Ok(gates)
}

/// Plans every DaemonSet found in `inputs` against the nodes and pods in them.
pub fn plan(inputs: &[Input<'_>], options: &Options) -> Result<PlanReport, Error> {
    let gates = feature_gates(options)?;
    let snapshot = read(inputs)?;
    Ok(dsplan_core::plan(&snapshot, &gates))
}

/// Simulates how each DaemonSet's update proceeds, step by step, after applying `what_if`.
pub fn rollout(
    inputs: &[Input<'_>],
    options: &Options,
    rollout_options: &RolloutOptions,
    what_if: &WhatIfEdits<'_>,
) -> Result<RolloutReport, Error> {
    let gates = feature_gates(options)?;
    rollout_options.check()?;
    let snapshot = load(inputs, what_if)?;
    Ok(dsplan_rollout::rollout(&snapshot, &gates, rollout_options))
}

/// Evaluates `policy` (the built-in default policy when `None`) against the plan and the
/// rollout of every DaemonSet in `inputs`.
pub fn check(
    inputs: &[Input<'_>],
    policy: Option<(&str, &str)>,
    options: &Options,
    rollout_options: &RolloutOptions,
) -> Result<CheckReport, Error> {
    let gates = feature_gates(options)?;
    rollout_options.check()?;
    let policy = match policy {
        Some((name, text)) => dsplan_policy::parse_policy(name, text)?,
        None => dsplan_policy::default_policy()?,
    };
    let snapshot = read(inputs)?;
    // With proposed DaemonSets (`--daemonset`), the check is about them: the cluster's other
    // DaemonSets still shape placement (host ports, resources) but are not judged.
    let judged = |namespace: &str, name: &str| {
        snapshot.proposed_daemon_sets.is_empty()
            || snapshot.proposed_daemon_sets.iter().any(|ds| {
                ds.value.metadata.name.as_deref() == Some(name)
                    && ds.value.metadata.namespace.as_deref().unwrap_or("default") == namespace
            })
    };
    let mut plan = dsplan_core::plan(&snapshot, &gates);
    plan.daemon_sets
        .retain(|ds| judged(&ds.namespace, &ds.name));
    let mut rollout = dsplan_rollout::rollout(&snapshot, &gates, rollout_options);
    rollout
        .daemon_sets
        .retain(|ds| judged(&ds.namespace, &ds.name));
    let rollout = dsplan_policy::RolloutInput::from(&rollout);
    Ok(dsplan_policy::check(
        &snapshot,
        &plan,
        Some(&rollout),
        &policy,
        &gates,
    ))
}

/// Which nodes gain or lose a daemon pod, and why, between two snapshots.
pub fn diff(
    old: &[Input<'_>],
    new: &[Input<'_>],
    options: &Options,
) -> Result<PlacementDiff, Error> {
    let gates = feature_gates(options)?;
    let old = read(old)?;
    let new = read(new)?;
    Ok(dsplan_rollout::diff(&old, &new, &gates))
}

/// Reads `inputs` for planning: pods no DaemonSet can claim are reduced as they are read
/// (`dsplan_core::foreign_pod`), which keeps a large cluster's snapshot small.
fn read(inputs: &[Input<'_>]) -> Result<Snapshot, InputError> {
    dsplan_snapshot::parse_reducing(inputs, dsplan_core::foreign_pod::reduce)
}

fn load(inputs: &[Input<'_>], what_if: &WhatIfEdits<'_>) -> Result<Snapshot, Error> {
    let snapshot = read(inputs)?;
    if what_if.is_empty() {
        return Ok(snapshot);
    }
    Ok(dsplan_rollout::apply_what_if(
        &snapshot,
        &what_if.resolve()?,
    )?)
}
