//! The kube-scheduler: binds each pending pod to a node whose free resources fit its
//! requests, honouring nodeSelector, taints and cordons. A pod that fits nowhere stays
//! Pending with `PodScheduled=False` and a `FailedScheduling` event in the scheduler's own
//! words (`framework.FitError`), and is retried when capacity frees up.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::PodSpec;

use crate::objects::{EventType, Involved, PodId, Resources, quantity};
use crate::sim::clock::SimDuration;
use crate::sim::{Cluster, Wake, rng};

/// Scheduler state: the pods waiting for room, and how often each was tried.
#[derive(Clone, Debug, Default)]
pub struct Scheduler {
    unschedulable: BTreeSet<PodId>,
    attempts: BTreeMap<PodId, u32>,
    /// Pods holding resources on a node (bound, not yet terminal or removed).
    holding: BTreeMap<PodId, (usize, Resources)>,
    /// Per node, the requests used for scoring (with the non-zero defaults).
    score_used: Vec<(i64, i64)>,
}

/// `podMaxInUnschedulablePodsDuration`: unschedulable pods are retried at least this often.
const MAX_IN_UNSCHEDULABLE: SimDuration = SimDuration::from_secs(300);
/// The scheduler's default requests used only for scoring pods that request nothing
/// (`schedutil.DefaultMilliCPURequest`, `DefaultMemoryRequest`).
const DEFAULT_CPU_SCORE_MILLIS: i64 = 100;
const DEFAULT_MEMORY_SCORE_BYTES: i64 = 200 * 1024 * 1024;

/// A new pod entered the scheduling queue.
pub fn pod_added(cluster: &mut Cluster, id: PodId) {
    let delay = rng::stream(cluster.seed, "schedule", &cluster.pod(id).meta.uid).between(5, 25);
    cluster.schedule(
        cluster.now + SimDuration::from_millis(delay),
        Wake::Schedule(id),
    );
}

/// Resources were freed (a pod ended or left, a node was uncordoned): retry waiting pods.
pub fn capacity_freed(cluster: &mut Cluster) {
    if cluster.scheduler.unschedulable.is_empty() {
        return;
    }
    let waiting: Vec<PodId> = cluster.scheduler.unschedulable.iter().copied().collect();
    for id in waiting {
        let attempts = cluster.scheduler.attempts.get(&id).copied().unwrap_or(1);
        // podInitialBackoffDuration 1s, doubling to podMaxBackoffDuration 10s.
        let backoff = SimDuration::from_secs(1u64 << attempts.saturating_sub(1).min(3))
            .min(SimDuration::from_secs(10));
        cluster.schedule(cluster.now + backoff, Wake::Schedule(id));
    }
}

/// A pod finished or left: its requests go back to its node.
pub fn release(cluster: &mut Cluster, id: PodId) {
    if let Some((node, requests)) = cluster.scheduler.holding.remove(&id) {
        cluster.nodes[node].allocated.sub(requests);
        let (cpu, mem) = score_requests(requests);
        if let Some(used) = cluster.scheduler.score_used.get_mut(node) {
            used.0 -= cpu;
            used.1 -= mem;
        }
        capacity_freed(cluster);
    }
}

/// The requests NodeResourcesFit scores with: zero requests count as the defaults.
fn score_requests(requests: Resources) -> (i64, i64) {
    let cpu = if requests.cpu_millis == 0 {
        DEFAULT_CPU_SCORE_MILLIS
    } else {
        requests.cpu_millis
    };
    let mem = if requests.memory_bytes == 0 {
        DEFAULT_MEMORY_SCORE_BYTES
    } else {
        requests.memory_bytes
    };
    (cpu, mem)
}

/// Tries to place one pod (a `Wake::Schedule`).
pub fn schedule_pod(cluster: &mut Cluster, id: PodId) {
    let pod = cluster.pod(id);
    if pod.node_name.is_some() || pod.removed.is_some() || pod.meta.deletion.is_some() {
        cluster.scheduler.unschedulable.remove(&id);
        return;
    }
    let pod = cluster.pod(id);
    let requests = pod_requests(&pod.spec);
    let mut fitting = Vec::new();
    let mut reasons: BTreeMap<String, u32> = BTreeMap::new();
    let mut not_helpful = 0u32;
    for (i, node) in cluster.nodes.iter().enumerate() {
        match node_misfit(node, &pod.spec, requests) {
            Ok(()) => fitting.push(i),
            Err(Misfit {
                reasons: misfits,
                unresolvable,
            }) => {
                if unresolvable {
                    not_helpful += 1;
                }
                for m in misfits {
                    *reasons.entry(m).or_default() += 1;
                }
            }
        }
    }
    *cluster.scheduler.attempts.entry(id).or_default() += 1;
    if fitting.is_empty() {
        let message = fit_error(cluster.nodes.len(), &reasons, not_helpful);
        unschedulable(cluster, id, message);
        return;
    }
    let node = pick_node(cluster, id, &fitting, requests);
    bind(cluster, id, node, requests);
}

fn unschedulable(cluster: &mut Cluster, id: PodId, message: String) {
    let now = cluster.now;
    cluster.scheduler.unschedulable.insert(id);
    let pod = cluster.pod_mut(id);
    let changed = pod
        .condition("PodScheduled")
        .is_none_or(|c| c.message.as_deref() != Some(&message));
    pod.set_condition("PodScheduled", false, Some("Unschedulable"), now);
    if let Some(c) = pod
        .status
        .conditions
        .iter_mut()
        .find(|c| c.type_ == "PodScheduled")
    {
        c.message = Some(message.as_str().into());
    }
    cluster.record_event(
        Involved::Pod(id),
        None,
        EventType::Warning,
        "FailedScheduling",
        message,
        crate::objects::event::Source::DefaultScheduler,
        None,
    );
    if changed {
        cluster.pod_written(id);
    }
    // Unschedulable pods are flushed back for another try after a while even if nothing
    // changed (`flushUnschedulablePodsLeftover`).
    cluster.schedule(now + MAX_IN_UNSCHEDULABLE, Wake::Schedule(id));
}

fn bind(cluster: &mut Cluster, id: PodId, node: usize, requests: Resources) {
    let now = cluster.now;
    cluster.scheduler.unschedulable.remove(&id);
    cluster.nodes[node].allocated.add(requests);
    cluster.scheduler.holding.insert(id, (node, requests));
    let (cpu, mem) = score_requests(requests);
    if cluster.scheduler.score_used.len() < cluster.nodes.len() {
        cluster
            .scheduler
            .score_used
            .resize(cluster.nodes.len(), (0, 0));
    }
    cluster.scheduler.score_used[node].0 += cpu;
    cluster.scheduler.score_used[node].1 += mem;
    let node_name = cluster.nodes[node].name.clone();
    let pod = cluster.pod_mut(id);
    pod.node_name = Some(node_name.clone());
    pod.set_condition("PodScheduled", true, None, now);
    if let Some(c) = pod
        .status
        .conditions
        .iter_mut()
        .find(|c| c.type_ == "PodScheduled")
    {
        c.message = None;
    }
    cluster.record_event(
        Involved::Pod(id),
        None,
        EventType::Normal,
        "Scheduled",
        crate::objects::event::Message::Assigned,
        crate::objects::event::Source::DefaultScheduler,
        None,
    );
    cluster.pod_written(id);
    crate::kubelet::pod_bound(cluster, id);
}

/// The default score plugins that tell nodes apart for a Job pod, summed with weight 1
/// each: NodeResourcesFit's LeastAllocated (zero requests count as 100m CPU / 200Mi) and
/// NodeResourcesBalancedAllocation (actual requests; skipped for best-effort pods,
/// kubernetes#129138). Ties are broken by the seeded stream, as the scheduler picks
/// randomly among the best nodes.
fn pick_node(cluster: &Cluster, id: PodId, fitting: &[usize], requests: Resources) -> usize {
    let (cpu, mem) = score_requests(requests);
    let best_effort = requests.cpu_millis == 0 && requests.memory_bytes == 0;
    let score = |i: usize| -> i64 {
        let n = &cluster.nodes[i];
        let (used_cpu, used_mem) = cluster
            .scheduler
            .score_used
            .get(i)
            .copied()
            .unwrap_or((0, 0));
        let least = (least_allocated(used_cpu + cpu, n.allocatable.cpu_millis)
            + least_allocated(used_mem + mem, n.allocatable.memory_bytes))
            / 2;
        if best_effort {
            return least;
        }
        let mut requested = n.allocated;
        requested.add(requests);
        least + balanced_allocation(requested, n.allocatable)
    };
    let best = fitting.iter().map(|&i| score(i)).max().unwrap_or(0);
    let top: Vec<usize> = fitting
        .iter()
        .copied()
        .filter(|&i| score(i) == best)
        .collect();
    let mut stream = rng::stream(cluster.seed, "pick-node", &cluster.pod(id).meta.uid);
    top[stream.below(top.len() as u64) as usize]
}

/// LeastAllocated's per-resource score: `(capacity - requested) * 100 / capacity`.
fn least_allocated(requested: i64, capacity: i64) -> i64 {
    if capacity <= 0 || requested > capacity {
        0
    } else {
        (capacity - requested) * 100 / capacity
    }
}

/// BalancedAllocation's score: `(1 - std) * 100` where, for CPU and memory, std is half the
/// difference of their requested fractions (each capped at 1).
fn balanced_allocation(requested: Resources, allocatable: Resources) -> i64 {
    let fraction = |req: i64, cap: i64| (cap > 0).then(|| (req as f64 / cap as f64).min(1.0));
    let fractions: Vec<f64> = [
        fraction(requested.cpu_millis, allocatable.cpu_millis),
        fraction(requested.memory_bytes, allocatable.memory_bytes),
    ]
    .into_iter()
    .flatten()
    .collect();
    let std = match fractions.as_slice() {
        [a, b] => ((a - b) / 2.0).abs(),
        _ => 0.0,
    };
    ((1.0 - std) * 100.0) as i64
}

/// Why a node cannot take the pod: the filter plugins' reasons, and whether preemption could
/// help — a plugin answered `UnschedulableAndUnresolvable` (unschedulable node, node
/// selector, untolerated taint, or a request larger than the node's whole allocatable, which
/// `noderesources.fitsRequest` marks `Unresolvable`).
struct Misfit {
    reasons: Vec<String>,
    unresolvable: bool,
}

/// Why `node` cannot take the pod, as the scheduler's filter plugins word it.
fn node_misfit(
    node: &crate::objects::Node,
    spec: &PodSpec,
    requests: Resources,
) -> Result<(), Misfit> {
    let unresolvable = |reason: String| {
        Err(Misfit {
            reasons: vec![reason],
            unresolvable: true,
        })
    };
    if node.unschedulable && !tolerates(spec, "node.kubernetes.io/unschedulable", "", "NoSchedule")
    {
        return unresolvable("node(s) were unschedulable".to_string());
    }
    if let Some(selector) = &spec.node_selector
        && selector.iter().any(|(k, v)| node.labels.get(k) != Some(v))
    {
        return unresolvable("node(s) didn't match Pod's node affinity/selector".to_string());
    }
    for taint in &node.taints {
        if (taint.effect == "NoSchedule" || taint.effect == "NoExecute")
            && !tolerates(spec, &taint.key, &taint.value, &taint.effect)
        {
            return unresolvable(format!(
                "node(s) had untolerated taint {{{}: {}}}",
                taint.key, taint.value
            ));
        }
    }
    let mut misfits = Vec::new();
    let free_cpu = node.allocatable.cpu_millis - node.allocated.cpu_millis;
    let free_mem = node.allocatable.memory_bytes - node.allocated.memory_bytes;
    if node.allocated.pods + 1 > node.allocatable.pods {
        misfits.push("Too many pods".to_string());
    }
    if requests.cpu_millis > free_cpu {
        misfits.push("Insufficient cpu".to_string());
    }
    if requests.memory_bytes > free_mem {
        misfits.push("Insufficient memory".to_string());
    }
    if misfits.is_empty() {
        Ok(())
    } else {
        Err(Misfit {
            reasons: misfits,
            unresolvable: requests.cpu_millis > node.allocatable.cpu_millis
                || requests.memory_bytes > node.allocatable.memory_bytes,
        })
    }
}

fn tolerates(spec: &PodSpec, key: &str, value: &str, effect: &str) -> bool {
    spec.tolerations.iter().flatten().any(|t| {
        let key_ok = t.key.as_deref().is_none_or(|k| k.is_empty() || k == key);
        let effect_ok = t
            .effect
            .as_deref()
            .is_none_or(|e| e.is_empty() || e == effect);
        let value_ok = match t.operator.as_deref() {
            Some("Exists") => true,
            _ => t.value.as_deref().unwrap_or("") == value && t.key.is_some(),
        };
        key_ok && effect_ok && value_ok
    })
}

/// `framework.FitError`'s message, with the preemption post-filter's.
fn fit_error(n_nodes: usize, reasons: &BTreeMap<String, u32>, not_helpful: u32) -> String {
    let mut histogram: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    crate::sort::sort(&mut histogram);
    let mut preemption = Vec::new();
    if not_helpful > 0 {
        preemption.push(format!(
            "{not_helpful} Preemption is not helpful for scheduling"
        ));
    }
    let victims = n_nodes as u32 - not_helpful;
    if victims > 0 {
        preemption.push(format!(
            "{victims} No preemption victims found for incoming pod"
        ));
    }
    crate::sort::sort(&mut preemption);
    format!(
        "0/{n_nodes} nodes are available: {}. preemption: 0/{n_nodes} nodes are available: {}..",
        histogram.join(", "),
        preemption.join(", ")
    )
}

/// The pod's effective requests: the sum over app containers, or the largest init
/// container's when that is bigger (`resourcehelper.PodRequests`), plus one pod slot.
pub fn pod_requests(spec: &PodSpec) -> Resources {
    let container = |c: &k8s_openapi::api::core::v1::Container| -> (i64, i64) {
        let resources = c.resources.as_ref();
        let get = |name: &str| {
            resources
                .and_then(|r| {
                    r.requests
                        .as_ref()
                        .and_then(|q| q.get(name))
                        .or_else(|| r.limits.as_ref().and_then(|q| q.get(name)))
                })
                .map(|q| q.0.clone())
        };
        (
            get("cpu")
                .and_then(|q| quantity::cpu_millis(&q))
                .unwrap_or(0),
            get("memory").and_then(|q| quantity::bytes(&q)).unwrap_or(0),
        )
    };
    let (mut cpu, mut mem) = (0i64, 0i64);
    for c in &spec.containers {
        let (c_cpu, c_mem) = container(c);
        cpu += c_cpu;
        mem += c_mem;
    }
    for c in spec.init_containers.iter().flatten() {
        let (c_cpu, c_mem) = container(c);
        cpu = cpu.max(c_cpu);
        mem = mem.max(c_mem);
    }
    Resources {
        cpu_millis: cpu,
        memory_bytes: mem,
        pods: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_error_reads_like_the_scheduler() {
        let mut reasons = BTreeMap::new();
        reasons.insert("Insufficient cpu".to_string(), 3);
        assert_eq!(
            fit_error(3, &reasons, 0),
            "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.."
        );
        reasons.insert("node(s) were unschedulable".to_string(), 1);
        reasons.insert("Insufficient cpu".to_string(), 2);
        assert_eq!(
            fit_error(3, &reasons, 1),
            "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.."
        );
    }

    #[test]
    fn node_scores_are_the_default_plugins() {
        // (requested, capacity, LeastAllocated)
        for (requested, capacity, want) in [
            (0, 4000, 100),
            (100, 4000, 97),
            (2000, 4000, 50),
            (4000, 4000, 0),
            (5000, 4000, 0),
            (100, 0, 0),
        ] {
            assert_eq!(
                least_allocated(requested, capacity),
                want,
                "{requested}/{capacity}"
            );
        }
        let node = Resources {
            cpu_millis: 4000,
            memory_bytes: 16 << 30,
            pods: 110,
        };
        let req = |cpu_millis, memory_bytes| Resources {
            cpu_millis,
            memory_bytes,
            pods: 1,
        };
        // Equal fractions are perfectly balanced; half the gap is taken off.
        assert_eq!(balanced_allocation(req(2000, 8 << 30), node), 100);
        assert_eq!(balanced_allocation(req(4000, 0), node), 50);
        assert_eq!(balanced_allocation(req(50, 32 << 20), node), 99);
        assert_eq!(balanced_allocation(req(100, 64 << 20), node), 98);
    }

    fn nodes_of_first_pods(requests: &str, seed: u64) -> Vec<String> {
        let yaml = format!(
            "apiVersion: batch/v1
kind: Job
metadata:
  name: spread
spec:
  completions: 3
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox:1.35
        command: ['sleep', '30']{requests}
"
        );
        let job = match crate::manifest::load("spread.yaml", &yaml)
            .documents
            .remove(0)
            .object
        {
            crate::manifest::Object::Job(job) => *job,
            other => panic!("expected a Job, got {}", other.kind()),
        };
        let mut cluster = Cluster::new(crate::sim::config::ClusterConfig::default(), seed);
        cluster.create_job(job).expect("valid job");
        cluster.run_until(crate::sim::clock::SimTime::from_secs(5));
        let mut nodes: Vec<String> = cluster
            .pods()
            .iter()
            .filter_map(|p| p.node_name.clone())
            .collect();
        nodes.sort();
        nodes
    }

    #[test]
    fn pods_created_together_spread_over_empty_nodes() {
        let with_requests = "
        resources:
          requests:
            cpu: 50m
            memory: 32Mi";
        for seed in 1..=20 {
            for requests in ["", with_requests] {
                let nodes = nodes_of_first_pods(requests, seed);
                let mut distinct = nodes.clone();
                distinct.dedup();
                assert_eq!(
                    (nodes.len(), distinct.len()),
                    (3, 3),
                    "seed {seed}, requests {requests:?}: {nodes:?}"
                );
            }
        }
    }
}
