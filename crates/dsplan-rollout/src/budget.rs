//! How many nodes may be unavailable or surge in one sync: `updatedDesiredNodeCounts` and
//! `util.{UnavailableCount,SurgeCount,AllowsSurge}` (`pkg/controller/daemon/update.go`,
//! `pkg/controller/daemon/util/daemonset_util.go`).

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::model::{SimNode, Strategy, World};

/// The limits of one rollingUpdate pass (R-U1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Nodes where `shouldRun` holds.
    pub desired: i32,
    /// Resolved `maxUnavailable` (after the both-zero coercion).
    pub max_unavailable: i32,
    /// Resolved `maxSurge`.
    pub max_surge: i32,
    /// Both limits resolved to 0 with desired > 0, so maxUnavailable was raised to 1.
    pub coerced: bool,
}

/// Nodes where `shouldRun` holds (R-N3).
pub fn desired_number_scheduled(nodes: &[SimNode]) -> i32 {
    let count = nodes.iter().filter(|node| node.should_run).count();
    i32::try_from(count).unwrap_or(i32::MAX)
}

/// `updatedDesiredNodeCounts` (R-U1) for `world`.
pub fn budget(world: &World) -> Result<Budget, String> {
    budget_of(&world.ds.strategy, &world.nodes)
}

/// `updatedDesiredNodeCounts` (R-U1) for `strategy` on the node list `nodes`. The error text is
/// the controller's (`couldn't get unavailable numbers: ...` is added by the caller).
pub fn budget_of(strategy: &Strategy, nodes: &[SimNode]) -> Result<Budget, String> {
    let desired = desired_number_scheduled(nodes);
    let max_unavailable = unavailable_count(strategy, desired)
        .map_err(|error| format!("invalid value for MaxUnavailable: {error}"))?;
    let max_surge = surge_count(strategy, desired)
        .map_err(|error| format!("invalid value for MaxSurge: {error}"))?;
    let coerced = desired > 0 && max_unavailable == 0 && max_surge == 0;
    Ok(Budget {
        desired,
        max_unavailable: if coerced { 1 } else { max_unavailable },
        max_surge,
        coerced,
    })
}

/// `util.AllowsSurge` (R-M5): `SurgeCount(ds, 1) > 0` without error.
pub fn allows_surge(strategy: &Strategy) -> bool {
    matches!(surge_count(strategy, 1), Ok(surge) if surge > 0)
}

/// `util.UnavailableCount`: 0 unless RollingUpdate with a rollingUpdate block; a nil
/// maxUnavailable inside the block is an error.
fn unavailable_count(strategy: &Strategy, desired: i32) -> Result<i32, String> {
    match strategy {
        Strategy::RollingUpdate(Some(params)) => scaled(params.max_unavailable.as_ref(), desired),
        _ => Ok(0),
    }
}

/// `util.SurgeCount`: 0 unless RollingUpdate with a non-nil maxSurge.
fn surge_count(strategy: &Strategy, desired: i32) -> Result<i32, String> {
    match strategy {
        Strategy::RollingUpdate(Some(params)) if params.max_surge.is_some() => {
            scaled(params.max_surge.as_ref(), desired)
        }
        _ => Ok(0),
    }
}

/// `intstr.GetScaledValueFromIntOrPercent(value, total, roundUp=true)` (R-I1..R-I3), through
/// dsplan-validation's implementation.
fn scaled(value: Option<&IntOrString>, total: i32) -> Result<i32, String> {
    let value = value.ok_or_else(|| "nil value for IntOrString".to_owned())?;
    dsplan_validation::scaled_value_from_int_or_percent(value, total, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Revision, RollingParams, SimDaemonSet};

    fn world(nodes: usize, params: RollingParams) -> World {
        World {
            ds: SimDaemonSet {
                namespace: "default".into(),
                name: "ds".into(),
                strategy: Strategy::RollingUpdate(Some(params)),
                min_ready_seconds: 0,
                revision: Revision {
                    hash: "h".into(),
                    generation: None,
                },
                generation: 1,
            },
            nodes: (0..nodes)
                .map(|i| SimNode::eligible(format!("node-{i}")))
                .collect(),
            pods: Vec::new(),
        }
    }

    #[test]
    fn both_zero_becomes_one_unavailable_only_with_desired_nodes() {
        let zeros = RollingParams {
            max_unavailable: Some(IntOrString::Int(0)),
            max_surge: Some(IntOrString::Int(0)),
        };
        let budget_of = |nodes| budget(&world(nodes, zeros.clone())).expect("valid");
        assert_eq!(budget_of(0).max_unavailable, 0);
        assert!(!budget_of(0).coerced);
        assert_eq!(budget_of(3).max_unavailable, 1);
        assert!(budget_of(3).coerced);
    }

    #[test]
    fn percentages_round_up_against_desired() {
        let params = RollingParams {
            max_unavailable: Some(IntOrString::String("10%".into())),
            max_surge: None,
        };
        assert_eq!(budget(&world(5, params)).expect("valid").max_unavailable, 1);
    }

    #[test]
    fn nil_max_unavailable_is_the_controllers_error() {
        let error = budget(&world(2, RollingParams::default())).expect_err("nil");
        assert_eq!(
            error,
            "invalid value for MaxUnavailable: nil value for IntOrString"
        );
    }

    #[test]
    fn surge_needs_a_positive_max_surge() {
        let surge = |value: IntOrString| {
            allows_surge(&Strategy::RollingUpdate(Some(RollingParams {
                max_unavailable: Some(IntOrString::Int(0)),
                max_surge: Some(value),
            })))
        };
        assert!(surge(IntOrString::String("1%".into())));
        assert!(!surge(IntOrString::Int(0)));
        assert!(!allows_surge(&Strategy::OnDelete));
    }
}
