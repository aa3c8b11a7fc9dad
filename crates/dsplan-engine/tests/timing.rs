//! Rollout timings are options users type: out-of-range values are refused with the option's
//! name, never simulated (fuzz finding F2: a huge `--pod-start-seconds` overflowed the clock).

use dsplan_engine::{check, rollout, Error, Input, Options, Role, WhatIfEdits};
use dsplan_rollout::RolloutOptions;

const CLUSTER: &str = include_str!("../../../examples/clusters/kubeadm.yaml");
const FLUENTD: &str = include_str!("../../../examples/daemonsets/fluentd-elasticsearch-v2.yaml");

fn inputs() -> [Input<'static>; 2] {
    [
        Input {
            name: "kubeadm.yaml",
            text: CLUSTER,
            role: Role::Snapshot,
        },
        Input {
            name: "fluentd.yaml",
            text: FLUENTD,
            role: Role::Proposed,
        },
    ]
}

fn refused(timing: RolloutOptions) -> Error {
    let error = rollout(
        &inputs(),
        &Options::default(),
        &timing,
        &WhatIfEdits::default(),
    )
    .expect_err("out-of-range timing");
    let from_check =
        check(&inputs(), None, &Options::default(), &timing).expect_err("check refuses it too");
    assert_eq!(error, from_check);
    assert_eq!(error.code(), "invalid-option");
    error
}

#[test]
fn a_timing_that_would_overflow_the_clock_is_refused() {
    let error = refused(RolloutOptions {
        pod_start_seconds: i64::MAX,
        ..RolloutOptions::default()
    });
    assert_eq!(
        error.to_string(),
        format!(
            "--pod-start-seconds: must be between 0 and 31536000 seconds, not {}",
            i64::MAX
        )
    );
}

#[test]
fn a_negative_timing_is_refused() {
    let error = refused(RolloutOptions {
        termination_seconds: -1,
        ..RolloutOptions::default()
    });
    assert_eq!(
        error.to_string(),
        "--termination-seconds: must be between 0 and 31536000 seconds, not -1"
    );
}

#[test]
fn a_year_is_still_simulated() {
    let timing = RolloutOptions {
        readiness_seconds: dsplan_rollout::MAX_TIMING_SECONDS,
        ..RolloutOptions::default()
    };
    let report = rollout(
        &inputs(),
        &Options::default(),
        &timing,
        &WhatIfEdits::default(),
    )
    .expect("in range");
    let fluentd = report
        .daemon_sets
        .iter()
        .find(|ds| ds.name == "fluentd-elasticsearch")
        .expect("fluentd is rolled out");
    // Each wave waits a year for the new pod to turn Ready before the next delete.
    let first = fluentd
        .steps
        .iter()
        .position(|step| !step.create.is_empty())
        .expect("a pod is created");
    let next_delete = fluentd.steps[first + 1..]
        .iter()
        .find(|step| !step.delete.is_empty())
        .expect("a next wave");
    assert!(
        next_delete.at_seconds - fluentd.steps[first].at_seconds
            >= dsplan_rollout::MAX_TIMING_SECONDS
    );
}
