//! Pod templates as JSON values: comparing a proposed template with the server's
//! ([`same_template`]), the template a ControllerRevision records, and dsplan's name for a
//! revision upstream would name by `ComputeHash`.
//!
//! Upstream's `Match` (`pkg/controller/daemon/update.go`) compares the serialized bytes of two
//! templates the API server has both defaulted. A proposed template is written by a user, so it
//! is defaulted as the API server would (`dsplan_validation::default_daemon_set`) and a field the
//! server's Pod defaulting fills in (`pkg/apis/core/v1/defaults.go`) that the proposal leaves out
//! is not a change.
//!
//! Upstream names a new revision by `ComputeHash` (FNV-32a over Go's deep print of the
//! template), which cannot be reproduced outside Go (R-H2): dsplan names it
//! `dsplan-<8 hex digits>`, the FNV-32a of the template's canonical JSON ([`dsplan_hash`]).

use dsplan_model::k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet};
use serde_json::Value;

/// Fields the API server's Pod defaulting sets (`SetDefaults_PodSpec`, `SetDefaults_Container`,
/// `SetDefaults_ContainerPort`, `SetDefaults_HostPathVolumeSource`, `SetDefaults_Probe`,
/// `SetDefaults_SecretVolumeSource`, `SetDefaults_ConfigMapVolumeSource`,
/// `SetDefaults_ObjectFieldSelector`), with the value they get (`None`: it depends on other
/// fields).
const SERVER_DEFAULTS: &[(&str, Option<&str>)] = &[
    ("dnsPolicy", None),
    ("restartPolicy", None),
    ("schedulerName", None),
    ("terminationGracePeriodSeconds", None),
    ("securityContext", Some("{}")),
    ("imagePullPolicy", None),
    ("terminationMessagePath", None),
    ("terminationMessagePolicy", None),
    ("protocol", Some("\"TCP\"")),
    ("type", Some("\"\"")),
    ("timeoutSeconds", Some("1")),
    ("periodSeconds", Some("10")),
    ("successThreshold", Some("1")),
    ("failureThreshold", Some("3")),
    ("defaultMode", Some("420")),
    ("apiVersion", Some("\"v1\"")),
];

/// `proposed` equals `server` except for server-defaulted fields `proposed` leaves out.
pub fn same_template(proposed: &Value, server: &Value) -> bool {
    match (proposed, server) {
        (Value::Object(mine), Value::Object(theirs)) => {
            mine.iter().all(|(key, value)| {
                theirs
                    .get(key)
                    .is_some_and(|other| same_template(value, other))
            }) && theirs
                .iter()
                .all(|(key, value)| mine.contains_key(key) || is_server_default(key, value))
        }
        (Value::Array(mine), Value::Array(theirs)) => {
            mine.len() == theirs.len() && mine.iter().zip(theirs).all(|(a, b)| same_template(a, b))
        }
        _ => proposed == server,
    }
}

fn is_server_default(key: &str, value: &Value) -> bool {
    SERVER_DEFAULTS.iter().any(|(name, default)| {
        *name == key
            && default
                .is_none_or(|text| serde_json::from_str::<Value>(text).is_ok_and(|d| &d == value))
    })
}

/// `spec.template` of `ds` defaulted as the API server would, as a JSON value.
pub(super) fn template_json(ds: &DaemonSet) -> Value {
    let mut defaulted = ds.clone();
    dsplan_validation::default_daemon_set(&mut defaulted);
    defaulted
        .spec
        .as_ref()
        .and_then(|spec| serde_json::to_value(&spec.template).ok())
        .unwrap_or(Value::Null)
}

/// The template a revision records: `data.spec.template` without the `$patch` directive (R-H2).
pub(super) fn revision_template(rev: &ControllerRevision) -> Option<Value> {
    let mut template = rev.data.as_ref()?.0.get("spec")?.get("template")?.clone();
    if let Value::Object(map) = &mut template {
        map.remove("$patch");
    }
    Some(template)
}

/// `dsplan-` and the FNV-32a of the template's canonical JSON (sorted keys), in hex.
pub(super) fn dsplan_hash(template: &Value) -> String {
    let text = template.to_string();
    let hash = text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    format!("dsplan-{hash:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn server_defaults_left_out_of_a_proposal_are_no_change() {
        let server = json!({"spec": {"securityContext": {}, "dnsPolicy": "ClusterFirst",
            "containers": [{"image": "a", "imagePullPolicy": "IfNotPresent",
                            "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}});
        let written =
            json!({"spec": {"containers": [{"image": "a", "ports": [{"containerPort": 80}]}]}});
        assert!(same_template(&written, &server));
        let udp = json!({"spec": {"containers": [{"image": "a", "ports": [{"containerPort": 80, "protocol": "UDP"}]}]}});
        assert!(!same_template(&udp, &server));
        let dropped_selector = json!({"spec": {"containers": [{"image": "a"}]}});
        let with_selector =
            json!({"spec": {"nodeSelector": {"a": "b"}, "containers": [{"image": "a"}]}});
        assert!(
            !same_template(&dropped_selector, &with_selector),
            "a removed field is a change"
        );
    }

    #[test]
    fn a_template_is_compared_as_the_server_defaults_it() {
        let ds: DaemonSet = serde_json::from_value(json!({"spec": {"selector": {},
            "template": {"spec": {"containers": [{"name": "c", "image": "a"}]}}}}))
        .expect("DaemonSet");
        let template = template_json(&ds);
        assert_eq!(template["spec"]["restartPolicy"], "Always");
        assert_eq!(template["spec"]["terminationGracePeriodSeconds"], 30);
    }

    #[test]
    fn the_dsplan_hash_is_fnv_32a_of_the_canonical_json() {
        // FNV-32a of the four bytes `null`.
        assert_eq!(dsplan_hash(&Value::Null), "dsplan-77074ba4");
    }
}
