//! The teaching half of the playground: the terminal, the timeline chart, the runnable guide,
//! share links and scenario buttons. Its actions ([`TeachAction`]) are reduced here; every
//! kubectl line — typed, from the guide or from a scenario button — goes through
//! [`Console::run`](super::console::Console::run), so lines that change the cluster are
//! recorded in the session and come back in replays and share links.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::chart::{self, Window, Zoom};
use super::clock::{SPEEDS, Speed};
use super::console::ConsoleKey;
use super::session::{Input, Recorded, Session};
use super::share::{self, Shared};
use super::{Effect, State, guide};
use crate::sim::clock::SimTime;
use crate::sim::config::ClusterConfig;

/// The panels below the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Panel {
    Terminal,
    Timeline,
    Guide,
}

impl Panel {
    /// Every panel, in the order the page shows them.
    pub const ALL: [Panel; 3] = [Panel::Terminal, Panel::Timeline, Panel::Guide];

    /// The panel's name (its button, and its name in share links).
    pub fn name(self) -> &'static str {
        match self {
            Panel::Terminal => "Terminal",
            Panel::Timeline => "Timeline",
            Panel::Guide => "Guide",
        }
    }

    fn from_name(name: &str) -> Option<Panel> {
        Panel::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

/// What the teaching panels can be asked to do.
#[derive(Clone, Debug, PartialEq)]
pub enum TeachAction {
    TogglePanel(Panel),
    OpenPanel(Panel),
    /// The terminal's input box changed.
    TerminalInput(String),
    /// Run a line in the terminal (Enter, a guide's Run, a scenario button); opens it.
    RunLine(String),
    /// Put a line into the terminal's input without running it (a guide command with a
    /// `<job-name>` placeholder to fill in).
    TypeLine(String),
    TerminalKey(ConsoleKey),
    /// Open a file in the editor (a guide YAML block's Load), keeping the one it replaces.
    LoadFile {
        file_name: String,
        text: String,
    },
    /// Show another of the known files in the editor.
    SwitchFile(String),
    Zoom(Zoom),
    /// Make a share link of the whole playground.
    Share,
    /// The link was (or could not be) copied to the clipboard.
    ShareCopied(bool),
    /// The "Copied" notice timed out.
    ShareNoticeDone,
    CloseShare,
    DismissNotice,
}

/// The share box: the link's fragment and whether it was copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareBox {
    /// `share=v1.…` (the page adds its own address and `#`).
    pub fragment: String,
    /// `Some(true)`: copied; `Some(false)`: the clipboard refused (select the field).
    pub copied: Option<bool>,
}

/// The Hands-On Exercises' checks, measured on the current cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checks {
    pub exercise1: Option<String>,
    pub exercise2: Option<String>,
}

/// Everything the teaching panels hold.
#[derive(Clone, Debug, Default)]
pub struct Teach {
    pub panels: BTreeSet<Panel>,
    pub console: super::console::Console,
    /// Files opened earlier (the editor's current file is in the editor).
    pub files: Vec<(String, String)>,
    pub window: Window,
    pub chart: Option<Rc<chart::Chart>>,
    pub checks: Rc<Checks>,
    pub share: Option<ShareBox>,
    /// A message for the user (a share link that could not be opened).
    pub notice: Option<String>,
}

impl Teach {
    /// Whether `panel` is open.
    pub fn is_open(&self, panel: Panel) -> bool {
        self.panels.contains(&panel)
    }
}

impl State {
    /// Every file the playground knows, the editor's current text included, in the order
    /// they were first opened.
    pub fn files(&self) -> Vec<(String, String)> {
        let mut files = self.teach.files.clone();
        let current = (self.editor.file_name.clone(), self.editor.text.clone());
        match files.iter_mut().find(|(name, _)| *name == current.0) {
            Some(slot) => *slot = current,
            None => files.push(current),
        }
        files
    }

    /// Opens `file_name` in the editor; the file it replaces is kept for `apply -f`.
    pub(super) fn open_file(&mut self, file_name: &str, text: &str) {
        self.teach.files = self.files();
        Rc::make_mut(&mut self.editor).replace(file_name, text);
    }

    /// Runs a kubectl line through the recorded path; starts the clock when it changed the
    /// cluster (as Apply does).
    pub(super) fn run_line(&mut self, line: &str) {
        self.teach.panels.insert(Panel::Terminal);
        let files = self.files();
        let changed = self.teach.console.run(&mut self.session, line, &files);
        if changed {
            self.tiles.clear();
            if !self.clock.playing {
                self.play();
            }
        }
    }

    /// Recomputes the chart and the exercise checks of the open panels.
    pub(super) fn refresh_teach(&mut self) {
        self.teach.chart = self.teach.is_open(Panel::Timeline).then(|| {
            let timeline = super::timeline::timeline(self.session.cluster(), chart::MAX_ROWS);
            Rc::new(chart::chart(&timeline, self.teach.window))
        });
        if self.teach.is_open(Panel::Guide) {
            let cluster = self.session.cluster();
            let checks = Checks {
                exercise1: guide::exercise1(cluster),
                exercise2: guide::exercise2(cluster),
            };
            if *self.teach.checks != checks {
                self.teach.checks = Rc::new(checks);
            }
        }
    }

    /// The whole playground as a share link's content.
    pub fn shared(&self) -> Shared {
        let files = self.files();
        let active = files
            .iter()
            .position(|(name, _)| *name == self.editor.file_name)
            .unwrap_or(0);
        let actions = self
            .session
            .inputs()
            .iter()
            .map(|r| share::Action {
                at_ms: r.at.as_millis(),
                line: input_line(&r.input, &files),
            })
            .collect();
        let speed = match SPEEDS[self.clock.speed].1 {
            Speed::Times(x) => x,
            Speed::AsFastAsPossible => 0.0,
        };
        Shared {
            files,
            active,
            seed: self.session.seed(),
            speed,
            actions,
            time_ms: self.session.now().as_millis(),
            panels: self
                .teach
                .panels
                .iter()
                .map(|p| p.name().to_lowercase())
                .collect(),
        }
    }

    /// A playground restored from a share link: its files, seed, speed and panels, its
    /// actions recorded at their instants, and a jump under way to the shared moment
    /// (finished by the following ticks).
    pub fn from_shared(shared: &Shared) -> State {
        let active = shared.active.min(shared.files.len().saturating_sub(1));
        let (file_name, text) = shared.files.get(active).cloned().unwrap_or_default();
        let mut state = State::new(&file_name, &text);
        state.teach.files = shared.files.clone();
        let inputs = shared
            .actions
            .iter()
            .map(|a| Recorded {
                at: SimTime::from_millis(a.at_ms),
                input: Input::Kubectl {
                    line: a.line.clone(),
                    files: shared.files.clone(),
                },
            })
            .collect();
        state.session = Session::from_inputs(ClusterConfig::default(), shared.seed, inputs);
        state.clock.speed = speed_index(shared.speed);
        state.teach.panels = shared
            .panels
            .iter()
            .filter_map(|p| Panel::from_name(p))
            .collect();
        state.seek(SimTime::from_millis(shared.time_ms));
        state.refresh();
        state
    }
}

/// The kubectl line that replays `input` over `files`: an Apply of a file that still reads
/// the same is `kubectl apply -f NAME`; one edited since is applied from a heredoc.
fn input_line(input: &Input, files: &[(String, String)]) -> String {
    match input {
        Input::Apply { file_name, text } => {
            if files.iter().any(|(n, t)| n == file_name && t == text) {
                format!("kubectl apply -f {file_name}")
            } else {
                let body = if text.ends_with('\n') {
                    text.clone()
                } else {
                    format!("{text}\n")
                };
                format!("cat <<'JOBSIM_EOF' | kubectl apply -f -\n{body}JOBSIM_EOF")
            }
        }
        Input::Kubectl { line, .. } => line.clone(),
    }
}

/// The offered speed closest to `speed` (0 or less: as fast as possible).
fn speed_index(speed: f64) -> usize {
    if speed <= 0.0 {
        return SPEEDS.len() - 1;
    }
    SPEEDS
        .iter()
        .enumerate()
        .filter_map(|(i, (_, s))| match s {
            Speed::Times(x) => Some((i, (x.ln() - speed.ln()).abs())),
            Speed::AsFastAsPossible => None,
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(super::clock::DEFAULT_SPEED, |(i, _)| i)
}

/// Applies one teaching action.
pub(super) fn reduce(state: &mut State, action: TeachAction) -> Vec<Effect> {
    let mut effects = Vec::new();
    match action {
        TeachAction::TogglePanel(panel) => {
            if !state.teach.panels.remove(&panel) {
                state.teach.panels.insert(panel);
            }
        }
        TeachAction::OpenPanel(panel) => {
            state.teach.panels.insert(panel);
        }
        TeachAction::TerminalInput(text) => {
            state.teach.console.input = text;
            return effects;
        }
        TeachAction::RunLine(line) => state.run_line(&line),
        TeachAction::TypeLine(line) => {
            state.teach.panels.insert(Panel::Terminal);
            state.teach.console.input = line;
            state.teach.console.input_revision += 1;
        }
        TeachAction::TerminalKey(key) => state.teach.console.key(&state.session, key),
        TeachAction::LoadFile { file_name, text } => {
            state.open_file(&file_name, &text);
            effects.push(Effect::SaveEditor {
                file_name: file_name.clone(),
                text: text.clone(),
            });
        }
        TeachAction::SwitchFile(file_name) => {
            let files = state.files();
            if let Some((name, text)) = files.iter().find(|(n, _)| *n == file_name) {
                state.open_file(name, text);
                effects.push(Effect::SaveEditor {
                    file_name: name.clone(),
                    text: text.clone(),
                });
            }
        }
        TeachAction::Zoom(zoom) => state.teach.window = state.teach.window.apply(zoom),
        TeachAction::Share => {
            let fragment = share::encode(&state.shared());
            effects.push(Effect::CopyLink {
                fragment: fragment.clone(),
            });
            state.teach.share = Some(ShareBox {
                fragment,
                copied: None,
            });
        }
        TeachAction::ShareCopied(copied) => {
            if let Some(share) = &mut state.teach.share {
                share.copied = Some(copied);
            }
        }
        TeachAction::ShareNoticeDone => {
            if let Some(share) = &mut state.teach.share {
                share.copied = None;
            }
        }
        TeachAction::CloseShare => state.teach.share = None,
        TeachAction::DismissNotice => state.teach.notice = None,
    }
    state.refresh();
    effects
}

/// A scenario button: its label and the kubectl line it runs (recorded like a typed one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub label: &'static str,
    pub line: String,
}

/// The disturbances offered for a selected Job or pod.
pub fn scenarios(selection: &super::details::Selection) -> Vec<Scenario> {
    use super::details::Selection;
    let scenario = |label, line: String| Scenario { label, line };
    match selection {
        Selection::Pod { namespace, name } => vec![
            scenario("Delete pod", format!("kubectl delete pod {name}")),
            // kubectl has no evict command: this is the Eviction API call `drain` makes.
            scenario(
                "Evict pod",
                format!(
                    "echo '{{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{{\"name\":\"{name}\"}}}}' \
                     | kubectl create --raw /api/v1/namespaces/{namespace}/pods/{name}/eviction -f -"
                ),
            ),
        ],
        Selection::Job { name, .. } => vec![
            scenario(
                "Suspend job",
                format!("kubectl patch job {name} -p '{{\"spec\":{{\"suspend\":true}}}}'"),
            ),
            scenario(
                "Resume job",
                format!("kubectl patch job {name} -p '{{\"spec\":{{\"suspend\":false}}}}'"),
            ),
            scenario("Delete job", format!("kubectl delete job {name}")),
        ],
    }
}

/// The disturbances offered for a node: cordon or uncordon, and drain.
pub fn node_scenarios(name: &str, cordoned: bool) -> Vec<Scenario> {
    let toggle = if cordoned {
        Scenario {
            label: "Uncordon",
            line: format!("kubectl uncordon {name}"),
        }
    } else {
        Scenario {
            label: "Cordon",
            line: format!("kubectl cordon {name}"),
        }
    };
    vec![
        toggle,
        Scenario {
            label: "Drain",
            line: format!("kubectl drain {name} --ignore-daemonsets --delete-emptydir-data"),
        },
    ]
}

#[cfg(test)]
mod tests;
