//! YAML syntax highlighting for the editor overlay: each line cut into classified byte
//! ranges (keys, strings, numbers, comments, punctuation…). A line scanner, not a parser:
//! it only has to colour what people write in manifests, and it never fails.

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// Whitespace and anything unclassified.
    Plain,
    /// A mapping key.
    Key,
    /// `:`, `-`, `|`, `>`, brackets, commas.
    Punct,
    /// A quoted or unquoted string value, or a line of a block scalar.
    Str,
    Number,
    /// `true`, `false`, `null`, `~`.
    Literal,
    Comment,
    /// `---` and `...` between documents.
    Separator,
    /// `&anchor`, `*alias`, `!tag`.
    Anchor,
}

impl Token {
    /// The CSS class of the span (`tok-key`…); plain text has none.
    pub fn class(self) -> Option<&'static str> {
        Some(match self {
            Token::Plain => return None,
            Token::Key => "tok-key",
            Token::Punct => "tok-punct",
            Token::Str => "tok-str",
            Token::Number => "tok-num",
            Token::Literal => "tok-lit",
            Token::Comment => "tok-comment",
            Token::Separator => "tok-sep",
            Token::Anchor => "tok-anchor",
        })
    }
}

/// A classified byte range of one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub token: Token,
    pub start: usize,
    pub end: usize,
}

/// The spans of every line of `text` (split on `\n`; a trailing `\r` is plain).
pub fn highlight(text: &str) -> Vec<Vec<Span>> {
    let mut block_parent: Option<usize> = None;
    text.split('\n')
        .map(|line| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            if let Some(parent) = block_parent {
                if line.is_empty() {
                    return Vec::new();
                }
                if line.trim().is_empty() || indent > parent {
                    return vec![span(Token::Str, 0, line.len())];
                }
                block_parent = None;
            }
            let (spans, opens_block) = scan_line(line);
            if opens_block {
                block_parent = Some(indent);
            }
            spans
        })
        .collect()
}

fn span(token: Token, start: usize, end: usize) -> Span {
    Span { token, start, end }
}

/// Scans one line; also says whether it ends with a block scalar indicator (`|`, `>-`…).
fn scan_line(line: &str) -> (Vec<Span>, bool) {
    let bytes = line.as_bytes();
    let mut spans = Vec::new();
    if (line.starts_with("---") || line.starts_with("..."))
        && bytes.get(3).is_none_or(|b| b.is_ascii_whitespace())
    {
        spans.push(span(Token::Separator, 0, 3));
        if line.len() > 3 {
            spans.extend(scan_line(&line[3..]).0.into_iter().map(|s| Span {
                start: s.start + 3,
                end: s.end + 3,
                ..s
            }));
        }
        return (spans, false);
    }
    let mut i = 0;
    let mut expect_value = true;
    let mut flow_depth = 0usize;
    let mut opens_block = false;
    while i < bytes.len() {
        let b = bytes[i];
        let start = i;
        match b {
            b' ' | b'\t' | b'\r' => {
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r') {
                    i += 1;
                }
                spans.push(span(Token::Plain, start, i));
                continue;
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                spans.push(span(Token::Comment, i, bytes.len()));
                break;
            }
            b'"' | b'\'' => {
                i = quoted_end(bytes, i);
                while !line.is_char_boundary(i) {
                    i += 1;
                }
                let token = if next_is_colon(bytes, i) {
                    Token::Key
                } else {
                    Token::Str
                };
                spans.push(span(token, start, i));
                expect_value = false;
                continue;
            }
            b'{' | b'[' => {
                flow_depth += 1;
                expect_value = true;
            }
            b'}' | b']' => flow_depth = flow_depth.saturating_sub(1),
            b',' => expect_value = true,
            b':' => expect_value = true,
            b'-' if expect_value && bytes.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()) => {}
            b'|' | b'>' if expect_value && flow_depth == 0 => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                spans.push(span(Token::Punct, start, i));
                opens_block = true;
                continue;
            }
            b'&' | b'*' | b'!' => {
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                spans.push(span(Token::Anchor, start, i));
                continue;
            }
            _ => {
                i = plain_end(bytes, i, flow_depth > 0);
                let text = line[start..i].trim_end_matches([' ', '\t', '\r']);
                let end = start + text.len();
                let token = if next_is_colon(bytes, end) {
                    Token::Key
                } else {
                    classify_scalar(text)
                };
                spans.push(span(token, start, end));
                if end < i {
                    spans.push(span(Token::Plain, end, i));
                }
                expect_value = false;
                continue;
            }
        }
        spans.push(span(Token::Punct, start, i + 1));
        i += 1;
    }
    (spans, opens_block)
}

/// The end (exclusive) of a quoted scalar starting at `start`, or the line's end if open.
fn quoted_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

/// The end of a plain scalar: before `: `, ` #`, the line's end, or a flow indicator.
fn plain_end(bytes: &[u8], start: usize, in_flow: bool) -> usize {
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b':'
            && bytes
                .get(i + 1)
                .is_none_or(|c| c.is_ascii_whitespace() || in_flow)
        {
            break;
        }
        if b == b'#' && i > start && bytes[i - 1].is_ascii_whitespace() {
            break;
        }
        if in_flow && matches!(b, b',' | b'[' | b']' | b'{' | b'}') {
            break;
        }
        i += 1;
    }
    i
}

/// A `:` follows (after spaces), ending a key.
fn next_is_colon(bytes: &[u8], mut i: usize) -> bool {
    while i < bytes.len() && bytes[i] == b' ' {
        i += 1;
    }
    bytes.get(i) == Some(&b':')
        && bytes
            .get(i + 1)
            .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b',' | b'}' | b']'))
}

fn classify_scalar(text: &str) -> Token {
    match text {
        "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "null" | "Null" | "NULL" | "~" => {
            Token::Literal
        }
        _ if looks_numeric(text) => Token::Number,
        _ => Token::Str,
    }
}

fn looks_numeric(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'e' | b'E'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line's pieces as (token, text), whitespace dropped.
    fn pieces(text: &str) -> Vec<Vec<(Token, String)>> {
        highlight(text)
            .iter()
            .zip(text.split('\n'))
            .map(|(spans, line)| {
                spans
                    .iter()
                    .filter(|s| !line[s.start..s.end].trim().is_empty())
                    .map(|s| (s.token, line[s.start..s.end].to_string()))
                    .collect()
            })
            .collect()
    }

    fn p(token: Token, text: &str) -> (Token, String) {
        (token, text.to_string())
    }

    #[test]
    fn keys_values_and_comments() {
        use Token::*;
        assert_eq!(
            pieces("  completions: 5   # five\nname: \"pi\"\nsuspend: false"),
            vec![
                vec![
                    p(Key, "completions"),
                    p(Punct, ":"),
                    p(Number, "5"),
                    p(Comment, "# five")
                ],
                vec![p(Key, "name"), p(Punct, ":"), p(Str, "\"pi\"")],
                vec![p(Key, "suspend"), p(Punct, ":"), p(Literal, "false")],
            ]
        );
    }

    #[test]
    fn sequences_and_flow_collections() {
        use Token::*;
        assert_eq!(
            pieces("- name: worker\ncommand: ['sleep', '10']"),
            vec![
                vec![
                    p(Punct, "-"),
                    p(Key, "name"),
                    p(Punct, ":"),
                    p(Str, "worker")
                ],
                vec![
                    p(Key, "command"),
                    p(Punct, ":"),
                    p(Punct, "["),
                    p(Str, "'sleep'"),
                    p(Punct, ","),
                    p(Str, "'10'"),
                    p(Punct, "]"),
                ],
            ]
        );
    }

    #[test]
    fn block_scalars_colour_their_lines_as_strings_until_the_indent_drops() {
        use Token::*;
        let lines = pieces("  command:\n  - |\n    echo a: b\n\n    # not a comment\n  image: x");
        assert_eq!(lines[1], vec![p(Punct, "-"), p(Punct, "|")]);
        assert_eq!(lines[2], vec![p(Str, "    echo a: b")]);
        assert_eq!(lines[4], vec![p(Str, "    # not a comment")]);
        assert_eq!(lines[5], vec![p(Key, "image"), p(Punct, ":"), p(Str, "x")]);
    }

    #[test]
    fn json_style_documents_and_separators() {
        use Token::*;
        let lines = pieces("---\n{\n  apiVersion: \"batch/v1\",\n  \"kind\": \"Job\",");
        assert_eq!(lines[0], vec![p(Separator, "---")]);
        assert_eq!(
            lines[2],
            vec![
                p(Key, "apiVersion"),
                p(Punct, ":"),
                p(Str, "\"batch/v1\""),
                p(Punct, ",")
            ]
        );
        assert_eq!(
            lines[3],
            vec![
                p(Key, "\"kind\""),
                p(Punct, ":"),
                p(Str, "\"Job\""),
                p(Punct, ",")
            ]
        );
    }

    proptest::proptest! {
        /// Any text: the spans of each line cover it exactly, on character boundaries.
        #[test]
        fn spans_tile_every_line(text in "[ -~\\n\\t\\x0b\\x0c\u{a0}é\"'#:|>{}\\[\\],-]{0,200}") {
            for (spans, line) in highlight(&text).iter().zip(text.split('\n')) {
                let mut at = 0;
                for s in spans {
                    proptest::prop_assert_eq!(s.start, at);
                    proptest::prop_assert!(s.end > s.start);
                    proptest::prop_assert!(line.is_char_boundary(s.end));
                    at = s.end;
                }
                proptest::prop_assert_eq!(at, line.len());
            }
        }
    }

    #[test]
    fn spans_cover_every_byte_in_order() {
        let text = concat!(
            include_str!("../../static/examples/parallel-job.yaml"),
            "\nmessage: \"caf\\é\" # ünïcode\n"
        );
        for (spans, line) in highlight(text).iter().zip(text.split('\n')) {
            let mut at = 0;
            for s in spans {
                assert_eq!(s.start, at, "{line:?}");
                assert!(s.end > s.start, "{line:?}");
                at = s.end;
            }
            assert_eq!(at, line.len(), "{line:?}");
        }
    }
}
