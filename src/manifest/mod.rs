//! Manifests: YAML text to Kubernetes objects, with a line and column for every mistake.

use serde::Deserialize;

/// A place in the user's text; both numbers start at 1, as editors count them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// How serious a diagnostic is: errors stop an apply, warnings never do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a manifest, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Zero-based index of the YAML document in the stream.
    pub document: usize,
    pub message: String,
    pub position: Option<Position>,
}

/// What one YAML document is: its `kind` and `metadata.name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSummary {
    pub kind: String,
    pub name: String,
}

/// The outcome of reading a YAML stream: what parsed, and what did not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub documents: Vec<DocumentSummary>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// True when no diagnostic is an error.
    pub fn is_ok(&self) -> bool {
        self.diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error)
    }
}

/// Reads every document of a YAML stream (`---` separated).
pub fn load(text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    for (index, document) in serde_yaml::Deserializer::from_str(text).enumerate() {
        match serde_yaml::Value::deserialize(document) {
            Ok(serde_yaml::Value::Null) => {}
            Ok(value) => loaded.documents.push(DocumentSummary {
                kind: string_at(&value, &["kind"]),
                name: string_at(&value, &["metadata", "name"]),
            }),
            Err(error) => {
                loaded.diagnostics.push(Diagnostic {
                    severity: Severity::Error,
                    document: index,
                    position: error.location().map(|l| Position {
                        line: l.line(),
                        column: l.column(),
                    }),
                    message: error.to_string(),
                });
                // A syntax error ends the stream: later documents cannot be located reliably.
                break;
            }
        }
    }
    loaded
}

fn string_at(value: &serde_yaml::Value, path: &[&str]) -> String {
    let mut node = value;
    for key in path {
        match node.get(*key) {
            Some(next) => node = next,
            None => return String::new(),
        }
    }
    node.as_str().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kind_and_name_of_each_document() {
        let loaded =
            load("kind: Job\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  name: b\n");
        assert!(loaded.is_ok());
        let names: Vec<_> = loaded
            .documents
            .iter()
            .map(|d| (d.kind.as_str(), d.name.as_str()))
            .collect();
        assert_eq!(names, [("Job", "a"), ("Pod", "b")]);
    }

    #[test]
    fn syntax_error_has_its_line() {
        let loaded = load("kind: Job\nmetadata:\n  name: [unclosed\n");
        assert!(!loaded.is_ok());
        let position = loaded.diagnostics[0]
            .position
            .expect("serde_yaml locates syntax errors");
        assert_eq!(position.line, 4);
    }
}
