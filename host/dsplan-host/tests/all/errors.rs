//! Errors come back typed and identical to the native engine's.

use crate::support::{planner, Files};
use dsplan_engine::{Options, Role};

#[test]
fn bad_yaml_is_the_same_input_error() {
    let files = Files(vec![(
        "nodes.yaml".to_owned(),
        "apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n".to_owned(),
        Role::Snapshot,
    )]);
    let native = dsplan_engine::plan(&files.inputs(), &Options::default());
    let component = planner().plan(&files.inputs(), &Options::default());
    let Err(dsplan_engine::Error::Input(native)) = native else {
        panic!("native engine accepted bad YAML: {native:?}");
    };
    assert_eq!(component, Err(dsplan_host::Error::Input(native.clone())));
    assert_eq!(native.file, "nodes.yaml");
    assert!(
        native.line.is_some(),
        "a YAML syntax error has a line: {native:?}"
    );
}

#[test]
fn an_unknown_feature_gate_is_the_same_invalid_option() {
    let options = Options {
        feature_gates: vec![("NoSuchGate".to_owned(), true)],
    };
    let native = dsplan_engine::plan(&[], &options).expect_err("unknown gate is refused");
    let component = planner()
        .plan(&[], &options)
        .expect_err("unknown gate is refused");
    assert_eq!(component.code(), native.code());
    assert_eq!(component.to_string(), native.to_string());
}
