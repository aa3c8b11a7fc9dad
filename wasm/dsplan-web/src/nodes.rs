//! The nodes of a snapshot as a front end lists them (name, labels, taints, allocatable), so a
//! page can group and filter the plan's per-node answers by pool or label without parsing the
//! documents a second way. Parsing is `dsplan-snapshot`'s, the same parser `plan` uses.

use dsplan_model::k8s_openapi::api::core::v1::Node;
use dsplan_model::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;

/// One node of the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeInfo {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// `spec.taints`.
    pub taints: Vec<TaintInfo>,
    /// `spec.unschedulable` (cordoned).
    pub unschedulable: bool,
    /// `status.allocatable`, quantities as written.
    pub allocatable: BTreeMap<String, String>,
    /// File the node was read from.
    pub file: String,
    /// 1-based line of the node in that file, where known.
    pub line: Option<usize>,
}

/// One taint, `key=value:effect`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaintInfo {
    /// Taint key.
    pub key: String,
    /// Taint value (empty when none).
    pub value: String,
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    pub effect: String,
}

/// Every node of `snapshot`, in input order.
pub fn node_infos(snapshot: &Snapshot) -> Vec<NodeInfo> {
    snapshot
        .nodes
        .iter()
        .map(|obj| node_info(&obj.value, &obj.source.file, obj.source.line))
        .collect()
}

fn node_info(node: &Node, file: &str, line: Option<usize>) -> NodeInfo {
    let spec = node.spec.as_ref();
    NodeInfo {
        name: node.metadata.name.clone().unwrap_or_default(),
        labels: node.metadata.labels.clone().unwrap_or_default(),
        taints: spec
            .and_then(|s| s.taints.as_ref())
            .into_iter()
            .flatten()
            .map(|t| TaintInfo {
                key: t.key.clone(),
                value: t.value.clone().unwrap_or_default(),
                effect: t.effect.clone(),
            })
            .collect(),
        unschedulable: spec.and_then(|s| s.unschedulable).unwrap_or(false),
        allocatable: node
            .status
            .as_ref()
            .and_then(|s| s.allocatable.as_ref())
            .into_iter()
            .flatten()
            .map(|(name, quantity)| (name.clone(), quantity.0.clone()))
            .collect(),
        file: file.to_owned(),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::{NodeSpec, NodeStatus, Taint};
    use dsplan_model::k8s_openapi::apimachinery::pkg::api::resource::Quantity;
    use dsplan_model::{Obj, Source};

    #[test]
    fn a_node_is_listed_with_labels_taints_and_allocatable() {
        let mut node = Node::default();
        node.metadata.name = Some("gpu-1".to_owned());
        node.metadata.labels = Some(BTreeMap::from([("pool".to_owned(), "gpu".to_owned())]));
        node.spec = Some(NodeSpec {
            taints: Some(vec![Taint {
                key: "nvidia.com/gpu".to_owned(),
                value: Some("present".to_owned()),
                effect: "NoSchedule".to_owned(),
                ..Default::default()
            }]),
            unschedulable: Some(true),
            ..Default::default()
        });
        node.status = Some(NodeStatus {
            allocatable: Some(BTreeMap::from([(
                "cpu".to_owned(),
                Quantity("7910m".to_owned()),
            )])),
            ..Default::default()
        });
        let source = Source {
            file: "cluster.yaml".to_owned(),
            line: Some(3),
            ..Default::default()
        };
        let snapshot = Snapshot {
            nodes: vec![Obj::new(node, source)],
            ..Default::default()
        };
        let infos = node_infos(&snapshot);
        assert_eq!(infos.len(), 1);
        let info = &infos[0];
        assert_eq!(info.name, "gpu-1");
        assert_eq!(info.labels["pool"], "gpu");
        assert_eq!(
            info.taints,
            vec![TaintInfo {
                key: "nvidia.com/gpu".to_owned(),
                value: "present".to_owned(),
                effect: "NoSchedule".to_owned(),
            }]
        );
        assert!(info.unschedulable);
        assert_eq!(info.allocatable["cpu"], "7910m");
        assert_eq!((info.file.as_str(), info.line), ("cluster.yaml", Some(3)));
    }

    #[test]
    fn a_bare_node_has_empty_collections() {
        let snapshot = Snapshot {
            nodes: vec![Obj::new(Node::default(), Source::default())],
            ..Default::default()
        };
        let info = &node_infos(&snapshot)[0];
        assert!(info.labels.is_empty() && info.taints.is_empty() && info.allocatable.is_empty());
        assert!(!info.unschedulable);
    }
}
