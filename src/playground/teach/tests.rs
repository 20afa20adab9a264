//! The teaching panels: terminal lines recorded and replayed, share links that reproduce
//! the same moment, completion, history and streaming.

use super::*;
use crate::playground::console::LineKind;
use crate::playground::{Action, examples, reduce};

fn run_ticks(state: &mut State) {
    let mut wall = 0.0;
    while state.clock.needs_ticks() {
        wall += 16.0;
        reduce(state, Action::Tick { wall_ms: wall });
        assert!(wall < 16.0 * 100_000.0, "the run never ended");
    }
}

fn teach(state: &mut State, action: TeachAction) -> Vec<Effect> {
    reduce(state, Action::Teach(action))
}

fn run(state: &mut State, line: &str) -> String {
    let before = state.teach.console.lines.len();
    teach(state, TeachAction::RunLine(line.into()));
    state.teach.console.lines[before..]
        .iter()
        .filter(|l| l.kind == LineKind::Output)
        .map(|l| format!("{}\n", l.text))
        .collect()
}

fn kubectl(state: &mut State, line: &str) -> String {
    let args: Vec<String> = line.split(' ').map(String::from).collect();
    crate::kubectl::execute(
        state.session.cluster_mut(),
        &crate::kubectl::Env::default(),
        &args,
    )
    .output
    .stdout
}

fn pause_at(state: &mut State, ms: u64) {
    reduce(state, Action::Pause);
    state.seek(SimTime::from_millis(ms));
    run_ticks(state);
    assert_eq!(state.session.now().as_millis(), ms);
}

#[test]
fn lines_that_change_the_cluster_are_recorded_and_replayed() {
    let mut state = State::default();
    let out = run(&mut state, "kubectl get jobs");
    assert_eq!(out, "No resources found in default namespace.\n");
    assert!(state.session.inputs().is_empty(), "a read is not recorded");
    let out = run(&mut state, "kubectl apply -f data-processing-job.yaml");
    assert_eq!(out, "job.batch/data-processing-job created\n");
    assert!(
        state.clock.playing,
        "a change starts the clock, as Apply does"
    );
    assert!(matches!(
        &state.session.inputs()[0].input,
        Input::Kubectl { line, .. } if line == "kubectl apply -f data-processing-job.yaml"
    ));
    reduce(&mut state, Action::JumpToEnd);
    run_ticks(&mut state);
    let end = state.session.now().as_millis();
    let at_end = kubectl(&mut state, "get jobs,pods -o yaml");
    reduce(&mut state, Action::Seek(0));
    run_ticks(&mut state);
    reduce(&mut state, Action::Seek(end));
    run_ticks(&mut state);
    assert_eq!(kubectl(&mut state, "get jobs,pods -o yaml"), at_end);
}

#[test]
fn a_share_link_restores_files_seed_speed_panels_and_the_same_moment() {
    let mut state = State::default();
    reduce(&mut state, Action::SetSeed(7));
    reduce(&mut state, Action::SetSpeed(4));
    teach(&mut state, TeachAction::OpenPanel(Panel::Timeline));
    let sequential = examples::by_file_name("sequential-job.yaml").expect("example");
    teach(
        &mut state,
        TeachAction::LoadFile {
            file_name: sequential.file_name.into(),
            text: sequential.yaml.into(),
        },
    );
    reduce(&mut state, Action::Apply);
    pause_at(&mut state, 15_000);
    run(&mut state, "kubectl delete pod --all --wait=false");
    // Edited after it was applied: the link applies the text as it was.
    reduce(&mut state, Action::Edit("# edited\n".into()));
    pause_at(&mut state, 42_500);
    let before = kubectl(&mut state, "get jobs,pods -o yaml");

    let effects = teach(&mut state, TeachAction::Share);
    let fragment = state
        .teach
        .share
        .as_ref()
        .expect("the share box")
        .fragment
        .clone();
    assert_eq!(
        effects,
        vec![Effect::CopyLink {
            fragment: fragment.clone()
        }]
    );
    let shared = share::decode(&fragment).expect("its own link decodes");
    assert_eq!(shared.actions.len(), 2);
    assert!(
        shared.actions[0]
            .line
            .starts_with("cat <<'JOBSIM_EOF' | kubectl apply -f -\n")
    );

    let mut restored = State::from_shared(&shared);
    run_ticks(&mut restored);
    assert_eq!(restored.session.now().as_millis(), 42_500);
    assert_eq!(restored.session.seed(), 7);
    assert_eq!(restored.clock.speed, 4);
    assert!(restored.teach.is_open(Panel::Timeline));
    assert_eq!(restored.editor.text, "# edited\n");
    assert_eq!(restored.files(), state.files());
    assert_eq!(kubectl(&mut restored, "get jobs,pods -o yaml"), before);
}

#[test]
fn tab_completes_a_job_name_and_history_walks_back_and_forth() {
    let mut state = State::default();
    run(&mut state, "kubectl apply -f data-processing-job.yaml");
    teach(
        &mut state,
        TeachAction::TerminalInput("kubectl describe job da".into()),
    );
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Tab));
    assert_eq!(
        state.teach.console.input,
        "kubectl describe job data-processing-job "
    );
    teach(&mut state, TeachAction::TerminalInput("kubectl de".into()));
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Tab));
    let last = state
        .teach
        .console
        .lines
        .last()
        .expect("candidates printed");
    assert_eq!(last.text, "delete  describe");
    run(&mut state, "kubectl get pods");
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Up));
    assert_eq!(state.teach.console.input, "kubectl get pods");
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Up));
    assert_eq!(
        state.teach.console.input,
        "kubectl apply -f data-processing-job.yaml"
    );
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Down));
    assert_eq!(state.teach.console.input, "kubectl get pods");
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Down));
    assert_eq!(state.teach.console.input, "");
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Clear));
    assert!(state.teach.console.lines.is_empty());
}

#[test]
fn a_watch_streams_as_time_runs_until_ctrl_c() {
    let mut state = State::default();
    run(&mut state, "kubectl apply -f data-processing-job.yaml");
    let first = run(&mut state, "kubectl get jobs --watch");
    assert!(first.starts_with("NAME"), "{first}");
    assert!(state.teach.console.is_busy());
    reduce(&mut state, Action::JumpToEnd);
    run_ticks(&mut state);
    let text: Vec<&str> = state
        .teach
        .console
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert!(text.iter().any(|l| l.contains("Complete")), "{text:?}");
    teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Interrupt));
    assert!(!state.teach.console.is_busy());
    assert_eq!(
        state.teach.console.lines.last().map(|l| l.text.as_str()),
        Some("^C")
    );
}

#[test]
fn every_guide_block_loads_and_every_guide_command_runs() {
    let mut state = State::default();
    for section in guide::sections() {
        for block in &section.blocks {
            match block {
                guide::Block::Yaml {
                    file: Some(file),
                    text,
                } => {
                    teach(
                        &mut state,
                        TeachAction::LoadFile {
                            file_name: file.clone(),
                            text: text.clone(),
                        },
                    );
                    assert_eq!(state.editor.file_name, *file);
                    assert_eq!(state.editor.error_count(), 0, "{file} loads cleanly");
                }
                guide::Block::Commands(commands) => {
                    let runnable = commands
                        .iter()
                        .filter(|c| !c.has_placeholder && c.text.contains("kubectl"));
                    for command in runnable {
                        let out = run(&mut state, &command.text);
                        assert!(
                            !out.contains("command not found"),
                            "{}: {out}",
                            command.text
                        );
                        teach(&mut state, TeachAction::TerminalKey(ConsoleKey::Interrupt));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(
        state.files().len() >= 6,
        "every loaded file is kept for apply -f"
    );
    run(&mut state, "kubectl delete jobs --all");
    let out = run(&mut state, "kubectl apply -f failing-job-demo.yaml");
    assert_eq!(out, "job.batch/failing-job-demo created\n");
    reduce(&mut state, Action::JumpToEnd);
    run_ticks(&mut state);
    teach(&mut state, TeachAction::OpenPanel(Panel::Guide));
    let checks = &state.teach.checks;
    assert!(
        checks
            .exercise1
            .as_deref()
            .is_some_and(|c| c.contains("failing-job-demo")),
        "{checks:?}"
    );
}

#[test]
fn a_foreign_speed_maps_to_the_nearest_offered_one() {
    assert_eq!(SPEEDS[speed_index(9.0)].0, "10×");
    assert_eq!(SPEEDS[speed_index(0.0)].1, Speed::AsFastAsPossible);
    assert_eq!(SPEEDS[speed_index(1.0)].0, "1×");
}

#[test]
fn scenario_buttons_run_recorded_kubectl_lines() {
    use crate::playground::details::Selection;
    let mut state = State::default();
    run(&mut state, "kubectl apply -f data-processing-job.yaml");
    let job = Selection::Job {
        namespace: "default".into(),
        name: "data-processing-job".into(),
    };
    let suspend = &scenarios(&job)[0];
    assert_eq!(suspend.label, "Suspend job");
    assert_eq!(
        run(&mut state, &suspend.line),
        "job.batch/data-processing-job patched\n"
    );
    assert!(state.session.cluster().job_records()[0].spec.suspend == Some(true));
    let node = state.session.cluster().nodes()[0].name.clone();
    let lines: Vec<String> = node_scenarios(&node, false)
        .into_iter()
        .map(|s| s.line)
        .collect();
    assert_eq!(
        run(&mut state, &lines[0]),
        format!("node/{node} cordoned\n")
    );
    let out = run(&mut state, &lines[1]);
    assert!(
        out.starts_with(&format!("node/{node} already cordoned")),
        "{out}"
    );
    // The drain found the node cordoned and its pods gone (suspended): nothing changed.
    assert_eq!(
        state.session.inputs().len(),
        3,
        "apply, suspend, cordon recorded"
    );
    assert_eq!(node_scenarios(&node, true)[0].label, "Uncordon");
}

#[test]
fn the_evict_button_calls_the_eviction_api() {
    use crate::playground::details::Selection;
    let mut state = State::default();
    run(&mut state, "kubectl apply -f data-processing-job.yaml");
    run(&mut state, "sleep 5");
    let pod = state.session.cluster().pods()[0].meta.name.clone();
    let selection = Selection::Pod {
        namespace: "default".into(),
        name: pod.clone(),
    };
    let evict = scenarios(&selection)
        .into_iter()
        .find(|s| s.label == "Evict pod")
        .expect("an Evict pod button");
    assert_eq!(
        run(&mut state, &evict.line),
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\",\"code\":201}\n"
    );
    let evicted = &state.session.cluster().pods()[0];
    assert!(
        evicted.meta.deletion.is_some(),
        "the eviction deletes the pod"
    );
    assert_eq!(
        evicted.condition("DisruptionTarget").and_then(|c| c.reason),
        Some("EvictionByEvictionAPI")
    );
}
