//! `NodePorts` (`plugins/nodeports/node_ports.go`): a wanted host port must not conflict with
//! one in use on the node. Ports of the incoming pod are not checked against each other.

use super::{Failure, PodFacts};
use crate::cluster::NodeUsage;
use crate::report::Detail;

/// `ErrReason`.
pub const REASON: &str = "node(s) didn't have free ports for the requested pod ports";

pub(super) fn filter(facts: &PodFacts<'_>, usage: &NodeUsage) -> Option<Failure> {
    let details: Vec<Detail> = facts
        .ports
        .iter()
        .filter_map(|wanted| {
            let used = usage
                .ports
                .iter()
                .find(|used| wanted.conflicts_with(&used.port))?;
            Some(Detail::HostPortConflict {
                protocol: wanted.protocol.clone(),
                host_ip: wanted.ip.clone(),
                port: wanted.port,
                used_by: used.used_by.clone(),
            })
        })
        .collect();
    (!details.is_empty()).then(|| Failure {
        reasons: vec![REASON.to_owned()],
        unresolvable: false,
        details,
    })
}
