//! Resource amounts in the scheduler's units (`framework.Resource`): what a pod requests or a
//! node offers, after conversion from exact quantities (done in `dsplan-core::resources`).

use std::collections::BTreeMap;

/// Amounts in the scheduler's units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resources {
    /// Millicores.
    pub milli_cpu: i64,
    /// Bytes.
    pub memory: i64,
    /// Bytes.
    pub ephemeral_storage: i64,
    /// Extended resources, hugepages, `kubernetes.io/` and `attachable-volumes-` names, by name.
    pub scalars: BTreeMap<String, i64>,
    /// `pods` (only meaningful for allocatable: `AllowedPodNumber`).
    pub pods: i64,
}

impl Resources {
    /// Adds `other` (node `Requested` accumulation).
    pub fn add(&mut self, other: &Resources) {
        self.milli_cpu = self.milli_cpu.saturating_add(other.milli_cpu);
        self.memory = self.memory.saturating_add(other.memory);
        self.ephemeral_storage = self
            .ephemeral_storage
            .saturating_add(other.ephemeral_storage);
        for (name, value) in &other.scalars {
            let entry = self.scalars.entry(name.clone()).or_default();
            *entry = entry.saturating_add(*value);
        }
    }
}
