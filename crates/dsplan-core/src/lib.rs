//! The dsplan planner: which nodes get a DaemonSet pod, why not the others, and what the
//! controller does next.
//!
//! Everything here is a pure function of a [`dsplan_model::Snapshot`] and options: no I/O, no
//! clock, no randomness. The rules mirror upstream Kubernetes (`pkg/controller/daemon` and the
//! kube-scheduler Filter plugins); each module names the upstream file it follows, and reasons
//! are upstream's exact strings. Parsing text into a snapshot is `dsplan-snapshot`'s job.
//!
//! The entry point is [`plan`]. The pieces are public for other planners (the rollout):
//! [`controller::node_should_run`], [`daemon_pod::new_pod`], [`cluster::ClusterIndex`],
//! [`scheduler::filter`], [`ownership`] and [`pod_util`].
//!
//! ```
//! let report = dsplan_core::plan(&dsplan_model::Snapshot::default(), &Default::default());
//! assert!(report.daemon_sets.is_empty());
//! ```
#![forbid(unsafe_code)]

pub mod cluster;
pub mod controller;
pub mod daemon_pod;
pub mod foreign_pod;
pub mod host_ports;
pub mod label_selector;
pub mod node_affinity;
pub mod ownership;
mod plan;
pub mod pod_util;
pub mod reconcile;
pub mod report;
pub mod resources;
pub mod revision;
pub mod scheduler;
pub mod status;
pub mod tolerations;

pub use plan::{plan, plan_with, PlanOptions};
pub use report::{
    Action, ControllerDecision, DaemonSetPlan, Detail, Event, EventType, NodePlan, PlanReport,
    PlanSummary,
};
