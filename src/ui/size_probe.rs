//! TEMPORARY size probe (branch `size`; delete when the real playground UI lands): links what
//! the final app will link — the engine, `kubectl::execute` with every command and printer,
//! the session shell and `manifest::load` — so `./dev size` and twiggy measure the real app.
//! It only runs when the saved editor text starts with `#size-probe`; then the text's lines up
//! to `---` are kubectl command lines and session script, the rest is `job.yaml`.

use std::collections::BTreeMap;

use crate::kubectl::{self, Env, session::Session};
use crate::manifest;
use crate::sim::{Cluster, config::ClusterConfig};

use super::storage;

/// Runs the probe if the saved editor text asks for it, and saves its transcript instead.
pub(super) fn run_if_requested() {
    let Some(text) = storage::load_editor_text() else {
        return;
    };
    let Some(rest) = text.strip_prefix("#size-probe\n") else {
        return;
    };
    let (script, yaml) = rest.split_once("\n---\n").unwrap_or((rest, ""));
    let loaded = manifest::load("job.yaml", yaml);
    let mut out = format!("{} documents\n", loaded.documents.len());
    let files = BTreeMap::from([("job.yaml".to_string(), yaml.to_string())]);
    let mut cluster = Cluster::new(ClusterConfig::default(), yaml.len() as u64);
    let env = Env {
        files: Some(&files),
        stdin: yaml,
    };
    for line in script.lines() {
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let execution = kubectl::execute(&mut cluster, &env, &args);
        out.push_str(&execution.output.stdout);
        out.push_str(&execution.output.stderr);
        if let Some(mut continuation) = execution.continuation {
            cluster.step();
            out.push_str(&continuation.poll(&cluster).output.stdout);
        }
    }
    let mut session = Session::new(cluster, &files);
    out.push_str(&session.run_script(script));
    storage::save_editor_text(&out);
}
