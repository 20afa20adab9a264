//! The interpreter's own program form: brush-parser's AST compiled once into a compact tree
//! whose words are already split into pieces, so a cached program runs without re-parsing.

use std::rc::Rc;

use brush_parser::ast;

/// A sequence of commands (`a; b & c`).
pub type List = Vec<Item>;

/// One `&&`/`||` chain and whether it runs in the background (`&`).
#[derive(Debug, Clone)]
pub struct Item {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
    pub background: bool,
}

/// `&&` or `||`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connector {
    And,
    Or,
}

/// `[!] cmd | cmd | ...`.
#[derive(Debug, Clone)]
pub struct Pipeline {
    pub bang: bool,
    pub cmds: Vec<Cmd>,
}

/// One command of a pipeline.
#[derive(Debug, Clone)]
pub enum Cmd {
    Simple(Simple),
    Compound(Box<Compound>, Vec<Redir>),
    FuncDef(Rc<str>, Rc<Func>),
}

/// A function body with its own redirections.
#[derive(Debug, Clone)]
pub struct Func {
    pub body: Compound,
    pub redirs: Vec<Redir>,
}

/// `VAR=x cmd args >redir`.
#[derive(Debug, Clone)]
pub struct Simple {
    pub assigns: Vec<(Rc<str>, Word)>,
    pub words: Vec<Word>,
    pub redirs: Vec<Redir>,
    pub line: u32,
    /// What a literal command name is, looked up once at compile time.
    pub hint: Hint,
    /// The arguments, when every word is a literal (no expansion to do at run time).
    pub literal_argv: Option<Vec<String>>,
}

/// The compile-time lookup of a literal command name (functions still win at run time).
#[derive(Debug, Clone, Copy, Default)]
pub enum Hint {
    /// Not a literal name: look it up when it runs.
    #[default]
    Dynamic,
    Builtin(crate::shell::builtins::Kind),
    Applet(crate::shell::applets::Applet),
    /// Neither a builtin nor an applet (a shell, a path, an external program).
    Other,
}

fn hint_for(name: &str) -> Hint {
    if let Some(k) = crate::shell::builtins::kind(name) {
        return Hint::Builtin(k);
    }
    if name.contains('/') {
        return Hint::Other;
    }
    crate::shell::applets::find(name).map_or(Hint::Other, Hint::Applet)
}

/// Compound commands.
#[derive(Debug, Clone)]
pub enum Compound {
    Brace(List),
    Subshell(List),
    For {
        var: Rc<str>,
        words: Option<Vec<Word>>,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<CaseArm>,
    },
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    While {
        cond: List,
        body: List,
        until: bool,
    },
    Arith(Arith),
    ArithFor {
        init: Option<Arith>,
        cond: Option<Arith>,
        step: Option<Arith>,
        body: List,
    },
    Test(TestExpr),
}

/// One `pattern) list ;;` arm.
#[derive(Debug, Clone)]
pub struct CaseArm {
    pub patterns: Vec<Word>,
    pub body: List,
    pub fallthrough: bool,
}

/// `[[ ... ]]` expressions.
#[derive(Debug, Clone)]
pub enum TestExpr {
    And(Box<TestExpr>, Box<TestExpr>),
    Or(Box<TestExpr>, Box<TestExpr>),
    Not(Box<TestExpr>),
    Unary(String, Word),
    Binary(String, Word, Word),
    Word(Word),
}

/// A redirection.
#[derive(Debug, Clone)]
pub struct Redir {
    pub fd: i32,
    pub kind: RedirKind,
}

/// What a redirection does.
#[derive(Debug, Clone)]
pub enum RedirKind {
    Read(Word),
    Write(Word),
    Append(Word),
    ReadWrite(Word),
    /// `n>&m` / `n<&m` (a word that should expand to a fd number or `-`).
    Dup(Word),
    /// `&>file` / `&>>file`.
    Both(Word, bool),
    /// Here-document or here-string body; `expand` is false for a quoted delimiter.
    Here {
        body: Word,
        expand: bool,
        strip_tabs: bool,
        here_string: bool,
    },
}

/// A word: literal pieces and expansions.
#[derive(Debug, Clone, Default)]
pub struct Word {
    pub parts: Vec<Part>,
    /// Set when the word has no expansion and no glob character: its one field, ready to use.
    pub literal: Option<Rc<str>>,
}

/// A piece of a word.
#[derive(Debug, Clone)]
pub enum Part {
    /// Text; `quoted` text is neither split nor globbed.
    Lit {
        text: String,
        quoted: bool,
    },
    Param {
        expr: Box<ParamExpr>,
        quoted: bool,
    },
    CmdSub {
        list: Rc<List>,
        quoted: bool,
    },
    Arith {
        expr: Rc<Arith>,
        quoted: bool,
    },
    Tilde,
}

/// `$name`, `${name op word}`.
#[derive(Debug, Clone)]
pub struct ParamExpr {
    pub param: Param,
    pub op: ParamOp,
}

/// Which parameter.
#[derive(Debug, Clone)]
pub enum Param {
    Named(Rc<str>),
    Positional(u32),
    /// One of `@ * # ? - $ ! 0`.
    Special(char),
}

/// The `${...}` operator.
#[derive(Debug, Clone)]
pub enum ParamOp {
    Plain,
    Length,
    Default {
        word: Word,
        colon: bool,
    },
    Assign {
        word: Word,
        colon: bool,
    },
    Alternative {
        word: Word,
        colon: bool,
    },
    Error {
        word: Option<Word>,
        colon: bool,
    },
    TrimPrefix {
        pattern: Word,
        longest: bool,
    },
    TrimSuffix {
        pattern: Word,
        longest: bool,
    },
    Substring {
        offset: Rc<Arith>,
        length: Option<Rc<Arith>>,
    },
    Replace {
        pattern: Word,
        replacement: Word,
        mode: ReplaceMode,
    },
    /// A form busybox ash rejects with `bad substitution`.
    Bad,
}

/// How `${v/pat/rep}` matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplaceMode {
    First,
    All,
    Prefix,
    Suffix,
}

/// An arithmetic expression: parsed once when it has no `$`, else expanded then parsed.
#[derive(Debug, Clone)]
pub enum Arith {
    Parsed(ast::ArithmeticExpr),
    Dynamic(Word),
    Invalid,
}

/// A syntax error found while compiling (a word the parser could not split).
#[derive(Debug, Clone)]
pub struct CompileError {
    pub line: u32,
    pub message: String,
}

type Result<T> = std::result::Result<T, CompileError>;

pub(crate) fn parser_options() -> brush_parser::ParserOptions {
    brush_parser::ParserOptions {
        enable_extended_globbing: false,
        posix_mode: false,
        sh_mode: false,
        tilde_expansion_at_word_start: true,
        tilde_expansion_after_colon: false,
        parser_impl: brush_parser::ParserImpl::Peg,
    }
}

/// Compiles a parsed program.
pub fn compile_program(program: &ast::Program) -> Result<List> {
    let mut list = Vec::new();
    for complete in &program.complete_commands {
        list.extend(compile_list(complete)?);
    }
    Ok(list)
}

fn compile_list(list: &ast::CompoundList) -> Result<List> {
    let mut items = Vec::with_capacity(list.0.len());
    for ast::CompoundListItem(and_or, sep) in &list.0 {
        let first = compile_pipeline(&and_or.first)?;
        let mut rest = Vec::with_capacity(and_or.additional.len());
        for next in &and_or.additional {
            rest.push(match next {
                ast::AndOr::And(p) => (Connector::And, compile_pipeline(p)?),
                ast::AndOr::Or(p) => (Connector::Or, compile_pipeline(p)?),
            });
        }
        let background = matches!(sep, ast::SeparatorOperator::Async);
        items.push(Item {
            first,
            rest,
            background,
        });
    }
    Ok(items)
}

fn compile_pipeline(p: &ast::Pipeline) -> Result<Pipeline> {
    let cmds = p.seq.iter().map(compile_cmd).collect::<Result<Vec<_>>>()?;
    Ok(Pipeline { bang: p.bang, cmds })
}

fn compile_cmd(cmd: &ast::Command) -> Result<Cmd> {
    Ok(match cmd {
        ast::Command::Simple(s) => Cmd::Simple(compile_simple(s)?),
        ast::Command::Compound(c, redirs) => Cmd::Compound(
            Box::new(compile_compound(c)?),
            compile_redirs(redirs.as_ref())?,
        ),
        ast::Command::Function(f) => {
            let body = compile_compound(&f.body.0)?;
            let redirs = compile_redirs(f.body.1.as_ref())?;
            Cmd::FuncDef(
                Rc::from(f.fname.value.as_str()),
                Rc::new(Func { body, redirs }),
            )
        }
        ast::Command::ExtendedTest(t, redirs) => Cmd::Compound(
            Box::new(Compound::Test(compile_ext_test(&t.expr)?)),
            compile_redirs(redirs.as_ref())?,
        ),
    })
}

fn compile_redirs(r: Option<&ast::RedirectList>) -> Result<Vec<Redir>> {
    r.map_or(Ok(Vec::new()), |r| r.0.iter().map(compile_redir).collect())
}

fn word_line(w: &ast::Word) -> u32 {
    w.loc
        .as_ref()
        .map_or(0, |l| u32::try_from(l.start.line).unwrap_or(u32::MAX))
}

fn compile_simple(s: &ast::SimpleCommand) -> Result<Simple> {
    let mut out = Simple {
        assigns: Vec::new(),
        words: Vec::new(),
        redirs: Vec::new(),
        line: 0,
        hint: Hint::Dynamic,
        literal_argv: None,
    };
    let mut items: Vec<(bool, &ast::CommandPrefixOrSuffixItem)> = Vec::new();
    if let Some(prefix) = &s.prefix {
        items.extend(prefix.0.iter().map(|i| (true, i)));
    }
    let mut line = 0;
    if let Some(name) = &s.word_or_name {
        line = word_line(name);
        out.words.push(compile_word(&name.value)?);
    }
    if let Some(suffix) = &s.suffix {
        items.extend(suffix.0.iter().map(|i| (false, i)));
    }
    for (in_prefix, item) in items {
        match item {
            ast::CommandPrefixOrSuffixItem::IoRedirect(r) => out.redirs.push(compile_redir(r)?),
            ast::CommandPrefixOrSuffixItem::Word(w) => {
                if line == 0 {
                    line = word_line(w);
                }
                out.words.push(compile_word(&w.value)?);
            }
            ast::CommandPrefixOrSuffixItem::AssignmentWord(a, w) => {
                if line == 0 {
                    line = word_line(w);
                }
                match (&a.name, &a.value, in_prefix) {
                    (
                        ast::AssignmentName::VariableName(name),
                        ast::AssignmentValue::Scalar(v),
                        true,
                    ) => {
                        out.assigns
                            .push((Rc::from(name.as_str()), compile_word(&v.value)?));
                    }
                    // After the command name an assignment is an ordinary argument (`export A=1`).
                    _ => out.words.push(compile_word(&w.value)?),
                }
            }
            ast::CommandPrefixOrSuffixItem::ProcessSubstitution(..) => {
                return Err(CompileError {
                    line,
                    message: "syntax error: unexpected \"(\"".into(),
                });
            }
        }
    }
    out.line = line;
    if let Some(name) = out.words.first().and_then(|w| w.literal.as_deref()) {
        out.hint = hint_for(name);
    }
    out.literal_argv = out
        .words
        .iter()
        .map(|w| w.literal.as_deref().map(str::to_owned))
        .collect();
    Ok(out)
}

fn compile_redir(r: &ast::IoRedirect) -> Result<Redir> {
    use ast::{IoFileRedirectKind as K, IoFileRedirectTarget as T};
    Ok(match r {
        ast::IoRedirect::File(fd, kind, target) => {
            let word = match target {
                T::Filename(w) | T::Duplicate(w) => compile_word(&w.value)?,
                T::Fd(n) => literal_word(&n.to_string()),
                T::ProcessSubstitution(..) => {
                    return Err(CompileError {
                        line: 0,
                        message: "syntax error: unexpected \"(\"".into(),
                    });
                }
            };
            let dup = matches!(target, T::Fd(_) | T::Duplicate(_));
            let (default_fd, kind) = match kind {
                K::Read => (0, RedirKind::Read(word)),
                K::Write | K::Clobber => (1, RedirKind::Write(word)),
                K::Append => (1, RedirKind::Append(word)),
                K::ReadAndWrite => (0, RedirKind::ReadWrite(word)),
                K::DuplicateInput => (
                    0,
                    if dup {
                        RedirKind::Dup(word)
                    } else {
                        RedirKind::Read(word)
                    },
                ),
                K::DuplicateOutput => (
                    1,
                    if dup {
                        RedirKind::Dup(word)
                    } else {
                        RedirKind::Write(word)
                    },
                ),
            };
            Redir {
                fd: fd.unwrap_or(default_fd),
                kind,
            }
        }
        ast::IoRedirect::HereDocument(fd, doc) => {
            let body = if doc.requires_expansion {
                compile_heredoc(&doc.doc.value)?
            } else {
                quoted_word(&doc.doc.value)
            };
            Redir {
                fd: fd.unwrap_or(0),
                kind: RedirKind::Here {
                    body,
                    expand: doc.requires_expansion,
                    strip_tabs: doc.remove_tabs,
                    here_string: false,
                },
            }
        }
        ast::IoRedirect::HereString(fd, w) => Redir {
            fd: fd.unwrap_or(0),
            kind: RedirKind::Here {
                body: compile_word(&w.value)?,
                expand: true,
                strip_tabs: false,
                here_string: true,
            },
        },
        ast::IoRedirect::OutputAndError(w, append) => Redir {
            fd: 1,
            kind: RedirKind::Both(compile_word(&w.value)?, *append),
        },
    })
}

fn compile_compound(c: &ast::CompoundCommand) -> Result<Compound> {
    use ast::CompoundCommand as C;
    Ok(match c {
        C::BraceGroup(b) => Compound::Brace(compile_list(&b.list)?),
        C::Subshell(s) => Compound::Subshell(compile_list(&s.list)?),
        C::ForClause(f) => Compound::For {
            var: Rc::from(f.variable_name.as_str()),
            words: match &f.values {
                Some(ws) => Some(
                    ws.iter()
                        .map(|w| compile_word(&w.value))
                        .collect::<Result<_>>()?,
                ),
                None => None,
            },
            body: compile_list(&f.body.list)?,
        },
        C::CaseClause(c) => Compound::Case {
            word: compile_word(&c.value.value)?,
            arms: c
                .cases
                .iter()
                .map(|arm| {
                    Ok(CaseArm {
                        patterns: arm
                            .patterns
                            .iter()
                            .map(|p| compile_word(&p.value))
                            .collect::<Result<_>>()?,
                        body: arm.cmd.as_ref().map_or(Ok(Vec::new()), compile_list)?,
                        fallthrough: matches!(
                            arm.post_action,
                            ast::CaseItemPostAction::UnconditionallyExecuteNextCaseItem
                        ),
                    })
                })
                .collect::<Result<_>>()?,
        },
        C::IfClause(i) => {
            let mut branches = vec![(compile_list(&i.condition)?, compile_list(&i.then)?)];
            let mut otherwise = None;
            for e in i.elses.iter().flatten() {
                match &e.condition {
                    Some(cond) => branches.push((compile_list(cond)?, compile_list(&e.body)?)),
                    None => otherwise = Some(compile_list(&e.body)?),
                }
            }
            Compound::If {
                branches,
                otherwise,
            }
        }
        C::WhileClause(w) => Compound::While {
            cond: compile_list(&w.0)?,
            body: compile_list(&w.1.list)?,
            until: false,
        },
        C::UntilClause(w) => Compound::While {
            cond: compile_list(&w.0)?,
            body: compile_list(&w.1.list)?,
            until: true,
        },
        C::Arithmetic(a) => Compound::Arith(compile_arith(&a.expr.value)?),
        C::ArithmeticForClause(f) => Compound::ArithFor {
            init: f
                .initializer
                .as_ref()
                .map(|e| compile_arith(&e.value))
                .transpose()?,
            cond: f
                .condition
                .as_ref()
                .map(|e| compile_arith(&e.value))
                .transpose()?,
            step: f
                .updater
                .as_ref()
                .map(|e| compile_arith(&e.value))
                .transpose()?,
            body: compile_list(&f.body.list)?,
        },
        C::Coprocess(_) => {
            return Err(CompileError {
                line: 0,
                message: "syntax error: coproc is not supported".into(),
            });
        }
    })
}

fn compile_ext_test(e: &ast::ExtendedTestExpr) -> Result<TestExpr> {
    use ast::ExtendedTestExpr as E;
    Ok(match e {
        E::And(a, b) => TestExpr::And(
            Box::new(compile_ext_test(a)?),
            Box::new(compile_ext_test(b)?),
        ),
        E::Or(a, b) => TestExpr::Or(
            Box::new(compile_ext_test(a)?),
            Box::new(compile_ext_test(b)?),
        ),
        E::Not(a) => TestExpr::Not(Box::new(compile_ext_test(a)?)),
        E::Parenthesized(a) => compile_ext_test(a)?,
        E::UnaryTest(op, w) => TestExpr::Unary(op.to_string(), compile_word(&w.value)?),
        E::BinaryTest(op, a, b) => TestExpr::Binary(
            op.to_string(),
            compile_word(&a.value)?,
            compile_word(&b.value)?,
        ),
    })
}

/// Compiles an arithmetic expression source.
pub fn compile_arith(src: &str) -> Result<Arith> {
    if src.contains('$') || src.contains('`') {
        return Ok(Arith::Dynamic(compile_heredoc(src)?));
    }
    Ok(match brush_parser::arithmetic::parse(src) {
        Ok(e) => Arith::Parsed(e),
        Err(_) => Arith::Invalid,
    })
}

pub(crate) fn literal_word(s: &str) -> Word {
    Word {
        parts: vec![Part::Lit {
            text: s.to_owned(),
            quoted: true,
        }],
        literal: Some(Rc::from(s)),
    }
}

fn quoted_word(s: &str) -> Word {
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

fn finish_word(parts: Vec<Part>) -> Word {
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

fn push_lit(parts: &mut Vec<Part>, s: &str, quoted: bool) {
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

fn compile_piece(
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

fn tilde_text(t: &brush_parser::word::TildeExpr) -> String {
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

fn ansi_c(s: &str) -> String {
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

fn opt_word(s: Option<String>) -> Result<Word> {
    s.map_or_else(|| Ok(Word::default()), |s| compile_word(&s))
}

fn compile_param(p: brush_parser::word::ParameterExpr) -> Result<ParamExpr> {
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

fn compile_param_name(p: brush_parser::word::Parameter) -> Param {
    use brush_parser::word::{Parameter as P, SpecialParameter as S};
    match p {
        P::Positional(n) => Param::Positional(n),
        P::Named(n) => Param::Named(Rc::from(n.as_str())),
        P::NamedWithIndex { name, .. } | P::NamedWithAllIndices { name, .. } => {
            Param::Named(Rc::from(name.as_str()))
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
