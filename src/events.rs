//! Kubernetes Events: reasons, messages, sources and counts, as the components record them.
