//! `$((…))` arithmetic on 64-bit integers, with busybox's error texts (busybox
//! `shell/math.c`: "divide by zero", "arithmetic syntax error", "exponent less than 0",
//! "expression recursion loop detected").

use brush_parser::ast::{
    ArithmeticExpr as E, ArithmeticTarget, BinaryOperator as B, UnaryAssignmentOperator as UA,
    UnaryOperator as U,
};

/// Variable access for arithmetic.
pub trait ArithVars {
    /// A variable's value (`None` when unset).
    fn get(&mut self, name: &str) -> Option<String>;
    /// Assigns a variable.
    fn set(&mut self, name: &str, value: i64);
}

/// An arithmetic failure, with busybox's message.
pub type ArithError = &'static str;

pub const SYNTAX: ArithError = "arithmetic syntax error";
const DIV_ZERO: ArithError = "divide by zero";
const NEG_EXP: ArithError = "exponent less than 0";
const RECURSION: ArithError = "expression recursion loop detected";

/// Parses a number the way busybox's `strto_arith_t` does: decimal, `0x` hex, `0` octal or
/// `base#digits`; `None` when the text is not a plain number.
pub fn parse_number(s: &str) -> Option<i64> {
    let t = s.trim_matches(|c| c == ' ' || c == '\t' || c == '\n');
    if t.is_empty() {
        return Some(0);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let value = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        u64::from_str_radix(hex, 16).ok()? as i64
    } else if let Some((base, digits)) = body.split_once('#') {
        let base: u32 = base.parse().ok()?;
        if !(2..=36).contains(&base) {
            return None;
        }
        u64::from_str_radix(digits, base).ok()? as i64
    } else if body.len() > 1 && body.starts_with('0') {
        u64::from_str_radix(&body[1..], 8).ok()? as i64
    } else {
        if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        body.parse::<u64>().ok()? as i64
    };
    Some(if neg { value.wrapping_neg() } else { value })
}

/// Evaluates an expression.
pub fn eval(expr: &E, vars: &mut dyn ArithVars) -> Result<i64, ArithError> {
    Evaluator {
        vars,
        stack: Vec::new(),
    }
    .eval(expr)
}

/// Parses and evaluates expression text.
pub fn eval_str(text: &str, vars: &mut dyn ArithVars) -> Result<i64, ArithError> {
    Evaluator {
        vars,
        stack: Vec::new(),
    }
    .eval_text(text)
}

struct Evaluator<'v> {
    vars: &'v mut dyn ArithVars,
    /// Variables being evaluated recursively (`a=b; b=a; $((a))`).
    stack: Vec<String>,
}

impl Evaluator<'_> {
    fn eval_text(&mut self, text: &str) -> Result<i64, ArithError> {
        if let Some(n) = parse_number(text) {
            return Ok(n);
        }
        let parsed = brush_parser::arithmetic::parse(text).map_err(|_| SYNTAX)?;
        self.eval(&parsed)
    }

    fn lookup(&mut self, name: &str) -> Result<i64, ArithError> {
        let Some(value) = self.vars.get(name) else {
            return Ok(0);
        };
        if let Some(n) = parse_number(&value) {
            return Ok(n);
        }
        if self.stack.iter().any(|n| n == name) || self.stack.len() > 64 {
            return Err(RECURSION);
        }
        self.stack.push(name.to_owned());
        let result = self.eval_text(&value);
        self.stack.pop();
        result
    }

    fn target_name(t: &ArithmeticTarget) -> &str {
        match t {
            ArithmeticTarget::Variable(n) | ArithmeticTarget::ArrayElement(n, _) => n,
        }
    }

    fn eval(&mut self, expr: &E) -> Result<i64, ArithError> {
        Ok(match expr {
            E::Literal(n) => *n,
            E::Reference(t) => self.lookup(Self::target_name(t))?,
            E::UnaryOp(op, e) => {
                let v = self.eval(e)?;
                match op {
                    U::UnaryPlus => v,
                    U::UnaryMinus => v.wrapping_neg(),
                    U::BitwiseNot => !v,
                    U::LogicalNot => i64::from(v == 0),
                }
            }
            E::BinaryOp(B::LogicalAnd, a, b) => i64::from(self.eval(a)? != 0 && self.eval(b)? != 0),
            E::BinaryOp(B::LogicalOr, a, b) => i64::from(self.eval(a)? != 0 || self.eval(b)? != 0),
            E::BinaryOp(op, a, b) => {
                let x = self.eval(a)?;
                let y = self.eval(b)?;
                apply(op, x, y)?
            }
            E::Conditional(c, a, b) => {
                if self.eval(c)? != 0 {
                    self.eval(a)?
                } else {
                    self.eval(b)?
                }
            }
            E::Assignment(t, e) => {
                let v = self.eval(e)?;
                self.vars.set(Self::target_name(t), v);
                v
            }
            E::BinaryAssignment(op, t, e) => {
                let name = Self::target_name(t);
                let cur = self.lookup(name)?;
                let v = self.eval(e)?;
                let result = apply(op, cur, v)?;
                self.vars.set(name, result);
                result
            }
            E::UnaryAssignment(op, t) => {
                let name = Self::target_name(t);
                let cur = self.lookup(name)?;
                let (new, result) = match op {
                    UA::PrefixIncrement => (cur.wrapping_add(1), cur.wrapping_add(1)),
                    UA::PrefixDecrement => (cur.wrapping_sub(1), cur.wrapping_sub(1)),
                    UA::PostfixIncrement => (cur.wrapping_add(1), cur),
                    UA::PostfixDecrement => (cur.wrapping_sub(1), cur),
                };
                self.vars.set(name, new);
                result
            }
        })
    }
}

fn apply(op: &B, x: i64, y: i64) -> Result<i64, ArithError> {
    Ok(match op {
        B::Power => {
            if y < 0 {
                return Err(NEG_EXP);
            }
            // Square-and-multiply wraps exactly as busybox's repeated multiplication does.
            let (mut acc, mut base, mut e) = (1i64, x, y);
            while e > 0 {
                if e & 1 == 1 {
                    acc = acc.wrapping_mul(base);
                }
                base = base.wrapping_mul(base);
                e >>= 1;
            }
            acc
        }
        B::Multiply => x.wrapping_mul(y),
        B::Divide | B::Modulo => {
            if y == 0 {
                return Err(DIV_ZERO);
            }
            let y = if y == -1 && x == i64::MIN { 1 } else { y };
            if matches!(op, B::Divide) {
                x.wrapping_div(y)
            } else {
                x.wrapping_rem(y)
            }
        }
        B::Comma => y,
        B::Add => x.wrapping_add(y),
        B::Subtract => x.wrapping_sub(y),
        B::ShiftLeft => x.wrapping_shl(y as u32),
        B::ShiftRight => x.wrapping_shr(y as u32),
        B::LessThan => i64::from(x < y),
        B::LessThanOrEqualTo => i64::from(x <= y),
        B::GreaterThan => i64::from(x > y),
        B::GreaterThanOrEqualTo => i64::from(x >= y),
        B::Equals => i64::from(x == y),
        B::NotEquals => i64::from(x != y),
        B::BitwiseAnd => x & y,
        B::BitwiseXor => x ^ y,
        B::BitwiseOr => x | y,
        B::LogicalAnd => i64::from(x != 0 && y != 0),
        B::LogicalOr => i64::from(x != 0 || y != 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct Map(BTreeMap<String, String>);
    impl ArithVars for Map {
        fn get(&mut self, name: &str) -> Option<String> {
            self.0.get(name).cloned()
        }
        fn set(&mut self, name: &str, value: i64) {
            self.0.insert(name.to_owned(), value.to_string());
        }
    }

    fn run(text: &str, vars: &[(&str, &str)]) -> Result<i64, ArithError> {
        let mut m = Map(vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect());
        eval_str(text, &mut m)
    }

    /// (rule, expression, variables, result)
    type Case<'a> = (
        &'a str,
        &'a str,
        &'a [(&'a str, &'a str)],
        Result<i64, ArithError>,
    );

    #[test]
    fn arithmetic_rules() {
        let cases: &[Case<'_>] = &[
            ("precedence", "5 + 3 * 2", &[], Ok(11)),
            (
                "modulo_of_variable",
                "5 + RANDOM % 10",
                &[("RANDOM", "17")],
                Ok(12),
            ),
            ("unset_is_zero", "x + 1", &[], Ok(1)),
            (
                "index_times_two",
                "5 + JOB_COMPLETION_INDEX * 2",
                &[("JOB_COMPLETION_INDEX", "2")],
                Ok(9),
            ),
            ("recursive_value", "a", &[("a", "b*2"), ("b", "3")], Ok(6)),
            (
                "recursion_loop",
                "a",
                &[("a", "b"), ("b", "a")],
                Err(RECURSION),
            ),
            ("divide_by_zero", "1 / 0", &[], Err(DIV_ZERO)),
            ("modulo_by_zero", "1 % 0", &[], Err(DIV_ZERO)),
            ("negative_exponent", "2 ** -1", &[], Err(NEG_EXP)),
            ("syntax_error", "1 +", &[], Err(SYNTAX)),
            ("hex_and_octal", "0x10 + 010", &[], Ok(24)),
            ("comparison", "3 > 2 && 1", &[], Ok(1)),
            ("ternary", "0 ? 1 : 2", &[], Ok(2)),
            (
                "min_div_minus_one",
                "x / -1",
                &[("x", "-9223372036854775808")],
                Ok(i64::MIN),
            ),
        ];
        for (name, text, vars, want) in cases {
            assert_eq!(run(text, vars), *want, "{name}");
        }
    }

    #[test]
    fn assignment_updates_variables() {
        let mut m = Map(BTreeMap::new());
        assert_eq!(eval_str("i += 5", &mut m), Ok(5));
        assert_eq!(eval_str("i++", &mut m), Ok(5));
        assert_eq!(m.0["i"], "6");
    }
}
