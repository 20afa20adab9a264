//! A small `awk` (busybox `editors/awk.c` semantics for the common cases): `-F`, `-v`,
//! `BEGIN`/`END`, patterns and regex patterns, fields, `NR`/`NF`/`FS`/`OFS`, variables and
//! associative arrays, `print`/`printf` (also `> file`), `if`/`while`/`for`/`for in`,
//! `next`/`exit`, and the string and math builtins.

use std::collections::BTreeMap;

use crate::shell::interp::{Flow, Res, Shell};

mod functions;
mod lex;
mod parse;

use functions::{arith, sprintf};

use parse::{Expr, Item, Pattern, Stmt};

#[derive(Clone, Debug)]
enum V {
    Num(f64),
    Str(String),
    /// Input text that looks numeric compares as a number.
    StrNum(String),
}

fn num_of(s: &str) -> f64 {
    let t = s.trim_start();
    let mut end = 0;
    let b = t.as_bytes();
    let mut seen_digit = false;
    let mut seen_dot = false;
    let mut seen_e = false;
    while end < b.len() {
        let c = b[end];
        if c.is_ascii_digit() {
            seen_digit = true;
        } else if c == b'.' && !seen_dot && !seen_e {
            seen_dot = true;
        } else if (c == b'-' || c == b'+') && (end == 0 || matches!(b[end - 1], b'e' | b'E')) {
        } else if (c == b'e' || c == b'E') && seen_digit && !seen_e {
            seen_e = true;
        } else {
            break;
        }
        end += 1;
    }
    let mut s = &t[..end];
    while !s.is_empty() && s.parse::<f64>().is_err() {
        s = &s[..s.len() - 1];
    }
    s.parse().unwrap_or(0.0)
}

fn looks_numeric(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty()
        && t.parse::<f64>().is_ok()
        && !t.chars().any(|c| c.is_alphabetic() && c != 'e' && c != 'E')
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e16 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.6e}");
        // %.6g
        let exp: i32 = s
            .split_once('e')
            .and_then(|(_, e)| e.parse().ok())
            .unwrap_or(0);
        if (-5..6).contains(&exp) {
            let decimals = (5 - exp).max(0) as usize;
            let t = format!("{n:.decimals$}");

            if t.contains('.') {
                t.trim_end_matches('0').trim_end_matches('.').to_owned()
            } else {
                t
            }
        } else {
            let (m, _) = s.split_once('e').unwrap_or((&s, "0"));
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
        }
    }
}

impl V {
    fn num(&self) -> f64 {
        match self {
            V::Num(n) => *n,
            V::Str(s) | V::StrNum(s) => num_of(s),
        }
    }
    fn str(&self) -> String {
        match self {
            V::Num(n) => fmt_num(*n),
            V::Str(s) | V::StrNum(s) => s.clone(),
        }
    }
    fn truthy(&self) -> bool {
        match self {
            V::Num(n) => *n != 0.0,
            V::Str(s) => !s.is_empty(),
            V::StrNum(s) => {
                if looks_numeric(s) {
                    num_of(s) != 0.0
                } else {
                    !s.is_empty()
                }
            }
        }
    }
    fn is_numeric(&self) -> bool {
        match self {
            V::Num(_) => true,
            V::StrNum(s) => looks_numeric(s),
            V::Str(_) => false,
        }
    }
}

enum Jump {
    Next,
    Exit(i32),
    Flow(Flow),
}

struct Awk<'a, 'h> {
    sh: &'a mut Shell<'h>,
    vars: BTreeMap<String, V>,
    arrays: BTreeMap<String, BTreeMap<String, V>>,
    fields: Vec<String>,
    record: String,
    nr: usize,
    out: String,
    files: BTreeMap<String, bool>,
    rng: u64,
}

impl<'a, 'h> Awk<'a, 'h> {
    fn get(&self, name: &str) -> V {
        match name {
            "NF" => V::Num(self.fields.len() as f64),
            "NR" | "FNR" => V::Num(self.nr as f64),
            _ => self
                .vars
                .get(name)
                .cloned()
                .unwrap_or(V::Str(String::new())),
        }
    }

    fn fs(&self) -> String {
        self.vars.get("FS").map_or(" ".to_owned(), V::str)
    }

    fn set_record(&mut self, rec: String) {
        let fs = self.fs();
        self.fields = if fs == " " {
            rec.split_whitespace().map(str::to_owned).collect()
        } else if rec.is_empty() {
            Vec::new()
        } else if fs.chars().count() == 1 && fs != "\\" {
            rec.split(fs.as_str()).map(str::to_owned).collect()
        } else {
            match super::regex::compile(&fs, true, false) {
                Some(r) => r.split(&rec).map(str::to_owned).collect(),
                None => vec![rec.clone()],
            }
        };
        self.record = rec;
    }

    fn field(&self, i: usize) -> V {
        if i == 0 {
            return V::StrNum(self.record.clone());
        }
        V::StrNum(self.fields.get(i - 1).cloned().unwrap_or_default())
    }

    fn set_field(&mut self, i: usize, v: String) {
        if i == 0 {
            self.set_record(v);
            return;
        }
        if self.fields.len() < i {
            self.fields.resize(i, String::new());
        }
        self.fields[i - 1] = v;
        let ofs = self.vars.get("OFS").map_or(" ".to_owned(), V::str);
        self.record = self.fields.join(&ofs);
    }

    fn assign(&mut self, target: &Expr, v: V) -> Result<(), Jump> {
        match target {
            Expr::Var(n) => {
                self.vars.insert(n.clone(), v);
            }
            Expr::Field(e) => {
                let i = self.eval(e)?.num().max(0.0) as usize;
                self.set_field(i, v.str());
            }
            Expr::Index(n, k) => {
                let key = self.eval(k)?.str();
                self.arrays.entry(n.clone()).or_default().insert(key, v);
            }
            _ => {}
        }
        Ok(())
    }

    fn step(&mut self) -> Result<(), Jump> {
        self.sh.step().map_err(Jump::Flow)
    }

    fn exec(&mut self, s: &Stmt) -> Result<(), Jump> {
        self.step()?;
        match s {
            Stmt::Expr(e) => {
                self.eval(e)?;
            }
            Stmt::Print(args, dest) => {
                let ofs = self.vars.get("OFS").map_or(" ".to_owned(), V::str);
                let ors = self.vars.get("ORS").map_or("\n".to_owned(), V::str);
                let mut parts = Vec::new();
                if args.is_empty() {
                    parts.push(self.record.clone());
                }
                for a in args {
                    let v = self.eval(a)?;
                    parts.push(match v {
                        V::Num(n) if n.fract() != 0.0 => {
                            let ofmt = self.vars.get("OFMT").map(V::str);
                            match ofmt {
                                Some(f) if f != "%.6g" => sprintf(&f, &[V::Num(n)]),
                                _ => fmt_num(n),
                            }
                        }
                        other => other.str(),
                    });
                }
                let text = format!("{}{ors}", parts.join(&ofs));
                self.emit(&text, dest)?;
            }
            Stmt::Printf(args, dest) => {
                let mut vals = Vec::new();
                for a in args {
                    vals.push(self.eval(a)?);
                }
                if vals.is_empty() {
                    return Ok(());
                }
                let fmt = vals.remove(0).str();
                let text = sprintf(&fmt, &vals);
                self.emit(&text, dest)?;
            }
            Stmt::If(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.exec(a)?;
                } else if let Some(b) = b {
                    self.exec(b)?;
                }
            }
            Stmt::While(c, body) => {
                while self.eval(c)?.truthy() {
                    self.step()?;
                    match self.exec(body) {
                        Err(Jump::Flow(Flow::Break(_))) => break,
                        Err(Jump::Flow(Flow::Continue(_))) => {}
                        other => other?,
                    }
                }
            }
            Stmt::For(init, cond, step, body) => {
                if let Some(i) = init {
                    self.exec(i)?;
                }
                loop {
                    self.step()?;
                    if let Some(c) = cond
                        && !self.eval(c)?.truthy()
                    {
                        break;
                    }
                    match self.exec(body) {
                        Err(Jump::Flow(Flow::Break(_))) => break,
                        Err(Jump::Flow(Flow::Continue(_))) => {}
                        other => other?,
                    }
                    if let Some(s) = step {
                        self.exec(s)?;
                    }
                }
            }
            Stmt::ForIn(var, arr, body) => {
                let keys: Vec<String> = self
                    .arrays
                    .get(arr)
                    .map(|a| a.keys().cloned().collect())
                    .unwrap_or_default();
                for k in keys {
                    self.vars.insert(var.clone(), V::StrNum(k));
                    match self.exec(body) {
                        Err(Jump::Flow(Flow::Break(_))) => break,
                        Err(Jump::Flow(Flow::Continue(_))) => {}
                        other => other?,
                    }
                }
            }
            Stmt::Block(list) => {
                for s in list {
                    self.exec(s)?;
                }
            }
            Stmt::Next => return Err(Jump::Next),
            Stmt::Exit(e) => {
                let code = match e {
                    Some(e) => self.eval(e)?.num() as i32,
                    None => 0,
                };
                return Err(Jump::Exit(code));
            }
            Stmt::Break => return Err(Jump::Flow(Flow::Break(1))),
            Stmt::Continue => return Err(Jump::Flow(Flow::Continue(1))),
            Stmt::Delete(arr, key) => match key {
                Some(k) => {
                    let k = self.eval(k)?.str();
                    if let Some(a) = self.arrays.get_mut(arr) {
                        a.remove(&k);
                    }
                }
                None => {
                    self.arrays.remove(arr);
                }
            },
        }
        Ok(())
    }

    fn emit(&mut self, text: &str, dest: &Option<(bool, Expr)>) -> Result<(), Jump> {
        match dest {
            None => self.out.push_str(text),
            Some((append, e)) => {
                let name = self.eval(e)?.str();
                self.flush();
                let path = crate::shell::fs::absolute(&self.sh.cwd, &name);
                let opened = self.files.contains_key(&path);
                let now = self.sh.host.now_ms();
                let _ = self
                    .sh
                    .host
                    .fs()
                    .write(&path, text.as_bytes(), opened || *append, now);
                self.files.insert(path, true);
            }
        }
        Ok(())
    }

    fn flush(&mut self) {
        if !self.out.is_empty() {
            let out = std::mem::take(&mut self.out);
            self.sh.write_fd(1, out.as_bytes());
        }
    }

    fn matches_re(&mut self, text: &str, re: &V) -> bool {
        super::regex::compile(&re.str(), true, false).is_some_and(|r| r.is_match(text))
    }

    fn eval(&mut self, e: &Expr) -> Result<V, Jump> {
        Ok(match e {
            Expr::Num(n) => V::Num(*n),
            Expr::Str(s) => V::Str(s.clone()),
            Expr::Regex(r) => {
                let rec = self.record.clone();
                V::Num(f64::from(u8::from(
                    self.matches_re(&rec, &V::Str(r.clone())),
                )))
            }
            Expr::Var(n) => self.get(n),
            Expr::Field(i) => {
                let i = self.eval(i)?.num().max(0.0) as usize;
                self.field(i)
            }
            Expr::Index(n, k) => {
                let k = self.eval(k)?.str();
                self.arrays
                    .entry(n.clone())
                    .or_default()
                    .entry(k)
                    .or_insert(V::Str(String::new()))
                    .clone()
            }
            Expr::In(k, arr) => {
                let k = self.eval(k)?.str();
                V::Num(f64::from(u8::from(
                    self.arrays.get(arr).is_some_and(|a| a.contains_key(&k)),
                )))
            }
            Expr::Assign(op, target, value) => {
                let v = self.eval(value)?;
                let new = match op {
                    None => v,
                    Some(op) => {
                        let cur = self.eval(target)?.num();
                        V::Num(arith(*op, cur, v.num()))
                    }
                };
                self.assign(target, new.clone())?;
                new
            }
            Expr::Incr(target, delta, prefix) => {
                let cur = self.eval(target)?.num();
                self.assign(target, V::Num(cur + delta))?;
                V::Num(if *prefix { cur + delta } else { cur })
            }
            Expr::Binary(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                V::Num(arith(*op, x.num(), y.num()))
            }
            Expr::Cmp(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                let ord = if x.is_numeric() && y.is_numeric() {
                    x.num()
                        .partial_cmp(&y.num())
                        .unwrap_or(std::cmp::Ordering::Equal)
                } else {
                    x.str().cmp(&y.str())
                };
                use std::cmp::Ordering::*;
                let r = match op.as_str() {
                    "<" => ord == Less,
                    "<=" => ord != Greater,
                    ">" => ord == Greater,
                    ">=" => ord != Less,
                    "==" => ord == Equal,
                    _ => ord != Equal,
                };
                V::Num(f64::from(u8::from(r)))
            }
            Expr::Match(neg, a, b) => {
                let x = self.eval(a)?.str();
                let re = match &**b {
                    Expr::Regex(r) => V::Str(r.clone()),
                    other => self.eval(other)?,
                };
                V::Num(f64::from(u8::from(self.matches_re(&x, &re) != *neg)))
            }
            Expr::And(a, b) => V::Num(f64::from(u8::from(
                self.eval(a)?.truthy() && self.eval(b)?.truthy(),
            ))),
            Expr::Or(a, b) => V::Num(f64::from(u8::from(
                self.eval(a)?.truthy() || self.eval(b)?.truthy(),
            ))),
            Expr::Not(a) => V::Num(f64::from(u8::from(!self.eval(a)?.truthy()))),
            Expr::Neg(a) => V::Num(-self.eval(a)?.num()),
            Expr::Concat(a, b) => V::Str(format!("{}{}", self.eval(a)?.str(), self.eval(b)?.str())),
            Expr::Cond(c, a, b) => {
                if self.eval(c)?.truthy() {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            Expr::Call(name, args) => self.call(name, args)?,
            Expr::Group(a) => self.eval(a)?,
        })
    }
}

/// `awk [-F SEP] [-v VAR=VAL]... 'PROGRAM' [FILE]...`.
pub fn awk(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut fs: Option<String> = None;
    let mut assigns = Vec::new();
    let mut program: Option<String> = None;
    let mut files = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if program.is_none() && a.starts_with("-F") {
            fs = Some(if a.len() > 2 {
                a[2..].to_owned()
            } else {
                i += 1;
                argv.get(i).cloned().unwrap_or_default()
            });
        } else if program.is_none() && a == "-v" {
            i += 1;
            if let Some(kv) = argv.get(i) {
                assigns.push(kv.clone());
            }
        } else if program.is_none() {
            program = Some(a.clone());
        } else {
            files.push(a.clone());
        }
        i += 1;
    }
    let Some(program) = program else {
        sh.applet_error(
            "awk",
            "usage: awk [-F SEP] [-v VAR=VAL] 'PROGRAM' [FILE]...",
        );
        return Ok(1);
    };
    let items = match parse::parse(&program) {
        Ok(items) => items,
        Err(e) => {
            sh.applet_error("awk", &format!("cmd. line:1: {e}"));
            return Ok(2);
        }
    };
    let mut awk = Awk {
        sh,
        vars: BTreeMap::new(),
        arrays: BTreeMap::new(),
        fields: Vec::new(),
        record: String::new(),
        nr: 0,
        out: String::new(),
        files: BTreeMap::new(),
        rng: 0,
    };
    let tab_fs = fs.map(|f| {
        if f == "t" || f == "\\t" {
            "\t".to_owned()
        } else {
            f
        }
    });
    awk.vars
        .insert("FS".into(), V::Str(tab_fs.unwrap_or_else(|| " ".into())));
    awk.vars.insert("OFS".into(), V::Str(" ".into()));
    awk.vars.insert("ORS".into(), V::Str("\n".into()));
    awk.vars.insert("SUBSEP".into(), V::Str("\u{1c}".into()));
    for kv in assigns {
        if let Some((k, v)) = kv.split_once('=') {
            awk.vars.insert(k.to_owned(), V::StrNum(v.to_owned()));
        }
    }
    let code = run(&mut awk, &items, &files);
    awk.flush();
    code
}

fn run(awk: &mut Awk<'_, '_>, items: &[Item], files: &[String]) -> Result<i32, Flow> {
    let mut exit_code: Option<i32> = None;
    for item in items.iter().filter(|i| matches!(i.pattern, Pattern::Begin)) {
        match awk.exec(&item.action) {
            Ok(()) | Err(Jump::Next) => {}
            Err(Jump::Exit(c)) => {
                exit_code = Some(c);
                break;
            }
            Err(Jump::Flow(f)) => return Err(f),
        }
    }
    let has_main = items.iter().any(|i| !matches!(i.pattern, Pattern::Begin));
    if exit_code.is_none() && has_main {
        let (inputs, ok) = awk.sh.read_inputs("awk", files);
        if !ok {
            exit_code = Some(2);
        }
        'records: for line in super::lines(&inputs.concat()) {
            awk.nr += 1;
            awk.set_record(line);
            for item in items {
                let hit = match &item.pattern {
                    Pattern::Begin | Pattern::End => continue,
                    Pattern::All => true,
                    Pattern::Expr(e) => match awk.eval(e) {
                        Ok(v) => v.truthy(),
                        Err(Jump::Flow(f)) => return Err(f),
                        Err(Jump::Exit(c)) => {
                            exit_code = Some(c);
                            break 'records;
                        }
                        Err(Jump::Next) => continue 'records,
                    },
                };
                if !hit {
                    continue;
                }
                match awk.exec(&item.action) {
                    Ok(()) => {}
                    Err(Jump::Next) => continue 'records,
                    Err(Jump::Exit(c)) => {
                        exit_code = Some(c);
                        break 'records;
                    }
                    Err(Jump::Flow(f)) => return Err(f),
                }
            }
        }
    }
    for item in items.iter().filter(|i| matches!(i.pattern, Pattern::End)) {
        match awk.exec(&item.action) {
            Ok(()) | Err(Jump::Next) => {}
            Err(Jump::Exit(c)) => return Ok(c),
            Err(Jump::Flow(f)) => return Err(f),
        }
    }
    Ok(exit_code.unwrap_or(0))
}
