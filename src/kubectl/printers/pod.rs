//! `kubectl get pods` rows: `printPod` in `pkg/printers/internalversion/printers.go`
//! (READY, the STATUS reason algorithm, RESTARTS with `(… ago)`, AGE; wide IP, NODE,
//! NOMINATED NODE, READINESS GATES).

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{Container, ContainerStatus, Pod, PodCondition};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::humanize::translate_timestamp_since;
use super::{ColumnDefinition, GenerateOptions, Printable, created};

impl Printable for Pod {
    const KIND: &'static str = "pod";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::name("Name"),
            ColumnDefinition::new("Ready"),
            ColumnDefinition::new("Status"),
            ColumnDefinition::new("Restarts"),
            ColumnDefinition::new("Age"),
            ColumnDefinition::wide("IP"),
            ColumnDefinition::wide("Node"),
            ColumnDefinition::wide("Nominated Node"),
            ColumnDefinition::wide("Readiness Gates"),
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, options: GenerateOptions) -> Vec<String> {
        let summary = pod_summary(self);
        let restarts = match summary.last_restart {
            Some(last) if summary.restarts != 0 => {
                format!(
                    "{} ({} ago)",
                    summary.restarts,
                    translate_timestamp_since(Some(last), now)
                )
            }
            _ => summary.restarts.to_string(),
        };
        let mut cells = vec![
            self.metadata.name.clone().unwrap_or_default(),
            format!("{}/{}", summary.ready, summary.total),
            summary.reason,
            restarts,
            translate_timestamp_since(created(&self.metadata), now),
        ];
        if options.wide {
            cells.extend(wide_cells(self));
        }
        cells
    }
}

/// What `printPod` derives from a pod before formatting it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodSummary {
    /// Ready containers (app containers, plus started restartable init containers).
    pub ready: usize,
    /// Containers counted in READY's denominator.
    pub total: usize,
    /// The STATUS word.
    pub reason: String,
    /// The RESTARTS count.
    pub restarts: i64,
    /// When the most recent counted restart's container last terminated.
    pub last_restart: Option<Timestamp>,
}

/// `podutil.IsRestartableInitContainer`: an init container with `restartPolicy: Always`.
fn is_restartable_init_container(container: Option<&Container>) -> bool {
    container.and_then(|c| c.restart_policy.as_deref()) == Some("Always")
}

fn last_terminated_at(status: &ContainerStatus) -> Option<Timestamp> {
    status
        .last_state
        .as_ref()?
        .terminated
        .as_ref()?
        .finished_at
        .as_ref()
        .map(|t| t.0)
}

fn later(current: Option<Timestamp>, candidate: Option<Timestamp>) -> Option<Timestamp> {
    match (current, candidate) {
        (Some(c), Some(n)) if c < n => Some(n),
        (None, Some(n)) => Some(n),
        (current, _) => current,
    }
}

/// The READY/STATUS/RESTARTS computation of `printPod`, in upstream order.
pub fn pod_summary(pod: &Pod) -> PodSummary {
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let containers: &[Container] = spec.map(|s| s.containers.as_slice()).unwrap_or(&[]);
    let init_spec: &[Container] = spec
        .and_then(|s| s.init_containers.as_deref())
        .unwrap_or(&[]);
    let conditions: &[PodCondition] = status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
    let init_statuses: &[ContainerStatus] = status
        .and_then(|s| s.init_container_statuses.as_deref())
        .unwrap_or(&[]);
    let container_statuses: &[ContainerStatus] = status
        .and_then(|s| s.container_statuses.as_deref())
        .unwrap_or(&[]);

    let mut restarts: i64 = 0;
    let mut restartable_init_restarts: i64 = 0;
    let mut total = containers.len();
    let mut ready = 0;
    let mut last_restart: Option<Timestamp> = None;
    let mut last_restartable_init_restart: Option<Timestamp> = None;

    let phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
    let mut reason = phase.clone();
    if let Some(r) = status
        .and_then(|s| s.reason.as_deref())
        .filter(|r| !r.is_empty())
    {
        reason = r.to_string();
    }
    for condition in conditions {
        if condition.type_ == "PodScheduled"
            && condition.reason.as_deref() == Some("SchedulingGated")
        {
            reason = "SchedulingGated".to_string();
        }
    }

    let init_by_name: BTreeMap<&str, &Container> =
        crate::sort::map_of(init_spec.iter().map(|c| (c.name.as_str(), c)));
    total += init_spec
        .iter()
        .filter(|c| is_restartable_init_container(Some(c)))
        .count();

    let mut initializing = false;
    for (i, container) in init_statuses.iter().enumerate() {
        restarts += i64::from(container.restart_count);
        last_restart = later(last_restart, last_terminated_at(container));
        let restartable =
            is_restartable_init_container(init_by_name.get(container.name.as_str()).copied());
        if restartable {
            restartable_init_restarts += i64::from(container.restart_count);
            last_restartable_init_restart =
                later(last_restartable_init_restart, last_terminated_at(container));
        }
        let state = container.state.as_ref();
        let terminated = state.and_then(|s| s.terminated.as_ref());
        let waiting = state.and_then(|s| s.waiting.as_ref());
        if terminated.is_some_and(|t| t.exit_code == 0) {
            continue;
        }
        if restartable && container.started == Some(true) {
            if container.ready {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            reason = match t.reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => format!("Init:{r}"),
                None => match t.signal.filter(|s| *s != 0) {
                    Some(signal) => format!("Init:Signal:{signal}"),
                    None => format!("Init:ExitCode:{}", t.exit_code),
                },
            };
        } else if let Some(r) = waiting
            .and_then(|w| w.reason.as_deref())
            .filter(|r| !r.is_empty() && *r != "PodInitializing")
        {
            reason = format!("Init:{r}");
        } else {
            reason = format!("Init:{}/{}", i, init_spec.len());
        }
        initializing = true;
        break;
    }

    let initialized = conditions
        .iter()
        .find(|c| c.type_ == "Initialized")
        .is_some_and(|c| c.status == "True");
    if !initializing || initialized {
        restarts = restartable_init_restarts;
        last_restart = last_restartable_init_restart;
        let mut has_running = false;
        for container in container_statuses.iter().rev() {
            restarts += i64::from(container.restart_count);
            last_restart = later(last_restart, last_terminated_at(container));
            let state = container.state.as_ref();
            let waiting = state.and_then(|s| s.waiting.as_ref());
            let terminated = state.and_then(|s| s.terminated.as_ref());
            if let Some(r) = waiting
                .and_then(|w| w.reason.as_deref())
                .filter(|r| !r.is_empty())
            {
                reason = r.to_string();
            } else if let Some(t) = terminated {
                reason = match t.reason.as_deref().filter(|r| !r.is_empty()) {
                    Some(r) => r.to_string(),
                    None => match t.signal.filter(|s| *s != 0) {
                        Some(signal) => format!("Signal:{signal}"),
                        None => format!("ExitCode:{}", t.exit_code),
                    },
                };
            } else if container.ready && state.is_some_and(|s| s.running.is_some()) {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            let pod_ready = conditions
                .iter()
                .any(|c| c.type_ == "Ready" && c.status == "True");
            reason = if pod_ready {
                "Running".to_string()
            } else {
                "NotReady".to_string()
            };
        }
    }

    let deleting = pod.metadata.deletion_timestamp.is_some();
    if deleting && status.and_then(|s| s.reason.as_deref()) == Some("NodeLost") {
        reason = "Unknown".to_string();
    } else if deleting && phase != "Failed" && phase != "Succeeded" {
        reason = "Terminating".to_string();
    }
    PodSummary {
        ready,
        total,
        reason,
        restarts,
        last_restart,
    }
}

/// IP, NODE, NOMINATED NODE and READINESS GATES (`<none>` when empty).
fn wide_cells(pod: &Pod) -> [String; 4] {
    let status = pod.status.as_ref();
    let spec = pod.spec.as_ref();
    let or_none = |s: Option<&str>| s.filter(|s| !s.is_empty()).unwrap_or("<none>").to_string();
    let ip = status
        .and_then(|s| s.pod_ips.as_ref())
        .and_then(|ips| ips.first())
        .map(|ip| ip.ip.as_str());
    let node = spec.and_then(|s| s.node_name.as_deref());
    let nominated = status.and_then(|s| s.nominated_node_name.as_deref());
    let gates = spec
        .and_then(|s| s.readiness_gates.as_deref())
        .unwrap_or(&[]);
    let readiness = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let conditions: &[PodCondition] =
            status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
        let true_conditions = gates
            .iter()
            .filter(|g| {
                conditions
                    .iter()
                    .find(|c| c.type_ == g.condition_type)
                    .is_some_and(|c| c.status == "True")
            })
            .count();
        format!("{}/{}", true_conditions, gates.len())
    };
    [or_none(ip), or_none(node), or_none(nominated), readiness]
}
