//! The per-pod state machine of a kubelet's pod worker: admit, create the sandbox, run the
//! init containers one by one, start the app containers in order (pulling images first),
//! notice exits, restart with CrashLoopBackOff, and terminate gracefully on deletion.

use std::rc::Rc;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Container, PodSpec};

use super::SharedProcess;
use super::images::{self, PullDecision};
use super::process::{self, StartRequest};
use super::status;
use crate::objects::event::{Message, Source};
use crate::objects::{ContainerRef, EventType, Involved, PodId, PodPhase};
use crate::shell::{self, Volumes};
use crate::sim::clock::{SimDuration, SimTime};
use crate::sim::{Cluster, Wake, rng};

/// `initialCrashLoopBackOff` and `MaxCrashLoopBackOff` (`pkg/kubelet/kubelet.go`).
const CRASH_BACKOFF_INITIAL: SimDuration = SimDuration::from_secs(10);
const CRASH_BACKOFF_MAX: SimDuration = SimDuration::from_secs(300);
/// Image pull back-off: 10 s doubling to 300 s.
const PULL_BACKOFF_INITIAL: SimDuration = SimDuration::from_secs(10);
const PULL_BACKOFF_MAX: SimDuration = SimDuration::from_secs(300);
/// The exit code of a container killed by SIGKILL (128 + 9).
const SIGKILL_EXIT: i32 = 137;

/// One run of a container: when it started and ended, and what its process did.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub started: SimTime,
    /// When the process stopped (exit, or killed); `None` while it runs.
    pub ended: Option<SimTime>,
    pub process: SharedProcess,
    pub exit_code: Option<i32>,
    /// The pod's volumes when this run started (a re-run on SIGTERM starts from them).
    volumes_before: Volumes,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CState {
    /// Not started, nothing in flight.
    Waiting,
    Pulling {
        requested: SimTime,
        started: SimTime,
        done_at: SimTime,
    },
    /// The pull failed; at `report_at` (the next pod sync) the kubelet reports
    /// ImagePullBackOff, and at `retry_at` it pulls again.
    PullFailed {
        retry_at: SimTime,
        report_at: Option<SimTime>,
    },
    /// `imagePullPolicy: Never` and no image: stuck; the pod worker syncs again (and reports
    /// it again) at `retry_at`.
    NeverPull {
        retry_at: SimTime,
    },
    Creating {
        start_at: SimTime,
    },
    Running {
        exit_at: Option<SimTime>,
    },
    /// Exited at `at`; the kubelet notices at `observed_at` (PLEG relist).
    Exited {
        at: SimTime,
        observed_at: SimTime,
        code: i32,
    },
    Terminated {
        code: i32,
        finished: SimTime,
    },
    CrashBackOff {
        until: SimTime,
    },
}

/// One container's runtime state; its name, image and pull policy are read from the pod's
/// spec (position `ci`: init containers first), which the kubelet shares with the pod.
#[derive(Clone, Debug)]
struct ContainerRuntime {
    is_init: bool,
    /// An init container with `restartPolicy: Always` (a native sidecar, KEP-753): it keeps
    /// running beside the app containers and is restarted whenever it exits.
    is_sidecar: bool,
    state: CState,
    attempts: Vec<Attempt>,
    restart_count: i32,
    /// flowcontrol.Backoff entry: the current period and when it was last advanced.
    crash_backoff: Option<(SimDuration, SimTime)>,
    pull_backoff: SimDuration,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Admitting { at: SimTime },
    Sandbox { ready_at: SimTime },
    Init,
    Main,
    Done,
}

/// What the kubelet keeps about one pod.
#[derive(Clone, Debug)]
pub struct PodRuntime {
    node: usize,
    stage: Stage,
    pub(crate) wake_at: Option<SimTime>,
    /// The pod's spec (shared): the containers' names, images and pull policies.
    spec: Arc<PodSpec>,
    containers: Vec<ContainerRuntime>,
    n_init: usize,
    next_init: usize,
    /// Set once termination starts: when SIGKILL is due.
    kill_at: Option<SimTime>,
    /// Every app container has stopped for good: the sidecars are being stopped
    /// (`computePodActions` kills the pod once no regular container will run again).
    stopping_sidecars: bool,
    /// This pod's random stream (latencies).
    rng: rng::Stream,
    /// The pod's volumes (emptyDir content survives container restarts).
    volumes: Volumes,
}

impl PodRuntime {
    /// The attempts of the container named `name`.
    pub fn attempts(&self, name: &str) -> &[Attempt] {
        (0..self.containers.len())
            .find(|ci| self.name(*ci) == name)
            .map_or(&[], |ci| &self.containers[ci].attempts)
    }

    /// Names of the init containers then the app containers.
    pub fn container_names(&self) -> impl Iterator<Item = (&str, bool)> {
        (0..self.containers.len()).map(|ci| (self.name(ci), self.containers[ci].is_init))
    }

    /// The spec of container `ci` (init containers first).
    fn spec_of(&self, ci: usize) -> Option<&Container> {
        match ci.checked_sub(self.n_init) {
            None => self.spec.init_containers.as_ref()?.get(ci),
            Some(app) => self.spec.containers.get(app),
        }
    }

    fn name(&self, ci: usize) -> &str {
        self.spec_of(ci).map_or("", |c| c.name.as_str())
    }

    fn image(&self, ci: usize) -> &str {
        self.spec_of(ci)
            .and_then(|c| c.image.as_deref())
            .unwrap_or_default()
    }

    /// `imagePullPolicy`, or its default for the image.
    fn pull_policy(&self, ci: usize) -> &str {
        self.spec_of(ci)
            .and_then(|c| c.image_pull_policy.as_deref())
            .unwrap_or_else(|| images::default_pull_policy(self.image(ci)))
    }
}

/// A seeded delay between `low` and `high` ms, from the pod's own stream (so adding a pod
/// never shifts another pod's timing).
fn jitter(cluster: &mut Cluster, id: PodId, low: u64, high: u64) -> SimDuration {
    match cluster.kubelet.get_mut(id) {
        Some(rt) => SimDuration::from_millis(rt.rng.between(low, high)),
        None => SimDuration::from_millis(low),
    }
}

/// The pod was bound: the node's kubelet will admit it after its sync delay.
pub fn admit(cluster: &mut Cluster, id: PodId) {
    let pod = cluster.pod(id);
    let Some(node) = cluster
        .nodes
        .iter()
        .position(|n| Some(&n.name) == pod.node_name.as_ref())
    else {
        return;
    };
    let init_specs = pod.spec.init_containers.as_deref().unwrap_or_default();
    let n_init = init_specs.len();
    // Exactly one entry per container (a range collects at its exact length): the kubelet
    // keeps these for every pod of the run.
    let containers: Vec<ContainerRuntime> = (0..n_init + pod.spec.containers.len())
        .map(|ci| ContainerRuntime {
            is_init: ci < n_init,
            is_sidecar: init_specs
                .get(ci)
                .is_some_and(|c| c.restart_policy.as_deref() == Some("Always")),
            state: CState::Waiting,
            attempts: Vec::new(),
            restart_count: 0,
            crash_backoff: None,
            pull_backoff: PULL_BACKOFF_INITIAL,
        })
        .collect();
    let spec = Arc::clone(&pod.spec);
    let volumes = process::pod_volumes(cluster, pod);
    let mut stream = rng::stream(cluster.seed, "kubelet", &pod.meta.uid);
    let at = cluster.now + SimDuration::from_millis(stream.between(10, 40));
    cluster.kubelet.insert(
        id,
        PodRuntime {
            node,
            stage: Stage::Admitting { at },
            wake_at: None,
            spec,
            containers,
            n_init,
            next_init: 0,
            kill_at: None,
            stopping_sidecars: false,
            rng: stream,
            volumes,
        },
    );
    schedule_wake(cluster, id, at);
}

/// Makes the kubelet look at the pod again shortly (after a status-manager delay).
pub fn wake_soon(cluster: &mut Cluster, id: PodId) {
    let at = cluster.now + jitter(cluster, id, 5, 30);
    schedule_wake(cluster, id, at);
}

/// Force deletion: SIGKILL now.
pub fn kill_now(cluster: &mut Cluster, id: PodId) {
    if let Some(rt) = cluster.kubelet.get_mut(id) {
        rt.kill_at = Some(cluster.now);
    }
    sync_pod(cluster, id);
}

fn schedule_wake(cluster: &mut Cluster, id: PodId, at: SimTime) {
    let now = cluster.now;
    let Some(rt) = cluster.kubelet.get_mut(id) else {
        return;
    };
    if let Some(pending) = rt.wake_at
        && pending >= now
        && pending <= at
    {
        return;
    }
    rt.wake_at = Some(at);
    cluster.schedule(at, Wake::Kubelet(id));
}

/// Does everything due for this pod at the current instant, then schedules the next wake.
pub fn sync_pod(cluster: &mut Cluster, id: PodId) {
    let now = cluster.now;
    let Some(rt) = cluster.kubelet.get_mut(id) else {
        return;
    };
    if rt.wake_at.is_some_and(|t| t <= now) {
        rt.wake_at = None;
    }
    let done = rt.stage == Stage::Done;
    if cluster.pod(id).removed.is_some() || (done && cluster.pod(id).meta.deletion.is_none()) {
        return;
    }
    for _ in 0..64 {
        if !advance_once(cluster, id) {
            break;
        }
    }
    if let Some(at) = next_due(cluster, id) {
        schedule_wake(cluster, id, at);
    }
}

fn rt(cluster: &Cluster, id: PodId) -> &PodRuntime {
    cluster
        .kubelet
        .get(id)
        .expect("callers checked the runtime exists")
}

fn rt_mut(cluster: &mut Cluster, id: PodId) -> &mut PodRuntime {
    cluster
        .kubelet
        .get_mut(id)
        .expect("sync_pod checked the runtime exists")
}

/// One transition, if one is due. Returns whether something changed.
fn advance_once(cluster: &mut Cluster, id: PodId) -> bool {
    let now = cluster.now;
    if cluster.pod(id).meta.deletion.is_some()
        || deadline_exceeded(cluster, id)
        || rt(cluster, id).stopping_sidecars
    {
        return terminate(cluster, id);
    }
    match rt(cluster, id).stage {
        Stage::Admitting { at } if at <= now => {
            status::admitted(cluster, id);
            let ready_at = now + jitter(cluster, id, 400, 1100);
            rt_mut(cluster, id).stage = Stage::Sandbox { ready_at };
            true
        }
        Stage::Sandbox { ready_at } if ready_at <= now => {
            status::sandbox_ready(cluster, id);
            let has_init = rt(cluster, id).n_init > 0;
            rt_mut(cluster, id).stage = if has_init { Stage::Init } else { Stage::Main };
            if !has_init {
                status::initialized(cluster, id);
            }
            true
        }
        Stage::Init => advance_init(cluster, id),
        Stage::Main => advance_main(cluster, id),
        _ => false,
    }
}

fn advance_init(cluster: &mut Cluster, id: PodId) -> bool {
    if step_started_sidecars(cluster, id) {
        return true;
    }
    let ci = rt(cluster, id).next_init;
    if step_container(cluster, id, ci) {
        return true;
    }
    let c = &rt(cluster, id).containers[ci];
    if c.is_sidecar {
        // A sidecar lets the next container start once it has started (no startup probe),
        // not when it exits.
        if c.attempts.is_empty() {
            return false;
        }
        next_init_container(cluster, id);
        return true;
    }
    if let CState::Terminated { code, .. } = rt(cluster, id).containers[ci].state {
        if code == 0 {
            next_init_container(cluster, id);
            return true;
        }
        if restart_policy(cluster, id) == "Never" {
            finish(cluster, id, PodPhase::Failed);
            return true;
        }
        return restart_or_back_off(cluster, id, ci);
    }
    false
}

/// The current init container is done (or, a sidecar, started): on to the next one, or to
/// the app containers after the last.
fn next_init_container(cluster: &mut Cluster, id: PodId) {
    let runtime = rt_mut(cluster, id);
    runtime.next_init += 1;
    if runtime.next_init == runtime.n_init {
        runtime.stage = Stage::Main;
        status::initialized(cluster, id);
    }
}

/// Moves the sidecars that have started along; one that exited is restarted, whatever its
/// exit code and the pod's restart policy (with the CrashLoopBackOff delay).
fn step_started_sidecars(cluster: &mut Cluster, id: PodId) -> bool {
    let started = match rt(cluster, id).stage {
        Stage::Init => rt(cluster, id).next_init,
        _ => rt(cluster, id).n_init,
    };
    for ci in 0..started {
        if !rt(cluster, id).containers[ci].is_sidecar {
            continue;
        }
        if step_container(cluster, id, ci) {
            return true;
        }
        if matches!(
            rt(cluster, id).containers[ci].state,
            CState::Terminated { .. }
        ) && restart_or_back_off(cluster, id, ci)
        {
            return true;
        }
    }
    false
}

fn advance_main(cluster: &mut Cluster, id: PodId) -> bool {
    if step_started_sidecars(cluster, id) {
        return true;
    }
    let (n_init, total) = {
        let r = rt(cluster, id);
        (r.n_init, r.containers.len())
    };
    for ci in n_init..total {
        let earlier_started = (n_init..ci).all(|j| {
            !matches!(
                rt(cluster, id).containers[j].state,
                CState::Waiting
                    | CState::Pulling { .. }
                    | CState::PullFailed { .. }
                    | CState::NeverPull { .. }
                    | CState::Creating { .. }
            )
        });
        if !earlier_started {
            break;
        }
        if step_container(cluster, id, ci) {
            return true;
        }
        if let CState::Terminated { code, .. } = rt(cluster, id).containers[ci].state
            && code != 0
            && restart_policy(cluster, id) == "OnFailure"
            && restart_or_back_off(cluster, id, ci)
        {
            return true;
        }
    }
    let all_done = rt(cluster, id).containers[n_init..]
        .iter()
        .all(|c| match c.state {
            CState::Terminated { code, .. } => code == 0 || restart_policy(cluster, id) == "Never",
            _ => false,
        });
    let sidecars_left = rt(cluster, id).containers[..n_init]
        .iter()
        .any(|c| c.is_sidecar && !matches!(c.state, CState::Terminated { .. }));
    if all_done && total > n_init && sidecars_left {
        rt_mut(cluster, id).stopping_sidecars = true;
        return true;
    }
    if all_done && total > n_init {
        let all_zero = rt(cluster, id).containers[n_init..]
            .iter()
            .all(|c| matches!(c.state, CState::Terminated { code: 0, .. }));
        finish(
            cluster,
            id,
            if all_zero {
                PodPhase::Succeeded
            } else {
                PodPhase::Failed
            },
        );
        return true;
    }
    false
}

fn restart_policy(cluster: &Cluster, id: PodId) -> String {
    cluster
        .pod(id)
        .spec
        .restart_policy
        .clone()
        .unwrap_or_else(|| "Always".to_string())
}

/// Moves one container along if its next step is due.
fn step_container(cluster: &mut Cluster, id: PodId, ci: usize) -> bool {
    let now = cluster.now;
    match rt(cluster, id).containers[ci].state.clone() {
        CState::Waiting => {
            begin_image(cluster, id, ci);
            true
        }
        CState::Pulling {
            requested,
            started,
            done_at,
        } if done_at <= now => {
            let node = rt(cluster, id).node;
            let image = rt(cluster, id).image(ci).to_string();
            cluster.nodes[node].images.insert(image.clone());
            let size = images::image_size(&image).unwrap_or(0);
            let message = format!(
                "Successfully pulled image \"{image}\" in {} ({} including waiting). Image size: {size} bytes.",
                images::go_duration(done_at - started),
                images::go_duration(done_at - requested)
            );
            container_event(cluster, id, ci, EventType::Normal, "Pulled", message);
            let start_at = now + jitter(cluster, id, 60, 200);
            rt_mut(cluster, id).containers[ci].state = CState::Creating { start_at };
            true
        }
        CState::PullFailed {
            retry_at,
            report_at: Some(report_at),
        } if report_at <= now => {
            let image = rt(cluster, id).image(ci).to_string();
            container_event(
                cluster,
                id,
                ci,
                EventType::Normal,
                "BackOff",
                format!("Back-off pulling image \"{image}\""),
            );
            failed_event(cluster, id, ci, "ImagePullBackOff");
            status::set_waiting(
                cluster,
                id,
                ci,
                "ImagePullBackOff",
                // `pullImage` wraps the back-off with the previous pull's error.
                Some(format!(
                    "Back-off pulling image \"{image}\": ErrImagePull: {}",
                    images::pull_result(&image).err().unwrap_or_default()
                )),
            );
            rt_mut(cluster, id).containers[ci].state = CState::PullFailed {
                retry_at,
                report_at: None,
            };
            true
        }
        CState::PullFailed {
            retry_at,
            report_at: None,
        } if retry_at <= now => {
            begin_image(cluster, id, ci);
            true
        }
        CState::Creating { start_at } if start_at <= now => {
            start_container(cluster, id, ci);
            true
        }
        CState::NeverPull { retry_at } if retry_at <= now => {
            begin_image(cluster, id, ci);
            true
        }
        CState::Running { exit_at: Some(at) } if at <= now => {
            let code = current_exit_code(cluster, id, ci);
            let observed_at = at + jitter(cluster, id, 0, 1000);
            let c = &mut rt_mut(cluster, id).containers[ci];
            if let Some(attempt) = c.attempts.last_mut() {
                attempt.ended = Some(at);
                attempt.exit_code = Some(code);
            }
            c.state = CState::Exited {
                at,
                observed_at,
                code,
            };
            true
        }
        CState::Exited {
            at,
            observed_at,
            code,
        } if observed_at <= now => {
            // The runtime's reason for a process the kernel killed for memory.
            let oom = rt(cluster, id).containers[ci]
                .attempts
                .last()
                .is_some_and(|a| a.process.oom_killed);
            let reason = oom.then_some("OOMKilled");
            status::set_terminated(cluster, id, ci, code, at, reason);
            rt_mut(cluster, id).containers[ci].state = CState::Terminated { code, finished: at };
            status::refresh_readiness(cluster, id);
            true
        }
        CState::CrashBackOff { until } if until <= now => {
            advance_crash_backoff(cluster, id, ci);
            restart(cluster, id, ci);
            true
        }
        _ => false,
    }
}

fn current_exit_code(cluster: &Cluster, id: PodId, ci: usize) -> i32 {
    let c = &rt(cluster, id).containers[ci];
    c.attempts.last().map_or(0, |a| process::exit(&a.process).0)
}

/// Decides how to get the image for container `ci`, with the kubelet's events.
fn begin_image(cluster: &mut Cluster, id: PodId, ci: usize) {
    let now = cluster.now;
    let node = rt(cluster, id).node;
    let runtime = rt(cluster, id);
    let present = cluster.nodes[node].images.contains(runtime.image(ci));
    let decision = images::decide(runtime.pull_policy(ci), present);
    let image = match decision {
        PullDecision::Present => String::new(),
        _ => runtime.image(ci).to_string(),
    };
    match decision {
        PullDecision::Present => {
            container_event(
                cluster,
                id,
                ci,
                EventType::Normal,
                "Pulled",
                Message::ImagePresent,
            );
            let start_at = now + jitter(cluster, id, 60, 200);
            rt_mut(cluster, id).containers[ci].state = CState::Creating { start_at };
        }
        PullDecision::NeverPull => {
            let message =
                format!("Container image \"{image}\" is not present with pull policy of Never");
            container_event(
                cluster,
                id,
                ci,
                EventType::Warning,
                "ErrImageNeverPull",
                message.clone(),
            );
            // `startContainer` reports the error too, and the pod worker retries the sync
            // after its back-off period (10 s, jittered up to 50 %).
            failed_event(cluster, id, ci, "ErrImageNeverPull");
            status::set_waiting(cluster, id, ci, "ErrImageNeverPull", Some(message));
            let retry_at = now + jitter(cluster, id, 10_000, 15_000);
            rt_mut(cluster, id).containers[ci].state = CState::NeverPull { retry_at };
        }
        PullDecision::Pull => {
            container_event(
                cluster,
                id,
                ci,
                EventType::Normal,
                "Pulling",
                format!("Pulling image \"{image}\""),
            );
            match images::pull_result(&image) {
                Ok(size) => {
                    let started = now.max(cluster.nodes[node].puller_free_at);
                    let extra = rng::stream(
                        cluster.seed,
                        "pull",
                        &format!("{}/{image}/{}", cluster.nodes[node].name, now.as_millis()),
                    )
                    .between(0, 900);
                    let cached = !cluster.nodes[node].layers.insert(image.clone());
                    let duration = if cached {
                        images::manifest_check_duration(extra)
                    } else {
                        images::pull_duration(size, extra)
                    };
                    let done_at = started + duration;
                    cluster.nodes[node].puller_free_at = done_at;
                    rt_mut(cluster, id).containers[ci].state = CState::Pulling {
                        requested: now,
                        started,
                        done_at,
                    };
                }
                Err(error) => {
                    container_event(
                        cluster,
                        id,
                        ci,
                        EventType::Warning,
                        "Failed",
                        format!("Failed to pull image \"{image}\": {error}"),
                    );
                    failed_event(cluster, id, ci, "ErrImagePull");
                    status::set_waiting(cluster, id, ci, "ErrImagePull", Some(error.to_string()));
                    // The next pod sync (about a second later) reports ImagePullBackOff.
                    let report_at = now + jitter(cluster, id, 800, 1500);
                    let c = &mut rt_mut(cluster, id).containers[ci];
                    let retry_at = report_at + c.pull_backoff;
                    c.pull_backoff = (c.pull_backoff + c.pull_backoff).min(PULL_BACKOFF_MAX);
                    c.state = CState::PullFailed {
                        retry_at,
                        report_at: Some(report_at),
                    };
                }
            }
        }
    }
}

fn start_container(cluster: &mut Cluster, id: PodId, ci: usize) {
    let now = cluster.now;
    let env = match spec_container(cluster, id, ci)
        .map(|c| super::env::build(cluster, cluster.pod(id), c))
    {
        Some(Ok(env)) => env,
        Some(Err(message)) => {
            // CreateContainerConfigError: the kubelet tries again on a later sync.
            failed_event(cluster, id, ci, &message);
            status::set_waiting(cluster, id, ci, "CreateContainerConfigError", Some(message));
            let retry = now + SimDuration::from_secs(10);
            rt_mut(cluster, id).containers[ci].state = CState::Creating { start_at: retry };
            return;
        }
        None => Vec::new(),
    };
    let volumes_before = rt(cluster, id).volumes.clone();
    let process = Rc::new(run_process(cluster, id, ci, env, None));
    if let shell::End::StartError { message } = &process.end {
        failed_event(cluster, id, ci, message);
    } else {
        container_event(
            cluster,
            id,
            ci,
            EventType::Normal,
            "Created",
            Message::CreatedContainer,
        );
        container_event(
            cluster,
            id,
            ci,
            EventType::Normal,
            "Started",
            Message::StartedContainer,
        );
    }
    let exit_at = process::ends_after(&process).map(|after| now + after);
    let c = &mut rt_mut(cluster, id).containers[ci];
    // Most containers run once: no room for attempts that never come.
    c.attempts.reserve_exact(1);
    c.attempts.push(Attempt {
        started: now,
        ended: None,
        process,
        exit_code: None,
        volumes_before,
    });
    c.state = CState::Running { exit_at };
    status::set_running(cluster, id, ci, now);
    status::refresh_readiness(cluster, id);
}

/// The spec of container `ci` (init containers first).
fn spec_container(cluster: &Cluster, id: PodId, ci: usize) -> Option<&Container> {
    rt(cluster, id).spec_of(ci)
}

/// Runs container `ci`'s process on the pod's volumes (which it updates), starting at the
/// current attempt's start, optionally signalled.
fn run_process(
    cluster: &mut Cluster,
    id: PodId,
    ci: usize,
    env: Vec<(String, String)>,
    termination: Option<shell::Termination>,
) -> shell::ContainerRun {
    let attempt_no = rt(cluster, id).containers[ci].attempts.len();
    let (started, mut volumes) = match (termination, rt(cluster, id).containers[ci].attempts.last())
    {
        (Some(_), Some(a)) => (a.started, a.volumes_before.clone()),
        _ => (cluster.now, rt(cluster, id).volumes.clone()),
    };
    let attempt_no = if termination.is_some() {
        attempt_no.saturating_sub(1)
    } else {
        attempt_no
    };
    let run = {
        let pod = cluster.pod(id);
        let Some(container) = spec_container(cluster, id, ci) else {
            return shell::run(
                &shell::ContainerSpec::new("busybox", &["true"], &[], "", 0, 0),
                &mut volumes,
            );
        };
        let node = rt(cluster, id).node;
        let seed = rng::mix(
            cluster.seed,
            "container",
            &format!("{}/{}/{attempt_no}", pod.meta.uid, container.name),
        );
        let start_unix_ms = cluster.epoch().timestamp(started).as_millisecond();
        let cpus =
            u32::try_from((cluster.nodes[node].allocatable.cpu_millis / 1000).max(1)).unwrap_or(1);
        let request = StartRequest {
            container,
            pod,
            env,
            seed,
            start_unix_ms,
            cpus,
            termination,
        };
        process::start(request, &mut volumes)
    };
    rt_mut(cluster, id).volumes = volumes;
    run
}

/// flowcontrol.Backoff.Next: reset to 10 s when there is no entry or it is stale (2×max),
/// otherwise double up to 300 s.
fn advance_crash_backoff(cluster: &mut Cluster, id: PodId, ci: usize) {
    let now = cluster.now;
    let c = &mut rt_mut(cluster, id).containers[ci];
    c.crash_backoff = Some(match c.crash_backoff {
        Some((period, last)) if now.since(last) <= CRASH_BACKOFF_MAX.saturating_mul(2) => {
            ((period + period).min(CRASH_BACKOFF_MAX), now)
        }
        _ => (CRASH_BACKOFF_INITIAL, now),
    });
}

/// A failed container under OnFailure: restart now, or wait in CrashLoopBackOff.
fn restart_or_back_off(cluster: &mut Cluster, id: PodId, ci: usize) -> bool {
    let now = cluster.now;
    let CState::Terminated { finished, .. } = rt(cluster, id).containers[ci].state else {
        return false;
    };
    let in_backoff = rt(cluster, id).containers[ci]
        .crash_backoff
        .map(|(period, _)| finished + period)
        .filter(|until| now < *until);
    match in_backoff {
        Some(until) => {
            let (name, period) = {
                let c = &rt(cluster, id).containers[ci];
                (
                    rt(cluster, id).name(ci).to_string(),
                    c.crash_backoff
                        .map(|b| b.0)
                        .unwrap_or(CRASH_BACKOFF_INITIAL),
                )
            };
            let pod = cluster.pod(id);
            let who = format!("{}_{}({})", pod.meta.name, pod.meta.namespace, pod.meta.uid);
            let message = format!(
                "back-off {} restarting failed container={name} pod={who}",
                images::go_duration(period)
            );
            status::set_waiting(cluster, id, ci, "CrashLoopBackOff", Some(message));
            container_event(
                cluster,
                id,
                ci,
                EventType::Warning,
                "BackOff",
                format!("Back-off restarting failed container {name} in pod {who}"),
            );
            rt_mut(cluster, id).containers[ci].state = CState::CrashBackOff { until };
        }
        None => {
            advance_crash_backoff(cluster, id, ci);
            restart(cluster, id, ci);
        }
    }
    true
}

fn restart(cluster: &mut Cluster, id: PodId, ci: usize) {
    let c = &mut rt_mut(cluster, id).containers[ci];
    c.restart_count += 1;
    c.state = CState::Waiting;
    // The status counts the restart once the new container runs (`restartCount` is the
    // newest container instance's), together with its `lastState`.
    begin_image(cluster, id, ci);
}

/// The pod's containers have all stopped: write the final phase.
fn finish(cluster: &mut Cluster, id: PodId, phase: PodPhase) {
    rt_mut(cluster, id).stage = Stage::Done;
    status::finished(cluster, id, phase);
}

fn deadline_exceeded(cluster: &mut Cluster, id: PodId) -> bool {
    let pod = cluster.pod(id);
    let (Some(ads), Some(start)) = (pod.spec.active_deadline_seconds, pod.status.start_time) else {
        return false;
    };
    if pod.status.phase.is_terminal()
        || cluster.now < start + SimDuration::from_secs(ads.max(0) as u64)
    {
        return false;
    }
    if pod.status.reason.is_none() {
        let message = "Pod was active on the node longer than the specified deadline".to_string();
        let pod = cluster.pod_mut(id);
        pod.status.reason = Some("DeadlineExceeded".to_string());
        pod.status.message = Some(message.clone());
        let host = cluster.kubelet.get(id).map(|rt| rt.node);
        cluster.record_event(
            Involved::Pod(id),
            None,
            EventType::Warning,
            "DeadlineExceeded",
            message,
            Source::Kubelet,
            host,
        );
    }
    true
}

/// Graceful termination: SIGTERM (ignored by a PID 1 without a trap), SIGKILL when the
/// grace period is over, then the terminal phase.
fn terminate(cluster: &mut Cluster, id: PodId) -> bool {
    let now = cluster.now;
    if rt(cluster, id).stage == Stage::Done {
        cluster.try_remove_pod(id);
        return false;
    }
    if rt(cluster, id).kill_at.is_none() {
        let pod = cluster.pod(id);
        let grace = pod
            .meta
            .deletion_grace_seconds
            .or(pod.spec.termination_grace_period_seconds)
            .unwrap_or(30)
            .max(0) as u64;
        let kill_at = now + SimDuration::from_secs(grace);
        rt_mut(cluster, id).kill_at = Some(kill_at);
        let n = rt(cluster, id).containers.len();
        for ci in 0..n {
            if let CState::Running { exit_at } = rt(cluster, id).containers[ci].state {
                let name = rt(cluster, id).name(ci).to_string();
                container_event(
                    cluster,
                    id,
                    ci,
                    EventType::Normal,
                    "Killing",
                    format!("Stopping container {name}"),
                );
                // Re-run the process from its start with the signals at their instants: a
                // PID 1 without a TERM trap ignores SIGTERM; SIGKILL always ends it.
                let env = spec_container(cluster, id, ci)
                    .and_then(|c| super::env::build(cluster, cluster.pod(id), c).ok())
                    .unwrap_or_default();
                let epoch = cluster.epoch();
                let termination = shell::Termination {
                    term_at_ms: epoch.timestamp(now).as_millisecond(),
                    kill_at_ms: epoch.timestamp(kill_at).as_millisecond(),
                };
                let run = Rc::new(run_process(cluster, id, ci, env, Some(termination)));
                let c = &mut rt_mut(cluster, id).containers[ci];
                if let Some(a) = c.attempts.last_mut() {
                    let end = process::ends_after(&run).map(|after| a.started + after);
                    a.process = run;
                    c.state = CState::Running {
                        exit_at: end.or(exit_at).map(|t| t.min(kill_at)),
                    };
                }
            }
        }
        return true;
    }
    let kill_at = rt(cluster, id).kill_at.unwrap_or(now);
    let mut any_running = false;
    let n = rt(cluster, id).containers.len();
    for ci in 0..n {
        match rt(cluster, id).containers[ci].state.clone() {
            CState::Running { exit_at } => {
                let natural = exit_at.filter(|t| *t <= now && *t <= kill_at);
                let (at, code) = match natural {
                    Some(t) => (t, current_exit_code(cluster, id, ci)),
                    None if now >= kill_at => (kill_at, SIGKILL_EXIT),
                    None => {
                        any_running = true;
                        continue;
                    }
                };
                let c = &mut rt_mut(cluster, id).containers[ci];
                if let Some(a) = c.attempts.last_mut() {
                    a.ended = Some(at);
                    a.exit_code = Some(code);
                }
                c.state = CState::Terminated { code, finished: at };
                status::set_terminated(cluster, id, ci, code, at, None);
            }
            CState::Exited { at, code, .. } => {
                rt_mut(cluster, id).containers[ci].state =
                    CState::Terminated { code, finished: at };
                status::set_terminated(cluster, id, ci, code, at, None);
            }
            CState::Terminated { .. } => {}
            state => {
                if let CState::CrashBackOff { .. } = state {
                    status::show_last_run(cluster, id, ci);
                }
                rt_mut(cluster, id).containers[ci].state = CState::Terminated {
                    code: SIGKILL_EXIT,
                    finished: now,
                };
            }
        }
    }
    if any_running {
        return false;
    }
    status::terminate_pod(cluster, id);
    let n_init = rt(cluster, id).n_init;
    let all_zero = rt(cluster, id).containers[n_init..]
        .iter()
        .all(|c| matches!(c.state, CState::Terminated { code: 0, .. }));
    finish(
        cluster,
        id,
        if all_zero && cluster.pod(id).status.reason.is_none() {
            PodPhase::Succeeded
        } else {
            PodPhase::Failed
        },
    );
    cluster.try_remove_pod(id);
    true
}

/// The earliest instant something is due for this pod.
fn next_due(cluster: &Cluster, id: PodId) -> Option<SimTime> {
    let runtime = rt(cluster, id);
    let pod = cluster.pod(id);
    if runtime.stage == Stage::Done || pod.removed.is_some() {
        return None;
    }
    let mut due: Vec<SimTime> = Vec::new();
    match runtime.stage {
        Stage::Admitting { at } => due.push(at),
        Stage::Sandbox { ready_at } => due.push(ready_at),
        _ => {}
    }
    for c in &runtime.containers {
        match c.state {
            CState::Pulling { done_at, .. } => due.push(done_at),
            CState::PullFailed {
                retry_at,
                report_at,
            } => due.push(report_at.unwrap_or(retry_at)),
            CState::Creating { start_at } => due.push(start_at),
            CState::NeverPull { retry_at } => due.push(retry_at),
            CState::Running { exit_at: Some(t) } => due.push(t),
            CState::Exited { observed_at, .. } => due.push(observed_at),
            CState::CrashBackOff { until } => due.push(until),
            _ => {}
        }
    }
    if let Some(kill_at) = runtime.kill_at {
        due.push(kill_at);
    }
    // The pod's own deadline, until it has started the termination (from then on the grace
    // period's SIGKILL is what is due; a deadline already acted on must not wake the pod
    // again at the same instant).
    if let (Some(ads), Some(start), None) = (
        pod.spec.active_deadline_seconds,
        pod.status.start_time,
        runtime.kill_at,
    ) {
        due.push(start + SimDuration::from_secs(ads.max(0) as u64));
    }
    due.into_iter().filter(|t| *t >= cluster.now).min()
}

/// `startContainer`'s `Failed` event: `Error: <the error>`.
fn failed_event(cluster: &mut Cluster, id: PodId, ci: usize, error: &str) {
    container_event(
        cluster,
        id,
        ci,
        EventType::Warning,
        "Failed",
        format!("Error: {error}"),
    );
}

/// Records a kubelet event about one container of the pod.
fn container_event(
    cluster: &mut Cluster,
    id: PodId,
    ci: usize,
    type_: EventType,
    reason: &'static str,
    message: impl Into<Message>,
) {
    let runtime = rt(cluster, id);
    let c = &runtime.containers[ci];
    let container = ContainerRef {
        init: c.is_init,
        index: u16::try_from(if c.is_init { ci } else { ci - runtime.n_init }).unwrap_or(u16::MAX),
    };
    let host = Some(runtime.node);
    cluster.record_event(
        Involved::Pod(id),
        Some(container),
        type_,
        reason,
        message,
        Source::Kubelet,
        host,
    );
}
