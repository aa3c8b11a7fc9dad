//! What-if edits of a snapshot, applied before planning or simulating: add a node, remove a
//! node, set a node label, add a node taint. The edit syntax follows `kubectl label` (`k=v`)
//! and `kubectl taint` (`k=v:Effect`, `k:Effect`).

use std::collections::BTreeMap;

use dsplan_model::k8s_openapi::api::core::v1::{Node, NodeSpec, Taint};
use dsplan_model::{Obj, Snapshot, Source};

/// One edit.
#[derive(Debug, Clone, PartialEq)]
pub enum WhatIf {
    /// Adds this node (its name must be new).
    AddNode(Box<Node>),
    /// Removes the node with this name (its pods stay, as when a Node object is deleted).
    RemoveNode(String),
    /// Sets `labels[key] = value` on a node, replacing any value.
    SetLabel {
        /// Node name.
        node: String,
        /// Label key.
        key: String,
        /// Label value.
        value: String,
    },
    /// Adds a taint to a node, replacing a taint with the same key and effect.
    AddTaint {
        /// Node name.
        node: String,
        /// The taint.
        taint: Taint,
    },
}

/// An edit that cannot be applied or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WhatIfError {
    /// No node of that name in the snapshot.
    #[error("what-if: node {0:?} is not in the snapshot")]
    UnknownNode(String),
    /// A node to add has no name.
    #[error("what-if: the node to add has no metadata.name")]
    UnnamedNode,
    /// A node to add has the name of an existing node.
    #[error("what-if: node {0:?} is already in the snapshot")]
    DuplicateNode(String),
    /// A label edit is not `key=value`.
    #[error("what-if: label {0:?} is not of the form key=value")]
    BadLabel(String),
    /// A taint edit is not `key[=value]:Effect` with a known effect.
    #[error(
        "what-if: taint {0:?} is not of the form key[=value]:NoSchedule|PreferNoSchedule|NoExecute"
    )]
    BadTaint(String),
}

impl WhatIf {
    /// `SetLabel` from `key=value`.
    pub fn set_label(node: &str, spec: &str) -> Result<Self, WhatIfError> {
        let (key, value) = spec
            .split_once('=')
            .filter(|(key, _)| !key.is_empty())
            .ok_or_else(|| WhatIfError::BadLabel(spec.to_owned()))?;
        Ok(WhatIf::SetLabel {
            node: node.to_owned(),
            key: key.to_owned(),
            value: value.to_owned(),
        })
    }

    /// `AddTaint` from `key=value:Effect` or `key:Effect`.
    pub fn add_taint(node: &str, spec: &str) -> Result<Self, WhatIfError> {
        let bad = || WhatIfError::BadTaint(spec.to_owned());
        let (key_value, effect) = spec.rsplit_once(':').ok_or_else(bad)?;
        if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
            return Err(bad());
        }
        let (key, value) = match key_value.split_once('=') {
            Some((key, value)) => (key, Some(value.to_owned())),
            None => (key_value, None),
        };
        if key.is_empty() {
            return Err(bad());
        }
        Ok(WhatIf::AddTaint {
            node: node.to_owned(),
            taint: Taint {
                key: key.to_owned(),
                value,
                effect: effect.to_owned(),
                time_added: None,
            },
        })
    }

    fn describe(&self) -> String {
        match self {
            WhatIf::AddNode(node) => format!(
                "added node {}",
                node.metadata.name.as_deref().unwrap_or_default()
            ),
            WhatIf::RemoveNode(name) => format!("removed node {name}"),
            WhatIf::SetLabel { node, key, value } => format!("set label {key}={value} on {node}"),
            WhatIf::AddTaint { node, taint } => format!(
                "added taint {}{}:{} on {node}",
                taint.key,
                taint
                    .value
                    .as_deref()
                    .map(|v| format!("={v}"))
                    .unwrap_or_default(),
                taint.effect
            ),
        }
    }
}

/// Applies `edits` in order to a copy of `snapshot`; each applied edit adds a note.
pub fn apply_what_if(snapshot: &Snapshot, edits: &[WhatIf]) -> Result<Snapshot, WhatIfError> {
    let mut out = snapshot.clone();
    for edit in edits {
        match edit {
            WhatIf::AddNode(node) => {
                let name = node.metadata.name.clone().ok_or(WhatIfError::UnnamedNode)?;
                if find(&out, &name).is_some() {
                    return Err(WhatIfError::DuplicateNode(name));
                }
                let source = Source {
                    file: "what-if".into(),
                    ..Source::default()
                };
                out.nodes.push(Obj::new((**node).clone(), source));
            }
            WhatIf::RemoveNode(name) => {
                let index =
                    find(&out, name).ok_or_else(|| WhatIfError::UnknownNode(name.clone()))?;
                out.nodes.remove(index);
            }
            WhatIf::SetLabel { node, key, value } => {
                let index =
                    find(&out, node).ok_or_else(|| WhatIfError::UnknownNode(node.clone()))?;
                out.nodes[index]
                    .value
                    .metadata
                    .labels
                    .get_or_insert_with(BTreeMap::new)
                    .insert(key.clone(), value.clone());
            }
            WhatIf::AddTaint { node, taint } => {
                let index =
                    find(&out, node).ok_or_else(|| WhatIfError::UnknownNode(node.clone()))?;
                let spec = out.nodes[index]
                    .value
                    .spec
                    .get_or_insert_with(NodeSpec::default);
                let taints = spec.taints.get_or_insert_with(Vec::new);
                taints.retain(|t| !(t.key == taint.key && t.effect == taint.effect));
                taints.push(taint.clone());
            }
        }
        out.notes.push(format!("what-if: {}", edit.describe()));
    }
    Ok(out)
}

fn find(snapshot: &Snapshot, name: &str) -> Option<usize> {
    snapshot
        .nodes
        .iter()
        .position(|node| node.value.metadata.name.as_deref() == Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn node(name: &str) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some(name.into()),
                ..ObjectMeta::default()
            },
            ..Node::default()
        }
    }

    fn snapshot() -> Snapshot {
        Snapshot {
            nodes: vec![Obj::new(node("a"), Source::default())],
            ..Snapshot::default()
        }
    }

    #[test]
    fn edits_apply_in_order_and_leave_the_input_alone() {
        let edits = [
            WhatIf::AddNode(Box::new(node("b"))),
            WhatIf::set_label("b", "zone=z1").expect("label"),
            WhatIf::add_taint("b", "gpu=yes:NoSchedule").expect("taint"),
            WhatIf::add_taint("b", "gpu=no:NoSchedule").expect("taint"),
            WhatIf::RemoveNode("a".into()),
        ];
        let before = snapshot();
        let after = apply_what_if(&before, &edits).expect("applies");
        assert_eq!(before.nodes.len(), 1);
        assert_eq!(after.nodes.len(), 1);
        let b = &after.nodes[0].value;
        assert_eq!(
            b.metadata
                .labels
                .as_ref()
                .and_then(|l| l.get("zone"))
                .map(String::as_str),
            Some("z1")
        );
        let taints = b
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .expect("taints");
        assert_eq!(taints.len(), 1, "same key and effect is replaced");
        assert_eq!(taints[0].value.as_deref(), Some("no"));
        assert_eq!(after.notes.len(), 5);
    }

    #[test]
    fn bad_edits_are_errors() {
        let error = |edit| apply_what_if(&snapshot(), &[edit]).err();
        assert_eq!(
            error(WhatIf::RemoveNode("x".into())),
            Some(WhatIfError::UnknownNode("x".into()))
        );
        assert_eq!(
            error(WhatIf::AddNode(Box::new(node("a")))),
            Some(WhatIfError::DuplicateNode("a".into()))
        );
        assert!(matches!(
            WhatIf::add_taint("a", "k=v:Sometimes"),
            Err(WhatIfError::BadTaint(_))
        ));
        assert!(matches!(
            WhatIf::add_taint("a", ":NoExecute"),
            Err(WhatIfError::BadTaint(_))
        ));
        assert!(matches!(
            WhatIf::set_label("a", "novalue"),
            Err(WhatIfError::BadLabel(_))
        ));
        let WhatIf::AddTaint { taint, .. } =
            WhatIf::add_taint("a", "dedicated:NoExecute").expect("ok")
        else {
            panic!("taint edit");
        };
        assert_eq!((taint.key.as_str(), taint.value), ("dedicated", None));
    }
}
