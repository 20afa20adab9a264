//! Text applets: `cut`, `wc`, `head`, `tail`, `tr`, `sort`, `uniq`, `grep` (busybox
//! `coreutils/` and `findutils/grep.c`).

use crate::shell::interp::{Res, Shell};

use super::lines;

/// Parses `-n N` style options: returns (flags, values by option letter, operands).
fn options(args: &[String], with_value: &str) -> (Vec<char>, Vec<(char, String)>, Vec<String>) {
    let mut flags = Vec::new();
    let mut values = Vec::new();
    let mut operands = Vec::new();
    let mut i = 0;
    let mut done = false;
    while i < args.len() {
        let a = &args[i];
        if done || !a.starts_with('-') || a == "-" {
            operands.push(a.clone());
            i += 1;
            continue;
        }
        if a == "--" {
            done = true;
            i += 1;
            continue;
        }
        let body: Vec<char> = a[1..].chars().collect();
        let mut j = 0;
        while j < body.len() {
            let c = body[j];
            if with_value.contains(c) {
                let rest: String = body[j + 1..].iter().collect();
                let v = if rest.is_empty() {
                    i += 1;
                    args.get(i).cloned().unwrap_or_default()
                } else {
                    rest
                };
                values.push((c, v));
                break;
            }
            if c.is_ascii_digit() {
                // `head -5`
                values.push(('n', body[j..].iter().collect()));
                break;
            }
            flags.push(c);
            j += 1;
        }
        i += 1;
    }
    (flags, values, operands)
}

fn value(values: &[(char, String)], c: char) -> Option<&str> {
    values
        .iter()
        .rev()
        .find(|(k, _)| *k == c)
        .map(|(_, v)| v.as_str())
}

/// Parses a cut list (`1,3-5,7-`) into inclusive ranges.
fn ranges(list: &str) -> Option<Vec<(usize, usize)>> {
    let mut out = Vec::new();
    for part in list.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 {
            return None;
        }
        out.push((a, b));
    }
    Some(out)
}

fn in_ranges(r: &[(usize, usize)], n: usize) -> bool {
    r.iter().any(|&(a, b)| a <= n && n <= b)
}

/// `cut -d DELIM -f LIST | -c LIST [FILE]...`.
pub fn cut(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, values, files) = options(&argv[1..], "dfcb");
    let delim = value(&values, 'd').map_or('\t', |d| d.chars().next().unwrap_or('\t'));
    let only_delimited = flags.contains(&'s');
    let (list, by_field) = match (
        value(&values, 'f'),
        value(&values, 'c').or(value(&values, 'b')),
    ) {
        (Some(f), _) => (f, true),
        (None, Some(c)) => (c, false),
        _ => {
            sh.applet_error("cut", "expected a list of bytes, characters, or fields");
            return Ok(1);
        }
    };
    let Some(r) = ranges(list) else {
        sh.applet_error("cut", &format!("invalid range '{list}'"));
        return Ok(1);
    };
    let (inputs, ok) = sh.read_inputs("cut", &files);
    let mut out = String::new();
    for line in lines(&inputs.concat()) {
        if by_field {
            if !line.contains(delim) {
                if !only_delimited {
                    out.push_str(&line);
                    out.push('\n');
                }
                continue;
            }
            let picked: Vec<&str> = line
                .split(delim)
                .enumerate()
                .filter(|(i, _)| in_ranges(&r, i + 1))
                .map(|(_, f)| f)
                .collect();
            out.push_str(&picked.join(&delim.to_string()));
        } else {
            out.extend(
                line.chars()
                    .enumerate()
                    .filter(|(i, _)| in_ranges(&r, i + 1))
                    .map(|(_, c)| c),
            );
        }
        out.push('\n');
    }
    sh.write_fd(1, out.as_bytes());
    Ok(i32::from(!ok))
}

/// `wc [-lwc] [FILE]...`.
pub fn wc(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, _, files) = options(&argv[1..], "");
    let mut want: Vec<char> = flags
        .iter()
        .copied()
        .filter(|c| matches!(c, 'l' | 'w' | 'c' | 'm'))
        .collect();
    if want.is_empty() {
        want = vec!['l', 'w', 'c'];
    }
    let names: Vec<String> = if files.is_empty() {
        vec![String::new()]
    } else {
        files.clone()
    };
    let mut out = String::new();
    let mut status = 0;
    let mut total = [0usize; 3];
    for name in &names {
        let data = if name.is_empty() {
            sh.read_all_stdin().to_vec()
        } else {
            let (d, ok) = sh.read_inputs("wc", std::slice::from_ref(name));
            if !ok {
                status = 1;
                continue;
            }
            d.concat()
        };
        let counts = [
            data.iter().filter(|&&b| b == b'\n').count(),
            String::from_utf8_lossy(&data).split_whitespace().count(),
            data.len(),
        ];
        for (t, c) in total.iter_mut().zip(counts) {
            *t += c;
        }
        out.push_str(&format_counts(&want, counts, name));
    }
    if names.len() > 1 {
        out.push_str(&format_counts(&want, total, "total"));
    }
    sh.write_fd(1, out.as_bytes());
    Ok(status)
}

fn format_counts(want: &[char], counts: [usize; 3], name: &str) -> String {
    let cols: Vec<usize> = want
        .iter()
        .map(|c| match c {
            'l' => counts[0],
            'w' => counts[1],
            _ => counts[2],
        })
        .collect();
    let mut s = if cols.len() == 1 && name.is_empty() {
        cols[0].to_string()
    } else {
        cols.iter()
            .map(|c| format!("{c:>9}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !name.is_empty() {
        s.push(' ');
        s.push_str(name);
    }
    s.push('\n');
    s
}

/// `head [-n N] [-c N] [FILE]...`.
pub fn head(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (_, values, files) = options(&argv[1..], "nc");
    let (inputs, ok) = sh.read_inputs("head", &files);
    let data = inputs.concat();
    if let Some(c) = value(&values, 'c') {
        let n: usize = c.parse().unwrap_or(0);
        sh.write_fd(1, &data[..n.min(data.len())]);
        return Ok(i32::from(!ok));
    }
    let n: i64 = value(&values, 'n').map_or(10, |v| v.parse().unwrap_or(10));
    let all = lines(&data);
    let take = if n >= 0 {
        (n as usize).min(all.len())
    } else {
        all.len().saturating_sub(n.unsigned_abs() as usize)
    };
    let mut out = String::new();
    for l in &all[..take] {
        out.push_str(l);
        out.push('\n');
    }
    sh.write_fd(1, out.as_bytes());
    Ok(i32::from(!ok))
}

/// `tail [-n [+]N] [FILE]...`.
pub fn tail(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, values, files) = options(&argv[1..], "nc");
    let (inputs, ok) = sh.read_inputs("tail", &files);
    // `-f` follows the files it opened; `-F` keeps retrying the ones it could not. No other
    // process's later writes reach this one, so following prints nothing more: it waits
    // until a signal ends it.
    let follow = flags.contains(&'F') || (flags.contains(&'f') && (ok || files.len() > 1));
    let data = inputs.concat();
    let spec = value(&values, 'n').unwrap_or("10");
    let all = lines(&data);
    let start = match spec.strip_prefix('+') {
        Some(from) => from.parse::<usize>().unwrap_or(1).saturating_sub(1),
        None => all
            .len()
            .saturating_sub(spec.trim_start_matches('-').parse().unwrap_or(10)),
    };
    let mut out = String::new();
    for l in all.iter().skip(start) {
        out.push_str(l);
        out.push('\n');
    }
    sh.write_fd(1, out.as_bytes());
    if follow {
        sh.sleep_ms(u64::MAX, false)?;
    }
    Ok(i32::from(!ok))
}

/// Expands a `tr` set (`a-z`, `[:upper:]`, `\n`).
fn tr_set(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let classes = [
            ("[:upper:]", ('A'..='Z').collect::<Vec<_>>()),
            ("[:lower:]", ('a'..='z').collect()),
            ("[:digit:]", ('0'..='9').collect()),
            ("[:space:]", vec![' ', '\t', '\n', '\r', '\x0b', '\x0c']),
            ("[:blank:]", vec![' ', '\t']),
            ("[:alpha:]", ('A'..='Z').chain('a'..='z').collect()),
            (
                "[:alnum:]",
                ('0'..='9').chain('A'..='Z').chain('a'..='z').collect(),
            ),
            (
                "[:punct:]",
                (33u8..=126)
                    .map(char::from)
                    .filter(char::is_ascii_punctuation)
                    .collect(),
            ),
        ];
        if let Some((name, set)) = classes.iter().find(|(n, _)| rest.starts_with(n)) {
            out.extend(set);
            i += name.len();
            continue;
        }
        let mut c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            i += 1;
            c = match chars[i] {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '\\' => '\\',
                other => other,
            };
        }
        if chars.get(i + 1) == Some(&'-') && i + 2 < chars.len() {
            let end = chars[i + 2];
            if end >= c {
                out.extend(c..=end);
            }
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// `tr [-cds] SET1 [SET2]`.
pub fn tr(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, _, sets) = options(&argv[1..], "");
    let delete = flags.contains(&'d');
    let squeeze = flags.contains(&'s');
    let complement = flags.contains(&'c');
    let Some(set1) = sets.first().map(|s| tr_set(s)) else {
        sh.applet_error("tr", "missing operand");
        return Ok(1);
    };
    let set2 = sets.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let data = sh.read_all_stdin();
    let text = String::from_utf8_lossy(&data);
    // First position of each character of SET1, and SET2's members, for lookups by character.
    let mut pos1 = std::collections::BTreeMap::new();
    for (i, c) in set1.iter().enumerate() {
        pos1.entry(*c).or_insert(i);
    }
    let members2: std::collections::BTreeSet<char> = crate::sort::set_of(set2.iter().copied());
    let in1 = |c: char| pos1.contains_key(&c) != complement;
    let mut out = String::new();
    let mut last: Option<char> = None;
    for c in text.chars() {
        if delete && in1(c) {
            continue;
        }
        let mapped = if !delete && !set2.is_empty() && in1(c) {
            let idx = if complement {
                set2.len() - 1
            } else {
                pos1.get(&c).copied().unwrap_or(0)
            };
            *set2.get(idx).or(set2.last()).unwrap_or(&c)
        } else {
            c
        };
        let squeeze_set = if delete || set2.is_empty() {
            in1(mapped)
        } else {
            members2.contains(&mapped)
        };
        if squeeze && last == Some(mapped) && squeeze_set {
            continue;
        }
        last = Some(mapped);
        out.push(mapped);
    }
    sh.write_fd(1, out.as_bytes());
    Ok(0)
}

fn numeric_prefix(s: &str) -> f64 {
    let t = s.trim_start();
    let end = t
        .char_indices()
        .take_while(|(i, c)| c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-'))
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    t[..end].parse().unwrap_or(0.0)
}

/// `sort [-nru] [-t SEP] [-k N] [FILE]...`.
pub fn sort(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, values, files) = options(&argv[1..], "tko");
    let numeric = flags.contains(&'n');
    let reverse = flags.contains(&'r');
    let unique = flags.contains(&'u');
    let sep = value(&values, 't').and_then(|t| t.chars().next());
    let key: Option<usize> = value(&values, 'k').and_then(|k| {
        k.split([',', '.'])
            .next()?
            .trim_end_matches(|c: char| c.is_alphabetic())
            .parse()
            .ok()
    });
    let (inputs, ok) = sh.read_inputs("sort", &files);
    let mut all = lines(&inputs.concat());
    let key_of = |l: &str| -> String {
        match key {
            None => l.to_owned(),
            Some(k) => {
                let fields: Vec<&str> = match sep {
                    Some(s) => l.split(s).collect(),
                    None => l.split_whitespace().collect(),
                };
                fields
                    .get(k.saturating_sub(1)..)
                    .map(|f| f.join(" "))
                    .unwrap_or_default()
            }
        }
    };
    crate::sort::sort_by(&mut all, |a, b| {
        let (ka, kb) = (key_of(a), key_of(b));
        let ord = if numeric {
            numeric_prefix(&ka)
                .partial_cmp(&numeric_prefix(&kb))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| a.cmp(b))
        } else {
            ka.cmp(&kb).then_with(|| a.cmp(b))
        };
        if reverse { ord.reverse() } else { ord }
    });
    if unique {
        all.dedup_by(|a, b| key_of(a) == key_of(b));
    }
    let mut out = String::new();
    for l in all {
        out.push_str(&l);
        out.push('\n');
    }
    sh.write_fd(1, out.as_bytes());
    Ok(i32::from(!ok))
}

/// `uniq [-cdu] [FILE]`.
pub fn uniq(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, _, files) = options(&argv[1..], "");
    let (inputs, ok) = sh.read_inputs("uniq", &files[..files.len().min(1)]);
    let mut groups: Vec<(String, usize)> = Vec::new();
    for l in lines(&inputs.concat()) {
        match groups.last_mut() {
            Some((last, n)) if *last == l => *n += 1,
            _ => groups.push((l, 1)),
        }
    }
    let mut out = String::new();
    for (l, n) in groups {
        if (flags.contains(&'d') && n < 2) || (flags.contains(&'u') && n > 1) {
            continue;
        }
        if flags.contains(&'c') {
            out.push_str(&format!("{n:>7} {l}\n"));
        } else {
            out.push_str(&l);
            out.push('\n');
        }
    }
    sh.write_fd(1, out.as_bytes());
    Ok(i32::from(!ok))
}

/// `grep [-ivcnqEFowxlh] [-A N] [-B N] [-C N] PATTERN [FILE]...` (exit 1 when nothing
/// matched, 2 on errors). Context groups are separated by `--`, as GNU and busybox do.
pub fn grep(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, values, mut operands) = options(&argv[1..], "emABC");
    let has = |c: char| flags.contains(&c);
    let mut patterns: Vec<String> = values
        .iter()
        .filter(|(k, _)| *k == 'e')
        .map(|(_, v)| v.clone())
        .collect();
    if patterns.is_empty() {
        if operands.is_empty() {
            sh.applet_error("grep", "usage: grep [-ivcnqEFowxlh] PATTERN [FILE]...");
            return Ok(2);
        }
        patterns.push(operands.remove(0));
    }
    let max: Option<usize> = value(&values, 'm').and_then(|m| m.parse().ok());
    let number = |c: char| value(&values, c).and_then(|m| m.parse::<usize>().ok());
    let after = number('A').or(number('C')).unwrap_or(0);
    let before = number('B').or(number('C')).unwrap_or(0);
    let mut regexes = Vec::new();
    for p in patterns.iter().flat_map(|p| p.split('\n')) {
        let mut src = if has('F') {
            crate::shell::applets::regex::translate(&escape_fixed(p), false)
        } else {
            crate::shell::applets::regex::translate(p, has('E'))
        };
        if has('w') {
            src = format!("\\b(?:{src})\\b");
        }
        if has('x') {
            src = format!("^(?:{src})$");
        }
        match regex_lite::RegexBuilder::new(&src)
            .case_insensitive(has('i'))
            .build()
        {
            Ok(r) => regexes.push(r),
            Err(_) => {
                sh.applet_error("grep", &format!("bad regex '{p}'"));
                return Ok(2);
            }
        }
    }
    let files = if operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        operands
    };
    let show_name = (files.len() > 1 || has('H')) && !has('h');
    let mut any = false;
    let mut status_err = false;
    let mut out = String::new();
    for f in &files {
        let (data, ok) = sh.read_inputs("grep", std::slice::from_ref(f));
        if !ok {
            status_err = true;
            continue;
        }
        let name = if f == "-" {
            "(standard input)"
        } else {
            f.as_str()
        };
        let mut count = 0;
        let all_lines = lines(&data.concat());
        let mut last_printed: Option<usize> = None;
        let mut after_left = 0usize;
        for (idx, line) in all_lines.iter().enumerate() {
            if max.is_some_and(|m| count >= m) && after_left == 0 {
                break;
            }
            let hit = regexes.iter().any(|r| r.is_match(line)) != has('v');
            let context = after > 0 || before > 0;
            let quiet = has('q') || has('c') || has('l') || has('o');
            if !hit {
                if context && !quiet && after_left > 0 {
                    after_left -= 1;
                    let name_part = if show_name {
                        format!("{name}-")
                    } else {
                        String::new()
                    };
                    let number_part = if has('n') {
                        format!("{}-", idx + 1)
                    } else {
                        String::new()
                    };
                    out.push_str(&format!("{name_part}{number_part}{line}\n"));
                    last_printed = Some(idx);
                }
                continue;
            }
            if context && !quiet {
                let first = idx.saturating_sub(before);
                let start = last_printed.map_or(first, |l| first.max(l + 1));
                if last_printed.is_some_and(|l| start > l + 1) {
                    out.push_str("--\n");
                }
                for (j, ctx) in all_lines.iter().enumerate().take(idx).skip(start) {
                    let name_part = if show_name {
                        format!("{name}-")
                    } else {
                        String::new()
                    };
                    let number_part = if has('n') {
                        format!("{}-", j + 1)
                    } else {
                        String::new()
                    };
                    out.push_str(&format!("{name_part}{number_part}{ctx}\n"));
                }
                last_printed = Some(idx);
                after_left = after;
            }
            count += 1;
            any = true;
            if has('q') {
                return Ok(0);
            }
            if has('c') || has('l') {
                continue;
            }
            let prefix = format!(
                "{}{}",
                if show_name {
                    format!("{name}:")
                } else {
                    String::new()
                },
                if has('n') {
                    format!("{}:", idx + 1)
                } else {
                    String::new()
                }
            );
            if has('o') && !has('v') {
                for r in &regexes {
                    for m in r.find_iter(line) {
                        out.push_str(&format!("{prefix}{}\n", m.as_str()));
                    }
                }
            } else {
                out.push_str(&format!("{prefix}{line}\n"));
            }
        }
        if has('c') {
            out.push_str(&if show_name {
                format!("{name}:{count}\n")
            } else {
                format!("{count}\n")
            });
        }
        if has('l') && count > 0 {
            out.push_str(&format!("{name}\n"));
        }
    }
    sh.write_fd(1, out.as_bytes());
    Ok(if status_err && !has('s') {
        2
    } else {
        i32::from(!any)
    })
}

fn escape_fixed(p: &str) -> String {
    let mut s = String::new();
    for c in p.chars() {
        if "\\.[]*^$".contains(c) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}
