//! `dsplan rollout`, `check`, `validate` and `version` print the same bytes (and exit with the
//! same code) with `--engine wasm` as with `--engine native`: every rollout and validation case
//! of `conformance/rollout-cases.json`, every example cluster × DaemonSet, the example CI
//! policy, every output format, what-if edits and errors.

#[path = "../../dsplan-host/tests/all/rollout_cases.rs"]
mod rollout_cases;

use rollout_cases::{cases, CaseInput, Documents};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `dsplan <args> --engine <engine>` from the repository root.
fn run(engine: &str, args: &[OsString]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dsplan"))
        .current_dir(repo())
        .args(args)
        .args(["--engine", engine])
        .output()
        .expect("dsplan runs")
}

/// `None` when both engines print the same bytes and exit alike; else what differs.
fn difference(args: &[OsString]) -> Option<String> {
    let (native, wasm) = (run("native", args), run("wasm", args));
    let same = native.status.code() == wasm.status.code()
        && native.stdout == wasm.stdout
        && native.stderr == wasm.stderr;
    (!same).then(|| {
        format!(
            "dsplan {args:?}:\n  native exit {:?}: {}{}\n  wasm   exit {:?}: {}{}",
            native.status.code(),
            String::from_utf8_lossy(&native.stdout),
            String::from_utf8_lossy(&native.stderr),
            wasm.status.code(),
            String::from_utf8_lossy(&wasm.stdout),
            String::from_utf8_lossy(&wasm.stderr),
        )
    })
}

/// The exit code of a native run, for tests that also pin what the command does.
fn native_exit(args: &[OsString]) -> Option<i32> {
    run("native", args).status.code()
}

fn args(list: &[&str]) -> Vec<OsString> {
    list.iter().map(OsString::from).collect()
}

fn assert_same(what: &str, runs: &[Vec<OsString>]) {
    let differences: Vec<String> = runs.iter().filter_map(|a| difference(a)).collect();
    assert!(
        differences.is_empty(),
        "{} of {} {what} differ between the engines:\n{}",
        differences.len(),
        runs.len(),
        differences.join("\n")
    );
}

/// Writes documents into `dir`; returns their paths.
fn write(dir: &Path, documents: &Documents) -> Vec<PathBuf> {
    documents
        .iter()
        .map(|(name, text, _)| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("write case file");
            path
        })
        .collect()
}

#[test]
fn every_rollout_case_prints_the_same_through_both_engines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut runs = Vec::new();
    for (_, input) in cases() {
        let Some(CaseInput::Rollout(snapshots)) = input else {
            continue;
        };
        for documents in &snapshots {
            for path in write(dir.path(), documents) {
                let mut run = args(&["rollout", "-o", "json", "--snapshot"]);
                run.push(path.into());
                assert_eq!(native_exit(&run), Some(0), "{run:?}");
                runs.push(run);
            }
        }
    }
    assert!(runs.len() >= 29, "rollout cases lost: {}", runs.len());
    assert_same("rollout cases", &runs);
}

#[test]
fn every_validation_case_prints_the_same_through_both_engines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut runs = Vec::new();
    for (_, input) in cases() {
        let run = match input {
            Some(CaseInput::Validate(documents)) => {
                let mut run = args(&["validate", "-o", "json"]);
                run.extend(write(dir.path(), &documents).into_iter().map(Into::into));
                run
            }
            Some(CaseInput::ValidateUpdate(old, new)) => {
                let mut run = args(&["validate", "-o", "json", "--old"]);
                run.extend(write(dir.path(), &old).into_iter().map(Into::into));
                run.push("--new".into());
                run.extend(write(dir.path(), &new).into_iter().map(Into::into));
                run
            }
            _ => continue,
        };
        runs.push(run);
    }
    assert!(runs.len() >= 29, "validation cases lost: {}", runs.len());
    assert!(
        runs.iter().any(|run| native_exit(run) == Some(1)),
        "no validation case is invalid"
    );
    assert_same("validation cases", &runs);
}

/// Repository-relative paths of the YAML files in an examples directory, sorted.
fn examples(dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join(dir))
        .expect("examples directory")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".yaml"))
        .map(|name| format!("{dir}/{name}"))
        .collect();
    names.sort();
    names
}

/// `--snapshot CLUSTER --daemonset DS` for every example pair.
fn example_inputs() -> Vec<Vec<OsString>> {
    let mut inputs = Vec::new();
    for cluster in examples("examples/clusters") {
        for ds in examples("examples/daemonsets") {
            inputs.push(args(&["--snapshot", &cluster, "--daemonset", &ds]));
        }
    }
    assert!(inputs.len() >= 18, "3 clusters × 6 DaemonSets at least");
    inputs
}

#[test]
fn every_example_rollout_prints_the_same_through_both_engines() {
    let mut runs = Vec::new();
    for input in example_inputs() {
        for format in ["json", "table"] {
            let mut run = args(&["rollout", "-o", format]);
            run.extend(input.iter().cloned());
            runs.push(run);
        }
    }
    assert_same("example rollouts", &runs);
}

#[test]
fn every_example_check_prints_the_same_through_both_engines() {
    let policy = "examples/ci/dsplan-policy.yaml";
    let mut runs = Vec::new();
    for input in example_inputs() {
        for policy in [None, Some(policy)] {
            let mut run = args(&["check", "-o", "json"]);
            run.extend(input.iter().cloned());
            run.extend(policy.map(|p| args(&["--policy", p])).unwrap_or_default());
            runs.push(run);
        }
    }
    assert!(
        runs.iter().any(|run| native_exit(run) == Some(1)),
        "no example check fails"
    );
    for format in ["text", "junit", "sarif", "github"] {
        runs.push(args(&[
            "check",
            "-o",
            format,
            "--snapshot",
            "examples/clusters/mixed-os-arch.yaml",
            "--daemonset",
            "examples/daemonsets/node-exporter.yaml",
            "--policy",
            policy,
            "--fail-on-warn",
        ]));
    }
    assert_same("example checks", &runs);
}

#[test]
fn every_example_daemon_set_validates_the_same_through_both_engines() {
    let mut runs: Vec<Vec<OsString>> = examples("examples/daemonsets")
        .iter()
        .flat_map(|ds| ["json", "table"].map(|format| args(&["validate", "-o", format, ds])))
        .collect();
    runs.push(args(&[
        "validate",
        "--old",
        "examples/daemonsets/fluentd-elasticsearch.yaml",
        "--new",
        "examples/daemonsets/fluentd-elasticsearch-v2.yaml",
    ]));
    assert_same("example validations", &runs);
}

#[test]
fn what_if_edits_timing_and_errors_print_the_same_through_both_engines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let node = dir.path().join("new-node.yaml");
    std::fs::write(
        &node,
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker-new\n  labels: {kubernetes.io/os: linux}\n\
         status:\n  allocatable: {cpu: '4', memory: 16Gi, pods: '110'}\n  conditions: [{type: Ready, status: 'True'}]\n",
    )
    .expect("write node");
    let base = args(&[
        "rollout",
        "--snapshot",
        "examples/clusters/kubeadm.yaml",
        "--daemonset",
        "examples/daemonsets/fluentd-elasticsearch-v2.yaml",
    ]);
    let with = |extra: &[&str]| {
        let mut run = base.clone();
        run.extend(args(extra));
        run
    };
    let mut edited = with(&[
        "-o",
        "json",
        "--remove-node",
        "k8s-worker-02",
        "--label",
        "k8s-worker-01",
        "disk=ssd",
        "--taint",
        "k8s-worker-03",
        "maintenance=true:NoSchedule",
        "--pod-start-seconds",
        "90",
        "--add-node",
    ]);
    edited.push(node.into());
    assert_ne!(
        run("native", &edited).stdout,
        run("native", &with(&["-o", "json"])).stdout,
        "the edits change the answer"
    );
    let bad_taint = with(&["--taint", "k8s-worker-01", "maintenance:NoScheduel"]);
    assert_eq!(native_exit(&bad_taint), Some(2));
    let bad_gate = with(&["--feature-gates", "PodLevelResources=true,NoSuchGate=true"]);
    let bad_policy = args(&[
        "check",
        "--snapshot",
        "examples/clusters/kubeadm.yaml",
        "--policy",
        "examples/ci/README.md",
    ]);
    assert_eq!(native_exit(&bad_policy), Some(2));
    assert_same(
        "what-if, timing and error runs",
        &[edited, bad_taint, bad_gate, bad_policy],
    );
}

#[test]
fn version_prints_the_same_through_both_engines() {
    assert_same(
        "version runs",
        &[args(&["version"]), args(&["version", "-o", "json"])],
    );
}
