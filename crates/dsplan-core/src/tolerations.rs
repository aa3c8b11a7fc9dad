//! Taints and tolerations: `Toleration.ToleratesTaint` (`k8s.io/api/core/v1/toleration.go`),
//! `FindMatchingUntoleratedTaint` (`component-helpers/scheduling/corev1/helpers.go`), and the
//! DaemonSet default tolerations with their merge rule (`pkg/controller/daemon/util/
//! daemonset_util.go` `AddOrUpdateDaemonPodTolerations`, `pkg/apis/core/v1/helper/helpers.go`
//! `AddOrUpdateTolerationInPodSpec`).

use dsplan_model::k8s_openapi::api::core::v1::{Taint, Toleration};

/// `TaintEffectNoSchedule`.
pub const NO_SCHEDULE: &str = "NoSchedule";
/// `TaintEffectNoExecute`.
pub const NO_EXECUTE: &str = "NoExecute";
/// `TaintNodeUnschedulable`.
pub const TAINT_UNSCHEDULABLE: &str = "node.kubernetes.io/unschedulable";

/// `(key, effect)` of the default DaemonSet tolerations, all `Exists`, in upstream order; the
/// last one only for `hostNetwork` pods.
const DEFAULT_TOLERATIONS: [(&str, &str); 6] = [
    ("node.kubernetes.io/not-ready", NO_EXECUTE),
    ("node.kubernetes.io/unreachable", NO_EXECUTE),
    ("node.kubernetes.io/disk-pressure", NO_SCHEDULE),
    ("node.kubernetes.io/memory-pressure", NO_SCHEDULE),
    ("node.kubernetes.io/pid-pressure", NO_SCHEDULE),
    (TAINT_UNSCHEDULABLE, NO_SCHEDULE),
];
const NETWORK_UNAVAILABLE: &str = "node.kubernetes.io/network-unavailable";

/// `Toleration.ToleratesTaint`: effect (empty matches all), key (empty matches all), then the
/// operator. `Lt`/`Gt` tolerate only when `comparison_operators` (the
/// `TaintTolerationComparisonOperators` gate) is on.
pub fn tolerates(toleration: &Toleration, taint: &Taint, comparison_operators: bool) -> bool {
    let effect = toleration.effect.as_deref().unwrap_or_default();
    if !effect.is_empty() && effect != taint.effect {
        return false;
    }
    let key = toleration.key.as_deref().unwrap_or_default();
    if !key.is_empty() && key != taint.key {
        return false;
    }
    let value = toleration.value.as_deref().unwrap_or_default();
    let taint_value = taint.value.as_deref().unwrap_or_default();
    match toleration.operator.as_deref().unwrap_or_default() {
        "" | "Equal" => value == taint_value,
        "Exists" => true,
        op @ ("Lt" | "Gt") if comparison_operators => {
            match (decimal_integer(taint_value), decimal_integer(value)) {
                (Some(taint_number), Some(toleration_number)) if op == "Lt" => {
                    taint_number < toleration_number
                }
                (Some(taint_number), Some(toleration_number)) => taint_number > toleration_number,
                _ => false,
            }
        }
        _ => false,
    }
}

/// `content.IsDecimalInteger` then int64 parsing, as `compareNumericValues` requires: `0` or an
/// optional `-` and `[1-9][0-9]*` (no `+`, no leading zeros, no `-0`).
fn decimal_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = text == "0"
        || (digits.starts_with(|c: char| matches!(c, '1'..='9'))
            && digits.bytes().all(|b| b.is_ascii_digit()));
    if canonical {
        text.parse().ok()
    } else {
        None
    }
}

/// `TolerationsTolerateTaint`: any toleration tolerates the taint.
pub fn tolerated(tolerations: &[Toleration], taint: &Taint, comparison_operators: bool) -> bool {
    tolerations
        .iter()
        .any(|t| tolerates(t, taint, comparison_operators))
}

/// `FindMatchingUntoleratedTaint`: the first taint, in node order, kept by `filter` and
/// tolerated by none of `tolerations`.
pub fn find_untolerated<'t>(
    taints: &'t [Taint],
    tolerations: &[Toleration],
    comparison_operators: bool,
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'t Taint> {
    taints
        .iter()
        .filter(|taint| filter(taint))
        .find(|taint| !tolerated(tolerations, taint, comparison_operators))
}

/// `DoNotScheduleTaintsFilterFunc`: effect `NoSchedule` or `NoExecute`.
pub fn no_schedule_or_no_execute(taint: &Taint) -> bool {
    taint.effect == NO_SCHEDULE || taint.effect == NO_EXECUTE
}

/// The tolerations of a daemon pod: the template's, with the default DaemonSet tolerations
/// merged in (`AddOrUpdateDaemonPodTolerations`).
pub fn with_daemon_tolerations(template: &[Toleration], host_network: bool) -> Vec<Toleration> {
    let mut tolerations = template.to_vec();
    let network = host_network.then_some((NETWORK_UNAVAILABLE, NO_SCHEDULE));
    for (key, effect) in DEFAULT_TOLERATIONS.into_iter().chain(network) {
        let default = Toleration {
            key: Some(key.to_owned()),
            operator: Some("Exists".to_owned()),
            effect: Some(effect.to_owned()),
            ..Default::default()
        };
        add_or_update(&mut tolerations, default);
    }
    tolerations
}

/// `AddOrUpdateTolerationInPodSpec`: every entry with the same key, effect, operator and value
/// (`MatchToleration`) is replaced by `toleration` (so a user's `tolerationSeconds` is
/// dropped); without such an entry `toleration` is appended.
fn add_or_update(tolerations: &mut Vec<Toleration>, toleration: Toleration) {
    // Go strings: an absent field equals an empty one.
    let text = |field: &Option<String>| field.as_deref().unwrap_or_default().to_owned();
    let fields = |t: &Toleration| {
        (
            text(&t.key),
            text(&t.effect),
            text(&t.operator),
            text(&t.value),
        )
    };
    let wanted = fields(&toleration);
    let same = |t: &Toleration| fields(t) == wanted;
    let mut matched = false;
    for existing in tolerations.iter_mut().filter(|t| same(t)) {
        existing.clone_from(&toleration);
        matched = true;
    }
    if !matched {
        tolerations.push(toleration);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            value: Some(value.into()),
            effect: effect.into(),
            ..Default::default()
        }
    }

    fn toleration(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
        Toleration {
            key: Some(key.into()),
            operator: Some(op.into()),
            value: Some(value.into()),
            effect: Some(effect.into()),
            ..Default::default()
        }
    }

    #[test]
    fn equal_exists_and_empty_fields() {
        let t = taint("k", "v", NO_SCHEDULE);
        assert!(tolerates(&toleration("k", "Equal", "v", ""), &t, false));
        assert!(!tolerates(&toleration("k", "Equal", "w", ""), &t, false));
        assert!(tolerates(&toleration("", "Exists", "", ""), &t, false));
        assert!(!tolerates(
            &toleration("k", "Exists", "", NO_EXECUTE),
            &t,
            false
        ));
        assert!(
            tolerates(&toleration("", "", "v", ""), &t, false),
            "empty key with Equal tolerates any key with that value"
        );
        assert!(!tolerates(&toleration("k", "Foo", "", ""), &t, false));
    }

    #[test]
    fn comparison_operators_need_the_gate_and_canonical_integers() {
        let t = taint("k", "10", NO_SCHEDULE);
        let gt = toleration("k", "Gt", "5", "");
        assert!(!tolerates(&gt, &t, false));
        assert!(tolerates(&gt, &t, true));
        assert!(!tolerates(&toleration("k", "Lt", "5", ""), &t, true));
        assert!(!tolerates(&toleration("k", "Gt", "05", ""), &t, true));
        assert!(!tolerates(&toleration("k", "Gt", "+5", ""), &t, true));
        assert!(!tolerates(&gt, &taint("k", "-0", NO_SCHEDULE), true));
        assert!(tolerates(&gt, &taint("k", "6", NO_SCHEDULE), true));
        assert!(tolerates(
            &toleration("k", "Lt", "0", ""),
            &taint("k", "-3", NO_SCHEDULE),
            true
        ));
    }

    #[test]
    fn defaults_are_appended_in_order_and_overwrite_matches() {
        let mut user = toleration("node.kubernetes.io/not-ready", "Exists", "", NO_EXECUTE);
        user.value = None;
        user.toleration_seconds = Some(300);
        let merged = with_daemon_tolerations(&[user], false);
        assert_eq!(merged.len(), 6);
        assert_eq!(merged[0].toleration_seconds, None, "user seconds dropped");
        let merged = with_daemon_tolerations(&[], true);
        assert_eq!(merged.len(), 7);
        assert_eq!(merged[6].key.as_deref(), Some(NETWORK_UNAVAILABLE));
    }

    #[test]
    fn finds_first_untolerated_in_node_order() {
        let taints = [
            taint("a", "", "PreferNoSchedule"),
            taint("b", "", NO_SCHEDULE),
            taint("c", "", NO_EXECUTE),
        ];
        let found = find_untolerated(&taints, &[], false, no_schedule_or_no_execute);
        assert_eq!(found.map(|t| t.key.as_str()), Some("b"));
        let found = find_untolerated(&taints, &[], false, |t| t.effect == NO_EXECUTE);
        assert_eq!(found.map(|t| t.key.as_str()), Some("c"));
    }
}
