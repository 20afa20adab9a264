//! kubectl's human-readable table output: cli-runtime `printers/tableprinter.go`
//! (`HumanReadablePrinter.PrintObj`, `decorateTable`, `printTable`) and the `get` loop of
//! `kubectl/pkg/cmd/get/get.go` (groups separated by a blank line, `No resources found …`).
//!
//! Row cells come from the per-kind printers ([`super::job`], [`super::pod`], …), exactly as the
//! API server's Table responses carry cells built by `printJob`, `printPod`, ….

use super::table::TabWriter;
use super::{ColumnDefinition, Table};
pub use crate::apiserver::selectors::format_labels;

/// The options of cli-runtime `printers.PrintOptions` that `kubectl get` sets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrintOptions {
    /// `--no-headers`.
    pub no_headers: bool,
    /// `-o wide`: show columns with priority > 0.
    pub wide: bool,
    /// `--show-labels`: a LABELS column at the end.
    pub show_labels: bool,
    /// `-A`: a NAMESPACE column first (never for cluster-scoped kinds).
    pub with_namespace: bool,
    /// Prefix names with `kind/` (several kinds requested, e.g. `get all`).
    pub with_kind: bool,
    /// `-L key1,key2`: one column per label key.
    pub column_labels: Vec<String>,
}

/// Prints tables the way `HumanReadablePrinter.PrintObj` does, remembering whether headers
/// were printed (so a watch prints them once).
#[derive(Clone, Debug, Default)]
pub struct HumanReadablePrinter {
    options: PrintOptions,
    last_columns: Option<Vec<ColumnDefinition>>,
    printed_headers: bool,
}

impl HumanReadablePrinter {
    /// A printer for one resource type (kubectl builds a new one per type).
    pub fn new(options: PrintOptions) -> Self {
        HumanReadablePrinter {
            options,
            last_columns: None,
            printed_headers: false,
        }
    }

    /// Writes `table` into `out` (tab-separated; the caller flushes).
    pub fn print_table(&mut self, table: &Table, out: &mut TabWriter) {
        let mut options = self.options.clone();
        let same_columns = self.last_columns.as_deref() == Some(table.columns.as_slice());
        if self.printed_headers && same_columns {
            options.no_headers = true;
        }
        if !same_columns {
            self.last_columns = Some(table.columns.clone());
            self.printed_headers = false;
        }
        if !table.rows.is_empty() {
            self.printed_headers = true;
        }
        print_table(table, &options, out);
    }
}

/// `decorateTable` + `printTable`: header (only when there are rows), then one line per row.
fn print_table(table: &Table, options: &PrintOptions, out: &mut TabWriter) {
    let visible: Vec<usize> = (0..table.columns.len())
        .filter(|&i| options.wide || table.columns[i].priority == 0)
        .collect();
    let name_column = if options.with_kind {
        table.columns.iter().position(|c| c.format_name)
    } else {
        None
    };
    if !options.no_headers {
        if table.rows.is_empty() {
            return;
        }
        let mut headers: Vec<String> = Vec::new();
        if options.with_namespace {
            headers.push("NAMESPACE".to_string());
        }
        headers.extend(
            visible
                .iter()
                .map(|&i| table.columns[i].name.to_uppercase()),
        );
        headers.extend(options.column_labels.iter().map(|l| label_header(l)));
        if options.show_labels {
            headers.push("LABELS".to_string());
        }
        out.write_str(&headers.join("\t"));
        out.write_str("\n");
    }
    for row in &table.rows {
        let mut cells: Vec<String> = Vec::new();
        if options.with_namespace {
            cells.push(row.namespace.clone());
        }
        for &i in &visible {
            let cell = row.cells.get(i).map(String::as_str).unwrap_or("");
            if Some(i) == name_column {
                cells.push(escape_cell(&format!("{}/{}", table.kind, cell)));
            } else {
                cells.push(escape_cell(cell));
            }
        }
        for key in &options.column_labels {
            cells.push(escape_cell(
                row.labels.get(key).map(String::as_str).unwrap_or(""),
            ));
        }
        if options.show_labels {
            cells.push(escape_cell(&format_labels(&row.labels)));
        }
        out.write_str(&cells.join("\t"));
        out.write_str("\n");
    }
}

/// `formatLabelHeaders`: the upper-cased last path segment of a `-L` key.
fn label_header(key: &str) -> String {
    key.rsplit('/').next().unwrap_or(key).to_uppercase()
}

/// `appendCellValue`: a cell ends at its first line break (`\n`, `\r`, `\f`) with `...`, and
/// terminal escapes are made visible (`printers.WriteEscaped`).
pub fn escape_cell(value: &str) -> String {
    let (text, truncated) = match value.find(['\n', '\r', '\u{c}']) {
        Some(i) => (&value[..i], true),
        None => (value, false),
    };
    let mut escaped = text.replace('\u{1b}', "^[");
    if truncated {
        escaped.push_str("...");
    }
    escaped
}

/// What a `kubectl get` prints, split by stream.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GetOutput {
    /// The tables.
    pub stdout: String,
    /// `No resources found …` when nothing was printed.
    pub stderr: String,
}

/// The human-readable branch of `GetOptions.Run`: one table per resource type, in request order,
/// aligned independently and separated by a blank line; when nothing is printed at all,
/// `No resources found in <namespace> namespace.` (or `No resources found` when
/// `namespace` is `None`: `-A`, or a cluster-scoped kind).
pub fn print_get(tables: &[Table], options: &PrintOptions, namespace: Option<&str>) -> GetOutput {
    let mut out = TabWriter::kubectl();
    let mut stdout = String::new();
    let mut separator_ready = false;
    for (i, table) in tables.iter().enumerate() {
        out.flush();
        append_separated(&mut stdout, out.take_output(), &mut separator_ready);
        out.set_remembered_widths(Vec::new());
        if i > 0 && !options.no_headers && !stdout.is_empty() {
            separator_ready = true;
        }
        let mut printer = HumanReadablePrinter::new(options.clone());
        printer.print_table(table, &mut out);
    }
    out.flush();
    append_separated(&mut stdout, out.take_output(), &mut separator_ready);
    let stderr = if stdout.is_empty() {
        match namespace {
            Some(ns) => format!("No resources found in {ns} namespace.\n"),
            None => "No resources found\n".to_string(),
        }
    } else {
        String::new()
    };
    GetOutput { stdout, stderr }
}

/// `separatorWriterWrapper`: a pending blank line is written before the next non-empty output.
fn append_separated(stdout: &mut String, chunk: String, ready: &mut bool) {
    if chunk.is_empty() {
        return;
    }
    if *ready {
        stdout.push('\n');
        *ready = false;
    }
    stdout.push_str(&chunk);
}

/// `kubectl get --watch` for one resource type: the first table prints headers, later ones
/// (one row per watch event) only rows; column widths are remembered across events, so a wider
/// cell later shifts only its own line, as in a real terminal.
#[derive(Clone, Debug)]
pub struct WatchPrinter {
    writer: TabWriter,
    printer: HumanReadablePrinter,
}

impl WatchPrinter {
    /// A watch printer with `kubectl get` options (`-A` adds NAMESPACE, etc.).
    pub fn new(options: PrintOptions) -> Self {
        WatchPrinter {
            writer: TabWriter::kubectl(),
            printer: HumanReadablePrinter::new(options),
        }
    }

    /// Prints a table (the initial list, or the rows of one event) and returns the new text.
    pub fn print(&mut self, table: &Table) -> String {
        self.printer.print_table(table, &mut self.writer);
        self.writer.flush();
        self.writer.take_output()
    }
}
