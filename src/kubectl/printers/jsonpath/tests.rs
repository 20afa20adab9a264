//! Table tests following client-go `jsonpath_test.go` and `parser_test.go`.

use serde_json::json;

use super::*;

fn store() -> Value {
    json!({
        "kind": "List",
        "items": [
            {"metadata": {"name": "a", "labels": {"app": "x"}}, "status": {"phase": "Running", "n": 3, "conditions": [{"type": "Ready", "status": "True"}]}},
            {"metadata": {"name": "b"}, "status": {"phase": "Succeeded", "n": 1, "conditions": [{"type": "Ready", "status": "False"}]}}
        ],
        "pi": 3.5,
        "flag": true
    })
}

#[test]
fn templates_print_like_kubectl() {
    let cases = [
        ("plain_text", "hello", "hello"),
        ("field", "{.kind}", "List"),
        (
            "wildcard_items_joined_by_space",
            "{.items[*].metadata.name}",
            "a b",
        ),
        ("index", "{.items[0].metadata.name}", "a"),
        ("negative_index", "{.items[-1].metadata.name}", "b"),
        ("slice", "{.items[0:1].metadata.name}", "a"),
        (
            "range_end",
            "{range .items[*]}{.metadata.name}{\"\\n\"}{end}",
            "a\nb\n",
        ),
        (
            "filter_string",
            "{.items[?(@.status.phase==\"Running\")].metadata.name}",
            "a",
        ),
        (
            "filter_number",
            "{.items[?(@.status.n>2)].metadata.name}",
            "a",
        ),
        (
            "filter_exists",
            "{.items[?(@.metadata.labels)].metadata.name}",
            "a",
        ),
        (
            "nested_field_filter",
            "{.items[0].status.conditions[?(@.type==\"Ready\")].status}",
            "True",
        ),
        (
            "map_as_json",
            "{.items[0].metadata.labels}",
            "{\"app\":\"x\"}",
        ),
        (
            "list_as_json",
            "{.items[1].status.conditions}",
            "[{\"status\":\"False\",\"type\":\"Ready\"}]",
        ),
        ("float", "{.pi}", "3.5"),
        ("bool", "{.flag}", "true"),
        ("missing_key_is_empty", "{.nothing.here}", ""),
        ("recursive_descent", "{..name}", "a b"),
        ("union", "{.items[*]['metadata.name']}", "a b"),
        ("dict_key", "{.items[0].metadata['name']}", "a"),
        ("single_quoted_text", "{'x'}", "x"),
    ];
    for (name, template, want) in cases {
        let jp = JsonPath::parse(template).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(jp.execute(&store()).as_deref(), Ok(want), "{name}");
    }
}

#[test]
fn parse_errors_are_client_gos() {
    let cases = [
        ("unclosed_action", "{.kind", "unclosed action"),
        ("unterminated_array", "{.items[0}", "unterminated array"),
        ("bad_index", "{.items[a]}", "invalid array index a"),
        (
            "unterminated_filter",
            "{.items[?(@.a==1]}",
            "unterminated filter",
        ),
        (
            "unrecognized_character",
            "{.a && .b}",
            "unrecognized character in action: U+0026 '&'",
        ),
        (
            "double_recursive",
            "{....a}",
            "invalid multiple recursive descent",
        ),
        (
            "unterminated_quote",
            "{\"abc}",
            "unterminated quoted string",
        ),
    ];
    for (name, template, want) in cases {
        assert_eq!(JsonPath::parse(template), Err(want.to_string()), "{name}");
    }
}

#[test]
fn execution_errors_are_client_gos() {
    let jp = JsonPath::parse("{.items[5]}").expect("valid template");
    assert_eq!(
        jp.execute(&store()),
        Err("array index out of bounds: index 5, length 2".to_string())
    );
    let jp = JsonPath::parse("{end}").expect("valid template");
    assert_eq!(
        jp.execute(&store()),
        Err("not in range, nothing to end".to_string())
    );
    let strict = JsonPath::parse("{.missing}")
        .expect("valid template")
        .allow_missing_keys(false);
    assert_eq!(
        strict.execute(&store()),
        Err("missing is not found".to_string())
    );
}
