//! Field paths in the node tree: where `spec.template.spec.containers[0].image` is in the
//! user's text, and which keys repeat.

use super::Position;
use super::tree::{Node, NodeValue};

impl Node {
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
        if self.has_duplicate_keys() {
            self.collect_duplicates(String::new(), &mut found);
        }
        found
    }

    /// A quick check without building paths (the common case has no duplicates).
    fn has_duplicate_keys(&self) -> bool {
        match &self.value {
            NodeValue::Scalar { .. } => false,
            NodeValue::Sequence(items) => items.iter().any(Node::has_duplicate_keys),
            NodeValue::Mapping(entries) => {
                let mut keys = std::collections::BTreeSet::new();
                entries
                    .iter()
                    .any(|(k, v)| !keys.insert(k.key_text()) || v.has_duplicate_keys())
            }
        }
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::tree::tests::tree;

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
