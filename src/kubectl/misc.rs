//! The small commands: `version`, `api-resources`, `help`, and global flags written before
//! the command (`kubectl -n kube-system get pods`).

use super::{Env, Execution, Output, execute};
use crate::sim::Cluster;

/// `kubectl help` (the commands jobsim answers, in kubectl's layout).
pub const HELP: &str = "kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin

Basic Commands (Intermediate):
  get             Display one or many resources
  delete          Delete resources by file names, stdin, resources and names, or by label selector

Cluster Management Commands:
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use \"kubectl <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// `kubectl version`.
pub fn version(cluster: &Cluster, _args: &[String]) -> Output {
    let v = &cluster.config().version;
    Output::ok(format!(
        "Client Version: {v}\nKustomize Version: v5.7.1\nServer Version: {v}\n"
    ))
}

/// `kubectl api-resources` for the resources jobsim serves.
pub fn api_resources(_args: &[String]) -> Output {
    Output::ok(
        "NAME         SHORTNAMES   APIVERSION   NAMESPACED   KIND
configmaps   cm           v1           true         ConfigMap
events       ev           v1           true         Event
namespaces   ns           v1           false        Namespace
nodes        no           v1           false        Node
pods         po           v1           true         Pod
secrets                   v1           true         Secret
cronjobs     cj           batch/v1     true         CronJob
jobs                      batch/v1     true         Job
"
        .to_string(),
    )
}

/// Flags with values that may come before the command.
const GLOBAL_WITH_VALUE: &[&str] = &[
    "-n",
    "--namespace",
    "--context",
    "--cluster",
    "--kubeconfig",
    "--user",
    "-v",
];

/// `kubectl -n NS get …`: moves the command word to the front and runs it.
pub fn global_flag_first(cluster: &mut Cluster, env: &Env<'_>, args: &[String]) -> Execution {
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        if !arg.starts_with('-') {
            let mut reordered = vec![arg.clone()];
            reordered.extend(args[..i].iter().cloned());
            reordered.extend(args[i + 1..].iter().cloned());
            return execute(cluster, env, &reordered);
        }
        i += if GLOBAL_WITH_VALUE.contains(&arg.as_str()) {
            2
        } else {
            1
        };
    }
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Output::ok(HELP.to_string()).into();
    }
    Output::ok(HELP.to_string()).into()
}
