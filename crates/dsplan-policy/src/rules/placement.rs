//! `coverage`, `avoid` and the schedulability half of `fit`: where the plan says the
//! DaemonSet's pod runs, against where the policy wants it.

use crate::context::{covered, runs_on, Context, Target};
use crate::rules::cause::group;
use crate::rules::{list, nodes_word, Issue};
use crate::selector::Selector;

/// Every node matching `nodes` (all nodes when `None`) is covered.
pub(crate) fn coverage(
    ctx: &Context<'_>,
    target: &Target<'_>,
    nodes: Option<&Selector>,
) -> Vec<Issue> {
    let matching: Vec<_> = target
        .plan
        .nodes
        .iter()
        .filter(|n| nodes.is_none_or(|s| s.matches(ctx.node_labels(&n.node))))
        .collect();
    let scope = nodes.map_or_else(|| "nodes".to_owned(), |s| format!("nodes matching {s}"));
    let total = matching.len();
    group(matching.into_iter().filter(|n| !covered(n)))
        .into_iter()
        .map(|(why, fix, names)| Issue {
            message: format!(
                "does not run on {} of {total} {scope} ({}): {why}",
                names.len(),
                list(&names)
            ),
            fix: format!("{fix} to cover {}", nodes_word(names.len())),
            nodes: names,
        })
        .collect()
}

/// No node matching `nodes` gets or keeps the pod.
pub(crate) fn avoid(ctx: &Context<'_>, target: &Target<'_>, nodes: &Selector) -> Vec<Issue> {
    let names: Vec<String> = target
        .plan
        .nodes
        .iter()
        .filter(|n| runs_on(n) && nodes.matches(ctx.node_labels(&n.node)))
        .map(|n| n.node.clone())
        .collect();
    if names.is_empty() {
        return Vec::new();
    }
    vec![Issue {
        message: format!(
            "runs on {} matching {nodes} ({}), which it must avoid",
            nodes_word(names.len()),
            list(&names)
        ),
        fix: format!(
            "add a required node affinity term that excludes {} to leave {}",
            exclusion(nodes),
            nodes_word(names.len())
        ),
        nodes: names,
    }]
}

/// The node-affinity expression that excludes what `nodes` selects, in words.
fn exclusion(nodes: &Selector) -> String {
    let mut parts: Vec<String> = nodes
        .match_labels
        .iter()
        .map(|(k, v)| format!("{k} NotIn [{v}]"))
        .collect();
    parts.extend(
        nodes
            .match_expressions
            .iter()
            .map(|r| match r.operator.as_str() {
                "In" => format!("{} NotIn [{}]", r.key, r.values.join(", ")),
                "NotIn" => format!("{} In [{}]", r.key, r.values.join(", ")),
                "Exists" => format!("{} DoesNotExist", r.key),
                _ => format!("{} Exists", r.key),
            }),
    );
    if parts.is_empty() {
        "every node".to_owned()
    } else {
        parts.join(" or ")
    }
}

/// Every node the controller targets can schedule the pod.
pub(crate) fn fits(target: &Target<'_>) -> Vec<Issue> {
    let targeted = target.plan.nodes.iter().filter(|n| n.should_run).count();
    group(
        target
            .plan
            .nodes
            .iter()
            .filter(|n| n.should_run && n.schedulable == Some(false)),
    )
    .into_iter()
    .map(|(why, fix, names)| Issue {
        message: format!(
            "pod would stay Pending on {} of {targeted} targeted nodes ({}): {why}",
            names.len(),
            list(&names)
        ),
        fix: format!("{fix} on {}", nodes_word(names.len())),
        nodes: names,
    })
    .collect()
}
