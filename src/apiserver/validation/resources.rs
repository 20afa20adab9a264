//! Container resource requirements (`ValidateResourceRequirements` in
//! `pkg/apis/core/validation/validation.go`): names, non-negative quantities, and requests
//! not above limits. Quantities that do not parse were refused while decoding.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::ResourceRequirements;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;

use super::names::is_qualified_name;
use crate::apiserver::field::{BadValue, FieldError, Path};
use crate::apiserver::quantity::Quantity;

/// `ValidateResourceRequirements` for a container.
pub fn validate_resource_requirements(
    requirements: &ResourceRequirements,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let limits_path = path.child("limits");
    let requests_path = path.child("requests");
    let empty = BTreeMap::new();
    let limits = requirements.limits.as_ref().unwrap_or(&empty);
    for (name, quantity) in limits {
        let key_path = limits_path.key(name);
        errs.extend(validate_container_resource_name(name, &key_path));
        errs.extend(validate_quantity_value(name, quantity, &key_path));
    }
    for (name, quantity) in requirements.requests.iter().flatten() {
        let key_path = requests_path.key(name);
        errs.extend(validate_container_resource_name(name, &key_path));
        errs.extend(validate_quantity_value(name, quantity, &key_path));
        let Ok(request) = Quantity::parse(&quantity.0) else {
            continue;
        };
        match limits.get(name).map(|l| Quantity::parse(&l.0)) {
            Some(Ok(limit)) => {
                let canonical = request.canonical();
                if request != limit && !is_overcommit_allowed(name) {
                    errs.push(FieldError::invalid(
                        &requests_path,
                        BadValue::Str(canonical),
                        &format!("must be equal to {name} limit of {}", limit.canonical()),
                    ));
                } else if request > limit {
                    errs.push(FieldError::invalid(
                        &requests_path,
                        BadValue::Str(canonical),
                        &format!(
                            "must be less than or equal to {name} limit of {}",
                            limit.canonical()
                        ),
                    ));
                }
            }
            Some(Err(_)) => {}
            None if !is_overcommit_allowed(name) => errs.push(FieldError::required(
                &limits_path,
                "Limit must be set for non overcommitable resources",
            )),
            None => {}
        }
    }
    errs
}

/// `validateContainerResourceName`
fn validate_container_resource_name(name: &str, path: &Path) -> Vec<FieldError> {
    let mut errs: Vec<FieldError> = is_qualified_name(name)
        .iter()
        .map(|msg| FieldError::invalid(path, name.into(), msg))
        .collect();
    if !name.contains('/') {
        if !is_standard_container_resource(name) {
            errs.push(FieldError::invalid(
                path,
                name.into(),
                "must be a standard resource for containers",
            ));
        }
    } else if !is_native(name) && !is_extended_resource_name(name) {
        errs.push(FieldError::invalid(
            path,
            name.into(),
            "doesn't follow extended resource name standard",
        ));
    }
    errs
}

/// `ValidateResourceQuantityValue`: non-negative, and whole for integer resources.
fn validate_quantity_value(name: &str, quantity: &ApiQuantity, path: &Path) -> Vec<FieldError> {
    let Ok(value) = Quantity::parse(&quantity.0) else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    if value.is_negative() {
        errs.push(FieldError::invalid(
            path,
            BadValue::Str(value.canonical()),
            "must be greater than or equal to 0",
        ));
    }
    if is_extended_resource_name(name) && !value.is_integer() {
        errs.push(FieldError::invalid(
            path,
            BadValue::Str(value.canonical()),
            "must be an integer",
        ));
    }
    errs
}

fn is_standard_container_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage") || name.starts_with("hugepages-")
}

fn is_native(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

fn is_extended_resource_name(name: &str) -> bool {
    !is_native(name)
        && !name.starts_with("requests.")
        && is_qualified_name(&format!("requests.{name}")).is_empty()
}

/// `IsOvercommitAllowed`: native resources except huge pages.
fn is_overcommit_allowed(name: &str) -> bool {
    is_native(name) && !name.starts_with("hugepages-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn requirements(requests: &[(&str, &str)], limits: &[(&str, &str)]) -> ResourceRequirements {
        let map = |pairs: &[(&str, &str)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), ApiQuantity(v.to_string())))
                    .collect(),
            )
        };
        ResourceRequirements {
            requests: map(requests),
            limits: map(limits),
            ..Default::default()
        }
    }

    fn messages(r: &ResourceRequirements) -> Vec<String> {
        validate_resource_requirements(r, &Path::new("resources"))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn request_above_limit_names_the_canonical_values() {
        assert_eq!(
            messages(&requirements(&[("cpu", "0.5")], &[("cpu", "200m")])),
            [
                "resources.requests: Invalid value: \"500m\": must be less than or equal to cpu limit of 200m"
            ]
        );
        assert!(messages(&requirements(&[("memory", "64Mi")], &[("memory", "128Mi")])).is_empty());
    }

    #[test]
    fn names_and_signs() {
        assert_eq!(
            messages(&requirements(&[("cpus", "1")], &[])),
            [
                "resources.requests[cpus]: Invalid value: \"cpus\": must be a standard resource for containers"
            ]
        );
        assert_eq!(
            messages(&requirements(&[], &[("memory", "-1")])),
            ["resources.limits[memory]: Invalid value: \"-1\": must be greater than or equal to 0"]
        );
        assert_eq!(
            messages(&requirements(&[("example.com/gpu", "1")], &[])),
            [
                "resources.limits: Required value: Limit must be set for non overcommitable resources"
            ]
        );
    }
}
