//! One YAML document as a node tree that remembers where every node starts (built from
//! saphyr-parser events), so any field path can be pointed at in the user's text.

use saphyr_parser::{Event, Parser, ScalarStyle};

pub use super::stream::Chunk;

use super::Position;

/// Most nodes one document may expand to through aliases (go-yaml refuses "excessive aliasing").
const MAX_NODES: usize = 200_000;
/// Deepest nesting accepted; deeper documents are refused instead of overflowing the stack.
const MAX_DEPTH: usize = 200;

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

/// The problem text go-yaml (and so kubectl) prints for a saphyr error: go-yaml's
/// `yaml: line N: <problem>` names only the problem, never the "while parsing …" context.
fn go_yaml_problem(info: &str) -> String {
    let problem = match info.split_once(", ") {
        Some((context, problem)) if context.starts_with("while ") => problem,
        _ => info,
    };
    match problem {
        "expected ',' or ']'" => "did not find expected ',' or ']'",
        "simple key expect ':'" => "could not find expected ':'",
        "tab cannot be used as indentation"
        | "tabs disallowed in this context"
        | "tabs disallowed within this context (block indentation)" => {
            "found character that cannot start any token"
        }
        "unexpected eof" => "found unexpected end of stream",
        other => other,
    }
    .to_string()
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
    for event in Parser::new_from_str(chunk.text) {
        let (event, span) = event.map_err(|e| {
            // An error found at the end of input is shown at the end of the last line.
            let n_lines = chunk.text.lines().count().max(1);
            let (line, col) = match (e.marker().line(), e.marker().col()) {
                (line, _) if line > n_lines => {
                    let last = chunk.text.lines().nth(n_lines - 1).unwrap_or("");
                    (n_lines, last.chars().count())
                }
                other => other,
            };
            SyntaxError {
                position: builder.position(line, col),
                problem: go_yaml_problem(e.info()),
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The node tree of a one-document text (a test helper).
    pub(crate) fn tree(text: &str) -> Node {
        parse(&Chunk {
            text,
            line_offset: 0,
        })
        .expect("valid yaml")
        .expect("a node")
    }
}
