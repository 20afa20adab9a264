//! `kubectl get events` rows: `printEvent` and `formatEventSource` in
//! `pkg/printers/internalversion/printers.go`.
//!
//! `printEventList` does not sort (despite its comment): rows come in the API server's list
//! order, which is storage-key order (namespace, then name). Event names are
//! `<involvedObject.name>.<hex>`, so a real cluster lists events grouped by object.

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Event;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::humanize::translate_timestamp_since;
use super::{ColumnDefinition, GenerateOptions, Printable};

impl Printable for Event {
    const KIND: &'static str = "event";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::new("Last Seen"),
            ColumnDefinition::new("Type"),
            ColumnDefinition::new("Reason"),
            ColumnDefinition::new("Object"),
            ColumnDefinition::wide("Subobject"),
            ColumnDefinition::wide("Source"),
            ColumnDefinition::new("Message"),
            ColumnDefinition::wide("First Seen"),
            ColumnDefinition::wide("Count"),
            ColumnDefinition {
                name: "Name",
                priority: 1,
                format_name: true,
            },
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, options: GenerateOptions) -> Vec<String> {
        let first_seen = match &self.first_timestamp {
            Some(t) => translate_timestamp_since(Some(t.0), now),
            None => translate_timestamp_since(self.event_time.as_ref().map(|t| t.0), now),
        };
        let mut last_seen = match &self.last_timestamp {
            Some(t) => translate_timestamp_since(Some(t.0), now),
            None => first_seen.clone(),
        };
        let mut count = self.count.unwrap_or(0);
        if let Some(series) = &self.series {
            last_seen =
                translate_timestamp_since(series.last_observed_time.as_ref().map(|t| t.0), now);
            count = series.count.unwrap_or(0);
        } else if count == 0 {
            count = 1;
        }
        let involved = &self.involved_object;
        let kind = involved.kind.as_deref().unwrap_or("").to_lowercase();
        let target = match involved.name.as_deref().filter(|n| !n.is_empty()) {
            Some(name) => format!("{kind}/{name}"),
            None => kind,
        };
        let message = self.message.as_deref().unwrap_or("").trim().to_string();
        let type_ = self.type_.clone().unwrap_or_default();
        let reason = self.reason.clone().unwrap_or_default();
        if options.wide {
            vec![
                last_seen,
                type_,
                reason,
                target,
                involved.field_path.clone().unwrap_or_default(),
                format_event_source(self),
                message,
                first_seen,
                count.to_string(),
                self.metadata.name.clone().unwrap_or_default(),
            ]
        } else {
            vec![last_seen, type_, reason, target, message]
        }
    }
}

/// `formatEventSource`: `component, host`, falling back to reportingController /
/// reportingInstance.
pub fn format_event_source(event: &Event) -> String {
    let source = event.source.as_ref();
    let component = source
        .and_then(|s| s.component.as_deref())
        .filter(|c| !c.is_empty())
        .or(event.reporting_component.as_deref())
        .unwrap_or("");
    let instance = source
        .and_then(|s| s.host.as_deref())
        .filter(|h| !h.is_empty())
        .or(event.reporting_instance.as_deref())
        .unwrap_or("");
    if instance.is_empty() {
        component.to_string()
    } else {
        format!("{component}, {instance}")
    }
}
