//! Runs the dsplan planner as a WebAssembly component under wasmtime and returns the same Rust
//! report types as the native engine: [`Planner::plan`], [`Planner::rollout`],
//! [`Planner::check`], [`Planner::validate`] (and [`Planner::validate_update`]) and
//! [`Planner::version`] mirror the `dsplan_engine` functions of the same names.
//!
//! The component (`wasm/dsplan-component`, world `dsplan:planner/dsplan@0.2.0`) is built by this
//! crate's build script and embedded in the binary ([`COMPONENT`]); [`Planner::from_file`] and
//! [`Planner::from_bytes`] load another one. A [`Planner`] compiles the component once and then
//! gives every call a fresh store with a fuel budget and a memory cap ([`Config`]), so a guest
//! that traps, loops or runs out of memory fails that one call with an [`Error`] and the next
//! call starts clean. Calls run in slots of an instance pool reserved up front
//! ([`Config::concurrent_calls`]), which keeps the guest's memory mapped and its recently used
//! pages resident between calls, reset to the component's initial state.
//!
//! ```no_run
//! use dsplan_host::{Config, Planner};
//! use dsplan_engine::{Input, Options, Role};
//!
//! let planner = Planner::new(Config::default())?;
//! let text = std::fs::read_to_string("cluster.yaml")?;
//! let inputs = [Input { name: "cluster.yaml", text: &text, role: Role::Snapshot }];
//! let report = planner.plan(&inputs, &Options::default())?;
//! println!("{} DaemonSets", report.daemon_sets.len());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! This crate does not read inputs or print reports; the `dsplan` CLI does.

mod bindings;
mod cache;
mod config;
mod convert;
mod error;
mod planner;
mod pool;

pub use config::{Config, DEFAULT_CONCURRENT_CALLS, WASM32_MAX_MEMORY_BYTES};
pub use error::{Error, Limit};
pub use planner::Planner;

/// The dsplan component this crate was built with (`dist/dsplan.component.wasm`).
pub const COMPONENT: &[u8] =
    include_bytes!(concat!(env!("DSPLAN_WASM_DIR"), "/dsplan.component.wasm"));
