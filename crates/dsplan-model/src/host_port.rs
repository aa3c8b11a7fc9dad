//! A host port as the scheduler keeps it (`HostPortInfo` in `kube-scheduler/framework/types.go`):
//! sanitised on the way in, and its conflict rule.

use k8s_openapi::api::core::v1::ContainerPort;

/// `DefaultBindAllHostIP`.
pub const WILDCARD_IP: &str = "0.0.0.0";

/// One host port, sanitised: empty IP is `0.0.0.0`, empty protocol is `TCP`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    /// Host IP.
    pub ip: String,
    /// `TCP`, `UDP` or `SCTP`.
    pub protocol: String,
    /// The port (> 0).
    pub port: i32,
}

impl HostPort {
    /// The host port a container port asks for, if any (`hostPort` > 0).
    pub fn of(port: &ContainerPort) -> Option<Self> {
        let host_port = port.host_port.filter(|p| *p > 0)?;
        let ip = port.host_ip.as_deref().filter(|ip| !ip.is_empty());
        let protocol = port.protocol.as_deref().filter(|p| !p.is_empty());
        Some(Self {
            ip: ip.unwrap_or(WILDCARD_IP).to_owned(),
            protocol: protocol.unwrap_or("TCP").to_owned(),
            port: host_port,
        })
    }

    /// `HostPortInfo.CheckConflict` of `self` (wanted) against `used`: a wildcard wanted IP
    /// conflicts with the same protocol and port on any IP; a specific one with the same IP or
    /// the wildcard.
    pub fn conflicts_with(&self, used: &HostPort) -> bool {
        self.protocol == used.protocol
            && self.port == used.port
            && (self.ip == WILDCARD_IP || used.ip == WILDCARD_IP || self.ip == used.ip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(ip: &str, protocol: &str, port: i32) -> HostPort {
        HostPort {
            ip: ip.into(),
            protocol: protocol.into(),
            port,
        }
    }

    #[test]
    fn wildcard_and_protocol_rules() {
        let any = port(WILDCARD_IP, "TCP", 80);
        assert!(any.conflicts_with(&port("10.0.0.1", "TCP", 80)));
        assert!(port("10.0.0.1", "TCP", 80).conflicts_with(&any));
        assert!(!port("10.0.0.1", "TCP", 80).conflicts_with(&port("10.0.0.2", "TCP", 80)));
        assert!(!any.conflicts_with(&port(WILDCARD_IP, "UDP", 80)));
        assert!(!any.conflicts_with(&port("::", "UDP", 81)));
        assert!(
            !port("::", "TCP", 80).conflicts_with(&port("::1", "TCP", 80)),
            ":: is no wildcard"
        );
    }

    #[test]
    fn sanitises_and_skips_unset_ports() {
        let p = ContainerPort {
            container_port: 8080,
            host_port: Some(80),
            ..Default::default()
        };
        assert_eq!(HostPort::of(&p), Some(port(WILDCARD_IP, "TCP", 80)));
        let unset = ContainerPort {
            container_port: 8080,
            ..Default::default()
        };
        assert_eq!(HostPort::of(&unset), None);
    }
}
