//! The command line as clap sees it: subcommands, flags and their help. No I/O here.

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
  kubectl get nodes,pods,daemonsets -A -o json | dsplan plan --snapshot -";

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
    /// The dsplan version, the Kubernetes release it follows and that release's feature gates.
    Version(VersionArgs),
}

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

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, short = 'o', value_enum, default_value_t = Format::Table)]
    pub output: Format,
}

#[derive(Debug, Args)]
pub struct VersionArgs {
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
