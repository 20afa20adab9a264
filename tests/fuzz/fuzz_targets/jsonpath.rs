//! Fuzz target `jsonpath`: `-o` values (jsonpath templates, custom-columns specs) parse and run
//! over a Job without panicking or hanging; quantities parse and print.
#![no_main]

use jobsim::kubectl::printers::jsonpath::JsonPath;
use jobsim::kubectl::printers::output::{OutputFormat, print_objects};
use jobsim::kubectl::printers::quantity::Quantity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let object = serde_json::json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "pi", "labels": {"app": "pi"}},
        "spec": {"completions": 3, "template": {"spec": {"containers": [{"name": "c", "image": "perl"}]}}},
        "status": {"succeeded": 1, "conditions": [{"type": "Complete", "status": "True"}], "ratio": 0.5}
    });
    if let Ok(path) = JsonPath::parse(text) {
        let _ = path.execute(&object);
        let _ = path.execute_as_json(&object);
    }
    if let Ok(format) = OutputFormat::parse(text, false) {
        if !format.is_human_readable() {
            let _ = print_objects(&[object.clone(), object], false, &format);
        }
    }
    if let Some(q) = Quantity::parse(text) {
        let _ = q.to_string();
    }
});
