//! What the Kubernetes API server does to an object: defaulting ([`defaults`]), the Job
//! strategy ([`strategy`]: generated selector, labels, warnings), validation
//! ([`validation`]) and the field errors it answers with ([`field`]), generated names and
//! UIDs ([`names`]), the object store and its operations ([`store`]), and selectors.

pub mod admission;
pub mod config;
pub mod defaults;
pub mod eviction;
pub mod field;
pub mod job_defaults;
pub mod name_index;
pub mod names;
pub mod pod_status;
pub mod quantity;
pub mod selectors;
pub mod store;
pub mod strategy;
pub mod update;
pub mod validation;
pub mod warnings;

pub use field::{BadValue, ErrorType, FieldError, Path};
pub use validation::validate_job_create;
