//! `dsplan_policy::parse_policy` on arbitrary text; a policy that parses is checked against the
//! example cluster's plan and rollout (`seeds/`) and rendered in every format. Errors name the
//! policy file; the JSON and SARIF renderings are JSON.
#![no_main]

use dsplan_core::PlanReport;
use dsplan_engine::{Input, Role};
use dsplan_fuzz::mutate::{CLUSTER, DAEMON_SET};
use dsplan_model::{FeatureGates, Snapshot};
use dsplan_policy::{Format, RolloutInput};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const POLICY_FILE: &str = "policy.yaml";

struct Cluster {
    snapshot: Snapshot,
    plan: PlanReport,
    rollout: RolloutInput,
}

fn cluster() -> &'static Cluster {
    static CLUSTER_PLAN: OnceLock<Cluster> = OnceLock::new();
    CLUSTER_PLAN.get_or_init(|| {
        let inputs = [
            Input {
                name: "cluster.yaml",
                text: CLUSTER,
                role: Role::Snapshot,
            },
            Input {
                name: "daemonset.yaml",
                text: DAEMON_SET,
                role: Role::Proposed,
            },
        ];
        let snapshot = dsplan_snapshot::parse(&inputs).expect("the seed cluster parses");
        let gates = FeatureGates::default();
        let plan = dsplan_core::plan(&snapshot, &gates);
        let rollout = dsplan_rollout::rollout(&snapshot, &gates, &Default::default());
        let rollout = RolloutInput::from(&rollout);
        Cluster {
            snapshot,
            plan,
            rollout,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let policy = match dsplan_policy::parse_policy(POLICY_FILE, text) {
        Ok(policy) => policy,
        Err(error) => {
            let inputs = [Input {
                name: POLICY_FILE,
                text,
                role: Role::Snapshot,
            }];
            dsplan_fuzz::check_input_error(&error.into(), &inputs);
            return;
        }
    };
    let cluster = cluster();
    let gates = FeatureGates::default();
    let report = dsplan_policy::check(
        &cluster.snapshot,
        &cluster.plan,
        Some(&cluster.rollout),
        &policy,
        &gates,
    );
    for format in [
        Format::Text,
        Format::Json,
        Format::Junit,
        Format::Sarif,
        Format::Github,
    ] {
        let rendered = dsplan_policy::render(&report, format);
        if matches!(format, Format::Json | Format::Sarif) {
            if let Err(error) = serde_json::from_str::<serde_json::Value>(&rendered) {
                panic!("{format:?} output is not JSON ({error}):\n{rendered}");
            }
        }
    }
});
