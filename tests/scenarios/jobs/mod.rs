//! Job controller, kubelet and scheduler rules, end to end: each test names the Kubernetes
//! rule it checks (the reference section, `../shared/reference/k8s-job-semantics.md`), runs a
//! manifest in a fresh cluster through kubectl, and asserts what a real cluster shows.

mod harness;
mod invariants;
mod rules;
mod sidecars;
