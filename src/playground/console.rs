//! The terminal pane's state: the kubectl [`Terminal`] engine, the transcript on screen, the
//! line being typed and the position in the history. Lines run through
//! [`Session::kubectl`](super::session::Session::kubectl), so those that change the cluster
//! are recorded and replayed; `--watch`/`logs -f` keep printing as time runs
//! ([`Console::poll`]) until Ctrl+C.

use std::rc::Rc;

use super::session::Session;
use crate::kubectl::terminal::Terminal;

/// The prompt shown before each line.
pub const PROMPT: &str = "$ ";
/// The transcript keeps at most this many lines (the oldest go first).
const MAX_LINES: usize = 2_000;

/// One line of the transcript.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsoleLine {
    /// A typed command (shown after the prompt) or what a command printed.
    pub kind: LineKind,
    pub text: String,
}

/// What a transcript line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    Command,
    Output,
}

/// A key the terminal handles itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleKey {
    /// ↑: the previous line of the history.
    Up,
    /// ↓: the next line of the history (or an empty line past the newest).
    Down,
    /// Tab: complete the word under the cursor.
    Tab,
    /// Ctrl+C: stop a streaming command, or abandon the typed line.
    Interrupt,
    /// Ctrl+L: clear the screen.
    Clear,
}

/// The terminal pane.
#[derive(Clone, Debug, Default)]
pub struct Console {
    pub terminal: Terminal,
    /// The transcript, oldest first.
    pub lines: Rc<Vec<ConsoleLine>>,
    /// The line being typed.
    pub input: String,
    /// Bumped when the input was set by the terminal (history, completion), so the view
    /// puts it into the text box.
    pub input_revision: u64,
    history_cursor: Option<usize>,
}

impl Console {
    /// Whether a `--watch`/`-f` is streaming.
    pub fn is_busy(&self) -> bool {
        self.terminal.is_busy()
    }

    /// Runs `line` against the session (echoed after the prompt); returns whether the line
    /// changed the cluster (it was recorded).
    pub fn run(&mut self, session: &mut Session, line: &str, files: &[(String, String)]) -> bool {
        if self.terminal.is_busy() {
            self.interrupt();
        }
        for (name, text) in files {
            self.terminal.put_file(name, text);
        }
        self.push(LineKind::Command, line.to_string());
        let (output, changed) = session.kubectl(&mut self.terminal, line, files);
        self.print(&output);
        self.history_cursor = None;
        self.set_input(String::new());
        changed
    }

    /// Prints what a streaming command has produced since the last poll.
    pub fn poll(&mut self, session: &Session) -> bool {
        if !self.terminal.is_busy() {
            return false;
        }
        let output = self.terminal.poll(session.cluster());
        self.print(&output);
        !output.is_empty()
    }

    /// Stops a streaming command (prints `^C`).
    pub fn interrupt(&mut self) {
        if self.terminal.is_busy() {
            let text = self.terminal.interrupt();
            self.print(&text);
        }
    }

    /// Handles a special key against the session's cluster (for completion).
    pub fn key(&mut self, session: &Session, key: ConsoleKey) {
        match key {
            ConsoleKey::Up => self.history(true),
            ConsoleKey::Down => self.history(false),
            ConsoleKey::Tab => self.complete(session),
            ConsoleKey::Interrupt => {
                if self.terminal.is_busy() {
                    self.interrupt();
                } else {
                    let typed = std::mem::take(&mut self.input);
                    self.push(LineKind::Command, format!("{typed}^C"));
                    self.set_input(String::new());
                }
            }
            ConsoleKey::Clear => self.lines = Rc::default(),
        }
    }

    fn history(&mut self, back: bool) {
        let history = &self.terminal.history;
        if history.is_empty() {
            return;
        }
        let cursor = match (self.history_cursor, back) {
            (None, true) => Some(history.len() - 1),
            (None, false) => None,
            (Some(c), true) => Some(c.saturating_sub(1)),
            (Some(c), false) if c + 1 < history.len() => Some(c + 1),
            (Some(_), false) => None,
        };
        self.history_cursor = cursor;
        let text = cursor.map(|c| history[c].clone()).unwrap_or_default();
        self.set_input(text);
    }

    fn complete(&mut self, session: &Session) {
        let candidates = self.terminal.complete(session.cluster(), &self.input);
        let word_start = if self.input.ends_with(' ') {
            self.input.len()
        } else {
            self.input.rfind(' ').map_or(0, |i| i + 1)
        };
        let current = &self.input[word_start..];
        let completion = match candidates.as_slice() {
            [] => return,
            [only] => format!("{only} "),
            many => common_prefix(many),
        };
        if completion.len() > current.len() || candidates.len() == 1 {
            let text = format!("{}{completion}", &self.input[..word_start]);
            self.set_input(text);
        } else {
            self.push(LineKind::Command, self.input.clone());
            self.push(LineKind::Output, candidates.join("  "));
        }
    }

    fn set_input(&mut self, text: String) {
        self.input = text;
        self.input_revision += 1;
    }

    fn print(&mut self, output: &str) {
        if output.is_empty() {
            return;
        }
        for line in output.strip_suffix('\n').unwrap_or(output).split('\n') {
            self.push(LineKind::Output, line.to_string());
        }
    }

    fn push(&mut self, kind: LineKind, text: String) {
        let lines = Rc::make_mut(&mut self.lines);
        lines.push(ConsoleLine { kind, text });
        if lines.len() > MAX_LINES {
            lines.drain(..lines.len() - MAX_LINES);
        }
    }
}

/// The longest prefix all `words` share (whole characters).
fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for word in &words[1..] {
        end = first
            .char_indices()
            .zip(word.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(word.len()), |((i, _), _)| i)
            .min(end);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests;
