//! What the API server's default admission plugins add to every pod it creates, as a real
//! cluster shows it in `kubectl get pod -o yaml` and `describe pod`:
//!
//! - `ServiceAccount` (`plugin/pkg/admission/serviceaccount`): `serviceAccountName: default`
//!   and, unless `automountServiceAccountToken: false`, the projected `kube-api-access-<5>`
//!   volume (token, `kube-root-ca.crt`, namespace) mounted read-only at
//!   `/var/run/secrets/kubernetes.io/serviceaccount` in every container;
//! - `Priority`: `priority: 0` and `preemptionPolicy: PreemptLowerPriority` (no default
//!   PriorityClass);
//! - `DefaultTolerationSeconds`: tolerate `not-ready` and `unreachable` `NoExecute` taints
//!   for 300 s.
//!
//! jobsim keeps one spec per Job template (shared by its pods), so these are added when a
//! pod is read, not stored; the volume's suffix derives from the pod's UID.

use k8s_openapi::api::core::v1::{
    ConfigMapProjection, Container, DownwardAPIProjection, DownwardAPIVolumeFile, KeyToPath,
    ObjectFieldSelector, PodSpec, ProjectedVolumeSource, ServiceAccountTokenProjection, Toleration,
    Volume, VolumeMount, VolumeProjection,
};

use super::names;

/// `DefaultAPITokenMountPath`.
const TOKEN_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
/// The bound token's lifetime the plugin asks for (`ServiceAccountTokenProjection`: one
/// hour plus seven seconds, so that tokens can be told apart from legacy ones).
const TOKEN_EXPIRATION_SECONDS: i64 = 3607;
/// `DefaultTolerationSeconds`' default for both taints.
const DEFAULT_TOLERATION_SECONDS: i64 = 300;

/// Adds what the admission plugins add to a pod's spec; `uid` seeds the volume's name.
pub fn admit_pod(spec: &mut PodSpec, uid: &str) {
    if spec
        .service_account_name
        .as_deref()
        .is_none_or(str::is_empty)
    {
        spec.service_account_name = Some("default".to_string());
    }
    // The v1 API returns the deprecated alias too.
    spec.service_account = spec.service_account_name.clone();
    if spec.automount_service_account_token != Some(false) {
        mount_service_account_token(spec, uid);
    }
    spec.priority.get_or_insert(0);
    spec.preemption_policy
        .get_or_insert_with(|| "PreemptLowerPriority".to_string());
    spec.enable_service_links.get_or_insert(true);
    add_default_tolerations(spec);
}

fn mount_service_account_token(spec: &mut PodSpec, uid: &str) {
    let all_containers = || {
        spec.init_containers
            .iter()
            .flatten()
            .chain(spec.containers.iter())
    };
    let mounted = |c: &Container| {
        c.volume_mounts
            .iter()
            .flatten()
            .any(|m| m.mount_path == TOKEN_MOUNT_PATH)
    };
    if all_containers().all(mounted) {
        return;
    }
    let name = names::generate_name("kube-api-access-", 0, &format!("sa-token/{uid}"));
    let mount = VolumeMount {
        name: name.clone(),
        mount_path: TOKEN_MOUNT_PATH.to_string(),
        read_only: Some(true),
        ..VolumeMount::default()
    };
    let containers = spec
        .init_containers
        .iter_mut()
        .flatten()
        .chain(spec.containers.iter_mut());
    for c in containers {
        if !mounted(c) {
            c.volume_mounts
                .get_or_insert_with(Vec::new)
                .push(mount.clone());
        }
    }
    spec.volumes
        .get_or_insert_with(Vec::new)
        .push(token_volume(name));
}

/// The projected volume `TokenVolumeSource` builds.
fn token_volume(name: String) -> Volume {
    let token = VolumeProjection {
        service_account_token: Some(ServiceAccountTokenProjection {
            expiration_seconds: Some(TOKEN_EXPIRATION_SECONDS),
            path: "token".to_string(),
            ..ServiceAccountTokenProjection::default()
        }),
        ..VolumeProjection::default()
    };
    let ca = VolumeProjection {
        config_map: Some(ConfigMapProjection {
            name: "kube-root-ca.crt".to_string(),
            items: Some(vec![KeyToPath {
                key: "ca.crt".to_string(),
                path: "ca.crt".to_string(),
                ..KeyToPath::default()
            }]),
            optional: None,
        }),
        ..VolumeProjection::default()
    };
    let namespace = VolumeProjection {
        downward_api: Some(DownwardAPIProjection {
            items: Some(vec![DownwardAPIVolumeFile {
                path: "namespace".to_string(),
                field_ref: Some(ObjectFieldSelector {
                    api_version: Some("v1".to_string()),
                    field_path: "metadata.namespace".to_string(),
                }),
                ..DownwardAPIVolumeFile::default()
            }]),
        }),
        ..VolumeProjection::default()
    };
    Volume {
        name,
        projected: Some(ProjectedVolumeSource {
            default_mode: Some(0o644),
            sources: Some(vec![token, ca, namespace]),
            ..ProjectedVolumeSource::default()
        }),
        ..Volume::default()
    }
}

fn add_default_tolerations(spec: &mut PodSpec) {
    let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        // A toleration of this key (or of every key) for NoExecute (or every effect).
        let covered = tolerations.iter().any(|t| {
            t.key.as_deref().is_none_or(|k| k.is_empty() || k == key)
                && t.effect
                    .as_deref()
                    .is_none_or(|e| e.is_empty() || e == "NoExecute")
        });
        if !covered {
            tolerations.push(Toleration {
                key: Some(key.to_string()),
                operator: Some("Exists".to_string()),
                effect: Some("NoExecute".to_string()),
                toleration_seconds: Some(DEFAULT_TOLERATION_SECONDS),
                value: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> PodSpec {
        PodSpec {
            containers: vec![Container {
                name: "main".to_string(),
                ..Container::default()
            }],
            ..PodSpec::default()
        }
    }

    #[test]
    fn a_pod_gets_the_service_account_token_priority_and_tolerations() {
        let mut s = spec();
        admit_pod(&mut s, "uid-1");
        assert_eq!(s.service_account_name.as_deref(), Some("default"));
        assert_eq!(s.service_account.as_deref(), Some("default"));
        assert_eq!((s.priority, s.enable_service_links), (Some(0), Some(true)));
        let volumes = s.volumes.as_deref().unwrap_or_default();
        assert_eq!(volumes.len(), 1);
        let name = &volumes[0].name;
        assert!(
            name.starts_with("kube-api-access-") && name.len() == 21,
            "{name}"
        );
        let mounts = s.containers[0].volume_mounts.as_deref().unwrap_or_default();
        assert_eq!(
            (mounts[0].name.as_str(), mounts[0].mount_path.as_str()),
            (name.as_str(), TOKEN_MOUNT_PATH)
        );
        let keys: Vec<_> = s
            .tolerations
            .iter()
            .flatten()
            .map(|t| (t.key.as_deref(), t.toleration_seconds))
            .collect();
        assert_eq!(
            keys,
            [
                (Some("node.kubernetes.io/not-ready"), Some(300)),
                (Some("node.kubernetes.io/unreachable"), Some(300))
            ]
        );
    }

    #[test]
    fn opting_out_and_existing_tolerations_are_respected() {
        let mut s = spec();
        s.automount_service_account_token = Some(false);
        s.tolerations = Some(vec![Toleration {
            operator: Some("Exists".to_string()),
            ..Toleration::default()
        }]);
        admit_pod(&mut s, "uid-1");
        assert!(s.volumes.is_none());
        assert!(s.containers[0].volume_mounts.is_none());
        assert_eq!(s.tolerations.as_ref().map(Vec::len), Some(1));
    }
}
