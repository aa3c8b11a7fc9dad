//! Human-readable renderings of reports (the `-o table` default).

pub mod plan_table;
pub mod style;
