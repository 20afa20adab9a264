//! A busybox `sh` interpreter that runs container commands in simulated time.
