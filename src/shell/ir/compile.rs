//! Compiling brush-parser's command AST (lists, pipelines, simple and compound commands,
//! redirections) into [`super`]'s program form.

use std::rc::Rc;

use brush_parser::ast;

use super::*;

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

pub(crate) fn compile_list(list: &ast::CompoundList) -> Result<List> {
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

pub(crate) fn compile_pipeline(p: &ast::Pipeline) -> Result<Pipeline> {
    let cmds = p.seq.iter().map(compile_cmd).collect::<Result<Vec<_>>>()?;
    Ok(Pipeline { bang: p.bang, cmds })
}

pub(crate) fn compile_cmd(cmd: &ast::Command) -> Result<Cmd> {
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

pub(crate) fn compile_redirs(r: Option<&ast::RedirectList>) -> Result<Vec<Redir>> {
    r.map_or(Ok(Vec::new()), |r| r.0.iter().map(compile_redir).collect())
}

pub(crate) fn word_line(w: &ast::Word) -> u32 {
    w.loc
        .as_ref()
        .map_or(0, |l| u32::try_from(l.start.line).unwrap_or(u32::MAX))
}

pub(crate) fn compile_simple(s: &ast::SimpleCommand) -> Result<Simple> {
    let mut out = Simple {
        assigns: Vec::new(),
        arrays: Vec::new(),
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
                    (
                        ast::AssignmentName::VariableName(name),
                        ast::AssignmentValue::Array(items),
                        true,
                    ) if items.iter().all(|(key, _)| key.is_none()) => {
                        let words = items
                            .iter()
                            .map(|(_, w)| compile_word(&w.value))
                            .collect::<Result<Vec<_>>>()?;
                        out.arrays.push((Rc::from(name.as_str()), words));
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

pub(crate) fn compile_redir(r: &ast::IoRedirect) -> Result<Redir> {
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

pub(crate) fn compile_compound(c: &ast::CompoundCommand) -> Result<Compound> {
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

pub(crate) fn compile_ext_test(e: &ast::ExtendedTestExpr) -> Result<TestExpr> {
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
