//! The failed-pod backoff of the DaemonSet controller: `flowcontrol.NewBackOff(1s, 15m)` as
//! kube-controller-manager builds it (`cmd/kube-controller-manager/app/apps.go`), keyed per node
//! (R-C8, R-M1). No jitter, so it is deterministic.

use std::collections::BTreeMap;

/// First delay, seconds.
const INITIAL_SECONDS: i64 = 1;
/// Largest delay, seconds (15 minutes).
const MAX_SECONDS: i64 = 15 * 60;

/// Per-key exponential backoff (`k8s.io/client-go/util/flowcontrol.Backoff`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backoff {
    /// Key → (current delay, last update), seconds.
    entries: BTreeMap<String, (i64, i64)>,
}

impl Backoff {
    /// `IsInBackOffSinceUpdate`: less than the current delay has passed since the last `next`.
    pub fn in_backoff(&self, key: &str, now: i64) -> bool {
        self.entries
            .get(key)
            .is_some_and(|&(delay, last)| now - last < delay)
    }

    /// `Next`: start at the initial delay (also after an idle period of twice the maximum), or
    /// double the delay up to the maximum.
    pub fn next(&mut self, key: &str, now: i64) {
        let delay = match self.entries.get(key) {
            Some(&(delay, last)) if now - last <= 2 * MAX_SECONDS => (delay * 2).min(MAX_SECONDS),
            _ => INITIAL_SECONDS,
        };
        self.entries.insert(key.to_owned(), (delay, now));
    }

    /// When the backoff of `key` ends, if it is running at `now`.
    pub fn expires_at(&self, key: &str, now: i64) -> Option<i64> {
        self.entries
            .get(key)
            .map(|&(delay, last)| last + delay)
            .filter(|&end| end > now)
    }

    /// Every key's end of backoff after `now`: the times a sync is requeued for.
    pub fn wakeups(&self, now: i64) -> impl Iterator<Item = i64> + '_ {
        self.entries
            .keys()
            .filter_map(move |key| self.expires_at(key, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_from_one_second_up_to_fifteen_minutes() {
        let mut backoff = Backoff::default();
        assert!(!backoff.in_backoff("n", 0));
        backoff.next("n", 0);
        assert!(backoff.in_backoff("n", 0));
        assert!(
            !backoff.in_backoff("n", 1),
            "exactly the delay later is out of backoff"
        );
        backoff.next("n", 1);
        assert_eq!(backoff.expires_at("n", 1), Some(3));
        for t in 2..20 {
            backoff.next("n", t);
        }
        assert_eq!(backoff.expires_at("n", 19), Some(19 + MAX_SECONDS));
    }
}
