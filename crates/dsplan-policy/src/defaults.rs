//! The built-in policy `dsplan check` uses when no policy file is given
//! ([`DEFAULT_POLICY_YAML`], also in the crate README).

use crate::error::PolicyError;
use crate::policy::{parse_policy, Policy};

/// The default policy's text: `fit`, `rollout`, `selectorOverlap` and `apiVersion` as errors;
/// `requests`, `priorityClass` (kube-system) and `tolerations` as warnings.
pub const DEFAULT_POLICY_YAML: &str = include_str!("default-policy.yaml");

/// The default policy, parsed.
pub fn default_policy() -> Result<Policy, PolicyError> {
    parse_policy("<built-in default policy>", DEFAULT_POLICY_YAML)
}
