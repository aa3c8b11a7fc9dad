//! A generated cluster snapshot for tests and benches (shared with `benches/component.rs`).

/// A snapshot of `nodes` nodes (labelled, some tainted), `pods_per_node` pods each, and one
/// DaemonSet that tolerates nothing, as a `kind: List` JSON document.
pub fn generated_snapshot(nodes: usize, pods_per_node: usize) -> String {
    let mut items = Vec::with_capacity(nodes * (pods_per_node + 1));
    for n in 0..nodes {
        let taints = if n % 10 == 0 {
            serde_json::json!([{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}])
        } else {
            serde_json::json!([])
        };
        items.push(serde_json::json!({
            "apiVersion": "v1", "kind": "Node",
            "metadata": {"name": format!("node-{n}"), "labels": {
                "kubernetes.io/hostname": format!("node-{n}"),
                "topology.kubernetes.io/zone": format!("zone-{}", n % 3),
                "pool": if n % 2 == 0 { "a" } else { "b" }}},
            "spec": {"taints": taints},
            "status": {"allocatable": {"cpu": "8", "memory": "32Gi", "pods": "110"},
                       "conditions": [{"type": "Ready", "status": "True"}]}
        }));
        for p in 0..pods_per_node {
            items.push(serde_json::json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("app-{n}-{p}"), "namespace": "default"},
                "spec": {"nodeName": format!("node-{n}"), "containers": [{"name": "c", "image": "app",
                    "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]},
                "status": {"phase": "Running"}
            }));
        }
    }
    items.push(serde_json::json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": "agent", "namespace": "kube-system", "uid": "ds-agent"},
        "spec": {"selector": {"matchLabels": {"app": "agent"}},
            "template": {"metadata": {"labels": {"app": "agent"}},
                "spec": {"nodeSelector": {"pool": "a"}, "containers": [{"name": "agent", "image": "agent",
                    "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}}}]}}}
    }));
    serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string()
}
