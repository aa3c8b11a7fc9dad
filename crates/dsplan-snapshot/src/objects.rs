//! Turns what [`crate::dispatch`] read into typed, checked objects: API versions, names and
//! namespaces, node taint effects, resource quantities, and DaemonSet defaulting and selector
//! rules (the latter through `dsplan-validation`). Buffered Nodes and Pods are typed through
//! the same kept-field types as streamed ones ([`crate::kept`]).

use crate::dispatch::Parsed;
use crate::kept::{KeptNode, KeptPod};
use crate::legacy;
use crate::path::{DocPath, Seg};
use crate::Mode;
use dsplan_model::k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet, DaemonSetSpec};
use dsplan_model::k8s_openapi::api::core::v1::{
    Container, Node, Pod, PodSpec, ResourceRequirements,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use dsplan_model::Quantity;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A typed, checked object.
#[derive(Debug)]
pub(crate) enum Typed {
    Node(Box<Node>),
    Pod(Box<Pod>),
    /// A DaemonSet, with the API server's validation errors in [`Mode::Validate`] (always
    /// empty in [`Mode::Plan`], where the errors planning cannot live with are fatal).
    DaemonSet(Box<DaemonSet>, Vec<dsplan_validation::FieldError>),
    ControllerRevision(Box<ControllerRevision>),
    Skipped(String),
}

/// Why one object is unusable.
#[derive(Debug)]
pub(crate) struct ObjError {
    /// `Kind namespace/name`, when known.
    pub(crate) object: Option<String>,
    /// Path inside the object.
    pub(crate) path: DocPath,
    /// What is wrong.
    pub(crate) message: String,
}

impl ObjError {
    fn new(object: Option<String>, path: DocPath, message: impl Into<String>) -> Self {
        Self {
            object,
            path,
            message: message.into(),
        }
    }
}

/// The effects the API server accepts, in the order it lists them (`validateTaintEffect`).
const TAINT_EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/// Types and checks one object. Returns a note for the user when it needed one.
pub(crate) fn check(parsed: Parsed, mode: Mode) -> Result<(Typed, Option<String>), ObjError> {
    match parsed {
        Parsed::Node(node) => check_node(node),
        Parsed::Pod(pod) => check_pod(pod).map(|p| (Typed::Pod(p), None)),
        Parsed::ControllerRevision(revision) => {
            check_revision(revision).map(|r| (Typed::ControllerRevision(r), None))
        }
        Parsed::Skipped(kind) => Ok((Typed::Skipped(kind), None)),
        Parsed::MissingKind => Err(ObjError::new(
            None,
            DocPath::default(),
            "Object 'Kind' is missing",
        )),
        Parsed::Buffered {
            api_version,
            kind,
            fields,
        } => check_buffered(api_version, &kind, fields, mode),
    }
}

fn check_buffered(
    api_version: Option<String>,
    kind: &str,
    fields: Map<String, Value>,
    mode: Mode,
) -> Result<(Typed, Option<String>), ObjError> {
    let Some(version) = api_version else {
        return Err(ObjError::new(
            Some(kind.to_owned()),
            DocPath::default(),
            "Object 'apiVersion' is missing",
        ));
    };
    let known = match kind {
        "Node" | "Pod" => version == "v1",
        "ControllerRevision" => version == "apps/v1",
        _ => legacy::is_daemon_set_version(&version),
    };
    if !known {
        return Err(ObjError::new(
            Some(kind.to_owned()),
            DocPath::default(),
            format!("no matches for kind \"{kind}\" in version \"{version}\""),
        ));
    }
    match kind {
        "Node" => check_node(Box::new(typed::<KeptNode>(kind, fields)?.into())),
        "Pod" => check_pod(typed::<KeptPod>(kind, fields)?.into()).map(|p| (Typed::Pod(p), None)),
        "ControllerRevision" => check_revision(Box::new(typed(kind, fields)?))
            .map(|r| (Typed::ControllerRevision(r), None)),
        _ => check_daemon_set(&version, fields, mode),
    }
}

/// Deserializes buffered fields, with the path of a type error.
fn typed<T: DeserializeOwned>(kind: &str, fields: Map<String, Value>) -> Result<T, ObjError> {
    let meta = fields.get("metadata");
    let field = |name: &str| meta.and_then(|m| m.get(name)).and_then(Value::as_str);
    let name = field("name").map(|name| match field("namespace") {
        Some(namespace) => format!("{kind} {namespace}/{name}"),
        None => format!("{kind} {name}"),
    });
    serde_path_to_error::deserialize(Value::Object(fields)).map_err(|error| {
        ObjError::new(
            name,
            crate::read::doc_path(error.path()),
            error.inner().to_string(),
        )
    })
}

/// `Kind name` or `Kind namespace/name`.
fn label(kind: &str, meta: &ObjectMeta) -> Option<String> {
    let name = meta.name.as_deref().filter(|n| !n.is_empty())?;
    Some(match meta.namespace.as_deref() {
        Some(namespace) => format!("{kind} {namespace}/{name}"),
        None => format!("{kind} {name}"),
    })
}

/// `metadata.name` must be set; `metadata.namespace` defaults to `default` when namespaced.
fn check_meta(kind: &str, meta: &mut ObjectMeta, namespaced: bool) -> Result<(), ObjError> {
    if namespaced && meta.namespace.as_deref().unwrap_or_default().is_empty() {
        meta.namespace = Some("default".to_owned());
    }
    if meta.name.as_deref().unwrap_or_default().is_empty() {
        let message = if meta.generate_name.as_deref().unwrap_or_default().is_empty() {
            "Required value: name or generateName is required"
        } else {
            "Required value: dsplan needs a name; generateName is only resolved by the API server"
        };
        return Err(ObjError::new(
            Some(kind.to_owned()),
            DocPath::parse("metadata.name"),
            message,
        ));
    }
    Ok(())
}

/// A node without a name is planned, with a note: upstream defines how it is matched
/// (`matchFields` are ignored for it, component-helpers `nodeaffinity.go` `extractNodeFields`),
/// and a snapshot edited by hand may lack one.
fn check_node(mut node: Box<Node>) -> Result<(Typed, Option<String>), ObjError> {
    let note = node
        .metadata
        .name
        .as_deref()
        .unwrap_or_default()
        .is_empty()
        .then(|| "a Node has no metadata.name; it is planned as a node named \"\"".to_owned());
    if note.is_none() {
        check_meta("Node", &mut node.metadata, false)?;
    }
    let object = || label("Node", &node.metadata);
    let fail = |path: &str, message: String| ObjError::new(object(), DocPath::parse(path), message);
    for (i, taint) in node
        .spec
        .iter()
        .flat_map(|s| s.taints.iter().flatten())
        .enumerate()
    {
        let path = format!("spec.taints[{i}].effect");
        if taint.effect.is_empty() {
            return Err(fail(&path, "Required value".to_owned()));
        }
        if !TAINT_EFFECTS.contains(&taint.effect.as_str()) {
            let supported: Vec<String> = TAINT_EFFECTS.iter().map(|e| format!("\"{e}\"")).collect();
            return Err(fail(
                &path,
                format!(
                    "Unsupported value: {}: supported values: {}",
                    Value::String(taint.effect.clone()),
                    supported.join(", ")
                ),
            ));
        }
    }
    if let Some(status) = &node.status {
        check_quantities(&object, status.allocatable.as_ref(), || {
            "status.allocatable".to_owned()
        })?;
        check_quantities(&object, status.capacity.as_ref(), || {
            "status.capacity".to_owned()
        })?;
    }
    Ok((Typed::Node(node), note))
}

/// Checks a Pod in place: its box is kept, as most pods are large and pass.
fn check_pod(mut pod: Box<Pod>) -> Result<Box<Pod>, ObjError> {
    check_meta("Pod", &mut pod.metadata, true)?;
    if let Some(spec) = &pod.spec {
        check_pod_spec(&|| label("Pod", &pod.metadata), spec, "spec")?;
    }
    Ok(pod)
}

fn check_revision(
    mut revision: Box<ControllerRevision>,
) -> Result<Box<ControllerRevision>, ObjError> {
    check_meta("ControllerRevision", &mut revision.metadata, true)?;
    Ok(revision)
}

fn check_daemon_set(
    version: &str,
    fields: Map<String, Value>,
    mode: Mode,
) -> Result<(Typed, Option<String>), ObjError> {
    let mut selector_given = fields
        .get("spec")
        .and_then(|s| s.get("selector"))
        .is_some_and(|s| !s.is_null());
    let mut ds: DaemonSet = typed("DaemonSet", fields)?;
    let note = legacy::apply(&mut ds, version, &mut selector_given);
    dsplan_validation::default_daemon_set(&mut ds);
    check_meta("DaemonSet", &mut ds.metadata, true)?;
    let object = label("DaemonSet", &ds.metadata);
    let note = note.map(|n| format!("{}: {n}", object.as_deref().unwrap_or("DaemonSet")));
    let named = || object.clone();
    let no_spec = DaemonSetSpec::default();
    let spec = ds.spec.as_ref().unwrap_or(&no_spec);
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref());
    if mode == Mode::Validate {
        let errors = dsplan_validation::validate_daemon_set_as_read(&ds, selector_given);
        return Ok((Typed::DaemonSet(Box::new(ds), errors), note));
    }
    let selector = selector_given.then_some(&spec.selector);
    if let Some(error) = dsplan_validation::validate_selector(selector, template_labels)
        .into_iter()
        .next()
    {
        return Err(ObjError::new(
            object,
            DocPath::parse(&error.path),
            error.message,
        ));
    }
    if let Some(pod_spec) = &spec.template.spec {
        check_pod_spec(&named, pod_spec, "spec.template.spec")?;
    }
    Ok((Typed::DaemonSet(Box::new(ds), Vec::new()), note))
}

/// Every quantity in a pod spec: container and init container requests and limits, pod-level
/// resources and overhead. `object` names the object and paths are written only for an error,
/// as a snapshot's pods are checked by the hundred thousand.
fn check_pod_spec(
    object: &dyn Fn() -> Option<String>,
    spec: &PodSpec,
    at: &str,
) -> Result<(), ObjError> {
    let lists: [(&str, &[Container]); 2] = [
        ("containers", &spec.containers),
        (
            "initContainers",
            spec.init_containers.as_deref().unwrap_or_default(),
        ),
    ];
    for (list, containers) in lists {
        for (i, container) in containers.iter().enumerate() {
            if let Some(resources) = &container.resources {
                check_resources(object, resources, || format!("{at}.{list}[{i}].resources"))?;
            }
        }
    }
    if let Some(resources) = &spec.resources {
        check_resources(object, resources, || format!("{at}.resources"))?;
    }
    check_quantities(object, spec.overhead.as_ref(), || format!("{at}.overhead"))
}

/// The requests and limits of `resources`, at the path `at` gives.
fn check_resources(
    object: &dyn Fn() -> Option<String>,
    resources: &ResourceRequirements,
    at: impl Fn() -> String,
) -> Result<(), ObjError> {
    check_quantities(object, resources.requests.as_ref(), || {
        format!("{}.requests", at())
    })?;
    check_quantities(object, resources.limits.as_ref(), || {
        format!("{}.limits", at())
    })
}

/// Every quantity of a map at the path `at` gives, in `object`.
fn check_quantities(
    object: &dyn Fn() -> Option<String>,
    quantities: Option<&BTreeMap<String, ApiQuantity>>,
    at: impl FnOnce() -> String,
) -> Result<(), ObjError> {
    for (name, quantity) in quantities.into_iter().flatten() {
        if let Err(error) = Quantity::parse(&quantity.0) {
            let mut path = DocPath::parse(&at());
            path.0.push(Seg::Key(name.clone()));
            return Err(ObjError::new(object(), path, error.to_string()));
        }
    }
    Ok(())
}
