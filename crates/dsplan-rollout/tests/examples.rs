//! The rollouts of the repository's example snapshots, as `examples/README.md` works them out,
//! plus what-if edits and placement diffs on them.

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_model::{FeatureGates, Snapshot};
use dsplan_rollout::{apply_what_if, diff, rollout, DaemonSetRollout, RolloutOptions, WhatIf};
use dsplan_snapshot::{parse, Input, Role};

fn example(path: &str) -> String {
    let full = format!("{}/../../examples/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn snapshot(cluster: &str, proposed: Option<&str>) -> Snapshot {
    let cluster_text = example(cluster);
    let proposed_text = proposed.map(example);
    let mut inputs = vec![Input {
        name: cluster,
        text: &cluster_text,
        role: Role::Snapshot,
    }];
    if let (Some(name), Some(text)) = (proposed, proposed_text.as_deref()) {
        inputs.push(Input {
            name,
            text,
            role: Role::Proposed,
        });
    }
    parse(&inputs).expect("example parses")
}

fn daemon_set<'r>(report: &'r [DaemonSetRollout], name: &str) -> &'r DaemonSetRollout {
    report
        .iter()
        .find(|ds| ds.name == name)
        .unwrap_or_else(|| panic!("no {name} in the report"))
}

fn stuck_nodes(ds: &DaemonSetRollout) -> Vec<(&str, &str)> {
    ds.stuck
        .iter()
        .map(|s| (s.node.as_str(), s.reason.as_str()))
        .collect()
}

#[test]
fn fluentd_v2_on_kubeadm_stalls_on_worker_02() {
    let snapshot = snapshot(
        "clusters/kubeadm.yaml",
        Some("daemonsets/fluentd-elasticsearch-v2.yaml"),
    );
    let report = rollout(
        &snapshot,
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    let fluentd = daemon_set(&report.daemon_sets, "fluentd-elasticsearch");
    assert_eq!(
        fluentd.rollout_status,
        "Waiting for daemon set \"fluentd-elasticsearch\" rollout to finish: 0 out of 7 new pods have been updated...\n"
    );
    assert_eq!(
        (fluentd.max_unavailable, fluentd.max_surge),
        (Some(1), Some(0))
    );
    // worker-05's unready old pod goes at once, outside the budget (R-U2a).
    let first = &fluentd.steps[0];
    assert_eq!(
        (first.at_seconds, first.delete.as_slice()),
        (0, &["k8s-worker-05".to_owned()][..])
    );
    assert!(fluentd.steps.iter().all(|step| step.unavailable <= 1));
    assert!(fluentd.settled);
    let budget =
        "maxUnavailable (1) is used up by node(s) that never become available: k8s-worker-02";
    assert_eq!(
        stuck_nodes(fluentd),
        [
            (
                "k8s-worker-02",
                "new pod stays Pending: Insufficient memory"
            ),
            ("k8s-worker-03", budget),
            ("k8s-worker-04", budget),
        ]
    );
    // cp-01..03 and worker-01 were updated before the stall (node-name order); worker-02's
    // Pending pod counts as updated but not available (R-T1).
    assert_eq!(fluentd.final_status.updated_number_scheduled, 5);
    assert_eq!(fluentd.final_status.number_available, 6);
    assert_eq!(fluentd.completed_at_seconds, None);
}

#[test]
fn an_unchanged_proposal_is_no_rollout() {
    let snapshot = snapshot(
        "clusters/kubeadm.yaml",
        Some("daemonsets/fluentd-elasticsearch.yaml"),
    );
    let report = rollout(
        &snapshot,
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    let fluentd = daemon_set(&report.daemon_sets, "fluentd-elasticsearch");
    assert!(fluentd.steps.is_empty(), "{:?}", fluentd.steps);
    assert!(fluentd.rollout_done);
    assert_eq!(
        fluentd.rollout_status,
        "daemon set \"fluentd-elasticsearch\" successfully rolled out\n"
    );
    assert_eq!(
        stuck_nodes(fluentd),
        [(
            "k8s-worker-05",
            "misscheduled: shouldRun is false here but shouldContinueRunning keeps the pod running"
        )]
    );
}

#[test]
fn gpu_plugin_update_leaves_the_general_pool_and_rolls_the_gpu_nodes() {
    let snapshot = snapshot(
        "clusters/cloud-gpu-spot.yaml",
        Some("daemonsets/gpu-device-plugin.yaml"),
    );
    let report = rollout(
        &snapshot,
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    let plugin = daemon_set(&report.daemon_sets, "nvidia-device-plugin-daemonset");
    assert_eq!(plugin.status.desired_number_scheduled, 3);
    assert!(
        plugin.settled && plugin.stuck.is_empty(),
        "{:?}",
        plugin.stuck
    );
    assert_eq!(plugin.final_status.updated_number_scheduled, 3);
    assert_eq!(plugin.final_status.number_misscheduled, 0);
    // The 4 general-pool pods go in the first sync (affinity mismatch: manage deletes them);
    // rollingUpdate waits for the next sync (R-S1).
    assert_eq!(plugin.steps[0].delete.len(), 4);
    let gpu_deletes: usize = plugin.steps.iter().map(|s| s.delete.len()).sum();
    assert_eq!(gpu_deletes, 4 + 3);
    assert!(plugin.steps.iter().all(|step| step.unavailable <= 1));
    assert!(plugin.completed_at_seconds.is_some());
}

#[test]
fn a_surge_update_cannot_share_a_host_port() {
    let mut snapshot = snapshot("clusters/cloud-gpu-spot.yaml", None);
    let mut proposal = snapshot
        .daemon_sets
        .iter()
        .find(|ds| ds.value.metadata.name.as_deref() == Some("aws-node"))
        .expect("aws-node")
        .clone();
    let spec = proposal.value.spec.as_mut().expect("spec");
    let container = &mut spec.template.spec.as_mut().expect("pod spec").containers[0];
    container.image = Some("example/aws-node:next".into());
    let rolling = spec
        .update_strategy
        .as_mut()
        .and_then(|s| s.rolling_update.as_mut())
        .expect("rollingUpdate");
    rolling.max_unavailable = Some(IntOrString::Int(0));
    rolling.max_surge = Some(IntOrString::Int(1));
    snapshot.proposed_daemon_sets.push(proposal);
    let report = rollout(
        &snapshot,
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    let aws = daemon_set(&report.daemon_sets, "aws-node");
    let port = "new pod stays Pending: node(s) didn't have free ports for the requested pod ports (while the old pod still runs on the node)";
    let stuck = stuck_nodes(aws);
    let blocked: Vec<&str> = stuck
        .iter()
        .filter(|(_, reason)| *reason == port)
        .map(|(node, _)| *node)
        .collect();
    assert_eq!(
        blocked,
        ["ip-10-42-17-203.us-west-2.compute.internal"],
        "{stuck:?}"
    );
    let waiting = format!(
        "maxSurge (1) is used up by node(s) that never become available: {}",
        blocked[0]
    );
    assert_eq!(
        stuck
            .iter()
            .filter(|(_, reason)| *reason == waiting)
            .count(),
        9,
        "{stuck:?}"
    );
    assert!(aws.steps.iter().all(|step| step.surge <= 2));
    assert!(aws.settled);
}

#[test]
fn a_no_execute_taint_loses_pods_in_the_diff() {
    let before = snapshot("clusters/kubeadm.yaml", None);
    let edits = [
        WhatIf::add_taint("k8s-worker-01", "maintenance=true:NoExecute").expect("taint"),
        WhatIf::RemoveNode("k8s-worker-02".into()),
    ];
    let after = apply_what_if(&before, &edits).expect("edits apply");
    let placement = diff(&before, &after, &FeatureGates::default());
    let fluentd = placement
        .daemon_sets
        .iter()
        .find(|ds| ds.name == "fluentd-elasticsearch")
        .expect("fluentd changes");
    assert_eq!(fluentd.lost, ["k8s-worker-01", "k8s-worker-02"]);
    assert!(fluentd.gained.is_empty());
    assert_eq!(fluentd.changed.len(), 1, "worker-01's decision changes");
}

#[test]
fn a_new_daemon_set_is_created_everywhere_at_once_and_sticks_where_it_does_not_fit() {
    let snapshot = snapshot(
        "clusters/cloud-gpu-spot.yaml",
        Some("daemonsets/hostport-agent.yaml"),
    );
    let report = rollout(
        &snapshot,
        &FeatureGates::default(),
        &RolloutOptions::default(),
    );
    let agent = daemon_set(&report.daemon_sets, "datadog-agent");
    // Pods the controller creates carry the new revision (R-B4): they are never deleted again.
    assert_eq!(agent.steps.len(), 1, "one create step: {:?}", agent.steps);
    assert!(agent.steps.iter().all(|step| step.delete.is_empty()));
    assert_eq!(
        agent.steps[0].create,
        [
            "ip-10-42-17-203.us-west-2.compute.internal",
            "ip-10-42-33-19.us-west-2.compute.internal",
            "ip-10-42-52-88.us-west-2.compute.internal",
            "ip-10-42-91-140.us-west-2.compute.internal",
        ]
    );
    assert_eq!(agent.revision.generation, Some(1), "R-G1");
    assert!(agent.settled);
    assert_eq!(
        stuck_nodes(agent),
        [
            (
                "ip-10-42-52-88.us-west-2.compute.internal",
                "new pod stays Pending: Insufficient cpu"
            ),
            (
                "ip-10-42-91-140.us-west-2.compute.internal",
                "new pod stays Pending: Insufficient memory"
            ),
        ]
    );
    assert_eq!(
        (
            agent.final_status.updated_number_scheduled,
            agent.final_status.number_available
        ),
        (4, 2)
    );
}
