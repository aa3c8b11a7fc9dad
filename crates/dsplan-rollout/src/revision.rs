//! Which revision pods are compared against: `constructHistory`'s current revision
//! (`pkg/controller/daemon/update.go`: `constructHistory`, `Match`, `dedupCurHistories`; R-H1..R-H4)
//! and the templateGeneration annotation (R-C3), for the DaemonSet or its proposed new version.
//!
//! Upstream names a new revision by `ComputeHash` (FNV-32a over Go's deep print of the
//! template), which cannot be reproduced outside Go (R-H2). A template no ControllerRevision of
//! the snapshot matches gets a dsplan hash instead, `dsplan-<8 hex digits>` (FNV-32a of the
//! template's canonical JSON), unless the DaemonSet's own pods already carry the real one: the
//! controller labels every pod it creates with the current revision's hash and the
//! templateGeneration (`pkg/controller/daemon/util`: `CreatePodTemplate`), so a pod whose
//! `pod-template-generation` is the current templateGeneration carries `ComputeHash` of this
//! template ([`current_generation_hash`]). This matters on the surge path, which tells new pods
//! from old by the hash label alone (`daemon_controller.go`: `podsShouldBeOnNode`). Without such
//! a pod the dsplan hash stands: no existing pod carries it, so every pod that does not match the
//! templateGeneration either counts as old, exactly as for a real new revision.
//! Templates are compared as JSON values (upstream compares the serialized bytes, both
//! defaulted by the API server). A proposed template is written by a user, so a field the API
//! server fills in (`pkg/apis/core/v1/defaults.go`) that the proposal leaves out is not a change
//! ([`same_template`]).

use dsplan_core::daemon_pod::{template_generation, HASH_LABEL};
pub use dsplan_core::revision::{current_generation_hash, GenerationHash, PodRevisionLabels};
use dsplan_model::k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use dsplan_model::Obj;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Revision;

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

/// The revision and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedRevision {
    /// Hash and generation pods are compared against.
    pub revision: Revision,
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
/// the snapshot). `pods` are the DaemonSet's pods.
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
        revision: Revision { hash, generation },
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

/// Fields the API server's Pod defaulting sets (`SetDefaults_PodSpec`, `SetDefaults_Container`,
/// `SetDefaults_ContainerPort`, `SetDefaults_HostPathVolumeSource`, `SetDefaults_Probe`,
/// `SetDefaults_SecretVolumeSource`, `SetDefaults_ConfigMapVolumeSource`,
/// `SetDefaults_ObjectFieldSelector`), with the value they get (`None`: it depends on other
/// fields).
const SERVER_DEFAULTS: &[(&str, Option<&str>)] = &[
    ("dnsPolicy", None),
    ("restartPolicy", None),
    ("schedulerName", None),
    ("terminationGracePeriodSeconds", None),
    ("securityContext", Some("{}")),
    ("imagePullPolicy", None),
    ("terminationMessagePath", None),
    ("terminationMessagePolicy", None),
    ("protocol", Some("\"TCP\"")),
    ("type", Some("\"\"")),
    ("timeoutSeconds", Some("1")),
    ("periodSeconds", Some("10")),
    ("successThreshold", Some("1")),
    ("failureThreshold", Some("3")),
    ("defaultMode", Some("420")),
    ("apiVersion", Some("\"v1\"")),
];

/// `proposed` equals `server` except for server-defaulted fields `proposed` leaves out.
pub fn same_template(proposed: &Value, server: &Value) -> bool {
    match (proposed, server) {
        (Value::Object(mine), Value::Object(theirs)) => {
            mine.iter().all(|(key, value)| {
                theirs
                    .get(key)
                    .is_some_and(|other| same_template(value, other))
            }) && theirs
                .iter()
                .all(|(key, value)| mine.contains_key(key) || is_server_default(key, value))
        }
        (Value::Array(mine), Value::Array(theirs)) => {
            mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| same_template(a, b))
        }
        _ => proposed == server,
    }
}

fn is_server_default(key: &str, value: &Value) -> bool {
    SERVER_DEFAULTS.iter().any(|(name, default)| {
        *name == key
            && default
                .is_none_or(|text| serde_json::from_str::<Value>(text).is_ok_and(|d| &d == value))
    })
}

/// `spec.template` as a JSON value.
fn template_json(ds: &DaemonSet) -> Value {
    ds.spec
        .as_ref()
        .and_then(|spec| serde_json::to_value(&spec.template).ok())
        .unwrap_or(Value::Null)
}

/// The template a revision records: `data.spec.template` without the `$patch` directive (R-H2).
fn revision_template(rev: &ControllerRevision) -> Option<Value> {
    let mut template = rev.data.as_ref()?.0.get("spec")?.get("template")?.clone();
    if let Value::Object(map) = &mut template {
        map.remove("$patch");
    }
    Some(template)
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

/// `dsplan-` and the FNV-32a of the template's canonical JSON (sorted keys), in hex.
fn dsplan_hash(template: &Value) -> String {
    let text = template.to_string();
    let hash = text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    format!("dsplan-{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_core::daemon_pod::GENERATION_ANNOTATION;
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
    fn server_defaults_left_out_of_a_proposal_are_no_change() {
        let server = serde_json::json!({"spec": {"securityContext": {}, "dnsPolicy": "ClusterFirst",
            "containers": [{"image": "a", "imagePullPolicy": "IfNotPresent",
                            "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}});
        let written = serde_json::json!({"spec": {"containers": [{"image": "a", "ports": [{"containerPort": 80}]}]}});
        assert!(same_template(&written, &server));
        let udp = serde_json::json!({"spec": {"containers": [{"image": "a", "ports": [{"containerPort": 80, "protocol": "UDP"}]}]}});
        assert!(!same_template(&udp, &server));
        let dropped_selector = serde_json::json!({"spec": {"containers": [{"image": "a"}]}});
        let with_selector = serde_json::json!({"spec": {"nodeSelector": {"a": "b"}, "containers": [{"image": "a"}]}});
        assert!(
            !same_template(&dropped_selector, &with_selector),
            "a removed field is a change"
        );
    }

    #[test]
    fn the_matching_revision_names_the_hash() {
        let v1 = ds("img:1", "1");
        let revs = [revision(&v1, "agent-aaa", "aaa", 1)];
        let resolved = resolve(&v1, Some(&v1), &revs, &pods(&[("aaa", "1")]));
        assert_eq!(resolved.revision.hash, "aaa");
        assert_eq!(resolved.revision.generation, Some(1));
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
        assert!(new.revision.hash.starts_with("dsplan-"));
        assert_eq!(
            new.revision.generation,
            Some(3),
            "templateGeneration is bumped"
        );
        let rollback = resolve(&ds("img:1", "2"), Some(&v2), &revs, &pods(&[("bbb", "2")]));
        assert_eq!(
            rollback.revision.hash, "aaa",
            "R-H3: the old revision is reused"
        );
    }

    #[test]
    fn without_history_the_pods_common_hash_or_only_the_generation_counts() {
        let v1 = ds("img:1", "4");
        let common = resolve(&v1, Some(&v1), &[], &pods(&[("x", "3"), ("x", "4")]));
        assert_eq!(
            (common.revision.hash.as_str(), common.source),
            ("x", RevisionSource::PodLabels)
        );
        let mixed = resolve(&v1, Some(&v1), &[], &pods(&[("x", "3"), ("y", "3")]));
        assert!(
            mixed.revision.hash.starts_with("dsplan-"),
            "pods the controller creates carry the new revision's hash"
        );
        assert_eq!(mixed.revision.generation, Some(4));
        assert_eq!(mixed.source, RevisionSource::GenerationOnly);
    }

    #[test]
    fn a_daemon_set_not_in_the_snapshot_gets_a_first_revision_and_generation_1() {
        let new = resolve(&ds("img:1", "0"), None, &[], &[]);
        assert_eq!(new.source, RevisionSource::DsplanHash);
        assert!(new.revision.hash.starts_with("dsplan-"));
        assert_eq!(new.revision.generation, Some(1), "R-G1");
        let mut unannotated = ds("img:1", "0");
        unannotated.metadata.annotations = None;
        assert_eq!(
            resolve(&unannotated, None, &[], &[]).revision.generation,
            Some(1)
        );
    }

    #[test]
    fn pods_at_the_new_generation_name_the_new_revision() {
        // R1 of CONFORMANCE.md: a proposal bumps templateGeneration 1 to 2 and a pod the
        // controller already created at 2 carries upstream's ComputeHash.
        let (v1, v2) = (ds("img:1", "1"), ds("img:2", "1"));
        let resolved = resolve(&v2, Some(&v1), &[], &pods(&[("old", "1"), ("new", "2")]));
        assert_eq!(
            (resolved.revision.hash.as_str(), resolved.source),
            ("new", RevisionSource::PodLabels)
        );
        assert_eq!(resolved.revision.generation, Some(2));
        assert!(resolved.notes[0].contains("pod-template-generation 2"));
        let none_yet = resolve(&v2, Some(&v1), &[], &pods(&[("old", "1")]));
        assert_eq!(none_yet.source, RevisionSource::DsplanHash);
        assert!(none_yet.revision.hash.starts_with("dsplan-"));
    }

    #[test]
    fn a_matching_revision_outranks_pods_at_the_generation() {
        let v1 = ds("img:1", "1");
        let revs = [revision(&v1, "agent-aaa", "aaa", 1)];
        let resolved = resolve(&v1, Some(&v1), &revs, &pods(&[("zzz", "1")]));
        assert_eq!(resolved.revision.hash, "aaa");
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
        assert_eq!(
            resolved.revision.hash, "a",
            "pod-1 is the newest at generation 2"
        );
        assert!(resolved.notes[0].contains("2 different hashes (a, b)"));
        let mut tied = labels.clone();
        tied[1].created = tied[0].created;
        assert_eq!(
            current_generation_hash(&tied, 2).map(|found| found.hash),
            Some("a"),
            "same creation time: the greater name, pod-1"
        );
    }
}
