//! Golden tests: every script in `tests/golden/shell/*.sh` runs as a busybox:1.35 container
//! with a fixed seed; its log (with timestamps), duration and exit code must equal the `.log`
//! beside it. `UPDATE_GOLDEN=1 cargo test --test scenarios` rewrites the `.log` files.
