//! The DaemonSet's current revision hash, which decides which pods are "updated" and, with
//! surge, which pod is the new one.
//!
//! Upstream hashes the template (`controller.ComputeHash`) and keeps it on the newest
//! ControllerRevision. dsplan does not recompute that hash. It takes the
//! `controller-revision-hash` label of the DaemonSet's ControllerRevision with the highest
//! `revision` in the snapshot. The hash is unknown (`None`) when the snapshot has no such
//! revision, or when a proposed DaemonSet changes the template (a new revision whose hash no
//! pod carries yet); pods then count as updated only through `pod-template-generation`.

use crate::daemon_pod::HASH_LABEL;
use dsplan_model::k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use dsplan_model::Obj;

/// The current revision hash of `ds` among `revisions`, or `None` (see the module docs).
pub fn current_hash<'r>(
    ds: &DaemonSet,
    revisions: &'r [Obj<ControllerRevision>],
    template_changed: bool,
) -> Option<&'r str> {
    if template_changed {
        return None;
    }
    let namespace = crate::ownership::namespace_of(&ds.metadata);
    let name = ds.metadata.name.as_deref().unwrap_or_default();
    let uid = ds.metadata.uid.as_deref().filter(|u| !u.is_empty());
    let owned = |cr: &ControllerRevision| {
        crate::ownership::namespace_of(&cr.metadata) == namespace
            && cr.metadata.owner_references.iter().flatten().any(|r| {
                r.controller == Some(true)
                    && match uid {
                        Some(uid) => r.uid == uid,
                        None => r.kind == "DaemonSet" && r.name == name,
                    }
            })
    };
    revisions
        .iter()
        .map(|obj| &obj.value)
        .filter(|cr| owned(cr))
        .max_by_key(|cr| cr.revision)?
        .metadata
        .labels
        .as_ref()?
        .get(HASH_LABEL)
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        ObjectMeta, OwnerReference,
    };
    use dsplan_model::Source;

    fn revision(n: i64, hash: &str, uid: &str) -> Obj<ControllerRevision> {
        Obj::new(
            ControllerRevision {
                metadata: ObjectMeta {
                    labels: Some([(HASH_LABEL.to_owned(), hash.to_owned())].into()),
                    owner_references: Some(vec![OwnerReference {
                        kind: "DaemonSet".into(),
                        name: "foo".into(),
                        uid: uid.into(),
                        controller: Some(true),
                        ..Default::default()
                    }]),
                    ..Default::default()
                },
                revision: n,
                data: None,
            },
            Source::default(),
        )
    }

    #[test]
    fn newest_owned_revision_wins() {
        let ds = DaemonSet {
            metadata: ObjectMeta {
                name: Some("foo".into()),
                uid: Some("u".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let revisions = [
            revision(1, "a", "u"),
            revision(3, "c", "u"),
            revision(9, "x", "other"),
        ];
        assert_eq!(current_hash(&ds, &revisions, false), Some("c"));
        assert_eq!(current_hash(&ds, &revisions, true), None);
        assert_eq!(current_hash(&ds, &[], false), None);
    }
}
