//! `requests`, `priorityClass` and `tolerations`: properties of the pod template a platform
//! team wants on every node agent.

use dsplan_model::k8s_openapi::api::core::v1::Container;

use crate::context::{Context, Target};
use crate::rules::{list, nodes_word, Issue};

/// Every container and init container requests each of `resources` (a limit counts: the API
/// server copies it into the request, `SetDefaults_Pod`; so do pod-level requests).
pub(crate) fn requests(target: &Target<'_>, resources: &[String]) -> Vec<Issue> {
    let Some(spec) = target.pod_spec() else {
        return Vec::new();
    };
    let pod_level = spec.resources.as_ref();
    let has = |c: &Container, r: &str| {
        let in_map =
            |m: Option<&std::collections::BTreeMap<_, _>>| m.is_some_and(|m| m.contains_key(r));
        c.resources
            .as_ref()
            .is_some_and(|res| in_map(res.requests.as_ref()) || in_map(res.limits.as_ref()))
            || pod_level.is_some_and(|p| in_map(p.requests.as_ref()) || in_map(p.limits.as_ref()))
    };
    let missing: Vec<(&str, Vec<&str>)> = spec
        .init_containers
        .iter()
        .flatten()
        .chain(spec.containers.iter())
        .filter_map(|c| {
            let absent: Vec<&str> = resources
                .iter()
                .map(String::as_str)
                .filter(|r| !has(c, r))
                .collect();
            (!absent.is_empty()).then_some((c.name.as_str(), absent))
        })
        .collect();
    if missing.is_empty() {
        return Vec::new();
    }
    let described: Vec<String> = missing
        .iter()
        .map(|(name, absent)| format!("{name} ({})", absent.join(", ")))
        .collect();
    let names: Vec<String> = missing.iter().map(|(name, _)| (*name).to_owned()).collect();
    let absent: Vec<&str> = resources
        .iter()
        .map(String::as_str)
        .filter(|r| missing.iter().any(|(_, a)| a.contains(r)))
        .collect();
    vec![Issue {
        nodes: Vec::new(),
        message: format!(
            "containers without resource requests: {}",
            described.join("; ")
        ),
        fix: format!(
            "set resources.requests {} on {}",
            absent.join(" and "),
            list(&names)
        ),
    }]
}

/// The template sets `priorityClassName` (one of `allowed` when given).
pub(crate) fn priority_class(target: &Target<'_>, allowed: &[String]) -> Vec<Issue> {
    let Some(spec) = target.pod_spec() else {
        return Vec::new();
    };
    let suggestion = allowed
        .first()
        .map_or("system-node-critical", String::as_str);
    match spec.priority_class_name.as_deref().filter(|n| !n.is_empty()) {
        None => vec![Issue {
            nodes: Vec::new(),
            message: "no priorityClassName: under pressure the agent is evicted like any pod and cannot preempt others to come back".to_owned(),
            fix: format!("set spec.template.spec.priorityClassName: {suggestion}"),
        }],
        Some(name) if !allowed.is_empty() && !allowed.iter().any(|a| a == name) => vec![Issue {
            nodes: Vec::new(),
            message: format!("priorityClassName {name} is not one of {}", allowed.join(", ")),
            fix: format!("set spec.template.spec.priorityClassName: {suggestion}"),
        }],
        Some(_) => Vec::new(),
    }
}

/// Taints every DaemonSet pod tolerates without asking (`AddOrUpdateDaemonPodTolerations`,
/// `pkg/controller/daemon/util/daemonset_util.go`); the network-unavailable one only with
/// `hostNetwork`.
const DEFAULT_TOLERATED: [(&str, &str); 6] = [
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
];

/// No toleration with an empty key and `operator: Exists` (it tolerates every taint).
pub(crate) fn tolerations(ctx: &Context<'_>, target: &Target<'_>) -> Vec<Issue> {
    let Some(spec) = target.pod_spec() else {
        return Vec::new();
    };
    let host_network = spec.host_network == Some(true);
    let mut needed: Vec<String> = Vec::new();
    let mut on_nodes: Vec<String> = Vec::new();
    for node_plan in target.plan.nodes.iter().filter(|n| n.should_run) {
        let taints = ctx
            .node(&node_plan.node)
            .and_then(|n| n.spec.as_ref())
            .and_then(|s| s.taints.as_ref());
        for taint in taints.into_iter().flatten() {
            let by_default = DEFAULT_TOLERATED
                .iter()
                .any(|(k, e)| taint.key == *k && taint.effect == *e)
                || (host_network
                    && taint.key == "node.kubernetes.io/network-unavailable"
                    && taint.effect == "NoSchedule");
            if by_default || taint.effect == "PreferNoSchedule" {
                continue;
            }
            let text = format!("{}:{}", taint.key, taint.effect);
            if !needed.contains(&text) {
                needed.push(text);
            }
            if !on_nodes.contains(&node_plan.node) {
                on_nodes.push(node_plan.node.clone());
            }
        }
    }
    spec.tolerations
        .iter()
        .flatten()
        .enumerate()
        .filter(|(_, t)| t.key.as_deref().unwrap_or_default().is_empty() && t.operator.as_deref() == Some("Exists"))
        .map(|(i, t)| {
            let effect = t.effect.as_deref().filter(|e| !e.is_empty());
            let fix = if needed.is_empty() {
                format!("remove tolerations[{i}]: no node the DaemonSet targets has a taint it needs")
            } else {
                format!(
                    "replace tolerations[{i}] with {} (the taints on {} it targets)",
                    needed.join(", "),
                    nodes_word(on_nodes.len())
                )
            };
            Issue {
                nodes: Vec::new(),
                message: format!(
                    "tolerations[{i}] (operator: Exists, no key{}) tolerates every {}taint, including ones added later",
                    effect.map_or_else(String::new, |e| format!(", effect {e}")),
                    effect.map_or_else(String::new, |e| format!("{e} "))
                ),
                fix,
            }
        })
        .collect()
}
