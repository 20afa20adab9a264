//! `describeNode` and `describeNodeResource` in `kubectl/pkg/describe/describe.go`.

use jiff::Timestamp;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Event, Node, Pod};

use super::super::humanize::{rfc1123z, translate_timestamp_since};
use super::super::node::find_node_roles;
use super::super::quantity::{Quantity, ResourceList, pod_limits, pod_requests, resource_list};
use super::{
    PrefixWriter, describe_events, events_for, print_annotations_multiline, print_labels_multiline,
    print_taints_multiline,
};

/// `kubectl describe node`: `pods` are all pods (those bound to the node and not terminal are
/// listed), `events` every event (`None` for `--show-events=false`), `lease` the node's Lease in
/// `kube-node-lease` if the cluster keeps one.
pub fn describe_node(
    node: &Node,
    pods: &[Pod],
    events: Option<&[Event]>,
    lease: Option<&Lease>,
    now: Timestamp,
) -> String {
    let mut w = PrefixWriter::new();
    let meta = &node.metadata;
    let name = meta.name.as_deref().unwrap_or("");
    let spec = node.spec.clone().unwrap_or_default();
    let status = node.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{name}\n"));
    let roles = find_node_roles(node);
    w.write(
        0,
        &format!(
            "Roles:\t{}\n",
            if roles.is_empty() {
                "<none>".to_string()
            } else {
                roles.join(",")
            }
        ),
    );
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    let created = meta.creation_timestamp.as_ref().map_or_else(
        || "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
        |t| rfc1123z(t.0),
    );
    w.write(0, &format!("CreationTimestamp:\t{created}\n"));
    print_taints_multiline(&mut w, "Taints", spec.taints.as_deref());
    w.write(
        0,
        &format!("Unschedulable:\t{}\n", spec.unschedulable.unwrap_or(false)),
    );
    match lease {
        Some(lease) => {
            let lease_spec = lease.spec.clone().unwrap_or_default();
            w.write(0, "Lease:\n");
            w.write(
                1,
                &format!(
                    "HolderIdentity:\t{}\n",
                    lease_spec.holder_identity.as_deref().unwrap_or("<unset>")
                ),
            );
            let fmt = |t: Option<Timestamp>| t.map_or_else(|| "<unset>".to_string(), rfc1123z);
            w.write(
                1,
                &format!(
                    "AcquireTime:\t{}\n",
                    fmt(lease_spec.acquire_time.map(|t| t.0))
                ),
            );
            w.write(
                1,
                &format!("RenewTime:\t{}\n", fmt(lease_spec.renew_time.map(|t| t.0))),
            );
        }
        None => w.write(
            0,
            &format!(
                "Lease:\tFailed to get lease: leases.coordination.k8s.io \"{name}\" not found\n"
            ),
        ),
    }
    if let Some(conditions) = status.conditions.as_deref().filter(|c| !c.is_empty()) {
        w.write(
            0,
            "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n",
        );
        w.write(
            1,
            "----\t------\t-----------------\t------------------\t------\t-------\n",
        );
        let fmt = |t: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>| {
            t.map_or_else(
                || "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
                |t| rfc1123z(t.0),
            )
        };
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    fmt(c.last_heartbeat_time.as_ref()),
                    fmt(c.last_transition_time.as_ref()),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for a in status.addresses.iter().flatten() {
        w.write(1, &format!("{}:\t{}\n", a.type_, a.address));
    }
    for (title, list) in [
        ("Capacity", &status.capacity),
        ("Allocatable", &status.allocatable),
    ] {
        if let Some(list) = list.as_ref().filter(|l| !l.is_empty()) {
            w.write(0, &format!("{title}:\n"));
            for (resource, q) in list {
                let text = Quantity::parse(&q.0).map_or_else(|| q.0.clone(), |q| q.to_string());
                w.write(0, &format!("  {resource}:\t{text}\n"));
            }
        }
    }
    let info = status.node_info.clone().unwrap_or_default();
    w.write(0, "System Info:\n");
    for (key, value) in [
        ("Machine ID", &info.machine_id),
        ("System UUID", &info.system_uuid),
        ("Boot ID", &info.boot_id),
        ("Kernel Version", &info.kernel_version),
        ("OS Image", &info.os_image),
        ("Operating System", &info.operating_system),
        ("Architecture", &info.architecture),
        ("Container Runtime Version", &info.container_runtime_version),
        ("Kubelet Version", &info.kubelet_version),
    ] {
        w.write(0, &format!("  {key}:\t{value}\n"));
    }
    if let Some(cidr) = spec.pod_cidr.as_deref().filter(|c| !c.is_empty()) {
        w.write(0, &format!("PodCIDR:\t{cidr}\n"));
    }
    if let Some(cidrs) = spec.pod_cidrs.as_ref().filter(|c| !c.is_empty()) {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    if let Some(provider) = spec.provider_id.as_deref().filter(|p| !p.is_empty()) {
        w.write(0, &format!("ProviderID:\t{provider}\n"));
    }
    let on_node: Vec<&Pod> = pods
        .iter()
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(name))
        .filter(|p| {
            !matches!(
                p.status.as_ref().and_then(|s| s.phase.as_deref()),
                Some("Succeeded" | "Failed")
            )
        })
        .collect();
    describe_node_resource(&on_node, node, &mut w, now);
    if let Some(events) = events {
        let uid = meta.uid.as_deref().unwrap_or("");
        let mut mine = events_for(events, name, "", Some("Node"), Some(uid));
        mine.extend(events_for(events, name, "", Some("Node"), Some(name)));
        describe_events(&mine, &mut w, now);
    }
    w.finish()
}

fn percent(part: i128, whole: i128) -> i64 {
    if whole == 0 {
        0
    } else {
        (part as f64 / whole as f64 * 100.0) as i64
    }
}

fn get(list: &ResourceList, name: &str) -> Quantity {
    list.get(name).copied().unwrap_or_else(Quantity::zero)
}

/// `describeNodeResource`: the Non-terminated Pods table and the Allocated resources summary.
fn describe_node_resource(pods: &[&Pod], node: &Node, w: &mut PrefixWriter, now: Timestamp) {
    w.write(
        0,
        &format!("Non-terminated Pods:\t({} in total)\n", pods.len()),
    );
    w.write(
        1,
        "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n",
    );
    w.write(
        1,
        "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n",
    );
    let status = node.status.as_ref();
    let allocatable = match resource_list(status.and_then(|s| s.allocatable.as_ref())) {
        a if !a.is_empty() => a,
        _ => resource_list(status.and_then(|s| s.capacity.as_ref())),
    };
    let cpu_alloc = get(&allocatable, "cpu").milli_value();
    let mem_alloc = get(&allocatable, "memory").value();
    let mut total_requests = ResourceList::new();
    let mut total_limits = ResourceList::new();
    for pod in pods {
        let req = pod_requests(pod);
        let lim = pod_limits(pod);
        let (cpu_req, cpu_lim, mem_req, mem_lim) = (
            get(&req, "cpu"),
            get(&lim, "cpu"),
            get(&req, "memory"),
            get(&lim, "memory"),
        );
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{cpu_req} ({}%)\t{cpu_lim} ({}%)\t{mem_req} ({}%)\t{mem_lim} ({}%)\t{}\n",
                pod.metadata.namespace.as_deref().unwrap_or(""),
                pod.metadata.name.as_deref().unwrap_or(""),
                percent(cpu_req.milli_value(), cpu_alloc),
                percent(cpu_lim.milli_value(), cpu_alloc),
                percent(mem_req.value(), mem_alloc),
                percent(mem_lim.value(), mem_alloc),
                translate_timestamp_since(pod.metadata.creation_timestamp.as_ref().map(|t| t.0), now),
            ),
        );
        for (total, list) in [(&mut total_requests, req), (&mut total_limits, lim)] {
            for (k, v) in list {
                let sum = total.get(&k).map_or(v, |existing| existing.plus(v));
                total.insert(k, sum);
            }
        }
    }
    w.write(
        0,
        "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n",
    );
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let row = |w: &mut PrefixWriter, name: &str, whole: i128, milli: bool| {
        let (r, l) = (get(&total_requests, name), get(&total_limits, name));
        let (rv, lv) = if milli {
            (r.milli_value(), l.milli_value())
        } else {
            (r.value(), l.value())
        };
        w.write(
            1,
            &format!(
                "{name}\t{r} ({}%)\t{l} ({}%)\n",
                percent(rv, whole),
                percent(lv, whole)
            ),
        );
    };
    row(w, "cpu", cpu_alloc, true);
    row(w, "memory", mem_alloc, false);
    row(
        w,
        "ephemeral-storage",
        get(&allocatable, "ephemeral-storage").value(),
        false,
    );
    let hugepages: Vec<&String> = allocatable
        .keys()
        .filter(|k| k.starts_with("hugepages-"))
        .collect();
    for name in hugepages {
        row(w, name, get(&allocatable, name).value(), false);
    }
    let standard = |k: &str| {
        matches!(
            k,
            "cpu" | "memory" | "ephemeral-storage" | "storage" | "pods"
        ) || k.starts_with("hugepages-")
            || k.starts_with("requests.")
            || k.starts_with("limits.")
    };
    for name in allocatable.keys().filter(|k| !standard(k)) {
        w.write(
            1,
            &format!(
                "{name}\t{}\t{}\n",
                get(&total_requests, name),
                get(&total_limits, name)
            ),
        );
    }
}
