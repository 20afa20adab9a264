//! Command-line flags as kubectl parses them: a port of spf13/pflag's rules (long flags with
//! `=` or a separate value, shorthand clusters like `-Aw`, `-n=ns` and `-nns`, `--` ends
//! flags, flags anywhere among the arguments) with pflag's own error texts.

use std::collections::BTreeMap;

/// What a flag takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Value,
    /// May repeat; every value is kept (`-f a -f b`, `-l` is single).
    Values,
}

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub long: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
}

/// Shorthand constructors for flag tables.
pub const fn flag(long: &'static str, short: Option<char>) -> Spec {
    Spec {
        long,
        short,
        kind: Kind::Bool,
    }
}

pub const fn value(long: &'static str, short: Option<char>) -> Spec {
    Spec {
        long,
        short,
        kind: Kind::Value,
    }
}

pub const fn values(long: &'static str, short: Option<char>) -> Spec {
    Spec {
        long,
        short,
        kind: Kind::Values,
    }
}

/// The flags every kubectl command takes (`kubectl options`).
pub const GLOBAL: &[Spec] = &[
    value("namespace", Some('n')),
    value("context", None),
    value("cluster", None),
    value("kubeconfig", None),
    value("user", None),
    value("request-timeout", None),
    value("v", Some('v')),
    flag("help", Some('h')),
];

/// Parsed arguments: positionals in order, and every flag's values by long name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub args: Vec<String>,
    /// Arguments after `--`.
    pub after_dash: Vec<String>,
    pub dash_seen: bool,
    values: BTreeMap<&'static str, Vec<String>>,
}

impl Parsed {
    /// The last value of a flag, if it was given.
    pub fn value(&self, long: &str) -> Option<&str> {
        self.values
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a repeatable flag.
    pub fn all(&self, long: &str) -> &[String] {
        self.values.get(long).map_or(&[], Vec::as_slice)
    }

    /// Whether a flag was given at all.
    pub fn has(&self, long: &str) -> bool {
        self.values.contains_key(long)
    }

    /// A boolean flag's value (`--watch`, `--watch=false`).
    pub fn bool(&self, long: &str) -> bool {
        self.value(long).is_some_and(|v| v == "true")
    }
}

fn find_long<'a>(specs: &[&'a [Spec]], name: &str) -> Option<&'a Spec> {
    specs.iter().flat_map(|s| s.iter()).find(|s| s.long == name)
}

fn find_short<'a>(specs: &[&'a [Spec]], c: char) -> Option<&'a Spec> {
    specs
        .iter()
        .flat_map(|s| s.iter())
        .find(|s| s.short == Some(c))
}

/// Go's `strconv.ParseBool`.
fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

fn set(parsed: &mut Parsed, spec: &Spec, value: String, shown: &str) -> Result<(), String> {
    let value = if spec.kind == Kind::Bool {
        match parse_bool(&value) {
            Some(b) => b.to_string(),
            None => {
                return Err(format!(
                    "invalid argument \"{value}\" for \"{shown}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax"
                ));
            }
        }
    } else {
        value
    };
    let entry = parsed.values.entry(spec.long).or_default();
    if spec.kind != Kind::Values {
        entry.clear();
    }
    entry.push(value);
    Ok(())
}

fn shown_name(spec: &Spec) -> String {
    match spec.short {
        Some(c) => format!("-{c}, --{}", spec.long),
        None => format!("--{}", spec.long),
    }
}

/// Parses `args` against the command's flag tables (its own plus [`GLOBAL`]). The error is
/// pflag's message, without kubectl's `error: ` prefix.
pub fn parse(args: &[String], tables: &[&'static [Spec]]) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if parsed.dash_seen {
            parsed.after_dash.push(arg.clone());
            continue;
        }
        if arg == "--" {
            parsed.dash_seen = true;
            continue;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            if name.is_empty() || name.starts_with('-') || name.starts_with('=') {
                return Err(format!("bad flag syntax: {arg}"));
            }
            let spec = find_long(tables, name).ok_or_else(|| format!("unknown flag: --{name}"))?;
            let value = match (inline, spec.kind) {
                (Some(v), _) => v,
                (None, Kind::Bool) => "true".to_string(),
                (None, _) => match args.get(i) {
                    Some(v) => {
                        i += 1;
                        v.clone()
                    }
                    None => return Err(format!("flag needs an argument: --{name}")),
                },
            };
            set(&mut parsed, spec, value, &shown_name(spec))?;
        } else if let Some(shorts) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
            let chars: Vec<char> = shorts.chars().collect();
            let mut k = 0;
            while k < chars.len() {
                let c = chars[k];
                k += 1;
                let spec = find_short(tables, c)
                    .ok_or_else(|| format!("unknown shorthand flag: '{c}' in -{shorts}"))?;
                if spec.kind == Kind::Bool {
                    let value = if chars.get(k) == Some(&'=') {
                        let v: String = chars[k + 1..].iter().collect();
                        k = chars.len();
                        v
                    } else {
                        "true".to_string()
                    };
                    set(&mut parsed, spec, value, &shown_name(spec))?;
                    continue;
                }
                let rest: String = chars[k..].iter().collect();
                let value = if let Some(v) = rest.strip_prefix('=') {
                    v.to_string()
                } else if !rest.is_empty() {
                    rest
                } else {
                    match args.get(i) {
                        Some(v) => {
                            i += 1;
                            v.clone()
                        }
                        None => return Err(format!("flag needs an argument: '{c}' in -{c}")),
                    }
                };
                set(&mut parsed, spec, value, &shown_name(spec))?;
                break;
            }
        } else {
            parsed.args.push(arg.clone());
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET: &[Spec] = &[
        flag("watch", Some('w')),
        value("output", Some('o')),
        flag("all-namespaces", Some('A')),
        values("filename", Some('f')),
    ];

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_string).collect()
    }

    fn ok(line: &str) -> Parsed {
        parse(&args(line), &[GET, GLOBAL]).expect(line)
    }

    #[test]
    fn pflag_forms_parse() {
        let p = ok("jobs -w -o yaml x");
        assert_eq!(p.args, ["jobs", "x"]);
        assert!(p.bool("watch"));
        assert_eq!(p.value("output"), Some("yaml"));
        assert_eq!(ok("pods -oyaml").value("output"), Some("yaml"));
        assert_eq!(ok("pods -o=json").value("output"), Some("json"));
        assert_eq!(ok("pods --output=wide").value("output"), Some("wide"));
        let p = ok("pods -Aw");
        assert!(p.bool("all-namespaces") && p.bool("watch"));
        assert_eq!(
            ok("pods -n=kube-system").value("namespace"),
            Some("kube-system")
        );
        assert_eq!(ok("pods --watch=false").value("watch"), Some("false"));
        assert_eq!(ok("-f a -f b").all("filename"), ["a", "b"]);
        let p = ok("create job x -- echo hi -n");
        assert_eq!(p.after_dash, ["echo", "hi", "-n"]);
    }

    #[test]
    fn pflag_errors_read_like_pflag() {
        let cases = [
            ("pods --nope", "unknown flag: --nope"),
            ("pods -x", "unknown shorthand flag: 'x' in -x"),
            ("pods -Ax", "unknown shorthand flag: 'x' in -Ax"),
            ("pods -o", "flag needs an argument: 'o' in -o"),
            ("pods --output", "flag needs an argument: --output"),
            (
                "pods --watch=maybe",
                "invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax",
            ),
        ];
        for (line, message) in cases {
            assert_eq!(
                parse(&args(line), &[GET, GLOBAL]).unwrap_err(),
                message,
                "{line}"
            );
        }
    }
}
