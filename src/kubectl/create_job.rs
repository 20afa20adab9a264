//! `kubectl create job NAME --image=IMAGE [-- COMMAND [ARGS…]]`: a Job with one container
//! named after the Job, restartPolicy Never, as kubectl's generator builds it.

use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::flags::{self, Spec, value};
use super::{Output, namespace, usage_error};
use crate::apiserver::field::api_invalid_message;
use crate::apiserver::store::ApiError;
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    value("image", None),
    value("from", None),
    value("output", Some('o')),
    value("dry-run", None),
];

/// Runs `kubectl create job …` (the arguments after `job`).
pub fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("create job", &e),
    };
    let [name] = parsed.args.as_slice() else {
        return Output::error(
            "exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples",
        );
    };
    // `CreateJobOptions.Validate`.
    let image = parsed.value("image").unwrap_or("");
    let from = parsed.value("from").unwrap_or("");
    if image.is_empty() == from.is_empty() {
        return Output::error("either --image or --from must be specified");
    }
    if !parsed.after_dash.is_empty() && !from.is_empty() {
        return Output::error("cannot specify --from and command");
    }
    if !from.is_empty() {
        let cronjob = from.split_once('/').map_or(from, |(_, n)| n);
        return Output::server(format!(
            "Error from server (NotFound): cronjobs.batch \"{cronjob}\" not found"
        ));
    }
    let command = (!parsed.after_dash.is_empty()).then(|| parsed.after_dash.clone());
    let job = Job {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            namespace: Some(namespace(&parsed)),
            ..Default::default()
        },
        spec: Some(JobSpec {
            template: PodTemplateSpec {
                metadata: None,
                spec: Some(PodSpec {
                    containers: vec![Container {
                        name: name.clone(),
                        image: Some(image.to_string()),
                        command,
                        ..Default::default()
                    }],
                    restart_policy: Some("Never".to_string()),
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        status: None,
    };
    // `Run` wraps the API error: `failed to create job: <the Status message>`.
    match cluster.create_job(job) {
        Ok(_) => Output::ok(format!("job.batch/{name} created\n")),
        Err(ApiError::InvalidJob { name, errors }) => Output::error(format!(
            "failed to create job: {}",
            api_invalid_message("Job.batch", &name, &errors)
        )),
        Err(ApiError::AlreadyExists { resource, name }) => Output::error(format!(
            "failed to create job: {resource} \"{name}\" already exists"
        )),
        Err(e) => Output::server(e.to_string()),
    }
}
