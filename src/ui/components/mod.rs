//! The page's components, one per file. Each renders view models from
//! [`crate::playground`] and dispatches actions; none decides anything.

mod cluster;
mod details;
mod editor;
mod editor_pane;
mod events;
mod examples_menu;
mod guide;
mod job_card;
mod nodes;
mod pod_tile;
mod share;
mod terminal;
mod time_controls;
mod timeline;

pub use cluster::ClusterPane;
pub use details::DetailsPanel;
pub use editor_pane::EditorPane;
pub use events::EventsPane;
pub use examples_menu::ExamplesMenu;
pub use guide::GuidePane;
pub use share::{Notice, SharePanel};
pub use terminal::TerminalPane;
pub use time_controls::TimeControls;
pub use timeline::TimelinePane;
