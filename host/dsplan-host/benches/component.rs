//! Native engine versus the component, in the same run:
//! - loading the component: compiling from bytes versus the precompiled cache entry;
//! - instantiating it: every call runs in a fresh store (in a pooled slot), so `version`
//!   (instantiate, call, drop) is the per-call instantiation cost;
//! - planning generated snapshots of 10, 100, 1,000 and 5,000 nodes (30 pods per node).
//!
//! Run with `cargo bench -p dsplan-host --bench component`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dsplan_engine::{Input, Options, Role};
use dsplan_host::{Config, Planner, COMPONENT};
use std::hint::black_box;
use std::time::Duration;

#[path = "../tests/all/generate.rs"]
mod generate;

fn load(c: &mut Criterion) {
    let cache = tempfile::tempdir().expect("temp dir");
    let cached = Config {
        cache_dir: Some(cache.path().to_owned()),
        ..Config::default()
    };
    Planner::new(cached.clone()).expect("fills the cache");
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("compile_from_bytes", |b| {
        b.iter(|| Planner::from_bytes(Config::default(), black_box(COMPONENT)).expect("compiles"))
    });
    group.bench_function("precompiled_from_cache", |b| {
        b.iter(|| Planner::new(cached.clone()).expect("loads"))
    });
    group.finish();

    let planner = Planner::new(cached).expect("loads");
    c.bench_function("instantiate/version", |b| {
        b.iter(|| planner.version().expect("answers"))
    });
}

fn plan(c: &mut Criterion) {
    let planner = Planner::new(Config::default()).expect("loads");
    for (nodes, samples) in [(10, 50), (100, 30), (1_000, 10), (5_000, 10)] {
        let text = generate::generated_snapshot(nodes, 30);
        let inputs = [Input {
            name: "snapshot.json",
            text: &text,
            role: Role::Snapshot,
        }];
        let options = Options::default();
        let mut group = c.benchmark_group(format!("plan_{nodes}_nodes"));
        group.sample_size(samples);
        if nodes > 100 {
            group.measurement_time(Duration::from_secs(30));
        }
        group.bench_function(BenchmarkId::new("native", nodes), |b| {
            b.iter(|| dsplan_engine::plan(black_box(&inputs), &options).expect("plans"))
        });
        group.bench_function(BenchmarkId::new("component", nodes), |b| {
            b.iter(|| planner.plan(black_box(&inputs), &options).expect("plans"))
        });
        group.finish();
    }
}

criterion_group!(benches, load, plan);
criterion_main!(benches);
