//! Fuzz target: any text through the whole manifest pipeline (split, YAML parse, decode,
//! default, prepare, validate, lint, render) must return diagnostics, never panic or hang.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = jobsim::manifest::check("fuzz.yaml", text);
    for document in &report.documents {
        let mut out = String::new();
        jobsim::cli::validate::render_text(&mut out, "fuzz.yaml", document);
        let _ = jobsim::manifest::status::status(document);
    }
});
