//! Host ports a pod uses, as the scheduler sees them: `util.GetHostPorts` (restartable init
//! containers first, then containers; plain init containers ignored). Each is a
//! [`HostPort`], sanitised as `HostPortInfo` keeps it.

use dsplan_model::k8s_openapi::api::core::v1::PodSpec;

pub use dsplan_model::host_port::{HostPort, WILDCARD_IP};

/// `GetHostPorts`: host ports of sidecars, then of containers.
pub fn host_ports(spec: &PodSpec) -> Vec<HostPort> {
    crate::resources::sidecars(spec)
        .chain(&spec.containers)
        .flat_map(|c| c.ports.iter().flatten())
        .filter_map(HostPort::of)
        .collect()
}
