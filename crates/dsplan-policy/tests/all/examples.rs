//! End to end on the repository's examples: read, plan, check, as `dsplan check` does.

use dsplan_model::FeatureGates;
use dsplan_policy::{check, default_policy, parse_policy, CheckReport, Policy};
use dsplan_snapshot::{parse, Input, Role};

const CLUSTER: &str = "examples/clusters/cloud-gpu-spot.yaml";

fn run(proposed: &[&str], policy: &Policy) -> CheckReport {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");
    let texts: Vec<(&str, String, Role)> = std::iter::once((CLUSTER, Role::Snapshot))
        .chain(proposed.iter().map(|p| (*p, Role::Proposed)))
        .map(|(name, role)| {
            let text = std::fs::read_to_string(format!("{root}{name}")).unwrap();
            (name, text, role)
        })
        .collect();
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .map(|(name, text, role)| Input {
            name,
            text,
            role: *role,
        })
        .collect();
    let snapshot = parse(&inputs).unwrap();
    let gates = FeatureGates::default();
    let plan = dsplan_core::plan(&snapshot, &gates);
    check(&snapshot, &plan, None, policy, &gates)
}

fn findings(report: &CheckReport, name: &str) -> Vec<(String, String)> {
    report
        .findings
        .iter()
        .filter(|f| f.daemon_set.as_ref().is_some_and(|d| d.name == name))
        .map(|f| (f.rule.clone(), f.fix.clone()))
        .collect()
}

#[test]
fn default_policy_on_the_gpu_spot_cluster() {
    let report = run(
        &[
            "examples/daemonsets/node-exporter.yaml",
            "examples/daemonsets/legacy-extensions-v1beta1.yaml",
        ],
        &default_policy().unwrap(),
    );
    // node-exporter does not fit the one node whose cpu is nearly all requested.
    assert_eq!(
        findings(&report, "node-exporter")[0],
        (
            "fits-targeted-nodes".to_owned(),
            "lower the cpu request or free cpu on 1 node".to_owned()
        )
    );
    // The legacy manifest is flagged through the snapshot's note.
    let legacy = findings(&report, "node-problem-detector");
    assert_eq!(legacy[0].0, "api-version-served");
    let located = report
        .findings
        .iter()
        .find(|f| f.rule == "api-version-served")
        .and_then(|f| f.location.clone())
        .unwrap();
    assert_eq!(
        located.file,
        "examples/daemonsets/legacy-extensions-v1beta1.yaml"
    );
    assert_eq!(report.exit_code(false), 1);
}

#[test]
fn coverage_of_every_node_names_the_node_affinity_of_the_gpu_plugin() {
    let policy = parse_policy(
        "p.yaml",
        "apiVersion: dsplan.dev/v1\nkind: Policy\nspec:\n  rules:\n  - {id: everywhere, severity: error, coverage: {}}\n",
    )
    .unwrap();
    let report = run(&["examples/daemonsets/gpu-device-plugin.yaml"], &policy);
    let gpu = report
        .findings
        .iter()
        .find(|f| {
            f.daemon_set
                .as_ref()
                .is_some_and(|d| d.name == "nvidia-device-plugin-daemonset")
        })
        .unwrap();
    assert_eq!(gpu.nodes.len(), 8);
    assert!(
        gpu.message.starts_with("does not run on 8 of 11 nodes ("),
        "{}",
        gpu.message
    );
    assert!(gpu
        .message
        .ends_with("none of 2 required node-affinity term(s) match"));
    assert_eq!(gpu.fix, "widen the required node affinity to cover 8 nodes");
}
