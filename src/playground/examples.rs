//! The example manifests offered in the editor's Examples menu: every manifest of the seed
//! guide (in the guide's order) and the kubernetes.io Job examples, with the file names the
//! guide gives them.

/// Where an example comes from (the menu groups them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    SeedGuide,
    KubernetesIo,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::SeedGuide => "Kubernetes Jobs guide",
            Source::KubernetesIo => "kubernetes.io examples",
        }
    }
}

/// One example manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub file_name: &'static str,
    pub title: &'static str,
    pub source: Source,
    pub yaml: &'static str,
}

macro_rules! example {
    ($source:ident, $file:literal, $title:literal) => {
        Example {
            file_name: $file,
            title: $title,
            source: Source::$source,
            yaml: include_str!(concat!("../../static/examples/", $file)),
        }
    };
}

/// Every example, seed guide first.
pub const ALL: &[Example] = &[
    example!(
        SeedGuide,
        "data-processing-job.yaml",
        "Example 1: basic Job (file processing)"
    ),
    example!(
        SeedGuide,
        "parallel-job.yaml",
        "Example 2: parallel batch processing"
    ),
    example!(
        SeedGuide,
        "job-with-init.yaml",
        "Pattern 1: Job with an init container"
    ),
    example!(
        SeedGuide,
        "job-with-storage.yaml",
        "Pattern 2: Job with a shared volume"
    ),
    example!(SeedGuide, "indexed-job.yaml", "Pattern 3: Indexed Job"),
    example!(
        SeedGuide,
        "failing-job-demo.yaml",
        "Exercise 1: failing Job with retries"
    ),
    example!(
        SeedGuide,
        "sequential-job.yaml",
        "Exercise 2: sequential Job (parallelism 1)"
    ),
    example!(
        SeedGuide,
        "parallel-job-demo.yaml",
        "Exercise 2: parallel Job (parallelism 4)"
    ),
    example!(KubernetesIo, "k8s-pi.yaml", "pi: compute π to 2000 places"),
    example!(
        KubernetesIo,
        "k8s-indexed-job.yaml",
        "Indexed Job (downward API env)"
    ),
    example!(
        KubernetesIo,
        "k8s-indexed-job-vol.yaml",
        "Indexed Job (downward API volume)"
    ),
    example!(
        KubernetesIo,
        "k8s-job-sidecar.yaml",
        "Job with a sidecar container"
    ),
    example!(
        KubernetesIo,
        "k8s-backoff-limit-per-index-example.yaml",
        "Back-off limit per index"
    ),
    example!(
        KubernetesIo,
        "k8s-backoff-limit-per-index-failindex.yaml",
        "Back-off limit per index with FailIndex"
    ),
    example!(
        KubernetesIo,
        "k8s-pod-failure-policy-example.yaml",
        "Pod failure policy: FailJob on exit code 42"
    ),
    example!(
        KubernetesIo,
        "k8s-pod-failure-policy-ignore.yaml",
        "Pod failure policy: Ignore disruptions"
    ),
    example!(
        KubernetesIo,
        "k8s-pod-failure-policy-failjob.yaml",
        "Pod failure policy: FailJob (JSON)"
    ),
    example!(
        KubernetesIo,
        "k8s-pod-failure-policy-config-issue.yaml",
        "Pod failure policy: config issue"
    ),
    example!(KubernetesIo, "k8s-success-policy.yaml", "Success policy"),
];

/// The manifest the playground opens with: the seed guide's Example 1.
pub const DEFAULT: Example = ALL[0];

/// The example with this file name.
pub fn by_file_name(file_name: &str) -> Option<&'static Example> {
    ALL.iter().find(|e| e.file_name == file_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_static_examples_is_offered_once() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/examples");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("static/examples exists")
            .map(|e| {
                e.expect("readable entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let mut offered: Vec<String> = ALL.iter().map(|e| e.file_name.to_string()).collect();
        offered.sort();
        assert_eq!(offered, on_disk);
    }

    #[test]
    fn the_default_is_the_guides_first_manifest() {
        assert_eq!(DEFAULT.file_name, "data-processing-job.yaml");
        assert!(DEFAULT.yaml.contains("name: data-processing-job"));
        assert_eq!(
            by_file_name("k8s-pi.yaml").map(|e| e.title),
            Some(ALL[8].title)
        );
    }
}
