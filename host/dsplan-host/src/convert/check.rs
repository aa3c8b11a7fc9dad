//! The check report's WIT records back as `dsplan_policy` types, field for field.

use super::usize_of;
use crate::bindings::wit;

impl From<wit::CheckReport> for dsplan_policy::CheckReport {
    fn from(r: wit::CheckReport) -> Self {
        Self {
            policy: r.policy,
            evaluations: r.evaluations.into_iter().map(Into::into).collect(),
            findings: r.findings.into_iter().map(Into::into).collect(),
            notes: r.notes,
        }
    }
}

impl From<wit::Evaluation> for dsplan_policy::Evaluation {
    fn from(e: wit::Evaluation) -> Self {
        Self {
            rule: e.rule,
            kind: e.kind,
            severity: e.severity.into(),
            daemon_set: e.daemon_set.map(Into::into),
        }
    }
}

impl From<wit::Finding> for dsplan_policy::Finding {
    fn from(f: wit::Finding) -> Self {
        Self {
            rule: f.rule,
            kind: f.kind,
            severity: f.severity.into(),
            daemon_set: f.daemon_set.map(Into::into),
            nodes: f.nodes,
            message: f.message,
            fix: f.fix,
            location: f.location.map(|l| dsplan_policy::Location {
                file: l.file,
                line: l.line.map(usize_of),
            }),
        }
    }
}

impl From<wit::Severity> for dsplan_policy::Severity {
    fn from(s: wit::Severity) -> Self {
        match s {
            wit::Severity::Error => Self::Error,
            wit::Severity::Warning => Self::Warning,
        }
    }
}

impl From<wit::DaemonSetRef> for dsplan_policy::DaemonSetRef {
    fn from(d: wit::DaemonSetRef) -> Self {
        Self {
            namespace: d.namespace,
            name: d.name,
        }
    }
}
