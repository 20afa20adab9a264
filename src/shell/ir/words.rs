//! Compiling shell words (quotes, parameter expansions, command substitutions, arithmetic)
//! into [`super::Word`] pieces, and ash's syntax error wording.

use std::rc::Rc;

use super::*;

pub(crate) fn literal_word(s: &str) -> Word {
    Word {
        parts: vec![Part::Lit {
            text: s.to_owned(),
            quoted: true,
        }],
        literal: Some(Rc::from(s)),
    }
}

pub(crate) fn quoted_word(s: &str) -> Word {
    Word {
        parts: vec![Part::Lit {
            text: s.to_owned(),
            quoted: true,
        }],
        literal: Some(Rc::from(s)),
    }
}

/// Compiles a shell word (with quotes and expansions).
pub fn compile_word(src: &str) -> Result<Word> {
    let pieces = brush_parser::word::parse(src, &parser_options()).map_err(|e| CompileError {
        line: 0,
        message: format!("syntax error: {e}"),
    })?;
    let mut parts = Vec::new();
    for p in pieces {
        compile_piece(p.piece, false, &mut parts)?;
    }
    Ok(finish_word(parts))
}

/// Compiles a here-document body: expansions, but quotes are literal.
pub fn compile_heredoc(src: &str) -> Result<Word> {
    let pieces =
        brush_parser::word::parse_heredoc(src, &parser_options()).map_err(|e| CompileError {
            line: 0,
            message: format!("syntax error: {e}"),
        })?;
    let mut parts = Vec::new();
    for p in pieces {
        compile_piece(p.piece, true, &mut parts)?;
    }
    Ok(finish_word(parts))
}

pub(crate) fn finish_word(parts: Vec<Part>) -> Word {
    let mut literal = String::new();
    let mut is_literal = true;
    for p in &parts {
        match p {
            Part::Lit { text, quoted } => {
                if !quoted && text.contains(['*', '?', '[']) {
                    is_literal = false;
                }
                literal.push_str(text);
            }
            _ => is_literal = false,
        }
    }
    // An unquoted empty word (no parts) expands to no field, so it is not a literal.
    let literal = (is_literal && !parts.is_empty()).then(|| Rc::from(literal.as_str()));
    Word { parts, literal }
}

pub(crate) fn push_lit(parts: &mut Vec<Part>, s: &str, quoted: bool) {
    if let Some(Part::Lit { text, quoted: q }) = parts.last_mut()
        && *q == quoted
    {
        text.push_str(s);
        return;
    }
    parts.push(Part::Lit {
        text: s.to_owned(),
        quoted,
    });
}

pub(crate) fn compile_piece(
    piece: brush_parser::word::WordPiece,
    quoted: bool,
    parts: &mut Vec<Part>,
) -> Result<()> {
    use brush_parser::word::WordPiece as W;
    match piece {
        W::Text(t) => push_lit(parts, &t, quoted),
        W::SingleQuotedText(t) => push_lit(parts, &t, true),
        W::AnsiCQuotedText(t) => push_lit(parts, &ansi_c(&t), true),
        W::DoubleQuotedSequence(seq) | W::GettextDoubleQuotedSequence(seq) => {
            // `""` must still produce an (empty) field.
            push_lit(parts, "", true);
            for p in seq {
                compile_piece(p.piece, true, parts)?;
            }
        }
        W::TildeExpansion(t) => match t {
            brush_parser::word::TildeExpr::Home => parts.push(Part::Tilde),
            other => push_lit(parts, &format!("~{}", tilde_text(&other)), quoted),
        },
        W::ParameterExpansion(p) => {
            parts.push(Part::Param {
                expr: Box::new(compile_param(p)?),
                quoted,
            });
        }
        W::CommandSubstitution(src) | W::BackquotedCommandSubstitution(src) => {
            let list = compile_source(&src)?;
            parts.push(Part::CmdSub {
                list: Rc::new(list),
                quoted,
            });
        }
        W::EscapeSequence(s) => {
            // `\x` outside quotes is a quoted x; inside double quotes the backslash stays unless
            // it escapes one of $ ` " \ newline (the parser already dropped it in that case).
            let text = s.strip_prefix('\\').unwrap_or(&s);
            if quoted && !s.starts_with('\\') {
                push_lit(parts, &s, true);
            } else if text == "\n" {
                // line continuation
            } else {
                push_lit(parts, text, true);
            }
        }
        W::ArithmeticExpression(e) => {
            parts.push(Part::Arith {
                expr: Rc::new(compile_arith(&e.value)?),
                quoted,
            });
        }
    }
    Ok(())
}

pub(crate) fn tilde_text(t: &brush_parser::word::TildeExpr) -> String {
    use brush_parser::word::TildeExpr as T;
    match t {
        T::Home => String::new(),
        T::UserHome(u) => u.clone(),
        T::WorkingDir => "+".into(),
        T::OldWorkingDir => "-".into(),
        T::NthDirFromTopOfDirStack { n, plus_used } => {
            format!("{}{n}", if *plus_used { "+" } else { "" })
        }
        T::NthDirFromBottomOfDirStack { n } => format!("-{n}"),
    }
}

pub(crate) fn ansi_c(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('e') | Some('E') => out.push('\u{1b}'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('"') => out.push('"'),
            Some('a') => out.push('\u{7}'),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Parses and compiles a nested program (command substitution text).
pub fn compile_source(src: &str) -> Result<List> {
    let mut parser = brush_parser::Parser::new(std::io::Cursor::new(src), &parser_options());
    match parser.parse_program() {
        Ok(p) => compile_program(&p),
        Err(e) => Err(CompileError {
            line: 0,
            message: syntax_message(&e, src),
        }),
    }
}

/// ash's wording for a syntax error (`shell/ash.c` `raise_error_unexpected_syntax`): the
/// unexpected token, keywords in quotes, or `end of file`.
pub(crate) fn syntax_message(e: &brush_parser::ParseError, src: &str) -> String {
    match e {
        brush_parser::ParseError::ParsingAtEndOfInput => {
            "syntax error: unexpected end of file".into()
        }
        brush_parser::ParseError::ParsingNear(p) => {
            // brush-parser reports the end of the last token it read when the next one does not
            // fit; ash names the offending token, so step back over blanks to it.
            let mut start = p.index.min(src.len());
            while !src.is_char_boundary(start) {
                start -= 1;
            }
            if src[start..].chars().next().is_none_or(char::is_whitespace) {
                let before = src[..start].trim_end_matches([' ', '\t', '\n']);
                start = before
                    .rfind(|c: char| c.is_whitespace() || ";&|()<>".contains(c))
                    .map_or(0, |i| if i + 1 < before.len() { i + 1 } else { i });
            }
            let rest = src.get(start..).unwrap_or("");
            let token: String = if rest.starts_with(";;") {
                ";;".into()
            } else if rest.starts_with(|c: char| "();&|<>".contains(c)) {
                rest.chars().take(1).collect()
            } else {
                rest.chars()
                    .take_while(|c| !c.is_whitespace() && !";&|()<>".contains(*c))
                    .collect()
            };
            const KEYWORDS: [&str; 16] = [
                "if", "then", "else", "elif", "fi", "for", "in", "do", "done", "while", "until",
                "case", "esac", "{", "}", "!",
            ];
            if token.is_empty() || rest.starts_with('\n') {
                "syntax error: unexpected newline".into()
            } else if KEYWORDS.contains(&token.as_str()) {
                format!("syntax error: unexpected \"{token}\"")
            } else {
                format!("syntax error: unexpected {token}")
            }
        }
        brush_parser::ParseError::Tokenizing { inner, .. } => {
            let text = inner.to_string();
            if text.contains("unterminated") {
                "syntax error: unterminated quoted string".into()
            } else {
                format!("syntax error: {text}")
            }
        }
    }
}

pub(crate) fn opt_word(s: Option<String>) -> Result<Word> {
    s.map_or_else(|| Ok(Word::default()), |s| compile_word(&s))
}

pub(crate) fn compile_param(p: brush_parser::word::ParameterExpr) -> Result<ParamExpr> {
    use brush_parser::word::{ParameterExpr as P, ParameterTestType as T, SubstringMatchKind as M};
    let colon = |t: &T| matches!(t, T::UnsetOrNull);
    let (param, op) = match p {
        P::Parameter {
            parameter,
            indirect,
        } => (
            parameter,
            if indirect {
                ParamOp::Bad
            } else {
                ParamOp::Plain
            },
        ),
        P::ParameterLength { parameter, .. } => (parameter, ParamOp::Length),
        P::UseDefaultValues {
            parameter,
            test_type,
            default_value,
            ..
        } => (
            parameter,
            ParamOp::Default {
                word: opt_word(default_value)?,
                colon: colon(&test_type),
            },
        ),
        P::AssignDefaultValues {
            parameter,
            test_type,
            default_value,
            ..
        } => (
            parameter,
            ParamOp::Assign {
                word: opt_word(default_value)?,
                colon: colon(&test_type),
            },
        ),
        P::UseAlternativeValue {
            parameter,
            test_type,
            alternative_value,
            ..
        } => (
            parameter,
            ParamOp::Alternative {
                word: opt_word(alternative_value)?,
                colon: colon(&test_type),
            },
        ),
        P::IndicateErrorIfNullOrUnset {
            parameter,
            test_type,
            error_message,
            ..
        } => (
            parameter,
            ParamOp::Error {
                word: error_message.map(|m| compile_word(&m)).transpose()?,
                colon: colon(&test_type),
            },
        ),
        P::RemoveSmallestPrefixPattern {
            parameter, pattern, ..
        } => (
            parameter,
            ParamOp::TrimPrefix {
                pattern: opt_word(pattern)?,
                longest: false,
            },
        ),
        P::RemoveLargestPrefixPattern {
            parameter, pattern, ..
        } => (
            parameter,
            ParamOp::TrimPrefix {
                pattern: opt_word(pattern)?,
                longest: true,
            },
        ),
        P::RemoveSmallestSuffixPattern {
            parameter, pattern, ..
        } => (
            parameter,
            ParamOp::TrimSuffix {
                pattern: opt_word(pattern)?,
                longest: false,
            },
        ),
        P::RemoveLargestSuffixPattern {
            parameter, pattern, ..
        } => (
            parameter,
            ParamOp::TrimSuffix {
                pattern: opt_word(pattern)?,
                longest: true,
            },
        ),
        P::Substring {
            parameter,
            offset,
            length,
            ..
        } => (
            parameter,
            ParamOp::Substring {
                offset: Rc::new(compile_arith(&offset.value)?),
                length: length
                    .map(|l| compile_arith(&l.value).map(Rc::new))
                    .transpose()?,
            },
        ),
        P::ReplaceSubstring {
            parameter,
            pattern,
            replacement,
            match_kind,
            ..
        } => (
            parameter,
            ParamOp::Replace {
                pattern: compile_word(&pattern)?,
                replacement: opt_word(replacement)?,
                mode: match match_kind {
                    M::Prefix => ReplaceMode::Prefix,
                    M::Suffix => ReplaceMode::Suffix,
                    M::FirstOccurrence => ReplaceMode::First,
                    M::Anywhere => ReplaceMode::All,
                },
            },
        ),
        P::Transform { parameter, .. }
        | P::UppercaseFirstChar { parameter, .. }
        | P::UppercasePattern { parameter, .. }
        | P::LowercaseFirstChar { parameter, .. }
        | P::LowercasePattern { parameter, .. } => (parameter, ParamOp::Bad),
        P::VariableNames { .. } | P::MemberKeys { .. } => (
            brush_parser::word::Parameter::Named(String::new()),
            ParamOp::Bad,
        ),
    };
    Ok(ParamExpr {
        param: compile_param_name(param),
        op,
    })
}

pub(crate) fn compile_param_name(p: brush_parser::word::Parameter) -> Param {
    use brush_parser::word::{Parameter as P, SpecialParameter as S};
    match p {
        P::Positional(n) => Param::Positional(n),
        P::Named(n) => Param::Named(Rc::from(n.as_str())),
        P::NamedWithIndex { name, index } => Param::Element(
            Rc::from(name.as_str()),
            Rc::new(super::compile::compile_arith(&index).unwrap_or(Arith::Invalid)),
        ),
        P::NamedWithAllIndices { name, concatenate } => {
            Param::Elements(Rc::from(name.as_str()), concatenate)
        }
        P::Special(s) => Param::Special(match s {
            S::AllPositionalParameters { concatenate: true } => '*',
            S::AllPositionalParameters { concatenate: false } => '@',
            S::PositionalParameterCount => '#',
            S::LastExitStatus => '?',
            S::CurrentOptionFlags => '-',
            S::ProcessId => '$',
            S::LastBackgroundProcessId => '!',
            S::ShellName => '0',
        }),
    }
}
