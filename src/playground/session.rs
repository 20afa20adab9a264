//! One run of the simulated cluster with time travel: the [`Cluster`], the user's inputs
//! recorded at their simulated instants, and periodic snapshots (clones) so any earlier
//! moment can be shown again by restoring the nearest snapshot and replaying
//! deterministically. All work is done in bounded slices (a budget of wake-ups), so the
//! page never blocks on a long run.

use crate::kubectl::terminal::Terminal;
use crate::kubectl::{self, Env, Output};
use crate::sim::Cluster;
use crate::sim::clock::{SimDuration, SimTime};
use crate::sim::config::ClusterConfig;

/// Something the user did to the cluster, replayed at the same instant on every rerun.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// `kubectl apply -f FILE` of a file as it read at that moment.
    Apply { file_name: String, text: String },
    /// A terminal line (or a scenario button's equivalent line) that changed the cluster,
    /// with the editor's files as they read then (for `kubectl apply -f NAME`). Replayed in a
    /// fresh terminal: shell variables set on earlier lines are not carried over.
    Kubectl {
        line: String,
        files: Vec<(String, String)>,
    },
}

/// An input and when it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    pub at: SimTime,
    pub input: Input,
}

#[derive(Clone, Debug)]
struct Snapshot {
    cluster: Cluster,
    /// How many recorded inputs the snapshot already contains.
    applied: usize,
}

/// A snapshot is taken after this many wake-ups of work, or four per pod if that is more:
/// going back replays at most that much, and a clone (which costs about one pass over the
/// pods) stays a small share of the work. Idle time costs nothing to replay.
const SNAPSHOT_WORK: u64 = 4_000;
/// More snapshots than this and every other one is dropped (the spacing doubles).
const MAX_SNAPSHOTS: usize = 64;
/// How far "the end" may be: a run that never settles stops this far ahead.
pub const END_LIMIT: SimDuration = SimDuration::from_secs(24 * 3600);

/// Whether a slice of work reached its goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    Reached,
    /// The budget ran out first; call again to go on.
    Pending,
}

/// The cluster, its inputs and its snapshots.
#[derive(Clone, Debug)]
pub struct Session {
    config: ClusterConfig,
    seed: u64,
    cluster: Cluster,
    inputs: Vec<Recorded>,
    applied: usize,
    snapshots: Vec<Snapshot>,
    /// The furthest instant this run has been simulated to.
    horizon: SimTime,
    work_at_last_snapshot: u64,
    /// [`SNAPSHOT_WORK`], lowered by tests to exercise many snapshots.
    snapshot_work: u64,
}

impl Session {
    /// A fresh cluster from `config` and `seed`, nothing applied, at time zero.
    pub fn new(config: ClusterConfig, seed: u64) -> Session {
        let cluster = Cluster::new(config.clone(), seed);
        Session {
            snapshots: vec![Snapshot {
                cluster: cluster.clone(),
                applied: 0,
            }],
            config,
            seed,
            cluster,
            inputs: Vec::new(),
            applied: 0,
            horizon: SimTime::ZERO,
            work_at_last_snapshot: 0,
            snapshot_work: SNAPSHOT_WORK,
        }
    }

    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The cluster for commands that write (kubectl's engine takes `&mut`).
    pub(crate) fn cluster_mut(&mut self) -> &mut Cluster {
        &mut self.cluster
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn now(&self) -> SimTime {
        self.cluster.now()
    }

    /// The furthest instant reached so far (the scrubber's end).
    pub fn horizon(&self) -> SimTime {
        self.horizon.max(self.cluster.now())
    }

    /// The inputs of this run, in order.
    pub fn inputs(&self) -> &[Recorded] {
        &self.inputs
    }

    /// Applies `text` as `kubectl apply -f FILE_NAME` at the current instant and records it.
    /// Anything recorded after this instant (from before a scrub back) is dropped: the run
    /// branches here.
    pub fn apply(&mut self, file_name: &str, text: &str) -> Output {
        let now = self.cluster.now();
        self.inputs.truncate(self.applied);
        self.snapshots
            .retain(|s| s.cluster.now() <= now && s.applied <= self.applied);
        self.horizon = now;
        let input = Input::Apply {
            file_name: file_name.to_string(),
            text: text.to_string(),
        };
        let output = run_input(&mut self.cluster, &input);
        self.inputs.push(Recorded { at: now, input });
        self.applied = self.inputs.len();
        output
    }

    /// Runs one terminal line in `terminal` against the live cluster at the current instant
    /// and returns what it printed and whether it was recorded. A line that changed the cluster (a write, a cordon, time
    /// moved by `sleep`) is recorded as an [`Input::Kubectl`] at the instant it started, so
    /// replays, scrubbing and share links reproduce it; reads are not recorded. Like
    /// [`Session::apply`], a recorded line drops what was recorded after this instant.
    pub fn kubectl(
        &mut self,
        terminal: &mut Terminal,
        line: &str,
        files: &[(String, String)],
    ) -> (String, bool) {
        let now = self.cluster.now();
        let before = fingerprint(&self.cluster);
        let output = terminal.run_line(&mut self.cluster, line);
        let changed = fingerprint(&self.cluster) != before;
        if changed {
            self.inputs.truncate(self.applied);
            self.snapshots
                .retain(|s| s.cluster.now() <= now && s.applied <= self.applied);
            self.horizon = now;
            self.inputs.push(Recorded {
                at: now,
                input: Input::Kubectl {
                    line: line.to_string(),
                    files: files.to_vec(),
                },
            });
            self.applied = self.inputs.len();
            self.note_progress();
        }
        (output, changed)
    }

    /// Starts a run from recorded inputs (a share link): a fresh cluster with `seed`, the
    /// inputs replayed at their instants as [`Session::advance`] reaches them.
    pub fn from_inputs(config: ClusterConfig, seed: u64, inputs: Vec<Recorded>) -> Session {
        let mut session = Session::new(config, seed);
        session.inputs = inputs;
        session
    }

    /// Reruns the same inputs from time zero with another seed, back to the same instant
    /// (in slices: call [`Session::advance`] until it is reached).
    pub fn reseed(&mut self, seed: u64) -> SimTime {
        let target = self.cluster.now();
        let inputs = std::mem::take(&mut self.inputs);
        *self = Session::new(self.config.clone(), seed);
        self.inputs = inputs;
        target
    }

    /// Starts over: same seed, nothing applied.
    pub fn reset(&mut self) {
        *self = Session::new(self.config.clone(), self.seed);
    }

    /// When the next thing happens: a wake-up of the cluster or a recorded input.
    pub fn next_event_at(&self) -> Option<SimTime> {
        let input = self.inputs.get(self.applied).map(|r| r.at);
        match (self.cluster.next_event_at(), input) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// True when every Job has finished and no recorded input is still ahead.
    pub fn is_settled(&self) -> bool {
        self.applied == self.inputs.len() && self.cluster.is_settled()
    }

    /// Moves to `target`, doing at most about `budget` wake-ups of work.
    pub fn advance(&mut self, target: SimTime, budget: u64) -> Progress {
        let start_work = self.cluster.wakeups_processed();
        loop {
            if self.cluster.wakeups_processed() - start_work >= budget {
                return Progress::Pending;
            }
            let Some(at) = self.next_event_at().filter(|at| *at <= target) else {
                self.cluster.run_until(target);
                self.note_progress();
                return Progress::Reached;
            };
            self.step_at(at);
        }
    }

    /// Runs the next instant at which anything happens; returns it (`None`: nothing left).
    pub fn step(&mut self) -> Option<SimTime> {
        let at = self.next_event_at()?;
        self.step_at(at);
        Some(at)
    }

    /// Runs until the run settles (or nothing is scheduled, or [`END_LIMIT`] from `from`),
    /// with at most about `budget` wake-ups of work.
    pub fn advance_to_end(&mut self, from: SimTime, budget: u64) -> Progress {
        let limit = from + END_LIMIT;
        let start_work = self.cluster.wakeups_processed();
        loop {
            if self.is_settled() {
                return Progress::Reached;
            }
            match self.next_event_at() {
                Some(at) if at <= limit => self.step_at(at),
                _ => return Progress::Reached,
            }
            if self.cluster.wakeups_processed() - start_work >= budget {
                return Progress::Pending;
            }
        }
    }

    /// Goes back to `target` (at or before now): restores the nearest earlier snapshot. The
    /// caller then [`Session::advance`]s to `target`.
    pub fn rewind(&mut self, target: SimTime) {
        if target >= self.cluster.now() {
            return;
        }
        self.horizon = self.horizon();
        let snapshot = self
            .snapshots
            .iter()
            .rev()
            .find(|s| s.cluster.now() <= target)
            .unwrap_or(&self.snapshots[0]);
        self.cluster = snapshot.cluster.clone();
        self.applied = snapshot.applied;
        self.work_at_last_snapshot = self.cluster.wakeups_processed();
    }

    /// Runs the cluster's wake-ups at `at` and the inputs recorded for that instant, in the
    /// order they first happened (the cluster's events up to `at` first).
    fn step_at(&mut self, at: SimTime) {
        self.cluster.run_until(at);
        while let Some(recorded) = self.inputs.get(self.applied).filter(|r| r.at <= at) {
            let input = recorded.input.clone();
            run_input(&mut self.cluster, &input);
            self.applied += 1;
        }
        self.note_progress();
    }

    /// Updates the horizon and takes a snapshot when enough has happened since the last.
    fn note_progress(&mut self) {
        let now = self.cluster.now();
        self.horizon = self.horizon.max(now);
        let work = self.cluster.wakeups_processed();
        let last = self
            .snapshots
            .last()
            .map_or(SimTime::ZERO, |s| s.cluster.now());
        let every = self.snapshot_work.max(4 * self.cluster.pods().len() as u64);
        let due = work.saturating_sub(self.work_at_last_snapshot) >= every;
        if !due || now <= last {
            return;
        }
        self.work_at_last_snapshot = work;
        self.snapshots.push(Snapshot {
            cluster: self.cluster.clone(),
            applied: self.applied,
        });
        if self.snapshots.len() > MAX_SNAPSHOTS {
            let mut i = 0;
            self.snapshots.retain(|_| {
                i += 1;
                i % 2 == 1
            });
        }
    }
}

/// What a terminal line may change: the store's writes, deletions, events, the clock
/// (`sleep`), the wake-ups it scheduled and cordons.
fn fingerprint(cluster: &Cluster) -> (u64, SimTime, [usize; 5], Option<SimTime>, Vec<bool>) {
    let jobs = cluster.job_records();
    let pods = cluster.pods();
    (
        cluster.next_serial,
        cluster.now(),
        [
            jobs.iter().filter(|j| j.removed.is_some()).count(),
            jobs.iter().filter(|j| j.meta.deletion.is_some()).count(),
            pods.iter().filter(|p| p.removed.is_some()).count(),
            pods.iter().filter(|p| p.meta.deletion.is_some()).count(),
            cluster.events().len(),
        ],
        cluster.next_event_at(),
        cluster.nodes().iter().map(|n| n.unschedulable).collect(),
    )
}

/// Runs one input against the cluster, as the user's click did.
fn run_input(cluster: &mut Cluster, input: &Input) -> Output {
    match input {
        Input::Kubectl { line, files } => {
            let mut terminal = Terminal::default();
            for (name, text) in files {
                terminal.put_file(name, text);
            }
            let stdout = terminal.run_line(cluster, line);
            Output {
                stdout,
                ..Output::default()
            }
        }
        Input::Apply { file_name, text } => {
            let files = crate::sort::map_of([(file_name.clone(), text.clone())]);
            let env = Env {
                files: Some(&files),
                stdin: "",
            };
            let args = ["apply", "-f", file_name.as_str()].map(String::from);
            kubectl::execute(cluster, &env, &args).output
        }
    }
}

#[cfg(test)]
mod tests;
