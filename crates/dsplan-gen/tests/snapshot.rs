//! What benchmarks rely on: generated snapshots are deterministic, are valid Kubernetes objects
//! in both formats, and describe a cluster that could exist (owners resolve, names are unique,
//! nodes are not overcommitted, host ports do not clash).

use dsplan_gen::{daemon_sets, snapshot, Cluster, Format, PROPOSED_COUNT};
use dsplan_model::k8s_openapi::api::apps::v1::DaemonSet;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use dsplan_model::Quantity;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

const SMALL: Cluster = Cluster {
    nodes: 40,
    pods_per_node: 30,
    seed: 7,
};

fn items(text: &str) -> Vec<Value> {
    let list: Value = serde_json::from_str(text).expect("generated JSON parses");
    assert_eq!(list["kind"], "List");
    list["items"].as_array().expect("items").clone()
}

struct Parsed {
    nodes: Vec<Node>,
    pods: Vec<Pod>,
    daemon_sets: Vec<DaemonSet>,
}

fn parse(cluster: &Cluster) -> Parsed {
    let mut parsed = Parsed {
        nodes: vec![],
        pods: vec![],
        daemon_sets: vec![],
    };
    for item in items(&snapshot(cluster, Format::Json).expect("generates")) {
        match item["kind"].as_str() {
            Some("Node") => parsed
                .nodes
                .push(serde_json::from_value(item).expect("a Node")),
            Some("Pod") => parsed
                .pods
                .push(serde_json::from_value(item).expect("a Pod")),
            Some("DaemonSet") => parsed
                .daemon_sets
                .push(serde_json::from_value(item).expect("a DaemonSet")),
            other => panic!("unexpected kind {other:?}"),
        }
    }
    parsed
}

#[test]
fn same_seed_same_bytes_other_seed_other_cluster() {
    let a = snapshot(&SMALL, Format::Json).expect("generates");
    assert_eq!(a, snapshot(&SMALL, Format::Json).expect("generates"));
    let other = Cluster { seed: 8, ..SMALL };
    assert_ne!(a, snapshot(&other, Format::Json).expect("generates"));
}

#[test]
fn yaml_and_json_hold_the_same_document() {
    let cluster = Cluster {
        nodes: 12,
        pods_per_node: 5,
        seed: 3,
    };
    let json: Value =
        serde_json::from_str(&snapshot(&cluster, Format::Json).expect("json")).expect("parses");
    let yaml: Value =
        serde_yaml::from_str(&snapshot(&cluster, Format::Yaml).expect("yaml")).expect("parses");
    assert_eq!(json, yaml);
    let json: Value =
        serde_json::from_str(&daemon_sets(PROPOSED_COUNT, Format::Json).expect("json"))
            .expect("parses");
    let yaml: Value =
        serde_yaml::from_str(&daemon_sets(PROPOSED_COUNT, Format::Yaml).expect("yaml"))
            .expect("parses");
    assert_eq!(json, yaml);
}

#[test]
fn a_cluster_without_nodes_lists_only_idle_daemon_sets() {
    let empty = Cluster {
        nodes: 0,
        pods_per_node: 30,
        seed: 1,
    };
    let items = items(&snapshot(&empty, Format::Json).expect("json"));
    assert_eq!(items.len(), 6);
    for item in &items {
        assert_eq!(item["kind"], "DaemonSet");
        assert_eq!(item["status"]["desiredNumberScheduled"], 0);
    }
}

#[test]
fn an_empty_list_is_valid_in_both_formats() {
    let json: Value =
        serde_json::from_str(&daemon_sets(0, Format::Json).expect("json")).expect("parses");
    let yaml: Value =
        serde_yaml::from_str(&daemon_sets(0, Format::Yaml).expect("yaml")).expect("parses");
    assert_eq!(json["items"], Value::Array(vec![]));
    assert_eq!(json, yaml);
}

#[test]
fn counts_and_unique_names() {
    let parsed = parse(&SMALL);
    assert_eq!(parsed.nodes.len(), SMALL.nodes);
    assert_eq!(parsed.pods.len(), SMALL.nodes * SMALL.pods_per_node);
    assert_eq!(parsed.daemon_sets.len(), 6);
    let pod_names: HashSet<(String, String)> = parsed
        .pods
        .iter()
        .map(|p| {
            (
                p.metadata.namespace.clone().unwrap_or_default(),
                p.metadata.name.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(pod_names.len(), parsed.pods.len());
    let uids: HashSet<&str> = parsed
        .pods
        .iter()
        .filter_map(|p| p.metadata.uid.as_deref())
        .collect();
    assert_eq!(uids.len(), parsed.pods.len());
}

#[test]
fn every_node_has_the_pool_labels_and_taints() {
    let parsed = parse(&SMALL);
    let mut pools = BTreeMap::new();
    for node in &parsed.nodes {
        let labels = node.metadata.labels.as_ref().expect("labels");
        assert_eq!(
            labels.get("kubernetes.io/hostname"),
            node.metadata.name.as_ref()
        );
        let pool = labels.get("karpenter.sh/nodepool").expect("pool").clone();
        let taints: Vec<String> = node
            .spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .map(|t| t.iter().map(|t| t.key.clone()).collect())
            .unwrap_or_default();
        pools.entry(pool).or_insert(taints);
    }
    assert_eq!(pools.len(), 6, "{pools:?}");
    assert!(pools["control-plane"].contains(&"node-role.kubernetes.io/control-plane".to_owned()));
    assert!(pools["gpu-a10g"].contains(&"nvidia.com/gpu".to_owned()));
    assert!(pools["batch-spot"].contains(&"karpenter.sh/capacity-type".to_owned()));
}

#[test]
fn daemon_pods_belong_to_a_daemon_set_of_the_snapshot() {
    let parsed = parse(&SMALL);
    let by_uid: HashMap<&str, &DaemonSet> = parsed
        .daemon_sets
        .iter()
        .filter_map(|ds| Some((ds.metadata.uid.as_deref()?, ds)))
        .collect();
    let mut per_daemon_set: HashMap<&str, usize> = HashMap::new();
    for pod in &parsed.pods {
        let Some(owner) = pod
            .metadata
            .owner_references
            .as_ref()
            .and_then(|o| o.iter().find(|o| o.kind == "DaemonSet"))
        else {
            continue;
        };
        let ds = by_uid.get(owner.uid.as_str()).expect("owner in snapshot");
        assert_eq!(ds.metadata.name.as_deref(), Some(owner.name.as_str()));
        let labels = pod.metadata.labels.as_ref().expect("labels");
        let selector = ds
            .spec
            .as_ref()
            .expect("spec")
            .selector
            .match_labels
            .as_ref();
        for (key, value) in selector.expect("matchLabels") {
            assert_eq!(labels.get(key), Some(value));
        }
        let generation = ds.metadata.generation.expect("generation").to_string();
        assert_eq!(labels.get("pod-template-generation"), Some(&generation));
        assert!(labels.contains_key("controller-revision-hash"));
        *per_daemon_set.entry(owner.uid.as_str()).or_default() += 1;
    }
    for ds in &parsed.daemon_sets {
        let status = ds.status.as_ref().expect("status");
        let uid = ds.metadata.uid.as_deref().expect("uid");
        assert_eq!(
            per_daemon_set.get(uid).copied().unwrap_or(0),
            status.desired_number_scheduled as usize,
            "{:?}",
            ds.metadata.name
        );
    }
}

#[test]
fn nodes_are_not_overcommitted_and_host_ports_do_not_clash() {
    let cluster = Cluster {
        nodes: 60,
        pods_per_node: 30,
        seed: 11,
    };
    let parsed = parse(&cluster);
    let mut requested: HashMap<&str, i64> = HashMap::new();
    let mut ports: HashSet<(&str, i32, String)> = HashSet::new();
    for pod in &parsed.pods {
        let spec = pod.spec.as_ref().expect("spec");
        let node = spec.node_name.as_deref().expect("bound");
        for container in &spec.containers {
            let cpu = container
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get("cpu"))
                .map(|q| Quantity::parse(&q.0).expect("cpu quantity").milli_value())
                .unwrap_or(0);
            *requested.entry(node).or_default() += cpu;
            for port in container.ports.iter().flatten() {
                if let Some(host_port) = port.host_port {
                    let protocol = port.protocol.clone().unwrap_or_default();
                    assert!(
                        ports.insert((node, host_port, protocol)),
                        "host port {host_port} twice on {node}"
                    );
                }
            }
        }
    }
    for node in &parsed.nodes {
        let name = node.metadata.name.as_deref().expect("name");
        let allocatable = &node.status.as_ref().expect("status").allocatable;
        let cpu = allocatable.as_ref().expect("allocatable")["cpu"].0.as_str();
        let cpu = Quantity::parse(cpu).expect("cpu").milli_value();
        assert!(
            requested[name] <= cpu,
            "{name}: {} > {cpu}",
            requested[name]
        );
    }
}

#[test]
fn twenty_proposed_daemon_sets_with_distinct_names() {
    let all: Vec<DaemonSet> = items(&daemon_sets(PROPOSED_COUNT, Format::Json).expect("json"))
        .into_iter()
        .map(|item| serde_json::from_value(item).expect("a DaemonSet"))
        .collect();
    assert_eq!(all.len(), 20);
    let names: HashSet<(Option<String>, Option<String>)> = all
        .iter()
        .map(|d| (d.metadata.namespace.clone(), d.metadata.name.clone()))
        .collect();
    assert_eq!(names.len(), 20);
    assert_eq!(items(&daemon_sets(1, Format::Json).expect("json")).len(), 1);
}
