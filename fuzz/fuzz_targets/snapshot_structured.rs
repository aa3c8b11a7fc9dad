//! A valid cluster and DaemonSet (`seeds/`), mutated node by node with Kubernetes words, printed
//! as JSON or YAML, then planned, rolled out and validated through `dsplan_engine`. Errors must
//! be input errors naming a file; planning twice gives the same report.
#![no_main]

use dsplan_engine::{Error, Input, Options, Role, WhatIfEdits};
use dsplan_fuzz::mutate::{self, Mutations};
use dsplan_fuzz::{check_engine_error, check_plan, check_serialises, PROPOSED_FILE, SNAPSHOT_FILE};
use dsplan_rollout::RolloutOptions;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const GATES: [(&str, bool); 3] = [
    ("TaintTolerationComparisonOperators", true),
    ("PodLevelResources", true),
    ("InPlacePodLevelResourcesVerticalScaling", true),
];

fuzz_target!(|mutations: Mutations| {
    static EXAMPLES: OnceLock<serde_json::Value> = OnceLock::new();
    let mut tree = EXAMPLES.get_or_init(mutate::examples).clone();
    mutate::apply(&mut tree, &mutations);
    let texts = mutate::print(&tree, mutations.yaml);
    let mut inputs = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        inputs.push(Input {
            name: if index == 0 {
                SNAPSHOT_FILE
            } else {
                PROPOSED_FILE
            },
            text,
            role: if index == 0 {
                Role::Snapshot
            } else {
                Role::Proposed
            },
        });
    }
    // Each gate flipped from its v1.36 default where the fuzzer's bit is set.
    let defaults = dsplan_model::FeatureGates::default().entries();
    let options = Options {
        feature_gates: GATES
            .iter()
            .enumerate()
            .filter(|(bit, _)| mutations.gates & (1 << bit) != 0)
            .map(|(_, (name, _))| {
                let on = defaults.iter().any(|(n, on)| n == name && *on);
                ((*name).to_owned(), !on)
            })
            .collect(),
    };
    if dsplan_engine::feature_gates(&options).is_err() {
        return;
    }
    check_plan(&inputs, &options);
    match dsplan_engine::rollout(
        &inputs,
        &options,
        &RolloutOptions::default(),
        &WhatIfEdits::default(),
    ) {
        Ok(report) => check_serialises(&report),
        Err(error) => check_engine_error(&error, &inputs, false),
    }
    match dsplan_engine::validate(&inputs[1..]) {
        Ok(report) => check_serialises(&report),
        Err(Error::Input(error)) => dsplan_fuzz::check_input_error(&error, &inputs[1..]),
        Err(other) => panic!("not an input error: {other:?}"),
    }
});
