//! `find` and `xargs` (busybox `findutils/find.c`, `findutils/xargs.c`): the expression
//! subset tutorials use (`-name`, `-iname`, `-path`, `-type`, `-maxdepth`, `-mindepth`,
//! `-empty`, `!`, `-a`, `-o`, parentheses, `-print`, `-print0`, `-exec … ;|+`, `-delete`) and
//! xargs with `-n`, `-I`, `-0`, `-r`, `-t`, `-d`, `-P` (run one after another).

use crate::shell::fs::Node;
use crate::shell::interp::{Fd, Res, Shell};

/// A parsed `find` expression.
#[derive(Debug, Clone)]
enum Expr {
    Name(String, bool),
    Path(String),
    Type(char),
    Empty,
    True,
    Print(bool),
    Exec(Vec<String>, bool),
    Delete,
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
}

impl Expr {
    fn has_action(&self) -> bool {
        match self {
            Expr::Print(_) | Expr::Exec(..) | Expr::Delete => true,
            Expr::Not(e) => e.has_action(),
            Expr::And(a, b) | Expr::Or(a, b) => a.has_action() || b.has_action(),
            _ => false,
        }
    }
}

#[derive(Default)]
struct Opts {
    maxdepth: Option<usize>,
    mindepth: usize,
}

struct Parser<'a> {
    args: &'a [String],
    at: usize,
    opts: Opts,
}

impl Parser<'_> {
    fn or(&mut self) -> Result<Expr, String> {
        let mut left = self.and()?;
        while self.peek() == Some("-o") || self.peek() == Some("-or") {
            self.at += 1;
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        loop {
            match self.peek() {
                None | Some("-o" | "-or" | ")") => return Ok(left),
                Some("-a" | "-and") => self.at += 1,
                _ => {}
            }
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if matches!(self.peek(), Some("!" | "-not")) {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn peek(&self) -> Option<&str> {
        self.args.get(self.at).map(String::as_str)
    }

    fn value(&mut self, name: &str) -> Result<String, String> {
        self.at += 1;
        self.args
            .get(self.at - 1)
            .cloned()
            .ok_or_else(|| format!("{name}: requires an argument"))
    }

    fn primary(&mut self) -> Result<Expr, String> {
        let Some(word) = self.peek().map(str::to_owned) else {
            return Ok(Expr::True);
        };
        self.at += 1;
        Ok(match word.as_str() {
            "(" => {
                let e = self.or()?;
                if self.peek() == Some(")") {
                    self.at += 1;
                }
                e
            }
            "-name" | "-iname" => Expr::Name(self.value(&word)?, word == "-iname"),
            "-path" | "-wholename" => Expr::Path(self.value(&word)?),
            "-type" => {
                let t = self.value(&word)?;
                match t.as_str() {
                    "f" | "d" | "l" | "p" | "s" | "b" | "c" => {
                        Expr::Type(t.chars().next().unwrap_or('f'))
                    }
                    _ => return Err(format!("invalid argument '{t}' to '-type'")),
                }
            }
            "-maxdepth" | "-mindepth" => {
                let v = self.value(&word)?;
                let n: usize = v.parse().map_err(|_| format!("invalid number '{v}'"))?;
                if word == "-maxdepth" {
                    self.opts.maxdepth = Some(n);
                } else {
                    self.opts.mindepth = n;
                }
                Expr::True
            }
            "-empty" => Expr::Empty,
            "-print" => Expr::Print(false),
            "-print0" => Expr::Print(true),
            "-delete" => Expr::Delete,
            "-exec" => {
                let mut cmd = Vec::new();
                loop {
                    let Some(a) = self.args.get(self.at) else {
                        return Err("-exec: requires an argument".to_owned());
                    };
                    self.at += 1;
                    if a == ";" {
                        break Expr::Exec(cmd, false);
                    }
                    if a == "+" && cmd.last().is_some_and(|l| l == "{}") {
                        cmd.pop();
                        break Expr::Exec(cmd, true);
                    }
                    cmd.push(a.clone());
                }
            }
            _ => return Err(format!("unrecognized: {word}")),
        })
    }
}

struct Walk<'a, 's> {
    sh: &'a mut Shell<'s>,
    expr: Expr,
    opts: Opts,
    batch: Vec<String>,
    status: i32,
}

impl Walk<'_, '_> {
    fn eval(&mut self, e: &Expr, path: &str, abs: &str, depth: usize) -> Result<bool, i32> {
        let name = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(path);
        let name = if name.is_empty() { path } else { name };
        Ok(match e {
            Expr::Name(p, fold) => {
                if *fold {
                    crate::shell::pattern::matches(&p.to_lowercase(), &name.to_lowercase())
                } else {
                    crate::shell::pattern::matches(p, name)
                }
            }
            Expr::Path(p) => crate::shell::pattern::matches(p, path),
            Expr::Type(t) => {
                let dir = self.sh.host.fs().is_dir(abs);
                (*t == 'd' && dir) || (*t == 'f' && !dir)
            }
            Expr::Empty => match self.sh.host.fs().get(abs) {
                Ok(Node::File(f)) => f.data.is_empty(),
                _ => self.sh.host.fs().list(abs).is_ok_and(|l| l.is_empty()),
            },
            Expr::True => true,
            Expr::Print(nul) => {
                let end = if *nul { '\0' } else { '\n' };
                self.sh.write_fd(1, format!("{path}{end}").as_bytes());
                true
            }
            Expr::Exec(cmd, false) => {
                let argv: Vec<String> = cmd.iter().map(|a| a.replace("{}", path)).collect();
                run_child(self.sh, &argv, "find")? == 0
            }
            Expr::Exec(_, true) => {
                self.batch.push(path.to_owned());
                true
            }
            Expr::Delete => {
                let _ = depth;
                match self.sh.host.fs().remove(abs, false) {
                    Ok(()) => true,
                    Err(err) => {
                        self.sh
                            .applet_error("find", &format!("{path}: {}", err.strerror()));
                        self.status = 1;
                        false
                    }
                }
            }
            Expr::Not(inner) => !self.eval(inner, path, abs, depth)?,
            Expr::And(a, b) => self.eval(a, path, abs, depth)? && self.eval(b, path, abs, depth)?,
            Expr::Or(a, b) => self.eval(a, path, abs, depth)? || self.eval(b, path, abs, depth)?,
        })
    }

    fn visit(&mut self, path: &str, abs: &str, depth: usize) -> Result<(), i32> {
        self.sh.step().map_err(|_| 137)?;
        let delete_first = matches!(self.expr, Expr::Delete) || has_delete(&self.expr);
        let dir = self.sh.host.fs().is_dir(abs);
        if !delete_first && depth >= self.opts.mindepth {
            let e = self.expr.clone();
            self.eval(&e, path, abs, depth)?;
        }
        if dir && self.opts.maxdepth.is_none_or(|m| depth < m) {
            for child in self.sh.host.fs().list(abs).unwrap_or_default() {
                let sep = if path.ends_with('/') { "" } else { "/" };
                let child_path = format!("{path}{sep}{child}");
                let child_abs = crate::shell::fs::absolute(abs, &child);
                self.visit(&child_path, &child_abs, depth + 1)?;
            }
        }
        if delete_first && depth >= self.opts.mindepth {
            let e = self.expr.clone();
            self.eval(&e, path, abs, depth)?;
        }
        Ok(())
    }
}

/// `-delete` implies `-depth` (children before their directory).
fn has_delete(e: &Expr) -> bool {
    match e {
        Expr::Delete => true,
        Expr::Not(i) => has_delete(i),
        Expr::And(a, b) | Expr::Or(a, b) => has_delete(a) || has_delete(b),
        _ => false,
    }
}

/// Runs a program as xargs/find do (fork + exec, standard input empty): its exit status, or
/// `Err(status)` when the shell must stop.
fn run_child(sh: &mut Shell<'_>, argv: &[String], applet: &str) -> Result<i32, i32> {
    let name = argv[0].rsplit('/').next().unwrap_or(&argv[0]).to_owned();
    if !sh.program_exists(&name) {
        sh.applet_error(applet, &format!("{}: No such file or directory", argv[0]));
        return Ok(127);
    }
    let saved = std::mem::replace(&mut sh.fds[0], Fd::input(Vec::new()));
    let r = sh.run_program(argv, &[]);
    sh.fds[0] = saved;
    r.map_err(|_| 137)
}

/// `find [PATH]... [EXPRESSION]`.
pub fn find(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let args = &argv[1..];
    let first_expr = args
        .iter()
        .position(|a| a.starts_with('-') && a.len() > 1 || a == "!" || a == "(")
        .unwrap_or(args.len());
    let mut paths: Vec<String> = args[..first_expr].to_vec();
    if paths.is_empty() {
        paths.push(".".to_owned());
    }
    let mut parser = Parser {
        args: &args[first_expr..],
        at: 0,
        opts: Opts::default(),
    };
    let parsed = parser.or().and_then(|e| match parser.peek() {
        Some(extra) => Err(format!("unrecognized: {extra}")),
        None => Ok(e),
    });
    let expr = match parsed {
        Ok(e) => e,
        Err(msg) => {
            sh.applet_error("find", &msg);
            return Ok(1);
        }
    };
    let expr = if expr.has_action() {
        expr
    } else {
        Expr::And(Box::new(expr), Box::new(Expr::Print(false)))
    };
    let mut walk = Walk {
        sh,
        expr,
        opts: parser.opts,
        batch: Vec::new(),
        status: 0,
    };
    for p in &paths {
        let abs = crate::shell::fs::absolute(&walk.sh.cwd, p);
        if !walk.sh.host.fs().exists(&abs) {
            walk.sh
                .applet_error("find", &format!("{p}: No such file or directory"));
            walk.status = 1;
            continue;
        }
        if let Err(code) = walk.visit(p, &abs, 0) {
            return Ok(code);
        }
    }
    let status = walk.status;
    if let Some(cmd) = find_batch_command(&walk.expr) {
        let files = std::mem::take(&mut walk.batch);
        if !files.is_empty() {
            let mut argv = cmd;
            argv.extend(files);
            let code = run_child(walk.sh, &argv, "find").unwrap_or(137);
            return Ok(if code != 0 { 1 } else { status });
        }
    }
    Ok(status)
}

fn find_batch_command(e: &Expr) -> Option<Vec<String>> {
    match e {
        Expr::Exec(cmd, true) => Some(cmd.clone()),
        Expr::Not(i) => find_batch_command(i),
        Expr::And(a, b) | Expr::Or(a, b) => find_batch_command(a).or_else(|| find_batch_command(b)),
        _ => None,
    }
}

/// Splits xargs input into arguments: blanks separate, quotes and backslashes group.
fn xargs_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut have = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) if c == '\n' => {
                return Err("unmatched quote".to_owned());
            }
            Some(_) => cur.push(c),
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    have = true;
                }
                '\\' => {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                    have = true;
                }
                ' ' | '\t' | '\n' => {
                    if have {
                        words.push(std::mem::take(&mut cur));
                        have = false;
                    }
                }
                _ => {
                    cur.push(c);
                    have = true;
                }
            },
        }
    }
    if let Some(q) = quote {
        let kind = if q == '"' { "double" } else { "single" };
        return Err(format!("unmatched {kind} quote"));
    }
    if have {
        words.push(cur);
    }
    Ok(words)
}

/// `xargs [-0rt] [-n N] [-I STR] [-d DELIM] [-P N] [PROG [ARGS]...]`.
pub fn xargs(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut i = 1;
    let (mut nul, mut no_empty, mut trace) = (false, false, false);
    let mut max_args: Option<usize> = None;
    let mut replace: Option<String> = None;
    let mut delim: Option<char> = None;
    while let Some(a) = argv.get(i) {
        if a == "--" {
            i += 1;
            break;
        }
        if !a.starts_with('-') || a.len() < 2 {
            break;
        }
        let chars = a[1..].char_indices();
        for (at, c) in chars {
            let rest = &a[1 + at + c.len_utf8()..];
            let value = |i: &mut usize| -> Option<String> {
                if rest.is_empty() {
                    *i += 1;
                    argv.get(*i).cloned()
                } else {
                    Some(rest.to_owned())
                }
            };
            match c {
                '0' => nul = true,
                'r' => no_empty = true,
                't' => trace = true,
                'x' | 'p' => {}
                'n' | 'I' | 'd' | 'P' | 's' | 'L' => {
                    let Some(v) = value(&mut i) else {
                        sh.applet_error("xargs", &format!("option requires an argument -- '{c}'"));
                        return Ok(1);
                    };
                    match c {
                        'I' => replace = Some(v),
                        'd' => delim = v.chars().next(),
                        'n' | 'L' => match v.parse::<usize>() {
                            Ok(n) if n > 0 => max_args = Some(n),
                            _ => {
                                sh.applet_error("xargs", &format!("invalid number '{v}'"));
                                return Ok(1);
                            }
                        },
                        _ => {}
                    }
                    break;
                }
                _ => {
                    sh.applet_error("xargs", &format!("invalid option -- '{c}'"));
                    return Ok(1);
                }
            }
        }
        i += 1;
    }
    let mut cmd: Vec<String> = argv[i..].to_vec();
    if cmd.is_empty() {
        cmd.push("echo".to_owned());
    }
    let input = sh.read_all_stdin();
    let text = String::from_utf8_lossy(&input);
    let words: Vec<String> = if replace.is_some() {
        text.lines()
            .map(|l| l.trim_start().to_owned())
            .filter(|l| !l.is_empty())
            .collect()
    } else if nul || delim.is_some() {
        let d = if nul { '\0' } else { delim.unwrap_or('\n') };
        let mut v: Vec<String> = text.split(d).map(str::to_owned).collect();
        if v.last().is_some_and(String::is_empty) {
            v.pop();
        }
        v
    } else {
        match xargs_words(&text) {
            Ok(w) => w,
            Err(msg) => {
                sh.applet_error("xargs", &msg);
                return Ok(1);
            }
        }
    };
    let batches: Vec<Vec<String>> = if let Some(r) = &replace {
        words
            .iter()
            .map(|w| cmd.iter().map(|a| a.replace(r.as_str(), w)).collect())
            .collect()
    } else if words.is_empty() {
        if no_empty {
            Vec::new()
        } else {
            vec![cmd.clone()]
        }
    } else {
        let per = max_args.unwrap_or(usize::MAX).min(words.len());
        words
            .chunks(per.max(1))
            .map(|chunk| cmd.iter().cloned().chain(chunk.iter().cloned()).collect())
            .collect()
    };
    let mut status = 0;
    for b in batches {
        if trace {
            sh.write_fd(2, format!("{}\n", b.join(" ")).as_bytes());
        }
        let code = match run_child(sh, &b, "xargs") {
            Ok(c) => c,
            Err(c) => return Ok(c),
        };
        match code {
            0 => {}
            127 | 126 => return Ok(code),
            255 => {
                sh.applet_error(
                    "xargs",
                    &format!("{}: exited with status 255; aborting", b[0]),
                );
                return Ok(124);
            }
            c if c > 128 => return Ok(125),
            _ => status = 123,
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use crate::shell::tests::check_cases;

    #[test]
    fn find_and_xargs_print_as_busybox() {
        let cases: &[(&str, &str, &str, i32)] = &[
            (
                "find lists the start path then its tree, sorted",
                "mkdir -p /w/a; touch /w/a/x.txt /w/b.log; find /w",
                "/w\n/w/a\n/w/a/x.txt\n/w/b.log\n",
                0,
            ),
            (
                "find -name matches the base name with a glob",
                "mkdir -p /w/a; touch /w/a/x.txt /w/b.log; find /w -name '*.txt'",
                "/w/a/x.txt\n",
                0,
            ),
            (
                "find -type d -maxdepth 1 from a relative path",
                "mkdir -p /w/a/b; cd /w; find . -maxdepth 1 -type d",
                ".\n./a\n",
                0,
            ),
            (
                "find ! -name and -o",
                "mkdir /w; touch /w/a /w/b /w/c; find /w -type f ! -name a",
                "/w/b\n/w/c\n",
                0,
            ),
            (
                "find -exec {} ; runs once per file",
                "mkdir /w; echo hi > /w/a; find /w -type f -exec cat {} \\;",
                "hi\n",
                0,
            ),
            (
                "find a missing path",
                "find /nope",
                "!find: /nope: No such file or directory\n",
                1,
            ),
            (
                "find an unknown primary",
                "find / -frob",
                "!find: unrecognized: -frob\n",
                1,
            ),
            (
                "xargs runs echo by default with all words",
                "printf 'a b\\nc\\n' | xargs",
                "a b c\n",
                0,
            ),
            (
                "xargs -n1",
                "echo 1 2 3 | xargs -n1 echo item",
                "item 1\nitem 2\nitem 3\n",
                0,
            ),
            (
                "xargs -I{} replaces per line",
                "printf 'x y\\nz\\n' | xargs -I{} echo '<{}>'",
                "<x y>\n<z>\n",
                0,
            ),
            (
                "xargs exit 123 when a command fails",
                "echo 1 | xargs false",
                "",
                123,
            ),
            (
                "xargs of a missing program",
                "echo 1 | xargs nosuch",
                "!xargs: nosuch: No such file or directory\n",
                127,
            ),
            (
                "xargs quotes",
                "echo \"'a b'\" c | xargs -n1",
                "a b\nc\n",
                0,
            ),
            (
                "xargs -t traces to stderr",
                "echo a | xargs -t echo",
                "!echo a\na\n",
                0,
            ),
        ];
        check_cases(cases);
    }
}
