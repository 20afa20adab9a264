//! Best-practice warnings from the seed guide's "Best Practices" (never errors): resources,
//! `activeDeadlineSeconds`, `ttlSecondsAfterFinished`, pinned image tags, and a
//! `backoffLimit` near the usual 3–6. Each says why it matters and how to fix it.

use k8s_openapi::api::batch::v1::Job;

use crate::apiserver::defaults::image_tag;

/// One lint finding: the field it is about and the advice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// Stable identifier, e.g. `no-resources`.
    pub id: &'static str,
    pub field: String,
    pub message: String,
}

/// Lowest and highest `backoffLimit` that pass without a warning (the guide's 3–6, widened).
const BACKOFF_LIMIT_QUIET: std::ops::RangeInclusive<i32> = 2..=10;

/// Lints a Job as the user wrote it (before defaulting).
pub fn lint_job(job: &Job) -> Vec<Lint> {
    let mut lints = Vec::new();
    let Some(spec) = &job.spec else {
        return lints;
    };
    if spec.active_deadline_seconds.is_none() {
        lints.push(Lint {
            id: "no-active-deadline",
            field: "spec".to_string(),
            message: "spec.activeDeadlineSeconds is not set: a pod that hangs keeps this Job running forever. Set spec.activeDeadlineSeconds (for example 3600) as a timeout for the whole Job".to_string(),
        });
    }
    if spec.ttl_seconds_after_finished.is_none() {
        lints.push(Lint {
            id: "no-ttl",
            field: "spec".to_string(),
            message: "spec.ttlSecondsAfterFinished is not set: the finished Job and its pods stay until someone deletes them. Set spec.ttlSecondsAfterFinished (for example 86400) to clean up automatically".to_string(),
        });
    }
    if let Some(limit) = spec.backoff_limit
        && spec.backoff_limit_per_index.is_none()
        && limit >= 0
        && !BACKOFF_LIMIT_QUIET.contains(&limit)
    {
        let why = if limit < *BACKOFF_LIMIT_QUIET.start() {
            format!(
                "with spec.backoffLimit {limit} one transient failure (a node lost, an image pull hiccup) fails the whole Job"
            )
        } else {
            format!(
                "with spec.backoffLimit {limit} a Job that fails for good retries {limit} times, each after a longer back-off (10s, 20s, 40s… up to 10m), before it is marked Failed"
            )
        };
        lints.push(Lint {
            id: "backoff-limit",
            field: "spec.backoffLimit".to_string(),
            message: format!(
                "{why}. Usually 3-6 retries are right: set spec.backoffLimit between 3 and 6"
            ),
        });
    }
    if let Some(manager) = spec
        .managed_by
        .as_deref()
        .filter(|m| *m != crate::controller::job::JOB_CONTROLLER_NAME)
    {
        lints.push(Lint {
            id: "managed-by-external",
            field: "spec.managedBy".to_string(),
            message: format!(
                "spec.managedBy is {manager:?}: the built-in Job controller leaves this Job to that controller, so it creates no pods and never updates the status (and no such controller runs here). Remove spec.managedBy to have Kubernetes run the Job"
            ),
        });
    }
    let Some(pod) = &spec.template.spec else {
        return lints;
    };
    let init = pod.init_containers.iter().flatten().enumerate();
    let containers = init.map(|(i, c)| ("initContainers", i, c)).chain(
        pod.containers
            .iter()
            .enumerate()
            .map(|(i, c)| ("containers", i, c)),
    );
    for (list, i, container) in containers {
        let path = format!("spec.template.spec.{list}[{i}]");
        let resources = container.resources.as_ref();
        let has_any = resources.is_some_and(|r| {
            r.requests.as_ref().is_some_and(|m| !m.is_empty())
                || r.limits.as_ref().is_some_and(|m| !m.is_empty())
        });
        if !has_any {
            lints.push(Lint {
                id: "no-resources",
                field: format!("{path}.name"),
                message: format!(
                    "{path}.resources: container {:?} sets no resource requests or limits: the scheduler cannot reserve room for it and a runaway process can starve its node. Set resources.requests (and resources.limits) for cpu and memory",
                    container.name
                ),
            });
        }
        let image = container.image.as_deref().unwrap_or("");
        if image.is_empty() {
            continue;
        }
        let has_tag = image
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains(':'));
        let tag = image_tag(image);
        if tag.as_deref() == Some("latest") {
            let what = if has_tag {
                "uses the :latest tag"
            } else {
                "has no tag, which means :latest"
            };
            lints.push(Lint {
                id: "latest-image",
                field: format!("{path}.image"),
                message: format!(
                    "{path}.image: image {image:?} {what}: each run may get a different image and imagePullPolicy defaults to Always. Pin a version tag, for example \"{}:1.36\"",
                    image.split('@').next().unwrap_or(image).trim_end_matches(":latest")
                ),
            });
        }
    }
    lints
}
