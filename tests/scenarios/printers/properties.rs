//! Property tests for the printers' invariants.

use jobsim::apiserver::selectors;
use jobsim::kubectl::printers::table::{TabWriter, tabbed};
use jobsim::kubectl::printers::yaml::to_yaml;
use proptest::prelude::*;
use serde_json::{Map, Value};

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[ -~\\n\\té😀]{0,120}".prop_map(Value::String),
        prop::sample::select(vec![
            "yes", "no", "True", "null", "~", "1:20", "0755", "1e3", "- a", "a: b", "#x", "", " x",
            "x "
        ])
        .prop_map(|s| Value::String(s.to_string())),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z0-9_./-]{1,12}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    /// Whatever `-o yaml` prints reads back as the same data (quoting, block scalars and line
    /// folding never change a value).
    #[test]
    fn yaml_output_reads_back_as_the_same_value(map in prop::collection::btree_map("[a-zA-Z0-9_./-]{1,12}", value(), 1..6)) {
        let object = Value::Object(map.into_iter().collect());
        let text = to_yaml(&object);
        let parsed: Value = serde_yaml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(parsed, object, "{}", text);
    }

    /// A label selector that parses prints in a form that parses back to the same selector.
    #[test]
    fn label_selector_string_round_trips(input in "[a-z0-9=!(), .-]{0,40}|(in|notin)") {
        if let Ok(selector) = selectors::parse(&input) {
            let printed = selector.to_string();
            prop_assert_eq!(selectors::parse(&printed), Ok(selector), "printed as {}", printed);
        }
    }

    /// The tabwriter never adds or drops lines or non-padding text.
    #[test]
    fn tabwriter_keeps_lines_and_text(rows in prop::collection::vec(prop::collection::vec("[a-z0-9]{0,8}", 1..5), 0..8)) {
        let text: String = rows.iter().map(|r| format!("{}\n", r.join("\t"))).collect();
        let out = tabbed(TabWriter::kubectl(), &text);
        prop_assert_eq!(out.lines().count(), rows.len());
        for (line, row) in out.lines().zip(&rows) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let expected: Vec<&str> = row.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
            prop_assert_eq!(words, expected);
        }
    }
}
