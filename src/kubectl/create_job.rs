//! `kubectl create job NAME --image=IMAGE [-- COMMAND [ARGS…]]`: a Job with one container
//! named after the Job, restartPolicy Never, as kubectl's generator builds it.

use k8s_openapi::api::batch::v1::{Job, JobSpec};
use k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::flags::{self, Spec, value};
use super::{Output, namespace, usage_error};
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
    if let Some(from) = parsed.value("from") {
        let cronjob = from.split_once('/').map_or(from, |(_, n)| n);
        return Output::server(format!(
            "Error from server (NotFound): cronjobs.batch \"{cronjob}\" not found"
        ));
    }
    let Some(image) = parsed.value("image") else {
        return Output::error("either --image or --from must be specified");
    };
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
    if cluster.find_job(&namespace(&parsed), name).is_some() {
        return Output::server(format!(
            "Error from server (AlreadyExists): jobs.batch \"{name}\" already exists"
        ));
    }
    match cluster.create_job(job) {
        Ok(_) => Output::ok(format!("job.batch/{name} created\n")),
        Err(e) => Output::server(e.to_string()),
    }
}
