//! Seeded randomness. Every random choice in a run comes from a stream derived from the run's
//! seed, a purpose and a key (`stream(seed, "names", job_uid)`), so adding a pod never shifts
//! another pod's randomness. The generator is PCG (`rand_pcg::Pcg64Mcg`), portable by name.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// A deterministic random stream.
#[derive(Clone, Debug)]
pub struct Stream(Pcg64Mcg);

/// The stream for `(seed, purpose, key)`.
pub fn stream(seed: u64, purpose: &str, key: &str) -> Stream {
    Stream(Pcg64Mcg::seed_from_u64(mix(seed, purpose, key)))
}

/// A 64-bit value derived from `(seed, purpose, key)`: FNV-1a over the bytes, then SplitMix64.
pub fn mix(seed: u64, purpose: &str, key: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in purpose.bytes().chain([0xff]).chain(key.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    splitmix64(hash)
}

fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Stream {
    /// The next raw 64 bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A value in `0..n` (`n` > 0), without modulo bias worth noticing for small `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A value in `low..=high` milliseconds-style integers.
    pub fn between(&mut self, low: u64, high: u64) -> u64 {
        if high <= low {
            return low;
        }
        low + self.below(high - low + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_stream_and_keys_are_independent() {
        let a: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(stream(7, "names", "x"), |s, _| Some(s.next_u64()))
            .collect();
        let b: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(stream(7, "names", "x"), |s, _| Some(s.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(
            stream(7, "names", "x").next_u64(),
            stream(7, "names", "y").next_u64()
        );
        assert_ne!(
            stream(7, "names", "x").next_u64(),
            stream(8, "names", "x").next_u64()
        );
    }

    #[test]
    fn between_stays_in_range() {
        let mut s = stream(1, "t", "k");
        for _ in 0..1000 {
            let v = s.between(10, 20);
            assert!((10..=20).contains(&v));
        }
    }
}
