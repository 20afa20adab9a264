//! awk's builtin functions (`length`, `substr`, `index`, `split`, `sub`, `gsub`, `match`,
//! `sprintf`, the math functions) and its number formatting.

use super::parse::Expr;
use super::{Awk, Jump, V, fmt_num};

impl Awk<'_, '_> {
    pub(super) fn call(&mut self, name: &str, args: &[Expr]) -> Result<V, Jump> {
        let mut vals = Vec::new();
        if !matches!(name, "sub" | "gsub") {
            for a in args {
                vals.push(self.eval(a)?);
            }
        }
        let s = |i: usize| vals.get(i).map(V::str).unwrap_or_default();
        let n = |i: usize| vals.get(i).map_or(0.0, V::num);
        Ok(match name {
            "length" => V::Num(if args.is_empty() {
                self.record.chars().count()
            } else {
                s(0).chars().count()
            } as f64),
            "substr" => {
                let text: Vec<char> = s(0).chars().collect();
                let start = n(1).round() as i64;
                let len = if vals.len() > 2 {
                    n(2).round() as i64
                } else {
                    i64::MAX / 2
                };
                let from = start.max(1);
                let to = start.saturating_add(len).min(text.len() as i64 + 1);
                V::Str(if to > from {
                    text[(from - 1) as usize..(to - 1) as usize]
                        .iter()
                        .collect()
                } else {
                    String::new()
                })
            }
            "index" => V::Num(
                s(0).find(&s(1))
                    .map_or(0, |p| s(0)[..p].chars().count() + 1) as f64,
            ),
            "toupper" => V::Str(s(0).to_uppercase()),
            "tolower" => V::Str(s(0).to_lowercase()),
            "int" => V::Num(n(0).trunc()),
            "sqrt" => V::Num(n(0).sqrt()),
            "exp" => V::Num(n(0).exp()),
            "log" => V::Num(n(0).ln()),
            "sin" => V::Num(n(0).sin()),
            "cos" => V::Num(n(0).cos()),
            "atan2" => V::Num(n(0).atan2(n(1))),
            "rand" => {
                self.rng = self
                    .rng
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                V::Num((self.rng >> 11) as f64 / (1u64 << 53) as f64)
            }
            "srand" => {
                self.rng = n(0) as u64;
                V::Num(0.0)
            }
            "sprintf" => {
                if vals.is_empty() {
                    V::Str(String::new())
                } else {
                    let f = vals.remove(0).str();
                    V::Str(sprintf(&f, &vals))
                }
            }
            "split" => {
                let Some(Expr::Var(arr)) = args.get(1) else {
                    return Ok(V::Num(0.0));
                };
                let sep = if vals.len() > 2 { s(2) } else { self.fs() };
                let text = s(0);
                let parts: Vec<String> = if sep == " " {
                    text.split_whitespace().map(str::to_owned).collect()
                } else if text.is_empty() {
                    Vec::new()
                } else {
                    text.split(sep.as_str()).map(str::to_owned).collect()
                };
                let a = self.arrays.entry(arr.clone()).or_default();
                a.clear();
                for (i, p) in parts.iter().enumerate() {
                    a.insert((i + 1).to_string(), V::StrNum(p.clone()));
                }
                V::Num(parts.len() as f64)
            }
            "sub" | "gsub" => {
                let re = match args.first() {
                    Some(Expr::Regex(r)) => r.clone(),
                    Some(e) => self.eval(e)?.str(),
                    None => return Ok(V::Num(0.0)),
                };
                let rep = match args.get(1) {
                    Some(e) => self.eval(e)?.str(),
                    None => String::new(),
                };
                let target = args
                    .get(2)
                    .cloned()
                    .unwrap_or(Expr::Field(Box::new(Expr::Num(0.0))));
                let text = self.eval(&target)?.str();
                let Some(r) = crate::shell::applets::regex::compile(&re, true, false) else {
                    return Ok(V::Num(0.0));
                };
                let mut count = 0;
                let mut out = String::new();
                let mut last = 0;
                for m in r.find_iter(&text) {
                    out.push_str(&text[last..m.start()]);
                    out.push_str(&rep.replace('&', m.as_str()));
                    last = m.end();
                    count += 1;
                    if name == "sub" {
                        break;
                    }
                }
                out.push_str(&text[last..]);
                if count > 0 {
                    self.assign(&target, V::Str(out))?;
                }
                V::Num(f64::from(count))
            }
            "match" => {
                let text = s(0);
                let re = match args.get(1) {
                    Some(Expr::Regex(r)) => r.clone(),
                    _ => s(1),
                };
                let found = crate::shell::applets::regex::compile(&re, true, false)
                    .and_then(|r| r.find(&text).map(|m| (m.start(), m.len())));
                let (start, len) = found.map_or((0, -1i64), |(st, l)| {
                    (text[..st].chars().count() + 1, l as i64)
                });
                self.vars.insert("RSTART".into(), V::Num(start as f64));
                self.vars.insert("RLENGTH".into(), V::Num(len as f64));
                V::Num(start as f64)
            }
            _ => V::Str(String::new()),
        })
    }
}

pub(super) fn arith(op: char, x: f64, y: f64) -> f64 {
    match op {
        '+' => x + y,
        '-' => x - y,
        '*' => x * y,
        '/' => {
            if y == 0.0 {
                f64::NAN
            } else {
                x / y
            }
        }
        '%' => {
            if y == 0.0 {
                f64::NAN
            } else {
                x % y
            }
        }
        '^' => x.powf(y),
        _ => 0.0,
    }
}

/// awk's `sprintf`.
pub(super) fn sprintf(fmt: &str, vals: &[V]) -> String {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    let mut next = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'%') {
            out.push('%');
            i += 2;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && "-+ #0123456789.".contains(chars[j]) {
            j += 1;
        }
        let Some(&conv) = chars.get(j) else {
            out.extend(&chars[i..]);
            break;
        };
        let spec: String = chars[i + 1..j].iter().collect();
        let v = vals.get(next).cloned().unwrap_or(V::Str(String::new()));
        next += 1;
        let left = spec.starts_with('-');
        let zero = spec.starts_with('0');
        let body = spec.trim_start_matches(['-', '+', ' ', '#', '0']);
        let (w, p) = match body.split_once('.') {
            Some((w, p)) => (
                w.parse::<usize>().unwrap_or(0),
                Some(p.parse::<usize>().unwrap_or(0)),
            ),
            None => (body.parse::<usize>().unwrap_or(0), None),
        };
        let (w, p) = (w.min(4096), p.map(|p| p.min(4096)));
        let text = match conv {
            'd' | 'i' => format!("{}", v.num().trunc() as i64),
            'x' => format!("{:x}", v.num() as i64),
            'X' => format!("{:X}", v.num() as i64),
            'o' => format!("{:o}", v.num() as i64),
            'c' => match v {
                V::Num(n) => char::from_u32(n as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                other => other
                    .str()
                    .chars()
                    .next()
                    .map(String::from)
                    .unwrap_or_default(),
            },
            'f' | 'F' => format!("{:.*}", p.unwrap_or(6), v.num()),
            'e' | 'E' => {
                let s = format!("{:.*e}", p.unwrap_or(6), v.num());
                let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
                let ev: i32 = e.parse().unwrap_or(0);
                format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs())
            }
            'g' | 'G' => fmt_num(v.num()),
            's' => match p {
                Some(p) => v.str().chars().take(p).collect(),
                None => v.str(),
            },
            _ => String::new(),
        };
        let pad = w.saturating_sub(text.chars().count());
        if left {
            out.push_str(&text);
            out.extend(std::iter::repeat_n(' ', pad));
        } else if zero && conv != 's' {
            let (sign, digits) = if let Some(d) = text.strip_prefix('-') {
                ("-", d)
            } else {
                ("", text.as_str())
            };
            out.push_str(sign);
            out.extend(std::iter::repeat_n('0', pad));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&text);
        }
        i = j + 1;
    }
    out
}
