//! Differential tests: the deserializer must report exactly what serde_json's `&Value`
//! deserializer wrapped in serde_ignored and serde_path_to_error reported (the decoder it
//! replaced): the same value or error text, the same error path, the same unknown fields.

use std::path::Path;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{ConfigMap, Secret};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::from_value;

type Observed<T> = (Result<T, String>, Vec<String>, Vec<Vec<String>>);

/// The replaced decoder, kept here as the oracle.
fn oracle<T: DeserializeOwned>(value: &Value) -> Observed<T> {
    fn ignored(path: &serde_ignored::Path<'_>, out: &mut Vec<String>) {
        use serde_ignored::Path;
        match path {
            Path::Root => {}
            Path::Seq { parent, index } => {
                ignored(parent, out);
                out.push(index.to_string());
            }
            Path::Map { parent, key } => {
                ignored(parent, out);
                out.push(key.clone());
            }
            Path::Some { parent }
            | Path::NewtypeStruct { parent }
            | Path::NewtypeVariant { parent } => ignored(parent, out),
        }
    }
    let mut unknown = Vec::new();
    let result = {
        let mut record = |path: serde_ignored::Path<'_>| {
            let mut segments = Vec::new();
            ignored(&path, &mut segments);
            unknown.push(segments);
        };
        let wrapped = serde_ignored::Deserializer::new(value, &mut record);
        serde_path_to_error::deserialize::<_, T>(wrapped)
    };
    match result {
        Ok(v) => (Ok(v), Vec::new(), unknown),
        Err(e) => {
            use serde_path_to_error::Segment;
            let path = e
                .path()
                .iter()
                .filter_map(|s| match s {
                    Segment::Seq { index } => Some(index.to_string()),
                    Segment::Map { key } => Some(key.clone()),
                    Segment::Enum { variant } => Some(variant.clone()),
                    Segment::Unknown => None,
                })
                .collect();
            (Err(e.inner().to_string()), path, unknown)
        }
    }
}

fn observed<T: DeserializeOwned>(value: &Value) -> Observed<T> {
    let decoded = from_value::<T>(value);
    (
        decoded.result.map_err(|e| e.to_string()),
        decoded.error_path,
        decoded.unknown,
    )
}

fn assert_same(value: &Value) {
    fn one<T: DeserializeOwned + PartialEq + std::fmt::Debug>(value: &Value) {
        let (want, got) = (oracle::<T>(value), observed::<T>(value));
        assert_eq!(got, want, "decoding {value}");
    }
    one::<Job>(value);
    one::<ConfigMap>(value);
    one::<Secret>(value);
}

/// Every manifest the repository ships (examples, golden inputs) and the kubectl fixtures.
fn seeds() -> &'static [Value] {
    static SEEDS: std::sync::OnceLock<Vec<Value>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(read_seeds)
}

fn read_seeds() -> Vec<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    for dir in ["static/examples", "tests/golden/manifest"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("the directory exists")
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a readable manifest");
            for chunk in crate::manifest::stream::split(&text).into_iter().flatten() {
                if let Ok(Some(node)) = crate::manifest::tree::parse(&chunk) {
                    seeds.push(crate::manifest::resolve::to_json(&node));
                }
            }
        }
    }
    let mut fixtures: Vec<_> = std::fs::read_dir(root.join("tests/golden/kubectl/fixtures"))
        .expect("the fixtures exist")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    fixtures.sort();
    for file in fixtures {
        let text = std::fs::read_to_string(&file).expect("a readable fixture");
        seeds.push(serde_json::from_str(&text).expect("valid JSON"));
    }
    seeds
}

#[test]
fn shipped_manifests_and_fixtures_decode_as_before() {
    let seeds = seeds();
    assert!(seeds.len() > 30, "only {} seeds", seeds.len());
    for seed in seeds {
        assert_same(seed);
    }
}

#[test]
fn hand_picked_mistakes_decode_as_before() {
    let cases = [
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completion": 3,
            "template": {"spec": {"containers": [{"name": "a", "restartpolicy": "Never"}]}}}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": "three"}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": 3000000000u64}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": -3000000000i64}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"completions": 1.5}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": [1, 2]}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": "x"}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {
            "containers": [{"image": "busybox"}]}}}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {
            "containers": [null]}}}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {
            "containers": [{"name": "a", "resources": {"limits": {"cpu": 1, "memory": true}}}]}}}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "spec": {"template": {"spec": {
            "containers": [{"name": "a", "ports": [{"containerPort": "80"}],
            "livenessProbe": {"httpGet": {"port": true}}}]}}}}),
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"labels": {"a": 1},
            "creationTimestamp": "yesterday", "managedFields": [{"fieldsV1": {"f:x": {}}}]}}),
        json!({"apiVersion": "batch/v2", "kind": "Job"}),
        json!({"apiVersion": "v1", "kind": "Secret", "data": {"a": "not base64!"}}),
        json!({"apiVersion": "v1", "kind": "Secret", "data": {"a": 3}, "stringData": {"b": []}}),
        json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"a": null}, "x": {"y": 1}}),
        json!([1, {"a": 2}]),
        json!(null),
        json!("Job"),
    ];
    for case in &cases {
        assert_same(case);
    }
}

/// Scalars and collections a mutation may put anywhere.
fn replacement(pick: u8) -> Value {
    match pick % 16 {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(3000000000u64),
        4 => json!(2.5),
        5 => json!("abc"),
        6 => json!(""),
        7 => json!("10"),
        8 => json!([]),
        9 => json!([1, "a"]),
        10 => json!({}),
        11 => json!({"name": "a", "image": "busybox"}),
        12 => json!({"unknownField": 1}),
        13 => json!([{"name": "x", "command": ["sh"]}]),
        14 => json!("2024-01-01T00:00:00Z"),
        _ => json!(-9223372036854775808i64),
    }
}

const KEYS: &[&str] = &[
    "name",
    "image",
    "completions",
    "containers",
    "template",
    "spec",
    "restartPolicy",
    "bogus",
    "labels",
    "data",
];

fn paths(value: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                here.push(k.clone());
                paths(v, here, out);
                here.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                here.push(i.to_string());
                paths(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn at<'v>(value: &'v mut Value, path: &[String]) -> &'v mut Value {
    path.iter().fold(value, |node, segment| match node {
        Value::Object(map) => map.get_mut(segment).expect("a listed path"),
        Value::Array(items) => {
            let i: usize = segment.parse().expect("an index");
            &mut items[i]
        }
        _ => unreachable!("listed paths go through collections"),
    })
}

fn mutate(value: &mut Value, ops: &[(u16, u8, u8)]) {
    for &(where_, what, how) in ops {
        let mut all = Vec::new();
        paths(value, &mut Vec::new(), &mut all);
        let path = &all[usize::from(where_) % all.len()];
        let node = at(value, path);
        match (how % 3, node) {
            (0, Value::Object(map)) => {
                map.insert(
                    KEYS[usize::from(what) % KEYS.len()].to_string(),
                    replacement(what / 7),
                );
            }
            (1, Value::Object(map)) if !map.is_empty() => {
                let key = map.keys().nth(usize::from(what) % map.len()).cloned();
                if let Some(key) = key {
                    map.remove(&key);
                }
            }
            (_, node) => *node = replacement(what),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Any mutation of any shipped manifest decodes exactly as with the replaced decoder.
    #[test]
    fn mutated_manifests_decode_as_before(
        seed in any::<prop::sample::Index>(),
        ops in prop::collection::vec(any::<(u16, u8, u8)>(), 1..5),
    ) {
        let seeds = seeds();
        let mut value = seed.get(seeds).clone();
        mutate(&mut value, &ops);
        assert_same(&value);
    }
}
