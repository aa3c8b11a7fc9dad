//! Reduces a pod no DaemonSet can claim to a [`ForeignPod`] as it is read, so that the
//! snapshot of a large cluster keeps only what placement and policies read of its workload
//! pods (see `dsplan_model::foreign_pod`). Requests and host ports are computed here once, by
//! the same functions the scheduler cache's counting uses for whole pods
//! ([`crate::cluster::NodeUsage::add_pod`]).

use crate::host_ports::host_ports;
use crate::ownership::{controller_ref, namespace_of};
use crate::pod_util::is_terminal;
use crate::resources::{pod_requests, Problems, RequestOptions};
use dsplan_model::k8s_openapi::api::core::v1::Pod;
use dsplan_model::{FeatureGates, ForeignPod};

/// `pod` reduced, when no DaemonSet can claim it: it has a controller of another kind than
/// DaemonSet (`ClaimObject` leaves another controller's pod alone) and no pod-level resources
/// (without them its request does not depend on feature gates). Otherwise `pod` is given back,
/// to be kept whole.
pub fn reduce(mut pod: Box<Pod>) -> Result<ForeignPod, Box<Pod>> {
    let Some(controller) = controller_ref(&pod).filter(|c| c.kind != "DaemonSet") else {
        return Err(pod);
    };
    if pod.spec.as_ref().is_some_and(|s| s.resources.is_some()) {
        return Err(pod);
    }
    let (controller_kind, controller_name) = (controller.kind.clone(), controller.name.clone());
    let mut problems = Problems::default();
    // `RequestOptions::existing` reads the gates only for pod-level resources, ruled out above.
    let requests = pod_requests(
        &pod,
        RequestOptions::existing(&FeatureGates::default()),
        &mut problems,
    );
    let terminal = is_terminal(&pod);
    let host_ports = pod.spec.as_ref().map(host_ports).unwrap_or_default();
    let namespace = namespace_of(&pod.metadata).to_owned();
    // Taken out of the box rather than the box moved out: a Pod is large.
    let metadata = &mut pod.metadata;
    Ok(ForeignPod {
        namespace,
        name: metadata.name.take().unwrap_or_default(),
        labels: metadata.labels.take().unwrap_or_default(),
        controller_kind,
        controller_name,
        node_name: pod
            .spec
            .as_mut()
            .and_then(|s| s.node_name.take())
            .filter(|n| !n.is_empty()),
        terminal,
        requests,
        host_ports,
        notes: problems.0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dsplan_model::k8s_openapi::api::core::v1::{PodSpec, ResourceRequirements};
    use dsplan_model::k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        ObjectMeta, OwnerReference,
    };

    fn pod(controller: Option<&str>, pod_level: bool) -> Pod {
        Pod {
            metadata: ObjectMeta {
                name: Some("p".into()),
                labels: Some([("app".to_owned(), "web".to_owned())].into()),
                owner_references: controller.map(|kind| {
                    vec![OwnerReference {
                        kind: kind.into(),
                        name: "owner".into(),
                        uid: "u".into(),
                        controller: Some(true),
                        ..Default::default()
                    }]
                }),
                ..Default::default()
            },
            spec: Some(PodSpec {
                node_name: Some("n1".into()),
                resources: pod_level.then(ResourceRequirements::default),
                ..Default::default()
            }),
            status: None,
        }
    }

    #[test]
    fn only_pods_no_daemon_set_can_claim_are_reduced() {
        let reduced = reduce(Box::new(pod(Some("ReplicaSet"), false))).expect("a ReplicaSet's pod");
        assert_eq!(
            (reduced.namespace.as_str(), reduced.name.as_str()),
            ("default", "p")
        );
        assert_eq!(
            (
                reduced.controller_kind.as_str(),
                reduced.controller_name.as_str()
            ),
            ("ReplicaSet", "owner")
        );
        assert_eq!(reduced.labels["app"], "web");
        assert_eq!(reduced.counted_on(), Some("n1"));
        assert!(
            reduce(Box::new(pod(Some("DaemonSet"), false))).is_err(),
            "claimable"
        );
        assert!(
            reduce(Box::new(pod(None, false))).is_err(),
            "an orphan may be adopted"
        );
        assert!(
            reduce(Box::new(pod(Some("Job"), true))).is_err(),
            "pod-level resources count by feature gate"
        );
    }
}
