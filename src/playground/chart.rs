//! The timeline chart's geometry: [`timeline::Timeline`](super::timeline::Timeline) laid out
//! in SVG user units for the visible window (zoom and pan), with every bar's and row's
//! tooltip text. The component only draws what this returns.

use super::format;
use super::timeline::{MarkerKind, State, Timeline};
use crate::sim::clock::{SimDuration, SimTime};

/// The chart's width in SVG units.
pub const WIDTH: f64 = 960.0;
/// The row labels' column.
pub const LABEL_WIDTH: f64 = 200.0;
/// One row's height.
pub const ROW_HEIGHT: f64 = 20.0;
/// The time axis above the rows.
pub const AXIS_HEIGHT: f64 = 22.0;
/// More rows than this are aggregated by the timeline.
pub const MAX_ROWS: usize = 120;
const MAX_ZOOM: f64 = 256.0;
/// Room right of the plot for the last tick's and markers' labels.
pub const PLOT_MARGIN: f64 = 28.0;

/// The visible part of the run: `1/zoom` of it, starting at `start` (a fraction of the run).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub zoom: f64,
    pub start: f64,
}

impl Default for Window {
    fn default() -> Self {
        Window {
            zoom: 1.0,
            start: 0.0,
        }
    }
}

/// Zoom and pan requests (buttons and the mouse wheel).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Zoom {
    /// Twice as close, keeping the centre (or the point at `at`, a fraction of the plot).
    In {
        at: Option<f64>,
    },
    Out {
        at: Option<f64>,
    },
    /// The whole run.
    Reset,
    /// Moves by this fraction of the visible span (negative: earlier).
    Pan(f64),
}

impl Window {
    /// The window after a zoom or pan, kept inside the run.
    pub fn apply(self, zoom: Zoom) -> Window {
        let span = 1.0 / self.zoom;
        let (zoom_to, anchor) = match zoom {
            Zoom::Reset => return Window::default(),
            Zoom::Pan(by) => {
                return Window {
                    start: clamp_start(self.start + by * span, span),
                    ..self
                };
            }
            Zoom::In { at } => ((self.zoom * 2.0).min(MAX_ZOOM), at.unwrap_or(0.5)),
            Zoom::Out { at } => ((self.zoom / 2.0).max(1.0), at.unwrap_or(0.5)),
        };
        let anchor = anchor.clamp(0.0, 1.0);
        let point = self.start + anchor * span;
        let new_span = 1.0 / zoom_to;
        Window {
            zoom: zoom_to,
            start: clamp_start(point - anchor * new_span, new_span),
        }
    }
}

fn clamp_start(start: f64, span: f64) -> f64 {
    start.clamp(0.0, (1.0 - span).max(0.0))
}

/// A bar of one state.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub width: f64,
    pub state: State,
    /// The tooltip: row, state, from, to, duration.
    pub title: String,
}

/// A back-off wait between two attempts.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub x: f64,
    pub width: f64,
    pub title: String,
}

/// One row.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartRow {
    pub y: f64,
    pub label: String,
    /// The row's tooltip (its pods, restarts, job).
    pub title: String,
    /// The first row of its Job (a separator above it).
    pub first_of_job: bool,
    pub bars: Vec<Bar>,
    pub gaps: Vec<Gap>,
    /// x of each in-place restart.
    pub restarts: Vec<f64>,
}

/// A vertical marker (deadline, TTL expiry, Complete, Failed).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartMarker {
    pub x: f64,
    pub kind: MarkerKind,
    pub label: &'static str,
    pub title: String,
}

/// A time-axis tick.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisTick {
    pub x: f64,
    pub label: String,
}

/// The laid-out chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    pub rows: Vec<ChartRow>,
    pub markers: Vec<ChartMarker>,
    pub ticks: Vec<AxisTick>,
    pub aggregated: bool,
    /// What the chart shows, in words (its accessible description).
    pub summary: String,
}

/// CSS class (and pattern) of a state.
pub fn state_class(state: State) -> &'static str {
    match state {
        State::Pending => "pending",
        State::Running => "running",
        State::BackOff => "backoff",
        State::Terminating => "terminating",
        State::Succeeded => "succeeded",
        State::Failed => "failed",
    }
}

/// Lays `timeline` out for `window`.
pub fn chart(timeline: &Timeline, window: Window) -> Chart {
    let total = timeline.end.since(timeline.start).as_millis().max(1_000) as f64;
    let span = total / window.zoom;
    let view_start = timeline.start.as_millis() as f64 + window.start * total;
    let view_end = view_start + span;
    let plot = WIDTH - LABEL_WIDTH - PLOT_MARGIN;
    let x_of = |t: SimTime| LABEL_WIDTH + (t.as_millis() as f64 - view_start) / span * plot;
    let clip = |from: SimTime, to: SimTime| -> Option<(f64, f64)> {
        let (a, b) = (from.as_millis() as f64, to.as_millis() as f64);
        if b < view_start || a > view_end {
            return None;
        }
        let x0 = x_of(from).max(LABEL_WIDTH);
        let x1 = x_of(to).min(LABEL_WIDTH + plot);
        Some((x0, (x1 - x0).max(1.5)))
    };
    let mut rows = Vec::with_capacity(timeline.rows.len());
    let mut previous_job: Option<&str> = None;
    let mut previous_failed_at: Option<SimTime> = None;
    for (i, row) in timeline.rows.iter().enumerate() {
        let y = AXIS_HEIGHT + i as f64 * ROW_HEIGHT;
        let first_of_job = previous_job != Some(row.job.as_str());
        if first_of_job {
            previous_failed_at = None;
        }
        let bars = row
            .segments
            .iter()
            .filter_map(|s| {
                let (x, width) = clip(s.from, s.to)?;
                let shown_to = if matches!(s.state, State::Succeeded | State::Failed) {
                    s.from
                } else {
                    s.to
                };
                let title = if shown_to == s.from {
                    format!(
                        "{}: {} at {}",
                        row.label,
                        s.state.as_str(),
                        format::offset(s.from)
                    )
                } else {
                    format!(
                        "{}: {} from {} to {} ({})",
                        row.label,
                        s.state.as_str(),
                        format::offset(s.from),
                        format::offset(s.to),
                        seconds(s.to.since(s.from))
                    )
                };
                Some(Bar {
                    x,
                    width,
                    state: s.state,
                    title,
                })
            })
            .collect();
        let mut gaps = Vec::new();
        let mut wait = |from: SimTime, to: SimTime| {
            if to > from
                && let Some((x, width)) = clip(from, to)
            {
                gaps.push(Gap {
                    x,
                    width,
                    title: format!(
                        "back-off: {} between attempts ({} → {})",
                        seconds(to.since(from)),
                        format::offset(from),
                        format::offset(to)
                    ),
                });
            }
        };
        if !timeline.aggregated {
            // A new pod after the previous one failed (rows of one Job, in creation order).
            if let (Some(failed), Some(first)) = (previous_failed_at, row.segments.first()) {
                wait(failed, first.from);
            }
            // Attempts of one index, in one lane.
            for pair in row.segments.windows(2) {
                if pair[0].pod != pair[1].pod && pair[0].state == State::Failed {
                    wait(pair[0].from, pair[1].from);
                }
            }
        }
        previous_failed_at = row
            .segments
            .iter()
            .rev()
            .find(|s| s.state == State::Failed)
            .map(|s| s.from);
        previous_job = Some(row.job.as_str());
        let restarts = row
            .restarts
            .iter()
            .filter(|t| (view_start..=view_end).contains(&(t.as_millis() as f64)))
            .map(|t| x_of(*t))
            .collect();
        let title = format!(
            "{} — Job {}, {} pod{}{}",
            row.label,
            row.job,
            row.pods,
            if row.pods == 1 { "" } else { "s" },
            if row.restarts.is_empty() {
                String::new()
            } else {
                format!(", {} restart(s)", row.restarts.len())
            }
        );
        rows.push(ChartRow {
            y,
            label: row.label.clone(),
            title,
            first_of_job,
            bars,
            gaps,
            restarts,
        });
    }
    let markers = timeline
        .markers
        .iter()
        .filter(|m| (view_start..=view_end).contains(&(m.at.as_millis() as f64)))
        .map(|m| {
            let label = match m.kind {
                MarkerKind::Deadline => "deadline",
                MarkerKind::TtlExpiry => "TTL",
                MarkerKind::Complete => "Complete",
                MarkerKind::Failed => "Failed",
            };
            ChartMarker {
                x: x_of(m.at),
                kind: m.kind,
                label,
                title: format!("Job {}: {label} at {}", m.job, format::offset(m.at)),
            }
        })
        .collect();
    let step = tick_step(span / 1000.0);
    let mut ticks = Vec::new();
    let mut t = (view_start / 1000.0 / step).ceil() * step;
    while t * 1000.0 <= view_end {
        let at = SimTime::from_millis((t * 1000.0) as u64);
        ticks.push(AxisTick {
            x: x_of(at),
            label: format::offset(at),
        });
        t += step;
    }
    let pods: usize = timeline.rows.iter().map(|r| r.pods).sum();
    let summary = format!(
        "{} row{} ({} pod{}){}, {} to {}",
        timeline.rows.len(),
        if timeline.rows.len() == 1 { "" } else { "s" },
        pods,
        if pods == 1 { "" } else { "s" },
        if timeline.aggregated {
            ", aggregated"
        } else {
            ""
        },
        format::offset(SimTime::from_millis(view_start as u64)),
        format::offset(SimTime::from_millis(view_end as u64)),
    );
    Chart {
        width: WIDTH,
        height: AXIS_HEIGHT + timeline.rows.len().max(1) as f64 * ROW_HEIGHT + 16.0,
        rows,
        markers,
        ticks,
        aggregated: timeline.aggregated,
        summary,
    }
}

/// `12s`, `1.5s`.
fn seconds(d: SimDuration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", ms as f64 / 1000.0)
    }
}

/// A round tick step (seconds) giving about six ticks over `span` seconds.
fn tick_step(span: f64) -> f64 {
    const STEPS: &[f64] = &[
        0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0,
        3600.0, 7200.0, 14400.0, 43200.0, 86400.0,
    ];
    STEPS
        .iter()
        .copied()
        .find(|s| span / s <= 8.0)
        .unwrap_or(86400.0)
}

#[cfg(test)]
mod tests;
