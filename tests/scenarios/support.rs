//! Shared test support: `check_golden` (UPDATE_GOLDEN=1 rewrites) and fixture loading.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `*.yaml` files of a directory under the repository root, sorted.
pub fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let dir = root().join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// Compares `actual` with the golden file at `relative` (from the repository root); with
/// `UPDATE_GOLDEN=1` the file is rewritten instead.
pub fn check_golden(relative: impl AsRef<Path>, actual: &str) {
    let path = root().join(relative);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("golden directory is creatable");
        }
        std::fs::write(&path, actual).expect("golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    assert_text_eq(&expected, actual, &path);
}

/// Asserts equality with a line diff in the failure message.
pub fn assert_text_eq(expected: &str, actual: &str, what: &Path) {
    if expected == actual {
        return;
    }
    let mut report = String::new();
    let (e, a): (Vec<&str>, Vec<&str>) =
        (expected.split('\n').collect(), actual.split('\n').collect());
    for i in 0..e.len().max(a.len()) {
        let (el, al) = (e.get(i).copied(), a.get(i).copied());
        if el != al {
            report.push_str(&format!(
                "line {}:\n  expected: {:?}\n  actual:   {:?}\n",
                i + 1,
                el,
                al
            ));
        }
    }
    panic!("{} differs:\n{report}", what.display());
}

/// Reads a fixture (tests/golden/kubectl/fixtures/NAME.json) as a k8s-openapi type.
pub fn fixture<T: DeserializeOwned>(name: &str) -> T {
    let path = root()
        .join("tests/golden/kubectl/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The items of a fixture `List`.
pub fn fixture_items<T: DeserializeOwned>(name: &str) -> Vec<T> {
    let list: serde_json::Value = fixture(name);
    let items = list.get("items").cloned().unwrap_or_default();
    serde_json::from_value(items).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The instant the fixtures were generated at (ages in the oracle outputs are relative to it).
pub fn fixture_now() -> jiff::Timestamp {
    let path = root().join("tests/golden/kubectl/fixtures/now.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.trim()
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An oracle output (tests/golden/kubectl/oracle/NAME.out), produced by a real kubectl.
pub fn oracle(name: &str) -> String {
    let path = root()
        .join("tests/golden/kubectl/oracle")
        .join(format!("{name}.out"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
