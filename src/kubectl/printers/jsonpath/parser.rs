//! The template parser of client-go `util/jsonpath/parser.go`, with its error messages.
//! Upstream recurses once per token; this port loops, so long templates cannot overflow the
//! stack.

/// One slice parameter of `[start:end:step]` (`ParamsEntry`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Param {
    /// The value.
    pub value: i64,
    /// Whether it was given.
    pub known: bool,
    /// Whether it was derived (`[i]` means `[i:i+1]`).
    pub derived: bool,
}

/// A template node (`node.go`).
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A sequence of nodes evaluated left to right.
    List(Vec<Node>),
    /// Literal text.
    Text(String),
    /// `.name`
    Field(String),
    /// `[start:end:step]`
    Array([Param; 3]),
    /// `[?(left op right)]`, op `exists` when there is no comparison.
    Filter {
        left: Vec<Node>,
        right: Vec<Node>,
        operator: String,
    },
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// `true` / `false`.
    Bool(bool),
    /// `*`
    Wildcard,
    /// `..`
    Recursive,
    /// `[a,b]`
    Union(Vec<Vec<Node>>),
    /// `range` / `end`.
    Identifier(String),
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    width: usize,
    depth: usize,
}

/// Nesting bound for unions, filters and dict keys (each re-parses its text): far beyond any
/// real template, it keeps hostile input from exhausting the stack.
const MAX_DEPTH: usize = 64;

/// Parses a template: the root list of text and action (`List`) nodes.
pub fn parse(text: &str) -> Result<Vec<Node>, String> {
    parse_at(text, 0)
}

fn parse_at(text: &str, depth: usize) -> Result<Vec<Node>, String> {
    if depth > MAX_DEPTH {
        return Err("template nested too deeply".to_string());
    }
    let mut p = Parser {
        input: text,
        pos: 0,
        start: 0,
        width: 0,
        depth,
    };
    let mut root = Vec::new();
    loop {
        // parseText
        loop {
            if p.input[p.pos..].starts_with('{') {
                break;
            }
            if p.next().is_none() {
                if p.pos > p.start {
                    root.push(Node::Text(p.consume_text().to_string()));
                }
                return Ok(root);
            }
        }
        if p.pos > p.start {
            root.push(Node::Text(p.consume_text().to_string()));
        }
        // parseLeftDelim
        p.pos += 1;
        p.consume_text();
        let mut action = Vec::new();
        p.parse_inside_action(&mut action)?;
        root.push(Node::List(action));
    }
}

/// `parseAction`: parses `{text}` and returns the action's nodes.
fn parse_action(text: &str, depth: usize) -> Result<Vec<Node>, String> {
    let mut root = parse_at(&format!("{{{text}}}"), depth + 1)?;
    match root.drain(..).next() {
        Some(Node::List(nodes)) => Ok(nodes),
        _ => Ok(Vec::new()),
    }
}

impl Parser<'_> {
    fn next(&mut self) -> Option<char> {
        match self.input[self.pos..].chars().next() {
            None => {
                self.width = 0;
                None
            }
            Some(c) => {
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
        }
    }

    fn peek(&mut self) -> Option<char> {
        let r = self.next();
        self.backup();
        r
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    fn consume_text(&mut self) -> &str {
        let value = &self.input[self.start..self.pos];
        self.start = self.pos;
        value
    }

    fn byte_before(&self, back: usize) -> Option<u8> {
        self.pos
            .checked_sub(back)
            .and_then(|i| self.input.as_bytes().get(i).copied())
    }

    /// `parseInsideAction` until the closing `}`.
    fn parse_inside_action(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            let rest = &self.input[self.pos..];
            if rest.starts_with('}') {
                self.pos += 1;
                self.consume_text();
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if rest.starts_with("..") {
                if matches!(cur.last(), Some(Node::Recursive)) {
                    return Err("invalid multiple recursive descent".to_string());
                }
                self.pos += 2;
                self.consume_text();
                cur.push(Node::Recursive);
                if self.peek().is_some_and(is_alphanumeric) {
                    self.parse_field(cur);
                }
                continue;
            }
            match self.next() {
                None | Some('\r' | '\n') => return Err("unclosed action".to_string()),
                Some(' ' | '@' | '$') => {
                    self.consume_text();
                }
                Some('[') => self.parse_array(cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(cur, q)?,
                Some('.') => self.parse_field(cur),
                Some(c) if c == '+' || c == '-' || c.is_ascii_digit() => {
                    self.backup();
                    self.parse_number(cur)?;
                }
                Some(c) if is_alphanumeric(c) => {
                    self.backup();
                    self.parse_identifier(cur);
                }
                Some(c) => {
                    return Err(format!(
                        "unrecognized character in action: {}",
                        go_unicode_format(c)
                    ));
                }
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        loop {
            match self.next() {
                Some(c) if !is_terminator(Some(c)) => {}
                other => {
                    if other.is_some() {
                        self.backup();
                    }
                    break;
                }
            }
        }
        let value = self.consume_text().to_string();
        cur.push(match value.as_str() {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            _ => Node::Identifier(value),
        });
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            match self.next() {
                Some(c) if c == '.' || c.is_ascii_digit() => {}
                other => {
                    if other.is_some() {
                        self.backup();
                    }
                    break;
                }
            }
        }
        let value = self.consume_text().to_string();
        if let Ok(i) = value.parse::<i64>() {
            cur.push(Node::Int(i));
        } else if let Ok(f) = value.parse::<f64>() {
            cur.push(Node::Float(f));
        } else {
            return Err(format!("cannot parse number {value}"));
        }
        Ok(())
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".to_string()),
                Some(']') => break,
                _ => {}
            }
        }
        let consumed = self.consume_text();
        let mut text = consumed[1..consumed.len() - 1].to_string();
        if text == "*" {
            text = ":".to_string();
        }
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let mut union = Vec::new();
            for part in parts {
                union.push(parse_action(
                    &format!("[{}]", part.trim_matches(' ')),
                    self.depth,
                )?);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        if text.len() >= 2
            && text.starts_with('\'')
            && text.ends_with('\'')
            && !text[1..text.len() - 1].contains('\'')
        {
            cur.extend(parse_action(
                &format!(".{}", &text[1..text.len() - 1]),
                self.depth,
            )?);
            return Ok(());
        }
        let groups = slice_groups(&text).ok_or_else(|| format!("invalid array index {text}"))?;
        let mut params = [Param::default(); 3];
        for i in 0..3 {
            let mut group = groups[i];
            if !group.is_empty() {
                if i > 0 {
                    group = &group[1..];
                }
                if i > 0 && group.is_empty() {
                    params[i].known = false;
                } else {
                    params[i].known = true;
                    params[i].value = group
                        .parse::<i64>()
                        .map_err(|_| format!("array index {group} is not a number"))?;
                }
            } else if i == 1 {
                params[i] = Param {
                    value: params[0].value.saturating_add(1),
                    known: true,
                    derived: true,
                };
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.pos += 3;
        self.consume_text();
        let (mut begin, mut end) = (false, false);
        let mut pair = '"';
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".to_string()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    if self.byte_before(2) != Some(b'\\') && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".to_string());
        }
        let consumed = self.consume_text();
        let text = consumed[..consumed.len() - 2].to_string();
        match split_filter(&text) {
            None => cur.push(Node::Filter {
                left: parse_action(&text, self.depth)?,
                right: Vec::new(),
                operator: "exists".to_string(),
            }),
            Some((left, op, right)) => cur.push(Node::Filter {
                left: parse_action(left, self.depth)?,
                right: parse_action(right, self.depth)?,
                operator: op.to_string(),
            }),
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".to_string()),
                Some(c) if c == end && self.byte_before(2) != Some(b'\\') => break,
                _ => {}
            }
        }
        let value = self.consume_text().to_string();
        let text =
            unquote_extend(&value).map_err(|e| format!("unquote string {value} error {e}"))?;
        cur.push(Node::Text(text));
        Ok(())
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume_text();
        loop {
            match self.next() {
                Some('\\') => {
                    self.next();
                }
                c if is_terminator(c) => {
                    if c.is_some() {
                        self.backup();
                    }
                    break;
                }
                _ => {}
            }
        }
        let value = self.consume_text();
        if value == "*" {
            cur.push(Node::Wildcard);
        } else {
            cur.push(Node::Field(value.replace('\\', "")));
        }
    }
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$` as three groups (empty when absent).
fn slice_groups(text: &str) -> Option<[&str; 3]> {
    let mut groups = [""; 3];
    let mut rest = text;
    for (i, group) in groups.iter_mut().enumerate() {
        let colon = usize::from(i > 0);
        if i > 0 && !rest.starts_with(':') {
            break;
        }
        let body = &rest[colon..];
        let sign = usize::from(body.starts_with('-'));
        let digits = body[sign..].bytes().take_while(u8::is_ascii_digit).count();
        let len = colon + sign + digits;
        *group = &rest[..len];
        rest = &rest[len..];
    }
    if rest.is_empty() { Some(groups) } else { None }
}

/// `^([^!<>=]+)([!<>=]+)(.+?)$` on a filter body.
fn split_filter(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: char| matches!(c, '!' | '<' | '>' | '=');
    let left_end = text.find(is_op)?;
    if left_end == 0 {
        return None;
    }
    let after = &text[left_end..];
    let mut op_len = after.find(|c: char| !is_op(c)).unwrap_or(after.len());
    if op_len == after.len() {
        if op_len < 2 {
            return None;
        }
        op_len -= 1;
    }
    Some((&text[..left_end], &after[..op_len], &after[op_len..]))
}

fn is_terminator(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
        ),
    }
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || c.is_numeric()
}

/// Go's `%#U`: `U+0026 '&'`.
fn go_unicode_format(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

/// `UnquoteExtend`: `strconv.Unquote` that also accepts single-quoted strings.
fn unquote_extend(s: &str) -> Result<String, &'static str> {
    let quote = s.chars().next().ok_or("invalid syntax")?;
    if s.len() < 2 || !s.ends_with(quote) || (quote != '"' && quote != '\'') {
        return Err("invalid syntax");
    }
    let body = &s[1..s.len() - 1];
    let mut out = String::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == quote {
            return Err("invalid syntax");
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let e = chars.next().ok_or("invalid syntax")?;
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
                   n: usize|
         -> Result<u32, &'static str> {
            let mut v = 0u32;
            for _ in 0..n {
                let d = chars
                    .next()
                    .and_then(|c| c.to_digit(16))
                    .ok_or("invalid syntax")?;
                v = v * 16 + d;
            }
            Ok(v)
        };
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            q if q == quote => out.push(q),
            'x' => out.push(char::from_u32(hex(&mut chars, 2)?).ok_or("invalid syntax")?),
            'u' => out.push(char::from_u32(hex(&mut chars, 4)?).ok_or("invalid syntax")?),
            'U' => out.push(char::from_u32(hex(&mut chars, 8)?).ok_or("invalid syntax")?),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    v = v * 8
                        + chars
                            .next()
                            .and_then(|c| c.to_digit(8))
                            .ok_or("invalid syntax")?;
                }
                out.push(
                    char::from_u32(v)
                        .filter(|_| v <= 255)
                        .ok_or("invalid syntax")?,
                );
            }
            _ => return Err("invalid syntax"),
        }
    }
    Ok(out)
}
