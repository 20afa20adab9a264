//! Turns stored objects into the real Kubernetes types (k8s-openapi) for kubectl and the CLI.
