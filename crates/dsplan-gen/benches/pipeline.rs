//! criterion benches over generated clusters of 100, 1,000 and 5,000 nodes (30 pods per node):
//! parsing the snapshot (JSON, YAML) as the engine reads it (pods no DaemonSet can claim
//! reduced), planning it with one and with twenty proposed DaemonSets (parsed beforehand, the
//! same way), the whole engine call from text (parse + plan), and `check` with the built-in
//! policy (parse, plan, rollout simulation and every rule) on twenty DaemonSets.
//! The rollout simulation alone is benched in `crates/dsplan-rollout/benches`.
//!
//! Sample counts and times are kept small so the whole run takes a few minutes on 2 cores:
//! `cargo bench -p dsplan-gen`. Filter with e.g. `cargo bench -p dsplan-gen -- plan/twenty`.

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use dsplan_engine::{Input, Options, Role};
use dsplan_gen::{Cluster, Format, PODS_PER_NODE, PROPOSED_COUNT};
use dsplan_model::FeatureGates;
use std::hint::black_box;
use std::time::Duration;

const NODES: [usize; 3] = [100, 1_000, 5_000];
/// YAML parsing is an order of magnitude slower; 5,000 nodes would dominate the run.
const YAML_NODES: [usize; 2] = [100, 1_000];

fn cluster(nodes: usize) -> Cluster {
    Cluster {
        nodes,
        pods_per_node: PODS_PER_NODE,
        seed: 1,
    }
}

fn generate(nodes: usize, format: Format) -> String {
    dsplan_gen::snapshot(&cluster(nodes), format).expect("generator output")
}

fn inputs<'a>(snapshot: &'a str, daemon_sets: &'a str) -> [Input<'a>; 2] {
    [
        Input {
            name: "snapshot.json",
            text: snapshot,
            role: Role::Snapshot,
        },
        Input {
            name: "daemonsets.json",
            text: daemon_sets,
            role: Role::Proposed,
        },
    ]
}

/// Reads `inputs` as `dsplan-engine` does: pods no DaemonSet can claim reduced as they are read.
fn read(inputs: &[Input<'_>]) -> dsplan_model::Snapshot {
    dsplan_snapshot::parse_reducing(inputs, dsplan_core::foreign_pod::reduce).expect("parses")
}

fn configure<'c>(
    c: &'c mut Criterion,
    name: &str,
) -> criterion::BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);
    group
}

fn parse(c: &mut Criterion) {
    let mut group = configure(c, "parse");
    for (format, sizes, label) in [
        (Format::Json, &NODES[..], "json"),
        (Format::Yaml, &YAML_NODES[..], "yaml"),
    ] {
        for &nodes in sizes {
            let text = generate(nodes, format);
            group.throughput(Throughput::Bytes(text.len() as u64));
            let input = [Input {
                name: "snapshot",
                text: &text,
                role: Role::Snapshot,
            }];
            group.bench_with_input(BenchmarkId::new(label, nodes), &input, |b, input| {
                b.iter(|| read(black_box(input)));
            });
        }
    }
    group.finish();
}

fn plan(c: &mut Criterion) {
    let gates = FeatureGates::default();
    let one = dsplan_gen::daemon_sets(1, Format::Json).expect("generator output");
    let twenty = dsplan_gen::daemon_sets(PROPOSED_COUNT, Format::Json).expect("generator output");
    for nodes in NODES {
        let text = generate(nodes, Format::Json);
        for (label, proposed) in [("one", &one), ("twenty", &twenty)] {
            let snapshot = read(&inputs(&text, proposed));
            let mut group = configure(c, &format!("plan/{label}"));
            group.throughput(Throughput::Elements(nodes as u64));
            group.bench_with_input(BenchmarkId::from_parameter(nodes), &snapshot, |b, s| {
                b.iter(|| dsplan_core::plan(black_box(s), &gates));
            });
            group.finish();
        }
        let mut group = configure(c, "engine/twenty");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &text, |b, text| {
            b.iter(|| {
                dsplan_engine::plan(black_box(&inputs(text, &twenty)), &Options::default())
                    .expect("plans")
            });
        });
        group.finish();
    }
}

/// `check` is parse + plan + rollout + rules; 5,000 nodes would only repeat what `engine/twenty`
/// and the rollout bench show.
const CHECK_NODES: [usize; 2] = [100, 1_000];

fn check(c: &mut Criterion) {
    let twenty = dsplan_gen::daemon_sets(PROPOSED_COUNT, Format::Json).expect("generator output");
    let mut group = configure(c, "check/twenty");
    for nodes in CHECK_NODES {
        let text = generate(nodes, Format::Json);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &text, |b, text| {
            b.iter(|| {
                dsplan_engine::check(
                    black_box(&inputs(text, &twenty)),
                    None,
                    &Options::default(),
                    &Default::default(),
                )
                .expect("checks")
            });
        });
    }
    group.finish();
}

criterion_group!(benches, parse, plan, check);
criterion_main!(benches);
