//! `kubectl logs`: a container's output as the kubelet kept it — current or `--previous`
//! run, `--timestamps`, `--tail`, `--since`, `--prefix`, several pods by `-l`, a Job's pod by
//! `job/NAME` (picked as kubectl's `ByLogging` order does) and `-f`, which follows the
//! output as simulated time runs until the container stops.

use std::cmp::Ordering;

use super::flags::{self, Spec, flag, value};
use super::objects::{self, ApiObject, ListOptions};
use super::resources::{self, Resource};
use super::{Continuation, Execution, Output, Progress, namespace, usage_error};
use crate::apiserver::selectors;
use crate::kubelet::Attempt;
use crate::objects::{ContainerState, Pod, PodId, PodPhase};
use crate::sim::Cluster;
use crate::sim::clock::{SimDuration, SimTime, parse_duration};

const FLAGS: &[Spec] = &[
    value("container", Some('c')),
    flag("follow", Some('f')),
    flag("previous", Some('p')),
    flag("timestamps", None),
    value("tail", None),
    value("since", None),
    value("since-time", None),
    flag("prefix", None),
    flag("all-containers", None),
    value("selector", Some('l')),
    value("max-log-requests", None),
    value("limit-bytes", None),
    value("pod-running-timeout", None),
    flag("ignore-errors", None),
];

/// Which lines of which container to print.
#[derive(Clone, Debug)]
struct Source {
    pod: PodId,
    pod_name: String,
    container: String,
    previous: bool,
}

#[derive(Clone, Debug)]
struct Options {
    timestamps: bool,
    prefix: bool,
    tail: Option<usize>,
    since: Option<SimDuration>,
}

/// Runs `kubectl logs …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("logs", &e).into(),
    };
    let ns = namespace(&parsed);
    let selector = parsed.value("selector");
    let tail = match parsed.value("tail") {
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            Ok(_) => None,
            Err(_) => return Output::error(format!("invalid argument \"{t}\" for \"--tail\" flag: strconv.ParseInt: parsing \"{t}\": invalid syntax")).into(),
        },
        // With a selector, kubectl shows the last 10 lines of each container by default.
        None if selector.is_some() => Some(10),
        None => None,
    };
    let since = match parsed.value("since").map(parse_duration) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => return Output::error(e).into(),
        None => None,
    };
    let options = Options {
        timestamps: parsed.bool("timestamps"),
        prefix: parsed.bool("prefix"),
        tail,
        since,
    };
    let previous = parsed.bool("previous");
    let container_flag = parsed.value("container").map(str::to_string);
    let all_containers = parsed.bool("all-containers");
    let mut output = Output::default();

    if ns == "kube-system" && selector.is_some_and(|s| s.contains("kube-controller-manager")) {
        return Output::ok(controller_manager_log(cluster, tail)).into();
    }
    let pods: Vec<PodId> = if let Some(selector) = selector {
        if !parsed.args.is_empty() {
            return Output::error("only a selector (-l) or a POD name is allowed").into();
        }
        let list = ListOptions {
            label_selector: selector.to_string(),
            field_selector: String::new(),
        };
        match objects::list(cluster, Resource::Pods, Some(&ns), &list) {
            Ok(found) => found
                .iter()
                .filter_map(|o| cluster.find_pod(&ns, o.name()))
                .collect(),
            Err(e) => return Output::server(format!("Error from server (BadRequest): {e}")).into(),
        }
    } else {
        match parsed.args.as_slice() {
            [] => return Output::error("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples").into(),
            [target, rest @ ..] => {
                let container_arg = rest.first().cloned();
                let pod = match pick_pod(cluster, &ns, target, &mut output) {
                    Ok(p) => p,
                    Err(e) => return e.into(),
                };
                return single(cluster, pod, container_arg.or(container_flag), all_containers, previous, &options, parsed.bool("follow"), output);
            }
        }
    };
    if pods.is_empty() {
        output
            .stderr
            .push_str(&format!("No resources found in {ns} namespace.\n"));
        return output.into();
    }
    let max = parsed
        .value("max-log-requests")
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize);
    let mut sources = Vec::new();
    for id in pods {
        let names = containers(cluster.pod(id));
        let chosen: Vec<String> = match (&container_flag, all_containers) {
            (Some(c), _) => vec![c.clone()],
            (None, true) => names,
            (None, false) => names.into_iter().take(1).collect(),
        };
        for container in chosen {
            sources.push(Source {
                pod: id,
                pod_name: cluster.pod(id).meta.name.clone(),
                container,
                previous,
            });
        }
    }
    if parsed.bool("follow") && sources.len() > max {
        return Output::error(format!(
            "you are attempting to follow {} log streams, but maximum allowed concurrency is {max}, use --max-log-requests to increase the limit",
            sources.len()
        ))
        .into();
    }
    for source in &sources {
        match lines(cluster, source, &options, None) {
            Ok((text, _)) => output.stdout.push_str(&text),
            Err(e) => output.append(Output::server(e)),
        }
    }
    if parsed.bool("follow") {
        let cursors = sources.iter().map(|s| (s.clone(), cluster.now())).collect();
        return Execution {
            output,
            continuation: Some(Continuation::Follow(Follow {
                sources: cursors,
                options,
            })),
        };
    }
    output.into()
}

#[allow(clippy::too_many_arguments)]
fn single(
    cluster: &Cluster,
    pod: PodId,
    container: Option<String>,
    all_containers: bool,
    previous: bool,
    options: &Options,
    follow: bool,
    mut output: Output,
) -> Execution {
    let p = cluster.pod(pod);
    let names = containers(p);
    let chosen: Vec<String> = match container {
        // `logsForObjectWithClient` (kubectl polymorphichelpers): the container is checked
        // client-side; without one, the first app container, with a note when there are others.
        Some(c) => {
            if !names.contains(&c) {
                return Output::error(format!(
                    "container {c} is not valid for pod {}",
                    p.meta.name
                ))
                .into();
            }
            vec![c]
        }
        None if all_containers => names,
        None => {
            let Some(first) = p.spec.containers.first() else {
                return Output::error(format!(
                    "pod {}/{} does not have any containers",
                    p.meta.namespace, p.meta.name
                ))
                .into();
            };
            let init = p.spec.init_containers.iter().flatten();
            if p.spec.containers.len() > 1 || init.clone().next().is_some() {
                // `podcmd.AllContainerNames`: app containers, then init ones marked.
                let list: Vec<String> = p
                    .spec
                    .containers
                    .iter()
                    .map(|c| c.name.clone())
                    .chain(init.map(|c| format!("{} (init)", c.name)))
                    .collect();
                output.note(format!(
                    "Defaulted container \"{}\" out of: {}\n",
                    first.name,
                    list.join(", ")
                ));
            }
            vec![first.name.clone()]
        }
    };
    let sources: Vec<Source> = chosen
        .into_iter()
        .map(|container| Source {
            pod,
            pod_name: p.meta.name.clone(),
            container,
            previous,
        })
        .collect();
    for source in &sources {
        match lines(cluster, source, options, None) {
            Ok((text, _)) => output.stdout.push_str(&text),
            Err(e) => {
                return {
                    output.append(Output::server(e));
                    output.into()
                };
            }
        }
    }
    if follow && !previous {
        let cursors = sources.into_iter().map(|s| (s, cluster.now())).collect();
        return Execution {
            output,
            continuation: Some(Continuation::Follow(Follow {
                sources: cursors,
                options: options.clone(),
            })),
        };
    }
    output.into()
}

/// Init containers then app containers, in spec order.
/// Every container of the pod in the order `--all-containers` reads them: init containers,
/// then app containers.
fn containers(pod: &Pod) -> Vec<String> {
    pod.spec
        .init_containers
        .iter()
        .flatten()
        .chain(pod.spec.containers.iter())
        .map(|c| c.name.clone())
        .collect()
}

/// `POD`, `pod/POD` or `job/NAME` → the pod to read.
fn pick_pod(
    cluster: &Cluster,
    ns: &str,
    target: &str,
    output: &mut Output,
) -> Result<PodId, Output> {
    let (kind, name) = match target.split_once('/') {
        Some((k, n)) => (
            resources::resolve(k).ok_or_else(|| {
                Output::error(format!("the server doesn't have a resource type \"{k}\""))
            })?,
            n,
        ),
        None => (Resource::Pods, target),
    };
    match kind {
        Resource::Pods => cluster.find_pod(ns, name).ok_or_else(|| {
            Output::server(format!(
                "Error from server (NotFound): pods \"{name}\" not found"
            ))
        }),
        Resource::Jobs => {
            let job = objects::get(cluster, Resource::Jobs, ns, name).map_err(Output::server)?;
            let ApiObject::Job(job) = job else {
                unreachable!("objects::get returns the kind asked for")
            };
            let selector = selectors::label_selector_as_selector(
                job.spec.as_ref().and_then(|s| s.selector.as_ref()),
            )
            .map_err(Output::error)?;
            let mut pods: Vec<&Pod> = cluster
                .pods()
                .iter()
                .filter(|p| {
                    p.removed.is_none()
                        && p.meta.namespace == ns
                        && selector.matches(&p.meta.labels)
                })
                .collect();
            if pods.is_empty() {
                return Err(Output::error("timed out waiting for the condition"));
            }
            crate::sort::sort_by(&mut pods, |a, b| by_logging(a, b));
            if pods.len() > 1 {
                output.note(format!(
                    "Found {} pods, using pod/{}\n",
                    pods.len(),
                    pods[0].meta.name
                ));
            }
            Ok(pods[0].id)
        }
        other => Err(Output::error(format!(
            "cannot get the logs from {}",
            other.singular_qualified()
        ))),
    }
}

/// `podutil.ByLogging`: assigned first; Running (and, through Go's map default, finished)
/// before Unknown before Pending; ready first; longer ready; more restarts; older.
fn by_logging(a: &Pod, b: &Pod) -> Ordering {
    let assigned = |p: &Pod| p.node_name.is_some();
    let phase_rank = |p: &Pod| match p.status.phase {
        PodPhase::Pending => 2,
        _ => 0,
    };
    let restarts = |p: &Pod| {
        p.status
            .container_statuses
            .iter()
            .map(|c| c.restart_count)
            .max()
            .unwrap_or(0)
    };
    let ready_since = |p: &Pod| {
        p.condition("Ready")
            .filter(|c| c.status)
            .map(|c| c.last_transition)
    };
    assigned(b)
        .cmp(&assigned(a))
        .then_with(|| phase_rank(a).cmp(&phase_rank(b)))
        .then_with(|| b.is_ready().cmp(&a.is_ready()))
        .then_with(|| match (ready_since(a), ready_since(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => Ordering::Equal,
        })
        .then_with(|| restarts(b).cmp(&restarts(a)))
        .then_with(|| a.meta.creation.cmp(&b.meta.creation))
}

/// The text of one container's log (from `after`, exclusive, when following) and the
/// instant of the last line printed. The error is the API server's.
fn lines(
    cluster: &Cluster,
    source: &Source,
    options: &Options,
    after: Option<SimTime>,
) -> Result<(String, Option<SimTime>), String> {
    let pod = cluster.pod(source.pod);
    // `LogLocation`: a pod not yet on a node has no log location; the stream is empty.
    if pod.node_name.is_none() {
        return Ok((String::new(), None));
    }
    let attempts = cluster.container_attempts(source.pod, &source.container);
    let state = pod
        .status
        .container_statuses
        .iter()
        .chain(pod.status.init_container_statuses.iter())
        .find(|c| c.name == source.container)
        .map(|s| &s.state);
    // `validateContainerLogStatus`: `--previous` reads `lastState`. While the container waits
    // to be restarted (CrashLoopBackOff) that is its last run, which the plain form reads too.
    let waiting_after_a_run = matches!(state, Some(ContainerState::Waiting { .. }))
        && attempts.last().is_some_and(|a| a.ended.is_some());
    let attempt: Option<&Attempt> = if source.previous {
        let previous = if waiting_after_a_run {
            attempts.last()
        } else {
            attempts.len().checked_sub(2).and_then(|i| attempts.get(i))
        };
        if previous.is_none() {
            return Err(format!(
                "Error from server (BadRequest): previous terminated container \"{}\" in pod \"{}\" not found",
                source.container, source.pod_name
            ));
        }
        previous
    } else {
        attempts.last()
    };
    let Some(attempt) = attempt else {
        let reason = match state {
            Some(ContainerState::Waiting { reason, .. }) => match reason.as_str() {
                "ErrImagePull" => "image can't be pulled".to_string(),
                "ImagePullBackOff" => "trying and failing to pull image".to_string(),
                other => other.to_string(),
            },
            _ => "ContainerCreating".to_string(),
        };
        return Err(format!(
            "Error from server (BadRequest): container \"{}\" in pod \"{}\" is waiting to start: {reason}",
            source.container, source.pod_name
        ));
    };
    let now = cluster.now();
    let end = attempt.ended.unwrap_or(now).min(now);
    let epoch = cluster.epoch();
    let mut visible: Vec<(SimTime, &str)> = attempt
        .process
        .logs
        .iter()
        .map(|l| {
            (
                attempt.started + SimDuration::from_millis(l.offset_ms.max(0) as u64),
                l.text.as_str(),
            )
        })
        .filter(|(t, _)| *t <= end)
        .filter(|(t, _)| after.is_none_or(|a| *t > a))
        .filter(|(t, _)| options.since.is_none_or(|s| now.since(*t) <= s))
        .collect();
    if let Some(n) = options.tail
        && after.is_none()
        && visible.len() > n
    {
        visible.drain(..visible.len() - n);
    }
    let last = visible.last().map(|(t, _)| *t);
    let mut text = String::new();
    for (t, line) in visible {
        if options.prefix {
            text.push_str(&format!("[pod/{}/{}] ", source.pod_name, source.container));
        }
        if options.timestamps {
            text.push_str(
                &epoch
                    .timestamp(t)
                    .strftime("%Y-%m-%dT%H:%M:%S.%fZ ")
                    .to_string(),
            );
        }
        text.push_str(line);
        text.push('\n');
    }
    Ok((text, last))
}

/// A running `logs -f`.
#[derive(Clone, Debug)]
pub struct Follow {
    sources: Vec<(Source, SimTime)>,
    options: Options,
}

impl Follow {
    /// Prints the lines written since the last poll; done when every container stopped.
    pub fn poll(&mut self, cluster: &Cluster) -> Progress {
        let mut output = Output::default();
        let mut done = true;
        for (source, cursor) in &mut self.sources {
            if let Ok((text, _)) = lines(cluster, source, &self.options, Some(*cursor)) {
                output.stdout.push_str(&text);
            }
            *cursor = cluster.now();
            let attempts = cluster.container_attempts(source.pod, &source.container);
            let running = attempts
                .last()
                .is_none_or(|a| a.ended.is_none_or(|e| e > cluster.now()));
            if running && cluster.pod(source.pod).removed.is_none() {
                done = false;
            }
        }
        Progress { output, done }
    }
}

/// The kube-controller-manager's log at its default verbosity (`-v=2`): the event recorder's
/// `"Event occurred"` klog line for every Job controller event. (jobsim has no control-plane
/// pods; this answers the guide's `kubectl logs -n kube-system -l component=…` step.)
/// Approximation: the lines come from the stored events, which went through the correlator;
/// the real recorder logs before it, so a Job of ten or more pods shows its combined event's
/// last message, and events the spam filter dropped are missing here too.
fn controller_manager_log(cluster: &Cluster, tail: Option<usize>) -> String {
    let epoch = cluster.epoch();
    let mut events: Vec<&crate::objects::Event> = cluster
        .events()
        .iter()
        .filter(|e| e.source == crate::objects::event::Source::JobController)
        .collect();
    crate::sort::sort_by_key(&mut events, |e| (e.first, e.serial));
    let mut lines: Vec<String> = events
        .iter()
        .map(|e| {
            let object = match e.involved {
                crate::objects::Involved::Job(j) => {
                    let job = cluster.job(j as usize);
                    format!("{}/{}", job.meta.namespace, job.meta.name)
                }
                _ => String::new(),
            };
            let ts = epoch.timestamp(e.first);
            format!(
                "I{} {:>7} event.go:389] \"Event occurred\" object=\"{object}\" fieldPath=\"\" kind=\"Job\" apiVersion=\"batch/v1\" type=\"{}\" reason=\"{}\" message=\"{}\"",
                ts.strftime("%m%d %H:%M:%S.%6f"),
                1,
                e.type_.as_str(),
                e.reason,
                e.message(cluster).replace('"', "\\\""),
            )
        })
        .collect();
    if let Some(n) = tail
        && lines.len() > n
    {
        lines.drain(..lines.len() - n);
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}
