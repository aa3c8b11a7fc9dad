//! criterion benches of the rollout planner on generated clusters (`dsplan-gen`, 30 pods per
//! node): the whole `rollout()` of one proposed DaemonSet (kube-proxy's new version, every node
//! Ready so that it rolls over all of them) with maxUnavailable 1 and 10 %, at 100 and 1,000
//! nodes. Snapshots are parsed beforehand.
//!
//! Sample counts are small so the run takes about a minute on 2 cores:
//! `cargo bench -p dsplan-rollout`. Filter with e.g. `cargo bench -p dsplan-rollout -- rollout/1`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use dsplan_gen::{Cluster, Format, PODS_PER_NODE};
use dsplan_model::{FeatureGates, Snapshot};
use dsplan_rollout::{rollout, RolloutOptions};
use dsplan_snapshot::{parse, Input, Role};
use serde_json::{json, Value};

const NODES: [usize; 2] = [100, 1_000];

/// The generated cluster of `nodes` with every node Ready, and kube-proxy's new version rolled
/// out with `max_unavailable`.
fn snapshot(nodes: usize, max_unavailable: &Value) -> Snapshot {
    let cluster = Cluster {
        nodes,
        pods_per_node: PODS_PER_NODE,
        seed: 1,
    };
    let mut list: Value = serde_json::from_str(
        &dsplan_gen::snapshot(&cluster, Format::Json).expect("generator output"),
    )
    .expect("generated JSON");
    for item in list["items"].as_array_mut().into_iter().flatten() {
        if item["kind"] == "Node" {
            for condition in item["status"]["conditions"]
                .as_array_mut()
                .into_iter()
                .flatten()
            {
                if condition["type"] == "Ready" {
                    condition["status"] = json!("True");
                }
            }
        }
    }
    let mut proposed: Value =
        serde_json::from_str(&dsplan_gen::daemon_sets(1, Format::Json).expect("generator output"))
            .expect("generated JSON");
    proposed["items"][0]["spec"]["updateStrategy"] = json!({
        "type": "RollingUpdate",
        "rollingUpdate": {"maxUnavailable": max_unavailable, "maxSurge": 0},
    });
    let (cluster, proposed) = (list.to_string(), proposed.to_string());
    parse(&[
        Input {
            name: "snapshot.json",
            text: &cluster,
            role: Role::Snapshot,
        },
        Input {
            name: "kube-proxy.json",
            text: &proposed,
            role: Role::Proposed,
        },
    ])
    .expect("generated snapshot parses")
}

fn bench(c: &mut Criterion) {
    let gates = FeatureGates::default();
    let options = RolloutOptions::default();
    for (label, max_unavailable) in [("1", json!(1)), ("10%", json!("10%"))] {
        let mut group = c.benchmark_group(format!("rollout/{label}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
            .sampling_mode(SamplingMode::Flat);
        for nodes in NODES {
            let snapshot = snapshot(nodes, &max_unavailable);
            group.throughput(Throughput::Elements(nodes as u64));
            group.bench_with_input(BenchmarkId::from_parameter(nodes), &snapshot, |b, s| {
                b.iter(|| rollout(black_box(s), &gates, &options));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
