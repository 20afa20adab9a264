//! `echo` and `printf` (busybox `coreutils/echo.c`, `coreutils/printf.c`; ash runs both as
//! builtins). busybox `echo` interprets backslash escapes only with `-e`; dash's always does.

use crate::shell::interp::{Dialect, Res, Shell};

/// Appends the escape-interpreted `s` (echo -e / printf %b); returns false at `\c`.
fn unescape_into(out: &mut Vec<u8>, s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = b[i];
        i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'v' => out.push(11),
            b'e' => out.push(27),
            b'\\' => out.push(b'\\'),
            b'c' => return false,
            b'0'..=b'7' => {
                // \0NNN (echo) or \NNN (printf): up to three octal digits.
                let mut v: u32 = 0;
                let mut n = 0;
                let mut j = i - 1;
                if c == b'0' {
                    j = i;
                }
                while n < 3 && j < b.len() && (b'0'..=b'7').contains(&b[j]) {
                    v = v * 8 + u32::from(b[j] - b'0');
                    j += 1;
                    n += 1;
                }
                out.push((v & 0xff) as u8);
                i = j;
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    true
}

/// `echo [-neE] args…`.
pub fn echo(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut newline = true;
    let mut escapes = sh.cfg.dialect == Dialect::Dash;
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| matches!(c, 'n' | 'e' | 'E'))
        {
            for c in a[1..].chars() {
                match c {
                    'n' => newline = false,
                    'e' => escapes = true,
                    _ => escapes = false,
                }
            }
            i += 1;
        } else {
            break;
        }
    }
    let mut out = Vec::with_capacity(argv[i..].iter().map(|a| a.len() + 1).sum::<usize>() + 1);
    for (n, a) in argv[i..].iter().enumerate() {
        if n > 0 {
            out.push(b' ');
        }
        if escapes {
            if !unescape_into(&mut out, a) {
                sh.write_fd(1, &out);
                return Ok(0);
            }
        } else {
            out.extend_from_slice(a.as_bytes());
        }
    }
    if newline {
        out.push(b'\n');
    }
    sh.write_fd(1, &out);
    Ok(0)
}

fn parse_int(sh: &mut Shell<'_>, s: &str, ok: &mut bool) -> i64 {
    let t = s.trim();
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return c.chars().next().map_or(0, |c| c as i64);
    }
    match crate::shell::arith::parse_number(t) {
        Some(n) if !t.is_empty() => n,
        _ => {
            let name = sh.applet_name().to_owned();
            sh.applet_error(&name, &format!("invalid number '{s}'"));
            *ok = false;
            // Use the leading digits, as strtol does.
            t.chars()
                .take_while(|c| c.is_ascii_digit() || *c == '-')
                .collect::<String>()
                .parse()
                .unwrap_or(0)
        }
    }
}

/// Formats one `%…` conversion.
fn convert(
    sh: &mut Shell<'_>,
    spec: &str,
    conv: char,
    arg: Option<&String>,
    ok: &mut bool,
    out: &mut Vec<u8>,
) -> bool {
    let empty = String::new();
    let arg = arg.unwrap_or(&empty);
    let flags: String = spec.chars().take_while(|c| "-+ #0".contains(*c)).collect();
    let rest = &spec[flags.len()..];
    let (width, prec) = match rest.split_once('.') {
        Some((w, p)) => (
            w.parse::<usize>().unwrap_or(0),
            Some(p.parse::<usize>().unwrap_or(0)),
        ),
        None => (rest.parse::<usize>().unwrap_or(0), None),
    };
    // Widths beyond this are cut (a real printf would print them; jobsim bounds its memory).
    let (width, prec) = (width.min(4096), prec.map(|p| p.min(4096)));
    let left = flags.contains('-');
    let zero = flags.contains('0') && !left;
    let body: String = match conv {
        's' => match prec {
            Some(p) => arg.chars().take(p).collect(),
            None => arg.clone(),
        },
        'b' => {
            let mut v = Vec::new();
            let more = unescape_into(&mut v, arg);
            let s = String::from_utf8_lossy(&v).into_owned();
            if !more {
                out.extend_from_slice(s.as_bytes());
                return false;
            }
            s
        }
        'c' => arg.chars().next().map(String::from).unwrap_or_default(),
        'd' | 'i' => {
            let n = if arg.is_empty() {
                0
            } else {
                parse_int(sh, arg, ok)
            };
            let mut s = n.unsigned_abs().to_string();
            if let Some(p) = prec {
                while s.len() < p {
                    s.insert(0, '0');
                }
            }
            let sign = if n < 0 {
                "-"
            } else if flags.contains('+') {
                "+"
            } else if flags.contains(' ') {
                " "
            } else {
                ""
            };
            if zero && prec.is_none() {
                while s.len() + sign.len() < width {
                    s.insert(0, '0');
                }
            }
            format!("{sign}{s}")
        }
        'u' | 'x' | 'X' | 'o' => {
            let n = if arg.is_empty() {
                0
            } else {
                parse_int(sh, arg, ok)
            } as u64;
            let mut s = match conv {
                'x' => format!("{n:x}"),
                'X' => format!("{n:X}"),
                'o' => format!("{n:o}"),
                _ => n.to_string(),
            };
            if zero {
                while s.len() < width {
                    s.insert(0, '0');
                }
            }
            s
        }
        'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
            let v: f64 = arg.trim().parse().unwrap_or_else(|_| {
                if !arg.is_empty() {
                    let name = sh.applet_name().to_owned();
                    sh.applet_error(&name, &format!("invalid number '{arg}'"));
                    *ok = false;
                }
                0.0
            });
            let p = prec.unwrap_or(6);
            let mut s = match conv {
                'e' | 'E' => {
                    let s = format!("{v:.p$e}");
                    // Rust prints e5; C prints e+05.
                    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                    let ev: i32 = e.parse().unwrap_or(0);
                    let t = format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs());
                    if conv == 'E' { t.to_uppercase() } else { t }
                }
                'g' | 'G' => {
                    let t = format!("{v}");
                    if conv == 'G' { t.to_uppercase() } else { t }
                }
                _ => format!("{v:.p$}"),
            };
            if zero {
                while s.len() < width {
                    let at = usize::from(s.starts_with('-'));
                    s.insert(at, '0');
                }
            }
            s
        }
        _ => return true,
    };
    let pad = width.saturating_sub(body.chars().count());
    if left {
        out.extend_from_slice(body.as_bytes());
        out.extend(std::iter::repeat_n(b' ', pad));
    } else {
        out.extend(std::iter::repeat_n(b' ', pad));
        out.extend_from_slice(body.as_bytes());
    }
    true
}

/// `printf FORMAT [args…]`: the format is reused while arguments remain.
pub fn printf(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let Some(format) = argv.get(1) else {
        let name = sh.applet_name().to_owned();
        sh.applet_error(&name, "usage: printf FORMAT [ARGUMENT...]");
        return Ok(2);
    };
    let args = &argv[2..];
    let mut out = Vec::new();
    let mut ok = true;
    let mut next = 0;
    let chars: Vec<char> = format.chars().collect();
    loop {
        let mut used = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' {
                let mut j = i + 1;
                let mut esc = String::from("\\");
                if j < chars.len() {
                    esc.push(chars[j]);
                    j += 1;
                    if ('0'..='7').contains(&chars[i + 1]) {
                        while j < chars.len() && esc.len() < 4 && ('0'..='7').contains(&chars[j]) {
                            esc.push(chars[j]);
                            j += 1;
                        }
                    }
                }
                if !unescape_into(&mut out, &esc) {
                    sh.write_fd(1, &out);
                    return Ok(i32::from(!ok));
                }
                i = j;
                continue;
            }
            if c != '%' {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                i += 1;
                continue;
            }
            if chars.get(i + 1) == Some(&'%') {
                out.push(b'%');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() && "-+ #0123456789.".contains(chars[j]) {
                j += 1;
            }
            let Some(&conv) = chars.get(j) else {
                out.extend(chars[i..].iter().collect::<String>().bytes());
                break;
            };
            let spec: String = chars[i + 1..j].iter().collect();
            let arg = args.get(next);
            if arg.is_some() {
                next += 1;
            }
            used = true;
            if !convert(sh, &spec, conv, arg, &mut ok, &mut out) {
                sh.write_fd(1, &out);
                return Ok(i32::from(!ok));
            }
            i = j + 1;
        }
        if !used || next >= args.len() {
            break;
        }
    }
    sh.write_fd(1, &out);
    Ok(i32::from(!ok))
}
