//! What the Kubernetes API server does to an object on create: defaulting
//! ([`defaults`]), the Job strategy ([`strategy`]: generated selector, labels, warnings),
//! validation ([`validation`]) and the field errors it answers with ([`field`]).

pub mod defaults;
pub mod field;
pub mod quantity;
pub mod strategy;
pub mod validation;
pub mod warnings;

pub use field::{BadValue, ErrorType, FieldError, Path};
pub use validation::validate_job_create;
