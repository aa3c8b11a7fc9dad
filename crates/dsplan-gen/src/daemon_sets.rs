//! DaemonSet objects: the cluster's current ones as the API server stores them (with status
//! counts that agree with the generated pods), and twenty proposed manifests as users write them,
//! chosen to exercise every placement rule: selectors, required and preferred affinity with
//! every operator, tolerations, host ports, large requests and update strategies.

use crate::pools::{self, Health};
use crate::seed::{self, Stream};
use crate::template::{host, no_tolerations, tcp, tolerate_everything, udp, Container, Template};
use crate::workloads::{IdentityTable, DAEMON_SETS};
use serde_json::{json, Value};

/// The current DaemonSets of a cluster of `nodes` nodes, with the status the controller would
/// report for the generated pods.
pub(crate) fn current(seed: u64, nodes: usize, ids: &IdentityTable) -> Vec<Value> {
    let slots: Vec<(&'static pools::Pool, Health)> = (0..nodes)
        .map(|i| {
            let slot = pools::slot(seed, nodes, i);
            (slot.pool, slot.health)
        })
        .collect();
    DAEMON_SETS
        .iter()
        .zip(&ids.daemon_sets)
        .enumerate()
        .map(|(i, (workload, id))| {
            let mut rng = seed::rng(seed, Stream::Workload, 2000 + i as u64);
            let t = &workload.template;
            let desired = slots.iter().filter(|(p, _)| (workload.runs_on)(p)).count();
            let ready = slots
                .iter()
                .filter(|(p, h)| (workload.runs_on)(p) && *h != Health::Unreachable)
                .count();
            let labels = json!({"app.kubernetes.io/name": t.name});
            json!({
                "apiVersion": "apps/v1",
                "kind": "DaemonSet",
                "metadata": {
                    "annotations": {"deprecated.daemonset.template.generation": id.generation.to_string()},
                    "creationTimestamp": seed::timestamp(&mut rng),
                    "generation": id.generation,
                    "labels": labels,
                    "name": t.name,
                    "namespace": t.namespace,
                    "resourceVersion": rng.u32(100_000_000..999_999_999).to_string(),
                    "uid": id.uid,
                },
                "spec": {
                    "revisionHistoryLimit": 10,
                    "selector": {"matchLabels": labels},
                    "template": {
                        "metadata": {"creationTimestamp": null, "labels": labels},
                        "spec": t.stored_spec(None, (t.tolerations)()),
                    },
                    "updateStrategy": {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}, "type": "RollingUpdate"},
                },
                "status": {
                    "currentNumberScheduled": desired,
                    "desiredNumberScheduled": desired,
                    "numberAvailable": ready,
                    "numberMisscheduled": 0,
                    "numberReady": ready,
                    "numberUnavailable": desired - ready,
                    "observedGeneration": id.generation,
                    "updatedNumberScheduled": desired,
                },
            })
        })
        .collect()
}

/// How a proposed DaemonSet is rolled out (`spec.updateStrategy`; `None` leaves the default).
type Strategy = Option<fn() -> Value>;

/// The first `count` of the twenty proposed DaemonSets (at most twenty).
pub(crate) fn proposed(count: usize) -> Vec<Value> {
    PROPOSED
        .iter()
        .take(count)
        .map(|(t, strategy)| {
            let labels = json!({"app.kubernetes.io/name": t.name});
            let mut spec = json!({
                "selector": {"matchLabels": labels},
                "template": {"metadata": {"labels": labels}, "spec": t.manifest_spec()},
            });
            if let Some(strategy) = strategy {
                spec["updateStrategy"] = strategy();
            }
            json!({
                "apiVersion": "apps/v1",
                "kind": "DaemonSet",
                "metadata": {"labels": labels, "name": t.name, "namespace": t.namespace},
                "spec": spec,
            })
        })
        .collect()
}

/// How many proposed DaemonSets there are.
pub const PROPOSED_COUNT: usize = 20;

const fn ds(
    namespace: &'static str,
    name: &'static str,
    containers: &'static [Container],
    tolerations: fn() -> Value,
) -> Template {
    Template {
        namespace,
        name,
        containers,
        host_network: false,
        priority_class: None,
        node_selector: &[],
        affinity: None,
        tolerations,
    }
}

const fn c(
    name: &'static str,
    image: &'static str,
    cpu_milli: u32,
    memory_mi: u32,
    ports: &'static [crate::template::Port],
) -> Container {
    Container {
        name,
        image,
        cpu_milli,
        memory_mi,
        gpus: 0,
        ports,
    }
}

const LINUX: &[(&str, &str)] = &[("kubernetes.io/os", "linux")];

fn surge() -> Value {
    json!({"rollingUpdate": {"maxSurge": "10%", "maxUnavailable": 0}, "type": "RollingUpdate"})
}
fn fifth_unavailable() -> Value {
    json!({"rollingUpdate": {"maxUnavailable": "20%"}, "type": "RollingUpdate"})
}
fn on_delete() -> Value {
    json!({"type": "OnDelete"})
}

fn tolerate_gpu() -> Value {
    json!([{"effect": "NoSchedule", "key": "nvidia.com/gpu", "operator": "Exists"}])
}
fn tolerate_spot() -> Value {
    json!([{"effect": "NoSchedule", "key": "karpenter.sh/capacity-type", "operator": "Equal", "value": "spot"}])
}
fn tolerate_any_effect() -> Value {
    json!([{"effect": "NoSchedule", "operator": "Exists"}, {"effect": "NoExecute", "operator": "Exists"}])
}

fn required(expressions: Value) -> Value {
    json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchExpressions": expressions}],
    }}})
}
fn gpu_count_positive() -> Value {
    required(json!([{"key": "nvidia.com/gpu.count", "operator": "Gt", "values": ["0"]}]))
}
fn known_arch() -> Value {
    required(json!([{"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"]}]))
}
fn not_control_plane() -> Value {
    required(json!([{"key": "node-role.kubernetes.io/control-plane", "operator": "DoesNotExist"}]))
}
fn spot_only() -> Value {
    required(json!([{"key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot"]}]))
}
fn amd64_two_zones_prefer_memory() -> Value {
    let mut affinity = required(json!([
        {"key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]},
        {"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["us-west-2a", "us-west-2b"]},
        {"key": "karpenter.sh/nodepool", "operator": "NotIn", "values": ["gpu-a10g"]},
    ]));
    affinity["nodeAffinity"]["preferredDuringSchedulingIgnoredDuringExecution"] = json!([{
        "preference": {"matchExpressions": [{"key": "karpenter.sh/nodepool", "operator": "In", "values": ["memory"]}]},
        "weight": 50,
    }]);
    affinity
}

/// The twenty proposed DaemonSets: six new versions of the cluster's agents, then new ones.
static PROPOSED: [(Template, Strategy); PROPOSED_COUNT] = [
    (Template { host_network: true, priority_class: Some("system-node-critical"), node_selector: LINUX, ..ds("kube-system", "kube-proxy", &[c("kube-proxy", "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.36.3-minimal-eksbuild.1", 100, 64, &[])], tolerate_everything) }, Some(fifth_unavailable)),
    (Template { host_network: true, priority_class: Some("system-node-critical"), node_selector: LINUX, ..ds("kube-system", "cilium", &[c("cilium-agent", "quay.io/cilium/cilium:v1.18.5", 150, 192, &[host("health", 4240, "TCP"), host("prometheus", 9962, "TCP")])], tolerate_everything) }, None),
    (Template { host_network: true, priority_class: Some("system-node-critical"), node_selector: LINUX, ..ds("monitoring", "prometheus-node-exporter", &[c("node-exporter", "quay.io/prometheus/node-exporter:v1.10.3", 50, 64, &[host("metrics", 9100, "TCP")])], tolerate_everything) }, Some(surge)),
    (Template { priority_class: Some("system-node-critical"), node_selector: LINUX, ..ds("logging", "fluent-bit", &[c("fluent-bit", "cr.fluentbit.io/fluent/fluent-bit:4.2.0", 200, 256, &[host("http", 2020, "TCP")])], tolerate_everything) }, None),
    (Template { priority_class: Some("system-node-critical"), node_selector: LINUX, ..ds("kube-system", "ebs-csi-node", &[c("ebs-plugin", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.52.0", 10, 40, &[tcp("healthz", 9808)]), c("node-driver-registrar", "public.ecr.aws/csi-components/csi-node-driver-registrar:v2.15.0", 10, 16, &[])], tolerate_everything) }, Some(fifth_unavailable)),
    (Template { priority_class: Some("system-node-critical"), node_selector: &[("kubernetes.io/os", "linux"), ("nvidia.com/gpu.present", "true")], ..ds("kube-system", "nvidia-device-plugin", &[c("nvidia-device-plugin-ctr", "nvcr.io/nvidia/k8s-device-plugin:v0.18.1", 50, 64, &[])], tolerate_gpu) }, None),
    (Template { affinity: Some(gpu_count_positive), ..ds("monitoring", "dcgm-exporter", &[c("exporter", "nvcr.io/nvidia/k8s/dcgm-exporter:4.4.1-4.6.0-ubuntu22.04", 100, 512, &[host("metrics", 9400, "TCP")])], tolerate_gpu) }, None),
    (Template { node_selector: LINUX, ..ds("datadog", "datadog-agent", &[c("agent", "gcr.io/datadoghq/agent:7.72.1", 200, 256, &[host("dogstatsdport", 8125, "UDP"), host("traceport", 8126, "TCP")]), c("process-agent", "gcr.io/datadoghq/agent:7.72.1", 50, 128, &[])], tolerate_everything) }, Some(surge)),
    (Template { affinity: Some(known_arch), ..ds("falco", "falco", &[c("falco", "docker.io/falcosecurity/falco:0.42.1", 100, 512, &[tcp("web", 8765)])], tolerate_everything) }, None),
    (Template { node_selector: LINUX, ..ds("kube-system", "node-problem-detector", &[c("node-problem-detector", "registry.k8s.io/node-problem-detector/node-problem-detector:v1.34.0", 20, 64, &[tcp("exporter", 20257)])], no_tolerations) }, None),
    (Template { host_network: true, priority_class: Some("system-node-critical"), ..ds("kube-system", "node-local-dns", &[c("node-cache", "registry.k8s.io/dns/k8s-dns-node-cache:1.26.4", 25, 5, &[udp("dns", 53), tcp("dns-tcp", 53), tcp("metrics", 9253)])], tolerate_everything) }, None),
    (Template { host_network: true, priority_class: Some("system-node-critical"), node_selector: LINUX, ..ds("istio-system", "istio-cni-node", &[c("install-cni", "docker.io/istio/install-cni:1.28.0", 100, 100, &[tcp("metrics", 15014)])], tolerate_any_effect) }, Some(fifth_unavailable)),
    (Template { node_selector: LINUX, ..ds("kube-system", "secrets-store-csi-driver", &[c("secrets-store", "registry.k8s.io/csi-secrets-store/driver:v1.5.4", 50, 100, &[tcp("healthz", 9808)])], no_tolerations) }, None),
    (Template { affinity: Some(not_control_plane), ..ds("kube-system", "kured", &[c("kured", "ghcr.io/kubereboot/kured:1.20.0", 10, 32, &[tcp("metrics", 8080)])], tolerate_spot) }, Some(on_delete)),
    (Template { host_network: true, affinity: Some(spot_only), ..ds("kube-system", "aws-node-termination-handler", &[c("handler", "public.ecr.aws/aws-ec2/aws-node-termination-handler:v1.25.2", 50, 64, &[host("metrics", 9092, "TCP")])], tolerate_spot) }, None),
    (Template { affinity: Some(amd64_two_zones_prefer_memory), ..ds("security", "legacy-scanner", &[c("scanner", "ghcr.io/acme/legacy-scanner:2.3.9", 300, 1024, &[])], no_tolerations) }, Some(surge)),
    (Template { node_selector: LINUX, ..ds("monitoring", "continuous-profiler", &[c("profiler", "ghcr.io/acme/profiler-agent:0.9.4", 1500, 2048, &[tcp("http", 4040)])], tolerate_everything) }, None),
    (Template { host_network: true, node_selector: LINUX, ..ds("monitoring", "node-exporter-v2", &[c("node-exporter", "quay.io/prometheus/node-exporter:v1.10.3", 50, 64, &[host("metrics", 9100, "TCP")])], tolerate_everything) }, None),
    (Template { node_selector: &[("kubernetes.io/os", "windows")], ..ds("monitoring", "windows-exporter", &[c("exporter", "ghcr.io/prometheus-community/windows-exporter:0.31.3", 100, 128, &[host("http", 9182, "TCP")])], tolerate_everything) }, None),
    (Template { node_selector: &[("karpenter.sh/nodepool", "memory")], ..ds("data", "local-volume-provisioner", &[c("provisioner", "registry.k8s.io/sig-storage/local-volume-provisioner:v2.8.0", 100, 128, &[tcp("metrics", 8080)])], no_tolerations) }, Some(on_delete)),
];
