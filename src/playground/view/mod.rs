//! View models: what the page shows, computed from the simulated cluster so components only
//! render. [`ClusterView`] holds the job cards, nodes, unschedulable pods and events;
//! [`ClockView`] the time controls' numbers; [`events::EventsView`] the events stream.

pub mod events;
pub mod jobs;
pub mod nodes;
pub mod tiles;

use std::rc::Rc;

use super::clock::{Clock, SPEEDS};
use super::details::Selection;
use super::format;
use super::session::Session;
use jobs::JobCard;
use nodes::{NodeView, PendingPod};
use tiles::TileCache;

/// The cluster as the page shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterView {
    pub jobs: Vec<Rc<JobCard>>,
    pub nodes: Rc<Vec<NodeView>>,
    pub unschedulable: Rc<Vec<PendingPod>>,
}

/// Builds the cluster view (tiles come from `tiles` when their pod did not change).
pub fn cluster_view(
    session: &Session,
    tiles: &mut TileCache,
    selection: Option<&Selection>,
) -> ClusterView {
    let cluster = session.cluster();
    let jobs = cluster
        .job_records()
        .iter()
        .enumerate()
        .filter(|(_, j)| j.removed.is_none())
        .map(|(j, record)| {
            let selected = matches!(selection, Some(Selection::Job { namespace, name })
                if *namespace == record.meta.namespace && *name == record.meta.name);
            Rc::new(jobs::job_card(cluster, j, tiles, selected))
        })
        .collect();
    ClusterView {
        jobs,
        nodes: Rc::new(nodes::nodes(cluster)),
        unschedulable: Rc::new(nodes::unschedulable(cluster)),
    }
}

/// The time controls' state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockView {
    /// `00:01:05.250` since the cluster started.
    pub now: String,
    /// The wall-clock instant it stands for, `10:01:05 UTC`.
    pub wall: String,
    pub now_ms: u64,
    /// The scrubber's end.
    pub horizon_ms: u64,
    pub playing: bool,
    pub speed: usize,
    pub speeds: Vec<&'static str>,
    pub seed: u64,
    /// `+12.3s`: when Step will stop next.
    pub next_event: Option<String>,
    pub next_event_ms: Option<u64>,
    /// A jump or replay is in progress.
    pub working: bool,
    /// Every Job has finished.
    pub settled: bool,
}

/// The numbers the time controls show.
pub fn clock_view(session: &Session, clock: &Clock) -> ClockView {
    let now = session.now();
    let wall = session.cluster().epoch().timestamp(now);
    ClockView {
        now: format::clock(now),
        wall: wall.strftime("%H:%M:%S UTC").to_string(),
        now_ms: now.as_millis(),
        horizon_ms: session.horizon().as_millis(),
        playing: clock.playing,
        speed: clock.speed,
        speeds: SPEEDS.iter().map(|s| s.0).collect(),
        seed: session.seed(),
        next_event: session.next_event_at().map(format::offset),
        next_event_ms: session.next_event_at().map(|t| t.as_millis()),
        working: clock.goal.is_some(),
        settled: session.is_settled(),
    }
}
