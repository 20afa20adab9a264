//! `jobsim validate FILE... [-o text|json]`: each document checked as the API server would
//! on create, reported in kubectl's words with `  --> FILE:LINE:COL` under every cause, or
//! as API `Status` objects. Exit status: 0 all valid (warnings allowed), 1 any invalid,
//! 2 unreadable file or usage error.

use std::fmt::Write as _;

use crate::manifest::{self, Checked, Diagnostic, Outcome, Severity, status};

const USAGE: &str = "usage: jobsim validate FILE... [-o text|json]   (- reads stdin)";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// Runs `validate` with its arguments; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let (files, format) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return 2;
        }
    };
    let mut reports = Vec::new();
    for file in &files {
        match super::read_input(file) {
            Ok(text) => reports.push(manifest::check(file, &text)),
            Err(error) => {
                eprintln!("error: {file}: {error}");
                return 2;
            }
        }
    }
    let n_documents: usize = reports.iter().map(|r| r.documents.len()).sum();
    let any_invalid = reports.iter().any(|r| !r.is_ok());
    match format {
        Format::Json => {
            let statuses: Vec<serde_json::Value> = reports
                .iter()
                .flat_map(|r| r.documents.iter().map(status::status))
                .collect();
            let value = match statuses.as_slice() {
                [one] => one.clone(),
                _ => serde_json::Value::Array(statuses),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        Format::Text => {
            let mut out = String::new();
            for report in &reports {
                for document in &report.documents {
                    render_text(&mut out, &report.file_name, document);
                }
            }
            if n_documents == 0 {
                out.push_str("error: no objects passed to validate\n");
            }
            print!("{out}");
        }
    }
    if any_invalid || n_documents == 0 {
        1
    } else {
        0
    }
}

fn parse_args(args: &[String]) -> Result<(Vec<String>, Format), String> {
    let mut files = Vec::new();
    let mut format = Format::Text;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let value = match arg.as_str() {
            "-o" | "--output" => Some(
                iter.next()
                    .ok_or("-o needs a value: text or json")?
                    .as_str(),
            ),
            a => a
                .strip_prefix("-o=")
                .or_else(|| a.strip_prefix("--output=")),
        };
        match value {
            Some("json") => format = Format::Json,
            Some("text") => format = Format::Text,
            Some(other) => {
                return Err(format!(
                    "unknown output format {other:?} (use text or json)"
                ));
            }
            None if arg.starts_with('-') && arg != "-" => {
                return Err(format!("unknown flag {arg:?}"));
            }
            None => files.push(arg.clone()),
        }
    }
    if files.is_empty() {
        return Err("validate needs at least one FILE (or - for stdin)".into());
    }
    Ok((files, format))
}

fn place(file: &str, d: &Diagnostic) -> String {
    let shown = if file == "-" { "STDIN" } else { file };
    match d.position {
        Some(p) => format!("  --> {shown}:{}:{}", p.line, p.column),
        None => format!("  --> {shown}"),
    }
}

/// One document in kubectl's words, each cause followed by where it is.
pub fn render_text(out: &mut String, file: &str, document: &Checked) {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) = document
        .diagnostics
        .iter()
        .partition(|d| d.severity == Severity::Error);
    for w in &warnings {
        let _ = writeln!(out, "Warning: {}\n{}", w.message, place(file, w));
    }
    match &document.outcome {
        Outcome::Valid => {
            let kind = match document.kind.as_str() {
                "Job" => "job.batch".to_string(),
                other => other.to_lowercase(),
            };
            let _ = writeln!(out, "{kind}/{} created (server dry run)", document.name);
        }
        Outcome::Invalid { .. } => {
            let prefix = format!("The {} {:?} is invalid: ", document.kind, document.name);
            match errors.as_slice() {
                [one] => {
                    let _ = writeln!(out, "{prefix}{}\n{}", one.message, place(file, one));
                }
                many => {
                    let _ = writeln!(out, "{prefix}");
                    for e in many {
                        let _ = writeln!(out, "* {}\n{}", e.message, place(file, e));
                    }
                }
            }
        }
        Outcome::BadRequest { kubectl, .. } => {
            let _ = writeln!(out, "{kubectl}");
            for e in &errors {
                let _ = writeln!(out, "{}", place(file, e));
            }
        }
    }
}
