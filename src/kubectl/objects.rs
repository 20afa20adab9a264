//! The simulated API server's answers to kubectl's list and get calls: live objects of one
//! resource type as Kubernetes types, in API order (namespace, then name), filtered by
//! label and field selectors.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Event, Namespace, Node, Pod, Secret};
use serde_json::Value;

use super::printers::{self, Table, output::to_api_json};
use super::resources::Resource;
use crate::apiserver::selectors::{self, fields};
use crate::objects::materialize;
use crate::sim::Cluster;

/// An object of one of the kinds kubectl shows.
#[derive(Clone, Debug)]
pub enum ApiObject {
    Job(Box<Job>),
    Pod(Box<Pod>),
    Event(Box<Event>),
    Node(Box<Node>),
    ConfigMap(Box<ConfigMap>),
    Secret(Box<Secret>),
    Namespace(Box<Namespace>),
}

impl ApiObject {
    pub fn meta(&self) -> &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
        match self {
            ApiObject::Job(o) => &o.metadata,
            ApiObject::Pod(o) => &o.metadata,
            ApiObject::Event(o) => &o.metadata,
            ApiObject::Node(o) => &o.metadata,
            ApiObject::ConfigMap(o) => &o.metadata,
            ApiObject::Secret(o) => &o.metadata,
            ApiObject::Namespace(o) => &o.metadata,
        }
    }

    pub fn name(&self) -> &str {
        self.meta().name.as_deref().unwrap_or("")
    }

    fn labels(&self) -> BTreeMap<String, String> {
        self.meta().labels.clone().unwrap_or_default()
    }

    fn fields(&self) -> BTreeMap<String, String> {
        match self {
            ApiObject::Job(o) => fields::job_fields(o),
            ApiObject::Pod(o) => fields::pod_fields(o),
            ApiObject::Event(o) => fields::event_fields(o),
            ApiObject::Node(o) => fields::node_fields(o),
            ApiObject::ConfigMap(o) => fields::object_meta_fields(&o.metadata, true),
            ApiObject::Secret(o) => fields::secret_fields(o),
            ApiObject::Namespace(o) => fields::namespace_fields(o),
        }
    }

    /// The object as the API server's JSON.
    pub fn json(&self) -> Value {
        match self {
            ApiObject::Job(o) => to_api_json(o.as_ref()),
            ApiObject::Pod(o) => to_api_json(o.as_ref()),
            ApiObject::Event(o) => to_api_json(o.as_ref()),
            ApiObject::Node(o) => to_api_json(o.as_ref()),
            ApiObject::ConfigMap(o) => to_api_json(o.as_ref()),
            ApiObject::Secret(o) => to_api_json(o.as_ref()),
            ApiObject::Namespace(o) => to_api_json(o.as_ref()),
        }
    }
}

/// The table of a homogeneous list (`get` without `-o`).
pub fn table(resource: Resource, objects: &[ApiObject], now: jiff::Timestamp) -> Table {
    macro_rules! typed {
        ($variant:ident, $ty:ty) => {{
            let typed: Vec<$ty> = objects
                .iter()
                .filter_map(|o| match o {
                    ApiObject::$variant(x) => Some((**x).clone()),
                    _ => None,
                })
                .collect();
            printers::table(&typed, now)
        }};
    }
    match resource {
        Resource::Jobs => typed!(Job, Job),
        Resource::Pods => typed!(Pod, Pod),
        Resource::Events => typed!(Event, Event),
        Resource::Nodes => typed!(Node, Node),
        Resource::ConfigMaps => typed!(ConfigMap, ConfigMap),
        Resource::Secrets => typed!(Secret, Secret),
        Resource::Namespaces => typed!(Namespace, Namespace),
        _ => printers::table::<Job>(&[], now),
    }
}

fn selectable(resource: Resource) -> fields::SelectableKind {
    match resource {
        Resource::Pods => fields::SelectableKind::Pod,
        Resource::Jobs => fields::SelectableKind::Job,
        Resource::Events => fields::SelectableKind::Event,
        Resource::Nodes => fields::SelectableKind::Node,
        Resource::Secrets => fields::SelectableKind::Secret,
        Resource::Namespaces => fields::SelectableKind::Namespace,
        _ => fields::SelectableKind::Other,
    }
}

/// Selectors of a list call, parsed once.
#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    pub label_selector: String,
    pub field_selector: String,
}

/// Deleted pods or Jobs as the API server last had them (their final status), by uid: what
/// a watch's DELETED events carry. One pass over the store, whatever the number of uids.
pub fn deleted(
    cluster: &Cluster,
    resource: Resource,
    uids: &BTreeSet<String>,
) -> BTreeMap<String, ApiObject> {
    let epoch = cluster.epoch();
    match resource {
        Resource::Pods => cluster
            .pods()
            .iter()
            .filter(|p| p.removed.is_some() && uids.contains(&p.meta.uid))
            .map(|p| {
                let object = ApiObject::Pod(Box::new(materialize::pod_record(epoch, p)));
                (p.meta.uid.clone(), object)
            })
            .collect(),
        Resource::Jobs => cluster
            .job_records()
            .iter()
            .filter(|j| j.removed.is_some() && uids.contains(&j.meta.uid))
            .map(|j| {
                let object = ApiObject::Job(Box::new(materialize::job_record(epoch, j)));
                (j.meta.uid.clone(), object)
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// Lists `resource` in `namespace` (all namespaces when `None`). The error is the server's
/// message for a bad selector (without `Error from server (BadRequest): `).
pub fn list(
    cluster: &Cluster,
    resource: Resource,
    namespace: Option<&str>,
    options: &ListOptions,
) -> Result<Vec<ApiObject>, String> {
    let bad = |message: String| {
        let gvr = format!(
            "{}, Resource={}",
            resource.group_version(),
            resource.plural()
        );
        fields::enhance_list_error(
            &gvr,
            &options.label_selector,
            &options.field_selector,
            &message,
        )
    };
    let labels = selectors::parse(&options.label_selector).map_err(bad)?;
    let field_selector = if options.field_selector.is_empty() {
        None
    } else {
        let parsed = fields::parse_field_selector(&options.field_selector).map_err(bad)?;
        Some(parsed.convert_for(selectable(resource)).map_err(bad)?)
    };
    let in_namespace = |ns: &str| namespace.is_none_or(|n| n == ns) || !resource.is_namespaced();
    let epoch = cluster.epoch();
    let mut objects: Vec<ApiObject> = match resource {
        Resource::Jobs => cluster
            .job_records()
            .iter()
            .filter(|j| j.removed.is_none() && in_namespace(&j.meta.namespace))
            .map(|j| ApiObject::Job(Box::new(materialize::job_record(epoch, j))))
            .collect(),
        Resource::Pods => cluster
            .pods()
            .iter()
            .filter(|p| p.removed.is_none() && in_namespace(&p.meta.namespace))
            .map(|p| ApiObject::Pod(Box::new(materialize::pod_record(epoch, p))))
            .collect(),
        Resource::Events => cluster
            .events()
            .iter()
            .filter(|e| !e.expired(cluster.now()))
            .map(|e| materialize::event(cluster, e))
            .filter(|e| in_namespace(e.metadata.namespace.as_deref().unwrap_or("")))
            .map(|e| ApiObject::Event(Box::new(e)))
            .collect(),
        Resource::Nodes => cluster
            .nodes()
            .iter()
            .map(|n| ApiObject::Node(Box::new(materialize::node(cluster, n))))
            .collect(),
        Resource::ConfigMaps => cluster
            .config_maps()
            .filter(|c| in_namespace(c.metadata.namespace.as_deref().unwrap_or("")))
            .map(|c| ApiObject::ConfigMap(Box::new(c.clone())))
            .collect(),
        Resource::Secrets => cluster
            .secrets()
            .filter(|c| in_namespace(c.metadata.namespace.as_deref().unwrap_or("")))
            .map(|c| ApiObject::Secret(Box::new(c.clone())))
            .collect(),
        Resource::Namespaces => materialize::namespaces(cluster)
            .into_iter()
            .map(|n| ApiObject::Namespace(Box::new(n)))
            .collect(),
        _ => Vec::new(),
    };
    objects.retain(|o| {
        labels.matches(&o.labels())
            && field_selector
                .as_ref()
                .is_none_or(|f| f.matches(&o.fields()))
    });
    crate::sort::sort_by(&mut objects, |a, b| {
        namespace_of(a)
            .cmp(namespace_of(b))
            .then_with(|| a.name().cmp(b.name()))
    });
    Ok(objects)
}

fn namespace_of(object: &ApiObject) -> &str {
    object.meta().namespace.as_deref().unwrap_or("")
}

/// One named object, or the API's NotFound message.
pub fn get(
    cluster: &Cluster,
    resource: Resource,
    namespace: &str,
    name: &str,
) -> Result<ApiObject, String> {
    let all = list(cluster, resource, Some(namespace), &ListOptions::default())?;
    all.into_iter().find(|o| o.name() == name).ok_or_else(|| {
        format!(
            "Error from server (NotFound): {} \"{name}\" not found",
            resource.qualified()
        )
    })
}
