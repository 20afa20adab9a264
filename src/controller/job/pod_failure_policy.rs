//! `podFailurePolicy`: which rule a failed pod matches and what that means for the Job
//! (fail it, fail the index, ignore or count the failure). Follows
//! `pkg/controller/job/pod_failure_policy.go`.

use k8s_openapi::api::batch::v1::{
    PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement,
    PodFailurePolicyOnPodConditionsPattern,
};

use crate::objects::{ContainerState, ContainerStatus, Pod, PodCondition, PodStatus};

/// `PodFailurePolicyAction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    FailJob,
    FailIndex,
    Ignore,
    Count,
}

impl Action {
    /// The API spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::FailJob => "FailJob",
            Action::FailIndex => "FailIndex",
            Action::Ignore => "Ignore",
            Action::Count => "Count",
        }
    }

    /// The action named `text`; `None` for a name the controller does not know.
    pub fn from_api(text: &str) -> Option<Action> {
        match text {
            "FailJob" => Some(Action::FailJob),
            "FailIndex" => Some(Action::FailIndex),
            "Ignore" => Some(Action::Ignore),
            "Count" => Some(Action::Count),
            _ => None,
        }
    }
}

/// What matching a failed pod against the policy gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyMatch {
    /// Set when a `FailJob` rule matched: the `PodFailurePolicy` condition's message.
    pub job_failure_message: Option<String>,
    /// Whether the failure counts toward `backoffLimit` (and `backoffLimitPerIndex`);
    /// false only for `Ignore`.
    pub count_failed: bool,
    /// The action of the matched rule, `None` when no rule matched.
    pub action: Option<Action>,
}

impl PolicyMatch {
    /// No rule matched (or there is no policy): default handling, the failure counts.
    pub const NO_MATCH: PolicyMatch = PolicyMatch {
        job_failure_message: None,
        count_failed: true,
        action: None,
    };

    fn action(action: Action, count_failed: bool) -> PolicyMatch {
        PolicyMatch {
            job_failure_message: None,
            count_failed,
            action: Some(action),
        }
    }
}

/// `matchPodFailurePolicy`: the first rule, in order, that the failed pod matches.
///
/// A rule with `onExitCodes` matches a terminated container with a non-zero exit code,
/// looking at app containers before init containers; a rule with `onPodConditions`
/// matches a pod condition of the same type and status. A matched rule whose action the
/// controller does not know is skipped.
pub fn match_pod_failure_policy(policy: &PodFailurePolicy, pod: &Pod) -> PolicyMatch {
    for (index, rule) in policy.rules.iter().enumerate() {
        let action = Action::from_api(&rule.action);
        if let Some(requirement) = &rule.on_exit_codes {
            let Some((container, exit_code)) = match_on_exit_codes(&pod.status, requirement) else {
                continue;
            };
            match action {
                Some(Action::FailJob) => {
                    return fail_job(format!(
                        "Container {} for pod {}/{} failed with exit code {} matching {} rule at index {}",
                        container.name,
                        pod.meta.namespace,
                        pod.meta.name,
                        exit_code,
                        rule.action,
                        index
                    ));
                }
                Some(other) => return PolicyMatch::action(other, other != Action::Ignore),
                None => {}
            }
        } else if let Some(patterns) = &rule.on_pod_conditions {
            let Some(condition) = match_on_pod_conditions(&pod.status, patterns) else {
                continue;
            };
            match action {
                Some(Action::FailJob) => {
                    return fail_job(format!(
                        "Pod {}/{} has condition {} matching {} rule at index {}",
                        pod.meta.namespace, pod.meta.name, condition.type_, rule.action, index
                    ));
                }
                Some(other) => return PolicyMatch::action(other, other != Action::Ignore),
                None => {}
            }
        }
    }
    PolicyMatch::NO_MATCH
}

fn fail_job(message: String) -> PolicyMatch {
    PolicyMatch {
        job_failure_message: Some(message),
        count_failed: true,
        action: Some(Action::FailJob),
    }
}

/// `matchOnExitCodes`: a matching terminated container, app containers first — in the
/// order the API shows them, sorted by name (the kubelet's `SortedContainerStatuses`).
fn match_on_exit_codes<'a>(
    status: &'a PodStatus,
    requirement: &PodFailurePolicyOnExitCodesRequirement,
) -> Option<(&'a ContainerStatus, i32)> {
    let mut app: Vec<&ContainerStatus> = status.container_statuses.iter().collect();
    crate::sort::sort_by(&mut app, |a, b| a.name.cmp(&b.name));
    matching_container(app, requirement)
        .or_else(|| matching_container(&status.init_container_statuses, requirement))
}

/// `getMatchingContainerFromList`: the first terminated container (of the named one, if
/// the requirement names it) whose non-zero exit code satisfies the operator.
fn matching_container<'a>(
    statuses: impl IntoIterator<Item = &'a ContainerStatus>,
    requirement: &PodFailurePolicyOnExitCodesRequirement,
) -> Option<(&'a ContainerStatus, i32)> {
    statuses.into_iter().find_map(|status| {
        let ContainerState::Terminated { exit_code, .. } = status.state else {
            return None;
        };
        let name_matches = requirement
            .container_name
            .as_deref()
            .is_none_or(|name| name == status.name);
        (name_matches && exit_code != 0 && operator_matches(exit_code, requirement))
            .then_some((status, exit_code))
    })
}

/// `isOnExitCodesOperatorMatching`: `In` / `NotIn`; an unknown operator never matches.
fn operator_matches(exit_code: i32, requirement: &PodFailurePolicyOnExitCodesRequirement) -> bool {
    let listed = requirement.values.contains(&exit_code);
    match requirement.operator.as_str() {
        "In" => listed,
        "NotIn" => !listed,
        _ => false,
    }
}

/// `matchOnPodConditions`: the first pod condition equal in type and status to a pattern.
/// A pattern without a status means `True` (the API server's default). jobsim keeps pod
/// condition statuses as booleans, so a pattern for `Unknown` never matches.
fn match_on_pod_conditions<'a>(
    status: &'a PodStatus,
    patterns: &[PodFailurePolicyOnPodConditionsPattern],
) -> Option<&'a PodCondition> {
    status.conditions.iter().find(|condition| {
        let condition_status = if condition.status { "True" } else { "False" };
        patterns.iter().any(|pattern| {
            pattern.type_ == condition.type_
                && pattern.status.as_deref().unwrap_or("True") == condition_status
        })
    })
}

#[cfg(test)]
mod tests;
