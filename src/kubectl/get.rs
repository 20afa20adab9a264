//! `kubectl get`: tables, `-o` formats, selectors, `-A`, `--sort-by`, and `--watch`, which
//! keeps printing a row each time a watched object changes (every new resourceVersion).

use std::collections::{BTreeMap, BTreeSet};

use super::flags::{self, Spec, flag, value, values};
use super::objects::{self, ApiObject, ListOptions};
use super::printers::human::{PrintOptions, WatchPrinter, print_get};
use super::printers::output::{OutputFormat, print_objects};
use super::printers::sort::sort_by;
use super::resources::{self, Resource};
use super::{Continuation, Execution, Output, Progress, namespace, now, usage_error};
use crate::sim::Cluster;

const FLAGS: &[Spec] = &[
    value("output", Some('o')),
    flag("watch", Some('w')),
    flag("watch-only", None),
    value("selector", Some('l')),
    value("field-selector", None),
    flag("all-namespaces", Some('A')),
    flag("show-labels", None),
    flag("no-headers", None),
    value("sort-by", None),
    // A pflag StringSlice: `-L a -L b` and `-L a,b` both ask for two columns.
    values("label-columns", Some('L')),
    flag("show-kind", None),
    flag("ignore-not-found", None),
    value("chunk-size", None),
    flag("show-managed-fields", None),
];

/// Runs `kubectl get …`.
pub fn run(cluster: &mut Cluster, args: &[String]) -> Execution {
    let parsed = match flags::parse(args, &[FLAGS, flags::GLOBAL]) {
        Ok(p) => p,
        Err(e) => return usage_error("get", &e).into(),
    };
    let request = match resources::parse_request(&parsed.args) {
        Ok(r) => r,
        Err(e) if parsed.args.is_empty() => {
            return Output::error(format!(
                "{e}\nUse \"kubectl api-resources\" for a complete list of supported resources."
            ))
            .into();
        }
        Err(e) => return Output::error(e).into(),
    };
    let all_namespaces = parsed.bool("all-namespaces");
    let ns = namespace(&parsed);
    let scope = (!all_namespaces).then_some(ns.as_str());
    let format = match OutputFormat::parse(
        parsed.value("output").unwrap_or(""),
        parsed.bool("no-headers"),
    ) {
        Ok(f) => f,
        Err(e) => return Output::error(e).into(),
    };
    let options = ListOptions {
        label_selector: parsed.value("selector").unwrap_or("").to_string(),
        field_selector: parsed.value("field-selector").unwrap_or("").to_string(),
    };
    let mut output = Output::default();
    let mut groups: Vec<(Resource, Vec<ApiObject>)> = Vec::new();
    let mut named = 0;
    for (resource, names) in &request.groups {
        let objects = if names.is_empty() {
            match objects::list(cluster, *resource, scope, &options) {
                Ok(o) => o,
                Err(e) => {
                    return Output::server(format!("Error from server (BadRequest): {e}")).into();
                }
            }
        } else {
            let mut found = Vec::new();
            for name in names {
                named += 1;
                match objects::get(cluster, *resource, &ns, name) {
                    Ok(o) => found.push(o),
                    Err(_) if parsed.bool("ignore-not-found") => {}
                    Err(e) => output.append(Output::server(e)),
                }
            }
            found
        };
        groups.push((*resource, objects));
    }
    if let Some(field) = parsed.value("sort-by") {
        for (_, objects) in &mut groups {
            let values: Vec<_> = objects.iter().map(ApiObject::json).collect();
            match sort_by(&values, field) {
                Ok(order) => *objects = order.into_iter().map(|i| objects[i].clone()).collect(),
                Err(e) => return Output::error(e).into(),
            }
        }
    }
    let print_options = PrintOptions {
        no_headers: parsed.bool("no-headers"),
        wide: matches!(format, OutputFormat::Wide),
        show_labels: parsed.bool("show-labels"),
        with_namespace: all_namespaces,
        with_kind: request.groups.len() > 1 || parsed.bool("show-kind"),
        column_labels: parsed
            .all("label-columns")
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::to_string)
            .collect(),
    };
    let watch = parsed.bool("watch") || parsed.bool("watch-only");
    if watch {
        let Some((resource, _)) = groups.first().cloned() else {
            return output.into();
        };
        let mut watcher = Watch {
            resource,
            namespace: scope.map(str::to_string),
            options,
            names: request.groups[0].1.clone(),
            printer: WatchPrinter::new(print_options),
            seen: BTreeMap::new(),
        };
        let initial = watcher.poll_changes(cluster, !parsed.bool("watch-only"));
        output.append(initial);
        return Execution {
            output,
            continuation: Some(Continuation::Watch(Box::new(watcher))),
        };
    }
    if format.is_human_readable() {
        let time = now(cluster);
        let tables: Vec<_> = groups
            .iter()
            .map(|(r, objects)| objects::table(*r, objects, time))
            .collect();
        let printed = print_get(
            &tables,
            &print_options,
            scope.filter(|_| request.groups.iter().all(|(r, _)| r.is_namespaced())),
        );
        output.stdout.push_str(&printed.stdout);
        if named == 0 && output.stderr.is_empty() {
            output.stderr.push_str(&printed.stderr);
        }
        return output.into();
    }
    let values: Vec<_> = groups
        .iter()
        .flat_map(|(_, objects)| objects.iter().map(ApiObject::json))
        .collect();
    if values.is_empty() && named > 0 {
        return output.into();
    }
    match print_objects(&values, named == 1 && request.groups.len() == 1, &format) {
        Ok(text) => output.stdout.push_str(&text),
        Err(e) => output.append(Output::error(e)),
    }
    output.into()
}

/// A running `get --watch`.
#[derive(Clone, Debug)]
pub struct Watch {
    resource: Resource,
    namespace: Option<String>,
    options: ListOptions,
    names: Vec<String>,
    printer: WatchPrinter,
    /// uid → (last resourceVersion printed, the object as last seen).
    seen: BTreeMap<String, (String, ApiObject)>,
}

impl Watch {
    /// Prints the initial list (when `initial`), then a row per changed, added or deleted
    /// object since the last poll.
    fn poll_changes(&mut self, cluster: &Cluster, print: bool) -> Output {
        let Ok(mut current) = objects::list(
            cluster,
            self.resource,
            self.namespace.as_deref(),
            &self.options,
        ) else {
            return Output::default();
        };
        if !self.names.is_empty() {
            current.retain(|o| self.names.iter().any(|n| n == o.name()));
        }
        let mut changed: Vec<ApiObject> = Vec::new();
        let mut live = BTreeMap::new();
        for object in current {
            let meta = object.meta();
            let uid = meta
                .uid
                .clone()
                .unwrap_or_else(|| object.name().to_string());
            let rv = event_version(&object);
            live.insert(uid.clone(), ());
            let is_new = self.seen.get(&uid).is_none_or(|(last, _)| *last != rv);
            if is_new {
                changed.push(object.clone());
            }
            self.seen.insert(uid, (rv, object));
        }
        let gone: BTreeSet<String> = self
            .seen
            .keys()
            .filter(|uid| !live.contains_key(*uid))
            .cloned()
            .collect();
        let mut finals = if gone.is_empty() {
            BTreeMap::new()
        } else {
            objects::deleted(cluster, self.resource, &gone)
        };
        for uid in gone {
            let Some((last_rv, object)) = self.seen.remove(&uid) else {
                continue;
            };
            // The last update before the deletion (a pod's terminal status) is its own
            // MODIFIED event; the DELETED event carries that same final object.
            match finals.remove(&uid) {
                Some(last) => {
                    if event_version(&last) != last_rv {
                        changed.push(last.clone());
                    }
                    changed.push(last);
                }
                None => changed.push(object),
            }
        }
        if changed.is_empty() || !print {
            return Output::default();
        }
        let table = objects::table(self.resource, &changed, now(cluster));
        Output::ok(self.printer.print(&table))
    }

    /// Prints what changed since the last poll; a watch never ends by itself.
    pub fn poll(&mut self, cluster: &Cluster) -> Progress {
        Progress {
            output: self.poll_changes(cluster, true),
            done: false,
        }
    }
}

/// The version a watch compares: the resourceVersion, or an event's count and last time.
fn event_version(object: &ApiObject) -> String {
    match object {
        ApiObject::Event(e) => {
            format!("{:?}/{:?}", e.count, e.last_timestamp.as_ref().map(|t| t.0))
        }
        other => other.meta().resource_version.clone().unwrap_or_default(),
    }
}
