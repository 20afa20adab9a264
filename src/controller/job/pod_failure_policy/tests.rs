//! The table of `TestMatchPodFailurePolicy` in
//! `pkg/controller/job/pod_failure_policy_test.go` (case names kept). Not ported: the
//! cases with the `JobBackoffLimitPerIndex` gate off (GA, always on here) and the
//! `status=Unknown` case (jobsim pod conditions are True or False).

use k8s_openapi::api::batch::v1::{
    PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement,
    PodFailurePolicyOnPodConditionsPattern, PodFailurePolicyRule,
};

use super::*;
use crate::objects::PodPhase;
use crate::objects::pod::testing::{PodBuilder, terminated};
use crate::sim::clock::SimTime;

fn on_exit_codes(action: &str, operator: &str, values: &[i32]) -> PodFailurePolicyRule {
    PodFailurePolicyRule {
        action: action.to_string(),
        on_exit_codes: Some(PodFailurePolicyOnExitCodesRequirement {
            container_name: None,
            operator: operator.to_string(),
            values: values.to_vec(),
        }),
        on_pod_conditions: None,
    }
}

fn on_condition(action: &str, type_: &str, status: Option<&str>) -> PodFailurePolicyRule {
    PodFailurePolicyRule {
        action: action.to_string(),
        on_exit_codes: None,
        on_pod_conditions: Some(vec![PodFailurePolicyOnPodConditionsPattern {
            type_: type_.to_string(),
            status: status.map(str::to_string),
        }]),
    }
}

/// `validPodObjectMeta`: default/mypod, phase Failed.
fn failed_pod() -> PodBuilder {
    PodBuilder::new(0)
        .name("default", "mypod")
        .phase(PodPhase::Failed)
}

fn exited(name: &str, code: i32) -> (String, ContainerState) {
    (name.to_string(), terminated(code, SimTime::ZERO))
}

fn with_containers(pod: PodBuilder, containers: Vec<(String, ContainerState)>) -> PodBuilder {
    containers
        .into_iter()
        .fold(pod, |p, (name, state)| p.container(&name, state))
}

fn disrupted(status: bool) -> PodBuilder {
    failed_pod().condition("DisruptionTarget", status, SimTime::ZERO)
}

struct Case {
    name: &'static str,
    rules: Vec<PodFailurePolicyRule>,
    pod: PodBuilder,
    want_message: Option<&'static str>,
    want_count_failed: bool,
    want_action: Option<Action>,
}

#[test]
fn match_pod_failure_policy_table() {
    use Action::{Count, FailIndex, FailJob, Ignore};
    let cases = vec![
        Case {
            name: "unknown action for rule matching by exit codes - skip rule with unknown action",
            rules: vec![
                on_exit_codes("UnknownAction", "In", &[1, 2]),
                on_exit_codes("FailJob", "In", &[2, 3]),
            ],
            pod: with_containers(failed_pod(), vec![exited("main-container", 2)]),
            want_message: Some(
                "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "unknown action for rule matching by pod conditions - skip rule with unknown action",
            rules: vec![
                on_condition("UnkonwnAction", "DisruptionTarget", Some("True")),
                on_condition("Ignore", "DisruptionTarget", Some("True")),
            ],
            pod: disrupted(true),
            want_message: None,
            want_count_failed: false,
            want_action: Some(Ignore),
        },
        Case {
            name: "unknown operator - rule with unknown action is skipped for onExitCodes",
            rules: vec![
                on_exit_codes("Ignore", "UnknownOperator", &[1, 2]),
                on_exit_codes("FailJob", "In", &[2, 3]),
            ],
            pod: with_containers(failed_pod(), vec![exited("main-container", 2)]),
            want_message: Some(
                "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 1",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "no policy rules",
            rules: vec![],
            pod: with_containers(failed_pod(), vec![exited("main", 2)]),
            want_message: None,
            want_count_failed: true,
            want_action: None,
        },
        Case {
            name: "ignore rule matched for exit codes",
            rules: vec![on_exit_codes("Ignore", "In", &[1, 2, 3])],
            pod: with_containers(failed_pod(), vec![exited("main", 2)]),
            want_message: None,
            want_count_failed: false,
            want_action: Some(Ignore),
        },
        Case {
            name: "FailJob rule matched for exit codes",
            rules: vec![on_exit_codes("FailJob", "In", &[1, 2, 3])],
            pod: with_containers(failed_pod(), vec![exited("main-container", 2)]),
            want_message: Some(
                "Container main-container for pod default/mypod failed with exit code 2 matching FailJob rule at index 0",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "successful containers are skipped by the rules",
            rules: vec![on_exit_codes("FailJob", "NotIn", &[111])],
            pod: with_containers(
                failed_pod().init_container("init-container", terminated(0, SimTime::ZERO)),
                vec![
                    exited("main-container", 111),
                    exited("suppport-container", 0),
                ],
            ),
            want_message: None,
            want_count_failed: true,
            want_action: None,
        },
        Case {
            name: "FailIndex rule matched for exit codes; JobBackoffLimitPerIndex enabled",
            rules: vec![on_exit_codes("FailIndex", "In", &[1, 2, 3])],
            pod: with_containers(failed_pod(), vec![exited("main", 2)]),
            want_message: None,
            want_count_failed: true,
            want_action: Some(FailIndex),
        },
        Case {
            name: "pod failure policy with NotIn operator and value 0",
            rules: vec![on_exit_codes("FailJob", "NotIn", &[0])],
            pod: with_containers(
                failed_pod(),
                vec![exited("main-container", 1), exited("suppport-container", 0)],
            ),
            want_message: Some(
                "Container main-container for pod default/mypod failed with exit code 1 matching FailJob rule at index 0",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "second jobfail rule matched for exit codes",
            rules: vec![
                on_exit_codes("Count", "In", &[1, 2, 3]),
                on_exit_codes("FailJob", "In", &[4, 5, 6]),
            ],
            pod: with_containers(failed_pod(), vec![exited("main-container", 6)]),
            want_message: Some(
                "Container main-container for pod default/mypod failed with exit code 6 matching FailJob rule at index 1",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "count rule matched for exit codes",
            rules: vec![on_exit_codes("Count", "In", &[1, 2, 3])],
            pod: failed_pod()
                .container("foo", ContainerState::waiting("ContainerCreating"))
                .container("bar", terminated(2, SimTime::ZERO)),
            want_message: None,
            want_count_failed: true,
            want_action: Some(Count),
        },
        Case {
            name: "FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex enabled",
            rules: vec![on_condition("FailIndex", "DisruptionTarget", Some("True"))],
            pod: disrupted(true),
            want_message: None,
            want_count_failed: true,
            want_action: Some(FailIndex),
        },
        Case {
            name: "ignore rule matched for pod conditions",
            rules: vec![on_condition("Ignore", "DisruptionTarget", Some("True"))],
            pod: disrupted(true),
            want_message: None,
            want_count_failed: false,
            want_action: Some(Ignore),
        },
        Case {
            name: "ignore rule matches by the status=False",
            rules: vec![on_condition("Ignore", "DisruptionTarget", Some("False"))],
            pod: disrupted(false),
            want_message: None,
            want_count_failed: false,
            want_action: Some(Ignore),
        },
        Case {
            name: "ignore rule does not match when status for pattern is False, but actual True",
            rules: vec![on_condition("Ignore", "DisruptionTarget", Some("False"))],
            pod: disrupted(true),
            want_message: None,
            want_count_failed: true,
            want_action: None,
        },
        Case {
            name: "ignore rule does not match when status for pattern is True, but actual False",
            rules: vec![on_condition("Ignore", "DisruptionTarget", Some("True"))],
            pod: disrupted(false),
            want_message: None,
            want_count_failed: true,
            want_action: None,
        },
        Case {
            name: "default - do not match condition with status=False",
            rules: vec![on_condition("Ignore", "DisruptionTarget", None)],
            pod: disrupted(false),
            want_message: None,
            want_count_failed: true,
            want_action: None,
        },
        Case {
            name: "default status True matches a True condition",
            rules: vec![on_condition("Ignore", "DisruptionTarget", None)],
            pod: disrupted(true),
            want_message: None,
            want_count_failed: false,
            want_action: Some(Ignore),
        },
        Case {
            name: "job fail rule matched for pod conditions",
            rules: vec![on_condition("FailJob", "DisruptionTarget", Some("True"))],
            pod: disrupted(true),
            want_message: Some(
                "Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "count rule matched for pod conditions",
            rules: vec![on_condition("Count", "DisruptionTarget", Some("True"))],
            pod: disrupted(true),
            want_message: None,
            want_count_failed: true,
            want_action: Some(Count),
        },
        Case {
            name: "no rule matched",
            rules: vec![
                on_exit_codes("Count", "NotIn", &[8]),
                on_exit_codes("Ignore", "In", &[1, 2, 3]),
                on_exit_codes("FailJob", "NotIn", &[5, 6, 7]),
                on_condition("Count", "ResourceLimitExceeded", Some("True")),
                on_condition("Ignore", "DisruptionTarget", Some("True")),
            ],
            pod: with_containers(failed_pod(), vec![exited("main", 32)]),
            want_message: None,
            want_count_failed: true,
            want_action: Some(Count),
        },
        Case {
            name: "init containers are looked at after app containers",
            rules: vec![on_exit_codes("FailJob", "In", &[7])],
            pod: failed_pod()
                .init_container("setup", terminated(7, SimTime::ZERO))
                .container("main", ContainerState::waiting("PodInitializing")),
            want_message: Some(
                "Container setup for pod default/mypod failed with exit code 7 matching FailJob rule at index 0",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
        Case {
            name: "containerName restricts the rule to that container",
            rules: vec![PodFailurePolicyRule {
                on_exit_codes: Some(PodFailurePolicyOnExitCodesRequirement {
                    container_name: Some("sidecar".to_string()),
                    operator: "In".to_string(),
                    values: vec![42],
                }),
                ..on_exit_codes("FailJob", "In", &[])
            }],
            pod: with_containers(failed_pod(), vec![exited("main", 42)]),
            want_message: None,
            want_count_failed: true,
            want_action: None,
        },
        // jobsim's own case: the kubelet lists app container statuses sorted by name
        // (`SortedContainerStatuses`), so the first match is "alpha", not the spec's first.
        Case {
            name: "two failed app containers - the first by name matches",
            rules: vec![on_exit_codes("FailJob", "In", &[3, 4])],
            pod: with_containers(failed_pod(), vec![exited("zeta", 3), exited("alpha", 4)]),
            want_message: Some(
                "Container alpha for pod default/mypod failed with exit code 4 matching FailJob rule at index 0",
            ),
            want_count_failed: true,
            want_action: Some(FailJob),
        },
    ];
    for case in cases {
        let policy = PodFailurePolicy { rules: case.rules };
        let got = match_pod_failure_policy(&policy, &case.pod.build());
        let want = PolicyMatch {
            job_failure_message: case.want_message.map(str::to_string),
            count_failed: case.want_count_failed,
            action: case.want_action,
        };
        assert_eq!(got, want, "{}", case.name);
    }
}

#[test]
fn action_names_round_trip() {
    for action in [
        Action::FailJob,
        Action::FailIndex,
        Action::Ignore,
        Action::Count,
    ] {
        assert_eq!(Action::from_api(action.as_str()), Some(action));
    }
    assert_eq!(Action::from_api("failjob"), None);
}
