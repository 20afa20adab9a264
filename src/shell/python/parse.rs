//! Statements of the Python subset, grouped into blocks by indentation. A line outside the
//! subset makes the whole script unsupported (`None`).

use super::expr::{Expr, parse, split_top_level, top_level};

/// One statement (`line` is 1-based, for tracebacks).
#[derive(Debug, PartialEq, Eq)]
pub enum Statement {
    Pass,
    Print {
        line: usize,
        args: Vec<Expr>,
    },
    Assign {
        line: usize,
        name: String,
        value: Expr,
    },
    Exit {
        line: usize,
        value: Option<Expr>,
    },
    /// `if`/`elif` branches in order, then the `else` block (empty if none).
    If {
        branches: Vec<(usize, Expr, Vec<Statement>)>,
        otherwise: Vec<Statement>,
    },
}

struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

/// Modules a script may import (their functions are the ones [`super::expr`] knows).
const MODULES: &[&str] = &["os", "sys"];

/// The statements of `script`, or `None` when something is outside the subset.
pub fn parse_program(script: &str) -> Option<Vec<Statement>> {
    let lines: Vec<Line<'_>> = script
        .lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let text = strip_comment(raw).trim_end();
            let trimmed = text.trim_start();
            (!trimmed.is_empty()).then(|| Line {
                number: i + 1,
                indent: text.len() - trimmed.len(),
                text: trimmed,
            })
        })
        .collect();
    let mut at = 0;
    let first_indent = lines.first().map_or(0, |l| l.indent);
    let program = block(&lines, &mut at, first_indent, 0)?;
    (at == lines.len()).then_some(program)
}

fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// How deeply blocks may nest (the parser recurses).
const MAX_NESTING: usize = 64;

fn block(
    lines: &[Line<'_>],
    at: &mut usize,
    indent: usize,
    depth: usize,
) -> Option<Vec<Statement>> {
    if depth > MAX_NESTING {
        return None;
    }
    let mut statements = Vec::new();
    while let Some(line) = lines.get(*at) {
        if line.indent < indent {
            break;
        }
        if line.indent > indent {
            return None;
        }
        if line.text.starts_with("elif ") || line.text.starts_with("else") {
            break;
        }
        *at += 1;
        if let Some(condition) = line.text.strip_prefix("if ") {
            statements.push(if_statement(lines, at, (indent, depth), line, condition)?);
        } else {
            statements.extend(simple(line.number, line.text)?);
        }
    }
    Some(statements)
}

/// The body after `header:` — on the same line, or the indented lines that follow.
fn body(
    lines: &[Line<'_>],
    at: &mut usize,
    (indent, depth): (usize, usize),
    number: usize,
    rest: &str,
) -> Option<Vec<Statement>> {
    if !rest.trim().is_empty() {
        return simple(number, rest.trim());
    }
    let inner = lines.get(*at).filter(|l| l.indent > indent)?.indent;
    block(lines, at, inner, depth + 1)
}

/// `if … :` with its `elif`/`else` branches; `level` is the `if`'s indentation and nesting.
fn if_statement(
    lines: &[Line<'_>],
    at: &mut usize,
    level: (usize, usize),
    line: &Line<'_>,
    condition: &str,
) -> Option<Statement> {
    let indent = level.0;
    let (condition, rest) = split_header(condition)?;
    let mut branches = vec![(
        line.number,
        parse(condition)?,
        body(lines, at, level, line.number, rest)?,
    )];
    let mut otherwise = Vec::new();
    while let Some(next) = lines.get(*at).filter(|l| l.indent == indent) {
        if let Some(condition) = next.text.strip_prefix("elif ") {
            *at += 1;
            let (condition, rest) = split_header(condition)?;
            branches.push((
                next.number,
                parse(condition)?,
                body(lines, at, level, next.number, rest)?,
            ));
        } else if let Some(rest) = next.text.strip_prefix("else") {
            *at += 1;
            let rest = rest.trim_start().strip_prefix(':')?;
            otherwise = body(lines, at, level, next.number, rest)?;
            break;
        } else {
            break;
        }
    }
    Some(Statement::If {
        branches,
        otherwise,
    })
}

/// `cond: rest` → (`cond`, `rest`), at the first `:` outside quotes and brackets.
fn split_header(text: &str) -> Option<(&str, &str)> {
    let at = *top_level(text, ':').first()?;
    Some((&text[..at], &text[at + 1..]))
}

/// A line of simple statements (`;`-separated).
fn simple(number: usize, text: &str) -> Option<Vec<Statement>> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| one_simple(number, s))
        .collect()
}

fn one_simple(line: usize, text: &str) -> Option<Statement> {
    if text == "pass" {
        return Some(Statement::Pass);
    }
    if let Some(modules) = text.strip_prefix("import ") {
        return modules
            .split(',')
            .all(|m| MODULES.contains(&m.trim()))
            .then_some(Statement::Pass);
    }
    if let Some(args) = call_args(text, "print") {
        let args = if args.trim().is_empty() {
            Vec::new()
        } else {
            split_top_level(args)
                .into_iter()
                .map(|a| {
                    (!a.contains('=') || a.contains("=="))
                        .then(|| parse(a))
                        .flatten()
                })
                .collect::<Option<Vec<_>>>()?
        };
        return Some(Statement::Print { line, args });
    }
    for exit in ["sys.exit", "exit", "quit"] {
        if let Some(arg) = call_args(text, exit) {
            let value = if arg.trim().is_empty() {
                None
            } else {
                Some(parse(arg)?)
            };
            return Some(Statement::Exit { line, value });
        }
    }
    let (name, value) = text.split_once('=')?;
    let name = name.trim();
    let is_name = !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !is_name || value.starts_with('=') {
        return None;
    }
    Some(Statement::Assign {
        line,
        name: name.to_string(),
        value: parse(value)?,
    })
}

/// The text between the parentheses of `name(…)` when `text` is exactly that call.
fn call_args<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.strip_prefix(name)?
        .trim_start()
        .strip_prefix('(')?
        .strip_suffix(')')
}
