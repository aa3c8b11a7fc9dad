//! Every rule kind, passing and failing, with the finding a user reads.

use dsplan_core::NodePlan;
use dsplan_policy::{CheckReport, RolloutFacts, RolloutInput, Severity, StuckNode};
use serde_json::json;

use crate::support::*;

fn linux(name: &str) -> dsplan_model::Obj<dsplan_model::k8s_openapi::api::core::v1::Node> {
    node(name, json!({"kubernetes.io/os": "linux"}), json!([]))
}

fn gpu(name: &str) -> dsplan_model::Obj<dsplan_model::k8s_openapi::api::core::v1::Node> {
    node(
        name,
        json!({"kubernetes.io/os": "linux", "gpu": "nvidia"}),
        json!([{"key": "nvidia.com/gpu", "effect": "NoSchedule"}]),
    )
}

fn windows(name: &str) -> dsplan_model::Obj<dsplan_model::k8s_openapi::api::core::v1::Node> {
    node(name, json!({"kubernetes.io/os": "windows"}), json!([]))
}

fn agent_spec() -> serde_json::Value {
    json!({"containers": [container("agent", "100m", "64Mi")], "priorityClassName": "system-node-critical"})
}

fn rule_ids(report: &CheckReport) -> Vec<&str> {
    report.findings.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn coverage_reports_untolerated_taint_with_the_toleration_to_add() {
    let snap = snapshot(
        vec![linux("w1"), gpu("g1"), gpu("g2"), windows("win1")],
        vec![daemon_set("logging", "fluent-bit", agent_spec())],
    );
    let report = check(
        &snap,
        &plan(vec![ds_plan(
            "logging",
            "fluent-bit",
            vec![runs("w1"), tainted("g1", "nvidia.com/gpu"), tainted("g2", "nvidia.com/gpu"), not_selected("win1")],
        )]),
        None,
        &policy("  - id: linux-coverage\n    severity: error\n    coverage: {nodes: {matchLabels: {kubernetes.io/os: linux}}}\n"),
    );
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    let finding = &report.findings[0];
    assert_eq!(finding.nodes, ["g1", "g2"]);
    assert_eq!(
        finding.fix,
        "add toleration nvidia.com/gpu:NoSchedule to cover 2 nodes"
    );
    assert_eq!(
        finding.message,
        "does not run on 2 of 3 nodes matching kubernetes.io/os=linux (g1, g2): taint nvidia.com/gpu:NoSchedule is not tolerated"
    );
    assert_eq!(
        finding.daemon_set.as_ref().unwrap().to_string(),
        "logging/fluent-bit"
    );
    let location = finding.location.as_ref().unwrap();
    assert_eq!(
        (location.file.as_str(), location.line),
        ("ds.yaml", Some(3))
    );
    assert_eq!(report.exit_code(false), 1);
}

#[test]
fn coverage_passes_when_every_matching_node_runs_the_pod() {
    let snap = snapshot(
        vec![linux("w1"), windows("win1")],
        vec![daemon_set("logging", "fb", agent_spec())],
    );
    let report = check(
        &snap,
        &plan(vec![ds_plan("logging", "fb", vec![runs("w1"), not_selected("win1")])]),
        None,
        &policy("  - id: c\n    severity: error\n    coverage: {nodes: {matchLabels: {kubernetes.io/os: linux}}}\n"),
    );
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.evaluations.len(), 1);
    assert_eq!(report.exit_code(true), 0);
}

#[test]
fn avoid_fails_on_a_matching_node_and_passes_otherwise() {
    let snap = snapshot(
        vec![linux("w1"), windows("win1")],
        vec![
            daemon_set("kube-system", "a", agent_spec()),
            daemon_set("kube-system", "b", agent_spec()),
        ],
    );
    let report = check(
        &snap,
        &plan(vec![
            ds_plan("kube-system", "a", vec![runs("w1"), runs("win1")]),
            ds_plan("kube-system", "b", vec![runs("w1"), not_selected("win1")]),
        ]),
        None,
        &policy("  - id: no-windows\n    severity: error\n    avoid: {nodes: {matchLabels: {kubernetes.io/os: windows}}}\n"),
    );
    assert_eq!(report.findings.len(), 1);
    let finding = &report.findings[0];
    assert_eq!(finding.daemon_set.as_ref().unwrap().name, "a");
    assert_eq!(finding.nodes, ["win1"]);
    assert_eq!(
        finding.fix,
        "add a required node affinity term that excludes kubernetes.io/os NotIn [windows] to leave 1 node"
    );
}

#[test]
fn family_reports_gaps_and_overlaps() {
    let nodes = vec![
        node("n1", json!({"gpu": "nvidia"}), json!([])),
        node("a1", json!({"gpu": "amd"}), json!([])),
        node("x1", json!({"gpu": "intel"}), json!([])),
        node("cpu1", json!({}), json!([])),
    ];
    let snap = snapshot(
        nodes,
        vec![
            daemon_set("kube-system", "nvidia-plugin", agent_spec()),
            daemon_set("kube-system", "amd-plugin", agent_spec()),
        ],
    );
    let report = check(
        &snap,
        &plan(vec![
            ds_plan("kube-system", "nvidia-plugin", vec![runs("n1"), runs("a1"), not_selected("x1"), not_selected("cpu1")]),
            ds_plan("kube-system", "amd-plugin", vec![not_selected("n1"), runs("a1"), not_selected("x1"), not_selected("cpu1")]),
        ]),
        None,
        &policy("  - id: one-plugin\n    severity: error\n    family:\n      members: [\"kube-system/*-plugin\"]\n      nodes: {matchExpressions: [{key: gpu, operator: Exists}]}\n"),
    );
    assert_eq!(report.findings.len(), 2, "{:?}", report.findings);
    let gap = &report.findings[0];
    assert_eq!(gap.daemon_set, None);
    assert_eq!(gap.nodes, ["x1"]);
    assert!(gap.message.starts_with("no member of [kube-system/nvidia-plugin, kube-system/amd-plugin] runs on 1 node (x1); on x1: kube-system/nvidia-plugin: nodeSelector"), "{}", gap.message);
    assert!(
        gap.location.is_some(),
        "a gap points at a member's manifest for SARIF"
    );
    let overlap = &report.findings[1];
    assert_eq!(overlap.daemon_set.as_ref().unwrap().name, "amd-plugin");
    assert_eq!(overlap.nodes, ["a1"]);
    // One evaluation for the family as a whole, one per member.
    assert_eq!(report.evaluations.len(), 3);
}

#[test]
fn family_passes_when_each_node_runs_exactly_one_member() {
    let snap = snapshot(
        vec![
            node("n1", json!({"gpu": "nvidia"}), json!([])),
            node("a1", json!({"gpu": "amd"}), json!([])),
        ],
        vec![
            daemon_set("kube-system", "nvidia-plugin", agent_spec()),
            daemon_set("kube-system", "amd-plugin", agent_spec()),
        ],
    );
    let report = check(
        &snap,
        &plan(vec![
            ds_plan("kube-system", "nvidia-plugin", vec![runs("n1"), not_selected("a1")]),
            ds_plan("kube-system", "amd-plugin", vec![not_selected("n1"), runs("a1")]),
        ]),
        None,
        &policy("  - id: one-plugin\n    severity: error\n    family: {members: [\"kube-system/*-plugin\"]}\n"),
    );
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

#[test]
fn fit_reports_pending_pods_and_passes_when_all_fit() {
    let snap = snapshot(
        vec![linux("w1"), linux("w2")],
        vec![daemon_set("monitoring", "exporter", agent_spec())],
    );
    let failing = check(
        &snap,
        &plan(vec![ds_plan(
            "monitoring",
            "exporter",
            vec![runs("w1"), no_cpu("w2")],
        )]),
        None,
        &policy("  - id: fits\n    severity: error\n    fit: {}\n"),
    );
    assert_eq!(failing.findings.len(), 1);
    assert_eq!(
        failing.findings[0].message,
        "pod would stay Pending on 1 of 2 targeted nodes (w2): cpu: requests 500m, free 200m of 4000m allocatable"
    );
    assert_eq!(
        failing.findings[0].fix,
        "lower the cpu request or free cpu on 1 node"
    );
    let passing = check(
        &snap,
        &plan(vec![ds_plan(
            "monitoring",
            "exporter",
            vec![runs("w1"), runs("w2")],
        )]),
        None,
        &policy("  - id: fits\n    severity: error\n    fit: {}\n"),
    );
    assert!(passing.findings.is_empty());
}

#[test]
fn fit_headroom_counts_other_pods_but_not_the_daemon_sets_own() {
    let mut snap = snapshot(
        vec![linux("w1"), linux("w2")],
        vec![daemon_set(
            "monitoring",
            "exporter",
            json!({"containers": [container("e", "500m", "1Gi")]}),
        )],
    );
    // w1: another workload requests 3 of 4 cpus; 4000m - 3000m - 500m = 500m free (12.5%).
    snap.pods.push(pod(json!({
        "metadata": {"namespace": "default", "name": "big"},
        "spec": {"nodeName": "w1", "containers": [container("c", "3", "1Gi")]},
    })));
    // w2: only the DaemonSet's own old pod (the plan lists it as claimed), which the new pod
    // replaces.
    snap.pods.push(pod(json!({
        "metadata": {"namespace": "monitoring", "name": "exporter-x", "ownerReferences": [
            {"apiVersion": "apps/v1", "kind": "DaemonSet", "name": "exporter", "uid": "u", "controller": true}]},
        "spec": {"nodeName": "w2", "containers": [container("e", "3", "1Gi")]},
    })));
    let w2 = NodePlan {
        pods: vec!["exporter-x".to_owned()],
        ..runs("w2")
    };
    let the_plan = plan(vec![ds_plan(
        "monitoring",
        "exporter",
        vec![runs("w1"), w2],
    )]);
    let strict = check(&snap, &the_plan, None, &policy("  - id: room\n    severity: warning\n    fit: {minHeadroomPercent: 20, resources: [cpu]}\n"));
    assert_eq!(strict.findings.len(), 1, "{:?}", strict.findings);
    assert_eq!(strict.findings[0].nodes, ["w1"]);
    assert_eq!(
        strict.findings[0].message,
        "cpu headroom below 20% after the pod on 1 node (w1); tightest w1: 500m free of 4000m allocatable"
    );
    assert_eq!(
        strict.exit_code(false),
        0,
        "warnings pass without --fail-on-warn"
    );
    assert_eq!(strict.exit_code(true), 1);
    let lenient = check(&snap, &the_plan, None, &policy("  - id: room\n    severity: warning\n    fit: {minHeadroomPercent: 10, resources: [cpu]}\n"));
    assert!(lenient.findings.is_empty(), "{:?}", lenient.findings);

    // A pod of an earlier DaemonSet of the same name (another uid) is not claimed, so the plan
    // does not list it: it stays on the node and its requests count.
    let unclaimed = plan(vec![ds_plan(
        "monitoring",
        "exporter",
        vec![runs("w1"), runs("w2")],
    )]);
    let counted = check(&snap, &unclaimed, None, &policy("  - id: room\n    severity: warning\n    fit: {minHeadroomPercent: 20, resources: [cpu]}\n"));
    assert_eq!(counted.findings.len(), 1, "{:?}", counted.findings);
    assert_eq!(counted.findings[0].nodes, ["w1", "w2"]);
}

/// Headroom and selector overlap read a ReplicaSet's pods the same whether they are kept whole
/// or reduced as `dsplan-engine` reads them.
#[test]
fn reduced_pods_count_for_headroom_and_overlap_as_whole_ones() {
    let mut snap = snapshot(
        vec![linux("w1")],
        vec![daemon_set(
            "monitoring",
            "exporter",
            json!({"containers": [container("e", "500m", "1Gi")]}),
        )],
    );
    snap.pods.push(pod(json!({
        "metadata": {"namespace": "monitoring", "name": "big", "labels": {"app": "exporter"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web", "uid": "u", "controller": true}]},
        "spec": {"nodeName": "w1", "containers": [container("c", "3", "1Gi")]},
    })));
    let reduced = reduced(&snap);
    assert_eq!((reduced.pods.len(), reduced.foreign_pods.len()), (0, 1));
    let the_plan = plan(vec![ds_plan("monitoring", "exporter", vec![runs("w1")])]);
    let rules = policy("  - id: room\n    severity: warning\n    fit: {minHeadroomPercent: 20, resources: [cpu]}\n  - id: overlap\n    severity: error\n    selectorOverlap: {}\n");
    let whole = check(&snap, &the_plan, None, &rules);
    assert_eq!(
        rule_ids(&whole),
        ["room", "overlap"],
        "{:?}",
        whole.findings
    );
    assert_eq!(check(&reduced, &the_plan, None, &rules), whole);
}

fn rolling(max_unavailable: serde_json::Value, max_surge: serde_json::Value) -> serde_json::Value {
    json!({"updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": max_unavailable, "maxSurge": max_surge}}})
}

#[test]
fn rollout_max_unavailable_is_resolved_against_desired_nodes() {
    let nodes: Vec<_> = (0..10).map(|i| linux(&format!("w{i}"))).collect();
    let plans = ds_plan(
        "kube-system",
        "agent",
        (0..10).map(|i| runs(&format!("w{i}"))).collect(),
    );
    let rule = "  - id: budget\n    severity: error\n    rollout: {maxUnavailable: 10%}\n";
    let wide = snapshot(
        nodes.clone(),
        vec![daemon_set_with(
            "kube-system",
            "agent",
            agent_spec(),
            rolling(json!("30%"), json!(0)),
        )],
    );
    let report = check(&wide, &plan(vec![plans.clone()]), None, &policy(rule));
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(
        report.findings[0].message,
        "maxUnavailable resolves to 3 of 10 nodes; the policy allows 10% (1)"
    );
    let narrow = snapshot(
        nodes,
        vec![daemon_set_with(
            "kube-system",
            "agent",
            agent_spec(),
            rolling(json!(1), json!(0)),
        )],
    );
    assert!(check(&narrow, &plan(vec![plans]), None, &policy(rule))
        .findings
        .is_empty());
}

#[test]
fn rollout_surge_with_host_ports_deadlocks() {
    let spec = json!({"containers": [{"name": "a", "image": "x", "ports": [{"containerPort": 9100, "hostPort": 9100}]}]});
    let host_network = json!({"hostNetwork": true, "containers": [{"name": "a", "image": "x", "ports": [{"containerPort": 9100}]}]});
    let rule = "  - id: surge\n    severity: error\n    rollout: {}\n";
    let the_plan = plan(vec![ds_plan("kube-system", "agent", vec![runs("w1")])]);
    for pod_spec in [spec.clone(), host_network] {
        let snap = snapshot(
            vec![linux("w1")],
            vec![daemon_set_with(
                "kube-system",
                "agent",
                pod_spec,
                rolling(json!(0), json!(1)),
            )],
        );
        let report = check(&snap, &the_plan, None, &policy(rule));
        assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
        assert!(
            report.findings[0]
                .message
                .starts_with("maxSurge 1 with host port(s) 9100/TCP"),
            "{}",
            report.findings[0].message
        );
        assert_eq!(
            report.findings[0].fix,
            "set maxSurge: 0 and maxUnavailable: 1 (host ports cannot surge)"
        );
        assert_eq!(
            report.notes.len(),
            1,
            "stuck nodes need a simulation: {:?}",
            report.notes
        );
    }
    let no_surge = snapshot(
        vec![linux("w1")],
        vec![daemon_set_with(
            "kube-system",
            "agent",
            spec,
            rolling(json!(1), json!(0)),
        )],
    );
    assert!(check(&no_surge, &the_plan, None, &policy(rule))
        .findings
        .is_empty());
}

#[test]
fn rollout_simulation_limits_waves_minutes_and_stuck_nodes() {
    let snap = snapshot(
        vec![linux("w1"), linux("w2")],
        vec![daemon_set("kube-system", "agent", agent_spec())],
    );
    let the_plan = plan(vec![ds_plan(
        "kube-system",
        "agent",
        vec![runs("w1"), runs("w2")],
    )]);
    let rule = policy("  - id: fast\n    severity: error\n    rollout: {maxUnavailable: 1, maxWaves: 3, maxMinutes: 5}\n");
    let slow = RolloutInput {
        daemon_sets: vec![RolloutFacts {
            namespace: "kube-system".into(),
            name: "agent".into(),
            waves: 4,
            peak_unavailable: 2,
            completed_at_seconds: None,
            stuck: vec![StuckNode {
                node: "w2".into(),
                reason: "the new pod never becomes Ready".into(),
            }],
        }],
    };
    let report = check(&snap, &the_plan, Some(&slow), &rule);
    let messages: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "the simulated rollout has 2 nodes without an available pod at once; the policy allows 1 (1)",
            "the rollout takes 4 waves; the policy allows 3",
            "the rollout never completes; the policy allows 5 minutes",
            "the rollout gets stuck on 1 node (w2): the new pod never becomes Ready",
        ]
    );
    assert!(report.notes.is_empty());
    let quick = RolloutInput {
        daemon_sets: vec![RolloutFacts {
            namespace: "kube-system".into(),
            name: "agent".into(),
            waves: 2,
            peak_unavailable: 1,
            completed_at_seconds: Some(240),
            stuck: vec![],
        }],
    };
    assert!(check(&snap, &the_plan, Some(&quick), &rule)
        .findings
        .is_empty());
}

#[test]
fn requests_rule_names_containers_without_requests() {
    let rule = policy("  - id: req\n    severity: warning\n    requests: {}\n");
    let bare = json!({"initContainers": [{"name": "init", "image": "x"}], "containers": [
        container("ok", "10m", "10Mi"),
        {"name": "limited", "image": "x", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}},
        {"name": "half", "image": "x", "resources": {"requests": {"cpu": "1"}}},
    ]});
    let snap = snapshot(
        vec![linux("w1")],
        vec![daemon_set("kube-system", "agent", bare)],
    );
    let the_plan = plan(vec![ds_plan("kube-system", "agent", vec![runs("w1")])]);
    let report = check(&snap, &the_plan, None, &rule);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(
        report.findings[0].message,
        "containers without resource requests: init (cpu, memory); half (memory)"
    );
    assert_eq!(
        report.findings[0].fix,
        "set resources.requests cpu and memory on init, half"
    );
    assert_eq!(report.findings[0].severity, Severity::Warning);
    let snap = snapshot(
        vec![linux("w1")],
        vec![daemon_set("kube-system", "agent", agent_spec())],
    );
    assert!(check(&snap, &the_plan, None, &rule).findings.is_empty());
}

#[test]
fn priority_class_rule_with_allowed_list_and_applies_to() {
    let rule = policy("  - id: prio\n    severity: error\n    appliesTo: {names: [\"kube-system/*\"]}\n    priorityClass: {allowed: [system-node-critical]}\n");
    let snap = snapshot(
        vec![linux("w1")],
        vec![
            daemon_set(
                "kube-system",
                "none",
                json!({"containers": [container("a", "1m", "1Mi")]}),
            ),
            daemon_set(
                "kube-system",
                "other",
                json!({"priorityClassName": "high", "containers": [container("a", "1m", "1Mi")]}),
            ),
            daemon_set("kube-system", "good", agent_spec()),
            daemon_set(
                "apps",
                "outside",
                json!({"containers": [container("a", "1m", "1Mi")]}),
            ),
        ],
    );
    let the_plan = plan(
        ["none", "other", "good"]
            .iter()
            .map(|n| ds_plan("kube-system", n, vec![runs("w1")]))
            .chain([ds_plan("apps", "outside", vec![runs("w1")])])
            .collect(),
    );
    let report = check(&snap, &the_plan, None, &rule);
    let failed: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.daemon_set.as_ref().unwrap().name.as_str())
        .collect();
    assert_eq!(failed, ["none", "other"]);
    assert_eq!(
        report.findings[0].fix,
        "set spec.template.spec.priorityClassName: system-node-critical"
    );
    assert_eq!(report.evaluations.len(), 3, "apps/outside is not selected");
}

#[test]
fn tolerations_rule_flags_wildcards_and_lists_the_needed_taints() {
    let rule = policy("  - id: tol\n    severity: warning\n    exceptions: [\"kube-system/kube-proxy\"]\n    tolerations: {}\n");
    let wildcard = json!({"tolerations": [{"operator": "Exists"}], "containers": [container("a", "1m", "1Mi")]});
    let snap = snapshot(
        vec![linux("w1"), gpu("g1")],
        vec![
            daemon_set("kube-system", "agent", wildcard.clone()),
            daemon_set("kube-system", "kube-proxy", wildcard),
            daemon_set(
                "kube-system",
                "narrow",
                json!({"tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists"}], "containers": [container("a", "1m", "1Mi")]}),
            ),
        ],
    );
    let the_plan = plan(
        ["agent", "kube-proxy", "narrow"]
            .iter()
            .map(|n| ds_plan("kube-system", n, vec![runs("w1"), runs("g1")]))
            .collect(),
    );
    let report = check(&snap, &the_plan, None, &rule);
    assert_eq!(rule_ids(&report), ["tol"]);
    let finding = &report.findings[0];
    assert_eq!(finding.daemon_set.as_ref().unwrap().name, "agent");
    assert_eq!(finding.message, "tolerations[0] (operator: Exists, no key) tolerates every taint, including ones added later");
    assert_eq!(
        finding.fix,
        "replace tolerations[0] with nvidia.com/gpu:NoSchedule (the taints on 1 node it targets)"
    );
}

#[test]
fn selector_overlap_finds_other_workloads_pods_and_daemon_sets() {
    let rule = policy("  - id: overlap\n    severity: error\n    selectorOverlap: {}\n");
    let mut snap = snapshot(
        vec![linux("w1")],
        vec![
            daemon_set("kube-system", "agent", agent_spec()),
            daemon_set("kube-system", "other", agent_spec()),
        ],
    );
    snap.pods.push(pod(json!({
        "metadata": {"namespace": "kube-system", "name": "web-1", "labels": {"app": "agent"},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web", "uid": "u", "controller": true}]},
        "spec": {"containers": [{"name": "c", "image": "x"}]},
    })));
    let the_plan = plan(vec![
        ds_plan("kube-system", "agent", vec![runs("w1")]),
        ds_plan("kube-system", "other", vec![runs("w1")]),
    ]);
    let report = check(&snap, &the_plan, None, &rule);
    assert_eq!(report.findings.len(), 1, "{:?}", report.findings);
    assert_eq!(
        report.findings[0].daemon_set.as_ref().unwrap().name,
        "agent"
    );
    assert_eq!(
        report.findings[0].message,
        "spec.selector also matches pod web-1 (controlled by ReplicaSet web)"
    );
}

#[test]
fn api_version_rule_reads_the_snapshot_notes() {
    let rule = policy("  - id: api\n    severity: error\n    apiVersion: {}\n");
    let mut snap = snapshot(
        vec![linux("w1")],
        vec![
            daemon_set("kube-system", "npd", agent_spec()),
            daemon_set("kube-system", "new", agent_spec()),
        ],
    );
    snap.notes.push(
        "ds.yaml: DaemonSet kube-system/npd is extensions/v1beta1, read as apps/v1".to_owned(),
    );
    let the_plan = plan(vec![
        ds_plan("kube-system", "npd", vec![runs("w1")]),
        ds_plan("kube-system", "new", vec![runs("w1")]),
    ]);
    let report = check(&snap, &the_plan, None, &rule);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].daemon_set.as_ref().unwrap().name, "npd");
    assert!(report.findings[0]
        .message
        .starts_with("written as extensions/v1beta1 DaemonSet"));
}

#[test]
fn proposed_daemon_set_is_checked_instead_of_the_snapshot_one() {
    let rule = policy("  - id: prio\n    severity: error\n    priorityClass: {}\n");
    let mut snap = snapshot(
        vec![linux("w1")],
        vec![daemon_set("kube-system", "agent", agent_spec())],
    );
    let mut proposed = daemon_set(
        "kube-system",
        "agent",
        json!({"containers": [container("a", "1m", "1Mi")]}),
    );
    proposed.source.file = "proposed.yaml".into();
    snap.proposed_daemon_sets.push(proposed);
    let report = check(
        &snap,
        &plan(vec![ds_plan("kube-system", "agent", vec![runs("w1")])]),
        None,
        &rule,
    );
    assert_eq!(report.findings.len(), 1);
    assert_eq!(
        report.findings[0].location.as_ref().unwrap().file,
        "proposed.yaml"
    );
}

#[test]
fn default_policy_flags_a_pending_pod_and_a_missing_request() {
    let policy = dsplan_policy::default_policy().unwrap();
    let snap = snapshot(
        vec![linux("w1"), linux("w2")],
        vec![daemon_set(
            "kube-system",
            "agent",
            json!({"priorityClassName": "system-node-critical", "containers": [{"name": "a", "image": "x"}]}),
        )],
    );
    let report = check(
        &snap,
        &plan(vec![ds_plan(
            "kube-system",
            "agent",
            vec![runs("w1"), no_cpu("w2")],
        )]),
        None,
        &policy,
    );
    assert_eq!(rule_ids(&report), ["fits-targeted-nodes", "requests-set"]);
    assert_eq!(report.errors(), 1);
    assert_eq!(report.warnings(), 1);
    assert_eq!(report.exit_code(false), 1);
}
