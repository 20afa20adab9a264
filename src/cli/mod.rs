//! The native `jobsim` command: `validate`, `run` and `session` over the same core as the
//! browser playground. Only this module touches the file system and the process exit code.

use std::ffi::OsString;
use std::io::Read;

use crate::manifest::{self, Severity};

const USAGE: &str = "\
jobsim - a Kubernetes Job playground without a cluster

Usage:
  jobsim validate FILE...     check Job manifests as the API server would (- reads stdin)
  jobsim help                 show this text
";

/// Runs the CLI with `args` (without the program name) and returns the exit status.
pub fn run(args: &[OsString]) -> i32 {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate(&args[1..]),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            0
        }
        Some(other) => {
            eprintln!("error: unknown command {other:?}\n\n{USAGE}");
            2
        }
        None => {
            eprint!("{USAGE}");
            2
        }
    }
}

fn validate(files: &[String]) -> i32 {
    if files.is_empty() {
        eprintln!("error: validate needs at least one FILE (or - for stdin)");
        return 2;
    }
    let mut status = 0;
    for file in files {
        let text = match read_input(file) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("error: {file}: {error}");
                return 2;
            }
        };
        for diagnostic in manifest::load(&text).diagnostics {
            let place = match diagnostic.position {
                Some(p) => format!("{file}:{}:{}", p.line, p.column),
                None => file.clone(),
            };
            match diagnostic.severity {
                Severity::Error => {
                    status = 1;
                    println!("error: {}\n  --> {place}", diagnostic.message);
                }
                Severity::Warning => println!("Warning: {}\n  --> {place}", diagnostic.message),
            }
        }
    }
    status
}

fn read_input(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}
