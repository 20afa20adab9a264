//! `expr` (busybox `coreutils/expr.c`): `|`, `&`, comparisons, `+ - * / %`, `:` (regex
//! match), `length`, `substr`, `index`, `match`; exit 1 when the result is 0 or empty.

use crate::shell::interp::{Res, Shell};

#[derive(Clone, Debug)]
enum Val {
    Int(i64),
    Str(String),
}

impl Val {
    fn text(&self) -> String {
        match self {
            Val::Int(n) => n.to_string(),
            Val::Str(s) => s.clone(),
        }
    }
    fn int(&self) -> Option<i64> {
        match self {
            Val::Int(n) => Some(*n),
            Val::Str(s) => s.trim().parse().ok(),
        }
    }
    fn null(&self) -> bool {
        match self {
            Val::Int(n) => *n == 0,
            Val::Str(s) => s.is_empty() || s == "0",
        }
    }
}

struct P<'a> {
    args: &'a [String],
    pos: usize,
}

type R = Result<Val, &'static str>;

impl P<'_> {
    fn peek(&self) -> Option<&str> {
        self.args.get(self.pos).map(String::as_str)
    }
    fn eat(&mut self, op: &str) -> bool {
        if self.peek() == Some(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn or(&mut self) -> R {
        let mut l = self.and()?;
        while self.eat("|") {
            let r = self.and()?;
            l = if l.null() {
                if r.null() { Val::Int(0) } else { r }
            } else {
                l
            };
        }
        Ok(l)
    }
    fn and(&mut self) -> R {
        let mut l = self.cmp()?;
        while self.eat("&") {
            let r = self.cmp()?;
            l = if l.null() || r.null() { Val::Int(0) } else { l };
        }
        Ok(l)
    }
    fn cmp(&mut self) -> R {
        let mut l = self.add()?;
        loop {
            let op = match self.peek() {
                Some(o @ ("=" | "==" | "!=" | "<" | "<=" | ">" | ">=")) => o.to_owned(),
                _ => return Ok(l),
            };
            self.pos += 1;
            let r = self.add()?;
            let ord = match (l.int(), r.int()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => l.text().cmp(&r.text()),
            };
            use std::cmp::Ordering::*;
            let v = match op.as_str() {
                "=" | "==" => ord == Equal,
                "!=" => ord != Equal,
                "<" => ord == Less,
                "<=" => ord != Greater,
                ">" => ord == Greater,
                _ => ord != Less,
            };
            l = Val::Int(i64::from(v));
        }
    }
    fn add(&mut self) -> R {
        let mut l = self.mul()?;
        loop {
            let op = match self.peek() {
                Some(o @ ("+" | "-")) => o.to_owned(),
                _ => return Ok(l),
            };
            self.pos += 1;
            let r = self.mul()?;
            let (a, b) = (
                l.int().ok_or("non-numeric argument")?,
                r.int().ok_or("non-numeric argument")?,
            );
            l = Val::Int(if op == "+" {
                a.wrapping_add(b)
            } else {
                a.wrapping_sub(b)
            });
        }
    }
    fn mul(&mut self) -> R {
        let mut l = self.colon()?;
        loop {
            let op = match self.peek() {
                Some(o @ ("*" | "/" | "%")) => o.to_owned(),
                _ => return Ok(l),
            };
            self.pos += 1;
            let r = self.colon()?;
            let (a, b) = (
                l.int().ok_or("non-numeric argument")?,
                r.int().ok_or("non-numeric argument")?,
            );
            l = Val::Int(match op.as_str() {
                "*" => a.wrapping_mul(b),
                _ if b == 0 => return Err("division by zero"),
                "/" => a.wrapping_div(b),
                _ => a.wrapping_rem(b),
            });
        }
    }
    fn colon(&mut self) -> R {
        let mut l = self.primary()?;
        while self.eat(":") {
            let r = self.primary()?;
            l = regex_match(&l.text(), &r.text())?;
        }
        Ok(l)
    }
    fn primary(&mut self) -> R {
        let Some(t) = self.peek().map(str::to_owned) else {
            return Err("syntax error");
        };
        self.pos += 1;
        match t.as_str() {
            "(" => {
                let v = self.or()?;
                if !self.eat(")") {
                    return Err("syntax error");
                }
                Ok(v)
            }
            "length" => Ok(Val::Int(self.primary()?.text().chars().count() as i64)),
            "match" => {
                let s = self.primary()?.text();
                let re = self.primary()?.text();
                regex_match(&s, &re)
            }
            "substr" => {
                let s = self.primary()?.text();
                let pos = self.primary()?.int().unwrap_or(0);
                let len = self.primary()?.int().unwrap_or(0);
                if pos <= 0 || len <= 0 {
                    return Ok(Val::Str(String::new()));
                }
                Ok(Val::Str(
                    s.chars()
                        .skip(pos as usize - 1)
                        .take(len as usize)
                        .collect(),
                ))
            }
            "index" => {
                let s = self.primary()?.text();
                let chars = self.primary()?.text();
                Ok(Val::Int(
                    s.chars()
                        .position(|c| chars.contains(c))
                        .map_or(0, |p| p as i64 + 1),
                ))
            }
            _ => Ok(match t.parse::<i64>() {
                Ok(n) => Val::Int(n),
                Err(_) => Val::Str(t),
            }),
        }
    }
}

fn regex_match(s: &str, re: &str) -> R {
    let anchored = format!("^(?:{})", super::regex::translate(re, false));
    let r = regex_lite::Regex::new(&anchored).map_err(|_| "syntax error")?;
    Ok(match r.captures(s) {
        Some(c) => match c.get(1) {
            Some(g) => Val::Str(g.as_str().to_owned()),
            None => Val::Int(c.get(0).map_or(0, |m| m.as_str().chars().count() as i64)),
        },
        None => {
            if r.captures_len() > 1 {
                Val::Str(String::new())
            } else {
                Val::Int(0)
            }
        }
    })
}

/// `expr EXPRESSION`.
pub fn expr(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let mut p = P {
        args: &argv[1..],
        pos: 0,
    };
    match p.or() {
        Ok(v) if p.pos == argv.len() - 1 => {
            let line = format!("{}\n", v.text());
            sh.write_fd(1, line.as_bytes());
            Ok(i32::from(v.null()))
        }
        Ok(_) => {
            sh.applet_error("expr", "syntax error");
            Ok(2)
        }
        Err(e) => {
            sh.applet_error("expr", e);
            Ok(2)
        }
    }
}
