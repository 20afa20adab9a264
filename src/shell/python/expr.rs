//! Expressions of the Python subset: tokens, a precedence-climbing parser and evaluation
//! with Python's semantics for ints (floor division and modulo), strings, booleans and None.

/// A runtime value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Int(i64),
    Str(String),
    Bool(bool),
    None,
}

impl Value {
    /// `str(value)`.
    pub fn to_str(&self) -> String {
        match self {
            Value::Int(i) => i.to_string(),
            Value::Str(s) => s.clone(),
            Value::Bool(true) => "True".to_string(),
            Value::Bool(false) => "False".to_string(),
            Value::None => "None".to_string(),
        }
    }

    /// Python's truth value.
    pub fn truthy(&self) -> bool {
        match self {
            Value::Int(i) => *i != 0,
            Value::Str(s) => !s.is_empty(),
            Value::Bool(b) => *b,
            Value::None => false,
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Value::Int(_) => "int",
            Value::Str(_) => "str",
            Value::Bool(_) => "bool",
            Value::None => "NoneType",
        }
    }
}

/// A parsed expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    Literal(Value),
    Name(String),
    /// `int(x)`, `os.environ.get(k, d)`: the dotted function name and the arguments.
    Call(String, Vec<Expr>),
    /// `os.environ[k]`.
    Index(String, Box<Expr>),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Binary(&'static str, Box<Expr>, Box<Expr>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Int(i64),
    Str(String),
    Name(String),
    Op(&'static str),
}

const OPERATORS: &[&str] = &[
    "==", "!=", "<=", ">=", "//", "(", ")", "[", "]", ",", "<", ">", "+", "-", "*", "%",
];

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = chars[start..i].iter().collect();
            tokens.push(Token::Int(digits.parse().ok()?));
        } else if c == '"' || c == '\'' {
            let mut s = String::new();
            i += 1;
            loop {
                let d = *chars.get(i)?;
                i += 1;
                match d {
                    _ if d == c => break,
                    '\\' => {
                        let e = *chars.get(i)?;
                        i += 1;
                        s.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            other => other,
                        });
                    }
                    other => s.push(other),
                }
            }
            tokens.push(Token::Str(s));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.')
            {
                i += 1;
            }
            tokens.push(Token::Name(chars[start..i].iter().collect()));
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let op = OPERATORS.iter().find(|op| rest.starts_with(**op))?;
            tokens.push(Token::Op(op));
            i += op.chars().count();
        }
    }
    Some(tokens)
}

/// Parses a whole expression; `None` when it is outside the subset.
pub fn parse(text: &str) -> Option<Expr> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let e = parser.or()?;
    (parser.at == parser.tokens.len()).then_some(e)
}

/// The byte positions of `wanted` outside quotes and brackets.
pub fn top_level(text: &str, wanted: char) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut depth, mut quote) = (0i32, None);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            (None, _) if c == wanted && depth == 0 => found.push(i),
            _ => {}
        }
    }
    found
}

/// Splits `text` at the commas outside brackets and quotes.
pub fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for at in top_level(text, ',') {
        parts.push(&text[start..at]);
        start = at + 1;
    }
    parts.push(&text[start..]);
    parts
}

/// How deeply expressions may nest (parentheses, `not`, unary minus) before the script is
/// treated as outside the subset (the parser recurses).
const MAX_DEPTH: usize = 64;

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.peek() == Some(&Token::Op(leak(op))) {
            self.at += 1;
            return true;
        }
        false
    }

    fn eat_name(&mut self, name: &str) -> bool {
        if matches!(self.peek(), Some(Token::Name(n)) if n == name) {
            self.at += 1;
            return true;
        }
        false
    }

    /// Runs `parse` one level deeper, refusing to go past [`MAX_DEPTH`].
    fn nested(&mut self, parse: fn(&mut Self) -> Option<Expr>) -> Option<Expr> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn or(&mut self) -> Option<Expr> {
        self.nested(Self::or_inner)
    }

    fn or_inner(&mut self) -> Option<Expr> {
        let mut left = self.and()?;
        while self.eat_name("or") {
            left = Expr::Binary("or", Box::new(left), Box::new(self.and()?));
        }
        Some(left)
    }

    fn and(&mut self) -> Option<Expr> {
        let mut left = self.not()?;
        while self.eat_name("and") {
            left = Expr::Binary("and", Box::new(left), Box::new(self.not()?));
        }
        Some(left)
    }

    fn not(&mut self) -> Option<Expr> {
        if self.eat_name("not") {
            let inner = self.nested(Self::not)?;
            return Some(Expr::Not(Box::new(inner)));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Option<Expr> {
        let left = self.sum()?;
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            if self.eat_op(op) {
                return Some(Expr::Binary(
                    leak(op),
                    Box::new(left),
                    Box::new(self.sum()?),
                ));
            }
        }
        Some(left)
    }

    fn sum(&mut self) -> Option<Expr> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat_op("+") {
                "+"
            } else if self.eat_op("-") {
                "-"
            } else {
                return Some(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.product()?));
        }
    }

    fn product(&mut self) -> Option<Expr> {
        let mut left = self.unary()?;
        loop {
            let op = ["*", "//", "%"].into_iter().find(|op| self.eat_op(op));
            let Some(op) = op else {
                return Some(left);
            };
            left = Expr::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Option<Expr> {
        if self.eat_op("-") {
            let inner = self.nested(Self::unary)?;
            return Some(Expr::Negate(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Option<Expr> {
        let token = self.peek()?.clone();
        self.at += 1;
        match token {
            Token::Int(i) => Some(Expr::Literal(Value::Int(i))),
            Token::Str(s) => Some(Expr::Literal(Value::Str(s))),
            Token::Op("(") => {
                let e = self.or()?;
                self.eat_op(")").then_some(e)
            }
            Token::Name(name) => match name.as_str() {
                "True" => Some(Expr::Literal(Value::Bool(true))),
                "False" => Some(Expr::Literal(Value::Bool(false))),
                "None" => Some(Expr::Literal(Value::None)),
                _ if self.eat_op("(") => {
                    let mut args = Vec::new();
                    if !self.eat_op(")") {
                        loop {
                            args.push(self.or()?);
                            if self.eat_op(")") {
                                break;
                            }
                            if !self.eat_op(",") {
                                return None;
                            }
                        }
                    }
                    known_function(&name).then_some(Expr::Call(name, args))
                }
                "os.environ" if self.eat_op("[") => {
                    let key = self.or()?;
                    self.eat_op("]").then(|| Expr::Index(name, Box::new(key)))
                }
                _ if name.contains('.') => None,
                _ => Some(Expr::Name(name)),
            },
            Token::Op(_) => None,
        }
    }
}

fn known_function(name: &str) -> bool {
    matches!(name, "int" | "str" | "len" | "os.environ.get" | "os.getenv")
}

/// The `&'static str` of an operator spelled `op`.
fn leak(op: &str) -> &'static str {
    OPERATORS.iter().find(|o| **o == op).copied().unwrap_or("")
}

/// Evaluates `e`; `Err` is Python's exception line (`TypeError: …`).
pub fn eval(
    e: &Expr,
    var: &dyn Fn(&str) -> Option<Value>,
    env: &[(String, String)],
) -> Result<Value, String> {
    let env_get = |key: &str| {
        env.iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| Value::Str(v.clone()))
    };
    Ok(match e {
        Expr::Literal(v) => v.clone(),
        Expr::Name(n) => var(n).ok_or_else(|| format!("NameError: name '{n}' is not defined"))?,
        Expr::Not(inner) => Value::Bool(!eval(inner, var, env)?.truthy()),
        Expr::Negate(inner) => match eval(inner, var, env)? {
            Value::Int(i) => Value::Int(i.wrapping_neg()),
            other => {
                return Err(format!(
                    "TypeError: bad operand type for unary -: '{}'",
                    other.type_name()
                ));
            }
        },
        Expr::Index(_, key) => {
            let key = eval(key, var, env)?.to_str();
            env_get(&key).ok_or_else(|| format!("KeyError: '{key}'"))?
        }
        Expr::Call(name, args) => {
            let values = args
                .iter()
                .map(|a| eval(a, var, env))
                .collect::<Result<Vec<_>, _>>()?;
            call(name, &values, &env_get)?
        }
        Expr::Binary("and", l, r) => {
            let left = eval(l, var, env)?;
            if left.truthy() {
                eval(r, var, env)?
            } else {
                left
            }
        }
        Expr::Binary("or", l, r) => {
            let left = eval(l, var, env)?;
            if left.truthy() {
                left
            } else {
                eval(r, var, env)?
            }
        }
        Expr::Binary(op, l, r) => binary(op, eval(l, var, env)?, eval(r, var, env)?)?,
    })
}

fn call(
    name: &str,
    args: &[Value],
    env_get: &dyn Fn(&str) -> Option<Value>,
) -> Result<Value, String> {
    let first = args.first().cloned().unwrap_or(Value::None);
    match name {
        "int" => match first {
            Value::Int(i) => Ok(Value::Int(i)),
            Value::Bool(b) => Ok(Value::Int(i64::from(b))),
            Value::Str(s) => s.trim().replace('_', "").parse().map(Value::Int).map_err(|_| {
                format!("ValueError: invalid literal for int() with base 10: '{s}'")
            }),
            Value::None => Err(
                "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"
                    .to_string(),
            ),
        },
        "str" => Ok(Value::Str(first.to_str())),
        "len" => match first {
            Value::Str(s) => Ok(Value::Int(s.chars().count() as i64)),
            other => Err(format!(
                "TypeError: object of type '{}' has no len()",
                other.type_name()
            )),
        },
        _ => {
            let key = first.to_str();
            Ok(env_get(&key).unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::None)))
        }
    }
}

fn binary(op: &str, left: Value, right: Value) -> Result<Value, String> {
    let unsupported = |l: &Value, r: &Value| {
        format!(
            "TypeError: unsupported operand type(s) for {op}: '{}' and '{}'",
            l.type_name(),
            r.type_name()
        )
    };
    let as_int = |v: &Value| match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    match op {
        "==" => return Ok(Value::Bool(equal(&left, &right))),
        "!=" => return Ok(Value::Bool(!equal(&left, &right))),
        _ => {}
    }
    if let (Value::Str(a), Value::Str(b)) = (&left, &right) {
        return match op {
            "+" => Ok(Value::Str(format!("{a}{b}"))),
            "<" => Ok(Value::Bool(a < b)),
            "<=" => Ok(Value::Bool(a <= b)),
            ">" => Ok(Value::Bool(a > b)),
            ">=" => Ok(Value::Bool(a >= b)),
            _ => Err(unsupported(&left, &right)),
        };
    }
    let (Some(a), Some(b)) = (as_int(&left), as_int(&right)) else {
        return Err(match op {
            "<" | "<=" | ">" | ">=" => format!(
                "TypeError: '{op}' not supported between instances of '{}' and '{}'",
                left.type_name(),
                right.type_name()
            ),
            _ => unsupported(&left, &right),
        });
    };
    let zero = || "ZeroDivisionError: integer division or modulo by zero".to_string();
    Ok(match op {
        "+" => Value::Int(a.wrapping_add(b)),
        "-" => Value::Int(a.wrapping_sub(b)),
        "*" => Value::Int(a.wrapping_mul(b)),
        "//" if b == 0 => return Err(zero()),
        "//" => {
            let q = a.wrapping_div(b);
            let inexact = a.wrapping_rem(b) != 0;
            Value::Int(q - i64::from(inexact && ((a < 0) != (b < 0))))
        }
        "%" if b == 0 => return Err(zero()),
        "%" => {
            let (a, b) = (i128::from(a), i128::from(b));
            Value::Int((((a % b) + b) % b) as i64)
        }
        "<" => Value::Bool(a < b),
        "<=" => Value::Bool(a <= b),
        ">" => Value::Bool(a > b),
        _ => Value::Bool(a >= b),
    })
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Bool(y)) | (Value::Bool(y), Value::Int(x)) => *x == i64::from(*y),
        _ => a == b,
    }
}
