//! Tokens of an awk program.

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Num(f64),
    Str(String),
    Regex(String),
    Name(String),
    /// A name directly followed by `(`: a function call.
    Func(String),
    Sym(&'static str),
    Newline,
}

const SYMS: [&str; 38] = [
    "&&", "||", "==", "!=", "<=", ">=", "++", "--", "+=", "-=", "*=", "/=", "%=", "^=", "!~", ">>",
    "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*", "/", "%", "^", "!", ">", "<", "~", "?",
    ":", "=", "$",
];

/// Whether a `/` after this token starts a regex (not a division).
fn regex_allowed(prev: Option<&Tok>) -> bool {
    match prev {
        None | Some(Tok::Newline) => true,
        Some(Tok::Sym(s)) => !matches!(*s, ")" | "]" | "$" | "++" | "--"),
        Some(Tok::Name(n)) => n == "print" || n == "printf",
        _ => false,
    }
}

pub fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'\n') {
            i += 2;
            continue;
        }
        if c == ' ' || c == '\t' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '\n' {
            toks.push(Tok::Newline);
            i += 1;
            continue;
        }
        if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                let Some(&d) = chars.get(i) else {
                    return Err("unterminated string".into());
                };
                i += 1;
                match d {
                    '"' => break,
                    '\\' => {
                        let e = chars.get(i).copied().unwrap_or('\\');
                        i += 1;
                        let ch = match e {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            '"' => '"',
                            '\\' => '\\',
                            '/' => '/',
                            other => {
                                s.push('\\');
                                other
                            }
                        };
                        s.push(ch);
                    }
                    other => s.push(other),
                }
            }
            toks.push(Tok::Str(s));
            continue;
        }
        if c == '/' && regex_allowed(toks.last()) {
            let mut s = String::new();
            i += 1;
            loop {
                let Some(&d) = chars.get(i) else {
                    return Err("unterminated regexp".into());
                };
                i += 1;
                match d {
                    '/' => break,
                    '\\' if chars.get(i) == Some(&'/') => {
                        s.push('/');
                        i += 1;
                    }
                    '\\' => {
                        s.push('\\');
                        if let Some(&e) = chars.get(i) {
                            s.push(e);
                            i += 1;
                        }
                    }
                    other => s.push(other),
                }
            }
            toks.push(Tok::Regex(s));
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
                let save = i;
                i += 1;
                if i < chars.len() && (chars[i] == '+' || chars[i] == '-') {
                    i += 1;
                }
                if i < chars.len() && chars[i].is_ascii_digit() {
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                } else {
                    i = save;
                }
            }
            let text: String = chars[start..i].iter().collect();
            toks.push(Tok::Num(
                text.parse().map_err(|_| format!("bad number {text}"))?,
            ));
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            toks.push(if chars.get(i) == Some(&'(') {
                Tok::Func(name)
            } else {
                Tok::Name(name)
            });
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        match SYMS.iter().find(|s| rest.starts_with(**s)) {
            Some(s) => {
                toks.push(Tok::Sym(s));
                i += s.chars().count();
            }
            None => return Err(format!("syntax error at '{c}'")),
        }
    }
    Ok(toks)
}
