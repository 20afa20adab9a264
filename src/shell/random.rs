//! `$RANDOM` exactly as busybox generates it (busybox `shell/random.c`, `next_random`: a
//! Galois LFSR combined with an LCG), seeded per container from the simulation seed instead of
//! the pid and clock. Assigning `RANDOM=n` reseeds as ash's `change_random` does.

/// The generator state (`random_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Random {
    galois_lfsr: i32,
    lcg: u32,
}

impl Random {
    /// A generator from a 64-bit seed, mixed first (splitmix64) so that nearby seeds start
    /// far apart, as busybox's pid-and-clock seeds do; the LFSR half is never zero.
    pub fn from_seed(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        let seed = z ^ (z >> 31);
        let lfsr = (seed as u32) as i32;
        Self {
            galois_lfsr: if lfsr == 0 { 1 } else { lfsr },
            lcg: (seed >> 32) as u32,
        }
    }

    /// Reseeds after `RANDOM=value` (`INIT_RANDOM_T(&random_gen, (t ? t : 1), t)`).
    pub fn reseed(&mut self, value: u32) {
        self.galois_lfsr = if value == 0 { 1 } else { value as i32 };
        self.lcg = value;
    }

    /// The next value in 0..=32767.
    pub fn next_value(&mut self) -> u32 {
        const MASK: u32 = 0x8000_000b;
        self.lcg = self.lcg.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        let mut t = (self.galois_lfsr as u32) << 1;
        if self.galois_lfsr < 0 {
            t ^= MASK;
        }
        self.galois_lfsr = t as i32;
        t.wrapping_sub(self.lcg) & 0x7fff
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_busybox_after_reseed() {
        // RANDOM=1: LFSR=1, LCG=1. First step: LCG = 1664525 + 1013904223 = 1015568748,
        // LFSR = 2, (2 - 1015568748) & 0x7fff.
        let mut r = Random::from_seed(0);
        r.reseed(1);
        let expected = 2u32.wrapping_sub(1_015_568_748) & 0x7fff;
        assert_eq!(r.next_value(), expected);
        assert!(r.next_value() <= 0x7fff);
    }

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Random::from_seed(42);
        let mut b = Random::from_seed(42);
        let xs: Vec<u32> = (0..5).map(|_| a.next_value()).collect();
        let ys: Vec<u32> = (0..5).map(|_| b.next_value()).collect();
        assert_eq!(xs, ys);
        assert_ne!(
            Random::from_seed(43).next_value(),
            Random::from_seed(42).next_value()
        );
    }
}
