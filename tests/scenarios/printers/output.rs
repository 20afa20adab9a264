//! `-o yaml|json|name|jsonpath|custom-columns` and `--sort-by` against kubectl 1.33's output
//! for the same fixtures (objects round-trip through k8s-openapi first, as the engine's will).

use std::path::Path;

use jobsim::kubectl::printers::output::{OutputFormat, print_objects, to_api_json};
use jobsim::kubectl::printers::sort::sort_by;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use serde_json::Value;

use crate::support::{assert_text_eq, fixture, oracle};

fn value<T: serde::Serialize>(object: &T) -> Value {
    to_api_json(object)
}

fn jobs() -> Vec<Value> {
    vec![
        value(&fixture::<Job>("job-indexed")),
        value(&fixture::<Job>("job-pi")),
    ]
}

fn pods() -> Vec<Value> {
    ["pod-crash", "pod-pending", "pod-pi"]
        .iter()
        .map(|n| value(&fixture::<Pod>(n)))
        .collect()
}

fn print(objects: &[Value], single: bool, format: &str) -> String {
    let format = OutputFormat::parse(format, false).unwrap_or_else(|e| panic!("{format}: {e}"));
    print_objects(objects, single, &format).unwrap_or_else(|e| panic!("{e}"))
}

fn check(name: &str, actual: &str) {
    assert_text_eq(&oracle(name), actual, Path::new(name));
}

#[test]
fn yaml_single_job() {
    check(
        "yaml_job_pi",
        &print(&[value(&fixture::<Job>("job-pi"))], true, "yaml"),
    );
}

#[test]
fn yaml_list_of_jobs() {
    check("yaml_jobs_list", &print(&jobs(), false, "yaml"));
}

#[test]
fn yaml_literal_block_for_multiline_data() {
    check(
        "yaml_configmap",
        &print(&[value(&fixture::<ConfigMap>("configmap"))], true, "yaml"),
    );
}

#[test]
fn json_single_objects() {
    check(
        "json_job_pi",
        &print(&[value(&fixture::<Job>("job-pi"))], true, "json"),
    );
    check(
        "json_pod_crash",
        &print(&[value(&fixture::<Pod>("pod-crash"))], true, "json"),
    );
}

#[test]
fn name_output() {
    check("name_jobs", &print(&jobs(), false, "name"));
    let mut mixed = jobs();
    mixed.extend(pods());
    check("name_mixed", &print(&mixed, false, "name"));
}

#[test]
fn jsonpath_output() {
    let pi = [value(&fixture::<Job>("job-pi"))];
    check(
        "jsonpath_succeeded",
        &print(&pi, true, "jsonpath={.status.succeeded}"),
    );
    check(
        "jsonpath_filter",
        &print(
            &pi,
            true,
            "jsonpath={.status.conditions[?(@.type==\"Complete\")].status}",
        ),
    );
    check(
        "jsonpath_map",
        &print(&pi, true, "jsonpath={.metadata.labels}"),
    );
    check(
        "jsonpath_missing",
        &print(&pi, true, "jsonpath={.status.nothing}"),
    );
    check(
        "jsonpath_names",
        &print(&pods(), false, "jsonpath={.items[*].metadata.name}"),
    );
    check(
        "jsonpath_range",
        &print(
            &pods(),
            false,
            "jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
        ),
    );
    check(
        "jsonpath_int_filter",
        &print(
            &jobs(),
            false,
            "jsonpath={.items[?(@.status.succeeded==1)].metadata.name}",
        ),
    );
    check(
        "jsonpath_list",
        &print(
            &[value(&fixture::<Pod>("pod-crash"))],
            true,
            "jsonpath={.spec.containers[0].command}",
        ),
    );
}

#[test]
fn jsonpath_parse_error_reads_like_kubectl() {
    let err = OutputFormat::parse("jsonpath={.status", false).expect_err("unclosed template fails");
    check("jsonpath_bad", &format!("--- stderr\nerror: {err}"));
}

#[test]
fn custom_columns_output() {
    check(
        "custom_columns",
        &print(
            &pods(),
            false,
            "custom-columns=NAME:.metadata.name,PHASE:.status.phase,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image",
        ),
    );
    let no_headers = OutputFormat::parse(
        "custom-columns=NAME:metadata.name,OK:.status.succeeded",
        true,
    )
    .expect("valid spec");
    check(
        "custom_columns_noheaders",
        &print_objects(&jobs(), false, &no_headers).expect("prints"),
    );
}

#[test]
fn sort_by_creation_timestamp() {
    let pods = pods();
    let order = sort_by(&pods, ".metadata.creationTimestamp").expect("field exists");
    let sorted: Vec<Value> = order.into_iter().map(|i| pods[i].clone()).collect();
    check("sort_by_name", &print(&sorted, false, "name"));
    assert_eq!(
        sort_by(&pods, ".metadata.foo"),
        Err(
            "couldn't find any field with path \"{.metadata.foo}\" in the list of objects"
                .to_string()
        )
    );
}

#[test]
fn unknown_output_format_error() {
    let err = OutputFormat::parse("foo", false).expect_err("unknown format fails");
    assert_eq!(
        err,
        "unable to match a printer suitable for the output format \"foo\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
    );
    let err = OutputFormat::parse("custom-columns=NAME", false).expect_err("bad spec fails");
    assert_eq!(
        err,
        "unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>"
    );
}

#[test]
fn yaml_quoting_folding_and_key_order() {
    let tricky = [value(&fixture::<ConfigMap>("configmap-tricky"))];
    check("yaml_tricky", &print(&tricky, true, "yaml"));
    check("json_tricky", &print(&tricky, true, "json"));
}
