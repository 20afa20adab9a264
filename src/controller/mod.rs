//! The controllers of kube-controller-manager that Jobs meet: the Job controller, the TTL
//! controller and the garbage collector.

pub mod garbage_collector;
pub mod job;
pub mod ttl_after_finished;
