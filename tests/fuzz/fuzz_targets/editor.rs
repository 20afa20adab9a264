//! Fuzz target: whatever is typed into the playground editor, highlighting covers every byte
//! on character boundaries, and the reducer (validate, apply, a few frames) never panics.
#![no_main]

use jobsim::playground::highlight::highlight;
use jobsim::playground::{Action, State, reduce};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (spans, line) in highlight(text).iter().zip(text.split('\n')) {
        let mut at = 0;
        for span in spans {
            assert_eq!(span.start, at);
            assert!(span.end > span.start);
            assert!(line.is_char_boundary(span.start) && line.is_char_boundary(span.end));
            at = span.end;
        }
        assert_eq!(at, line.len());
    }
    let mut state = State::default();
    reduce(&mut state, Action::Edit(text.to_string()));
    reduce(&mut state, Action::Apply);
    for frame in 0..4 {
        reduce(&mut state, Action::Tick { wall_ms: f64::from(frame) * 50.0 });
    }
    assert_eq!(state.editor.text, text);
});
