//! System information applets: `hostname`, `nproc`, `uname`, `id`, `whoami`, `env`,
//! `printenv`, `pwd`, `true`, `false`.

use crate::shell::interp::{Res, Shell};

/// `true`.
pub fn true_(_: &mut Shell<'_>, _: &[String]) -> Res {
    Ok(0)
}

/// `false`.
pub fn false_(_: &mut Shell<'_>, _: &[String]) -> Res {
    Ok(1)
}

/// `hostname` (the pod's hostname; `-s` cuts at the first dot).
pub fn hostname(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut name = sh.cfg.hostname.clone();
    if argv.iter().any(|a| a == "-s") {
        name = name.split('.').next().unwrap_or("").to_owned();
    }
    let line = format!("{name}\n");
    sh.write_fd(1, line.as_bytes());
    Ok(0)
}

/// `nproc`: the node's CPUs (a container limit does not change what nproc reports).
pub fn nproc(sh: &mut Shell<'_>, _: &[String]) -> Res {
    let line = format!("{}\n", sh.cfg.cpus);
    sh.write_fd(1, line.as_bytes());
    Ok(0)
}

/// `uname [-snrvma]`.
pub fn uname(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, _) = super::split_flags(&argv[1..]);
    let host = sh.cfg.hostname.clone();
    let fields = [
        ('s', "Linux".to_owned()),
        ('n', host),
        ('r', "6.8.0-jobsim".to_owned()),
        ('v', "#1 SMP PREEMPT_DYNAMIC".to_owned()),
        ('m', "x86_64".to_owned()),
        ('o', "GNU/Linux".to_owned()),
    ];
    let all = flags.contains(&'a');
    let chosen: Vec<&str> = fields
        .iter()
        .filter(|(c, _)| all || flags.contains(c) || (flags.is_empty() && *c == 's'))
        .map(|(_, v)| v.as_str())
        .collect();
    let line = format!("{}\n", chosen.join(" "));
    sh.write_fd(1, line.as_bytes());
    Ok(0)
}

/// `id` (containers run as root unless the image says otherwise).
pub fn id(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (flags, _) = super::split_flags(&argv[1..]);
    let text = if flags.contains(&'u') || flags.contains(&'g') {
        if flags.contains(&'n') {
            "root\n"
        } else {
            "0\n"
        }
    } else {
        "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"
    };
    sh.write_fd(1, text.as_bytes());
    Ok(0)
}

/// `whoami`.
pub fn whoami(sh: &mut Shell<'_>, _: &[String]) -> Res {
    sh.write_fd(1, b"root\n");
    Ok(0)
}

/// `pwd`.
pub fn pwd(sh: &mut Shell<'_>, _: &[String]) -> Res {
    let line = format!("{}\n", sh.cwd);
    sh.write_fd(1, line.as_bytes());
    Ok(0)
}

/// `env [-i] [NAME=VALUE]... [COMMAND [ARG]...]`.
pub fn env(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut vars = sh.environment(&sh.prog_env.clone());
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "-i" || a == "-" {
            vars.clear();
        } else if let Some(name) = a.strip_prefix("-u") {
            let name = if name.is_empty() {
                i += 1;
                argv.get(i).cloned().unwrap_or_default()
            } else {
                name.to_owned()
            };
            vars.retain(|(k, _)| *k != name);
        } else if let Some((k, v)) = a.split_once('=') {
            vars.retain(|(name, _)| name != k);
            vars.push((k.to_owned(), v.to_owned()));
        } else {
            break;
        }
        i += 1;
    }
    if i < argv.len() {
        let assigns: Vec<(std::rc::Rc<str>, String)> = vars
            .iter()
            .map(|(k, v)| (std::rc::Rc::from(k.as_str()), v.clone()))
            .collect();
        return sh.run_program(&argv[i..], &assigns);
    }
    let mut out = String::new();
    for (k, v) in vars {
        out.push_str(&format!("{k}={v}\n"));
    }
    sh.write_fd(1, out.as_bytes());
    Ok(0)
}

/// `printenv [NAME]...`.
pub fn printenv(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let vars = sh.environment(&sh.prog_env.clone());
    if argv.len() < 2 {
        let mut out = String::new();
        for (k, v) in vars {
            out.push_str(&format!("{k}={v}\n"));
        }
        sh.write_fd(1, out.as_bytes());
        return Ok(0);
    }
    let mut status = 0;
    for name in &argv[1..] {
        match vars.iter().find(|(k, _)| k == name) {
            Some((_, v)) => {
                let line = format!("{v}\n");
                sh.write_fd(1, line.as_bytes());
            }
            None => status = 1,
        }
    }
    Ok(status)
}
