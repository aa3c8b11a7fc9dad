//! A `kind: List` as kubectl prints it (`apiVersion`, `items`, `kind`, `metadata`), written
//! item by item: each item is serialized on its own, so a 150,000-pod list never exists as one
//! in-memory tree, and the nodes are split between threads.

use crate::daemon_sets;
use crate::node::node;
use crate::pod::pods_of_node;
use crate::pools;
use crate::workloads::IdentityTable;
use crate::{Cluster, Error, Format};
use serde_json::Value;

/// Serialized items, each already indented and terminated for its place in the list.
#[derive(Default)]
struct Items {
    text: String,
    count: usize,
}

impl Items {
    /// Appends `item` as a list element in `format`.
    fn push(&mut self, item: &Value, format: Format) -> Result<(), Error> {
        match format {
            Format::Json => {
                // Items sit two levels deep: `{` then `"items": [`.
                let pretty = json_pretty(item)?;
                self.text
                    .push_str(if self.count == 0 { "\n" } else { ",\n" });
                self.text.push_str("        ");
                self.text.push_str(&pretty.replace('\n', "\n        "));
            }
            // A one-element sequence is exactly a list element: `- key: ...` then `  key: ...`.
            Format::Yaml => self.text.push_str(&serde_yaml::to_string(&[item])?),
        }
        self.count += 1;
        Ok(())
    }

    fn append(&mut self, other: Items, format: Format) {
        if format == Format::Json && self.count > 0 && other.count > 0 {
            // `other` starts with "\n" for its first item; it needs the separating comma.
            self.text.push(',');
        }
        self.text.push_str(&other.text);
        self.count += other.count;
    }
}

/// `value` as JSON indented by four spaces, kubectl's layout.
fn json_pretty(value: &Value) -> Result<String, Error> {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    serde::Serialize::serialize(
        value,
        &mut serde_json::Serializer::with_formatter(&mut out, formatter),
    )?;
    String::from_utf8(out).map_err(|e| Error::Json(serde::ser::Error::custom(e)))
}

/// Wraps serialized items into the List document.
fn document(items: Items, format: Format) -> String {
    match format {
        Format::Json if items.count == 0 => "{\n    \"apiVersion\": \"v1\",\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n".to_owned(),
        Format::Json => format!(
            "{{\n    \"apiVersion\": \"v1\",\n    \"items\": [{}\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {{\n        \"resourceVersion\": \"\"\n    }}\n}}\n",
            items.text
        ),
        Format::Yaml if items.count == 0 => "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n".to_owned(),
        Format::Yaml => format!(
            "apiVersion: v1\nitems:\n{}kind: List\nmetadata:\n  resourceVersion: \"\"\n",
            items.text
        ),
    }
}

/// A List of `items`.
pub(crate) fn list_of(items: &[Value], format: Format) -> Result<String, Error> {
    let mut out = Items::default();
    for item in items {
        out.push(item, format)?;
    }
    Ok(document(out, format))
}

/// The cluster's List in `kubectl get nodes,pods,daemonsets -A` order: nodes, pods, DaemonSets.
pub(crate) fn cluster(cluster: &Cluster, format: Format) -> Result<String, Error> {
    let ids = IdentityTable::new(cluster.seed);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per_worker = cluster.nodes.div_ceil(workers.max(1)).max(1);
    let ranges: Vec<(usize, usize)> = (0..cluster.nodes)
        .step_by(per_worker)
        .map(|start| (start, (start + per_worker).min(cluster.nodes)))
        .collect();
    let chunks: Vec<Result<(Items, Items), Error>> = std::thread::scope(|scope| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|&(start, end)| {
                let ids = &ids;
                scope.spawn(move || nodes_and_pods(cluster, ids, start, end, format))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut nodes = Items::default();
    let mut pods = Items::default();
    for chunk in chunks {
        let (chunk_nodes, chunk_pods) = chunk?;
        nodes.append(chunk_nodes, format);
        pods.append(chunk_pods, format);
    }
    nodes.append(pods, format);
    let mut daemon_sets = Items::default();
    for daemon_set in daemon_sets::current(cluster.seed, cluster.nodes, &ids) {
        daemon_sets.push(&daemon_set, format)?;
    }
    nodes.append(daemon_sets, format);
    Ok(document(nodes, format))
}

/// The serialized nodes `start..end` and their pods.
fn nodes_and_pods(
    cluster: &Cluster,
    ids: &IdentityTable,
    start: usize,
    end: usize,
    format: Format,
) -> Result<(Items, Items), Error> {
    let mut nodes = Items::default();
    let mut pods = Items::default();
    for i in start..end {
        let slot = pools::slot(cluster.seed, cluster.nodes, i);
        nodes.push(&node(cluster.seed, &slot), format)?;
        for pod in pods_of_node(cluster.seed, &slot, cluster.pods_per_node, ids) {
            pods.push(&pod, format)?;
        }
    }
    Ok((nodes, pods))
}
