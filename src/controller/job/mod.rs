//! The Job controller, mirroring `pkg/controller/job` of Kubernetes.
