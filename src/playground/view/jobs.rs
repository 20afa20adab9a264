//! Job cards: kubectl's STATUS, COMPLETIONS and DURATION (from kubectl's own job printer),
//! conditions, counters, the back-off and deadline countdowns, and the Job's pods as tiles
//! (Indexed Jobs: one lane per index with every attempt).

use std::rc::Rc;

use super::tiles::{Tile, TileCache};
use crate::controller::job::backoff::{remaining_time, remaining_time_per_index};
use crate::controller::job::indexed::parse_indexes_from_string;
use crate::controller::job::{DEFAULT_JOB_POD_FAILURE_BACKOFF, MAX_JOB_POD_FAILURE_BACKOFF};
use crate::kubectl::printers::{GenerateOptions, Printable};
use crate::objects::{JobRecord, PodPhase, materialize};
use crate::playground::format;
use crate::sim::clock::{SimDuration, SimTime};
use crate::sim::{Cluster, JobIdx};

/// One condition of `status.conditions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionView {
    pub type_: String,
    pub status: String,
    pub reason: String,
    pub message: String,
}

/// `status.active`, `ready`, `succeeded`, `failed`, `terminating`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    pub active: i32,
    pub ready: i32,
    pub succeeded: i32,
    pub failed: i32,
    pub terminating: i32,
}

/// Where an index of an Indexed Job stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneState {
    Waiting,
    Active,
    /// In `status.completedIndexes`.
    Completed,
    /// In `status.failedIndexes`.
    Failed,
}

impl LaneState {
    pub fn label(self) -> &'static str {
        match self {
            LaneState::Waiting => "waiting",
            LaneState::Active => "active",
            LaneState::Completed => "completed",
            LaneState::Failed => "failed",
        }
    }
}

/// One index of an Indexed Job and its attempts, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    pub index: i32,
    pub state: LaneState,
    pub attempts: Vec<Rc<Tile>>,
    /// `backoffLimitPerIndex`: when the index's next attempt may start.
    pub retry_in: Option<String>,
}

/// How a Job's pods are laid out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PodLayout {
    /// In creation order.
    Flat(Vec<Rc<Tile>>),
    /// Indexed completion: one lane per index.
    Lanes(Vec<Lane>),
}

/// Everything a Job's card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobCard {
    pub namespace: String,
    pub name: String,
    /// kubectl's STATUS (`Running`, `Complete`, `Failed`, `Suspended`…).
    pub status: String,
    pub completions: String,
    pub duration: String,
    pub conditions: Vec<ConditionView>,
    pub counters: Counters,
    /// "next pod in 17s" while the controller holds back a replacement.
    pub backoff: Option<String>,
    /// "deadline in 1m20s" for `activeDeadlineSeconds`.
    pub deadline: Option<String>,
    pub pods: PodLayout,
    pub pod_count: usize,
    pub selected: bool,
}

/// Builds the card of Job `j` at the cluster's current instant.
pub fn job_card(cluster: &Cluster, j: JobIdx, tiles: &mut TileCache, selected: bool) -> JobCard {
    let record = cluster.job(j);
    let epoch = cluster.epoch();
    let now = cluster.now();
    let cells = materialize::job_record(epoch, record)
        .cells(epoch.timestamp(now), GenerateOptions::default());
    let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
    let live: Vec<Rc<Tile>> = record
        .pods
        .iter()
        .map(|id| cluster.pod(*id))
        .filter(|p| p.removed.is_none())
        .map(|p| tiles.get(epoch, p))
        .collect();
    let pod_count = live.len();
    let pods = if record.is_indexed() {
        PodLayout::Lanes(lanes(cluster, record, live, now))
    } else {
        PodLayout::Flat(live)
    };
    let status = &record.status;
    JobCard {
        namespace: record.meta.namespace.clone(),
        name: record.meta.name.clone(),
        status: cell(1),
        completions: cell(2),
        duration: cell(3),
        conditions: status
            .conditions
            .iter()
            .map(|c| ConditionView {
                type_: c.type_.to_string(),
                status: c.status.as_str().to_string(),
                reason: c.reason.clone(),
                message: c.message.clone(),
            })
            .collect(),
        counters: Counters {
            active: status.active,
            ready: status.ready,
            succeeded: status.succeeded,
            failed: status.failed,
            terminating: status.terminating,
        },
        backoff: backoff_countdown(cluster, j, now),
        deadline: deadline_countdown(record, now),
        pods,
        pod_count,
        selected,
    }
}

/// "next pod in 17s": the Job wants more pods than it has and its back-off is not over.
fn backoff_countdown(cluster: &Cluster, j: JobIdx, now: SimTime) -> Option<String> {
    let record = cluster.job(j);
    if record.status.is_finished() || record.is_suspended() || record.has_backoff_limit_per_index()
    {
        return None;
    }
    let wants_more = record.status.active < record.parallelism()
        && record
            .completions()
            .is_none_or(|c| record.status.succeeded + record.status.active < c);
    let remaining = remaining_time(
        &cluster.job_backoff(j)?,
        now,
        DEFAULT_JOB_POD_FAILURE_BACKOFF,
        MAX_JOB_POD_FAILURE_BACKOFF,
    );
    (wants_more && remaining > SimDuration::ZERO)
        .then(|| format!("next pod in {}", format::countdown(remaining)))
}

/// "deadline in 1m20s" while `activeDeadlineSeconds` runs.
fn deadline_countdown(record: &JobRecord, now: SimTime) -> Option<String> {
    let seconds = record.spec.active_deadline_seconds?;
    let start = record.status.start_time?;
    if record.status.is_finished() {
        return None;
    }
    let deadline = start + SimDuration::from_secs(u64::try_from(seconds).unwrap_or(0));
    Some(if deadline > now {
        format!("deadline in {}", format::countdown(deadline.since(now)))
    } else {
        "deadline reached".to_string()
    })
}

/// One lane per index `0..completions`, each with its attempts in creation order.
fn lanes(cluster: &Cluster, record: &JobRecord, tiles: Vec<Rc<Tile>>, now: SimTime) -> Vec<Lane> {
    let completions = record.completions().unwrap_or(0).max(0);
    let completed = parse_indexes_from_string(&record.status.completed_indexes, completions);
    let failed = record
        .status
        .failed_indexes
        .as_deref()
        .map(|f| parse_indexes_from_string(f, completions));
    let mut lanes: Vec<Lane> = (0..completions)
        .map(|index| Lane {
            index,
            state: if completed.has(index) {
                LaneState::Completed
            } else if failed.as_ref().is_some_and(|f| f.has(index)) {
                LaneState::Failed
            } else {
                LaneState::Waiting
            },
            attempts: Vec::new(),
            retry_in: None,
        })
        .collect();
    for tile in tiles {
        let Some(lane) = tile
            .completion_index
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| lanes.get_mut(i))
        else {
            continue;
        };
        let pod = cluster.pod(crate::objects::PodId(tile.id));
        if lane.state == LaneState::Waiting && pod.is_active() {
            lane.state = LaneState::Active;
        }
        lane.attempts.push(tile);
    }
    if record.has_backoff_limit_per_index() && !record.status.is_finished() {
        for lane in lanes.iter_mut().filter(|l| l.state == LaneState::Waiting) {
            let last_failed = lane
                .attempts
                .iter()
                .map(|t| cluster.pod(crate::objects::PodId(t.id)))
                .rfind(|p| p.status.phase == PodPhase::Failed);
            let remaining = remaining_time_per_index(
                now,
                DEFAULT_JOB_POD_FAILURE_BACKOFF,
                MAX_JOB_POD_FAILURE_BACKOFF,
                last_failed,
            );
            if remaining > SimDuration::ZERO {
                lane.retry_in = Some(format!("retry in {}", format::countdown(remaining)));
            }
        }
    }
    lanes
}
