//! Guard rails and caching for a [`crate::Planner`].

use std::path::PathBuf;

/// How a [`crate::Planner`] runs the component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Fuel (roughly, WebAssembly instructions) one call may use; `None` for no limit.
    /// Exhausting it fails the call with [`crate::Error::LimitExceeded`].
    pub fuel: Option<u64>,
    /// Most linear memory, in bytes, one call may grow to (at most 4 GiB for wasm32).
    pub max_memory_bytes: usize,
    /// Most input text, in bytes (summed over documents), one call accepts.
    pub max_input_bytes: usize,
    /// Where to keep the component compiled for this machine, so that later processes skip
    /// compilation; `None` compiles in every process.
    pub cache_dir: Option<PathBuf>,
}

impl Default for Config {
    /// Room for a 5,000-node, 150,000-pod snapshot with a wide margin, no disk cache.
    fn default() -> Self {
        Self {
            fuel: Some(500_000_000_000),
            max_memory_bytes: 3 << 30,
            max_input_bytes: 512 << 20,
            cache_dir: None,
        }
    }
}
