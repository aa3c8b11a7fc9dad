//! The DaemonSet's current revision hash, which decides which pods are "updated" and, with
//! surge, which pod is the new one.
//!
//! Upstream hashes the template (`controller.ComputeHash`) and keeps it on the newest
//! ControllerRevision. dsplan does not recompute that hash. It takes the
//! `controller-revision-hash` label of the DaemonSet's ControllerRevision with the highest
//! `revision` in the snapshot. Without such a revision (a plain `kubectl get` snapshot), it takes
//! the hash the DaemonSet's own pods at the current `pod-template-generation` carry
//! ([`current_generation_hash`]): the controller created them from this template
//! (`pkg/controller/daemon/util`: `CreatePodTemplate`). The hash is unknown (`None`) when
//! neither exists, or when a proposed DaemonSet changes the template (a new revision whose hash
//! no pod carries yet); pods then count as updated only through `pod-template-generation`.

use crate::daemon_pod::{GENERATION_LABEL, HASH_LABEL};
use dsplan_model::k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use dsplan_model::k8s_openapi::api::core::v1::Pod;
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

/// The revision labels of one of the DaemonSet's pods, as [`current_generation_hash`] reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodRevisionLabels<'p> {
    /// `metadata.name`.
    pub name: &'p str,
    /// `controller-revision-hash`.
    pub hash: Option<&'p str>,
    /// `pod-template-generation`.
    pub generation: Option<&'p str>,
    /// `metadata.creationTimestamp`, in any consistent unit (0 when absent).
    pub created: i64,
}

impl<'p> PodRevisionLabels<'p> {
    /// The revision labels of `pod`.
    pub fn of(pod: &'p Pod) -> Self {
        let label = |key: &str| {
            pod.metadata
                .labels
                .as_ref()
                .and_then(|labels| labels.get(key))
                .map(String::as_str)
        };
        PodRevisionLabels {
            name: pod.metadata.name.as_deref().unwrap_or_default(),
            hash: label(HASH_LABEL),
            generation: label(GENERATION_LABEL),
            created: pod
                .metadata
                .creation_timestamp
                .as_ref()
                .map_or(0, |time| time.0.as_second()),
        }
    }
}

/// The hash the DaemonSet's pods at its current templateGeneration carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerationHash<'p> {
    /// The hash taken.
    pub hash: &'p str,
    /// The templateGeneration the pods are at.
    pub generation: i64,
    /// Every distinct hash those pods carry, sorted (more than one is a conflict).
    pub candidates: Vec<&'p str>,
    /// The pod whose hash was taken.
    pub pod: &'p str,
}

/// The `controller-revision-hash` of the pods whose `pod-template-generation` is `generation`
/// (compared as text, as `util.IsPodUpdated` does), `None` when no such pod carries a hash.
///
/// The controller creates every pod with the current revision's hash and the templateGeneration
/// (`util.CreatePodTemplate`, called by `syncNodes`), so these pods carry the hash upstream's
/// `constructHistory` gives this template. Pods at one generation with different hashes (a
/// revision recreated under another hash, `ComputeHash` with a bumped `collisionCount`, or
/// edited labels) are resolved to the newest pod's hash (latest creation, then greatest name):
/// the controller labelled it last, and `dedupCurHistories` likewise keeps the latest of
/// several current revisions (`update.go`).
pub fn current_generation_hash<'p>(
    pods: &[PodRevisionLabels<'p>],
    generation: i64,
) -> Option<GenerationHash<'p>> {
    let label = generation.to_string();
    let at_generation: Vec<(&PodRevisionLabels<'p>, &'p str)> = pods
        .iter()
        .filter(|pod| pod.generation == Some(label.as_str()))
        .filter_map(|pod| {
            pod.hash
                .filter(|hash| !hash.is_empty())
                .map(|hash| (pod, hash))
        })
        .collect();
    let (newest, hash) = at_generation
        .iter()
        .max_by_key(|(pod, _)| (pod.created, pod.name))?;
    let mut candidates: Vec<&'p str> = at_generation.iter().map(|(_, hash)| *hash).collect();
    candidates.sort_unstable();
    candidates.dedup();
    Some(GenerationHash {
        hash,
        generation,
        candidates,
        pod: newest.name,
    })
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
