//! Warnings the API server returns for a pod template (`GetWarningsForPodTemplate` in
//! `pkg/api/pod/warnings.go`): the ones a Job's template can trigger in the playground.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Container, PodTemplateSpec};

use super::field::Path;
use super::quantity::Quantity;

/// One warning: the field it is about (for positioning) and the text kubectl prints after
/// `Warning: `.
pub type Warning = (String, String);

/// `GetWarningsForPodTemplate` for the template at `path` (`spec.template`).
pub fn pod_template_warnings(template: &PodTemplateSpec, path: &Path) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let Some(spec) = &template.spec else {
        return warnings;
    };
    let spec_path = path.child("spec");
    let secrets = spec.image_pull_secrets.as_deref().unwrap_or_default();
    let mut seen = BTreeSet::new();
    for (i, secret) in secrets.iter().enumerate() {
        let p = spec_path.child("imagePullSecrets").index(i).child("name");
        if secrets.len() > 1 && !seen.insert(secret.name.as_str()) {
            warnings.push((
                p.to_string(),
                format!("{p}: duplicate name {:?}", secret.name),
            ));
        }
    }
    for (i, secret) in secrets.iter().enumerate() {
        if secret.name.is_empty() {
            let p = spec_path.child("imagePullSecrets").index(i).child("name");
            warnings.push((p.to_string(), format!("{p}: invalid empty name \"\"")));
        }
    }
    let containers: Vec<(Path, &Container)> = spec
        .init_containers
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, c)| (spec_path.child("initContainers").index(i), c))
        .chain(
            spec.containers
                .iter()
                .enumerate()
                .map(|(i, c)| (spec_path.child("containers").index(i), c)),
        )
        .collect();
    for (c_path, container) in &containers {
        warnings.extend(container_warnings(container, c_path));
    }
    let mut ports: BTreeMap<String, Vec<(Path, i32, String)>> = BTreeMap::new();
    for (c_path, container) in &containers {
        for (i, port) in container.ports.iter().flatten().enumerate() {
            let p = c_path.child("ports").index(i);
            let key = format!(
                "{}/{}",
                port.container_port,
                port.protocol.as_deref().unwrap_or("TCP")
            );
            let host_port = port.host_port.unwrap_or(0);
            let host_ip = port.host_ip.clone().unwrap_or_default();
            for (other, other_port, other_ip) in ports.get(&key).into_iter().flatten() {
                let relation = if host_ip == *other_ip && host_port == *other_port {
                    "duplicate"
                } else if host_port == 0 || *other_port == 0 {
                    "overlapping"
                } else if host_port == *other_port && (host_ip.is_empty() != other_ip.is_empty()) {
                    "dangerously ambiguous"
                } else {
                    continue;
                };
                warnings.push((
                    p.to_string(),
                    format!("{p}: {relation} port definition with {other}"),
                ));
            }
            ports.entry(key).or_default().push((p, host_port, host_ip));
        }
    }
    if spec.termination_grace_period_seconds.is_some_and(|s| s < 0) {
        let p = spec_path.child("terminationGracePeriodSeconds");
        warnings.push((
            p.to_string(),
            format!("{p}: must be >= 0; negative values are invalid and will be treated as 1"),
        ));
    }
    warnings
}

/// Fractional byte quantities and env entries that hide an earlier one.
fn container_warnings(container: &Container, path: &Path) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let Some(resources) = &container.resources {
        for (part, map) in [
            ("limits", &resources.limits),
            ("requests", &resources.requests),
        ] {
            for resource in ["memory", "ephemeral-storage"] {
                let Some(value) = map.as_ref().and_then(|m| m.get(resource)) else {
                    continue;
                };
                let Ok(quantity) = Quantity::parse(&value.0) else {
                    continue;
                };
                if quantity.milli_value() % 1000 != 0 {
                    let p = path.child("resources").child(part).key(resource);
                    warnings.push((
                        p.to_string(),
                        format!(
                            "{p}: fractional byte value {:?} is invalid, must be an integer",
                            quantity.canonical()
                        ),
                    ));
                }
            }
        }
    }
    let env = container.env.as_deref().unwrap_or_default();
    let mut names = BTreeSet::new();
    for (i, var) in env.iter().enumerate() {
        if env.len() > 1 && !names.insert(var.name.as_str()) {
            let reference = format!("$({})", var.name);
            let value = var.value.as_deref().unwrap_or("");
            if var.value_from.is_some() || value == reference || !value.contains(&reference) {
                let p = path.child("env").index(i);
                warnings.push((
                    p.to_string(),
                    format!(
                        "{p}: hides previous definition of {:?}, which may be dropped when using apply",
                        var.name
                    ),
                ));
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(yaml_like: serde_json::Value) -> PodTemplateSpec {
        serde_json::from_value(yaml_like).expect("a template")
    }

    #[test]
    fn warnings_match_upstream_texts() {
        let t = template(serde_json::json!({"spec": {
            "terminationGracePeriodSeconds": -1,
            "containers": [{"name": "a", "image": "x",
                "resources": {"limits": {"memory": "1.5"}},
                "env": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}],
                "ports": [{"containerPort": 80}, {"containerPort": 80}]}]}}));
        let texts: Vec<String> = pod_template_warnings(&t, &Path::new("spec").child("template"))
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        assert_eq!(
            texts,
            [
                "spec.template.spec.containers[0].resources.limits[memory]: fractional byte value \"1500m\" is invalid, must be an integer",
                "spec.template.spec.containers[0].env[1]: hides previous definition of \"A\", which may be dropped when using apply",
                "spec.template.spec.containers[0].ports[1]: duplicate port definition with spec.template.spec.containers[0].ports[0]",
                "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
            ]
        );
    }
}
