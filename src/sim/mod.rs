//! The discrete-event engine: a simulated clock, seeded randomness and a queue of wake-ups
//! that drives the API server store, the controllers, the scheduler and the kubelets.
//!
//! The contract, as in sans-I/O protocol cores: create a [`Cluster`] from a config and a
//! seed, mutate it through the API operations (`apiserver::store`), then move time with
//! [`Cluster::step`], [`Cluster::advance_by`] or [`Cluster::run_until`]. Nothing here reads a
//! real clock or draws OS randomness, so the same inputs give the same history.
//! `Cluster` is `Clone`: a clone is a snapshot the UI can go back to.

pub mod arena;
pub mod clock;
pub mod config;
pub mod queue;
pub mod rng;

use std::collections::BTreeMap;

use crate::controller::{garbage_collector, job, ttl_after_finished};
use crate::events::EventLog;
use crate::kubelet::{self, Kubelet};
use crate::objects::{JobRecord, Node, Pod, PodId};
use crate::scheduler::{self, Scheduler};
use clock::{Epoch, SimDuration, SimTime};
use config::ClusterConfig;
use queue::Queue;

pub(crate) use crate::apiserver::name_index::NameIndex;

/// Index of a Job in the cluster's job arena (stable for the run).
pub type JobIdx = usize;

/// What can wake the cluster up: one variant per component that acts on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wake {
    /// The Job controller's work queue hands out this Job.
    SyncJob(JobIdx),
    /// The scheduler tries to place this pod.
    Schedule(PodId),
    /// The kubelet of the pod's node looks at it again.
    Kubelet(PodId),
    /// The TTL-after-finished controller checks this Job.
    TtlAfterFinished(JobIdx),
    /// The garbage collector deletes the dependents of this Job.
    GarbageCollect(JobIdx),
}

/// A simulated Kubernetes cluster.
#[derive(Clone, Debug)]
pub struct Cluster {
    pub(crate) config: ClusterConfig,
    pub(crate) seed: u64,
    pub(crate) now: SimTime,
    pub(crate) queue: Queue<Wake>,
    pub(crate) jobs: Vec<JobRecord>,
    pub(crate) job_names: BTreeMap<(String, String), JobIdx>,
    pub(crate) pods: arena::Arena<Pod>,
    pub(crate) pod_names: NameIndex,
    pub(crate) nodes: Vec<Node>,
    pub(crate) events: EventLog,
    pub(crate) config_maps: BTreeMap<(String, String), k8s_openapi::api::core::v1::ConfigMap>,
    pub(crate) secrets: BTreeMap<(String, String), k8s_openapi::api::core::v1::Secret>,
    pub(crate) job_controller: job::Controller,
    pub(crate) scheduler: Scheduler,
    pub(crate) kubelet: Kubelet,
    /// Counter behind resourceVersion and UIDs.
    pub(crate) next_serial: u64,
    /// Pods neither terminal nor removed: kept so [`Cluster::is_settled`] is O(jobs).
    pub(crate) unsettled_pods: usize,
    wakeups_processed: u64,
}

impl Cluster {
    /// An empty cluster with `config`'s nodes, whose every random choice derives from `seed`.
    pub fn new(config: ClusterConfig, seed: u64) -> Cluster {
        let mut cluster = Cluster {
            seed,
            now: SimTime::ZERO,
            queue: Queue::default(),
            jobs: Vec::new(),
            job_names: BTreeMap::new(),
            pods: arena::Arena::new(),
            pod_names: NameIndex::default(),
            nodes: Vec::new(),
            events: EventLog::default(),
            config_maps: BTreeMap::new(),
            secrets: BTreeMap::new(),
            job_controller: job::Controller::default(),
            scheduler: Scheduler::default(),
            kubelet: Kubelet::default(),
            next_serial: 1,
            unsettled_pods: 0,
            wakeups_processed: 0,
            config,
        };
        kubelet::register_nodes(&mut cluster);
        cluster
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// The current simulated instant.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The wall-clock instant simulated time 0 stands for.
    pub fn epoch(&self) -> Epoch {
        self.config.epoch
    }

    /// How many wake-ups have been processed so far (a measure of work done).
    pub fn wakeups_processed(&self) -> u64 {
        self.wakeups_processed
    }

    /// When the next thing will happen, if anything is scheduled.
    pub fn next_event_at(&self) -> Option<SimTime> {
        self.queue.peek_time()
    }

    /// Runs everything scheduled at the next instant and moves the clock there. Returns that
    /// instant, or `None` when nothing is scheduled.
    pub fn step(&mut self) -> Option<SimTime> {
        let at = self.queue.peek_time()?;
        self.now = self.now.max(at);
        while self.queue.peek_time() == Some(at) {
            let Some((_, wake)) = self.queue.pop() else {
                break;
            };
            self.dispatch(wake);
        }
        Some(at)
    }

    /// Runs everything scheduled up to and including `until`, then sets the clock to `until`.
    pub fn run_until(&mut self, until: SimTime) {
        while let Some(at) = self.queue.peek_time() {
            if at > until {
                break;
            }
            self.step();
        }
        self.now = self.now.max(until);
    }

    /// Moves the clock forward by `d`, running everything due on the way.
    pub fn advance_by(&mut self, d: SimDuration) {
        self.run_until(self.now + d);
    }

    /// Steps until `done(self)` holds, nothing is left to do, or the clock would pass
    /// `limit`. Returns whether `done` held.
    pub fn run_while(&mut self, limit: SimTime, mut done: impl FnMut(&Cluster) -> bool) -> bool {
        loop {
            if done(self) {
                return true;
            }
            match self.queue.peek_time() {
                Some(at) if at <= limit => {
                    self.step();
                }
                _ => return done(self),
            }
        }
    }

    /// True when every Job has finished (or left) and no pod is still running or being
    /// torn down.
    pub fn is_settled(&self) -> bool {
        self.jobs
            .iter()
            .all(|j| j.removed.is_some() || j.status.is_finished())
            && self
                .pods
                .iter()
                .all(|p| p.removed.is_some() || p.status.phase.is_terminal())
    }

    /// Records an event (counted on an identical earlier one, as client-go does).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn record_event(
        &mut self,
        involved: crate::objects::Involved,
        container: Option<crate::objects::ContainerRef>,
        type_: crate::objects::EventType,
        reason: impl Into<std::borrow::Cow<'static, str>>,
        message: impl Into<crate::objects::event::Message>,
        source: crate::objects::event::Source,
        host: Option<usize>,
    ) {
        let host = host.and_then(|n| u32::try_from(n).ok());
        let report = crate::events::Report {
            involved,
            container,
            type_,
            reason: reason.into(),
            message: message.into(),
            source,
            host,
        };
        self.events.record(self.now, report);
    }

    pub(crate) fn schedule(&mut self, at: SimTime, wake: Wake) {
        self.queue.push(at.max(self.now), wake);
    }

    /// A fresh serial number (resourceVersion, name suffix entropy).
    pub(crate) fn serial(&mut self) -> u64 {
        let s = self.next_serial;
        self.next_serial += 1;
        s
    }

    fn dispatch(&mut self, wake: Wake) {
        self.wakeups_processed += 1;
        match wake {
            Wake::SyncJob(j) => job::on_queue_wake(self, j),
            Wake::Schedule(p) => scheduler::schedule_pod(self, p),
            Wake::Kubelet(p) => kubelet::on_wake(self, p),
            Wake::TtlAfterFinished(j) => ttl_after_finished::check(self, j),
            Wake::GarbageCollect(j) => garbage_collector::collect(self, j),
        }
    }
}
