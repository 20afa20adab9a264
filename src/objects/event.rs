//! Events (`core/v1` Event): what a component reports about an object, counted when repeated.
//! Stored compactly (the object by its arena index, the container by its position); names,
//! field paths and hosts are spelled out when an event is materialised.

use std::borrow::Cow;

use super::pod::PodId;
use crate::sim::clock::SimTime;

/// Normal or Warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventType {
    Normal,
    Warning,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Involved {
    Pod(PodId),
    /// A Job, by its index in the cluster's job arena.
    Job(usize),
    /// A Node, by its index in the cluster's node list.
    Node(usize),
}

/// The container of a pod an event is about (`fieldPath: spec.containers{name}`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContainerRef {
    pub init: bool,
    pub index: u16,
}

/// One (possibly repeated) event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub involved: Involved,
    pub container: Option<ContainerRef>,
    pub type_: EventType,
    pub reason: Cow<'static, str>,
    pub message: String,
    /// `source.component`: `job-controller`, `default-scheduler`, `kubelet`…
    pub source: &'static str,
    /// `source.host`: the node, for kubelet events.
    pub host: Option<usize>,
    pub first: SimTime,
    pub last: SimTime,
    pub count: i32,
    /// Position in the log, used to make the event's name unique.
    pub serial: u32,
}
