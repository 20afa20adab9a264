//! `timeout` (busybox `coreutils/timeout.c`: PROG keeps timeout's process, so a timed-out
//! PROG ends as killed by the signal, status 128+SIG; GNU coreutils in Debian images exits
//! 124), `yes`, `base64` (busybox `coreutils/uudecode.c` base64: lines of 76), `mktemp`
//! and `realpath`.

use crate::shell::host::signal;
use crate::shell::interp::{Fd, Flow, Res, Shell, Toolbox};

use super::split_flags;

/// `timeout [-s SIG] [-k SECS] SECS PROG [ARGS]...`.
pub fn timeout(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut i = 1;
    let mut sig = signal::TERM;
    while let Some(a) = argv.get(i).filter(|a| a.starts_with('-') && a.len() > 1) {
        match a.as_str() {
            "-s" => {
                i += 1;
                let name = argv.get(i).map_or("", String::as_str);
                match crate::shell::host::signal::parse(name) {
                    Some(s) => sig = s,
                    None => {
                        sh.applet_error("timeout", &format!("unknown signal '{name}'"));
                        return Ok(1);
                    }
                }
            }
            "-k" => i += 1,
            "--" => {
                i += 1;
                break;
            }
            _ => {}
        }
        i += 1;
    }
    let Some(ms) = argv.get(i).and_then(|d| super::sleep::parse_duration_ms(d)) else {
        let d = argv.get(i).cloned().unwrap_or_default();
        sh.applet_error("timeout", &format!("invalid number '{d}'"));
        return Ok(1);
    };
    let prog = &argv[i + 1..];
    if prog.is_empty() {
        sh.applet_error("timeout", "missing operand");
        return Ok(125);
    }
    let deadline = sh
        .host
        .now_ms()
        .saturating_add(i64::try_from(ms).unwrap_or(i64::MAX));
    let outer = sh.deadline_ms;
    sh.deadline_ms = Some(outer.map_or(deadline, |o| o.min(deadline)));
    let r = if sh.program_exists(&prog[0]) {
        sh.run_program(prog, &[])
    } else {
        sh.applet_error(
            "timeout",
            &format!("can't execute '{}': No such file or directory", prog[0]),
        );
        Ok(127)
    };
    sh.deadline_ms = outer;
    let timed_out = sh.host.now_ms() >= deadline;
    let gnu = sh.cfg.toolbox == Toolbox::Debian;
    match r {
        Err(Flow::Killed(s)) if s == signal::TERM && timed_out => {
            Ok(if gnu { 124 } else { 128 + sig })
        }
        Ok(status) if timed_out && status == 128 + signal::TERM && gnu => Ok(124),
        other => other,
    }
}

/// `yes [STRING]...`: into a pipe, as much as the reader takes (it dies of SIGPIPE once the
/// reader is gone); anywhere else it never ends.
pub fn yes(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let line = if argv.len() > 1 {
        argv[1..].join(" ")
    } else {
        "y".to_owned()
    };
    if !matches!(sh.fds.get(1), Some(Fd::Buf(_))) {
        return Err(Flow::Burning);
    }
    // A pipe buffer's worth (64 KiB), enough for `yes | head -n N` of any tutorial.
    let count = (65_536 / (line.len() + 1)).max(1);
    let mut out = String::with_capacity(count * (line.len() + 1));
    for _ in 0..count {
        out.push_str(&line);
        out.push('\n');
    }
    sh.write_fd(1, out.as_bytes());
    Ok(128 + 13)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn encode(data: &[u8]) -> String {
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for &c in text {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b'\n' | b'\r' | b' ' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// `base64 [-d] [-w COLS] [FILE]`.
pub fn base64(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, files) = split_flags(&argv[1..]);
    let (data, ok) = sh.read_inputs("base64", &files[..files.len().min(1)]);
    if !ok {
        return Ok(1);
    }
    let data = data.concat();
    if flags.contains(&'d') {
        return match decode(&data) {
            Some(bytes) => {
                sh.write_fd(1, &bytes);
                Ok(0)
            }
            None => {
                sh.applet_error("base64", "invalid input");
                Ok(1)
            }
        };
    }
    let text = encode(&data);
    let mut out = String::new();
    for (n, c) in text.chars().enumerate() {
        if n > 0 && n % 76 == 0 {
            out.push('\n');
        }
        out.push(c);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    sh.write_fd(1, out.as_bytes());
    Ok(0)
}

/// `mktemp [-d] [TEMPLATE]`: `/tmp/tmp.XXXXXX` by default, X's replaced from the seeded RNG.
pub fn mktemp(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, ops) = split_flags(&argv[1..]);
    let template = ops
        .first()
        .cloned()
        .unwrap_or_else(|| "tmp.XXXXXX".to_owned());
    let xs = template.len() - template.trim_end_matches('X').len();
    if xs < 3 {
        sh.applet_error("mktemp", &format!("{template}: Invalid argument"));
        return Ok(1);
    }
    const CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut name = template[..template.len() - xs].to_owned();
    for _ in 0..xs {
        name.push(CHARS[sh.rng.next_value() as usize % CHARS.len()] as char);
    }
    let path = if name.starts_with('/')
        || (ops.is_empty() || flags.contains(&'t')) && !name.contains('/')
    {
        if name.starts_with('/') {
            name
        } else {
            format!("/tmp/{name}")
        }
    } else {
        crate::shell::fs::absolute(&sh.cwd, &name)
    };
    let now = sh.host.now_ms();
    let r = if flags.contains(&'d') {
        sh.host.fs().mkdir(&path)
    } else {
        sh.host.fs().write(&path, b"", false, now)
    };
    if let Err(e) = r {
        sh.applet_error("mktemp", &format!("(null): {}", e.strerror()));
        return Ok(1);
    }
    sh.write_fd(1, format!("{path}\n").as_bytes());
    Ok(0)
}

/// `realpath FILE...`.
pub fn realpath(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (_, ops) = split_flags(&argv[1..]);
    let mut status = 0;
    for f in ops {
        let p = crate::shell::fs::absolute(&sh.cwd, &f);
        let parent = crate::shell::fs::absolute(&p, "..");
        if sh.host.fs().exists(&p) || sh.host.fs().is_dir(&parent) {
            sh.write_fd(1, format!("{p}\n").as_bytes());
        } else {
            sh.applet_error("realpath", &format!("{f}: No such file or directory"));
            status = 1;
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use crate::shell::tests::check_cases;

    #[test]
    fn misc_applets_print_as_busybox() {
        let cases: &[(&str, &str, &str, i32)] = &[
            (
                "busybox timeout: PROG is killed by SIGTERM, status 143",
                "timeout 1 sleep 3; echo \"to=$?\"",
                "to=143\n",
                0,
            ),
            (
                "timeout of a command that ends in time keeps its status",
                "timeout 5 sh -c 'sleep 1; exit 3'; echo $?",
                "3\n",
                0,
            ),
            (
                "yes | head",
                "yes | head -n 2; yes ab | head -n 1",
                "y\ny\nab\n",
                0,
            ),
            (
                "base64 round trip",
                "echo abc | base64; echo YWJjCg== | base64 -d",
                "YWJjCg==\nabc\n",
                0,
            ),
            (
                "mktemp makes a file under /tmp",
                "f=$(mktemp); test -f $f && echo ${f%.*}; d=$(mktemp -d); test -d $d && echo dir",
                "/tmp/tmp\ndir\n",
                0,
            ),
            (
                "realpath",
                "cd /tmp; realpath ../etc/./hosts x",
                "/etc/hosts\n/tmp/x\n",
                0,
            ),
        ];
        check_cases(cases);
    }
}
