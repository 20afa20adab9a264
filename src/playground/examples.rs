//! The example manifests offered in the editor: the seed guide's and kubernetes.io's.

/// One example manifest with the file name the guide gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub file_name: &'static str,
    pub title: &'static str,
    pub yaml: &'static str,
}

/// The manifest the playground opens with: the seed guide's Example 1.
pub const DEFAULT: Example = Example {
    file_name: "data-processing-job.yaml",
    title: "Basic Job: file processing",
    yaml: include_str!("../../static/examples/data-processing-job.yaml"),
};
