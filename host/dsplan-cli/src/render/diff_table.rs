//! `dsplan diff -o table`: per DaemonSet, the nodes that gain or lose a daemon pod and the nodes
//! whose reason changed.

use dsplan_rollout::PlacementDiff;
use std::fmt::Write;

/// Renders the diff; says so when nothing changed.
pub fn render(diff: &PlacementDiff) -> String {
    let mut out = String::new();
    for ds in &diff.daemon_sets {
        if ds.gained.is_empty() && ds.lost.is_empty() && ds.changed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "DaemonSet {}/{}", ds.namespace, ds.name);
        for node in &ds.gained {
            let _ = writeln!(out, "  + {node}");
        }
        for node in &ds.lost {
            let _ = writeln!(out, "  - {node}");
        }
        for change in &ds.changed {
            let reason = |r: &[String]| {
                if r.is_empty() {
                    "runs".to_owned()
                } else {
                    r.join(", ")
                }
            };
            let _ = writeln!(
                out,
                "  ~ {}: {} -> {}",
                change.node,
                reason(&change.before.reasons),
                reason(&change.after.reasons)
            );
        }
    }
    if out.is_empty() {
        out.push_str("no placement changes\n");
    }
    out
}
