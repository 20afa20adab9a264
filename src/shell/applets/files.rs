//! File applets: `cat`, `touch`, `mkdir`, `rm`, `ls`, `cp`, `mv`, `tee`, `basename`,
//! `dirname`, with busybox's messages (libbb `bb_perror_msg`: `applet: can't …: strerror`).

use crate::shell::fs::{FsError, Node};
use crate::shell::interp::{Res, Shell};

use super::split_flags;

fn abs(sh: &Shell<'_>, p: &str) -> String {
    crate::shell::fs::absolute(&sh.cwd, p)
}

/// `cat [FILE]...`.
pub fn cat(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, files) = split_flags(&argv[1..]);
    let number = flags.contains(&'n');
    let mut status = 0;
    let targets: Vec<String> = if files.is_empty() {
        vec!["-".to_owned()]
    } else {
        files
    };
    let mut n = 0;
    for f in targets {
        let (data, ok) = sh.read_inputs("cat", std::slice::from_ref(&f));
        if !ok {
            status = 1;
            continue;
        }
        let data = data.concat();
        if number {
            let mut out = String::new();
            for line in String::from_utf8_lossy(&data).split_inclusive('\n') {
                n += 1;
                out.push_str(&format!("{n:>6}\t{line}"));
            }
            sh.write_fd(1, out.as_bytes());
        } else {
            sh.write_fd(1, &data);
        }
    }
    Ok(status)
}

/// `touch FILE...`.
pub fn touch(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, files) = split_flags(&argv[1..]);
    let no_create = flags.contains(&'c');
    let now = sh.host.now_ms();
    let mut status = 0;
    for f in files {
        let p = abs(sh, &f);
        if no_create && !sh.host.fs().exists(&p) {
            continue;
        }
        if let Err(e) = sh.host.fs().touch(&p, now) {
            sh.applet_error("touch", &format!("{f}: {}", e.strerror()));
            status = 1;
        }
    }
    Ok(status)
}

/// `mkdir [-p] DIR...`.
pub fn mkdir(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, dirs) = split_flags(&argv[1..]);
    let parents = flags.contains(&'p');
    let mut status = 0;
    for d in dirs {
        let p = abs(sh, &d);
        let r = if parents {
            sh.host.fs().mkdir_p(&p)
        } else {
            sh.host.fs().mkdir(&p)
        };
        if let Err(e) = r {
            sh.applet_error(
                "mkdir",
                &format!("can't create directory '{d}': {}", e.strerror()),
            );
            status = 1;
        }
    }
    Ok(status)
}

/// `rm [-rf] FILE...`.
pub fn rm(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, files) = split_flags(&argv[1..]);
    let force = flags.contains(&'f');
    let recursive = flags.contains(&'r') || flags.contains(&'R');
    let mut status = 0;
    for f in files {
        let p = abs(sh, &f);
        if sh.host.fs().is_dir(&p) && !recursive {
            sh.applet_error("rm", &format!("'{f}' is a directory"));
            status = 1;
            continue;
        }
        match sh.host.fs().remove(&p, recursive) {
            Ok(()) => {}
            Err(FsError::NotFound) if force => {}
            Err(e) => {
                sh.applet_error("rm", &format!("can't remove '{f}': {}", e.strerror()));
                status = 1;
            }
        }
    }
    Ok(status)
}

/// `ls [-1al] [PATH]...` (one name per line, as busybox prints when not on a terminal).
pub fn ls(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, paths) = split_flags(&argv[1..]);
    let all = flags.contains(&'a');
    let long = flags.contains(&'l');
    let as_file = flags.contains(&'d');
    let paths = if paths.is_empty() {
        vec![".".to_owned()]
    } else {
        paths
    };
    let multiple = paths.len() > 1;
    let mut status = 0;
    let mut out = String::new();
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for p in &paths {
        let a = abs(sh, p);
        if sh.host.fs().is_dir(&a) && !as_file {
            dirs.push((p.clone(), a));
        } else if sh.host.fs().exists(&a) {
            files.push((p.clone(), a));
        } else {
            sh.applet_error("ls", &format!("{p}: No such file or directory"));
            status = 1;
        }
    }
    let entry = |sh: &mut Shell<'_>, name: &str, path: &str| -> String {
        if !long {
            return format!("{name}\n");
        }
        match sh.host.fs().get(path) {
            Ok(Node::File(f)) => {
                let when = super::date::strftime(f.mtime_ms, "%b %e %H:%M");
                format!(
                    "-rw-r--r--    1 root     root     {:>9} {when} {name}\n",
                    f.data.len()
                )
            }
            _ => {
                let when = super::date::strftime(sh.host.now_ms(), "%b %e %H:%M");
                // ls.c: `%-10s %4lu %-8.8s %-8.8s %9u `; /tmp is world-writable and sticky.
                let mode = if path == "/tmp" {
                    "drwxrwxrwt"
                } else {
                    "drwxr-xr-x"
                };
                format!("{mode}    2 root     root          4096 {when} {name}\n")
            }
        }
    };
    for (name, path) in &files {
        out.push_str(&entry(sh, name, path));
    }
    for (idx, (name, path)) in dirs.iter().enumerate() {
        if multiple || !files.is_empty() {
            if idx > 0 || !files.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("{name}:\n"));
        }
        let mut names = sh.host.fs().list(path).unwrap_or_default();
        if all {
            names.insert(0, "..".to_owned());
            names.insert(0, ".".to_owned());
        }
        if long {
            out.push_str(&format!("total {}\n", names.len() * 4));
        }
        for n in names {
            if !all && n.starts_with('.') {
                continue;
            }
            let child = crate::shell::fs::absolute(path, &n);
            out.push_str(&entry(sh, &n, &child));
        }
    }
    sh.write_fd(1, out.as_bytes());
    Ok(status)
}

fn copy_or_move(sh: &mut Shell<'_>, argv: &[String], name: &str, remove: bool) -> Res {
    let (_, ops) = split_flags(&argv[1..]);
    let Some((dest, sources)) = ops.split_last() else {
        sh.applet_error(name, "missing file operand");
        return Ok(1);
    };
    if sources.is_empty() {
        sh.applet_error(name, "missing file operand");
        return Ok(1);
    }
    let dest_abs = abs(sh, dest);
    let dest_is_dir = sh.host.fs().is_dir(&dest_abs);
    let now = sh.host.now_ms();
    let mut status = 0;
    for s in sources {
        let src = abs(sh, s);
        let data = match sh.host.fs().read(&src) {
            Ok(d) => d.to_vec(),
            Err(e) => {
                sh.applet_error(name, &format!("can't stat '{s}': {}", e.strerror()));
                status = 1;
                continue;
            }
        };
        let target = if dest_is_dir {
            let base = src.rsplit('/').next().unwrap_or("");
            crate::shell::fs::absolute(&dest_abs, base)
        } else {
            dest_abs.clone()
        };
        if let Err(e) = sh.host.fs().write(&target, &data, false, now) {
            sh.applet_error(name, &format!("can't create '{dest}': {}", e.strerror()));
            status = 1;
            continue;
        }
        if remove {
            let _ = sh.host.fs().remove(&src, false);
        }
    }
    Ok(status)
}

/// `cp SOURCE... DEST`.
pub fn cp(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    copy_or_move(sh, argv, "cp", false)
}

/// `mv SOURCE... DEST`.
pub fn mv(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    copy_or_move(sh, argv, "mv", true)
}

/// `tee [-a] FILE...`.
pub fn tee(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, files) = split_flags(&argv[1..]);
    let append = flags.contains(&'a');
    let data = sh.read_all_stdin();
    let now = sh.host.now_ms();
    let mut status = 0;
    for f in files {
        let p = abs(sh, &f);
        if let Err(e) = sh.host.fs().write(&p, &data, append, now) {
            sh.applet_error("tee", &format!("{f}: {}", e.strerror()));
            status = 1;
        }
    }
    sh.write_fd(1, &data);
    Ok(status)
}

/// `basename PATH [SUFFIX]`.
pub fn basename(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let Some(path) = argv.get(1) else {
        sh.applet_error("basename", "missing operand");
        return Ok(1);
    };
    let trimmed = path.trim_end_matches('/');
    let mut base = if trimmed.is_empty() && path.starts_with('/') {
        "/".to_owned()
    } else {
        trimmed.rsplit('/').next().unwrap_or("").to_owned()
    };
    if let Some(suffix) = argv.get(2)
        && base.len() > suffix.len()
        && base.ends_with(suffix.as_str())
    {
        base.truncate(base.len() - suffix.len());
    }
    let line = format!("{base}\n");
    sh.write_fd(1, line.as_bytes());
    Ok(0)
}

/// `dirname PATH`.
pub fn dirname(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let Some(path) = argv.get(1) else {
        sh.applet_error("dirname", "missing operand");
        return Ok(1);
    };
    let trimmed = path.trim_end_matches('/');
    let dir = match trimmed.rfind('/') {
        None if path.starts_with('/') => "/".to_owned(),
        None => ".".to_owned(),
        Some(0) => "/".to_owned(),
        Some(i) => trimmed[..i].trim_end_matches('/').to_owned(),
    };
    let dir = if dir.is_empty() { "/".to_owned() } else { dir };
    let line = format!("{dir}\n");
    sh.write_fd(1, line.as_bytes());
    Ok(0)
}

/// Whether `mode` is one chmod accepts: octal (`755`, `0644`) or symbolic clauses
/// (`+x`, `u+rw,go-w`, `a=r`).
fn valid_mode(mode: &str) -> bool {
    if !mode.is_empty() && mode.len() <= 4 && mode.chars().all(|c| ('0'..='7').contains(&c)) {
        return true;
    }
    !mode.is_empty()
        && mode.split(',').all(|clause| {
            let ops = clause.trim_start_matches(['u', 'g', 'o', 'a']);
            !ops.is_empty()
                && ops.starts_with(['+', '-', '='])
                && ops.chars().all(|c| {
                    matches!(
                        c,
                        '+' | '-' | '=' | 'r' | 'w' | 'x' | 'X' | 's' | 't' | 'u' | 'g' | 'o'
                    )
                })
        })
}

/// `chmod [-R] MODE FILE...`: checks the mode and that each file exists (the simulated file
/// system keeps no permission bits, so nothing else changes).
pub fn chmod(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let operands: Vec<&String> = argv[1..].iter().filter(|a| *a != "-R").collect();
    let Some((mode, files)) = operands.split_first() else {
        sh.applet_error("chmod", "usage: chmod [-R] MODE[,MODE]... FILE...");
        return Ok(1);
    };
    if files.is_empty() {
        sh.applet_error("chmod", "usage: chmod [-R] MODE[,MODE]... FILE...");
        return Ok(1);
    }
    if !valid_mode(mode) {
        sh.applet_error("chmod", &format!("invalid mode '{mode}'"));
        return Ok(1);
    }
    let mut status = 0;
    for f in files {
        let path = abs(sh, f);
        if !sh.host.fs().exists(&path) {
            sh.applet_error("chmod", &format!("{f}: {}", FsError::NotFound.strerror()));
            status = 1;
        }
    }
    Ok(status)
}

/// `which PROGRAM...` (busybox `debianutils/which.c`): the path of each program found on
/// `PATH`; exit 1 if one is not.
pub fn which(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    if argv.len() < 2 {
        sh.applet_error("which", "usage: which COMMAND...");
        return Ok(1);
    }
    let mut status = 0;
    let mut out = String::new();
    for name in &argv[1..] {
        if name.contains('/') {
            let path = abs(sh, name);
            if sh.host.fs().exists(&path) {
                out.push_str(name);
                out.push('\n');
            } else {
                status = 1;
            }
        } else if sh.program_exists(name) {
            out.push_str(super::bin_dir(sh.cfg.toolbox, name));
            out.push('/');
            out.push_str(name);
            out.push('\n');
        } else {
            status = 1;
        }
    }
    sh.write_fd(1, out.as_bytes());
    Ok(status)
}
