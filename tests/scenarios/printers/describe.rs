//! `kubectl describe` against kubectl 1.33's output for the fixtures, adjusted for the two
//! changes between 1.33 and current upstream `describe.go` (see `to_current`).

use std::path::Path;

use jobsim::kubectl::printers::describe::{
    describe_job, describe_node, describe_pod, join_descriptions,
};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Event, Node, Pod};

use crate::support::{assert_text_eq, fixture, fixture_items, fixture_now, oracle};

/// Upstream changes after kubectl 1.33 that current `describe.go` has: events with an
/// involvedObject.fieldPath show it before the message; node System Info dropped the
/// Kube-Proxy Version line; named container ports show their name.
fn to_current(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("  Kube-Proxy Version:"))
        .map(|l| {
            let mut line = l.to_string();
            for (needle, path) in [
                ("Container image \"perl", "spec.containers{pi}: "),
                ("Back-off restarting", "spec.containers{crash}: "),
            ] {
                if let Some(i) = line.find(needle) {
                    line.insert_str(i, path);
                }
            }
            line = line.replace("8080/TCP, 9090/UDP", "8080/TCP (http), 9090/UDP");
            line = line.replace("0/TCP, 0/UDP", "0/TCP (http), 0/UDP");
            line + "\n"
        })
        .collect()
}

fn events() -> Vec<Event> {
    fixture_items("events")
}

fn pods() -> Vec<Pod> {
    vec![
        fixture("pod-crash"),
        fixture("pod-pending"),
        fixture("pod-pi"),
    ]
}

fn check(name: &str, actual: &str) {
    assert_text_eq(&to_current(&oracle(name)), actual, Path::new(name));
}

#[test]
fn describe_job_completed() {
    let job: Job = fixture("job-pi");
    check(
        "describe_job_pi",
        &describe_job(&job, Some(&events()), fixture_now()),
    );
}

#[test]
fn describe_job_indexed_with_full_template() {
    let job: Job = fixture("job-indexed");
    check(
        "describe_job_indexed",
        &describe_job(&job, Some(&events()), fixture_now()),
    );
}

#[test]
fn describe_pod_succeeded() {
    let pod: Pod = fixture("pod-pi");
    check(
        "describe_pod_pi",
        &describe_pod(&pod, Some(&events()), fixture_now()),
    );
}

#[test]
fn describe_pod_crash_looping() {
    let pod: Pod = fixture("pod-crash");
    check(
        "describe_pod_crash",
        &describe_pod(&pod, Some(&events()), fixture_now()),
    );
}

#[test]
fn describe_pod_pending() {
    let pod: Pod = fixture("pod-pending");
    check(
        "describe_pod_pending",
        &describe_pod(&pod, Some(&events()), fixture_now()),
    );
}

#[test]
fn describe_two_pods_are_separated() {
    let (a, b): (Pod, Pod) = (fixture("pod-pi"), fixture("pod-pending"));
    let now = fixture_now();
    let text = join_descriptions(&[
        describe_pod(&a, Some(&events()), now),
        describe_pod(&b, Some(&events()), now),
    ]);
    check("describe_pods_two", &text);
}

#[test]
fn describe_node_with_pods_and_lease() {
    let node: Node = fixture("node");
    let lease: Lease = fixture("lease");
    check(
        "describe_node",
        &describe_node(&node, &pods(), Some(&events()), Some(&lease), fixture_now()),
    );
}
