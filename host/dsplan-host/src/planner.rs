//! [`Planner`]: one compiled component, a fresh guarded store per call.
// `Error::Input` holds the `InputError` inline, as `dsplan_engine::Error` does, so both give
// callers the same type to match on; errors are the cold path.
#![allow(
    clippy::result_large_err,
    reason = "Error::Input mirrors dsplan_engine::Error"
)]

use crate::bindings::{wit, DsplanPre};
use crate::{convert, Config, Error, Limit};
use dsplan_core::PlanReport;
use dsplan_engine::{Input, Options, VersionInfo};
use std::path::Path;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, ResourceLimiter, Store, Trap};

/// The dsplan component, compiled and linked once, ready to answer calls.
///
/// Cheap to share: `plan` and `version` take `&self`, and each call runs in its own store.
#[derive(Clone)]
pub struct Planner {
    pre: DsplanPre<Guard>,
    config: Config,
}

impl std::fmt::Debug for Planner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Planner")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Planner {
    /// The component embedded in this binary ([`crate::COMPONENT`]).
    pub fn new(config: Config) -> Result<Self, Error> {
        Self::from_bytes(config, crate::COMPONENT)
    }

    /// A component file (`dsplan.component.wasm`) instead of the embedded one.
    pub fn from_file(config: Config, path: &Path) -> Result<Self, Error> {
        let bytes = std::fs::read(path)
            .map_err(|e| Error::Load(format!("reading {}: {e}", path.display())))?;
        Self::from_bytes(config, &bytes)
    }

    /// A component given as bytes.
    pub fn from_bytes(config: Config, bytes: &[u8]) -> Result<Self, Error> {
        let pre = link(&config, bytes).map_err(|e| Error::load(&e))?;
        Ok(Self { pre, config })
    }

    /// The configuration this planner runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Plans every DaemonSet in `inputs`, as `dsplan_engine::plan` does natively.
    pub fn plan(&self, inputs: &[Input<'_>], options: &Options) -> Result<PlanReport, Error> {
        let size: usize = inputs.iter().map(|input| input.text.len()).sum();
        if size > self.config.max_input_bytes {
            return Err(Error::LimitExceeded {
                limit: Limit::InputBytes,
                max: self.config.max_input_bytes as u64,
            });
        }
        let documents = convert::documents(inputs);
        let options = convert::options(options);
        let answer = self.call(|store, guest| guest.call_plan(store, &documents, &options))?;
        answer.map(PlanReport::from).map_err(Error::from)
    }

    /// dsplan's version and Kubernetes release, as the component reports them.
    pub fn version(&self) -> Result<VersionInfo, Error> {
        self.call(|store, guest| guest.call_version(store))
            .map(VersionInfo::from)
    }

    /// Instantiates the component in a fresh store with this planner's guard rails and runs
    /// `f` on its `planner` export. Traps and exhausted limits become [`Error`]s.
    fn call<R>(
        &self,
        f: impl FnOnce(&mut Store<Guard>, &wit::Guest) -> wasmtime::Result<R>,
    ) -> Result<R, Error> {
        let mut store = Store::new(
            self.pre.engine(),
            Guard {
                max_memory: self.config.max_memory_bytes,
                denied: false,
            },
        );
        store.limiter(|guard| guard);
        if let Some(fuel) = self.config.fuel {
            store.set_fuel(fuel).map_err(|e| Error::load(&e))?;
        }
        let result = self
            .pre
            .instantiate(&mut store)
            .and_then(|instance| f(&mut store, instance.dsplan_planner_planner()));
        result.map_err(|error| self.classify(&store, &error))
    }

    /// Which guard rail, if any, ended a failed call.
    fn classify(&self, store: &Store<Guard>, error: &wasmtime::Error) -> Error {
        if store.data().denied {
            Error::LimitExceeded {
                limit: Limit::MemoryBytes,
                max: self.config.max_memory_bytes as u64,
            }
        } else if error.downcast_ref::<Trap>() == Some(&Trap::OutOfFuel) {
            Error::LimitExceeded {
                limit: Limit::Fuel,
                max: self.config.fuel.unwrap_or(u64::MAX),
            }
        } else {
            Error::Trapped {
                reason: format!("{error:?}"),
            }
        }
    }
}

/// Compiles (or loads from the cache) and links the component; no imports to satisfy.
fn link(config: &Config, bytes: &[u8]) -> wasmtime::Result<DsplanPre<Guard>> {
    let mut engine_config = wasmtime::Config::new();
    engine_config.consume_fuel(config.fuel.is_some());
    let engine = Engine::new(&engine_config)?;
    let component = match &config.cache_dir {
        Some(dir) => crate::cache::load_or_compile(&engine, bytes, dir)?,
        None => Component::new(&engine, bytes)?,
    };
    let linker = Linker::<Guard>::new(&engine);
    DsplanPre::new(linker.instantiate_pre(&component)?)
}

/// Per-call store data: the memory cap, and whether the guest hit it.
struct Guard {
    max_memory: usize,
    denied: bool,
}

impl ResourceLimiter for Guard {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let allowed = desired <= self.max_memory;
        self.denied |= !allowed;
        Ok(allowed)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        _desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(true)
    }
}
