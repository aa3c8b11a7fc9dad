//! The reader against go-yaml v2 + sigs.k8s.io/yaml: the expected values are what
//! `sigs.k8s.io/yaml.YAMLToJSON` (v1.6.0 over go.yaml.in/yaml/v2 v2.4.4) printed for the same
//! input; and the positions errors carry.

use super::{single, Documents, Error};
use crate::{parse, Input, Role};
use serde::Deserialize;
use serde_json::{json, Value};

/// `v: <plain scalar>`, and the JSON value kubectl makes of it, or its error.
const SCALARS: &[(&str, Result<&str, &str>)] = &[
    ("0755", Ok("493")),
    ("0o17", Ok("15")),
    ("0x1F", Ok("31")),
    ("0X1f", Ok("31")),
    ("-0x1F", Ok("-31")),
    ("+0x1F", Ok("31")),
    ("0b101", Ok("5")),
    ("0B101", Ok("5")),
    ("-0b101", Ok("-5")),
    ("1_000", Ok("1000")),
    ("0x_1F", Ok("31")),
    ("1__0", Ok("10")),
    ("_1", Ok("\"_1\"")),
    ("08", Ok("8")),
    ("09.5", Ok("9.5")),
    ("0", Ok("0")),
    ("-0", Ok("0")),
    ("+0", Ok("0")),
    ("00", Ok("0")),
    ("0.", Ok("0")),
    ("1.", Ok("1")),
    (".5", Ok("0.5")),
    ("+.5", Ok("0.5")),
    ("-.5", Ok("-0.5")),
    (".5_5", Ok("0.55")),
    ("._5", Ok("\"._5\"")),
    (".5e3", Ok("500")),
    ("1e3", Ok("1000")),
    ("1E+3", Ok("1000")),
    ("1e400", Ok("\"1e400\"")),
    ("-1e400", Ok("\"-1e400\"")),
    ("1e-400", Ok("0")),
    ("1.5", Ok("1.5")),
    ("1.0", Ok("1")),
    ("1e21", Ok("1e+21")),
    ("1e20", Ok("100000000000000000000")),
    ("100", Ok("100")),
    ("9223372036854775807", Ok("9223372036854775807")),
    ("9223372036854775808", Ok("9223372036854775808")),
    ("18446744073709551615", Ok("18446744073709551615")),
    ("18446744073709551616", Ok("18446744073709552000")),
    ("-9223372036854775808", Ok("-9223372036854775808")),
    ("-9223372036854775809", Ok("-9223372036854776000")),
    ("0xFFFFFFFFFFFFFFFF", Ok("18446744073709551615")),
    ("1.2.3", Ok("\"1.2.3\"")),
    ("+", Ok("\"+\"")),
    (".", Ok("\".\"")),
    (".inf", Err("json: unsupported value: +Inf")),
    (".Inf", Err("json: unsupported value: +Inf")),
    (".INF", Err("json: unsupported value: +Inf")),
    (".iNf", Ok("\".iNf\"")),
    ("+.inf", Err("json: unsupported value: +Inf")),
    ("-.inf", Err("json: unsupported value: -Inf")),
    ("-.Inf", Err("json: unsupported value: -Inf")),
    (".nan", Err("json: unsupported value: NaN")),
    (".NaN", Err("json: unsupported value: NaN")),
    ("y", Ok("true")),
    ("Y", Ok("true")),
    ("yes", Ok("true")),
    ("Yes", Ok("true")),
    ("YES", Ok("true")),
    ("yES", Ok("\"yES\"")),
    ("n", Ok("false")),
    ("N", Ok("false")),
    ("no", Ok("false")),
    ("No", Ok("false")),
    ("NO", Ok("false")),
    ("true", Ok("true")),
    ("True", Ok("true")),
    ("TRUE", Ok("true")),
    ("tRUE", Ok("\"tRUE\"")),
    ("false", Ok("false")),
    ("False", Ok("false")),
    ("FALSE", Ok("false")),
    ("on", Ok("true")),
    ("On", Ok("true")),
    ("ON", Ok("true")),
    ("oN", Ok("\"oN\"")),
    ("off", Ok("false")),
    ("Off", Ok("false")),
    ("OFF", Ok("false")),
    ("~", Ok("null")),
    ("null", Ok("null")),
    ("Null", Ok("null")),
    ("NULL", Ok("null")),
    ("nULL", Ok("\"nULL\"")),
    ("2001-12-14", Ok("\"2001-12-14\"")),
    (
        "2001-12-14t21:59:43.10-05:00",
        Ok("\"2001-12-14t21:59:43.10-05:00\""),
    ),
    ("1:20", Ok("\"1:20\"")),
    ("1_2.5", Ok("12.5")),
    ("0x1p3", Ok("\"0x1p3\"")),
    ("1e", Ok("\"1e\"")),
    ("1e+", Ok("\"1e+\"")),
    ("0x", Ok("\"0x\"")),
    ("0o", Ok("\"0o\"")),
    ("0b", Ok("\"0b\"")),
    ("0b2", Ok("\"0b2\"")),
    ("12e5", Ok("1200000")),
    ("-12E-5", Ok("-0.00012")),
    ("1_000.5", Ok("1000.5")),
    ("00755", Ok("493")),
    ("0_755", Ok("493")),
];

/// `<plain scalar>: x`, and the JSON key kubectl makes of it, or the start of its error.
const KEYS: &[(&str, Result<&str, &str>)] = &[
    ("1.5", Ok("1.5")),
    ("1.0", Ok("1")),
    ("0.1234567891", Ok("0.12345679")),
    ("1e6", Ok("1e+06")),
    ("100000.0", Ok("100000")),
    ("0.0001", Ok("0.0001")),
    ("0.00001", Ok("1e-05")),
    ("-0.0", Ok("-0")),
    (".inf", Ok(".inf")),
    ("-.inf", Ok("-.inf")),
    (".nan", Ok(".nan")),
    ("1e300", Ok(".inf")),
    ("0x1F", Ok("31")),
    ("true", Ok("true")),
    ("yes", Ok("true")),
    (
        "~",
        Err("unsupported map key of type: %!s(<nil>), key: <nil>, value: \"x\""),
    ),
    (
        "18446744073709551615",
        Err("unsupported map key of type: uint64, key: 0xffffffffffffffff, value: \"x\""),
    ),
    ("123456789.0", Ok("1.2345679e+08")),
    ("3.4e38", Ok("3.4e+38")),
    ("1e-50", Ok("0")),
];

/// Whole documents, and the JSON kubectl makes of them, or its error.
const DOCUMENTS: &[(&str, Result<&str, &str>)] = &[
    // Merges: later keys override earlier ones, merged ones included.
    (
        "base: &b {a: 1, b: 2}\nm:\n  <<: *b\n  b: 3\n",
        Ok(r#"{"base":{"a":1,"b":2},"m":{"a":1,"b":3}}"#),
    ),
    (
        "base: &b {a: 1, b: 2}\nm:\n  b: 3\n  <<: *b\n",
        Ok(r#"{"base":{"a":1,"b":2},"m":{"a":1,"b":2}}"#),
    ),
    // In a merged sequence the earlier maps win; `y` is a YAML 1.1 boolean, also as a key.
    (
        "x: &x {a: 1}\ny: &y {a: 2, c: 3}\nm:\n  <<: [*x, *y]\n",
        Ok(r#"{"m":{"a":1,"c":3},"true":{"a":2,"c":3},"x":{"a":1}}"#),
    ),
    (
        "m:\n  <<: 5\n",
        Err("map merge requires map or sequence of maps as the value"),
    ),
    ("m:\n  \"<<\": {a: 1}\n", Ok(r#"{"m":{"<<":{"a":1}}}"#)),
    ("m:\n  !!merge <<: {a: 1}\n", Ok(r#"{"m":{"a":1}}"#)),
    ("a: &a [*a]\n", Err("anchor 'a' value contains itself")),
    ("a: 1\na: 2\n", Ok(r#"{"a":2}"#)),
    ("v: !!int \"12\"\n", Ok(r#"{"v":12}"#)),
    ("v: !!float \"12\"\n", Ok(r#"{"v":12}"#)),
    (
        "v: !!float 18446744073709551615\n",
        Err("cannot decode !!int `18446744073709551615` as a !!float"),
    ),
    (
        "v: !!int abc\n",
        Err("cannot decode !!str `abc` as a !!int"),
    ),
    ("v: !!str 12\n", Ok(r#"{"v":"12"}"#)),
    ("v: !foo 12\n", Ok(r#"{"v":"12"}"#)),
    ("v: ! 12\n", Ok(r#"{"v":"12"}"#)),
    ("v: !!binary aGVsbG8=\n", Ok(r#"{"v":"hello"}"#)),
    ("v: !!null \"\"\n", Ok(r#"{"v":null}"#)),
    ("v: !!bool yes\n", Ok(r#"{"v":true}"#)),
    ("[a]: 1\n", Err("invalid map key: []interface {}")),
    (
        "{a: 1}: 1\n",
        Err("invalid map key: map[interface {}]interface {}"),
    ),
    ("v: \"0755\"\n", Ok(r#"{"v":"0755"}"#)),
    ("v: '0755'\n", Ok(r#"{"v":"0755"}"#)),
    ("v: |\n  0755\n", Ok(r#"{"v":"0755\n"}"#)),
    ("? |\n  k\n: 1\n", Ok(r#"{"k\n":1}"#)),
    ("v: 1.5e1\n", Ok(r#"{"v":15}"#)),
    (
        "v: 9223372036854775808.0\n",
        Ok(r#"{"v":9223372036854776000}"#),
    ),
];

/// The document's JSON as kubectl would see it, through this reader.
fn to_json(text: &str) -> Result<Value, Error> {
    Value::deserialize(single(text)?)
}

#[test]
fn plain_scalars_resolve_as_go_yaml_v2_does() {
    for (scalar, want) in SCALARS {
        let got = to_json(&format!("v: {scalar}\n"));
        match want {
            Ok(json) => {
                let want: Value = serde_json::from_str(json).expect("table JSON");
                assert_eq!(got.ok(), Some(json!({ "v": want })), "v: {scalar}");
            }
            Err(message) => assert_eq!(
                got.err().map(|e| e.message().to_owned()).as_deref(),
                Some(*message),
                "v: {scalar}"
            ),
        }
    }
}

#[test]
fn keys_become_json_keys_as_sigs_yaml_writes_them() {
    for (scalar, want) in KEYS {
        let got = to_json(&format!("{scalar}: x\n"));
        match want {
            Ok(key) => assert_eq!(got.ok(), Some(json!({ *key: "x" })), "{scalar}: x"),
            Err(message) => {
                let error = got.expect_err(scalar);
                assert!(message.starts_with(error.message()), "{scalar}: {error}");
            }
        }
    }
}

#[test]
fn documents_read_as_kubectl_reads_them() {
    for (text, want) in DOCUMENTS {
        let got = to_json(text);
        match want {
            Ok(json) => {
                let want: Value = serde_json::from_str(json).expect("table JSON");
                assert_eq!(got.ok(), Some(want), "{text}");
            }
            Err(message) => assert_eq!(
                got.err().map(|e| e.message().to_owned()).as_deref(),
                Some(*message),
                "{text}"
            ),
        }
    }
}

#[test]
fn errors_carry_the_line_and_column_of_their_node() {
    let error = to_json("a: 1\nb:\n  c: !!int abc\n").expect_err("bad int");
    let mark = error.mark().expect("position");
    assert_eq!((mark.line(), mark.column()), (3, 6));

    #[derive(Debug, Deserialize)]
    struct Port {
        #[serde(rename = "containerPort")]
        _port: i32,
    }
    let error = Vec::<Port>::deserialize(
        single("- containerPort: 80\n- containerPort: http\n").expect("yaml"),
    )
    .expect_err("not a number");
    let mark = error.mark().expect("position");
    assert_eq!((mark.line(), mark.column()), (2, 18));
    assert!(
        error.message().starts_with("invalid type: string \"http\""),
        "{error}"
    );

    let error = to_json("a: 1\n b: 2\n").expect_err("syntax");
    assert_eq!(error.mark().map(|m| m.line()), Some(2), "{error}");
}

#[test]
fn documents_are_read_one_by_one_and_empty_ones_are_null() {
    let text = "a: 1\n---\n---\nb: 2\n";
    let documents: Vec<Value> = Documents::new(text)
        .map(|d| Value::deserialize(d.expect("document")).expect("json"))
        .collect();
    assert_eq!(documents, [json!({"a": 1}), Value::Null, json!({"b": 2})]);
    let third = Documents::new(text)
        .nth(2)
        .expect("third")
        .expect("readable");
    assert_eq!(third.mark().line(), 4);
}

#[test]
fn excessive_aliasing_is_refused() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..8 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let error = to_json(&text).expect_err("a billion laughs");
    assert_eq!(error.message(), "document contains excessive aliasing");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    // saphyr-parser's own limit comes first for flow collections.
    let error = to_json(&text).expect_err("too deep");
    assert!(error.mark().is_some(), "{error}");
    let block: String = (0..200)
        .map(|depth| format!("{}- \n", "  ".repeat(depth)))
        .collect();
    let error = to_json(&block).expect_err("too deep");
    assert_eq!(error.message(), "exceeded max depth of 128");
}

fn read(name: &str, text: &str) -> dsplan_model::Snapshot {
    parse(&[Input {
        name,
        text,
        role: Role::Snapshot,
    }])
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn default_mode_0755_is_493_as_kubectl_reads_it() {
    let daemon_set = "\
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      hostNetwork: yes
      containers: [{name: agent, image: agent}]
      volumes:
      - name: scripts
        configMap: {name: scripts, defaultMode: 0755}
      - name: quoted
        configMap: {name: scripts, items: [{key: \"0755\", path: run.sh, mode: 0x1F}]}
";
    let snapshot = read("ds.yaml", daemon_set);
    let spec = snapshot.daemon_sets[0]
        .value
        .spec
        .as_ref()
        .and_then(|spec| spec.template.spec.as_ref())
        .expect("pod spec");
    assert_eq!(spec.host_network, Some(true));
    let volumes = spec.volumes.as_deref().expect("volumes");
    let scripts = volumes[0].config_map.as_ref().expect("configMap");
    assert_eq!(scripts.default_mode, Some(493));
    let items = volumes[1]
        .config_map
        .as_ref()
        .and_then(|c| c.items.as_deref())
        .expect("items");
    assert_eq!(items[0].key, "0755");
    assert_eq!(items[0].mode, Some(31));
}

#[test]
fn a_kubectl_yaml_list_reads_as_its_json() {
    for (name, yaml) in [
        (
            "kubeadm.yaml",
            include_str!("../../../../examples/clusters/kubeadm.yaml"),
        ),
        (
            "three-pools.yaml",
            include_str!("../../../../examples/clusters/three-pools.yaml"),
        ),
    ] {
        // kubectl's YAML quotes every string a YAML 1.1 reader would read otherwise, so a
        // YAML 1.2 reader gives the same JSON.
        let value: Value = serde_yaml::from_str(yaml).expect("yaml");
        let json = serde_json::to_string(&value).expect("json");
        let (from_yaml, from_json) = (read(name, yaml), read(name, &json));
        let values = |s: &dsplan_model::Snapshot| {
            (
                s.nodes.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
                s.pods.iter().map(|o| o.value.clone()).collect::<Vec<_>>(),
                s.daemon_sets
                    .iter()
                    .map(|o| o.value.clone())
                    .collect::<Vec<_>>(),
                s.controller_revisions
                    .iter()
                    .map(|o| o.value.clone())
                    .collect::<Vec<_>>(),
                s.notes.clone(),
            )
        };
        assert!(!from_yaml.nodes.is_empty(), "{name}");
        assert_eq!(values(&from_yaml), values(&from_json), "{name}");
    }
}

#[test]
fn the_top_level_mapping_takes_each_key_once() {
    let text = "apiVersion: v1\nkind: List\nitems: []\nitems: []\n";
    let error = parse(&[Input {
        name: "in.yaml",
        text,
        role: Role::Snapshot,
    }])
    .expect_err("repeated key");
    assert_eq!(error.line, Some(4), "{error}");
    assert!(error.message.contains("\"items\" is set twice"), "{error}");

    let merged = "<<: {apiVersion: v1, kind: Node}\nmetadata: {name: merged}\n";
    let snapshot = read("merge.yaml", merged);
    assert_eq!(
        snapshot.nodes[0].value.metadata.name.as_deref(),
        Some("merged")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

    #[test]
    fn never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        for node in Documents::new(&text).flatten() {
            let _ = Value::deserialize(node);
        }
        let _ = parse(&[Input { name: "fuzz.yaml", text: &text, role: Role::Snapshot }]);
    }

    #[test]
    fn never_panics_on_yaml_punctuation(text in "[-:?,&*!|>'\"%@`#{}\\[\\] \\n\\tab01.<~]{0,120}") {
        for node in Documents::new(&text).flatten() {
            let _ = Value::deserialize(node);
        }
        let _ = parse(&[Input { name: "fuzz.yaml", text: &text, role: Role::Snapshot }]);
    }
}
