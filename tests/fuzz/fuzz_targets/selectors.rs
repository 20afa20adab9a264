//! Fuzz target `selectors`: label and field selector parsing and matching never panic, and a
//! parsed label selector's printed form parses back to the same selector.
#![no_main]

use std::collections::BTreeMap;

use jobsim::apiserver::selectors::{self, fields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let labels: BTreeMap<String, String> = [("app", "pi"), ("n", "5"), ("job-name", "x")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if let Ok(selector) = selectors::parse(text) {
        let _ = selector.matches(&labels);
        let printed = selector.to_string();
        assert_eq!(selectors::parse(&printed), Ok(selector), "printed as {printed:?}");
    }
    if let Ok(selector) = fields::parse_field_selector(text) {
        let _ = selector.matches(&labels);
        for kind in [fields::SelectableKind::Pod, fields::SelectableKind::Job, fields::SelectableKind::Other] {
            let _ = selector.convert_for(kind);
        }
    }
});
