//! The dsplan planner as a WebAssembly component: maps the WIT world `dsplan:planner/dsplan`
//! (`wasm/wit/dsplan.wit`) onto `dsplan_engine` and back, and nothing else.
//!
//! Built for `wasm32-unknown-unknown` by `scripts/build-wasm.sh` and turned into a component
//! with `wasm-tools component new`; the component imports nothing.
// wit-bindgen's generated glue is `unsafe` (canonical ABI lifting and lowering).
#![allow(unsafe_code, reason = "wit-bindgen generated bindings")]

mod convert;

wit_bindgen::generate!({ path: "../wit", world: "dsplan" });

use exports::dsplan::planner::planner::{Document, Error, Guest, Options, PlanReport, VersionInfo};

/// The component's export implementation.
struct Planner;

impl Guest for Planner {
    fn plan(documents: Vec<Document>, options: Options) -> Result<PlanReport, Error> {
        let inputs: Vec<dsplan_engine::Input<'_>> = documents.iter().map(convert::input).collect();
        dsplan_engine::plan(&inputs, &convert::options(options))
            .map(PlanReport::from)
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
