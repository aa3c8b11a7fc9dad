//! The default kube-scheduler's Filter plugins for one pod on one node, in upstream order
//! (`pkg/scheduler/apis/config/v1/default_plugins.go`): NodeUnschedulable, NodeName,
//! TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit. As `RunFilterPlugins` does, the
//! first failing plugin decides and only its reasons are reported.
//!
//! The volume, topology-spread and inter-pod-affinity plugins are not modelled: they only
//! apply when the pod uses those features.

mod node_affinity;
mod node_name;
mod node_ports;
mod node_unschedulable;
mod resources_fit;
mod taint_toleration;

pub use node_affinity::REASON as NODE_AFFINITY_REASON;
pub use node_name::REASON as NODE_NAME_REASON;
pub use node_ports::REASON as NODE_PORTS_REASON;
pub use node_unschedulable::REASON as NODE_UNSCHEDULABLE_REASON;
pub use resources_fit::TOO_MANY_PODS;
pub use taint_toleration::{taint_detail, REASON as TAINT_REASON};

use crate::cluster::{ClusterIndex, NodeUsage};
use crate::host_ports::{host_ports, HostPort};
use crate::node_affinity::RequiredNodeAffinity;
use crate::report::Detail;
use crate::resources::{allocatable, pod_requests, Problems, RequestOptions, Resources};
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod, Toleration};
use dsplan_model::FeatureGates;

/// The outcome of the Filter plugins for a pod on a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterResult {
    /// The first failing plugin (`None`: the pod fits).
    pub plugin: Option<&'static str>,
    /// That plugin's reasons, upstream's exact strings, in emission order.
    pub reasons: Vec<String>,
    /// The status is `UnschedulableAndUnresolvable` (preemption cannot help).
    pub unresolvable: bool,
    /// The facts behind the reasons.
    pub details: Vec<Detail>,
}

impl FilterResult {
    /// The pod passes every filter.
    pub fn schedulable(&self) -> bool {
        self.plugin.is_none()
    }

    fn pass() -> Self {
        Self {
            plugin: None,
            reasons: Vec::new(),
            unresolvable: false,
            details: Vec::new(),
        }
    }
}

/// A failing plugin's status.
#[derive(Debug)]
struct Failure {
    reasons: Vec<String>,
    unresolvable: bool,
    details: Vec<Detail>,
}

impl Failure {
    fn unresolvable(reason: &str, details: Vec<Detail>) -> Self {
        Self {
            reasons: vec![reason.to_owned()],
            unresolvable: true,
            details,
        }
    }
}

/// What the filters read of the incoming pod, computed once (requests parsed, ports
/// extracted).
#[derive(Debug, Clone)]
pub struct PodFacts<'p> {
    tolerations: &'p [Toleration],
    node_name: &'p str,
    ports: Vec<HostPort>,
    requests: Resources,
}

impl<'p> PodFacts<'p> {
    /// Reads `pod`; quantities that do not parse are added to `problems` and left out.
    pub fn new(pod: &'p Pod, gates: &FeatureGates, problems: &mut Problems) -> Self {
        let spec = pod.spec.as_ref();
        Self {
            tolerations: spec
                .and_then(|s| s.tolerations.as_deref())
                .unwrap_or_default(),
            node_name: spec
                .and_then(|s| s.node_name.as_deref())
                .unwrap_or_default(),
            ports: spec.map(host_ports).unwrap_or_default(),
            requests: pod_requests(pod, RequestOptions::incoming(gates), problems),
        }
    }
}

/// Runs the filters for `pod` on `node`, against what `index` says the node carries.
pub fn filter(
    pod: &Pod,
    node: &Node,
    index: &ClusterIndex<'_>,
    gates: &FeatureGates,
) -> FilterResult {
    filter_with_assumed(pod, node, index, gates, &[])
}

/// [`filter`] with `assumed` pods added to the node first, as the scheduler cache holds assumed
/// pods (for a surge: the old daemon pod next to the new one when the old is not in the
/// snapshot).
pub fn filter_with_assumed(
    pod: &Pod,
    node: &Node,
    index: &ClusterIndex<'_>,
    gates: &FeatureGates,
    assumed: &[&Pod],
) -> FilterResult {
    let mut problems = Problems::default();
    let facts = PodFacts::new(pod, gates, &mut problems);
    let affinity = pod.spec.as_ref().map_or_else(
        || RequiredNodeAffinity::new(None, None),
        RequiredNodeAffinity::of,
    );
    let name = node.metadata.name.as_deref().unwrap_or_default();
    let base = index.usage(name);
    if assumed.is_empty() {
        return run(&facts, &affinity, node, base, gates);
    }
    let mut usage = base.clone();
    for extra in assumed {
        usage.add_pod(extra, gates, &mut problems);
    }
    run(&facts, &affinity, node, &usage, gates)
}

/// The filters in upstream order; the first failure decides.
pub fn run(
    facts: &PodFacts<'_>,
    affinity: &RequiredNodeAffinity<'_>,
    node: &Node,
    usage: &NodeUsage,
    gates: &FeatureGates,
) -> FilterResult {
    // Allocatable quantity problems are reported by the planner when it reads the nodes.
    let allocatable = allocatable(node, &mut Problems::default());
    run_on(facts, affinity, node, &allocatable, usage, gates)
}

/// [`run`] with `node`'s allocatable already read (`resources::allocatable`), for callers that
/// filter many pods on the same nodes.
pub fn run_on(
    facts: &PodFacts<'_>,
    affinity: &RequiredNodeAffinity<'_>,
    node: &Node,
    allocatable: &Resources,
    usage: &NodeUsage,
    gates: &FeatureGates,
) -> FilterResult {
    let plugins: [(&'static str, &dyn Fn() -> Option<Failure>); 6] = [
        ("NodeUnschedulable", &|| {
            node_unschedulable::filter(facts, node, gates)
        }),
        ("NodeName", &|| node_name::filter(facts, node)),
        ("TaintToleration", &|| {
            taint_toleration::filter(facts, node, gates)
        }),
        ("NodeAffinity", &|| node_affinity::filter(affinity, node)),
        ("NodePorts", &|| node_ports::filter(facts, usage)),
        ("NodeResourcesFit", &|| {
            resources_fit::filter(facts, allocatable, usage)
        }),
    ];
    for (plugin, run_plugin) in plugins {
        if let Some(failure) = run_plugin() {
            return FilterResult {
                plugin: Some(plugin),
                reasons: failure.reasons,
                unresolvable: failure.unresolvable,
                details: failure.details,
            };
        }
    }
    FilterResult::pass()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::{Obj, Snapshot, Source};
    use serde_json::json;

    fn node(taints: serde_json::Value, allocatable: serde_json::Value) -> Node {
        serde_json::from_value(json!({
            "metadata": {"name": "n"},
            "spec": {"taints": taints},
            "status": {"allocatable": allocatable}
        }))
        .expect("valid node")
    }

    fn pod(name: &str, node: &str, cpu: &str, host_port: i32) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": name, "namespace": "kube-system"},
            "spec": {"nodeName": node, "containers": [{"name": "c",
                "ports": [{"containerPort": 1, "hostPort": host_port}],
                "resources": {"requests": {"cpu": cpu, "example.com/b": "1", "example.com/a": "1"}}}]},
            "status": {"phase": "Running"}
        }))
        .expect("valid pod")
    }

    fn snapshot(pods: Vec<Pod>) -> Snapshot {
        Snapshot {
            pods: pods
                .into_iter()
                .map(|p| Obj::new(p, Source::default()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_first_failing_plugin_decides() {
        let snap = snapshot(vec![pod("old", "n", "1", 80)]);
        let index = ClusterIndex::new(&snap);
        let tainted = node(
            json!([{"key": "k", "effect": "NoSchedule"}]),
            json!({"pods": "1"}),
        );
        let result = filter(
            &pod("new", "", "1", 80),
            &tainted,
            &index,
            &FeatureGates::default(),
        );
        assert_eq!(result.plugin, Some("TaintToleration"));
        assert_eq!(result.reasons, [TAINT_REASON]);
        assert!(result.unresolvable);
        let plain = node(json!([]), json!({"pods": "1"}));
        let result = filter(
            &pod("new", "", "1", 80),
            &plain,
            &index,
            &FeatureGates::default(),
        );
        assert_eq!(result.plugin, Some("NodePorts"));
        assert!(!result.unresolvable, "preemption may free a port");
        assert_eq!(
            result.details,
            [Detail::HostPortConflict {
                protocol: "TCP".into(),
                host_ip: "0.0.0.0".into(),
                port: 80,
                used_by: "kube-system/old".into()
            }]
        );
    }

    #[test]
    fn resources_report_every_shortage_scalars_by_name() {
        let snap = snapshot(vec![pod("old", "n", "1", 0)]);
        let index = ClusterIndex::new(&snap);
        let small = node(
            json!([]),
            json!({"pods": "1", "cpu": "2", "example.com/a": "1", "example.com/b": "1"}),
        );
        let result = filter(
            &pod("new", "", "1500m", 0),
            &small,
            &index,
            &FeatureGates::default(),
        );
        assert_eq!(result.plugin, Some("NodeResourcesFit"));
        assert_eq!(
            result.reasons,
            [
                "Too many pods",
                "Insufficient cpu",
                "Insufficient example.com/a",
                "Insufficient example.com/b"
            ]
        );
        assert!(!result.unresolvable, "each request fits an empty node");
        assert_eq!(
            result.details[1],
            Detail::InsufficientResource {
                resource: "cpu".into(),
                requested: 1500,
                used: 1000,
                allocatable: 2000
            }
        );
        let too_big = filter(
            &pod("new", "", "3", 0),
            &small,
            &index,
            &FeatureGates::default(),
        );
        assert!(too_big.unresolvable);
    }

    #[test]
    fn assumed_pods_take_room() {
        let snap = Snapshot::default();
        let index = ClusterIndex::new(&snap);
        let roomy = node(
            json!([]),
            json!({"pods": "10", "cpu": "4", "example.com/a": "2", "example.com/b": "2"}),
        );
        let new = pod("new", "", "1", 80);
        assert!(filter(&new, &roomy, &index, &FeatureGates::default()).schedulable());
        let old = pod("old", "n", "1", 80);
        let result = filter_with_assumed(&new, &roomy, &index, &FeatureGates::default(), &[&old]);
        assert_eq!(result.plugin, Some("NodePorts"));
    }
}
