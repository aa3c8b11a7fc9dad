//! The dsplan planner for JavaScript, in browsers and Node: `#[wasm_bindgen]` functions over
//! `dsplan-engine` that take YAML/JSON documents and return plain JS objects.
//!
//! Results are the same serde shapes as `dsplan plan -o json` (`dsplan_core::PlanReport`),
//! built directly as JS values by serde-wasm-bindgen's JSON-compatible serializer: maps become
//! objects, integers become numbers, `None` becomes `null`. Failures are thrown `Error`s built
//! by [`failure::Failure`]. The npm package around the generated glue (TypeScript types, README,
//! Node tests) is `npm/`; `scripts/build-web.sh` builds it.
//!
//! The crate also compiles natively so the workspace's tests and lints cover it; the exported
//! functions only run on wasm32.
#![forbid(unsafe_code)]

mod failure;
mod nodes;

/// talc instead of Rust's default wasm allocator (dlmalloc): reading a snapshot is about a
/// million small allocations; measured side by side in BENCHMARKS.md.
#[cfg(target_family = "wasm")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use dsplan_engine::request;
use failure::Failure;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Plans every DaemonSet in `documents` (an array of `{name, text, role}`) against the nodes
/// and pods in them. `options` (`{featureGates}`) may be `undefined`. Returns a `PlanReport`.
#[wasm_bindgen(skip_typescript)]
pub fn plan(documents: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let documents: Vec<request::Document> = decode("documents", documents)?;
    let options: request::Options = decode_optional("options", options)?;
    respond(dsplan_engine::plan(
        &request::inputs(&documents),
        &options.into(),
    ))
}

/// Simulates each DaemonSet's update sync by sync. `timing` (`{podStartSeconds,
/// readinessSeconds, terminationSeconds}`, all three) may be `undefined` for the defaults.
/// Returns a `RolloutReport`.
#[wasm_bindgen(skip_typescript)]
pub fn rollout(documents: JsValue, options: JsValue, timing: JsValue) -> Result<JsValue, JsValue> {
    let documents: Vec<request::Document> = decode("documents", documents)?;
    let options: request::Options = decode_optional("options", options)?;
    let timing: Option<request::Timing> = decode_optional("timing", timing)?;
    respond(dsplan_engine::rollout(
        &request::inputs(&documents),
        &options.into(),
        &request::rollout_options(timing),
        &dsplan_engine::WhatIfEdits::default(),
    ))
}

/// Evaluates `policy` (`{name, text}`; `undefined` for the built-in default policy) against the
/// plan and rollout of the documents. Returns a `CheckReport`.
#[wasm_bindgen(skip_typescript)]
pub fn check(
    documents: JsValue,
    policy: JsValue,
    options: JsValue,
    timing: JsValue,
) -> Result<JsValue, JsValue> {
    let documents: Vec<request::Document> = decode("documents", documents)?;
    let policy: Option<request::Policy> = decode_optional("policy", policy)?;
    let options: request::Options = decode_optional("options", options)?;
    let timing: Option<request::Timing> = decode_optional("timing", timing)?;
    respond(dsplan_engine::check(
        &request::inputs(&documents),
        policy.as_ref().map(|p| (p.name.as_str(), p.text.as_str())),
        &options.into(),
        &request::rollout_options(timing),
    ))
}

/// Checks every DaemonSet in `documents` as the API server does on create. Returns a
/// `ValidationReport`.
#[wasm_bindgen(skip_typescript)]
pub fn validate(documents: JsValue) -> Result<JsValue, JsValue> {
    let documents: Vec<request::Document> = decode("documents", documents)?;
    respond(dsplan_engine::validate(&request::inputs(&documents)))
}

/// The nodes of the `snapshot` documents (name, labels, taints, allocatable, where they were
/// read), for grouping and filtering a plan's nodes by pool or label. Returns `NodeInfo[]`.
#[wasm_bindgen(skip_typescript)]
pub fn nodes(documents: JsValue) -> Result<JsValue, JsValue> {
    let documents: Vec<request::Document> = decode("documents", documents)?;
    respond(
        dsplan_snapshot::parse(&request::inputs(&documents))
            .map(|snapshot| nodes::node_infos(&snapshot))
            .map_err(dsplan_engine::Error::Input),
    )
}

/// dsplan's version, the Kubernetes release it follows and that release's default gates.
#[wasm_bindgen(skip_typescript)]
pub fn version() -> Result<JsValue, JsValue> {
    respond(Ok::<_, Failure>(dsplan_engine::version()))
}

/// Reads a required argument.
fn decode<T: DeserializeOwned>(what: &str, value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| Failure::request(what, e).into_js())
}

/// Reads an argument that may be `undefined` or `null` (then its default).
fn decode_optional<T: DeserializeOwned + Default>(
    what: &str,
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        decode(what, value)
    }
}

/// Turns a result into the JS return value or the thrown `Error`: every exported function
/// ends here, so adding one is one function.
fn respond<T: Serialize, E: Into<Failure>>(result: Result<T, E>) -> Result<JsValue, JsValue> {
    let value = result.map_err(|e| e.into().into_js())?;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Failure::internal(e).into_js())
}
