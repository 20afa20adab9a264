//! The pod-template rules of core validation that a Job's template meets
//! (`pkg/apis/core/validation/validation.go`: `ValidatePodTemplateSpec`, `ValidatePodSpec`,
//! `validateContainers`, `validateInitContainers`, `ValidateVolumes`, `ValidateVolumeMounts`,
//! `ValidateEnv`, `validateContainerPorts`), in upstream order.

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{Container, PodSpec, PodTemplateSpec};

use super::names::{
    max_len_error, name_is_dns_subdomain, validate_annotations, validate_dns1123_label,
    validate_labels,
};
use super::resources::validate_resource_requirements;
use crate::apiserver::field::{FieldError, Path};

/// `ValidatePodTemplateSpec`
pub fn validate_pod_template_spec(template: &PodTemplateSpec, path: &Path) -> Vec<FieldError> {
    let meta = template.metadata.as_ref();
    let mut errs = validate_labels(meta.and_then(|m| m.labels.as_ref()), &path.child("labels"));
    errs.extend(validate_annotations(
        meta.and_then(|m| m.annotations.as_ref()),
        &path.child("annotations"),
    ));
    let default_spec = PodSpec::default();
    let spec = template.spec.as_ref().unwrap_or(&default_spec);
    errs.extend(validate_pod_spec(spec, &path.child("spec")));
    if spec
        .ephemeral_containers
        .as_ref()
        .is_some_and(|e| !e.is_empty())
    {
        errs.push(FieldError::forbidden(
            &path.child("spec").child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

/// `ValidatePodSpec`, the parts a learner's Job template can reach.
pub fn validate_pod_spec(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.termination_grace_period_seconds.is_none() {
        errs.push(FieldError::required(
            &path.child("terminationGracePeriodSeconds"),
            "",
        ));
    }
    let (volumes, volume_errs) = super::volumes::validate_volumes(
        spec.volumes.as_deref().unwrap_or_default(),
        &path.child("volumes"),
    );
    errs.extend(volume_errs);
    let containers_path = path.child("containers");
    if spec.containers.is_empty() {
        errs.push(FieldError::required(&containers_path, ""));
    } else {
        let mut names = BTreeSet::new();
        for (i, container) in spec.containers.iter().enumerate() {
            let c_path = containers_path.index(i);
            errs.extend(validate_container_common(container, &volumes, &c_path));
            if !names.insert(container.name.as_str()) {
                errs.push(FieldError::duplicate(
                    &c_path.child("name"),
                    (&container.name).into(),
                ));
            }
            if container.restart_policy.is_some() {
                errs.push(FieldError::forbidden(
                    &c_path.child("restartPolicy"),
                    "may not be set for non-init containers",
                ));
            }
        }
    }
    let mut all_names: BTreeSet<&str> =
        crate::sort::set_of(spec.containers.iter().map(|c| c.name.as_str()));
    for (i, container) in spec.init_containers.iter().flatten().enumerate() {
        let c_path = path.child("initContainers").index(i);
        errs.extend(validate_container_common(container, &volumes, &c_path));
        let sidecar = match container.restart_policy.as_deref() {
            None => false,
            Some("Always") => true,
            Some(other) => {
                errs.push(FieldError::not_supported(
                    &c_path.child("restartPolicy"),
                    other.into(),
                    &["Always"],
                ));
                false
            }
        };
        if all_names.contains(container.name.as_str()) {
            errs.push(FieldError::duplicate(
                &c_path.child("name"),
                (&container.name).into(),
            ));
        } else if !container.name.is_empty() {
            all_names.insert(container.name.as_str());
        }
        if !sidecar {
            let detail = "may not be set for init containers without restartPolicy=Always";
            for (field, set) in [
                ("lifecycle", container.lifecycle.is_some()),
                ("livenessProbe", container.liveness_probe.is_some()),
                ("readinessProbe", container.readiness_probe.is_some()),
                ("startupProbe", container.startup_probe.is_some()),
            ] {
                if set {
                    errs.push(FieldError::forbidden(&c_path.child(field), detail));
                }
            }
        }
    }
    errs.extend(enum_field(
        spec.restart_policy.as_deref(),
        &path.child("restartPolicy"),
        &["Always", "OnFailure", "Never"],
    ));
    errs.extend(enum_field(
        spec.dns_policy.as_deref(),
        &path.child("dnsPolicy"),
        &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
    ));
    errs.extend(validate_labels(
        spec.node_selector.as_ref(),
        &path.child("nodeSelector"),
    ));
    if let Some(name) = spec
        .service_account_name
        .as_deref()
        .filter(|n| !n.is_empty())
    {
        for msg in name_is_dns_subdomain(name, false) {
            errs.push(FieldError::invalid(
                &path.child("serviceAccountName"),
                name.into(),
                &msg,
            ));
        }
    }
    if let Some(seconds) = spec.active_deadline_seconds
        && !(1..=i64::from(i32::MAX)).contains(&seconds)
    {
        errs.push(FieldError::invalid(
            &path.child("activeDeadlineSeconds"),
            seconds.into(),
            "must be between 1 and 2147483647, inclusive",
        ));
    }
    for (field, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            errs.extend(validate_dns1123_label(value, &path.child(field)));
        }
    }
    errs
}

/// A required enumerated string: Required when empty, NotSupported when unknown.
fn enum_field(value: Option<&str>, path: &Path, valid: &[&str]) -> Vec<FieldError> {
    match value.unwrap_or("") {
        "" => vec![FieldError::required(path, "")],
        v if valid.contains(&v) => Vec::new(),
        v => vec![FieldError::not_supported(path, v.into(), valid)],
    }
}

/// `validateContainerCommon`
fn validate_container_common(
    container: &Container,
    volumes: &BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name_path = path.child("name");
    if container.name.is_empty() {
        errs.push(FieldError::required(&name_path, ""));
    } else {
        errs.extend(validate_dns1123_label(&container.name, &name_path));
    }
    if container.image.as_deref().unwrap_or("").is_empty() {
        errs.push(FieldError::required(&path.child("image"), ""));
    }
    errs.extend(enum_field(
        container.termination_message_policy.as_deref(),
        &path.child("terminationMessagePolicy"),
        &["File", "FallbackToLogsOnError"],
    ));
    errs.extend(validate_ports(container, &path.child("ports")));
    errs.extend(super::env::validate_env(
        container.env.as_deref().unwrap_or_default(),
        &path.child("env"),
    ));
    errs.extend(super::volumes::validate_volume_mounts(
        container,
        volumes,
        &path.child("volumeMounts"),
    ));
    errs.extend(enum_field(
        container.image_pull_policy.as_deref(),
        &path.child("imagePullPolicy"),
        &["Always", "IfNotPresent", "Never"],
    ));
    if let Some(resources) = &container.resources {
        errs.extend(validate_resource_requirements(
            resources,
            &path.child("resources"),
        ));
    }
    errs
}

/// `validateContainerPorts`
fn validate_ports(container: &Container, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names = BTreeSet::new();
    for (i, port) in container.ports.iter().flatten().enumerate() {
        let p_path = path.index(i);
        if let Some(name) = port.name.as_deref().filter(|n| !n.is_empty()) {
            let msgs = port_name_errors(name);
            if !msgs.is_empty() {
                for msg in msgs {
                    errs.push(FieldError::invalid(
                        &p_path.child("name"),
                        name.into(),
                        &msg,
                    ));
                }
            } else if !names.insert(name) {
                errs.push(FieldError::duplicate(&p_path.child("name"), name.into()));
            }
        }
        const PORT_RANGE: &str = "must be between 1 and 65535, inclusive";
        if port.container_port == 0 {
            errs.push(FieldError::required(&p_path.child("containerPort"), ""));
        } else if !(1..=65535).contains(&port.container_port) {
            errs.push(FieldError::invalid(
                &p_path.child("containerPort"),
                port.container_port.into(),
                PORT_RANGE,
            ));
        }
        if let Some(host_port) = port
            .host_port
            .filter(|p| *p != 0 && !(1..=65535).contains(p))
        {
            errs.push(FieldError::invalid(
                &p_path.child("hostPort"),
                host_port.into(),
                PORT_RANGE,
            ));
        }
        errs.extend(enum_field(
            port.protocol.as_deref(),
            &p_path.child("protocol"),
            &["SCTP", "TCP", "UDP"],
        ));
    }
    errs
}

/// `IsValidPortName`
fn port_name_errors(name: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if name.len() > 15 {
        errs.push(max_len_error(15));
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !name.bytes().any(|b| b.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if name.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if name.starts_with('-') || name.ends_with('-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}
