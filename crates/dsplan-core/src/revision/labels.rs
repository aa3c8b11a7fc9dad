//! The revision labels of the DaemonSet's pods, and the hash its pods at the current
//! templateGeneration carry ([`current_generation_hash`]).
//!
//! The controller creates every pod with the current revision's hash and the templateGeneration
//! (`pkg/controller/daemon/util`: `CreatePodTemplate`, called by `syncNodes`), so these pods carry
//! the hash upstream's `constructHistory` gives the template even when the snapshot holds no
//! ControllerRevision (a plain `kubectl get` snapshot).

use crate::daemon_pod::{GENERATION_LABEL, HASH_LABEL};
use dsplan_model::k8s_openapi::api::core::v1::Pod;

/// The revision labels of one of the DaemonSet's pods, as [`current_generation_hash`] reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodRevisionLabels<'p> {
    /// `metadata.name`.
    pub name: &'p str,
    /// `controller-revision-hash`.
    pub hash: Option<&'p str>,
    /// `pod-template-generation`.
    pub generation: Option<&'p str>,
    /// `metadata.creationTimestamp`, in any consistent unit (0 when absent).
    pub created: i64,
}

impl<'p> PodRevisionLabels<'p> {
    /// The revision labels of `pod`.
    pub fn of(pod: &'p Pod) -> Self {
        let label = |key: &str| {
            pod.metadata
                .labels
                .as_ref()
                .and_then(|labels| labels.get(key))
                .map(String::as_str)
        };
        PodRevisionLabels {
            name: pod.metadata.name.as_deref().unwrap_or_default(),
            hash: label(HASH_LABEL),
            generation: label(GENERATION_LABEL),
            created: pod
                .metadata
                .creation_timestamp
                .as_ref()
                .map_or(0, |time| time.0.as_second()),
        }
    }
}

/// The hash the DaemonSet's pods at its current templateGeneration carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerationHash<'p> {
    /// The hash taken.
    pub hash: &'p str,
    /// The templateGeneration the pods are at.
    pub generation: i64,
    /// Every distinct hash those pods carry, sorted (more than one is a conflict).
    pub candidates: Vec<&'p str>,
    /// The pod whose hash was taken.
    pub pod: &'p str,
}

/// The `controller-revision-hash` of the pods whose `pod-template-generation` is `generation`
/// (compared as text, as `util.IsPodUpdated` does), `None` when no such pod carries a hash.
///
/// Pods at one generation with different hashes (a revision recreated under another hash,
/// `ComputeHash` with a bumped `collisionCount`, or edited labels) are resolved to the newest
/// pod's hash (latest creation, then greatest name): the controller labelled it last, and
/// `dedupCurHistories` likewise keeps the latest of several current revisions (`update.go`).
pub fn current_generation_hash<'p>(
    pods: &[PodRevisionLabels<'p>],
    generation: i64,
) -> Option<GenerationHash<'p>> {
    let label = generation.to_string();
    let at_generation: Vec<(&PodRevisionLabels<'p>, &'p str)> = pods
        .iter()
        .filter(|pod| pod.generation == Some(label.as_str()))
        .filter_map(|pod| {
            pod.hash
                .filter(|hash| !hash.is_empty())
                .map(|hash| (pod, hash))
        })
        .collect();
    let (newest, hash) = at_generation
        .iter()
        .max_by_key(|(pod, _)| (pod.created, pod.name))?;
    let mut candidates: Vec<&'p str> = at_generation.iter().map(|(_, hash)| *hash).collect();
    candidates.sort_unstable();
    candidates.dedup();
    Some(GenerationHash {
        hash,
        generation,
        candidates,
        pod: newest.name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels<'a>(
        name: &'a str,
        hash: &'a str,
        generation: &'a str,
        created: i64,
    ) -> PodRevisionLabels<'a> {
        PodRevisionLabels {
            name,
            hash: Some(hash),
            generation: Some(generation),
            created,
        }
    }

    #[test]
    fn only_pods_at_the_generation_count_and_the_newest_wins() {
        let pods = [
            labels("pod-0", "b", "2", 0),
            labels("pod-1", "a", "2", 1),
            labels("pod-2", "old", "1", 2),
        ];
        let found = current_generation_hash(&pods, 2).expect("pods at generation 2");
        assert_eq!((found.hash, found.pod), ("a", "pod-1"));
        assert_eq!(found.candidates, ["a", "b"]);
        assert_eq!(current_generation_hash(&pods, 3), None);
        let tied = [labels("pod-0", "b", "2", 0), labels("pod-1", "a", "2", 0)];
        assert_eq!(
            current_generation_hash(&tied, 2).map(|found| found.hash),
            Some("a"),
            "same creation time: the greater name, pod-1"
        );
    }

    #[test]
    fn an_empty_hash_label_names_nothing() {
        assert_eq!(
            current_generation_hash(&[labels("pod-0", "", "2", 0)], 2),
            None
        );
    }
}
