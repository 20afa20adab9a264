//! Programs the interpreter provides: busybox applets (busybox 1.35, `coreutils/`,
//! `editors/`, `findutils/`) and the builtins ash shares with them (`echo`, `printf`, `test`).
//!
//! Each applet runs as if it were its own process: it reads the shell's standard input and
//! writes to its descriptors, and cannot change shell variables.

pub mod awk;
pub mod date;
pub mod digest;
pub mod echo;
pub mod expr;
pub mod files;
pub mod findutils;
pub mod misc;
pub mod regex;
pub mod rev;
pub mod sed;
pub mod seq;
pub mod sleep;
pub mod sys;
pub mod test;
pub mod text;

use crate::shell::interp::{Res, Shell, Toolbox};

/// An applet entry point.
pub type Applet = fn(&mut Shell<'_>, &[String]) -> Res;

/// Applets by name (sorted for binary search).
const APPLETS: &[(&str, Applet)] = &[
    ("[", test::test),
    ("awk", awk::awk),
    ("base64", misc::base64),
    ("basename", files::basename),
    ("cat", files::cat),
    ("chmod", files::chmod),
    ("cp", files::cp),
    ("cut", text::cut),
    ("date", date::date),
    ("dirname", files::dirname),
    ("echo", echo::echo),
    ("env", sys::env),
    ("expr", expr::expr),
    ("false", sys::false_),
    ("find", findutils::find),
    ("grep", text::grep),
    ("head", text::head),
    ("hostname", sys::hostname),
    ("id", sys::id),
    ("ls", files::ls),
    ("md5sum", digest::md5sum),
    ("mkdir", files::mkdir),
    ("mktemp", misc::mktemp),
    ("mv", files::mv),
    ("nproc", sys::nproc),
    ("printenv", sys::printenv),
    ("printf", echo::printf),
    ("pwd", sys::pwd),
    ("realpath", misc::realpath),
    ("rev", rev::rev),
    ("rm", files::rm),
    ("sed", sed::sed),
    ("seq", seq::seq),
    ("sha256sum", digest::sha256sum),
    ("sleep", sleep::sleep),
    ("sort", text::sort),
    ("tac", rev::tac),
    ("tail", text::tail),
    ("tee", files::tee),
    ("test", test::test),
    ("timeout", misc::timeout),
    ("touch", files::touch),
    ("tr", text::tr),
    ("true", sys::true_),
    ("uname", sys::uname),
    ("uniq", text::uniq),
    ("wc", text::wc),
    ("which", files::which),
    ("whoami", sys::whoami),
    ("xargs", findutils::xargs),
    ("yes", misc::yes),
];

/// The applet of this name.
pub fn find(name: &str) -> Option<Applet> {
    lookup(name)
}

fn lookup(name: &str) -> Option<Applet> {
    APPLETS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| APPLETS[i].1)
}

/// Whether `name` is a program of this image (shells are handled by the caller).
pub fn exists(toolbox: Toolbox, name: &str) -> bool {
    match toolbox {
        // coreutils has no `hostname` in Debian base images (it comes from the hostname package,
        // which is installed), nor `[` as a separate concern: all present.
        Toolbox::Busybox | Toolbox::Debian | Toolbox::All => lookup(name).is_some(),
    }
}

/// Whether a command substitution of this name can run without copying shell state.
pub fn is_pure(name: &str) -> bool {
    lookup(name).is_some() && !matches!(name, "sleep" | "timeout" | "xargs" | "find")
}

/// Directory the image keeps the program in (`command -v`).
pub fn bin_dir(toolbox: Toolbox, _name: &str) -> &'static str {
    match toolbox {
        Toolbox::Busybox | Toolbox::All => "/bin",
        Toolbox::Debian => "/usr/bin",
    }
}

/// Runs an applet by name, if there is one.
pub fn run(sh: &mut Shell<'_>, argv: &[String]) -> Option<Res> {
    let name = argv[0].rsplit('/').next().unwrap_or(&argv[0]);
    lookup(name).map(|applet| applet(sh, argv))
}

impl Shell<'_> {
    /// Writes `applet: message` to standard error (libbb's `bb_error_msg`).
    pub(crate) fn applet_error(&mut self, applet: &str, msg: &str) {
        let line = format!("{applet}: {msg}\n");
        self.write_fd(2, line.as_bytes());
    }

    /// Reads the named files (or standard input for none or `-`), reporting unreadable ones
    /// as busybox does (`applet: can't open 'f': No such file or directory`).
    pub(crate) fn read_inputs(&mut self, applet: &str, files: &[String]) -> (Vec<Vec<u8>>, bool) {
        let mut out = Vec::new();
        let mut ok = true;
        if files.is_empty() {
            out.push(self.read_all_stdin().to_vec());
            return (out, ok);
        }
        for f in files {
            if f == "-" {
                out.push(self.read_all_stdin().to_vec());
                continue;
            }
            let path = crate::shell::fs::absolute(&self.cwd, f);
            match self.host.fs().read(&path) {
                Ok(d) => out.push(d.to_vec()),
                Err(e) => {
                    self.applet_error(applet, &format!("can't open '{f}': {}", e.strerror()));
                    ok = false;
                }
            }
        }
        (out, ok)
    }
}

/// Splits options from operands: `-abc` style flags before the first operand or `--`.
pub(crate) fn split_flags(args: &[String]) -> (Vec<char>, Vec<String>) {
    let mut flags = Vec::new();
    let mut operands = Vec::new();
    let mut done = false;
    for a in args {
        if !done && a == "--" {
            done = true;
        } else if !done
            && a.len() > 1
            && a.starts_with('-')
            && !a[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            flags.extend(a[1..].chars());
        } else {
            operands.push(a.clone());
        }
    }
    (flags, operands)
}

/// Splits bytes into lines without their newline (a last line without newline included).
pub(crate) fn lines(data: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut v: Vec<String> = text.split('\n').map(str::to_owned).collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}
