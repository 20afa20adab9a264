//! The details panel of a selected Job or pod: `kubectl describe`, the container logs
//! (`kubectl logs`, with `--previous` for a restarted container) and the object's events,
//! all produced by the kubectl engine so they read exactly as in a terminal.

use std::rc::Rc;

use super::view::events::{EventRow, events};
use crate::kubectl::{self, Env};
use crate::sim::Cluster;

/// The object whose details are open.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Selection {
    Job { namespace: String, name: String },
    Pod { namespace: String, name: String },
}

impl Selection {
    /// `job/pi`, `pod/pi-abcde`: kubectl's TYPE/NAME, also the events filter's key.
    pub fn object(&self) -> String {
        match self {
            Selection::Job { name, .. } => format!("job/{name}"),
            Selection::Pod { name, .. } => format!("pod/{name}"),
        }
    }

    fn namespace(&self) -> &str {
        match self {
            Selection::Job { namespace, .. } | Selection::Pod { namespace, .. } => namespace,
        }
    }
}

/// Which part of the details is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DetailsTab {
    #[default]
    Describe,
    Logs,
    Events,
}

impl DetailsTab {
    pub const ALL: [DetailsTab; 3] = [DetailsTab::Describe, DetailsTab::Logs, DetailsTab::Events];

    pub fn label(self) -> &'static str {
        match self {
            DetailsTab::Describe => "Describe",
            DetailsTab::Logs => "Logs",
            DetailsTab::Events => "Events",
        }
    }
}

/// What the user picked in the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailsState {
    pub selection: Selection,
    pub tab: DetailsTab,
    /// The container whose logs are shown (`None`: the first app container).
    pub container: Option<String>,
    /// `kubectl logs --previous`.
    pub previous: bool,
}

/// A container of the selected pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerChoice {
    pub name: String,
    pub init: bool,
    pub restarts: i32,
}

/// The panel's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DetailsView {
    pub title: String,
    pub tab: DetailsTab,
    /// The command whose output is shown (`kubectl describe pod pi-abcde`).
    pub command: String,
    /// What it printed (stdout, then stderr).
    pub text: String,
    pub failed: bool,
    pub containers: Vec<ContainerChoice>,
    pub container: Option<String>,
    pub previous: bool,
    pub events: Vec<Rc<EventRow>>,
}

/// Runs the command the panel's tab shows and gathers the rest.
pub fn details(cluster: &mut Cluster, state: &DetailsState) -> DetailsView {
    let containers = containers(cluster, &state.selection);
    let container = state
        .container
        .clone()
        .filter(|c| containers.iter().any(|k| &k.name == c))
        .or_else(|| containers.iter().find(|c| !c.init).map(|c| c.name.clone()));
    let ns = state.selection.namespace().to_string();
    let mut args: Vec<String> = match (&state.tab, &state.selection) {
        (DetailsTab::Logs, Selection::Pod { name, .. }) => {
            let mut args = vec!["logs".to_string(), name.clone()];
            if let Some(c) = &container {
                args.extend(["-c".to_string(), c.clone()]);
            }
            if state.previous {
                args.push("--previous".to_string());
            }
            args
        }
        (DetailsTab::Logs, Selection::Job { name, .. }) => {
            vec!["logs".to_string(), format!("job/{name}")]
        }
        (_, Selection::Job { name, .. }) => {
            vec!["describe".to_string(), "job".to_string(), name.clone()]
        }
        (_, Selection::Pod { name, .. }) => {
            vec!["describe".to_string(), "pod".to_string(), name.clone()]
        }
    };
    if ns != "default" {
        args.extend(["-n".to_string(), ns]);
    }
    let (text, failed) = if state.tab == DetailsTab::Events {
        (String::new(), false)
    } else {
        let output = kubectl::execute(cluster, &Env::default(), &args).output;
        let failed = output.exit_code != 0;
        (output.merged(), failed)
    };
    let events = if state.tab == DetailsTab::Events {
        events(cluster, Some(&state.selection.object())).rows
    } else {
        Vec::new()
    };
    DetailsView {
        title: state.selection.object(),
        tab: state.tab,
        command: format!("kubectl {}", args.join(" ")),
        text,
        failed,
        containers,
        container,
        previous: state.previous,
        events,
    }
}

/// The containers of a selected pod (init containers first), with their restarts.
fn containers(cluster: &Cluster, selection: &Selection) -> Vec<ContainerChoice> {
    let Selection::Pod { namespace, name } = selection else {
        return Vec::new();
    };
    let Some(id) = cluster.find_pod(namespace, name) else {
        return Vec::new();
    };
    let pod = cluster.pod(id);
    let restarts = |statuses: &[crate::objects::ContainerStatus], name: &str| {
        statuses
            .iter()
            .find(|s| s.name == name)
            .map_or(0, |s| s.restart_count)
    };
    let init = pod
        .spec
        .init_containers
        .iter()
        .flatten()
        .map(|c| ContainerChoice {
            name: c.name.clone(),
            init: true,
            restarts: restarts(&pod.status.init_container_statuses, &c.name),
        });
    let app = pod.spec.containers.iter().map(|c| ContainerChoice {
        name: c.name.clone(),
        init: false,
        restarts: restarts(&pod.status.container_statuses, &c.name),
    });
    init.chain(app).collect()
}
