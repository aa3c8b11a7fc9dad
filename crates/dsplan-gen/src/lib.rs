//! Seeded, deterministic generator of realistic Kubernetes cluster snapshots and DaemonSet
//! manifests, for dsplan's benchmarks.
//!
//! A snapshot is what `kubectl get nodes,pods,daemonsets -A -o json|yaml` prints for an
//! EKS-style cluster with Karpenter node pools (general, spot, memory, arm64, GPU and a tainted
//! control plane): nodes with labels, taints, conditions, capacity, addresses, images and
//! nodeInfo; pods with requests, host ports and owner references to ReplicaSets, DaemonSets or
//! their node; and the DaemonSets that own the daemon pods, with matching UIDs and
//! `controller-revision-hash` labels. The same seed always gives the same bytes.
//!
//! Everything here is a pure function returning text; the `dsplan-gen` binary writes files.
#![forbid(unsafe_code)]

mod daemon_sets;
mod list;
mod node;
mod pod;
mod pools;
mod seed;
mod template;
mod workloads;

pub use daemon_sets::PROPOSED_COUNT;

/// Cluster sizes the benchmarks use, in nodes. 5,000 nodes is Kubernetes' published limit.
pub const SIZES: [usize; 4] = [10, 100, 1_000, 5_000];

/// Pods per node in the benchmark snapshots (150,000 pods at 5,000 nodes, the published limit).
pub const PODS_PER_NODE: usize = 30;

/// The shape of a generated cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cluster {
    /// Number of nodes, 3 of them control-plane nodes (1 below 4 nodes).
    pub nodes: usize,
    /// Pods bound to every node: its DaemonSet (and static) pods, then Deployment pods.
    pub pods_per_node: usize,
    /// Seed of every random choice.
    pub seed: u64,
}

/// Text format of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON indented by four spaces, as `kubectl -o json` prints it.
    Json,
    /// YAML, as `kubectl -o yaml` prints it.
    Yaml,
}

/// Why text could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("JSON output: {0}")]
    Json(#[from] serde_json::Error),
    #[error("YAML output: {0}")]
    Yaml(#[from] serde_yaml::Error),
}

/// The cluster snapshot: one `kind: List` of nodes, then pods, then DaemonSets.
pub fn snapshot(cluster: &Cluster, format: Format) -> Result<String, Error> {
    list::cluster(cluster, format)
}

/// The first `count` (at most [`PROPOSED_COUNT`]) proposed DaemonSet manifests, as one
/// `kind: List`. Six are new versions of DaemonSets every snapshot has; the rest are new.
pub fn daemon_sets(count: usize, format: Format) -> Result<String, Error> {
    list::list_of(&daemon_sets::proposed(count), format)
}
