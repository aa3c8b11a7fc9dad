//! Shared vocabulary of dsplan.
//!
//! This crate owns the types every other crate speaks in: the parsed cluster [`Snapshot`]
//! (Kubernetes objects as `k8s-openapi` types, each with the [`Source`] it was read from),
//! [`FieldPath`] for pointing at a field in an input document, exact resource
//! [`quantity`] arithmetic and scheduler-unit [`resources`], [`host_port`]s, the compact
//! [`ForeignPod`], and the [`FeatureGates`] that change placement.
//!
//! It does no I/O and knows nothing about parsing text or planning.
#![forbid(unsafe_code)]

pub mod feature_gates;
pub mod field_path;
pub mod foreign_pod;
pub mod host_port;
pub mod input_error;
pub mod quantity;
pub mod resources;
pub mod snapshot;

pub use feature_gates::{FeatureGateError, FeatureGates};
pub use field_path::FieldPath;
pub use foreign_pod::ForeignPod;
pub use input_error::InputError;
pub use k8s_openapi;
pub use quantity::{Quantity, QuantityError};
pub use snapshot::{Obj, Snapshot, Source};

/// The Kubernetes release whose semantics dsplan follows (controller, scheduler, API defaults).
pub const KUBERNETES_VERSION: &str = "v1.36.2";
