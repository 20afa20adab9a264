//! The pod status the kubelet writes: container states, the pod phase, and the
//! PodReadyToStartContainers / Initialized / ContainersReady / Ready conditions
//! (`pkg/kubelet/kubelet_pods.go` `generateAPIPodStatus`, `getPhase`).

use std::sync::Arc;

use crate::objects::{ContainerState, ContainerStatus, PodId, PodPhase};
use crate::sim::Cluster;
use crate::sim::clock::SimTime;
use crate::sim::rng;

fn container_names(cluster: &Cluster, id: PodId, init: bool) -> Vec<(String, String)> {
    let spec = &cluster.pod(id).spec;
    let list: Vec<&k8s_openapi::api::core::v1::Container> = if init {
        spec.init_containers.iter().flatten().collect()
    } else {
        spec.containers.iter().collect()
    };
    list.into_iter()
        .map(|c| (c.name.clone(), c.image.clone().unwrap_or_default()))
        .collect()
}

fn set_condition(
    cluster: &mut Cluster,
    id: PodId,
    type_: &'static str,
    status: bool,
    reason: Option<&'static str>,
    message: Option<String>,
) {
    let now = cluster.now;
    let pod = cluster.pod_mut(id);
    pod.set_condition(type_, status, reason, now);
    if let Some(c) = pod.status.conditions.iter_mut().find(|c| c.type_ == type_) {
        c.message = message.map(String::into_boxed_str);
    }
}

/// The kubelet accepted the pod: start time, waiting containers, not-ready conditions.
pub fn admitted(cluster: &mut Cluster, id: PodId) {
    let now = cluster.now;
    let init = container_names(cluster, id, true);
    let app = container_names(cluster, id, false);
    let app_reason = if init.is_empty() {
        "ContainerCreating"
    } else {
        "PodInitializing"
    };
    let pod = cluster.pod_mut(id);
    pod.status.start_time = Some(now.truncated_to_secs());
    // PodScheduled plus the four the kubelet sets: room for all five at once.
    pod.status
        .conditions
        .reserve_exact(5usize.saturating_sub(pod.status.conditions.len()));
    let node_ip = pod.node_name.clone();
    pod.status.init_container_statuses = init
        .iter()
        .map(|(n, i)| waiting_status(n, i, "PodInitializing"))
        .collect();
    pod.status.container_statuses = app
        .iter()
        .map(|(n, i)| waiting_status(n, i, app_reason))
        .collect();
    let _ = node_ip;
    let node = cluster
        .nodes
        .iter()
        .find(|n| Some(&n.name) == cluster.pod(id).node_name.as_ref())
        .map(|n| n.internal_ip.clone());
    cluster.pod_mut(id).status.host_ip = node;
    set_condition(cluster, id, "PodReadyToStartContainers", false, None, None);
    if init.is_empty() {
        set_condition(cluster, id, "Initialized", true, None, None);
    } else {
        let names: Vec<String> = init.iter().map(|(n, _)| n.clone()).collect();
        set_uninitialized(cluster, id, &names);
    }
    let names = app
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let message = format!("containers with unready status: [{names}]");
    set_condition(
        cluster,
        id,
        "Ready",
        false,
        Some("ContainersNotReady"),
        Some(message.clone()),
    );
    set_condition(
        cluster,
        id,
        "ContainersReady",
        false,
        Some("ContainersNotReady"),
        Some(message),
    );
    cluster.pod_written(id);
}

fn waiting_status(name: &str, image: &str, reason: &str) -> ContainerStatus {
    ContainerStatus {
        name: name.to_string(),
        image: image.to_string(),
        image_id: Arc::from(""),
        container_id: None,
        ready: false,
        started: false,
        restart_count: 0,
        state: ContainerState::waiting(reason),
        last_state: None,
        last_container_id: None,
    }
}

/// The sandbox is up: the pod has an IP and can start containers.
pub fn sandbox_ready(cluster: &mut Cluster, id: PodId) {
    let node = cluster
        .nodes
        .iter_mut()
        .find(|n| Some(&n.name) == cluster.pods[id.0 as usize].node_name.as_ref());
    let ip = node.map(|n| {
        let ip = format!("10.244.{}.{}", n.pod_cidr_octet, n.next_pod_ip);
        n.next_pod_ip = if n.next_pod_ip >= 254 {
            2
        } else {
            n.next_pod_ip + 1
        };
        ip
    });
    cluster.pod_mut(id).status.pod_ip = ip;
    set_condition(cluster, id, "PodReadyToStartContainers", true, None, None);
    cluster.pod_written(id);
}

/// Every init container succeeded.
pub fn initialized(cluster: &mut Cluster, id: PodId) {
    set_condition(cluster, id, "Initialized", true, None, None);
    let init = !cluster.pod(id).status.init_container_statuses.is_empty();
    if init {
        for status in cluster.pod_mut(id).status.container_statuses.iter_mut() {
            if matches!(&status.state, ContainerState::Waiting { reason, .. } if reason == "PodInitializing")
            {
                status.state = ContainerState::waiting("PodInitializing");
            }
        }
    }
    cluster.pod_written(id);
}

fn status_mut(cluster: &mut Cluster, id: PodId, ci: usize) -> Option<&mut ContainerStatus> {
    let n_init = cluster.pod(id).status.init_container_statuses.len();
    let status = &mut cluster.pod_mut(id).status;
    if ci < n_init {
        status.init_container_statuses.get_mut(ci)
    } else {
        status.container_statuses.get_mut(ci - n_init)
    }
}

/// A container waits (`CrashLoopBackOff`, `ErrImagePull`…), keeping its last termination.
pub fn set_waiting(
    cluster: &mut Cluster,
    id: PodId,
    ci: usize,
    reason: &str,
    message: Option<String>,
) {
    if let Some(s) = status_mut(cluster, id, ci) {
        if let ContainerState::Terminated { .. } = s.state {
            s.last_state = Some(Box::new(s.state.clone()));
            s.last_container_id = s.container_id.as_deref().map(Box::from);
        }
        s.state = ContainerState::Waiting {
            reason: reason.to_string(),
            message,
        };
        s.ready = false;
        s.started = false;
    }
    cluster.pod_written(id);
}

/// A container started (or restarted).
pub fn set_running(cluster: &mut Cluster, id: PodId, ci: usize, started_at: SimTime) {
    let seed = cluster.seed;
    let uid = cluster.pod(id).meta.uid.clone();
    let n_init = cluster.pod(id).status.init_container_statuses.len();
    let is_init = ci < n_init;
    let is_sidecar = is_sidecar(cluster.pod(id), ci);
    let image = status_mut(cluster, id, ci)
        .map(|s| s.image.clone())
        .unwrap_or_default();
    let image_id = cluster_image_id(&mut cluster.kubelet.image_ids, &image);
    if let Some(s) = status_mut(cluster, id, ci) {
        // A container that ran before: this is a restart (`restartCount` of the new instance).
        if s.container_id.is_some() {
            s.restart_count += 1;
        }
        let key = format!("{uid}/{}/{}", s.name, s.restart_count);
        let hex = rng::stream(seed, "container-id", &key).hex(4);
        let mut container_id = format!("containerd://{hex}");
        container_id.shrink_to_fit();
        let previous_id = s.container_id.replace(container_id);
        s.image_id = image_id;
        if let ContainerState::Terminated { .. } = s.state {
            s.last_state = Some(Box::new(s.state.clone()));
            s.last_container_id = previous_id.map(String::into_boxed_str);
        }
        s.state = ContainerState::Running {
            started_at: started_at.truncated_to_secs(),
        };
        s.started = true;
        // No readiness probe: an app container or a sidecar is ready once running.
        s.ready = !is_init || is_sidecar;
    }
    if !is_init && cluster.pod(id).status.phase == PodPhase::Pending {
        cluster.pod_mut(id).status.phase = PodPhase::Running;
    }
    cluster.pod_written(id);
}

/// `docker.io/library/busybox@sha256:…`, stable per image (computed once per image).
fn cluster_image_id(
    cache: &mut std::collections::BTreeMap<String, Arc<str>>,
    image: &str,
) -> Arc<str> {
    if let Some(id) = cache.get(image) {
        return Arc::clone(id);
    }
    let hex = rng::stream(0, "image-digest", image).hex(4);
    let reference = super::images::full_reference(image);
    let repo = reference
        .rsplit_once(':')
        .map_or(reference.as_str(), |(r, _)| r);
    let id: Arc<str> = format!("{repo}@sha256:{hex}").into();
    cache.insert(image.to_string(), Arc::clone(&id));
    id
}

/// A container stopped with `code`.
pub fn set_terminated(
    cluster: &mut Cluster,
    id: PodId,
    ci: usize,
    code: i32,
    finished_at: SimTime,
    reason: Option<&'static str>,
) {
    let is_init = ci < cluster.pod(id).status.init_container_statuses.len();
    if let Some(s) = status_mut(cluster, id, ci) {
        let started_at = match s.state {
            ContainerState::Running { started_at } => started_at,
            _ => finished_at.truncated_to_secs(),
        };
        let started_at = Some(started_at);
        let reason = reason
            .unwrap_or(if code == 0 { "Completed" } else { "Error" })
            .to_string();
        s.state = ContainerState::Terminated {
            exit_code: code,
            reason,
            message: None,
            started_at,
            finished_at: Some(finished_at.truncated_to_secs()),
        };
        // The prober manager reports an init container that exited 0 as ready
        // (`UpdatePodStatus`); that is what `Initialized` counts.
        s.ready = is_init && code == 0;
        s.started = false;
    }
    if is_init {
        refresh_uninitialized(cluster, id);
    }
    cluster.pod_written(id);
}

/// The names of the containers not ready, in order.
fn not_ready(statuses: &[ContainerStatus]) -> Vec<String> {
    statuses
        .iter()
        .filter(|s| !s.ready)
        .map(|s| s.name.clone())
        .collect()
}

/// `GeneratePodInitializedCondition` while the pod is not initialized: the init containers
/// not yet ready are the incomplete ones.
fn refresh_uninitialized(cluster: &mut Cluster, id: PodId) {
    let pod = cluster.pod(id);
    if pod.condition("Initialized").is_none_or(|c| c.status) {
        return;
    }
    let incomplete = not_ready(&pod.status.init_container_statuses);
    if !incomplete.is_empty() {
        set_uninitialized(cluster, id, &incomplete);
    }
}

/// `Initialized` False, naming the init containers not yet done.
fn set_uninitialized(cluster: &mut Cluster, id: PodId, incomplete: &[String]) {
    let message = format!(
        "containers with incomplete status: [{}]",
        incomplete.join(" ")
    );
    set_condition(
        cluster,
        id,
        "Initialized",
        false,
        Some("ContainersNotInitialized"),
        Some(message),
    );
}

/// A pod being deleted is never restarted (`ShouldContainerBeRestarted`), so a
/// crash-looping container no longer shows `CrashLoopBackOff` but what the runtime still
/// holds: its last exited run (`convertToAPIContainerStatuses`). The runs before it are gone
/// (the container GC keeps one dead container per container), so `lastState` is empty.
pub fn show_last_run(cluster: &mut Cluster, id: PodId, ci: usize) {
    if let Some(s) = status_mut(cluster, id, ci)
        && matches!(s.state, ContainerState::Waiting { .. })
        && let Some(last) = s.last_state.take()
    {
        match *last {
            ContainerState::Terminated { .. } => {
                s.state = *last;
                s.last_container_id = None;
            }
            other => s.last_state = Some(Box::new(other)),
        }
    }
}

/// `TerminatePod` (`pkg/kubelet/status/status_manager.go`), once the pod's containers have
/// stopped: a container with no terminated state is `ContainerStatusUnknown` (exit 137, no
/// start or finish time) — every app container if the pod initialized (`hasPodInitialized`),
/// and the init containers up to the last that ever started (`initializedContainers`).
/// Containers after those stay waiting.
pub fn terminate_pod(cluster: &mut Cluster, id: PodId) {
    let initialized = has_pod_initialized(cluster.pod(id));
    let status = &mut cluster.pod_mut(id).status;
    if initialized {
        status.container_statuses.iter_mut().for_each(mark_unknown);
    }
    let started = initialized_containers(&status.init_container_statuses);
    status.init_container_statuses[..started]
        .iter_mut()
        .for_each(mark_unknown);
    cluster.pod_written(id);
}

fn mark_unknown(s: &mut ContainerStatus) {
    if matches!(s.state, ContainerState::Terminated { .. }) {
        return;
    }
    s.state = ContainerState::Terminated {
        exit_code: 137,
        reason: "ContainerStatusUnknown".to_string(),
        message: Some("The container could not be located when the pod was terminated".to_string()),
        started_at: None,
        finished_at: None,
    };
}

/// `hasPodInitialized`: no init containers; or an app container left waiting once; or the
/// last init container exited 0 (a sidecar: runs and started).
fn has_pod_initialized(pod: &crate::objects::Pod) -> bool {
    let specs = pod.spec.init_containers.as_deref().unwrap_or_default();
    if specs.is_empty() {
        return true;
    }
    let app_left_waiting = pod.status.container_statuses.iter().any(|s| {
        matches!(
            s.last_state.as_deref(),
            Some(ContainerState::Terminated { .. })
        ) || !matches!(s.state, ContainerState::Waiting { .. })
    });
    if app_left_waiting {
        return true;
    }
    let (Some(last), Some(spec)) = (pod.status.init_container_statuses.last(), specs.last()) else {
        return false;
    };
    if spec.restart_policy.as_deref() == Some("Always") {
        return last.state.is_running() && last.started;
    }
    let exited_zero =
        |state: Option<&ContainerState>| state.and_then(ContainerState::exit_code) == Some(0);
    exited_zero(last.last_state.as_deref()) || exited_zero(Some(&last.state))
}

/// `initializedContainers`: how many init containers, from the first, up to the last one
/// that left waiting or has a last termination (at least one).
fn initialized_containers(statuses: &[ContainerStatus]) -> usize {
    statuses
        .iter()
        .rposition(|s| {
            !matches!(s.state, ContainerState::Waiting { .. })
                || matches!(
                    s.last_state.as_deref(),
                    Some(ContainerState::Terminated { .. })
                )
        })
        .map_or(statuses.len().min(1), |i| i + 1)
}

/// Whether container `ci` (init containers first) is an init container with
/// `restartPolicy: Always`: a sidecar.
fn is_sidecar(pod: &crate::objects::Pod, ci: usize) -> bool {
    pod.spec
        .init_containers
        .as_deref()
        .unwrap_or_default()
        .get(ci)
        .is_some_and(|c| c.restart_policy.as_deref() == Some("Always"))
}

/// ContainersReady / Ready follow the readiness of the sidecars, then the app containers
/// (`GenerateContainersReadyCondition`).
pub fn refresh_readiness(cluster: &mut Cluster, id: PodId) {
    let pod = cluster.pod(id);
    let sidecars = pod
        .status
        .init_container_statuses
        .iter()
        .enumerate()
        .filter(|(ci, s)| is_sidecar(pod, *ci) && !s.ready)
        .map(|(_, s)| s.name.clone());
    let unready: Vec<String> = sidecars
        .chain(not_ready(&pod.status.container_statuses))
        .collect();
    let ready = unready.is_empty() && !pod.status.container_statuses.is_empty();
    if pod.is_ready() == ready && pod.condition("Ready").is_some() {
        return;
    }
    if ready {
        set_condition(cluster, id, "ContainersReady", true, None, None);
        set_condition(cluster, id, "Ready", true, None, None);
    } else {
        let message = format!("containers with unready status: [{}]", unready.join(" "));
        set_condition(
            cluster,
            id,
            "ContainersReady",
            false,
            Some("ContainersNotReady"),
            Some(message.clone()),
        );
        set_condition(
            cluster,
            id,
            "Ready",
            false,
            Some("ContainersNotReady"),
            Some(message),
        );
    }
    cluster.pod_written(id);
}

/// All containers stopped for good: the terminal phase and the PodCompleted conditions.
pub fn finished(cluster: &mut Cluster, id: PodId, phase: PodPhase) {
    let pod = cluster.pod(id);
    if !pod.status.phase.is_terminal() && pod.removed.is_none() {
        cluster.unsettled_pods -= 1;
    }
    cluster.pod_mut(id).status.phase = phase;
    crate::scheduler::release(cluster, id);
    set_condition(cluster, id, "PodReadyToStartContainers", false, None, None);
    // `pkg/kubelet/status/generate.go`: a Succeeded pod's Initialized condition says
    // PodCompleted; a Failed one keeps plain True once a regular container started. Ready and
    // ContainersReady say PodCompleted or PodFailed (`generate…ConditionForTerminalPhase`).
    let initialized = cluster
        .pod(id)
        .condition("Initialized")
        .is_some_and(|c| c.status);
    if initialized && phase == PodPhase::Succeeded {
        set_condition(cluster, id, "Initialized", true, Some("PodCompleted"), None);
    }
    let reason = match phase {
        PodPhase::Failed => "PodFailed",
        _ => "PodCompleted",
    };
    set_condition(cluster, id, "Ready", false, Some(reason), None);
    set_condition(cluster, id, "ContainersReady", false, Some(reason), None);
    for s in cluster.pod_mut(id).status.container_statuses.iter_mut() {
        s.ready = false;
    }
    cluster.pod_written(id);
}

#[cfg(test)]
mod tests {
    use crate::kubectl::terminal::applied;
    use crate::objects::ContainerState;
    use crate::sim::Cluster;
    use crate::sim::clock::SimTime;
    use crate::sim::config::ClusterConfig;

    /// The conditions (type, status, reason) of the Job's only pod once it finished.
    fn final_conditions(command: &str) -> Vec<(&'static str, bool, Option<&'static str>)> {
        let (mut cluster, _) = applied(
            ClusterConfig::default(),
            &format!(
                "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sh', '-c', '{command}']\n"
            ),
        );
        cluster.run_while(SimTime::from_secs(600), Cluster::is_settled);
        let mut conditions: Vec<_> = cluster.pods()[0]
            .status
            .conditions
            .iter()
            .map(|c| (c.type_, c.status, c.reason))
            .collect();
        conditions.sort();
        conditions
    }

    /// `generate.go`: terminal phases set Ready/ContainersReady to False with PodCompleted
    /// or PodFailed; only a Succeeded pod's Initialized condition says PodCompleted.
    #[test]
    fn terminal_conditions_follow_the_phase() {
        assert_eq!(
            final_conditions("exit 0"),
            [
                ("ContainersReady", false, Some("PodCompleted")),
                ("Initialized", true, Some("PodCompleted")),
                ("PodReadyToStartContainers", false, None),
                ("PodScheduled", true, None),
                ("Ready", false, Some("PodCompleted")),
            ]
        );
        assert_eq!(
            final_conditions("exit 2"),
            [
                ("ContainersReady", false, Some("PodFailed")),
                ("Initialized", true, None),
                ("PodReadyToStartContainers", false, None),
                ("PodScheduled", true, None),
                ("Ready", false, Some("PodFailed")),
            ]
        );
    }

    /// The prober manager reports an init container that exited 0 as ready, so the
    /// Initialized condition lists only the init containers still incomplete.
    #[test]
    fn a_succeeded_init_container_is_ready_and_no_longer_incomplete() {
        let (mut cluster, _) = applied(
            ClusterConfig::default(),
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: init\nspec:\n  backoffLimit: 0\n  template:\n    spec:\n      restartPolicy: Never\n      initContainers:\n      - name: init-ok\n        image: busybox:1.35\n        command: ['true']\n      - name: init-bad\n        image: busybox:1.35\n        command: ['false']\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['true']\n",
        );
        cluster.run_while(SimTime::from_secs(600), Cluster::is_settled);
        let pod = &cluster.pods()[0];
        let ready: Vec<(&str, bool)> = pod
            .status
            .init_container_statuses
            .iter()
            .map(|s| (s.name.as_str(), s.ready))
            .collect();
        assert_eq!(ready, [("init-ok", true), ("init-bad", false)]);
        let initialized = pod.condition("Initialized").expect("Initialized");
        assert!(!initialized.status);
        assert_eq!(
            initialized.message.as_deref(),
            Some("containers with incomplete status: [init-bad]")
        );
    }

    /// The Job's only pod once the Job finished (all pods stopped), for `manifest`.
    fn final_pod(manifest: &str) -> crate::objects::Pod {
        let (mut cluster, _) = applied(ClusterConfig::default(), manifest);
        cluster.run_while(SimTime::from_secs(3600), Cluster::is_settled);
        cluster.pods()[0].clone()
    }

    fn job_yaml(spec: &str, pod: &str) -> String {
        format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n{spec}  template:\n    spec:\n{pod}"
        )
    }

    /// `TerminatePod`: once a pod initialized, an app container that never ran is
    /// `ContainerStatusUnknown` with exit code 137 and the zero start and finish times
    /// (written `null`), not the time of the deletion.
    #[test]
    fn terminate_pod_marks_a_never_started_app_container_unknown_without_times() {
        let pod = final_pod(&job_yaml(
            "  activeDeadlineSeconds: 20\n",
            "      restartPolicy: Never\n      containers:\n      - name: main\n        image: doesnotexist:1.0\n",
        ));
        let ContainerState::Terminated {
            exit_code,
            reason,
            started_at,
            finished_at,
            ..
        } = &pod.status.container_statuses[0].state
        else {
            panic!("{:?}", pod.status.container_statuses[0].state)
        };
        assert_eq!(
            (*exit_code, reason.as_str()),
            (137, "ContainerStatusUnknown")
        );
        assert_eq!((*started_at, *finished_at), (None, None));
        let epoch = crate::sim::clock::Epoch::default();
        let json = crate::kubectl::printers::output::to_api_json(
            &crate::objects::materialize::pod_record(epoch, &pod),
        );
        let terminated = &json["status"]["containerStatuses"][0]["state"]["terminated"];
        assert_eq!(terminated["startedAt"], serde_json::Value::Null);
        assert!(
            terminated
                .as_object()
                .is_some_and(|t| t.contains_key("finishedAt"))
        );
    }

    /// `hasPodInitialized`: a pod deleted while its init container crash-loops never
    /// initialized, so its app container stays waiting (`PodInitializing`); the init
    /// container shows its last run.
    #[test]
    fn terminate_pod_leaves_app_containers_of_an_uninitialized_pod_waiting() {
        let pod = final_pod(&job_yaml(
            "  backoffLimit: 2\n",
            "      restartPolicy: OnFailure\n      initContainers:\n      - name: setup\n        image: busybox:1.36\n        command: ['sh', '-c', 'sleep 1; exit 2']\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: ['true']\n",
        ));
        assert_eq!(pod.status.phase, crate::objects::PodPhase::Failed);
        assert_eq!(
            pod.status.container_statuses[0].state,
            ContainerState::waiting("PodInitializing")
        );
        assert_eq!(
            pod.status.init_container_statuses[0].state.exit_code(),
            Some(2)
        );
    }

    /// A deleted pod is never restarted (`ShouldContainerBeRestarted`), so a container
    /// deleted in CrashLoopBackOff shows its last run's exit, not `ContainerStatusUnknown`.
    #[test]
    fn a_container_deleted_in_crash_loop_back_off_shows_its_last_run() {
        let pod = final_pod(&job_yaml(
            "  backoffLimit: 4\n",
            "      restartPolicy: OnFailure\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: ['sh', '-c', 'exit 3']\n",
        ));
        let status = &pod.status.container_statuses[0];
        let ContainerState::Terminated {
            exit_code,
            reason,
            finished_at,
            ..
        } = &status.state
        else {
            panic!("{:?}", status.state)
        };
        assert_eq!((*exit_code, reason.as_str()), (3, "Error"));
        assert!(finished_at.is_some());
        assert_eq!(status.restart_count, 4);
    }
}
