//! The field lists of the records, enums and variants that cross the component boundary
//! (`wasm/wit/dsplan.wit`), written once for both sides of it: `dsplan-host` turns the types
//! wasmtime's `bindgen!` generates into dsplan's Rust types, `dsplan-component` turns dsplan's
//! Rust types into the types `wit-bindgen` generates, and the other way for what a call hands
//! the component.
//!
//! Each side invokes one macro with the module of its generated WIT types, both resolved where
//! it is invoked: [`host!`]`(wit)` or [`component!`]`(wit)`. They expand the lists (one macro a
//! report, each taking a direction: `plan_report!(from wit)` implements
//! `From<wit::PlanReport> for dsplan_core::report::PlanReport` and so on for every type of the
//! list, `plan_report!(into wit)` the reverse) into `From` impls, which either side may
//! implement because the generated WIT types are its own.
//!
//! A field without a kind has the same type on both sides and is moved; otherwise its kind says
//! how it crosses: `into` (a type of these lists), `each` (a list of those), `option` (an
//! optional one), `count` (a WIT `u32` position, index or count and the engine's `usize`, see
//! [`Count`]), `option_count` (an optional one).

mod check;
mod generate;
mod plan;
mod request;
mod rollout;
mod validate;

/// The host's conversions over the WIT types of module `$wit`: a document's role and the
/// rollout timing into them; the reports and the input error out of them.
#[macro_export]
macro_rules! host {
    ($wit:ident) => {
        $crate::__both_sides!(into from $wit);
    };
}

/// The component's conversions over the WIT types of module `$wit`: the reverse of [`host!`].
#[macro_export]
macro_rules! component {
    ($wit:ident) => {
        $crate::__both_sides!(from into $wit);
    };
}

/// Every list, what a call hands the component in direction `$request` and what the component
/// hands back in direction `$response`.
#[doc(hidden)]
#[macro_export]
macro_rules! __both_sides {
    ($request:ident $response:ident $wit:ident) => {
        $crate::request!($request $wit);
        $crate::input_error!($response $wit);
        $crate::plan_report!($response $wit);
        $crate::rollout_report!($response $wit);
        $crate::check_report!($response $wit);
        $crate::validation_report!($response $wit);
    };
}

/// A position, index or count between a WIT `u32` and the engine's `usize`, either way.
pub trait Count<T> {
    /// The value in the other type.
    fn count(self) -> T;
}

/// Into the engine: lossless on 32- and 64-bit hosts.
impl Count<usize> for u32 {
    fn count(self) -> usize {
        self as usize
    }
}

/// Out of the engine. `usize` is 32 bits on wasm32, so this is lossless in the component;
/// natively (only `cargo check` of the component) it saturates.
impl Count<u32> for usize {
    fn count(self) -> u32 {
        u32::try_from(self).unwrap_or(u32::MAX)
    }
}
