//! `date [-u] [-d @SECONDS] [-I] [-R] [+FORMAT]` (busybox `coreutils/date.c`) over the
//! simulated clock. Containers run in UTC; busybox's default format is
//! `%a %b %e %H:%M:%S %Z %Y` (`Fri Nov 27 03:17:39 UTC 2026`).

use jiff::Timestamp;

use crate::shell::interp::{Res, Shell};

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Formats unix milliseconds in UTC with a strftime format (the glibc conversions scripts use).
pub fn strftime(ms: i64, format: &str) -> String {
    let mut out = String::with_capacity(32);
    strftime_into(&mut out, ms, format);
    out
}

fn strftime_into(out: &mut String, ms: i64, format: &str) {
    use std::fmt::Write as _;
    let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
    let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let wd = dt.weekday().to_monday_zero_offset() as usize;
    let month = (dt.month() as usize).saturating_sub(1).min(11);
    let h12 = if dt.hour() % 12 == 0 {
        12
    } else {
        dt.hour() % 12
    };
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = chars.next() else {
            out.push('%');
            break;
        };
        // Writing to a String cannot fail.
        let _ = match d {
            'a' => out.write_str(&DAYS[wd][..3]),
            'A' => out.write_str(DAYS[wd]),
            'b' | 'h' => out.write_str(&MONTHS[month][..3]),
            'B' => out.write_str(MONTHS[month]),
            'c' => {
                strftime_into(out, ms, "%a %b %e %H:%M:%S %Y");
                Ok(())
            }
            'C' => write!(out, "{:02}", dt.year() / 100),
            'd' => write!(out, "{:02}", dt.day()),
            'D' | 'x' => {
                strftime_into(out, ms, "%m/%d/%y");
                Ok(())
            }
            'e' => write!(out, "{:>2}", dt.day()),
            'F' => {
                strftime_into(out, ms, "%Y-%m-%d");
                Ok(())
            }
            'H' => write!(out, "{:02}", dt.hour()),
            'I' => write!(out, "{h12:02}"),
            'j' => write!(out, "{:03}", dt.day_of_year()),
            'k' => write!(out, "{:>2}", dt.hour()),
            'l' => write!(out, "{h12:>2}"),
            'm' => write!(out, "{:02}", dt.month()),
            'M' => write!(out, "{:02}", dt.minute()),
            'n' => out.write_str("\n"),
            'N' => write!(out, "{:09}", ms.rem_euclid(1000) * 1_000_000),
            'p' => out.write_str(if dt.hour() < 12 { "AM" } else { "PM" }),
            'P' => out.write_str(if dt.hour() < 12 { "am" } else { "pm" }),
            'r' => {
                strftime_into(out, ms, "%I:%M:%S %p");
                Ok(())
            }
            'R' => {
                strftime_into(out, ms, "%H:%M");
                Ok(())
            }
            's' => write!(out, "{}", ms.div_euclid(1000)),
            'S' => write!(out, "{:02}", dt.second()),
            't' => out.write_str("\t"),
            'T' | 'X' => {
                strftime_into(out, ms, "%H:%M:%S");
                Ok(())
            }
            'u' => write!(out, "{}", wd + 1),
            'w' => write!(out, "{}", (wd + 1) % 7),
            'y' => write!(out, "{:02}", dt.year() % 100),
            'Y' => write!(out, "{}", dt.year()),
            'z' => out.write_str("+0000"),
            'Z' => out.write_str("UTC"),
            '%' => out.write_str("%"),
            other => write!(out, "%{other}"),
        };
    }
}

/// `date`.
pub fn date(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut ms = sh.host.now_ms();
    let mut format = "%a %b %e %H:%M:%S %Z %Y".to_owned();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if let Some(f) = a.strip_prefix('+') {
            format = f.to_owned();
        } else if a == "-u" || a == "--utc" {
        } else if a == "-I" || a == "--iso-8601" {
            format = "%Y-%m-%d".to_owned();
        } else if a.starts_with("-I") {
            format = "%Y-%m-%dT%H:%M:%S%z".to_owned();
        } else if a == "-R" {
            format = "%a, %d %b %Y %H:%M:%S %z".to_owned();
        } else if a == "-d" || a == "--date" {
            let v = argv.get(i + 1).cloned().unwrap_or_default();
            match v.strip_prefix('@').and_then(|s| s.parse::<i64>().ok()) {
                Some(secs) => ms = secs.saturating_mul(1000),
                None => {
                    sh.applet_error("date", &format!("invalid date '{v}'"));
                    return Ok(1);
                }
            }
            i += 1;
        } else {
            sh.applet_error("date", &format!("invalid date '{a}'"));
            return Ok(1);
        }
        i += 1;
    }
    let mut text = strftime(ms, &format);
    text.push('\n');
    sh.write_fd(1, text.as_bytes());
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::strftime;

    #[test]
    fn busybox_default_format() {
        // 2026-11-27T03:17:39Z is a Friday.
        let ms = 1_795_749_459_000;
        assert_eq!(
            strftime(ms, "%a %b %e %H:%M:%S %Z %Y"),
            "Fri Nov 27 03:17:39 UTC 2026"
        );
        assert_eq!(strftime(ms, "%Y-%m-%dT%H:%M:%S"), "2026-11-27T03:17:39");
        assert_eq!(strftime(ms, "%s %j %u %w"), "1795749459 331 5 5");
        assert_eq!(strftime(1_000, "%e|%k|%l %p"), " 1| 0|12 AM");
    }
}
