//! Generated names and UIDs, as the API server makes them.
//!
//! `SimpleNameGenerator` (apiserver `storage/names/generate.go`): the base is cut to 58
//! characters and 5 random characters from `bcdfghjklmnpqrstvwxz2456789` are appended.
//! UIDs are RFC 4122 version-4 UUIDs, drawn from the run's seed instead of the OS.

use crate::sim::rng;

/// `utilrand.String`'s alphabet: no vowels, no 0, 1 or 3.
const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
/// `MaxGeneratedNameLength`: 63 minus the 5 random characters.
const MAX_GENERATED_NAME_LENGTH: usize = 58;

/// `generateName` + 5 random characters, drawn from `(seed, "names", key)`.
pub fn generate_name(base: &str, seed: u64, key: &str) -> String {
    let mut stream = rng::stream(seed, "names", key);
    let mut base: String = base.chars().take(MAX_GENERATED_NAME_LENGTH).collect();
    for _ in 0..5 {
        let i = stream.below(ALPHANUMS.len() as u64) as usize;
        base.push(char::from(ALPHANUMS[i]));
    }
    base
}

/// A version-4 UUID drawn from `(seed, "uid", key)`.
pub fn uid(seed: u64, key: &str) -> String {
    let mut stream = rng::stream(seed, "uid", key);
    let hi = stream.next_u64();
    let lo = stream.next_u64();
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    let mut out = String::with_capacity(36);
    rng::push_hex(&mut out, hi >> 32, 8);
    out.push('-');
    rng::push_hex(&mut out, (hi >> 16) & 0xffff, 4);
    out.push('-');
    rng::push_hex(&mut out, hi & 0xffff, 4);
    out.push('-');
    rng::push_hex(&mut out, lo >> 48, 4);
    out.push('-');
    rng::push_hex(&mut out, lo & 0xffff_ffff_ffff, 12);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_use_the_upstream_alphabet_and_length() {
        let name = generate_name("pi-", 1, "k");
        assert_eq!(name.len(), 8);
        assert!(name[3..].bytes().all(|b| ALPHANUMS.contains(&b)), "{name}");
        let long = generate_name(&"x".repeat(80), 1, "k");
        assert_eq!(long.len(), 63);
    }

    #[test]
    fn uids_are_version_4() {
        let u = uid(42, "job/default/pi");
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"), "{u}");
        assert_eq!(u, uid(42, "job/default/pi"));
    }
}
