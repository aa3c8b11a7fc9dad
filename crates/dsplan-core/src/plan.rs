//! `plan`: every DaemonSet of a snapshot through the controller's decision, one sync of its
//! reconcile, its status counters, and the scheduler's verdict on each pod it would create.
//!
//! Mirrors `syncDaemonSet` → `manage` → `podsShouldBeOnNode` and `updateDaemonSetStatus`
//! (`pkg/controller/daemon/daemon_controller.go`). The per-sync burst cap (250 creates and 250
//! deletes) and slow-start batching are not applied: the plan shows every action the sync
//! wants. Pending expectations and failed-pod backoff need controller memory and are not
//! modelled.

use crate::cluster::{ClusterIndex, NodeUsage};
use crate::controller::{decision_reason, template_spec, Placement};
use crate::daemon_pod::new_pod;
use crate::node_affinity::RequiredNodeAffinity;
use crate::ownership::{group_by_node, namespace_of, Owner};
use crate::pod_util::by_creation_timestamp_and_phase;
use crate::reconcile::{
    allows_surge, pods_should_be_on_node, unscheduled_pods_without_node, Rollout,
};
use crate::report::{Action, DaemonSetPlan, Event, EventType, NodePlan, PlanReport, PlanSummary};
use crate::resources::{allocatable, Problems, Resources};
use crate::revision::{resolve, PodRevisionLabels};
use crate::scheduler::{self, PodFacts};
use crate::status::Counters;
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, Time};
use dsplan_model::{FeatureGates, Snapshot};
use std::borrow::Cow;
use std::collections::HashSet;

/// `SelectingAll`'s message.
const SELECTING_ALL: &str =
    "This daemon set is selecting all pods. A non-empty selector is required.";

/// Options of [`plan_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// The time `minReadySeconds` is judged at. Without it, Ready pods count as available (see
    /// [`crate::pod_util::is_pod_available`]).
    pub now: Option<Time>,
}

/// Plans every DaemonSet in `snapshot` with default [`PlanOptions`].
pub fn plan(snapshot: &Snapshot, gates: &FeatureGates) -> PlanReport {
    plan_with(snapshot, gates, &PlanOptions::default())
}

/// Plans every DaemonSet in `snapshot`: snapshot DaemonSets in input order (a proposed
/// DaemonSet with the same namespace and name replaces one, keeping its pods), then proposed
/// DaemonSets that are new.
pub fn plan_with(snapshot: &Snapshot, gates: &FeatureGates, options: &PlanOptions) -> PlanReport {
    let index = ClusterIndex::with_gates(snapshot, gates);
    let mut notes = snapshot.notes.clone();
    notes.extend_from_slice(index.notes());
    let mut problems = Problems::default();
    let table = NodeTable::new(&index, &mut problems);
    notes.append(&mut problems.0);
    let daemon_sets = targets(snapshot)
        .iter()
        .map(|(ds, current)| {
            plan_daemon_set(&index, &table, ds, *current, gates, options, &mut notes)
        })
        .collect();
    PlanReport { daemon_sets, notes }
}

/// What every DaemonSet's pass reads of a node that does not depend on the DaemonSet, read
/// once per plan and kept side by side in snapshot order: the passes then neither re-parse
/// allocatable quantities nor hash node names per node and DaemonSet.
struct NodeRow<'i> {
    node: &'i Node,
    name: &'i str,
    allocatable: Resources,
    usage: &'i NodeUsage,
}

/// The snapshot's nodes as [`NodeRow`]s, and their names as `getUnscheduledPodsWithoutNode`
/// looks them up.
struct NodeTable<'i> {
    rows: Vec<NodeRow<'i>>,
    names: HashSet<&'i str>,
}

impl<'i> NodeTable<'i> {
    /// Reads every node of `index`'s snapshot; allocatable quantities that do not parse are
    /// added to `problems`, node by node.
    fn new(index: &'i ClusterIndex<'_>, problems: &mut Problems) -> Self {
        let rows: Vec<NodeRow<'i>> = index
            .snapshot()
            .nodes
            .iter()
            .map(|obj| {
                let node = &obj.value;
                let name = node.metadata.name.as_deref().unwrap_or_default();
                NodeRow {
                    node,
                    name,
                    allocatable: allocatable(node, problems),
                    usage: index.usage(name),
                }
            })
            .collect();
        let names = rows.iter().map(|row| row.name).collect();
        Self { rows, names }
    }
}

type Key<'a> = (&'a str, &'a str);

fn key(ds: &DaemonSet) -> Key<'_> {
    (
        namespace_of(&ds.metadata),
        ds.metadata.name.as_deref().unwrap_or_default(),
    )
}

/// The DaemonSets to plan, each with its version in the snapshot (`None` for a proposed
/// DaemonSet that is new).
fn targets(snapshot: &Snapshot) -> Vec<(Cow<'_, DaemonSet>, Option<&DaemonSet>)> {
    let proposed = |k: Key<'_>| {
        snapshot
            .proposed_daemon_sets
            .iter()
            .map(|o| &o.value)
            .find(|p| key(p) == k)
    };
    let mut targets: Vec<(Cow<'_, DaemonSet>, Option<&DaemonSet>)> = snapshot
        .daemon_sets
        .iter()
        .map(|obj| match proposed(key(&obj.value)) {
            Some(new) => {
                let mut ds = new.clone();
                // The proposal is the same object: it keeps the identity its pods point at.
                if ds.metadata.uid.is_none() {
                    ds.metadata.uid.clone_from(&obj.value.metadata.uid);
                }
                (Cow::Owned(ds), Some(&obj.value))
            }
            None => (Cow::Borrowed(&obj.value), Some(&obj.value)),
        })
        .collect();
    let known: HashSet<Key<'_>> = snapshot.daemon_sets.iter().map(|o| key(&o.value)).collect();
    targets.extend(
        snapshot
            .proposed_daemon_sets
            .iter()
            .filter(|o| !known.contains(&key(&o.value)))
            .map(|o| (Cow::Borrowed(&o.value), None)),
    );
    targets
}

fn plan_daemon_set(
    index: &ClusterIndex<'_>,
    table: &NodeTable<'_>,
    ds: &DaemonSet,
    current: Option<&DaemonSet>,
    gates: &FeatureGates,
    options: &PlanOptions,
    notes: &mut Vec<String>,
) -> DaemonSetPlan {
    let snapshot = index.snapshot();
    let (namespace, name) = key(ds);
    let mut events = Vec::new();
    let selector = ds.spec.as_ref().map(|s| &s.selector);
    // The controller acts only with a usable selector, and not while the DaemonSet is deleted.
    let mut acts = ds.metadata.deletion_timestamp.is_none();
    if selector.is_none_or(|s| *s == LabelSelector::default()) {
        events.push(Event {
            event_type: EventType::Warning,
            reason: "SelectingAll".to_owned(),
            message: SELECTING_ALL.to_owned(),
        });
        acts = false;
    }
    let claimed: Vec<&Pod> = match Owner::new(ds) {
        Ok(owner) => index
            .candidates(namespace, name)
            .filter(|pod| owner.claim(pod).is_claimed())
            .collect(),
        Err(error) => {
            notes.push(format!(
                "DaemonSet {namespace}/{name}: spec.selector: {error}; the controller's sync fails and does nothing"
            ));
            acts = false;
            Vec::new()
        }
    };
    // The revision `dsplan rollout` resolves for the same input: a proposal that changes the
    // template is a new revision at the bumped templateGeneration, and pods the controller
    // already created for it (a rollout in progress) are updated (`util.IsPodUpdated`) and, on
    // the surge path, the new pods (`podsShouldBeOnNode`).
    let labels: Vec<PodRevisionLabels<'_>> = claimed
        .iter()
        .map(|pod| PodRevisionLabels::of(pod))
        .collect();
    let resolved = resolve(ds, current, &snapshot.controller_revisions, &labels);
    let generation = resolved.generation;
    let by_node = group_by_node(claimed);
    let rollout = Rollout {
        surge: allows_surge(ds),
        hash: Some(resolved.hash.as_str()),
        min_ready_seconds: ds
            .spec
            .as_ref()
            .and_then(|s| s.min_ready_seconds)
            .unwrap_or(0),
        now: options.now.as_ref(),
    };
    let placement = Placement::new(ds);
    let daemon_pod = new_pod(ds, "");
    let mut problems = Problems::default();
    let facts = PodFacts::new(&daemon_pod, gates, &mut problems);
    notes.append(&mut problems.0);
    let spec = template_spec(ds);
    let template_node_name = spec
        .and_then(|s| s.node_name.as_deref())
        .is_some_and(|n| !n.is_empty());
    let node_selector = spec.and_then(|s| s.node_selector.as_ref());

    let mut counters = Counters::default();
    let mut summary = PlanSummary::default();
    let mut nodes = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let (node, node_name) = (row.node, row.name);
        let verdict = placement.should_run(node, gates);
        let pods: &[&Pod] = by_node.get(node_name).map_or(&[], Vec::as_slice);
        counters.count_node(verdict.should_run, pods, &rollout, generation);
        let actions = if acts {
            pods_should_be_on_node(node_name, &verdict, pods, &rollout)
        } else {
            Default::default()
        };
        let filter = (actions.create && !template_node_name && !node_name.is_empty()).then(|| {
            let affinity = RequiredNodeAffinity::daemon_pod(node_selector, node_name);
            scheduler::run_on(&facts, &affinity, node, &row.allocatable, row.usage, gates)
        });
        let (reasons, details) = match (&filter, decision_reason(verdict.decision)) {
            (_, Some(reason)) => (vec![reason.to_owned()], verdict.details),
            (Some(result), None) if !result.schedulable() => {
                (result.reasons.clone(), result.details.clone())
            }
            _ => (Vec::new(), Vec::new()),
        };
        let mut names: Vec<&Pod> = pods.to_vec();
        names.sort_by(|a, b| by_creation_timestamp_and_phase(a, b));
        let action = if !actions.delete.is_empty() {
            Action::Delete
        } else if actions.create {
            Action::Create
        } else if pods.is_empty() {
            Action::None
        } else {
            Action::Keep
        };
        let schedulable = filter.as_ref().map(scheduler::FilterResult::schedulable);
        summary.creates += u32::from(actions.create);
        summary.deletes += u32::try_from(actions.delete.len()).unwrap_or(u32::MAX);
        summary.pending += u32::from(schedulable == Some(false));
        nodes.push(NodePlan {
            node: node_name.to_owned(),
            should_run: verdict.should_run,
            should_continue_running: verdict.should_continue_running,
            controller_decision: verdict.decision,
            schedulable,
            reasons,
            action,
            creates: u32::from(actions.create),
            delete_pods: actions.delete,
            pods: names
                .iter()
                .map(|p| p.metadata.name.clone().unwrap_or_default())
                .collect(),
            details,
            events: actions.events,
        });
    }
    let delete_pods_without_node = if acts {
        unscheduled_pods_without_node(&by_node, &table.names)
    } else {
        Vec::new()
    };
    summary.deletes += u32::try_from(delete_pods_without_node.len()).unwrap_or(u32::MAX);
    summary.nodes = u32::try_from(snapshot.nodes.len()).unwrap_or(u32::MAX);
    summary.desired_number_scheduled = counters.desired;
    summary.current_number_scheduled = counters.current;
    summary.number_misscheduled = counters.misscheduled;
    summary.number_ready = counters.ready;
    summary.number_available = counters.available;
    summary.updated_number_scheduled = counters.updated;
    summary.number_unavailable = counters.unavailable();
    DaemonSetPlan {
        namespace: namespace.to_owned(),
        name: name.to_owned(),
        summary,
        nodes,
        delete_pods_without_node,
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ControllerDecision;
    use dsplan_model::{Obj, Source};
    use serde_json::json;

    fn obj<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Obj<T> {
        Obj::new(
            serde_json::from_value(value).expect("valid object"),
            Source::default(),
        )
    }

    fn node(name: &str, taint: Option<&str>) -> serde_json::Value {
        let taints = taint.map_or(json!([]), |effect| json!([{"key": "k", "effect": effect}]));
        json!({"metadata": {"name": name}, "spec": {"taints": taints},
               "status": {"allocatable": {"pods": "10", "cpu": "1"}}})
    }

    fn ds(selector: serde_json::Value, cpu: &str) -> serde_json::Value {
        json!({"metadata": {"name": "agent", "namespace": "default", "uid": "u1"},
               "spec": {"selector": selector, "template": {"metadata": {"labels": {"app": "a"}},
                        "spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": cpu}}}]}}}})
    }

    fn pod(name: &str, node: &str) -> Obj<Pod> {
        obj(
            json!({"metadata": {"name": name, "namespace": "default", "labels": {"app": "a"},
                                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet",
                                                     "name": "agent", "uid": "u1", "controller": true}]},
                   "spec": {"nodeName": node, "containers": []},
                   "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}),
        )
    }

    fn snapshot() -> Snapshot {
        Snapshot {
            nodes: vec![
                obj(node("free", None)),
                obj(node("cordoned", Some("NoSchedule"))),
                obj(node("evicting", Some("NoExecute"))),
                obj(node("running", None)),
            ],
            pods: vec![
                pod("p-cordoned", "cordoned"),
                pod("p-evicting", "evicting"),
                pod("p-running", "running"),
            ],
            daemon_sets: vec![obj(ds(json!({"matchLabels": {"app": "a"}}), "100m"))],
            ..Default::default()
        }
    }

    #[test]
    fn plans_actions_and_counters_per_node() {
        let report = plan(&snapshot(), &FeatureGates::default());
        let ds = &report.daemon_sets[0];
        let actions: Vec<(Action, &[String])> = ds
            .nodes
            .iter()
            .map(|n| (n.action, n.delete_pods.as_slice()))
            .collect();
        assert_eq!(
            actions,
            [
                (Action::Create, &[][..]),
                (Action::Keep, &[][..]),
                (Action::Delete, &["p-evicting".to_owned()][..]),
                (Action::Keep, &[][..]),
            ]
        );
        assert_eq!(ds.nodes[0].schedulable, Some(true));
        assert_eq!(
            ds.nodes[1].controller_decision,
            ControllerDecision::UntoleratedNoScheduleTaint
        );
        assert_eq!(ds.nodes[1].reasons, ["node(s) had untolerated taint(s)"]);
        let s = &ds.summary;
        assert_eq!(
            (
                s.desired_number_scheduled,
                s.current_number_scheduled,
                s.number_misscheduled
            ),
            (2, 1, 2)
        );
        assert_eq!(
            (s.number_ready, s.number_available, s.number_unavailable),
            (1, 1, 1)
        );
        assert_eq!((s.creates, s.deletes, s.pending), (1, 1, 0));
    }

    #[test]
    fn a_proposed_daemon_set_replaces_the_snapshot_one_and_keeps_its_pods() {
        let mut snap = snapshot();
        let mut proposed = ds(json!({"matchLabels": {"app": "a"}}), "2");
        proposed["metadata"]
            .as_object_mut()
            .expect("metadata")
            .remove("uid");
        snap.proposed_daemon_sets = vec![obj(proposed)];
        let report = plan(&snap, &FeatureGates::default());
        assert_eq!(report.daemon_sets.len(), 1);
        let free = &report.daemon_sets[0].nodes[0];
        assert_eq!(free.schedulable, Some(false));
        assert_eq!(free.reasons, ["Insufficient cpu"]);
        assert_eq!(report.daemon_sets[0].nodes[3].pods, ["p-running"]);
        assert_eq!(report.daemon_sets[0].summary.pending, 1);
    }

    /// A rollout in progress when a proposal is planned: the snapshot's DaemonSet is still v1
    /// (templateGeneration 1), the proposal is v2, and the controller already created v2 pods
    /// (`pod-template-generation: 2`, v2's hash). Mirrors the API server's templateGeneration
    /// bump on a template change (`strategy.go`: `PrepareForUpdate`), `util.IsPodUpdated` (the
    /// generation label) for `updatedNumberScheduled`, and the surge branch of
    /// `podsShouldBeOnNode`, which tells the new pod by the hash the v2 pods carry
    /// (`CreatePodTemplate` labels them) and deletes the old one beside an available new one.
    #[test]
    fn a_proposal_recognises_pods_already_at_its_new_revision() {
        let surge = |cpu: &str, generation: &str| {
            let mut ds = ds(json!({"matchLabels": {"app": "a"}}), cpu);
            ds["metadata"]["annotations"] =
                json!({"deprecated.daemonset.template.generation": generation});
            ds["spec"]["updateStrategy"] = json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}});
            obj(ds)
        };
        let revision_pod = |name: &str, node: &str, generation: &str, created: &str| {
            let mut pod = pod(name, node);
            let hash = if generation == "2" {
                "v2hash"
            } else {
                "v1hash"
            };
            let metadata = &mut pod.value.metadata;
            metadata.labels.get_or_insert_default().extend([
                ("controller-revision-hash".to_owned(), hash.to_owned()),
                ("pod-template-generation".to_owned(), generation.to_owned()),
            ]);
            metadata.creation_timestamp =
                Some(serde_json::from_value(json!(created)).expect("timestamp"));
            pod
        };
        let snap = Snapshot {
            nodes: vec![
                obj(node("a", None)),
                obj(node("b", None)),
                obj(node("c", None)),
            ],
            pods: vec![
                revision_pod("a-old", "a", "1", "2026-01-01T00:00:00Z"),
                revision_pod("a-new", "a", "2", "2026-01-01T01:00:00Z"),
                revision_pod("b-new", "b", "2", "2026-01-01T01:00:00Z"),
                revision_pod("c-old", "c", "1", "2026-01-01T00:00:00Z"),
            ],
            daemon_sets: vec![surge("100m", "1")],
            proposed_daemon_sets: vec![surge("200m", "1")],
            ..Default::default()
        };
        let report = plan(&snap, &FeatureGates::default());
        let ds = &report.daemon_sets[0];
        let deletes: Vec<(&str, &[String])> = ds
            .nodes
            .iter()
            .map(|n| (n.node.as_str(), n.delete_pods.as_slice()))
            .collect();
        assert_eq!(
            deletes,
            [
                ("a", &["a-old".to_owned()][..]),
                ("b", &[][..]),
                ("c", &[][..])
            ],
            "only the old pod beside a new one is replaced"
        );
        // A node counts its oldest pod: b's is at generation 2, a's and c's are not (yet).
        assert_eq!(ds.summary.updated_number_scheduled, 1);
    }

    #[test]
    fn selecting_all_does_nothing_but_warn() {
        let mut snap = snapshot();
        snap.daemon_sets = vec![obj(ds(json!({}), "100m"))];
        let report = plan(&snap, &FeatureGates::default());
        let ds = &report.daemon_sets[0];
        assert_eq!(ds.events[0].reason, "SelectingAll");
        assert_eq!(ds.events[0].message, SELECTING_ALL);
        assert_eq!((ds.summary.creates, ds.summary.deletes), (0, 0));
    }
}
