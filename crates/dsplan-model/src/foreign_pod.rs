//! Pods no DaemonSet can claim, reduced to what dsplan reads of them.
//!
//! A pod whose controller is a ReplicaSet, Job, StatefulSet or any other kind than DaemonSet is
//! never claimed by a DaemonSet (`ClaimObject` ignores another controller's pods); placement
//! only counts it on its node (`framework.NodeInfo`: pod count, requested resources, used host
//! ports), and policies name it by its labels and controller. Most of a cluster's pods are
//! such pods, and a whole `k8s-openapi` Pod costs several times its JSON in memory, so they
//! are kept as [`ForeignPod`]s: their requests computed once, as the scheduler cache counts an
//! existing pod. That count does not depend on feature gates unless the pod has pod-level
//! resources (`spec.resources`), so such pods are kept whole instead.

use crate::host_port::HostPort;
use crate::resources::Resources;
use std::collections::BTreeMap;

/// A pod controlled by something other than a DaemonSet: what placement and policies read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForeignPod {
    /// `metadata.namespace` (`default` when absent).
    pub namespace: String,
    /// `metadata.name`.
    pub name: String,
    /// `metadata.labels`.
    pub labels: BTreeMap<String, String>,
    /// Kind of its controller (the owner reference with `controller: true`).
    pub controller_kind: String,
    /// Name of its controller.
    pub controller_name: String,
    /// `spec.nodeName`, when set and not empty.
    pub node_name: Option<String>,
    /// `status.phase` is `Succeeded` or `Failed` (`IsPodTerminal`).
    pub terminal: bool,
    /// Its effective request as the scheduler cache counts a pod on a node (`PodRequests` with
    /// `UseStatusResources`), in the scheduler's units.
    pub requests: Resources,
    /// Host ports it holds (`GetHostPorts`).
    pub host_ports: Vec<HostPort>,
    /// Problems found computing `requests` (quantities that do not parse), as report notes.
    pub notes: Vec<String>,
}

impl ForeignPod {
    /// The node it is counted on: bound and not terminal (the scheduler cache's pods).
    pub fn counted_on(&self) -> Option<&str> {
        self.node_name.as_deref().filter(|_| !self.terminal)
    }
}
