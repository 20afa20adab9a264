//! Starting a container's process: the kubelet's side of the shell interpreter. It builds
//! the [`ContainerSpec`] (command and args, environment, hostname, mounts, the seed for
//! `$RANDOM`, what uninterpretable programs do) and keeps the resulting [`ContainerRun`], a
//! trace computed up front in virtual time that the kubelet plays out.

use std::rc::Rc;

use k8s_openapi::api::core::v1::Container;

use crate::objects::Pod;
use crate::shell::{
    self, ContainerRun, ContainerSpec, End, Mount, Simulated, Termination, Volume, Volumes,
};
use crate::sim::Cluster;
use crate::sim::clock::{SimDuration, parse_duration};

/// A run shared by snapshots of the cluster.
pub type SharedProcess = Rc<ContainerRun>;

/// Annotation prefix for what a program jobsim cannot interpret does (Kubernetes ignores it).
pub const SIMULATE_ANNOTATION: &str = "sim.jobsim.dev/";

/// `sim.jobsim.dev/{duration,exit-code,output}`, or their `.<container>` forms.
pub fn simulated(pod: &Pod, container: &str) -> Simulated {
    if !pod
        .meta
        .annotations
        .keys()
        .any(|k| k.starts_with(SIMULATE_ANNOTATION))
    {
        return Simulated::default();
    }
    let get = |field: &str| {
        let annotations = &pod.meta.annotations;
        annotations
            .get(&format!("{SIMULATE_ANNOTATION}{field}.{container}"))
            .or_else(|| annotations.get(&format!("{SIMULATE_ANNOTATION}{field}")))
            .cloned()
    };
    Simulated {
        duration_ms: get("duration")
            .and_then(|d| parse_duration(&d).ok())
            .map(SimDuration::as_millis),
        exit_code: get("exit-code").and_then(|c| c.trim().parse().ok()),
        output: get("output"),
    }
}

/// The container's `volumeMounts`.
pub fn mounts(container: &Container) -> Vec<Mount> {
    container
        .volume_mounts
        .iter()
        .flatten()
        .map(|m| Mount {
            path: m.mount_path.clone(),
            volume: m.name.clone(),
            read_only: m.read_only.unwrap_or(false),
        })
        .collect()
}

/// The pod's volumes as the kubelet sets them up: empty `emptyDir`s, and `configMap`,
/// `secret` and `downwardAPI` volumes projected as read-only files (their `items` when given).
pub fn pod_volumes(cluster: &Cluster, pod: &Pod) -> Volumes {
    let mut volumes = Volumes::new();
    let ns = &pod.meta.namespace;
    for v in pod.spec.volumes.iter().flatten() {
        let pick = |all: Option<Vec<(String, Vec<u8>)>>,
                    items: Option<&Vec<k8s_openapi::api::core::v1::KeyToPath>>| {
            let all = all.unwrap_or_default();
            match items {
                Some(items) => items
                    .iter()
                    .filter_map(|i| {
                        all.iter()
                            .find(|(k, _)| *k == i.key)
                            .map(|(_, data)| (i.path.clone(), data.clone()))
                    })
                    .collect::<Vec<_>>(),
                None => all,
            }
        };
        let files: Option<Vec<(String, Vec<u8>)>> = if v.empty_dir.is_some() {
            None
        } else if let Some(cm) = &v.config_map {
            Some(pick(
                cluster.config_map_files(ns, &cm.name),
                cm.items.as_ref(),
            ))
        } else if let Some(secret) = &v.secret {
            let name = secret.secret_name.clone().unwrap_or_default();
            Some(pick(cluster.secret_files(ns, &name), secret.items.as_ref()))
        } else {
            v.downward_api.as_ref().map(|downward| {
                downward
                    .items
                    .iter()
                    .flatten()
                    .filter_map(|item| {
                        let field = item.field_ref.as_ref()?;
                        let value = super::env::field_value(pod, &field.field_path)?;
                        Some((item.path.clone(), value.into_bytes()))
                    })
                    .collect()
            })
        };
        let volume = match files {
            None => Volume::empty_dir(),
            Some(files) => {
                Volume::with_files(files.iter().map(|(p, d)| (p.as_str(), d.as_slice())))
            }
        };
        volumes.insert(v.name.clone(), volume);
    }
    volumes
}

/// What the kubelet knows when it starts a container.
pub struct StartRequest<'a> {
    pub container: &'a Container,
    pub pod: &'a Pod,
    pub env: Vec<(String, String)>,
    pub seed: u64,
    /// Unix milliseconds of the container start (for `date`).
    pub start_unix_ms: i64,
    pub cpus: u32,
    pub termination: Option<Termination>,
}

/// Runs the container's process to its end in virtual time (its writes land in `volumes`).
pub fn start(request: StartRequest<'_>, volumes: &mut Volumes) -> ContainerRun {
    let c = request.container;
    let hostname = request
        .pod
        .hostname
        .clone()
        .unwrap_or_else(|| request.pod.meta.name.clone());
    let mut spec = ContainerSpec::new(
        c.image.as_deref().unwrap_or(""),
        &[],
        &[],
        &hostname,
        request.start_unix_ms,
        request.seed,
    );
    spec.command = c.command.clone().unwrap_or_default();
    spec.args = c.args.clone().unwrap_or_default();
    spec.env = request.env;
    spec.working_dir = c.working_dir.clone();
    spec.mounts = mounts(c);
    spec.termination = request.termination;
    spec.simulated = simulated(request.pod, &c.name);
    spec.cpus = request.cpus;
    spec.limits.memory_bytes = c
        .resources
        .as_ref()
        .and_then(|r| r.limits.as_ref())
        .and_then(|limits| limits.get("memory"))
        .and_then(|q| crate::apiserver::quantity::Quantity::parse(&q.0).ok())
        .map(|q| q.value().max(0) as u64);
    if let Some(ip) = request
        .pod
        .status
        .pod_ip
        .as_deref()
        .filter(|ip| !ip.is_empty())
    {
        spec.pod_ip = ip.to_owned();
    }
    spec.namespace = request.pod.meta.namespace.clone();
    shell::run(&spec, volumes)
}

/// How long after its start the run ends by itself, if it does.
pub fn ends_after(run: &ContainerRun) -> Option<SimDuration> {
    run.end
        .offset_ms()
        .map(|ms| SimDuration::from_millis(ms.max(0) as u64))
}

/// The exit code and the terminated reason the runtime reports.
pub fn exit(run: &ContainerRun) -> (i32, &'static str, Option<String>) {
    match &run.end {
        End::StartError { message } => (128, "StartError", Some(message.clone())),
        end => {
            let code = end.exit_code().unwrap_or(0);
            (code, if code == 0 { "Completed" } else { "Error" }, None)
        }
    }
}
