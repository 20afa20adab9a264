//! The stream split into documents as kubectl splits it (apimachinery
//! `pkg/util/yaml/decoder.go`, `YAMLReader`): on lines starting with `---`.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
