//! The editor's autosave in `localStorage`: the one place the UI persists anything. A full
//! or disabled storage is ignored (the text stays on screen).

const TEXT_KEY: &str = "jobsim.editor.v1";
const FILE_KEY: &str = "jobsim.editor.file.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The file saved by an earlier visit: its name (if saved) and text.
pub fn load_editor() -> Option<(Option<String>, String)> {
    let storage = local_storage()?;
    let text = storage.get_item(TEXT_KEY).ok()??;
    let file_name = storage.get_item(FILE_KEY).ok().flatten();
    Some((file_name, text))
}

/// Saves the editor's file.
pub fn save_editor(file_name: &str, text: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(TEXT_KEY, text);
        let _ = storage.set_item(FILE_KEY, file_name);
    }
}
