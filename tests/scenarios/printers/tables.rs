//! `kubectl get` tables. kubectl renders these from the API server's Table rows, so the goldens
//! are derived from `pkg/printers/internalversion/printers.go` (cells) and cli-runtime's
//! tabwriter settings; they were reviewed by hand against the upstream source.

use jobsim::kubectl::printers::human::{PrintOptions, WatchPrinter, print_get};
use jobsim::kubectl::printers::{Printable, Table, table};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Event, Node, Pod, Secret};

use crate::support::{check_golden, fixture, fixture_items, fixture_now};

fn tables_of<T: Printable>(objects: &[T], _wide: bool) -> Table {
    table(objects, fixture_now())
}

fn jobs() -> Vec<Job> {
    vec![fixture("job-indexed"), fixture("job-pi")]
}

fn pods() -> Vec<Pod> {
    vec![
        fixture("pod-crash"),
        fixture("pod-pending"),
        fixture("pod-pi"),
    ]
}

fn get(tables: &[Table], options: &PrintOptions, namespace: Option<&str>) -> String {
    let out = print_get(tables, options, namespace);
    format!(
        "{}{}",
        out.stdout,
        if out.stderr.is_empty() {
            String::new()
        } else {
            format!("--- stderr\n{}", out.stderr)
        }
    )
}

fn golden(name: &str, text: &str) {
    check_golden(format!("tests/golden/kubectl/tables/{name}.out"), text);
}

#[test]
fn get_jobs_default_and_wide() {
    let default = PrintOptions::default();
    golden(
        "get_jobs",
        &get(&[tables_of(&jobs(), false)], &default, Some("default")),
    );
    let wide = PrintOptions {
        wide: true,
        ..PrintOptions::default()
    };
    golden(
        "get_jobs_wide",
        &get(&[tables_of(&jobs(), true)], &wide, Some("default")),
    );
    let no_headers = PrintOptions {
        no_headers: true,
        ..PrintOptions::default()
    };
    golden(
        "get_jobs_no_headers",
        &get(&[tables_of(&jobs(), false)], &no_headers, Some("default")),
    );
}

#[test]
fn get_pods_variants() {
    golden(
        "get_pods",
        &get(
            &[tables_of(&pods(), false)],
            &PrintOptions::default(),
            Some("default"),
        ),
    );
    let wide = PrintOptions {
        wide: true,
        ..PrintOptions::default()
    };
    golden(
        "get_pods_wide",
        &get(&[tables_of(&pods(), true)], &wide, Some("default")),
    );
    let labels = PrintOptions {
        show_labels: true,
        ..PrintOptions::default()
    };
    golden(
        "get_pods_show_labels",
        &get(&[tables_of(&pods(), false)], &labels, Some("default")),
    );
    let all_namespaces = PrintOptions {
        with_namespace: true,
        ..PrintOptions::default()
    };
    golden(
        "get_pods_all_namespaces",
        &get(&[tables_of(&pods(), false)], &all_namespaces, None),
    );
    let label_columns = PrintOptions {
        column_labels: vec!["job-name".into(), "app".into()],
        ..PrintOptions::default()
    };
    golden(
        "get_pods_label_columns",
        &get(
            &[tables_of(&pods(), false)],
            &label_columns,
            Some("default"),
        ),
    );
}

#[test]
fn get_events_nodes_configmaps_secrets() {
    let events: Vec<Event> = fixture_items("events");
    golden(
        "get_events",
        &get(
            &[tables_of(&events, false)],
            &PrintOptions::default(),
            Some("default"),
        ),
    );
    let wide = PrintOptions {
        wide: true,
        ..PrintOptions::default()
    };
    golden(
        "get_events_wide",
        &get(&[tables_of(&events, true)], &wide, Some("default")),
    );
    let nodes: Vec<Node> = vec![fixture("node")];
    golden(
        "get_nodes",
        &get(&[tables_of(&nodes, false)], &PrintOptions::default(), None),
    );
    golden(
        "get_nodes_wide",
        &get(&[tables_of(&nodes, true)], &wide, None),
    );
    let configmaps: Vec<ConfigMap> = vec![fixture("configmap"), fixture("configmap-tricky")];
    golden(
        "get_configmaps",
        &get(
            &[tables_of(&configmaps, false)],
            &PrintOptions::default(),
            Some("default"),
        ),
    );
    let secrets: Vec<Secret> = vec![fixture("secret")];
    golden(
        "get_secrets",
        &get(
            &[tables_of(&secrets, false)],
            &PrintOptions::default(),
            Some("default"),
        ),
    );
}

#[test]
fn get_all_groups_kinds_with_prefixes() {
    let options = PrintOptions {
        with_kind: true,
        ..PrintOptions::default()
    };
    let empty_secrets: Vec<Secret> = Vec::new();
    let tables = [
        tables_of(&pods(), false),
        tables_of(&empty_secrets, false),
        tables_of(&jobs(), false),
    ];
    golden("get_all", &get(&tables, &options, Some("default")));
}

#[test]
fn nothing_found_goes_to_stderr() {
    let none: Vec<Job> = Vec::new();
    golden(
        "get_jobs_none",
        &get(
            &[tables_of(&none, false)],
            &PrintOptions::default(),
            Some("default"),
        ),
    );
    golden(
        "get_nodes_none",
        &get(
            &[tables_of(&Vec::<Node>::new(), false)],
            &PrintOptions::default(),
            None,
        ),
    );
}

#[test]
fn watch_prints_headers_once_and_keeps_widths() {
    let mut watch = WatchPrinter::new(PrintOptions::default());
    let all = jobs();
    let mut text = watch.print(&tables_of(&all[1..], false));
    text.push_str(&watch.print(&tables_of(&all[..1], false)));
    text.push_str(&watch.print(&tables_of(&all[1..], false)));
    golden("watch_jobs", &text);
}
