//! What users feed dsplan — kubectl output and manifests — and what they get back: the objects,
//! the notes, and errors that point at the file, document, object, field, line and column.

use dsplan_model::k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use dsplan_model::InputError;
use dsplan_snapshot::{parse, Input, Role};

fn snapshot(text: &str) -> dsplan_model::Snapshot {
    parse(&[Input {
        name: "in.yaml",
        text,
        role: Role::Snapshot,
    }])
    .unwrap_or_else(|e| panic!("{e}"))
}

fn error(text: &str) -> InputError {
    match parse(&[Input {
        name: "in.yaml",
        text,
        role: Role::Snapshot,
    }]) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    }
}

/// `kubectl get nodes,pods,daemonsets,configmaps,services -A -o yaml`: keys sorted, so `items`
/// come before `kind: List`.
const KUBECTL_YAML: &str = "\
apiVersion: v1
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-1
  spec:
    taints:
    - effect: NoSchedule
      key: dedicated
  status:
    allocatable:
      cpu: \"4\"
      memory: 16Gi
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-0
  spec:
    containers:
    - image: nginx
      name: web
      resources:
        requests:
          cpu: 500m
    nodeName: worker-1
- apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: fluentd
    namespace: kube-system
  spec:
    selector:
      matchLabels:
        app: fluentd
    template:
      metadata:
        labels:
          app: fluentd
      spec:
        containers:
        - image: fluentd
          name: fluentd
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
- apiVersion: v1
  data:
    x: y
  kind: ConfigMap
  metadata:
    name: b
- apiVersion: v1
  kind: Service
  metadata:
    name: c
kind: List
metadata:
  resourceVersion: \"\"
";

#[test]
fn reads_a_kubectl_yaml_list() {
    let s = snapshot(KUBECTL_YAML);
    assert_eq!(s.nodes.len(), 1);
    assert_eq!(s.pods.len(), 1);
    assert_eq!(s.daemon_sets.len(), 1);
    assert_eq!(
        s.pods[0].value.metadata.namespace.as_deref(),
        Some("default"),
        "namespace defaults to default"
    );
    assert_eq!(s.pods[0].source.item, Some(1));
    assert_eq!(s.pods[0].source.to_string(), "in.yaml items[1]");
    assert_eq!(
        s.notes,
        ["skipped 3 objects of other kinds: ConfigMap (2), Service (1)"]
    );
    let spec = s.daemon_sets[0].value.spec.as_ref().expect("spec");
    let strategy = spec.update_strategy.as_ref().expect("defaulted strategy");
    assert_eq!(strategy.type_.as_deref(), Some("RollingUpdate"));
    let rolling = strategy.rolling_update.as_ref().expect("rolling update");
    assert_eq!(rolling.max_unavailable, Some(IntOrString::Int(1)));
    assert_eq!(rolling.max_surge, Some(IntOrString::Int(0)));
    assert_eq!(spec.revision_history_limit, Some(10));
}

#[test]
fn reads_the_same_list_as_json() {
    let value: serde_json::Value = serde_yaml::from_str(KUBECTL_YAML).expect("yaml");
    let json = serde_json::to_string_pretty(&value).expect("json");
    let s = snapshot(&json);
    assert_eq!(
        (s.nodes.len(), s.pods.len(), s.daemon_sets.len()),
        (1, 1, 1)
    );
    assert_eq!(
        s.notes,
        ["skipped 3 objects of other kinds: ConfigMap (2), Service (1)"]
    );
}

#[test]
fn reads_multi_document_yaml_and_api_ordered_lists() {
    let text = "\
---
# a comment-only document
---
apiVersion: v1
kind: Node
metadata: {name: a}
---
kind: NodeList
apiVersion: v1
metadata: {resourceVersion: \"1\"}
items:
- {kind: Node, apiVersion: v1, metadata: {name: b}}
---
metadata: {name: c}
kind: Node
apiVersion: v1
";
    let s = snapshot(text);
    let names: Vec<_> = s
        .nodes
        .iter()
        .map(|n| {
            (
                n.value.metadata.name.clone().unwrap_or_default(),
                n.source.document,
            )
        })
        .collect();
    assert_eq!(
        names,
        [("a".into(), 1), ("b".into(), 2), ("c".into(), 3)],
        "documents are counted from 0, empty ones included"
    );
}

#[test]
fn reads_flow_mappings_and_json_in_any_key_order() {
    let s = snapshot("{apiVersion: v1, kind: Node, metadata: {name: flow}}");
    assert_eq!(s.nodes[0].value.metadata.name.as_deref(), Some("flow"));
    let s = snapshot(
        r#"{"metadata": {"name": "late"}, "spec": {}, "kind": "Node", "apiVersion": "v1"}"#,
    );
    assert_eq!(s.nodes[0].value.metadata.name.as_deref(), Some("late"));
    let s = snapshot(
        r#"{"items": [{"data": {}, "kind": "ConfigMap", "apiVersion": "v1"}], "kind": "List"}"#,
    );
    assert_eq!(s.notes, ["skipped 1 object of other kinds: ConfigMap (1)"]);
}

#[test]
fn proposed_daemon_sets_are_kept_apart() {
    let text = "\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: a, image: a}]}
";
    let s = parse(&[Input {
        name: "ds.yaml",
        text,
        role: Role::Proposed,
    }])
    .expect("valid");
    assert!(s.daemon_sets.is_empty());
    assert_eq!(s.proposed_daemon_sets.len(), 1);
    assert_eq!(
        s.proposed_daemon_sets[0]
            .value
            .metadata
            .namespace
            .as_deref(),
        Some("default")
    );
}

#[test]
fn legacy_extensions_daemon_set_gets_its_own_defaults() {
    let text = "\
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata: {name: old, namespace: kube-system}
spec:
  template:
    metadata: {labels: {app: old}}
    spec: {containers: [{name: a, image: a}]}
";
    let s = snapshot(text);
    let ds = &s.daemon_sets[0].value;
    let spec = ds.spec.as_ref().expect("spec");
    assert_eq!(
        spec.selector
            .match_labels
            .as_ref()
            .and_then(|l| l.get("app"))
            .map(String::as_str),
        Some("old"),
        "selector defaults from template labels"
    );
    assert_eq!(
        spec.update_strategy
            .as_ref()
            .and_then(|s| s.type_.as_deref()),
        Some("OnDelete")
    );
    assert_eq!(
        ds.metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("app"))
            .map(String::as_str),
        Some("old")
    );
    assert_eq!(s.notes.len(), 1);
    assert!(
        s.notes[0].starts_with("in.yaml: DaemonSet kube-system/old: extensions/v1beta1"),
        "{}",
        s.notes[0]
    );
}

#[test]
fn legacy_apps_v1beta2_daemon_set_defaults_like_v1() {
    let text = "\
apiVersion: apps/v1beta2
kind: DaemonSet
metadata: {name: old}
spec:
  selector: {matchLabels: {app: old}}
  template:
    metadata: {labels: {app: old}}
    spec: {containers: [{name: a, image: a}]}
";
    let s = snapshot(text);
    let spec = s.daemon_sets[0].value.spec.as_ref().expect("spec");
    assert_eq!(
        spec.update_strategy
            .as_ref()
            .and_then(|s| s.type_.as_deref()),
        Some("RollingUpdate")
    );
    assert!(s.notes[0].contains("apps/v1beta2"));
}

#[test]
fn unknown_taint_effect_names_node_field_line_and_column() {
    let text = "\
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: worker-3
  spec:
    taints:
    - key: a
      effect: NoScheduel
";
    let e = error(text);
    assert_eq!(e.object.as_deref(), Some("Node worker-3"));
    assert_eq!(e.path.as_deref(), Some("items[0].spec.taints[0].effect"));
    assert_eq!(
        e.message,
        "Unsupported value: \"NoScheduel\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
    );
    assert_eq!((e.line, e.column), (Some(11), Some(15)));
    assert_eq!(e.document, Some(0));
}

#[test]
fn bad_quantities_are_errors_wherever_they_are() {
    let node =
        "apiVersion: v1\nkind: Node\nmetadata: {name: worker}\nstatus:\n  capacity:\n    cpu: 1x\n";
    let e = error(node);
    assert_eq!(e.path.as_deref(), Some("status.capacity[cpu]"));
    assert_eq!(e.message, dsplan_model::quantity::FORMAT_WRONG);
    assert_eq!(e.line, Some(6));

    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  overhead: {memory: 1Q}\n  containers:\n  - name: a\n    resources:\n      limits: {cpu: 2}\n";
    let e = error(pod);
    assert_eq!(e.object.as_deref(), Some("Pod default/p"));
    assert_eq!(e.path.as_deref(), Some("spec.overhead[memory]"));

    // A streamed JSON List: the pod's init container limit, after a good request.
    let list = r#"{"apiVersion": "v1", "items": [{"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p", "namespace": "ns"}, "spec": {"initContainers": [
        {"name": "i", "resources": {"requests": {"cpu": "1"}, "limits": {"cpu": "2x"}}}]}}],
        "kind": "List"}"#;
    let e = error(list);
    assert_eq!(e.object.as_deref(), Some("Pod ns/p"));
    assert_eq!(
        e.path.as_deref(),
        Some("items[0].spec.initContainers[0].resources.limits[cpu]")
    );
    assert_eq!(e.line, Some(3));

    let ds = "\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: d}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
      - name: c
        resources:
          requests:
            cpu: 1x
";
    let e = error(ds);
    assert_eq!(
        e.path.as_deref(),
        Some("spec.template.spec.containers[0].resources.requests[cpu]")
    );
    assert_eq!(e.line, Some(13));
}

#[test]
fn daemon_set_selector_errors_use_the_api_server_words() {
    let missing = "\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: fluentd, namespace: kube-system}
spec:
  template:
    metadata:
      labels: {app: fluentd}
    spec: {containers: [{name: a, image: a}]}
";
    let e = error(missing);
    assert_eq!(e.object.as_deref(), Some("DaemonSet kube-system/fluentd"));
    assert_eq!(e.path.as_deref(), Some("spec.template.metadata.labels"));
    assert_eq!(
        e.message,
        "Invalid value: {\"app\":\"fluentd\"}: `selector` does not match template `labels`"
    );
    assert_eq!(e.line, Some(7));

    let mismatch = missing.replace(
        "spec:\n  template:",
        "spec:\n  selector: {matchLabels: {app: other}}\n  template:",
    );
    let e = error(&mismatch);
    assert_eq!(e.path.as_deref(), Some("spec.template.metadata.labels"));
    assert!(e
        .message
        .ends_with("`selector` does not match template `labels`"));
}

#[test]
fn syntax_errors_carry_the_parser_position() {
    let e = error("apiVersion: v1\nkind: Node\nmetadata:\n  name: a\n bad: x\n");
    assert_eq!(e.line, Some(5), "{e}");

    let e = error(
        "{\"apiVersion\": \"v1\",\n \"kind\": \"Node\",\n \"metadata\": {\"name\": \"a\"]\n}",
    );
    assert_eq!(e.line, Some(3), "{e}");
    assert_eq!(e.message, "expected `,` or `}`", "{e}");
    assert_eq!(e.path.as_deref(), Some("metadata"), "{e}");

    // A line break inside a string (found by fuzzing): serde_json's column is 0 there.
    let e = error("{\"a\":\"\n\"}");
    assert_eq!((e.line, e.column), (Some(2), Some(1)), "{e}");
}

#[test]
fn wrong_types_name_the_field() {
    let json = "{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n    {\"apiVersion\": \"v1\", \"kind\": \"Node\",\n     \"metadata\": {\"name\": \"n\"},\n     \"spec\": {\"taints\": [{\"key\": \"a\", \"effect\": 5}]}}\n  ],\n  \"kind\": \"List\"\n}";
    let e = error(json);
    assert_eq!(
        e.path.as_deref(),
        Some("items[0].spec.taints[0].effect"),
        "{e}"
    );
    assert_eq!(e.line, Some(6), "{e}");
    assert_eq!(e.object.as_deref(), Some("Node n"), "{e}");
    assert!(e.message.starts_with("invalid type: integer `5`"), "{e}");

    let yaml =
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\nspec:\n  unschedulable: maybe\n";
    let e = error(yaml);
    assert_eq!(e.path.as_deref(), Some("spec.unschedulable"), "{e}");
    assert_eq!(e.line, Some(6), "{e}");
}

#[test]
fn objects_without_kind_api_version_or_name_are_errors() {
    let e = error("apiVersion: v1\nmetadata: {name: x}\n");
    assert_eq!(e.message, "Object 'Kind' is missing");
    let e = error("kind: Node\nmetadata: {name: x}\n");
    assert_eq!(e.message, "Object 'apiVersion' is missing");
    let e = error("apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\n");
    assert_eq!(e.path.as_deref(), Some("metadata.name"));
    assert_eq!(
        e.message,
        "Required value: name or generateName is required"
    );
    let e = error("apiVersion: v2\nkind: Node\nmetadata: {name: x}\n");
    assert_eq!(e.message, "no matches for kind \"Node\" in version \"v2\"");
}

/// A Node without a name is planned (upstream ignores `matchFields` for it), with a note.
#[test]
fn a_nameless_node_is_kept_with_a_note() {
    let snapshot = parse(&[Input {
        name: "in.yaml",
        text: "apiVersion: v1\nkind: Node\nmetadata: {labels: {a: b}}\n",
        role: Role::Snapshot,
    }])
    .expect("a nameless node is readable");
    assert_eq!(snapshot.nodes.len(), 1);
    assert!(
        snapshot
            .notes
            .iter()
            .any(|n| n.contains("no metadata.name")),
        "{:?}",
        snapshot.notes
    );
}

#[test]
fn errors_name_the_file_given() {
    let e = parse(&[
        Input {
            name: "good.yaml",
            text: "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n",
            role: Role::Snapshot,
        },
        Input {
            name: "bad.yaml",
            text:
                "apiVersion: v1\nkind: Node\nmetadata: {name: b}\n---\napiVersion: v1\nkind: Pod\n",
            role: Role::Snapshot,
        },
    ])
    .expect_err("second file is bad");
    assert_eq!(e.file, "bad.yaml");
    assert_eq!(e.document, Some(1));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_random_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse(&[Input { name: "fuzz", text: &text, role: Role::Snapshot }]);
    }

    #[test]
    fn never_panics_on_mutated_examples(
        cut in 0usize..KUBECTL_YAML.len(),
        len in 0usize..16,
        insert in "[ -~\\n\\t]{0,8}",
        as_json in proptest::prelude::any::<bool>(),
    ) {
        let base = if as_json {
            let value: serde_json::Value = serde_yaml::from_str(KUBECTL_YAML).expect("yaml");
            serde_json::to_string_pretty(&value).expect("json")
        } else {
            KUBECTL_YAML.to_owned()
        };
        let cut = cut.min(base.len());
        let end = (cut + len).min(base.len());
        if base.is_char_boundary(cut) && base.is_char_boundary(end) {
            let text = format!("{}{}{}", &base[..cut], insert, &base[end..]);
            let _ = parse(&[Input { name: "fuzz", text: &text, role: Role::Snapshot }]);
        }
    }
}

#[test]
fn lines_count_from_the_start_of_the_file_in_later_documents() {
    let text = "\
apiVersion: v1
kind: Node
metadata: {name: a}
---
apiVersion: v1
kind: Node
metadata: {name: b}
spec:
  taints:
  - {key: k, effect: Bad}
";
    let e = error(text);
    assert_eq!(e.document, Some(1));
    assert_eq!(e.line, Some(10));
    assert_eq!(
        e.to_string(),
        "in.yaml:10:22: document 1: Node b: spec.taints[0].effect: Unsupported value: \"Bad\": \
         supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""
    );
    let e = error(&text.replace("metadata: {name: b}", "metadata: {name: [b}"));
    assert_eq!(e.document, Some(1));
    assert!(e.line.is_some_and(|line| line >= 7), "{e}");
}

/// A Pod whose dropped fields (annotations, volumes, environment) are malformed, and whose
/// container port is `port`.
fn pod_list(port: &str) -> String {
    format!(
        "apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    annotations: 5
    name: p
  spec:
    containers:
    - env: {{A: 1}}
      name: c
      ports:
      - containerPort: {port}
    volumes: none
"
    )
}

#[test]
fn unread_fields_are_skipped_and_read_ones_checked_alike_in_yaml_and_json() {
    let yaml = pod_list("80");
    let value: serde_json::Value = serde_yaml::from_str(&yaml).expect("yaml");
    let json = serde_json::to_string_pretty(&value).expect("json");
    for text in [&yaml, &json] {
        let s = snapshot(text);
        let pod = &s.pods[0].value;
        assert_eq!(pod.metadata.annotations, None);
        let spec = pod.spec.as_ref().expect("spec");
        assert_eq!(spec.volumes, None);
        assert_eq!(spec.containers[0].env, None);
        let ports = spec.containers[0].ports.as_ref().expect("ports");
        assert_eq!(ports[0].container_port, 80);
    }

    let yaml = pod_list("x");
    let value: serde_json::Value = serde_yaml::from_str(&yaml).expect("yaml");
    let json = serde_json::to_string_pretty(&value).expect("json");
    for text in [&yaml, &json] {
        let e = error(text);
        assert_eq!(
            e.path.as_deref(),
            Some("items[0].spec.containers[0].ports[0].containerPort"),
            "{e}"
        );
        assert_eq!(e.object.as_deref(), Some("Pod p"), "{e}");
        assert!(e.message.starts_with("invalid type: string \"x\""), "{e}");
        assert!(e.line.is_some(), "{e}");
    }
}
