//! A checked document as the API server's `Status` object (metav1 `Status`, with
//! `details.causes`), plus `line`/`column` on each cause and a `warnings` list: the shape
//! `jobsim validate -o json` prints.

use serde_json::{Value, json};

use super::{Checked, Diagnostic, Outcome, Severity};

/// The `Status` for one document.
pub fn status(document: &Checked) -> Value {
    let group = match document.kind.as_str() {
        "Job" => "batch",
        _ => "",
    };
    let errors: Vec<&Diagnostic> = document
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let causes: Vec<Value> = errors.iter().copied().map(cause).collect();
    let warnings: Vec<Value> = document
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(cause)
        .collect();
    let mut status = match &document.outcome {
        Outcome::Valid => json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {},
            "status": "Success",
            "details": {"name": document.name, "group": group, "kind": document.kind},
            "code": 201,
        }),
        Outcome::Invalid { api, .. } => json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {},
            "status": "Failure",
            "message": api,
            "reason": "Invalid",
            "details": {"name": document.name, "group": group, "kind": document.kind, "causes": causes},
            "code": 422,
        }),
        Outcome::BadRequest { api, .. } => json!({
            "kind": "Status", "apiVersion": "v1", "metadata": {},
            "status": "Failure",
            "message": api,
            "reason": "BadRequest",
            "details": {"causes": causes},
            "code": 400,
        }),
    };
    if !warnings.is_empty() {
        status["warnings"] = Value::Array(warnings);
    }
    status
}

/// One `StatusCause`: `reason`, `message` (without the field, as `ErrorBody`), `field`,
/// and where it is.
fn cause(d: &Diagnostic) -> Value {
    let prefix = format!("{}: ", d.field);
    let message = match d.message.strip_prefix(&prefix) {
        Some(body) if !d.field.is_empty() => body,
        _ => &d.message,
    };
    let mut cause = serde_json::Map::new();
    if let Some(reason) = d.reason.cause() {
        cause.insert("reason".into(), reason.into());
    }
    cause.insert("message".into(), message.into());
    if !d.field.is_empty() {
        cause.insert("field".into(), d.field.clone().into());
    }
    if let Some(p) = d.position {
        cause.insert("line".into(), p.line.into());
        cause.insert("column".into(), p.column.into());
    }
    Value::Object(cause)
}
