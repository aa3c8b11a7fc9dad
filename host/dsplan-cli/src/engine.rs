//! Which engine answers: the embedded WebAssembly component (`--engine wasm`, the default), run
//! by `dsplan-host` on wasmtime, or the same engine compiled in (`--engine native`). Both give
//! the same report for the same input; a test checks every conformance case through both.

use crate::Failure;
use clap::ValueEnum;
use dsplan_core::PlanReport;
use dsplan_engine::{Input, Options};
use std::path::PathBuf;

/// The `--engine` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EngineKind {
    /// The embedded WebAssembly component, on wasmtime (what SDKs and browsers run).
    Wasm,
    /// The planner compiled into this binary.
    Native,
}

/// Where the component compiled for this machine is cached between runs.
fn cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("dsplan").join("cwasm"))
}

fn host_failure(error: dsplan_host::Error) -> Failure {
    let code = match &error {
        dsplan_host::Error::Input(_) | dsplan_host::Error::InvalidOption(_) => 2,
        _ => 3,
    };
    Failure {
        code,
        error: error.into(),
    }
}

/// Plans with the chosen engine.
pub fn plan(
    kind: EngineKind,
    inputs: &[Input<'_>],
    options: &Options,
) -> Result<PlanReport, Failure> {
    match kind {
        EngineKind::Native => dsplan_engine::plan(inputs, options).map_err(Failure::input),
        EngineKind::Wasm => {
            let config = dsplan_host::Config {
                cache_dir: cache_dir(),
                ..dsplan_host::Config::default()
            };
            let planner = dsplan_host::Planner::new(config).map_err(host_failure)?;
            planner.plan(inputs, options).map_err(host_failure)
        }
    }
}
