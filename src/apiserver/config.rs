//! ConfigMaps and Secrets: stored as applied, read by the kubelet for `configMap`/`secret`
//! volumes and `configMapKeyRef`/`secretKeyRef` environment variables.

use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::names;
use crate::sim::Cluster;

/// What a create-or-update did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Created,
    Configured,
    Unchanged,
}

fn key(namespace: &str, name: &str) -> (String, String) {
    (namespace.to_string(), name.to_string())
}

impl Cluster {
    /// Creates or replaces a ConfigMap.
    pub fn apply_config_map(&mut self, mut cm: ConfigMap, namespace: &str) -> Applied {
        let name = cm.metadata.name.clone().unwrap_or_default();
        let k = key(namespace, &name);
        cm.metadata.namespace = Some(namespace.to_string());
        let existing = self.config_maps.get(&k).cloned();
        let stamp = |cm: &mut ConfigMap, serial: u64, uid: String, created: Time| {
            cm.metadata.uid = Some(uid);
            cm.metadata.resource_version = Some(serial.to_string());
            cm.metadata.creation_timestamp = Some(created);
        };
        match existing {
            Some(old)
                if old.data == cm.data
                    && old.binary_data == cm.binary_data
                    && old.metadata.labels == cm.metadata.labels =>
            {
                Applied::Unchanged
            }
            Some(old) => {
                let serial = self.serial();
                let uid = old.metadata.uid.clone().unwrap_or_default();
                let created = old
                    .metadata
                    .creation_timestamp
                    .clone()
                    .unwrap_or(Time(self.epoch().timestamp(self.now)));
                stamp(&mut cm, serial, uid, created);
                self.config_maps.insert(k, cm);
                Applied::Configured
            }
            None => {
                let serial = self.serial();
                let uid = names::uid(self.seed, &format!("configmap/{namespace}/{name}/{serial}"));
                let created = Time(self.epoch().timestamp(self.now.truncated_to_secs()));
                stamp(&mut cm, serial, uid, created);
                self.config_maps.insert(k, cm);
                Applied::Created
            }
        }
    }

    /// Creates or replaces a Secret (`stringData` folded into `data`).
    pub fn apply_secret(&mut self, mut secret: Secret, namespace: &str) -> Applied {
        super::defaults::set_defaults_secret(&mut secret);
        let name = secret.metadata.name.clone().unwrap_or_default();
        let k = key(namespace, &name);
        secret.metadata.namespace = Some(namespace.to_string());
        if let Some(string_data) = secret.string_data.take() {
            let data = secret.data.get_or_insert_with(Default::default);
            for (key, value) in string_data {
                data.insert(key, k8s_openapi::ByteString(value.into_bytes()));
            }
        }
        let existing = self.secrets.get(&k).cloned();
        if existing
            .as_ref()
            .is_some_and(|old| old.data == secret.data && old.type_ == secret.type_)
        {
            return Applied::Unchanged;
        }
        let serial = self.serial();
        secret.metadata.resource_version = Some(serial.to_string());
        secret.metadata.uid = Some(match &existing {
            Some(old) => old.metadata.uid.clone().unwrap_or_default(),
            None => names::uid(self.seed, &format!("secret/{namespace}/{name}/{serial}")),
        });
        secret.metadata.creation_timestamp = Some(match &existing {
            Some(old) => old
                .metadata
                .creation_timestamp
                .clone()
                .unwrap_or(Time(self.epoch().timestamp(self.now))),
            None => Time(self.epoch().timestamp(self.now.truncated_to_secs())),
        });
        let created = existing.is_none();
        self.secrets.insert(k, secret);
        if created {
            Applied::Created
        } else {
            Applied::Configured
        }
    }

    pub fn config_maps(&self) -> impl Iterator<Item = &ConfigMap> {
        self.config_maps.values()
    }

    pub fn secrets(&self) -> impl Iterator<Item = &Secret> {
        self.secrets.values()
    }

    pub fn has_config_map(&self, namespace: &str, name: &str) -> bool {
        self.config_maps.contains_key(&key(namespace, name))
    }

    pub fn has_secret(&self, namespace: &str, name: &str) -> bool {
        self.secrets.contains_key(&key(namespace, name))
    }

    /// One key of a ConfigMap (`data`, else `binaryData` as text).
    pub fn config_map_value(&self, namespace: &str, name: &str, item: &str) -> Option<String> {
        let cm = self.config_maps.get(&key(namespace, name))?;
        cm.data
            .as_ref()
            .and_then(|d| d.get(item).cloned())
            .or_else(|| {
                cm.binary_data
                    .as_ref()
                    .and_then(|d| d.get(item))
                    .map(|b| String::from_utf8_lossy(&b.0).into_owned())
            })
    }

    /// One key of a Secret, decoded.
    pub fn secret_value(&self, namespace: &str, name: &str, item: &str) -> Option<String> {
        let secret = self.secrets.get(&key(namespace, name))?;
        secret
            .data
            .as_ref()
            .and_then(|d| d.get(item))
            .map(|b| String::from_utf8_lossy(&b.0).into_owned())
    }

    /// Every key of a ConfigMap as (name, bytes).
    pub fn config_map_files(&self, namespace: &str, name: &str) -> Option<Vec<(String, Vec<u8>)>> {
        let cm = self.config_maps.get(&key(namespace, name))?;
        let mut files: Vec<(String, Vec<u8>)> = cm
            .data
            .iter()
            .flatten()
            .map(|(k, v)| (k.clone(), v.clone().into_bytes()))
            .collect();
        files.extend(
            cm.binary_data
                .iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.0.clone())),
        );
        Some(files)
    }

    /// Every key of a Secret as (name, bytes).
    pub fn secret_files(&self, namespace: &str, name: &str) -> Option<Vec<(String, Vec<u8>)>> {
        let secret = self.secrets.get(&key(namespace, name))?;
        Some(
            secret
                .data
                .iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.0.clone()))
                .collect(),
        )
    }
}
