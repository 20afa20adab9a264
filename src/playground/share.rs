//! Share links: the whole playground — files, seed, speed, what was done and when, the
//! simulated moment, open panels — in the URL fragment, so a link reproduces exactly what a
//! student saw. The format is versioned (`v1.` + URL-safe base64 of deflated JSON) and kept
//! readable for as long as the project lives; a corrupt or foreign link is a clear error and
//! never touches the user's own work.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// The fragment key: `#share=v1.…`.
pub const FRAGMENT_KEY: &str = "share=";
const VERSION_PREFIX: &str = "v1.";
/// Links longer than this are refused before decoding (browsers cap URLs around 2 MB).
const MAX_LINK_BYTES: usize = 2 * 1024 * 1024;
/// A link may not inflate to more than this (no decompression bombs).
const MAX_JSON_BYTES: usize = 4 * 1024 * 1024;

/// One thing the user did, at a simulated instant: a kubectl line (Apply is `kubectl apply
/// -f FILE`; scenario buttons are `kubectl delete pod …`, `kubectl drain …`, patches).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Simulated milliseconds since the cluster started.
    pub at_ms: u64,
    pub line: String,
}

/// Everything a link carries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// Editor files, in tab order: (name, text).
    pub files: Vec<(String, String)>,
    /// The file shown in the editor.
    pub active: usize,
    pub seed: u64,
    /// Playback speed (1.0 = real time).
    pub speed: f64,
    pub actions: Vec<Action>,
    /// The simulated moment to replay to.
    pub time_ms: u64,
    /// Open panels by name (`terminal`, `timeline`, `guide`, a selected object…).
    #[serde(default)]
    pub panels: Vec<String>,
}

impl Eq for ShareError {}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// Not a jobsim link (no `share=` fragment, or another version).
    Foreign,
    /// It was cut or altered: the data does not decode.
    Corrupt(String),
    TooLarge,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Foreign => f.write_str("This link is not a jobsim share link (or comes from a newer jobsim). Your own work is unchanged."),
            ShareError::Corrupt(why) => write!(f, "This share link is damaged ({why}); perhaps it was cut when copied. Your own work is unchanged."),
            ShareError::TooLarge => f.write_str("This share link is too large to open. Your own work is unchanged."),
        }
    }
}

/// The fragment text for `shared` (without the leading `#`).
pub fn encode(shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!(
        "{FRAGMENT_KEY}{VERSION_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Reads a fragment (with or without `#`); other fragment parts (`&embed`) are ignored.
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    if fragment.len() > MAX_LINK_BYTES {
        return Err(ShareError::TooLarge);
    }
    let fragment = fragment.trim_start_matches('#');
    let value = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))
        .ok_or(ShareError::Foreign)?;
    let data = value
        .strip_prefix(VERSION_PREFIX)
        .ok_or(ShareError::Foreign)?;
    let packed = URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| ShareError::Corrupt(e.to_string()))?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Corrupt("compressed data is invalid".to_string()),
        })?;
    let shared: Shared =
        serde_json::from_slice(&json).map_err(|e| ShareError::Corrupt(e.to_string()))?;
    if !shared.speed.is_finite() || shared.files.is_empty() {
        return Err(ShareError::Corrupt("missing files or speed".to_string()));
    }
    Ok(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Shared {
        Shared {
            files: vec![
                ("pi.yaml".into(), "kind: Job\n".into()),
                ("notes.yaml".into(), "# ü\n".into()),
            ],
            active: 0,
            seed: 42,
            speed: 10.0,
            actions: vec![Action {
                at_ms: 0,
                line: "kubectl apply -f pi.yaml".into(),
            }],
            time_ms: 61_500,
            panels: vec!["terminal".into()],
        }
    }

    #[test]
    fn links_round_trip_and_are_url_safe() {
        let link = encode(&sample());
        assert!(link.starts_with("share=v1."));
        assert!(
            link[9..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{link}"
        );
        assert_eq!(decode(&link), Ok(sample()));
        assert_eq!(decode(&format!("#embed&{link}")), Ok(sample()));
    }

    #[test]
    fn bad_links_are_named_errors() {
        assert_eq!(decode("#section-2"), Err(ShareError::Foreign));
        assert_eq!(decode("share=v9.abc"), Err(ShareError::Foreign));
        let link = encode(&sample());
        assert!(matches!(
            decode(&link[..link.len() / 2]),
            Err(ShareError::Corrupt(_))
        ));
        assert!(matches!(
            decode("share=v1.!!!"),
            Err(ShareError::Corrupt(_))
        ));
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 8 * 1024 * 1024], 9);
        let link = format!("share=v1.{}", URL_SAFE_NO_PAD.encode(bomb));
        assert_eq!(decode(&link), Err(ShareError::TooLarge));
    }
}
