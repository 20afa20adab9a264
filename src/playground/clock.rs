//! The playground's time controls: play/pause, speed, the goal of a jump (a scrub or "to the
//! end") and the per-frame work budget. Wall time comes in as numbers with each tick; this
//! module never reads a clock.

use super::session::{Progress, Session};
use crate::sim::clock::SimTime;

/// A playback speed: simulated seconds per wall-clock second, or as fast as the page can.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Speed {
    Times(f64),
    AsFastAsPossible,
}

/// The speeds offered, slowest first; the label is what the speed menu shows.
pub const SPEEDS: &[(&str, Speed)] = &[
    ("0.5×", Speed::Times(0.5)),
    ("1×", Speed::Times(1.0)),
    ("2×", Speed::Times(2.0)),
    ("5×", Speed::Times(5.0)),
    ("10×", Speed::Times(10.0)),
    ("30×", Speed::Times(30.0)),
    ("100×", Speed::Times(100.0)),
    ("300×", Speed::Times(300.0)),
    ("1000×", Speed::Times(1000.0)),
    ("As fast as possible", Speed::AsFastAsPossible),
];

/// The speed a fresh playground runs at (`1×`).
pub const DEFAULT_SPEED: usize = 1;

/// Where a jump is heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// A moment (from the scrubber, or a rerun with another seed).
    At(SimTime),
    /// Until the run settles.
    End { from: SimTime },
}

/// A frame longer than this counts as this long (a hidden tab, a debugger pause).
const MAX_FRAME_MS: f64 = 100.0;
/// Frames longer than this shrink the budget; shorter ones may grow it.
const SLOW_FRAME_MS: f64 = 20.0;
const FAST_FRAME_MS: f64 = 17.5;
const MIN_BUDGET: u64 = 100;
const MAX_BUDGET: u64 = 200_000;
pub const INITIAL_BUDGET: u64 = 3_000;

/// Playback state.
#[derive(Clone, Debug, PartialEq)]
pub struct Clock {
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    pub goal: Option<Goal>,
    /// Wake-ups of work allowed per frame, adapted to how long frames take.
    pub budget: u64,
    last_wall_ms: Option<f64>,
    /// Simulated milliseconds owed to the clock (fractions carried between frames).
    carry_ms: f64,
    /// The last frame used its whole budget (so a faster frame may afford more).
    budget_exhausted: bool,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            playing: false,
            speed: DEFAULT_SPEED,
            goal: None,
            budget: INITIAL_BUDGET,
            last_wall_ms: None,
            carry_ms: 0.0,
            budget_exhausted: false,
        }
    }
}

impl Clock {
    /// The current speed.
    pub fn speed(&self) -> Speed {
        SPEEDS.get(self.speed).map_or(Speed::Times(1.0), |s| s.1)
    }

    /// Whether the page should keep sending ticks.
    pub fn needs_ticks(&self) -> bool {
        self.playing || self.goal.is_some()
    }

    /// Forgets the last frame's wall time, so the next tick starts counting afresh.
    pub fn restart_frames(&mut self) {
        self.last_wall_ms = None;
        self.carry_ms = 0.0;
    }

    /// One animation frame at `wall_ms`: adapts the budget, works toward the goal or plays.
    /// Returns whether simulated state changed.
    pub fn tick(&mut self, session: &mut Session, wall_ms: f64) -> bool {
        let elapsed = match self.last_wall_ms {
            Some(last) if wall_ms.is_finite() => (wall_ms - last).clamp(0.0, MAX_FRAME_MS),
            _ => 0.0,
        };
        self.last_wall_ms = wall_ms.is_finite().then_some(wall_ms);
        self.adapt_budget(elapsed);
        let before = (session.now(), session.cluster().wakeups_processed());
        if let Some(goal) = self.goal {
            let progress = match goal {
                Goal::At(t) => session.advance(t, self.budget),
                Goal::End { from } => session.advance_to_end(from, self.budget),
            };
            self.budget_exhausted = progress == Progress::Pending;
            if progress == Progress::Reached {
                self.goal = None;
                if matches!(goal, Goal::End { .. }) {
                    self.playing = false;
                }
            }
        } else if self.playing {
            self.play_frame(session, elapsed);
        }
        before != (session.now(), session.cluster().wakeups_processed())
    }

    fn play_frame(&mut self, session: &mut Session, elapsed_ms: f64) {
        match self.speed() {
            Speed::Times(factor) => {
                self.carry_ms += elapsed_ms * factor;
                let whole = self.carry_ms.floor();
                self.carry_ms -= whole;
                let target = SimTime::from_millis(session.now().as_millis() + whole as u64);
                let progress = session.advance(target, self.budget);
                self.budget_exhausted = progress == Progress::Pending;
                if self.budget_exhausted {
                    // Behind real time: do not pile up a debt the page can never repay.
                    self.carry_ms = 0.0;
                }
            }
            Speed::AsFastAsPossible => {
                let from = session.now();
                let progress = session.advance_to_end(from, self.budget);
                self.budget_exhausted = progress == Progress::Pending;
                if progress == Progress::Reached {
                    self.playing = false;
                }
            }
        }
    }

    /// Multiplicative decrease when frames run long, gentle increase while they are short
    /// and the budget was the limit.
    fn adapt_budget(&mut self, elapsed_ms: f64) {
        if elapsed_ms <= 0.0 {
            return;
        }
        if elapsed_ms > SLOW_FRAME_MS {
            self.budget = (self.budget * 2 / 3).max(MIN_BUDGET);
        } else if elapsed_ms < FAST_FRAME_MS && self.budget_exhausted {
            self.budget = (self.budget + self.budget / 4).min(MAX_BUDGET);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::config::ClusterConfig;

    const SEQUENTIAL: &str = include_str!("../../static/examples/sequential-job.yaml");

    fn playing_session() -> (Clock, Session) {
        let mut session = Session::new(ClusterConfig::default(), 1);
        session.apply("seq.yaml", SEQUENTIAL);
        let clock = Clock {
            playing: true,
            ..Clock::default()
        };
        (clock, session)
    }

    #[test]
    fn one_times_speed_moves_the_clock_by_the_wall_time() {
        let (mut clock, mut session) = playing_session();
        clock.tick(&mut session, 1000.0);
        assert_eq!(
            session.now(),
            SimTime::ZERO,
            "the first frame only starts counting"
        );
        clock.tick(&mut session, 1016.0);
        clock.tick(&mut session, 1032.5);
        assert_eq!(session.now(), SimTime::from_millis(32));
    }

    #[test]
    fn speed_multiplies_and_fractions_carry_over() {
        let (mut clock, mut session) = playing_session();
        clock.speed = 0; // 0.5×
        for frame in 0..=10 {
            clock.tick(&mut session, f64::from(frame) * 3.0);
        }
        assert_eq!(session.now(), SimTime::from_millis(15));
    }

    #[test]
    fn a_paused_clock_holds_time() {
        let (mut clock, mut session) = playing_session();
        clock.playing = false;
        assert!(!clock.tick(&mut session, 0.0));
        assert!(!clock.tick(&mut session, 5000.0));
        assert_eq!(session.now(), SimTime::ZERO);
    }

    #[test]
    fn long_frames_count_as_short_ones() {
        let (mut clock, mut session) = playing_session();
        clock.tick(&mut session, 0.0);
        clock.tick(&mut session, 60_000.0);
        assert_eq!(session.now(), SimTime::from_millis(100));
    }

    #[test]
    fn slow_frames_shrink_the_budget_and_fast_ones_grow_it_back() {
        let (mut clock, mut session) = playing_session();
        clock.tick(&mut session, 0.0);
        clock.tick(&mut session, 50.0);
        assert_eq!(clock.budget, INITIAL_BUDGET * 2 / 3);
        clock.budget_exhausted = true;
        clock.speed = SPEEDS.len() - 1;
        clock.tick(&mut session, 60.0);
        assert!(clock.budget > INITIAL_BUDGET * 2 / 3);
    }

    #[test]
    fn as_fast_as_possible_runs_to_the_end_in_slices_then_pauses() {
        let (mut clock, mut session) = playing_session();
        clock.speed = SPEEDS.len() - 1;
        clock.budget = MIN_BUDGET;
        let mut frames = 0;
        let mut wall = 0.0;
        while clock.playing {
            wall += 16.0;
            clock.tick(&mut session, wall);
            frames += 1;
            assert!(frames < 10_000, "never settled");
        }
        assert!(session.is_settled());
        assert!(
            session.cluster().job_records()[0]
                .status
                .is_true("Complete")
        );
    }

    #[test]
    fn a_goal_in_the_past_is_reached_by_replay() {
        let (mut clock, mut session) = playing_session();
        session.advance(SimTime::from_secs(30), u64::MAX);
        session.rewind(SimTime::from_secs(12));
        clock.goal = Some(Goal::At(SimTime::from_secs(12)));
        clock.playing = false;
        clock.tick(&mut session, 0.0);
        assert_eq!(clock.goal, None);
        assert_eq!(session.now(), SimTime::from_secs(12));
    }
}
