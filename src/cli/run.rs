//! `jobsim run FILE [--seed N] [--until DURATION] [--nodes N] [--start RFC3339]
//! [-o text|json|yaml|summary]`: applies the manifests to a fresh simulated cluster and runs
//! it until every Job has finished and no pod is left running (or `--until` passes).
//!
//! Exit status: 0 every Job Complete, 1 a Job Failed, 3 a Job unfinished at `--until`,
//! 2 invalid manifest or usage error.

use std::fmt::Write as _;

use crate::kubectl::flags::{self, Spec, value};
use crate::kubectl::printers::output::to_api_json;
use crate::kubectl::printers::table::TabWriter;
use crate::kubectl::printers::yaml::to_yaml;
use crate::kubectl::{self, Env};
use crate::objects::{Involved, materialize};
use crate::sim::Cluster;
use crate::sim::clock::{Epoch, SimDuration, SimTime, parse_duration};
use crate::sim::config::ClusterConfig;

const FLAGS: &[Spec] = &[
    value("seed", None),
    value("until", None),
    value("nodes", None),
    value("start", None),
    value("output", Some('o')),
];

/// Runs `jobsim run …`; returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let parsed = match flags::parse(args, &[FLAGS]) {
        Ok(p) => p,
        Err(e) => return usage(&e),
    };
    let [file] = parsed.args.as_slice() else {
        return usage("run needs exactly one FILE (or - for stdin)");
    };
    let seed = match parsed.value("seed").map(str::parse::<u64>) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => return usage("--seed must be a non-negative integer"),
    };
    let until = match parse_duration(parsed.value("until").unwrap_or("24h")) {
        Ok(d) => d,
        Err(e) => return usage(&format!("--until: {e}")),
    };
    let mut config = match parsed.value("nodes").map(str::parse::<usize>) {
        None => ClusterConfig::default(),
        Some(Ok(n)) if (1..=1000).contains(&n) => ClusterConfig::with_workers(n),
        Some(_) => return usage("--nodes must be between 1 and 1000"),
    };
    if let Some(start) = parsed.value("start") {
        match Epoch::parse(start) {
            Ok(epoch) => config.epoch = epoch,
            Err(e) => return usage(&e),
        }
    }
    let format = parsed.value("output").unwrap_or("text");
    if !matches!(format, "text" | "json" | "yaml" | "summary") {
        return usage(&format!(
            "unknown output format {format:?} (text, json, yaml or summary)"
        ));
    }
    let text = match super::read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return 2;
        }
    };
    let report = crate::manifest::check(file, &text);
    if !report.is_ok() {
        let mut out = String::new();
        for document in &report.documents {
            super::validate::render_text(&mut out, file, document);
        }
        eprint!("{out}");
        return 2;
    }
    let mut cluster = Cluster::new(config, seed);
    let files = std::iter::once((file.clone(), text)).collect();
    let env = Env {
        files: Some(&files),
        stdin: "",
    };
    let applied = kubectl::execute(
        &mut cluster,
        &env,
        &["apply".into(), "-f".into(), file.clone()],
    );
    let print_applied = || {
        for (is_stderr, text) in applied.output.pieces() {
            if is_stderr {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
        }
    };
    if applied.output.exit_code != 0 {
        print_applied();
        return 2;
    }
    if format == "text" {
        print_applied();
    }
    let limit = SimTime::ZERO + until;
    cluster.run_while(limit, Cluster::is_settled);
    if !cluster.is_settled() {
        cluster.run_until(limit);
    }
    match format {
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&list(&cluster)).unwrap_or_default()
        ),
        "yaml" => print!("{}", to_yaml(&list(&cluster))),
        "summary" => print!("{}", summary(&cluster)),
        _ => print!("{}", timeline(&mut cluster)),
    }
    let status = exit_status(&cluster);
    // The process ends here: skip freeing a possibly huge cluster object by object.
    std::mem::forget(cluster);
    status
}

fn usage(message: &str) -> i32 {
    eprintln!(
        "error: {message}\nUsage: jobsim run FILE [--seed N] [--until DURATION] [--nodes N] [--start RFC3339] [-o text|json|yaml|summary]"
    );
    2
}

/// 0 all Complete, 1 one Failed, 3 one unfinished.
fn exit_status(cluster: &Cluster) -> i32 {
    let jobs = cluster.job_records();
    if jobs.iter().any(|j| j.status.is_true("Failed")) {
        1
    } else if jobs.iter().all(|j| j.status.is_true("Complete")) {
        0
    } else {
        3
    }
}

/// A `v1` List of every Job and Pod the run created (in their last state) and every Event.
fn list(cluster: &Cluster) -> serde_json::Value {
    let epoch = cluster.epoch();
    let mut items: Vec<serde_json::Value> = Vec::new();
    items.extend(
        cluster
            .job_records()
            .iter()
            .map(|j| to_api_json(&materialize::job_record(epoch, j))),
    );
    items.extend(
        cluster
            .pods()
            .iter()
            .map(|p| to_api_json(&materialize::pod_record(epoch, p))),
    );
    items.extend(
        cluster
            .events()
            .iter()
            .map(|e| to_api_json(&materialize::event(cluster, e))),
    );
    serde_json::json!({ "apiVersion": "v1", "items": items, "kind": "List", "metadata": { "resourceVersion": "" } })
}

/// One line per Job: name, result and reason, counts, pods created, duration.
fn summary(cluster: &Cluster) -> String {
    let mut out = TabWriter::kubectl();
    let mut text = String::from("JOB\tRESULT\tREASON\tSUCCEEDED\tFAILED\tPODS\tDURATION\n");
    for job in cluster.job_records() {
        let (result, reason) = match job.status.finished_condition() {
            Some(c) => (c.type_, c.reason.as_str()),
            None => ("Unfinished", "-"),
        };
        let duration = match (job.status.start_time, job.status.finished_condition()) {
            (Some(start), Some(end)) => human_duration(end.time.since(start)),
            (Some(start), None) => human_duration(cluster.now().since(start)),
            _ => "-".to_string(),
        };
        let _ = writeln!(
            text,
            "{}\t{result}\t{reason}\t{}\t{}\t{}\t{duration}",
            job.meta.name,
            job.status.succeeded,
            job.status.failed,
            job.pods.len()
        );
    }
    out.write_str(&text);
    out.finish()
}

fn human_duration(d: SimDuration) -> String {
    crate::kubectl::printers::humanize::human_duration(jiff::SignedDuration::from_millis(
        d.as_millis() as i64,
    ))
}

/// Every event with its simulated time, then `kubectl get jobs` and `kubectl get pods`.
fn timeline(cluster: &mut Cluster) -> String {
    let epoch = cluster.epoch();
    let mut text = String::from("\nTimeline (simulated time since the first apply):\n");
    let mut events: Vec<_> = cluster.events().iter().collect();
    events.sort_by_key(|e| (e.first, e.serial));
    for e in &events {
        let object = match e.involved {
            Involved::Pod(id) => format!("pod/{}", cluster.pod(id).meta.name),
            Involved::Job(j) => format!("job/{}", cluster.job(j as usize).meta.name),
            Involved::Node(n) => format!("node/{}", cluster.nodes()[n as usize].name),
        };
        let count = if e.count > 1 {
            format!(" (x{})", e.count)
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "{:>9}  {}  {:<7}  {:<18} {:<32} {}{count}",
            e.first.to_string(),
            epoch.rfc3339(e.first),
            e.type_.as_str(),
            e.reason,
            object,
            e.message(cluster)
        );
    }
    let env = Env::default();
    for command in [["get", "jobs"], ["get", "pods"]] {
        let args: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        let out = kubectl::execute(cluster, &env, &args).output;
        let _ = write!(text, "\n$ kubectl {}\n{}", command.join(" "), out.merged());
    }
    text
}
