//! The timeline chart's view model: one row per pod (one lane per index for Indexed Jobs),
//! bars by state from creation to the end, restart marks, the gaps of back-off between
//! attempts, and markers for deadlines, TTL expiry and the Job's Complete/Failed instant.
//! Past `max_rows` rows are aggregated so 10,000 pods still draw quickly.

use crate::objects::{PodId, PodPhase};
use crate::sim::Cluster;
use crate::sim::clock::{SimDuration, SimTime};

/// What a stretch of a row shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// Created, not yet running (scheduling, image pull, ContainerCreating, init containers).
    Pending,
    Running,
    /// Waiting in CrashLoopBackOff between in-place restarts.
    BackOff,
    /// Being deleted (grace period).
    Terminating,
    Succeeded,
    Failed,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Pending => "Pending",
            State::Running => "Running",
            State::BackOff => "CrashLoopBackOff",
            State::Terminating => "Terminating",
            State::Succeeded => "Succeeded",
            State::Failed => "Failed",
        }
    }
}

/// A stretch of one state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub from: SimTime,
    pub to: SimTime,
    pub state: State,
    /// The pod this stretch belongs to (lanes hold several).
    pub pod: Option<PodId>,
}

/// One row of the chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub job: String,
    pub segments: Vec<Segment>,
    /// In-place restarts (container attempts after the first).
    pub restarts: Vec<SimTime>,
    /// How many pods the row stands for (more than one when aggregated or a lane).
    pub pods: usize,
}

/// Kinds of vertical markers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    Deadline,
    TtlExpiry,
    Complete,
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub at: SimTime,
    pub kind: MarkerKind,
    pub job: String,
}

/// The whole chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub start: SimTime,
    pub end: SimTime,
    pub rows: Vec<Row>,
    pub markers: Vec<Marker>,
    /// Rows were merged to stay under the limit.
    pub aggregated: bool,
}

/// Builds the chart of every Job in `cluster` up to its current time.
pub fn timeline(cluster: &Cluster, max_rows: usize) -> Timeline {
    let now = cluster.now();
    let mut rows = Vec::new();
    let mut markers = Vec::new();
    for job in cluster.job_records() {
        let name = job.meta.name.clone();
        if let (Some(start), Some(ads)) = (job.status.start_time, job.spec.active_deadline_seconds)
        {
            markers.push(Marker {
                at: start + SimDuration::from_secs(ads.max(0) as u64),
                kind: MarkerKind::Deadline,
                job: name.clone(),
            });
        }
        if let Some(cond) = job.status.finished_condition() {
            let kind = if cond.type_ == "Complete" {
                MarkerKind::Complete
            } else {
                MarkerKind::Failed
            };
            markers.push(Marker {
                at: cond.time,
                kind,
                job: name.clone(),
            });
            if let Some(ttl) = job.spec.ttl_seconds_after_finished {
                markers.push(Marker {
                    at: cond.time + SimDuration::from_secs(ttl.max(0) as u64),
                    kind: MarkerKind::TtlExpiry,
                    job: name.clone(),
                });
            }
        }
        if job.is_indexed() {
            let completions = job.completions().unwrap_or(0).max(0);
            for index in 0..completions {
                let pods: Vec<PodId> = job
                    .pods
                    .iter()
                    .copied()
                    .filter(|p| cluster.pod(*p).completion_index == Some(index))
                    .collect();
                let mut row = Row {
                    label: format!("{name} [{index}]"),
                    job: name.clone(),
                    segments: Vec::new(),
                    restarts: Vec::new(),
                    pods: pods.len(),
                };
                for pod in pods {
                    pod_segments(cluster, pod, now, &mut row);
                }
                rows.push(row);
            }
        } else {
            for &pod in &job.pods {
                let mut row = Row {
                    label: cluster.pod(pod).meta.name.clone(),
                    job: name.clone(),
                    segments: Vec::new(),
                    restarts: Vec::new(),
                    pods: 1,
                };
                pod_segments(cluster, pod, now, &mut row);
                rows.push(row);
            }
        }
    }
    let aggregated = rows.len() > max_rows.max(1);
    if aggregated {
        rows = aggregate(rows, max_rows.max(1));
    }
    Timeline {
        start: SimTime::ZERO,
        end: now,
        rows,
        markers,
        aggregated,
    }
}

/// Appends one pod's stretches to a row.
fn pod_segments(cluster: &Cluster, id: PodId, now: SimTime, row: &mut Row) {
    let pod = cluster.pod(id);
    let created = pod.meta.creation;
    let end = pod.removed.unwrap_or(now);
    let name = pod
        .spec
        .containers
        .first()
        .map(|c| c.name.as_str())
        .unwrap_or("");
    let attempts = cluster.container_attempts(id, name);
    let push = |row: &mut Row, from: SimTime, to: SimTime, state: State| {
        if to > from {
            row.segments.push(Segment {
                from,
                to,
                state,
                pod: Some(id),
            });
        }
    };
    let first_start = attempts.first().map_or(end, |a| a.started);
    push(row, created, first_start.min(end), State::Pending);
    for (i, attempt) in attempts.iter().enumerate() {
        let stop = attempt.ended.unwrap_or(end).min(end);
        push(row, attempt.started, stop, State::Running);
        if i > 0 {
            row.restarts.push(attempt.started);
        }
        if let Some(next) = attempts.get(i + 1) {
            push(row, stop, next.started, State::BackOff);
        }
    }
    let last_end = attempts
        .last()
        .and_then(|a| a.ended)
        .unwrap_or(end)
        .min(end);
    if let Some(deleted) = pod.meta.deletion_requested()
        && deleted < last_end
    {
        // The grace period: running, but already Terminating.
        if let Some(segment) = row.segments.last_mut()
            && segment.state == State::Running
            && segment.to > deleted
        {
            segment.to = deleted;
            push(row, deleted, last_end, State::Terminating);
        }
    }
    match pod.status.phase {
        PodPhase::Succeeded => push(
            row,
            last_end,
            end.max(last_end + SimDuration::from_millis(1)),
            State::Succeeded,
        ),
        PodPhase::Failed => push(
            row,
            last_end,
            end.max(last_end + SimDuration::from_millis(1)),
            State::Failed,
        ),
        _ => {}
    }
}

/// Merges consecutive rows into at most `max_rows` rows; each keeps the span of its pods
/// per state (a summary, not every pod).
fn aggregate(rows: Vec<Row>, max_rows: usize) -> Vec<Row> {
    let per_row = rows.len().div_ceil(max_rows);
    rows.chunks(per_row)
        .enumerate()
        .map(|(i, chunk)| {
            let first = i * per_row + 1;
            let pods: usize = chunk.iter().map(|r| r.pods).sum();
            let mut segments: Vec<Segment> = Vec::new();
            for state in [
                State::Pending,
                State::Running,
                State::BackOff,
                State::Terminating,
                State::Succeeded,
                State::Failed,
            ] {
                let of_state = chunk
                    .iter()
                    .flat_map(|r| r.segments.iter())
                    .filter(|s| s.state == state);
                let from = of_state.clone().map(|s| s.from).min();
                let to = of_state.map(|s| s.to).max();
                if let (Some(from), Some(to)) = (from, to) {
                    segments.push(Segment {
                        from,
                        to,
                        state,
                        pod: None,
                    });
                }
            }
            Row {
                label: format!("pods {first}–{} ({pods})", first + chunk.len() - 1),
                job: chunk[0].job.clone(),
                segments,
                restarts: Vec::new(),
                pods,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::terminal::Terminal;
    use crate::sim::config::ClusterConfig;

    fn run(yaml: &str) -> Cluster {
        let mut cluster = Cluster::new(ClusterConfig::default(), 1);
        let mut terminal = Terminal::default();
        terminal.put_file("job.yaml", yaml);
        terminal.run_line(&mut cluster, "kubectl apply -f job.yaml");
        cluster.run_while(SimTime::from_secs(3600), Cluster::is_settled);
        cluster
    }

    #[test]
    fn failing_job_rows_show_back_off_gaps_and_the_failed_marker() {
        let cluster = run(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: f\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', 'exit 1']\n",
        );
        let chart = timeline(&cluster, 200);
        assert_eq!(chart.rows.len(), 3);
        let end_of = |r: &Row| {
            r.segments
                .iter()
                .filter(|s| s.state != State::Failed)
                .map(|s| s.to)
                .max()
                .unwrap()
        };
        let gap = chart.rows[1].segments[0]
            .from
            .since(end_of(&chart.rows[0]))
            .as_secs();
        // 10 s from the (second-truncated) finish time the controller reads.
        assert!(gap >= 9, "the 10 s back-off shows as a gap: {gap}s");
        assert!(chart.markers.iter().any(|m| m.kind == MarkerKind::Failed));
        assert!(
            chart
                .rows
                .iter()
                .all(|r| r.segments.iter().any(|s| s.state == State::Failed))
        );
    }

    #[test]
    fn indexed_jobs_get_one_lane_per_index_and_big_runs_aggregate() {
        let cluster = run(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: i\nspec:\n  completions: 30\n  parallelism: 10\n  completionMode: Indexed\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sleep', '1']\n",
        );
        let chart = timeline(&cluster, 200);
        assert_eq!(chart.rows.len(), 30);
        assert_eq!(chart.rows[7].label, "i [7]");
        let small = timeline(&cluster, 4);
        assert!(small.aggregated);
        assert_eq!(small.rows.len(), 4);
        assert_eq!(small.rows.iter().map(|r| r.pods).sum::<usize>(), 30);
    }
}
