//! Node objects as `kubectl get nodes -o json` prints them for an EKS-style cluster with
//! Karpenter node pools: labels, taints, conditions, capacity, addresses, images, nodeInfo.

use crate::pools::{Health, NodeSlot};
use crate::seed::{self, Stream};
use serde_json::{json, Map, Value};

/// The node object of `slot`.
pub(crate) fn node(seed: u64, slot: &NodeSlot) -> Value {
    // A separate stream from the slot's own draws, offset so the two never coincide.
    let mut rng = seed::rng(seed, Stream::Node, (1 << 40) | slot.index as u64);
    let pool = slot.pool;
    let created = seed::timestamp(&mut rng);
    let mut labels = Map::new();
    for (key, value) in [
        ("beta.kubernetes.io/arch", pool.arch),
        ("beta.kubernetes.io/instance-type", pool.instance_type),
        ("beta.kubernetes.io/os", "linux"),
        ("failure-domain.beta.kubernetes.io/region", "us-west-2"),
        ("failure-domain.beta.kubernetes.io/zone", slot.zone),
        ("karpenter.sh/capacity-type", pool.capacity_type),
        ("karpenter.sh/initialized", "true"),
        ("karpenter.sh/nodepool", pool.name),
        ("karpenter.sh/registered", "true"),
        ("kubernetes.io/arch", pool.arch),
        ("kubernetes.io/hostname", &slot.name),
        ("kubernetes.io/os", "linux"),
        ("node.kubernetes.io/instance-type", pool.instance_type),
        ("topology.kubernetes.io/region", "us-west-2"),
        ("topology.kubernetes.io/zone", slot.zone),
    ] {
        labels.insert(key.to_owned(), Value::from(value));
    }
    if pool.control_plane {
        labels.insert("node-role.kubernetes.io/control-plane".into(), "".into());
        labels.insert(
            "node.kubernetes.io/exclude-from-external-load-balancers".into(),
            "".into(),
        );
    }
    if pool.gpus > 0 {
        labels.insert("nvidia.com/gpu.count".into(), pool.gpus.to_string().into());
        labels.insert("nvidia.com/gpu.present".into(), "true".into());
        labels.insert("nvidia.com/gpu.product".into(), "NVIDIA-A10G".into());
    }

    let mut taints: Vec<Value> = pool
        .taint
        .iter()
        .map(|t| {
            let mut taint = json!({"effect": t.effect, "key": t.key});
            if let Some(value) = t.value {
                taint["value"] = value.into();
            }
            taint
        })
        .collect();
    let mut spec = json!({
        "providerID": format!("aws:///{}/i-0{}", slot.zone, seed::hex(&mut rng, 16)),
    });
    match slot.health {
        Health::Ready => {}
        Health::Unreachable => {
            for effect in ["NoSchedule", "NoExecute"] {
                taints.push(json!({
                    "effect": effect,
                    "key": "node.kubernetes.io/unreachable",
                    "timeAdded": "2026-11-24T14:52:31Z",
                }));
            }
        }
        Health::Cordoned => {
            spec["unschedulable"] = true.into();
            taints.push(json!({
                "effect": "NoSchedule",
                "key": "node.kubernetes.io/unschedulable",
                "timeAdded": "2026-11-24T09:12:08Z",
            }));
        }
    }
    if !taints.is_empty() {
        spec["taints"] = taints.into();
    }

    let cpu_alloc = slot.allocatable_cpu_milli();
    let mut capacity = json!({
        "cpu": pool.cpu.to_string(),
        "ephemeral-storage": "104845292Ki",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        "memory": format!("{}Ki", pool.memory_ki),
        "pods": "110",
    });
    let mut allocatable = json!({
        "cpu": format!("{cpu_alloc}m"),
        "ephemeral-storage": "95551679124",
        "hugepages-1Gi": "0",
        "hugepages-2Mi": "0",
        "memory": format!("{}Ki", slot.allocatable_memory_ki()),
        "pods": "110",
    });
    if pool.gpus > 0 {
        capacity["nvidia.com/gpu"] = pool.gpus.to_string().into();
        allocatable["nvidia.com/gpu"] = pool.gpus.to_string().into();
    }

    let address = slot.address();
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "annotations": {
                "alpha.kubernetes.io/provided-node-ip": address,
                "karpenter.k8s.aws/ec2nodeclass-hash": seed::suffix(&mut rng, 10),
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true",
            },
            "creationTimestamp": created,
            "labels": labels,
            "name": slot.name,
            "resourceVersion": rng.u32(100_000_000..999_999_999).to_string(),
            "uid": slot.uid,
        },
        "spec": spec,
        "status": {
            "addresses": [
                {"address": address, "type": "InternalIP"},
                {"address": slot.name, "type": "InternalDNS"},
                {"address": slot.name, "type": "Hostname"},
            ],
            "allocatable": allocatable,
            "capacity": capacity,
            "conditions": conditions(slot.health, &created),
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "features": {"supplementalGroupsPolicy": true},
            "images": images(slot),
            "nodeInfo": {
                "architecture": pool.arch,
                "bootID": seed::uid(&mut rng),
                "containerRuntimeVersion": "containerd://2.1.4",
                "kernelVersion": if pool.arch == "arm64" {
                    "6.12.53-69.119.amzn2023.aarch64"
                } else {
                    "6.12.53-69.119.amzn2023.x86_64"
                },
                "kubeProxyVersion": "",
                "kubeletVersion": "v1.36.2-eks-3025e55",
                "machineID": seed::hex(&mut rng, 32),
                "operatingSystem": "linux",
                "osImage": "Amazon Linux 2023.9.20251110",
                "systemUUID": seed::uid(&mut rng),
            },
            "runtimeHandlers": [
                {"features": {"recursiveReadOnlyMounts": true, "userNamespaces": true}, "name": ""},
                {"features": {"recursiveReadOnlyMounts": true, "userNamespaces": true}, "name": "runc"},
            ],
        },
    })
}

/// The four kubelet conditions; `Ready` follows the node's health.
fn conditions(health: Health, created: &str) -> Value {
    let pressure = |kind: &str, reason: &str, message: &str| {
        json!({
            "lastHeartbeatTime": "2026-11-24T14:59:41Z",
            "lastTransitionTime": created,
            "message": message,
            "reason": reason,
            "status": if health == Health::Unreachable { "Unknown" } else { "False" },
            "type": kind,
        })
    };
    let ready = if health == Health::Unreachable {
        json!({
            "lastHeartbeatTime": "2026-11-24T14:51:58Z",
            "lastTransitionTime": "2026-11-24T14:52:31Z",
            "message": "Kubelet stopped posting node status.",
            "reason": "NodeStatusUnknown",
            "status": "Unknown",
            "type": "Ready",
        })
    } else {
        json!({
            "lastHeartbeatTime": "2026-11-24T14:59:41Z",
            "lastTransitionTime": created,
            "message": "kubelet is posting ready status",
            "reason": "KubeletReady",
            "status": "True",
            "type": "Ready",
        })
    };
    json!([
        pressure(
            "MemoryPressure",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available"
        ),
        pressure(
            "DiskPressure",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure"
        ),
        pressure(
            "PIDPressure",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available"
        ),
        ready,
    ])
}

/// The images the node's kubelet reports: the node agents every node runs, plus pause.
fn images(slot: &NodeSlot) -> Value {
    let ecr = "602401143452.dkr.ecr.us-west-2.amazonaws.com";
    let mut images = vec![
        image(
            &format!("{ecr}/eks/kube-proxy"),
            "v1.36.2-minimal-eksbuild.1",
            28_716_730,
        ),
        image("quay.io/cilium/cilium", "v1.18.4", 224_613_881),
        image("quay.io/prometheus/node-exporter", "v1.10.2", 12_771_582),
        image("cr.fluentbit.io/fluent/fluent-bit", "4.1.1", 41_209_378),
        image(
            "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver",
            "v1.51.1",
            79_450_201,
        ),
    ];
    if slot.pool.gpus > 0 {
        images.push(image(
            "nvcr.io/nvidia/k8s-device-plugin",
            "v0.18.0",
            153_991_205,
        ));
    }
    images.push(image("localhost/kubernetes/pause", "latest", 318_731));
    Value::Array(images)
}

/// One `status.images` entry: the digest name and the tag name.
fn image(repository: &str, tag: &str, size: u64) -> Value {
    // A stable fake digest per repository, so every node lists the same one.
    let digest: String = repository
        .bytes()
        .chain(tag.bytes())
        .cycle()
        .take(64)
        .map(|b| char::from(b"0123456789abcdef"[usize::from(b % 16)]))
        .collect();
    json!({
        "names": [format!("{repository}@sha256:{digest}"), format!("{repository}:{tag}")],
        "sizeBytes": size,
    })
}
