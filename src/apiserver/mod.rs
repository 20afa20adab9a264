//! What the Kubernetes API server does to an object on create: defaulting, validation,
//! generated names and UIDs, and the object store.

pub mod job_defaults;
pub mod names;
pub mod selectors;
pub mod store;
