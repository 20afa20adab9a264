//! `-o json` as kubectl emits it: cli-runtime `JSONPrinter` → Go `json.MarshalIndent(obj, "",
//! "    ")` plus a newline. Go sorts object keys bytewise and escapes `<`, `>`, `&`, U+2028 and
//! U+2029; empty objects and arrays print as `{}` and `[]`.

use serde_json::Value;

/// Renders one object (or a List) as kubectl's `-o json`, ending in a newline.
pub fn to_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0, Some("    "));
    out.push('\n');
    out
}

/// Go's compact `json.Marshal` (used by jsonpath for maps and lists).
pub fn to_compact_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0, None);
    out
}

fn newline(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(unit) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(unit);
        }
    }
}

fn write_value(out: &mut String, value: &Value, depth: usize, indent: Option<&str>) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_json_number(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write_value(out, item, depth + 1, indent);
            }
            newline(out, indent, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut keys: Vec<&String> = map.keys().collect();
            crate::sort::sort(&mut keys);
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write_string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_value(out, &map[key], depth + 1, indent);
            }
            newline(out, indent, depth);
            out.push('}');
        }
    }
}

/// Go's `encoding/json` number form: integers as is; floats in `%f` style unless the exponent is
/// below -6 or at least 21 (then `1e+21` style with at least two exponent digits trimmed).
fn go_json_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let sci = format!("{f:e}");
        let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exp.abs());
    }
    format!("{f}")
}

/// Go's `encodeState.string` with HTML escaping on.
fn write_string(out: &mut String, s: &str) {
    out.push_str(&crate::apiserver::field::go_json_string(s));
}
