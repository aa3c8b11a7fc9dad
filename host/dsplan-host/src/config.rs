//! Guard rails and caching for a [`crate::Planner`].

use std::num::NonZeroU32;
use std::path::PathBuf;

/// How a [`crate::Planner`] runs the component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Fuel (roughly, WebAssembly instructions) one call may use; `None` for no limit.
    /// Exhausting it fails the call with [`crate::Error::LimitExceeded`]. Counting fuel costs
    /// 12 to 20 % of a call's time; `None` compiles the component without the counting.
    pub fuel: Option<u64>,
    /// Most linear memory, in bytes, one call may grow to. The component is wasm32, whose
    /// memory cannot exceed 4 GiB ([`WASM32_MAX_MEMORY_BYTES`]) whatever this says.
    pub max_memory_bytes: usize,
    /// Most input text, in bytes (summed over documents), one call accepts.
    pub max_input_bytes: usize,
    /// Where to keep the component compiled for this machine, so that later processes skip
    /// compilation; `None` compiles in every process.
    pub cache_dir: Option<PathBuf>,
    /// How many calls of one planner (and its clones) run at once; a further call waits until
    /// one of them ends. Each is a slot of a pool the planner reserves when it is created:
    /// 4 GiB plus a guard region of address space (not memory) for the guest's linear
    /// memory, reused by call after call so that a call does not fault in fresh pages.
    pub concurrent_calls: NonZeroU32,
}

/// The most linear memory a wasm32 guest can address: 65,536 pages of 64 KiB.
pub const WASM32_MAX_MEMORY_BYTES: u64 = 1 << 32;

impl Default for Config {
    /// Limits for the CLI: the largest snapshot dsplan is specified for (5,000 nodes and
    /// 150,000 pods) fits with a wide margin, and a runaway guest still stops.
    ///
    /// - fuel: 2·10¹² units (roughly, WebAssembly instructions: minutes of guest work), so
    ///   only a runaway guest, not a large snapshot, runs out. Fuel rather than wasmtime's
    ///   epoch interruption (a wall-clock deadline): measured side by side from 10 to 5,000
    ///   nodes, the epoch checks cost about as much as counting fuel, and fuel stops the same
    ///   input at the same point on any machine under any load, with no ticker thread;
    /// - memory: all a wasm32 guest can address (4 GiB); the input text is copied into guest
    ///   memory and parsed there, so this, not the host's RAM, bounds the snapshot size;
    /// - input: 1.5 GiB of text (a 5,000-node, 150,000-pod `kubectl get -o json` is about
    ///   1.3 GB), leaving 2.5 GiB for the parsed objects, which take about half the text's
    ///   size for kubectl output (pods no DaemonSet can claim are kept reduced);
    /// - concurrent calls: [`DEFAULT_CONCURRENT_CALLS`].
    fn default() -> Self {
        Self {
            fuel: Some(2_000_000_000_000),
            max_memory_bytes: usize::try_from(WASM32_MAX_MEMORY_BYTES).unwrap_or(usize::MAX),
            max_input_bytes: 3 << 29,
            cache_dir: None,
            concurrent_calls: DEFAULT_CONCURRENT_CALLS,
        }
    }
}

/// [`Config::concurrent_calls`] by default: 8 slots, 32 GiB of address space. Calls are
/// CPU-bound, so more at once than the machine has cores would not finish sooner. A fixed
/// number rather than the core count, which would cost reading cgroup files per planner.
pub const DEFAULT_CONCURRENT_CALLS: NonZeroU32 = NonZeroU32::MIN.saturating_add(7);
