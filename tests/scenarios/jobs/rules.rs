//! One test per rule, named after it (reference section in the doc comment).

use super::harness::{Harness, job};
use jobsim::objects::PodPhase;
use jobsim::sim::clock::SimDuration;

/// §4.1, §4.2, A1: Never + backoffLimit 2, every pod exits 1: three pods, re-created after
/// 10 s then 20 s of back-off, then FailureTarget and Failed (BackoffLimitExceeded).
#[test]
fn backoff_limit_never_fails_on_failure_backoff_limit_plus_one() {
    let mut h = Harness::apply(&job("fail", "backoffLimit: 2", "Never", "exit 1"), 1);
    h.settle();
    assert_eq!(h.cluster.pods().len(), 3);
    assert_eq!(h.job().status.failed, 3);
    assert_eq!(
        h.conditions(),
        [
            "FailureTarget/BackoffLimitExceeded",
            "Failed/BackoffLimitExceeded"
        ]
    );
    assert!(
        h.job().status.completion_time.is_none(),
        "failed Jobs get no completionTime"
    );
    let created = h.creations();
    let gap1 = created[1] - created[0];
    let gap2 = created[2] - created[1];
    // Gap = the pod's run (~3 s) + back-off; the second back-off is twice the first.
    assert!(
        (11..=16).contains(&gap1),
        "first re-creation after ~10 s back-off: {created:?}"
    );
    assert!((21..=26).contains(&gap2), "second after ~20 s: {created:?}");
    let reasons = h.event_reasons();
    assert_eq!(
        reasons
            .iter()
            .filter(|r| *r == "BackoffLimitExceeded")
            .count(),
        1
    );
    let out = h.kubectl("get jobs");
    assert!(out.contains("Failed") && out.contains("0/1"), "{out}");
}

/// §4.1: backoffLimit 0 fails the Job on its first failed pod.
#[test]
fn backoff_limit_zero_fails_at_once() {
    let mut h = Harness::apply(&job("zero", "backoffLimit: 0", "Never", "exit 2"), 1);
    h.settle();
    assert_eq!(h.cluster.pods().len(), 1);
    assert_eq!(h.job().status.failed, 1);
    assert!(h.job().status.is_true("Failed"));
}

/// §4.1, §7.3, A2: OnFailure restarts in place; the Job fails when the restarts reach
/// backoffLimit; the pod is deleted and counted as failed.
#[test]
fn on_failure_restarts_count_toward_backoff_limit() {
    let mut h = Harness::apply(&job("crash", "backoffLimit: 2", "OnFailure", "exit 1"), 1);
    h.settle();
    assert_eq!(h.cluster.pods().len(), 1, "one pod, restarted in place");
    let pod = h.cluster.pods()[0].clone();
    assert_eq!(pod.restarts(), 2);
    assert_eq!(h.job().status.failed, 1);
    assert!(h.job().status.is_true("Failed"));
    assert_eq!(
        h.job().status.condition("Failed").unwrap().reason,
        "BackoffLimitExceeded"
    );
    assert!(
        pod.meta.deletion.is_some(),
        "the crashing pod is deleted when the Job fails"
    );
}

/// §7.3: CrashLoopBackOff waits 10 s, then 20 s, between restarts.
#[test]
fn crash_loop_backoff_doubles() {
    let mut h = Harness::apply(&job("loop", "backoffLimit: 6", "OnFailure", "exit 1"), 1);
    h.run_for(SimDuration::from_secs(40));
    let out = h.kubectl("get pods");
    assert!(
        out.contains("CrashLoopBackOff") || out.contains("Error"),
        "{out}"
    );
    let pod = h.cluster.pods()[0].id;
    let attempts = h.cluster.container_attempts(pod, "main");
    assert!(attempts.len() >= 3, "{}", attempts.len());
    let gap = |i: usize| {
        attempts[i + 1]
            .started
            .since(attempts[i].ended.unwrap())
            .as_secs()
    };
    assert!(gap(0) <= 1, "first restart is immediate");
    assert!((10..=11).contains(&gap(1)), "then 10 s: {}", gap(1));
    let previous = h.kubectl(&format!(
        "logs {} --previous",
        h.cluster.pods()[0].meta.name
    ));
    assert!(!previous.contains("not found"), "{previous}");
}

/// §5.1–5.3, A3: Indexed, completions 3, parallelism 2: one pod per index, lowest first,
/// index in the name, hostname and env; completedIndexes "0-2".
#[test]
fn indexed_job_runs_each_index_once() {
    let yaml = job(
        "idx",
        "completions: 3\nparallelism: 2\ncompletionMode: Indexed",
        "Never",
        "echo index $JOB_COMPLETION_INDEX on $(hostname)\nsleep $((JOB_COMPLETION_INDEX + 1))",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.settle();
    assert_eq!(h.job().status.completed_indexes, "0-2");
    assert_eq!(h.job().status.succeeded, 3);
    let names: Vec<String> = h
        .cluster
        .pods()
        .iter()
        .map(|p| p.meta.name.clone())
        .collect();
    assert!(
        names[0].starts_with("idx-0-")
            && names[1].starts_with("idx-1-")
            && names[2].starts_with("idx-2-"),
        "{names:?}"
    );
    let log = h.kubectl(&format!("logs {}", names[2]));
    assert_eq!(log, "index 2 on idx-2\n");
    assert!(
        h.kubectl("describe job idx")
            .contains("Completed Indexes:  0-2")
    );
}

/// §3.3, §3.5, A4: work queue (completions unset, parallelism 3): three pods; complete
/// once one succeeded and none is active; COMPLETIONS `3/1 of 3`.
#[test]
fn work_queue_completes_when_all_pods_end() {
    let mut h = Harness::apply(&job("queue", "parallelism: 3", "Never", "sleep 3"), 1);
    h.settle();
    assert_eq!(h.cluster.pods().len(), 3);
    assert_eq!(h.job().status.succeeded, 3);
    assert!(h.job().status.is_true("Complete"));
    assert!(h.kubectl("get jobs").contains("3/1 of 3"));
}

/// §3.3: parallelism 0 creates no pods; the Job stays Running.
#[test]
fn parallelism_zero_creates_nothing() {
    let mut h = Harness::apply(
        &job("idle", "completions: 2\nparallelism: 0", "Never", "true"),
        1,
    );
    h.run_for(SimDuration::from_secs(60));
    assert!(h.cluster.pods().is_empty());
    assert!(!h.job().status.is_finished());
}

/// §3.3: parallelism above the remaining completions never creates more pods than remain.
#[test]
fn parallelism_above_completions_is_capped() {
    let mut h = Harness::apply(
        &job(
            "capped",
            "completions: 2\nparallelism: 5",
            "Never",
            "sleep 1",
        ),
        1,
    );
    h.settle();
    assert_eq!(h.cluster.pods().len(), 2);
}

/// §6.1, §4.8: activeDeadlineSeconds fails the Job (DeadlineExceeded); running pods are
/// deleted and, since `sleep` as PID 1 ignores SIGTERM, killed after the 30 s grace; Failed
/// is added only once they are gone.
#[test]
fn active_deadline_fails_and_waits_for_pods_to_terminate() {
    let mut h = Harness::apply(
        &job("late", "activeDeadlineSeconds: 5", "Never", "sleep 300"),
        1,
    );
    h.settle();
    let status = &h.job().status;
    assert_eq!(
        h.conditions(),
        ["FailureTarget/DeadlineExceeded", "Failed/DeadlineExceeded"]
    );
    let target = status.condition("FailureTarget").unwrap().time;
    let failed = status.condition("Failed").unwrap().time;
    let start = status.start_time.unwrap();
    assert_eq!(target.since(start).as_secs(), 5);
    let grace = failed.since(target).as_secs();
    assert!(
        (30..=33).contains(&grace),
        "Failed after the grace period: {grace}s"
    );
    assert_eq!(status.failed, 1, "the deleted pod counts as failed");
    let pod = &h.cluster.pods()[0];
    assert_eq!(pod.status.phase, PodPhase::Failed);
    assert_eq!(
        pod.status.container_statuses[0].state.exit_code(),
        Some(137)
    );
}

/// §7.6: a shell with `trap … TERM` ends as soon as its foreground command allows.
#[test]
fn sigterm_with_a_trap_ends_before_the_grace_period() {
    let script = "trap 'echo caught; exit 0' TERM\nsleep 1000 &\nwait";
    let mut h = Harness::apply(
        &job("trapped", "activeDeadlineSeconds: 5", "Never", script),
        1,
    );
    h.settle();
    let failed = h.job().status.condition("Failed").unwrap().time;
    let start = h.job().status.start_time.unwrap();
    assert!(
        failed.since(start).as_secs() < 15,
        "no 30 s wait when SIGTERM is handled"
    );
    let pod = h.cluster.pods()[0].id;
    let logs: Vec<&str> = h.cluster.container_attempts(pod, "main")[0]
        .process
        .logs
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(logs, ["caught"]);
}

/// §7.6 with the pod's own `activeDeadlineSeconds` (`active_deadline.go`): the kubelet fails
/// the pod (DeadlineExceeded), SIGTERM is ignored by `sh -c sleep` as PID 1, SIGKILL comes
/// after the grace period (exit 137), and the Job counts one failure. It used to wake the pod
/// again and again at the deadline's instant and never finish.
#[test]
fn a_pod_deadline_with_sigterm_ignored_kills_after_the_grace_period() {
    let yaml = "apiVersion: batch/v1
kind: Job
metadata:
  name: podads
spec:
  backoffLimit: 0
  template:
    spec:
      activeDeadlineSeconds: 5
      terminationGracePeriodSeconds: 2
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.36
        command: [\"sh\", \"-c\", \"sleep 100\"]
";
    let mut h = Harness::apply(yaml, 1);
    h.settle();
    assert_eq!(h.job().status.failed, 1);
    assert!(
        h.conditions()
            .iter()
            .any(|c| c.contains("BackoffLimitExceeded")),
        "{:?}",
        h.conditions()
    );
    let pod = &h.cluster.pods()[0];
    assert_eq!(pod.status.reason.as_deref(), Some("DeadlineExceeded"));
    let start = pod.status.start_time.unwrap();
    let attempt = &h.cluster.container_attempts(pod.id, "c")[0];
    assert_eq!(attempt.exit_code, Some(137));
    let ran = attempt.ended.unwrap().since(start).as_secs();
    assert!(
        (7..=8).contains(&ran),
        "deadline 5 s + grace 2 s, ended after {ran} s"
    );
    let reasons = h.event_reasons();
    assert!(
        reasons.iter().any(|r| r == "DeadlineExceeded"),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r == "Killing"), "{reasons:?}");
}

/// `syncJob` → `managedByExternalController` (JobManagedBy, GA in 1.35): a Job whose
/// `spec.managedBy` names another controller gets no pods, no status and no events from the
/// built-in controller; `kubernetes.io/job-controller` is the built-in one's own name. The
/// editor warns.
#[test]
fn a_job_managed_by_another_controller_is_left_alone() {
    for (manager, runs) in [
        ("example.com/custom-controller", false),
        ("kubernetes.io/job-controller", true),
    ] {
        let yaml = job("mb", &format!("managedBy: {manager}"), "Never", "echo hi");
        let report = jobsim::manifest::check("mb.yaml", &yaml);
        let warned = report
            .diagnostics()
            .any(|d| d.field == "spec.managedBy" && d.message.contains("creates no pods"));
        assert_eq!(warned, !runs, "{manager}");
        let mut h = Harness::apply(&yaml, 1);
        h.run_for(SimDuration::from_secs(120));
        assert_eq!(h.cluster.pods().is_empty(), !runs, "{manager}");
        assert_eq!(h.job().status.start_time.is_none(), !runs, "{manager}");
        assert_eq!(h.event_reasons().is_empty(), !runs, "{manager}");
        let line = h.kubectl("get jobs --no-headers");
        let expected = if runs { "Complete" } else { "Running" };
        assert!(line.contains(expected), "{manager}: {line}");
    }
}

/// §7.2 `OOMKilled`: the kubernetes.io memory example's `stress` allocates `--vm-bytes` per
/// worker; past `resources.limits.memory` the OOM killer ends the container (137,
/// OOMKilled), under it stress runs until `--timeout` (or for ever).
#[test]
fn stress_past_the_memory_limit_is_oom_killed() {
    let with = |limit: &str, args: &str, restart: &str| {
        format!(
            "apiVersion: batch/v1
kind: Job
metadata:
  name: memory-demo
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: {restart}
      containers:
      - name: memory-demo-ctr
        image: polinux/stress
        resources:
          limits:
            memory: {limit}
        command: [\"stress\"]
        args: [{args}]
"
        )
    };
    let over = with(
        "100Mi",
        "\"--vm\", \"1\", \"--vm-bytes\", \"250M\", \"--vm-hang\", \"1\"",
        "Never",
    );
    let mut h = Harness::apply(&over, 1);
    h.settle();
    let pod = &h.cluster.pods()[0];
    let attempt = &h.cluster.container_attempts(pod.id, "memory-demo-ctr")[0];
    assert_eq!(attempt.exit_code, Some(137));
    let describe = h.kubectl("describe pods");
    assert!(describe.contains("Reason:       OOMKilled"), "{describe}");
    assert!(
        h.conditions()
            .iter()
            .any(|c| c.contains("BackoffLimitExceeded"))
    );

    let under = with(
        "200Mi",
        "\"--vm\", \"1\", \"--vm-bytes\", \"150M\", \"--vm-hang\", \"1\"",
        "Never",
    );
    let mut h = Harness::apply(&under, 1);
    h.run_for(SimDuration::from_secs(120));
    assert!(h.kubectl("get pods --no-headers").contains("Running"));
    let logs = h.kubectl("logs job/memory-demo");
    assert_eq!(
        logs,
        "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n"
    );

    let timed = with(
        "200Mi",
        "\"--vm\", \"1\", \"--vm-bytes\", \"150M\", \"--timeout\", \"10s\"",
        "Never",
    );
    let mut h = Harness::apply(&timed, 1);
    h.settle();
    assert_eq!(h.job().status.succeeded, 1);
    let logs = h.kubectl("logs job/memory-demo");
    assert!(
        logs.ends_with("stress: info: [1] successful run completed in 10s\n"),
        "{logs}"
    );
}

/// `validateContainerLogStatus` (kubelet): while a container waits in CrashLoopBackOff,
/// `logs` and `logs --previous` both read `lastState` — the run that just crashed — and
/// `lastState.terminated` names that run's container ID.
#[test]
fn logs_in_crash_loop_back_off_read_the_run_that_just_crashed() {
    let mut h = Harness::apply(
        &job(
            "crashy",
            "",
            "OnFailure",
            "echo \"run at $(date +%s)\"\nsleep 3\nexit 2",
        ),
        1,
    );
    h.run_for(SimDuration::from_secs(50));
    let pods = h.kubectl("get pods --no-headers");
    assert!(pods.contains("CrashLoopBackOff"), "{pods}");
    let current = h.kubectl("logs job/crashy");
    let previous = h.kubectl("logs job/crashy --previous");
    assert_eq!(current, previous);
    let finished = h.kubectl(
        "get pods -o jsonpath={.items[0].status.containerStatuses[0].lastState.terminated.startedAt}",
    );
    let started: jiff::Timestamp = finished.trim().parse().expect("a timestamp");
    assert_eq!(current, format!("run at {}\n", started.as_second()));
    let ids = h.kubectl(
        "get pods -o jsonpath={.items[0].status.containerStatuses[0].containerID},{.items[0].status.containerStatuses[0].lastState.terminated.containerID}",
    );
    let (id, last) = ids.trim().split_once(',').expect("two IDs");
    assert!(id.starts_with("containerd://") && id == last, "{ids}");
}

/// `validateContainerLogStatus`' words for a container that never started, and `LogLocation`
/// for a pod on no node (an empty stream); `kubectl top` (`verifyEmptyMetrics`) when pods
/// match but metrics-server has nothing for them.
#[test]
fn logs_and_top_of_pods_that_are_not_running() {
    let pulling = "apiVersion: batch/v1
kind: Job
metadata:
  name: pull
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: app
        image: my-app:latest
";
    let mut h = Harness::apply(pulling, 1);
    h.run_for(SimDuration::from_secs(60));
    let logs = h.kubectl("logs job/pull");
    assert!(
        logs.ends_with("is waiting to start: trying and failing to pull image\n"),
        "{logs}"
    );
    let top = h.kubectl("top pods -l job-name=pull");
    assert_eq!(top, "error: metrics not available yet\n");
    let later = h.cluster.now() + SimDuration::from_secs(120);
    h.cluster.run_until(later);
    let top = h.kubectl("top pods -l job-name=pull");
    assert!(
        top.starts_with("error: Metrics not available for pod default/pull-"),
        "{top}"
    );
    assert!(top.contains(", age: 2m") && top.ends_with("s\n"), "{top}");

    let big = job("big", "", "Never", "echo hi").replace(
        "        image: busybox:1.35\n",
        "        image: busybox:1.35\n        resources:\n          requests:\n            cpu: \"64\"\n",
    );
    let mut h = Harness::apply(&big, 1);
    h.run_for(SimDuration::from_secs(30));
    assert!(h.kubectl("get pods --no-headers").contains("Pending"));
    assert_eq!(h.kubectl("logs job/big"), "");
}

/// `convertToAPIContainerStatuses`: `restartCount` is the newest container instance's, so a
/// count above zero always comes with the previous instance as `lastState` — at every
/// instant of an OnFailure crash loop, not only once the restart has settled.
#[test]
fn a_restart_is_counted_with_its_last_state() {
    let mut h = Harness::apply(&job("a2", "backoffLimit: 3", "OnFailure", "exit 1"), 1);
    let mut restarts_seen = 0;
    for _ in 0..10_000 {
        if h.cluster.is_settled() || h.cluster.step().is_none() {
            break;
        }
        for pod in h.cluster.pods().iter() {
            if pod.removed.is_some() || pod.meta.deletion.is_some() {
                continue;
            }
            for s in &pod.status.container_statuses {
                restarts_seen = restarts_seen.max(s.restart_count);
                assert!(
                    s.restart_count == 0 || s.last_state.is_some(),
                    "restartCount {} without lastState at {:?}: {:?}",
                    s.restart_count,
                    h.cluster.now(),
                    s.state
                );
            }
        }
    }
    assert!(restarts_seen >= 2, "{restarts_seen}");
}

/// §6.2: a Job created suspended makes no pods and has no startTime; resuming (patch)
/// creates them, adds Suspended=False (JobResumed) and emits Resumed.
#[test]
fn suspend_and_resume() {
    let mut h = Harness::apply(&job("paused", "suspend: true", "Never", "sleep 2"), 1);
    h.run_for(SimDuration::from_secs(30));
    assert!(h.cluster.pods().is_empty());
    assert!(h.job().status.start_time.is_none());
    assert!(h.kubectl("get jobs").contains("Suspended"));
    let out = h.kubectl("patch job paused --type=merge -p {\"spec\":{\"suspend\":false}}");
    assert_eq!(out, "job.batch/paused patched\n");
    h.settle();
    assert!(h.job().status.is_true("Complete"));
    let suspended = h.job().status.condition("Suspended").unwrap();
    assert_eq!(
        (suspended.status.as_str(), suspended.reason.as_str()),
        ("False", "JobResumed")
    );
    assert!(h.event_reasons().contains(&"Resumed".to_string()));
}

/// §6.2: suspending a running Job deletes its pods without counting them as failed.
#[test]
fn suspending_a_running_job_deletes_pods_uncounted() {
    let mut h = Harness::apply(&job("pausing", "completions: 2", "Never", "sleep 60"), 1);
    h.run_for(SimDuration::from_secs(10));
    h.kubectl("patch job pausing --type=merge -p {\"spec\":{\"suspend\":true}}");
    h.run_for(SimDuration::from_secs(60));
    assert_eq!(h.job().status.failed, 0);
    assert!(h.job().status.is_true("Suspended"));
    assert!(h.event_reasons().contains(&"Suspended".to_string()));
    assert!(h.event_reasons().contains(&"SuccessfulDelete".to_string()));
}

/// §6.3: ttlSecondsAfterFinished deletes the finished Job (and its pods) after the TTL.
#[test]
fn ttl_after_finished_deletes_the_job() {
    let mut h = Harness::apply(
        &job("brief", "ttlSecondsAfterFinished: 10", "Never", "true"),
        1,
    );
    h.settle();
    let finished = h.job().status.condition("Complete").unwrap().time;
    h.cluster.advance_by(SimDuration::from_secs(30));
    let removed = h.job().removed.expect("TTL controller deleted the Job");
    assert!((10..=12).contains(&removed.since(finished).as_secs()));
    assert!(
        h.cluster.pods().iter().all(|p| p.removed.is_some()),
        "pods go with it"
    );
    assert!(h.kubectl("get jobs").contains("No resources found"));
}

/// §4.4: a FailJob rule on an exit code fails the Job with the policy's message.
#[test]
fn pod_failure_policy_fail_job() {
    let spec = "backoffLimit: 6\npodFailurePolicy:\n  rules:\n  - action: FailJob\n    onExitCodes:\n      containerName: main\n      operator: In\n      values: [42]";
    let mut h = Harness::apply(&job("pfp", spec, "Never", "exit 42"), 1);
    h.settle();
    let failed = h.job().status.condition("Failed").unwrap();
    assert_eq!(failed.reason, "PodFailurePolicy");
    let pod = &h.cluster.pods()[0].meta.name;
    assert_eq!(
        failed.message,
        format!(
            "Container main for pod default/{pod} failed with exit code 42 matching FailJob rule at index 0"
        )
    );
    assert_eq!(h.cluster.pods().len(), 1, "no retry");
}

/// §4.4: an Ignore rule does not count the failure; the pod is replaced.
#[test]
fn pod_failure_policy_ignore_does_not_count() {
    let spec = "backoffLimit: 0\npodFailurePolicy:\n  rules:\n  - action: Ignore\n    onExitCodes:\n      operator: In\n      values: [3]";
    let script = "if [ -f /data/second ]; then exit 0; fi\nexit 3";
    let mut h = Harness::apply(&job("ignored", spec, "Never", script), 1);
    h.run_for(SimDuration::from_secs(60));
    assert_eq!(h.job().status.failed, 0, "ignored failures are not counted");
    assert!(
        h.cluster.pods().len() >= 2,
        "the ignored failure is replaced"
    );
}

/// §4.3: backoffLimitPerIndex: a failing index gets limit+1 attempts, is listed in
/// failedIndexes, and the Job fails with FailedIndexes once every index finished.
#[test]
fn backoff_limit_per_index() {
    let spec = "completions: 3\nparallelism: 3\ncompletionMode: Indexed\nbackoffLimitPerIndex: 1";
    let script = "if [ \"$JOB_COMPLETION_INDEX\" = 1 ]; then exit 1; fi\nsleep 2";
    let mut h = Harness::apply(&job("perindex", spec, "Never", script), 1);
    h.settle();
    let status = &h.job().status;
    assert_eq!(status.failed_indexes.as_deref(), Some("1"));
    assert_eq!(status.completed_indexes, "0,2");
    assert_eq!(status.failed, 2, "index 1 tried twice");
    assert_eq!(status.condition("Failed").unwrap().reason, "FailedIndexes");
    let index_1: Vec<_> = h
        .cluster
        .pods()
        .iter()
        .filter(|p| p.completion_index == Some(1))
        .collect();
    assert_eq!(index_1.len(), 2);
    assert_eq!(
        index_1[1]
            .meta
            .annotations
            .get("batch.kubernetes.io/job-index-failure-count")
            .map(String::as_str),
        Some("1")
    );
}

/// §5.5: a success policy ends the Job when index 0 succeeded; lingering pods are deleted
/// and not counted as failed.
#[test]
fn success_policy_completes_early() {
    let spec = "completions: 3\nparallelism: 3\ncompletionMode: Indexed\nsuccessPolicy:\n  rules:\n  - succeededIndexes: \"0\"";
    let script = "if [ \"$JOB_COMPLETION_INDEX\" = 0 ]; then exit 0; fi\nsleep 600";
    let mut h = Harness::apply(&job("leader", spec, "Never", script), 1);
    h.settle();
    assert_eq!(
        h.conditions(),
        ["SuccessCriteriaMet/SuccessPolicy", "Complete/SuccessPolicy"]
    );
    assert_eq!(
        h.job().status.condition("Complete").unwrap().message,
        "Matched rules at index 0"
    );
    assert_eq!(h.job().status.failed, 0);
    assert_eq!(h.job().status.completed_indexes, "0");
}

/// §8.2, scheduler: requests that fit no node leave the pod Pending with FailedScheduling in
/// the scheduler's words; the Job stays Running. A request above every node's allocatable is
/// `Unresolvable` (`noderesources.fitsRequest`), so preemption says it is not helpful.
#[test]
fn unschedulable_pod_stays_pending() {
    let yaml = job("huge", "completions: 1", "Never", "true").replace(
        "        image: busybox:1.35\n",
        "        image: busybox:1.35\n        resources:\n          requests:\n            cpu: \"64\"\n",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.run_for(SimDuration::from_secs(30));
    let pod = &h.cluster.pods()[0];
    assert_eq!(pod.status.phase, PodPhase::Pending);
    let out = h.kubectl(&format!("describe pod {}", pod.meta.name));
    assert!(out.contains("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.."), "{out}");
    assert!(h.kubectl("get jobs").contains("Running"));
}

/// §8.2, scheduler: a request that fits a node's allocatable but not what is left of it could
/// be met by preempting others, so preemption looks for victims (and finds none: Job pods
/// all have the same priority).
#[test]
fn a_pod_that_fits_an_empty_node_waits_for_room() {
    let yaml = job("busy", "completions: 4\nparallelism: 4", "Never", "sleep 60").replace(
        "        image: busybox:1.35\n",
        "        image: busybox:1.35\n        resources:\n          requests:\n            cpu: \"3\"\n",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.run_for(SimDuration::from_secs(5));
    let pending = h.cluster.pods().iter().find(|p| p.node_name.is_none());
    let name = pending.expect("one pod finds no room").meta.name.clone();
    let out = h.kubectl(&format!("describe pod {name}"));
    assert!(out.contains("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.."), "{out}");
}

/// §7.5: an image that does not exist: ErrImagePull, then ImagePullBackOff; nothing fails.
/// A repository Docker Hub does not have is containerd's `pull access denied` (gRPC code
/// Unknown, which the CRI client strips); a missing tag keeps `rpc error: code = NotFound`.
#[test]
fn missing_image_backs_off() {
    let cases = [
        (
            "my-app:latest",
            "failed to pull and unpack image \"docker.io/library/my-app:latest\": failed to resolve reference \"docker.io/library/my-app:latest\": pull access denied",
        ),
        (
            "busybox:does-not-exist",
            "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/busybox:does-not-exist\"",
        ),
    ];
    for (image, error) in cases {
        let yaml = job("noimage", "completions: 1", "Never", "true").replace("busybox:1.35", image);
        let mut h = Harness::apply(&yaml, 1);
        h.run_for(SimDuration::from_secs(20));
        let out = h.kubectl("get pods");
        assert!(
            out.contains("ImagePullBackOff") || out.contains("ErrImagePull"),
            "{out}"
        );
        assert_eq!(h.job().status.failed, 0);
        assert!(h.event_reasons().contains(&"BackOff".to_string()));
        // `EnsureImageExists`: ErrImagePull's message is the runtime's error as it is
        // (`evalCRIPullErr`); ImagePullBackOff's wraps the previous error (`pullImage`).
        let failed: Vec<String> = h
            .cluster
            .events()
            .iter()
            .filter(|e| e.reason == "Failed")
            .map(|e| e.message(&h.cluster).into_owned())
            .collect();
        let pull_failed = format!("Failed to pull image \"{image}\": {error}");
        assert!(
            failed.iter().any(|m| m.starts_with(&pull_failed)),
            "{failed:?}"
        );
        let pod = &h.cluster.pods()[0];
        let state = &pod.status.container_statuses[0].state;
        let jobsim::objects::ContainerState::Waiting { reason, message } = state else {
            panic!("{state:?}")
        };
        let want = match reason.as_str() {
            "ErrImagePull" => error.to_string(),
            "ImagePullBackOff" => {
                format!("Back-off pulling image \"{image}\": ErrImagePull: {error}")
            }
            other => panic!("{other}"),
        };
        assert!(
            message.as_deref().is_some_and(|m| m.starts_with(&want)),
            "{message:?}"
        );
    }
}

/// §7.4: a failing init container with restartPolicy Never fails the pod (Init:Error).
#[test]
fn failing_init_container_fails_the_pod() {
    let yaml = job("init", "backoffLimit: 0", "Never", "echo main").replace(
        "      containers:\n",
        "      initContainers:\n      - name: setup\n        image: busybox:1.35\n        command: ['sh', '-c', 'exit 1']\n      containers:\n",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.settle();
    let out = h.kubectl("get pods");
    assert!(out.contains("Init:Error"), "{out}");
    assert!(h.job().status.is_true("Failed"));
}

/// §5.3: pod names are `<job>-<5 chars>` from the generator's alphabet.
#[test]
fn pod_names_use_the_generate_name_alphabet() {
    let mut h = Harness::apply(
        &job("names", "completions: 3\nparallelism: 3", "Never", "true"),
        1,
    );
    h.settle();
    for pod in h.cluster.pods() {
        let suffix = pod
            .meta
            .name
            .strip_prefix("names-")
            .expect("generateName prefix");
        assert_eq!(suffix.len(), 5);
        assert!(
            suffix
                .chars()
                .all(|c| "bcdfghjklmnpqrstvwxz2456789".contains(c)),
            "{suffix}"
        );
    }
}

/// Exercise 2 of the guide: four 10 s pods one at a time take about four times as long as
/// four at once.
#[test]
fn sequential_takes_about_four_times_parallel() {
    let duration = |parallelism: u32| {
        let yaml = format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n  completions: 4\n  parallelism: {parallelism}\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: worker\n        image: busybox:1.35\n        command: ['sleep', '10']\n"
        );
        let mut h = Harness::apply(&yaml, 3);
        h.settle();
        let s = &h.job().status;
        s.completion_time
            .unwrap()
            .since(s.start_time.unwrap())
            .as_secs() as f64
    };
    let ratio = duration(1) / duration(4);
    assert!((3.0..=4.6).contains(&ratio), "ratio {ratio}");
}

/// kubectl delete job (background): the Job goes at once, its running pods terminate.
#[test]
fn deleting_a_job_deletes_its_pods() {
    let mut h = Harness::apply(
        &job(
            "gone",
            "completions: 2\nparallelism: 2",
            "Never",
            "sleep 600",
        ),
        1,
    );
    h.run_for(SimDuration::from_secs(10));
    assert_eq!(
        h.kubectl("delete job gone --wait=false"),
        "job.batch \"gone\" deleted from default namespace\n"
    );
    h.run_for(SimDuration::from_secs(60));
    assert!(h.job().removed.is_some());
    assert!(
        h.cluster.pods().iter().all(|p| p.removed.is_some()),
        "pods are garbage-collected"
    );
}

/// §7.2: a process that outgrows the container's memory is killed by the kernel; the runtime
/// reports `OOMKilled` with exit code 137 (`kubectl get pods` shows it as the STATUS).
#[test]
fn a_container_that_runs_out_of_memory_is_oom_killed() {
    let yaml = job(
        "oom",
        "backoffLimit: 0",
        "Never",
        "x=a; while true; do x=$x$x; done",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.settle();
    let pod = &h.cluster.pods()[0];
    let state = &pod.status.container_statuses[0].state;
    let jobsim::objects::ContainerState::Terminated {
        exit_code, reason, ..
    } = state
    else {
        panic!("{state:?}")
    };
    assert_eq!((*exit_code, reason.as_str()), (137, "OOMKilled"));
    assert!(h.kubectl("get pods").contains("OOMKilled"));
    assert!(h.job().status.is_true("Failed"));
}

/// §7.5, `EnsureImageExists`: `imagePullPolicy: Never` without the image on the node fails
/// every pod sync — the pod worker retries after its 10 s back-off — so the events repeat.
#[test]
fn a_never_pulled_missing_image_is_reported_at_every_sync() {
    let yaml = job("never", "completions: 1", "Never", "true").replace(
        "        image: busybox:1.35\n",
        "        image: busybox:1.35\n        imagePullPolicy: Never\n",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.run_for(SimDuration::from_secs(40));
    let count = |reason: &str, message: &str| {
        h.cluster
            .events()
            .iter()
            .filter(|e| e.reason == reason && e.message(&h.cluster).starts_with(message))
            .map(|e| e.count)
            .sum::<i32>()
    };
    let never = count(
        "ErrImageNeverPull",
        "Container image \"busybox:1.35\" is not present with pull policy of Never",
    );
    assert!((3..=4).contains(&never), "{never}");
    assert_eq!(count("Failed", "Error: ErrImageNeverPull"), never);
    assert!(h.kubectl("get pods").contains("ErrImageNeverPull"));
}

/// §6.1–6.2, `syncJob`: `pastActiveDeadline` runs before `manageJob` resets `startTime` on
/// resume, so a Job whose old `startTime + activeDeadlineSeconds` passed while it was
/// suspended fails with DeadlineExceeded in the resume sync — no Resumed event, and the
/// Suspended condition stays True.
#[test]
fn resuming_after_the_deadline_passed_fails_the_job_at_once() {
    let yaml = job(
        "late",
        "activeDeadlineSeconds: 30\nparallelism: 2\ncompletions: 4",
        "Never",
        "sleep 20",
    );
    let mut h = Harness::apply(&yaml, 1);
    h.run_for(SimDuration::from_secs(10));
    h.kubectl("patch job late --type=merge -p {\"spec\":{\"suspend\":true}}");
    h.run_for(SimDuration::from_secs(60));
    assert!(!h.job().status.is_true("Failed"), "never while suspended");
    let start = h.job().status.start_time;
    assert!(start.is_some(), "suspending keeps startTime");
    h.kubectl("patch job late --type=merge -p {\"spec\":{\"suspend\":false}}");
    h.run_for(SimDuration::from_secs(5));
    assert_eq!(
        h.conditions(),
        [
            "Suspended/JobSuspended",
            "FailureTarget/DeadlineExceeded",
            "Failed/DeadlineExceeded"
        ]
    );
    assert_eq!(h.job().status.start_time, start);
    assert!(!h.event_reasons().contains(&"Resumed".to_string()));
    assert_eq!(h.cluster.pods().len(), 2, "no pod created on the resume");
}

/// §6.1–6.2: resumed in time, the Job's `startTime` is the resume instant, so
/// activeDeadlineSeconds counts again from there (continuous active time).
#[test]
fn resuming_in_time_restarts_the_deadline_clock() {
    let yaml = job("again", "activeDeadlineSeconds: 100", "Never", "sleep 300");
    let mut h = Harness::apply(&yaml, 1);
    h.run_for(SimDuration::from_secs(10));
    h.kubectl("patch job again --type=merge -p {\"spec\":{\"suspend\":true}}");
    h.run_for(SimDuration::from_secs(5));
    assert_eq!(
        h.job().status.terminating,
        1,
        "SIGTERM is ignored by the shell"
    );
    h.run_for(SimDuration::from_secs(35));
    assert_eq!(
        h.job().status.terminating,
        0,
        "killed after the 30 s grace period"
    );
    h.kubectl("patch job again --type=merge -p {\"spec\":{\"suspend\":false}}");
    let resumed = h.cluster.now();
    h.settle();
    let job = h.job();
    assert_eq!(job.status.start_time, Some(resumed.truncated_to_secs()));
    let target = job.status.condition("FailureTarget").unwrap();
    assert_eq!(target.reason, "DeadlineExceeded");
    assert_eq!(
        target.time.since(resumed.truncated_to_secs()),
        SimDuration::from_secs(100),
        "the deadline is 100 s after the resume, not after the first start"
    );
}
