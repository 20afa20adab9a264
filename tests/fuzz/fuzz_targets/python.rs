//! Fuzz target `python`: any `python3 -c` script is either refused (outside the subset) or
//! runs to an outcome, without panicking, overflowing the stack or hanging.
#![no_main]

use jobsim::shell::python;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(script) = std::str::from_utf8(data) else { return };
    let argv = ["python3", "-c", script].map(String::from);
    let env = [("JOB_COMPLETION_INDEX".to_string(), "3".to_string())];
    let _ = python::run(&argv, &env);
});
