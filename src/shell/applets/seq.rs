//! `seq [-w] [-s SEP] [FIRST [INC]] LAST` (busybox `coreutils/seq.c`), bounded by
//! [`Limits::seq_numbers`](crate::shell::interp::Limits).

use crate::shell::interp::{Res, Shell};

fn decimals(s: &str) -> usize {
    s.split_once('.').map_or(0, |(_, f)| f.len())
}

/// `seq`.
pub fn seq(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut sep = "\n".to_owned();
    let mut width = false;
    let mut nums: Vec<&String> = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-s" {
            sep = argv.get(i + 1).cloned().unwrap_or_default();
            i += 2;
            continue;
        }
        if let Some(s) = a.strip_prefix("-s") {
            sep = s.to_owned();
            i += 1;
            continue;
        }
        if a == "-w" {
            width = true;
        } else {
            nums.push(a);
        }
        i += 1;
    }
    let (first, inc, last) = match nums.as_slice() {
        [l] => ("1", "1", l.as_str()),
        [f, l] => (f.as_str(), "1", l.as_str()),
        [f, s, l] => (f.as_str(), s.as_str(), l.as_str()),
        _ => {
            sh.applet_error("seq", "usage: seq [-w] [-s SEP] [FIRST [INC]] LAST");
            return Ok(1);
        }
    };
    let mut values = [0f64; 3];
    for (slot, s) in values.iter_mut().zip([first, inc, last]) {
        match s.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => *slot = v,
            _ => {
                sh.applet_error("seq", &format!("invalid number '{s}'"));
                return Ok(1);
            }
        }
    }
    let [f, step, l] = values;
    let prec = decimals(first).max(decimals(inc)).max(decimals(last));
    if step == 0.0 || (step > 0.0 && f > l) || (step < 0.0 && f < l) {
        return Ok(0);
    }
    let count = ((l - f) / step).floor() + 1.0;
    let limit = sh.cfg.limits.seq_numbers;
    if count > limit as f64 {
        sh.notes.push(format!(
            "seq would print {count} numbers; jobsim stops at {limit}"
        ));
        sh.applet_error("seq", &format!("jobsim limit: more than {limit} numbers"));
        return Ok(1);
    }
    let count = count as u64;
    let integers = prec == 0 && [f, step, l].iter().all(|v| v.abs() < 1e15);
    let fmt = |v: f64| {
        if integers {
            (v as i64).to_string()
        } else {
            format!("{v:.prec$}")
        }
    };
    let w = if width {
        fmt(f).len().max(fmt(l).len())
    } else {
        0
    };
    let mut out = String::with_capacity((count as usize).min(1 << 16) * (w.max(2) + sep.len()));
    let cap = sh.cfg.limits.capture_bytes;
    for n in 0..count {
        if out.len() > cap {
            // More than any pipe or log would keep.
            break;
        }
        if n > 0 {
            out.push_str(&sep);
        }
        let v = f + step * n as f64;
        let s = fmt(v);
        if s.len() < w {
            let neg = s.starts_with('-');
            out.push_str(if neg { "-" } else { "" });
            out.extend(std::iter::repeat_n('0', w - s.len()));
            out.push_str(s.trim_start_matches('-'));
        } else {
            out.push_str(&s);
        }
    }
    out.push('\n');
    sh.write_fd(1, out.as_bytes());
    Ok(0)
}
