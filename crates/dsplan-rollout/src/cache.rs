//! The informer cache of one DaemonSet in the indexed form the controller's syncs read: node
//! names interned as ids, each node's pods kept oldest first (R-M6) and updated in place as
//! pods come, bind and go, pods found by name, and whether each pod is updated (R-P3) decided
//! once. A simulated rollout runs thousands of syncs over thousands of nodes; none of them
//! hashes a string or regroups pods by node. [`World`] stays the plain form callers build and
//! read; [`Cache::new`] and [`Cache::into_world`] convert, keeping the pods' order.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use crate::model::{oldest_first, Phase, SimDaemonSet, SimNode, SimPod, World};

/// A node name known to the cache: from the node list or the target of a pod.
pub type NodeId = usize;

/// A pod's slot in the cache; it stays the pod's for good.
pub type PodId = usize;

/// A pod with what the cache decided about it once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPod {
    /// The pod.
    pub pod: SimPod,
    /// Its target node's id.
    pub node: NodeId,
    /// `util.IsPodUpdated` against the cache's revision (R-P3).
    pub updated: bool,
}

/// The indexed informer cache of one DaemonSet.
#[derive(Debug, Clone)]
pub struct Cache {
    /// The DaemonSet.
    pub ds: SimDaemonSet,
    /// The node list, in the order manage() walks it.
    pub nodes: Vec<SimNode>,
    /// Every node name known, by id: the node list's first, then pods' target nodes.
    names: Vec<String>,
    ids: HashMap<String, NodeId>,
    /// The id of each node-list entry.
    list_ids: Vec<NodeId>,
    /// Per id, the last node-list entry of that name (names are unique in a real node list).
    entry: Vec<Option<usize>>,
    /// Per id, a node-list entry of that name has `shouldRun`.
    eligible: Vec<bool>,
    /// Ids in name order (R-O4).
    name_order: Vec<NodeId>,
    /// Ids no node-list entry has, in name order.
    gone: Vec<NodeId>,
    /// Pods in the order they entered the cache; `None` once a pod is gone.
    pods: Vec<Option<CachedPod>>,
    by_pod_name: HashMap<String, Vec<PodId>>,
    /// Per id, its pods oldest first (R-M6), terminating and terminal ones included.
    on_node: Vec<Vec<PodId>>,
    /// Pods with a deletionTimestamp.
    deleting: BTreeSet<PodId>,
    /// Pods not bound to their node.
    unbound: BTreeSet<PodId>,
}

impl Cache {
    /// Indexes `world`.
    pub fn new(world: World) -> Self {
        let mut cache = Self {
            ds: world.ds,
            nodes: Vec::new(),
            names: Vec::new(),
            ids: HashMap::new(),
            list_ids: Vec::new(),
            entry: Vec::new(),
            eligible: Vec::new(),
            name_order: Vec::new(),
            gone: Vec::new(),
            pods: Vec::new(),
            by_pod_name: HashMap::new(),
            on_node: Vec::new(),
            deleting: BTreeSet::new(),
            unbound: BTreeSet::new(),
        };
        for (index, node) in world.nodes.iter().enumerate() {
            let id = cache.intern(&node.name);
            cache.list_ids.push(id);
            cache.entry[id] = Some(index);
            cache.eligible[id] |= node.should_run;
        }
        cache.nodes = world.nodes;
        cache.gone.retain(|&id| cache.entry[id].is_none());
        for pod in world.pods {
            cache.insert(pod);
        }
        cache
    }

    /// The plain form, pods in the order they entered the cache.
    pub fn into_world(self) -> World {
        World {
            ds: self.ds,
            nodes: self.nodes,
            pods: self
                .pods
                .into_iter()
                .flatten()
                .map(|slot| slot.pod)
                .collect(),
        }
    }

    /// The id of `name`, a new one for a name the cache has not seen.
    fn intern(&mut self, name: &str) -> NodeId {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len();
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        self.entry.push(None);
        self.eligible.push(false);
        self.on_node.push(Vec::new());
        let names = &self.names;
        let by_name = |other: &NodeId| names[*other].as_str().cmp(name);
        let at = self
            .name_order
            .binary_search_by(by_name)
            .unwrap_or_else(|at| at);
        self.name_order.insert(at, id);
        let at = self.gone.binary_search_by(by_name).unwrap_or_else(|at| at);
        self.gone.insert(at, id);
        id
    }

    /// The name of node `id`.
    pub fn name(&self, id: NodeId) -> &str {
        &self.names[id]
    }

    /// The id of node-list entry `index`.
    pub fn list_id(&self, index: usize) -> NodeId {
        self.list_ids[index]
    }

    /// The node-list entry named like `id` (the last one, should the list repeat a name).
    pub fn node(&self, id: NodeId) -> Option<&SimNode> {
        self.entry[id].map(|index| &self.nodes[index])
    }

    /// A node-list entry named like `id` has `shouldRun`.
    pub fn eligible(&self, id: NodeId) -> bool {
        self.eligible[id]
    }

    /// Every node id, in name order.
    pub fn name_order(&self) -> &[NodeId] {
        &self.name_order
    }

    /// Ids of nodes pods target that are not in the node list, in name order.
    pub fn gone(&self) -> &[NodeId] {
        &self.gone
    }

    /// Every node id.
    pub fn node_ids(&self) -> std::ops::Range<NodeId> {
        0..self.names.len()
    }

    /// Every pod, in the order pods entered the cache.
    pub fn pods(&self) -> impl Iterator<Item = (PodId, &CachedPod)> {
        self.pods
            .iter()
            .enumerate()
            .filter_map(|(id, slot)| slot.as_ref().map(|pod| (id, pod)))
    }

    /// Slots handed out so far: every [`PodId`] is below it.
    pub fn slots(&self) -> usize {
        self.pods.len()
    }

    /// The pod in slot `id`, if it is still in the cache.
    pub fn pod(&self, id: PodId) -> Option<&CachedPod> {
        self.pods.get(id).and_then(Option::as_ref)
    }

    /// The pods named `name`.
    pub fn named(&self, name: &str) -> &[PodId] {
        self.by_pod_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// Every pod targeting node `id`, oldest first, terminating and terminal ones included.
    pub fn pods_on(&self, id: NodeId) -> impl Iterator<Item = &CachedPod> {
        self.on_node[id]
            .iter()
            .filter_map(|&pod| self.pods[pod].as_ref())
    }

    /// How many pods target node `id`, terminating and terminal ones included.
    pub fn count_on(&self, id: NodeId) -> usize {
        self.on_node[id].len()
    }

    /// `getNodesToDaemonPods(includeDeletedTerminal=false)` for node `id` (R-P1): its pods
    /// oldest first (R-M6), without terminal pods that have a deletionTimestamp.
    pub fn daemon_pods_on(&self, id: NodeId) -> impl Iterator<Item = &CachedPod> {
        self.pods_on(id).filter(|slot| slot.pod.is_listed())
    }

    /// Pods with a deletionTimestamp.
    pub fn deleting(&self) -> impl Iterator<Item = (PodId, &CachedPod)> {
        self.deleting
            .iter()
            .filter_map(|&pod| self.pod(pod).map(|slot| (pod, slot)))
    }

    /// Pods not bound to their node.
    pub fn unbound(&self) -> impl Iterator<Item = (PodId, &CachedPod)> {
        self.unbound
            .iter()
            .filter_map(|&pod| self.pod(pod).map(|slot| (pod, slot)))
    }

    /// Adds `pod` (as the informer adds a created pod).
    pub fn insert(&mut self, pod: SimPod) {
        let node = self.intern(&pod.node);
        let id = self.pods.len();
        self.by_pod_name
            .entry(pod.name.clone())
            .or_default()
            .push(id);
        let updated = self.ds.revision.is_pod_updated(&pod);
        if pod.is_deleting() {
            self.deleting.insert(id);
        }
        if !pod.bound {
            self.unbound.insert(id);
        }
        self.pods.push(Some(CachedPod { pod, node, updated }));
        self.on_node[node].push(id);
        self.sort_node(node);
    }

    /// Removes pod `id` (the informer saw it go).
    pub fn remove(&mut self, id: PodId) {
        let Some(slot) = self.pods.get_mut(id).and_then(Option::take) else {
            return;
        };
        self.on_node[slot.node].retain(|&other| other != id);
        self.deleting.remove(&id);
        self.unbound.remove(&id);
        if let Some(ids) = self.by_pod_name.get_mut(&slot.pod.name) {
            ids.retain(|&other| other != id);
            if ids.is_empty() {
                self.by_pod_name.remove(&slot.pod.name);
            }
        }
    }

    /// Gives pod `id` a deletionTimestamp of `now`, unless it has one.
    pub fn mark_deleted(&mut self, id: PodId, now: i64) {
        if let Some(slot) = self.pods.get_mut(id).and_then(Option::as_mut) {
            slot.pod.deleted_at.get_or_insert(now);
            self.deleting.insert(id);
        }
    }

    /// The scheduler binds pod `id` to its node.
    pub fn bind(&mut self, id: PodId) {
        let Some(slot) = self.pods.get_mut(id).and_then(Option::as_mut) else {
            return;
        };
        slot.pod.bound = true;
        let node = slot.node;
        self.unbound.remove(&id);
        self.sort_node(node);
    }

    /// Pod `id` turns Ready at `since`, and Running.
    pub fn set_ready(&mut self, id: PodId, since: i64) {
        if let Some(slot) = self.pods.get_mut(id).and_then(Option::as_mut) {
            slot.pod.ready = true;
            slot.pod.ready_since = Some(since);
            slot.pod.phase = Phase::Running;
        }
    }

    fn sort_node(&mut self, node: NodeId) {
        let pods = &self.pods;
        let order = |a: &PodId, b: &PodId| match (&pods[*a], &pods[*b]) {
            (Some(a), Some(b)) => oldest_first(&a.pod, &b.pod),
            _ => Ordering::Equal,
        };
        self.on_node[node].sort_by(order);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{rolling, world};

    #[test]
    fn round_trips_and_keeps_pod_order() {
        let mut w = world(3, rolling(1, 0));
        w.pods.reverse();
        let cache = Cache::new(w.clone());
        assert_eq!(cache.into_world(), w);
    }

    #[test]
    fn indexes_pods_by_node_oldest_first_and_nodes_by_name() {
        let mut w = world(2, rolling(1, 0));
        w.nodes.reverse();
        let mut stray = w.pods[0].clone();
        stray.name = "stray".into();
        stray.node = "gone".into();
        stray.bound = false;
        w.pods.push(stray);
        let mut cache = Cache::new(w);
        let mut newer = cache.pod(0).expect("pod").pod.clone();
        newer.name = "newer".into();
        newer.created = 5;
        newer.bound = false;
        cache.insert(newer);
        let node0 = cache.list_id(1);
        let names = |cache: &Cache| -> Vec<String> {
            cache
                .pods_on(node0)
                .map(|slot| slot.pod.name.clone())
                .collect()
        };
        assert_eq!(names(&cache), ["old-0", "newer"]);
        let names_in_order: Vec<&str> = cache
            .name_order()
            .iter()
            .map(|&id| cache.name(id))
            .collect();
        assert_eq!(names_in_order, ["gone", "node-0", "node-1"]);
        let gone: Vec<&str> = cache.gone().iter().map(|&id| cache.name(id)).collect();
        assert_eq!(gone, ["gone"]);
        cache.remove(cache.named("old-0")[0]);
        assert_eq!(names(&cache), ["newer"]);
        assert!(cache.named("old-0").is_empty());
    }
}
