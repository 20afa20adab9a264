//! Native sidecar containers (KEP-753, GA in 1.33): an init container with
//! `restartPolicy: Always` starts before the app containers and runs beside them
//! (`kuberuntime_manager.go` `computePodActions`), is restarted whenever it exits, counts in
//! READY and ContainersReady, and is stopped once every app container has finished; the pod
//! stays Running until it has stopped, and its exit code does not decide the phase
//! (`kubelet_pods.go` `getPhase`).

use jobsim::sim::clock::SimDuration;

use super::harness::Harness;

/// A Job whose pod has the sidecar `sidecar_script` (busybox) and one app container that
/// sleeps `app_seconds`.
fn with_sidecar(sidecar_script: &str, app_seconds: u32) -> String {
    format!(
        "apiVersion: batch/v1
kind: Job
metadata:
  name: side
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: helper
        image: busybox:1.36
        restartPolicy: Always
        command: [\"sh\", \"-c\", \"{sidecar_script}\"]
      containers:
      - name: app
        image: busybox:1.36
        command: [\"sh\", \"-c\", \"sleep {app_seconds}; echo done\"]
"
    )
}

fn pod_line(h: &mut Harness) -> String {
    let out = h.kubectl("get pods --no-headers");
    out.lines().next().unwrap_or_default().to_string()
}

/// §9.2: the sidecar is up before the app container starts, and both count in READY.
#[test]
fn a_running_sidecar_counts_in_ready_and_the_app_starts_after_it() {
    let mut h = Harness::apply(&with_sidecar("sleep 3600", 20), 1);
    h.run_for(SimDuration::from_secs(8));
    let line = pod_line(&mut h);
    assert!(line.contains(" 2/2 ") && line.contains("Running"), "{line}");
    let pod = &h.cluster.pods()[0];
    let sidecar = &pod.status.init_container_statuses[0];
    let app = &pod.status.container_statuses[0];
    assert!(sidecar.state.is_running() && sidecar.ready && sidecar.started);
    assert!(app.state.is_running());
    assert!(
        pod.is_ready(),
        "Ready counts the sidecar and the app container"
    );
}

/// `computePodActions`: once the app container has finished, the sidecar gets SIGTERM; a
/// shell PID 1 without a trap ignores it, so the pod ends at SIGKILL, 30 s later, with the
/// sidecar's 137 ignored: the pod Succeeded and the Job is Complete.
#[test]
fn the_sidecar_is_stopped_after_the_app_and_its_exit_code_does_not_count() {
    let mut h = Harness::apply(&with_sidecar("sleep 3600", 5), 1);
    h.run_for(SimDuration::from_secs(12));
    let line = pod_line(&mut h);
    assert!(
        line.contains(" 1/2 ") && line.contains("Completed"),
        "{line}"
    );
    assert!(
        h.job().status.completion_time.is_none(),
        "not before the sidecar stopped"
    );
    h.settle();
    assert_eq!(
        h.conditions(),
        [
            "SuccessCriteriaMet/CompletionsReached",
            "Complete/CompletionsReached"
        ]
    );
    let pod = &h.cluster.pods()[0];
    let sidecar = &pod.status.init_container_statuses[0];
    assert_eq!(sidecar.state.exit_code(), Some(137));
    let app = &pod.status.container_statuses[0];
    assert_eq!(app.state.exit_code(), Some(0));
    let start = h.job().status.start_time.expect("started");
    let done = h.job().status.completion_time.expect("completed");
    let took = done.since(start).as_millis() / 1000;
    assert!(
        (35..=40).contains(&took),
        "app ~7 s + 30 s grace, took {took} s"
    );
    assert!(h.event_reasons().contains(&"Killing".to_string()));
}

/// A sidecar that traps SIGTERM exits at once, so the Job completes right after the app.
#[test]
fn a_sidecar_that_traps_sigterm_lets_the_pod_finish_promptly() {
    let script = "trap 'exit 0' TERM; while true; do sleep 1; done";
    let mut h = Harness::apply(&with_sidecar(script, 5), 1);
    h.settle();
    let start = h.job().status.start_time.expect("started");
    let done = h.job().status.completion_time.expect("completed");
    let took = done.since(start).as_millis() / 1000;
    assert!(took <= 10, "took {took} s");
    let sidecar = &h.cluster.pods()[0].status.init_container_statuses[0];
    assert_eq!(sidecar.state.exit_code(), Some(0));
}

/// A sidecar is restarted whenever it exits (CrashLoopBackOff delays), even in a pod with
/// `restartPolicy: Never`; it never fails the pod.
#[test]
fn an_exiting_sidecar_is_restarted_even_under_never() {
    let mut h = Harness::apply(&with_sidecar("echo up; exit 3", 60), 1);
    h.settle();
    let pod = &h.cluster.pods()[0];
    let sidecar = &pod.status.init_container_statuses[0];
    assert!(sidecar.restart_count >= 2, "{}", sidecar.restart_count);
    assert_eq!(h.job().status.failed, 0);
    assert_eq!(h.job().status.succeeded, 1);
    assert_eq!(h.cluster.pods().len(), 1, "no replacement pod");
}
