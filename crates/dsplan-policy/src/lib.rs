//! `dsplan check`: a platform team's policy over a DaemonSet plan, and its report formats.
//!
//! Owns the policy file format ([`parse_policy`], [`default_policy`]), the rules ([`check`]:
//! coverage, avoid, family, fit, rollout, requests, priorityClass, tolerations,
//! selectorOverlap, apiVersion), the [`CheckReport`] with its exit code, and the renderers
//! ([`render()`] and `render_*`). It does not plan (that is `dsplan-core`), simulate rollouts
//! (`dsplan-rollout`, adapted through [`RolloutInput`]) or read files: every function is pure.
//!
//! The format, every rule and the default policy are documented in the crate's `README.md`,
//! included below; the JSON Schema is `schema/policy.schema.json` at the repository root.
//!
//! ```
//! use dsplan_policy::{check, parse_policy, render, Format};
//! let policy = parse_policy("policy.yaml", r#"
//! apiVersion: dsplan.dev/v1
//! kind: Policy
//! metadata: {name: demo}
//! spec:
//!   rules:
//!   - {id: fits, severity: error, fit: {}}
//! "#).unwrap();
//! let snapshot = dsplan_model::Snapshot::default();
//! let gates = dsplan_model::FeatureGates::default();
//! let plan = dsplan_core::plan(&snapshot, &gates);
//! let report = check(&snapshot, &plan, None, &policy, &gates);
//! assert_eq!(report.exit_code(false), 0);
//! assert!(render(&report, Format::Text).ends_with("0 checks, 0 passed, 0 errors, 0 warnings\n"));
//! ```
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod check;
mod context;
mod defaults;
mod error;
mod finding;
mod glob;
mod policy;
mod render;
mod rollout_input;
mod rule;
mod rules;
mod selector;

pub use check::check;
pub use defaults::{default_policy, DEFAULT_POLICY_YAML};
pub use error::PolicyError;
pub use finding::{
    CheckReport, DaemonSetRef, Evaluation, Finding, Location, EXIT_BAD_INPUT, EXIT_FAIL, EXIT_PASS,
};
pub use glob::Glob;
pub use policy::{parse_policy, Policy, API_VERSION, KIND};
pub use render::{
    render, render_github, render_json, render_junit, render_sarif, render_text, Format,
};
pub use rollout_input::{RolloutFacts, RolloutInput, StuckNode};
pub use rule::{Check, DaemonSetFilter, IntOrPercent, RolloutLimits, Rule, Severity};
pub use selector::{Requirement, Selector};
