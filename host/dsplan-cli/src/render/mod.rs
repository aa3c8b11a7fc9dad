//! Human-readable renderings of reports (the `-o table` default).

pub mod diff_table;
pub mod plan_table;
pub mod rollout_table;
pub mod style;
