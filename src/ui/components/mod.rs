//! The page's components, one per file. Each renders view models from
//! [`crate::playground`] and dispatches actions; none decides anything.

mod cluster;
mod details;
mod editor;
mod editor_pane;
mod events;
mod examples_menu;
mod job_card;
mod nodes;
mod pod_tile;
mod time_controls;

pub use cluster::ClusterPane;
pub use details::DetailsPanel;
pub use editor_pane::EditorPane;
pub use events::EventsPane;
pub use examples_menu::ExamplesMenu;
pub use time_controls::TimeControls;
