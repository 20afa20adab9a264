//! The container parts of `describe.go` shared by `describe pod` and the Pod Template block of
//! `describe job`: `describeContainers` (basic info, command, state, resources, probes,
//! environment, mounts) and `DescribePodTemplate`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStatus, EnvVar, PodTemplateSpec, Probe,
    ResourceRequirements,
};

use super::super::humanize::rfc1123z;
use super::volumes::describe_volumes;
use super::{
    PrefixWriter, print_annotations_multiline, print_labels_multiline, print_tolerations_multiline,
};

/// Resolves a `fieldRef` env var to its value (describe pod passes one; templates pass none).
pub(crate) type EnvResolver<'a> = Option<&'a dyn Fn(&EnvVar) -> String>;

/// `describeContainers`.
pub(crate) fn describe_containers(
    label: &str,
    containers: &[Container],
    statuses: &[ContainerStatus],
    resolver: EnvResolver<'_>,
    w: &mut PrefixWriter,
    space: &str,
) {
    let by_name: BTreeMap<&str, &ContainerStatus> =
        crate::sort::map_of(statuses.iter().map(|s| (s.name.as_str(), s)));
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    for container in containers {
        let status = by_name.get(container.name.as_str()).copied();
        describe_container_basic_info(container, status, space, w);
        describe_container_command(container, w);
        if let Some(status) = status {
            describe_container_state(status, w);
        }
        describe_resources(container.resources.as_ref(), w, 2);
        describe_container_probes(container, w);
        if container.env_from.as_ref().is_some_and(|e| !e.is_empty()) {
            describe_env_from(container, w);
        }
        describe_env_vars(container, resolver, w);
        describe_container_volumes(container, w);
    }
}

fn describe_container_basic_info(
    container: &Container,
    status: Option<&ContainerStatus>,
    space: &str,
    w: &mut PrefixWriter,
) {
    let name_indent = if space.is_empty() { "" } else { " " };
    w.write(1, &format!("{name_indent}{}:\n", container.name));
    if let Some(s) = status {
        w.write(
            2,
            &format!(
                "Container ID:\t{}\n",
                s.container_id.as_deref().unwrap_or("")
            ),
        );
    }
    w.write(
        2,
        &format!("Image:\t{}\n", container.image.as_deref().unwrap_or("")),
    );
    if let Some(s) = status {
        w.write(2, &format!("Image ID:\t{}\n", s.image_id));
    }
    let ports = container.ports.as_deref().unwrap_or(&[]);
    let port_strings = |host: bool| {
        ports
            .iter()
            .map(|p| {
                let number = if host {
                    p.host_port.unwrap_or(0)
                } else {
                    p.container_port
                };
                let protocol = p.protocol.as_deref().unwrap_or("");
                match p.name.as_deref().filter(|n| !n.is_empty()) {
                    Some(name) => format!("{number}/{protocol} ({name})"),
                    None => format!("{number}/{protocol}"),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let port = port_strings(false);
    if port.contains(',') {
        w.write(2, &format!("Ports:\t{port}\n"));
    } else {
        w.write(2, &format!("Port:\t{}\n", or_none(&port)));
    }
    let host_port = port_strings(true);
    if host_port.contains(',') {
        w.write(2, &format!("Host Ports:\t{host_port}\n"));
    } else {
        w.write(2, &format!("Host Port:\t{}\n", or_none(&host_port)));
    }
}

fn or_none(s: &str) -> &str {
    if s.is_empty() { "<none>" } else { s }
}

fn describe_container_command(container: &Container, w: &mut PrefixWriter) {
    for (title, items) in [("Command", &container.command), ("Args", &container.args)] {
        let Some(items) = items.as_ref().filter(|i| !i.is_empty()) else {
            continue;
        };
        w.write(2, &format!("{title}:\n"));
        for item in items {
            for line in item.split('\n') {
                w.write(3, &format!("{line}\n"));
            }
        }
    }
}

/// `describeResources`: Limits then Requests, resource names sorted.
pub(crate) fn describe_resources(
    resources: Option<&ResourceRequirements>,
    w: &mut PrefixWriter,
    level: usize,
) {
    let Some(resources) = resources else { return };
    for (title, list) in [
        ("Limits", &resources.limits),
        ("Requests", &resources.requests),
    ] {
        let Some(list) = list.as_ref().filter(|l| !l.is_empty()) else {
            continue;
        };
        w.write(level, &format!("{title}:\n"));
        for (name, quantity) in list {
            w.write(level + 1, &format!("{name}:\t{}\n", canonical(&quantity.0)));
        }
    }
}

/// A quantity in canonical form (as Go re-serialises it), or the text as given.
pub(crate) fn canonical(text: &str) -> String {
    super::super::quantity::Quantity::parse(text)
        .map_or_else(|| text.to_string(), |q| q.to_string())
}

fn describe_container_state(status: &ContainerStatus, w: &mut PrefixWriter) {
    describe_status("State", status.state.as_ref(), w);
    if let Some(last) = status
        .last_state
        .as_ref()
        .filter(|s| s.terminated.is_some())
    {
        describe_status("Last State", Some(last), w);
    }
    w.write(
        2,
        &format!("Ready:\t{}\n", if status.ready { "True" } else { "False" }),
    );
    w.write(2, &format!("Restart Count:\t{}\n", status.restart_count));
}

fn time_text(t: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::Time>) -> String {
    // Go formats the zero time.Time for an unset field.
    t.map_or_else(
        || "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
        |t| rfc1123z(t.0),
    )
}

fn describe_status(name: &str, state: Option<&ContainerState>, w: &mut PrefixWriter) {
    let state = state.cloned().unwrap_or_default();
    if let Some(running) = &state.running {
        w.write(2, &format!("{name}:\tRunning\n"));
        w.write(
            3,
            &format!("Started:\t{}\n", time_text(running.started_at.as_ref())),
        );
    } else if let Some(waiting) = &state.waiting {
        w.write(2, &format!("{name}:\tWaiting\n"));
        if let Some(reason) = waiting.reason.as_deref().filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = &state.terminated {
        w.write(2, &format!("{name}:\tTerminated\n"));
        if let Some(reason) = t.reason.as_deref().filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
        if let Some(message) = t.message.as_deref().filter(|m| !m.is_empty()) {
            w.write(3, &format!("Message:\t{message}\n"));
        }
        w.write(3, &format!("Exit Code:\t{}\n", t.exit_code));
        if let Some(signal) = t.signal.filter(|s| *s > 0) {
            w.write(3, &format!("Signal:\t{signal}\n"));
        }
        w.write(
            3,
            &format!("Started:\t{}\n", time_text(t.started_at.as_ref())),
        );
        w.write(
            3,
            &format!("Finished:\t{}\n", time_text(t.finished_at.as_ref())),
        );
    } else {
        w.write(2, &format!("{name}:\tWaiting\n"));
    }
}

fn describe_container_probes(container: &Container, w: &mut PrefixWriter) {
    for (title, probe) in [
        ("Liveness", &container.liveness_probe),
        ("Readiness", &container.readiness_probe),
        ("Startup", &container.startup_probe),
    ] {
        if let Some(probe) = probe {
            w.write(2, &format!("{title}:\t{}\n", describe_probe(probe)));
        }
    }
}

/// `DescribeProbe`.
fn describe_probe(probe: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        probe.initial_delay_seconds.unwrap_or(0),
        probe.timeout_seconds.unwrap_or(0),
        probe.period_seconds.unwrap_or(0),
        probe.success_threshold.unwrap_or(0),
        probe.failure_threshold.unwrap_or(0)
    );
    if let Some(exec) = &probe.exec {
        return format!(
            "exec [{}] {attrs}",
            exec.command.clone().unwrap_or_default().join(" ")
        );
    }
    if let Some(tcp) = &probe.tcp_socket {
        return format!(
            "tcp-socket {}:{} {attrs}",
            tcp.host.as_deref().unwrap_or(""),
            int_or_string(&tcp.port)
        );
    }
    if let Some(http) = &probe.http_get {
        let scheme = http.scheme.as_deref().unwrap_or("").to_lowercase();
        let port = int_or_string(&http.port);
        let host = http.host.as_deref().unwrap_or("");
        let authority = if port.is_empty() {
            host.to_string()
        } else {
            format!("{host}:{port}")
        };
        let prefix = if scheme.is_empty() {
            String::new()
        } else {
            format!("{scheme}:")
        };
        return format!(
            "http-get {prefix}//{authority}{} {attrs}",
            http.path.as_deref().unwrap_or("")
        );
    }
    format!("unknown {attrs}")
}

fn int_or_string(v: &k8s_openapi::apimachinery::pkg::util::intstr::IntOrString) -> String {
    match v {
        k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(i) => i.to_string(),
        k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(s) => s.clone(),
    }
}

fn describe_env_from(container: &Container, w: &mut PrefixWriter) {
    w.write(2, "Environment Variables from:\n");
    for e in container.env_from.iter().flatten() {
        let (from, name, optional) = if let Some(c) = &e.config_map_ref {
            ("ConfigMap", c.name.as_str(), c.optional.unwrap_or(false))
        } else if let Some(s) = &e.secret_ref {
            ("Secret", s.name.as_str(), s.optional.unwrap_or(false))
        } else {
            ("", "", false)
        };
        match e.prefix.as_deref().filter(|p| !p.is_empty()) {
            None => w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n")),
            Some(prefix) => w.write(
                3,
                &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"),
            ),
        }
    }
}

fn describe_env_vars(container: &Container, resolver: EnvResolver<'_>, w: &mut PrefixWriter) {
    let env = container.env.as_deref().unwrap_or(&[]);
    w.write(
        2,
        &format!(
            "Environment:{}\n",
            if env.is_empty() { "\t<none>" } else { "" }
        ),
    );
    for e in env {
        let Some(from) = &e.value_from else {
            for (i, line) in e.value.as_deref().unwrap_or("").split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{}:\t{line}\n", e.name));
                } else {
                    w.write(3, &format!("\t{line}\n"));
                }
            }
            continue;
        };
        if let Some(field) = &from.field_ref {
            let value = resolver.map(|r| r(e)).unwrap_or_default();
            let api = field.api_version.as_deref().unwrap_or("");
            w.write(
                3,
                &format!("{}:\t{value} ({api}:{})\n", e.name, field.field_path),
            );
        } else if let Some(resource) = &from.resource_field_ref {
            w.write(
                3,
                &format!(
                    "{}:\t{} ({})\n",
                    e.name,
                    resource_field_value(container, resource),
                    resource.resource
                ),
            );
        } else if let Some(secret) = &from.secret_key_ref {
            let optional = secret.optional.unwrap_or(false);
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {optional}\n",
                    e.name, secret.key, secret.name
                ),
            );
        } else if let Some(cm) = &from.config_map_key_ref {
            let optional = cm.optional.unwrap_or(false);
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {optional}\n",
                    e.name, cm.key, cm.name
                ),
            );
        }
    }
}

/// `ExtractContainerResourceValue` for describe: the container's own request/limit, `node
/// allocatable` for an unset cpu/memory limit.
fn resource_field_value(
    container: &Container,
    r: &k8s_openapi::api::core::v1::ResourceFieldSelector,
) -> String {
    let (kind, name) = r.resource.split_once('.').unwrap_or(("", ""));
    let list = container.resources.as_ref().and_then(|res| {
        if kind == "limits" {
            res.limits.as_ref()
        } else {
            res.requests.as_ref()
        }
    });
    match list.and_then(|l| l.get(name)) {
        Some(q) => canonical(&q.0),
        None if kind == "limits" && (name == "cpu" || name == "memory") => {
            "node allocatable".to_string()
        }
        None => "0".to_string(),
    }
}

fn describe_container_volumes(container: &Container, w: &mut PrefixWriter) {
    let mut mounts: Vec<_> = container.volume_mounts.iter().flatten().collect();
    w.write(
        2,
        &format!(
            "Mounts:{}\n",
            if mounts.is_empty() { "\t<none>" } else { "" }
        ),
    );
    crate::sort::sort_by(&mut mounts, |a, b| a.mount_path.cmp(&b.mount_path));
    for m in mounts {
        let mut flags = vec![if m.read_only == Some(true) {
            "ro".to_string()
        } else {
            "rw".to_string()
        }];
        if let Some(sub) = m.sub_path.as_deref().filter(|s| !s.is_empty()) {
            flags.push(format!(
                "path={}",
                super::super::super::super::apiserver::selectors::validation::go_quote(sub)
            ));
        }
        w.write(
            3,
            &format!("{} from {} ({})\n", m.mount_path, m.name, flags.join(",")),
        );
    }
}

/// `DescribePodTemplate`.
pub(crate) fn describe_pod_template(template: &PodTemplateSpec, w: &mut PrefixWriter) {
    w.write(0, "Pod Template:\n");
    let meta = template.metadata.as_ref();
    print_labels_multiline(w, "  Labels", meta.and_then(|m| m.labels.as_ref()));
    if let Some(annotations) = meta
        .and_then(|m| m.annotations.as_ref())
        .filter(|a| !a.is_empty())
    {
        print_annotations_multiline(w, "  Annotations", Some(annotations));
    }
    let Some(spec) = template.spec.as_ref() else {
        describe_containers("Containers", &[], &[], None, w, "  ");
        describe_volumes(None, w, "  ");
        print_labels_multiline(w, "  Node-Selectors", None);
        print_tolerations_multiline(w, "  Tolerations", None);
        return;
    };
    if let Some(sa) = spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    if let Some(init) = spec.init_containers.as_deref().filter(|i| !i.is_empty()) {
        describe_containers("Init Containers", init, &[], None, w, "  ");
    }
    describe_containers("Containers", &spec.containers, &[], None, w, "  ");
    describe_volumes(spec.volumes.as_deref(), w, "  ");
    if let Some(pc) = spec
        .priority_class_name
        .as_deref()
        .filter(|p| !p.is_empty())
    {
        w.write(1, &format!("Priority Class Name:\t{pc}\n"));
    }
    print_labels_multiline(w, "  Node-Selectors", spec.node_selector.as_ref());
    print_tolerations_multiline(w, "  Tolerations", spec.tolerations.as_deref());
}
