//! `validate`: apps/v1 DaemonSets checked as the API server checks them on create or update,
//! with its field paths and messages.

use crate::Error;
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::Obj;
use dsplan_snapshot::{FieldError, Input};
use serde::{Deserialize, Serialize};

/// The verdict for every DaemonSet read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    /// One entry per DaemonSet, in input order.
    pub objects: Vec<ObjectValidation>,
}

impl ValidationReport {
    /// Whether every object is valid.
    pub fn valid(&self) -> bool {
        self.objects.iter().all(|o| o.valid)
    }
}

/// One object's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectValidation {
    /// Always `DaemonSet` today.
    pub kind: String,
    /// `metadata.namespace`.
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// Whether the API server would accept it.
    pub valid: bool,
    /// `<field path>: <message>`, the API server's text.
    pub errors: Vec<String>,
    /// The file it was read from.
    pub file: String,
    /// Its line in that file, where known.
    pub line: Option<usize>,
}

fn verdict(ds: &Obj<DaemonSet>, errors: &[FieldError]) -> ObjectValidation {
    let meta = &ds.value.metadata;
    ObjectValidation {
        kind: "DaemonSet".to_owned(),
        namespace: meta.namespace.clone().unwrap_or_default(),
        name: meta.name.clone().unwrap_or_default(),
        valid: errors.is_empty(),
        errors: errors.iter().map(ToString::to_string).collect(),
        file: ds.source.file.clone(),
        line: ds.source.line,
    }
}

/// Validates every DaemonSet in `inputs` as a create.
pub fn validate(inputs: &[Input<'_>]) -> Result<ValidationReport, Error> {
    let read = dsplan_snapshot::validate(inputs)?;
    Ok(ValidationReport {
        objects: read
            .iter()
            .map(|(ds, errors)| verdict(ds, errors))
            .collect(),
    })
}

/// Validates every DaemonSet in `new` as an update of the one with the same namespace and name
/// in `old` (a create when there is none).
pub fn validate_update(old: &[Input<'_>], new: &[Input<'_>]) -> Result<ValidationReport, Error> {
    let old = dsplan_snapshot::validate(old)?;
    let new = dsplan_snapshot::validate(new)?;
    let key = |ds: &DaemonSet| (ds.metadata.namespace.clone(), ds.metadata.name.clone());
    let objects = new
        .iter()
        .map(|(ds, create_errors)| {
            match old.iter().find(|(o, _)| key(&o.value) == key(&ds.value)) {
                Some((previous, _)) => verdict(
                    ds,
                    &dsplan_validation::validate_daemon_set_update(&previous.value, &ds.value),
                ),
                None => verdict(ds, create_errors),
            }
        })
        .collect();
    Ok(ValidationReport { objects })
}
