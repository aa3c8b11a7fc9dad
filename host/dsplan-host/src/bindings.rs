//! Host bindings generated from `wasm/wit/dsplan.wit`.

wasmtime::component::bindgen!({ path: "../../wasm/wit", world: "dsplan" });

pub(crate) use exports::dsplan::planner::planner as wit;
