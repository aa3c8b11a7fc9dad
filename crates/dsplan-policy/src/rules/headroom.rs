//! The headroom half of `fit`: on every node the DaemonSet targets and fits, at least N% of each
//! resource's allocatable stays free after its pod.
//!
//! Requests and allocatable are `dsplan-core`'s (`resources::pod_requests`, the scheduler's
//! `NodeResourcesFit` arithmetic) on the pod the controller would create
//! (`daemon_pod::new_pod`, Pod defaulting included). Pods on the node are those bound to it and
//! not `Succeeded`/`Failed`; this DaemonSet's own pods are left out, since its new pod replaces
//! them.

use dsplan_core::daemon_pod::new_pod;
use dsplan_core::resources::{allocatable, pod_requests, Problems, RequestOptions, Resources};
use dsplan_core::NodePlan;
use dsplan_model::FeatureGates;

use crate::context::{Context, Target};
use crate::rules::{list, nodes_word, Issue};

/// Nodes (targeted and schedulable) where less than `percent`% of a resource stays free.
pub(crate) fn headroom(
    ctx: &Context<'_>,
    target: &Target<'_>,
    percent: u8,
    resources: &[String],
    gates: &FeatureGates,
) -> Vec<Issue> {
    let Some(ds) = target.object else {
        return Vec::new();
    };
    // Problems (unparsable quantities) are the planner's to report; here they count as absent.
    let mut problems = Problems::default();
    let mut short: Vec<(String, String, i64, i64)> = Vec::new();
    for node_plan in target
        .plan
        .nodes
        .iter()
        .filter(|n| n.should_run && n.schedulable != Some(false))
    {
        let Some(node) = ctx.node(&node_plan.node) else {
            continue;
        };
        let pod = new_pod(&ds.value, &node_plan.node);
        let wanted = pod_requests(&pod, RequestOptions::incoming(gates), &mut problems);
        let alloc = allocatable(node, &mut problems);
        let used = used_on(ctx, target, node_plan, gates, &mut problems);
        for resource in resources {
            let Some(alloc) = amount(&alloc, resource).filter(|a| *a > 0) else {
                continue;
            };
            let need = amount(&wanted, resource).unwrap_or(0);
            let busy = amount(&used, resource).unwrap_or(0);
            let free = alloc.saturating_sub(busy).saturating_sub(need);
            if i128::from(free) * 100 < i128::from(alloc) * i128::from(percent) {
                short.push((node_plan.node.clone(), resource.clone(), free, alloc));
            }
        }
    }
    resources
        .iter()
        .filter_map(|resource| {
            let rows: Vec<_> = short.iter().filter(|r| &r.1 == resource).collect();
            let worst = rows
                .iter()
                .min_by_key(|r| i128::from(r.2) * 1000 / i128::from(r.3.max(1)))?;
            let names: Vec<String> = rows.iter().map(|r| r.0.clone()).collect();
            Some(Issue {
                message: format!(
                    "{resource} headroom below {percent}% after the pod on {} ({}); tightest {}: {} free of {} allocatable",
                    nodes_word(names.len()),
                    list(&names),
                    worst.0,
                    show(resource, worst.2),
                    show(resource, worst.3)
                ),
                fix: format!(
                    "lower the {resource} request or free {resource} on {}",
                    nodes_word(names.len())
                ),
                nodes: names,
            })
        })
        .collect()
}

/// The amount of `resource` in the scheduler's units, by resource name.
fn amount(resources: &Resources, resource: &str) -> Option<i64> {
    match resource {
        "cpu" => Some(resources.milli_cpu),
        "memory" => Some(resources.memory),
        "ephemeral-storage" => Some(resources.ephemeral_storage),
        "pods" => Some(resources.pods),
        other => resources.scalars.get(other).copied(),
    }
}

/// What pods already on the node request (the scheduler's `Requested`: each pod converted on
/// its own, then summed), leaving out this DaemonSet's own pods there: the plan lists them as
/// the controller claims them (by controllerRef uid, `ClaimObject`), and they are replaced.
fn used_on(
    ctx: &Context<'_>,
    target: &Target<'_>,
    node_plan: &NodePlan,
    gates: &FeatureGates,
    problems: &mut Problems,
) -> Resources {
    let own = |namespace: &str, name: Option<&String>| {
        namespace == target.reference.namespace && name.is_some_and(|n| node_plan.pods.contains(n))
    };
    let mut used = Resources::default();
    for &pod in ctx.pods_on(&node_plan.node) {
        let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
        let namespace = pod.metadata.namespace.as_deref().unwrap_or("default");
        if matches!(phase, Some("Succeeded" | "Failed"))
            || own(namespace, pod.metadata.name.as_ref())
        {
            continue;
        }
        used.add(&pod_requests(
            pod,
            RequestOptions::existing(gates),
            problems,
        ));
    }
    for &pod in ctx.foreign_pods_on(&node_plan.node) {
        if pod.terminal || own(&pod.namespace, Some(&pod.name)) {
            continue;
        }
        problems.0.extend(pod.notes.iter().cloned());
        used.add(&pod.requests);
    }
    used
}

fn show(resource: &str, amount: i64) -> String {
    if resource == "cpu" {
        format!("{amount}m")
    } else {
        amount.to_string()
    }
}
