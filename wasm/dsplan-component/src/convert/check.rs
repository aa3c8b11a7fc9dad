//! The policy check report (`dsplan_policy::CheckReport`) as its WIT records, field for field.

use super::u32_of;
use crate::exports::dsplan::planner::planner as wit;

impl From<dsplan_policy::CheckReport> for wit::CheckReport {
    fn from(r: dsplan_policy::CheckReport) -> Self {
        Self {
            policy: r.policy,
            evaluations: r.evaluations.into_iter().map(Into::into).collect(),
            findings: r.findings.into_iter().map(Into::into).collect(),
            notes: r.notes,
        }
    }
}

impl From<dsplan_policy::Evaluation> for wit::Evaluation {
    fn from(e: dsplan_policy::Evaluation) -> Self {
        Self {
            rule: e.rule,
            kind: e.kind,
            severity: e.severity.into(),
            daemon_set: e.daemon_set.map(Into::into),
        }
    }
}

impl From<dsplan_policy::Finding> for wit::Finding {
    fn from(f: dsplan_policy::Finding) -> Self {
        Self {
            rule: f.rule,
            kind: f.kind,
            severity: f.severity.into(),
            daemon_set: f.daemon_set.map(Into::into),
            nodes: f.nodes,
            message: f.message,
            fix: f.fix,
            location: f.location.map(|l| wit::Location {
                file: l.file,
                line: l.line.map(u32_of),
            }),
        }
    }
}

impl From<dsplan_policy::Severity> for wit::Severity {
    fn from(s: dsplan_policy::Severity) -> Self {
        match s {
            dsplan_policy::Severity::Error => Self::Error,
            dsplan_policy::Severity::Warning => Self::Warning,
        }
    }
}

impl From<dsplan_policy::DaemonSetRef> for wit::DaemonSetRef {
    fn from(d: dsplan_policy::DaemonSetRef) -> Self {
        Self {
            namespace: d.namespace,
            name: d.name,
        }
    }
}
