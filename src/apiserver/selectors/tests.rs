//! Table tests for label and field selectors; cases follow apimachinery `selector_test.go`.

use std::collections::BTreeMap;

use super::fields::{SelectableKind, enhance_list_error, parse_field_selector};
use super::*;

fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn label_selectors_that_parse_print_back_canonically() {
    // (name, input, String() of the parsed selector) — TestSelectorParse's good cases.
    let cases = [
        ("empty", "", ""),
        ("equals", "x=a", "x=a"),
        ("two_terms_sorted_by_key", "y=b,x=a", "x=a,y=b"),
        ("double_equals_kept", "x==a", "x==a"),
        ("not_equals", "x!=a", "x!=a"),
        ("exists", "x", "x"),
        ("does_not_exist", "!x", "!x"),
        ("spaces_ignored", " x = a , y != b ", "x=a,y!=b"),
        ("in_sorted_values", "x in (b,a)", "x in (a,b)"),
        ("notin", "x notin (a)", "x notin (a)"),
        ("empty_value", "x=", "x="),
        ("empty_parens_mean_empty_value", "x in ()", "x in ()"),
        ("leading_comma_adds_empty_value", "x in (,a)", "x in (,a)"),
        ("in_as_key", "in=x", "in=x"),
        ("notin_as_value", "x=notin", "x=notin"),
        ("greater_than", "x>1", "x>1"),
        ("less_than", "x<1", "x<1"),
        (
            "prefixed_key",
            "job-name=pi,batch.kubernetes.io/controller-uid=abc",
            "batch.kubernetes.io/controller-uid=abc,job-name=pi",
        ),
    ];
    for (name, input, want) in cases {
        let got = parse(input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.to_string(), want, "{name}");
    }
}

#[test]
fn label_selector_errors_are_apimachinerys() {
    let cases = [
        (
            "missing_identifier_after_comma",
            "x=a,",
            "found '', expected: identifier after ','",
        ),
        (
            "double_comma",
            "x=a,,y=b",
            "found ',', expected: identifier after ','",
        ),
        (
            "two_identifiers",
            "x y",
            "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt",
        ),
        (
            "starts_with_operator",
            "=a",
            "found '=', expected: !, identifier, or 'end of string'",
        ),
        (
            "in_without_parens",
            "x in a",
            "unable to parse requirement: found 'a' expected: '('",
        ),
        (
            "unclosed_set",
            "x in (a",
            "unable to parse requirement: found '', expected: ',' or ')'",
        ),
        (
            "bang_then_operator",
            "!x=a",
            "found '=', expected: ',' or 'end of string'",
        ),
        (
            "in_at_end",
            "x in",
            "unable to parse requirement: found '' expected: '('",
        ),
        (
            "unknown_operator",
            "x (a)",
            "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt",
        ),
        (
            "operator_inside_set",
            "x in (=)",
            "unable to parse requirement: found '=', expected: ',', ')' or identifier",
        ),
        (
            "gt_needs_integer",
            "x>a",
            "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer",
        ),
        (
            "bad_key",
            "-x=a",
            "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        ),
        (
            "bad_value",
            "x=-a",
            "unable to parse requirement: values[0][x]: Invalid value: \"-a\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
    ];
    for (name, input, want) in cases {
        assert_eq!(parse(input), Err(want.to_string()), "{name}");
    }
}

#[test]
fn label_selector_matching_rules() {
    let l = labels(&[("app", "pi"), ("tier", "batch"), ("n", "5")]);
    let cases = [
        ("equals_matches", "app=pi", true),
        ("equals_other_value", "app=web", false),
        ("not_equals_missing_key_matches", "zone!=a", true),
        ("notin_missing_key_matches", "zone notin (a)", true),
        ("in_matches_one_of", "tier in (web,batch)", true),
        ("exists", "tier", true),
        ("does_not_exist", "!tier", false),
        ("and_of_terms", "app=pi,tier=web", false),
        ("gt", "n>4", true),
        ("lt", "n<5", false),
        ("empty_matches_everything", "", true),
    ];
    for (name, selector, want) in cases {
        let s = parse(selector).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(s.matches(&l), want, "{name}");
    }
}

#[test]
fn label_selector_objects_format_like_kubectl() {
    let mut selector = LabelSelector::default();
    assert_eq!(format_label_selector(None), "<none>");
    assert_eq!(format_label_selector(Some(&selector)), "<none>");
    selector.match_labels = Some(labels(&[("batch.kubernetes.io/controller-uid", "uid-1")]));
    assert_eq!(
        format_label_selector(Some(&selector)),
        "batch.kubernetes.io/controller-uid=uid-1"
    );
    assert_eq!(label_selector_as_selector(None), Ok(Selector::Nothing));
}

#[test]
fn field_selectors_parse_and_match() {
    let s =
        parse_field_selector("status.phase!=Running,metadata.name=pi-abc").expect("valid selector");
    let fields = labels(&[("status.phase", "Succeeded"), ("metadata.name", "pi-abc")]);
    assert!(s.matches(&fields));
    let escaped = parse_field_selector(r"metadata.name=a\,b").expect("escaped comma");
    assert_eq!(escaped.terms[0].value, "a,b");
    assert_eq!(
        parse_field_selector("status.phase"),
        Err("invalid selector: 'status.phase'; can't understand 'status.phase'".to_string())
    );
    assert_eq!(
        parse_field_selector(r"a=b\x"),
        Err(r"invalid field selector: invalid escape sequence: \x".to_string())
    );
}

#[test]
fn field_labels_per_kind() {
    let cases = [
        (
            "job_status_successful",
            SelectableKind::Job,
            "status.successful",
            Ok("status.successful"),
        ),
        (
            "job_unknown",
            SelectableKind::Job,
            "status.active",
            Err("field label not supported: status.active"),
        ),
        (
            "pod_phase",
            SelectableKind::Pod,
            "status.phase",
            Ok("status.phase"),
        ),
        (
            "pod_spec_host_alias",
            SelectableKind::Pod,
            "spec.host",
            Ok("spec.nodeName"),
        ),
        (
            "event_involved_name",
            SelectableKind::Event,
            "involvedObject.name",
            Ok("involvedObject.name"),
        ),
        (
            "node_unschedulable",
            SelectableKind::Node,
            "spec.unschedulable",
            Ok("spec.unschedulable"),
        ),
        (
            "configmap_default_conversion",
            SelectableKind::Other,
            "data.x",
            Err(
                "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
            ),
        ),
    ];
    for (name, kind, label, want) in cases {
        let got = fields::convert_field_label(kind, label);
        assert_eq!(
            got,
            want.map(str::to_string).map_err(str::to_string),
            "{name}"
        );
    }
}

#[test]
fn list_errors_read_like_kubectl() {
    assert_eq!(
        enhance_list_error(
            "batch/v1, Resource=jobs",
            "",
            "foo=bar",
            "field label not supported: foo"
        ),
        "Unable to find \"batch/v1, Resource=jobs\" that match label selector \"\", field selector \"foo=bar\": field label not supported: foo"
    );
}
