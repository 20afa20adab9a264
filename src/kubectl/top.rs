//! `kubectl top pods|nodes`: resource usage as metrics-server would report it. jobsim has no
//! real usage, so a running container uses a steady share of what it requests (a container
//! that requests nothing uses 1m CPU and 1Mi of memory), which is what the seed guide's
//! "check resource limits" step needs to show.

use super::flags::{self, Spec, flag, value};
use super::objects::ListOptions;
use super::printers::table::TabWriter;
use super::{Output, namespace, usage_error};
use crate::objects::{Pod, PodPhase, Resources};
use crate::scheduler::pod_requests;
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    value("selector", Some('l')),
    flag("all-namespaces", Some('A')),
    flag("containers", None),
    flag("no-headers", None),
    value("sort-by", None),
];

const MI: i64 = 1024 * 1024;

/// A pod's simulated usage: 60% of its requests while running, nothing otherwise.
fn usage(pod: &Pod) -> Resources {
    if pod.status.phase != PodPhase::Running {
        return Resources::default();
    }
    let requests = pod_requests(&pod.spec);
    Resources {
        cpu_millis: (requests.cpu_millis * 6 / 10).max(1),
        memory_bytes: (requests.memory_bytes * 6 / 10).max(MI),
        pods: 1,
    }
}

/// `verifyEmptyMetrics` (`top_pod.go`): pods match but none has metrics. A pod older than
/// `metricsCreationDelay` (2 minutes) should have some; younger ones may not yet.
fn no_metrics(cluster: &Cluster, ns: &str, matching: &[&Pod]) -> Output {
    if matching.is_empty() {
        return Output {
            stderr: format!("No resources found in {ns} namespace.\n"),
            ..Output::default()
        };
    }
    for pod in matching {
        let age = cluster.now().since(pod.meta.creation);
        if age.as_millis() > 120_000 {
            return Output::error(format!(
                "Metrics not available for pod {ns}/{}, age: {}",
                pod.meta.name,
                crate::kubelet::images::go_duration(age)
            ));
        }
    }
    Output::error("metrics not available yet")
}

fn memory(bytes: i64) -> String {
    format!("{}Mi", bytes / MI)
}

/// Runs `kubectl top …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("top", &e),
    };
    let mut out = TabWriter::kubectl();
    match parsed.args.first().map(String::as_str) {
        Some("pod" | "pods" | "po") => {
            let ns = namespace(&parsed);
            let options = ListOptions {
                label_selector: parsed.value("selector").unwrap_or("").to_string(),
                field_selector: String::new(),
            };
            let listed = match super::objects::list(
                cluster,
                super::resources::Resource::Pods,
                Some(&ns),
                &options,
            ) {
                Ok(l) => l,
                Err(e) => return Output::server(format!("Error from server (BadRequest): {e}")),
            };
            let matching: Vec<&Pod> = listed
                .iter()
                .filter_map(|o| cluster.find_pod(&ns, o.name()))
                .map(|id| cluster.pod(id))
                .collect();
            // metrics-server has figures only for running pods.
            let pods: Vec<&Pod> = match parsed.args.get(1) {
                Some(name) => match matching.iter().find(|p| &p.meta.name == name) {
                    Some(pod) if pod.status.phase == PodPhase::Running => vec![*pod],
                    _ => {
                        return Output::server(format!(
                            "Error from server (NotFound): podmetrics.metrics.k8s.io \"{ns}/{name}\" not found"
                        ));
                    }
                },
                None => matching
                    .iter()
                    .copied()
                    .filter(|p| p.status.phase == PodPhase::Running)
                    .collect(),
            };
            if pods.is_empty() {
                return no_metrics(cluster, &ns, &matching);
            }
            let mut text = String::new();
            if !parsed.bool("no-headers") {
                text.push_str("NAME\tCPU(cores)\tMEMORY(bytes)\t\n");
            }
            for pod in pods {
                let u = usage(pod);
                text.push_str(&format!(
                    "{}\t{}m\t{}\t\n",
                    pod.meta.name,
                    u.cpu_millis,
                    memory(u.memory_bytes)
                ));
            }
            out.write_str(&text);
        }
        Some("node" | "nodes" | "no") => {
            let mut text = String::new();
            if !parsed.bool("no-headers") {
                text.push_str("NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n");
            }
            for node in cluster.nodes() {
                let mut used = Resources {
                    cpu_millis: 60,
                    memory_bytes: 600 * MI,
                    pods: 0,
                };
                for pod in cluster
                    .pods()
                    .iter()
                    .filter(|p| p.removed.is_none() && p.node_name.as_deref() == Some(&node.name))
                {
                    used.add(usage(pod));
                }
                let pct = |a: i64, b: i64| if b > 0 { a * 100 / b } else { 0 };
                text.push_str(&format!(
                    "{}\t{}m\t{}%\t{}\t{}%\t\n",
                    node.name,
                    used.cpu_millis,
                    pct(used.cpu_millis, node.allocatable.cpu_millis),
                    memory(used.memory_bytes),
                    pct(used.memory_bytes, node.allocatable.memory_bytes)
                ));
            }
            out.write_str(&text);
        }
        _ => return Output::error("You must specify a resource type: pod or node"),
    }
    Output::ok(out.finish())
}
