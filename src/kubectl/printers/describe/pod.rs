//! `describePod` in `kubectl/pkg/describe/describe.go`.

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{EnvVar, Event, Pod};

use super::super::humanize::{rfc1123z, translate_timestamp_since};
use super::super::quantity::pod_qos;
use super::template::{describe_containers, describe_resources};
use super::volumes::describe_volumes;
use super::{
    PrefixWriter, controlled_by, describe_events, events_for, print_annotations_multiline,
    print_labels_multiline, print_tolerations_multiline,
};

/// `kubectl describe pod`: `events` is every event (`None` for `--show-events=false`); the pod's
/// own are picked by involvedObject name, namespace and uid (not kind, as upstream).
pub fn describe_pod(pod: &Pod, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    let meta = &pod.metadata;
    let spec = pod.spec.clone().unwrap_or_default();
    let status = pod.status.clone().unwrap_or_default();
    let namespace = meta.namespace.as_deref().unwrap_or("");
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(0, &format!("Namespace:\t{namespace}\n"));
    if let Some(priority) = spec.priority {
        w.write(0, &format!("Priority:\t{priority}\n"));
    }
    if let Some(pc) = spec
        .priority_class_name
        .as_deref()
        .filter(|p| !p.is_empty())
    {
        w.write(0, &format!("Priority Class Name:\t{pc}\n"));
    }
    if let Some(rc) = spec.runtime_class_name.as_deref().filter(|r| !r.is_empty()) {
        w.write(0, &format!("Runtime Class Name:\t{rc}\n"));
    }
    if let Some(sa) = spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    match spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        None => w.write(0, "Node:\t<none>\n"),
        Some(node) => w.write(
            0,
            &format!(
                "Node:\t{node}/{}\n",
                status.host_ip.as_deref().unwrap_or("")
            ),
        ),
    }
    if let Some(start) = &status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start.0)));
    }
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    let phase = status.phase.as_deref().unwrap_or("");
    match &meta.deletion_timestamp {
        Some(deleted) if phase != "Failed" && phase != "Succeeded" => {
            w.write(
                0,
                &format!(
                    "Status:\tTerminating (lasts {})\n",
                    translate_timestamp_since(Some(deleted.0), now)
                ),
            );
            w.write(
                0,
                &format!(
                    "Termination Grace Period:\t{}s\n",
                    meta.deletion_grace_period_seconds.unwrap_or(0)
                ),
            );
        }
        _ => w.write(0, &format!("Status:\t{phase}\n")),
    }
    if let Some(reason) = status.reason.as_deref().filter(|r| !r.is_empty()) {
        w.write(0, &format!("Reason:\t{reason}\n"));
    }
    if let Some(message) = status.message.as_deref().filter(|m| !m.is_empty()) {
        w.write(0, &format!("Message:\t{message}\n"));
    }
    w.write(
        0,
        &format!("IP:\t{}\n", status.pod_ip.as_deref().unwrap_or("")),
    );
    match status.pod_ips.as_deref().filter(|ips| !ips.is_empty()) {
        None => w.write(0, "IPs:\t<none>\n"),
        Some(ips) => {
            w.write(0, "IPs:\n");
            for ip in ips {
                w.write(1, &format!("IP:\t{}\n", ip.ip));
            }
        }
    }
    if let Some(owner) = controlled_by(meta) {
        w.write(0, &format!("Controlled By:\t{owner}\n"));
    }
    if let Some(nominated) = status
        .nominated_node_name
        .as_deref()
        .filter(|n| !n.is_empty())
    {
        w.write(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    if let Some(resources) = &spec.resources {
        w.write(0, "Resources:\n");
        describe_resources(Some(resources), &mut w, 1);
    }
    let resolve = |e: &EnvVar| resolve_field_ref(pod, e);
    if let Some(init) = spec.init_containers.as_deref().filter(|i| !i.is_empty()) {
        let statuses = status.init_container_statuses.as_deref().unwrap_or(&[]);
        describe_containers(
            "Init Containers",
            init,
            statuses,
            Some(&resolve),
            &mut w,
            "",
        );
    }
    let statuses = status.container_statuses.as_deref().unwrap_or(&[]);
    describe_containers(
        "Containers",
        &spec.containers,
        statuses,
        Some(&resolve),
        &mut w,
        "",
    );
    if let Some(gates) = spec.readiness_gates.as_deref().filter(|g| !g.is_empty()) {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        let conditions = status.conditions.as_deref().unwrap_or(&[]);
        for gate in gates {
            let value = conditions
                .iter()
                .find(|c| c.type_ == gate.condition_type)
                .map_or_else(|| "<none>".to_string(), |c| c.status.clone());
            w.write(1, &format!("{} \t{value} \n", gate.condition_type));
        }
    }
    if let Some(conditions) = status.conditions.as_deref().filter(|c| !c.is_empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.write(1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
    describe_volumes(spec.volumes.as_deref(), &mut w, "");
    w.write(0, &format!("QoS Class:\t{}\n", pod_qos(pod)));
    print_labels_multiline(&mut w, "Node-Selectors", spec.node_selector.as_ref());
    print_tolerations_multiline(&mut w, "Tolerations", spec.tolerations.as_deref());
    if let Some(events) = events {
        let mine = events_for(
            events,
            meta.name.as_deref().unwrap_or(""),
            namespace,
            None,
            meta.uid.as_deref(),
        );
        describe_events(&mine, &mut w, now);
    }
    w.finish()
}

/// `EnvValueRetriever`: the value a `fieldRef` resolves to in this pod (the fields the
/// downward API offers; others resolve to "").
fn resolve_field_ref(pod: &Pod, e: &EnvVar) -> String {
    let Some(field) = e.value_from.as_ref().and_then(|f| f.field_ref.as_ref()) else {
        return String::new();
    };
    let meta = &pod.metadata;
    let path = field.field_path.as_str();
    let from_map = |map: Option<&std::collections::BTreeMap<String, String>>, prefix: &str| {
        let key = path.strip_prefix(prefix)?.strip_suffix("']")?;
        map.and_then(|m| m.get(key)).cloned()
    };
    let value = match path {
        "metadata.name" => meta.name.clone(),
        "metadata.namespace" => meta.namespace.clone(),
        "metadata.uid" => meta.uid.clone(),
        "spec.nodeName" => pod.spec.as_ref().and_then(|s| s.node_name.clone()),
        "spec.serviceAccountName" => pod
            .spec
            .as_ref()
            .and_then(|s| s.service_account_name.clone()),
        "status.hostIP" => pod.status.as_ref().and_then(|s| s.host_ip.clone()),
        "status.podIP" => pod.status.as_ref().and_then(|s| s.pod_ip.clone()),
        _ => from_map(meta.labels.as_ref(), "metadata.labels['")
            .or_else(|| from_map(meta.annotations.as_ref(), "metadata.annotations['")),
    };
    value.unwrap_or_default()
}
