//! The workloads already running in the generated cluster: Deployments (seen through their
//! ReplicaSets' pods) and the node-agent DaemonSets, each with the pools it runs on and the
//! identity (UID, revision hash) its pods' owner references and labels carry.

use crate::pools::Pool;
use crate::seed::{self, Stream};
use crate::template::{
    host, no_tolerations, tcp, tolerate_everything, udp, Container, Port, Template,
};
use serde_json::{json, Value};

/// A workload and the node pools its pods run on.
#[derive(Debug)]
pub(crate) struct Workload {
    pub template: Template,
    pub runs_on: fn(&Pool) -> bool,
}

/// The per-cluster identity of a workload's controller.
#[derive(Debug)]
pub(crate) struct Identity {
    /// The ReplicaSet's or DaemonSet's UID.
    pub uid: String,
    /// `pod-template-hash` (ReplicaSets) or `controller-revision-hash` (DaemonSets).
    pub hash: String,
    /// The DaemonSet's `metadata.generation`; its pods' `pod-template-generation`.
    pub generation: u64,
}

/// The identity of workload `index` under `seed` (DaemonSets and Deployments use disjoint
/// indexes, see [`IdentityTable`]).
fn identity(seed: u64, index: usize) -> Identity {
    let mut rng = seed::rng(seed, Stream::Workload, index as u64);
    Identity {
        uid: seed::uid(&mut rng),
        hash: seed::suffix(&mut rng, 10),
        generation: rng.u64(1..12),
    }
}

/// The identities of every workload of a cluster, computed once.
#[derive(Debug)]
pub(crate) struct IdentityTable {
    pub deployments: Vec<Identity>,
    pub daemon_sets: Vec<Identity>,
}

impl IdentityTable {
    pub fn new(seed: u64) -> Self {
        Self {
            deployments: (0..DEPLOYMENTS.len()).map(|i| identity(seed, i)).collect(),
            daemon_sets: (0..DAEMON_SETS.len())
                .map(|i| identity(seed, 1000 + i))
                .collect(),
        }
    }
}

fn untainted(pool: &Pool) -> bool {
    pool.taint.is_none()
}
fn general(pool: &Pool) -> bool {
    pool.name == "general"
}
fn memory(pool: &Pool) -> bool {
    pool.name == "memory"
}
fn spot(pool: &Pool) -> bool {
    pool.capacity_type == "spot"
}
fn gpu(pool: &Pool) -> bool {
    pool.gpus > 0
}
fn control_plane(pool: &Pool) -> bool {
    pool.control_plane
}
fn untainted_or_control_plane(pool: &Pool) -> bool {
    untainted(pool) || pool.control_plane
}
fn everywhere(_: &Pool) -> bool {
    true
}

fn tolerate_spot() -> Value {
    json!([{"effect": "NoSchedule", "key": "karpenter.sh/capacity-type", "operator": "Equal", "value": "spot"}])
}
fn tolerate_gpu() -> Value {
    json!([{"effect": "NoSchedule", "key": "nvidia.com/gpu", "operator": "Exists"}])
}
fn tolerate_control_plane() -> Value {
    json!([{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}])
}

const fn app(
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

const fn one(
    name: &'static str,
    image: &'static str,
    cpu_milli: u32,
    memory_mi: u32,
    ports: &'static [Port],
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

/// The cluster's Deployments. Index 0 is the ingress controller, which binds host ports and so
/// runs at most once per node.
pub(crate) static DEPLOYMENTS: [Workload; 16] = [
    Workload {
        template: app(
            "ingress-nginx",
            "ingress-nginx-controller",
            &[one(
                "controller",
                "registry.k8s.io/ingress-nginx/controller:v1.14.0",
                100,
                90,
                &[
                    host("http", 80, "TCP"),
                    host("https", 443, "TCP"),
                    tcp("webhook", 8443),
                ],
            )],
            no_tolerations,
        ),
        runs_on: general,
    },
    Workload {
        template: app(
            "shop",
            "web-frontend",
            &[one(
                "web",
                "ghcr.io/acme/web-frontend:3.42.1",
                200,
                256,
                &[tcp("http", 8080)],
            )],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "shop",
            "cart",
            &[
                one(
                    "cart",
                    "ghcr.io/acme/cart:2.8.0",
                    150,
                    384,
                    &[tcp("grpc", 9090)],
                ),
                one(
                    "envoy",
                    "envoyproxy/envoy:v1.36.2",
                    50,
                    64,
                    &[tcp("envoy-admin", 9901)],
                ),
            ],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "shop",
            "catalog",
            &[one(
                "catalog",
                "ghcr.io/acme/catalog:5.1.3",
                250,
                512,
                &[tcp("http", 8080)],
            )],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "shop",
            "checkout",
            &[one(
                "checkout",
                "ghcr.io/acme/checkout:1.19.7",
                200,
                512,
                &[tcp("http", 8080)],
            )],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "payments",
            "payments-api",
            &[one(
                "api",
                "ghcr.io/acme/payments-api:7.3.0",
                300,
                768,
                &[tcp("https", 8443)],
            )],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "search",
            "search-api",
            &[one(
                "api",
                "ghcr.io/acme/search-api:4.0.2",
                250,
                1024,
                &[tcp("http", 8080)],
            )],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "data",
            "redis-cache",
            &[one(
                "redis",
                "redis:8.2.2-alpine",
                500,
                4096,
                &[tcp("redis", 6379)],
            )],
            no_tolerations,
        ),
        runs_on: memory,
    },
    Workload {
        template: app(
            "data",
            "kafka-consumer",
            &[one(
                "consumer",
                "ghcr.io/acme/kafka-consumer:0.31.0",
                200,
                512,
                &[],
            )],
            no_tolerations,
        ),
        runs_on: untainted,
    },
    Workload {
        template: app(
            "batch",
            "batch-worker",
            &[one(
                "worker",
                "ghcr.io/acme/batch-worker:12.4.0",
                500,
                1024,
                &[],
            )],
            tolerate_spot,
        ),
        runs_on: spot,
    },
    Workload {
        template: app(
            "batch",
            "spark-executor",
            &[one(
                "executor",
                "apache/spark:4.0.1",
                600,
                1200,
                &[tcp("blockmanager", 7079)],
            )],
            tolerate_spot,
        ),
        runs_on: spot,
    },
    Workload {
        template: app(
            "ml",
            "inference-server",
            &[Container {
                name: "triton",
                image: "nvcr.io/nvidia/tritonserver:25.10-py3",
                cpu_milli: 2000,
                memory_mi: 8192,
                gpus: 1,
                ports: &[tcp("http", 8000), tcp("grpc", 8001)],
            }],
            tolerate_gpu,
        ),
        runs_on: gpu,
    },
    Workload {
        template: app(
            "ml",
            "feature-transformer",
            &[one(
                "transformer",
                "ghcr.io/acme/feature-transformer:1.7.0",
                150,
                512,
                &[],
            )],
            tolerate_gpu,
        ),
        runs_on: gpu,
    },
    Workload {
        template: Template {
            priority_class: Some("system-cluster-critical"),
            ..app(
                "kube-system",
                "coredns",
                &[one(
                    "coredns",
                    "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.12.4-eksbuild.1",
                    100,
                    70,
                    &[udp("dns", 53), tcp("dns-tcp", 53), tcp("metrics", 9153)],
                )],
                tolerate_control_plane,
            )
        },
        runs_on: untainted_or_control_plane,
    },
    Workload {
        template: Template {
            priority_class: Some("system-cluster-critical"),
            ..app(
                "kube-system",
                "metrics-server",
                &[one(
                    "metrics-server",
                    "registry.k8s.io/metrics-server/metrics-server:v0.8.0",
                    100,
                    200,
                    &[tcp("https", 10250)],
                )],
                tolerate_control_plane,
            )
        },
        runs_on: control_plane,
    },
    Workload {
        template: app(
            "monitoring",
            "kube-state-metrics",
            &[one(
                "kube-state-metrics",
                "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.17.0",
                10,
                190,
                &[tcp("http-metrics", 8080)],
            )],
            tolerate_control_plane,
        ),
        runs_on: control_plane,
    },
];

/// A node agent: host networking, tolerates every taint, node-critical priority.
const fn agent(
    namespace: &'static str,
    name: &'static str,
    containers: &'static [Container],
) -> Template {
    Template {
        namespace,
        name,
        containers,
        host_network: true,
        priority_class: Some("system-node-critical"),
        node_selector: &[("kubernetes.io/os", "linux")],
        affinity: None,
        tolerations: tolerate_everything,
    }
}

/// The DaemonSets the cluster already runs; every node they run on has their pod.
pub(crate) static DAEMON_SETS: [Workload; 6] = [
    Workload {
        template: agent("kube-system", "kube-proxy", &[one("kube-proxy", "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.36.2-minimal-eksbuild.1", 100, 64, &[])]),
        runs_on: everywhere,
    },
    Workload {
        template: agent("kube-system", "cilium", &[one("cilium-agent", "quay.io/cilium/cilium:v1.18.4", 100, 128, &[host("health", 4240, "TCP"), host("prometheus", 9962, "TCP")])]),
        runs_on: everywhere,
    },
    Workload {
        template: agent("monitoring", "prometheus-node-exporter", &[one("node-exporter", "quay.io/prometheus/node-exporter:v1.10.2", 50, 64, &[host("metrics", 9100, "TCP")])]),
        runs_on: everywhere,
    },
    Workload {
        template: Template { host_network: false, ..agent("logging", "fluent-bit", &[one("fluent-bit", "cr.fluentbit.io/fluent/fluent-bit:4.1.1", 100, 128, &[host("http", 2020, "TCP")])]) },
        runs_on: everywhere,
    },
    Workload {
        template: Template { host_network: false, ..agent("kube-system", "ebs-csi-node", &[one("ebs-plugin", "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.51.1", 10, 40, &[tcp("healthz", 9808)]), one("node-driver-registrar", "public.ecr.aws/csi-components/csi-node-driver-registrar:v2.15.0", 10, 16, &[])]) },
        runs_on: everywhere,
    },
    Workload {
        template: Template { node_selector: &[("nvidia.com/gpu.present", "true")], tolerations: tolerate_gpu, host_network: false, ..agent("kube-system", "nvidia-device-plugin", &[one("nvidia-device-plugin-ctr", "nvcr.io/nvidia/k8s-device-plugin:v0.18.0", 50, 64, &[])]) },
        runs_on: gpu,
    },
];
