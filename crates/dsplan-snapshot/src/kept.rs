//! Reads a snapshot's Nodes and Pods keeping only the fields dsplan reads, so that a cluster at
//! Kubernetes' limits (5,000 nodes, 150,000 pods) is read about as fast as its JSON can be
//! scanned and fits in memory beside its text: a kubectl Pod is mostly volumes, environment,
//! probes, container states and managed fields, a Node mostly its image list.
//!
//! Each `Kept*` type names the fields it keeps, deserialized with their k8s-openapi types
//! (affinity, tolerations, ports, resources, node specs, conditions, quantities...), and is
//! converted into the k8s-openapi `Node` or `Pod` the rest of dsplan reads, with the dropped
//! fields left unset. What is kept is everything the DaemonSet controller and the scheduler
//! filters dsplan follows read (upstream `pkg/controller/daemon`,
//! `pkg/scheduler/framework/plugins`): names, labels, owners, deletion state, node specs,
//! conditions, allocatable and capacity, pod specs' node name, affinity, tolerations, ports,
//! resources, priorities and restart policies, pod phases, conditions and container resource
//! states. Dropped are object annotations and managed fields; pod volumes; containers'
//! arguments, commands, environment, lifecycle hooks, probes, security contexts and volume
//! mounts and devices; container statuses' states, volume mounts, users and resource health;
//! node images, system info, addresses, daemon endpoints, runtime handlers, features, config
//! and volumes. Every other key is skipped unread, as k8s-openapi skips unknown keys.
//!
//! Dropped fields are therefore not type-checked: a Pod whose `spec.volumes` is malformed is
//! read. No dsplan rule reads them, and neither does upstream's DaemonSet controller nor the
//! scheduler filters it mirrors. Kept fields are read exactly as k8s-openapi reads them: a
//! `null` is unset, a missing required field is its default, a repeated key keeps its last
//! value, and type errors carry the same messages and field paths. DaemonSets and
//! ControllerRevisions are not read here: they are kept whole, as templates are compared field
//! by field.
//!
//! A pod whose controller is not a DaemonSet (a ReplicaSet's, a Job's...) is read narrower still
//! when its metadata comes first, as kubectl writes it: no DaemonSet can claim it, and the only
//! rules that read its spec and status count it on its node (requests, host ports, phase), so
//! its affinity, tolerations, container states and the other kept pod fields are skipped too
//! (see [`KeptPod`]), and of its lists only the elements counting reads are kept: host ports,
//! container statuses that report resources, `PodResizePending` conditions. Their strings are
//! read borrowed from the input, so the elements dropped cost no allocation.
//!
//! The same types serve the streaming JSON reading and the buffered one (YAML, and JSON read
//! again after an error), so both accept and reject the same objects.

use dsplan_model::k8s_openapi::api::core::v1::{
    Affinity, Container, ContainerPort, ContainerResizePolicy, ContainerRestartRule,
    ContainerStatus, EphemeralContainer, HostAlias, HostIP, LocalObjectReference, Node,
    NodeAllocatableResourceClaimStatus, NodeCondition, NodeSpec, NodeStatus, Pod, PodCondition,
    PodDNSConfig, PodExtendedResourceClaimStatus, PodIP, PodOS, PodReadinessGate, PodResourceClaim,
    PodResourceClaimStatus, PodSchedulingGate, PodSchedulingGroup, PodSecurityContext, PodSpec,
    PodStatus, ResourceRequirements, Toleration, TopologySpreadConstraint,
};
use dsplan_model::k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    ObjectMeta, OwnerReference, Time,
};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

mod sift;

use sift::{sifted, Sift, Sifted, Text};

/// Resource quantities by resource name.
type Quantities = BTreeMap<String, Quantity>;

/// Declares a map-key enum, one variant per listed key and `Other` for every other key, with a
/// `Deserialize` that reads a key without allocating.
macro_rules! field_identifier {
    (enum $name:ident { $($key:literal => $variant:ident,)* }) => {
        #[allow(non_camel_case_types, reason = "kept views name variants after their fields")]
        enum $name {
            $($variant,)*
            Other,
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl Visitor<'_> for KeyVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("field identifier")
                    }
                    fn visit_str<E: de::Error>(self, key: &str) -> Result<$name, E> {
                        Ok(match key {
                            $($key => $name::$variant,)*
                            _ => $name::Other,
                        })
                    }
                }
                deserializer.deserialize_identifier(KeyVisitor)
            }
        }
    };
}

/// Declares a struct of kept fields, each `Option`al, and its `Deserialize`, which reads a map
/// the way k8s-openapi's generated code does (its `expecting` text is the k8s-openapi type's
/// name): listed keys are read with their types, a `null` leaves a field unset, a repeated key
/// overwrites, and every other key is skipped. A struct declared with a lifetime may hold
/// strings borrowed from the input ([`Text`]).
macro_rules! kept {
    (
        $(#[$doc:meta])*
        struct $view:ident<$lt:lifetime> as $expecting:literal { $($fields:tt)* }
    ) => {
        kept!(@view [<$lt>] $lt, $(#[$doc])* $view $expecting { $($fields)* });
    };
    (
        $(#[$doc:meta])*
        struct $view:ident as $expecting:literal { $($fields:tt)* }
    ) => {
        kept!(@view [] 'de, $(#[$doc])* $view $expecting { $($fields)* });
    };
    (
        @view [$($generics:tt)*] $lt:lifetime, $(#[$doc:meta])* $view:ident $expecting:literal {
            $($key:literal => $field:ident: $ty:ty,)*
        }
    ) => {
        $(#[$doc])*
        #[derive(Default)]
        pub(crate) struct $view $($generics)* {
            $($field: Option<$ty>,)*
        }

        impl<$lt> Deserialize<$lt> for $view $($generics)* {
            fn deserialize<D: Deserializer<$lt>>(deserializer: D) -> Result<Self, D::Error> {
                field_identifier!(enum Field { $($key => $field,)* });

                struct ViewVisitor<$lt>(PhantomData<&$lt ()>);
                impl<$lt> Visitor<$lt> for ViewVisitor<$lt> {
                    type Value = $view $($generics)*;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<$lt>>(
                        self,
                        mut map: A,
                    ) -> Result<Self::Value, A::Error> {
                        let mut view = $view { $($field: None,)* };
                        while let Some(key) = map.next_key::<Field>()? {
                            match key {
                                $(Field::$field => view.$field = map.next_value()?,)*
                                Field::Other => {
                                    map.next_value::<IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(view)
                    }
                }

                deserializer.deserialize_struct(
                    $expecting,
                    &[$($key),*],
                    ViewVisitor(PhantomData),
                )
            }
        }
    };
}

kept! {
    /// A Node: its metadata, whole spec and kept status.
    struct KeptNode as "Node" {
        "metadata" => metadata: KeptMeta,
        "spec" => spec: NodeSpec,
        "status" => status: KeptNodeStatus,
    }
}

/// A Pod: its metadata, kept spec and kept status. When its metadata comes first (as kubectl
/// writes it) and names a controller that is not a DaemonSet, no DaemonSet can claim the pod
/// (`ClaimObject`) and only the scheduler's count of it on its node reads its spec and status:
/// those are read through [`WorkloadPodSpec`] and [`WorkloadPodStatus`], which keep what that
/// count reads and skip the rest (affinity, tolerations, container states, ports that are not
/// host ports, container statuses without resources, conditions other than `PodResizePending`).
///
/// Each part is converted to its k8s-openapi type as soon as it is read, into a `Pod` boxed
/// before the first key: a Pod is large, and a snapshot has up to 150,000 of them.
pub(crate) struct KeptPod(Box<Pod>);

impl<'de> Deserialize<'de> for KeptPod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        field_identifier!(enum Field {
            "metadata" => Metadata,
            "spec" => Spec,
            "status" => Status,
        });

        struct PodVisitor;
        impl<'de> Visitor<'de> for PodVisitor {
            type Value = KeptPod;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("Pod")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeptPod, A::Error> {
                let mut pod = Box::<Pod>::default();
                while let Some(key) = map.next_key::<Field>()? {
                    let workload = has_workload_controller(&pod.metadata);
                    match key {
                        Field::Metadata => {
                            pod.metadata = map
                                .next_value::<Option<KeptMeta>>()?
                                .map(ObjectMeta::from)
                                .unwrap_or_default();
                        }
                        Field::Spec if workload => {
                            pod.spec = map
                                .next_value::<Option<WorkloadPodSpec>>()?
                                .map(PodSpec::from);
                        }
                        Field::Spec => {
                            pod.spec = map.next_value::<Option<KeptPodSpec>>()?.map(PodSpec::from);
                        }
                        Field::Status if workload => {
                            pod.status = map
                                .next_value::<Option<WorkloadPodStatus>>()?
                                .map(PodStatus::from);
                        }
                        Field::Status => {
                            pod.status = map
                                .next_value::<Option<KeptPodStatus>>()?
                                .map(PodStatus::from);
                        }
                        Field::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(KeptPod(pod))
            }
        }

        deserializer.deserialize_struct("Pod", &["metadata", "spec", "status"], PodVisitor)
    }
}

kept! {
    /// Object metadata without annotations and managed fields.
    struct KeptMeta as "ObjectMeta" {
        "creationTimestamp" => creation_timestamp: Time,
        "deletionGracePeriodSeconds" => deletion_grace_period_seconds: i64,
        "deletionTimestamp" => deletion_timestamp: Time,
        "finalizers" => finalizers: Vec<String>,
        "generateName" => generate_name: String,
        "generation" => generation: i64,
        "labels" => labels: BTreeMap<String, String>,
        "name" => name: String,
        "namespace" => namespace: String,
        "ownerReferences" => owner_references: Vec<OwnerReference>,
        "resourceVersion" => resource_version: String,
        "selfLink" => self_link: String,
        "uid" => uid: String,
    }
}

kept! {
    /// A Node status without images, system info, addresses, daemon endpoints, runtime
    /// handlers, features, config and volumes.
    struct KeptNodeStatus as "NodeStatus" {
        "allocatable" => allocatable: Quantities,
        "capacity" => capacity: Quantities,
        "conditions" => conditions: Vec<NodeCondition>,
        "declaredFeatures" => declared_features: Vec<String>,
        "phase" => phase: String,
    }
}

kept! {
    /// A pod spec without volumes, its containers and init containers kept.
    struct KeptPodSpec as "PodSpec" {
        "activeDeadlineSeconds" => active_deadline_seconds: i64,
        "affinity" => affinity: Affinity,
        "automountServiceAccountToken" => automount_service_account_token: bool,
        "containers" => containers: Vec<KeptContainer>,
        "dnsConfig" => dns_config: PodDNSConfig,
        "dnsPolicy" => dns_policy: String,
        "enableServiceLinks" => enable_service_links: bool,
        "ephemeralContainers" => ephemeral_containers: Vec<EphemeralContainer>,
        "hostAliases" => host_aliases: Vec<HostAlias>,
        "hostIPC" => host_ipc: bool,
        "hostNetwork" => host_network: bool,
        "hostPID" => host_pid: bool,
        "hostUsers" => host_users: bool,
        "hostname" => hostname: String,
        "hostnameOverride" => hostname_override: String,
        "imagePullSecrets" => image_pull_secrets: Vec<LocalObjectReference>,
        "initContainers" => init_containers: Vec<KeptContainer>,
        "nodeName" => node_name: String,
        "nodeSelector" => node_selector: BTreeMap<String, String>,
        "os" => os: PodOS,
        "overhead" => overhead: Quantities,
        "preemptionPolicy" => preemption_policy: String,
        "priority" => priority: i32,
        "priorityClassName" => priority_class_name: String,
        "readinessGates" => readiness_gates: Vec<PodReadinessGate>,
        "resourceClaims" => resource_claims: Vec<PodResourceClaim>,
        "resources" => resources: ResourceRequirements,
        "restartPolicy" => restart_policy: String,
        "runtimeClassName" => runtime_class_name: String,
        "schedulerName" => scheduler_name: String,
        "schedulingGates" => scheduling_gates: Vec<PodSchedulingGate>,
        "schedulingGroup" => scheduling_group: PodSchedulingGroup,
        "securityContext" => security_context: PodSecurityContext,
        "serviceAccount" => service_account: String,
        "serviceAccountName" => service_account_name: String,
        "setHostnameAsFQDN" => set_hostname_as_fqdn: bool,
        "shareProcessNamespace" => share_process_namespace: bool,
        "subdomain" => subdomain: String,
        "terminationGracePeriodSeconds" => termination_grace_period_seconds: i64,
        "tolerations" => tolerations: Vec<Toleration>,
        "topologySpreadConstraints" => topology_spread_constraints: Vec<TopologySpreadConstraint>,
    }
}

kept! {
    /// A container's name, image, ports, resources, resize and restart policies and terminal
    /// settings.
    struct KeptContainer as "Container" {
        "image" => image: String,
        "imagePullPolicy" => image_pull_policy: String,
        "name" => name: String,
        "ports" => ports: Vec<ContainerPort>,
        "resizePolicy" => resize_policy: Vec<ContainerResizePolicy>,
        "resources" => resources: ResourceRequirements,
        "restartPolicy" => restart_policy: String,
        "restartPolicyRules" => restart_policy_rules: Vec<ContainerRestartRule>,
        "stdin" => stdin: bool,
        "stdinOnce" => stdin_once: bool,
        "terminationMessagePath" => termination_message_path: String,
        "terminationMessagePolicy" => termination_message_policy: String,
        "tty" => tty: bool,
        "workingDir" => working_dir: String,
    }
}

kept! {
    /// A pod status, its container statuses kept.
    struct KeptPodStatus as "PodStatus" {
        "allocatedResources" => allocated_resources: Quantities,
        "conditions" => conditions: Vec<PodCondition>,
        "containerStatuses" => container_statuses: Vec<KeptContainerStatus>,
        "ephemeralContainerStatuses" => ephemeral_container_statuses: Vec<KeptContainerStatus>,
        "extendedResourceClaimStatus" =>
            extended_resource_claim_status: PodExtendedResourceClaimStatus,
        "hostIP" => host_ip: String,
        "hostIPs" => host_ips: Vec<HostIP>,
        "initContainerStatuses" => init_container_statuses: Vec<KeptContainerStatus>,
        "message" => message: String,
        "nodeAllocatableResourceClaimStatuses" =>
            node_allocatable_resource_claim_statuses: Vec<NodeAllocatableResourceClaimStatus>,
        "nominatedNodeName" => nominated_node_name: String,
        "observedGeneration" => observed_generation: i64,
        "phase" => phase: String,
        "podIP" => pod_ip: String,
        "podIPs" => pod_ips: Vec<PodIP>,
        "qosClass" => qos_class: String,
        "reason" => reason: String,
        "resize" => resize: String,
        "resourceClaimStatuses" => resource_claim_statuses: Vec<PodResourceClaimStatus>,
        "resources" => resources: ResourceRequirements,
        "startTime" => start_time: Time,
    }
}

kept! {
    /// A container status's identity, readiness, restarts and resources (in-place resize
    /// state), without its states, volume mounts, user and resource health.
    struct KeptContainerStatus as "ContainerStatus" {
        "allocatedResources" => allocated_resources: Quantities,
        "containerID" => container_id: String,
        "image" => image: String,
        "imageID" => image_id: String,
        "name" => name: String,
        "ready" => ready: bool,
        "resources" => resources: ResourceRequirements,
        "restartCount" => restart_count: i32,
        "started" => started: bool,
        "stopSignal" => stop_signal: String,
    }
}

kept! {
    /// What the scheduler's count of a workload's pod on its node reads of its spec:
    /// `PodRequests` (containers, init containers, pod-level resources, overhead), `GetHostPorts`
    /// and the Pod defaulting they depend on (requests from limits, host ports of `hostNetwork`
    /// pods).
    struct WorkloadPodSpec as "PodSpec" {
        "containers" => containers: Vec<WorkloadContainer>,
        "hostNetwork" => host_network: bool,
        "initContainers" => init_containers: Vec<WorkloadContainer>,
        "nodeName" => node_name: String,
        "overhead" => overhead: Quantities,
        "resources" => resources: ResourceRequirements,
    }
}

kept! {
    /// A workload pod's container: its name (matched with its status), the ports that are host
    /// ports, its resources and restart policy (sidecars).
    struct WorkloadContainer as "Container" {
        "name" => name: String,
        "ports" => ports: Sift<ContainerPort>,
        "resources" => resources: ResourceRequirements,
        "restartPolicy" => restart_policy: String,
    }
}

kept! {
    /// A workload pod's container port as `GetHostPorts` reads it (`pkg/scheduler/util`; core's
    /// `host_ports` and `HostPort::of`): its host port, host IP and protocol, and the container
    /// port it maps. Its name is read by no rule and skipped.
    struct WorkloadPort<'de> as "ContainerPort" {
        "containerPort" => container_port: i32,
        "hostIP" => host_ip: Text<'de>,
        "hostPort" => host_port: i32,
        "protocol" => protocol: Text<'de>,
    }
}

/// A workload pod's port is kept only when it is a host port: `GetHostPorts` skips the others
/// (`HostPort > 0`), and no other rule reads a workload pod's ports (the requests' defaulting of
/// a `hostNetwork` pod's host ports applies to a copy only requests are read from).
impl Sifted for ContainerPort {
    type View<'de> = WorkloadPort<'de>;
    fn sift(view: WorkloadPort<'_>) -> Option<Self> {
        let host_port = view.host_port.filter(|port| *port > 0)?;
        Some(Self {
            container_port: view.container_port.unwrap_or_default(),
            host_ip: view.host_ip.map(|ip| ip.0.into_owned()),
            host_port: Some(host_port),
            name: None,
            protocol: view.protocol.map(|protocol| protocol.0.into_owned()),
        })
    }
}

kept! {
    /// What the count reads of a workload pod's status: its phase (terminal pods are not
    /// counted), and the resources of an in-place resize (`determineContainerReqs`,
    /// `IsPodResizeInfeasible`).
    struct WorkloadPodStatus as "PodStatus" {
        "allocatedResources" => allocated_resources: Quantities,
        "conditions" => conditions: Sift<PodCondition>,
        "containerStatuses" => container_statuses: Sift<ContainerStatus>,
        "initContainerStatuses" => init_container_statuses: Sift<ContainerStatus>,
        "phase" => phase: String,
        "resources" => resources: ResourceRequirements,
    }
}

kept! {
    /// A workload pod's container status: its name and resources.
    struct WorkloadContainerStatus<'de> as "ContainerStatus" {
        "allocatedResources" => allocated_resources: Quantities,
        "name" => name: Text<'de>,
        "resources" => resources: ResourceRequirements,
    }
}

/// A workload pod's container status is kept only when it reports resources: component-helpers
/// `determineContainerReqs` reads a container's status only when `found && cs.Resources != nil`
/// (core's `container_status`), and no other rule reads a workload pod's container statuses.
impl Sifted for ContainerStatus {
    type View<'de> = WorkloadContainerStatus<'de>;
    fn sift(view: WorkloadContainerStatus<'_>) -> Option<Self> {
        let resources = view.resources?;
        Some(Self {
            allocated_resources: view.allocated_resources,
            name: view
                .name
                .map(|name| name.0.into_owned())
                .unwrap_or_default(),
            resources: Some(resources),
            ..Self::default()
        })
    }
}

kept! {
    /// A workload pod's condition as component-helpers `IsPodResizeInfeasible` reads it (core's
    /// `is_resize_infeasible`): its type and reason.
    struct WorkloadPodCondition<'de> as "PodCondition" {
        "reason" => reason: Text<'de>,
        "type" => type_: Text<'de>,
    }
}

/// A workload pod's condition is kept only when its type is `PodResizePending`, with its type
/// and reason: component-helpers `IsPodResizeInfeasible` reads the reason of the first such
/// condition and nothing of the others (core's `is_resize_infeasible`), every such condition is
/// kept in order so the first stays first, and no other rule reads a workload pod's conditions
/// (readiness is read of a DaemonSet's pods only).
impl Sifted for PodCondition {
    type View<'de> = WorkloadPodCondition<'de>;
    fn sift(view: WorkloadPodCondition<'_>) -> Option<Self> {
        let type_ = view.type_.filter(|t| t.0 == "PodResizePending")?;
        Some(Self {
            reason: view.reason.map(|reason| reason.0.into_owned()),
            type_: type_.0.into_owned(),
            ..Self::default()
        })
    }
}

/// Kept elements converted one by one.
fn all<K, T: From<K>>(kept: Option<Vec<K>>) -> Option<Vec<T>> {
    kept.map(|items| items.into_iter().map(T::from).collect())
}

/// Kept elements converted one by one, none when unset.
fn all_or_none<K, T: From<K>>(kept: Option<Vec<K>>) -> Vec<T> {
    all(kept).unwrap_or_default()
}

/// The controller of an object with `meta` (the owner reference with `controller: true`) is
/// not a DaemonSet.
fn has_workload_controller(meta: &ObjectMeta) -> bool {
    meta.owner_references
        .iter()
        .flatten()
        .find(|o| o.controller == Some(true))
        .is_some_and(|o| o.kind != "DaemonSet")
}

/// Converts a narrower view into the k8s-openapi type it narrows: the fields it has, each moved
/// as is or converted `via` a function, and the others unset (or their default when required).
macro_rules! widen {
    ($narrow:ident into $wide:ident { $($field:ident $(via $convert:path)?,)* }) => {
        impl From<$narrow> for $wide {
            fn from(kept: $narrow) -> Self {
                Self {
                    $($field: widen!(@field kept.$field $(, $convert)?),)*
                    ..Self::default()
                }
            }
        }
    };
    (@field $value:expr) => { $value };
    (@field $value:expr, $convert:path) => { $convert($value) };
}

widen!(WorkloadPodSpec into PodSpec {
    containers via all_or_none,
    host_network,
    init_containers via all,
    node_name,
    overhead,
    resources,
});

widen!(WorkloadContainer into Container {
    name via Option::unwrap_or_default,
    ports via sifted,
    resources,
    restart_policy,
});

widen!(WorkloadPodStatus into PodStatus {
    allocated_resources,
    conditions via sifted,
    container_statuses via sifted,
    init_container_statuses via sifted,
    phase,
    resources,
});

impl From<KeptNode> for Node {
    fn from(kept: KeptNode) -> Self {
        Self {
            metadata: kept.metadata.map(ObjectMeta::from).unwrap_or_default(),
            spec: kept.spec,
            status: kept.status.map(NodeStatus::from),
        }
    }
}

impl From<KeptPod> for Box<Pod> {
    fn from(kept: KeptPod) -> Self {
        kept.0
    }
}

impl From<KeptMeta> for ObjectMeta {
    fn from(kept: KeptMeta) -> Self {
        Self {
            annotations: None,
            creation_timestamp: kept.creation_timestamp,
            deletion_grace_period_seconds: kept.deletion_grace_period_seconds,
            deletion_timestamp: kept.deletion_timestamp,
            finalizers: kept.finalizers,
            generate_name: kept.generate_name,
            generation: kept.generation,
            labels: kept.labels,
            managed_fields: None,
            name: kept.name,
            namespace: kept.namespace,
            owner_references: kept.owner_references,
            resource_version: kept.resource_version,
            self_link: kept.self_link,
            uid: kept.uid,
        }
    }
}

impl From<KeptNodeStatus> for NodeStatus {
    fn from(kept: KeptNodeStatus) -> Self {
        Self {
            addresses: None,
            allocatable: kept.allocatable,
            capacity: kept.capacity,
            conditions: kept.conditions,
            config: None,
            daemon_endpoints: None,
            declared_features: kept.declared_features,
            features: None,
            images: None,
            node_info: None,
            phase: kept.phase,
            runtime_handlers: None,
            volumes_attached: None,
            volumes_in_use: None,
        }
    }
}

impl From<KeptPodSpec> for PodSpec {
    fn from(kept: KeptPodSpec) -> Self {
        Self {
            active_deadline_seconds: kept.active_deadline_seconds,
            affinity: kept.affinity,
            automount_service_account_token: kept.automount_service_account_token,
            containers: all_or_none(kept.containers),
            dns_config: kept.dns_config,
            dns_policy: kept.dns_policy,
            enable_service_links: kept.enable_service_links,
            ephemeral_containers: kept.ephemeral_containers,
            host_aliases: kept.host_aliases,
            host_ipc: kept.host_ipc,
            host_network: kept.host_network,
            host_pid: kept.host_pid,
            host_users: kept.host_users,
            hostname: kept.hostname,
            hostname_override: kept.hostname_override,
            image_pull_secrets: kept.image_pull_secrets,
            init_containers: all(kept.init_containers),
            node_name: kept.node_name,
            node_selector: kept.node_selector,
            os: kept.os,
            overhead: kept.overhead,
            preemption_policy: kept.preemption_policy,
            priority: kept.priority,
            priority_class_name: kept.priority_class_name,
            readiness_gates: kept.readiness_gates,
            resource_claims: kept.resource_claims,
            resources: kept.resources,
            restart_policy: kept.restart_policy,
            runtime_class_name: kept.runtime_class_name,
            scheduler_name: kept.scheduler_name,
            scheduling_gates: kept.scheduling_gates,
            scheduling_group: kept.scheduling_group,
            security_context: kept.security_context,
            service_account: kept.service_account,
            service_account_name: kept.service_account_name,
            set_hostname_as_fqdn: kept.set_hostname_as_fqdn,
            share_process_namespace: kept.share_process_namespace,
            subdomain: kept.subdomain,
            termination_grace_period_seconds: kept.termination_grace_period_seconds,
            tolerations: kept.tolerations,
            topology_spread_constraints: kept.topology_spread_constraints,
            volumes: None,
        }
    }
}

impl From<KeptContainer> for Container {
    fn from(kept: KeptContainer) -> Self {
        Self {
            args: None,
            command: None,
            env: None,
            env_from: None,
            image: kept.image,
            image_pull_policy: kept.image_pull_policy,
            lifecycle: None,
            liveness_probe: None,
            name: kept.name.unwrap_or_default(),
            ports: kept.ports,
            readiness_probe: None,
            resize_policy: kept.resize_policy,
            resources: kept.resources,
            restart_policy: kept.restart_policy,
            restart_policy_rules: kept.restart_policy_rules,
            security_context: None,
            startup_probe: None,
            stdin: kept.stdin,
            stdin_once: kept.stdin_once,
            termination_message_path: kept.termination_message_path,
            termination_message_policy: kept.termination_message_policy,
            tty: kept.tty,
            volume_devices: None,
            volume_mounts: None,
            working_dir: kept.working_dir,
        }
    }
}

impl From<KeptPodStatus> for PodStatus {
    fn from(kept: KeptPodStatus) -> Self {
        Self {
            allocated_resources: kept.allocated_resources,
            conditions: kept.conditions,
            container_statuses: all(kept.container_statuses),
            ephemeral_container_statuses: all(kept.ephemeral_container_statuses),
            extended_resource_claim_status: kept.extended_resource_claim_status,
            host_ip: kept.host_ip,
            host_ips: kept.host_ips,
            init_container_statuses: all(kept.init_container_statuses),
            message: kept.message,
            node_allocatable_resource_claim_statuses: kept.node_allocatable_resource_claim_statuses,
            nominated_node_name: kept.nominated_node_name,
            observed_generation: kept.observed_generation,
            phase: kept.phase,
            pod_ip: kept.pod_ip,
            pod_ips: kept.pod_ips,
            qos_class: kept.qos_class,
            reason: kept.reason,
            resize: kept.resize,
            resource_claim_statuses: kept.resource_claim_statuses,
            resources: kept.resources,
            start_time: kept.start_time,
        }
    }
}

impl From<KeptContainerStatus> for ContainerStatus {
    fn from(kept: KeptContainerStatus) -> Self {
        Self {
            allocated_resources: kept.allocated_resources,
            allocated_resources_status: None,
            container_id: kept.container_id,
            image: kept.image.unwrap_or_default(),
            image_id: kept.image_id.unwrap_or_default(),
            last_state: None,
            name: kept.name.unwrap_or_default(),
            ready: kept.ready.unwrap_or_default(),
            resources: kept.resources,
            restart_count: kept.restart_count.unwrap_or_default(),
            started: kept.started,
            state: None,
            stop_signal: kept.stop_signal,
            user: None,
            volume_mounts: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Reads `value` as dsplan does and as k8s-openapi reads the whole object.
    fn both<K: de::DeserializeOwned, T: From<K> + de::DeserializeOwned>(value: Value) -> (T, T) {
        let kept: K = serde_json::from_value(value.clone()).expect("kept reading");
        let whole: T = serde_json::from_value(value).expect("whole reading");
        (T::from(kept), whole)
    }

    #[test]
    fn a_pod_keeps_what_placement_reads() {
        let (p, before): (Box<Pod>, _) = both::<KeptPod, _>(json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "web-1", "labels": {"app": "web"},
                "annotations": {"note": "x"},
                "managedFields": [{"manager": "kubectl", "operation": "Update"}],
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet",
                    "name": "web", "uid": "u1", "controller": true}]},
            "spec": {"nodeName": "n1", "priority": 5,
                "volumes": [{"name": "data", "emptyDir": {}}],
                "tolerations": [{"operator": "Exists"}],
                "initContainers": [{"name": "sidecar", "restartPolicy": "Always",
                    "env": [{"name": "A", "value": "1"}],
                    "resources": {"requests": {"cpu": "50m"}}}],
                "containers": [{"name": "app", "image": "web:1",
                    "command": ["web"], "env": [{"name": "B", "value": "2"}],
                    "readinessProbe": {"exec": {"command": ["true"]}},
                    "ports": [{"containerPort": 80, "hostPort": 8080}],
                    "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}]},
            "status": {"phase": "Running",
                "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{"name": "app", "ready": true, "restartCount": 0,
                    "image": "web:1", "imageID": "", "state": {"running": {}},
                    "resources": {"requests": {"cpu": "100m"}},
                    "allocatedResources": {"cpu": "100m"}}]}
        }));

        assert_eq!(p.metadata.labels, before.metadata.labels);
        assert_eq!(
            p.metadata.owner_references,
            before.metadata.owner_references
        );
        assert_eq!(
            (&p.metadata.annotations, &p.metadata.managed_fields),
            (&None, &None)
        );
        let (spec, was) = (p.spec.as_ref().unwrap(), before.spec.as_ref().unwrap());
        assert_eq!(spec.volumes, None);
        assert_eq!(spec.node_name, was.node_name);
        assert_eq!(spec.priority, was.priority);
        assert_eq!(spec.tolerations, was.tolerations);
        let (app, app_was) = (&spec.containers[0], &was.containers[0]);
        assert_eq!(
            (&app.env, &app.command, &app.readiness_probe),
            (&None, &None, &None)
        );
        assert_eq!(app.ports, app_was.ports);
        assert_eq!(app.resources, app_was.resources);
        assert_eq!(app.image, app_was.image);
        let sidecar = &spec.init_containers.as_ref().unwrap()[0];
        assert_eq!(sidecar.env, None);
        assert_eq!(sidecar.restart_policy.as_deref(), Some("Always"));
        assert_eq!(
            sidecar.resources,
            was.init_containers.as_ref().unwrap()[0].resources
        );
        let (status, status_was) = (p.status.as_ref().unwrap(), before.status.as_ref().unwrap());
        assert_eq!(status.phase, status_was.phase);
        assert_eq!(status.conditions, status_was.conditions);
        let (cs, cs_was) = (
            &status.container_statuses.as_ref().unwrap()[0],
            &status_was.container_statuses.as_ref().unwrap()[0],
        );
        assert_eq!(cs.state, None);
        assert_eq!(
            (&cs.resources, &cs.allocated_resources, cs.ready, &cs.name),
            (
                &cs_was.resources,
                &cs_was.allocated_resources,
                cs_was.ready,
                &cs_was.name
            )
        );
    }

    #[test]
    fn a_node_keeps_its_spec_conditions_and_resources() {
        let (n, before): (Node, Node) = both::<KeptNode, _>(json!({
            "metadata": {"name": "n1", "labels": {"kubernetes.io/os": "linux"},
                "annotations": {"a": "b"}},
            "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}], "unschedulable": true},
            "status": {"allocatable": {"cpu": "4", "pods": "110"}, "capacity": {"cpu": "4"},
                "conditions": [{"type": "Ready", "status": "True"}],
                "images": [{"names": ["web:1"], "sizeBytes": 1}],
                "nodeInfo": {"architecture": "amd64", "bootID": "", "containerRuntimeVersion": "",
                    "kernelVersion": "", "kubeProxyVersion": "", "kubeletVersion": "v1.36.0",
                    "machineID": "", "operatingSystem": "linux", "osImage": "", "systemUUID": ""}}
        }));
        assert_eq!(n.metadata.labels, before.metadata.labels);
        assert_eq!(n.metadata.annotations, None);
        assert_eq!(n.spec, before.spec);
        let (status, was) = (n.status.as_ref().unwrap(), before.status.as_ref().unwrap());
        assert_eq!(
            (&status.allocatable, &status.capacity, &status.conditions),
            (&was.allocatable, &was.capacity, &was.conditions)
        );
        assert_eq!((&status.images, &status.node_info), (&None, &None));
    }

    #[test]
    fn kept_fields_read_as_k8s_openapi_reads_them() {
        // `null` is unset, a missing or null required field is its default, the last of a
        // repeated key wins.
        let text = r#"{"metadata": null, "spec": {"containers": [{"name": null, "image": "a",
            "image": "b"}], "nodeName": null}, "status": {"containerStatuses": [{}]}}"#;
        let kept: KeptPod = serde_json::from_str(text).expect("kept reading");
        let whole: Pod = serde_json::from_str(text).expect("whole reading");
        assert_eq!(*Box::<Pod>::from(kept), whole);

        // A sequence is not a struct, and the message names the k8s-openapi type.
        for text in [
            r#"{"spec": ["a"]}"#,
            r#"{"spec": {"containers": [[]]}}"#,
            r#"{"spec": {"containers": {}}}"#,
            r#"{"status": {"containerStatuses": 5}}"#,
        ] {
            let kept = serde_json::from_str::<KeptPod>(text)
                .map(|_| ())
                .unwrap_err();
            let whole = serde_json::from_str::<Pod>(text).map(|_| ()).unwrap_err();
            assert_eq!(kept.to_string(), whole.to_string());
        }
    }

    #[test]
    fn dropped_fields_are_not_read() {
        let kept: KeptPod = serde_json::from_value(json!({
            "metadata": {"name": "p", "annotations": 5},
            "spec": {"volumes": "none", "containers": [{"name": "c", "env": {"A": 1}}]}
        }))
        .expect("dropped fields are skipped unread");
        assert_eq!(Box::<Pod>::from(kept).spec.unwrap().containers[0].name, "c");
    }

    fn workload_pod(controller: &str) -> Value {
        json!({
            "metadata": {"name": "web-1", "labels": {"app": "web"},
                "ownerReferences": [{"apiVersion": "apps/v1", "kind": controller,
                    "name": "web", "uid": "u1", "controller": true}]},
            "spec": {"nodeName": "n1", "hostNetwork": true, "priority": 5,
                "tolerations": [{"operator": "Exists"}],
                "affinity": {"nodeAffinity": {}},
                "overhead": {"cpu": "10m"},
                "initContainers": [{"name": "side", "image": "s", "restartPolicy": "Always",
                    "resources": {"limits": {"cpu": "100m"}}}],
                "containers": [{"name": "c", "image": "web:1",
                    "ports": [{"containerPort": 8080, "hostPort": 8080}],
                    "resources": {"requests": {"cpu": "1"}}}]},
            "status": {"phase": "Running", "podIP": "10.0.0.1",
                "conditions": [{"type": "PodResizePending", "status": "True",
                    "reason": "Infeasible", "lastTransitionTime": "2026-01-01T00:00:00Z"}],
                "containerStatuses": [{"name": "c", "image": "web:1", "imageID": "", "ready": true,
                    "restartCount": 3, "resources": {"requests": {"cpu": "2"}},
                    "allocatedResources": {"cpu": "2"},
                    "state": {"running": {"startedAt": "2026-01-01T00:00:00Z"}}}]}
        })
    }

    #[test]
    fn a_workload_pod_keeps_what_counting_it_on_its_node_reads() {
        let (p, whole): (Box<Pod>, _) = both::<KeptPod, _>(workload_pod("ReplicaSet"));
        let (spec, was) = (p.spec.as_ref().unwrap(), whole.spec.as_ref().unwrap());
        assert_eq!(
            (&spec.node_name, spec.host_network, &spec.overhead),
            (&was.node_name, was.host_network, &was.overhead)
        );
        for (kept, was) in spec.containers.iter().zip(&was.containers).chain(
            spec.init_containers
                .iter()
                .flatten()
                .zip(was.init_containers.iter().flatten()),
        ) {
            assert_eq!(
                (
                    &kept.name,
                    &kept.ports,
                    &kept.resources,
                    &kept.restart_policy
                ),
                (&was.name, &was.ports, &was.resources, &was.restart_policy)
            );
            assert_eq!(kept.image, None, "not read for a workload's pod");
        }
        assert_eq!(
            (&spec.tolerations, &spec.affinity, spec.priority),
            (&None, &None, None)
        );
        let (status, was) = (p.status.as_ref().unwrap(), whole.status.as_ref().unwrap());
        assert_eq!(status.phase, was.phase);
        assert_eq!(
            status.conditions,
            Some(vec![PodCondition {
                type_: "PodResizePending".into(),
                reason: Some("Infeasible".into()),
                ..PodCondition::default()
            }]),
            "its status and times are not read"
        );
        let (cs, cs_was) = (
            &status.container_statuses.as_ref().unwrap()[0],
            &was.container_statuses.as_ref().unwrap()[0],
        );
        assert_eq!(
            (&cs.name, &cs.resources, &cs.allocated_resources),
            (&cs_was.name, &cs_was.resources, &cs_was.allocated_resources)
        );
        assert_eq!((cs.restart_count, &status.pod_ip), (0, &None));
        assert_eq!(
            p.metadata,
            Box::<Pod>::from(
                serde_json::from_value::<KeptPod>(workload_pod("ReplicaSet")).unwrap()
            )
            .metadata
        );
    }

    #[test]
    fn a_pod_a_daemon_set_may_claim_is_read_in_full() {
        // A DaemonSet's pod, and a workload's pod whose metadata comes after its spec.
        let pod = workload_pod("ReplicaSet");
        let late_metadata = format!(
            r#"{{"spec": {}, "metadata": {}}}"#,
            pod["spec"], pod["metadata"]
        );
        for kept in [
            serde_json::from_value::<KeptPod>(workload_pod("DaemonSet")).unwrap(),
            serde_json::from_str::<KeptPod>(&late_metadata).unwrap(),
        ] {
            let spec = Box::<Pod>::from(kept).spec.unwrap();
            assert!(spec.tolerations.is_some() && spec.affinity.is_some());
            assert_eq!(spec.containers[0].image.as_deref(), Some("web:1"));
        }
    }

    /// A workload pod with several conditions, ports and container statuses, with escaped
    /// strings (read owned rather than borrowed).
    fn workload_pod_with_lists() -> Value {
        json!({
            "metadata": {"name": "web-2", "ownerReferences": [{"apiVersion": "batch/v1",
                "kind": "Job", "name": "web", "uid": "u2", "controller": true}]},
            "spec": {"nodeName": "n1",
                "initContainers": [{"name": "side", "restartPolicy": "Always",
                    "ports": [{"containerPort": 53, "hostPort": 5353, "protocol": "UDP",
                        "hostIP": "10.0.0.1", "name": "dns"}]}],
                "containers": [{"name": "c\"1",
                    "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"},
                        {"containerPort": 9090, "hostPort": 0},
                        {"containerPort": 8443, "hostPort": 443, "name": "https"}],
                    "resources": {"requests": {"cpu": "1"}}},
                    {"name": "c2", "resources": {"requests": {"cpu": "1"}}}]},
            "status": {"phase": "Running",
                "conditions": [
                    {"type": "PodReadyToStartContainers", "status": "True"},
                    {"type": "Ready", "status": "False", "reason": "ContainersNotReady",
                        "message": "containers with unready status: [c2]"},
                    {"type": "PodResize\"Pending", "reason": "Deferred"},
                    {"type": "PodResizePending", "status": "True", "reason": "Infeasible",
                        "message": "Node didn't have enough capacity",
                        "lastTransitionTime": "2026-01-01T00:00:00Z"},
                    {"type": "PodResizePending", "reason": "Deferred"},
                    {"type": "PodScheduled", "status": "True"}],
                "containerStatuses": [
                    {"name": "c\"1", "image": "web:1", "imageID": "", "ready": true,
                        "restartCount": 0, "resources": {"requests": {"cpu": "2"}},
                        "allocatedResources": {"cpu": "2"}},
                    {"name": "c2", "image": "web:1", "imageID": "", "ready": false,
                        "restartCount": 1, "state": {"waiting": {}}}],
                "initContainerStatuses": [
                    {"name": "side", "image": "s", "imageID": "", "ready": true,
                        "restartCount": 0}]}
        })
    }

    #[test]
    fn a_workload_pod_keeps_of_its_lists_what_counting_reads() {
        let pod = workload_pod_with_lists();
        let (kept, whole): (Box<Pod>, _) = both::<KeptPod, _>(pod.clone());
        // The streaming reading borrows strings without escapes; it keeps the same.
        let text = serde_json::to_string(&pod).unwrap();
        let streamed = serde_json::from_str::<KeptPod>(&text).expect("kept reading");
        assert_eq!(Box::<Pod>::from(streamed), kept);

        // `IsPodResizeInfeasible` reads the reason of the first `PodResizePending` condition:
        // every such condition is kept in order, with its type and reason.
        let (status, was) = (kept.status.unwrap(), whole.status.unwrap());
        let resize_pending: Vec<_> = was
            .conditions
            .iter()
            .flatten()
            .filter(|c| c.type_ == "PodResizePending")
            .map(|c| PodCondition {
                type_: c.type_.clone(),
                reason: c.reason.clone(),
                ..PodCondition::default()
            })
            .collect();
        assert_eq!(status.conditions.as_ref(), Some(&resize_pending));
        assert_eq!(resize_pending.len(), 2);
        assert_eq!(resize_pending[0].reason.as_deref(), Some("Infeasible"));

        // `GetHostPorts` reads ports with a host port, of sidecars and containers, in order.
        let (spec, was_spec) = (kept.spec.unwrap(), whole.spec.unwrap());
        let host_ports = |spec: &PodSpec| -> Vec<ContainerPort> {
            spec.init_containers
                .iter()
                .flatten()
                .chain(&spec.containers)
                .flat_map(|c| c.ports.iter().flatten())
                .filter(|p| p.host_port.is_some_and(|port| port > 0))
                .map(|p| ContainerPort {
                    name: None,
                    ..p.clone()
                })
                .collect()
        };
        assert_eq!(host_ports(&spec), host_ports(&was_spec));
        assert_eq!(host_ports(&spec).len(), 2);
        assert_eq!(
            spec.containers[0].ports.as_ref().map(Vec::len),
            Some(1),
            "ports that are not host ports are not kept"
        );

        // `determineContainerReqs` reads a container's status when it reports resources.
        let with_resources = |statuses: Option<&Vec<ContainerStatus>>| -> Vec<ContainerStatus> {
            statuses
                .into_iter()
                .flatten()
                .filter(|cs| cs.resources.is_some())
                .map(|cs| ContainerStatus {
                    name: cs.name.clone(),
                    resources: cs.resources.clone(),
                    allocated_resources: cs.allocated_resources.clone(),
                    ..ContainerStatus::default()
                })
                .collect()
        };
        assert_eq!(
            status.container_statuses,
            Some(with_resources(was.container_statuses.as_ref()))
        );
        assert_eq!(status.container_statuses.as_ref().unwrap()[0].name, "c\"1");
        assert_eq!(status.init_container_statuses, Some(Vec::new()));
    }

    #[test]
    fn workload_lists_are_type_checked_as_k8s_openapi_checks_them() {
        let workload = r#""metadata": {"ownerReferences": [{"apiVersion": "apps/v1",
            "kind": "ReplicaSet", "name": "web", "uid": "u", "controller": true}]}"#;
        for rest in [
            r#""status": {"conditions": 5}"#,
            r#""status": {"conditions": [5]}"#,
            r#""status": {"conditions": [{"type": 5}]}"#,
            r#""status": {"conditions": [{"type": "PodResizePending", "reason": []}]}"#,
            r#""status": {"containerStatuses": [{"name": true}]}"#,
            r#""status": {"containerStatuses": [{"resources": 1}]}"#,
            r#""spec": {"containers": [{"ports": {}}]}"#,
            r#""spec": {"containers": [{"ports": [{"hostPort": "80"}]}]}"#,
            r#""spec": {"containers": [{"ports": [{"protocol": 6}]}]}"#,
        ] {
            let text = format!("{{{workload}, {rest}}}");
            let kept = serde_json::from_str::<KeptPod>(&text)
                .map(|_| ())
                .unwrap_err();
            let whole = serde_json::from_str::<Pod>(&text).map(|_| ()).unwrap_err();
            assert_eq!(kept.to_string(), whole.to_string(), "{rest}");
        }
    }
}
