//! Parses awk tokens into pattern-action items.

use super::lex::{Tok, lex};

#[derive(Debug, Clone)]
pub enum Expr {
    Num(f64),
    Str(String),
    Regex(String),
    Var(String),
    Field(Box<Expr>),
    Index(String, Box<Expr>),
    In(Box<Expr>, String),
    Assign(Option<char>, Box<Expr>, Box<Expr>),
    Incr(Box<Expr>, f64, bool),
    Binary(char, Box<Expr>, Box<Expr>),
    Cmp(String, Box<Expr>, Box<Expr>),
    Match(bool, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Concat(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
    Group(Box<Expr>),
}

#[derive(Debug, Clone)]
pub enum Stmt {
    Expr(Expr),
    Print(Vec<Expr>, Option<(bool, Expr)>),
    Printf(Vec<Expr>, Option<(bool, Expr)>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    For(
        Option<Box<Stmt>>,
        Option<Expr>,
        Option<Box<Stmt>>,
        Box<Stmt>,
    ),
    ForIn(String, String, Box<Stmt>),
    Block(Vec<Stmt>),
    Next,
    Exit(Option<Expr>),
    Break,
    Continue,
    Delete(String, Option<Expr>),
}

#[derive(Debug, Clone)]
pub enum Pattern {
    Begin,
    End,
    All,
    Expr(Expr),
}

#[derive(Debug, Clone)]
pub struct Item {
    pub pattern: Pattern,
    pub action: Stmt,
}

struct P {
    toks: Vec<Tok>,
    pos: usize,
    depth: u32,
}

type R<T> = Result<T, String>;

fn b(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl P {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn is(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Tok::Sym(x)) if *x == s)
    }
    fn eat(&mut self, s: &str) -> bool {
        if self.is(s) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn expect(&mut self, s: &str) -> R<()> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(format!("syntax error: expected '{s}'"))
        }
    }
    fn newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) || self.is(";") {
            self.pos += 1;
        }
    }
    fn opt_newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Newline)) {
            self.pos += 1;
        }
    }
    fn name_is(&self, n: &str) -> bool {
        matches!(self.peek(), Some(Tok::Name(x)) if x == n)
    }

    fn program(&mut self) -> R<Vec<Item>> {
        let mut items = Vec::new();
        loop {
            self.newlines();
            if self.peek().is_none() {
                return Ok(items);
            }
            let pattern = if self.name_is("BEGIN") {
                self.pos += 1;
                Pattern::Begin
            } else if self.name_is("END") {
                self.pos += 1;
                Pattern::End
            } else if self.is("{") {
                Pattern::All
            } else {
                Pattern::Expr(self.expr(false)?)
            };
            self.opt_newlines();
            let action = if self.is("{") {
                self.block()?
            } else {
                Stmt::Print(Vec::new(), None)
            };
            items.push(Item { pattern, action });
        }
    }

    fn block(&mut self) -> R<Stmt> {
        self.expect("{")?;
        let mut list = Vec::new();
        loop {
            self.newlines();
            if self.eat("}") {
                return Ok(Stmt::Block(list));
            }
            if self.peek().is_none() {
                return Err("syntax error: missing '}'".into());
            }
            list.push(self.stmt()?);
        }
    }

    fn simple_or_block(&mut self) -> R<Stmt> {
        self.opt_newlines();
        if self.eat(";") {
            return Ok(Stmt::Block(Vec::new()));
        }
        self.stmt()
    }

    fn stmt(&mut self) -> R<Stmt> {
        self.depth += 1;
        if self.depth > 60 {
            return Err("program too deeply nested".into());
        }
        let r = self.stmt_inner();
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self) -> R<Stmt> {
        if self.is("{") {
            return self.block();
        }
        let name = match self.peek() {
            Some(Tok::Name(n)) => n.clone(),
            _ => String::new(),
        };
        let s = match name.as_str() {
            "if" => {
                self.pos += 1;
                self.expect("(")?;
                let c = self.expr(false)?;
                self.expect(")")?;
                let a = self.simple_or_block()?;
                let save = self.pos;
                self.newlines();
                if self.name_is("else") {
                    self.pos += 1;
                    let e = self.simple_or_block()?;
                    return Ok(Stmt::If(c, Box::new(a), Some(Box::new(e))));
                }
                self.pos = save;
                return Ok(Stmt::If(c, Box::new(a), None));
            }
            "while" => {
                self.pos += 1;
                self.expect("(")?;
                let c = self.expr(false)?;
                self.expect(")")?;
                return Ok(Stmt::While(c, Box::new(self.simple_or_block()?)));
            }
            "for" => {
                self.pos += 1;
                self.expect("(")?;
                if let (Some(Tok::Name(v)), Some(Tok::Name(kw)), Some(Tok::Name(arr))) = (
                    self.toks.get(self.pos),
                    self.toks.get(self.pos + 1),
                    self.toks.get(self.pos + 2),
                ) && kw == "in"
                    && matches!(self.toks.get(self.pos + 3), Some(Tok::Sym(")")))
                {
                    let (v, arr) = (v.clone(), arr.clone());
                    self.pos += 4;
                    return Ok(Stmt::ForIn(v, arr, Box::new(self.simple_or_block()?)));
                }
                let init = if self.is(";") {
                    None
                } else {
                    Some(Box::new(Stmt::Expr(self.expr(false)?)))
                };
                self.expect(";")?;
                let cond = if self.is(";") {
                    None
                } else {
                    Some(self.expr(false)?)
                };
                self.expect(";")?;
                let step = if self.is(")") {
                    None
                } else {
                    Some(Box::new(Stmt::Expr(self.expr(false)?)))
                };
                self.expect(")")?;
                return Ok(Stmt::For(
                    init,
                    cond,
                    step,
                    Box::new(self.simple_or_block()?),
                ));
            }
            "print" | "printf" => {
                self.pos += 1;
                let paren = self.is("(") && self.print_parenthesized();
                let mut args = Vec::new();
                if paren {
                    self.pos += 1;
                    args = self.expr_list(false)?;
                    self.expect(")")?;
                } else if !self.at_stmt_end() && !self.is(">") && !self.is(">>") {
                    args = self.expr_list(true)?;
                }
                let dest = if self.eat(">>") {
                    Some((true, self.concat(true)?))
                } else if self.eat(">") {
                    Some((false, self.concat(true)?))
                } else {
                    None
                };
                if name == "print" {
                    Stmt::Print(args, dest)
                } else {
                    Stmt::Printf(args, dest)
                }
            }
            "next" => {
                self.pos += 1;
                Stmt::Next
            }
            "break" => {
                self.pos += 1;
                Stmt::Break
            }
            "continue" => {
                self.pos += 1;
                Stmt::Continue
            }
            "exit" => {
                self.pos += 1;
                Stmt::Exit(if self.at_stmt_end() {
                    None
                } else {
                    Some(self.expr(false)?)
                })
            }
            "delete" => {
                self.pos += 1;
                let Some(Tok::Name(arr)) = self.peek().cloned() else {
                    return Err("syntax error after delete".into());
                };
                self.pos += 1;
                let key = if self.eat("[") {
                    let k = self.expr(false)?;
                    self.expect("]")?;
                    Some(k)
                } else {
                    None
                };
                Stmt::Delete(arr, key)
            }
            _ => Stmt::Expr(self.expr(false)?),
        };
        if !self.at_stmt_end() {
            return Err("syntax error: unexpected token".into());
        }
        self.eat(";");
        Ok(s)
    }

    /// `print (a, b)` vs `print (a) b`: a parenthesized list only if the `)` ends the statement.
    fn print_parenthesized(&self) -> bool {
        let mut depth = 0;
        for (i, t) in self.toks.iter().enumerate().skip(self.pos) {
            match t {
                Tok::Sym("(") => depth += 1,
                Tok::Sym(")") => {
                    depth -= 1;
                    if depth == 0 {
                        return matches!(
                            self.toks.get(i + 1),
                            None | Some(Tok::Newline) | Some(Tok::Sym(";" | "}" | ">" | ">>"))
                        );
                    }
                }
                _ => {}
            }
        }
        false
    }

    fn at_stmt_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(Tok::Newline) | Some(Tok::Sym(";" | "}"))
        )
    }

    fn expr_list(&mut self, no_gt: bool) -> R<Vec<Expr>> {
        let mut v = vec![self.expr(no_gt)?];
        while self.eat(",") {
            self.opt_newlines();
            v.push(self.expr(no_gt)?);
        }
        Ok(v)
    }

    fn expr(&mut self, no_gt: bool) -> R<Expr> {
        self.depth += 1;
        if self.depth > 60 {
            return Err("expression too deeply nested".into());
        }
        let r = self.ternary(no_gt);
        self.depth -= 1;
        r
    }

    fn ternary(&mut self, no_gt: bool) -> R<Expr> {
        let c = self.or(no_gt)?;
        if self.eat("?") {
            let a = self.expr(no_gt)?;
            self.expect(":")?;
            let e = self.expr(no_gt)?;
            return Ok(Expr::Cond(b(c), b(a), b(e)));
        }
        let op = match self.peek() {
            Some(Tok::Sym(s @ ("=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^="))) => *s,
            _ => return Ok(c),
        };
        if !matches!(c, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
            return Ok(c);
        }
        self.pos += 1;
        let v = self.expr(no_gt)?;
        let op = op.chars().next().filter(|_| op != "=");
        Ok(Expr::Assign(op, b(c), b(v)))
    }

    fn or(&mut self, no_gt: bool) -> R<Expr> {
        let mut l = self.and(no_gt)?;
        while self.eat("||") {
            self.opt_newlines();
            l = Expr::Or(b(l), b(self.and(no_gt)?));
        }
        Ok(l)
    }

    fn and(&mut self, no_gt: bool) -> R<Expr> {
        let mut l = self.in_expr(no_gt)?;
        while self.eat("&&") {
            self.opt_newlines();
            l = Expr::And(b(l), b(self.in_expr(no_gt)?));
        }
        Ok(l)
    }

    fn in_expr(&mut self, no_gt: bool) -> R<Expr> {
        let mut l = self.matching(no_gt)?;
        while self.name_is("in") {
            self.pos += 1;
            let Some(Tok::Name(arr)) = self.peek().cloned() else {
                return Err("syntax error after in".into());
            };
            self.pos += 1;
            l = Expr::In(b(l), arr);
        }
        Ok(l)
    }

    fn matching(&mut self, no_gt: bool) -> R<Expr> {
        let mut l = self.comparison(no_gt)?;
        loop {
            let neg = if self.eat("~") {
                false
            } else if self.eat("!~") {
                true
            } else {
                return Ok(l);
            };
            l = Expr::Match(neg, b(l), b(self.comparison(no_gt)?));
        }
    }

    fn comparison(&mut self, no_gt: bool) -> R<Expr> {
        let l = self.concat(no_gt)?;
        let op = match self.peek() {
            Some(Tok::Sym(s @ ("<" | "<=" | "==" | "!=" | ">="))) => *s,
            Some(Tok::Sym(">")) if !no_gt => ">",
            _ => return Ok(l),
        };
        self.pos += 1;
        Ok(Expr::Cmp(op.to_owned(), b(l), b(self.concat(no_gt)?)))
    }

    fn starts_operand(&self) -> bool {
        match self.peek() {
            Some(Tok::Num(_) | Tok::Str(_) | Tok::Regex(_) | Tok::Func(_)) => true,
            Some(Tok::Name(n)) => n != "in",
            Some(Tok::Sym(s)) => matches!(*s, "$" | "(" | "!" | "-" | "+" | "++" | "--"),
            _ => false,
        }
    }

    fn concat(&mut self, no_gt: bool) -> R<Expr> {
        let mut l = self.additive()?;
        while self.starts_operand() && !self.is("-") && !self.is("+") {
            let r = self.additive()?;
            l = Expr::Concat(b(l), b(r));
        }
        let _ = no_gt;
        Ok(l)
    }

    fn additive(&mut self) -> R<Expr> {
        let mut l = self.multiplicative()?;
        loop {
            let op = if self.is("+") {
                '+'
            } else if self.is("-") {
                '-'
            } else {
                return Ok(l);
            };
            self.pos += 1;
            l = Expr::Binary(op, b(l), b(self.multiplicative()?));
        }
    }

    fn multiplicative(&mut self) -> R<Expr> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Sym("*")) => '*',
                Some(Tok::Sym("/")) => '/',
                Some(Tok::Sym("%")) => '%',
                _ => return Ok(l),
            };
            self.pos += 1;
            l = Expr::Binary(op, b(l), b(self.unary()?));
        }
    }

    fn unary(&mut self) -> R<Expr> {
        if self.eat("!") {
            return Ok(Expr::Not(b(self.unary()?)));
        }
        if self.eat("-") {
            return Ok(Expr::Neg(b(self.unary()?)));
        }
        if self.eat("+") {
            return self.unary();
        }
        self.power()
    }

    fn power(&mut self) -> R<Expr> {
        let base = self.postfix()?;
        if self.eat("^") {
            return Ok(Expr::Binary('^', b(base), b(self.unary()?)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> R<Expr> {
        let e = self.primary()?;
        if matches!(e, Expr::Var(_) | Expr::Field(_) | Expr::Index(..)) {
            if self.eat("++") {
                return Ok(Expr::Incr(b(e), 1.0, false));
            }
            if self.eat("--") {
                return Ok(Expr::Incr(b(e), -1.0, false));
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> R<Expr> {
        self.depth += 1;
        if self.depth > 60 {
            return Err("expression too deeply nested".into());
        }
        let r = self.primary_inner();
        self.depth -= 1;
        r
    }

    fn primary_inner(&mut self) -> R<Expr> {
        let Some(t) = self.peek().cloned() else {
            return Err("syntax error: unexpected end".into());
        };
        self.pos += 1;
        Ok(match t {
            Tok::Num(n) => Expr::Num(n),
            Tok::Str(s) => Expr::Str(s),
            Tok::Regex(r) => Expr::Regex(r),
            Tok::Sym("$") => Expr::Field(b(self.primary()?)),
            Tok::Sym("(") => {
                let e = self.expr(false)?;
                self.expect(")")?;
                Expr::Group(b(e))
            }
            Tok::Sym("++") => Expr::Incr(b(self.primary()?), 1.0, true),
            Tok::Sym("--") => Expr::Incr(b(self.primary()?), -1.0, true),
            Tok::Sym("-") => Expr::Neg(b(self.primary()?)),
            Tok::Sym("!") => Expr::Not(b(self.primary()?)),
            Tok::Func(name) => {
                self.expect("(")?;
                let args = if self.is(")") {
                    Vec::new()
                } else {
                    self.expr_list(false)?
                };
                self.expect(")")?;
                Expr::Call(name, args)
            }
            Tok::Name(n) if n == "length" => Expr::Call(n, Vec::new()),
            Tok::Name(n) => {
                if self.eat("[") {
                    let mut k = self.expr(false)?;
                    while self.eat(",") {
                        let next = self.expr(false)?;
                        k = Expr::Concat(
                            b(Expr::Concat(b(k), b(Expr::Var("SUBSEP".into())))),
                            b(next),
                        );
                    }
                    self.expect("]")?;
                    Expr::Index(n, b(k))
                } else {
                    Expr::Var(n)
                }
            }
            other => return Err(format!("syntax error: unexpected {other:?}")),
        })
    }
}

/// Parses an awk program.
pub fn parse(src: &str) -> Result<Vec<Item>, String> {
    let toks = lex(src)?;
    P {
        toks,
        pos: 0,
        depth: 0,
    }
    .program()
}
