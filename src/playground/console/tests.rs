//! The console on its own: echo, printing and completion's common prefix.

use super::*;
use crate::sim::config::ClusterConfig;

#[test]
fn a_line_is_echoed_then_its_output_split_into_lines() {
    let mut session = Session::new(ClusterConfig::default(), 1);
    let mut console = Console::default();
    let changed = console.run(&mut session, "echo one; echo two", &[]);
    assert!(!changed);
    let lines: Vec<(LineKind, &str)> = console
        .lines
        .iter()
        .map(|l| (l.kind, l.text.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (LineKind::Command, "echo one; echo two"),
            (LineKind::Output, "one"),
            (LineKind::Output, "two")
        ]
    );
}

#[test]
fn common_prefix_stops_at_the_first_difference() {
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(common_prefix(&words(&["delete", "describe"])), "de");
    assert_eq!(common_prefix(&words(&["pods", "pods-x"])), "pods");
    assert_eq!(common_prefix(&words(&["ü-a", "ü-b"])), "ü-");
}
