//! Field errors as the API server reports them (apimachinery
//! `pkg/util/validation/field/errors.go` and `path.go`), and kubectl's rendering of an
//! Invalid status (kubectl `pkg/cmd/util/helpers.go`, `checkErr`/`MultilineError`).

use std::fmt;

/// A field path in Kubernetes syntax: `spec.template.spec.containers[0].image`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Path(String);

impl Path {
    /// A path starting at the named top-level field.
    pub fn new(root: &str) -> Path {
        Path(root.to_string())
    }

    /// `path.name`
    pub fn child(&self, name: &str) -> Path {
        Path(format!("{}.{name}", self.0))
    }

    /// `path[i]`
    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{i}]", self.0))
    }

    /// `path[key]` (map keys are not quoted, as upstream)
    pub fn key(&self, key: &str) -> Path {
        Path(format!("{}[{key}]", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// apimachinery's `ErrorType`; `as_cause` is the Status cause `reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorType {
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}

impl ErrorType {
    /// The word apimachinery prints (`ErrorType.String()`).
    pub fn word(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid | ErrorType::TypeInvalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
        }
    }

    /// The Status cause type (`FieldValueInvalid`, ...).
    pub fn as_cause(self) -> &'static str {
        match self {
            ErrorType::NotFound => "FieldValueNotFound",
            ErrorType::Required => "FieldValueRequired",
            ErrorType::Duplicate => "FieldValueDuplicate",
            ErrorType::Invalid => "FieldValueInvalid",
            ErrorType::NotSupported => "FieldValueNotSupported",
            ErrorType::Forbidden => "FieldValueForbidden",
            ErrorType::TooLong => "FieldValueTooLong",
            ErrorType::TooMany => "FieldValueTooMany",
            ErrorType::Internal => "InternalError",
            ErrorType::TypeInvalid => "FieldValueTypeInvalid",
        }
    }
}

/// The bad value, kept as Go would print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadValue {
    /// Not printed (Required, Forbidden, `field.OmitValueType{}`).
    Omit,
    /// `%v` of a number or bool.
    Number(i64),
    Bool(bool),
    /// `%q` of a string.
    Str(String),
    /// Any other value, already rendered as apimachinery renders it: `json.Marshal`
    /// (`[0,3]`, `{"app":"a"}`, `null`), see [`go_json_string`].
    Json(String),
}

/// One field error: apimachinery's `field.Error`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Path,
    pub error_type: ErrorType,
    pub bad_value: BadValue,
    pub detail: String,
}

impl FieldError {
    fn new(error_type: ErrorType, field: &Path, bad_value: BadValue, detail: &str) -> FieldError {
        FieldError {
            field: field.clone(),
            error_type,
            bad_value,
            detail: detail.to_string(),
        }
    }

    /// `field.Required`
    pub fn required(field: &Path, detail: &str) -> FieldError {
        Self::new(ErrorType::Required, field, BadValue::Omit, detail)
    }

    /// `field.Invalid`
    pub fn invalid(field: &Path, value: BadValue, detail: &str) -> FieldError {
        Self::new(ErrorType::Invalid, field, value, detail)
    }

    /// `field.NotSupported`: the detail lists the quoted valid values.
    pub fn not_supported(field: &Path, value: BadValue, valid: &[&str]) -> FieldError {
        let quoted: Vec<String> = valid.iter().map(|v| format!("{v:?}")).collect();
        let detail = if valid.is_empty() {
            String::new()
        } else {
            format!("supported values: {}", quoted.join(", "))
        };
        Self::new(ErrorType::NotSupported, field, value, &detail)
    }

    /// `field.Duplicate`
    pub fn duplicate(field: &Path, value: BadValue) -> FieldError {
        Self::new(ErrorType::Duplicate, field, value, "")
    }

    /// `field.NotFound`
    pub fn not_found(field: &Path, value: BadValue) -> FieldError {
        Self::new(ErrorType::NotFound, field, value, "")
    }

    /// `field.Forbidden`
    pub fn forbidden(field: &Path, detail: &str) -> FieldError {
        Self::new(ErrorType::Forbidden, field, BadValue::Omit, detail)
    }

    /// `field.TooLong` (and the deprecated `TooLongMaxLength`, which calls it):
    /// `may not be more than N bytes`.
    pub fn too_long(field: &Path, max: usize) -> FieldError {
        let unit = if max == 1 { "byte" } else { "bytes" };
        let detail = format!("may not be more than {max} {unit}");
        Self::new(ErrorType::TooLong, field, BadValue::Omit, &detail)
    }

    /// `field.TooMany`: `must have at most N items`.
    pub fn too_many(field: &Path, actual: usize, max: usize) -> FieldError {
        let unit = if max == 1 { "item" } else { "items" };
        let detail = format!("must have at most {max} {unit}");
        let actual = i64::try_from(actual).unwrap_or(i64::MAX);
        Self::new(ErrorType::TooMany, field, BadValue::Number(actual), &detail)
    }

    /// The message without the field (`ErrorBody`).
    pub fn body(&self) -> String {
        let word = self.error_type.word();
        let mut s = match (&self.bad_value, self.error_type) {
            (_, ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong)
            | (_, ErrorType::Internal)
            | (BadValue::Omit, _) => word.to_string(),
            (BadValue::Number(n), _) => format!("{word}: {n}"),
            (BadValue::Bool(b), _) => format!("{word}: {b}"),
            (BadValue::Str(s), _) => format!("{word}: {}", go_quote(s)),
            (BadValue::Json(s), _) => format!("{word}: {s}"),
        };
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.body())
    }
}

impl From<i32> for BadValue {
    fn from(n: i32) -> BadValue {
        BadValue::Number(i64::from(n))
    }
}

impl From<i64> for BadValue {
    fn from(n: i64) -> BadValue {
        BadValue::Number(n)
    }
}

impl From<&str> for BadValue {
    fn from(s: &str) -> BadValue {
        BadValue::Str(s.to_string())
    }
}

impl From<&String> for BadValue {
    fn from(s: &String) -> BadValue {
        BadValue::Str(s.clone())
    }
}

/// Go's `%q` of a string (`strconv.Quote`): escapes `"`, `\` and control characters.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `json.Marshal` of a string: quoted, with `encoding/json`'s default HTML-safe
/// escaping (`<`, `>`, `&` as `\u003c`...), the short escapes `\n \r \t \b \f`, other
/// control characters and U+2028/U+2029 as `\u00XX`.
pub fn go_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `json.Marshal` of a `map[string]string` (keys sorted, as Go sorts them); `None` is a
/// nil map: `null`.
pub fn json_string_map(map: Option<&std::collections::BTreeMap<String, String>>) -> String {
    match map {
        None => "null".to_string(),
        Some(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}:{}", go_json_string(k), go_json_string(v)))
                .collect();
            format!("{{{}}}", entries.join(","))
        }
    }
}

/// The distinct messages of an error list, in order (`ErrorList.ToAggregate` drops repeats).
pub fn dedup(errors: &[FieldError]) -> Vec<&FieldError> {
    let mut seen = std::collections::BTreeSet::new();
    errors
        .iter()
        .filter(|e| seen.insert(e.to_string()))
        .collect()
}

/// kubectl's text for an Invalid status: one line for one cause, else the prefix line and
/// `* cause` lines. `kind` is the Status details kind (`Job`).
pub fn kubectl_invalid_message(kind: &str, name: &str, errors: &[FieldError]) -> String {
    let causes: Vec<String> = dedup(errors).iter().map(|e| e.to_string()).collect();
    let prefix = format!("The {kind} {name:?} is invalid: ");
    match causes.as_slice() {
        [] => format!("The {kind} {name:?} is invalid"),
        [one] => format!("{prefix}{one}"),
        many => {
            let mut s = format!("{prefix}\n");
            for cause in many {
                s.push_str(&format!("* {cause}\n"));
            }
            s.truncate(s.len() - 1);
            s
        }
    }
}

/// The API server's own message for the Status (`Job.batch "x" is invalid: [a, b]`).
pub fn api_invalid_message(qualified_kind: &str, name: &str, errors: &[FieldError]) -> String {
    let causes: Vec<String> = dedup(errors).iter().map(|e| e.to_string()).collect();
    match causes.as_slice() {
        [one] => format!("{qualified_kind} {name:?} is invalid: {one}"),
        many => format!(
            "{qualified_kind} {name:?} is invalid: [{}]",
            many.join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str) -> Path {
        Path::new("spec").child(name)
    }

    #[test]
    fn renders_like_apimachinery() {
        let cases = [
            (
                FieldError::invalid(
                    &spec("completions"),
                    (-1).into(),
                    "must be greater than or equal to 0",
                ),
                "spec.completions: Invalid value: -1: must be greater than or equal to 0",
            ),
            (
                FieldError::required(&spec("selector"), ""),
                "spec.selector: Required value",
            ),
            (
                FieldError::not_supported(
                    &spec("completionMode"),
                    "Foo".into(),
                    &["NonIndexed", "Indexed"],
                ),
                "spec.completionMode: Unsupported value: \"Foo\": supported values: \"NonIndexed\", \"Indexed\"",
            ),
            (
                FieldError::too_many(&spec("rules"), 21, 20),
                "spec.rules: Too many: 21: must have at most 20 items",
            ),
            (
                FieldError::too_long(&spec("x"), 10),
                "spec.x: Too long: may not be more than 10 bytes",
            ),
            (
                FieldError::too_many(&spec("x"), 2, 1),
                "spec.x: Too many: 2: must have at most 1 item",
            ),
            (
                FieldError::invalid(
                    &spec("labels"),
                    BadValue::Json(json_string_map(None)),
                    "no match",
                ),
                "spec.labels: Invalid value: null: no match",
            ),
            (
                FieldError::duplicate(&spec("x").index(1), BadValue::Number(3)),
                "spec.x[1]: Duplicate value: 3",
            ),
            (
                FieldError::invalid(&spec("r"), BadValue::Omit, "specifying one"),
                "spec.r: Invalid value: specifying one",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.to_string(), text);
        }
    }

    #[test]
    fn kubectl_prints_one_cause_inline_and_many_as_a_list_without_repeats() {
        let a = FieldError::invalid(
            &spec("parallelism"),
            (-1).into(),
            "must be greater than or equal to 0",
        );
        let b = FieldError::invalid(
            &spec("completions"),
            (-1).into(),
            "must be greater than or equal to 0",
        );
        assert_eq!(
            kubectl_invalid_message("Job", "x", std::slice::from_ref(&a)),
            "The Job \"x\" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(
            kubectl_invalid_message("Job", "x", &[a.clone(), b.clone(), a.clone()]),
            "The Job \"x\" is invalid: \n* spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n* spec.completions: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(
            api_invalid_message("Job.batch", "x", &[a, b]),
            "Job.batch \"x\" is invalid: [spec.parallelism: Invalid value: -1: must be greater than or equal to 0, spec.completions: Invalid value: -1: must be greater than or equal to 0]"
        );
    }

    #[test]
    fn json_strings_escape_like_encoding_json() {
        assert_eq!(
            go_json_string("a\"b\\c\n\u{1}"),
            "\"a\\\"b\\\\c\\n\\u0001\""
        );
        assert_eq!(go_json_string("<&>"), "\"\\u003c\\u0026\\u003e\"");
        let map = [("b", "2"), ("a", "1")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(json_string_map(Some(&map)), "{\"a\":\"1\",\"b\":\"2\"}");
    }

    #[test]
    fn go_quote_escapes_like_strconv() {
        assert_eq!(go_quote("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\x01\"");
    }
}
