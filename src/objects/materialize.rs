//! Turns stored objects into the real Kubernetes types (k8s-openapi), as the API server
//! would serve them: what kubectl prints and `jobsim run -o json|yaml` lists.

use k8s_openapi::api::batch::v1 as batch;
use k8s_openapi::api::core::v1 as core;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1 as meta;

use super::event::Source;
use super::{
    ContainerState, ContainerStatus, Event, Involved, JobRecord, Node, ObjectMeta, Pod, PodId,
};
use crate::sim::clock::{Epoch, SimTime};
use crate::sim::{Cluster, JobIdx};

fn time(epoch: Epoch, t: SimTime) -> meta::Time {
    meta::Time(epoch.timestamp(t.truncated_to_secs()))
}

fn object_meta(epoch: Epoch, m: &ObjectMeta, kind_owner: bool) -> meta::ObjectMeta {
    let non_empty =
        |map: &std::collections::BTreeMap<String, String>| (!map.is_empty()).then(|| map.clone());
    meta::ObjectMeta {
        name: Some(m.name.clone()),
        generate_name: m.generate_name.clone(),
        namespace: Some(m.namespace.clone()),
        uid: Some(m.uid.clone()),
        resource_version: Some(m.resource_version.to_string()),
        generation: (m.generation > 0).then_some(m.generation),
        labels: non_empty(&m.labels),
        annotations: non_empty(&m.annotations),
        creation_timestamp: Some(time(epoch, m.creation)),
        deletion_timestamp: m.deletion.map(|t| time(epoch, t)),
        deletion_grace_period_seconds: m.deletion.and(m.deletion_grace_seconds),
        finalizers: (!m.finalizers.is_empty()).then(|| m.finalizers.clone()),
        owner_references: m.owner.as_ref().filter(|_| kind_owner).map(|o| {
            vec![meta::OwnerReference {
                api_version: o.api_version.clone(),
                kind: o.kind.clone(),
                name: o.name.clone(),
                uid: o.uid.clone(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }]
        }),
        ..Default::default()
    }
}

/// Job `j` as `GET /apis/batch/v1/namespaces/<ns>/jobs/<name>` returns it.
pub fn job(cluster: &Cluster, j: JobIdx) -> batch::Job {
    job_record(cluster.epoch(), cluster.job(j))
}

/// A stored Job record as the API object.
pub fn job_record(epoch: Epoch, record: &JobRecord) -> batch::Job {
    let mut metadata = object_meta(epoch, &record.meta, false);
    if let Some(applied) = &record.last_applied {
        metadata
            .annotations
            .get_or_insert_with(Default::default)
            .insert(
                "kubectl.kubernetes.io/last-applied-configuration".to_string(),
                applied.clone(),
            );
    }
    let s = &record.status;
    let status = batch::JobStatus {
        active: (s.active > 0).then_some(s.active),
        ready: Some(s.ready),
        succeeded: (s.succeeded > 0).then_some(s.succeeded),
        failed: (s.failed > 0).then_some(s.failed),
        terminating: Some(s.terminating),
        start_time: s.start_time.map(|t| time(epoch, t)),
        completion_time: s.completion_time.map(|t| time(epoch, t)),
        completed_indexes: (!s.completed_indexes.is_empty()).then(|| s.completed_indexes.clone()),
        // `*string`: the controller writes "" from the first sync of a Job with
        // backoffLimitPerIndex (`calculateFailedIndexes`), and "" is printed.
        failed_indexes: s.failed_indexes.clone(),
        conditions: (!s.conditions.is_empty()).then(|| {
            s.conditions
                .iter()
                .map(|c| batch::JobCondition {
                    type_: c.type_.to_string(),
                    status: c.status.as_str().to_string(),
                    reason: Some(c.reason.clone()),
                    message: Some(c.message.clone()),
                    last_probe_time: Some(time(epoch, c.time)),
                    last_transition_time: Some(time(epoch, c.time)),
                })
                .collect()
        }),
        uncounted_terminated_pods: s
            .has_written_status
            .then(batch::UncountedTerminatedPods::default),
    };
    batch::Job {
        metadata,
        spec: Some(record.spec.clone()),
        status: Some(status),
    }
}

/// Pod `id` as the API server returns it.
pub fn pod(cluster: &Cluster, id: PodId) -> core::Pod {
    pod_record(cluster.epoch(), cluster.pod(id))
}

/// Conditions in the order the kubelet reports them.
const CONDITION_ORDER: [&str; 6] = [
    "DisruptionTarget",
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
];

/// A stored pod as the API object.
pub fn pod_record(epoch: Epoch, p: &Pod) -> core::Pod {
    let mut spec = (*p.spec).clone();
    crate::apiserver::admission::admit_pod(&mut spec, &p.meta.uid);
    spec.hostname = p.hostname.clone().or(spec.hostname);
    spec.node_name = p.node_name.clone();
    if spec.hostname.is_some() && spec.subdomain.is_none() {
        spec.subdomain = None;
    }
    let mut conditions: Vec<&super::PodCondition> = p.status.conditions.iter().collect();
    crate::sort::sort_by_key(&mut conditions, |c| {
        CONDITION_ORDER
            .iter()
            .position(|o| *o == c.type_)
            .unwrap_or(CONDITION_ORDER.len())
    });
    let statuses = |list: &[ContainerStatus]| -> Option<Vec<core::ContainerStatus>> {
        (!list.is_empty()).then(|| list.iter().map(|c| container_status(epoch, c)).collect())
    };
    // The kubelet sorts app container statuses by name (`SortedContainerStatuses` in
    // `convertToAPIContainerStatuses`); init containers keep the spec's order.
    let mut app_statuses = statuses(&p.status.container_statuses);
    if let Some(list) = app_statuses.as_mut() {
        crate::sort::sort_by(list, |a, b| a.name.cmp(&b.name));
    }
    let status = core::PodStatus {
        phase: Some(p.status.phase.as_str().to_string()),
        conditions: (!conditions.is_empty()).then(|| {
            conditions
                .iter()
                .map(|c| core::PodCondition {
                    type_: c.type_.to_string(),
                    status: if c.status { "True" } else { "False" }.to_string(),
                    reason: c.reason.map(str::to_string),
                    message: c.message.as_deref().map(str::to_string),
                    last_transition_time: Some(time(epoch, c.last_transition)),
                    last_probe_time: None,
                    // The kubelet (and the scheduler, the eviction API) stamp the generation
                    // they acted on (`PodObservedGenerationTracking`, GA in 1.35); a
                    // condition a client patched in has none.
                    observed_generation: is_system_condition(c.type_).then_some(p.meta.generation),
                })
                .collect()
        }),
        container_statuses: app_statuses,
        init_container_statuses: statuses(&p.status.init_container_statuses),
        start_time: p.status.start_time.map(|t| time(epoch, t)),
        host_ip: p.status.host_ip.clone(),
        host_ips: p.status.host_ip.clone().map(|ip| vec![core::HostIP { ip }]),
        pod_ip: p.status.pod_ip.clone(),
        pod_ips: p.status.pod_ip.clone().map(|ip| vec![core::PodIP { ip }]),
        qos_class: Some(p.status.qos_class.to_string()),
        reason: p.status.reason.clone(),
        message: p.status.message.clone(),
        // Written by the kubelet with its status, from admission on.
        observed_generation: p.status.start_time.map(|_| p.meta.generation),
        ..Default::default()
    };
    core::Pod {
        metadata: object_meta(epoch, &p.meta, true),
        spec: Some(spec),
        status: Some(status),
    }
}

fn container_state(
    epoch: Epoch,
    s: &ContainerState,
    container_id: Option<&String>,
) -> core::ContainerState {
    match s {
        ContainerState::Waiting { reason, message } => core::ContainerState {
            waiting: Some(core::ContainerStateWaiting {
                reason: Some(reason.clone()),
                message: message.clone(),
            }),
            ..Default::default()
        },
        ContainerState::Running { started_at } => core::ContainerState {
            running: Some(core::ContainerStateRunning {
                started_at: Some(time(epoch, *started_at)),
            }),
            ..Default::default()
        },
        ContainerState::Terminated {
            exit_code,
            reason,
            message,
            started_at,
            finished_at,
        } => core::ContainerState {
            terminated: Some(core::ContainerStateTerminated {
                container_id: container_id.cloned(),
                exit_code: *exit_code,
                reason: Some(reason.clone()),
                message: message.clone(),
                started_at: started_at.map(|t| time(epoch, t)),
                finished_at: finished_at.map(|t| time(epoch, t)),
                signal: None,
            }),
            ..Default::default()
        },
    }
}

fn container_status(epoch: Epoch, c: &ContainerStatus) -> core::ContainerStatus {
    core::ContainerStatus {
        name: c.name.clone(),
        image: c.image.clone(),
        image_id: c.image_id.to_string(),
        container_id: c.container_id.clone(),
        ready: c.ready,
        started: Some(c.started),
        restart_count: c.restart_count,
        state: Some(container_state(epoch, &c.state, c.container_id.as_ref())),
        last_state: Some(
            c.last_state
                .as_deref()
                .map(|s| {
                    let id = c.last_container_id.as_deref().map(str::to_owned);
                    container_state(epoch, s, id.as_ref())
                })
                .unwrap_or_default(),
        ),
        ..Default::default()
    }
}

/// A node as the API object.
/// The namespaces every cluster starts with (`kubectl get namespaces`), created with it;
/// the API server labels each with `kubernetes.io/metadata.name` and the namespace
/// lifecycle gives it the `kubernetes` finalizer.
pub fn namespaces(cluster: &Cluster) -> Vec<core::Namespace> {
    let epoch = cluster.epoch();
    let created = cluster.nodes().iter().map(|n| n.creation).min();
    let created = created.unwrap_or_else(|| cluster.now());
    ["default", "kube-node-lease", "kube-public", "kube-system"]
        .into_iter()
        .map(|name| core::Namespace {
            metadata: meta::ObjectMeta {
                name: Some(name.to_string()),
                uid: Some(crate::apiserver::names::uid(
                    cluster.seed(),
                    &format!("namespace/{name}"),
                )),
                labels: Some(crate::sort::map_of([(
                    "kubernetes.io/metadata.name".to_string(),
                    name.to_string(),
                )])),
                creation_timestamp: Some(time(epoch, created)),
                resource_version: Some("1".into()),
                ..Default::default()
            },
            spec: Some(core::NamespaceSpec {
                finalizers: Some(vec!["kubernetes".to_string()]),
            }),
            status: Some(core::NamespaceStatus {
                phase: Some("Active".to_string()),
                ..Default::default()
            }),
        })
        .collect()
}

/// A node as the API server serves it.
pub fn node(cluster: &Cluster, n: &Node) -> core::Node {
    let epoch = cluster.epoch();
    let quantities = |r: &super::Resources| {
        let mut map = std::collections::BTreeMap::new();
        map.insert("cpu".to_string(), Quantity(format_cpu(r.cpu_millis)));
        map.insert(
            "memory".to_string(),
            Quantity(format!("{}Ki", r.memory_bytes / 1024)),
        );
        map.insert("pods".to_string(), Quantity(r.pods.to_string()));
        map.insert(
            "ephemeral-storage".to_string(),
            Quantity("102626232Ki".to_string()),
        );
        map
    };
    let ready_since = time(epoch, n.creation);
    let condition = |type_: &str, status: &str, reason: &str, message: &str| core::NodeCondition {
        type_: type_.to_string(),
        status: status.to_string(),
        reason: Some(reason.to_string()),
        message: Some(message.to_string()),
        last_heartbeat_time: Some(time(epoch, cluster.now())),
        last_transition_time: Some(ready_since.clone()),
    };
    let mut taints: Vec<core::Taint> = n
        .taints
        .iter()
        .map(|t| core::Taint {
            key: t.key.clone(),
            value: (!t.value.is_empty()).then(|| t.value.clone()),
            effect: t.effect.clone(),
            time_added: None,
        })
        .collect();
    if n.unschedulable {
        taints.push(core::Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            value: None,
            effect: "NoSchedule".into(),
            time_added: Some(ready_since.clone()),
        });
    }
    core::Node {
        metadata: meta::ObjectMeta {
            name: Some(n.name.clone()),
            uid: Some(n.uid.clone()),
            labels: Some(n.labels.clone()),
            creation_timestamp: Some(time(epoch, n.creation)),
            resource_version: Some("1".into()),
            ..Default::default()
        },
        spec: Some(core::NodeSpec {
            pod_cidr: Some(format!("10.244.{}.0/24", n.pod_cidr_octet)),
            pod_cidrs: Some(vec![format!("10.244.{}.0/24", n.pod_cidr_octet)]),
            unschedulable: n.unschedulable.then_some(true),
            taints: (!taints.is_empty()).then_some(taints),
            ..Default::default()
        }),
        status: Some(core::NodeStatus {
            capacity: Some(quantities(&n.capacity)),
            allocatable: Some(quantities(&n.allocatable)),
            conditions: Some(vec![
                condition(
                    "MemoryPressure",
                    "False",
                    "KubeletHasSufficientMemory",
                    "kubelet has sufficient memory available",
                ),
                condition(
                    "DiskPressure",
                    "False",
                    "KubeletHasNoDiskPressure",
                    "kubelet has no disk pressure",
                ),
                condition(
                    "PIDPressure",
                    "False",
                    "KubeletHasSufficientPID",
                    "kubelet has sufficient PID available",
                ),
                condition(
                    "Ready",
                    "True",
                    "KubeletReady",
                    "kubelet is posting ready status",
                ),
            ]),
            addresses: Some(vec![
                core::NodeAddress {
                    type_: "InternalIP".into(),
                    address: n.internal_ip.clone(),
                },
                core::NodeAddress {
                    type_: "Hostname".into(),
                    address: n.name.clone(),
                },
            ]),
            node_info: Some(core::NodeSystemInfo {
                architecture: "amd64".into(),
                boot_id: String::new(),
                container_runtime_version: "containerd://2.1.4".into(),
                kernel_version: "6.8.0-jobsim".into(),
                kube_proxy_version: String::new(),
                kubelet_version: cluster.config().version.clone(),
                machine_id: String::new(),
                operating_system: "linux".into(),
                os_image: "Debian GNU/Linux 12 (bookworm)".into(),
                system_uuid: String::new(),
                swap: None,
                ..Default::default()
            }),
            ..Default::default()
        }),
    }
}

fn format_cpu(millis: i64) -> String {
    if millis % 1000 == 0 {
        (millis / 1000).to_string()
    } else {
        format!("{millis}m")
    }
}

/// An event as the `core/v1` API object.
pub fn event(cluster: &Cluster, e: &Event) -> core::Event {
    let epoch = cluster.epoch();
    let (kind, api_version, namespace, name, uid) = match e.involved {
        Involved::Pod(id) => {
            let p = cluster.pod(id);
            (
                "Pod",
                "v1",
                p.meta.namespace.clone(),
                p.meta.name.clone(),
                p.meta.uid.clone(),
            )
        }
        Involved::Job(j) => {
            let job = cluster.job(j as usize);
            (
                "Job",
                "batch/v1",
                job.meta.namespace.clone(),
                job.meta.name.clone(),
                job.meta.uid.clone(),
            )
        }
        Involved::Node(n) => {
            let node = &cluster.nodes()[n as usize];
            (
                "Node",
                "v1",
                "default".to_string(),
                node.name.clone(),
                node.name.clone(),
            )
        }
    };
    let field_path = match (e.involved, e.container) {
        (Involved::Pod(id), Some(c)) => {
            let container_name = cluster.pod(id).container(c).map(|x| x.name.clone());
            let field = if c.init {
                "initContainers"
            } else {
                "containers"
            };
            container_name.map(|n| format!("spec.{field}{{{n}}}"))
        }
        _ => None,
    };
    let host = e
        .host
        .and_then(|n| cluster.nodes().get(n as usize))
        .map(|n| n.name.clone());
    // Event names are `<object>.<hex nanoseconds>`, as client-go makes them.
    let nanos = epoch.timestamp(e.first).as_nanosecond() + i128::from(e.serial);
    let recorded = match e.source {
        Source::DefaultScheduler => events_v1_fields(epoch, e),
        Source::JobController | Source::Kubelet => core_recorder_fields(epoch, e, host),
    };
    core::Event {
        metadata: meta::ObjectMeta {
            name: Some(format!("{name}.{nanos:x}")),
            namespace: Some(namespace.clone()),
            creation_timestamp: Some(time(epoch, e.first)),
            ..Default::default()
        },
        involved_object: core::ObjectReference {
            api_version: Some(api_version.to_string()),
            kind: Some(kind.to_string()),
            name: Some(name),
            namespace: Some(namespace),
            uid: Some(uid),
            field_path,
            resource_version: None,
        },
        reason: Some(e.reason.to_string()),
        message: Some(e.message(cluster).into_owned()),
        type_: Some(e.type_.as_str().to_string()),
        ..recorded
    }
}

/// What client-go's `record` recorder (`generateEvent`/`makeEvent`, used by the job controller
/// and the kubelet) writes: `source`, first/last timestamps and `count`, with
/// `reportingInstance` = `source.host` (empty for kube-controller-manager's controllers).
fn core_recorder_fields(epoch: Epoch, e: &Event, host: Option<String>) -> core::Event {
    core::Event {
        source: Some(core::EventSource {
            component: Some(e.source.as_str().to_string()),
            host: host.clone(),
        }),
        first_timestamp: Some(time(epoch, e.first)),
        last_timestamp: Some(time(epoch, e.last)),
        count: Some(e.count),
        reporting_component: Some(e.source.as_str().to_string()),
        reporting_instance: Some(host.unwrap_or_default()),
        ..Default::default()
    }
}

/// The scheduler records through `events.k8s.io/v1` (`client-go/tools/events`), read back as
/// `core/v1`: `eventTime` instead of first/last timestamps, no `source` or `count`, action
/// `Binding` for `Scheduled`, `reportingInstance` = `<controller>-<hostname>` (the kind control
/// plane's), and a repeat kept as `series` (count of occurrences, last observed).
fn events_v1_fields(epoch: Epoch, e: &Event) -> core::Event {
    let controller = e.source.as_str();
    let series = (e.count > 1).then(|| core::EventSeries {
        count: Some(e.count),
        last_observed_time: Some(meta::MicroTime(epoch.timestamp(e.last))),
    });
    core::Event {
        event_time: Some(meta::MicroTime(epoch.timestamp(e.first))),
        action: Some(
            if e.reason == "Scheduled" {
                "Binding"
            } else {
                "Scheduling"
            }
            .to_string(),
        ),
        series,
        reporting_component: Some(controller.to_string()),
        reporting_instance: Some(format!("{controller}-{SCHEDULER_HOST}")),
        ..Default::default()
    }
}

/// The host the scheduler runs on (a kind cluster named `jobsim`; its workers are
/// `jobsim-worker…`).
const SCHEDULER_HOST: &str = "jobsim-control-plane";

/// The pod conditions Kubernetes' own components write.
fn is_system_condition(type_: &str) -> bool {
    matches!(
        type_,
        "PodScheduled"
            | "PodReadyToStartContainers"
            | "Initialized"
            | "ContainersReady"
            | "Ready"
            | "DisruptionTarget"
    )
}

#[cfg(test)]
mod tests {
    use crate::kubectl::terminal::applied;
    use crate::sim::Cluster;
    use crate::sim::clock::SimTime;
    use crate::sim::config::ClusterConfig;

    fn failed_indexes(backoff_limit_per_index: &str) -> Option<String> {
        let (mut cluster, _) = applied(
            ClusterConfig::default(),
            &format!(
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ix\nspec:\n  completions: 2\n  completionMode: Indexed\n{backoff_limit_per_index}  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['true']\n"
            ),
        );
        cluster.run_while(SimTime::from_secs(600), Cluster::is_settled);
        super::job(&cluster, 0)
            .status
            .and_then(|s| s.failed_indexes)
    }

    /// `failedIndexes` is a `*string`: with backoffLimitPerIndex the controller writes ""
    /// (`calculateFailedIndexes` never returns nil) and the API prints it; without, it is absent.
    #[test]
    fn failed_indexes_is_empty_not_absent_with_a_per_index_limit() {
        assert_eq!(
            failed_indexes("  backoffLimitPerIndex: 1\n"),
            Some(String::new())
        );
        assert_eq!(failed_indexes(""), None);
    }

    /// KEP-5067 (GA in 1.35): pods are created at generation 1, the first deletion bumps it
    /// (`BeforeDelete`), and the status and its conditions say which generation they saw.
    #[test]
    fn pods_carry_their_generation_and_the_one_the_status_observed() {
        let (mut cluster, mut terminal) = applied(
            ClusterConfig::default(),
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: g\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sleep', '100']\n",
        );
        cluster.run_until(SimTime::from_secs(10));
        let pod = super::pod(&cluster, crate::objects::PodId(0));
        let status = pod.status.unwrap_or_default();
        assert_eq!(pod.metadata.generation, Some(1));
        assert_eq!(status.observed_generation, Some(1));
        let observed: Vec<_> = status
            .conditions
            .unwrap_or_default()
            .iter()
            .map(|c| c.observed_generation)
            .collect();
        assert!(!observed.is_empty() && observed.iter().all(|g| *g == Some(1)));
        let name = pod.metadata.name.unwrap_or_default();
        terminal.run_line(
            &mut cluster,
            &format!("kubectl delete pod {name} --wait=false"),
        );
        let pod = super::pod(&cluster, crate::objects::PodId(0));
        assert_eq!(pod.metadata.generation, Some(2));
    }
}
