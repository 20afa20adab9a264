//! The native `jobsim` command: `validate`, `run` and `session` over the same core as the
//! browser playground. Only this module touches the file system and the process exit code.

pub mod run;
pub mod session;
pub mod validate;

use std::ffi::OsString;
use std::io::Read;

const USAGE: &str = "\
jobsim - a Kubernetes Job playground without a cluster

Usage:
  jobsim validate FILE... [-o text|json]
                              check manifests as the API server would (- reads stdin)
  jobsim run FILE [--seed N] [--until DURATION] [--nodes N] [--start RFC3339]
             [-o text|json|yaml|summary]
                              run the manifests in a simulated cluster until they finish
  jobsim session FILE|- [--seed N] [--nodes N]
                              run a script of kubectl lines, print the terminal transcript
  jobsim help                 show this text
";

/// Runs the CLI with `args` (without the program name) and returns the exit status.
pub fn run(args: &[OsString]) -> i32 {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // `jobsim run --help` and friends: the usage, on stdout, successfully.
    if args.len() > 1 && args[1..].iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return 0;
    }
    match args.first().map(String::as_str) {
        Some("validate") => validate::run(&args[1..]),
        Some("run") => run::run(&args[1..]),
        Some("session") => session::run(&args[1..]),
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

/// Reads a file, or standard input for `-`.
fn read_input(file: &str) -> std::io::Result<String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(file)
    }
}
