//! Times [`simulate`] on a synthetic cluster: `cargo run --release -p dsplan-rollout --example
//! scale -- <nodes> <maxUnavailable>` rolls a DaemonSet with one old, available pod on each of
//! `nodes` eligible nodes and prints the syncs, steps and wall time.

use std::time::Instant;

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_rollout::model::{
    Phase, Revision, RollingParams, SimDaemonSet, SimNode, SimPod, Strategy, World,
};
use dsplan_rollout::timeline::{simulate, RolloutOptions};

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut number = |default: usize| -> Result<usize, String> {
        args.next().map_or(Ok(default), |arg| {
            arg.parse().map_err(|e| format!("{arg}: {e}"))
        })
    };
    let nodes = number(2000)?;
    let max_unavailable = i32::try_from(number(1)?).map_err(|e| e.to_string())?;
    let world = World {
        ds: SimDaemonSet {
            namespace: "default".into(),
            name: "agent".into(),
            strategy: Strategy::RollingUpdate(Some(RollingParams {
                max_unavailable: Some(IntOrString::Int(max_unavailable)),
                max_surge: Some(IntOrString::Int(0)),
            })),
            min_ready_seconds: 0,
            revision: Revision {
                hash: "new".into(),
                generation: Some(2),
            },
            generation: 2,
        },
        nodes: (0..nodes)
            .map(|i| SimNode::eligible(format!("node-{i:05}")))
            .collect(),
        pods: (0..nodes)
            .map(|i| SimPod {
                name: format!("agent-old-{i:05}"),
                node: format!("node-{i:05}"),
                hash: Some("old".into()),
                generation: Some("1".into()),
                bound: true,
                created: -1_000,
                phase: Phase::Running,
                ready: true,
                ready_since: Some(-1_000),
                deleted_at: None,
            })
            .collect(),
    };
    let start = Instant::now();
    let timeline = simulate(world, &RolloutOptions::default());
    println!(
        "{nodes} nodes, maxUnavailable {max_unavailable}: {} syncs, {} steps, settled {}, updated {}, {:.2} s",
        timeline.syncs,
        timeline.steps.len(),
        timeline.settled,
        timeline.final_status.updated_number_scheduled,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
