//! kubectl's output layer: tables, describe text and `-o` formats, as pure functions of
//! (objects, now, options). Inputs are k8s-openapi objects as the simulated API server would
//! return them; "now" is always passed in.
//!
//! Map (upstream file each module follows):
//! - [`table`]: Go `text/tabwriter` + liggitt `RememberWidths` (kubectl's column alignment);
//! - [`humanize`]: apimachinery `util/duration`, `translateTimestampSince`, Go time layouts;
//! - [`job`], [`pod`], [`event`], [`node`], [`config`]: the row printers of
//!   `pkg/printers/internalversion/printers.go` (`printJob`, `printPod`, …);
//! - [`human`]: cli-runtime `tableprinter.go` and the `get` loop (headers, `-o wide`,
//!   `--show-labels`, `-A`, `get all` groups, `No resources found`, `--watch`);
//! - [`describe`]: `kubectl/pkg/describe/describe.go` for jobs, pods and nodes;
//! - [`yaml`], [`json`], [`name`]: `-o yaml|json|name` (cli-runtime `printers/*.go`);
//! - [`jsonpath`], [`custom_columns`], [`sort`]: client-go `util/jsonpath`, `-o custom-columns`,
//!   `--sort-by`;
//! - [`output`]: parsing `-o` and printing objects generically (the `printGeneric` path).
//!
//! How the kubectl command engine uses it:
//! - `get` (tables): [`table`] per resource type → [`human::print_get`] (stdout/stderr);
//!   `--watch`: [`human::WatchPrinter`]; `--sort-by`: [`sort::sort_by`] on the objects first.
//! - `get -o …`: [`output::OutputFormat::parse`], objects through [`output::to_api_json`], then
//!   [`output::print_objects`]; `-o name` for mutations: [`name::print_name`].
//! - `describe`: [`describe::describe_job`], [`describe::describe_pod`],
//!   [`describe::describe_node`], joined with [`describe::join_descriptions`].
//! - Selectors live in `apiserver::selectors` (shared with the controllers).

pub mod config;
pub mod custom_columns;
pub mod describe;
pub mod event;
pub mod human;
pub mod humanize;
pub mod job;
pub mod json;
pub mod jsonpath;
pub mod name;
pub mod namespace;
pub mod node;
pub mod output;
pub mod pod;
pub mod quantity;
pub mod sort;
pub mod table;
pub mod yaml;

#[cfg(test)]
mod rows_tests;

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

/// A column of a server-side Table (`metav1.TableColumnDefinition`, the fields kubectl uses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnDefinition {
    /// Column title as defined upstream ("Last Seen"); printed upper-cased.
    pub name: &'static str,
    /// 0: always shown; >0: only with `-o wide`.
    pub priority: u8,
    /// `Format: "name"`: the cell `-o wide`/`get all` prefixes with `kind/`.
    pub format_name: bool,
}

impl ColumnDefinition {
    /// A default (priority 0) column.
    pub const fn new(name: &'static str) -> Self {
        ColumnDefinition {
            name,
            priority: 0,
            format_name: false,
        }
    }

    /// The object-name column.
    pub const fn name(name: &'static str) -> Self {
        ColumnDefinition {
            name,
            priority: 0,
            format_name: true,
        }
    }

    /// A `-o wide` column.
    pub const fn wide(name: &'static str) -> Self {
        ColumnDefinition {
            name,
            priority: 1,
            format_name: false,
        }
    }
}

/// One row: the printed cells plus the metadata the table decorations read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    /// Cell text, one per column definition (wide cells only when generated wide).
    pub cells: Vec<String>,
    /// The object's namespace (NAMESPACE column with `-A`).
    pub namespace: String,
    /// The object's labels (`--show-labels`, `-L`).
    pub labels: BTreeMap<String, String>,
}

/// A table of one resource type (`metav1.Table`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Lower-cased `GroupKind.String()` (`job.batch`, `pod`) used for `kind/name` prefixes.
    pub kind: &'static str,
    /// Column definitions, in order.
    pub columns: Vec<ColumnDefinition>,
    /// Rows, in the order given.
    pub rows: Vec<TableRow>,
}

/// `printers.GenerateOptions`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Generate the priority-1 (`-o wide`) cells too.
    pub wide: bool,
}

/// A kind with a server-side table printer.
pub trait Printable {
    /// Lower-cased group kind, e.g. `job.batch`.
    const KIND: &'static str;
    /// The table's column definitions.
    fn columns() -> Vec<ColumnDefinition>;
    /// The object's metadata.
    fn meta(&self) -> &ObjectMeta;
    /// The row cells (`printJob` etc.).
    fn cells(&self, now: Timestamp, options: GenerateOptions) -> Vec<String>;
}

/// Builds the Table for `objects` (the API server's `as=Table` response), keeping their order.
/// Like the API server's table convertor, it always generates the wide cells; the printer drops
/// priority columns unless `-o wide`.
pub fn table<T: Printable>(objects: &[T], now: Timestamp) -> Table {
    let rows = objects
        .iter()
        .map(|object| {
            let meta = object.meta();
            TableRow {
                cells: object.cells(now, GenerateOptions { wide: true }),
                namespace: meta.namespace.clone().unwrap_or_default(),
                labels: meta.labels.clone().unwrap_or_default(),
            }
        })
        .collect();
    Table {
        kind: T::KIND,
        columns: T::columns(),
        rows,
    }
}

/// Orders objects as the API server lists them: by namespace, then name (storage-key order).
/// `kubectl get` prints rows in this order (it does not sort, not even events).
pub fn sort_like_api_server<T: Printable>(objects: &mut [T]) {
    crate::sort::sort_by(objects, |a, b| {
        let (a, b) = (a.meta(), b.meta());
        (a.namespace.as_deref(), a.name.as_deref())
            .cmp(&(b.namespace.as_deref(), b.name.as_deref()))
    });
}

/// The creation time of an object, if set.
pub(crate) fn created(meta: &ObjectMeta) -> Option<Timestamp> {
    meta.creation_timestamp.as_ref().map(|t| t.0)
}

/// `layoutContainerCells`: container names and images, comma-joined.
pub(crate) fn layout_container_cells(
    containers: &[k8s_openapi::api::core::v1::Container],
) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = containers
        .iter()
        .map(|c| c.image.as_deref().unwrap_or(""))
        .collect();
    (names.join(","), images.join(","))
}
