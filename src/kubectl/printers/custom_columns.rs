//! `-o custom-columns=HEADER:path,…`: kubectl `cmd/get/customcolumn.go`
//! (`NewCustomColumnsPrinterFromSpec`, `RelaxedJSONPathExpression`, `printOneObject`).

use serde_json::Value;

use super::jsonpath::{JsonPath, go_sprint};
use super::table::TabWriter;

/// A parsed custom-columns spec.
#[derive(Clone, Debug)]
pub struct CustomColumns {
    columns: Vec<(String, JsonPath)>,
    no_headers: bool,
}

/// `RelaxedJSONPathExpression`: accepts `a.b`, `.a.b`, `{a.b}`, `{.a.b}` and returns `{.a.b}`.
pub fn relaxed_jsonpath_expression(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    let inner = if let Some(braced) = expr.strip_prefix('{').and_then(|e| e.strip_suffix('}')) {
        braced
    } else {
        expr
    };
    let field = match inner.strip_prefix('.') {
        Some(rest) if !rest.is_empty() => rest,
        _ => inner,
    };
    if field.is_empty() || field.contains(['{', '}']) {
        return Err(
            "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
                .to_string(),
        );
    }
    Ok(format!("{{.{field}}}"))
}

impl CustomColumns {
    /// `NewCustomColumnsPrinterFromSpec` (errors are kubectl's, printed after `error: `).
    pub fn parse(spec: &str, no_headers: bool) -> Result<CustomColumns, String> {
        if spec.is_empty() {
            return Err("custom-columns format specified but no custom columns given".to_string());
        }
        let mut columns = Vec::new();
        for part in spec.split(',') {
            let Some((header, path)) = part.split_once(':') else {
                return Err(format!(
                    "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
                ));
            };
            let expr = relaxed_jsonpath_expression(path)?;
            let parsed = JsonPath::parse(&expr)?;
            columns.push((header.to_string(), parsed));
        }
        Ok(CustomColumns {
            columns,
            no_headers,
        })
    }

    /// Prints `objects` (the items of a list, or one object): a header line, then one line per
    /// object; missing values print `<none>`, several values join with `,`.
    pub fn print(&self, objects: &[Value]) -> Result<String, String> {
        let mut out = TabWriter::kubectl();
        if !self.no_headers {
            let headers: Vec<&str> = self.columns.iter().map(|(h, _)| h.as_str()).collect();
            out.write_str(&headers.join("\t"));
            out.write_str("\n");
        }
        for object in objects {
            let mut cells = Vec::new();
            for (_, path) in &self.columns {
                let values = path.find_results(object)?;
                let mut strings = Vec::new();
                if values.first().is_none_or(Vec::is_empty) {
                    strings.push("<none>".to_string());
                }
                for value in values.iter().flatten() {
                    strings.push(escape_terminal(&go_sprint(value)));
                }
                cells.push(strings.join(","));
            }
            out.write_str(&cells.join("\t"));
            out.write_str("\n");
        }
        Ok(out.finish())
    }
}

/// `printers.EscapeTerminal`: ESC becomes `^[`, CR becomes `\r`.
fn escape_terminal(text: &str) -> String {
    text.replace('\u{1b}', "^[").replace('\r', "\\r")
}
