//! Defaulting on decode, as the API server does it: `SetDefaults_Job`
//! (`pkg/apis/batch/v1/defaults.go`) and the pod-template defaults of
//! `pkg/apis/core/v1/defaults.go` that show in `kubectl get job -o yaml`.

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{Container, PodSecurityContext, PodSpec, Probe, Secret, Volume};

pub use super::strategy::{generate_name, prepare_job_for_create};

/// `DefaultTerminationGracePeriodSeconds`
pub const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS: i64 = 30;
/// `v1.DefaultSchedulerName`
pub const DEFAULT_SCHEDULER_NAME: &str = "default-scheduler";
/// `TerminationMessagePathDefault`
pub const TERMINATION_MESSAGE_PATH_DEFAULT: &str = "/dev/termination-log";
/// The default file mode of configMap, secret, downwardAPI and projected volumes (0644).
const DEFAULT_MODE: i32 = 0o644;

/// `SetDefaults_Job` followed by the defaults of its pod template.
pub fn set_defaults_job(job: &mut Job) {
    let spec = job.spec.get_or_insert_with(Default::default);
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
        spec.parallelism = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    if spec.backoff_limit.is_none() {
        spec.backoff_limit = Some(if spec.backoff_limit_per_index.is_some() {
            i32::MAX
        } else {
            6
        });
    }
    let template_labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.clone());
    if let Some(labels) = template_labels
        && job.metadata.labels.as_ref().is_none_or(|l| l.is_empty())
    {
        job.metadata.labels = Some(labels);
    }
    spec.completion_mode
        .get_or_insert_with(|| "NonIndexed".to_string());
    spec.suspend.get_or_insert(false);
    if let Some(policy) = spec.pod_failure_policy.as_mut() {
        for rule in &mut policy.rules {
            for pattern in rule.on_pod_conditions.iter_mut().flatten() {
                if pattern.status.as_deref().unwrap_or("").is_empty() {
                    pattern.status = Some("True".to_string());
                }
            }
        }
    }
    if spec.pod_replacement_policy.is_none() {
        spec.pod_replacement_policy = Some(
            if spec.pod_failure_policy.is_some() {
                "Failed"
            } else {
                "TerminatingOrFailed"
            }
            .to_string(),
        );
    }
    spec.manual_selector.get_or_insert(false);
    set_defaults_pod_spec(spec.template.spec.get_or_insert_with(Default::default));
}

/// `SetDefaults_PodSpec` and the per-container, per-volume and per-probe defaults under it.
pub fn set_defaults_pod_spec(spec: &mut PodSpec) {
    default_str(&mut spec.dns_policy, "ClusterFirst");
    default_str(&mut spec.restart_policy, "Always");
    spec.security_context
        .get_or_insert_with(PodSecurityContext::default);
    spec.termination_grace_period_seconds
        .get_or_insert(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
    default_str(&mut spec.scheduler_name, DEFAULT_SCHEDULER_NAME);
    for container in spec
        .containers
        .iter_mut()
        .chain(spec.init_containers.iter_mut().flatten())
    {
        set_defaults_container(container);
    }
    for volume in spec.volumes.iter_mut().flatten() {
        set_defaults_volume(volume);
    }
}

/// `SetDefaults_Container`, `SetDefaults_ContainerPort`, probe and env defaults.
pub fn set_defaults_container(container: &mut Container) {
    if container
        .image_pull_policy
        .as_deref()
        .unwrap_or("")
        .is_empty()
    {
        let tag = image_tag(container.image.as_deref().unwrap_or(""));
        let policy = if tag.as_deref() == Some("latest") {
            "Always"
        } else {
            "IfNotPresent"
        };
        container.image_pull_policy = Some(policy.to_string());
    }
    default_str(
        &mut container.termination_message_path,
        TERMINATION_MESSAGE_PATH_DEFAULT,
    );
    default_str(&mut container.termination_message_policy, "File");
    for port in container.ports.iter_mut().flatten() {
        default_str(&mut port.protocol, "TCP");
    }
    for env in container.env.iter_mut().flatten() {
        if let Some(field_ref) = env.value_from.as_mut().and_then(|v| v.field_ref.as_mut()) {
            default_str(&mut field_ref.api_version, "v1");
        }
    }
    for probe in [
        &mut container.liveness_probe,
        &mut container.readiness_probe,
        &mut container.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        set_defaults_probe(probe);
    }
}

/// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`.
fn set_defaults_probe(probe: &mut Probe) {
    probe.timeout_seconds.get_or_insert(1);
    probe.period_seconds.get_or_insert(10);
    probe.success_threshold.get_or_insert(1);
    probe.failure_threshold.get_or_insert(3);
    if let Some(http) = probe.http_get.as_mut() {
        default_str(&mut http.path, "/");
        default_str(&mut http.scheme, "HTTP");
    }
}

/// `SetDefaults_Volume` (no source means emptyDir) and the volume sources' `defaultMode`.
fn set_defaults_volume(volume: &mut Volume) {
    let has_source = !volume_sources(volume).is_empty();
    if !has_source {
        volume.empty_dir = Some(Default::default());
    }
    if let Some(source) = volume.config_map.as_mut() {
        source.default_mode.get_or_insert(DEFAULT_MODE);
    }
    if let Some(source) = volume.secret.as_mut() {
        source.default_mode.get_or_insert(DEFAULT_MODE);
    }
    if let Some(source) = volume.downward_api.as_mut() {
        source.default_mode.get_or_insert(DEFAULT_MODE);
    }
    if let Some(source) = volume.projected.as_mut() {
        source.default_mode.get_or_insert(DEFAULT_MODE);
    }
    if let Some(source) = volume.host_path.as_mut() {
        source.type_.get_or_insert_with(String::new);
    }
}

/// The volume source fields set on a volume, by their JSON names, in the order
/// `validateVolumeSource` checks them.
pub fn volume_sources(volume: &Volume) -> Vec<&'static str> {
    [
        ("emptyDir", volume.empty_dir.is_some()),
        ("hostPath", volume.host_path.is_some()),
        ("gcePersistentDisk", volume.gce_persistent_disk.is_some()),
        (
            "awsElasticBlockStore",
            volume.aws_elastic_block_store.is_some(),
        ),
        ("gitRepo", volume.git_repo.is_some()),
        ("secret", volume.secret.is_some()),
        ("nfs", volume.nfs.is_some()),
        ("iscsi", volume.iscsi.is_some()),
        ("glusterfs", volume.glusterfs.is_some()),
        (
            "persistentVolumeClaim",
            volume.persistent_volume_claim.is_some(),
        ),
        ("rbd", volume.rbd.is_some()),
        ("flexVolume", volume.flex_volume.is_some()),
        ("cinder", volume.cinder.is_some()),
        ("cephfs", volume.cephfs.is_some()),
        ("flocker", volume.flocker.is_some()),
        ("downwardAPI", volume.downward_api.is_some()),
        ("fc", volume.fc.is_some()),
        ("azureFile", volume.azure_file.is_some()),
        ("configMap", volume.config_map.is_some()),
        ("vsphereVolume", volume.vsphere_volume.is_some()),
        ("quobyte", volume.quobyte.is_some()),
        ("azureDisk", volume.azure_disk.is_some()),
        (
            "photonPersistentDisk",
            volume.photon_persistent_disk.is_some(),
        ),
        ("portworxVolume", volume.portworx_volume.is_some()),
        ("scaleIO", volume.scale_io.is_some()),
        ("projected", volume.projected.is_some()),
        ("storageos", volume.storageos.is_some()),
        ("csi", volume.csi.is_some()),
        ("ephemeral", volume.ephemeral.is_some()),
        ("image", volume.image.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect()
}

/// `SetDefaults_Secret`: the type defaults to `Opaque`.
pub fn set_defaults_secret(secret: &mut Secret) {
    default_str(&mut secret.type_, "Opaque");
}

fn default_str(field: &mut Option<String>, value: &str) {
    if field.as_deref().unwrap_or("").is_empty() {
        *field = Some(value.to_string());
    }
}

/// The tag of an image reference as `parsers.ParseImageName` finds it: `latest` when there
/// is neither tag nor digest, `None` when there is only a digest or the name is malformed.
pub fn image_tag(image: &str) -> Option<String> {
    if image.is_empty() || image.bytes().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let (name, digest) = match image.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (image, None),
    };
    let last_slash = name.rfind('/').map_or(0, |i| i + 1);
    let (repository, tag) = match name[last_slash..].rfind(':') {
        Some(i) => (&name[..last_slash + i], Some(&name[last_slash + i + 1..])),
        None => (name, None),
    };
    let path = repository
        .split_once('/')
        .map_or(repository, |(host, rest)| {
            if host.contains(['.', ':']) || host == "localhost" {
                rest
            } else {
                repository
            }
        });
    if path.is_empty() || path.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    match (tag, digest) {
        (Some(tag), _) => Some(tag.to_string()),
        (None, Some(_)) => None,
        (None, None) => Some("latest".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_pull_policy_follows_the_tag() {
        let cases = [
            ("busybox:1.35", "IfNotPresent"),
            ("busybox", "Always"),
            ("busybox:latest", "Always"),
            ("registry.example.com:5000/team/app", "Always"),
            ("registry.example.com:5000/team/app:v2", "IfNotPresent"),
            ("busybox@sha256:abcd", "IfNotPresent"),
            ("", "IfNotPresent"),
        ];
        for (image, policy) in cases {
            let mut container = Container {
                image: Some(image.to_string()),
                ..Default::default()
            };
            set_defaults_container(&mut container);
            assert_eq!(
                container.image_pull_policy.as_deref(),
                Some(policy),
                "{image}"
            );
        }
    }

    #[test]
    fn job_defaults_follow_set_defaults_job() {
        let mut job = Job::default();
        set_defaults_job(&mut job);
        let spec = job.spec.as_ref().expect("defaulted");
        assert_eq!((spec.completions, spec.parallelism), (Some(1), Some(1)));
        assert_eq!(spec.backoff_limit, Some(6));
        assert_eq!(spec.completion_mode.as_deref(), Some("NonIndexed"));
        assert_eq!(
            spec.pod_replacement_policy.as_deref(),
            Some("TerminatingOrFailed")
        );
        let pod = spec.template.spec.as_ref().expect("defaulted");
        assert_eq!(pod.restart_policy.as_deref(), Some("Always"));
        assert_eq!(pod.termination_grace_period_seconds, Some(30));

        let mut work_queue = Job {
            spec: Some(k8s_openapi::api::batch::v1::JobSpec {
                parallelism: Some(3),
                backoff_limit_per_index: Some(1),
                ..Default::default()
            }),
            ..Default::default()
        };
        set_defaults_job(&mut work_queue);
        let spec = work_queue.spec.as_ref().expect("set");
        assert_eq!(
            (spec.completions, spec.backoff_limit),
            (None, Some(i32::MAX))
        );
    }
}
