//! The DaemonSet controller's per-node decision, `NodeShouldRunDaemonPod`
//! (`pkg/controller/daemon/daemon_controller.go`, with `predicates` and `NewPod`): template
//! `nodeName`, then `nodeSelector` and required node affinity, then NoSchedule/NoExecute taints
//! against the template's tolerations plus the default DaemonSet tolerations. Resources, host
//! ports, `spec.unschedulable` and node conditions are not looked at.

use crate::node_affinity::RequiredNodeAffinity;
use crate::report::{ControllerDecision, Detail};
use crate::scheduler;
use crate::tolerations::{
    find_untolerated, no_schedule_or_no_execute, with_daemon_tolerations, NO_EXECUTE,
};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, PodSpec, Toleration};
use dsplan_model::FeatureGates;

/// `NodeShouldRunDaemonPod`'s answer for one node, with the rule that decided and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShouldRun {
    /// A daemon pod should be created on the node.
    pub should_run: bool,
    /// An existing daemon pod may stay.
    pub should_continue_running: bool,
    /// The rule that decided.
    pub decision: ControllerDecision,
    /// The facts: the template's node name, the mismatching selector entries or terms, the
    /// untolerated taint.
    pub details: Vec<Detail>,
}

/// The scheduler-equivalent reason of a controller decision (the controller itself emits
/// none); `None` for [`ControllerDecision::Run`].
pub fn decision_reason(decision: ControllerDecision) -> Option<&'static str> {
    match decision {
        ControllerDecision::Run => None,
        ControllerDecision::NodeNameMismatch => Some(scheduler::NODE_NAME_REASON),
        ControllerDecision::NodeAffinityMismatch => Some(scheduler::NODE_AFFINITY_REASON),
        ControllerDecision::UntoleratedNoExecuteTaint
        | ControllerDecision::UntoleratedNoScheduleTaint => Some(scheduler::TAINT_REASON),
    }
}

/// `NodeShouldRunDaemonPod(node, ds)`.
pub fn node_should_run(node: &Node, ds: &DaemonSet, gates: &FeatureGates) -> ShouldRun {
    Placement::new(ds).should_run(node, gates)
}

/// The parts of a DaemonSet's template the decision reads, prepared once for many nodes.
#[derive(Debug, Clone)]
pub struct Placement<'d> {
    node_name: &'d str,
    affinity: RequiredNodeAffinity<'d>,
    tolerations: Vec<Toleration>,
}

/// The DaemonSet's pod template spec.
pub fn template_spec(ds: &DaemonSet) -> Option<&PodSpec> {
    ds.spec.as_ref()?.template.spec.as_ref()
}

impl<'d> Placement<'d> {
    /// Prepares `ds`'s template: affinity parsed, default tolerations merged (`NewPod`).
    pub fn new(ds: &'d DaemonSet) -> Self {
        let spec = template_spec(ds);
        Self {
            node_name: spec
                .and_then(|s| s.node_name.as_deref())
                .unwrap_or_default(),
            affinity: spec.map_or_else(
                || RequiredNodeAffinity::new(None, None),
                RequiredNodeAffinity::of,
            ),
            tolerations: with_daemon_tolerations(
                spec.and_then(|s| s.tolerations.as_deref())
                    .unwrap_or_default(),
                spec.and_then(|s| s.host_network) == Some(true),
            ),
        }
    }

    /// The decision for `node`.
    pub fn should_run(&self, node: &Node, gates: &FeatureGates) -> ShouldRun {
        let verdict = |should_run, should_continue_running, decision, details| ShouldRun {
            should_run,
            should_continue_running,
            decision,
            details,
        };
        let name = node.metadata.name.as_deref().unwrap_or_default();
        if !self.node_name.is_empty() && self.node_name != name {
            let details = vec![Detail::NodeNameMismatch {
                wanted: self.node_name.to_owned(),
            }];
            return verdict(false, false, ControllerDecision::NodeNameMismatch, details);
        }
        if !self.affinity.matches(node) {
            let details = self.affinity.explain(node);
            return verdict(
                false,
                false,
                ControllerDecision::NodeAffinityMismatch,
                details,
            );
        }
        let taints = node
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_deref())
            .unwrap_or_default();
        let comparison = gates.taint_toleration_comparison_operators;
        let untolerated = |filter: fn(&_) -> bool| {
            find_untolerated(taints, &self.tolerations, comparison, filter)
        };
        if let Some(taint) = untolerated(|t| t.effect == NO_EXECUTE) {
            let details = vec![scheduler::taint_detail(taint)];
            return verdict(
                false,
                false,
                ControllerDecision::UntoleratedNoExecuteTaint,
                details,
            );
        }
        if let Some(taint) = untolerated(no_schedule_or_no_execute) {
            let details = vec![scheduler::taint_detail(taint)];
            return verdict(
                false,
                true,
                ControllerDecision::UntoleratedNoScheduleTaint,
                details,
            );
        }
        verdict(true, true, ControllerDecision::Run, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::apps::v1::DaemonSetSpec;
    use dsplan_model::k8s_openapi::api::core::v1::{NodeSpec, PodTemplateSpec, Taint};
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn ds(spec: PodSpec) -> DaemonSet {
        DaemonSet {
            spec: Some(DaemonSetSpec {
                template: PodTemplateSpec {
                    spec: Some(spec),
                    ..Default::default()
                },
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn node(taints: &[(&str, &str)]) -> Node {
        Node {
            metadata: ObjectMeta {
                name: Some("n".into()),
                ..Default::default()
            },
            spec: Some(NodeSpec {
                taints: Some(
                    taints
                        .iter()
                        .map(|(key, effect)| Taint {
                            key: (*key).into(),
                            effect: (*effect).into(),
                            ..Default::default()
                        })
                        .collect(),
                ),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn decide(spec: PodSpec, node: &Node) -> (bool, bool, ControllerDecision) {
        let r = node_should_run(node, &ds(spec), &FeatureGates::default());
        (r.should_run, r.should_continue_running, r.decision)
    }

    #[test]
    fn taints_no_schedule_keeps_no_execute_evicts() {
        use ControllerDecision::*;
        assert_eq!(decide(PodSpec::default(), &node(&[])), (true, true, Run));
        assert_eq!(
            decide(PodSpec::default(), &node(&[("a", "NoSchedule")])),
            (false, true, UntoleratedNoScheduleTaint)
        );
        assert_eq!(
            decide(
                PodSpec::default(),
                &node(&[("a", "NoSchedule"), ("b", "NoExecute")])
            ),
            (false, false, UntoleratedNoExecuteTaint)
        );
        assert_eq!(
            decide(PodSpec::default(), &node(&[("a", "PreferNoSchedule")])),
            (true, true, Run)
        );
        let defaults = node(&[
            ("node.kubernetes.io/not-ready", "NoExecute"),
            ("node.kubernetes.io/unschedulable", "NoSchedule"),
        ]);
        assert_eq!(decide(PodSpec::default(), &defaults), (true, true, Run));
        let network = node(&[("node.kubernetes.io/network-unavailable", "NoSchedule")]);
        assert_eq!(
            decide(PodSpec::default(), &network).2,
            UntoleratedNoScheduleTaint
        );
        let host_network = PodSpec {
            host_network: Some(true),
            ..Default::default()
        };
        assert_eq!(decide(host_network, &network).2, Run);
    }

    #[test]
    fn node_name_is_checked_before_taints() {
        let spec = PodSpec {
            node_name: Some("other".into()),
            ..Default::default()
        };
        let r = node_should_run(
            &node(&[("b", "NoExecute")]),
            &ds(spec),
            &FeatureGates::default(),
        );
        assert_eq!(r.decision, ControllerDecision::NodeNameMismatch);
        assert_eq!(
            r.details,
            vec![Detail::NodeNameMismatch {
                wanted: "other".into()
            }]
        );
        assert_eq!(
            decision_reason(r.decision),
            Some("node(s) didn't match the requested node name")
        );
    }
}
