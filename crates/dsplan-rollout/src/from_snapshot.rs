//! Builds the controller's view ([`World`]) of one DaemonSet from a snapshot: the DaemonSet to
//! roll out (the proposed version when there is one, defaulted as the API server would), node
//! eligibility and scheduler fit from `dsplan-core`, the DaemonSet's claimed pods, and the
//! current revision.
//!
//! Time: the snapshot has no clock, so its latest timestamp (pod creation, Ready transition,
//! deletion) is time 0 and every other time is seconds relative to it.

use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use dsplan_model::{FeatureGates, Snapshot};

use std::collections::HashMap;

use dsplan_core::cluster::{ClusterIndex, NodeUsage};
use dsplan_core::controller::Placement;
use dsplan_core::daemon_pod::{new_pod, GENERATION_LABEL, HASH_LABEL};
use dsplan_core::node_affinity::RequiredNodeAffinity;
use dsplan_core::ownership::{daemon_pods, target_node_name};
use dsplan_core::pod_util::{is_pod_ready, is_terminal};
use dsplan_core::resources::{Problems, Resources};
use dsplan_core::scheduler::{run, PodFacts};

use dsplan_core::revision::{resolve, PodRevisionLabels, ResolvedRevision};

use crate::model::{
    Fit, Phase, Revision, RollingParams, SimDaemonSet, SimNode, SimPod, Strategy, World,
};

/// One DaemonSet to roll out: the snapshot's version and the proposed one, at least one present.
#[derive(Debug, Clone, Copy)]
pub struct Target<'s> {
    /// The DaemonSet in the snapshot.
    pub current: Option<&'s DaemonSet>,
    /// The proposed new version (`--daemonset`) with the same namespace and name.
    pub proposed: Option<&'s DaemonSet>,
}

/// Every DaemonSet to roll out: snapshot DaemonSets in input order (with their proposed
/// version), then proposed DaemonSets that are not in the snapshot.
pub fn targets(snapshot: &Snapshot) -> Vec<Target<'_>> {
    let key = |ds: &DaemonSet| {
        (
            ds.metadata
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into()),
            ds.metadata.name.clone().unwrap_or_default(),
        )
    };
    let proposed_for = |current: &DaemonSet| {
        snapshot
            .proposed_daemon_sets
            .iter()
            .map(|obj| &obj.value)
            .find(|proposed| key(proposed) == key(current))
    };
    let mut targets: Vec<Target<'_>> = snapshot
        .daemon_sets
        .iter()
        .map(|obj| Target {
            current: Some(&obj.value),
            proposed: proposed_for(&obj.value),
        })
        .collect();
    for obj in &snapshot.proposed_daemon_sets {
        let known = snapshot
            .daemon_sets
            .iter()
            .any(|ds| key(&ds.value) == key(&obj.value));
        if !known {
            targets.push(Target {
                current: None,
                proposed: Some(&obj.value),
            });
        }
    }
    targets
}

/// The world of `target` in the snapshot `index` was built from (with `gates`), the revision it
/// was compared against, and notes on how it was read.
pub fn world_of(
    index: &ClusterIndex<'_>,
    target: Target<'_>,
    gates: &FeatureGates,
) -> (World, ResolvedRevision, Vec<String>) {
    let snapshot = index.snapshot();
    let mut notes = Vec::new();
    let defaulted = |ds: &DaemonSet| {
        let mut ds = ds.clone();
        dsplan_validation::default_daemon_set(&mut ds);
        ds
    };
    let current = target.current.map(defaulted);
    let ds = match (target.proposed, &current) {
        (Some(proposed), current) => {
            let mut ds = defaulted(proposed);
            // The proposal updates the same object: it keeps the UID its pods point at.
            if ds.metadata.uid.is_none() {
                ds.metadata.uid = current.as_ref().and_then(|c| c.metadata.uid.clone());
            }
            ds
        }
        (None, Some(current)) => current.clone(),
        (None, None) => DaemonSet::default(),
    };
    let pods: Vec<&Pod> = daemon_pods(snapshot, &ds);
    let labels: Vec<PodRevisionLabels<'_>> =
        pods.iter().map(|pod| PodRevisionLabels::of(pod)).collect();
    let resolved = resolve(
        &ds,
        current.as_ref(),
        &snapshot.controller_revisions,
        &labels,
    );
    let reference = latest_timestamp(&pods);
    let nodes = nodes(index, &ds, &pods, gates);
    let sim_pods = pods
        .iter()
        .filter_map(|pod| sim_pod(pod, reference, &mut notes))
        .collect();
    let spec = ds.spec.as_ref();
    let world = World {
        ds: SimDaemonSet {
            namespace: ds
                .metadata
                .namespace
                .clone()
                .unwrap_or_else(|| "default".into()),
            name: ds.metadata.name.clone().unwrap_or_default(),
            strategy: strategy(&ds, &mut notes),
            min_ready_seconds: spec.and_then(|s| s.min_ready_seconds).map_or(0, i64::from),
            revision: Revision {
                hash: resolved.hash.clone(),
                generation: resolved.generation,
            },
            generation: generation(&ds, current.as_ref(), resolved.template_changed),
        },
        nodes,
        pods: sim_pods,
    };
    (world, resolved, notes)
}

/// Nodes in name order (R-O4), judged by `NodeShouldRunDaemonPod` and the scheduler's filters
/// for the pod the controller would create: once with the DaemonSet's own pods still there (a
/// surge pod next to the old one, `index` as it is), once with them gone (a replacement).
fn nodes(
    index: &ClusterIndex<'_>,
    ds: &DaemonSet,
    own: &[&Pod],
    gates: &FeatureGates,
) -> Vec<SimNode> {
    let snapshot = index.snapshot();
    let own_by_node = counted_by_node(own);
    let placement = Placement::new(ds);
    let mut nodes: Vec<&Node> = snapshot.nodes.iter().map(|obj| &obj.value).collect();
    nodes.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    nodes
        .into_iter()
        .map(|node| {
            let name = node.metadata.name.clone().unwrap_or_default();
            let verdict = placement.should_run(node, gates);
            let pod = new_pod(ds, &name);
            let beside = index.usage(&name);
            let alone = match own_by_node.get(name.as_str()) {
                Some(own) => without(beside, own, gates),
                None => beside.clone(),
            };
            let mut problems = Problems::default();
            let facts = PodFacts::new(&pod, gates, &mut problems);
            let affinity = pod.spec.as_ref().map_or_else(
                || RequiredNodeAffinity::new(None, None),
                RequiredNodeAffinity::of,
            );
            let reasons = |usage: &NodeUsage| run(&facts, &affinity, node, usage, gates).reasons;
            SimNode {
                should_run: verdict.should_run,
                should_continue_running: verdict.should_continue_running,
                kubelet_ready: kubelet_ready(node),
                fit: Fit {
                    alone: reasons(&alone),
                    beside_daemon_pod: reasons(beside),
                },
                name,
            }
        })
        .collect()
}

/// `pods` the scheduler cache counts on a node (`ClusterIndex`: bound and not terminal), by
/// node name.
fn counted_by_node<'p>(pods: &[&'p Pod]) -> HashMap<&'p str, Vec<&'p Pod>> {
    let mut by_node: HashMap<&str, Vec<&Pod>> = HashMap::new();
    for &pod in pods.iter().filter(|pod| !is_terminal(pod)) {
        let bound = pod.spec.as_ref().and_then(|spec| spec.node_name.as_deref());
        if let Some(node) = bound.filter(|node| !node.is_empty()) {
            by_node.entry(node).or_default().push(pod);
        }
    }
    by_node
}

/// What a node carries without `own` (pods counted in `usage`): the room a replacement pod
/// has. Their share is taken out exactly as `NodeUsage::add_pod` put it in.
fn without(usage: &NodeUsage, own: &[&Pod], gates: &FeatureGates) -> NodeUsage {
    let mut share = NodeUsage {
        pods: 0,
        requested: Resources::default(),
        ports: Vec::new(),
    };
    let mut problems = Problems::default();
    for pod in own {
        share.add_pod(pod, gates, &mut problems);
    }
    let mut rest = usage.clone();
    rest.pods = rest.pods.saturating_sub(share.pods);
    let requested = &mut rest.requested;
    requested.milli_cpu = requested
        .milli_cpu
        .saturating_sub(share.requested.milli_cpu);
    requested.memory = requested.memory.saturating_sub(share.requested.memory);
    requested.ephemeral_storage = requested
        .ephemeral_storage
        .saturating_sub(share.requested.ephemeral_storage);
    for (name, value) in &share.requested.scalars {
        if let Some(left) = requested.scalars.get_mut(name) {
            *left = left.saturating_sub(*value);
        }
    }
    rest.ports.retain(|port| !share.ports.contains(port));
    rest
}

/// The node's `Ready` condition is `True`.
fn kubelet_ready(node: &Node) -> bool {
    node.status
        .as_ref()
        .and_then(|status| status.conditions.as_ref())
        .into_iter()
        .flatten()
        .any(|c| c.type_ == "Ready" && c.status == "True")
}

fn label<'p>(pod: &'p Pod, key: &str) -> Option<&'p str> {
    pod.metadata.labels.as_ref()?.get(key).map(String::as_str)
}

/// The latest timestamp of the pods, seconds since the epoch (0 without any).
fn latest_timestamp(pods: &[&Pod]) -> i64 {
    pods.iter()
        .flat_map(|pod| pod_times(pod))
        .max()
        .unwrap_or(0)
}

fn pod_times(pod: &Pod) -> Vec<i64> {
    let seconds = |time: &Time| time.0.as_second();
    let mut times: Vec<i64> = [
        pod.metadata.creation_timestamp.as_ref(),
        pod.metadata.deletion_timestamp.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(seconds)
    .collect();
    times.extend(
        ready_condition(pod)
            .and_then(|c| c.last_transition_time.as_ref())
            .map(seconds),
    );
    times
}

fn ready_condition(pod: &Pod) -> Option<&dsplan_model::k8s_openapi::api::core::v1::PodCondition> {
    pod.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == "Ready")
}

/// One claimed pod; `None` (with a note) when its target node cannot be told (R-P2).
fn sim_pod(pod: &Pod, reference: i64, notes: &mut Vec<String>) -> Option<SimPod> {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let Some(node) = target_node_name(pod).map(str::to_owned) else {
        notes.push(format!("pod {name} has no target node (no spec.nodeName, no metadata.name node affinity): the controller skips it"));
        return None;
    };
    let relative = |time: &Time| time.0.as_second() - reference;
    let ready = is_pod_ready(pod);
    Some(SimPod {
        name,
        node,
        hash: label(pod, HASH_LABEL).map(str::to_owned),
        generation: label(pod, GENERATION_LABEL).map(str::to_owned),
        bound: pod
            .spec
            .as_ref()
            .is_some_and(|spec| spec.node_name.is_some()),
        created: pod.metadata.creation_timestamp.as_ref().map_or(0, relative),
        phase: match pod.status.as_ref().and_then(|s| s.phase.as_deref()) {
            Some("Running") => Phase::Running,
            Some("Succeeded") => Phase::Succeeded,
            Some("Failed") => Phase::Failed,
            _ => Phase::Pending,
        },
        ready,
        ready_since: ready_condition(pod)
            .and_then(|c| c.last_transition_time.as_ref())
            .map(relative),
        deleted_at: pod.metadata.deletion_timestamp.as_ref().map(relative),
    })
}

/// `spec.updateStrategy` after defaulting. A type that is neither `RollingUpdate` nor `OnDelete`
/// (validation rejects it) makes `updateDaemonSet` update nothing, as OnDelete does.
fn strategy(ds: &DaemonSet, notes: &mut Vec<String>) -> Strategy {
    let update = ds
        .spec
        .as_ref()
        .and_then(|spec| spec.update_strategy.as_ref());
    match update.and_then(|u| u.type_.as_deref()) {
        Some("RollingUpdate") => {
            Strategy::RollingUpdate(update.and_then(|u| u.rolling_update.as_ref()).map(|ru| {
                RollingParams {
                    max_unavailable: ru.max_unavailable.clone(),
                    max_surge: ru.max_surge.clone(),
                }
            }))
        }
        Some("OnDelete") => Strategy::OnDelete,
        other => {
            notes.push(format!(
                "spec.updateStrategy.type {:?} is neither RollingUpdate nor OnDelete: the controller replaces no pod by itself",
                other.unwrap_or_default()
            ));
            Strategy::OnDelete
        }
    }
}

/// `metadata.generation`: a proposal that changes the template or another spec field bumps the
/// snapshot's by one (R-G2).
fn generation(ds: &DaemonSet, current: Option<&DaemonSet>, template_changed: bool) -> i64 {
    let without_template = |ds: &DaemonSet| {
        ds.spec.clone().map(|mut spec| {
            spec.template = Default::default();
            spec
        })
    };
    match current {
        Some(current) => {
            let old = current.metadata.generation.unwrap_or(1);
            if template_changed || without_template(current) != without_template(ds) {
                old + 1
            } else {
                old
            }
        }
        None => ds.metadata.generation.unwrap_or(1),
    }
}
