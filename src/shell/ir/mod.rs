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
    /// bash array assignments (`name=(a b c)`), in a command without words.
    pub arrays: Vec<(Rc<str>, Vec<Word>)>,
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

pub(crate) fn hint_for(name: &str) -> Hint {
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
    /// bash `${name[index]}`.
    Element(Rc<str>, Rc<Arith>),
    /// bash `${name[@]}` (`false`) and `${name[*]}` (`true`, one word).
    Elements(Rc<str>, bool),
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

pub(crate) type Result<T> = std::result::Result<T, CompileError>;

mod compile;
mod words;

pub use compile::*;
pub use words::*;
