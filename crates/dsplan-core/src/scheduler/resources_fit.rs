//! `NodeResourcesFit` Filter (`plugins/noderesources/fit.go` `fitsRequest`): pod count first,
//! then cpu, memory, ephemeral storage and scalar resources against allocatable minus what the
//! node's pods request. Every insufficient resource is reported.
//!
//! Upstream reports scalar resources in Go map order, which is random; dsplan reports them
//! sorted by name. `ignoredResources`/`ignoredResourceGroups` are empty in the default profile
//! and DRA-backed extended resources are not modelled.

use super::{Failure, PodFacts};
use crate::cluster::NodeUsage;
use crate::report::Detail;
use crate::resources::Resources;

/// The pod-count reason.
pub const TOO_MANY_PODS: &str = "Too many pods";

pub(super) fn filter(
    facts: &PodFacts<'_>,
    alloc: &Resources,
    usage: &NodeUsage,
) -> Option<Failure> {
    let request = &facts.requests;
    let used = &usage.requested;
    let mut reasons = Vec::new();
    let mut details = Vec::new();
    let mut unresolvable = false;
    let pods = i64::try_from(usage.pods).unwrap_or(i64::MAX);
    if pods.saturating_add(1) > alloc.pods {
        reasons.push(TOO_MANY_PODS.to_owned());
        details.push(Detail::TooManyPods {
            pods: usage.pods,
            allowed: alloc.pods,
        });
    }
    let nothing = request.milli_cpu == 0
        && request.memory == 0
        && request.ephemeral_storage == 0
        && request.scalars.is_empty();
    if !nothing {
        let named = [
            ("cpu", request.milli_cpu, used.milli_cpu, alloc.milli_cpu),
            ("memory", request.memory, used.memory, alloc.memory),
            (
                "ephemeral-storage",
                request.ephemeral_storage,
                used.ephemeral_storage,
                alloc.ephemeral_storage,
            ),
        ];
        let scalars = request.scalars.iter().map(|(name, want)| {
            let of =
                |m: &std::collections::BTreeMap<String, i64>| m.get(name).copied().unwrap_or(0);
            (name.as_str(), *want, of(&used.scalars), of(&alloc.scalars))
        });
        // cpu, memory and ephemeral storage are checked when positive, scalars when non-zero.
        let checked = named
            .into_iter()
            .filter(|r| r.1 > 0)
            .chain(scalars.filter(|r| r.1 != 0));
        for (name, want, in_use, total) in checked {
            if want > total.saturating_sub(in_use) {
                reasons.push(format!("Insufficient {name}"));
                unresolvable |= want > total;
                details.push(Detail::InsufficientResource {
                    resource: name.to_owned(),
                    requested: want,
                    used: in_use,
                    allocatable: total,
                });
            }
        }
    }
    (!reasons.is_empty()).then_some(Failure {
        reasons,
        unresolvable,
        details,
    })
}
