//! Integration tests of the dsplan component host, in one binary (one wasmtime link).

mod abi;
mod conformance;
mod errors;
mod generate;
mod guard_rails;
mod support;
mod wit_drift;
