//! Writes generated cluster snapshots and proposed DaemonSets to files, for benchmarks.
use anyhow::Context;
use clap::{Parser, ValueEnum};
use dsplan_gen::{Cluster, Format, PODS_PER_NODE, PROPOSED_COUNT};
use std::path::PathBuf;

/// Generates a realistic cluster snapshot (`kubectl get nodes,pods,daemonsets -A` output) and/or
/// proposed DaemonSet manifests. The same seed always gives the same bytes.
#[derive(Debug, Parser)]
#[command(name = "dsplan-gen")]
struct Args {
    /// Nodes in the snapshot.
    #[arg(long, default_value_t = 100)]
    nodes: usize,
    /// Pods bound to every node.
    #[arg(long, default_value_t = PODS_PER_NODE)]
    pods_per_node: usize,
    /// Seed of every random choice.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,
    /// Where to write the snapshot.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Where to write the proposed DaemonSets (a `kind: List`).
    #[arg(long, value_name = "FILE")]
    daemonsets: Option<PathBuf>,
    /// How many proposed DaemonSets to write.
    #[arg(long, default_value_t = PROPOSED_COUNT)]
    count: usize,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    Yaml,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let format = match args.format {
        OutputFormat::Json => Format::Json,
        OutputFormat::Yaml => Format::Yaml,
    };
    anyhow::ensure!(
        args.out.is_some() || args.daemonsets.is_some(),
        "nothing to write: give --out FILE and/or --daemonsets FILE"
    );
    anyhow::ensure!(
        args.count <= PROPOSED_COUNT,
        "--count: at most {PROPOSED_COUNT} proposed DaemonSets exist"
    );
    if let Some(out) = &args.out {
        let cluster = Cluster {
            nodes: args.nodes,
            pods_per_node: args.pods_per_node,
            seed: args.seed,
        };
        let text = dsplan_gen::snapshot(&cluster, format)?;
        std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    }
    if let Some(out) = &args.daemonsets {
        let text = dsplan_gen::daemon_sets(args.count, format)?;
        std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(())
}
