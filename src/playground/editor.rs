//! The manifest editor's model: the file being edited and what validation found in it,
//! positioned by line for the gutter markers and the messages beside the lines.

use crate::manifest::{self, Severity};

/// The file in the editor and its diagnostics (recomputed whenever the text changes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editor {
    /// The name `kubectl apply -f` uses (`data-processing-job.yaml`).
    pub file_name: String,
    pub text: String,
    pub problems: Vec<Problem>,
    /// Bumped when the text is replaced by the program (an example loaded, a restore), not
    /// by typing: the editor view then puts the new text in its textarea.
    pub revision: u64,
}

/// One diagnostic, placed in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line; 0 when the finding has no place (shown in the list only).
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    /// `line 4, column 1: message` (or just the message when it has no place).
    pub fn located(&self) -> String {
        if self.line == 0 {
            self.message.clone()
        } else {
            format!(
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

impl Editor {
    /// An editor holding `text` under `file_name`, already validated.
    pub fn new(file_name: &str, text: &str) -> Editor {
        let mut editor = Editor {
            file_name: file_name.to_string(),
            text: String::new(),
            problems: Vec::new(),
            revision: 0,
        };
        editor.set_text(text.to_string());
        editor
    }

    /// An editor holding `text` under `file_name`, not validated (before the simulator,
    /// which validates, has arrived). Its revision is one no checked editor has, so the
    /// view puts the simulator's text in (when it differs) once that arrives.
    pub fn unchecked(file_name: String, text: String) -> Editor {
        Editor {
            file_name,
            text,
            problems: Vec::new(),
            revision: u64::MAX,
        }
    }

    /// The user typed: new text, validated again. Returns whether anything changed.
    pub fn set_text(&mut self, text: String) -> bool {
        if text == self.text && !self.text.is_empty() {
            return false;
        }
        self.problems = problems(&self.file_name, &text);
        self.text = text;
        true
    }

    /// The program replaced the file (example, restore): the view must show it.
    pub fn replace(&mut self, file_name: &str, text: &str) {
        self.file_name = file_name.to_string();
        self.text.clear();
        self.set_text(text.to_string());
        self.revision += 1;
    }

    /// Errors (not warnings) found.
    pub fn error_count(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// The most severe problem on each line that has one, by line (1-based).
    pub fn problem_on_line(&self, line: usize) -> Option<&Problem> {
        self.problems
            .iter()
            .filter(|p| p.line == line)
            .min_by_key(|p| p.severity)
    }
}

/// Where line `line` (1-based) starts in `text`, in UTF-16 code units (how a textarea
/// counts for its selection); past the end gives the text's length.
pub fn utf16_line_start(text: &str, line: usize) -> usize {
    let mut units = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 >= line {
            return units;
        }
        units += l.encode_utf16().count() + 1;
    }
    text.encode_utf16().count()
}

/// Validation as the API server would answer a create, plus the guide's lints.
fn problems(file_name: &str, text: &str) -> Vec<Problem> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let report = manifest::check(file_name, text);
    let mut problems: Vec<Problem> = report
        .diagnostics()
        .map(|d| Problem {
            line: d.position.map_or(0, |p| p.line),
            column: d.position.map_or(0, |p| p.column),
            severity: d.severity,
            message: d.message.clone(),
        })
        .collect();
    crate::sort::sort_by_key(&mut problems, |p| (p.severity, p.line, p.column));
    problems.dedup();
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_manifest_has_no_errors() {
        let editor = Editor::new("pi.yaml", crate::playground::examples::DEFAULT.yaml);
        assert_eq!(editor.error_count(), 0, "{:?}", editor.problems);
    }

    #[test]
    fn broken_yaml_is_an_error_on_its_line() {
        let editor = Editor::new(
            "x.yaml",
            "apiVersion: batch/v1\nkind: Job\nmetadata: [broken\n",
        );
        let problem = &editor.problems[0];
        assert_eq!(problem.severity, Severity::Error);
        assert_eq!(problem.line, 3, "{problem:?}");
        assert!(problem.located().starts_with("line 3, column"));
        assert_eq!(editor.problem_on_line(3), Some(problem));
    }

    #[test]
    fn an_invalid_field_is_placed_on_the_line_that_holds_it() {
        let text = crate::playground::examples::DEFAULT
            .yaml
            .replace("restartPolicy: Never", "restartPolicy: Always");
        let line = text
            .lines()
            .position(|l| l.contains("restartPolicy"))
            .expect("the example sets a restart policy")
            + 1;
        let editor = Editor::new("x.yaml", &text);
        let problem = editor
            .problem_on_line(line)
            .expect("a problem on that line");
        assert_eq!(problem.severity, Severity::Error);
        assert!(problem.message.contains("restartPolicy"), "{problem:?}");
    }

    #[test]
    fn lints_are_warnings_not_errors() {
        let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n";
        let editor = Editor::new("x.yaml", text);
        assert_eq!(editor.error_count(), 0, "{:?}", editor.problems);
        assert!(
            editor
                .problems
                .iter()
                .any(|p| p.severity == Severity::Warning),
            "{:?}",
            editor.problems
        );
    }

    #[test]
    fn line_starts_count_utf16_units() {
        let text = "a: é\nb: 𝄞\nc";
        assert_eq!(utf16_line_start(text, 1), 0);
        assert_eq!(utf16_line_start(text, 2), 5);
        assert_eq!(utf16_line_start(text, 3), 11);
        assert_eq!(utf16_line_start(text, 99), 12);
    }

    #[test]
    fn typing_keeps_the_revision_and_replacing_bumps_it() {
        let mut editor = Editor::new("a.yaml", "kind: Job\n");
        assert!(editor.set_text("kind: Job\n#\n".into()));
        assert!(!editor.set_text("kind: Job\n#\n".into()));
        assert_eq!(editor.revision, 0);
        editor.replace("b.yaml", "kind: Job\n");
        assert_eq!((editor.revision, editor.file_name.as_str()), (1, "b.yaml"));
    }
}
