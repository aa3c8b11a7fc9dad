//! Properties of `plan` over generated clusters: the answer does not depend on the order of the
//! nodes in the input.

use dsplan_core::{plan, NodePlan};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use dsplan_model::{FeatureGates, Obj, Snapshot, Source};
use proptest::prelude::*;
use serde_json::json;

/// One generated node: zone label, a taint, cpu allocatable (cores), pods allowed.
type NodeSpec = (u8, u8, u8, u8);
/// One generated DaemonSet pod: node index, phase, hostPort flag, creation second.
type PodSpec = (usize, u8, bool, u8);

fn node(i: usize, (zone, taint, cpu, pods): NodeSpec) -> Obj<Node> {
    let taints = match taint % 4 {
        0 => json!([]),
        1 => json!([{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}]),
        2 => json!([{"key": "node.kubernetes.io/not-ready", "effect": "NoExecute"}]),
        _ => json!([{"key": "evict", "effect": "NoExecute"}]),
    };
    let value = json!({
        "metadata": {"name": format!("node-{i}"), "labels": {"zone": format!("z{}", zone % 3)}},
        "spec": {"taints": taints},
        "status": {"allocatable": {"cpu": format!("{}", cpu % 4), "pods": format!("{}", pods % 4)}}
    });
    Obj::new(
        serde_json::from_value(value).expect("valid node"),
        Source::default(),
    )
}

fn pod(i: usize, nodes: usize, (on, phase, port, created): PodSpec) -> Obj<Pod> {
    let phase = ["Running", "Pending", "Failed", "Succeeded"][usize::from(phase % 4)];
    let ports = if port {
        json!([{"containerPort": 80, "hostPort": 80}])
    } else {
        json!([])
    };
    // Some pods target a node that is not in the snapshot.
    let node = format!("node-{}", on % (nodes + 1));
    let value = json!({
        "metadata": {
            "name": format!("pod-{i}"),
            "namespace": "default",
            "labels": {"app": "agent"},
            "creationTimestamp": format!("2024-01-01T00:00:{:02}Z", created % 60),
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent",
                                 "uid": "u1", "controller": true}]
        },
        "spec": {"nodeName": node, "containers": [{"name": "c", "ports": ports,
                 "resources": {"requests": {"cpu": "500m"}}}]},
        "status": {"phase": phase}
    });
    Obj::new(
        serde_json::from_value(value).expect("valid pod"),
        Source::default(),
    )
}

fn daemon_set(selector_zone: Option<u8>, tolerate: bool) -> Obj<DaemonSet> {
    let node_selector = selector_zone.map_or(json!({}), |z| json!({"zone": format!("z{}", z % 3)}));
    let tolerations = if tolerate {
        json!([{"key": "dedicated", "operator": "Exists"}])
    } else {
        json!([])
    };
    let value = json!({
        "metadata": {"name": "agent", "namespace": "default", "uid": "u1"},
        "spec": {
            "selector": {"matchLabels": {"app": "agent"}},
            "template": {
                "metadata": {"labels": {"app": "agent"}},
                "spec": {"nodeSelector": node_selector, "tolerations": tolerations,
                         "containers": [{"name": "c", "ports": [{"containerPort": 80, "hostPort": 80}],
                                         "resources": {"requests": {"cpu": "1"}}}]}
            }
        }
    });
    Obj::new(
        serde_json::from_value(value).expect("valid daemonset"),
        Source::default(),
    )
}

fn by_name(nodes: &[NodePlan]) -> Vec<NodePlan> {
    let mut sorted = nodes.to_vec();
    sorted.sort_by(|a, b| a.node.cmp(&b.node));
    sorted
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn plan_does_not_depend_on_node_order(
        nodes in prop::collection::vec(any::<NodeSpec>(), 1..8),
        pods in prop::collection::vec(any::<PodSpec>(), 0..12),
        selector_zone in any::<Option<u8>>(),
        tolerate in any::<bool>(),
        rotation in any::<usize>(),
    ) {
        let node_objs: Vec<Obj<Node>> = nodes.iter().enumerate().map(|(i, n)| node(i, *n)).collect();
        let pod_objs = pods.iter().enumerate().map(|(i, p)| pod(i, nodes.len(), *p)).collect();
        let mut snapshot = Snapshot {
            nodes: node_objs,
            pods: pod_objs,
            daemon_sets: vec![daemon_set(selector_zone, tolerate)],
            ..Default::default()
        };
        let gates = FeatureGates::default();
        let before = plan(&snapshot, &gates);
        snapshot.nodes.reverse();
        let len = snapshot.nodes.len();
        snapshot.nodes.rotate_left(rotation % len);
        let after = plan(&snapshot, &gates);
        let (a, b) = (&before.daemon_sets[0], &after.daemon_sets[0]);
        prop_assert_eq!(&a.summary, &b.summary);
        prop_assert_eq!(by_name(&a.nodes), by_name(&b.nodes));
        prop_assert_eq!(&a.delete_pods_without_node, &b.delete_pods_without_node);
    }
}
