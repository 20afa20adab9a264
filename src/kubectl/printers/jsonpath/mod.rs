//! `-o jsonpath=…` as kubectl runs it: client-go `util/jsonpath` (`jsonpath.go`: `FindResults`
//! with its `range`/`end` bookkeeping, fields, slices, unions, wildcards, recursive descent,
//! filters) over the object's JSON, with missing keys allowed (`--allow-missing-template-keys`
//! defaults to true), and cli-runtime `JSONPathPrinter`'s output and error wording.
//! Maps and lists print as compact JSON, other values as Go's `fmt.Print` would.

mod gofmt;
pub mod parser;

use gofmt::go_type_name;
pub use gofmt::{go_sharp_v, go_sprint};

use serde_json::Value;

use super::json::to_compact_json;
use parser::{Node, Param};

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPath {
    nodes: Vec<Node>,
    allow_missing_keys: bool,
}

impl JsonPath {
    /// Parses `template`; the error is the parser's (kubectl prefixes it, see
    /// [`parse_error_message`]).
    pub fn parse(template: &str) -> Result<JsonPath, String> {
        Ok(JsonPath {
            nodes: parser::parse(template)?,
            allow_missing_keys: true,
        })
    }

    /// `AllowMissingKeys(false)` makes a missing field an error (`x is not found`).
    pub fn allow_missing_keys(mut self, allow: bool) -> Self {
        self.allow_missing_keys = allow;
        self
    }

    /// `FindResults`: one result list per template node (ranges expand per element).
    pub fn find_results(&self, data: &Value) -> Result<Vec<Vec<Value>>, String> {
        let mut state = State {
            allow_missing_keys: self.allow_missing_keys,
            ..State::default()
        };
        state.root_nodes = self.nodes.clone();
        state.find_results(data)
    }

    /// `Execute`: the printed text of every result (no trailing newline added).
    pub fn execute(&self, data: &Value) -> Result<String, String> {
        let mut out = String::new();
        for results in self.find_results(data)? {
            out.push_str(&print_results(&results));
        }
        Ok(out)
    }

    /// `jsonpath-as-json`: all results as one indented JSON array.
    pub fn execute_as_json(&self, data: &Value) -> Result<String, String> {
        let all: Vec<Value> = self.find_results(data)?.into_iter().flatten().collect();
        Ok(super::json::to_json(&Value::Array(all)))
    }
}

/// kubectl's message for a template that does not parse.
pub fn parse_error_message(template: &str, err: &str) -> String {
    format!("error parsing jsonpath {template}, {err}\n")
}

/// kubectl's message (after `error: `) for a template that fails on an object.
pub fn execute_error_message(template: &str, err: &str, object: &Value) -> String {
    format!(
        "error executing jsonpath {}: Error executing template: {err}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
        crate::apiserver::selectors::validation::go_quote(template),
        go_sharp_v(object)
    )
}

/// `PrintResults`: values separated by spaces; maps and lists as compact JSON.
fn print_results(results: &[Value]) -> String {
    let texts: Vec<String> = results
        .iter()
        .map(|r| match r {
            Value::Object(_) | Value::Array(_) => to_compact_json(r),
            other => go_sprint(other),
        })
        .collect();
    texts.join(" ")
}

#[derive(Default)]
struct State {
    allow_missing_keys: bool,
    root_nodes: Vec<Node>,
    stack: Vec<Vec<Value>>,
    cur: Vec<Value>,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
}

impl State {
    fn find_results(&mut self, data: &Value) -> Result<Vec<Vec<Value>>, String> {
        self.cur = vec![data.clone()];
        let nodes = self.root_nodes.clone();
        let mut full = Vec::new();
        for (i, node) in nodes.iter().enumerate() {
            let cur = self.cur.clone();
            let results = self.walk(cur, node)?;
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                break;
            }
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                let n = results.len();
                for (k, value) in results.into_iter().enumerate() {
                    self.root_nodes = nodes[i + 1..].to_vec();
                    if k == n - 1 {
                        self.in_range = self.in_range.saturating_sub(1);
                    }
                    full.extend(self.find_results(&value)?);
                }
                break;
            }
            full.push(results);
        }
        Ok(full)
    }

    fn walk(&mut self, input: Vec<Value>, node: &Node) -> Result<Vec<Value>, String> {
        match node {
            Node::List(nodes) => self.eval_list(input, nodes),
            Node::Text(t) => Ok(vec![Value::String(t.clone())]),
            Node::Field(name) => self.eval_field(input, name),
            Node::Array(params) => eval_array(input, *params),
            Node::Filter {
                left,
                right,
                operator,
            } => self.eval_filter(input, left, right, operator),
            Node::Int(i) => Ok(input.iter().map(|_| Value::from(*i)).collect()),
            Node::Float(f) => Ok(input
                .iter()
                .map(|_| serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number))
                .collect()),
            Node::Bool(b) => Ok(input.iter().map(|_| Value::Bool(*b)).collect()),
            Node::Wildcard => Ok(input.iter().flat_map(children).collect()),
            Node::Recursive => Ok(eval_recursive(&input)),
            Node::Union(lists) => {
                let mut result = Vec::new();
                for list in lists {
                    result.extend(self.eval_list(input.clone(), list)?);
                }
                Ok(result)
            }
            Node::Identifier(name) => self.eval_identifier(input, name),
        }
    }

    fn eval_list(&mut self, input: Vec<Value>, nodes: &[Node]) -> Result<Vec<Value>, String> {
        let mut cur = input;
        for node in nodes {
            cur = self.walk(cur, node)?;
        }
        Ok(cur)
    }

    fn eval_identifier(&mut self, input: Vec<Value>, name: &str) -> Result<Vec<Value>, String> {
        match name {
            "range" => {
                self.stack.push(self.cur.clone());
                self.begin_range += 1;
                Ok(input)
            }
            "end" => {
                if self.end_range < self.in_range {
                    self.end_range += 1;
                    return Ok(Vec::new());
                }
                match self.stack.pop() {
                    Some(cur) => {
                        self.cur = cur;
                        Ok(Vec::new())
                    }
                    None => Err("not in range, nothing to end".to_string()),
                }
            }
            other => Err(format!("unrecognized identifier {other}")),
        }
    }

    fn eval_field(&mut self, input: Vec<Value>, name: &str) -> Result<Vec<Value>, String> {
        if input.is_empty() {
            return Ok(Vec::new());
        }
        let results: Vec<Value> = input
            .iter()
            .filter_map(|v| {
                if let Value::Object(m) = v {
                    m.get(name).cloned()
                } else {
                    None
                }
            })
            .collect();
        if results.is_empty() && !self.allow_missing_keys {
            return Err(format!("{name} is not found"));
        }
        Ok(results)
    }

    fn eval_filter(
        &mut self,
        input: Vec<Value>,
        left: &[Node],
        right: &[Node],
        op: &str,
    ) -> Result<Vec<Value>, String> {
        let mut results = Vec::new();
        for value in &input {
            let items: Vec<Value> = match value {
                Value::Array(_) | Value::Object(_) => children(value),
                Value::Null => Vec::new(),
                other => vec![other.clone()],
            };
            for item in items {
                let lefts = match self.eval_list(vec![item.clone()], left) {
                    Ok(l) => l,
                    Err(e) if !self.allow_missing_keys => return Err(e),
                    Err(_) => Vec::new(),
                };
                let rights = self.eval_list(vec![item.clone()], right)?;
                match (lefts.len(), op) {
                    (0, _) => continue,
                    (n, _) if n > 1 => {
                        return Err("can only compare one element at a time".to_string());
                    }
                    (_, "exists") => {
                        results.push(item);
                        continue;
                    }
                    _ => {}
                }
                match rights.len() {
                    0 => continue,
                    1 => {}
                    _ => return Err("can only compare one element at a time".to_string()),
                }
                if compare(op, &lefts[0], &rights[0])? {
                    results.push(item);
                }
            }
        }
        Ok(results)
    }
}

/// The elements of an array, or a map's values in key order (`iterHelper`).
fn children(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.clone(),
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::sort::sort(&mut keys);
            keys.into_iter().map(|k| map[k].clone()).collect()
        }
        _ => Vec::new(),
    }
}

fn eval_recursive(input: &[Value]) -> Vec<Value> {
    let mut result = Vec::new();
    for value in input {
        let kids = children(value);
        if !kids.is_empty() {
            result.push(value.clone());
            result.extend(eval_recursive(&kids));
        }
    }
    result
}

fn eval_array(input: Vec<Value>, node_params: [Param; 3]) -> Result<Vec<Value>, String> {
    let mut result = Vec::new();
    for value in input {
        let items = match value {
            Value::Null => continue,
            Value::Array(items) => items,
            other => return Err(format!("{} is not array or slice", go_type_name(&other))),
        };
        let len = items.len() as i64;
        let mut params = node_params;
        if !params[0].known {
            params[0].value = 0;
        }
        if params[0].value < 0 {
            params[0].value += len;
        }
        if !params[1].known {
            params[1].value = len;
        }
        if params[1].value < 0 || (params[1].value == 0 && params[1].derived) {
            params[1].value += len;
        }
        if params[1].value == params[0].value {
            return Ok(result);
        }
        if params[0].value >= len || params[0].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                params[0].value
            ));
        }
        if params[1].value > len || params[1].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                params[1].value - 1
            ));
        }
        if params[0].value > params[1].value {
            return Err(format!(
                "starting index {} is greater than ending index {}",
                params[0].value, params[1].value
            ));
        }
        let step = if params[2].known {
            if params[2].value <= 0 {
                return Err("step must be > 0".to_string());
            }
            params[2].value as usize
        } else {
            1
        };
        let slice = &items[params[0].value as usize..params[1].value as usize];
        result.extend(slice.iter().step_by(step).cloned());
    }
    Ok(result)
}

/// `evalOperator` with the forked `text/template` comparisons: numbers compare numerically,
/// strings and bools by value; mismatched kinds never match (the error is ignored upstream).
fn compare(op: &str, left: &Value, right: &Value) -> Result<bool, String> {
    use std::cmp::Ordering;
    let ordering = match (left, right) {
        (Value::Number(a), Value::Number(b)) => a.as_f64().partial_cmp(&b.as_f64()),
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        (Value::Bool(a), Value::Bool(b)) => match op {
            "==" | "!=" => Some(if a == b {
                Ordering::Equal
            } else {
                Ordering::Less
            }),
            _ => None,
        },
        _ => None,
    };
    if !matches!(op, "<" | ">" | "==" | "!=" | "<=" | ">=") {
        return Err(format!("unrecognized filter operator {op}"));
    }
    let Some(ordering) = ordering else {
        return Ok(false);
    };
    Ok(match op {
        "<" => ordering == Ordering::Less,
        ">" => ordering == Ordering::Greater,
        "==" => ordering == Ordering::Equal,
        "!=" => ordering != Ordering::Equal,
        "<=" => ordering != Ordering::Greater,
        _ => ordering != Ordering::Less,
    })
}

#[cfg(test)]
mod tests;
