//! Printer scenarios: describe and `-o` formats against a real kubectl's output for the same
//! fixtures (tests/golden/kubectl/oracle), tables against goldens derived from printers.go.

mod describe;
mod output;
mod properties;
mod tables;
