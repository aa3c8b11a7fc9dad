//! Builders for snapshots and plan reports, so each test states only what it is about.

use dsplan_core::{
    Action, ControllerDecision, DaemonSetPlan, Detail, NodePlan, PlanReport, PlanSummary,
};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use dsplan_model::FeatureGates;
use dsplan_model::{Obj, Snapshot, Source};
use dsplan_policy::{parse_policy, CheckReport, Policy, RolloutInput};
use serde_json::{json, Value};

/// A node with labels, taints (`[{key, effect}]`) and allocatable cpu/memory.
pub fn node(name: &str, labels: Value, taints: Value) -> Obj<Node> {
    let value = serde_json::from_value(json!({
        "metadata": {"name": name, "labels": labels},
        "spec": {"taints": taints},
        "status": {"allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"}},
    }))
    .unwrap();
    Obj::new(value, source("snapshot.yaml", 1))
}

/// A DaemonSet `ns/name` whose pod template spec is `pod_spec`, read from `ds.yaml` line 3.
pub fn daemon_set(ns: &str, name: &str, pod_spec: Value) -> Obj<DaemonSet> {
    daemon_set_with(ns, name, pod_spec, json!({}))
}

/// Like [`daemon_set`], with extra `spec` fields (for example `updateStrategy`).
pub fn daemon_set_with(ns: &str, name: &str, pod_spec: Value, extra: Value) -> Obj<DaemonSet> {
    let mut spec = json!({
        "selector": {"matchLabels": {"app": name}},
        "template": {"metadata": {"labels": {"app": name}}, "spec": pod_spec},
    });
    if let (Some(spec), Some(extra)) = (spec.as_object_mut(), extra.as_object()) {
        spec.extend(extra.clone());
    }
    let value = serde_json::from_value(json!({
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"namespace": ns, "name": name, "labels": {"app": name}},
        "spec": spec,
    }))
    .unwrap();
    Obj::new(value, source("ds.yaml", 3))
}

/// A pod with a spec, for the headroom and overlap rules.
pub fn pod(value: Value) -> Obj<Pod> {
    Obj::new(
        serde_json::from_value(value).unwrap(),
        source("snapshot.yaml", 40),
    )
}

/// A container with requests.
pub fn container(name: &str, cpu: &str, memory: &str) -> Value {
    json!({"name": name, "image": "x", "resources": {"requests": {"cpu": cpu, "memory": memory}}})
}

fn source(file: &str, line: usize) -> Source {
    Source {
        file: file.to_owned(),
        document: 0,
        item: None,
        line: Some(line),
    }
}

/// A node plan: the pod runs (`Run`, schedulable) there.
pub fn runs(node: &str) -> NodePlan {
    NodePlan {
        node: node.to_owned(),
        should_run: true,
        should_continue_running: true,
        controller_decision: ControllerDecision::Run,
        schedulable: Some(true),
        reasons: vec![],
        action: Action::Create,
        creates: 1,
        delete_pods: vec![],
        pods: vec![],
        details: vec![],
        events: vec![],
    }
}

/// A node plan: an untolerated NoSchedule taint keeps the pod off.
pub fn tainted(node: &str, key: &str) -> NodePlan {
    NodePlan {
        should_run: false,
        should_continue_running: true,
        controller_decision: ControllerDecision::UntoleratedNoScheduleTaint,
        schedulable: None,
        reasons: vec![format!("node(s) had untolerated taint {{{key}: }}")],
        action: Action::None,
        creates: 0,
        details: vec![Detail::UntoleratedTaint {
            key: key.to_owned(),
            value: String::new(),
            effect: "NoSchedule".to_owned(),
        }],
        ..runs(node)
    }
}

/// A node plan: the node selector does not match.
pub fn not_selected(node: &str) -> NodePlan {
    NodePlan {
        should_run: false,
        should_continue_running: false,
        controller_decision: ControllerDecision::NodeAffinityMismatch,
        schedulable: None,
        reasons: vec!["node(s) didn't match Pod's node affinity/selector".to_owned()],
        action: Action::None,
        creates: 0,
        details: vec![Detail::NodeSelectorMismatch {
            key: "kubernetes.io/os".to_owned(),
            want: "linux".to_owned(),
            have: Some("windows".to_owned()),
        }],
        ..runs(node)
    }
}

/// A node plan: targeted, but `Insufficient cpu`.
pub fn no_cpu(node: &str) -> NodePlan {
    NodePlan {
        schedulable: Some(false),
        reasons: vec!["Insufficient cpu".to_owned()],
        details: vec![Detail::InsufficientResource {
            resource: "cpu".to_owned(),
            requested: 500,
            used: 3800,
            allocatable: 4000,
        }],
        ..runs(node)
    }
}

/// The plan of one DaemonSet.
pub fn ds_plan(ns: &str, name: &str, nodes: Vec<NodePlan>) -> DaemonSetPlan {
    let desired = u32::try_from(nodes.iter().filter(|n| n.should_run).count()).unwrap();
    DaemonSetPlan {
        namespace: ns.to_owned(),
        name: name.to_owned(),
        summary: PlanSummary {
            nodes: u32::try_from(nodes.len()).unwrap(),
            desired_number_scheduled: desired,
            ..PlanSummary::default()
        },
        nodes,
        delete_pods_without_node: vec![],
        events: vec![],
    }
}

/// A plan report.
pub fn plan(daemon_sets: Vec<DaemonSetPlan>) -> PlanReport {
    PlanReport {
        daemon_sets,
        notes: vec![],
    }
}

/// A snapshot of nodes and DaemonSets.
pub fn snapshot(nodes: Vec<Obj<Node>>, daemon_sets: Vec<Obj<DaemonSet>>) -> Snapshot {
    Snapshot {
        nodes,
        daemon_sets,
        ..Snapshot::default()
    }
}

/// A policy of the given rules (YAML list items, indented by 2).
pub fn policy(rules: &str) -> Policy {
    parse_policy(
        "policy.yaml",
        &format!("apiVersion: dsplan.dev/v1\nkind: Policy\nmetadata: {{name: test}}\nspec:\n  rules:\n{rules}"),
    )
    .unwrap()
}

/// `dsplan_policy::check` with the default (Kubernetes v1.36) feature gates.
pub fn check(
    snapshot: &Snapshot,
    plan: &PlanReport,
    rollout: Option<&RolloutInput>,
    policy: &Policy,
) -> CheckReport {
    dsplan_policy::check(snapshot, plan, rollout, policy, &FeatureGates::default())
}

/// `snapshot` as `dsplan-engine` reads it: every pod no DaemonSet can claim reduced to a
/// `ForeignPod` (`dsplan_core::foreign_pod::reduce`), the others kept whole.
pub fn reduced(snapshot: &Snapshot) -> Snapshot {
    let mut reduced = Snapshot {
        pods: Vec::new(),
        ..snapshot.clone()
    };
    for obj in &snapshot.pods {
        match dsplan_core::foreign_pod::reduce(Box::new(obj.value.clone())) {
            Ok(foreign) => reduced.foreign_pods.push(foreign),
            Err(pod) => reduced.pods.push(Obj::new(*pod, obj.source.clone())),
        }
    }
    reduced
}
