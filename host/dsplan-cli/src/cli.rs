//! The command line as clap sees it: subcommands, flags and their help. No I/O here.

use crate::engine::EngineKind;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  # Which nodes of this cluster get the fluentd DaemonSet, and why not the others?
  kubectl get nodes,pods,daemonsets -A -o yaml > snapshot.yaml
  dsplan plan --snapshot snapshot.yaml --daemonset fluentd.yaml

  # The same as JSON, with an alpha feature gate switched on
  dsplan plan --snapshot snapshot.yaml -o json --feature-gates TaintTolerationComparisonOperators=true

  # Read the snapshot from standard input
  kubectl get nodes,pods,daemonsets -A -o json | dsplan plan --snapshot -

  # The same answer from the planner compiled in instead of the embedded WebAssembly component
  dsplan plan --snapshot snapshot.yaml --engine native";

/// Plans where Kubernetes DaemonSet pods run, why not elsewhere, and how a rollout will go.
#[derive(Debug, Parser)]
#[command(name = "dsplan", version, about, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// For every DaemonSet and node: does a daemon pod go there, and if not, exactly why.
    #[command(after_help = EXAMPLES)]
    Plan(PlanArgs),
    /// How an update of each DaemonSet will proceed, wave by wave, and where it gets stuck.
    #[command(after_help = ROLLOUT_EXAMPLES)]
    Rollout(RolloutArgs),
    /// Gate DaemonSet changes in CI: evaluate a policy against the plan and the rollout.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Which nodes gain or lose a daemon pod between two snapshots, and why.
    Diff(DiffArgs),
    /// Check DaemonSet manifests as the API server would (after apps/v1 defaulting).
    #[command(after_help = VALIDATE_EXAMPLES)]
    Validate(ValidateArgs),
    /// The dsplan version, the Kubernetes release it follows and that release's feature gates.
    #[command(after_help = VERSION_EXAMPLES)]
    Version(VersionArgs),
}

const ROLLOUT_EXAMPLES: &str = "\
Examples:
  # What happens when the new fluentd is applied: waves, timeline, stuck nodes
  dsplan rollout --snapshot snapshot.yaml --daemonset fluentd-v2.yaml

  # ... if worker-7 is drained first and a GPU node joins
  dsplan rollout --snapshot snapshot.yaml --daemonset fluentd-v2.yaml \\
    --taint worker-7 drain=true:NoSchedule --add-node gpu-node.yaml

  # Slower image pulls, as JSON, from the planner compiled in (same answer as the component)
  dsplan rollout --snapshot snapshot.yaml --daemonset fluentd-v2.yaml \\
    --pod-start-seconds 60 -o json --engine native";

const VERSION_EXAMPLES: &str = "\
Examples:
  dsplan version
  # As the embedded component reports it, as JSON; --engine native for the compiled-in planner
  dsplan version -o json";

const VALIDATE_EXAMPLES: &str = "\
Examples:
  dsplan validate deploy/daemonsets/*.yaml
  # An update: the selector is immutable, so this fails when it changed
  dsplan validate --old live.yaml --new proposed.yaml -o json
  # The same check by the planner compiled in instead of the embedded component
  dsplan validate deploy/daemonsets/*.yaml --engine native

Exit codes: 0 every object is valid, 1 an object is invalid, 2 input cannot be read.";

const CHECK_EXAMPLES: &str = "\
Examples:
  # The built-in policy; exit 1 when a rule fails
  dsplan check --snapshot snapshot.yaml --daemonset deploy/daemonsets/*.yaml

  # Your policy, as GitHub annotations, or SARIF for code scanning
  dsplan check --snapshot snapshot.yaml --daemonset ds.yaml --policy policy.yaml -o github
  dsplan check --snapshot snapshot.yaml --daemonset ds.yaml -o sarif > dsplan.sarif

  # The same check by the planner compiled in instead of the embedded component
  dsplan check --snapshot snapshot.yaml --daemonset ds.yaml --engine native

Exit codes: 0 every rule passed, 1 a rule failed (warnings only with --fail-on-warn),
2 bad input or policy.";

/// Where the cluster and the DaemonSets come from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Cluster snapshot: `kubectl get nodes,pods,daemonsets -A -o yaml|json` output (a List,
    /// multi-document YAML or single objects). Repeatable; `-` reads standard input.
    #[arg(long, short = 's', value_name = "FILE", required = true, num_args = 1..)]
    pub snapshot: Vec<PathBuf>,
    /// DaemonSet manifests to plan; one with the namespace and name of a snapshot DaemonSet is
    /// its new version. Repeatable.
    #[arg(long, short = 'd', value_name = "FILE", num_args = 1..)]
    pub daemonset: Vec<PathBuf>,
    /// Feature gates that change placement, as kube components spell them
    /// (`Name=true,Name2=false`). Defaults are those of the release `dsplan version` names.
    #[arg(long, value_name = "GATES", default_value = "")]
    pub feature_gates: String,
}

/// Which engine answers.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Which engine answers: the embedded WebAssembly component, or the same planner compiled
    /// in. Both give the same answer, byte for byte.
    #[arg(long, value_enum, default_value_t = EngineKind::Wasm)]
    pub engine: EngineKind,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = Format::Table)]
    pub output: Format,
}

/// Timing assumptions of the rollout simulation.
#[derive(Debug, Args)]
pub struct TimingArgs {
    /// Seconds from a pod's creation to its containers running (image pull and start).
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub pod_start_seconds: i64,
    /// Seconds from running to Ready (readiness probe); minReadySeconds comes on top.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub readiness_seconds: i64,
    /// Seconds a deleted pod takes to terminate.
    #[arg(long, value_name = "SECONDS", default_value_t = 5)]
    pub termination_seconds: i64,
}

#[derive(Debug, Args)]
pub struct RolloutArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub timing: TimingArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// What if this file's Node objects join the cluster first. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub add_node: Vec<PathBuf>,
    /// What if this node leaves the cluster first. Repeatable.
    #[arg(long, value_name = "NAME")]
    pub remove_node: Vec<String>,
    /// What if NODE gets label KEY=VALUE first: `--label NODE key=value`. Repeatable.
    #[arg(long, value_names = ["NODE", "KEY=VALUE"], num_args = 2)]
    pub label: Vec<String>,
    /// What if NODE gets a taint first: `--taint NODE key[=value]:Effect`. Repeatable.
    #[arg(long, value_names = ["NODE", "TAINT"], num_args = 2)]
    pub taint: Vec<String>,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = Format::Table)]
    pub output: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub timing: TimingArgs,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Policy file (`apiVersion: dsplan.dev/v1`, `kind: Policy`); the built-in default policy
    /// when absent.
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Also fail (exit 1) when only warnings are found.
    #[arg(long)]
    pub fail_on_warn: bool,
    /// Output format: text, json, junit, sarif or github (workflow annotations).
    #[arg(long, short = 'o', default_value = "text", value_parser = str::parse::<dsplan_policy::Format>)]
    pub output: dsplan_policy::Format,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The snapshot before (one file; `kubectl get nodes,pods,daemonsets -A -o yaml`).
    pub old: PathBuf,
    /// The snapshot after.
    pub new: PathBuf,
    /// Feature gates, as for `plan`.
    #[arg(long, value_name = "GATES", default_value = "")]
    pub feature_gates: String,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = Format::Table)]
    pub output: Format,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Files with DaemonSets to validate as creates.
    #[arg(value_name = "FILE", required_unless_present = "new")]
    pub files: Vec<PathBuf>,
    /// The stored version(s), to validate `--new` as an update of.
    #[arg(long, value_name = "FILE", requires = "new")]
    pub old: Option<PathBuf>,
    /// The new version(s) of the DaemonSets in `--old`.
    #[arg(long, value_name = "FILE", requires = "old")]
    pub new: Option<PathBuf>,
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Output format: `text` or `json`.
    #[arg(long, short = 'o', value_enum, default_value_t = Format::Table)]
    pub output: Format,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
    #[command(flatten)]
    pub engine: EngineArgs,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = Format::Table)]
    pub output: Format,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One row per node, a summary line; colour when standard output is a terminal.
    Table,
    /// One JSON object (the contract other tools rely on).
    Json,
}
