//! A container's environment as the kubelet builds it (`kubelet_pods.go`
//! `makeEnvironmentVariables`): `env` values with `$(VAR)` expansion of earlier ones,
//! `valueFrom` (downward-API `fieldRef`, `resourceFieldRef`, ConfigMap and Secret keys), then
//! the service variables of the `kubernetes` Service. HOSTNAME is the runtime's.

use k8s_openapi::api::core::v1::{Container, EnvVar};

use crate::objects::Pod;
use crate::objects::quantity;
use crate::shell::entrypoint;
use crate::sim::Cluster;

/// The `kubernetes` Service's environment, present in every container of `default`.
const KUBERNETES_SERVICE: [(&str, &str); 8] = [
    ("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
    ("KUBERNETES_SERVICE_PORT", "443"),
    ("KUBERNETES_SERVICE_PORT_HTTPS", "443"),
    ("KUBERNETES_PORT", "tcp://10.96.0.1:443"),
    ("KUBERNETES_PORT_443_TCP", "tcp://10.96.0.1:443"),
    ("KUBERNETES_PORT_443_TCP_PROTO", "tcp"),
    ("KUBERNETES_PORT_443_TCP_PORT", "443"),
    ("KUBERNETES_PORT_443_TCP_ADDR", "10.96.0.1"),
];

/// The value of a downward-API `fieldPath` for `pod`.
pub fn field_value(pod: &Pod, path: &str) -> Option<String> {
    let bracketed = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix("']"))
            .or_else(|| {
                path.strip_prefix(&prefix.replace('\'', "\""))
                    .and_then(|r| r.strip_suffix("\"]"))
            })
            .map(str::to_string)
    };
    if let Some(key) = bracketed("metadata.labels['") {
        return Some(pod.meta.labels.get(&key).cloned().unwrap_or_default());
    }
    if let Some(key) = bracketed("metadata.annotations['") {
        return Some(pod.meta.annotations.get(&key).cloned().unwrap_or_default());
    }
    Some(match path {
        "metadata.name" => pod.meta.name.clone(),
        "metadata.namespace" => pod.meta.namespace.clone(),
        "metadata.uid" => pod.meta.uid.clone(),
        "spec.nodeName" => pod.node_name.clone().unwrap_or_default(),
        "spec.serviceAccountName" => pod
            .spec
            .service_account_name
            .clone()
            .unwrap_or_else(|| "default".to_string()),
        "status.podIP" | "status.podIPs" => pod.status.pod_ip.clone().unwrap_or_default(),
        "status.hostIP" | "status.hostIPs" => pod.status.host_ip.clone().unwrap_or_default(),
        _ => return None,
    })
}

/// Why a container cannot be created (`CreateContainerConfigError`), in the kubelet's words.
pub type ConfigError = String;

/// Builds the environment of `container` in `pod`.
pub fn build(
    cluster: &Cluster,
    pod: &Pod,
    container: &Container,
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut env: Vec<(String, String)> = Vec::new();
    for var in container.env.iter().flatten() {
        if let Some(value) = value_of(cluster, pod, container, var, &env)? {
            env.retain(|(k, _)| k != &var.name);
            env.push((var.name.clone(), value));
        }
    }
    for (k, v) in KUBERNETES_SERVICE {
        if !env.iter().any(|(name, _)| name == k) {
            env.push((k.to_string(), v.to_string()));
        }
    }
    Ok(env)
}

fn value_of(
    cluster: &Cluster,
    pod: &Pod,
    container: &Container,
    var: &EnvVar,
    earlier: &[(String, String)],
) -> Result<Option<String>, ConfigError> {
    if let Some(value) = &var.value {
        return Ok(Some(entrypoint::expand(value, earlier)));
    }
    let Some(from) = &var.value_from else {
        return Ok(Some(String::new()));
    };
    if let Some(field) = &from.field_ref {
        return Ok(field_value(pod, &field.field_path));
    }
    if let Some(resource) = &from.resource_field_ref {
        let resources = container.resources.as_ref();
        let (kind, name) = resource
            .resource
            .split_once('.')
            .unwrap_or(("limits", resource.resource.as_str()));
        let map = resources.and_then(|r| {
            if kind == "requests" {
                r.requests.as_ref()
            } else {
                r.limits.as_ref()
            }
        });
        let quantity = map.and_then(|m| m.get(name)).map(|q| q.0.clone());
        let value = match (name, quantity) {
            ("cpu", Some(q)) => quantity::cpu_millis(&q)
                .map(|m| ((m + 999) / 1000).to_string())
                .unwrap_or_default(),
            ("cpu", None) => "4".to_string(),
            ("memory", Some(q)) => quantity::bytes(&q)
                .map(|b| b.to_string())
                .unwrap_or_default(),
            ("memory", None) => (16i64 << 30).to_string(),
            (_, Some(q)) => q,
            (_, None) => "0".to_string(),
        };
        return Ok(Some(value));
    }
    if let Some(key) = &from.config_map_key_ref {
        let value = cluster.config_map_value(&pod.meta.namespace, &key.name, &key.key);
        return match value {
            Some(v) => Ok(Some(v)),
            None if key.optional == Some(true) => Ok(None),
            None if cluster.has_config_map(&pod.meta.namespace, &key.name) => Err(format!(
                "couldn't find key {} in ConfigMap {}/{}",
                key.key, pod.meta.namespace, key.name
            )),
            None => Err(format!("configmap \"{}\" not found", key.name)),
        };
    }
    if let Some(key) = &from.secret_key_ref {
        let value = cluster.secret_value(&pod.meta.namespace, &key.name, &key.key);
        return match value {
            Some(v) => Ok(Some(v)),
            None if key.optional == Some(true) => Ok(None),
            None if cluster.has_secret(&pod.meta.namespace, &key.name) => Err(format!(
                "couldn't find key {} in Secret {}/{}",
                key.key, pod.meta.namespace, key.name
            )),
            None => Err(format!("secret \"{}\" not found", key.name)),
        };
    }
    Ok(Some(String::new()))
}
