//! `selectorOverlap` and `apiVersion`: a DaemonSet's relation to the rest of the cluster.

use dsplan_model::k8s_openapi::api::core::v1::Pod;
use dsplan_validation::selector_matches;

use crate::context::{Context, Target};
use crate::rules::{list, Issue};

/// The DaemonSet's selector matches no pod controlled by another workload and no other
/// DaemonSet's template in its namespace: the controller claims pods by selector
/// (`ClaimPods`), so overlapping selectors make controllers fight over pods.
pub(crate) fn selector_overlap(ctx: &Context<'_>, target: &Target<'_>) -> Vec<Issue> {
    let Some(selector) = target
        .object
        .and_then(|o| o.value.spec.as_ref())
        .map(|s| &s.selector)
    else {
        return Vec::new();
    };
    let empty = selector.match_labels.as_ref().is_none_or(|m| m.is_empty())
        && selector
            .match_expressions
            .as_ref()
            .is_none_or(|e| e.is_empty());
    if empty {
        // An empty selector is a validation error, reported by `dsplan validate`.
        return Vec::new();
    }
    let ns = target.reference.namespace.as_str();
    let mut others: Vec<String> = ctx
        .targets
        .iter()
        .filter(|t| t.reference != target.reference && t.reference.namespace == ns)
        .filter(|t| {
            let labels = t
                .object
                .and_then(|o| o.value.spec.as_ref())
                .and_then(|s| s.template.metadata.as_ref())
                .and_then(|m| m.labels.as_ref());
            selector_matches(selector, labels)
        })
        .map(|t| format!("DaemonSet {}", t.reference.name))
        .collect();
    let mut pods: Vec<String> = ctx
        .snapshot
        .pods
        .iter()
        .map(|p| &p.value)
        .filter(|p| p.metadata.namespace.as_deref().unwrap_or("default") == ns)
        .filter(|p| selector_matches(selector, p.metadata.labels.as_ref()))
        .filter_map(|p| foreign_owner(p, &target.reference.name))
        .collect();
    pods.extend(
        ctx.snapshot
            .foreign_pods
            .iter()
            .filter(|p| p.namespace == ns && selector_matches(selector, Some(&p.labels)))
            .map(|p| controlled(&p.name, &p.controller_kind, &p.controller_name)),
    );
    pods.dedup();
    others.append(&mut pods);
    if others.is_empty() {
        return Vec::new();
    }
    vec![Issue {
        nodes: Vec::new(),
        message: format!("spec.selector also matches {}", list(&others)),
        fix: "add a label unique to this DaemonSet to its template and selector".to_owned(),
    }]
}

/// `Kind name` of the pod's controller when it is not the DaemonSet `ds_name`.
fn foreign_owner(pod: &Pod, ds_name: &str) -> Option<String> {
    let owner = pod
        .metadata
        .owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))?;
    (owner.kind != "DaemonSet" || owner.name != ds_name).then(|| {
        controlled(
            pod.metadata.name.as_deref().unwrap_or_default(),
            &owner.kind,
            &owner.name,
        )
    })
}

/// `pod NAME (controlled by KIND OWNER)`.
fn controlled(name: &str, kind: &str, owner: &str) -> String {
    format!("pod {name} (controlled by {kind} {owner})")
}

/// Group/versions that once served DaemonSets and were removed in Kubernetes 1.16.
pub(crate) const REMOVED_VERSIONS: [&str; 2] = ["extensions/v1beta1", "apps/v1beta2"];

/// The DaemonSet was not read from a removed API version. The snapshot records that in a note
/// naming the version and the DaemonSet as `namespace/name`.
pub(crate) fn api_version(ctx: &Context<'_>, target: &Target<'_>) -> Vec<Issue> {
    let name = target.reference.to_string();
    let Some(version) = ctx.snapshot.notes.iter().find_map(|note| {
        let mentions = note
            .split(|c: char| c.is_whitespace() || c == ',' || c == ':' || c == '(' || c == ')')
            .any(|word| word == name);
        REMOVED_VERSIONS
            .iter()
            .find(|v| mentions && note.contains(*v))
    }) else {
        return Vec::new();
    };
    vec![Issue {
        nodes: Vec::new(),
        message: format!("written as {version} DaemonSet, which Kubernetes no longer serves (removed in 1.16)"),
        fix: "rewrite the manifest as apps/v1 (set spec.selector and spec.updateStrategy explicitly: the old version defaulted both)".to_owned(),
    }]
}
