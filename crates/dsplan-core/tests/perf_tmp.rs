use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::{FeatureGates, Obj, Snapshot, Source};
use serde_json::json;

#[test]
fn big() {
    let mut snap = Snapshot::default();
    let t0 = std::time::Instant::now();
    for i in 0..5000 {
        snap.nodes.push(Obj::new(serde_json::from_value(json!({"metadata": {"name": format!("node-{i}"), "labels": {"zone": format!("z{}", i % 3)}},
            "spec": {"taints": [{"key": "dedicated", "effect": "NoSchedule", "value": "x"}]},
            "status": {"allocatable": {"cpu": "16", "memory": "64Gi", "pods": "110"}}})).unwrap(), Source::default()));
    }
    for i in 0..150000 {
        let owner = if i % 30 < 3 {
            json!([{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": format!("ds-{}", i % 30), "uid": format!("u{}", i%30), "controller": true}])
        } else {
            json!([{"kind": "ReplicaSet", "name": "rs", "uid": "r", "controller": true}])
        };
        snap.pods.push(Obj::new(serde_json::from_value(json!({"metadata": {"name": format!("pod-{i}"), "namespace": "default", "labels": {"app": format!("ds-{}", i % 30)}, "ownerReferences": owner},
            "spec": {"nodeName": format!("node-{}", (i / 30) % 5000), "containers": [{"name": "c", "ports": [{"containerPort": 80, "hostPort": if i % 7 == 0 {8000 + i % 30} else {0}}], "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}})).unwrap(), Source::default()));
    }
    for d in 0..6 {
        let ds: DaemonSet = serde_json::from_value(json!({"metadata": {"name": format!("ds-{d}"), "namespace": "default", "uid": format!("u{d}")},
            "spec": {"selector": {"matchLabels": {"app": format!("ds-{d}")}}, "template": {"metadata": {"labels": {"app": format!("ds-{d}")}},
              "spec": {"tolerations": if d % 2 == 0 { json!([{"operator": "Exists"}]) } else { json!([]) },
                       "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["z0", "z1"]}]}]}}},
                       "containers": [{"name": "c", "ports": [{"containerPort": 9100, "hostPort": 9100}], "resources": {"requests": {"cpu": "100m"}}}]}}}})).unwrap();
        snap.daemon_sets.push(Obj::new(ds, Source::default()));
    }
    eprintln!("build {:?}", t0.elapsed());
    let t = std::time::Instant::now();
    let idx = dsplan_core::cluster::ClusterIndex::new(&snap);
    eprintln!("index {:?} {}", t.elapsed(), idx.notes().len());
    let t = std::time::Instant::now();
    let r = dsplan_core::plan(&snap, &FeatureGates::default());
    eprintln!(
        "plan {:?} creates {}",
        t.elapsed(),
        r.daemon_sets.iter().map(|d| d.summary.creates).sum::<u32>()
    );
}
