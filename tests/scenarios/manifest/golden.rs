//! `tests/golden/manifest/*.yaml`: the text `jobsim validate` prints and the `-o json`
//! Status for each, in `*.diagnostics` (UPDATE_GOLDEN=1 rewrites them).

use jobsim::cli::validate::render_text;
use jobsim::manifest::{self, status};

#[test]
fn golden_diagnostics() {
    let paths = super::super::support::yaml_files("tests/golden/manifest");
    assert!(!paths.is_empty());
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        let text = std::fs::read_to_string(&path).expect("readable");
        let report = manifest::check(name, &text);
        let mut out = String::new();
        for document in &report.documents {
            render_text(&mut out, name, document);
        }
        let statuses: Vec<_> = report.documents.iter().map(status::status).collect();
        out.push_str("--- -o json\n");
        out.push_str(&serde_json::to_string_pretty(&statuses).expect("json"));
        out.push('\n');
        super::super::support::check_golden(path.with_extension("diagnostics"), &out);
    }
}
