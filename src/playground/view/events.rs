//! The events stream: the cluster's events, newest first, optionally only those about one
//! object, with the list of objects that have events (the filter's choices).

use std::collections::BTreeSet;
use std::rc::Rc;

use crate::objects::{Event, EventType, Involved};
use crate::playground::format;
use crate::sim::Cluster;

/// How many rows the stream shows at most (the newest).
pub const MAX_ROWS: usize = 50;
/// With more pods than this, the filter offers Jobs and nodes only (a pod's events are one
/// click away in its details).
pub const MAX_POD_CHOICES: usize = 50;

/// One event as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    /// Unique and stable for the run (the event's position in the log).
    pub serial: u32,
    /// `+12.0s`: when it last happened.
    pub at: String,
    pub warning: bool,
    pub reason: String,
    /// `pod/pi-abcde`, `job/pi`, `node/jobsim-worker`.
    pub object: String,
    pub message: String,
    pub count: i32,
}

/// The stream as shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventsView {
    pub rows: Vec<Rc<EventRow>>,
    /// Events that match the filter (the rows are the newest [`MAX_ROWS`] of them).
    pub matching: usize,
    /// Objects that have events, `kind/name`, sorted (pods only while there are few).
    pub objects: Rc<Vec<String>>,
    /// Pods were left out of `objects` because there are too many.
    pub pods_left_out: usize,
}

/// `kind/name` of the object an event is about.
pub fn object_name(cluster: &Cluster, involved: Involved) -> String {
    match involved {
        Involved::Pod(id) => format!("pod/{}", cluster.pod(id).meta.name),
        Involved::Job(j) => format!("job/{}", cluster.job(j as usize).meta.name),
        Involved::Node(n) => format!(
            "node/{}",
            cluster
                .nodes()
                .get(n as usize)
                .map_or("?", |n| n.name.as_str())
        ),
    }
}

/// The events about `filter` (`kind/name`; every event when `None`), newest first.
pub fn events(cluster: &Cluster, filter: Option<&str>) -> EventsView {
    let involved: BTreeSet<Involved> =
        crate::sort::set_of(cluster.events().iter().map(|e| e.involved));
    let mut objects: Vec<String> = involved.iter().map(|i| object_name(cluster, *i)).collect();
    crate::sort::sort(&mut objects);
    objects.dedup();
    let pods = objects.iter().filter(|o| o.starts_with("pod/")).count();
    let pods_left_out = if pods > MAX_POD_CHOICES {
        objects.retain(|o| !o.starts_with("pod/"));
        pods
    } else {
        0
    };
    let mut matching: Vec<&Event> = match filter {
        None => cluster.events().iter().collect(),
        Some(f) => {
            let wanted: BTreeSet<Involved> = crate::sort::set_of(
                involved
                    .into_iter()
                    .filter(|i| object_name_matches(cluster, *i, f)),
            );
            cluster
                .events()
                .iter()
                .filter(|e| wanted.contains(&e.involved))
                .collect()
        }
    };
    let count = matching.len();
    let newest_first = |e: &&Event| std::cmp::Reverse((e.last, e.serial));
    if matching.len() > MAX_ROWS {
        matching.select_nth_unstable_by_key(MAX_ROWS, newest_first);
        matching.truncate(MAX_ROWS);
    }
    crate::sort::sort_by_key(&mut matching, newest_first);
    EventsView {
        rows: matching
            .into_iter()
            .map(|e| {
                Rc::new(EventRow {
                    serial: e.serial,
                    at: format::offset(e.last),
                    warning: e.type_ == EventType::Warning,
                    reason: e.reason.to_string(),
                    object: object_name(cluster, e.involved),
                    message: e.message(cluster).into_owned(),
                    count: e.count,
                })
            })
            .collect(),
        matching: count,
        objects: Rc::new(objects),
        pods_left_out,
    }
}

fn object_name_matches(cluster: &Cluster, involved: Involved, filter: &str) -> bool {
    let (kind, name) = filter.split_once('/').unwrap_or(("", filter));
    match involved {
        Involved::Pod(id) => kind == "pod" && cluster.pod(id).meta.name == name,
        Involved::Job(j) => kind == "job" && cluster.job(j as usize).meta.name == name,
        Involved::Node(n) => {
            kind == "node"
                && cluster
                    .nodes()
                    .get(n as usize)
                    .is_some_and(|n| n.name == name)
        }
    }
}
