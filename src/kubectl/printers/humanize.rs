//! Durations and timestamps as kubectl prints them: `HumanDuration` and `ShortHumanDuration`
//! (apimachinery `pkg/util/duration/duration.go`), `translateTimestampSince`
//! (`pkg/printers/internalversion/printers.go`), and Go's `time.RFC1123Z` / `time.RFC3339`.
//!
//! kubectl renders times in the local zone of the machine it runs on; jobsim's "machine" is
//! UTC, so RFC1123Z always ends in `+0000`.

use jiff::{SignedDuration, Timestamp, tz::TimeZone};

/// `duration.HumanDuration`: ~2–3 significant figures, truncated, `<invalid>` below −1s.
pub fn human_duration(d: SignedDuration) -> String {
    let seconds = d.as_secs();
    if seconds < -1 {
        return "<invalid>".to_string();
    } else if seconds < 0 {
        return "0s".to_string();
    } else if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        format!("{hours}h{m}m")
    } else if hours < 48 {
        format!("{hours}h")
    } else if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        format!("{}d{h}h", hours / 24)
    } else if hours < 24 * 365 * 2 {
        format!("{}d", hours / 24)
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        format!("{}y{dy}d", hours / 24 / 365)
    } else {
        format!("{}y", hours / 24 / 365)
    }
}

/// `duration.ShortHumanDuration`: one unit only (`45s`, `3m`, `5h`, `12d`, `2y`).
pub fn short_human_duration(d: SignedDuration) -> String {
    let seconds = d.as_secs();
    if seconds < -1 {
        "<invalid>".to_string()
    } else if seconds < 0 {
        "0s".to_string()
    } else if seconds < 60 {
        format!("{seconds}s")
    } else if seconds / 60 < 60 {
        format!("{}m", seconds / 60)
    } else if seconds / 3600 < 24 {
        format!("{}h", seconds / 3600)
    } else if seconds / 3600 < 24 * 365 {
        format!("{}d", seconds / 3600 / 24)
    } else {
        format!("{}y", seconds / 3600 / 24 / 365)
    }
}

/// `translateTimestampSince`: the age of `timestamp` at `now`, `<unknown>` when unset.
pub fn translate_timestamp_since(timestamp: Option<Timestamp>, now: Timestamp) -> String {
    match timestamp {
        None => "<unknown>".to_string(),
        Some(t) => human_duration(now.duration_since(t)),
    }
}

/// Go's `time.RFC1123Z` layout, `Mon, 02 Jan 2006 15:04:05 -0700`, in UTC.
pub fn rfc1123z(t: Timestamp) -> String {
    let zoned = t.to_zoned(TimeZone::UTC);
    // The layout is fixed and every field exists for a UTC time, so formatting cannot fail.
    jiff::fmt::strtime::format("%a, %d %b %Y %H:%M:%S %z", &zoned).unwrap_or_default()
}

/// RFC 3339 with second precision as `metav1.Time` serialises it: `2006-01-02T15:04:05Z`.
pub fn rfc3339(t: Timestamp) -> String {
    jiff::fmt::strtime::format("%Y-%m-%dT%H:%M:%SZ", t).unwrap_or_default()
}

/// The `Time` inside a k8s-openapi `metav1.Time`, if set.
pub fn time_of(
    t: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>,
) -> Option<Timestamp> {
    t.map(|t| t.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: i64) -> SignedDuration {
        SignedDuration::from_secs(s)
    }

    /// Cases from apimachinery `duration_test.go` (`TestHumanDuration`).
    #[test]
    fn human_duration_table() {
        let cases: &[(&str, SignedDuration, &str)] = &[
            (
                "just_under_minus_1s_is_invalid",
                SignedDuration::from_millis(-2000),
                "<invalid>",
            ),
            (
                "minus_1500ms_truncates_to_minus_1_so_0s",
                SignedDuration::from_millis(-1500),
                "0s",
            ),
            ("zero", secs(0), "0s"),
            ("seconds_below_two_minutes", secs(119), "119s"),
            ("two_minutes", secs(120), "2m"),
            ("minutes_and_seconds", secs(2 * 60 + 3), "2m3s"),
            ("under_ten_minutes", secs(9 * 60 + 59), "9m59s"),
            ("ten_minutes_drop_seconds", secs(10 * 60 + 59), "10m"),
            ("under_three_hours_in_minutes", secs(179 * 60 + 59), "179m"),
            ("three_hours", secs(3 * 3600), "3h"),
            ("hours_and_minutes", secs(3 * 3600 + 5 * 60), "3h5m"),
            ("eight_hours", secs(8 * 3600 + 59 * 60), "8h"),
            ("under_two_days", secs(47 * 3600 + 59 * 60), "47h"),
            ("two_days", secs(48 * 3600), "2d"),
            ("days_and_hours", secs(49 * 3600), "2d1h"),
            ("under_eight_days", secs(8 * 24 * 3600 - 1), "7d23h"),
            ("eight_days", secs(8 * 24 * 3600), "8d"),
            ("under_two_years", secs(2 * 365 * 24 * 3600 - 1), "729d"),
            ("two_years", secs(2 * 365 * 24 * 3600), "2y"),
            (
                "years_and_days",
                secs(2 * 365 * 24 * 3600 + 24 * 3600),
                "2y1d",
            ),
            ("eight_years", secs(8 * 365 * 24 * 3600 + 24 * 3600), "8y"),
        ];
        for (name, d, want) in cases {
            assert_eq!(human_duration(*d), *want, "{name}");
        }
    }

    #[test]
    fn short_human_duration_table() {
        let cases: &[(&str, SignedDuration, &str)] = &[
            ("invalid", secs(-2), "<invalid>"),
            ("seconds", secs(59), "59s"),
            ("minutes", secs(3599), "59m"),
            ("hours", secs(3600 * 23), "23h"),
            ("days", secs(3600 * 24 * 364), "364d"),
            ("years", secs(3600 * 24 * 365 * 3), "3y"),
        ];
        for (name, d, want) in cases {
            assert_eq!(short_human_duration(*d), *want, "{name}");
        }
    }

    #[test]
    fn unset_timestamp_is_unknown() {
        let now: Timestamp = "2025-09-26T10:30:00Z".parse().expect("literal timestamp");
        assert_eq!(translate_timestamp_since(None, now), "<unknown>");
        let t: Timestamp = "2025-09-26T10:29:45Z".parse().expect("literal timestamp");
        assert_eq!(translate_timestamp_since(Some(t), now), "15s");
    }

    #[test]
    fn go_time_layouts() {
        let t: Timestamp = "2025-09-26T10:30:05Z".parse().expect("literal timestamp");
        assert_eq!(rfc1123z(t), "Fri, 26 Sep 2025 10:30:05 +0000");
        assert_eq!(rfc3339(t), "2025-09-26T10:30:05Z");
    }
}
