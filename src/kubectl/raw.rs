//! `kubectl create --raw URI -f FILE`: a POST of a raw body. jobsim serves the one raw POST a
//! learner uses on Jobs — the Eviction API (`pods/{name}/eviction`, what `kubectl drain`
//! sends per pod) — and answers like the API server: the response body on success, the
//! server's error otherwise (`pkg/registry/core/pod/storage/eviction.go`).

use super::flags::{self, Spec, value, values};
use super::{Env, Execution, Output, usage_error};
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[value("raw", None), values("filename", Some('f'))];

/// The success body of an eviction, as the API server encodes it.
const EVICTED: &str =
    r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}"#;

/// Runs `kubectl create --raw URI -f FILE|-`.
pub fn run(cluster: &mut Cluster, env: &Env<'_>, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("create", &e).into(),
    };
    let uri = parsed.value("raw").unwrap_or_default();
    let files = parsed.all("filename");
    if files.len() != 1 {
        return Output::error("--raw can only use a single local file or stdin").into();
    }
    let body = match env.read(&files[0]) {
        Ok((_, text)) => text,
        Err(error) => return error.into(),
    };
    let Some((namespace, name)) = eviction_target(uri) else {
        return Output::error(format!(
            "jobsim answers `create --raw` for the Eviction API only \
             (/api/v1/namespaces/NAMESPACE/pods/NAME/eviction), not {uri}"
        ))
        .into();
    };
    evict(cluster, namespace, name, &body).into()
}

/// `(namespace, pod)` of an eviction URI.
fn eviction_target(uri: &str) -> Option<(&str, &str)> {
    let path = uri.split('?').next()?.trim_end_matches('/');
    match path.split('/').collect::<Vec<_>>().as_slice() {
        ["", "api", "v1", "namespaces", ns, "pods", name, "eviction"]
            if !ns.is_empty() && !name.is_empty() =>
        {
            Some((ns, name))
        }
        _ => None,
    }
}

/// The Eviction API's create: decode the body, check it names the pod, evict.
fn evict(cluster: &mut Cluster, namespace: &str, name: &str, body: &str) -> Output {
    let eviction: serde_json::Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(e) => {
            return Output::server(format!(
                "Error from server (BadRequest): the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf ({e})"
            ));
        }
    };
    let Some(id) = cluster.find_pod(namespace, name) else {
        return Output::server(format!(
            "Error from server (NotFound): pods \"{name}\" not found"
        ));
    };
    let body_name = eviction
        .pointer("/metadata/name")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("");
    if body_name != name {
        return Output::server(
            "Error from server (BadRequest): name in URL does not match name in Eviction object",
        );
    }
    cluster.evict_pod(id);
    Output::ok(format!("{EVICTED}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pod_eviction_uris_are_served() {
        for (uri, want) in [
            (
                "/api/v1/namespaces/default/pods/pi-abcde/eviction",
                Some(("default", "pi-abcde")),
            ),
            (
                "/api/v1/namespaces/team/pods/x/eviction/",
                Some(("team", "x")),
            ),
            ("/api/v1/namespaces/default/pods/x", None),
            ("/apis/batch/v1/namespaces/default/jobs", None),
            ("/api/v1/namespaces//pods/x/eviction", None),
            ("", None),
        ] {
            assert_eq!(eviction_target(uri), want, "{uri}");
        }
    }
}
