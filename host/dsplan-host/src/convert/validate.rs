//! The validation report's WIT records back as `dsplan_engine` types, field for field.

use super::usize_of;
use crate::bindings::wit;

impl From<wit::ValidationReport> for dsplan_engine::ValidationReport {
    fn from(r: wit::ValidationReport) -> Self {
        Self {
            objects: r.objects.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<wit::ObjectValidation> for dsplan_engine::ObjectValidation {
    fn from(o: wit::ObjectValidation) -> Self {
        Self {
            kind: o.kind,
            namespace: o.namespace,
            name: o.name,
            valid: o.valid,
            errors: o.errors,
            file: o.file,
            line: o.line.map(usize_of),
        }
    }
}
