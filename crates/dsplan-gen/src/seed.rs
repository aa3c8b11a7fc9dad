//! Deterministic randomness: one independent generator per generated object, derived from the
//! user's seed, plus the random-looking strings Kubernetes puts in objects (UIDs, name suffixes,
//! hashes, timestamps).
//!
//! Deriving a generator per object (instead of threading one through the whole run) lets every
//! node and pod be generated on its own, in any order, with the same result.

use fastrand::Rng;

/// What kind of object a generator is for, so that node 7 and pod 7 draw different numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    Node = 1,
    Pod = 2,
    Workload = 3,
}

/// The generator for object `index` of `stream` under `seed`.
pub(crate) fn rng(seed: u64, stream: Stream, index: u64) -> Rng {
    Rng::with_seed(mix(mix(seed ^ (stream as u64).rotate_left(56)) ^ index))
}

/// SplitMix64's finalizer: spreads nearby inputs over the whole 64-bit range.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A random version-4 UUID, as the API server assigns to `metadata.uid`.
pub(crate) fn uid(rng: &mut Rng) -> String {
    let hi = rng.u64(..);
    let lo = rng.u64(..);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xfff,
        0x8000 | ((lo >> 48) & 0x3fff),
        lo & 0xffff_ffff_ffff
    )
}

/// The alphabet of `generateName` suffixes and of revision and template hashes: apimachinery's
/// `rand.String` alphabet (`util/rand/rand.go`: consonants and digits without look-alikes).
const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// `len` characters from the `generateName`/hash alphabet.
pub(crate) fn suffix(rng: &mut Rng, len: usize) -> String {
    (0..len)
        .map(|_| char::from(ALPHANUMS[rng.usize(..ALPHANUMS.len())]))
        .collect()
}

/// A 5-character `generateName` suffix that is distinct for every `n` below 27^5 (14,348,907):
/// `n` times a unit modulo 27^5, written in the suffix alphabet. Random-looking suffixes would
/// collide among the thousands of pods of one ReplicaSet.
pub(crate) fn unique_suffix(n: u64) -> String {
    const SPACE: u64 = 27 * 27 * 27 * 27 * 27;
    // 7,368,787 is prime and not 3, so multiplying by it permutes 0..27^5.
    let mut v = (n % SPACE) * 7_368_787 % SPACE;
    let mut out = [0u8; 5];
    for slot in out.iter_mut().rev() {
        *slot = ALPHANUMS[(v % 27) as usize];
        v /= 27;
    }
    out.iter().map(|&b| char::from(b)).collect()
}

/// `len` lowercase hex digits (machine IDs, image digests, instance IDs).
pub(crate) fn hex(rng: &mut Rng, len: usize) -> String {
    (0..len)
        .map(|_| char::from(b"0123456789abcdef"[rng.usize(..16)]))
        .collect()
}

/// An RFC 3339 time in October or November 2026, before the snapshot was taken (node
/// heartbeats say 2026-11-24T14:59:41Z).
pub(crate) fn timestamp(rng: &mut Rng) -> String {
    let month = rng.u8(10..=11);
    let day = if month == 11 {
        rng.u8(1..=23)
    } else {
        rng.u8(1..=31)
    };
    format!(
        "2026-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rng.u8(0..24),
        rng.u8(0..60),
        rng.u8(0..60)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_and_indexes_draw_different_numbers() {
        let a = rng(1, Stream::Node, 7).u64(..);
        assert_ne!(a, rng(1, Stream::Pod, 7).u64(..));
        assert_ne!(a, rng(1, Stream::Node, 8).u64(..));
        assert_ne!(a, rng(2, Stream::Node, 7).u64(..));
        assert_eq!(a, rng(1, Stream::Node, 7).u64(..));
    }

    #[test]
    fn unique_suffixes_do_not_repeat() {
        let all: std::collections::HashSet<String> = (0..200_000).map(unique_suffix).collect();
        assert_eq!(all.len(), 200_000);
        assert!(all.iter().all(|s| s.len() == 5));
    }

    #[test]
    fn uid_is_a_version_4_uuid() {
        let uid = uid(&mut rng(3, Stream::Pod, 0));
        let groups: Vec<&str> = uid.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'));
        assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }
}
