//! `kubectl get namespaces` rows: `printNamespace` in `pkg/printers/internalversion/printers.go`.

use jiff::Timestamp;
use k8s_openapi::api::core::v1::Namespace;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::humanize::translate_timestamp_since;
use super::{ColumnDefinition, GenerateOptions, Printable, created};

impl Printable for Namespace {
    const KIND: &'static str = "namespace";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::name("Name"),
            ColumnDefinition::new("Status"),
            ColumnDefinition::new("Age"),
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, _options: GenerateOptions) -> Vec<String> {
        let phase = self.status.as_ref().and_then(|s| s.phase.clone());
        vec![
            self.metadata.name.clone().unwrap_or_default(),
            phase.unwrap_or_default(),
            translate_timestamp_since(created(&self.metadata), now),
        ]
    }
}
