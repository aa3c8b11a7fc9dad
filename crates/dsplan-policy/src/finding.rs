//! The check report: findings, the (rule, DaemonSet) pairs that were evaluated, and the exit
//! code they imply. This is the wire contract of `dsplan check -o json` (camelCase fields).

use serde::{Deserialize, Serialize};

use crate::rule::Severity;

/// A DaemonSet, by namespace and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DaemonSetRef {
    /// `metadata.namespace` (`default` when absent).
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
}

impl std::fmt::Display for DaemonSetRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.namespace, self.name)
    }
}

/// Where a DaemonSet was read from, for SARIF and GitHub annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// File name as the user gave it.
    pub file: String,
    /// 1-based line of the object's start, where known.
    pub line: Option<usize>,
}

/// One rule failing for one DaemonSet (or, for `family` gaps, for the family as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The policy rule's id.
    pub rule: String,
    /// The rule's check kind (`coverage`, `fit`, ...).
    pub kind: String,
    /// The rule's severity.
    pub severity: Severity,
    /// The DaemonSet; `null` for a family gap (no member runs there).
    pub daemon_set: Option<DaemonSetRef>,
    /// The nodes concerned, in snapshot order (empty when the finding is not about nodes).
    pub nodes: Vec<String>,
    /// What is wrong, in one line.
    pub message: String,
    /// What to change, in one line.
    pub fix: String,
    /// The manifest the DaemonSet came from.
    pub location: Option<Location>,
}

/// One (rule, DaemonSet) pair the policy evaluated, passed or not: JUnit's test cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// The policy rule's id.
    pub rule: String,
    /// The rule's check kind.
    pub kind: String,
    /// The rule's severity.
    pub severity: Severity,
    /// The DaemonSet; `null` for a family rule that matched no member.
    pub daemon_set: Option<DaemonSetRef>,
}

/// The result of [`crate::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// The policy's name.
    pub policy: String,
    /// Every (rule, DaemonSet) pair evaluated, in rule order then DaemonSet order.
    pub evaluations: Vec<Evaluation>,
    /// Every failure, in the same order.
    pub findings: Vec<Finding>,
    /// Things the user should know that are not findings (rules skipped for lack of input).
    pub notes: Vec<String>,
}

/// `dsplan check` exit code when the check ran: findings decide between 0 and 1.
pub const EXIT_PASS: i32 = 0;
/// At least one error finding (or, with `fail_on_warn`, a warning finding).
pub const EXIT_FAIL: i32 = 1;
/// Bad input or a bad policy: the CLI returns this for an `InputError` or [`crate::PolicyError`].
pub const EXIT_BAD_INPUT: i32 = 2;

impl CheckReport {
    /// Error findings.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Warning findings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether the pair has a finding.
    pub fn failed(&self, evaluation: &Evaluation) -> bool {
        self.findings_for(evaluation).next().is_some()
    }

    /// The findings of one evaluated pair.
    pub fn findings_for<'a>(
        &'a self,
        evaluation: &'a Evaluation,
    ) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(|f| f.rule == evaluation.rule && f.daemon_set == evaluation.daemon_set)
    }

    /// 0 when nothing fails, 1 when an error finding exists, or a warning finding with
    /// `fail_on_warn`.
    pub fn exit_code(&self, fail_on_warn: bool) -> i32 {
        if self.errors() > 0 || (fail_on_warn && self.warnings() > 0) {
            EXIT_FAIL
        } else {
            EXIT_PASS
        }
    }
}
