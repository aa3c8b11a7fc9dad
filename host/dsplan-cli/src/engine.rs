//! Which engine answers: the embedded WebAssembly component (`--engine wasm`, the default), run
//! by `dsplan-host` on wasmtime, or the same engine compiled in (`--engine native`). Both give
//! the same report for the same input; tests check the conformance cases and the examples
//! through both, byte for byte.

use crate::Failure;
use clap::ValueEnum;
use dsplan_core::PlanReport;
use dsplan_engine::{Input, Options, ValidationReport, VersionInfo, WhatIfEdits};
use dsplan_policy::CheckReport;
use dsplan_rollout::{RolloutOptions, RolloutReport};
use std::path::PathBuf;

/// The `--engine` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineKind {
    /// The embedded WebAssembly component, on wasmtime (what SDKs and browsers run).
    Wasm,
    /// The planner compiled into this binary.
    Native,
}

/// The chosen engine, ready to answer: each method is the `dsplan_engine` function of the
/// same name, run natively or through the component.
pub enum Engine {
    /// `dsplan_engine`, compiled in.
    Native,
    /// The embedded component, compiled (or loaded from the cache) once.
    Wasm(dsplan_host::Planner),
}

/// Where the component compiled for this machine is cached between runs.
fn cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("dsplan").join("cwasm"))
}

fn host_failure(error: dsplan_host::Error) -> Failure {
    match &error {
        dsplan_host::Error::Input(_) | dsplan_host::Error::InvalidOption(_) => Failure {
            code: 2,
            error: error.into(),
        },
        // Input too large for the component's guard rails: the input cannot be used by this
        // engine (exit 2, like other unusable input), and the native engine has no such cap.
        dsplan_host::Error::LimitExceeded {
            limit: dsplan_host::Limit::InputBytes | dsplan_host::Limit::MemoryBytes,
            ..
        } => Failure {
            code: 2,
            error: anyhow::Error::from(error).context(
                "the input is too large for the WebAssembly engine (32-bit, at most 4 GiB of \
                 memory); run with `--engine native`",
            ),
        },
        _ => Failure {
            code: 3,
            error: error.into(),
        },
    }
}

impl Engine {
    /// Loads the engine `kind` names.
    pub fn load(kind: EngineKind) -> Result<Self, Failure> {
        match kind {
            EngineKind::Native => Ok(Engine::Native),
            EngineKind::Wasm => {
                let config = dsplan_host::Config {
                    cache_dir: cache_dir(),
                    ..dsplan_host::Config::default()
                };
                dsplan_host::Planner::new(config)
                    .map(Engine::Wasm)
                    .map_err(host_failure)
            }
        }
    }

    /// `dsplan_engine::plan`.
    pub fn plan(&self, inputs: &[Input<'_>], options: &Options) -> Result<PlanReport, Failure> {
        match self {
            Engine::Native => dsplan_engine::plan(inputs, options).map_err(Failure::input),
            Engine::Wasm(planner) => planner.plan(inputs, options).map_err(host_failure),
        }
    }

    /// `dsplan_engine::rollout`.
    pub fn rollout(
        &self,
        inputs: &[Input<'_>],
        options: &Options,
        rollout_options: &RolloutOptions,
        what_if: &WhatIfEdits<'_>,
    ) -> Result<RolloutReport, Failure> {
        match self {
            Engine::Native => dsplan_engine::rollout(inputs, options, rollout_options, what_if)
                .map_err(Failure::input),
            Engine::Wasm(planner) => planner
                .rollout(inputs, options, rollout_options, what_if)
                .map_err(host_failure),
        }
    }

    /// `dsplan_engine::check`.
    pub fn check(
        &self,
        inputs: &[Input<'_>],
        policy: Option<(&str, &str)>,
        options: &Options,
        rollout_options: &RolloutOptions,
    ) -> Result<CheckReport, Failure> {
        match self {
            Engine::Native => dsplan_engine::check(inputs, policy, options, rollout_options)
                .map_err(Failure::input),
            Engine::Wasm(planner) => planner
                .check(inputs, policy, options, rollout_options)
                .map_err(host_failure),
        }
    }

    /// `dsplan_engine::validate`.
    pub fn validate(&self, inputs: &[Input<'_>]) -> Result<ValidationReport, Failure> {
        match self {
            Engine::Native => dsplan_engine::validate(inputs).map_err(Failure::input),
            Engine::Wasm(planner) => planner.validate(inputs).map_err(host_failure),
        }
    }

    /// `dsplan_engine::validate_update`.
    pub fn validate_update(
        &self,
        old: &[Input<'_>],
        new: &[Input<'_>],
    ) -> Result<ValidationReport, Failure> {
        match self {
            Engine::Native => dsplan_engine::validate_update(old, new).map_err(Failure::input),
            Engine::Wasm(planner) => planner.validate_update(old, new).map_err(host_failure),
        }
    }

    /// `dsplan_engine::version`.
    pub fn version(&self) -> Result<VersionInfo, Failure> {
        match self {
            Engine::Native => Ok(dsplan_engine::version()),
            Engine::Wasm(planner) => planner.version().map_err(host_failure),
        }
    }
}
