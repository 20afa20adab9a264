//! Benchmark: `manifest::check` over a 1,000-document stream (the seed guide's and
//! kubernetes.io's examples, repeated, with some invalid ones mixed in). Target: < 100 ms.

use std::time::{Duration, Instant};

fn stream(n_documents: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/static/examples");
    let mut examples: Vec<String> = std::fs::read_dir(dir)
        .expect("static/examples exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .map(|t| t.trim_start_matches("---\n").to_string())
        .collect();
    examples.sort();
    examples.push("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\nspec:\n  completions: -1\n  completion: 2\n".into());
    examples.push("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: bad\nspec:\n  template:\n    spec:\n      restartPolicy: Always\n      containers:\n      - name: Main\n".into());
    let mut out = String::new();
    for i in 0..n_documents {
        out.push_str("---\n");
        out.push_str(&examples[i % examples.len()]);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// Runs `f` `runs` times and prints the best and the median time; returns the best, which
/// other processes on a shared machine cannot inflate.
fn measure(label: &str, runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    println!(
        "{label}: min {:.2} ms, median {:.2} ms over {runs} runs",
        times[0].as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3
    );
    times[0]
}

fn main() {
    let text = stream(1000);
    println!(
        "stream: 1000 documents, {} lines, {} bytes",
        text.lines().count(),
        text.len()
    );
    let report = jobsim::manifest::check("bench.yaml", &text);
    assert_eq!(report.documents.len(), 1000);
    measure("YAML split + parse to node trees", 20, || {
        for chunk in jobsim::manifest::stream::split(&text).into_iter().flatten() {
            std::hint::black_box(jobsim::manifest::tree::parse(&chunk).ok());
        }
    });
    measure("manifest::load  (1,000 documents)", 20, || {
        std::hint::black_box(jobsim::manifest::load("bench.yaml", &text));
    });
    let loaded = jobsim::manifest::load("bench.yaml", &text);
    measure("  of which default + prepare + validate + lint", 20, || {
        for document in &loaded.documents {
            if let jobsim::manifest::Object::Job(job) = &document.object {
                let mut job = job.clone();
                std::hint::black_box(jobsim::manifest::lints::lint_job(&job));
                job.metadata.namespace = Some("default".into());
                jobsim::apiserver::defaults::set_defaults_job(&mut job);
                jobsim::apiserver::defaults::prepare_job_for_create(&mut job, "uid");
                std::hint::black_box(jobsim::apiserver::validate_job_create(&job));
                std::hint::black_box(jobsim::apiserver::strategy::warnings_on_create(&job));
            }
        }
    });
    let best = measure("manifest::check (1,000 documents)", 20, || {
        std::hint::black_box(jobsim::manifest::check("bench.yaml", &text));
    });
    assert!(
        best < Duration::from_millis(100),
        "check took {best:?} for 1,000 documents"
    );
}
