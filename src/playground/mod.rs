//! The playground state machine behind the browser UI: target-independent, tested natively.
//!
//! The UI keeps one [`State`], sends it [`Action`]s through [`reduce`] and performs the
//! [`Effect`]s it returns (saving, later copying…); it renders the view models the state
//! holds. Every decision lives here, where `cargo test` reaches it; wall time only comes in
//! as numbers ([`Action::Tick`]).

pub mod boot;
pub mod chart;
pub mod clock;
pub mod console;
pub mod details;
pub mod editor;
pub mod embed;
pub mod examples;
pub mod format;
pub mod guide;
pub mod highlight;
pub mod replay;
pub mod session;
pub mod share;
pub mod teach;
pub mod timeline;
pub mod view;

use std::rc::Rc;

use crate::sim::clock::SimTime;
use crate::sim::config::ClusterConfig;
use clock::{Clock, Goal, SPEEDS};
use details::{DetailsState, DetailsTab, DetailsView, Selection};
use editor::Editor;
use session::{Progress, Session};
use view::events::EventsView;
use view::tiles::TileCache;
use view::{ClockView, ClusterView};

/// The seed a fresh playground runs with.
pub const DEFAULT_SEED: u64 = 1;
/// How many Apply results the page keeps.
const APPLY_LOG: usize = 5;
/// While time runs, the details panel and the events stream are refreshed at most this
/// often (wall milliseconds): faster is unreadable and costs frames.
const DETAILS_REFRESH_MS: f64 = 250.0;
const EVENTS_REFRESH_MS: f64 = 200.0;

/// What one Apply printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplyEntry {
    /// `+0.0s`: the simulated instant of the apply.
    pub at: String,
    pub command: String,
    /// stdout with the warnings written among it, in order.
    pub stdout: String,
    /// The errors, printed after everything else.
    pub stderr: String,
    pub ok: bool,
    /// The editor's errors with their lines, when the apply failed.
    pub problems: Vec<String>,
}

/// Everything the playground page holds.
#[derive(Clone, Debug)]
pub struct State {
    /// Shared with the view (cloned on write when the view still holds it).
    pub editor: Rc<Editor>,
    pub session: Session,
    pub clock: Clock,
    /// The latest Apply results, newest first.
    pub applies: Rc<Vec<ApplyEntry>>,
    pub details: Option<DetailsState>,
    pub details_view: Option<Rc<DetailsView>>,
    /// `kind/name` whose events the stream shows (all when `None`).
    pub event_filter: Option<String>,
    pub view: Rc<ClusterView>,
    pub events: Rc<EventsView>,
    /// The terminal, timeline, guide and share link.
    pub teach: teach::Teach,
    /// Bumped whenever something on screen changed (the UI re-renders on it).
    pub revision: u64,
    tiles: TileCache,
    details_refreshed_at: Option<f64>,
    events_refreshed_at: Option<f64>,
    teach_refreshed_at: Option<f64>,
}

impl Default for State {
    fn default() -> Self {
        State::new(examples::DEFAULT.file_name, examples::DEFAULT.yaml)
    }
}

/// What the user (or the page's animation frame) can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The user typed: the editor's new text.
    Edit(String),
    /// Load `examples::ALL[i]` into the editor.
    LoadExample(usize),
    /// Put back a file saved by an earlier visit.
    Restore {
        file_name: String,
        text: String,
    },
    /// `kubectl apply -f` the editor's file.
    Apply,
    Play,
    Pause,
    /// Run the next instant at which anything happens.
    Step,
    JumpToEnd,
    /// Index into [`clock::SPEEDS`].
    SetSpeed(usize),
    /// Go to this simulated millisecond (the scrubber).
    Seek(u64),
    /// Rerun from the start with this seed, back to the current instant.
    SetSeed(u64),
    NewSeed,
    /// Start over: an empty cluster, same seed, the editor untouched.
    Reset,
    /// An animation frame at this wall-clock time (milliseconds, any origin).
    Tick {
        wall_ms: f64,
    },
    /// Open (or close) the details of a Job or pod.
    Select(Option<Selection>),
    DetailsTab(DetailsTab),
    DetailsContainer(String),
    DetailsPrevious(bool),
    /// Show only the events about `kind/name` (all when `None`).
    FilterEvents(Option<String>),
    /// The terminal, timeline, guide, share links and scenario buttons.
    Teach(teach::TeachAction),
}

/// What the browser shell must do after an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Keep the editor's file across reloads.
    SaveEditor { file_name: String, text: String },
    /// Copy the page's address with this fragment (`share=v1.…`) to the clipboard, then
    /// report with [`teach::TeachAction::ShareCopied`].
    CopyLink { fragment: String },
}

impl State {
    /// A playground with `text` in the editor under `file_name`, an empty cluster, paused.
    pub fn new(file_name: &str, text: &str) -> State {
        let mut state = State {
            editor: Rc::new(Editor::new(file_name, text)),
            session: Session::new(ClusterConfig::default(), DEFAULT_SEED),
            clock: Clock::default(),
            applies: Rc::default(),
            details: None,
            details_view: None,
            event_filter: None,
            view: Rc::default(),
            events: Rc::default(),
            teach: teach::Teach::default(),
            revision: 0,
            tiles: TileCache::default(),
            details_refreshed_at: None,
            events_refreshed_at: None,
            teach_refreshed_at: None,
        };
        state.refresh();
        state
    }

    /// The time controls' numbers.
    pub fn clock_view(&self) -> ClockView {
        view::clock_view(&self.session, &self.clock)
    }

    /// Recomputes the view models after the cluster or a choice changed.
    fn refresh(&mut self) {
        self.refresh_view();
        self.refresh_events();
        self.refresh_details();
        self.refresh_teach();
        self.revision += 1;
    }

    fn refresh_view(&mut self) {
        self.view = Rc::new(view::cluster_view(
            &self.session,
            &mut self.tiles,
            self.details.as_ref().map(|d| &d.selection),
        ));
    }

    fn refresh_events(&mut self) {
        self.events = Rc::new(view::events::events(
            self.session.cluster(),
            self.event_filter.as_deref(),
        ));
    }

    fn refresh_details(&mut self) {
        self.details_view = self
            .details
            .as_ref()
            .map(|d| Rc::new(details::details(self.session.cluster_mut(), d)));
    }

    fn apply(&mut self) {
        let at = format::offset(self.session.now());
        let file_name = self.editor.file_name.clone();
        let mut output = self.session.apply(&file_name, &self.editor.text);
        let ok = output.exit_code == 0;
        // Warnings where kubectl prints them (before the line of their object); errors last.
        let stderr = std::mem::take(&mut output.stderr);
        let problems = if ok {
            Vec::new()
        } else {
            self.editor
                .problems
                .iter()
                .filter(|p| p.severity == crate::manifest::Severity::Error)
                .map(editor::Problem::located)
                .collect()
        };
        let applies = Rc::make_mut(&mut self.applies);
        applies.insert(
            0,
            ApplyEntry {
                at,
                command: format!("kubectl apply -f {file_name}"),
                stdout: output.merged(),
                stderr,
                ok,
                problems,
            },
        );
        applies.truncate(APPLY_LOG);
        if ok && !self.clock.playing {
            self.play();
        }
    }

    fn play(&mut self) {
        self.clock.playing = true;
        self.clock.restart_frames();
    }

    /// Starts a jump to `target`, doing the first slice of it right away.
    fn seek(&mut self, target: SimTime) {
        if target < self.session.now() {
            self.teach.console.interrupt();
            self.session.rewind(target);
            self.tiles.clear();
        }
        self.clock.goal = Some(Goal::At(target));
        if self.session.advance(target, self.clock.budget) == Progress::Reached {
            self.clock.goal = None;
        }
    }

    fn reseed(&mut self, seed: u64) {
        self.teach.console.interrupt();
        let target = self.session.reseed(seed);
        self.tiles.clear();
        self.seek(target);
    }
}

/// Applies one action; returns the effects for the shell. The editor text is never lost,
/// whatever the action does.
pub fn reduce(state: &mut State, action: Action) -> Vec<Effect> {
    let mut effects = Vec::new();
    let save = |editor: &Editor| Effect::SaveEditor {
        file_name: editor.file_name.clone(),
        text: editor.text.clone(),
    };
    match action {
        Action::Edit(text) => {
            if Rc::make_mut(&mut state.editor).set_text(text) {
                effects.push(save(&state.editor));
                state.revision += 1;
            }
            return effects;
        }
        Action::LoadExample(i) => {
            let Some(example) = examples::ALL.get(i) else {
                return effects;
            };
            state.open_file(example.file_name, example.yaml);
            effects.push(save(&state.editor));
            state.revision += 1;
            return effects;
        }
        Action::Restore { file_name, text } => {
            Rc::make_mut(&mut state.editor).replace(&file_name, &text);
            state.revision += 1;
            return effects;
        }
        Action::Tick { wall_ms } => {
            let before = (state.clock.playing, state.clock.goal);
            let moved = state.clock.tick(&mut state.session, wall_ms);
            if !moved && before == (state.clock.playing, state.clock.goal) {
                return effects;
            }
            state.refresh_view();
            let stopped = state.clock.goal.is_none() && !state.clock.playing;
            if stopped || due(state.events_refreshed_at, wall_ms, EVENTS_REFRESH_MS) {
                state.refresh_events();
                state.events_refreshed_at = Some(wall_ms);
            }
            if stopped || due(state.details_refreshed_at, wall_ms, DETAILS_REFRESH_MS) {
                state.refresh_details();
                state.details_refreshed_at = Some(wall_ms);
            }
            state.teach.console.poll(&state.session);
            if stopped || due(state.teach_refreshed_at, wall_ms, DETAILS_REFRESH_MS) {
                state.refresh_teach();
                state.teach_refreshed_at = Some(wall_ms);
            }
            state.revision += 1;
            return effects;
        }
        Action::Apply => state.apply(),
        Action::Play => state.play(),
        Action::Pause => {
            state.clock.playing = false;
            if matches!(state.clock.goal, Some(Goal::End { .. })) {
                state.clock.goal = None;
            }
        }
        Action::Step => {
            state.clock.playing = false;
            state.clock.goal = None;
            state.session.step();
        }
        Action::JumpToEnd => {
            state.clock.goal = Some(Goal::End {
                from: state.session.now(),
            });
            state.clock.restart_frames();
        }
        Action::SetSpeed(i) => state.clock.speed = i.min(SPEEDS.len() - 1),
        Action::Seek(ms) => {
            let target = SimTime::from_millis(ms.min(state.session.horizon().as_millis()));
            state.seek(target);
        }
        Action::SetSeed(seed) => state.reseed(seed),
        Action::NewSeed => {
            let seed = next_seed(state.session.seed());
            state.reseed(seed);
        }
        Action::Reset => {
            state.teach.console.interrupt();
            state.session.reset();
            state.clock.playing = false;
            state.clock.goal = None;
            state.applies = Rc::default();
            state.tiles.clear();
        }
        Action::Select(selection) => {
            state.details = selection.map(|selection| DetailsState {
                selection,
                tab: DetailsTab::default(),
                container: None,
                previous: false,
            });
        }
        Action::DetailsTab(tab) => {
            if let Some(d) = &mut state.details {
                d.tab = tab;
            }
        }
        Action::DetailsContainer(container) => {
            if let Some(d) = &mut state.details {
                d.container = Some(container);
                d.previous = false;
            }
        }
        Action::DetailsPrevious(previous) => {
            if let Some(d) = &mut state.details {
                d.previous = previous;
            }
        }
        Action::FilterEvents(filter) => state.event_filter = filter,
        Action::Teach(action) => return teach::reduce(state, action),
    }
    state.refresh();
    effects
}

/// Whether a throttled refresh last done at `last` is due again at `now` (wall ms).
fn due(last: Option<f64>, now: f64, every: f64) -> bool {
    last.is_none_or(|at| now - at >= every || now < at)
}

/// The seed "New seed" picks: a deterministic scramble of the current one (splitmix64),
/// kept to six digits so it is easy to read out and type.
pub fn next_seed(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    z % 1_000_000
}

#[cfg(test)]
mod tests;
