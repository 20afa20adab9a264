//! Measurements, printed rather than asserted (timings depend on the machine): the first
//! render after navigation, frame times with 1,000 active pods at 100×, and the gzipped
//! size of the first load. Run with `--nocapture` to see the figures; README.md quotes them.

use std::path::PathBuf;
use std::process::Command;

use crate::support;

const THOUSAND_PODS: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: thousand
spec:
  completions: 1000
  parallelism: 1000
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: worker
        image: busybox:1.35
        command: ['sleep', '3600']
";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[tokio::test]
async fn measure_first_render_frames_and_size() {
    let browser = support::open().await;

    let mut first_render = Vec::new();
    for _ in 0..5 {
        browser.goto("/?fresh").await;
        let at = browser
            .client
            .execute(
                "const m = performance.getEntriesByName('jobsim-first-render')[0];\
                 return m ? m.startTime : -1;",
                vec![],
            )
            .await
            .expect("read the first-render mark");
        first_render.push(at.as_f64().expect("a number"));
    }
    assert!(first_render.iter().all(|t| *t > 0.0), "{first_render:?}");
    // What the last navigation fetched (wasm, JS, CSS), and whether it asked for it before the
    // first render: the first load is what the page needs to show the editor.
    let fetched = browser
        .client
        .execute(
            "const first = performance.getEntriesByName('jobsim-first-render')[0].startTime;\
             return performance.getEntriesByType('resource')\
               .map(e => [new URL(e.name).pathname.slice(1), e.startTime < first])\
               .filter(([n]) => /\\.(wasm|js|css)$/.test(n));",
            vec![],
        )
        .await
        .expect("read the resources fetched");
    let fetched: Vec<(String, bool)> =
        serde_json::from_value(fetched).expect("resource names and times");
    let engine_ready = browser
        .client
        .execute(
            "const m = performance.getEntriesByName('jobsim-engine-ready')[0];\
             return m ? m.startTime : -1;",
            vec![],
        )
        .await
        .expect("read the engine-ready mark");
    println!(
        "simulator ready after navigation (its module fetched, compiled, the page restored): {:.0} ms",
        engine_ready.as_f64().unwrap_or(f64::NAN)
    );
    first_render.sort_by(f64::total_cmp);
    println!(
        "first render after navigation: median {:.0} ms (runs: {:?})",
        percentile(&first_render, 50.0),
        first_render.iter().map(|t| t.round()).collect::<Vec<_>>()
    );

    browser.goto("/?profile").await;
    browser.set_editor_text(THOUSAND_PODS).await;
    browser.click_button("Apply").await;
    browser.set_speed("100×").await;
    browser
        .wait_until("1,000 pods are active", || async {
            browser
                .text_of("article[data-job='thousand'] .counters")
                .await
                .is_some_and(|t| t.starts_with("active 1000 "))
        })
        .await;
    // Two windows: right after the 1,000th pod is created (pods still starting, the page
    // just warmed up), then the steady state a few seconds later.
    for window in ["the first 6 s", "steady state"] {
        if window == "steady state" {
            tokio::time::sleep(std::time::Duration::from_secs(4)).await;
        }
        browser
            .client
            .execute("performance.clearMeasures('jobsim-tick')", vec![])
            .await
            .expect("clear the measures");
        let measured = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             const clock = () => Number(document.querySelector('output.sim-time').dataset.ms);\
             const deltas = []; let last = null; const simStart = clock(); let start = null;\
             const loaf = [];\
             const observer = new PerformanceObserver(list => loaf.push(...list.getEntries()));\
             try { observer.observe({ type: 'long-animation-frame', buffered: false }); } catch (e) {}\
             function frame(t) {\
               if (start === null) start = t;\
               if (last !== null) deltas.push(t - last);\
               last = t;\
               if (t - start < 6000) requestAnimationFrame(frame);\
               else { observer.disconnect();\
                 const sum = f => loaf.reduce((a, e) => a + f(e), 0);\
                 done({ deltas, wall: t - start, sim: clock() - simStart, long_frames: loaf.length,\
                   script_ms: sum(e => e.renderStart ? e.styleAndLayoutStart - e.startTime : e.duration),\
                   layout_ms: sum(e => e.renderStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0) }); }\
             }\
             requestAnimationFrame(frame);",
            vec![],
        )
        .await
        .expect("measure frames");
        let mut deltas: Vec<f64> = measured["deltas"]
            .as_array()
            .expect("frame deltas")
            .iter()
            .filter_map(|d| d.as_f64())
            .collect();
        let wall = measured["wall"].as_f64().unwrap_or(f64::NAN);
        let sim = measured["sim"].as_f64().unwrap_or(f64::NAN);
        deltas.sort_by(f64::total_cmp);
        println!(
            "long animation frames (>50 ms): {}; their script {:.0} ms, style+layout+paint {:.0} ms",
            measured["long_frames"],
            measured["script_ms"].as_f64().unwrap_or(f64::NAN),
            measured["layout_ms"].as_f64().unwrap_or(f64::NAN)
        );
        println!(
            "1,000 active pods at 100×, {window}: {} frames in {:.0} ms; frame time p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; simulated {:.0} ms ({:.0}× real time)",
            deltas.len(),
            wall,
            percentile(&deltas, 50.0),
            percentile(&deltas, 95.0),
            deltas.last().copied().unwrap_or(f64::NAN),
            sim,
            sim / wall
        );
        let work = browser
        .client
        .execute(
            "return performance.getEntriesByName('jobsim-tick').slice(-360).map(e => e.duration);",
            vec![],
        )
        .await
        .expect("read the per-frame work");
        let mut work: Vec<f64> = work
            .as_array()
            .expect("durations")
            .iter()
            .filter_map(|d| d.as_f64())
            .collect();
        work.sort_by(f64::total_cmp);
        println!(
            "work per frame (simulation slice, view models, Yew render, DOM updates) over the last {} frames: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            work.len(),
            percentile(&work, 50.0),
            percentile(&work, 95.0),
            work.last().copied().unwrap_or(f64::NAN)
        );
    }
    browser.screenshot("performance-1000-pods").await;
    browser.close().await;

    let dist = std::env::var_os("JOBSIM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    let gzipped = |name: &str| {
        let gz = Command::new("gzip")
            .arg("-9c")
            .arg(dist.join(name))
            .output()
            .expect("gzip on PATH");
        gz.stdout.len()
    };
    let (mut first, mut later) = (0, 0);
    for (name, before_first_render) in &fetched {
        let size = gzipped(name);
        let when = if *before_first_render {
            first += size;
            "first load"
        } else {
            later += size;
            "after the first render"
        };
        println!("{name}: {size} bytes gzipped ({when})");
    }
    println!(
        "first load (wasm + JS + CSS fetched before the first render), gzipped: {first} bytes"
    );
    println!("fetched after the first render (the simulator), gzipped: {later} bytes");
    assert!(
        fetched
            .iter()
            .any(|(n, before)| n.starts_with("split_engine") && !before),
        "the simulator's module comes after the first render: {fetched:?}"
    );
    assert!(
        first <= 350_000,
        "first load {first} bytes gzipped, budget 350,000"
    );
}
