use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_rollout::model::*;
use dsplan_rollout::timeline::{simulate, RolloutOptions};
#[test]
fn perf() {
    for (n, mu, ms) in [(2000usize, 1, 0)] {
        let strategy = Strategy::RollingUpdate(Some(RollingParams {
            max_unavailable: Some(if mu == 0 && ms == 0 {
                IntOrString::String("10%".into())
            } else {
                IntOrString::Int(mu)
            }),
            max_surge: Some(IntOrString::Int(ms)),
        }));
        let w = World {
            ds: SimDaemonSet {
                namespace: "d".into(),
                name: "ds".into(),
                strategy,
                min_ready_seconds: 0,
                revision: Revision {
                    hash: "new".into(),
                    generation: None,
                },
                generation: 2,
            },
            nodes: (0..n)
                .map(|i| SimNode::eligible(format!("node-{i:05}")))
                .collect(),
            pods: (0..n)
                .map(|i| SimPod {
                    name: format!("p{i}"),
                    node: format!("node-{i:05}"),
                    hash: Some("old".into()),
                    generation: None,
                    bound: true,
                    created: -10,
                    phase: Phase::Running,
                    ready: true,
                    ready_since: Some(-10),
                    deleted_at: None,
                })
                .collect(),
        };
        let t = std::time::Instant::now();
        let tl = simulate(w, &RolloutOptions::default());
        eprintln!(
            "n={n} mu={mu} ms={ms}: {} steps, {} syncs, settled {}, done {:?}, {:?}",
            tl.steps.len(),
            tl.syncs,
            tl.settled,
            tl.completed_at_seconds,
            t.elapsed()
        );
    }
}
