//! Events (`core/v1` Event): what a component reports about an object, counted when repeated.

use crate::sim::clock::SimTime;

/// Normal or Warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

/// `involvedObject` of an event.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjectRef {
    pub kind: &'static str,
    pub api_version: &'static str,
    pub namespace: String,
    pub name: String,
    pub uid: String,
    /// `spec.containers{name}` for container events, as the kubelet reports them.
    pub field_path: Option<String>,
}

/// One (possibly repeated) event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// `<involved name>.<16 hex digits>`.
    pub name: String,
    pub involved: ObjectRef,
    pub type_: EventType,
    pub reason: String,
    pub message: String,
    /// `source.component`: `job-controller`, `default-scheduler`, `kubelet`…
    pub source: &'static str,
    pub host: Option<String>,
    pub first: SimTime,
    pub last: SimTime,
    pub count: i32,
}
