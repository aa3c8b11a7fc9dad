//! The dsplan planner: which nodes get a DaemonSet pod, why not the others, and what the
//! controller does next.
//!
//! Everything here is a pure function of a [`dsplan_model::Snapshot`] and options: no I/O, no
//! clock, no randomness. The rules mirror upstream Kubernetes (`pkg/controller/daemon` and the
//! kube-scheduler Filter plugins); each module names the upstream file it follows, and reasons
//! are upstream's exact strings. Parsing text into a snapshot is `dsplan-snapshot`'s job.
#![forbid(unsafe_code)]

pub mod report;

pub use report::{
    Action, ControllerDecision, DaemonSetPlan, Detail, Event, EventType, NodePlan, PlanReport,
    PlanSummary,
};
