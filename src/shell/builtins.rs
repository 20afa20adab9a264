//! Shell builtins: the commands ash runs inside the shell process (busybox `shell/ash.c`
//! `builtintab`), so they can change variables, options, traps and the working directory.

use std::rc::Rc;

use crate::shell::interp::{Fd, Flow, Res, Shell, Var};

/// How the shell runs a command name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Special builtins: prefix assignments persist and errors are fatal (POSIX 2.14).
    Special,
    /// Regular builtins (ash runs them without forking).
    Regular,
}

/// Builtins by name (sorted for binary search).
const BUILTINS: &[(&str, Kind)] = &[
    (".", Kind::Special),
    (":", Kind::Special),
    ("[", Kind::Regular),
    ("[[", Kind::Regular),
    ("alias", Kind::Regular),
    ("break", Kind::Special),
    ("cd", Kind::Regular),
    ("chdir", Kind::Regular),
    ("command", Kind::Regular),
    ("continue", Kind::Special),
    ("echo", Kind::Regular),
    ("eval", Kind::Special),
    ("exec", Kind::Special),
    ("exit", Kind::Special),
    ("export", Kind::Special),
    ("false", Kind::Regular),
    ("getopts", Kind::Regular),
    ("hash", Kind::Regular),
    ("kill", Kind::Regular),
    ("let", Kind::Regular),
    ("local", Kind::Special),
    ("printf", Kind::Regular),
    ("pwd", Kind::Regular),
    ("read", Kind::Regular),
    ("readonly", Kind::Special),
    ("return", Kind::Special),
    ("set", Kind::Special),
    ("shift", Kind::Special),
    ("source", Kind::Special),
    ("test", Kind::Regular),
    ("times", Kind::Regular),
    ("trap", Kind::Special),
    ("true", Kind::Regular),
    ("type", Kind::Regular),
    ("ulimit", Kind::Regular),
    ("umask", Kind::Regular),
    ("unalias", Kind::Regular),
    ("unset", Kind::Special),
    ("wait", Kind::Regular),
];

/// Whether `name` is a builtin, and which kind.
pub fn kind(name: &str) -> Option<Kind> {
    BUILTINS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| BUILTINS[i].1)
}

/// Special builtins: prefix assignments persist and errors are fatal (POSIX 2.14).
pub fn is_special(name: &str) -> bool {
    kind(name) == Some(Kind::Special)
}

/// Regular builtins (ash runs them without forking).
pub fn is_builtin(name: &str) -> bool {
    kind(name) == Some(Kind::Regular)
}

fn parse_status(s: &str) -> Option<i32> {
    s.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .map(|n| (n & 0xff) as i32)
}

impl Shell<'_> {
    /// Runs a builtin by name.
    pub(crate) fn run_builtin(&mut self, argv: &[String]) -> Res {
        let name = argv[0].as_str();
        let args = &argv[1..];
        match name {
            ":" | "true" => Ok(0),
            "false" => Ok(1),
            "echo" => crate::shell::applets::echo::echo(self, argv),
            "printf" => crate::shell::applets::echo::printf(self, argv),
            "test" | "[" => crate::shell::applets::test::test(self, argv),
            "exit" => {
                let status = match args.first() {
                    None => self.status,
                    Some(a) => match parse_status(a) {
                        Some(n) => n,
                        None => {
                            self.shell_error(Some("exit"), &format!("Illegal number: {a}"));
                            2
                        }
                    },
                };
                Err(Flow::Exit(status))
            }
            "return" => {
                let status = match args.first() {
                    None => self.status,
                    Some(a) => match parse_status(a) {
                        Some(n) => n,
                        None => {
                            self.shell_error(Some("return"), &format!("Illegal number: {a}"));
                            return Err(Flow::Exit(2));
                        }
                    },
                };
                Err(Flow::Return(status))
            }
            "break" | "continue" => {
                let n = match args.first() {
                    None => 1,
                    Some(a) => match a.parse::<u32>() {
                        Ok(n) if n > 0 => n,
                        _ => {
                            self.shell_error(Some(name), &format!("Illegal number: {a}"));
                            return Err(Flow::Exit(2));
                        }
                    },
                };
                if self.loop_depth == 0 {
                    return Ok(0);
                }
                let n = n.min(self.loop_depth);
                Err(if name == "break" {
                    Flow::Break(n)
                } else {
                    Flow::Continue(n)
                })
            }
            "export" | "readonly" => self.export(name, args),
            "unset" => {
                let funcs = args.first().is_some_and(|a| a == "-f");
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if funcs {
                        self.funcs.remove(a.as_str());
                    } else if self.vars.get(a.as_str()).is_some_and(|v| v.readonly) {
                        self.shell_error(Some("unset"), &format!("{a}: is read only"));
                        return Ok(1);
                    } else {
                        if a == "RANDOM" {
                            self.random_enabled = false;
                        }
                        self.vars.remove(a.as_str());
                    }
                }
                Ok(0)
            }
            "set" => self.set_builtin(args),
            "shift" => {
                let n = match args.first() {
                    None => 1,
                    Some(a) => match a.parse::<usize>() {
                        Ok(n) => n,
                        Err(_) => {
                            self.shell_error(Some("shift"), &format!("Illegal number: {a}"));
                            return Err(Flow::Exit(2));
                        }
                    },
                };
                if n > self.params.len() {
                    return Ok(1);
                }
                self.params.drain(..n);
                Ok(0)
            }
            "local" => {
                if self.func_depth == 0 {
                    self.shell_error(Some("local"), "not in a function");
                    return Ok(2);
                }
                for a in args {
                    let (k, v) = match a.split_once('=') {
                        Some((k, v)) => (k, Some(v.to_owned())),
                        None => (a.as_str(), None),
                    };
                    let old = self.vars.get(k).cloned();
                    if let Some(frame) = self.locals.last_mut() {
                        frame.push((Rc::from(k), old.clone()));
                    }
                    let value = v.unwrap_or_else(|| old.map(|o| o.value).unwrap_or_default());
                    let _ = self.set_var(k, value);
                }
                Ok(0)
            }
            "eval" => {
                if args.is_empty() {
                    return Ok(0);
                }
                self.eval_string(&args.join(" "))
            }
            "." | "source" => {
                let Some(file) = args.first() else {
                    return Ok(0);
                };
                let path = crate::shell::fs::absolute(&self.cwd, file);
                let text = match self.host.fs().read(&path) {
                    Ok(d) => String::from_utf8_lossy(d).into_owned(),
                    Err(_) => {
                        self.shell_error(Some(name), &format!("can't open '{file}'"));
                        return Err(Flow::Exit(2));
                    }
                };
                self.eval_string(&text)
            }
            "trap" => self.trap_builtin(args),
            "wait" => self.wait_builtin(args),
            "kill" => self.kill_builtin(args),
            "read" => self.read_builtin(args),
            "cd" | "chdir" => {
                let target = match args.first().map(String::as_str) {
                    None => self.get_var("HOME").unwrap_or_else(|| "/".to_owned()),
                    Some("-") => self.get_var("OLDPWD").unwrap_or_else(|| self.cwd.clone()),
                    Some(d) => d.to_owned(),
                };
                let abs = crate::shell::fs::absolute(&self.cwd, &target);
                if !self.host.fs().is_dir(&abs) {
                    let why = if self.host.fs().exists(&abs) {
                        "Not a directory"
                    } else {
                        "No such file or directory"
                    };
                    self.shell_error(Some("cd"), &format!("can't cd to {target}: {why}"));
                    return Ok(2);
                }
                let old = std::mem::replace(&mut self.cwd, abs.clone());
                let _ = self.set_var("OLDPWD", old);
                let _ = self.set_var("PWD", abs);
                Ok(0)
            }
            "pwd" => {
                let line = format!("{}\n", self.cwd);
                self.write_fd(1, line.as_bytes());
                Ok(0)
            }
            "exec" => {
                if args.is_empty() {
                    return Ok(0);
                }
                let status = self.run_command(args, &[])?;
                Err(Flow::Exit(status))
            }
            "command" => {
                if args.first().is_some_and(|a| a == "-v" || a == "-V") {
                    let mut status = 0;
                    for n in &args[1..] {
                        match self.describe(n) {
                            Some(d) => {
                                let line = format!("{d}\n");
                                self.write_fd(1, line.as_bytes());
                            }
                            None => status = 1,
                        }
                    }
                    return Ok(status);
                }
                if args.is_empty() {
                    return Ok(0);
                }
                if is_special(&args[0]) || is_builtin(&args[0]) {
                    return self.run_builtin(args);
                }
                self.run_program(args, &[])
            }
            "type" => {
                let mut status = 0;
                for n in args {
                    let line = if self.funcs.contains_key(n.as_str()) {
                        format!("{n} is a function\n")
                    } else if is_special(n) {
                        format!("{n} is a special shell builtin\n")
                    } else if is_builtin(n) {
                        format!("{n} is a shell builtin\n")
                    } else if let Some(p) = self.describe(n) {
                        format!("{n} is {p}\n")
                    } else {
                        status = 127;
                        format!("{n}: not found\n")
                    };
                    self.write_fd(1, line.as_bytes());
                }
                Ok(status)
            }
            "let" => {
                let mut last = 0;
                if args.is_empty() {
                    self.shell_error(Some("let"), "expression expected");
                    return Err(Flow::Exit(2));
                }
                for a in args {
                    let e = crate::shell::ir::compile_arith(a)
                        .unwrap_or(crate::shell::ir::Arith::Invalid);
                    last = self.eval_arith(&e)?;
                }
                Ok(i32::from(last == 0))
            }
            "umask" => {
                if args.is_empty() {
                    self.write_fd(1, b"0022\n");
                }
                Ok(0)
            }
            _ => Ok(0),
        }
    }

    /// `command -v`: a builtin's name, a function's name, or the program's path.
    fn describe(&mut self, name: &str) -> Option<String> {
        if self.funcs.contains_key(name) || is_special(name) || is_builtin(name) {
            return Some(name.to_owned());
        }
        if self.program_exists(name) {
            return Some(format!(
                "{}/{name}",
                crate::shell::applets::bin_dir(self.cfg.toolbox, name)
            ));
        }
        None
    }

    fn export(&mut self, name: &str, args: &[String]) -> Res {
        let readonly = name == "readonly";
        let names: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
        if names.is_empty() {
            let mut out = String::new();
            for (k, v) in &self.vars {
                if (readonly && v.readonly) || (!readonly && v.exported) {
                    out.push_str(&format!(
                        "{name} {k}='{}'\n",
                        v.value.replace('\'', "'\"'\"'")
                    ));
                }
            }
            self.write_fd(1, out.as_bytes());
            return Ok(0);
        }
        for a in names {
            let (k, v) = match a.split_once('=') {
                Some((k, v)) => (k, Some(v.to_owned())),
                None => (a.as_str(), None),
            };
            if k.is_empty()
                || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || k.starts_with(|c: char| c.is_ascii_digit())
            {
                self.shell_error(Some(name), &format!("{k}: bad variable name"));
                return Err(Flow::Exit(2));
            }
            if let Some(v) = v
                && let Err(msg) = self.set_var(k, v)
            {
                self.shell_error(Some(name), &msg);
                return Err(Flow::Exit(2));
            }
            let var = self.vars.entry(Rc::from(k)).or_insert(Var {
                value: String::new(),
                exported: false,
                readonly: false,
                array: None,
            });
            if readonly {
                var.readonly = true;
            } else {
                var.exported = true;
            }
        }
        Ok(0)
    }

    fn set_builtin(&mut self, args: &[String]) -> Res {
        if args.is_empty() {
            let mut out = String::new();
            for (k, v) in &self.vars {
                out.push_str(&format!("{k}='{}'\n", v.value.replace('\'', "'\"'\"'")));
            }
            self.write_fd(1, out.as_bytes());
            return Ok(0);
        }
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if a == "--" {
                self.params = args[i + 1..].to_vec();
                return Ok(0);
            }
            let (on, flags) = match (a.strip_prefix('-'), a.strip_prefix('+')) {
                (Some(f), _) => (true, f),
                (_, Some(f)) => (false, f),
                _ => {
                    self.params = args[i..].to_vec();
                    return Ok(0);
                }
            };
            if flags == "o" || flags.is_empty() {
                let Some(opt) = args.get(i + 1) else {
                    return Ok(0);
                };
                match opt.as_str() {
                    "errexit" => self.opts.errexit = on,
                    "nounset" => self.opts.nounset = on,
                    "xtrace" => self.opts.xtrace = on,
                    "noglob" => self.opts.noglob = on,
                    "pipefail" => self.opts.pipefail = on,
                    _ => {
                        self.shell_error(Some("set"), &format!("illegal option -o {opt}"));
                        return Err(Flow::Exit(2));
                    }
                }
                i += 2;
                continue;
            }
            for c in flags.chars() {
                match c {
                    'e' => self.opts.errexit = on,
                    'u' => self.opts.nounset = on,
                    'x' => self.opts.xtrace = on,
                    'f' => self.opts.noglob = on,
                    'v' | 'a' | 'b' | 'm' | 'C' | 'h' => {}
                    other => {
                        self.shell_error(Some("set"), &format!("illegal option -{other}"));
                        return Err(Flow::Exit(2));
                    }
                }
            }
            i += 1;
        }
        Ok(0)
    }

    fn read_builtin(&mut self, args: &[String]) -> Res {
        let mut raw = false;
        let mut names = Vec::new();
        let mut i = 0;
        while i < args.len() {
            match args[i].as_str() {
                "-r" => raw = true,
                "-p" | "-t" | "-n" | "-u" | "-d" => i += 1,
                "-s" => {}
                n => names.push(n.to_owned()),
            }
            i += 1;
        }
        if names.is_empty() {
            names.push("REPLY".to_owned());
        }
        let (line, eof) = match self.fds.first() {
            Some(Fd::In(data, pos)) => {
                let rest = data.get(pos.get()..).unwrap_or_default();
                match rest.iter().position(|&b| b == b'\n') {
                    Some(n) => {
                        let line = String::from_utf8_lossy(&rest[..n]).into_owned();
                        pos.set(pos.get() + n + 1);
                        (line, false)
                    }
                    None => {
                        let line = String::from_utf8_lossy(rest).into_owned();
                        pos.set(data.len());
                        (line, true)
                    }
                }
            }
            _ => (String::new(), true),
        };
        let line = if raw {
            line
        } else {
            line.replace("\\\n", "").replace('\\', "")
        };
        let ifs = self
            .vars
            .get("IFS")
            .map_or(" \t\n".to_owned(), |v| v.value.clone());
        let mut rest = line.trim_start_matches(|c: char| ifs.contains(c) && c.is_whitespace());
        let n = names.len();
        for (idx, name) in names.iter().enumerate() {
            let value = if idx + 1 == n {
                rest.trim_end_matches(|c: char| ifs.contains(c) && c.is_whitespace())
                    .to_owned()
            } else {
                let end = rest.find(|c: char| ifs.contains(c)).unwrap_or(rest.len());
                let v = rest[..end].to_owned();
                rest = rest[end..].trim_start_matches(|c: char| ifs.contains(c));
                v
            };
            let _ = self.set_var(name, value);
        }
        Ok(if eof && line.is_empty() {
            1
        } else {
            i32::from(eof)
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_table_is_sorted() {
        assert!(super::BUILTINS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
