//! Manifests: YAML text to Kubernetes objects, with a line and column for every mistake.
//!
//! [`load`] reads a multi-document stream the way kubectl and the API server decode it
//! (document splitting, YAML 1.1 scalars, strict field validation, Go type errors).
//! [`check`] then defaults, prepares and validates each Job as the API server would on
//! create and adds the guide's best-practice [`lints`]; every diagnostic is positioned.

mod check;
mod decode;
pub mod lints;
mod locate;
mod read;
mod resolve;
pub mod status;
pub mod stream;
pub mod tree;
pub(crate) mod value_de;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};

use crate::apiserver::ErrorType;
use tree::{Node, NodeValue};

pub use check::{Checked, Outcome, PLACEHOLDER_UID, Report, check};

/// A place in the user's text; both numbers start at 1, as editors count them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// How serious a diagnostic is: errors stop an apply, warnings never do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of finding a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A validation error (or a Go type error, `TypeInvalid`), by apimachinery error type.
    Cause(ErrorType),
    /// A field the type does not have (strict field validation).
    UnknownField,
    /// Broken YAML, or a document separator with content after it.
    Syntax,
    /// A missing or unsupported `apiVersion`/`kind`.
    Kind,
    /// A warning the API server returns with a successful create.
    ApiWarning,
    /// A best-practice warning from the seed guide.
    Lint(&'static str),
}

impl Reason {
    /// The Status cause type (`FieldValueInvalid`, `FieldValueUnknown`, ...), if any.
    pub fn cause(self) -> Option<&'static str> {
        match self {
            Reason::Cause(t) => Some(t.as_cause()),
            Reason::UnknownField => Some("FieldValueUnknown"),
            _ => None,
        }
    }
}

/// One problem found in a manifest, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Zero-based index of the document among the stream's non-empty documents.
    pub document: usize,
    /// Kubernetes field path (`spec.template.spec.containers[0].image`); empty when the
    /// finding is about the whole document.
    pub field: String,
    pub reason: Reason,
    /// Kubernetes' words: `spec.completions: Invalid value: -1: must be ...`,
    /// `unknown field "spec.completion"`, ...
    pub message: String,
    pub position: Option<Position>,
}

/// The objects jobsim reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Job(Box<Job>),
    ConfigMap(Box<ConfigMap>),
    Secret(Box<Secret>),
}

impl Object {
    /// `Job`, `ConfigMap` or `Secret`.
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Job(_) => "Job",
            Object::ConfigMap(_) => "ConfigMap",
            Object::Secret(_) => "Secret",
        }
    }

    /// The object's metadata, as written.
    pub fn metadata(&self) -> &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
        match self {
            Object::Job(o) => &o.metadata,
            Object::ConfigMap(o) => &o.metadata,
            Object::Secret(o) => &o.metadata,
        }
    }

    /// `metadata.name` (empty when only `generateName` is set).
    pub fn name(&self) -> &str {
        self.metadata().name.as_deref().unwrap_or("")
    }

    /// `metadata.generateName` (empty when unset).
    pub fn generate_name(&self) -> &str {
        self.metadata().generate_name.as_deref().unwrap_or("")
    }

    /// The `batch/v1, Resource=jobs` / `batch/v1, Kind=Job` pair kubectl prints for it.
    pub fn resource_and_kind(&self) -> (&'static str, &'static str) {
        match self {
            Object::Job(_) => ("batch/v1, Resource=jobs", "batch/v1, Kind=Job"),
            Object::ConfigMap(_) => ("/v1, Resource=configmaps", "/v1, Kind=ConfigMap"),
            Object::Secret(_) => ("/v1, Resource=secrets", "/v1, Kind=Secret"),
        }
    }
}

/// One decoded document: the object as written (not yet defaulted) and its node tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub index: usize,
    pub object: Object,
    tree: Node,
}

impl Document {
    /// Where a field path points in the user's text (the nearest written ancestor when the
    /// field itself was not written).
    pub fn position(&self, field_path: &str) -> Position {
        self.tree.locate(field_path)
    }
}

/// The outcome of reading a YAML stream: what decoded, and what did not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub documents: Vec<Document>,
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

/// A document that could not be decoded: kubectl's message and the positioned causes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// What kubectl prints (`Error from server (BadRequest): ...`).
    pub kubectl: String,
    /// The API server's Status message, when the server would have answered.
    pub api: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// What reading one document gave.
pub(crate) struct Read {
    pub index: usize,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub result: Result<Document, Refusal>,
}

/// Reads every document of a YAML stream (`---` separated). One bad document never hides
/// the others; `file_name` is used in kubectl-style messages (`-` reads as `STDIN`).
pub fn load(file_name: &str, text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    for read in read_stream(file_name, text) {
        match read.result {
            Ok(document) => loaded.documents.push(document),
            Err(refusal) => loaded.diagnostics.extend(refusal.diagnostics),
        }
    }
    loaded
}

/// One YAML (or JSON) document as a JSON value, as kubectl reads a patch
/// (`yaml.ToJSON`); the error is the YAML parser's, with its line.
pub fn yaml_value(text: &str) -> Result<serde_json::Value, String> {
    let chunk = stream::Chunk {
        text,
        line_offset: 0,
    };
    match tree::parse(&chunk) {
        Ok(Some(node)) => Ok(resolve::to_json(&node)),
        Ok(None) => Ok(serde_json::Value::Null),
        Err(e) => Err(format!("yaml: line {}: {}", e.position.line, e.problem)),
    }
}

pub(crate) fn read_stream(file_name: &str, text: &str) -> Vec<Read> {
    let shown = if file_name == "-" { "STDIN" } else { file_name };
    let mut reads = Vec::new();
    for chunk in stream::split(text) {
        let index = reads.len();
        let refuse = |message: String, line: usize, column: usize| Read {
            index,
            api_version: String::new(),
            kind: String::new(),
            name: String::new(),
            result: Err(Refusal {
                kubectl: format!("error: error parsing {shown}: {message}"),
                api: message.clone(),
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    document: index,
                    field: String::new(),
                    reason: Reason::Syntax,
                    message,
                    position: Some(Position { line, column }),
                }],
            }),
        };
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(bad) => {
                reads.push(refuse(bad.message, bad.line, 1));
                continue;
            }
        };
        match tree::parse(&chunk) {
            Err(e) => reads.push(refuse(
                format!(
                    "error converting YAML to JSON: yaml: line {}: {}",
                    e.position.line, e.problem
                ),
                e.position.line,
                e.position.column,
            )),
            Ok(None) => {}
            Ok(Some(node)) if is_null(&node) => {}
            Ok(Some(node)) => reads.push(read::read_document(index, shown, node)),
        }
    }
    reads
}

fn is_null(node: &Node) -> bool {
    matches!(&node.value, NodeValue::Scalar { text, plain: true, .. } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
}
