//! `sed [-n] [-E] [-i] [-e SCRIPT]... [SCRIPT] [FILE]...` (busybox `editors/sed.c`): the
//! commands `s///[gpNI]`, `d`, `p`, `q`, `y`, with line-number, `$` and `/regex/` addresses
//! and ranges.

use regex_lite::Regex;

use crate::shell::interp::{Res, Shell};

#[derive(Debug)]
enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

#[derive(Debug)]
enum Op {
    Subst {
        re: Regex,
        rep: String,
        global: bool,
        nth: usize,
        print: bool,
    },
    Delete,
    Print,
    Quit,
    Translit(Vec<char>, Vec<char>),
}

#[derive(Debug)]
struct Command {
    from: Option<Addr>,
    to: Option<Addr>,
    negate: bool,
    op: Op,
}

fn read_delimited(chars: &[char], mut i: usize, delim: char) -> Option<(String, usize)> {
    let mut s = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            if chars[i + 1] == delim {
                s.push(delim);
            } else if chars[i + 1] == 'n' {
                s.push('\n');
            } else {
                s.push('\\');
                s.push(chars[i + 1]);
            }
            i += 2;
            continue;
        }
        if c == delim {
            return Some((s, i + 1));
        }
        s.push(c);
        i += 1;
    }
    None
}

fn parse_addr(chars: &[char], i: &mut usize, ext: bool) -> Result<Option<Addr>, String> {
    match chars.get(*i) {
        Some(c) if c.is_ascii_digit() => {
            let mut n = 0usize;
            while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(d as usize);
                *i += 1;
            }
            Ok(Some(Addr::Line(n)))
        }
        Some('$') => {
            *i += 1;
            Ok(Some(Addr::Last))
        }
        Some('/') => {
            let (re, next) =
                read_delimited(chars, *i + 1, '/').ok_or("unterminated address regex")?;
            *i = next;
            let r = super::regex::compile(&re, ext, false)
                .ok_or_else(|| format!("bad regex '{re}'"))?;
            Ok(Some(Addr::Re(r)))
        }
        _ => Ok(None),
    }
}

fn parse(script: &str, ext: bool) -> Result<Vec<Command>, String> {
    let chars: Vec<char> = script.chars().collect();
    let mut cmds = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ';') {
            i += 1;
        }
        if i >= chars.len() {
            return Ok(cmds);
        }
        let from = parse_addr(&chars, &mut i, ext)?;
        let mut to = None;
        if from.is_some() && chars.get(i) == Some(&',') {
            i += 1;
            to = parse_addr(&chars, &mut i, ext)?;
        }
        while chars.get(i).is_some_and(|c| *c == ' ') {
            i += 1;
        }
        let mut negate = false;
        if chars.get(i) == Some(&'!') {
            negate = true;
            i += 1;
        }
        let Some(&c) = chars.get(i) else {
            return Err("missing command".into());
        };
        i += 1;
        let op = match c {
            'd' => Op::Delete,
            'p' => Op::Print,
            'q' => Op::Quit,
            's' => {
                let delim = *chars.get(i).ok_or("unterminated `s' command")?;
                let (re, n1) =
                    read_delimited(&chars, i + 1, delim).ok_or("unterminated `s' command")?;
                let (rep, n2) =
                    read_delimited(&chars, n1, delim).ok_or("unterminated `s' command")?;
                i = n2;
                let (mut global, mut nth, mut print, mut icase) = (false, 1, false, false);
                while let Some(&f) = chars.get(i) {
                    match f {
                        'g' => global = true,
                        'p' => print = true,
                        'I' | 'i' => icase = true,
                        d if d.is_ascii_digit() => nth = d.to_digit(10).unwrap_or(1) as usize,
                        _ => break,
                    }
                    i += 1;
                }
                let re = super::regex::compile(&re, ext, icase)
                    .ok_or_else(|| format!("bad regex '{re}'"))?;
                Op::Subst {
                    re,
                    rep,
                    global,
                    nth: nth.max(1),
                    print,
                }
            }
            'y' => {
                let delim = *chars.get(i).ok_or("unterminated `y' command")?;
                let (a, n1) =
                    read_delimited(&chars, i + 1, delim).ok_or("unterminated `y' command")?;
                let (b, n2) =
                    read_delimited(&chars, n1, delim).ok_or("unterminated `y' command")?;
                i = n2;
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                if a.len() != b.len() {
                    return Err("strings for `y' command are different lengths".into());
                }
                Op::Translit(a, b)
            }
            other => return Err(format!("unsupported command {other}")),
        };
        cmds.push(Command {
            from,
            to,
            negate,
            op,
        });
    }
}

fn expand_replacement(rep: &str, caps: &regex_lite::Captures<'_>) -> String {
    let mut out = String::new();
    let mut chars = rep.chars();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str(caps.get(0).map_or("", |m| m.as_str())),
            '\\' => match chars.next() {
                Some(d) if d.is_ascii_digit() => {
                    let n = d.to_digit(10).unwrap_or(0) as usize;
                    out.push_str(caps.get(n).map_or("", |m| m.as_str()));
                }
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            other => out.push(other),
        }
    }
    out
}

fn substitute(line: &str, re: &Regex, rep: &str, global: bool, nth: usize) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    let mut count = 0;
    let mut changed = false;
    for caps in re.captures_iter(line) {
        let Some(m) = caps.get(0) else { continue };
        count += 1;
        if count < nth {
            continue;
        }
        out.push_str(&line[last..m.start()]);
        out.push_str(&expand_replacement(rep, &caps));
        last = m.end();
        changed = true;
        if !global {
            break;
        }
    }
    changed.then(|| {
        out.push_str(&line[last..]);
        out
    })
}

/// `sed`.
pub fn sed(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut quiet = false;
    let mut ext = false;
    let mut in_place = false;
    let mut scripts = Vec::new();
    let mut files = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        match a.as_str() {
            "-n" => quiet = true,
            "-E" | "-r" => ext = true,
            "-i" => in_place = true,
            "-e" => {
                i += 1;
                scripts.push(argv.get(i).cloned().unwrap_or_default());
            }
            _ if a.starts_with('-') && a.len() > 1 => {
                for c in a[1..].chars() {
                    match c {
                        'n' => quiet = true,
                        'E' | 'r' => ext = true,
                        'i' => in_place = true,
                        _ => {}
                    }
                }
            }
            _ => {
                if scripts.is_empty() {
                    scripts.push(a.clone());
                } else {
                    files.push(a.clone());
                }
            }
        }
        i += 1;
    }
    let cmds = match parse(&scripts.join("\n"), ext) {
        Ok(c) => c,
        Err(e) => {
            sh.applet_error("sed", &e);
            return Ok(1);
        }
    };
    if in_place {
        let mut status = 0;
        for f in &files {
            let (data, ok) = sh.read_inputs("sed", std::slice::from_ref(f));
            if !ok {
                status = 4;
                continue;
            }
            let out = run(&cmds, &data.concat(), quiet);
            let path = crate::shell::fs::absolute(&sh.cwd, f);
            let now = sh.host.now_ms();
            let _ = sh.host.fs().write(&path, out.as_bytes(), false, now);
        }
        return Ok(status);
    }
    let (inputs, ok) = sh.read_inputs("sed", &files);
    let out = run(&cmds, &inputs.concat(), quiet);
    sh.write_fd(1, out.as_bytes());
    Ok(if ok { 0 } else { 2 })
}

fn run(cmds: &[Command], data: &[u8], quiet: bool) -> String {
    let all = super::lines(data);
    let n = all.len();
    let mut active = vec![false; cmds.len()];
    let mut out = String::new();
    'lines: for (idx, original) in all.into_iter().enumerate() {
        let lineno = idx + 1;
        let mut line = original;
        let is_last = lineno == n;
        let hit = |a: &Addr, l: &str| match a {
            Addr::Line(k) => *k == lineno,
            Addr::Last => is_last,
            Addr::Re(r) => r.is_match(l),
        };
        for (ci, c) in cmds.iter().enumerate() {
            let selected = match (&c.from, &c.to) {
                (None, _) => true,
                (Some(f), None) => hit(f, &line),
                (Some(f), Some(t)) => {
                    if active[ci] {
                        if hit(t, &line) || matches!(t, Addr::Line(k) if *k <= lineno) {
                            active[ci] = false;
                        }
                        true
                    } else if hit(f, &line) {
                        active[ci] =
                            !matches!(t, Addr::Line(k) if *k <= lineno) && !hit(t, "\u{0}never");
                        true
                    } else {
                        false
                    }
                }
            };
            if selected == c.negate {
                continue;
            }
            match &c.op {
                Op::Delete => continue 'lines,
                Op::Print => {
                    out.push_str(&line);
                    out.push('\n');
                }
                Op::Quit => {
                    if !quiet {
                        out.push_str(&line);
                        out.push('\n');
                    }
                    return out;
                }
                Op::Subst {
                    re,
                    rep,
                    global,
                    nth,
                    print,
                } => {
                    if let Some(new) = substitute(&line, re, rep, *global, *nth) {
                        line = new;
                        if *print {
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                }
                Op::Translit(a, b) => {
                    line = line
                        .chars()
                        .map(|ch| a.iter().position(|x| *x == ch).map_or(ch, |p| b[p]))
                        .collect();
                }
            }
        }
        if !quiet {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sed_scripts() {
        let cases: &[(&str, &str, &str, bool, &str)] = &[
            ("subst_first", "s/o/0/", "foo\nboo\n", false, "f0o\nb0o\n"),
            ("subst_global", "s/o/0/g", "foo\n", false, "f00\n"),
            (
                "subst_groups",
                "s/\\(a\\)\\(b\\)/\\2\\1/",
                "ab\n",
                false,
                "ba\n",
            ),
            ("ampersand", "s/[0-9]*/<&>/", "42x\n", false, "<42>x\n"),
            ("delete_line", "2d", "a\nb\nc\n", false, "a\nc\n"),
            ("print_quiet", "-n /b/p", "a\nb\n", true, "b\n"),
            ("range", "2,3d", "a\nb\nc\nd\n", false, "a\nd\n"),
            ("last_line", "$d", "a\nb\n", false, "a\n"),
            ("other_delimiter", "s|/|_|g", "a/b/c\n", false, "a_b_c\n"),
            ("translit", "y/abc/xyz/", "aabbcc\n", false, "xxyyzz\n"),
        ];
        for (name, script, input, quiet, want) in cases {
            let script = script.trim_start_matches("-n ");
            let cmds = parse(script, false).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(run(&cmds, input.as_bytes(), *quiet), *want, "{name}");
        }
    }
}
