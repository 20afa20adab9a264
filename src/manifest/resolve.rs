//! YAML to JSON as kubectl converts a manifest before sending it (sigs.k8s.io/yaml over
//! go-yaml v2): plain scalars resolved by YAML 1.1 rules, `<<` merge keys applied.

use super::tree::{Node, NodeValue};

/// Converts the tree to JSON as sigs.k8s.io/yaml does: plain scalars resolved by YAML 1.1
/// rules (`yes`/`on` are booleans, `0x1F` and `0o17` are integers), `<<` merge keys applied.
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value;
    match &node.value {
        NodeValue::Scalar { text, plain, tag } => resolve(text, *plain, tag.as_deref()),
        NodeValue::Sequence(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeValue::Mapping(entries) => {
            let mut map = serde_json::Map::new();
            let mut merged = Vec::new();
            for (key, value) in entries {
                if key.key_text() == "<<"
                    && matches!(&key.value, NodeValue::Scalar { plain: true, .. })
                {
                    match &value.value {
                        NodeValue::Sequence(items) => merged.extend(items.iter()),
                        _ => merged.push(value),
                    }
                    continue;
                }
                map.insert(json_key(key), to_json(value));
            }
            for source in merged {
                if let Value::Object(extra) = to_json(source) {
                    for (k, v) in extra {
                        map.entry(k).or_insert(v);
                    }
                }
            }
            Value::Object(map)
        }
    }
}

fn json_key(key: &Node) -> String {
    match to_json(key) {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => "null".to_string(),
        other => other.to_string(),
    }
}

/// go-yaml v2's `resolve` for one scalar.
fn resolve(text: &str, plain: bool, tag: Option<&str>) -> serde_json::Value {
    use serde_json::Value;
    match tag {
        Some("!!str") => return Value::String(text.to_string()),
        Some(_) | None if !plain => return Value::String(text.to_string()),
        _ => {}
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            return Value::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            return Value::Bool(false);
        }
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        let plain_digits = text.replace('_', "");
        if let Some(i) = parse_go_int(&plain_digits) {
            return Value::from(i);
        }
        if is_yaml_float(&plain_digits)
            && let Some(n) = plain_digits
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
        {
            return Value::Number(n);
        }
    }
    Value::String(text.to_string())
}

/// Go's `strconv.ParseInt(s, 0, 64)`: sign, then `0x`, `0o`, `0b`, a leading `0` for octal.
fn parse_go_int(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = if let Some(b) = lower.strip_prefix("0x") {
        (16, b)
    } else if let Some(b) = lower.strip_prefix("0o") {
        (8, b)
    } else if let Some(b) = lower.strip_prefix("0b") {
        (2, b)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if body.is_empty() || body.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = i128::from_str_radix(body, radix).ok()?;
    let value = if negative { -magnitude } else { magnitude };
    i64::try_from(value).ok()
}

/// go-yaml v2's float pattern: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(text: &str) -> bool {
    let s = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()),
        Some((int, frac)) => {
            !int.is_empty()
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['-', '+']).unwrap_or(e);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::tree::tests::tree;

    #[test]
    fn resolves_scalars_like_go_yaml_v2() {
        let root = tree("a: yes\nb: '3'\nc: 0x10\nd: 010\ne: 1.5\nf: ~\ng: 1_000\nh: abc\n");
        assert_eq!(
            to_json(&root),
            serde_json::json!({"a": true, "b": "3", "c": 16, "d": 8, "e": 1.5, "f": null, "g": 1000, "h": "abc"})
        );
    }
}
