//! POSIX basic and extended regular expressions (as grep, sed and awk take them) translated
//! to `regex-lite` syntax, which matches in linear time.

/// Translates a POSIX regex to `regex-lite` syntax.
pub fn translate(re: &str, extended: bool) -> String {
    let chars: Vec<char> = re.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    // Whether a `*` here would have nothing to repeat (start, after `(` or `|` or `^`).
    let mut at_start = true;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let n = chars[i + 1];
                i += 2;
                if !extended && matches!(n, '(' | ')' | '{' | '}' | '|' | '+' | '?') {
                    out.push(n);
                    at_start = n == '(' || n == '|';
                    continue;
                }
                if n.is_ascii_digit() {
                    // Back-references are not supported by linear-time engines; match literally.
                    out.push_str(&regex_escape(n));
                } else if matches!(n, 'w' | 'W' | 's' | 'S' | 'b' | 'B') {
                    out.push('\\');
                    out.push(n);
                } else if n == '<' || n == '>' {
                    out.push_str("\\b");
                } else {
                    out.push_str(&regex_escape(n));
                }
                at_start = false;
                continue;
            }
            '[' => {
                let mut j = i + 1;
                let mut class = String::from("[");
                if chars.get(j) == Some(&'^') {
                    class.push('^');
                    j += 1;
                }
                if chars.get(j) == Some(&']') {
                    class.push_str("\\]");
                    j += 1;
                }
                let mut closed = false;
                while j < chars.len() {
                    let d = chars[j];
                    if d == '[' && matches!(chars.get(j + 1), Some(':' | '.' | '=')) {
                        let kind = chars[j + 1];
                        let rest: String = chars[j + 2..].iter().collect();
                        if let Some(end) = rest.find(&format!("{kind}]")) {
                            let name: String = rest[..end].to_owned();
                            if kind == ':' {
                                class.push_str(&format!("[:{name}:]"));
                            } else {
                                class.push_str(&regex_escape_class(&name));
                            }
                            j += 2 + name.chars().count() + 2;
                            continue;
                        }
                    }
                    if d == ']' {
                        closed = true;
                        j += 1;
                        break;
                    }
                    if matches!(d, '\\' | '[' | '&' | '~') {
                        class.push('\\');
                    }
                    class.push(d);
                    j += 1;
                }
                if closed {
                    class.push(']');
                    out.push_str(&class);
                    i = j;
                } else {
                    out.push_str("\\[");
                    i += 1;
                }
                at_start = false;
                continue;
            }
            '*' if at_start => out.push_str("\\*"),
            // In a basic regex `^` anchors only first in the regex or a group, and `$` only
            // last (POSIX regcomp, which busybox uses): `s/$ITEM/x/` replaces `$ITEM`.
            '^' if !extended && !bre_group_start(&chars, i) => out.push_str("\\^"),
            '$' if !extended && !bre_group_end(&chars, i) => out.push_str("\\$"),
            '*' | '.' | '^' | '$' => out.push(c),
            '+' | '?' | '|' | '(' | ')' if extended => {
                out.push(c);
                at_start = c == '(' || c == '|';
                i += 1;
                continue;
            }
            '{' if extended => {
                let rest: String = chars[i..].iter().collect();
                let valid = rest.find('}').is_some_and(|e| {
                    let body = &rest[1..e];
                    !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == ',')
                });
                out.push_str(if valid { "{" } else { "\\{" });
            }
            '}' if extended => out.push('}'),
            other => out.push_str(&regex_escape(other)),
        }
        at_start = c == '^';
        i += 1;
    }
    out
}

/// Whether position `i` of a basic regex starts it or a `\\(` group or `\\|` branch.
fn bre_group_start(chars: &[char], i: usize) -> bool {
    i == 0 || (i >= 2 && chars[i - 2] == '\\' && matches!(chars[i - 1], '(' | '|'))
}

/// Whether position `i` of a basic regex ends it or a `\\)` group or `\\|` branch.
fn bre_group_end(chars: &[char], i: usize) -> bool {
    i + 1 == chars.len()
        || (chars.get(i + 1) == Some(&'\\') && matches!(chars.get(i + 2), Some(')' | '|')))
}

fn regex_escape(c: char) -> String {
    if "\\.+*?()|[]{}^$#&-~ ".contains(c) && c != ' ' {
        format!("\\{c}")
    } else {
        c.to_string()
    }
}

fn regex_escape_class(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "\\[]&~-^".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Compiles a POSIX regex (`None` when it is invalid).
pub fn compile(re: &str, extended: bool, ignore_case: bool) -> Option<regex_lite::Regex> {
    regex_lite::RegexBuilder::new(&translate(re, extended))
        .case_insensitive(ignore_case)
        .build()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations() {
        let cases: &[(&str, &str, bool, &str, bool)] = &[
            (
                "bre_group_and_interval",
                "\\(ab\\)\\{2\\}",
                false,
                "abab",
                true,
            ),
            ("bre_plus_is_literal", "a+", false, "a+", true),
            ("ere_plus_repeats", "a+", true, "aaa", true),
            ("leading_star_literal", "*a", false, "*a", true),
            (
                "anchors",
                "^Processing record [0-9]*/10$",
                false,
                "Processing record 3/10",
                true,
            ),
            ("class_named", "[[:digit:]]\\{3\\}", false, "x123", true),
            ("dot_any", "a.c", false, "abc", true),
            ("brace_literal_in_ere", "a{x", true, "a{x", true),
            (
                "bre_dollar_inside_is_literal",
                "$ITEM",
                false,
                "name-$ITEM",
                true,
            ),
            ("bre_dollar_inside_not_end", "a$b", false, "a", false),
            ("bre_caret_inside_is_literal", "a^b", false, "xa^b", true),
            (
                "bre_caret_after_group_anchors",
                "\\(^a\\)",
                false,
                "ba",
                false,
            ),
            (
                "bre_dollar_before_group_end",
                "\\(a$\\)",
                false,
                "ab",
                false,
            ),
            ("ere_dollar_inside_anchors", "a$b", true, "a$b", false),
        ];
        for (name, re, ext, text, want) in cases {
            let r = compile(re, *ext, false)
                .unwrap_or_else(|| panic!("{name}: {}", translate(re, *ext)));
            assert_eq!(r.is_match(text), *want, "{name}: {}", translate(re, *ext));
        }
    }
}
