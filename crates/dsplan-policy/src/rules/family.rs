//! `family`: DaemonSets that split one daemon by hardware (for example one per GPU vendor) must
//! together run exactly once on every node in scope. A node no member runs on is a gap; a node
//! two or more run on is an overlap.

use crate::context::{runs_on, Context, Target};
use crate::finding::DaemonSetRef;
use crate::glob::Glob;
use crate::rules::cause::cause;
use crate::rules::{list, nodes_word, Issue};
use crate::selector::Selector;

/// The DaemonSets of the plan that belong to the family.
pub(crate) fn members<'c, 'a>(ctx: &'c Context<'a>, globs: &[Glob]) -> Vec<&'c Target<'a>> {
    ctx.targets
        .iter()
        .filter(|t| {
            globs
                .iter()
                .any(|g| g.matches(&t.reference.namespace, &t.reference.name))
        })
        .collect()
}

/// Gaps (reported against no DaemonSet) and overlaps (reported against the later member of
/// each overlapping set, in plan order).
pub(crate) fn family(
    ctx: &Context<'_>,
    members: &[&Target<'_>],
    nodes: Option<&Selector>,
) -> Vec<(Option<DaemonSetRef>, Issue)> {
    let mut gaps: Vec<String> = Vec::new();
    let mut overlaps: Vec<(Vec<usize>, Vec<String>)> = Vec::new();
    for node in ctx
        .snapshot
        .nodes
        .iter()
        .filter_map(|n| n.value.metadata.name.as_deref())
    {
        if !nodes.is_none_or(|s| s.matches(ctx.node_labels(node))) {
            continue;
        }
        let running: Vec<usize> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| m.plan.nodes.iter().any(|n| n.node == node && runs_on(n)))
            .map(|(i, _)| i)
            .collect();
        match running.len() {
            0 => gaps.push(node.to_owned()),
            1 => {}
            _ => match overlaps.iter_mut().find(|(set, _)| *set == running) {
                Some((_, names)) => names.push(node.to_owned()),
                None => overlaps.push((running, vec![node.to_owned()])),
            },
        }
    }
    let scope = nodes.map_or_else(|| "node".to_owned(), |s| format!("node matching {s}"));
    let names = |m: &[&Target<'_>]| {
        m.iter()
            .map(|t| t.reference.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut issues = Vec::new();
    if !gaps.is_empty() {
        let first = &gaps[0];
        let why: Vec<String> = members
            .iter()
            .filter_map(|m| {
                let plan = m.plan.nodes.iter().find(|n| &n.node == first)?;
                Some(format!("{}: {}", m.reference, cause(plan).0))
            })
            .collect();
        let message = if members.is_empty() {
            format!(
                "no DaemonSet of the family runs on {} ({}): no member matched",
                nodes_word(gaps.len()),
                list(&gaps)
            )
        } else {
            format!(
                "no member of [{}] runs on {} ({}); on {first}: {}",
                names(members),
                nodes_word(gaps.len()),
                list(&gaps),
                why.join("; ")
            )
        };
        issues.push((
            None,
            Issue {
                message,
                fix: format!(
                    "extend one member's node selection or tolerations to cover {} (every {scope} needs exactly one)",
                    nodes_word(gaps.len())
                ),
                nodes: gaps,
            },
        ));
    }
    for (set, nodes_hit) in overlaps {
        let set: Vec<&Target<'_>> = set.iter().map(|&i| members[i]).collect();
        let Some(last) = set.last() else {
            continue;
        };
        issues.push((
            Some(last.reference.clone()),
            Issue {
                message: format!(
                    "[{}] all run on {} ({}): the family must run exactly once per node",
                    names(&set),
                    nodes_word(nodes_hit.len()),
                    list(&nodes_hit)
                ),
                fix: format!(
                    "make the members' node selectors exclusive (for example NotIn on the hardware label) on {}",
                    nodes_word(nodes_hit.len())
                ),
                nodes: nodes_hit,
            },
        ));
    }
    issues
}
