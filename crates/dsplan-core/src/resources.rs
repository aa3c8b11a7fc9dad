//! Resource amounts as the scheduler counts them: a pod's effective request
//! (`component-helpers/resource/helpers.go` `PodRequests`, `AggregateContainerRequests`,
//! `determineContainerReqs`), converted once per pod (`framework.Resource.SetMaxResource`: cpu
//! in millicores, the others rounded up to whole units), and a node's allocatable
//! (`framework.NewResource`). Sums are exact [`Quantity`] sums before conversion.

use dsplan_model::k8s_openapi::api::core::v1::{
    Container, ContainerStatus, Node, Pod, PodSpec, PodStatus,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use dsplan_model::{FeatureGates, Quantity};
use std::collections::BTreeMap;

pub use dsplan_model::resources::Resources;

/// Converts exact quantities (`SetMaxResource` on an empty `Resource`; `NewResource`).
fn from_quantities(quantities: &Amounts<'_>) -> Resources {
    let mut resources = Resources::default();
    for (name, q) in quantities {
        match *name {
            "cpu" => resources.milli_cpu = q.milli_value(),
            "memory" => resources.memory = q.value(),
            "ephemeral-storage" => resources.ephemeral_storage = q.value(),
            "pods" => resources.pods = q.value(),
            other if is_scalar_resource(other) => {
                resources.scalars.insert(other.to_owned(), q.value());
            }
            _ => {}
        }
    }
    resources
}

/// `IsScalarResourceName`: extended, hugepages, prefixed native or attachable-volumes names.
pub fn is_scalar_resource(name: &str) -> bool {
    is_extended_resource(name)
        || name.starts_with("hugepages-")
        || name.contains("kubernetes.io/")
        || name.starts_with("attachable-volumes-")
}

/// `IsExtendedResourceName`: not native (has a `/`, not `kubernetes.io/`), not `requests.`
/// prefixed, and `requests.<name>` is a qualified name.
pub fn is_extended_resource(name: &str) -> bool {
    name.contains('/')
        && !name.contains("kubernetes.io/")
        && !name.starts_with("requests.")
        && crate::label_selector::validate_label_key(&format!("requests.{name}")).is_ok()
}

/// Collects quantity parse problems instead of guessing: each is reported as a note and the
/// entry is left out.
#[derive(Debug, Default)]
pub struct Problems(pub Vec<String>);

impl Problems {
    fn parse(&mut self, what: &What<'_>, name: &str, q: &ApiQuantity) -> Option<Quantity> {
        match Quantity::parse(&q.0) {
            Ok(q) => Some(q),
            Err(error) => {
                self.0.push(format!(
                    "{what}: {name}: {:?}: {error}; the entry is ignored",
                    q.0
                ));
                None
            }
        }
    }
}

/// Whose quantities are read, named only when a problem is reported.
enum What<'a> {
    Pod(&'a ObjectMeta),
    Node(&'a ObjectMeta),
    Template,
}

impl std::fmt::Display for What<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |m: &ObjectMeta| m.name.clone().unwrap_or_default();
        match self {
            What::Pod(m) => write!(
                f,
                "pod {}/{}",
                m.namespace.as_deref().unwrap_or("default"),
                name(m)
            ),
            What::Node(m) => write!(f, "node {}", name(m)),
            What::Template => f.write_str("pod template"),
        }
    }
}

/// Exact amounts by resource name; a pod names few resources, so a vector beats a map.
type Amounts<'a> = Vec<(&'a str, Quantity)>;

fn amounts<'a>(
    list: Option<&'a BTreeMap<String, ApiQuantity>>,
    what: &What<'_>,
    problems: &mut Problems,
) -> Amounts<'a> {
    list.into_iter()
        .flatten()
        .filter_map(|(name, q)| Some((name.as_str(), problems.parse(what, name, q)?)))
        .collect()
}

fn slot<'a, 'b>(amounts: &'b mut Amounts<'a>, name: &'a str) -> &'b mut Quantity {
    let at = match amounts.iter().position(|(n, _)| *n == name) {
        Some(at) => at,
        None => {
            amounts.push((name, Quantity::ZERO));
            amounts.len() - 1
        }
    };
    &mut amounts[at].1
}

fn add_into<'a>(sum: &mut Amounts<'a>, other: &Amounts<'a>) {
    for (name, q) in other {
        *slot(sum, name) += *q;
    }
}

fn max_into<'a>(max: &mut Amounts<'a>, other: &Amounts<'a>) {
    for (name, q) in other {
        let entry = slot(max, name);
        *entry = (*entry).max(*q);
    }
}

/// What a pod's effective request is computed from.
#[derive(Debug, Clone, Copy)]
pub struct RequestOptions {
    /// `UseStatusResources`: existing pods count `max(spec, actuated, allocated)` per container
    /// (in-place resize).
    pub use_status: bool,
    /// `PodLevelResources` gate: pod-level cpu, memory and hugepages requests override.
    pub pod_level: bool,
    /// `InPlacePodLevelResourcesVerticalScaling` with `UseStatusResources`: existing pods count
    /// `max(spec, actuated, allocated)` of their pod-level requests.
    pub pod_level_status: bool,
}

impl RequestOptions {
    /// For a pod already on a node (scheduler cache, `UseStatusResources`).
    pub fn existing(gates: &FeatureGates) -> Self {
        Self {
            use_status: true,
            pod_level: gates.pod_level_resources,
            pod_level_status: gates.in_place_pod_level_resources_vertical_scaling,
        }
    }

    /// For the pod being scheduled.
    pub fn incoming(gates: &FeatureGates) -> Self {
        Self {
            use_status: false,
            pod_level: gates.pod_level_resources,
            pod_level_status: false,
        }
    }
}

/// `PodRequests` converted with `SetMaxResource`: `max(containers + sidecars, init uses)`, then
/// pod-level overrides, then overhead.
///
/// A pod stored by the API server is already defaulted (requests from limits, pod-level
/// requests); a hand-written one is defaulted here first, as the API server would have.
pub fn pod_requests(pod: &Pod, options: RequestOptions, problems: &mut Problems) -> Resources {
    let Some(spec) = pod.spec.as_ref() else {
        return Resources::default();
    };
    if crate::daemon_pod::needs_request_defaulting(spec) {
        let mut defaulted = pod.clone();
        if let Some(spec) = defaulted.spec.as_mut() {
            crate::daemon_pod::default_pod_spec(spec);
        }
        return pod_requests_of_defaulted(&defaulted, options, problems);
    }
    pod_requests_of_defaulted(pod, options, problems)
}

fn pod_requests_of_defaulted(
    pod: &Pod,
    options: RequestOptions,
    problems: &mut Problems,
) -> Resources {
    let Some(spec) = pod.spec.as_ref() else {
        return Resources::default();
    };
    let what = What::Pod(&pod.metadata);
    let status = pod.status.as_ref().filter(|_| options.use_status);
    let mut reqs = container_amounts(spec, status, &what, problems);
    let pod_level = amounts(
        spec.resources.as_ref().and_then(|r| r.requests.as_ref()),
        &what,
        problems,
    );
    // `IsPodLevelRequestsSet`: at least one supported pod-level request.
    if options.pod_level
        && pod_level
            .iter()
            .any(|(name, _)| is_pod_level_resource(name))
    {
        // component-helpers `resource.PodRequests`: with in-place pod-level resize
        // (`InPlacePodLevelResourcesVerticalScaling`, beta and on in v1.36) and
        // `UseStatusResources`, a pod reporting `status.resources` counts
        // `determineEffectiveRequests` for each pod-level resource; a resource missing from it
        // counts zero, as upstream reads a missing map key.
        let effective = status
            .filter(|_| options.pod_level_status)
            .and_then(|s| s.resources.as_ref())
            .map(|resources| {
                let actuated = amounts(resources.requests.as_ref(), &what, problems);
                let allocated = amounts(
                    status.and_then(|s| s.allocated_resources.as_ref()),
                    &what,
                    problems,
                );
                let mut effective = if is_resize_infeasible(status) {
                    Vec::new()
                } else {
                    pod_level.clone()
                };
                max_into(&mut effective, &actuated);
                max_into(&mut effective, &allocated);
                effective
            });
        for (name, q) in &pod_level {
            if is_pod_level_resource(name) {
                *slot(&mut reqs, name) = match &effective {
                    Some(effective) => effective
                        .iter()
                        .find(|(n, _)| n == name)
                        .map_or(Quantity::ZERO, |(_, q)| *q),
                    None => *q,
                };
            }
        }
    }
    let overhead = amounts(spec.overhead.as_ref(), &what, problems);
    add_into(&mut reqs, &overhead);
    from_quantities(&reqs)
}

/// `AggregateContainerRequests` of a spec, exact (no status, no pod-level, no overhead).
pub fn aggregate_container_requests(
    spec: &PodSpec,
    problems: &mut Problems,
) -> BTreeMap<String, Quantity> {
    container_amounts(spec, None, &What::Template, problems)
        .into_iter()
        .map(|(name, q)| (name.to_owned(), q))
        .collect()
}

/// `AggregateContainerRequests`: `max(containers + sidecars, max over init containers of
/// (init + sidecars declared before it))`; with `status`, each container's request is
/// `determineContainerReqs`.
fn container_amounts<'a>(
    spec: &'a PodSpec,
    status: Option<&'a PodStatus>,
    what: &What<'_>,
    problems: &mut Problems,
) -> Amounts<'a> {
    let infeasible = is_resize_infeasible(status);
    let mut requests_of = |container: &'a Container, cs: Option<&'a ContainerStatus>| {
        let spec_requests = amounts(
            container
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref()),
            what,
            problems,
        );
        let Some(cs) = cs else {
            return spec_requests;
        };
        // determineContainerReqs: max(spec, actuated, allocated), or without spec when the
        // resize is infeasible.
        let mut reqs = if infeasible {
            Vec::new()
        } else {
            spec_requests
        };
        let actuated = amounts(
            cs.resources.as_ref().and_then(|r| r.requests.as_ref()),
            what,
            problems,
        );
        max_into(&mut reqs, &actuated);
        max_into(
            &mut reqs,
            &amounts(cs.allocated_resources.as_ref(), what, problems),
        );
        reqs
    };
    let mut reqs = Vec::new();
    for container in &spec.containers {
        let cs =
            status.and_then(|s| container_status(s.container_statuses.as_ref(), &container.name));
        add_into(&mut reqs, &requests_of(container, cs));
    }
    let mut sidecars = Vec::new();
    let mut init_max = Vec::new();
    for container in spec.init_containers.iter().flatten() {
        if is_restartable(container) {
            let cs = status.and_then(|s| {
                container_status(s.init_container_statuses.as_ref(), &container.name)
            });
            let own = requests_of(container, cs);
            add_into(&mut reqs, &own);
            add_into(&mut sidecars, &own);
            max_into(&mut init_max, &sidecars);
        } else {
            let mut using = requests_of(container, None);
            add_into(&mut using, &sidecars);
            max_into(&mut init_max, &using);
        }
    }
    max_into(&mut reqs, &init_max);
    reqs
}

/// component-helpers `IsPodResizeInfeasible`: the first `PodResizePending` condition has
/// reason `Infeasible` (its status is not read).
fn is_resize_infeasible(status: Option<&PodStatus>) -> bool {
    status
        .and_then(|s| {
            s.conditions
                .iter()
                .flatten()
                .find(|c| c.type_ == "PodResizePending")
        })
        .is_some_and(|c| c.reason.as_deref() == Some("Infeasible"))
}

/// The status of the container `name` when it reports resources (`found && cs.Resources != nil`).
fn container_status<'p>(
    statuses: Option<&'p Vec<ContainerStatus>>,
    name: &str,
) -> Option<&'p ContainerStatus> {
    statuses
        .into_iter()
        .flatten()
        .find(|cs| cs.name == name && cs.resources.is_some())
}

/// `IsSupportedPodLevelResource`: cpu, memory and hugepages.
pub fn is_pod_level_resource(name: &str) -> bool {
    name == "cpu" || name == "memory" || name.starts_with("hugepages-")
}

/// A restartable init container (`restartPolicy: Always`): a sidecar.
pub fn is_restartable(container: &Container) -> bool {
    container.restart_policy.as_deref() == Some("Always")
}

/// The restartable init containers of a spec, in order.
pub fn sidecars(spec: &PodSpec) -> impl Iterator<Item = &Container> {
    spec.init_containers
        .iter()
        .flatten()
        .filter(|c| is_restartable(c))
}

/// `status.allocatable` in the scheduler's units (`pods` included).
pub fn allocatable(node: &Node, problems: &mut Problems) -> Resources {
    let list = node.status.as_ref().and_then(|s| s.allocatable.as_ref());
    from_quantities(&amounts(list, &What::Node(&node.metadata), problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::ResourceRequirements;

    fn container(requests: &[(&str, &str)], restart: Option<&str>) -> Container {
        Container {
            name: "c".into(),
            restart_policy: restart.map(Into::into),
            resources: Some(ResourceRequirements {
                requests: Some(
                    requests
                        .iter()
                        .map(|(k, v)| ((*k).into(), ApiQuantity((*v).into())))
                        .collect(),
                ),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn requests(spec: PodSpec) -> (Resources, Vec<String>) {
        let pod = Pod {
            spec: Some(spec),
            ..Default::default()
        };
        let mut problems = Problems::default();
        let r = pod_requests(
            &pod,
            RequestOptions::incoming(&FeatureGates::default()),
            &mut problems,
        );
        (r, problems.0)
    }

    #[test]
    fn sums_exactly_then_rounds_once() {
        let (r, problems) = requests(PodSpec {
            containers: vec![container(&[("cpu", "0.1m"), ("memory", "0.5")], None); 2],
            ..Default::default()
        });
        assert!(problems.is_empty());
        assert_eq!((r.milli_cpu, r.memory), (1, 1));
    }

    /// Differential seed 628 (conformance/disagreements): an existing pod with pod-level limits
    /// only (defaulted into requests) and a larger in-place-resized `status.resources`.
    #[test]
    fn existing_pod_counts_resized_pod_level_requests() {
        let quantities = |pairs: &[(&str, &str)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), ApiQuantity((*v).to_owned())))
                    .collect::<BTreeMap<_, _>>(),
            )
        };
        let mut pod = Pod {
            spec: Some(PodSpec {
                containers: vec![Container::default()],
                resources: Some(ResourceRequirements {
                    limits: quantities(&[("cpu", "1001m")]),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            status: Some(PodStatus {
                resources: Some(ResourceRequirements {
                    requests: quantities(&[("cpu", "5")]),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let gates = FeatureGates::default();
        let mut problems = Problems::default();
        let existing = pod_requests(&pod, RequestOptions::existing(&gates), &mut problems);
        assert_eq!(existing.milli_cpu, 5000, "max(spec 1001m, actuated 5)");
        let incoming = pod_requests(&pod, RequestOptions::incoming(&gates), &mut problems);
        assert_eq!(incoming.milli_cpu, 1001, "the defaulted pod-level request");
        // An infeasible resize counts only what is actuated or allocated.
        if let Some(status) = pod.status.as_mut() {
            status.resources = Some(ResourceRequirements {
                requests: quantities(&[("cpu", "500m")]),
                ..Default::default()
            });
            status.conditions = Some(vec![
                dsplan_model::k8s_openapi::api::core::v1::PodCondition {
                    type_: "PodResizePending".into(),
                    status: "True".into(),
                    reason: Some("Infeasible".into()),
                    ..Default::default()
                },
            ]);
        }
        let infeasible = pod_requests(&pod, RequestOptions::existing(&gates), &mut problems);
        assert_eq!(infeasible.milli_cpu, 500);
        assert!(problems.0.is_empty());
    }

    #[test]
    fn init_containers_see_only_earlier_sidecars() {
        let (r, _) = requests(PodSpec {
            containers: vec![container(&[("cpu", "100m")], None)],
            init_containers: Some(vec![
                container(&[("cpu", "200m")], None),
                container(&[("cpu", "50m")], Some("Always")),
                container(&[("cpu", "300m")], None),
            ]),
            ..Default::default()
        });
        // max(100 + 50, max(200, 50, 300 + 50)) = 350
        assert_eq!(r.milli_cpu, 350);
    }

    #[test]
    fn pod_level_overrides_then_overhead_adds() {
        let spec = PodSpec {
            containers: vec![container(
                &[("cpu", "100m"), ("example.com/gpu", "1")],
                None,
            )],
            resources: Some(ResourceRequirements {
                requests: Some([("cpu".to_owned(), ApiQuantity("2".into()))].into()),
                ..Default::default()
            }),
            overhead: Some([("cpu".to_owned(), ApiQuantity("10m".into()))].into()),
            ..Default::default()
        };
        let (r, _) = requests(spec);
        assert_eq!(r.milli_cpu, 2010);
        assert_eq!(r.scalars.get("example.com/gpu"), Some(&1));
    }

    #[test]
    fn bad_quantities_are_reported_not_guessed() {
        let (r, problems) = requests(PodSpec {
            containers: vec![container(&[("cpu", "lots")], None)],
            ..Default::default()
        });
        assert_eq!(r.milli_cpu, 0);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn scalar_names() {
        assert!(is_scalar_resource("example.com/gpu"));
        assert!(is_scalar_resource("hugepages-2Mi"));
        assert!(is_scalar_resource("kubernetes.io/batch-cpu"));
        assert!(!is_scalar_resource("pods"));
        assert!(!is_scalar_resource("foo"));
    }
}
