//! Integration tests of the dsplan component host, in one binary (one wasmtime link).

mod abi;
mod conformance;
mod errors;
mod generate;
mod guard_rails;
mod rollout_cases;
mod round_trip;
mod support;
mod wit_drift;
