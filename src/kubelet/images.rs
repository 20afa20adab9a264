//! Image pulls (`pkg/kubelet/images/image_manager.go`): the pull policy, which images exist,
//! how long a pull takes, and the kubelet's event texts. Pulls on a node are serialized
//! (`serializeImagePulls: true`, the default), so a second pod waits for the first.

use crate::sim::clock::SimDuration;

/// What the kubelet must do before a container can start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullDecision {
    /// The image is on the node and the policy allows using it.
    Present,
    /// Pull it (Always, or IfNotPresent and missing).
    Pull,
    /// `imagePullPolicy: Never` and the image is missing.
    NeverPull,
}

/// The pull policy a container gets when it names none: Always for `:latest` or no tag,
/// IfNotPresent otherwise (core/v1 defaults).
pub fn default_pull_policy(image: &str) -> &'static str {
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') {
        return "IfNotPresent";
    }
    match last.split_once(':') {
        Some((_, "latest")) | None => "Always",
        Some(_) => "IfNotPresent",
    }
}

/// Decides from the policy and what the node already has.
pub fn decide(policy: &str, present: bool) -> PullDecision {
    match (policy, present) {
        ("Never", false) => PullDecision::NeverPull,
        ("Never", true) | ("IfNotPresent", true) => PullDecision::Present,
        _ => PullDecision::Pull,
    }
}

/// `docker.io/library/busybox:1.35` for `busybox:1.35`: the reference a runtime resolves.
pub fn full_reference(image: &str) -> String {
    let (name, tag) = split_tag(image);
    let first = name.split('/').next().unwrap_or(name);
    let has_registry =
        name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let qualified = if has_registry {
        name.to_string()
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    format!("{qualified}:{}", tag.unwrap_or("latest"))
}

fn split_tag(image: &str) -> (&str, Option<&str>) {
    let slash = image.rfind('/').map_or(0, |i| i + 1);
    match image[slash..].find(':') {
        Some(i) => (&image[..slash + i], Some(&image[slash + i + 1..])),
        None => (image, None),
    }
}

/// Compressed sizes of the images tutorials use (bytes), so pull times and the `Pulled`
/// message look like a real node's. `None`: the image does not exist on Docker Hub.
pub fn image_size(image: &str) -> Option<u64> {
    let (name, _) = split_tag(image.split('@').next().unwrap_or(image));
    let name = name.strip_prefix("docker.io/").unwrap_or(name);
    let name = name.strip_prefix("library/").unwrap_or(name);
    let size = match name {
        "busybox" => 2_155_574,
        "alpine" => 3_653_068,
        "ubuntu" => 29_754_290,
        "debian" => 48_479_452,
        "bash" => 6_134_113,
        "perl" => 330_518_376,
        "python" => 412_345_678,
        "node" => 405_874_112,
        "golang" => 291_113_527,
        "nginx" => 72_195_292,
        "centos" | "fedora" | "rockylinux" | "amazonlinux" => 71_236_104,
        "postgres" | "mysql" | "redis" | "httpd" | "curlimages/curl" | "bitnami/kubectl" => {
            60_481_022
        }
        // A repository that says it does not exist (the kubernetes.io examples use
        // `non-existing-repo/non-existing-image`) does not.
        _ if [
            "non-existing",
            "nonexistent",
            "non-existent",
            "does-not-exist",
            "doesnotexist",
        ]
        .iter()
        .any(|marker| name.contains(marker)) =>
        {
            return None;
        }
        _ if name.contains('/') => 52_428_800,
        _ => return None,
    };
    Some(size)
}

/// How long pulling an image of `size` bytes takes (≈ 40 MB/s plus registry round trips),
/// with the seeded jitter in `jitter_ms`.
pub fn pull_duration(size: u64, jitter_ms: u64) -> SimDuration {
    SimDuration::from_millis(600 + size / 40_000 + jitter_ms)
}

/// How long a pull of an image whose layers the node already has takes: resolving the tag
/// and fetching the manifest (`imagePullPolicy: Always` on a warm node), with the jitter.
pub fn manifest_check_duration(jitter_ms: u64) -> SimDuration {
    SimDuration::from_millis(250 + jitter_ms / 3)
}

/// Go's `time.Duration.String()`, truncated to milliseconds (the kubelet prints pull times
/// so): `1.234s`, `812ms`, `1m2.5s`, `1h0m3s`.
pub fn go_duration(d: SimDuration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let hours = ms / 3_600_000;
    let minutes = ms % 3_600_000 / 60_000;
    let rest_ms = ms % 60_000;
    let secs = format!("{}.{:03}", rest_ms / 1000, rest_ms % 1000);
    let secs = secs.trim_end_matches('0').trim_end_matches('.');
    if hours > 0 {
        format!("{hours}h{minutes}m{secs}s")
    } else if minutes > 0 {
        format!("{minutes}m{secs}s")
    } else {
        format!("{secs}s")
    }
}

/// What pulling `image` gives: its compressed size, or the error message the kubelet gets
/// from containerd. The CRI client strips the gRPC code from `Unknown` errors only
/// (`cri-client` `pullImageV1`), so a missing tag reads `rpc error: code = NotFound desc = …`
/// and a repository Docker Hub does not have reads `failed to pull and unpack image …`.
pub fn pull_result(image: &str) -> Result<u64, String> {
    let reference = full_reference(image);
    let Some(size) = image_size(image) else {
        return Err(format!(
            "failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
        ));
    };
    let (name, tag) = split_tag(image.split('@').next().unwrap_or(image));
    let official = !name.contains('/') || name.starts_with("docker.io/library/");
    match tag {
        Some(tag) if official && !is_published_tag(tag) => Err(format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{reference}\": failed to resolve reference \"{reference}\": {reference}: not found"
        )),
        _ => Ok(size),
    }
}

/// Words official images' tags are made of (`3.12-slim-bookworm`, `1.36.1-musl`,
/// `stable-alpine3.20`, `22.04`); a tag with any other word (`does-not-exist`, `latestt`) is
/// taken as one the repository does not have. Third-party repositories' tags are not judged.
fn is_published_tag(tag: &str) -> bool {
    const WORDS: &[&str] = &[
        "latest",
        "stable",
        "mainline",
        "edge",
        "lts",
        "slim",
        "alpine",
        "musl",
        "glibc",
        "uclibc",
        "bookworm",
        "bullseye",
        "buster",
        "stretch",
        "trixie",
        "jammy",
        "focal",
        "noble",
        "bionic",
        "xenial",
        "perl",
        "otel",
        "threaded",
        "rc",
        "beta",
        "alpha",
        "jdk",
        "jre",
        "temurin",
        "devel",
        "minimal",
        "git",
        "curl",
        "rolling",
        "ubi",
        "debian",
        "ubuntu",
        "windowsservercore",
        "nanoserver",
        "amd64",
        "arm64",
        "v",
    ];
    tag.split(['-', '_', '.']).all(|word| {
        let stem = word.trim_end_matches(|c: char| c.is_ascii_digit());
        stem.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) || WORDS.contains(&stem)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_policy_defaults_follow_the_tag() {
        let cases = [
            ("busybox:1.35", "IfNotPresent"),
            ("busybox", "Always"),
            ("my-app:latest", "Always"),
            ("registry.local:5000/app", "Always"),
            ("registry.local:5000/app:v1", "IfNotPresent"),
            ("busybox@sha256:abc", "IfNotPresent"),
        ];
        for (image, policy) in cases {
            assert_eq!(default_pull_policy(image), policy, "{image}");
        }
    }

    #[test]
    fn references_are_qualified_like_containerd() {
        assert_eq!(
            full_reference("busybox:1.35"),
            "docker.io/library/busybox:1.35"
        );
        assert_eq!(full_reference("my-app"), "docker.io/library/my-app:latest");
        assert_eq!(
            full_reference("bitnami/kubectl:1.30"),
            "docker.io/bitnami/kubectl:1.30"
        );
        assert_eq!(full_reference("ghcr.io/org/tool:v2"), "ghcr.io/org/tool:v2");
    }

    #[test]
    fn pulls_fail_as_containerd_reports_them() {
        let not_found = "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/busybox:does-not-exist\": failed to resolve reference \"docker.io/library/busybox:does-not-exist\": docker.io/library/busybox:does-not-exist: not found";
        let denied = "failed to pull and unpack image \"docker.io/library/my-app:latest\": failed to resolve reference \"docker.io/library/my-app:latest\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed";
        let missing_repo = "failed to pull and unpack image \"docker.io/non-existing-repo/non-existing-image:example\": failed to resolve reference \"docker.io/non-existing-repo/non-existing-image:example\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed";
        let cases: [(&str, Result<u64, &str>); 11] = [
            (
                "non-existing-repo/non-existing-image:example",
                Err(missing_repo),
            ),
            ("busybox:1.35", Ok(2_155_574)),
            ("busybox", Ok(2_155_574)),
            ("python:3.12-slim-bookworm", Ok(412_345_678)),
            ("nginx:stable-alpine3.20", Ok(72_195_292)),
            ("ubuntu:22.04", Ok(29_754_290)),
            ("busybox:1.36.1-musl", Ok(2_155_574)),
            ("busybox:does-not-exist", Err(not_found)),
            ("my-app:latest", Err(denied)),
            ("myorg/worker:any-tag", Ok(52_428_800)),
            ("busybox@sha256:abc", Ok(2_155_574)),
        ];
        for (image, want) in cases {
            assert_eq!(pull_result(image), want.map_err(str::to_string), "{image}");
        }
    }

    #[test]
    fn go_durations_print_like_time_duration() {
        assert_eq!(go_duration(SimDuration::from_millis(1234)), "1.234s");
        assert_eq!(go_duration(SimDuration::from_millis(812)), "812ms");
        assert_eq!(go_duration(SimDuration::from_millis(2000)), "2s");
        assert_eq!(go_duration(SimDuration::from_millis(62_500)), "1m2.5s");
        assert_eq!(go_duration(SimDuration::from_millis(60_000)), "1m0s");
        assert_eq!(go_duration(SimDuration::from_millis(3_603_000)), "1h0m3s");
        assert_eq!(go_duration(SimDuration::from_millis(210_215)), "3m30.215s");
    }
}
