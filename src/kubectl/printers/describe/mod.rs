//! `kubectl describe`: `staging/src/k8s.io/kubectl/pkg/describe/describe.go` for Jobs, Pods and
//! Nodes. Text goes through the describe tabwriter (minwidth 0, tabwidth 8, padding 2), with the
//! `PrefixWriter` indentation (two spaces per level) and `WriteEscaped`; the Events table is
//! flushed separately, as upstream flushes before it.
//!
//! Events are passed as the whole list; each describer picks the ones `searchEvents` would
//! return (involvedObject name, namespace, kind and uid) and sorts them by time.

pub mod job;
pub mod namespace;
pub mod node;
pub mod pod;
pub mod template;
pub mod volumes;

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{Event, Taint, Toleration};

use super::humanize::translate_timestamp_since;
use super::table::TabWriter;

pub use job::describe_job;
pub use namespace::describe_namespace;
pub use node::describe_node;
pub use pod::describe_pod;

/// `PrefixWriter` over the describe tabwriter.
pub(crate) struct PrefixWriter {
    out: TabWriter,
}

impl PrefixWriter {
    pub(crate) fn new() -> Self {
        PrefixWriter {
            out: TabWriter::describe(),
        }
    }

    /// `Write(level, text)`: two spaces per level, then the text (terminal escapes made visible).
    pub(crate) fn write(&mut self, level: usize, text: &str) {
        let mut line = "  ".repeat(level);
        line.push_str(text);
        self.out.write_str(&escape(&line));
    }

    /// `WriteLine(text)`: the text and a newline, no indentation.
    pub(crate) fn write_line(&mut self, text: &str) {
        self.out.write_str(&escape(&format!("{text}\n")));
    }

    pub(crate) fn flush(&mut self) {
        self.out.flush();
    }

    pub(crate) fn finish(self) -> String {
        self.out.finish()
    }
}

/// `printers.WriteEscaped`: ESC becomes `^[`, CR becomes `\r`.
fn escape(text: &str) -> String {
    text.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// Joins several descriptions as `kubectl describe` prints them (a blank line pair between).
pub fn join_descriptions(parts: &[String]) -> String {
    parts.join("\n\n")
}

/// `printLabelsMultilineWithIndent`: `Title:\tk=v` then one `\tk=v` line per further label,
/// `<none>` when empty.
pub(crate) fn print_labels_multiline(
    w: &mut PrefixWriter,
    title: &str,
    labels: Option<&BTreeMap<String, String>>,
) {
    w.write(0, &format!("{title}:\t"));
    let labels = labels.filter(|l| !l.is_empty());
    let Some(labels) = labels else {
        w.write_line("<none>");
        return;
    };
    for (i, (key, value)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{key}={value}\n"));
    }
}

const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: skips `kubectl.kubernetes.io/last-applied-configuration`, splits
/// long or multi-line values onto indented lines of at most 138 characters.
pub(crate) fn print_annotations_multiline(
    w: &mut PrefixWriter,
    title: &str,
    annotations: Option<&BTreeMap<String, String>>,
) {
    w.write(0, &format!("{title}:\t"));
    let entries: Vec<(&String, &String)> = annotations
        .into_iter()
        .flatten()
        .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
        .collect();
    if entries.is_empty() {
        w.write_line("<none>");
        return;
    }
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = value.strip_suffix('\n').unwrap_or(value);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for line in value.split('\n') {
                w.write(
                    0,
                    &format!("\t  {}\n", shorten(line, MAX_ANNOTATION_LEN - 2)),
                );
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

/// `shorten`: cut at `max` bytes (on a char boundary) and add `...`.
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// `printTolerationsMultilineWithIndent` (sorted by key).
pub(crate) fn print_tolerations_multiline(
    w: &mut PrefixWriter,
    title: &str,
    tolerations: Option<&[Toleration]>,
) {
    w.write(0, &format!("{title}:\t"));
    let mut tolerations: Vec<&Toleration> = tolerations.into_iter().flatten().collect();
    if tolerations.is_empty() {
        w.write_line("<none>");
        return;
    }
    crate::sort::sort_by(&mut tolerations, |a, b| {
        a.key
            .as_deref()
            .unwrap_or("")
            .cmp(b.key.as_deref().unwrap_or(""))
    });
    for (i, t) in tolerations.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let key = t.key.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        let mut text = key.to_string();
        if !value.is_empty() {
            text.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            text.push_str(&format!(":{effect}"));
        }
        if t.operator.as_deref() == Some("Exists") && value.is_empty() {
            text.push_str(if !key.is_empty() || !effect.is_empty() {
                " op=Exists"
            } else {
                "op=Exists"
            });
        }
        if let Some(seconds) = t.toleration_seconds {
            text.push_str(&format!(" for {seconds}s"));
        }
        w.write(0, &format!("{text}\n"));
    }
}

/// `printTaintsMultilineWithIndent` (sorted by effect, then key).
pub(crate) fn print_taints_multiline(w: &mut PrefixWriter, title: &str, taints: Option<&[Taint]>) {
    w.write(0, &format!("{title}:\t"));
    let mut taints: Vec<&Taint> = taints.into_iter().flatten().collect();
    if taints.is_empty() {
        w.write_line("<none>");
        return;
    }
    crate::sort::sort_by_key(&mut taints, |t| format!("{},{}", t.effect, t.key));
    for (i, t) in taints.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let text = match t.value.as_deref().filter(|v| !v.is_empty()) {
            Some(v) => format!("{}={}:{}", t.key, v, t.effect),
            None => format!("{}:{}", t.key, t.effect),
        };
        w.write(0, &format!("{text}\n"));
    }
}

/// The events `searchEvents` returns for an object: same involvedObject name and namespace,
/// and kind / uid when given (pods are searched without kind).
pub fn events_for<'a>(
    events: &'a [Event],
    name: &str,
    namespace: &str,
    kind: Option<&str>,
    uid: Option<&str>,
) -> Vec<&'a Event> {
    events
        .iter()
        .filter(|e| {
            let o = &e.involved_object;
            o.name.as_deref().unwrap_or("") == name
                && o.namespace.as_deref().unwrap_or("") == namespace
                && kind.is_none_or(|k| o.kind.as_deref().unwrap_or("") == k)
                && uid.is_none_or(|u| o.uid.as_deref().unwrap_or("") == u)
        })
        .collect()
}

/// `event.SortableEvents`' time: series last observed, else lastTimestamp, else eventTime.
fn event_time(e: &Event) -> Option<Timestamp> {
    if let Some(series) = &e.series {
        return series.last_observed_time.as_ref().map(|t| t.0);
    }
    e.last_timestamp
        .as_ref()
        .map(|t| t.0)
        .or_else(|| e.event_time.as_ref().map(|t| t.0))
}

/// `DescribeEvents`: `Events:\t<none>`, or the flushed Type/Reason/Age/From/Message table sorted by
/// time (stable), with `<last> (x<count> over <first>)` for repeated events.
pub(crate) fn describe_events(events: &[&Event], w: &mut PrefixWriter, now: Timestamp) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    let mut sorted: Vec<&Event> = events.to_vec();
    crate::sort::sort_by_key(&mut sorted, |e| event_time(e));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let first = match &e.event_time {
            Some(t) => translate_timestamp_since(Some(t.0), now),
            None => translate_timestamp_since(e.first_timestamp.as_ref().map(|t| t.0), now),
        };
        let count = e.count.unwrap_or(0);
        let interval = if let Some(series) = &e.series {
            format!(
                "{} (x{} over {first})",
                translate_timestamp_since(series.last_observed_time.as_ref().map(|t| t.0), now),
                series.count.unwrap_or(0)
            )
        } else if count > 1 {
            format!(
                "{} (x{count} over {first})",
                translate_timestamp_since(e.last_timestamp.as_ref().map(|t| t.0), now)
            )
        } else {
            first
        };
        let source = e
            .source
            .as_ref()
            .and_then(|s| s.component.as_deref())
            .filter(|c| !c.is_empty())
            .or(e.reporting_component.as_deref())
            .unwrap_or("");
        let mut message = e.message.as_deref().unwrap_or("").trim().to_string();
        if let Some(path) = e
            .involved_object
            .field_path
            .as_deref()
            .filter(|p| !p.is_empty())
        {
            message = format!("{path}: {message}");
        }
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{message}\n",
                e.type_.as_deref().unwrap_or(""),
                e.reason.as_deref().unwrap_or("")
            ),
        );
    }
}

/// `printController`: `Kind/name` of the controlling owner reference.
pub(crate) fn controlled_by(
    meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> Option<String> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|r| r.controller == Some(true))
        .map(|r| format!("{}/{}", r.kind, r.name))
}
