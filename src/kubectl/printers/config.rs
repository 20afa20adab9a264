//! `kubectl get configmaps|secrets` rows: `printConfigMap` and `printSecret` in
//! `pkg/printers/internalversion/printers.go`.

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::humanize::translate_timestamp_since;
use super::{ColumnDefinition, GenerateOptions, Printable, created};

impl Printable for ConfigMap {
    const KIND: &'static str = "configmap";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::name("Name"),
            ColumnDefinition::new("Data"),
            ColumnDefinition::new("Age"),
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, _options: GenerateOptions) -> Vec<String> {
        let data = self.data.as_ref().map_or(0, |d| d.len())
            + self.binary_data.as_ref().map_or(0, |d| d.len());
        vec![
            self.metadata.name.clone().unwrap_or_default(),
            data.to_string(),
            translate_timestamp_since(created(&self.metadata), now),
        ]
    }
}

impl Printable for Secret {
    const KIND: &'static str = "secret";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::name("Name"),
            ColumnDefinition::new("Type"),
            ColumnDefinition::new("Data"),
            ColumnDefinition::new("Age"),
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, _options: GenerateOptions) -> Vec<String> {
        vec![
            self.metadata.name.clone().unwrap_or_default(),
            self.type_.clone().unwrap_or_default(),
            self.data.as_ref().map_or(0, |d| d.len()).to_string(),
            translate_timestamp_since(created(&self.metadata), now),
        ]
    }
}
