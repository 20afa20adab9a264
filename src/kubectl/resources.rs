//! Resource types as kubectl's RESTMapper knows them: every spelling a user may type
//! (`job`, `jobs`, `job.batch`, `po`, `ev`…), and the names, kinds and groups kubectl prints.

/// The resource types jobsim serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Resource {
    Pods,
    Jobs,
    Events,
    Nodes,
    ConfigMaps,
    Secrets,
    CronJobs,
    Namespaces,
}

impl Resource {
    /// The plural resource name (`jobs`).
    pub fn plural(self) -> &'static str {
        match self {
            Resource::Pods => "pods",
            Resource::Jobs => "jobs",
            Resource::Events => "events",
            Resource::Nodes => "nodes",
            Resource::ConfigMaps => "configmaps",
            Resource::Secrets => "secrets",
            Resource::CronJobs => "cronjobs",
            Resource::Namespaces => "namespaces",
        }
    }

    /// `jobs.batch`, `pods`: how API errors name the resource.
    pub fn qualified(self) -> &'static str {
        match self {
            Resource::Jobs => "jobs.batch",
            Resource::CronJobs => "cronjobs.batch",
            other => other.plural(),
        }
    }

    /// `job.batch`, `pod`: the prefix of `-o name` and of mutation messages.
    pub fn singular_qualified(self) -> &'static str {
        match self {
            Resource::Pods => "pod",
            Resource::Jobs => "job.batch",
            Resource::Events => "event",
            Resource::Nodes => "node",
            Resource::ConfigMaps => "configmap",
            Resource::Secrets => "secret",
            Resource::CronJobs => "cronjob.batch",
            Resource::Namespaces => "namespace",
        }
    }

    /// `Resource=jobs` in kubectl's `"batch/v1, Resource=jobs"` spelling.
    pub fn group_version(self) -> &'static str {
        match self {
            Resource::Jobs | Resource::CronJobs => "batch/v1",
            Resource::Events => "v1",
            _ => "/v1",
        }
    }

    /// Nodes and namespaces live outside namespaces.
    pub fn is_namespaced(self) -> bool {
        !matches!(self, Resource::Nodes | Resource::Namespaces)
    }
}

/// Resolves what a user typed (`jobs`, `job.batch`, `po`) to a resource.
pub fn resolve(text: &str) -> Option<Resource> {
    let lower = text.to_ascii_lowercase();
    let (name, group) = match lower.split_once('.') {
        Some((n, g)) => (n.to_string(), Some(g.to_string())),
        None => (lower, None),
    };
    let resource = match name.as_str() {
        "po" | "pod" | "pods" => Resource::Pods,
        "job" | "jobs" => Resource::Jobs,
        "ev" | "event" | "events" => Resource::Events,
        "no" | "node" | "nodes" => Resource::Nodes,
        "cm" | "configmap" | "configmaps" => Resource::ConfigMaps,
        "secret" | "secrets" => Resource::Secrets,
        "cj" | "cronjob" | "cronjobs" => Resource::CronJobs,
        "ns" | "namespace" | "namespaces" => Resource::Namespaces,
        _ => return None,
    };
    match group.as_deref() {
        None => Some(resource),
        Some("batch") if matches!(resource, Resource::Jobs | Resource::CronJobs) => Some(resource),
        Some("batch/v1") if matches!(resource, Resource::Jobs | Resource::CronJobs) => {
            Some(resource)
        }
        Some("v1") if !matches!(resource, Resource::Jobs | Resource::CronJobs) => Some(resource),
        _ => None,
    }
}

/// What the resource arguments of `get`/`describe`/`delete` ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// (resource, names) groups in the order given; empty names mean "all".
    pub groups: Vec<(Resource, Vec<String>)>,
    /// `get all` was asked for (`pods` and `jobs` here).
    pub all: bool,
}

/// Parses `TYPE [NAME...]`, `TYPE/NAME...` and `TYPE1,TYPE2`, with kubectl's errors.
pub fn parse_request(args: &[String]) -> Result<Request, String> {
    let Some(first) = args.first() else {
        return Err("you must specify the type of resource to get".to_string());
    };
    if args.iter().any(|a| a.contains('/')) {
        let mut groups: Vec<(Resource, Vec<String>)> = Vec::new();
        for arg in args {
            let Some((kind, name)) = arg.split_once('/') else {
                return Err("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".to_string());
            };
            let resource = resolve(kind)
                .ok_or_else(|| format!("the server doesn't have a resource type \"{kind}\""))?;
            if name.is_empty() {
                return Err(
                    "arguments in resource/name form must have a single resource and name"
                        .to_string(),
                );
            }
            match groups.iter_mut().find(|(r, _)| *r == resource) {
                Some((_, names)) => names.push(name.to_string()),
                None => groups.push((resource, vec![name.to_string()])),
            }
        }
        return Ok(Request { groups, all: false });
    }
    let mut groups = Vec::new();
    let mut all = false;
    for kind in first.split(',') {
        if kind == "all" {
            all = true;
            // `all` in kubectl's order: pods, (services, workloads…), cronjobs, jobs.
            groups.push((Resource::Pods, Vec::new()));
            groups.push((Resource::CronJobs, Vec::new()));
            groups.push((Resource::Jobs, Vec::new()));
            continue;
        }
        let resource = resolve(kind)
            .ok_or_else(|| format!("the server doesn't have a resource type \"{kind}\""))?;
        groups.push((resource, Vec::new()));
    }
    let names: Vec<String> = args[1..].to_vec();
    if !names.is_empty() {
        if groups.len() > 1 {
            return Err("you must specify only one resource".to_string());
        }
        groups[0].1 = names;
    }
    Ok(Request { groups, all })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn every_spelling_resolves() {
        for text in [
            "job",
            "jobs",
            "JOBS",
            "job.batch",
            "jobs.batch",
            "jobs.batch/v1",
        ] {
            assert_eq!(resolve(text), Some(Resource::Jobs), "{text}");
        }
        for text in ["po", "pod", "pods", "pods.v1"] {
            assert_eq!(resolve(text), Some(Resource::Pods), "{text}");
        }
        assert_eq!(resolve("jbos"), None);
        assert_eq!(resolve("pods.batch"), None);
    }

    #[test]
    fn requests_parse_like_kubectl() {
        let r = parse_request(&args("job pi")).unwrap();
        assert_eq!(r.groups, [(Resource::Jobs, vec!["pi".to_string()])]);
        let r = parse_request(&args("job/pi pod/x job/y")).unwrap();
        assert_eq!(
            r.groups,
            [
                (Resource::Jobs, vec!["pi".into(), "y".into()]),
                (Resource::Pods, vec!["x".into()])
            ]
        );
        let r = parse_request(&args("jobs,pods")).unwrap();
        assert_eq!(r.groups.len(), 2);
        assert!(parse_request(&args("all")).unwrap().all);
        assert_eq!(
            parse_request(&args("jbos")).unwrap_err(),
            "the server doesn't have a resource type \"jbos\""
        );
    }
}
