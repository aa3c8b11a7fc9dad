//! Guard rails: oversized input, exhausted fuel, a memory cap and a trapping guest each fail
//! one call with a typed error, and the same planner answers the next call; more concurrent
//! callers than pool slots wait their turn instead of failing.

use crate::generate::generated_snapshot;
use crate::support::{planner_with, Files};
use dsplan_engine::{Options, Role, WhatIfEdits};
use dsplan_host::{Config, Error, Limit, Planner};
use dsplan_rollout::RolloutOptions;
use std::num::NonZeroU32;

fn small() -> Files {
    Files(vec![(
        "small.json".to_owned(),
        generated_snapshot(1, 1),
        Role::Snapshot,
    )])
}

fn big() -> Files {
    Files(vec![(
        "big.json".to_owned(),
        generated_snapshot(300, 10),
        Role::Snapshot,
    )])
}

fn assert_still_answers(planner: &Planner) {
    let report = planner.plan(&small().inputs(), &Options::default());
    assert!(report.is_ok(), "the next call fails: {report:?}");
}

#[test]
fn oversized_input_is_refused_before_the_guest_runs() {
    let planner = planner_with(Config {
        max_input_bytes: 2_000,
        ..Config::default()
    });
    let error = planner
        .plan(&big().inputs(), &Options::default())
        .expect_err("too big");
    assert_eq!(
        error,
        Error::LimitExceeded {
            limit: Limit::InputBytes,
            max: 2_000
        }
    );
    assert_still_answers(&planner);
}

#[test]
fn exhausted_fuel_is_a_limit_error_and_the_next_call_works() {
    let planner = planner_with(Config {
        fuel: Some(FUEL_FOR_SMALL_NOT_BIG),
        ..Config::default()
    });
    let error = planner
        .plan(&big().inputs(), &Options::default())
        .expect_err("out of fuel");
    assert_eq!(
        error,
        Error::LimitExceeded {
            limit: Limit::Fuel,
            max: FUEL_FOR_SMALL_NOT_BIG
        }
    );
    assert_still_answers(&planner);
}

/// Enough for a 1-node snapshot, far too little for 300 nodes and 3,000 pods.
const FUEL_FOR_SMALL_NOT_BIG: u64 = 50_000_000;

#[test]
fn rollout_check_and_validate_run_out_of_fuel_and_the_next_call_works() {
    let planner = planner_with(Config {
        fuel: Some(FUEL_FOR_SMALL_NOT_BIG),
        ..Config::default()
    });
    let (options, timing) = (Options::default(), RolloutOptions::default());
    let out_of_fuel = Some(Error::LimitExceeded {
        limit: Limit::Fuel,
        max: FUEL_FOR_SMALL_NOT_BIG,
    });
    let big = big();
    let rollout = planner.rollout(&big.inputs(), &options, &timing, &WhatIfEdits::default());
    assert_eq!(rollout.err(), out_of_fuel, "rollout");
    let check = planner.check(&big.inputs(), None, &options, &timing);
    assert_eq!(check.err(), out_of_fuel, "check");
    assert_eq!(
        planner.validate(&big.inputs()).err(),
        out_of_fuel,
        "validate"
    );
    assert_still_answers(&planner);
    let small = small();
    assert!(planner.validate(&small.inputs()).is_ok());
}

#[test]
fn policy_and_added_node_texts_count_towards_the_input_limit() {
    let small = small();
    let max = small.0[0].1.len() + 100;
    let planner = planner_with(Config {
        max_input_bytes: max,
        ..Config::default()
    });
    let too_big = Some(Error::LimitExceeded {
        limit: Limit::InputBytes,
        max: max as u64,
    });
    let (options, timing) = (Options::default(), RolloutOptions::default());
    let policy = " ".repeat(200);
    let check = planner.check(
        &small.inputs(),
        Some(("p.yaml", &policy)),
        &options,
        &timing,
    );
    assert_eq!(check.err(), too_big, "check");
    let added = Files(vec![("n.yaml".to_owned(), policy, Role::Snapshot)]);
    let added_inputs = added.inputs();
    let edits = WhatIfEdits {
        add_nodes: &added_inputs,
        ..WhatIfEdits::default()
    };
    let rollout = planner.rollout(&small.inputs(), &options, &timing, &edits);
    assert_eq!(rollout.err(), too_big, "rollout");
    let validate = planner.validate_update(&small.inputs(), &added.inputs());
    assert_eq!(validate.err(), too_big, "validate");
    assert_still_answers(&planner);
}

#[test]
fn the_memory_cap_is_a_limit_error_and_the_next_call_works() {
    let max = 16 << 20;
    let planner = planner_with(Config {
        max_memory_bytes: max,
        ..Config::default()
    });
    // Lowering 20 MiB of text into the guest alone needs more than the cap.
    let huge = Files(vec![(
        "huge.yaml".to_owned(),
        " ".repeat(20 << 20),
        Role::Snapshot,
    )]);
    let error = planner
        .plan(&huge.inputs(), &Options::default())
        .expect_err("over the cap");
    assert_eq!(
        error,
        Error::LimitExceeded {
            limit: Limit::MemoryBytes,
            max: max as u64
        }
    );
    assert_still_answers(&planner);
}

#[test]
fn callers_beyond_the_pool_slots_wait_and_get_the_native_answer() {
    let planner = planner_with(Config {
        concurrent_calls: NonZeroU32::MIN,
        ..Config::default()
    });
    let files = Files(vec![(
        "mid.json".to_owned(),
        generated_snapshot(20, 5),
        Role::Snapshot,
    )]);
    let (inputs, options) = (&files.inputs(), &Options::default());
    let native = &dsplan_engine::plan(inputs, options).expect("native plans");
    // A caller's failed assertion fails the scope, and so the test.
    std::thread::scope(|scope| {
        for _ in 0..3 {
            let planner = planner.clone();
            scope.spawn(move || assert_eq!(planner.plan(inputs, options).as_ref(), Ok(native)));
        }
    });
}

#[test]
fn a_trapping_component_is_a_trap_error_on_every_call() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/trapping.component.wasm"
    );
    let planner = Planner::from_file(Config::default(), path.as_ref()).expect("links");
    for _ in 0..2 {
        let error = planner
            .plan(&small().inputs(), &Options::default())
            .expect_err("traps");
        assert!(
            matches!(&error, Error::Trapped { reason } if reason.contains("unreachable")),
            "{error:?}"
        );
    }
    let (options, timing) = (Options::default(), RolloutOptions::default());
    let small = small();
    let trapped = |result: Result<(), Error>| matches!(result, Err(Error::Trapped { .. }));
    let rollout = planner.rollout(&small.inputs(), &options, &timing, &WhatIfEdits::default());
    assert!(trapped(rollout.map(drop)), "rollout");
    let check = planner.check(&small.inputs(), None, &options, &timing);
    assert!(trapped(check.map(drop)), "check");
    assert!(
        trapped(planner.validate(&small.inputs()).map(drop)),
        "validate"
    );
    assert!(trapped(planner.version().map(drop)), "version");
}

#[test]
fn a_file_that_is_not_a_component_is_a_load_error() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/README.md");
    let error = Planner::from_file(Config::default(), path.as_ref()).expect_err("not wasm");
    assert!(matches!(error, Error::Load(_)), "{error:?}");
}

#[test]
fn the_compile_cache_is_written_once_and_reused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config {
        cache_dir: Some(dir.path().to_owned()),
        ..Config::default()
    };
    let first = Planner::new(config.clone()).expect("compiles and caches");
    let entries: Vec<_> = std::fs::read_dir(dir.path()).expect("cache dir").collect();
    assert_eq!(entries.len(), 1, "one cache entry: {entries:?}");
    let second = Planner::new(config).expect("loads from the cache");
    assert_eq!(
        first.plan(&small().inputs(), &Options::default()),
        second.plan(&small().inputs(), &Options::default())
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("cache dir").count(), 1);
}
