//! The `jobsim` binary: the Yew playground when built for wasm32, the CLI otherwise.

#[cfg(target_arch = "wasm32")]
fn main() {
    jobsim::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(jobsim::cli::run(&args));
}
