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

/// The simulation allocates many small short-lived values (pods, log lines, shell words);
/// mimalloc serves them about twice as fast as the system allocator.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
