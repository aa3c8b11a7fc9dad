//! A validated policy rule: id, severity, which DaemonSets it applies to, exceptions, and the
//! one check it runs.

use serde::{Deserialize, Serialize};

use crate::glob::Glob;
use crate::selector::Selector;

/// How bad a failed rule is. Error findings fail `dsplan check` (exit 1); warning findings fail
/// it only with `--fail-on-warn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// `error`.
    Error,
    /// `warning`.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One rule of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Unique id, a DNS label (`gpu-coverage`).
    pub id: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// What the rule is for, in words.
    pub description: Option<String>,
    /// Which DaemonSets it checks (all when empty).
    pub applies_to: DaemonSetFilter,
    /// DaemonSets it never checks.
    pub exceptions: Vec<Glob>,
    /// What it checks.
    pub check: Check,
}

impl Rule {
    /// Whether the rule checks the DaemonSet `namespace/name` with `labels`.
    pub fn applies(
        &self,
        namespace: &str,
        name: &str,
        labels: Option<&std::collections::BTreeMap<String, String>>,
    ) -> bool {
        self.applies_to.matches(namespace, name, labels)
            && !self.exceptions.iter().any(|g| g.matches(namespace, name))
    }
}

/// Which DaemonSets a rule applies to: those matching any of `names` (all when empty) and the
/// label `selector` on the DaemonSet's `metadata.labels` (any when absent).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DaemonSetFilter {
    /// `namespace/name` globs.
    pub names: Vec<Glob>,
    /// Selector on the DaemonSet's own labels.
    pub selector: Option<Selector>,
}

impl DaemonSetFilter {
    /// Whether the DaemonSet is selected.
    pub fn matches(
        &self,
        namespace: &str,
        name: &str,
        labels: Option<&std::collections::BTreeMap<String, String>>,
    ) -> bool {
        (self.names.is_empty() || self.names.iter().any(|g| g.matches(namespace, name)))
            && self.selector.as_ref().is_none_or(|s| s.matches(labels))
    }
}

/// What a rule checks. The policy key that selects each is named on the variant.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// `coverage`: the DaemonSet runs (a pod is wanted and schedulable) on every node matching
    /// `nodes` (every node when absent).
    Coverage {
        /// Which nodes must be covered.
        nodes: Option<Selector>,
    },
    /// `avoid`: the DaemonSet neither wants nor keeps a pod on any node matching `nodes`.
    Avoid {
        /// Which nodes must stay free of it.
        nodes: Selector,
    },
    /// `family`: the DaemonSets matching `members` together run exactly once on every node
    /// matching `nodes` (all nodes when absent); gaps and overlaps are findings.
    Family {
        /// `namespace/name` globs of the members.
        members: Vec<Glob>,
        /// Which nodes the family must cover.
        nodes: Option<Selector>,
    },
    /// `fit`: every node the DaemonSet targets can schedule its pod, and, with
    /// `min_headroom_percent`, keeps that share of each resource's allocatable free after it.
    Fit {
        /// Minimum free share of allocatable after the pod, 0–100.
        min_headroom_percent: Option<u8>,
        /// Resources the headroom is checked for (default `cpu`, `memory`).
        resources: Vec<String>,
    },
    /// `rollout`: limits on how the update rolls out.
    Rollout(RolloutLimits),
    /// `requests`: every container and init container requests `resources`.
    Requests {
        /// Resource names that must be requested (default `cpu`, `memory`).
        resources: Vec<String>,
    },
    /// `priorityClass`: the pod template sets `priorityClassName` (one of `allowed`, when
    /// given).
    PriorityClass {
        /// Accepted class names; any name when empty.
        allowed: Vec<String>,
    },
    /// `tolerations`: no toleration with an empty key and `operator: Exists`, which tolerates
    /// every taint (of its effect, or of all effects when the effect is empty too).
    Tolerations,
    /// `selectorOverlap`: the DaemonSet's selector matches no pod of another workload and no
    /// other DaemonSet's template in its namespace.
    SelectorOverlap,
    /// `apiVersion`: the DaemonSet was not written in an API version current Kubernetes no
    /// longer serves (`extensions/v1beta1`, `apps/v1beta2`).
    ApiVersion,
}

impl Check {
    /// The policy key that selects this check (`coverage`, `priorityClass`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Coverage { .. } => "coverage",
            Check::Avoid { .. } => "avoid",
            Check::Family { .. } => "family",
            Check::Fit { .. } => "fit",
            Check::Rollout(_) => "rollout",
            Check::Requests { .. } => "requests",
            Check::PriorityClass { .. } => "priorityClass",
            Check::Tolerations => "tolerations",
            Check::SelectorOverlap => "selectorOverlap",
            Check::ApiVersion => "apiVersion",
        }
    }
}

/// The limits of a `rollout` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolloutLimits {
    /// Most nodes without an available pod at once: the DaemonSet's resolved `maxUnavailable`
    /// and, with a rollout simulation, the peak of any step.
    pub max_unavailable: Option<IntOrPercent>,
    /// Most update steps (syncs that create or delete pods).
    pub max_waves: Option<u32>,
    /// Most minutes until `kubectl rollout status` reports success.
    pub max_minutes: Option<u32>,
    /// Fail when `maxSurge > 0` and the pod uses host ports: the surge pod can never schedule
    /// beside the old one (default true).
    pub forbid_surge_host_port_deadlock: bool,
    /// Fail when the rollout simulation leaves nodes stuck (default true).
    pub forbid_stuck_nodes: bool,
}

/// A count or a percent of the nodes that should run the DaemonSet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntOrPercent {
    /// An absolute count.
    Int(u32),
    /// A percent, 0–100.
    Percent(u8),
}

impl IntOrPercent {
    /// The limit for `desired` nodes, rounding a percent down (the stricter reading).
    pub fn resolve(self, desired: u32) -> u32 {
        match self {
            IntOrPercent::Int(n) => n,
            IntOrPercent::Percent(p) => {
                u32::try_from(u64::from(desired) * u64::from(p) / 100).unwrap_or(u32::MAX)
            }
        }
    }
}

impl std::fmt::Display for IntOrPercent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntOrPercent::Int(n) => write!(f, "{n}"),
            IntOrPercent::Percent(p) => write!(f, "{p}%"),
        }
    }
}
