//! Script parsing with brush-parser: a memo of compiled programs (pure, so caching cannot
//! change results), input bounds that keep the recursive parser within its stack, and ash's
//! line-by-line behaviour on syntax errors (commands before the error still run).

use std::cell::RefCell;
use std::rc::Rc;

use crate::shell::ir::{self, CompileError, List};

/// Scripts longer than this are rejected before parsing.
pub const MAX_SCRIPT_BYTES: usize = 256 * 1024;
/// Deeper bracket/keyword nesting is rejected before parsing (brush-parser recurses per level).
pub const MAX_NESTING: usize = 48;

/// A parsed script: what runs, and the syntax error (if any) met after it.
#[derive(Debug, Clone)]
pub struct Script {
    pub list: Rc<List>,
    pub error: Option<CompileError>,
}

/// A memo entry: source text and what it compiled to.
type Compiled = (Rc<str>, Result<Rc<List>, CompileError>);

thread_local! {
    static CACHE: RefCell<Vec<Compiled>> = const { RefCell::new(Vec::new()) };
}

const CACHE_ENTRIES: usize = 64;

/// Rough nesting depth of a script: brackets, quotes and compound keywords.
fn nesting(src: &str) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
    for b in src.bytes() {
        match b {
            b'(' | b'{' | b'[' | b'`' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let keywords = src
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| matches!(*w, "if" | "while" | "until" | "for" | "case"))
        .count();
    max.max(keywords.min(max + keywords / 4))
}

/// Inputs brush-parser 0.4 would panic on (it unwraps integer parses): a file-descriptor
/// number that overflows `i32` before `<`/`>`, and `~N` directory-stack numbers past `usize`.
fn overflowing_numbers(src: &str) -> Option<&'static str> {
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let len = i - start;
            if len >= 10 && matches!(b.get(i), Some(b'<' | b'>')) {
                return Some("syntax error: bad fd number");
            }
            let mut t = start;
            if t > 0 && matches!(b[t - 1], b'+' | b'-') {
                t -= 1;
            }
            if len >= 19 && t > 0 && b[t - 1] == b'~' {
                return Some("syntax error: bad tilde expansion");
            }
            continue;
        }
        i += 1;
    }
    None
}

fn check_bounds(src: &str) -> Result<(), CompileError> {
    if let Some(message) = overflowing_numbers(src) {
        return Err(CompileError {
            line: 1,
            message: message.to_owned(),
        });
    }
    if src.len() > MAX_SCRIPT_BYTES {
        return Err(CompileError {
            line: 1,
            message: format!("jobsim limit: script longer than {MAX_SCRIPT_BYTES} bytes"),
        });
    }
    if nesting(src) > MAX_NESTING {
        return Err(CompileError {
            line: 1,
            message: format!("jobsim limit: script nested deeper than {MAX_NESTING} levels"),
        });
    }
    Ok(())
}

fn parse_error_line(e: &brush_parser::ParseError, src: &str) -> u32 {
    let line = match e {
        brush_parser::ParseError::ParsingNear(p) => p.line,
        brush_parser::ParseError::Tokenizing {
            position: Some(p), ..
        } => p.line,
        _ => src.lines().count().max(1),
    };
    u32::try_from(line).unwrap_or(u32::MAX)
}

fn compile_uncached(src: &str) -> Result<Rc<List>, CompileError> {
    check_bounds(src)?;
    let mut parser = brush_parser::Parser::new(std::io::Cursor::new(src), &ir::parser_options());
    match parser.parse_program() {
        Ok(p) => ir::compile_program(&p).map(Rc::new),
        Err(e) => Err(CompileError {
            line: parse_error_line(&e, src),
            message: ir::syntax_message(&e, src),
        }),
    }
}

/// Parses and compiles `src`, memoized.
pub fn compile_cached(src: &str) -> Result<Rc<List>, CompileError> {
    if let Some(hit) = CACHE.with(|c| {
        c.borrow()
            .iter()
            .find(|(k, _)| &**k == src)
            .map(|(_, v)| v.clone())
    }) {
        return hit;
    }
    let result = compile_uncached(src);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_ENTRIES {
            drop(c.remove(0));
        }
        c.push((Rc::from(src), result.clone()));
    });
    result
}

/// Parses a whole script. On a syntax error, the longest prefix of whole lines that parses
/// runs first, as ash (which reads one command at a time) would run it.
pub fn parse_script(src: &str) -> Script {
    match compile_cached(src) {
        Ok(list) => Script { list, error: None },
        Err(error) => {
            if error.message.starts_with("jobsim limit")
                || error.message.starts_with("syntax error: bad")
            {
                return Script {
                    list: Rc::new(Vec::new()),
                    error: Some(error),
                };
            }
            let lines: Vec<&str> = src.split_inclusive('\n').collect();
            let mut end = (error.line as usize).saturating_sub(1).min(lines.len());
            let mut tries = 0;
            while end > 0 && tries < 16 {
                let prefix: String = lines[..end].concat();
                if let Ok(list) = compile_uncached(&prefix) {
                    return Script {
                        list,
                        error: Some(error),
                    };
                }
                end -= 1;
                tries += 1;
            }
            Script {
                list: Rc::new(Vec::new()),
                error: Some(error),
            }
        }
    }
}
