//! The validation report (`dsplan_engine::ValidationReport`) as its WIT records, field for
//! field.

use super::u32_of;
use crate::exports::dsplan::planner::planner as wit;

impl From<dsplan_engine::ValidationReport> for wit::ValidationReport {
    fn from(r: dsplan_engine::ValidationReport) -> Self {
        Self {
            objects: r.objects.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<dsplan_engine::ObjectValidation> for wit::ObjectValidation {
    fn from(o: dsplan_engine::ObjectValidation) -> Self {
        Self {
            kind: o.kind,
            namespace: o.namespace,
            name: o.name,
            valid: o.valid,
            errors: o.errors,
            file: o.file,
            line: o.line.map(u32_of),
        }
    }
}
