//! Invariants over generated input: the pipeline never panics and every position lies in
//! the text; the nonnegative rules fire exactly for negative counts; quantities keep their
//! value through their canonical form.

use jobsim::apiserver::quantity::Quantity;
use jobsim::manifest::{self, Severity};
use proptest::prelude::*;

/// YAML-looking lines: indentation, keys that Kubernetes knows, flow and block syntax.
fn yamlish() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "apiVersion: batch/v1",
        "kind: Job",
        "kind: Secret",
        "metadata:",
        "name: x",
        "spec:",
        "template:",
        "containers:",
        "- name: a",
        "image: busybox",
        "completions: -1",
        "parallelism: 1e3",
        "restartPolicy: Never",
        "- ",
        "[",
        "]",
        "{",
        "}",
        ":",
        "---",
        "&a",
        "*a",
        "<<: *a",
        "\"",
        "'",
        "|",
        ">",
        "#",
        "\t",
        "labels:",
        "resources:",
        "limits:",
        "cpu: 0.5",
        "memory: 64 Mi",
        "values: [0, 0]",
        "podFailurePolicy:",
        "rules:",
        "- action: FailIndex",
        "onExitCodes:",
        "null",
        "~",
        "yes",
        "0x1F",
        "!!str 5",
    ]);
    prop::collection::vec((0usize..8, prop::collection::vec(token, 1..4)), 0..30).prop_map(
        |lines| {
            lines
                .into_iter()
                .map(|(indent, tokens)| format!("{}{}\n", " ".repeat(indent), tokens.join(" ")))
                .collect()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn check_never_panics_and_positions_stay_in_the_text(text in yamlish()) {
        let report = manifest::check("p.yaml", &text);
        let n_lines = text.lines().count().max(1);
        for d in report.diagnostics() {
            if let Some(p) = d.position {
                prop_assert!(p.line >= 1 && p.line <= n_lines + 1, "{d:?} in\n{text}");
                prop_assert!(p.column >= 1);
            }
        }
    }

    #[test]
    fn nonnegative_rules_fire_exactly_for_negative_counts(
        completions in -3i32..3, parallelism in -3i32..3, backoff in -3i32..3,
    ) {
        let text = format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: p\nspec:\n  completions: {completions}\n  parallelism: {parallelism}\n  backoffLimit: {backoff}\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n"
        );
        let report = manifest::check("p.yaml", &text);
        let errors: Vec<&str> = report
            .diagnostics()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.field.as_str())
            .collect();
        let mut expected = Vec::new();
        if parallelism < 0 { expected.push("spec.parallelism"); }
        if completions < 0 { expected.push("spec.completions"); }
        if backoff < 0 { expected.push("spec.backoffLimit"); }
        prop_assert_eq!(errors, expected);
    }

    #[test]
    fn canonical_quantities_keep_their_value(
        whole in 0u32..100_000, frac in prop::option::of(0u32..1000), negative in any::<bool>(),
        suffix in prop::sample::select(vec!["", "m", "k", "M", "G", "Ki", "Mi", "Gi", "e3", "e-2"]),
    ) {
        let sign = if negative { "-" } else { "" };
        let text = match frac {
            Some(f) => format!("{sign}{whole}.{f:03}{suffix}"),
            None => format!("{sign}{whole}{suffix}"),
        };
        let q = Quantity::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        let canonical = q.canonical();
        let again = Quantity::parse(&canonical).map_err(|e| TestCaseError::fail(format!("{canonical}: {e}")))?;
        prop_assert_eq!(q.partial_cmp(&again), Some(std::cmp::Ordering::Equal), "{} -> {}", text, canonical);
        prop_assert_eq!(again.canonical(), canonical);
    }
}
