//! Property tests: any script made of shell fragments runs to a well-formed, deterministic
//! trace (log lines in time order, none after the end, the clock never behind the start).

use jobsim::shell::{self, ContainerSpec, Limits, Termination, Volumes};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "echo hi",
    "sleep 1",
    "sleep 0.5",
    "x=$((x + 1))",
    "echo $x $RANDOM",
    "false",
    "true",
    "exit 3",
    "set -e",
    "trap 'echo bye' EXIT",
    "trap 'echo term' TERM",
    "echo err >&2",
    "for i in 1 2; do echo $i; sleep 1; done",
    "while [ ${x:-0} -lt 3 ]; do x=$((x+1)); done",
    "if [ $((RANDOM % 2)) -eq 0 ]; then echo even; else echo odd; fi",
    "f() { echo f$1; return 2; }",
    "f a",
    "echo $(date +%s) | cut -c1-3",
    "(sleep 2; echo bg) &",
    "wait",
    "kill $$",
    "sh -c 'exit 5'",
    "cat /nope",
    "nosuch",
    "echo $((1/0))",
    "seq 3 | tail -n 1",
    "echo a > /tmp/f; cat /tmp/f",
    "case $x in 1) echo one;; *) echo other;; esac",
    "while :; do :; done",
    "printf '%s\\n' a b",
];

fn script() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0..FRAGMENTS.len(),
            prop::sample::select(vec!["; ", "\n", " && ", " || ", " | "]),
        ),
        1..8,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (i, (idx, sep)) in parts.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(FRAGMENTS[*idx]);
        }
        s
    })
}

fn spec(script: &str, seed: u64, term: Option<i64>) -> ContainerSpec {
    let escaped = script.replace('$', "$$");
    let mut spec = ContainerSpec::new(
        "busybox:1.35",
        &["sh", "-c", &escaped],
        &[],
        "prop-abcde",
        1_000_000,
        seed,
    );
    spec.limits = Limits {
        steps: 5_000,
        ..Limits::default()
    };
    spec.termination = term.map(|t| Termination {
        term_at_ms: 1_000_000 + t,
        kill_at_ms: 1_000_000 + t + 2_000,
    });
    spec
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn traces_are_well_formed_and_deterministic(s in script(), seed in 0u64..1000, term in prop::option::of(0i64..5_000)) {
        let a = shell::run(&spec(&s, seed, term), &mut Volumes::new());
        let b = shell::run(&spec(&s, seed, term), &mut Volumes::new());
        prop_assert_eq!(&a, &b);
        prop_assert!(a.logs.windows(2).all(|w| w[0].offset_ms <= w[1].offset_ms));
        prop_assert!(a.logs.iter().all(|l| l.offset_ms >= 0));
        if let Some(end) = a.end.offset_ms() {
            prop_assert!(a.logs.iter().all(|l| l.offset_ms <= end));
            if let Some(t) = term {
                // Nothing outlives the SIGKILL.
                prop_assert!(end <= t + 2_000);
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = shell::run(&spec(&s, 1, Some(1_000)), &mut Volumes::new());
    }
}
