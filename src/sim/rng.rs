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

/// A 64-bit value derived from `(seed, purpose, key)`: the bytes are folded eight at a
/// time (little-endian, so every target agrees), then finished with SplitMix64.
pub fn mix(seed: u64, purpose: &str, key: &str) -> u64 {
    let mut hash = fold(seed ^ 0xcbf2_9ce4_8422_2325, purpose.as_bytes());
    hash = fold(splitmix64(hash), key.as_bytes());
    splitmix64(hash ^ (key.len() as u64).rotate_left(32))
}

fn fold(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = (hash ^ u64::from_le_bytes(word) ^ (rest.len() as u64) << 56)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
    hash
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

/// Appends the low `digits` hex digits of `value` (lower case, zero-padded) to `out`.
pub fn push_hex(out: &mut String, value: u64, digits: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in (0..digits).rev() {
        let nibble = ((value >> (shift * 4)) & 0xf) as usize;
        out.push(char::from(HEX[nibble]));
    }
}

impl Stream {
    /// `words` × 16 random hex digits (container IDs, image digests).
    pub fn hex(&mut self, words: usize) -> String {
        let mut out = String::with_capacity(words * 16);
        for _ in 0..words {
            push_hex(&mut out, self.next_u64(), 16);
        }
        out
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
    fn hex_is_zero_padded_lower_case() {
        let mut out = String::new();
        push_hex(&mut out, 0xab, 4);
        assert_eq!(out, "00ab");
        assert_eq!(stream(1, "x", "y").hex(2).len(), 32);
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
