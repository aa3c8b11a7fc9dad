//! Shared fixtures: the component compiled once per test run, and owned inputs.
//!
//! Every planner a test builds goes through one compile cache under the target directory, so
//! the ~4 MB component is compiled by cranelift once and later planners (other limits, other
//! test binaries, later runs) load the cached machine code.

use dsplan_engine::{Input, Role};
use dsplan_host::{Config, Planner};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The cache directory shared by the tests of this crate.
fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("dsplan-host-cwasm")
}

/// `config` with the shared compile cache.
pub fn cached(config: Config) -> Config {
    Config {
        cache_dir: Some(cache_dir()),
        ..config
    }
}

/// The embedded component with the default guard rails, compiled (or loaded) once.
pub fn planner() -> &'static Planner {
    static PLANNER: OnceLock<Planner> = OnceLock::new();
    PLANNER
        .get_or_init(|| Planner::new(cached(Config::default())).expect("embedded component loads"))
}

/// The embedded component with other limits. Fills the cache through [`planner`] first, so
/// concurrent tests never compile the component side by side.
pub fn planner_with(config: Config) -> Planner {
    planner();
    Planner::new(cached(config)).expect("embedded component loads")
}

/// Input files owned by a test.
pub struct Files(pub Vec<(String, String, Role)>);

impl Files {
    pub fn inputs(&self) -> Vec<Input<'_>> {
        self.0
            .iter()
            .map(|(name, text, role)| Input {
                name,
                text,
                role: *role,
            })
            .collect()
    }
}
