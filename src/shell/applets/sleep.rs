//! `sleep` (busybox `coreutils/sleep.c` with fractions and `s`/`m`/`h`/`d` suffixes; all
//! arguments are added up). It advances simulated time and never blocks.

use crate::shell::interp::{Res, Shell};

/// Milliseconds a duration argument stands for (`1.5`, `2m`, `inf`), or `None` if invalid.
pub fn parse_duration_ms(arg: &str) -> Option<u64> {
    if arg.eq_ignore_ascii_case("inf") || arg.eq_ignore_ascii_case("infinity") {
        return Some(u64::MAX);
    }
    let (num, mult) = match arg.char_indices().last() {
        Some((i, 's')) => (&arg[..i], 1_000.0),
        Some((i, 'm')) => (&arg[..i], 60_000.0),
        Some((i, 'h')) => (&arg[..i], 3_600_000.0),
        Some((i, 'd')) => (&arg[..i], 86_400_000.0),
        _ => (arg, 1_000.0),
    };
    if num.is_empty()
        || !num.chars().all(|c| c.is_ascii_digit() || c == '.')
        || num.matches('.').count() > 1
        || num == "."
    {
        return None;
    }
    let v: f64 = num.parse().ok()?;
    let ms = (v * mult).round();
    Some(if ms >= u64::MAX as f64 {
        u64::MAX
    } else {
        ms as u64
    })
}

/// `sleep N[smhd]...`.
pub fn sleep(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    if argv.len() < 2 {
        sh.applet_error("sleep", "usage: sleep [N]...");
        return Ok(1);
    }
    let mut total: u64 = 0;
    for a in &argv[1..] {
        match parse_duration_ms(a) {
            Some(ms) => total = total.saturating_add(ms),
            None => {
                sh.applet_error("sleep", &format!("invalid number '{a}'"));
                return Ok(1);
            }
        }
    }
    sh.sleep_ms(total, false)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::parse_duration_ms;

    #[test]
    fn durations() {
        let cases = [
            ("seconds", "2", Some(2_000)),
            ("fraction", "0.5", Some(500)),
            ("seconds_suffix", "3s", Some(3_000)),
            ("minutes", "1.5m", Some(90_000)),
            ("hours", "1h", Some(3_600_000)),
            ("days", "1d", Some(86_400_000)),
            ("infinity", "infinity", Some(u64::MAX)),
            ("garbage", "abc", None),
            ("negative", "-1", None),
            ("empty_number", "s", None),
        ];
        for (name, arg, want) in cases {
            assert_eq!(parse_duration_ms(arg), want, "{name}");
        }
    }
}
