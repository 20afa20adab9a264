//! The simulated cluster's object model: the API objects the components read and write
//! (Jobs, Pods, Nodes, Events), kept compact for speed and turned into the real Kubernetes
//! types (k8s-openapi) only when kubectl or the CLI prints them ([`materialize`]).
//!
//! Every timestamp an API object carries is stored at whole seconds, as the API server
//! serialises `metav1.Time`; the engine itself schedules in milliseconds.

pub mod event;
pub mod intern;
pub mod job;
pub mod materialize;
pub mod meta;
pub mod node;
pub mod pod;
pub mod quantity;

pub use event::{ContainerRef, Event, EventType, Involved};
pub use job::{ConditionStatus, JobCondition, JobRecord, JobStatus};
pub use meta::{ObjectMeta, OwnerReference};
pub use node::{Node, Resources};
pub use pod::{ContainerState, ContainerStatus, Pod, PodCondition, PodId, PodPhase, PodStatus};
