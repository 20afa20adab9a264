//! Simulated time: [`SimTime`] is milliseconds since the cluster's fixed start instant, and
//! [`SimDuration`] the distance between two of them. Nothing here reads a real clock.

use std::fmt;
use std::ops::{Add, Sub};

/// The default instant a simulated cluster starts at (a run is reproducible because of it).
pub const DEFAULT_START: &str = "2026-01-01T10:00:00Z";

/// An instant of simulated time, in milliseconds since the cluster started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

/// A span of simulated time, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimDuration(pub u64);

impl SimDuration {
    pub const ZERO: SimDuration = SimDuration(0);

    pub const fn from_millis(ms: u64) -> Self {
        SimDuration(ms)
    }

    pub const fn from_secs(s: u64) -> Self {
        SimDuration(s.saturating_mul(1000))
    }

    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// Whole seconds, truncated.
    pub const fn as_secs(self) -> u64 {
        self.0 / 1000
    }

    pub fn saturating_mul(self, n: u64) -> Self {
        SimDuration(self.0.saturating_mul(n))
    }
}

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub const fn from_millis(ms: u64) -> Self {
        SimTime(ms)
    }

    pub const fn from_secs(s: u64) -> Self {
        SimTime(s.saturating_mul(1000))
    }

    pub const fn as_millis(self) -> u64 {
        self.0
    }

    /// This instant cut to whole seconds, as the API server stores `metav1.Time`.
    pub const fn truncated_to_secs(self) -> SimTime {
        SimTime(self.0 / 1000 * 1000)
    }

    /// The time from `earlier` to `self`, or zero when `earlier` is later.
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl Sub<SimTime> for SimTime {
    type Output = SimDuration;
    fn sub(self, other: SimTime) -> SimDuration {
        self.since(other)
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    fn add(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(d.0))
    }
}

impl Sub for SimDuration {
    type Output = SimDuration;
    fn sub(self, d: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_sub(d.0))
    }
}

impl fmt::Display for SimTime {
    /// `+12.345s` from the cluster start: the timeline's own notation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}.{:03}s", self.0 / 1000, self.0 % 1000)
    }
}

/// Maps simulated instants to wall-clock timestamps for display (RFC 3339, `date`, AGE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Epoch(pub jiff::Timestamp);

impl Default for Epoch {
    fn default() -> Self {
        Epoch(
            DEFAULT_START
                .parse()
                .expect("DEFAULT_START is a valid RFC 3339 timestamp"),
        )
    }
}

impl Epoch {
    /// The wall-clock instant of `t`.
    pub fn timestamp(&self, t: SimTime) -> jiff::Timestamp {
        let ms = i64::try_from(t.0).unwrap_or(i64::MAX);
        self.0
            .checked_add(jiff::SignedDuration::from_millis(ms))
            .unwrap_or(jiff::Timestamp::MAX)
    }

    /// The simulated instant of wall-clock time `ts` (the start for anything earlier).
    pub fn sim_time(&self, ts: jiff::Timestamp) -> SimTime {
        let ms = ts.duration_since(self.0).as_millis().max(0);
        SimTime::from_millis(u64::try_from(ms).unwrap_or(u64::MAX))
    }

    /// `t` as RFC 3339 with whole seconds in UTC, as Kubernetes serialises `metav1.Time`.
    pub fn rfc3339(&self, t: SimTime) -> String {
        let ts = self.timestamp(t.truncated_to_secs());
        ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    /// Parses a user-given start instant (RFC 3339).
    pub fn parse(text: &str) -> Result<Epoch, String> {
        text.parse::<jiff::Timestamp>()
            .map(Epoch)
            .map_err(|e| format!("invalid start time {text:?}: {e}"))
    }
}

/// Parses a Go-style duration as kubectl and jobsim flags take them: `90s`, `5m`, `1h30m`,
/// `1.5s`, `250ms`; a bare number means seconds.
pub fn parse_duration(text: &str) -> Result<SimDuration, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(secs) = text.parse::<f64>() {
        return secs_to_duration(secs, text);
    }
    let mut total_ms: f64 = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(|| format!("missing unit in duration {text:?}"))?;
        if number_len == 0 {
            return Err(format!("invalid duration {text:?}"));
        }
        let value: f64 = rest[..number_len]
            .parse()
            .map_err(|_| format!("invalid duration {text:?}"))?;
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit_ms = match &rest[..unit_len] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "d" => 86_400_000.0,
            other => return Err(format!("unknown unit {other:?} in duration {text:?}")),
        };
        total_ms += value * unit_ms;
        rest = &rest[unit_len..];
    }
    secs_to_duration(total_ms / 1000.0, text)
}

fn secs_to_duration(secs: f64, text: &str) -> Result<SimDuration, String> {
    if !secs.is_finite() || !(0.0..=1e12).contains(&secs) {
        return Err(format!("invalid duration {text:?}"));
    }
    Ok(SimDuration((secs * 1000.0).round() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_like_go() {
        let cases = [
            ("90s", 90_000),
            ("5m", 300_000),
            ("1h30m", 5_400_000),
            ("1.5s", 1_500),
            ("250ms", 250),
            ("10", 10_000),
            ("24h", 86_400_000),
        ];
        for (text, ms) in cases {
            assert_eq!(parse_duration(text), Ok(SimDuration(ms)), "{text}");
        }
        for bad in ["", "5x", "-3s", "s", "1e400"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rfc3339_truncates_to_seconds() {
        let epoch = Epoch::default();
        assert_eq!(epoch.rfc3339(SimTime(61_999)), "2026-01-01T10:01:01Z");
    }
}
