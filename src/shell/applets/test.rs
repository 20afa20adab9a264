//! `test` and `[` (busybox `coreutils/test.c`): POSIX rules by argument count, `-a`/`-o`,
//! `!` and parentheses; errors "missing ]" and "bad number" exit 2.

use crate::shell::fs::Node;
use crate::shell::interp::{Res, Shell};

/// `test EXPR` / `[ EXPR ]`.
pub fn test(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut args: &[String] = &argv[1..];
    if argv[0] == "[" {
        match args.split_last() {
            Some((last, rest)) if last == "]" => args = rest,
            _ => {
                let name = sh.applet_name().to_owned();
                sh.applet_error(&name, "missing ]");
                return Ok(2);
            }
        }
    }
    match evaluate(sh, args) {
        Ok(v) => Ok(i32::from(!v)),
        Err(msg) => {
            let name = sh.applet_name().to_owned();
            sh.applet_error(&name, &msg);
            Ok(2)
        }
    }
}

fn number(s: &str) -> Result<i64, String> {
    let t = s.trim_start();
    let t2 = t.trim_end();
    if t2.len() != t.len() && !t2.is_empty() {
        // trailing blanks are not allowed by busybox
        return Err(format!("{s}: bad number"));
    }
    t2.parse::<i64>().map_err(|_| format!("{s}: bad number"))
}

fn is_unary(op: &str) -> bool {
    matches!(
        op,
        "-e" | "-f"
            | "-d"
            | "-s"
            | "-r"
            | "-w"
            | "-x"
            | "-n"
            | "-z"
            | "-h"
            | "-L"
            | "-t"
            | "-b"
            | "-c"
            | "-p"
            | "-S"
            | "-g"
            | "-u"
            | "-k"
            | "-O"
            | "-G"
    )
}

fn is_binary(op: &str) -> bool {
    matches!(
        op,
        "=" | "=="
            | "!="
            | "<"
            | ">"
            | "-eq"
            | "-ne"
            | "-lt"
            | "-le"
            | "-gt"
            | "-ge"
            | "-nt"
            | "-ot"
            | "-ef"
    )
}

fn unary(sh: &mut Shell<'_>, op: &str, arg: &str) -> Result<bool, String> {
    if op == "-n" {
        return Ok(!arg.is_empty());
    }
    if op == "-z" {
        return Ok(arg.is_empty());
    }
    if op == "-t" {
        return Ok(false);
    }
    let path = crate::shell::fs::absolute(&sh.cwd, arg);
    let fs = sh.host.fs();
    let node = fs.get(&path);
    let is_dir = fs.is_dir(&path);
    Ok(match op {
        "-e" | "-r" | "-w" => fs.exists(&path),
        "-f" => matches!(node, Ok(Node::File(_))),
        "-d" => is_dir,
        "-s" => match node {
            Ok(Node::File(f)) => !f.data.is_empty(),
            _ => is_dir,
        },
        "-x" => match node {
            Ok(Node::File(f)) => f.executable,
            _ => is_dir,
        },
        _ => false,
    })
}

fn binary(sh: &mut Shell<'_>, a: &str, op: &str, b: &str) -> Result<bool, String> {
    Ok(match op {
        "=" | "==" => a == b,
        "!=" => a != b,
        "<" => a < b,
        ">" => a > b,
        "-eq" => number(a)? == number(b)?,
        "-ne" => number(a)? != number(b)?,
        "-lt" => number(a)? < number(b)?,
        "-le" => number(a)? <= number(b)?,
        "-gt" => number(a)? > number(b)?,
        "-ge" => number(a)? >= number(b)?,
        "-nt" | "-ot" | "-ef" => {
            let pa = crate::shell::fs::absolute(&sh.cwd, a);
            let pb = crate::shell::fs::absolute(&sh.cwd, b);
            let fs = sh.host.fs();
            let mtime = |n: Result<&Node, _>| match n {
                Ok(Node::File(f)) => Some(f.mtime_ms),
                _ => None,
            };
            let (ma, mb) = (mtime(fs.get(&pa)), mtime(fs.get(&pb)));
            match op {
                "-nt" => ma.is_some() && (mb.is_none() || ma > mb),
                "-ot" => mb.is_some() && (ma.is_none() || ma < mb),
                _ => pa == pb && fs.exists(&pa),
            }
        }
        _ => return Err(format!("{op}: unknown operand")),
    })
}

/// Evaluates test arguments (without the closing `]`).
pub fn evaluate(sh: &mut Shell<'_>, args: &[String]) -> Result<bool, String> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        [] => Ok(false),
        [x] => Ok(!x.is_empty()),
        ["!", x] => Ok(x.is_empty()),
        [op, x] if is_unary(op) => unary(sh, op, x),
        [op, _] => Err(format!("{op}: unary operator expected")),
        [x, op, y] if is_binary(op) => binary(sh, x, op, y),
        ["!", rest @ ..] if rest.len() == 2 => Ok(!evaluate(sh, &args[1..])?),
        ["(", x, ")"] => Ok(!x.is_empty()),
        ["!", rest @ ..] if rest.len() == 3 => Ok(!evaluate(sh, &args[1..])?),
        _ => {
            let mut p = Parser {
                sh,
                args: &a,
                pos: 0,
            };
            let v = p.or()?;
            if p.pos < a.len() {
                return Err(format!("{}: unexpected operator", a[p.pos]));
            }
            Ok(v)
        }
    }
}

struct Parser<'a, 's, 'h> {
    sh: &'a mut Shell<'h>,
    args: &'a [&'s str],
    pos: usize,
}

impl Parser<'_, '_, '_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.pos).copied()
    }

    fn or(&mut self) -> Result<bool, String> {
        let mut v = self.and()?;
        while self.peek() == Some("-o") {
            self.pos += 1;
            let r = self.and()?;
            v = v || r;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, String> {
        let mut v = self.not()?;
        while self.peek() == Some("-a") {
            self.pos += 1;
            let r = self.not()?;
            v = v && r;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, String> {
        if self.peek() == Some("!") {
            self.pos += 1;
            return Ok(!self.not()?);
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<bool, String> {
        let Some(t) = self.peek().map(str::to_owned) else {
            return Err("argument expected".into());
        };
        let t = t.as_str();
        if t == "(" {
            self.pos += 1;
            let v = self.or()?;
            if self.peek() != Some(")") {
                return Err("missing )".into());
            }
            self.pos += 1;
            return Ok(v);
        }
        if let (Some(op), Some(b)) = (self.args.get(self.pos + 1), self.args.get(self.pos + 2))
            && is_binary(op)
        {
            self.pos += 3;
            return binary(self.sh, t, op, b);
        }
        if is_unary(t)
            && let Some(x) = self.args.get(self.pos + 1)
        {
            self.pos += 2;
            return unary(self.sh, t, x);
        }
        self.pos += 1;
        Ok(!t.is_empty())
    }
}
