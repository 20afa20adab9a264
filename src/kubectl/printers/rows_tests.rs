//! Rule tables for the row printers (cases named after the printers.go rule they check), with
//! objects built from JSON the way the API server would return them.

use jiff::Timestamp;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Node, Pod};
use serde_json::{Value, json};

use super::job::job_status;
use super::node::node_status;
use super::pod::pod_summary;
use super::{GenerateOptions, Printable};

fn now() -> Timestamp {
    "2025-09-26T10:30:00Z".parse().expect("literal timestamp")
}

fn pod(spec: Value, status: Value) -> Pod {
    let mut p = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "creationTimestamp": "2025-09-26T10:29:00Z"}});
    p["spec"] = spec;
    p["status"] = status;
    serde_json::from_value(p).expect("valid pod JSON")
}

fn one(name: &str) -> Value {
    json!({"containers": [{"name": name, "image": "busybox"}]})
}

fn cstatus(name: &str, ready: bool, restarts: i32, state: Value) -> Value {
    json!({"name": name, "ready": ready, "restartCount": restarts, "image": "busybox", "imageID": "", "state": state})
}

#[test]
fn pod_status_rules() {
    let t = |s: &str| json!({"terminated": {"exitCode": 0, "reason": s, "finishedAt": "2025-09-26T10:29:50Z"}});
    let cases: Vec<(&str, Pod, &str, &str)> = vec![
        (
            "phase_when_no_container_status",
            pod(one("c"), json!({"phase": "Pending"})),
            "Pending",
            "0/1",
        ),
        (
            "status_reason_overrides_phase",
            pod(
                one("c"),
                json!({"phase": "Failed", "reason": "DeadlineExceeded"}),
            ),
            "DeadlineExceeded",
            "0/1",
        ),
        (
            "scheduling_gated_condition",
            pod(
                one("c"),
                json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}),
            ),
            "SchedulingGated",
            "0/1",
        ),
        (
            "waiting_reason",
            pod(
                one("c"),
                json!({"phase": "Pending", "containerStatuses": [cstatus("c", false, 0, json!({"waiting": {"reason": "ContainerCreating"}}))]}),
            ),
            "ContainerCreating",
            "0/1",
        ),
        (
            "running_and_ready_counts",
            pod(
                one("c"),
                json!({"phase": "Running", "containerStatuses": [cstatus("c", true, 0, json!({"running": {}}))]}),
            ),
            "Running",
            "1/1",
        ),
        (
            "terminated_reason_completed",
            pod(
                one("c"),
                json!({"phase": "Succeeded", "containerStatuses": [cstatus("c", false, 0, t("Completed"))]}),
            ),
            "Completed",
            "0/1",
        ),
        (
            "terminated_reason_oomkilled",
            pod(
                one("c"),
                json!({"phase": "Failed", "containerStatuses": [cstatus("c", false, 0, json!({"terminated": {"exitCode": 137, "reason": "OOMKilled"}}))]}),
            ),
            "OOMKilled",
            "0/1",
        ),
        (
            "terminated_without_reason_signal",
            pod(
                one("c"),
                json!({"phase": "Failed", "containerStatuses": [cstatus("c", false, 0, json!({"terminated": {"exitCode": 137, "signal": 9}}))]}),
            ),
            "Signal:9",
            "0/1",
        ),
        (
            "terminated_without_reason_exit_code",
            pod(
                one("c"),
                json!({"phase": "Failed", "containerStatuses": [cstatus("c", false, 0, json!({"terminated": {"exitCode": 3}}))]}),
            ),
            "ExitCode:3",
            "0/1",
        ),
        (
            "first_container_wins_walking_backwards",
            pod(
                json!({"containers": [{"name": "a"}, {"name": "b"}]}),
                json!({"phase": "Running", "containerStatuses": [
                    cstatus("a", false, 0, json!({"waiting": {"reason": "CrashLoopBackOff"}})),
                    cstatus("b", true, 0, json!({"running": {}}))]}),
            ),
            "CrashLoopBackOff",
            "1/2",
        ),
        (
            "completed_with_a_running_container_and_ready_pod_is_running",
            pod(
                json!({"containers": [{"name": "a"}, {"name": "b"}]}),
                json!({"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}], "containerStatuses": [
                    cstatus("a", false, 0, t("Completed")),
                    cstatus("b", true, 0, json!({"running": {}}))]}),
            ),
            "Running",
            "1/2",
        ),
        (
            "completed_with_a_running_container_not_ready_pod_is_notready",
            pod(
                json!({"containers": [{"name": "a"}, {"name": "b"}]}),
                json!({"phase": "Running", "containerStatuses": [
                    cstatus("a", false, 0, t("Completed")),
                    cstatus("b", true, 0, json!({"running": {}}))]}),
            ),
            "NotReady",
            "1/2",
        ),
        (
            "init_running_is_init_index",
            pod(
                json!({"initContainers": [{"name": "i"}], "containers": [{"name": "c"}]}),
                json!({"phase": "Pending", "initContainerStatuses": [cstatus("i", false, 0, json!({"running": {}}))],
                       "containerStatuses": [cstatus("c", false, 0, json!({"waiting": {"reason": "PodInitializing"}}))]}),
            ),
            "Init:0/1",
            "0/1",
        ),
        (
            "init_failed_is_init_reason",
            pod(
                json!({"initContainers": [{"name": "i"}], "containers": [{"name": "c"}]}),
                json!({"phase": "Pending", "initContainerStatuses": [cstatus("i", false, 1, json!({"terminated": {"exitCode": 1, "reason": "Error"}}))]}),
            ),
            "Init:Error",
            "0/1",
        ),
        (
            "init_waiting_reason",
            pod(
                json!({"initContainers": [{"name": "i"}], "containers": [{"name": "c"}]}),
                json!({"phase": "Pending", "initContainerStatuses": [cstatus("i", false, 2, json!({"waiting": {"reason": "CrashLoopBackOff"}}))]}),
            ),
            "Init:CrashLoopBackOff",
            "0/1",
        ),
        (
            "init_done_then_app_status",
            pod(
                json!({"initContainers": [{"name": "i"}], "containers": [{"name": "c"}]}),
                json!({"phase": "Pending", "initContainerStatuses": [cstatus("i", false, 0, t("Completed"))],
                       "containerStatuses": [cstatus("c", false, 0, json!({"waiting": {"reason": "PodInitializing"}}))]}),
            ),
            "PodInitializing",
            "0/1",
        ),
        (
            "sidecar_counts_in_ready",
            pod(
                json!({"initContainers": [{"name": "s", "restartPolicy": "Always"}], "containers": [{"name": "c"}]}),
                json!({"phase": "Running", "initContainerStatuses": [{"name": "s", "ready": true, "started": true, "restartCount": 0, "image": "", "imageID": "", "state": {"running": {}}}],
                       "containerStatuses": [cstatus("c", true, 0, json!({"running": {}}))]}),
            ),
            "Running",
            "2/2",
        ),
    ];
    for (name, pod, status, ready) in cases {
        let s = pod_summary(&pod);
        assert_eq!(s.reason, status, "{name}");
        assert_eq!(format!("{}/{}", s.ready, s.total), ready, "{name}");
    }
}

#[test]
fn pod_terminating_and_node_lost() {
    let mut p = pod(
        one("c"),
        json!({"phase": "Running", "containerStatuses": [cstatus("c", true, 0, json!({"running": {}}))]}),
    );
    p.metadata.deletion_timestamp =
        Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(now()));
    assert_eq!(pod_summary(&p).reason, "Terminating");
    p.status.as_mut().expect("status set above").reason = Some("NodeLost".into());
    assert_eq!(pod_summary(&p).reason, "Unknown");
    let mut done = pod(one("c"), json!({"phase": "Succeeded"}));
    done.metadata.deletion_timestamp =
        Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(now()));
    assert_eq!(
        pod_summary(&done).reason,
        "Succeeded",
        "terminal_phase_is_not_terminating"
    );
}

#[test]
fn pod_restarts_show_time_since_last_termination() {
    let p = pod(
        one("c"),
        json!({"phase": "Running", "containerStatuses": [{"name": "c", "ready": false, "restartCount": 3, "image": "", "imageID": "",
            "state": {"waiting": {"reason": "CrashLoopBackOff"}},
            "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": "2025-09-26T10:29:35Z"}}}]}),
    );
    let cells = p.cells(now(), GenerateOptions::default());
    assert_eq!(
        cells,
        ["p", "0/1", "CrashLoopBackOff", "3 (25s ago)", "60s"]
    );
}

fn job(spec: Value, status: Value) -> Job {
    serde_json::from_value(json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j", "creationTimestamp": "2025-09-26T10:29:45Z"},
        "spec": spec, "status": status}))
    .expect("valid job JSON")
}

fn template() -> Value {
    json!({"spec": {"containers": [{"name": "c", "image": "busybox"}]}})
}

#[test]
fn job_status_and_completions_rules() {
    let cond = |t: &str, s: &str| json!([{"type": t, "status": s}]);
    let cases: Vec<(&str, Job, &str, &str, &str)> = vec![
        (
            "completions_set",
            job(
                json!({"completions": 5, "template": template()}),
                json!({"succeeded": 3}),
            ),
            "Running",
            "3/5",
            "",
        ),
        (
            "no_completions_single",
            job(json!({"template": template()}), json!({})),
            "Running",
            "0/1",
            "",
        ),
        (
            "no_completions_parallel",
            job(
                json!({"parallelism": 3, "template": template()}),
                json!({"succeeded": 1}),
            ),
            "Running",
            "1/1 of 3",
            "",
        ),
        (
            "complete_with_duration",
            job(
                json!({"completions": 1, "template": template()}),
                json!({"succeeded": 1, "conditions": cond("Complete", "True"),
                "startTime": "2025-09-26T10:29:45Z", "completionTime": "2025-09-26T10:29:53Z"}),
            ),
            "Complete",
            "1/1",
            "8s",
        ),
        (
            "failed_duration_keeps_growing",
            job(
                json!({"completions": 1, "template": template()}),
                json!({"conditions": cond("Failed", "True"), "startTime": "2025-09-26T10:29:45Z"}),
            ),
            "Failed",
            "0/1",
            "15s",
        ),
        (
            "suspended",
            job(
                json!({"completions": 1, "template": template()}),
                json!({"conditions": cond("Suspended", "True")}),
            ),
            "Suspended",
            "0/1",
            "",
        ),
        (
            "failure_target",
            job(
                json!({"completions": 1, "template": template()}),
                json!({"conditions": cond("FailureTarget", "True")}),
            ),
            "FailureTarget",
            "0/1",
            "",
        ),
        (
            "false_condition_ignored",
            job(
                json!({"completions": 1, "template": template()}),
                json!({"conditions": cond("Complete", "False")}),
            ),
            "Running",
            "0/1",
            "",
        ),
    ];
    for (name, job, status, completions, duration) in cases {
        assert_eq!(job_status(&job), status, "{name}");
        let cells = job.cells(now(), GenerateOptions::default());
        assert_eq!(cells[2], completions, "{name}");
        assert_eq!(cells[3], duration, "{name}");
        assert_eq!(cells[4], "15s", "{name}: age");
    }
}

#[test]
fn node_status_rules() {
    let node = |conditions: Value, unschedulable: bool| -> Node {
        serde_json::from_value(
            json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"},
            "spec": {"unschedulable": unschedulable}, "status": {"conditions": conditions}}),
        )
        .expect("valid node JSON")
    };
    assert_eq!(
        node_status(&node(json!([{"type": "Ready", "status": "True"}]), false)),
        "Ready"
    );
    assert_eq!(
        node_status(&node(
            json!([{"type": "Ready", "status": "Unknown"}]),
            false
        )),
        "NotReady"
    );
    assert_eq!(node_status(&node(json!([]), false)), "Unknown");
    assert_eq!(
        node_status(&node(json!([{"type": "Ready", "status": "True"}]), true)),
        "Ready,SchedulingDisabled"
    );
}
