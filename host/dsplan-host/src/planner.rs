//! [`Planner`]: one compiled component, a fresh guarded store per call in a pooled slot.
// `Error::Input` holds the `InputError` inline, as `dsplan_engine::Error` does, so both give
// callers the same type to match on; errors are the cold path.
#![allow(
    clippy::result_large_err,
    reason = "Error::Input mirrors dsplan_engine::Error"
)]

use crate::bindings::{wit, DsplanPre};
use crate::pool::{self, Slots};
use crate::{convert, Config, Error, Limit};
use dsplan_core::PlanReport;
use dsplan_engine::{Input, Options, ValidationReport, VersionInfo, WhatIfEdits};
use dsplan_policy::CheckReport;
use dsplan_rollout::{RolloutOptions, RolloutReport};
use std::path::Path;
use std::sync::Arc;
use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, ResourceLimiter, Store, Trap};

/// The dsplan component, compiled and linked once, ready to answer calls.
///
/// Cheap to share: every entry point takes `&self`, and each call runs in its own store. A
/// planner and its clones share one pool of [`Config::concurrent_calls`] slots.
#[derive(Clone)]
pub struct Planner {
    pre: DsplanPre<Guard>,
    slots: Arc<Slots>,
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
        Ok(Self {
            pre,
            slots: Arc::new(Slots::new(config.concurrent_calls)),
            config,
        })
    }

    /// The configuration this planner runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Plans every DaemonSet in `inputs`, as `dsplan_engine::plan` does natively.
    pub fn plan(&self, inputs: &[Input<'_>], options: &Options) -> Result<PlanReport, Error> {
        self.check_size(inputs.iter().map(|input| input.text))?;
        let documents = convert::documents(inputs);
        let options = convert::options(options);
        let answer = self.call(|store, guest| guest.call_plan(store, &documents, &options))?;
        answer.map(PlanReport::from).map_err(Error::from)
    }

    /// Simulates each DaemonSet's rollout after `what_if`, as `dsplan_engine::rollout` does
    /// natively. The added nodes' files count towards [`Config::max_input_bytes`].
    pub fn rollout(
        &self,
        inputs: &[Input<'_>],
        options: &Options,
        rollout_options: &RolloutOptions,
        what_if: &WhatIfEdits<'_>,
    ) -> Result<RolloutReport, Error> {
        self.check_size(
            inputs
                .iter()
                .chain(what_if.add_nodes)
                .map(|input| input.text),
        )?;
        let documents = convert::documents(inputs);
        let options = convert::options(options);
        let rollout_options = convert::rollout_options(rollout_options);
        let what_if = convert::what_if(what_if);
        let answer = self.call(|store, guest| {
            guest.call_rollout(store, &documents, &options, rollout_options, &what_if)
        })?;
        answer.map(RolloutReport::from).map_err(Error::from)
    }

    /// Evaluates `policy` (`(file name, text)`; the built-in default policy when `None`)
    /// against `inputs`, as `dsplan_engine::check` does natively. The policy text counts
    /// towards [`Config::max_input_bytes`].
    pub fn check(
        &self,
        inputs: &[Input<'_>],
        policy: Option<(&str, &str)>,
        options: &Options,
        rollout_options: &RolloutOptions,
    ) -> Result<CheckReport, Error> {
        let policy_text = policy.map(|(_, text)| text);
        self.check_size(inputs.iter().map(|input| input.text).chain(policy_text))?;
        let documents = convert::documents(inputs);
        let policy = policy.map(convert::policy);
        let options = convert::options(options);
        let rollout_options = convert::rollout_options(rollout_options);
        let answer = self.call(|store, guest| {
            guest.call_check(
                store,
                &documents,
                policy.as_ref(),
                &options,
                rollout_options,
            )
        })?;
        answer.map(CheckReport::from).map_err(Error::from)
    }

    /// Validates every DaemonSet in `inputs` as a create, as `dsplan_engine::validate` does
    /// natively.
    pub fn validate(&self, inputs: &[Input<'_>]) -> Result<ValidationReport, Error> {
        self.validate_documents(inputs, None)
    }

    /// Validates every DaemonSet in `new` as an update of its namesake in `old`, as
    /// `dsplan_engine::validate_update` does natively.
    pub fn validate_update(
        &self,
        old: &[Input<'_>],
        new: &[Input<'_>],
    ) -> Result<ValidationReport, Error> {
        self.validate_documents(new, Some(old))
    }

    fn validate_documents(
        &self,
        new: &[Input<'_>],
        old: Option<&[Input<'_>]>,
    ) -> Result<ValidationReport, Error> {
        self.check_size(
            new.iter()
                .chain(old.unwrap_or_default())
                .map(|input| input.text),
        )?;
        let documents = convert::documents(new);
        let old = old.map(convert::documents);
        let answer =
            self.call(|store, guest| guest.call_validate(store, &documents, old.as_deref()))?;
        answer.map(ValidationReport::from).map_err(Error::from)
    }

    /// dsplan's version and Kubernetes release, as the component reports them.
    pub fn version(&self) -> Result<VersionInfo, Error> {
        self.call(|store, guest| guest.call_version(store))
            .map(VersionInfo::from)
    }

    /// Refuses input text above [`Config::max_input_bytes`] before the guest runs.
    fn check_size<'t>(&self, texts: impl Iterator<Item = &'t str>) -> Result<(), Error> {
        let size: usize = texts.map(str::len).sum();
        if size > self.config.max_input_bytes {
            return Err(Error::LimitExceeded {
                limit: Limit::InputBytes,
                max: self.config.max_input_bytes as u64,
            });
        }
        Ok(())
    }

    /// Instantiates the component in a fresh store, in a free pool slot, with this planner's
    /// guard rails and runs `f` on its `planner` export. Traps and exhausted limits become
    /// [`Error`]s.
    fn call<R>(
        &self,
        f: impl FnOnce(&mut Store<Guard>, &wit::Guest) -> wasmtime::Result<R>,
    ) -> Result<R, Error> {
        // Declared before the store, so dropped after it: the store's drop frees the slot.
        let _slot = self.slots.take();
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
    engine_config
        .consume_fuel(config.fuel.is_some())
        .allocation_strategy(pool::allocation_strategy(config.concurrent_calls));
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
