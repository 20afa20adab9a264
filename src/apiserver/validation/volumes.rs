//! Pod volumes and container volume mounts (`ValidateVolumes`, `validateVolumeSource`,
//! `ValidateVolumeMounts` in `pkg/apis/core/validation/validation.go`).

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Container, Volume};

use super::names::validate_dns1123_label;
use crate::apiserver::field::{FieldError, Path};

/// `ValidateVolumes`: the names of the volumes that validated, and the errors.
pub fn validate_volumes(volumes: &[Volume], path: &Path) -> (BTreeSet<String>, Vec<FieldError>) {
    let mut names = BTreeSet::new();
    let mut errs = Vec::new();
    for (i, volume) in volumes.iter().enumerate() {
        let v_path = path.index(i);
        let name_path = v_path.child("name");
        let mut el = validate_volume_source(volume, &v_path);
        if volume.name.is_empty() {
            el.push(FieldError::required(&name_path, ""));
        } else {
            el.extend(validate_dns1123_label(&volume.name, &name_path));
        }
        if names.contains(&volume.name) {
            el.push(FieldError::duplicate(&name_path, (&volume.name).into()));
        }
        if el.is_empty() {
            names.insert(volume.name.clone());
        } else {
            errs.extend(el);
        }
    }
    (names, errs)
}

/// `validateVolumeSource` for the sources a playground meets; exactly one must be set.
fn validate_volume_source(volume: &Volume, path: &Path) -> Vec<FieldError> {
    let sources = crate::apiserver::defaults::volume_sources(volume);
    let mut errs = Vec::new();
    if sources.is_empty() {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
    for extra in sources.iter().skip(1) {
        errs.push(FieldError::forbidden(
            &path.child(extra),
            "may not specify more than 1 volume type",
        ));
    }
    if let Some(source) = &volume.config_map
        && source.name.is_empty()
    {
        errs.push(FieldError::required(
            &path.child("configMap").child("name"),
            "",
        ));
    }
    if let Some(source) = &volume.secret
        && source.secret_name.as_deref().unwrap_or("").is_empty()
    {
        errs.push(FieldError::required(
            &path.child("secret").child("secretName"),
            "",
        ));
    }
    if let Some(source) = &volume.host_path
        && source.path.is_empty()
    {
        errs.push(FieldError::required(
            &path.child("hostPath").child("path"),
            "",
        ));
    }
    if let Some(source) = &volume.persistent_volume_claim
        && source.claim_name.is_empty()
    {
        errs.push(FieldError::required(
            &path.child("persistentVolumeClaim").child("claimName"),
            "",
        ));
    }
    for (field, mode) in [
        (
            "configMap",
            volume.config_map.as_ref().and_then(|s| s.default_mode),
        ),
        (
            "secret",
            volume.secret.as_ref().and_then(|s| s.default_mode),
        ),
    ] {
        if let Some(mode) = mode.filter(|m| !(0..=0o777).contains(m)) {
            errs.push(FieldError::invalid(
                &path.child(field).child("defaultMode"),
                mode.into(),
                "must be a number between 0 and 0777 (octal), both inclusive",
            ));
        }
    }
    errs
}

/// `ValidateVolumeMounts`
pub fn validate_volume_mounts(
    container: &Container,
    volumes: &BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut mount_points = BTreeMap::new();
    for (i, mount) in container.volume_mounts.iter().flatten().enumerate() {
        let m_path = path.index(i);
        if mount.name.is_empty() {
            errs.push(FieldError::required(&m_path.child("name"), ""));
        }
        if !volumes.contains(&mount.name) {
            errs.push(FieldError::not_found(
                &m_path.child("name"),
                (&mount.name).into(),
            ));
        }
        if mount.mount_path.is_empty() {
            errs.push(FieldError::required(&m_path.child("mountPath"), ""));
        }
        if mount_points.insert(mount.mount_path.as_str(), i).is_some() {
            errs.push(FieldError::invalid(
                &m_path.child("mountPath"),
                (&mount.mount_path).into(),
                "must be unique",
            ));
        }
        if let Some(sub_path) = mount.sub_path.as_deref().filter(|s| !s.is_empty()) {
            errs.extend(validate_local_descending_path(
                sub_path,
                &path.child("subPath"),
            ));
        }
    }
    errs
}

/// `validateLocalDescendingPath`
fn validate_local_descending_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if target.starts_with('/') {
        errs.push(FieldError::invalid(
            path,
            target.into(),
            "must be a relative path",
        ));
    }
    if target.split('/').any(|part| part == "..") {
        errs.push(FieldError::invalid(
            path,
            target.into(),
            "must not contain '..'",
        ));
    }
    errs
}
