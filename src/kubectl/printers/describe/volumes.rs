//! `describeVolumes` and the per-source printers of `describe.go` (HostPath, EmptyDir, Secret,
//! ConfigMap, PersistentVolumeClaim, Projected, DownwardAPI).

use k8s_openapi::api::core::v1::Volume;

use super::PrefixWriter;
use super::template::canonical;

/// `describeVolumes`.
pub(crate) fn describe_volumes(volumes: Option<&[Volume]>, w: &mut PrefixWriter, space: &str) {
    let volumes = volumes.unwrap_or(&[]);
    if volumes.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.write(1, &format!("{name_indent}{}:\n", v.name));
        if let Some(host) = &v.host_path {
            w.write(
                2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
                    host.path,
                    host.type_.as_deref().unwrap_or("<none>")
                ),
            );
        } else if let Some(empty) = &v.empty_dir {
            let size = empty
                .size_limit
                .as_ref()
                .map(|q| canonical(&q.0))
                .filter(|s| s != "0");
            w.write(
                2,
                &format!(
                    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{}\n",
                    empty.medium.as_deref().unwrap_or(""),
                    size.as_deref().unwrap_or("<unset>")
                ),
            );
        } else if let Some(secret) = &v.secret {
            w.write(
                2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    secret.secret_name.as_deref().unwrap_or(""),
                    secret.optional.unwrap_or(false)
                ),
            );
        } else if let Some(cm) = &v.config_map {
            w.write(
                2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    cm.name,
                    cm.optional.unwrap_or(false)
                ),
            );
        } else if let Some(pvc) = &v.persistent_volume_claim {
            w.write(
                2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    pvc.claim_name,
                    pvc.read_only.unwrap_or(false)
                ),
            );
        } else if let Some(projected) = &v.projected {
            w.write(
                2,
                "Type:\tProjected (a volume that contains injected data from multiple sources)\n",
            );
            for source in projected.sources.iter().flatten() {
                if let Some(s) = &source.secret {
                    w.write(
                        2,
                        &format!(
                            "SecretName:\t{}\n    Optional:\t{}\n",
                            s.name,
                            s.optional.unwrap_or(false)
                        ),
                    );
                } else if source.downward_api.is_some() {
                    w.write(2, "DownwardAPI:\ttrue\n");
                } else if let Some(c) = &source.config_map {
                    w.write(
                        2,
                        &format!(
                            "ConfigMapName:\t{}\n    Optional:\t{}\n",
                            c.name,
                            c.optional.unwrap_or(false)
                        ),
                    );
                } else if let Some(token) = &source.service_account_token {
                    w.write(
                        2,
                        &format!(
                            "TokenExpirationSeconds:\t{}\n",
                            token.expiration_seconds.unwrap_or(0)
                        ),
                    );
                }
            }
        } else if let Some(downward) = &v.downward_api {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for item in downward.items.iter().flatten() {
                if let Some(f) = &item.field_ref {
                    w.write(3, &format!("{} -> {}\n", f.field_path, item.path));
                }
                if let Some(r) = &item.resource_field_ref {
                    w.write(3, &format!("{} -> {}\n", r.resource, item.path));
                }
            }
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}
