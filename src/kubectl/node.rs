//! `kubectl cordon`, `uncordon` and `drain`: marking nodes unschedulable and evicting their
//! pods through the Eviction API (which gives them the `DisruptionTarget` condition).

use super::flags::{self, Spec, flag, value};
use super::{Continuation, Execution, Output, usage_error};
use crate::objects::PodId;
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    flag("ignore-daemonsets", None),
    flag("delete-emptydir-data", None),
    flag("delete-local-data", None),
    flag("force", None),
    value("grace-period", None),
    value("timeout", None),
    value("selector", Some('l')),
    value("pod-selector", None),
    flag("disable-eviction", None),
    value("dry-run", None),
];

fn node_index(cluster: &Cluster, name: &str) -> Result<usize, Output> {
    cluster
        .nodes()
        .iter()
        .position(|n| n.name == name)
        .ok_or_else(|| {
            Output::server(format!(
                "Error from server (NotFound): nodes \"{name}\" not found"
            ))
        })
}

/// `kubectl cordon NODE` (`cordon` true) or `kubectl uncordon NODE`.
pub fn cordon(cluster: &mut Cluster, args: &[String], cordon: bool) -> Output {
    let command = if cordon { "cordon" } else { "uncordon" };
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error(command, &e),
    };
    let [name] = parsed.args.as_slice() else {
        return Output::error(format!(
            "USAGE: {command} NODE [flags]\nSee '{command} -h' for help and examples"
        ));
    };
    let node = match node_index(cluster, name) {
        Ok(n) => n,
        Err(e) => return e,
    };
    let changed = cluster.set_unschedulable(node, cordon);
    let word = if cordon { "cordoned" } else { "uncordoned" };
    if changed {
        Output::ok(format!("node/{name} {word}\n"))
    } else {
        Output::ok(format!("node/{name} already {word}\n"))
    }
}

/// `kubectl drain NODE`: cordon, then evict every pod on it and wait for them to go.
pub fn drain(cluster: &mut Cluster, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("drain", &e).into(),
    };
    let [name] = parsed.args.as_slice() else {
        return Output::error("USAGE: drain NODE [flags]\nSee 'drain -h' for help and examples")
            .into();
    };
    let node = match node_index(cluster, name) {
        Ok(n) => n,
        Err(e) => return e.into(),
    };
    let pods: Vec<PodId> = cluster
        .pods()
        .iter()
        .filter(|p| {
            p.removed.is_none()
                && p.node_name.as_deref() == Some(name.as_str())
                && p.meta.deletion.is_none()
        })
        .filter(|p| !p.status.phase.is_terminal())
        .map(|p| p.id)
        .collect();
    let with_local_storage: Vec<String> = pods
        .iter()
        .map(|id| cluster.pod(*id))
        .filter(|p| {
            p.spec
                .volumes
                .iter()
                .flatten()
                .any(|v| v.empty_dir.is_some())
        })
        .map(|p| format!("{}/{}", p.meta.namespace, p.meta.name))
        .collect();
    let mut output = Output::default();
    let changed = cluster.set_unschedulable(node, true);
    output.stdout.push_str(&format!(
        "node/{name} {}\n",
        if changed {
            "cordoned"
        } else {
            "already cordoned"
        }
    ));
    let allowed = parsed.bool("delete-emptydir-data") || parsed.bool("delete-local-data");
    if !with_local_storage.is_empty() && !allowed {
        output.append(Output::error(format!(
            "unable to drain node \"{name}\" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): {}, continuing command...\nThere are pending nodes to be drained:\n {name}\ncannot delete Pods with local storage (use --delete-emptydir-data to override): {}",
            with_local_storage.join(", "),
            with_local_storage.join(", ")
        )));
        return output.into();
    }
    for id in &pods {
        let p = cluster.pod(*id);
        output.stdout.push_str(&format!(
            "evicting pod {}/{}\n",
            p.meta.namespace, p.meta.name
        ));
    }
    for id in &pods {
        cluster.evict_pod(*id);
    }
    let pending = DrainWait {
        node: name.clone(),
        pods,
        reported: Vec::new(),
    };
    Execution {
        output,
        continuation: Some(Continuation::Drain(pending)),
    }
}

/// A drain waiting for its evicted pods to go.
#[derive(Clone, Debug)]
pub struct DrainWait {
    node: String,
    pods: Vec<PodId>,
    reported: Vec<PodId>,
}

impl DrainWait {
    /// Prints `pod/x evicted` as each pod goes, then `node/N drained`.
    pub fn poll(&mut self, cluster: &Cluster) -> super::Progress {
        let mut output = Output::default();
        for id in &self.pods {
            if cluster.pod(*id).removed.is_some() && !self.reported.contains(id) {
                self.reported.push(*id);
                output
                    .stdout
                    .push_str(&format!("pod/{} evicted\n", cluster.pod(*id).meta.name));
            }
        }
        let done = self.reported.len() == self.pods.len();
        if done {
            output
                .stdout
                .push_str(&format!("node/{} drained\n", self.node));
        }
        super::Progress { output, done }
    }
}
