//! `kubectl get nodes` rows: `printNode`, `findNodeRoles`, `getNodeInternalIP` and
//! `getNodeExternalIP` in `pkg/printers/internalversion/printers.go`.

use std::collections::BTreeSet;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Node;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::humanize::translate_timestamp_since;
use super::{ColumnDefinition, GenerateOptions, Printable, created};

impl Printable for Node {
    const KIND: &'static str = "node";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::name("Name"),
            ColumnDefinition::new("Status"),
            ColumnDefinition::new("Roles"),
            ColumnDefinition::new("Age"),
            ColumnDefinition::new("Version"),
            ColumnDefinition::wide("Internal-IP"),
            ColumnDefinition::wide("External-IP"),
            ColumnDefinition::wide("OS-Image"),
            ColumnDefinition::wide("Kernel-Version"),
            ColumnDefinition::wide("Container-Runtime"),
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, options: GenerateOptions) -> Vec<String> {
        let status = self.status.as_ref();
        let info = status.and_then(|s| s.node_info.as_ref());
        let roles = find_node_roles(self).join(",");
        let mut cells = vec![
            self.metadata.name.clone().unwrap_or_default(),
            node_status(self),
            if roles.is_empty() {
                "<none>".to_string()
            } else {
                roles
            },
            translate_timestamp_since(created(&self.metadata), now),
            info.map(|i| i.kubelet_version.clone()).unwrap_or_default(),
        ];
        if options.wide {
            let or_unknown = |s: Option<&String>| match s {
                Some(s) if !s.is_empty() => s.clone(),
                _ => "<unknown>".to_string(),
            };
            cells.extend([
                node_address(self, "InternalIP"),
                node_address(self, "ExternalIP"),
                or_unknown(info.map(|i| &i.os_image)),
                or_unknown(info.map(|i| &i.kernel_version)),
                or_unknown(info.map(|i| &i.container_runtime_version)),
            ]);
        }
        cells
    }
}

/// The STATUS column: `Ready`/`NotReady` (from the Ready condition) or `Unknown`, plus
/// `,SchedulingDisabled` when cordoned.
pub fn node_status(node: &Node) -> String {
    let conditions = node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_deref())
        .unwrap_or(&[]);
    // printNode keeps the last condition of each type (it fills a map in order).
    let ready = conditions.iter().rev().find(|c| c.type_ == "Ready");
    let mut status = vec![match ready {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(c) => format!("Not{}", c.type_),
        None => "Unknown".to_string(),
    }];
    if node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
        status.push("SchedulingDisabled".to_string());
    }
    status.join(",")
}

/// `findNodeRoles`: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values,
/// sorted and de-duplicated.
pub fn find_node_roles(node: &Node) -> Vec<String> {
    let mut roles = BTreeSet::new();
    for (key, value) in node.metadata.labels.iter().flatten() {
        if let Some(role) = key.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.insert(role.to_string());
            }
        } else if key == "kubernetes.io/role" && !value.is_empty() {
            roles.insert(value.clone());
        }
    }
    roles.into_iter().collect()
}

/// The first address of `address_type`, or `<none>`.
fn node_address(node: &Node, address_type: &str) -> String {
    node.status
        .as_ref()
        .and_then(|s| s.addresses.as_deref())
        .and_then(|addresses| addresses.iter().find(|a| a.type_ == address_type))
        .map(|a| a.address.clone())
        .unwrap_or_else(|| "<none>".to_string())
}
