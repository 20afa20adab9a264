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
    let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
    let dt = ts.to_zoned(jiff::tz::TimeZone::UTC).datetime();
    let wd = dt.weekday().to_monday_zero_offset() as usize;
    let month = (dt.month() as usize).saturating_sub(1).min(11);
    let h12 = if dt.hour() % 12 == 0 {
        12
    } else {
        dt.hour() % 12
    };
    let mut out = String::new();
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
        let piece = match d {
            'a' => DAYS[wd][..3].to_owned(),
            'A' => DAYS[wd].to_owned(),
            'b' | 'h' => MONTHS[month][..3].to_owned(),
            'B' => MONTHS[month].to_owned(),
            'c' => strftime(ms, "%a %b %e %H:%M:%S %Y"),
            'C' => format!("{:02}", dt.year() / 100),
            'd' => format!("{:02}", dt.day()),
            'D' => strftime(ms, "%m/%d/%y"),
            'e' => format!("{:>2}", dt.day()),
            'F' => strftime(ms, "%Y-%m-%d"),
            'H' => format!("{:02}", dt.hour()),
            'I' => format!("{h12:02}"),
            'j' => format!("{:03}", dt.day_of_year()),
            'k' => format!("{:>2}", dt.hour()),
            'l' => format!("{h12:>2}"),
            'm' => format!("{:02}", dt.month()),
            'M' => format!("{:02}", dt.minute()),
            'n' => "\n".to_owned(),
            'N' => format!("{:09}", ms.rem_euclid(1000) * 1_000_000),
            'p' => if dt.hour() < 12 { "AM" } else { "PM" }.to_owned(),
            'P' => if dt.hour() < 12 { "am" } else { "pm" }.to_owned(),
            'r' => strftime(ms, "%I:%M:%S %p"),
            'R' => strftime(ms, "%H:%M"),
            's' => ms.div_euclid(1000).to_string(),
            'S' => format!("{:02}", dt.second()),
            't' => "\t".to_owned(),
            'T' => strftime(ms, "%H:%M:%S"),
            'u' => (wd + 1).to_string(),
            'w' => ((wd + 1) % 7).to_string(),
            'x' => strftime(ms, "%m/%d/%y"),
            'X' => strftime(ms, "%H:%M:%S"),
            'y' => format!("{:02}", dt.year() % 100),
            'Y' => dt.year().to_string(),
            'z' => "+0000".to_owned(),
            'Z' => "UTC".to_owned(),
            '%' => "%".to_owned(),
            other => format!("%{other}"),
        };
        out.push_str(&piece);
    }
    out
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
