//! Events (`core/v1` Event): what a component reports about an object, counted when repeated.
//! Stored compactly (the object by its arena index, the container by its position); names,
//! field paths and hosts are spelled out when an event is materialised.

use std::borrow::Cow;

use super::pod::PodId;
use crate::sim::Cluster;
use crate::sim::clock::SimTime;

/// The API server's `--event-ttl` (default one hour), in seconds.
pub const EVENT_TTL_SECS: u64 = 3600;

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
    /// `Container image "IMAGE" already present on machine and can be accessed by the pod`
    /// (kubelet, about the container).
    ImagePresent,
    /// `Container created` (kubelet, about the container).
    CreatedContainer,
    /// `Container started` (kubelet, about the container).
    StartedContainer,
    /// `(combined from similar events): MESSAGE`: client-go's event aggregator, once a
    /// component has reported ten different messages for one object and reason.
    Combined(Box<Message>),
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
        self.spell(&self.message, cluster)
    }

    /// Whether the API server has dropped it: events live one hour after their last
    /// update (`--event-ttl`, default `1h`, `pkg/controlplane/apiserver/options`).
    pub fn expired(&self, now: SimTime) -> bool {
        now >= self.last + crate::sim::clock::SimDuration::from_secs(EVENT_TTL_SECS)
    }

    fn spell<'a>(&'a self, message: &'a Message, cluster: &Cluster) -> Cow<'a, str> {
        let pod = |id: PodId| cluster.pod(id);
        let involved_pod = match self.involved {
            Involved::Pod(id) => Some(pod(id)),
            _ => None,
        };
        let container = || involved_pod?.container(self.container?);
        let text = match message {
            Message::Text(text) => return Cow::Borrowed(text),
            Message::Combined(inner) => format!(
                "(combined from similar events): {}",
                self.spell(inner, cluster)
            ),
            Message::CreatedPod(id) => format!("Created pod: {}", pod(*id).meta.name),
            Message::DeletedPod(id) => format!("Deleted pod: {}", pod(*id).meta.name),
            Message::Assigned => involved_pod.map_or_else(String::new, |p| {
                let node = p.node_name.as_deref().unwrap_or_default();
                format!(
                    "Successfully assigned {}/{} to {node}",
                    p.meta.namespace, p.meta.name
                )
            }),
            // `KubeletEnsureSecretPulledImages` (on by default since 1.35) adds the tail.
            Message::ImagePresent => {
                let image = container().and_then(|c| c.image.as_deref());
                format!(
                    "Container image \"{}\" already present on machine and can be accessed by the pod",
                    image.unwrap_or_default()
                )
            }
            // Since 1.35 (kubernetes#134043) the kubelet leaves the container's name out:
            // `kubectl describe` shows it in the `spec.containers{NAME}: ` prefix.
            Message::CreatedContainer => "Container created".to_string(),
            Message::StartedContainer => "Container started".to_string(),
        };
        Cow::Owned(text)
    }
}

#[cfg(test)]
mod tests {
    use crate::kubectl::terminal::applied;
    use crate::sim::Cluster;
    use crate::sim::clock::SimTime;
    use crate::sim::config::ClusterConfig;

    /// Every message kept as a template reads as the component writes it.
    #[test]
    fn templated_messages_read_as_kubernetes_writes_them() {
        let (mut cluster, mut terminal) = applied(
            ClusterConfig::default(),
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: msg\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['sleep', '60']\n",
        );
        cluster.run_until(SimTime::from_secs(30));
        terminal.run_line(
            &mut cluster,
            r#"kubectl patch job msg -p '{"spec":{"suspend":true}}'"#,
        );
        cluster.run_until(SimTime::from_secs(90));
        let pod = cluster.pods()[0].meta.name.clone();
        let node = cluster.pods()[0].node_name.clone().unwrap_or_default();
        let messages: Vec<(String, String)> = cluster
            .events()
            .iter()
            .map(|e| (e.reason.to_string(), e.message(&cluster).into_owned()))
            .collect();
        for expected in [
            ("SuccessfulCreate", format!("Created pod: {pod}")),
            (
                "Scheduled",
                format!("Successfully assigned default/{pod} to {node}"),
            ),
            ("Created", "Container created".to_string()),
            ("Started", "Container started".to_string()),
            ("SuccessfulDelete", format!("Deleted pod: {pod}")),
        ] {
            let expected = (expected.0.to_string(), expected.1);
            assert!(
                messages.contains(&expected),
                "{expected:?} in {messages:#?}"
            );
        }
        let pulled = messages.iter().find(|(reason, _)| reason == "Pulled");
        assert!(
            pulled.is_some_and(|(_, m)| m
                .starts_with("Successfully pulled image \"busybox:1.35\"")
                || m == "Container image \"busybox:1.35\" already present on machine and can be accessed by the pod"),
            "{pulled:?}"
        );
    }

    #[test]
    fn an_image_already_on_the_node_is_reported_present() {
        let (mut cluster, _) = applied(
            ClusterConfig::with_workers(1),
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: two\nspec:\n  completions: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.35\n        command: ['true']\n",
        );
        cluster.run_while(SimTime::from_secs(600), Cluster::is_settled);
        let present: Vec<String> = cluster
            .events()
            .iter()
            .filter(|e| e.reason == "Pulled")
            .map(|e| e.message(&cluster).into_owned())
            .filter(|m| !m.starts_with("Successfully pulled"))
            .collect();
        assert_eq!(
            present,
            [
                "Container image \"busybox:1.35\" already present on machine and can be accessed by the pod"
            ]
        );
    }
}
