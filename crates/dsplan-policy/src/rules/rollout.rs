//! `rollout`: how the update of a DaemonSet rolls out. The declared budget and the surge
//! host-port deadlock are read from the DaemonSet itself; waves, duration, peak unavailability
//! and stuck nodes come from a rollout simulation ([`crate::RolloutInput`]) when one is given.

use dsplan_core::daemon_pod::new_pod;
use dsplan_validation::{default_daemon_set, scaled_value_from_int_or_percent};

use crate::context::Target;
use crate::rollout_input::RolloutFacts;
use crate::rule::RolloutLimits;
use crate::rules::{list, nodes_word, Issue};

/// The strategy after API defaulting, with budgets resolved against `desired` nodes
/// (`updatedDesiredNodeCounts`, R-U1: both round up; both zero become maxUnavailable 1).
struct Budget {
    rolling: bool,
    max_unavailable: i32,
    max_surge: i32,
}

fn budget(target: &Target<'_>, desired: u32) -> Option<Budget> {
    let mut ds = target.object?.value.clone();
    default_daemon_set(&mut ds);
    let strategy = ds.spec.as_ref()?.update_strategy.as_ref()?;
    let rolling = strategy.type_.as_deref() == Some("RollingUpdate");
    let params = strategy.rolling_update.as_ref();
    let total = i32::try_from(desired).ok()?;
    let resolve = |v: Option<
        &dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString,
    >| { v.map_or(Ok(0), |v| scaled_value_from_int_or_percent(v, total, true)) };
    let mut max_unavailable = resolve(params.and_then(|p| p.max_unavailable.as_ref())).ok()?;
    let max_surge = resolve(params.and_then(|p| p.max_surge.as_ref())).ok()?;
    if total > 0 && max_unavailable == 0 && max_surge == 0 {
        max_unavailable = 1;
    }
    Some(Budget {
        rolling,
        max_unavailable,
        max_surge,
    })
}

/// Host ports the pod the controller creates wants (`dsplan-core`: `GetHostPorts` on the
/// defaulted pod, so `hostNetwork` container ports count), as `port/protocol`.
fn host_ports(target: &Target<'_>) -> Vec<String> {
    let Some(ds) = target.object else {
        return Vec::new();
    };
    let pod = new_pod(&ds.value, "");
    let mut ports: Vec<String> = pod
        .spec
        .as_ref()
        .map(dsplan_core::host_ports::host_ports)
        .unwrap_or_default()
        .into_iter()
        .map(|p| format!("{}/{}", p.port, p.protocol))
        .collect();
    ports.dedup();
    ports
}

/// Every limit of `limits` that the DaemonSet breaks.
pub(crate) fn rollout(
    target: &Target<'_>,
    limits: &RolloutLimits,
    facts: Option<&RolloutFacts>,
) -> Vec<Issue> {
    let desired = target.plan.summary.desired_number_scheduled;
    let mut issues = Vec::new();
    let budget = budget(target, desired);
    if let (Some(limit), Some(b)) = (limits.max_unavailable, budget.as_ref()) {
        let allowed = limit.resolve(desired);
        // With surge, maxUnavailable is ignored (R-U3): only the no-surge path takes pods down.
        if b.rolling && b.max_surge == 0 && u32::try_from(b.max_unavailable).unwrap_or(0) > allowed
        {
            issues.push(Issue {
                nodes: Vec::new(),
                message: format!(
                    "maxUnavailable resolves to {} of {desired} nodes; the policy allows {limit} ({allowed})",
                    b.max_unavailable
                ),
                fix: format!(
                    "set spec.updateStrategy.rollingUpdate.maxUnavailable to {allowed} or less (or surge with maxSurge and maxUnavailable: 0)"
                ),
            });
        }
        if let Some(f) = facts.filter(|f| f.peak_unavailable > allowed) {
            issues.push(Issue {
                nodes: Vec::new(),
                message: format!(
                    "the simulated rollout has {} nodes without an available pod at once; the policy allows {limit} ({allowed})",
                    f.peak_unavailable
                ),
                fix: format!("lower maxUnavailable to {allowed} or less"),
            });
        }
    }
    if limits.forbid_surge_host_port_deadlock {
        let ports = host_ports(target);
        if let Some(b) = budget.as_ref().filter(|b| b.rolling && b.max_surge > 0) {
            if !ports.is_empty() {
                let shown = ports;
                issues.push(Issue {
                    nodes: Vec::new(),
                    message: format!(
                        "maxSurge {} with host port(s) {}: the surge pod cannot schedule beside the old pod (NodePorts: \"node(s) didn't have free ports for the requested pod ports\"), and the old pod is deleted only once the new one is available, so the rollout deadlocks",
                        b.max_surge,
                        shown.join(", ")
                    ),
                    fix: "set maxSurge: 0 and maxUnavailable: 1 (host ports cannot surge)".to_owned(),
                });
            }
        }
    }
    if let Some(f) = facts {
        if let Some(max) = limits.max_waves.filter(|max| f.waves > *max) {
            issues.push(Issue {
                nodes: Vec::new(),
                message: format!(
                    "the rollout takes {} waves; the policy allows {max}",
                    f.waves
                ),
                fix: "raise maxUnavailable (or maxSurge) so more nodes update per wave".to_owned(),
            });
        }
        if let Some(max) = limits.max_minutes {
            let over = f
                .completed_at_seconds
                .is_none_or(|s| s > i64::from(max) * 60);
            if over {
                let took = f.completed_at_seconds.map_or_else(
                    || "never completes".to_owned(),
                    |s| format!("completes after {}m{:02}s", s / 60, s % 60),
                );
                issues.push(Issue {
                    nodes: Vec::new(),
                    message: format!("the rollout {took}; the policy allows {max} minutes"),
                    fix: "raise maxUnavailable (or maxSurge), or lower minReadySeconds".to_owned(),
                });
            }
        }
        if limits.forbid_stuck_nodes && !f.stuck.is_empty() {
            let mut reasons: Vec<(String, Vec<String>)> = Vec::new();
            for s in &f.stuck {
                match reasons.iter_mut().find(|(r, _)| *r == s.reason) {
                    Some((_, nodes)) => nodes.push(s.node.clone()),
                    None => reasons.push((s.reason.clone(), vec![s.node.clone()])),
                }
            }
            for (reason, nodes) in reasons {
                issues.push(Issue {
                    message: format!(
                        "the rollout gets stuck on {} ({}): {reason}",
                        nodes_word(nodes.len()),
                        list(&nodes)
                    ),
                    fix: format!(
                        "make the new pod able to become available on {}",
                        nodes_word(nodes.len())
                    ),
                    nodes,
                });
            }
        }
    }
    issues
}
