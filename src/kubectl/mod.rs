//! kubectl without a cluster: the command engine shared by the browser terminal and the CLI.

pub mod printers;
