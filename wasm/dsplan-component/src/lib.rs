//! The dsplan planner as a WebAssembly component: maps the WIT world `dsplan:planner/dsplan`
//! (`wasm/wit/dsplan.wit`) onto `dsplan_engine` and back, and nothing else.
//!
//! Built for `wasm32-unknown-unknown` by `scripts/build-wasm.sh` and turned into a component
//! with `wasm-tools component new`; the component imports nothing.
// wit-bindgen's generated glue is `unsafe` (canonical ABI lifting and lowering).
#![allow(unsafe_code, reason = "wit-bindgen generated bindings")]

mod convert;

/// talc instead of Rust's default wasm allocator (dlmalloc): reading a snapshot is about a
/// million small allocations; measured side by side in BENCHMARKS.md.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

wit_bindgen::generate!({ path: "../wit", world: "dsplan" });

use exports::dsplan::planner::planner::{
    CheckReport, Document, Error, Guest, Options, PlanReport, Policy, RolloutOptions,
    RolloutReport, ValidationReport, VersionInfo, WhatIf,
};

/// The component's export implementation.
struct Planner;

impl Guest for Planner {
    fn plan(documents: Vec<Document>, options: Options) -> Result<PlanReport, Error> {
        dsplan_engine::plan(&convert::inputs(&documents), &convert::options(options))
            .map(PlanReport::from)
            .map_err(Error::from)
    }

    fn rollout(
        documents: Vec<Document>,
        options: Options,
        rollout_options: RolloutOptions,
        what_if: WhatIf,
    ) -> Result<RolloutReport, Error> {
        let add_nodes = convert::inputs(&what_if.add_nodes);
        let labels = convert::node_edits(what_if.labels);
        let taints = convert::node_edits(what_if.taints);
        let edits = dsplan_engine::WhatIfEdits {
            add_nodes: &add_nodes,
            remove_nodes: &what_if.remove_nodes,
            labels: &labels,
            taints: &taints,
        };
        dsplan_engine::rollout(
            &convert::inputs(&documents),
            &convert::options(options),
            &convert::rollout_options(rollout_options),
            &edits,
        )
        .map(RolloutReport::from)
        .map_err(Error::from)
    }

    fn check(
        documents: Vec<Document>,
        policy: Option<Policy>,
        options: Options,
        rollout_options: RolloutOptions,
    ) -> Result<CheckReport, Error> {
        dsplan_engine::check(
            &convert::inputs(&documents),
            policy.as_ref().map(|p| (p.name.as_str(), p.text.as_str())),
            &convert::options(options),
            &convert::rollout_options(rollout_options),
        )
        .map(CheckReport::from)
        .map_err(Error::from)
    }

    fn validate(
        documents: Vec<Document>,
        old: Option<Vec<Document>>,
    ) -> Result<ValidationReport, Error> {
        let new = convert::inputs(&documents);
        match old {
            Some(old) => dsplan_engine::validate_update(&convert::inputs(&old), &new),
            None => dsplan_engine::validate(&new),
        }
        .map(ValidationReport::from)
        .map_err(Error::from)
    }

    fn version() -> VersionInfo {
        let info = dsplan_engine::version();
        VersionInfo {
            dsplan: info.dsplan,
            kubernetes: info.kubernetes,
            feature_gates: info.feature_gates,
        }
    }
}

// Only the wasm build exports the world: natively the `dsplan:planner/...` symbol names cannot
// be linked into a cdylib, and `cargo build/test --workspace` on stable builds this crate too.
#[cfg(target_arch = "wasm32")]
export!(Planner);
