//! `describeNamespace` in `kubectl/pkg/describe/describe.go`, for a cluster with no
//! ResourceQuota or LimitRange objects.

use k8s_openapi::api::core::v1::Namespace;

use super::{PrefixWriter, print_annotations_multiline, print_labels_multiline};

/// `kubectl describe namespace NAME`.
pub fn describe_namespace(namespace: &Namespace) -> String {
    let mut w = PrefixWriter::new();
    let meta = &namespace.metadata;
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    let phase = namespace.status.as_ref().and_then(|s| s.phase.as_deref());
    w.write(0, &format!("Status:\t{}\n", phase.unwrap_or("")));
    // `DescribeResourceQuotas` and `DescribeLimitRanges` of empty lists.
    w.write(0, "\n");
    w.write(0, "No resource quota.\n");
    w.write(0, "\n");
    w.write(0, "No LimitRange resource.\n");
    w.finish()
}
