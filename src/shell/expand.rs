//! Word expansion: parameters, command substitution, arithmetic, field splitting and file
//! name globbing (busybox `shell/ash.c`: `expandarg`, `argstr`, `varvalue`, `ifsbreakup`,
//! `expandmeta`).

use std::rc::Rc;

use crate::shell::arith::{self, ArithVars};
use crate::shell::interp::{Fd, Flow, Shell};
use crate::shell::ir::{
    Arith, Cmd, List, Param, ParamExpr, ParamOp, Part, ReplaceMode, TestExpr, Word,
};
use crate::shell::pattern;

/// A field being built: its text, its glob pattern (quoted characters escaped) and whether
/// the pattern has an active glob character.
#[derive(Default)]
struct Builder {
    fields: Vec<(String, String, bool)>,
    text: String,
    pat: String,
    /// Whether `pat` is kept (only when something unquoted could glob or a pattern is wanted).
    want_pat: bool,
    glob: bool,
    started: bool,
}

impl Builder {
    fn with_pattern(want_pat: bool) -> Self {
        Self {
            want_pat,
            ..Self::default()
        }
    }

    fn push_quoted(&mut self, s: &str) {
        self.text.push_str(s);
        if self.want_pat {
            pattern::escape_into(&mut self.pat, s);
        }
        self.started = true;
    }

    fn push_unquoted_literal(&mut self, s: &str) {
        self.text.push_str(s);
        if self.want_pat {
            self.pat.push_str(s);
        }
        if s.contains(['*', '?', '[']) {
            self.glob = true;
        }
        self.started = true;
    }

    fn end_field(&mut self) {
        let text = std::mem::take(&mut self.text);
        let pat = std::mem::take(&mut self.pat);
        self.fields.push((text, pat, self.glob));
        self.glob = false;
        self.started = false;
    }

    /// Appends an unquoted expansion result, splitting it on IFS.
    fn push_split(&mut self, s: &str, ifs: &str) {
        let mut after_ws = false;
        let mut rest = s;
        while !rest.is_empty() {
            // The run of characters up to the next separator is copied at once.
            let end = rest.find(|c| ifs.contains(c)).unwrap_or(rest.len());
            if end > 0 {
                let chunk = &rest[..end];
                self.text.push_str(chunk);
                if self.want_pat {
                    for c in chunk.chars() {
                        if c == '\\' {
                            self.pat.push('\\');
                        }
                        self.pat.push(c);
                    }
                }
                if chunk.contains(['*', '?', '[']) {
                    self.glob = true;
                }
                self.started = true;
                after_ws = false;
                rest = &rest[end..];
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            rest = &rest[c.len_utf8()..];
            if matches!(c, ' ' | '\t' | '\n') {
                if self.started {
                    self.end_field();
                }
                after_ws = true;
            } else {
                if self.started || !after_ws {
                    self.end_field();
                }
                after_ws = false;
            }
        }
    }
}

struct ArithAdapter<'a, 'h>(&'a mut Shell<'h>);

impl ArithVars for ArithAdapter<'_, '_> {
    fn get(&mut self, name: &str) -> Option<String> {
        self.0.get_var(name)
    }
    fn set(&mut self, name: &str, value: i64) {
        let _ = self.0.set_var(name, value.to_string());
    }
}

impl Shell<'_> {
    /// Expands words into fields (with splitting and globbing).
    pub(crate) fn expand_words(&mut self, words: &[Word]) -> Result<Vec<String>, Flow> {
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            if let Some(lit) = &w.literal {
                out.push(lit.to_string());
                continue;
            }
            let unquoted = w.parts.iter().any(|p| match p {
                // "$@" makes several fields even when quoted.
                Part::Param { expr, quoted: true } => {
                    matches!(expr.param, Param::Special('@') | Param::Elements(_, false))
                }
                Part::Lit { quoted, .. } => !quoted,
                Part::Param { quoted, .. }
                | Part::CmdSub { quoted, .. }
                | Part::Arith { quoted, .. } => !quoted,
                Part::Tilde => false,
            });
            if !unquoted {
                // Fully quoted: exactly one field, never split or globbed.
                let mut b = Builder::with_pattern(false);
                self.expand_into(w, &mut b, false)?;
                out.push(b.text);
                continue;
            }
            let mut b = Builder::with_pattern(!self.opts.noglob);
            self.expand_into(w, &mut b, true)?;
            if b.started {
                b.end_field();
            }
            for (text, pat, glob) in b.fields {
                if glob && !self.opts.noglob {
                    let matches = self.glob(&pat);
                    if !matches.is_empty() {
                        out.extend(matches);
                        continue;
                    }
                }
                out.push(text);
            }
        }
        Ok(out)
    }

    /// Expands a word to one string, without splitting or globbing (assignments, `case`).
    pub(crate) fn expand_single(&mut self, w: &Word) -> Result<String, Flow> {
        if let Some(lit) = &w.literal {
            return Ok(lit.to_string());
        }
        let mut b = Builder::with_pattern(false);
        self.expand_into(w, &mut b, false)?;
        Ok(b.text)
    }

    /// Expands a word to a pattern: quoted parts are escaped, the rest stays active.
    pub(crate) fn expand_pattern(&mut self, w: &Word) -> Result<String, Flow> {
        let mut b = Builder::with_pattern(true);
        self.expand_into(w, &mut b, false)?;
        Ok(b.pat)
    }

    fn expand_into(&mut self, w: &Word, b: &mut Builder, split: bool) -> Result<(), Flow> {
        let cap = self.cfg.limits.capture_bytes;
        for part in &w.parts {
            if b.text.len() > cap || b.fields.len() > cap / 2 {
                // A word this large would exhaust a real container's memory: the kernel kills it.
                self.notes.push(format!(
                    "a word grew past {cap} bytes; a real container would run out of memory (OOMKilled)"
                ));
                self.oom_killed = true;
                return Err(Flow::Killed(crate::shell::host::signal::KILL));
            }
            match part {
                Part::Lit { text, quoted } => {
                    if *quoted {
                        b.push_quoted(text);
                    } else {
                        b.push_unquoted_literal(text);
                    }
                }
                Part::Tilde => {
                    let home = self.get_var("HOME").unwrap_or_else(|| "/root".to_owned());
                    b.push_quoted(&home);
                }
                Part::Param { expr, quoted } => self.expand_param(expr, *quoted, b, split)?,
                Part::CmdSub { list, quoted } => {
                    let out = self.command_substitution(list)?;
                    self.push_value(&out, *quoted, b, split);
                }
                Part::Arith { expr, quoted } => {
                    let v = self.eval_arith(expr)?;
                    self.push_value(&v.to_string(), *quoted, b, split);
                }
            }
        }
        if b.text.len() > cap {
            self.notes.push(format!(
                "a word grew past {cap} bytes; a real container would run out of memory (OOMKilled)"
            ));
            self.oom_killed = true;
            return Err(Flow::Killed(crate::shell::host::signal::KILL));
        }
        Ok(())
    }

    fn push_value(&self, value: &str, quoted: bool, b: &mut Builder, split: bool) {
        if quoted {
            b.push_quoted(value);
        } else if split {
            let ifs = self.vars.get("IFS").map_or(" \t\n", |v| v.value.as_str());
            b.push_split(value, ifs);
        } else {
            b.text.push_str(value);
            if b.want_pat {
                b.pat.push_str(value);
            }
            b.started = true;
        }
    }

    /// Runs `$(…)` and returns its output without trailing newlines.
    fn command_substitution(&mut self, list: &Rc<List>) -> Result<String, Flow> {
        self.bufs.push(Vec::new());
        let idx = self.bufs.len() - 1;
        let saved_out = std::mem::replace(&mut self.fds[1], Fd::Buf(idx));
        let r = if self.is_simple_applet_call(list) {
            let saved_status = self.status;
            let r = self.in_cond(|s| s.exec_list(list));
            self.status = saved_status;
            r
        } else {
            self.in_cond(|s| s.subshell(|s| s.exec_list(list)))
        };
        self.fds[1] = saved_out;
        let mut out = self.bufs.pop().unwrap_or_default();
        let status = r?;
        self.cmdsub_status = Some(status);
        while out.last() == Some(&b'\n') {
            out.pop();
        }
        Ok(String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// Evaluates an arithmetic expression; errors end the shell with status 2.
    pub(crate) fn eval_arith(&mut self, a: &Arith) -> Result<i64, Flow> {
        let r = match a {
            Arith::Parsed(e) => arith::eval(e, &mut ArithAdapter(self)),
            Arith::Dynamic(w) => {
                let text = self.expand_single(w)?;
                arith::eval_str(&text, &mut ArithAdapter(self))
            }
            Arith::Invalid => Err(arith::SYNTAX),
        };
        r.map_err(|msg| {
            self.shell_error(None, msg);
            Flow::Exit(2)
        })
    }

    fn param_values(&mut self, p: &Param) -> Option<Vec<String>> {
        Some(match p {
            Param::Named(n) => vec![self.get_var(n)?],
            Param::Positional(0) => vec![self.arg0.clone()],
            Param::Positional(n) => vec![self.params.get(*n as usize - 1)?.clone()],
            Param::Special('@') => self.params.clone(),
            Param::Elements(n, false) => self.elements(n),
            Param::Elements(n, true) => {
                let sep = self
                    .vars
                    .get("IFS")
                    .map_or(" ".to_owned(), |v| v.value.chars().take(1).collect());
                vec![self.elements(n).join(&sep)]
            }
            // Evaluated by `expand_param` (its index may fail the shell).
            Param::Element(..) => return None,
            Param::Special('*') => {
                let sep = self
                    .vars
                    .get("IFS")
                    .map_or(" ".to_owned(), |v| v.value.chars().take(1).collect());
                vec![self.params.join(&sep)]
            }
            Param::Special('#') => vec![self.params.len().to_string()],
            Param::Special('?') => vec![self.status.to_string()],
            Param::Special('$') => vec![self.root_pid().to_string()],
            Param::Special('!') => vec![self.last_bg?.to_string()],
            Param::Special('0') => vec![self.arg0.clone()],
            Param::Special('-') => vec![self.option_flags()],
            Param::Special(_) => return None,
        })
    }

    fn root_pid(&self) -> u32 {
        self.shell_pid
    }

    fn option_flags(&self) -> String {
        let mut s = String::new();
        if self.opts.errexit {
            s.push('e');
        }
        if self.opts.noglob {
            s.push('f');
        }
        if self.opts.nounset {
            s.push('u');
        }
        if self.opts.xtrace {
            s.push('x');
        }
        s
    }

    fn param_name(p: &Param) -> String {
        match p {
            Param::Named(n) => n.to_string(),
            Param::Element(n, _) | Param::Elements(n, _) => n.to_string(),
            Param::Positional(n) => n.to_string(),
            Param::Special(c) => c.to_string(),
        }
    }

    fn expand_param(
        &mut self,
        e: &ParamExpr,
        quoted: bool,
        b: &mut Builder,
        split: bool,
    ) -> Result<(), Flow> {
        let values = match &e.param {
            Param::Element(name, index) => {
                let i = self.eval_arith(index)?;
                self.element(name, i).map(|v| vec![v])
            }
            other => self.param_values(other),
        };
        let set = values.is_some();
        let joined = values.as_ref().map(|v| v.join(" "));
        let null = joined.as_deref().is_none_or(str::is_empty);
        let value: String = match &e.op {
            ParamOp::Plain => {
                let Some(values) = values else {
                    if self.opts.nounset && !matches!(e.param, Param::Special('@' | '*' | '!')) {
                        let msg = format!("{}: parameter not set", Self::param_name(&e.param));
                        self.shell_error(None, &msg);
                        return Err(Flow::Exit(2));
                    }
                    return Ok(());
                };
                let all = matches!(e.param, Param::Special('@') | Param::Elements(_, false));
                if all && quoted {
                    // "$@": one field per parameter.
                    let n = values.len();
                    for (i, v) in values.iter().enumerate() {
                        b.push_quoted(v);
                        if i + 1 < n {
                            b.end_field();
                        }
                    }
                    return Ok(());
                }
                if all {
                    for v in &values {
                        self.push_value(v, false, b, split);
                        if split && b.started {
                            b.end_field();
                        }
                    }
                    return Ok(());
                }
                values.into_iter().next().unwrap_or_default()
            }
            ParamOp::Length => match &e.param {
                Param::Elements(..) => values.map_or(0, |v| v.len()).to_string(),
                _ => joined.unwrap_or_default().chars().count().to_string(),
            },
            ParamOp::Default { word, colon } => {
                if !set || (*colon && null) {
                    self.expand_single(word)?
                } else {
                    joined.unwrap_or_default()
                }
            }
            ParamOp::Assign { word, colon } => {
                if !set || (*colon && null) {
                    let v = self.expand_single(word)?;
                    match &e.param {
                        Param::Named(n) => {
                            if let Err(msg) = self.set_var(n, v.clone()) {
                                self.shell_error(None, &msg);
                                return Err(Flow::Exit(2));
                            }
                        }
                        other => {
                            let msg = format!("{}: bad variable name", Self::param_name(other));
                            self.shell_error(None, &msg);
                            return Err(Flow::Exit(2));
                        }
                    }
                    v
                } else {
                    joined.unwrap_or_default()
                }
            }
            ParamOp::Alternative { word, colon } => {
                if !set || (*colon && null) {
                    String::new()
                } else {
                    self.expand_single(word)?
                }
            }
            ParamOp::Error { word, colon } => {
                if !set || (*colon && null) {
                    let msg = match word {
                        Some(w) => self.expand_single(w)?,
                        None => {
                            if set {
                                "parameter null".to_owned()
                            } else {
                                "parameter not set".to_owned()
                            }
                        }
                    };
                    let msg = format!("{}: {}", Self::param_name(&e.param), msg);
                    self.shell_error(None, &msg);
                    return Err(Flow::Exit(2));
                }
                joined.unwrap_or_default()
            }
            ParamOp::TrimPrefix { pattern, longest } => {
                let pat = self.expand_pattern(pattern)?;
                pattern::trim_prefix(&joined.unwrap_or_default(), &pat, *longest)
            }
            ParamOp::TrimSuffix { pattern, longest } => {
                let pat = self.expand_pattern(pattern)?;
                pattern::trim_suffix(&joined.unwrap_or_default(), &pat, *longest)
            }
            ParamOp::Substring { offset, length } => {
                let v = joined.unwrap_or_default();
                let chars: Vec<char> = v.chars().collect();
                let len = chars.len() as i64;
                let mut off = self.eval_arith(offset)?;
                if off < 0 {
                    off = (len + off).max(0);
                }
                let off = off.min(len);
                let end = match length {
                    Some(l) => {
                        let l = self.eval_arith(l)?;
                        if l < 0 {
                            (len + l).max(off)
                        } else {
                            (off + l).min(len)
                        }
                    }
                    None => len,
                };
                chars[off as usize..end as usize].iter().collect()
            }
            ParamOp::Replace {
                pattern: pw,
                replacement,
                mode,
            } => {
                let v = joined.unwrap_or_default();
                let pat = self.expand_pattern(pw)?;
                let rep = self.expand_single(replacement)?;
                replace(&v, &pat, &rep, *mode)
            }
            ParamOp::Bad => {
                self.shell_error(None, "syntax error: bad substitution");
                return Err(Flow::Exit(2));
            }
        };
        self.push_value(&value, quoted, b, split);
        Ok(())
    }

    /// Expands a glob pattern against the file system (sorted; empty when nothing matches).
    fn glob(&mut self, pat: &str) -> Vec<String> {
        let absolute = pat.starts_with('/');
        let base = if absolute {
            "/".to_owned()
        } else {
            self.cwd.clone()
        };
        let mut results: Vec<String> = vec![String::new()];
        for comp in pat.split('/').filter(|c| !c.is_empty()) {
            let mut next = Vec::new();
            for prefix in &results {
                let dir =
                    crate::shell::fs::absolute(&base, if prefix.is_empty() { "." } else { prefix });
                if pattern::has_glob(comp) {
                    let Ok(names) = self.host.fs().list(&dir) else {
                        continue;
                    };
                    for name in names {
                        if name.starts_with('.') && !comp.starts_with('.') {
                            continue;
                        }
                        if pattern::matches(comp, &name) {
                            next.push(join(prefix, &name, absolute));
                        }
                    }
                } else {
                    let lit = pattern::unescape(comp);
                    let candidate = join(prefix, &lit, absolute);
                    let path = crate::shell::fs::absolute(&base, &candidate);
                    if self.host.fs().exists(&path) {
                        next.push(candidate);
                    }
                }
            }
            results = next;
            if results.is_empty() {
                break;
            }
        }
        results.retain(|r| !r.is_empty());
        crate::sort::sort(&mut results);
        results
    }

    /// A command substitution that is one plain applet call (`$(date)`, `$(seq 1 10)`)
    /// cannot change the shell state, so it needs no subshell copy.
    fn is_simple_applet_call(&self, list: &List) -> bool {
        let [item] = list.as_slice() else {
            return false;
        };
        if item.background || !item.rest.is_empty() || item.first.bang {
            return false;
        }
        item.first.cmds.iter().all(|cmd| match cmd {
            Cmd::Simple(s) => {
                s.assigns.is_empty()
                    && s.redirs.is_empty()
                    && s.words
                        .first()
                        .and_then(|w| w.literal.as_deref())
                        .is_some_and(|name| {
                            crate::shell::applets::is_pure(name) && !self.funcs.contains_key(name)
                        })
            }
            _ => false,
        })
    }

    /// Evaluates `[[ … ]]`.
    pub(crate) fn eval_test_expr(&mut self, t: &TestExpr) -> Result<bool, Flow> {
        Ok(match t {
            TestExpr::And(a, b) => self.eval_test_expr(a)? && self.eval_test_expr(b)?,
            TestExpr::Or(a, b) => self.eval_test_expr(a)? || self.eval_test_expr(b)?,
            TestExpr::Not(a) => !self.eval_test_expr(a)?,
            TestExpr::Word(w) => !self.expand_single(w)?.is_empty(),
            TestExpr::Unary(op, w) => {
                let v = self.expand_single(w)?;
                let args = vec![op.clone(), v];
                crate::shell::applets::test::evaluate(self, &args).unwrap_or(false)
            }
            TestExpr::Binary(op, a, b) => {
                let left = self.expand_single(a)?;
                match op.as_str() {
                    "==" | "=" => {
                        let pat = self.expand_pattern(b)?;
                        pattern::matches(&pat, &left)
                    }
                    "!=" => {
                        let pat = self.expand_pattern(b)?;
                        !pattern::matches(&pat, &left)
                    }
                    _ => {
                        let right = self.expand_single(b)?;
                        let args = vec![left, op.clone(), right];
                        crate::shell::applets::test::evaluate(self, &args).unwrap_or(false)
                    }
                }
            }
        })
    }
}

fn join(prefix: &str, name: &str, absolute: bool) -> String {
    if prefix.is_empty() {
        if absolute {
            format!("/{name}")
        } else {
            name.to_owned()
        }
    } else {
        format!("{prefix}/{name}")
    }
}

fn replace(v: &str, pat: &str, rep: &str, mode: ReplaceMode) -> String {
    match mode {
        ReplaceMode::Prefix => {
            let bounds: Vec<usize> = v.char_indices().map(|(i, _)| i).chain([v.len()]).collect();
            for &end in bounds.iter().rev() {
                if pattern::matches(pat, &v[..end]) {
                    return format!("{rep}{}", &v[end..]);
                }
            }
            v.to_owned()
        }
        ReplaceMode::Suffix => {
            let bounds: Vec<usize> = v.char_indices().map(|(i, _)| i).chain([v.len()]).collect();
            for &start in &bounds {
                if pattern::matches(pat, &v[start..]) {
                    return format!("{}{rep}", &v[..start]);
                }
            }
            v.to_owned()
        }
        ReplaceMode::First | ReplaceMode::All => {
            let mut out = String::new();
            let mut pos = 0;
            while let Some((s, e)) = pattern::find(v, pat, pos) {
                out.push_str(&v[pos..s]);
                out.push_str(rep);
                if e == s {
                    break;
                }
                pos = e;
                if mode == ReplaceMode::First {
                    break;
                }
            }
            out.push_str(&v[pos..]);
            out
        }
    }
}
