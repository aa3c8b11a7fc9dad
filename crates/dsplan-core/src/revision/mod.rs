//! The DaemonSet's current revision: the `controller-revision-hash` and templateGeneration that
//! decide which pods are updated (`util.IsPodUpdated`) and, with surge, which pod is the new one
//! (`podsShouldBeOnNode`). `plan` and `rollout` both take it from [`resolve`], so they agree on
//! which pods are updated for the same input.
//!
//! - [`resolve`] mirrors `constructHistory`'s current revision (`pkg/controller/daemon/update.go`:
//!   `constructHistory`, `Match`, `dedupCurHistories`; R-H1..R-H4) and the API server's
//!   templateGeneration bump on a template change (`pkg/registry/apps/daemonset/strategy.go`:
//!   `PrepareForCreate`, `PrepareForUpdate`; R-G1, R-G2), for the DaemonSet of the snapshot or a
//!   proposed new version of it.
//! - [`PodRevisionLabels`] and [`current_generation_hash`] read the hash the controller's own
//!   pods carry, when no ControllerRevision names it.
//! - [`same_template`] compares a proposed template with the server's, ignoring the fields the
//!   API server's defaulting fills in.

mod labels;
mod resolve;
mod template;

pub use labels::{current_generation_hash, GenerationHash, PodRevisionLabels};
pub use resolve::{resolve, ResolvedRevision, RevisionSource};
pub use template::same_template;
