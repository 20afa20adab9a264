//! Container environment (`ValidateEnv`, `validateEnvVarValueFrom`, `IsConfigMapKey` in
//! `pkg/apis/core/validation/validation.go` and apimachinery `validation.go`).

use k8s_openapi::api::core::v1::EnvVar;

use super::names::{max_len_error, regex_error};
use crate::apiserver::field::{FieldError, Path};

/// `ValidateEnv` with relaxed names (GA in 1.34) and `validateEnvVarValueFrom`.
pub fn validate_env(vars: &[EnvVar], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, var) in vars.iter().enumerate() {
        let v_path = path.index(i);
        let name_path = v_path.child("name");
        if var.name.is_empty() {
            errs.push(FieldError::required(&name_path, ""));
            errs.push(FieldError::invalid(
                &name_path,
                "".into(),
                "environment variable name must be non-empty",
            ));
        } else if var
            .name
            .chars()
            .any(|c| !c.is_ascii() || c.is_ascii_control() || c == '=')
        {
            errs.push(FieldError::invalid(
                &name_path,
                (&var.name).into(),
                "a valid environment variable name must consist only of printable ASCII characters other than '='",
            ));
        }
        let Some(from) = &var.value_from else {
            continue;
        };
        let from_path = v_path.child("valueFrom");
        let mut n_sources = 0;
        if let Some(field_ref) = &from.field_ref {
            n_sources += 1;
            let fp = from_path.child("fieldRef");
            let api_version = field_ref.api_version.as_deref().unwrap_or("");
            if api_version.is_empty() {
                errs.push(FieldError::required(&fp.child("apiVersion"), ""));
            } else if field_ref.field_path.is_empty() {
                errs.push(FieldError::required(&fp.child("fieldPath"), ""));
            } else {
                // `validateObjectFieldSelector`: convert, then check what the environment takes.
                match convert_field_label(api_version, &field_ref.field_path) {
                    Err(why) => errs.push(FieldError::invalid(
                        &fp.child("fieldPath"),
                        (&field_ref.field_path).into(),
                        &format!("error converting fieldPath: {why}"),
                    )),
                    Ok(path) if !is_env_field_path(path) => errs.push(FieldError::not_supported(
                        &fp.child("fieldPath"),
                        path.into(),
                        &ENV_FIELD_PATHS,
                    )),
                    Ok(_) => {}
                }
            }
        }
        if from.resource_field_ref.is_some() {
            n_sources += 1;
        }
        for (field, key_ref) in [
            (
                "configMapKeyRef",
                from.config_map_key_ref.as_ref().map(|r| (&r.name, &r.key)),
            ),
            (
                "secretKeyRef",
                from.secret_key_ref.as_ref().map(|r| (&r.name, &r.key)),
            ),
        ] {
            let Some((name, key)) = key_ref else { continue };
            n_sources += 1;
            let kp = from_path.child(field);
            if name.is_empty() {
                errs.push(FieldError::required(&kp.child("name"), ""));
            }
            if key.is_empty() {
                errs.push(FieldError::required(&kp.child("key"), ""));
            } else {
                for msg in config_map_key_errors(key) {
                    errs.push(FieldError::invalid(&kp.child("key"), key.into(), &msg));
                }
            }
        }
        if from.file_key_ref.is_some() {
            n_sources += 1;
        }
        if var.value.as_deref().is_some_and(|v| !v.is_empty()) && n_sources > 0 {
            errs.push(FieldError::invalid(
                &from_path,
                "".into(),
                "may not be specified when `value` is not empty",
            ));
        }
        match n_sources {
            0 => errs.push(FieldError::invalid(
                &from_path,
                "".into(),
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`",
            )),
            1 => {}
            _ => errs.push(FieldError::invalid(&from_path, "".into(), "may not have more than one field specified at a time")),
        }
    }
    errs
}

const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.annotations",
    "metadata.labels",
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.podIP",
];

/// `ConvertDownwardAPIFieldLabel` (`pkg/apis/core/pods/helpers.go`): the labels a pod's
/// downward API knows at all (the environment takes fewer), as the internal path.
fn convert_field_label<'a>(version: &str, label: &'a str) -> Result<&'a str, String> {
    if version != "v1" {
        return Err(format!("unsupported pod version: {version}"));
    }
    // `SplitMaybeSubscriptedPath`: `path['subscript']`.
    if let Some(open) = label.find("['")
        && label.ends_with("']")
    {
        return match &label[..open] {
            "metadata.annotations" | "metadata.labels" => Ok(label),
            _ => Err(format!("field label does not support subscript: {label}")),
        };
    }
    match label {
        "metadata.annotations"
        | "metadata.labels"
        | "metadata.name"
        | "metadata.namespace"
        | "metadata.uid"
        | "spec.nodeName"
        | "spec.restartPolicy"
        | "spec.serviceAccountName"
        | "spec.schedulerName"
        | "status.phase"
        | "status.hostIP"
        | "status.hostIPs"
        | "status.podIP"
        | "status.podIPs" => Ok(label),
        // Old v1 clients' name for the node.
        "spec.host" => Ok("spec.nodeName"),
        _ => Err(format!("field label not supported: {label}")),
    }
}

fn is_env_field_path(path: &str) -> bool {
    let subscripted = ["metadata.labels['", "metadata.annotations['"]
        .iter()
        .any(|p| path.starts_with(p) && path.ends_with("']"));
    subscripted
        || matches!(
            path,
            "metadata.name"
                | "metadata.namespace"
                | "metadata.uid"
                | "spec.nodeName"
                | "spec.serviceAccountName"
                | "status.hostIP"
                | "status.hostIPs"
                | "status.podIP"
                | "status.podIPs"
        )
}

/// `IsConfigMapKey`
pub fn config_map_key_errors(key: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if key.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
    {
        errs.push(regex_error(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            "[-._a-zA-Z0-9]+",
            &["key.name", "KEY_NAME", "key-name"],
        ));
    }
    if key == "." {
        errs.push("must not be '.'".to_string());
    } else if key == ".." {
        errs.push("must not be '..'".to_string());
    } else if key.starts_with("..") {
        errs.push("must not start with '..'".to_string());
    }
    errs
}
