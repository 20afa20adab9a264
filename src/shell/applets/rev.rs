//! Reversing applets: `rev [FILE]...` (busybox `util-linux/rev.c`: each line with its
//! characters in reverse order, its newline kept at its end) and `tac [FILE]...` (busybox
//! `coreutils/tac.c`: the lines in reverse order).

use crate::shell::interp::{Res, Shell};

/// `rev`: reverses every line of the files (standard input for none or `-`).
pub fn rev(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (inputs, ok) = sh.read_inputs("rev", &argv[1..]);
    let mut out = Vec::new();
    for data in &inputs {
        for line in data.split_inclusive(|&b| b == b'\n') {
            let (text, newline) = match line.strip_suffix(b"\n") {
                Some(text) => (text, true),
                None => (line, false),
            };
            let reversed: String = String::from_utf8_lossy(text).chars().rev().collect();
            out.extend_from_slice(reversed.as_bytes());
            if newline {
                out.push(b'\n');
            }
        }
    }
    sh.write_fd(1, &out);
    Ok(i32::from(!ok))
}

/// `tac`: the lines of the files (standard input for none or `-`), last line first. A last
/// line without a newline is printed as it is, as busybox does.
pub fn tac(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let (inputs, ok) = sh.read_inputs("tac", &argv[1..]);
    let mut out = Vec::new();
    for data in &inputs {
        for line in data.split_inclusive(|&b| b == b'\n').rev() {
            out.extend_from_slice(line);
        }
    }
    sh.write_fd(1, &out);
    Ok(i32::from(!ok))
}
