//! The cluster's node pools and which node belongs to which: the facts about a node that its pods
//! and the DaemonSet status counts also need (name, pool, zone, address, health).

use crate::seed::{self, Stream};

/// A taint every node of a pool carries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PoolTaint {
    pub key: &'static str,
    pub value: Option<&'static str>,
    pub effect: &'static str,
}

/// One node pool: an instance type, its size and how it is set apart.
#[derive(Debug)]
pub(crate) struct Pool {
    /// `karpenter.sh/nodepool` label value.
    pub name: &'static str,
    pub instance_type: &'static str,
    pub arch: &'static str,
    pub cpu: u32,
    /// Memory capacity in KiB.
    pub memory_ki: u64,
    /// `karpenter.sh/capacity-type`: `on-demand` or `spot`.
    pub capacity_type: &'static str,
    pub gpus: u32,
    pub taint: Option<PoolTaint>,
    pub control_plane: bool,
}

pub(crate) const CONTROL_PLANE: Pool = Pool {
    name: "control-plane",
    instance_type: "m6i.xlarge",
    arch: "amd64",
    cpu: 4,
    memory_ki: 16_092_572,
    capacity_type: "on-demand",
    gpus: 0,
    taint: Some(PoolTaint {
        key: "node-role.kubernetes.io/control-plane",
        value: None,
        effect: "NoSchedule",
    }),
    control_plane: true,
};

pub(crate) const GENERAL: Pool = Pool {
    name: "general",
    instance_type: "m6i.2xlarge",
    arch: "amd64",
    cpu: 8,
    memory_ki: 32_386_252,
    capacity_type: "on-demand",
    gpus: 0,
    taint: None,
    control_plane: false,
};

pub(crate) const SPOT: Pool = Pool {
    name: "batch-spot",
    instance_type: "c6i.4xlarge",
    arch: "amd64",
    cpu: 16,
    memory_ki: 32_386_252,
    capacity_type: "spot",
    gpus: 0,
    taint: Some(PoolTaint {
        key: "karpenter.sh/capacity-type",
        value: Some("spot"),
        effect: "NoSchedule",
    }),
    control_plane: false,
};

pub(crate) const MEMORY: Pool = Pool {
    name: "memory",
    instance_type: "r6i.4xlarge",
    arch: "amd64",
    cpu: 16,
    memory_ki: 130_370_124,
    capacity_type: "on-demand",
    gpus: 0,
    taint: None,
    control_plane: false,
};

pub(crate) const ARM: Pool = Pool {
    name: "arm64",
    instance_type: "m7g.2xlarge",
    arch: "arm64",
    cpu: 8,
    memory_ki: 32_386_252,
    capacity_type: "on-demand",
    gpus: 0,
    taint: None,
    control_plane: false,
};

pub(crate) const GPU: Pool = Pool {
    name: "gpu-a10g",
    instance_type: "g5.2xlarge",
    arch: "amd64",
    cpu: 8,
    memory_ki: 32_299_028,
    capacity_type: "on-demand",
    gpus: 1,
    taint: Some(PoolTaint {
        key: "nvidia.com/gpu",
        value: Some("present"),
        effect: "NoSchedule",
    }),
    control_plane: false,
};

/// Worker pools in a repeating cycle of 20 nodes: 11 general, 4 spot, 2 memory, 2 arm64, 1 GPU,
/// interleaved so that small clusters have every kind.
const CYCLE: [&Pool; 20] = [
    &GENERAL, &SPOT, &MEMORY, &GENERAL, &ARM, &GENERAL, &GPU, &GENERAL, &SPOT, &GENERAL, &MEMORY,
    &GENERAL, &SPOT, &GENERAL, &ARM, &GENERAL, &SPOT, &GENERAL, &GENERAL, &GENERAL,
];

/// Control-plane nodes of a cluster of `nodes` nodes: 3, or 1 in clusters under 4 nodes.
pub(crate) fn control_plane_nodes(nodes: usize) -> usize {
    if nodes < 4 {
        1.min(nodes)
    } else {
        3
    }
}

/// The zones nodes are spread over, round-robin.
pub(crate) const ZONES: [&str; 3] = ["us-west-2a", "us-west-2b", "us-west-2c"];

/// How a node is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Health {
    Ready,
    /// `Ready=Unknown` with the node lifecycle controller's `unreachable` taints.
    Unreachable,
    /// Cordoned (`spec.unschedulable`) for maintenance.
    Cordoned,
}

/// What the rest of the generator needs to know about node `index`.
#[derive(Debug)]
pub(crate) struct NodeSlot {
    pub index: usize,
    pub pool: &'static Pool,
    pub zone: &'static str,
    /// The node's private IPv4 address; its name derives from it.
    pub ip: [u8; 4],
    pub name: String,
    pub uid: String,
    pub health: Health,
}

/// Node `index` of a cluster of `nodes` nodes under `seed`.
pub(crate) fn slot(seed: u64, nodes: usize, index: usize) -> NodeSlot {
    let control_planes = control_plane_nodes(nodes);
    let pool = if index < control_planes {
        &CONTROL_PLANE
    } else {
        CYCLE[(index - control_planes) % CYCLE.len()]
    };
    let mut rng = seed::rng(seed, Stream::Node, index as u64);
    let zone_index = index % ZONES.len();
    // One /18 per zone (10.42.0.0, .64.0, .128.0); the index keeps addresses unique.
    let host = index / ZONES.len() + 10;
    let ip = [
        10,
        42,
        (zone_index * 64 + host / 250) as u8,
        (host % 250 + 4) as u8,
    ];
    let name = format!(
        "ip-{}-{}-{}-{}.us-west-2.compute.internal",
        ip[0], ip[1], ip[2], ip[3]
    );
    let uid = seed::uid(&mut rng);
    let health = match rng.u32(..1000) {
        0..=9 if !pool.control_plane => Health::Unreachable,
        10..=17 if !pool.control_plane => Health::Cordoned,
        _ => Health::Ready,
    };
    NodeSlot {
        index,
        pool,
        zone: ZONES[zone_index],
        ip,
        name,
        uid,
        health,
    }
}

impl NodeSlot {
    /// Dotted-quad form of the node's address.
    pub fn address(&self) -> String {
        let [a, b, c, d] = self.ip;
        format!("{a}.{b}.{c}.{d}")
    }

    /// Allocatable CPU in millicores: capacity less kube-reserved, as EKS computes it.
    pub fn allocatable_cpu_milli(&self) -> u64 {
        u64::from(self.pool.cpu) * 1000 - 90 - u64::from(self.pool.cpu / 4) * 10
    }

    /// Allocatable memory in KiB: capacity less kube-reserved and the eviction threshold.
    pub fn allocatable_memory_ki(&self) -> u64 {
        self.pool.memory_ki - 1_017_832
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_addresses_are_unique_at_5000_nodes() {
        let names: std::collections::HashSet<String> =
            (0..5000).map(|i| slot(1, 5000, i).name).collect();
        assert_eq!(names.len(), 5000);
    }

    #[test]
    fn every_pool_appears_in_a_ten_node_cluster() {
        let pools: std::collections::HashSet<&str> =
            (0..10).map(|i| slot(1, 10, i).pool.name).collect();
        assert!(pools.len() >= 5, "{pools:?}");
    }
}
