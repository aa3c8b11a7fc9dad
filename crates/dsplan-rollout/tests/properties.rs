//! Invariants of the simulated rollout over random clusters and strategies: it terminates, it
//! never takes more nodes down than maxUnavailable (or surges onto more than maxSurge), and it
//! ends with every eligible node running an available pod of the new revision.

use dsplan_core::revision::{resolve, PodRevisionLabels};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_rollout::budget::budget;
use dsplan_rollout::model::{
    Phase, Revision, RollingParams, SimDaemonSet, SimNode, SimPod, Strategy as UpdateStrategy,
    World,
};
use dsplan_rollout::timeline::{simulate, sync_limit, RolloutOptions};
use proptest::prelude::*;

/// A node: eligible or not, whether its pod may stay, and which pod it starts with.
#[derive(Debug, Clone)]
struct NodeCase {
    eligible: bool,
    may_continue: bool,
    /// 0: none (only on ineligible nodes), 1: old revision, 2: new revision.
    pod: u8,
}

fn node_case() -> impl Strategy<Value = NodeCase> {
    (any::<bool>(), any::<bool>(), 0u8..3).prop_map(|(eligible, may_continue, pod)| {
        if eligible {
            // NodeShouldRunDaemonPod never says (true, false); eligible nodes start with a pod.
            NodeCase {
                eligible,
                may_continue: true,
                pod: pod.max(1),
            }
        } else {
            NodeCase {
                eligible,
                may_continue,
                pod,
            }
        }
    })
}

fn int_or_percent() -> impl Strategy<Value = IntOrString> {
    prop_oneof![
        (1i32..5).prop_map(IntOrString::Int),
        (1i32..101).prop_map(|p| IntOrString::String(format!("{p}%"))),
    ]
}

fn update_strategy() -> impl Strategy<Value = UpdateStrategy> {
    prop_oneof![
        int_or_percent().prop_map(|max_unavailable| {
            UpdateStrategy::RollingUpdate(Some(RollingParams {
                max_unavailable: Some(max_unavailable),
                max_surge: Some(IntOrString::Int(0)),
            }))
        }),
        int_or_percent().prop_map(|max_surge| {
            UpdateStrategy::RollingUpdate(Some(RollingParams {
                max_unavailable: Some(IntOrString::Int(0)),
                max_surge: Some(max_surge),
            }))
        }),
    ]
}

fn world(nodes: &[NodeCase], strategy: UpdateStrategy, min_ready: i64) -> World {
    let mut pods = Vec::new();
    let sim_nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, case)| {
            let name = format!("node-{i:02}");
            if case.pod > 0 {
                pods.push(SimPod {
                    name: format!("pod-{i:02}"),
                    node: name.clone(),
                    hash: Some(if case.pod == 1 { "old" } else { "new" }.into()),
                    generation: None,
                    bound: true,
                    created: -1_000,
                    phase: Phase::Running,
                    ready: true,
                    ready_since: Some(-1_000),
                    deleted_at: None,
                });
            }
            SimNode {
                should_run: case.eligible,
                should_continue_running: case.may_continue,
                ..SimNode::eligible(name)
            }
        })
        .collect();
    World {
        ds: SimDaemonSet {
            namespace: "default".into(),
            name: "ds".into(),
            strategy,
            min_ready_seconds: min_ready,
            revision: Revision {
                hash: "new".into(),
                generation: None,
            },
            generation: 2,
        },
        nodes: sim_nodes,
        pods,
    }
}

proptest! {
    #[test]
    fn rollouts_stay_in_budget_and_finish(
        nodes in prop::collection::vec(node_case(), 1..14),
        strategy in update_strategy(),
        min_ready in 0i64..30,
        start in 0i64..20,
        readiness in 0i64..20,
        termination in 0i64..40,
    ) {
        let world = world(&nodes, strategy, min_ready);
        let limits = budget(&world).expect("valid strategy");
        let limit = sync_limit(&world);
        let options = RolloutOptions {
            pod_start_seconds: start,
            readiness_seconds: readiness,
            termination_seconds: termination,
        };
        let timeline = simulate(world, &options);

        prop_assert!(timeline.settled, "no fixpoint within {limit} syncs");
        prop_assert!(timeline.syncs <= limit);
        for step in &timeline.steps {
            if limits.max_surge == 0 {
                prop_assert!(step.unavailable <= limits.max_unavailable, "{step:?} over {limits:?}");
                prop_assert_eq!(step.surge, 0);
            } else {
                prop_assert_eq!(step.unavailable, 0, "surge keeps every node available: {:?}", step);
                prop_assert!(step.surge <= limits.max_surge, "{step:?} over {limits:?}");
            }
        }
        // Pods may stay on ineligible nodes that let them continue (a new pod there is never
        // touched; with no eligible node the budget is 0); nothing else is stuck.
        for stuck in &timeline.stuck {
            let index: usize = stuck.node["node-".len()..].parse().expect("node index");
            prop_assert!(!nodes[index].eligible && nodes[index].may_continue, "stuck: {:?}", stuck);
            prop_assert!(stuck.reason.starts_with("misscheduled"), "stuck: {:?}", stuck);
        }
        let status = timeline.final_status;
        prop_assert_eq!(status.updated_number_scheduled, limits.desired);
        prop_assert_eq!(status.number_available, limits.desired);
        if limits.desired > 0 {
            prop_assert!(timeline.completed_at_seconds.is_some());
        }
    }
}

/// A DaemonSet `agent` running `image`, with the templateGeneration annotation when given.
fn daemon_set(image: &str, template_generation: Option<u8>) -> DaemonSet {
    let annotations = template_generation
        .map(|g| serde_json::json!({"deprecated.daemonset.template.generation": g.to_string()}));
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": "agent", "namespace": "default", "annotations": annotations},
        "spec": {
            "selector": {"matchLabels": {"app": "a"}},
            "template": {
                "metadata": {"labels": {"app": "a"}},
                "spec": {"containers": [{"name": "c", "image": image}]}
            }
        }
    }))
    .expect("daemon set")
}

proptest! {
    /// Whatever the snapshot tells about revisions (a new DaemonSet, no ControllerRevisions,
    /// pods with mixed or no hash labels, a proposal that changes the template), the pods the
    /// controller creates carry the current revision (R-B4): each eligible node ends with one
    /// updated, available pod and no created pod is deleted again.
    #[test]
    fn created_pods_are_never_old(
        in_snapshot in any::<bool>(),
        image_changes in any::<bool>(),
        current_generation in prop::option::of(0u8..4),
        pods in prop::collection::vec(
            (prop::option::of(prop_oneof![Just("x"), Just("y")]), prop::option::of(0u8..4)),
            0..6,
        ),
        empty_nodes in 0usize..4,
    ) {
        let current = in_snapshot.then(|| daemon_set("img:1", current_generation));
        let proposed = daemon_set(if image_changes { "img:2" } else { "img:1" }, current_generation);
        let names: Vec<String> = (0..pods.len()).map(|i| format!("pod-{i:02}")).collect();
        let generations: Vec<Option<String>> =
            pods.iter().map(|(_, g)| g.map(|g| g.to_string())).collect();
        let labels: Vec<PodRevisionLabels<'_>> = pods
            .iter()
            .zip(&names)
            .zip(&generations)
            .map(|(((hash, _), name), generation)| PodRevisionLabels {
                name,
                hash: *hash,
                generation: generation.as_deref(),
                created: -1_000,
            })
            .collect();
        let resolved = resolve(&proposed, current.as_ref(), &[], &labels);
        let revision = Revision { hash: resolved.hash, generation: resolved.generation };
        let mut sim_pods = Vec::new();
        let mut nodes = Vec::new();
        for (i, (hash, generation)) in pods.iter().enumerate() {
            let node = format!("node-{i:02}");
            sim_pods.push(SimPod {
                name: names[i].clone(),
                node: node.clone(),
                hash: hash.map(str::to_owned),
                generation: generation.map(|g| g.to_string()),
                bound: true,
                created: -1_000,
                phase: Phase::Running,
                ready: true,
                ready_since: Some(-1_000),
                deleted_at: None,
            });
            nodes.push(SimNode::eligible(node));
        }
        nodes.extend((0..empty_nodes).map(|i| SimNode::eligible(format!("node-e{i}"))));
        let desired = i32::try_from(nodes.len()).expect("few nodes");
        let world = World {
            ds: SimDaemonSet {
                namespace: "default".into(),
                name: "agent".into(),
                strategy: UpdateStrategy::RollingUpdate(Some(RollingParams {
                    max_unavailable: Some(IntOrString::Int(1)),
                    max_surge: Some(IntOrString::Int(0)),
                })),
                min_ready_seconds: 0,
                revision,
                generation: 2,
            },
            nodes,
            pods: sim_pods,
        };
        let limit = sync_limit(&world);
        let timeline = simulate(world, &RolloutOptions::default());

        prop_assert!(timeline.settled, "no fixpoint within {limit} syncs");
        prop_assert!(timeline.stuck.is_empty(), "stuck: {:?}", timeline.stuck);
        prop_assert_eq!(timeline.final_status.updated_number_scheduled, desired);
        prop_assert_eq!(timeline.final_status.number_available, desired);
        let mut created = std::collections::BTreeSet::new();
        for step in &timeline.steps {
            for node in &step.delete {
                prop_assert!(!created.contains(node), "a created pod on {} is deleted: {:?}", node, timeline.steps);
            }
            created.extend(step.create.iter().cloned());
        }
    }
}
