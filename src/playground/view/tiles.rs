//! Pod tiles: each pod as a small shape with a colour and kubectl's STATUS word. The word
//! comes from kubectl's own `printPod` logic ([`pod_summary`]), so a tile says exactly what
//! `kubectl get pods` would; the shape and colour are picked from it (colour is never the
//! only signal).

use std::rc::Rc;

use crate::kubectl::printers::pod::pod_summary;
use crate::objects::materialize;
use crate::objects::{Pod, PodPhase};
use crate::sim::clock::Epoch;

/// What a tile looks like: one per family of pod states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TileKind {
    Pending,
    /// Pending and no node fits (`PodScheduled=False`, reason `Unschedulable`).
    Unschedulable,
    /// `ContainerCreating`, `PodInitializing`.
    Creating,
    /// `Init:0/1` and other init container states that are not failures.
    Init,
    Running,
    Completed,
    /// `Error`, `Init:Error` and the other failed words.
    Failed,
    OOMKilled,
    CrashLoopBackOff,
    /// `ErrImagePull`, `ImagePullBackOff`.
    ImageError,
    Terminating,
}

impl TileKind {
    /// Every kind, in the legend's order.
    pub const ALL: [TileKind; 11] = [
        TileKind::Pending,
        TileKind::Unschedulable,
        TileKind::Creating,
        TileKind::Init,
        TileKind::Running,
        TileKind::Completed,
        TileKind::Failed,
        TileKind::OOMKilled,
        TileKind::CrashLoopBackOff,
        TileKind::ImageError,
        TileKind::Terminating,
    ];

    /// The shape drawn in the tile (a glyph, so it survives any colour vision).
    pub fn glyph(self) -> &'static str {
        match self {
            TileKind::Pending => "○",
            TileKind::Unschedulable => "⊘",
            TileKind::Creating => "◔",
            TileKind::Init => "◑",
            TileKind::Running => "●",
            TileKind::Completed => "✓",
            TileKind::Failed => "✕",
            TileKind::OOMKilled => "▲",
            TileKind::CrashLoopBackOff => "↻",
            TileKind::ImageError => "◇",
            TileKind::Terminating => "⊖",
        }
    }

    /// The CSS class carrying the colour (`tile-running`…).
    pub fn class(self) -> &'static str {
        match self {
            TileKind::Pending => "tile-pending",
            TileKind::Unschedulable => "tile-unschedulable",
            TileKind::Creating => "tile-creating",
            TileKind::Init => "tile-init",
            TileKind::Running => "tile-running",
            TileKind::Completed => "tile-completed",
            TileKind::Failed => "tile-failed",
            TileKind::OOMKilled => "tile-oomkilled",
            TileKind::CrashLoopBackOff => "tile-crashloop",
            TileKind::ImageError => "tile-image",
            TileKind::Terminating => "tile-terminating",
        }
    }

    /// The legend's name for the kind.
    pub fn legend(self) -> &'static str {
        match self {
            TileKind::Pending => "Pending",
            TileKind::Unschedulable => "Unschedulable",
            TileKind::Creating => "ContainerCreating",
            TileKind::Init => "Init",
            TileKind::Running => "Running",
            TileKind::Completed => "Completed",
            TileKind::Failed => "Error",
            TileKind::OOMKilled => "OOMKilled",
            TileKind::CrashLoopBackOff => "CrashLoopBackOff",
            TileKind::ImageError => "Image pull error",
            TileKind::Terminating => "Terminating",
        }
    }

    /// Picks the kind from kubectl's STATUS word, the phase, and whether scheduling failed.
    pub fn from_status(word: &str, phase: PodPhase, unschedulable: bool) -> TileKind {
        match word {
            "Terminating" => TileKind::Terminating,
            "Completed" => TileKind::Completed,
            "OOMKilled" | "Init:OOMKilled" => TileKind::OOMKilled,
            "CrashLoopBackOff" | "Init:CrashLoopBackOff" => TileKind::CrashLoopBackOff,
            "Running" | "NotReady" => TileKind::Running,
            "ContainerCreating" | "PodInitializing" => TileKind::Creating,
            "ErrImagePull"
            | "ImagePullBackOff"
            | "ErrImageNeverPull"
            | "InvalidImageName"
            | "Init:ErrImagePull"
            | "Init:ImagePullBackOff" => TileKind::ImageError,
            "Error" | "Init:Error" | "ContainerCannotRun" | "DeadlineExceeded" | "Evicted"
            | "StartError" => TileKind::Failed,
            "Pending" | "SchedulingGated" if unschedulable => TileKind::Unschedulable,
            "Pending" | "SchedulingGated" => TileKind::Pending,
            w if w.starts_with("Init:ExitCode") || w.starts_with("Init:Signal") => TileKind::Failed,
            w if w.starts_with("Init:") => TileKind::Init,
            _ => match phase {
                PodPhase::Pending => TileKind::Pending,
                PodPhase::Running => TileKind::Running,
                PodPhase::Succeeded => TileKind::Completed,
                PodPhase::Failed => TileKind::Failed,
            },
        }
    }
}

/// One pod as a tile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tile {
    /// The pod's index in the cluster (stable for the run).
    pub id: u32,
    pub name: String,
    /// kubectl's STATUS word (`ContainerCreating`, `Init:0/1`…).
    pub status: String,
    pub kind: TileKind,
    pub restarts: i64,
    /// `1/1`: ready containers over containers.
    pub ready: String,
    pub node: Option<String>,
    /// The scheduler's message when no node fits.
    pub unschedulable: Option<String>,
    pub completion_index: Option<i32>,
}

impl Tile {
    /// What a screen reader (and the tooltip) says of the tile.
    pub fn describe(&self) -> String {
        let mut text = format!("pod {}: {}", self.name, self.status);
        if self.restarts > 0 {
            text.push_str(&format!(", {} restarts", self.restarts));
        }
        if let Some(node) = &self.node {
            text.push_str(&format!(", on {node}"));
        }
        text
    }
}

/// Builds the tile of a pod (kubectl's summary of the materialised object).
pub fn tile(epoch: Epoch, pod: &Pod) -> Tile {
    let summary = pod_summary(&materialize::pod_record(epoch, pod));
    let unschedulable = pod
        .condition("PodScheduled")
        .filter(|c| !c.status && c.reason == Some("Unschedulable"))
        .and_then(|c| c.message.as_deref().map(str::to_string));
    Tile {
        id: pod.id.0,
        name: pod.meta.name.clone(),
        kind: TileKind::from_status(&summary.reason, pod.status.phase, unschedulable.is_some()),
        status: summary.reason,
        restarts: summary.restarts,
        ready: format!("{}/{}", summary.ready, summary.total),
        node: pod.node_name.clone(),
        unschedulable,
        completion_index: pod.completion_index,
    }
}

/// Tiles computed before, by pod, reused while the pod does not change.
#[derive(Clone, Debug, Default)]
pub struct TileCache {
    entries: Vec<Option<(TileKey, Rc<Tile>)>>,
}

/// What a tile depends on: the pod's resourceVersion, its deletion and removal.
type TileKey = (u64, bool, bool);

impl TileCache {
    /// The tile of `pod`, from the cache when the pod is unchanged.
    pub fn get(&mut self, epoch: Epoch, pod: &Pod) -> Rc<Tile> {
        let key = (
            pod.meta.resource_version,
            pod.meta.deletion.is_some(),
            pod.removed.is_some(),
        );
        let i = pod.id.0 as usize;
        if self.entries.len() <= i {
            self.entries.resize(i + 1, None);
        }
        match &self.entries[i] {
            Some((k, tile)) if *k == key => Rc::clone(tile),
            _ => {
                let tile = Rc::new(tile(epoch, pod));
                self.entries[i] = Some((key, Rc::clone(&tile)));
                tile
            }
        }
    }

    /// Forgets everything (the cluster was replaced by a snapshot or a new run).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PodPhase::*;

    #[test]
    fn kinds_follow_kubectls_status_words() {
        let cases = [
            (
                "pending_is_pending",
                "Pending",
                Pending,
                false,
                TileKind::Pending,
            ),
            (
                "no_node_fits",
                "Pending",
                Pending,
                true,
                TileKind::Unschedulable,
            ),
            (
                "creating",
                "ContainerCreating",
                Pending,
                false,
                TileKind::Creating,
            ),
            ("init_progress", "Init:0/1", Pending, false, TileKind::Init),
            (
                "init_failure",
                "Init:Error",
                Pending,
                false,
                TileKind::Failed,
            ),
            (
                "init_exit_code",
                "Init:ExitCode:3",
                Pending,
                false,
                TileKind::Failed,
            ),
            ("running", "Running", Running, false, TileKind::Running),
            (
                "not_ready_runs",
                "NotReady",
                Running,
                false,
                TileKind::Running,
            ),
            (
                "completed",
                "Completed",
                Succeeded,
                false,
                TileKind::Completed,
            ),
            ("error", "Error", Failed, false, TileKind::Failed),
            (
                "error_before_restart",
                "Error",
                Running,
                false,
                TileKind::Failed,
            ),
            ("oom", "OOMKilled", Failed, false, TileKind::OOMKilled),
            (
                "crash_loop",
                "CrashLoopBackOff",
                Running,
                false,
                TileKind::CrashLoopBackOff,
            ),
            (
                "image",
                "ImagePullBackOff",
                Pending,
                false,
                TileKind::ImageError,
            ),
            (
                "terminating",
                "Terminating",
                Running,
                false,
                TileKind::Terminating,
            ),
            (
                "deadline",
                "DeadlineExceeded",
                Failed,
                false,
                TileKind::Failed,
            ),
            (
                "unknown_word_uses_phase",
                "Weird",
                Succeeded,
                false,
                TileKind::Completed,
            ),
        ];
        for (rule, word, phase, unschedulable, kind) in cases {
            assert_eq!(
                TileKind::from_status(word, phase, unschedulable),
                kind,
                "{rule}"
            );
        }
    }

    #[test]
    fn every_kind_has_its_own_shape_and_class() {
        let mut glyphs: Vec<&str> = TileKind::ALL.iter().map(|k| k.glyph()).collect();
        let mut classes: Vec<&str> = TileKind::ALL.iter().map(|k| k.class()).collect();
        glyphs.sort_unstable();
        glyphs.dedup();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(glyphs.len(), TileKind::ALL.len());
        assert_eq!(classes.len(), TileKind::ALL.len());
    }
}
