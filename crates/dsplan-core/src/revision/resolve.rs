//! [`resolve`]: the revision pods are compared against, for the DaemonSet of the snapshot or a
//! proposed new version of it.
//!
//! - The hash: `constructHistory`'s current revision (`pkg/controller/daemon/update.go`:
//!   `constructHistory`, `Match`, `dedupCurHistories`; R-H1..R-H4), the ControllerRevision whose
//!   template matches. A template no ControllerRevision of the snapshot matches gets a dsplan hash
//!   (`template.rs`), unless the DaemonSet's own pods already carry the real one: a pod whose
//!   `pod-template-generation` is the current templateGeneration carries `ComputeHash` of this
//!   template ([`current_generation_hash`]). This matters on the surge path, which tells new pods
//!   from old by the hash label alone (`daemon_controller.go`: `podsShouldBeOnNode`). Without such
//!   a pod the dsplan hash stands: no existing pod carries it, so every pod that does not match
//!   the templateGeneration either counts as old, exactly as for a real new revision.
//! - The templateGeneration (R-C3): the API server's, bumped when a proposal changes the template
//!   (`pkg/registry/apps/daemonset/strategy.go`: `PrepareForUpdate`, R-G2) and set to 1 on create
//!   (`PrepareForCreate`, R-G1).

use super::labels::{current_generation_hash, GenerationHash, PodRevisionLabels};
use super::template::{dsplan_hash, revision_template, same_template, template_json};
use crate::daemon_pod::{template_generation, HASH_LABEL};
use dsplan_model::k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use dsplan_model::Obj;
use serde::{Deserialize, Serialize};

/// Where the current revision's hash came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RevisionSource {
    /// A ControllerRevision of the snapshot matches the template.
    ControllerRevision,
    /// No ControllerRevision matches: a dsplan hash stands for the new revision.
    DsplanHash,
    /// No ControllerRevision matches: the hash the pods at the current templateGeneration carry,
    /// or (no ControllerRevision in the snapshot at all) the hash every pod carries.
    PodLabels,
    /// No hash of the snapshot's pods is known to be current: only the templateGeneration label
    /// identifies updated pods among them; created pods carry a dsplan hash.
    GenerationOnly,
}

/// The current revision and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRevision {
    /// The `controller-revision-hash` pods are compared against and new pods get (R-C1).
    pub hash: String,
    /// The templateGeneration pods' `pod-template-generation` is compared against (R-C3).
    pub generation: Option<i64>,
    /// Where the hash came from.
    pub source: RevisionSource,
    /// `.revision` of the matching ControllerRevision.
    pub number: Option<i64>,
    /// The template differs from the snapshot's DaemonSet (a proposal changes it).
    pub template_changed: bool,
    /// What the user should know about how it was found.
    pub notes: Vec<String>,
}

/// The current revision of `ds` (the proposed version when there is one, `current` the one in
/// the snapshot, `None` for a DaemonSet being created). `pods` are the DaemonSet's pods.
pub fn resolve(
    ds: &DaemonSet,
    current: Option<&DaemonSet>,
    revisions: &[Obj<ControllerRevision>],
    pods: &[PodRevisionLabels<'_>],
) -> ResolvedRevision {
    let template = template_json(ds);
    let changed = current.is_some_and(|current| !same_template(&template, &template_json(current)));
    // The server owns templateGeneration and bumps it on a template change (R-G2); a proposal's
    // own annotation is ignored.
    // On create the server sets templateGeneration to 1 when it is below 1 (R-G1,
    // `pkg/registry/apps/daemonset/strategy.go`: `PrepareForCreate`).
    let generation = match (current, current.and_then(template_generation)) {
        (_, Some(old)) if changed => Some(old + 1),
        (_, Some(old)) => Some(old),
        (Some(_), None) => template_generation(ds),
        (None, None) => Some(template_generation(ds).map_or(1, |g| g.max(1))),
    };
    let resolved = |hash: String, source, notes| ResolvedRevision {
        hash,
        generation,
        source,
        number: None,
        template_changed: changed,
        notes,
    };
    let owned: Vec<&ControllerRevision> = revisions
        .iter()
        .map(|obj| &obj.value)
        .filter(|rev| owned_by(rev, current.unwrap_or(ds)))
        .collect();
    // dedupCurHistories keeps the highest revision; on a tie the later one (R-H4).
    let matching = owned
        .iter()
        .filter(|rev| {
            revision_template(rev).is_some_and(|recorded| same_template(&template, &recorded))
        })
        .fold(None::<&&ControllerRevision>, |kept, rev| match kept {
            Some(kept) if kept.revision > rev.revision => Some(kept),
            _ => Some(rev),
        });
    if let Some(rev) = matching {
        // constructHistory labels an unlabelled revision with its own name (R-H3).
        let hash = rev
            .metadata
            .labels
            .as_ref()
            .and_then(|labels| labels.get(HASH_LABEL))
            .or(rev.metadata.name.as_ref())
            .cloned()
            .unwrap_or_default();
        return ResolvedRevision {
            number: Some(rev.revision),
            ..resolved(hash, RevisionSource::ControllerRevision, Vec::new())
        };
    }
    let mut distinct: Vec<&str> = pods.iter().filter_map(|pod| pod.hash).collect();
    distinct.sort_unstable();
    distinct.dedup();
    // A DaemonSet that is not in the snapshot has no revision yet: constructHistory creates one.
    let new_revision = changed || current.is_none() || !owned.is_empty();
    if let (false, [only]) = (new_revision, distinct.as_slice()) {
        return resolved(
            (*only).to_owned(),
            RevisionSource::PodLabels,
            vec![format!(
                "no ControllerRevisions in the snapshot: taking {HASH_LABEL}={only}, which every pod carries, as the current revision"
            )],
        );
    }
    // Only a DaemonSet of the snapshot has pods it created itself.
    if let Some(found) = current
        .and(generation)
        .and_then(|g| current_generation_hash(pods, g))
    {
        return resolved(
            found.hash.to_owned(),
            RevisionSource::PodLabels,
            vec![generation_note(&found)],
        );
    }
    // constructHistory creates a revision named by ComputeHash, which no snapshot pod can be
    // shown to carry; the pods the controller creates carry it (R-H3, R-B4).
    let hash = dsplan_hash(&template);
    let note = if new_revision && current.is_some() {
        format!("no ControllerRevision matches the template: it is a new revision, named {hash} by dsplan (upstream's ComputeHash cannot be reproduced)")
    } else if new_revision {
        format!("the DaemonSet is not in the snapshot: its first revision is named {hash} by dsplan (upstream's ComputeHash cannot be reproduced)")
    } else {
        format!(
            "no ControllerRevisions in the snapshot and the pods carry {} different {HASH_LABEL} values: only the pod-template-generation label ({}) tells which existing pods are updated; pods the controller creates carry the new revision, named {hash} by dsplan",
            distinct.len(),
            generation.map_or_else(|| "unknown: every existing pod counts as old".to_owned(), |g| g.to_string())
        )
    };
    let source = if new_revision {
        RevisionSource::DsplanHash
    } else {
        RevisionSource::GenerationOnly
    };
    resolved(hash, source, vec![note])
}

/// The note saying which pods' hash was taken.
fn generation_note(found: &GenerationHash<'_>) -> String {
    let base = format!(
        "no ControllerRevision in the snapshot matches the template: taking {HASH_LABEL}={}, which the DaemonSet's pods at pod-template-generation {} carry, as the current revision (the controller created them from this template)",
        found.hash, found.generation
    );
    match found.candidates.as_slice() {
        [_] => base,
        all => format!(
            "{base}; those pods carry {} different hashes ({}): taking the one of the newest, {}",
            all.len(),
            all.join(", "),
            found.pod
        ),
    }
}

/// The revision's controller ownerRef names the DaemonSet (by UID when both have one).
fn owned_by(rev: &ControllerRevision, ds: &DaemonSet) -> bool {
    let refs = rev.metadata.owner_references.iter().flatten();
    let same_namespace = rev.metadata.namespace == ds.metadata.namespace;
    refs.filter(|r| r.controller == Some(true) && r.kind == "DaemonSet")
        .any(|r| match (&ds.metadata.uid, r.uid.is_empty()) {
            (Some(uid), false) => &r.uid == uid,
            _ => same_namespace && Some(&r.name) == ds.metadata.name.as_ref(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::daemon_pod::GENERATION_ANNOTATION;
    use dsplan_model::k8s_openapi::api::apps::v1::DaemonSetSpec;
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        ObjectMeta, OwnerReference,
    };
    use dsplan_model::k8s_openapi::apimachinery::pkg::runtime::RawExtension;
    use dsplan_model::Source;

    fn ds(image: &str, generation: &str) -> DaemonSet {
        let template = serde_json::from_value(serde_json::json!({
            "metadata": {"labels": {"app": "a"}},
            "spec": {"containers": [{"name": "c", "image": image}]}
        }))
        .expect("template");
        DaemonSet {
            metadata: ObjectMeta {
                name: Some("agent".into()),
                namespace: Some("kube-system".into()),
                uid: Some("uid-1".into()),
                annotations: Some(
                    [(GENERATION_ANNOTATION.to_owned(), generation.to_owned())].into(),
                ),
                ..ObjectMeta::default()
            },
            spec: Some(DaemonSetSpec {
                template,
                ..DaemonSetSpec::default()
            }),
            status: None,
        }
    }

    /// Pods `pod-0`, `pod-1`, ... created in that order, with the given hash and generation labels.
    fn pods<'a>(labels: &[(&'a str, &'a str)]) -> Vec<PodRevisionLabels<'a>> {
        const NAMES: [&str; 4] = ["pod-0", "pod-1", "pod-2", "pod-3"];
        labels
            .iter()
            .zip(NAMES)
            .zip(0..)
            .map(|((&(hash, generation), name), created)| PodRevisionLabels {
                name,
                hash: Some(hash),
                generation: Some(generation),
                created,
            })
            .collect()
    }

    fn revision(of: &DaemonSet, name: &str, hash: &str, number: i64) -> Obj<ControllerRevision> {
        let template = template_json(of);
        let mut data = serde_json::json!({"spec": {"template": template}});
        data["spec"]["template"]["$patch"] = "replace".into();
        Obj::new(
            ControllerRevision {
                metadata: ObjectMeta {
                    name: Some(name.into()),
                    namespace: Some("kube-system".into()),
                    labels: Some([(HASH_LABEL.to_owned(), hash.to_owned())].into()),
                    owner_references: Some(vec![OwnerReference {
                        api_version: "apps/v1".into(),
                        kind: "DaemonSet".into(),
                        name: "agent".into(),
                        uid: "uid-1".into(),
                        controller: Some(true),
                        block_owner_deletion: None,
                    }]),
                    ..ObjectMeta::default()
                },
                data: Some(RawExtension(data)),
                revision: number,
            },
            Source::default(),
        )
    }

    #[test]
    fn the_matching_revision_names_the_hash() {
        let v1 = ds("img:1", "1");
        let revs = [revision(&v1, "agent-aaa", "aaa", 1)];
        let resolved = resolve(&v1, Some(&v1), &revs, &pods(&[("aaa", "1")]));
        assert_eq!(resolved.hash, "aaa");
        assert_eq!(resolved.generation, Some(1));
        assert_eq!(resolved.source, RevisionSource::ControllerRevision);
    }

    #[test]
    fn a_changed_template_is_a_new_revision_and_a_rollback_reuses_the_old_one() {
        let (v1, v2) = (ds("img:1", "1"), ds("img:2", "2"));
        let revs = [
            revision(&v1, "agent-aaa", "aaa", 1),
            revision(&v2, "agent-bbb", "bbb", 2),
        ];
        let proposed = ds("img:3", "2");
        let new = resolve(&proposed, Some(&v2), &revs, &pods(&[("bbb", "2")]));
        assert_eq!(new.source, RevisionSource::DsplanHash);
        assert!(new.hash.starts_with("dsplan-"));
        assert_eq!(new.generation, Some(3), "templateGeneration is bumped");
        let rollback = resolve(&ds("img:1", "2"), Some(&v2), &revs, &pods(&[("bbb", "2")]));
        assert_eq!(rollback.hash, "aaa", "R-H3: the old revision is reused");
    }

    #[test]
    fn without_history_the_pods_common_hash_or_only_the_generation_counts() {
        let v1 = ds("img:1", "4");
        let common = resolve(&v1, Some(&v1), &[], &pods(&[("x", "3"), ("x", "4")]));
        assert_eq!(
            (common.hash.as_str(), common.source),
            ("x", RevisionSource::PodLabels)
        );
        let mixed = resolve(&v1, Some(&v1), &[], &pods(&[("x", "3"), ("y", "3")]));
        assert!(
            mixed.hash.starts_with("dsplan-"),
            "pods the controller creates carry the new revision's hash"
        );
        assert_eq!(mixed.generation, Some(4));
        assert_eq!(mixed.source, RevisionSource::GenerationOnly);
    }

    #[test]
    fn a_daemon_set_not_in_the_snapshot_gets_a_first_revision_and_generation_1() {
        let new = resolve(&ds("img:1", "0"), None, &[], &[]);
        assert_eq!(new.source, RevisionSource::DsplanHash);
        assert!(new.hash.starts_with("dsplan-"));
        assert_eq!(new.generation, Some(1), "R-G1");
        let mut unannotated = ds("img:1", "0");
        unannotated.metadata.annotations = None;
        assert_eq!(resolve(&unannotated, None, &[], &[]).generation, Some(1));
    }

    #[test]
    fn pods_at_the_new_generation_name_the_new_revision() {
        // R1 of CONFORMANCE.md: a proposal bumps templateGeneration 1 to 2 and a pod the
        // controller already created at 2 carries upstream's ComputeHash.
        let (v1, v2) = (ds("img:1", "1"), ds("img:2", "1"));
        let resolved = resolve(&v2, Some(&v1), &[], &pods(&[("old", "1"), ("new", "2")]));
        assert_eq!(
            (resolved.hash.as_str(), resolved.source),
            ("new", RevisionSource::PodLabels)
        );
        assert_eq!(resolved.generation, Some(2));
        assert!(resolved.notes[0].contains("pod-template-generation 2"));
        let none_yet = resolve(&v2, Some(&v1), &[], &pods(&[("old", "1")]));
        assert_eq!(none_yet.source, RevisionSource::DsplanHash);
        assert!(none_yet.hash.starts_with("dsplan-"));
    }

    #[test]
    fn a_matching_revision_outranks_pods_at_the_generation() {
        let v1 = ds("img:1", "1");
        let revs = [revision(&v1, "agent-aaa", "aaa", 1)];
        let resolved = resolve(&v1, Some(&v1), &revs, &pods(&[("zzz", "1")]));
        assert_eq!(resolved.hash, "aaa");
    }

    #[test]
    fn a_daemon_set_being_created_ignores_pods_at_generation_1() {
        let resolved = resolve(&ds("img:1", "0"), None, &[], &pods(&[("x", "1")]));
        assert_eq!(resolved.source, RevisionSource::DsplanHash);
    }

    #[test]
    fn conflicting_hashes_at_the_generation_take_the_newest_pod() {
        let (v1, v2) = (ds("img:1", "1"), ds("img:2", "1"));
        let labels = pods(&[("b", "2"), ("a", "2"), ("old", "1")]);
        let resolved = resolve(&v2, Some(&v1), &[], &labels);
        assert_eq!(resolved.hash, "a", "pod-1 is the newest at generation 2");
        assert!(resolved.notes[0].contains("2 different hashes (a, b)"));
    }
}
