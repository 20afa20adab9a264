//! Compound commands: `{ }`, `( )`, `if`, `while`/`until`, `for`, `case`, `(( ))`, the
//! arithmetic `for` and `[[ ]]` (busybox `shell/ash.c` `evaltree`, `evalloop`, `evalfor`,
//! `evalcase`, `evalsubshell`).

use crate::shell::interp::{Flow, Res, Shell};
use crate::shell::ir::Compound;

impl Shell<'_> {
    pub(crate) fn exec_compound(&mut self, c: &Compound) -> Res {
        match c {
            Compound::Brace(list) => self.exec_list(list),
            Compound::Subshell(list) => self.subshell(|s| s.exec_list(list)),
            Compound::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    if self.in_cond(|s| s.exec_list(cond))? == 0 {
                        return self.exec_list(body);
                    }
                }
                match otherwise {
                    Some(body) => self.exec_list(body),
                    None => Ok(0),
                }
            }
            Compound::While { cond, body, until } => {
                let mut status = 0;
                self.loop_depth += 1;
                let r = loop {
                    if let Err(e) = self.step() {
                        break Err(e);
                    }
                    let c = match self.in_cond(|s| s.exec_list(cond)) {
                        Ok(c) => c,
                        Err(e) => break Err(e),
                    };
                    if (c == 0) == *until {
                        break Ok(status);
                    }
                    match self.exec_list(body) {
                        Ok(s) => status = s,
                        Err(Flow::Break(n)) if n > 1 => break Err(Flow::Break(n - 1)),
                        Err(Flow::Break(_)) => break Ok(status),
                        Err(Flow::Continue(n)) if n > 1 => break Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) => {}
                        Err(e) => break Err(e),
                    }
                };
                self.loop_depth -= 1;
                r
            }
            Compound::For { var, words, body } => {
                let items = match words {
                    Some(ws) => self.expand_words(ws)?,
                    None => self.params.clone(),
                };
                let mut status = 0;
                self.loop_depth += 1;
                let mut result = Ok(0);
                for item in items {
                    if let Err(e) = self.step() {
                        result = Err(e);
                        break;
                    }
                    if let Err(msg) = self.set_var(var, item) {
                        self.shell_error(None, &msg);
                        result = Err(Flow::Exit(2));
                        break;
                    }
                    match self.exec_list(body) {
                        Ok(s) => status = s,
                        Err(Flow::Break(n)) if n > 1 => {
                            result = Err(Flow::Break(n - 1));
                            break;
                        }
                        Err(Flow::Break(_)) => break,
                        Err(Flow::Continue(n)) if n > 1 => {
                            result = Err(Flow::Continue(n - 1));
                            break;
                        }
                        Err(Flow::Continue(_)) => {}
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                self.loop_depth -= 1;
                result.map(|_| status)
            }
            Compound::Case { word, arms } => {
                let subject = self.expand_single(word)?;
                let mut matched = false;
                let mut status = 0;
                for arm in arms {
                    if !matched {
                        for p in &arm.patterns {
                            let pat = self.expand_pattern(p)?;
                            if crate::shell::pattern::matches(&pat, &subject) {
                                matched = true;
                                break;
                            }
                        }
                    }
                    if matched {
                        status = self.exec_list(&arm.body)?;
                        if !arm.fallthrough {
                            return Ok(status);
                        }
                    }
                }
                Ok(status)
            }
            Compound::Arith(a) => {
                self.step()?;
                let v = self.eval_arith(a)?;
                Ok(i32::from(v == 0))
            }
            Compound::ArithFor {
                init,
                cond,
                step,
                body,
            } => {
                if let Some(i) = init {
                    self.eval_arith(i)?;
                }
                let mut status = 0;
                self.loop_depth += 1;
                let r = loop {
                    if let Err(e) = self.step() {
                        break Err(e);
                    }
                    if let Some(c) = cond {
                        match self.eval_arith(c) {
                            Ok(0) => break Ok(status),
                            Ok(_) => {}
                            Err(e) => break Err(e),
                        }
                    }
                    match self.exec_list(body) {
                        Ok(s) => status = s,
                        Err(Flow::Break(n)) if n > 1 => break Err(Flow::Break(n - 1)),
                        Err(Flow::Break(_)) => break Ok(status),
                        Err(Flow::Continue(n)) if n > 1 => break Err(Flow::Continue(n - 1)),
                        Err(Flow::Continue(_)) => {}
                        Err(e) => break Err(e),
                    }
                    if let Some(s) = step
                        && let Err(e) = self.eval_arith(s)
                    {
                        break Err(e);
                    }
                };
                self.loop_depth -= 1;
                r
            }
            Compound::Test(t) => {
                self.step()?;
                let v = self.eval_test_expr(t)?;
                Ok(i32::from(!v))
            }
        }
    }
}
