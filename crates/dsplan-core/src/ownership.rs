//! Which pods belong to a DaemonSet and which node each targets: controllerRef claiming
//! (`pkg/controller/controller_ref_manager.go` `ClaimObject`: keep, adopt, release) and
//! grouping by target node (`pkg/controller/daemon` `getNodesToDaemonPods`,
//! `util.GetTargetNodeName`).
//!
//! A controllerRef is this DaemonSet's only when its UID equals the DaemonSet's
//! (`ClaimPods`/`ClaimObject` compare `controllerRef.UID`): a pod controlled by an earlier
//! DaemonSet of the same name is another controller's. A DaemonSet without a UID stands for
//! one the API server has yet to create, which assigns a fresh UID: it owns no pod and can
//! only adopt orphans. (A proposal replacing a snapshot DaemonSet inherits the snapshot's UID
//! before it gets here.)

use crate::label_selector::{label_selector_as_selector, Selector};
use crate::node_affinity::NODE_NAME_FIELD;
use crate::pod_util::{is_deleting, is_terminal};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::Pod;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use dsplan_model::Snapshot;
use std::collections::HashMap;

/// `metadata.namespace`, `default` when absent.
pub fn namespace_of(
    metadata: &dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> &str {
    metadata.namespace.as_deref().unwrap_or("default")
}

/// The pod's controller reference (`metav1.GetControllerOf`).
pub fn controller_ref(pod: &Pod) -> Option<&OwnerReference> {
    pod.metadata
        .owner_references
        .iter()
        .flatten()
        .find(|r| r.controller == Some(true))
}

/// What claiming does with one pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Owned and matching the selector: kept.
    Owned,
    /// An orphan matching the selector in the same namespace: adopted.
    Adopted,
    /// Owned but no longer matching: released (its ownerRef is removed), not counted.
    Released,
    /// Someone else's, or an orphan that is not adopted.
    Ignored,
}

impl Claim {
    /// The pod counts as the DaemonSet's.
    pub fn is_claimed(self) -> bool {
        matches!(self, Claim::Owned | Claim::Adopted)
    }
}

/// A DaemonSet as a pod owner: identity and parsed selector.
#[derive(Debug, Clone)]
pub struct Owner<'d> {
    namespace: &'d str,
    name: &'d str,
    uid: Option<&'d str>,
    selector: Selector,
    deleting: bool,
}

impl<'d> Owner<'d> {
    /// Parses `spec.selector` (`LabelSelectorAsSelector`); an invalid selector fails the sync
    /// upstream, and is returned as its error message.
    pub fn new(ds: &'d DaemonSet) -> Result<Self, String> {
        let selector = ds
            .spec
            .as_ref()
            .map(|s| &s.selector)
            .cloned()
            .unwrap_or_default();
        Ok(Self {
            namespace: namespace_of(&ds.metadata),
            name: ds.metadata.name.as_deref().unwrap_or_default(),
            uid: ds.metadata.uid.as_deref().filter(|u| !u.is_empty()),
            selector: label_selector_as_selector(&selector)?,
            deleting: ds.metadata.deletion_timestamp.is_some(),
        })
    }

    /// The DaemonSet's namespace.
    pub fn namespace(&self) -> &'d str {
        self.namespace
    }

    /// The DaemonSet's name.
    pub fn name(&self) -> &'d str {
        self.name
    }

    fn owns(&self, reference: &OwnerReference) -> bool {
        self.uid.is_some_and(|uid| reference.uid == uid)
    }

    /// `ClaimObject` for one pod.
    pub fn claim(&self, pod: &Pod) -> Claim {
        let labels = pod.metadata.labels.as_ref();
        match controller_ref(pod) {
            Some(reference) if self.owns(reference) => {
                if self.selector.matches(labels) {
                    Claim::Owned
                } else if self.deleting {
                    Claim::Ignored
                } else {
                    Claim::Released
                }
            }
            Some(_) => Claim::Ignored,
            None => {
                let adopt = !self.deleting
                    && self.selector.matches(labels)
                    && !is_deleting(pod)
                    && namespace_of(&pod.metadata) == self.namespace;
                if adopt {
                    Claim::Adopted
                } else {
                    Claim::Ignored
                }
            }
        }
    }
}

/// The pods `ds` claims in `snapshot`, in input order; none when its selector is invalid.
pub fn daemon_pods<'s>(snapshot: &'s Snapshot, ds: &DaemonSet) -> Vec<&'s Pod> {
    let Ok(owner) = Owner::new(ds) else {
        return Vec::new();
    };
    snapshot
        .pods
        .iter()
        .map(|obj| &obj.value)
        .filter(|pod| owner.claim(pod).is_claimed())
        .collect()
}

/// `util.GetTargetNodeName`: `spec.nodeName`, else the value of the first required
/// `matchFields` term `metadata.name In [one value]`; `None` when neither resolves.
pub fn target_node_name(pod: &Pod) -> Option<&str> {
    let spec = pod.spec.as_ref()?;
    if let Some(name) = spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        return Some(name);
    }
    let terms = &spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?
        .node_selector_terms;
    let field = terms
        .iter()
        .flat_map(|t| t.match_fields.iter().flatten())
        .find(|f| f.key == NODE_NAME_FIELD && f.operator == "In")?;
    match field.values.as_deref() {
        Some([value]) => Some(value),
        _ => None,
    }
}

/// `getNodesToDaemonPods(includeDeletedTerminal=false)`: claimed pods by target node, in the
/// given order; terminal pods being deleted and pods without a target node are left out.
pub fn group_by_node<'p>(
    pods: impl IntoIterator<Item = &'p Pod>,
) -> HashMap<&'p str, Vec<&'p Pod>> {
    let mut by_node: HashMap<&str, Vec<&Pod>> = HashMap::new();
    for pod in pods {
        if is_terminal(pod) && is_deleting(pod) {
            continue;
        }
        if let Some(node) = target_node_name(pod) {
            by_node.entry(node).or_default().push(pod);
        }
    }
    by_node
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::apps::v1::DaemonSetSpec;
    use dsplan_model::k8s_openapi::api::core::v1::{
        Affinity, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec,
        PodStatus,
    };
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        LabelSelector, ObjectMeta, Time,
    };

    fn ds(uid: Option<&str>) -> DaemonSet {
        DaemonSet {
            metadata: ObjectMeta {
                name: Some("foo".into()),
                namespace: Some("default".into()),
                uid: uid.map(Into::into),
                ..Default::default()
            },
            spec: Some(DaemonSetSpec {
                selector: LabelSelector {
                    match_labels: Some([("app".to_owned(), "x".to_owned())].into()),
                    ..Default::default()
                },
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn pod(app: &str, owner: Option<(&str, &str)>, namespace: &str) -> Pod {
        Pod {
            metadata: ObjectMeta {
                name: Some("p".into()),
                namespace: Some(namespace.into()),
                labels: Some([("app".to_owned(), app.to_owned())].into()),
                owner_references: owner.map(|(name, uid)| {
                    vec![OwnerReference {
                        kind: "DaemonSet".into(),
                        name: name.into(),
                        uid: uid.into(),
                        controller: Some(true),
                        ..Default::default()
                    }]
                }),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn claim_rules() {
        let with_uid = ds(Some("u1"));
        let owner = Owner::new(&with_uid).expect("valid selector");
        assert_eq!(
            owner.claim(&pod("x", Some(("foo", "u1")), "default")),
            Claim::Owned
        );
        assert_eq!(
            owner.claim(&pod("y", Some(("foo", "u1")), "default")),
            Claim::Released
        );
        assert_eq!(
            owner.claim(&pod("x", Some(("foo", "u2")), "default")),
            Claim::Ignored
        );
        assert_eq!(owner.claim(&pod("x", None, "default")), Claim::Adopted);
        assert_eq!(owner.claim(&pod("x", None, "other")), Claim::Ignored);
        let mut deleting = pod("x", None, "default");
        deleting.metadata.deletion_timestamp = Some(Time(Default::default()));
        assert_eq!(owner.claim(&deleting), Claim::Ignored);
        // Without a UID the DaemonSet is yet to be created: a pod whose controllerRef names it
        // belongs to an earlier DaemonSet of that name; orphans are still adopted.
        let no_uid = ds(None);
        let owner = Owner::new(&no_uid).expect("valid selector");
        assert_eq!(
            owner.claim(&pod("x", Some(("foo", "any")), "default")),
            Claim::Ignored
        );
        assert_eq!(owner.claim(&pod("x", None, "default")), Claim::Adopted);
    }

    #[test]
    fn target_node_from_name_or_match_fields() {
        let mut p = pod("x", None, "default");
        assert_eq!(target_node_name(&p), None);
        let term = |values: Vec<String>| NodeSelectorTerm {
            match_fields: Some(vec![NodeSelectorRequirement {
                key: NODE_NAME_FIELD.into(),
                operator: "In".into(),
                values: Some(values),
            }]),
            ..Default::default()
        };
        let with_terms = |terms| PodSpec {
            affinity: Some(Affinity {
                node_affinity: Some(NodeAffinity {
                    required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                        node_selector_terms: terms,
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        p.spec = Some(with_terms(vec![term(vec!["n1".into()])]));
        assert_eq!(target_node_name(&p), Some("n1"));
        p.spec = Some(with_terms(vec![term(vec!["n1".into(), "n2".into()])]));
        assert_eq!(target_node_name(&p), None);
        p.spec = Some(PodSpec {
            node_name: Some("bound".into()),
            ..Default::default()
        });
        assert_eq!(target_node_name(&p), Some("bound"));
        p.status = Some(PodStatus {
            phase: Some("Failed".into()),
            ..Default::default()
        });
        assert_eq!(
            group_by_node([&p]).len(),
            1,
            "failed but not deleting still counts"
        );
        p.metadata.deletion_timestamp = Some(Time(Default::default()));
        assert!(group_by_node([&p]).is_empty());
    }
}
