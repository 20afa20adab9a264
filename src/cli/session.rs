//! `jobsim session FILE|- [--seed N] [--nodes N]`: runs a shell script of kubectl lines
//! against a fresh simulated cluster and prints the terminal transcript. `-f FILE` paths are
//! relative to the script's folder: its manifest files are available to the session.

use std::collections::BTreeMap;
use std::path::Path;

use crate::kubectl::flags::{self, Spec, value};
use crate::kubectl::session::Session;
use crate::sim::Cluster;
use crate::sim::config::ClusterConfig;

const FLAGS: &[Spec] = &[value("seed", None), value("nodes", None)];

/// Runs `jobsim session …`; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let parsed = match flags::parse(args, &[FLAGS]) {
        Ok(p) => p,
        Err(e) => return usage(&e),
    };
    let [file] = parsed.args.as_slice() else {
        return usage("session needs exactly one FILE (or - for stdin)");
    };
    let seed = match parsed.value("seed").map(str::parse::<u64>) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage("--seed must be a non-negative integer"),
    };
    let config = match parsed.value("nodes").map(str::parse::<usize>) {
        None => ClusterConfig::default(),
        Some(Ok(n)) if (1..=1000).contains(&n) => ClusterConfig::with_workers(n),
        Some(_) => return usage("--nodes must be between 1 and 1000"),
    };
    let script = match super::read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return 2;
        }
    };
    let folder = if file == "-" {
        Path::new(".")
    } else {
        Path::new(file).parent().unwrap_or(Path::new("."))
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let mut session = Session::new(Cluster::new(config, seed), &manifests_in(folder));
    print!("{}", session.run_script(&script));
    0
}

/// The manifest files of a folder, by file name.
fn manifests_in(folder: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_manifest = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
        // Only regular files, and only manifests, are read: a script given as `<(…)` lives
        // in /dev/fd, where opening the other entries (pipes, terminals) would block.
        if !is_manifest || !path.is_file() {
            continue;
        }
        if let (Some(name), Ok(text)) = (
            path.file_name().and_then(|n| n.to_str()),
            std::fs::read_to_string(&path),
        ) {
            files.insert(name.to_string(), text);
        }
    }
    files
}

fn usage(message: &str) -> i32 {
    eprintln!("error: {message}\nUsage: jobsim session FILE|- [--seed N] [--nodes N]");
    2
}
