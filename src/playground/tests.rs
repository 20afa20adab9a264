//! The reducer: what each action does to the playground.

use super::view::jobs::{LaneState, PodLayout};
use super::view::tiles::TileKind;
use super::*;

fn example(file_name: &str) -> usize {
    examples::ALL
        .iter()
        .position(|e| e.file_name == file_name)
        .expect("a known example")
}

/// Loads an example, applies it and runs the cluster until it settles.
fn run_example(file_name: &str) -> State {
    let mut state = State::default();
    reduce(&mut state, Action::LoadExample(example(file_name)));
    reduce(&mut state, Action::Apply);
    reduce(&mut state, Action::JumpToEnd);
    run_ticks(&mut state);
    state
}

fn run_ticks(state: &mut State) {
    let mut wall = 0.0;
    while state.clock.needs_ticks() {
        wall += 16.0;
        reduce(state, Action::Tick { wall_ms: wall });
        assert!(wall < 16.0 * 100_000.0, "the run never ended");
    }
}

fn card<'a>(state: &'a State, name: &str) -> &'a view::jobs::JobCard {
    state
        .view
        .jobs
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no card for {name}"))
}

#[test]
fn editing_saves_and_keeps_the_text() {
    let mut state = State::default();
    let effects = reduce(&mut state, Action::Edit("kind: Job\n".into()));
    assert_eq!(
        effects,
        vec![Effect::SaveEditor {
            file_name: "data-processing-job.yaml".into(),
            text: "kind: Job\n".into()
        }]
    );
    assert!(reduce(&mut state, Action::Edit("kind: Job\n".into())).is_empty());
}

#[test]
fn loading_an_example_replaces_the_file_and_saves_it() {
    let mut state = State::default();
    let effects = reduce(&mut state, Action::LoadExample(example("k8s-pi.yaml")));
    assert_eq!(state.editor.file_name, "k8s-pi.yaml");
    assert!(state.editor.text.contains("name: pi"));
    assert_eq!(effects.len(), 1);
    assert_eq!(state.editor.revision, 1);
    assert!(reduce(&mut state, Action::LoadExample(9_999)).is_empty());
}

#[test]
fn apply_runs_kubectl_apply_on_the_editor_file_and_starts_the_clock() {
    let mut state = State::default();
    reduce(&mut state, Action::Apply);
    let entry = &state.applies[0];
    assert_eq!(entry.command, "kubectl apply -f data-processing-job.yaml");
    assert_eq!(entry.stdout, "job.batch/data-processing-job created\n");
    assert!(entry.ok);
    assert!(state.clock.playing);
    assert_eq!(state.view.jobs.len(), 1);
    reduce(&mut state, Action::Apply);
    assert_eq!(
        state.applies[0].stdout,
        "job.batch/data-processing-job unchanged\n"
    );
}

#[test]
fn a_broken_manifest_is_refused_with_its_line_and_the_text_is_kept() {
    let mut state = State::default();
    let broken = "apiVersion: batch/v1\nkind: Job\nmetadata: [broken\n".to_string();
    reduce(&mut state, Action::Edit(broken.clone()));
    reduce(&mut state, Action::Apply);
    let entry = &state.applies[0];
    assert!(!entry.ok);
    assert!(
        entry.stderr.starts_with("error: error parsing"),
        "{entry:?}"
    );
    assert!(entry.problems[0].starts_with("line 3"), "{entry:?}");
    assert_eq!(state.editor.text, broken);
    assert!(
        !state.clock.playing,
        "a failed apply does not start the clock"
    );
}

#[test]
fn the_sequential_job_takes_about_four_times_the_parallel_one() {
    let durations: Vec<u64> = ["sequential-job.yaml", "parallel-job-demo.yaml"]
        .iter()
        .map(|file| {
            let state = run_example(file);
            let record = &state.session.cluster().job_records()[0];
            assert!(record.status.is_true("Complete"), "{file}");
            let card = &state.view.jobs[0];
            assert_eq!(
                (card.status.as_str(), card.completions.as_str()),
                ("Complete", "4/4")
            );
            let start = record.status.start_time.expect("started");
            let end = record.status.completion_time.expect("completed");
            assert_eq!(
                card.duration,
                format!("{}s", end.since(start).as_secs()),
                "the card shows kubectl's DURATION"
            );
            end.since(start).as_millis()
        })
        .collect();
    let ratio = durations[0] as f64 / durations[1] as f64;
    assert!((3.0..=5.0).contains(&ratio), "{durations:?}");
}

#[test]
fn every_example_runs_to_a_settled_cluster() {
    for (i, ex) in examples::ALL.iter().enumerate() {
        let mut state = State::default();
        reduce(&mut state, Action::LoadExample(i));
        reduce(&mut state, Action::Apply);
        assert!(
            state.applies[0].ok,
            "{}: {:?}",
            ex.file_name, state.applies[0]
        );
        reduce(&mut state, Action::JumpToEnd);
        run_ticks(&mut state);
        assert!(!state.view.jobs.is_empty(), "{}", ex.file_name);
        // The kubernetes.io ConfigIssue example's image does not exist: its pods wait in
        // ImagePullBackOff until the learner marks one and deletes it, as the task says.
        let finished: &[&str] = if ex.file_name == "k8s-pod-failure-policy-config-issue.yaml" {
            &["Running"]
        } else {
            &["Complete", "Failed"]
        };
        for card in &state.view.jobs {
            assert!(
                finished.contains(&card.status.as_str()),
                "{}: {} is {}",
                ex.file_name,
                card.name,
                card.status
            );
        }
    }
}

#[test]
fn indexed_jobs_show_one_lane_per_index_all_completed() {
    let state = run_example("indexed-job.yaml");
    let PodLayout::Lanes(lanes) = &card(&state, "indexed-job").pods else {
        panic!("an Indexed Job is shown as lanes");
    };
    assert_eq!(lanes.len(), 3);
    for (i, lane) in lanes.iter().enumerate() {
        assert_eq!(lane.index, i as i32);
        assert_eq!(lane.state, LaneState::Completed);
        assert!(lane.attempts.iter().any(|t| t.kind == TileKind::Completed));
    }
}

const DEADLINE: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: slow
spec:
  activeDeadlineSeconds: 20
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.35
        command: ['sleep', '300']
";

#[test]
fn the_deadline_counts_down_then_fails_the_job() {
    let mut state = State::default();
    reduce(&mut state, Action::Edit(DEADLINE.into()));
    reduce(&mut state, Action::Apply);
    reduce(&mut state, Action::SetSpeed(6));
    let mut wall = 0.0;
    while state.session.now() < SimTime::from_secs(5) {
        wall += 16.0;
        reduce(&mut state, Action::Tick { wall_ms: wall });
    }
    reduce(&mut state, Action::Pause);
    let countdown = card(&state, "slow").deadline.clone().expect("a countdown");
    let left = 20 - state.session.now().as_millis() / 1000;
    assert!(
        countdown == format!("deadline in {left}s")
            || countdown == format!("deadline in {}s", left + 1),
        "{countdown} at {}",
        state.session.now()
    );
    reduce(&mut state, Action::JumpToEnd);
    run_ticks(&mut state);
    let card = card(&state, "slow");
    assert_eq!(card.status, "Failed");
    assert_eq!(card.deadline, None);
    let failed = card
        .conditions
        .iter()
        .find(|c| c.type_ == "Failed")
        .expect("a Failed condition");
    assert_eq!(failed.reason, "DeadlineExceeded");
}

#[test]
fn pause_holds_time_and_step_moves_to_the_next_event() {
    let mut state = State::default();
    reduce(&mut state, Action::Apply);
    reduce(&mut state, Action::Pause);
    reduce(&mut state, Action::Tick { wall_ms: 0.0 });
    reduce(&mut state, Action::Tick { wall_ms: 500.0 });
    assert_eq!(state.session.now(), SimTime::ZERO);
    let next = state.session.next_event_at().expect("work is scheduled");
    reduce(&mut state, Action::Step);
    assert_eq!(state.session.now(), next);
    assert_eq!(state.clock_view().now, format::clock(next));
}

#[test]
fn scrubbing_back_shows_the_earlier_state() {
    let mut state = run_example("sequential-job.yaml");
    let end = state.session.now();
    assert_eq!(card(&state, "sequential-job").completions, "4/4");
    reduce(&mut state, Action::Seek(5_000));
    run_ticks(&mut state);
    assert_eq!(state.session.now(), SimTime::from_secs(5));
    assert_eq!(card(&state, "sequential-job").completions, "0/4");
    assert_eq!(state.clock_view().horizon_ms, end.as_millis());
    reduce(&mut state, Action::Seek(u64::MAX));
    run_ticks(&mut state);
    assert_eq!(state.session.now(), end, "forward again, to the horizon");
    assert_eq!(card(&state, "sequential-job").completions, "4/4");
}

#[test]
fn a_new_seed_reruns_to_the_same_instant() {
    let mut state = run_example("failing-job-demo.yaml");
    let now = state.session.now();
    reduce(&mut state, Action::NewSeed);
    run_ticks(&mut state);
    assert_eq!(state.session.seed(), next_seed(DEFAULT_SEED));
    assert_eq!(state.session.now(), now);
    assert_eq!(state.view.jobs.len(), 1, "the apply was replayed");
}

#[test]
fn reset_empties_the_cluster_but_keeps_the_editor() {
    let mut state = run_example("k8s-pi.yaml");
    let text = state.editor.text.clone();
    reduce(&mut state, Action::Reset);
    assert!(state.view.jobs.is_empty());
    assert_eq!(state.session.now(), SimTime::ZERO);
    assert_eq!(state.editor.text, text);
}

#[test]
fn selecting_a_pod_shows_describe_then_its_logs() {
    let mut state = run_example("job-with-init.yaml");
    let PodLayout::Flat(tiles) = &card(&state, "job-with-init").pods else {
        panic!("flat");
    };
    let pod = tiles[0].name.clone();
    reduce(
        &mut state,
        Action::Select(Some(Selection::Pod {
            namespace: "default".into(),
            name: pod.clone(),
        })),
    );
    let details = state.details_view.clone().expect("details are open");
    assert_eq!(details.command, format!("kubectl describe pod {pod}"));
    assert!(
        details
            .text
            .starts_with(&format!("Name:             {pod}"))
    );
    let names: Vec<(&str, bool)> = details
        .containers
        .iter()
        .map(|c| (c.name.as_str(), c.init))
        .collect();
    assert_eq!(names, [("setup", true), ("main-job", false)]);
    reduce(&mut state, Action::DetailsTab(DetailsTab::Logs));
    let details = state.details_view.clone().expect("details are open");
    assert_eq!(details.command, format!("kubectl logs {pod} -c main-job"));
    reduce(&mut state, Action::DetailsContainer("setup".into()));
    let details = state.details_view.clone().expect("details are open");
    assert_eq!(details.command, format!("kubectl logs {pod} -c setup"));
    reduce(&mut state, Action::DetailsTab(DetailsTab::Events));
    let details = state.details_view.clone().expect("details are open");
    assert!(details.events.iter().any(|e| e.reason == "Scheduled"));
    reduce(&mut state, Action::Select(None));
    assert!(state.details_view.is_none());
}

#[test]
fn the_events_stream_is_newest_first_and_filters_by_object() {
    let mut state = run_example("parallel-job.yaml");
    let events = state.session.cluster().events();
    let last = |serial: u32| events[serial as usize].last;
    let rows = &state.events.rows;
    assert_eq!(rows.len(), events.len().min(view::events::MAX_ROWS));
    assert!(
        rows.windows(2)
            .all(|w| last(w[0].serial) >= last(w[1].serial))
    );
    let job = "job/parallel-processing-job".to_string();
    assert!(state.events.objects.contains(&job));
    reduce(&mut state, Action::FilterEvents(Some(job.clone())));
    assert!(!state.events.rows.is_empty());
    assert!(state.events.rows.iter().all(|r| r.object == job));
    reduce(&mut state, Action::FilterEvents(None));
    assert!(state.events.rows.iter().any(|r| r.object != job));
}

#[test]
fn with_many_pods_the_filter_offers_jobs_and_nodes_only() {
    let many = DEADLINE
        .replace(
            "activeDeadlineSeconds: 20",
            "parallelism: 60\n  completions: 60",
        )
        .replace("'300'", "'5'");
    let mut state = State::default();
    reduce(&mut state, Action::Edit(many));
    reduce(&mut state, Action::Apply);
    reduce(&mut state, Action::JumpToEnd);
    run_ticks(&mut state);
    let objects = &state.events.objects;
    assert!(
        objects.iter().all(|o| !o.starts_with("pod/")),
        "{objects:?}"
    );
    assert!(objects.contains(&"job/slow".to_string()));
    assert_eq!(state.events.pods_left_out, 60);
}

#[test]
fn ticks_while_paused_change_nothing_on_screen() {
    let mut state = State::default();
    let revision = state.revision;
    reduce(&mut state, Action::Tick { wall_ms: 1.0 });
    reduce(&mut state, Action::Tick { wall_ms: 2.0 });
    assert_eq!(state.revision, revision);
}

#[test]
fn new_seeds_are_deterministic_and_short() {
    assert_eq!(next_seed(1), next_seed(1));
    assert_ne!(next_seed(1), next_seed(2));
    assert!((0..100).all(|s| next_seed(s) < 1_000_000));
}

#[test]
fn a_failed_pod_shows_the_back_off_countdown_before_its_replacement() {
    let mut state = State::default();
    reduce(
        &mut state,
        Action::Edit(DEADLINE.replace("  activeDeadlineSeconds: 20\n", "")),
    );
    reduce(&mut state, Action::Apply);
    reduce(&mut state, Action::SetSpeed(6));
    let mut wall = 0.0;
    while state.session.now() < SimTime::from_secs(5) {
        wall += 16.0;
        reduce(&mut state, Action::Tick { wall_ms: wall });
    }
    reduce(&mut state, Action::Pause);
    let PodLayout::Flat(tiles) = &card(&state, "slow").pods else {
        panic!("flat");
    };
    let pod = tiles[0].name.clone();
    // A pod deleted while it runs counts as failed: the controller waits before replacing it.
    let args: Vec<String> = ["delete", "pod", pod.as_str(), "--wait=false"]
        .map(String::from)
        .to_vec();
    let out = crate::kubectl::execute(
        state.session.cluster_mut(),
        &crate::kubectl::Env::default(),
        &args,
    );
    assert_eq!(out.output.exit_code, 0, "{:?}", out.output);
    let mut countdown = None;
    for _ in 0..200 {
        reduce(&mut state, Action::Step);
        if let Some(c) = &card(&state, "slow").backoff {
            countdown = Some(c.clone());
            break;
        }
    }
    let countdown = countdown.expect("a back-off countdown appears");
    assert!(countdown.starts_with("next pod in "), "{countdown}");
    let record = &state.session.cluster().job_records()[0];
    assert!(record.status.failed >= 1);
}

#[test]
fn restoring_a_saved_file_shows_it_without_saving_again() {
    let mut state = State::default();
    let effects = reduce(
        &mut state,
        Action::Restore {
            file_name: "mine.yaml".into(),
            text: "kind: Job\n".into(),
        },
    );
    assert!(effects.is_empty());
    assert_eq!(
        (state.editor.file_name.as_str(), state.editor.text.as_str()),
        ("mine.yaml", "kind: Job\n")
    );
    assert_eq!(
        state.editor.revision, 1,
        "the view puts the text in the textarea"
    );
}
