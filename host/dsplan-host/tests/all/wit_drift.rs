//! The built component's WIT (as `wasm-tools component wit` prints it) is the committed
//! `wasm/wit/dsplan.wit`, and the component imports nothing.

use crate::support::planner;

/// Significant lines: no comments, no blank lines, no indentation.
fn normalize(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect()
}

/// The lines of `interface planner { ... }`, braces included.
fn interface<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let start = lines
        .iter()
        .position(|l| *l == "interface planner {")
        .expect("interface planner");
    let mut depth = 0;
    let mut out = Vec::new();
    for line in &lines[start..] {
        depth += line.matches('{').count();
        depth -= line.matches('}').count();
        out.push(*line);
        if depth == 0 {
            break;
        }
    }
    out
}

#[test]
fn the_component_exports_the_committed_wit() {
    let committed = include_str!("../../../../wasm/wit/dsplan.wit");
    let built = include_str!(concat!(env!("DSPLAN_WASM_DIR"), "/dsplan.component.wit"));
    let (committed, built) = (normalize(committed), normalize(built));
    assert_eq!(interface(&committed), interface(&built));
    assert!(committed.contains(&"package dsplan:planner@0.2.0;"));
    assert!(committed.contains(&"export planner;"));
    assert!(built.contains(&"export dsplan:planner/planner@0.2.0;"));
    let exports = built.iter().filter(|l| l.starts_with("export ")).count();
    let imports = built.iter().filter(|l| l.starts_with("import ")).count();
    assert_eq!((exports, imports), (1, 0), "{built:#?}");
    // And the planner the host built from it really answers.
    assert!(planner().version().is_ok());
}
