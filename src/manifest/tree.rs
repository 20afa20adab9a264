//! The YAML side of a manifest: the stream split into documents as kubectl splits it
//! (apimachinery `pkg/util/yaml/decoder.go`, `YAMLReader`), each document parsed into a node
//! tree that remembers where every node starts, and converted to JSON as kubectl does before
//! it sends an object (sigs.k8s.io/yaml over go-yaml v2, YAML 1.1 scalars).

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::Position;

/// Most nodes one document may expand to through aliases (go-yaml refuses "excessive aliasing").
const MAX_NODES: usize = 200_000;
/// Deepest nesting accepted; deeper documents are refused instead of overflowing the stack.
const MAX_DEPTH: usize = 200;

/// One piece of the stream between `---` separator lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    pub text: &'a str,
    /// Lines before this chunk in the whole stream.
    pub line_offset: usize,
}

/// A separator line with something other than a comment after `---`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadSeparator {
    pub line: usize,
    pub message: String,
}

/// Splits a stream on lines that start with `---`, skipping empty pieces, as kubectl's
/// `YAMLReader` does (it also refuses a separator followed by anything but a comment).
pub fn split(text: &str) -> Vec<Result<Chunk<'_>, BadSeparator>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut start_line = 0;
    let mut offset = 0;
    for (line_idx, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                chunks.push(Err(BadSeparator {
                    line: line_idx + 1,
                    message: format!("invalid Yaml document separator: {trimmed}"),
                }));
            } else if start < offset {
                chunks.push(Ok(Chunk {
                    text: &text[start..offset],
                    line_offset: start_line,
                }));
            }
            start = offset + line.len();
            start_line = line_idx + 1;
        }
        offset += line.len();
    }
    if start < text.len() {
        chunks.push(Ok(Chunk {
            text: &text[start..],
            line_offset: start_line,
        }));
    }
    chunks
}

/// A YAML node and where it starts in the user's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub position: Position,
    pub value: NodeValue,
}

/// What a node holds.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeValue {
    /// A scalar with its text; `plain` scalars are resolved by YAML 1.1 rules, others are strings.
    Scalar {
        text: String,
        plain: bool,
        tag: Option<String>,
    },
    Sequence(Vec<Node>),
    /// Entries in document order; each key keeps its own position.
    Mapping(Vec<(Node, Node)>),
}

/// A YAML syntax error at a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub position: Position,
    pub problem: String,
}

/// Parses one document; `None` when it holds no node (only comments or blank lines).
pub fn parse(chunk: &Chunk<'_>) -> Result<Option<Node>, SyntaxError> {
    let mut builder = Builder {
        line_offset: chunk.line_offset,
        stack: Vec::new(),
        anchors: Vec::new(),
        root: None,
        n_nodes: 0,
    };
    let n_lines = chunk.text.lines().count().max(1);
    for event in Parser::new_from_str(chunk.text) {
        let (event, span) = event.map_err(|e| {
            // An error found at the end of input is shown at the end of the last line.
            let (line, col) = match (e.marker().line(), e.marker().col()) {
                (line, _) if line > n_lines => {
                    let last = chunk.text.lines().nth(n_lines - 1).unwrap_or("");
                    (n_lines, last.chars().count())
                }
                other => other,
            };
            SyntaxError {
                position: builder.position(line, col),
                problem: e.info().to_string(),
            }
        })?;
        let position = builder.position(span.start.line(), span.start.col());
        builder.event(event, position)?;
    }
    Ok(builder.root)
}

struct Builder {
    line_offset: usize,
    /// Open collections: the node being filled and, for mappings, a pending key.
    stack: Vec<(Node, Option<Node>, usize)>,
    anchors: Vec<(usize, Node)>,
    root: Option<Node>,
    n_nodes: usize,
}

impl Builder {
    fn position(&self, line: usize, col: usize) -> Position {
        Position {
            line: line + self.line_offset,
            column: col + 1,
        }
    }

    fn event(&mut self, event: Event<'_>, position: Position) -> Result<(), SyntaxError> {
        let error = |problem: &str| SyntaxError {
            position,
            problem: problem.to_string(),
        };
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let node = Node {
                    position,
                    value: NodeValue::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                        tag: tag.map(|t| format!("{}{}", t.handle, t.suffix)),
                    },
                };
                self.complete(node, anchor, position)
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(error("exceeded max depth of 200"));
                }
                let value = if matches!(event, Event::SequenceStart(..)) {
                    NodeValue::Sequence(Vec::new())
                } else {
                    NodeValue::Mapping(Vec::new())
                };
                self.stack.push((Node { position, value }, None, anchor));
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => match self.stack.pop() {
                Some((node, _, anchor)) => self.complete(node, anchor, position),
                None => Err(error("unbalanced collection end")),
            },
            Event::Alias(id) => {
                let Some((_, target)) = self.anchors.iter().rev().find(|(a, _)| *a == id) else {
                    return Err(error("unknown anchor"));
                };
                let mut node = target.clone();
                self.n_nodes += count(&node);
                if self.n_nodes > MAX_NODES {
                    return Err(error("document contains excessive aliasing"));
                }
                node.position = position;
                self.complete(node, 0, position)
            }
            _ => Ok(()),
        }
    }

    fn complete(
        &mut self,
        node: Node,
        anchor: usize,
        position: Position,
    ) -> Result<(), SyntaxError> {
        self.n_nodes += 1;
        if anchor != 0 {
            self.anchors.push((anchor, node.clone()));
        }
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some((parent, pending_key, _)) => match &mut parent.value {
                NodeValue::Sequence(items) => {
                    items.push(node);
                    Ok(())
                }
                NodeValue::Mapping(entries) => {
                    match pending_key.take() {
                        None => *pending_key = Some(node),
                        Some(key) => entries.push((key, node)),
                    }
                    Ok(())
                }
                NodeValue::Scalar { .. } => Err(SyntaxError {
                    position,
                    problem: "scalar cannot hold children".to_string(),
                }),
            },
        }
    }
}

fn count(node: &Node) -> usize {
    match &node.value {
        NodeValue::Scalar { .. } => 1,
        NodeValue::Sequence(items) => 1 + items.iter().map(count).sum::<usize>(),
        NodeValue::Mapping(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count(k) + count(v))
                .sum::<usize>()
        }
    }
}

impl Node {
    /// The scalar text of a mapping entry, when the entry exists and is a scalar.
    pub fn scalar(&self, key: &str) -> Option<&str> {
        match &self.entry(key)?.1.value {
            NodeValue::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The last mapping entry with this key (later duplicates win, as in go-yaml).
    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        match &self.value {
            NodeValue::Mapping(entries) => entries.iter().rev().find(|(k, _)| k.key_text() == key),
            _ => None,
        }
    }

    /// The entry, or for a template's `labels`/`annotations` (which Kubernetes paths name
    /// without the `metadata` step, as `spec.template.labels`) the one under `metadata`.
    fn entry_or_in_metadata(&self, key: &str) -> Option<&(Node, Node)> {
        self.entry(key).or_else(|| match key {
            "labels" | "annotations" => self.entry("metadata")?.1.entry(key),
            _ => None,
        })
    }

    /// A scalar key's text (empty for collection keys, which JSON cannot hold).
    pub fn key_text(&self) -> &str {
        match &self.value {
            NodeValue::Scalar { text, .. } => text,
            _ => "",
        }
    }

    /// Where a Kubernetes field path (`spec.template.spec.containers[0].image`) points:
    /// the value of a scalar, the key of a collection, or, when the path goes past what the
    /// user wrote (a missing or defaulted field), the deepest part of it that exists.
    pub fn locate(&self, field_path: &str) -> Position {
        let mut node = self;
        let mut best = self.position;
        for segment in segments(field_path) {
            let next = match (&node.value, segment) {
                (NodeValue::Mapping(_), Segment::Field(name) | Segment::Key(name)) => node
                    .entry_or_in_metadata(name)
                    .map(|(k, v)| (k.position, v)),
                (NodeValue::Sequence(items), Segment::Index(i)) => {
                    items.get(i).map(|v| (v.position, v))
                }
                _ => None,
            };
            let Some((key_position, value)) = next else {
                return best;
            };
            best = match value.value {
                NodeValue::Scalar { .. } => value.position,
                _ => key_position,
            };
            node = value;
        }
        best
    }

    /// Like [`Node::locate`], but a written field points at its key (`completion:`), which is
    /// where an unknown field is best shown.
    pub fn locate_key(&self, field_path: &str) -> Position {
        let all = segments(field_path);
        let Some((last, parents)) = all.split_last() else {
            return self.position;
        };
        let mut node = self;
        for segment in parents {
            let next = match (&node.value, segment) {
                (NodeValue::Mapping(_), Segment::Field(name) | Segment::Key(name)) => {
                    node.entry_or_in_metadata(name).map(|(_, v)| v)
                }
                (NodeValue::Sequence(items), Segment::Index(i)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => return self.locate(field_path),
            }
        }
        match (last, node.entry_for(last)) {
            (_, Some(key)) => key,
            _ => self.locate(field_path),
        }
    }

    fn entry_for(&self, segment: &Segment<'_>) -> Option<Position> {
        match segment {
            Segment::Field(name) | Segment::Key(name) => self.entry(name).map(|(k, _)| k.position),
            Segment::Index(i) => match &self.value {
                NodeValue::Sequence(items) => items.get(*i).map(|n| n.position),
                _ => None,
            },
        }
    }

    /// The key of the entry, in the map at `field_path`, whose key or value is `text`.
    pub fn map_key_with(&self, field_path: &str, text: &str) -> Option<String> {
        let mut node = self;
        for segment in segments(field_path) {
            node = match (&node.value, segment) {
                (NodeValue::Mapping(_), Segment::Field(name) | Segment::Key(name)) => {
                    &node.entry_or_in_metadata(name)?.1
                }
                (NodeValue::Sequence(items), Segment::Index(i)) => items.get(i)?,
                _ => return None,
            };
        }
        let NodeValue::Mapping(entries) = &node.value else {
            return None;
        };
        entries
            .iter()
            .find(|(k, v)| k.key_text() == text || v.key_text() == text)
            .map(|(k, _)| k.key_text().to_string())
    }

    /// Pairs of (field path, key position) for every key that repeats within one mapping.
    pub fn duplicate_keys(&self) -> Vec<(String, Position)> {
        let mut found = Vec::new();
        self.collect_duplicates(String::new(), &mut found);
        found
    }

    fn collect_duplicates(&self, path: String, found: &mut Vec<(String, Position)>) {
        match &self.value {
            NodeValue::Scalar { .. } => {}
            NodeValue::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    item.collect_duplicates(format!("{path}[{i}]"), found);
                }
            }
            NodeValue::Mapping(entries) => {
                for (i, (key, value)) in entries.iter().enumerate() {
                    let name = key.key_text();
                    let child = if path.is_empty() {
                        name.to_string()
                    } else {
                        format!("{path}.{name}")
                    };
                    if entries[..i].iter().any(|(k, _)| k.key_text() == name) {
                        found.push((child.clone(), key.position));
                    }
                    value.collect_duplicates(child, found);
                }
            }
        }
    }
}

/// One step of a Kubernetes field path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

/// Splits `a.b[0].c[key.with.dots]` into its steps.
pub fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']').unwrap_or(inner.len());
            let key = &inner[..end];
            out.push(match key.parse::<usize>() {
                Ok(i) => Segment::Index(i),
                Err(_) => Segment::Key(key),
            });
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            let rest_trimmed = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_trimmed.find(['.', '[']).unwrap_or(rest_trimmed.len());
            if end > 0 {
                out.push(Segment::Field(&rest_trimmed[..end]));
            }
            rest = &rest_trimmed[end..];
            if end == 0 && rest.starts_with('.') {
                rest = &rest[1..];
            }
        }
    }
    out
}

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

    fn tree(text: &str) -> Node {
        parse(&Chunk {
            text,
            line_offset: 0,
        })
        .expect("valid yaml")
        .expect("a node")
    }

    #[test]
    fn split_follows_kubectl_yaml_reader() {
        let chunks = split("a: 1\n---\n# only a comment\n--- # c\nb: 2\n---\n");
        let texts: Vec<_> = chunks
            .iter()
            .map(|c| c.as_ref().map(|c| (c.text, c.line_offset)))
            .collect();
        assert_eq!(
            texts,
            [
                Ok(("a: 1\n", 0)),
                Ok(("# only a comment\n", 2)),
                Ok(("b: 2\n", 4))
            ]
        );
        assert!(split("--- {a: 1}\n")[0].is_err());
    }

    #[test]
    fn locate_points_at_values_keys_and_nearest_ancestor() {
        let root = tree(
            "spec:\n  completions: -1\n  template:\n    spec:\n      containers:\n      - name: a\n        image: b\n",
        );
        assert_eq!(
            root.locate("spec.completions"),
            Position {
                line: 2,
                column: 16
            }
        );
        assert_eq!(
            root.locate("spec.template"),
            Position { line: 3, column: 3 }
        );
        assert_eq!(
            root.locate("spec.template.spec.containers[0].image"),
            Position {
                line: 7,
                column: 16
            }
        );
        assert_eq!(
            root.locate("spec.template.spec.restartPolicy"),
            Position { line: 4, column: 5 }
        );
    }

    #[test]
    fn resolves_scalars_like_go_yaml_v2() {
        let root = tree("a: yes\nb: '3'\nc: 0x10\nd: 010\ne: 1.5\nf: ~\ng: 1_000\nh: abc\n");
        assert_eq!(
            to_json(&root),
            serde_json::json!({"a": true, "b": "3", "c": 16, "d": 8, "e": 1.5, "f": null, "g": 1000, "h": "abc"})
        );
    }

    #[test]
    fn segments_keep_dotted_keys_whole() {
        assert_eq!(
            segments("spec.template.metadata.labels[batch.kubernetes.io/job-name]"),
            [
                Segment::Field("spec"),
                Segment::Field("template"),
                Segment::Field("metadata"),
                Segment::Field("labels"),
                Segment::Key("batch.kubernetes.io/job-name")
            ]
        );
        assert_eq!(
            segments("a[0].b"),
            [Segment::Field("a"), Segment::Index(0), Segment::Field("b")]
        );
    }
}
