//! Shell pattern matching (`case`, `${v#pat}`, `[[ a == b* ]]`, file-name globbing) as POSIX
//! `fnmatch` does it; a backslash quotes the next character.

/// One element of a compiled pattern.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(char),
    One,
    Star,
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum ClassItem {
    Char(char),
    Range(char, char),
    Named(String),
}

fn compile(pattern: &str) -> Vec<Tok> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                toks.push(Tok::Lit(chars[i + 1]));
                i += 2;
                continue;
            }
            '*' => toks.push(Tok::Star),
            '?' => toks.push(Tok::One),
            '[' => {
                if let Some((tok, next)) = compile_class(&chars, i) {
                    toks.push(tok);
                    i = next;
                    continue;
                }
                toks.push(Tok::Lit('['));
            }
            c => toks.push(Tok::Lit(c)),
        }
        i += 1;
    }
    toks
}

fn compile_class(chars: &[char], start: usize) -> Option<(Tok, usize)> {
    let mut i = start + 1;
    let negated = matches!(chars.get(i), Some('!') | Some('^'));
    if negated {
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(i)?;
        if c == ']' && !first {
            return Some((Tok::Class { negated, items }, i + 1));
        }
        first = false;
        if c == '[' && chars.get(i + 1) == Some(&':') {
            let rest: String = chars[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                items.push(ClassItem::Named(rest[..end].to_owned()));
                i += 2 + rest[..end].chars().count() + 2;
                continue;
            }
        }
        let c = if c == '\\' {
            i += 1;
            *chars.get(i)?
        } else {
            c
        };
        if chars.get(i + 1) == Some(&'-') && chars.get(i + 2).is_some_and(|&e| e != ']') {
            items.push(ClassItem::Range(c, chars[i + 2]));
            i += 3;
        } else {
            items.push(ClassItem::Char(c));
            i += 1;
        }
    }
}

fn class_matches(negated: bool, items: &[ClassItem], c: char) -> bool {
    let hit = items.iter().any(|item| match item {
        ClassItem::Char(x) => *x == c,
        ClassItem::Range(a, b) => *a <= c && c <= *b,
        ClassItem::Named(n) => match n.as_str() {
            "digit" => c.is_ascii_digit(),
            "alpha" => c.is_ascii_alphabetic(),
            "alnum" => c.is_ascii_alphanumeric(),
            "upper" => c.is_ascii_uppercase(),
            "lower" => c.is_ascii_lowercase(),
            "space" => c.is_ascii_whitespace(),
            "xdigit" => c.is_ascii_hexdigit(),
            "punct" => c.is_ascii_punctuation(),
            "blank" => c == ' ' || c == '\t',
            "cntrl" => c.is_ascii_control(),
            "print" => !c.is_ascii_control(),
            "graph" => c.is_ascii_graphic(),
            _ => false,
        },
    });
    hit != negated
}

fn tok_matches(tok: &Tok, c: char) -> bool {
    match tok {
        Tok::Lit(l) => *l == c,
        Tok::One => true,
        Tok::Star => false,
        Tok::Class { negated, items } => class_matches(*negated, items, c),
    }
}

thread_local! {
    /// Character comparisons left for the current pattern operation.
    static BUDGET: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Comparisons one `${v#pat}`, `${v/pat/rep}`, `case` match or glob may make; past it the
/// operation gives up as if nothing matched (jobsim bounds the work of pathological patterns
/// over long strings).
pub const WORK_PER_OPERATION: u64 = 2_000_000;

fn with_budget<T>(f: impl FnOnce() -> T) -> T {
    BUDGET.with(|b| b.set(WORK_PER_OPERATION));
    f()
}

fn spend(n: u64) -> bool {
    BUDGET.with(|b| {
        let left = b.get();
        b.set(left.saturating_sub(n));
        left >= n
    })
}

fn match_toks(toks: &[Tok], text: &[char]) -> bool {
    let (mut t, mut p) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        if !spend(1) {
            return false;
        }
        if p < toks.len() && toks[p] == Tok::Star {
            backtrack = Some((p, t));
            p += 1;
        } else if p < toks.len() && tok_matches(&toks[p], text[t]) {
            p += 1;
            t += 1;
        } else if let Some((bp, bt)) = backtrack {
            p = bp + 1;
            t = bt + 1;
            backtrack = Some((bp, bt + 1));
        } else {
            return false;
        }
    }
    toks[p..].iter().all(|t| *t == Tok::Star)
}

/// Whether `text` matches the whole `pattern`.
pub fn matches(pattern: &str, text: &str) -> bool {
    with_budget(|| matches_within_budget(pattern, text))
}

fn matches_within_budget(pattern: &str, text: &str) -> bool {
    if !pattern.contains(['*', '?', '[', '\\']) {
        return pattern == text;
    }
    if !spend(text.len() as u64 + 1) {
        return false;
    }
    let text: Vec<char> = text.chars().collect();
    match_toks(&compile(pattern), &text)
}

/// Whether the pattern has an unquoted glob character.
pub fn has_glob(pattern: &str) -> bool {
    let mut escaped = false;
    for c in pattern.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '*' | '?' | '[') {
            return true;
        }
    }
    false
}

/// Removes the quoting backslashes of a pattern.
pub fn unescape(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut escaped = false;
    for c in pattern.chars() {
        if !escaped && c == '\\' {
            escaped = true;
            continue;
        }
        escaped = false;
        out.push(c);
    }
    out
}

/// Backslash-quotes every pattern character of literal text.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Byte offsets of char boundaries of `s`, including `s.len()`.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect()
}

/// `${v#pat}` / `${v##pat}`: the text with the shortest/longest matching prefix removed.
pub fn trim_prefix(text: &str, pattern: &str, longest: bool) -> String {
    with_budget(|| trim_prefix_within_budget(text, pattern, longest))
}

fn trim_prefix_within_budget(text: &str, pattern: &str, longest: bool) -> String {
    let bounds = boundaries(text);
    let order: Box<dyn Iterator<Item = &usize>> = if longest {
        Box::new(bounds.iter().rev())
    } else {
        Box::new(bounds.iter())
    };
    for &end in order {
        if matches_within_budget(pattern, &text[..end]) {
            return text[end..].to_owned();
        }
    }
    text.to_owned()
}

/// `${v%pat}` / `${v%%pat}`: the text with the shortest/longest matching suffix removed.
pub fn trim_suffix(text: &str, pattern: &str, longest: bool) -> String {
    with_budget(|| trim_suffix_within_budget(text, pattern, longest))
}

fn trim_suffix_within_budget(text: &str, pattern: &str, longest: bool) -> String {
    let bounds = boundaries(text);
    let order: Box<dyn Iterator<Item = &usize>> = if longest {
        Box::new(bounds.iter())
    } else {
        Box::new(bounds.iter().rev())
    };
    for &start in order {
        if matches_within_budget(pattern, &text[start..]) {
            return text[..start].to_owned();
        }
    }
    text.to_owned()
}

/// Finds the first (leftmost, longest) match of `pattern` in `text` at or after `from`.
pub fn find(text: &str, pattern: &str, from: usize) -> Option<(usize, usize)> {
    with_budget(|| find_within_budget(text, pattern, from))
}

fn find_within_budget(text: &str, pattern: &str, from: usize) -> Option<(usize, usize)> {
    if !has_glob(pattern) {
        // A literal pattern: plain substring search.
        let lit = unescape(pattern);
        if lit.is_empty() {
            return None;
        }
        return text
            .get(from..)?
            .find(&lit)
            .map(|i| (from + i, from + i + lit.len()));
    }
    let bounds = boundaries(text);
    for &start in bounds.iter().filter(|&&b| b >= from) {
        for &end in bounds.iter().rev().filter(|&&b| b >= start) {
            if !spend(1) {
                return None;
            }
            if matches_within_budget(pattern, &text[start..end])
                && (end > start || pattern.is_empty())
            {
                return Some((start, end));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_rules() {
        let cases: &[(&str, &str, &str, bool)] = &[
            ("star_matches_any", "*.txt", "a.txt", true),
            ("star_matches_empty", "a*", "a", true),
            ("question_one_char", "a?c", "abc", true),
            ("question_needs_char", "a?c", "ac", false),
            ("class_range", "[0-9]x", "7x", true),
            ("class_negated", "[!0-9]x", "7x", false),
            ("class_named", "[[:digit:]]*", "42", true),
            ("escaped_star_is_literal", "a\\*", "a*", true),
            ("escaped_star_not_glob", "a\\*", "ab", false),
            ("alternation_is_not_glob", "a|b", "a", false),
            ("bracket_unclosed_literal", "[ab", "[ab", true),
        ];
        for (name, pat, text, want) in cases {
            assert_eq!(matches(pat, text), *want, "{name}");
        }
    }

    #[test]
    fn trims_and_finds() {
        assert_eq!(trim_prefix("a/b/c", "*/", false), "b/c");
        assert_eq!(trim_prefix("a/b/c", "*/", true), "c");
        assert_eq!(trim_suffix("file.tar.gz", ".*", false), "file.tar");
        assert_eq!(trim_suffix("file.tar.gz", ".*", true), "file");
        assert_eq!(find("hello", "l*", 0), Some((2, 5)));
        assert!(has_glob("a*") && !has_glob("a\\*"));
    }
}

#[cfg(test)]
mod budget_tests {
    use super::*;

    #[test]
    fn pathological_patterns_give_up_instead_of_hanging() {
        let long = "a".repeat(100_000);
        // Would be ~10^15 comparisons without the budget.
        assert_eq!(trim_suffix(&long, "*b*", true), long);
        assert_eq!(find(&long, "*b*a", 0), None);
        // Literal replacement stays exact on long text.
        assert_eq!(
            find(&format!("{long}xyz"), "xyz", 0),
            Some((100_000, 100_003))
        );
    }
}
