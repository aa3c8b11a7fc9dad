//! `rollout`, `check` and `validate` through the component: the report converted back from the
//! WIT records prints the same JSON bytes as the native engine's report (what `dsplan ... -o
//! json` prints), and errors come back as the same typed errors, for every rollout and
//! validation case of `conformance/rollout-cases.json` and for the examples.

use crate::rollout_cases::{cases, CaseInput, Documents};
use crate::support::{planner, Files};
use dsplan_engine::{Options, Role, WhatIfEdits};
use dsplan_rollout::RolloutOptions;
use serde::Serialize;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

fn files(documents: &Documents) -> Files {
    Files(
        documents
            .iter()
            .map(|(name, text, snapshot)| {
                let role = if *snapshot {
                    Role::Snapshot
                } else {
                    Role::Proposed
                };
                (name.clone(), text.clone(), role)
            })
            .collect(),
    )
}

/// What the CLI prints for a report.
fn json(report: &impl Serialize) -> String {
    serde_json::to_string_pretty(report).expect("reports serialize")
}

/// `None` when both engines answer alike: the same JSON bytes, or the same error.
fn difference<T: Serialize + Debug>(
    native: &Result<T, dsplan_engine::Error>,
    component: &Result<T, dsplan_host::Error>,
) -> Option<String> {
    let same = match (native, component) {
        (Ok(native), Ok(component)) => json(native) == json(component),
        (Err(dsplan_engine::Error::Input(n)), Err(dsplan_host::Error::Input(c))) => n == c,
        (Err(n), Err(c)) => n.code() == c.code() && n.to_string() == c.to_string(),
        _ => false,
    };
    (!same).then(|| format!("native    {native:?}\n  component {component:?}"))
}

fn assert_no_differences(what: &str, checked: usize, differences: &[String]) {
    assert!(
        differences.is_empty(),
        "{} of {checked} {what} differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn every_rollout_case_rolls_out_the_same_through_the_component() {
    let (mut checked, mut steps, mut differences) = (0, 0, Vec::new());
    for (id, input) in cases() {
        let Some(CaseInput::Rollout(snapshots)) = input else {
            continue;
        };
        for documents in &snapshots {
            let files = files(documents);
            let (options, timing) = (Options::default(), RolloutOptions::default());
            let edits = WhatIfEdits::default();
            let native = dsplan_engine::rollout(&files.inputs(), &options, &timing, &edits);
            let component = planner().rollout(&files.inputs(), &options, &timing, &edits);
            match &native {
                Ok(report) => {
                    steps += report
                        .daemon_sets
                        .iter()
                        .map(|d| d.steps.len())
                        .sum::<usize>()
                }
                Err(e) => panic!("{id}: the case's snapshot is not valid input: {e}"),
            }
            checked += 1;
            differences.extend(difference(&native, &component).map(|d| format!("{id}: {d}")));
        }
    }
    assert!(checked >= 29, "rollout cases lost: {checked}");
    assert!(steps > 0, "no case's rollout creates or deletes a pod");
    assert_no_differences("rollout cases", checked, &differences);
}

#[test]
fn every_validation_case_validates_the_same_through_the_component() {
    let (mut checked, mut differences) = (0, Vec::new());
    for (id, input) in cases() {
        let (native, component) = match input {
            Some(CaseInput::Validate(documents)) => {
                let files = files(&documents);
                (
                    dsplan_engine::validate(&files.inputs()),
                    planner().validate(&files.inputs()),
                )
            }
            Some(CaseInput::ValidateUpdate(old, new)) => {
                let (old, new) = (files(&old), files(&new));
                (
                    dsplan_engine::validate_update(&old.inputs(), &new.inputs()),
                    planner().validate_update(&old.inputs(), &new.inputs()),
                )
            }
            _ => continue,
        };
        checked += 1;
        differences.extend(difference(&native, &component).map(|d| format!("{id}: {d}")));
    }
    assert!(checked >= 29, "validation cases lost: {checked}");
    assert_no_differences("validation cases", checked, &differences);
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `(repository-relative path, text)` of every YAML file in an examples directory, sorted.
fn examples(dir: &str) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .expect("examples directory")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = format!(
                "{dir}/{}",
                path.file_name().expect("name").to_string_lossy()
            );
            let text = std::fs::read_to_string(&path).expect("example reads");
            (name, text)
        })
        .collect()
}

/// Every example cluster with every example DaemonSet.
fn example_pairs() -> Vec<Files> {
    let daemon_sets = examples("examples/daemonsets");
    let mut pairs = Vec::new();
    for (cluster, cluster_text) in examples("examples/clusters") {
        for (ds, ds_text) in &daemon_sets {
            pairs.push(Files(vec![
                (cluster.clone(), cluster_text.clone(), Role::Snapshot),
                (ds.clone(), ds_text.clone(), Role::Proposed),
            ]));
        }
    }
    assert!(pairs.len() >= 18, "3 clusters × 6 DaemonSets at least");
    pairs
}

#[test]
fn every_example_rolls_out_the_same_through_the_component() {
    let mut differences = Vec::new();
    let pairs = example_pairs();
    for files in &pairs {
        let (options, timing) = (Options::default(), RolloutOptions::default());
        let edits = WhatIfEdits::default();
        let native = dsplan_engine::rollout(&files.inputs(), &options, &timing, &edits);
        let component = planner().rollout(&files.inputs(), &options, &timing, &edits);
        differences
            .extend(difference(&native, &component).map(|d| format!("{}: {d}", files.0[1].0)));
    }
    assert_no_differences("example rollouts", pairs.len(), &differences);
}

#[test]
fn every_example_checks_the_same_through_the_component() {
    let policy = examples("examples/ci")
        .into_iter()
        .find(|(name, _)| name.ends_with("dsplan-policy.yaml"));
    let (policy_name, policy_text) = policy.expect("examples/ci/dsplan-policy.yaml");
    let mut differences = Vec::new();
    let mut findings = 0;
    let pairs = example_pairs();
    for files in &pairs {
        for policy in [None, Some((policy_name.as_str(), policy_text.as_str()))] {
            let (options, timing) = (Options::default(), RolloutOptions::default());
            let native = dsplan_engine::check(&files.inputs(), policy, &options, &timing);
            let component = planner().check(&files.inputs(), policy, &options, &timing);
            findings += native.as_ref().map_or(0, |r| r.findings.len());
            differences
                .extend(difference(&native, &component).map(|d| format!("{}: {d}", files.0[1].0)));
        }
    }
    assert!(findings > 0, "no example check has a finding");
    assert_no_differences("example checks", 2 * pairs.len(), &differences);
}

#[test]
fn every_example_daemon_set_validates_the_same_through_the_component() {
    let daemon_sets = examples("examples/daemonsets");
    let mut differences = Vec::new();
    for (name, text) in &daemon_sets {
        let files = Files(vec![(name.clone(), text.clone(), Role::Proposed)]);
        let native = dsplan_engine::validate(&files.inputs());
        let component = planner().validate(&files.inputs());
        differences.extend(difference(&native, &component).map(|d| format!("{name}: {d}")));
    }
    let version = |suffix: &str| {
        let (name, text) = daemon_sets
            .iter()
            .find(|(name, _)| name.ends_with(suffix))
            .expect("fluentd example");
        Files(vec![(name.clone(), text.clone(), Role::Proposed)])
    };
    let (old, new) = (
        version("fluentd-elasticsearch.yaml"),
        version("fluentd-elasticsearch-v2.yaml"),
    );
    let native = dsplan_engine::validate_update(&old.inputs(), &new.inputs());
    let component = planner().validate_update(&old.inputs(), &new.inputs());
    differences.extend(difference(&native, &component).map(|d| format!("fluentd update: {d}")));
    assert_no_differences("example validations", daemon_sets.len() + 1, &differences);
}

fn kubeadm() -> Files {
    let (name, text) = examples("examples/clusters")
        .into_iter()
        .find(|(name, _)| name.ends_with("kubeadm.yaml"))
        .expect("kubeadm example");
    Files(vec![(name, text, Role::Snapshot)])
}

/// A node that joins the cluster (`--add-node`), as its own document.
const NEW_NODE: &str = "apiVersion: v1
kind: Node
metadata:
  name: worker-new
  labels: {kubernetes.io/os: linux, kubernetes.io/arch: amd64, kubernetes.io/hostname: worker-new}
status:
  allocatable: {cpu: '4', memory: 16Gi, pods: '110'}
  conditions: [{type: Ready, status: 'True'}]
";

#[test]
fn what_if_edits_and_timing_reach_the_component() {
    let cluster = kubeadm();
    let added = Files(vec![(
        "new-node.yaml".to_owned(),
        NEW_NODE.to_owned(),
        Role::Snapshot,
    )]);
    let node = "k8s-worker-01".to_owned();
    let labels = [(node.clone(), "disk=ssd".to_owned())];
    let taints = [(node, "maintenance=true:NoSchedule".to_owned())];
    let removed = ["k8s-worker-02".to_owned()];
    let added_inputs = added.inputs();
    let edits = WhatIfEdits {
        add_nodes: &added_inputs,
        remove_nodes: &removed,
        labels: &labels,
        taints: &taints,
    };
    let timing = RolloutOptions {
        pod_start_seconds: 90,
        readiness_seconds: 30,
        termination_seconds: 45,
    };
    let options = Options::default();
    let native = dsplan_engine::rollout(&cluster.inputs(), &options, &timing, &edits);
    let component = planner().rollout(&cluster.inputs(), &options, &timing, &edits);
    assert_eq!(difference(&native, &component), None);
    let plain = dsplan_engine::rollout(
        &cluster.inputs(),
        &options,
        &RolloutOptions::default(),
        &WhatIfEdits::default(),
    );
    assert_ne!(
        json(&native.expect("rolls out")),
        json(&plain.expect("rolls out")),
        "the edits and timing change the answer"
    );
}

#[test]
fn a_bad_what_if_edit_is_the_same_invalid_option() {
    let cluster = kubeadm();
    let taints = [(
        "k8s-worker-01".to_owned(),
        "maintenance:NoScheduel".to_owned(),
    )];
    let edits = WhatIfEdits {
        taints: &taints,
        ..WhatIfEdits::default()
    };
    let (options, timing) = (Options::default(), RolloutOptions::default());
    let native = dsplan_engine::rollout(&cluster.inputs(), &options, &timing, &edits);
    let component = planner().rollout(&cluster.inputs(), &options, &timing, &edits);
    let Err(error) = &component else {
        panic!("a bad taint was accepted: {component:?}");
    };
    assert!(
        matches!(error, dsplan_host::Error::InvalidOption(_)),
        "{error:?}"
    );
    assert_eq!(difference(&native, &component), None);
}

#[test]
fn a_bad_policy_is_the_same_input_error() {
    let cluster = kubeadm();
    let policy = Some((
        "policy.yaml",
        "apiVersion: dsplan.dev/v1\nkind: Policy\nspec: {rules: [{id: x, severity: fatal}]}\n",
    ));
    let (options, timing) = (Options::default(), RolloutOptions::default());
    let native = dsplan_engine::check(&cluster.inputs(), policy, &options, &timing);
    let component = planner().check(&cluster.inputs(), policy, &options, &timing);
    let Err(dsplan_host::Error::Input(error)) = &component else {
        panic!("a bad policy was accepted: {component:?}");
    };
    assert_eq!(error.file, "policy.yaml");
    assert_eq!(difference(&native, &component), None);
}
