//! The editor's autosave in `localStorage`: the one place the UI persists anything.

const EDITOR_KEY: &str = "jobsim.editor.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The editor text saved by an earlier visit, if any.
pub fn load_editor_text() -> Option<String> {
    local_storage()?.get_item(EDITOR_KEY).ok()?
}

/// Saves the editor text; a full or disabled storage is ignored (the text stays on screen).
pub fn save_editor_text(text: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(EDITOR_KEY, text);
    }
}
