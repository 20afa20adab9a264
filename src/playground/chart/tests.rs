//! The chart's layout: rows, back-off gaps, markers, zoom and pan.

use super::*;
use crate::kubectl::terminal::Terminal;
use crate::sim::Cluster;
use crate::sim::config::ClusterConfig;

const FAILING: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: f\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', 'exit 1']\n";

fn failing_chart(window: Window) -> Chart {
    let mut cluster = Cluster::new(ClusterConfig::default(), 1);
    let mut terminal = Terminal::default();
    terminal.put_file("f.yaml", FAILING);
    terminal.run_line(&mut cluster, "kubectl apply -f f.yaml");
    cluster.run_while(SimTime::from_secs(3600), Cluster::is_settled);
    chart(
        &super::super::timeline::timeline(&cluster, MAX_ROWS),
        window,
    )
}

#[test]
fn a_failing_job_shows_three_rows_two_back_off_gaps_and_the_failed_marker() {
    let chart = failing_chart(Window::default());
    assert_eq!(chart.rows.len(), 3);
    assert!(chart.rows[0].first_of_job && !chart.rows[1].first_of_job);
    let gaps: Vec<&Gap> = chart.rows.iter().flat_map(|r| &r.gaps).collect();
    assert_eq!(gaps.len(), 2, "{gaps:?}");
    assert!(
        gaps[0].title.starts_with("back-off: 9.8s between attempts"),
        "{}",
        gaps[0].title
    );
    assert!(chart.markers.iter().any(|m| m.kind == MarkerKind::Failed));
    let bar = &chart.rows[0].bars[0];
    assert!(bar.x >= LABEL_WIDTH && bar.x + bar.width <= WIDTH);
    assert!(bar.title.contains("Pending from +0"), "{}", bar.title);
    assert!(chart.ticks.len() >= 3);
    assert!(
        chart.summary.starts_with("3 rows (3 pods)"),
        "{}",
        chart.summary
    );
}

#[test]
fn zooming_in_keeps_the_anchor_and_panning_stays_inside_the_run() {
    let w = Window::default().apply(Zoom::In { at: Some(0.25) });
    assert_eq!(w.zoom, 2.0);
    assert!((w.start - 0.125).abs() < 1e-9, "{w:?}");
    let w = w.apply(Zoom::Pan(10.0));
    assert!((w.start - 0.5).abs() < 1e-9, "{w:?}");
    let w = w.apply(Zoom::Out { at: None });
    assert_eq!(w, Window::default());
    let zoomed = failing_chart(Window::default().apply(Zoom::In { at: Some(0.0) }));
    let all = failing_chart(Window::default());
    let bars = |c: &Chart| c.rows.iter().map(|r| r.bars.len()).sum::<usize>();
    assert!(bars(&zoomed) < bars(&all), "the later half is out of view");
}
