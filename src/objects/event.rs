//! Events (`core/v1` Event): what a component reports about an object, counted when repeated.
//! Stored compactly (the object by its arena index, the container by its position); names,
//! field paths and hosts are spelled out when an event is materialised.

use std::borrow::Cow;

use super::pod::PodId;
use crate::sim::Cluster;
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

/// The component that reported an event (`source.component`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    JobController,
    DefaultScheduler,
    Kubelet,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::JobController => "job-controller",
            Source::DefaultScheduler => "default-scheduler",
            Source::Kubelet => "kubelet",
        }
    }
}

/// The object an event is about (`involvedObject`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Involved {
    Pod(PodId),
    /// A Job, by its index in the cluster's job arena (32 bits, like [`PodId`]: events are
    /// many, and kept small).
    Job(u32),
    /// A Node, by its index in the cluster's node list.
    Node(u32),
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
    /// Read it spelled out with [`Event::message`].
    pub message: Message,
    pub source: Source,
    /// `source.host`: the node, by index, for kubelet events.
    pub host: Option<u32>,
    pub first: SimTime,
    pub last: SimTime,
    pub count: i32,
    /// Position in the log, used to make the event's name unique.
    pub serial: u32,
}

/// An event's message. The ones every pod gets are kept as what fills their template, and
/// spelled out when read: a 100,000-pod run records half a million events, and the names in
/// them are the pods' own.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Message {
    Text(Box<str>),
    /// `Created pod: NAME` (job-controller, SuccessfulCreate).
    CreatedPod(PodId),
    /// `Deleted pod: NAME` (job-controller, SuccessfulDelete).
    DeletedPod(PodId),
    /// `Successfully assigned NAMESPACE/NAME to NODE` (default-scheduler, about the pod).
    Assigned,
    /// `Container image "IMAGE" already present on machine` (kubelet, about the container).
    ImagePresent,
    /// `Created container: NAME` (kubelet, about the container).
    CreatedContainer,
    /// `Started container NAME` (kubelet, about the container).
    StartedContainer,
}

impl From<String> for Message {
    fn from(text: String) -> Self {
        Message::Text(text.into_boxed_str())
    }
}

impl From<&str> for Message {
    fn from(text: &str) -> Self {
        Message::Text(text.into())
    }
}

impl Event {
    /// The message as Kubernetes shows it.
    pub fn message(&self, cluster: &Cluster) -> Cow<'_, str> {
        let pod = |id: PodId| cluster.pod(id);
        let involved_pod = match self.involved {
            Involved::Pod(id) => Some(pod(id)),
            _ => None,
        };
        let container = || {
            let (p, c) = (involved_pod?, self.container?);
            let index = usize::from(c.index);
            if c.init {
                p.spec.init_containers.as_ref()?.get(index)
            } else {
                p.spec.containers.get(index)
            }
        };
        let text = match &self.message {
            Message::Text(text) => return Cow::Borrowed(text),
            Message::CreatedPod(id) => format!("Created pod: {}", pod(*id).meta.name),
            Message::DeletedPod(id) => format!("Deleted pod: {}", pod(*id).meta.name),
            Message::Assigned => involved_pod.map_or_else(String::new, |p| {
                let node = p.node_name.as_deref().unwrap_or_default();
                format!(
                    "Successfully assigned {}/{} to {node}",
                    p.meta.namespace, p.meta.name
                )
            }),
            Message::ImagePresent => {
                let image = container().and_then(|c| c.image.as_deref());
                format!(
                    "Container image \"{}\" already present on machine",
                    image.unwrap_or_default()
                )
            }
            Message::CreatedContainer => {
                let name = container().map_or("", |c| c.name.as_str());
                format!("Created container: {name}")
            }
            Message::StartedContainer => {
                let name = container().map_or("", |c| c.name.as_str());
                format!("Started container {name}")
            }
        };
        Cow::Owned(text)
    }
}
