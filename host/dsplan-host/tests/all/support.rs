//! Shared fixtures: one compiled planner per test binary, and owned inputs.

use dsplan_engine::{Input, Role};
use dsplan_host::{Config, Planner};
use std::sync::OnceLock;

/// The embedded component, compiled once with the default guard rails.
pub fn planner() -> &'static Planner {
    static PLANNER: OnceLock<Planner> = OnceLock::new();
    PLANNER.get_or_init(|| Planner::new(Config::default()).expect("embedded component loads"))
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
