//! The Job controller, mirroring `pkg/controller/job` of Kubernetes.

pub mod backoff;
pub mod indexed;
pub mod pod_failure_policy;
pub mod success_policy;
