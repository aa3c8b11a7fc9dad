//! The instance pool a [`crate::Planner`] runs its calls in: the wasmtime engine settings that
//! pre-reserve one slot (linear memory, table, instance) per concurrent call, and the
//! [`Slots`] count that makes a call wait for a free slot instead of failing.
//!
//! Why a pool: with wasmtime's default on-demand allocation every call maps fresh linear memory
//! and takes a page fault for each page the guest touches, then unmaps it; on a 10-node
//! snapshot that was a quarter of the call. A pooled slot keeps its mapping, and up to
//! [`KEEP_RESIDENT_BYTES`] of the pages the last call dirtied stay resident and are zeroed in
//! place, so the next call starts from the same clean state without faulting them in again.

use crate::WASM32_MAX_MEMORY_BYTES;
use std::num::NonZeroU32;
use std::sync::{Condvar, Mutex, PoisonError};
use wasmtime::{InstanceAllocationStrategy, PoolingAllocationConfig};

/// Linear memory a slot keeps resident between calls, zeroed in place rather than returned to
/// the kernel. A planning call's guest memory peaks at 2.7 MiB on a 10-node snapshot (30 pods
/// per node) and 103 MiB on a 1,000-node one, so small snapshots, which controllers send from
/// their reconcile loops, stay resident whole; larger calls fault in the rest, as without a
/// pool.
pub(crate) const KEEP_RESIDENT_BYTES: usize = 32 << 20;

/// The guest's function table (about 600 entries) fits in a few pages; keeping them resident
/// spares a system call per call.
const TABLE_KEEP_RESIDENT_BYTES: usize = 64 << 10;

/// Pooled allocation with `slots` slots of each kind the component needs (one component
/// instance, one core instance, one linear memory and one table per call). Each memory slot
/// reserves the whole 4 GiB a wasm32 guest can address, plus wasmtime's guard region, as
/// address space (not memory), so [`crate::Config::max_memory_bytes`] keeps its meaning.
pub(crate) fn allocation_strategy(slots: NonZeroU32) -> InstanceAllocationStrategy {
    let slots = slots.get();
    let mut pool = PoolingAllocationConfig::new();
    pool.total_component_instances(slots)
        .total_core_instances(slots)
        .total_memories(slots)
        .total_tables(slots)
        .max_memory_size(usize::try_from(WASM32_MAX_MEMORY_BYTES).unwrap_or(usize::MAX))
        .linear_memory_keep_resident(KEEP_RESIDENT_BYTES)
        .table_keep_resident(TABLE_KEEP_RESIDENT_BYTES);
    InstanceAllocationStrategy::Pooling(pool)
}

/// How many calls may hold a pool slot at once; shared by a planner and its clones.
#[derive(Debug)]
pub(crate) struct Slots {
    free: Mutex<u32>,
    freed: Condvar,
}

impl Slots {
    pub(crate) fn new(slots: NonZeroU32) -> Self {
        Self {
            free: Mutex::new(slots.get()),
            freed: Condvar::new(),
        }
    }

    /// Takes a slot, waiting while every slot is in use; dropping the [`Slot`] returns it.
    pub(crate) fn take(&self) -> Slot<'_> {
        // The counter stays consistent even if a holder panicked, so poison is ignored.
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free == 0 {
            free = self
                .freed
                .wait(free)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *free -= 1;
        Slot { slots: self }
    }
}

/// A taken pool slot; returned when dropped.
pub(crate) struct Slot<'s> {
    slots: &'s Slots,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        *self
            .slots
            .free
            .lock()
            .unwrap_or_else(PoisonError::into_inner) += 1;
        self.slots.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_call_waits_for_a_free_slot_and_gets_the_returned_one() {
        let slots = Slots::new(NonZeroU32::MIN);
        let held = slots.take();
        let (sent, received) = mpsc::channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let _slot = slots.take();
                sent.send(()).expect("receiver alive");
            });
            assert!(
                received.recv_timeout(Duration::from_millis(100)).is_err(),
                "took a slot while none was free"
            );
            drop(held);
            received
                .recv_timeout(Duration::from_secs(10))
                .expect("gets the returned slot");
        });
    }
}
