//! What a container runs: Kubernetes `command`/`args` over the image's ENTRYPOINT/CMD, with
//! the kubelet's `$(VAR)` expansion (Kubernetes
//! `third_party/forked/golang/expansion/expand.go`: `$$` escapes `$`, an unknown `$(VAR)` is
//! left as written) and the defaults of common images.

use crate::shell::interp::{Dialect, Toolbox};

/// What jobsim knows about an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Image {
    /// Repository name without registry, tag or digest (`busybox`).
    pub name: &'static str,
    pub entrypoint: &'static [&'static str],
    pub cmd: &'static [&'static str],
    pub toolbox: Toolbox,
    /// The dialect of `/bin/sh`.
    pub sh: Dialect,
    /// Programs the image has that jobsim runs simulated, not interpreted.
    pub opaque: &'static [&'static str],
}

/// busybox's network applets: the simulated cluster has no network to reach, so they run
/// simulated (a log line says so) rather than failing as programs the image lacks.
const BUSYBOX_NETWORK: &[&str] = &["nc", "nslookup", "ping", "telnet", "traceroute", "wget"];

/// Image defaults (from the docker-library image configs: `busybox` and `alpine` run `sh`,
/// Debian-based images `bash`, language images their interpreter; `docker-entrypoint.sh`
/// entrypoints exec their arguments, so they are left out).
pub const IMAGES: &[Image] = &[
    Image {
        name: "busybox",
        entrypoint: &[],
        cmd: &["sh"],
        toolbox: Toolbox::Busybox,
        sh: Dialect::Ash,
        opaque: BUSYBOX_NETWORK,
    },
    Image {
        name: "alpine",
        entrypoint: &[],
        cmd: &["/bin/sh"],
        toolbox: Toolbox::Busybox,
        sh: Dialect::Ash,
        opaque: BUSYBOX_NETWORK,
    },
    Image {
        name: "bash",
        entrypoint: &[],
        cmd: &["bash"],
        toolbox: Toolbox::Busybox,
        sh: Dialect::Ash,
        opaque: BUSYBOX_NETWORK,
    },
    Image {
        name: "ubuntu",
        entrypoint: &[],
        cmd: &["/bin/bash"],
        toolbox: Toolbox::Debian,
        sh: Dialect::Dash,
        opaque: &["perl"],
    },
    Image {
        name: "debian",
        entrypoint: &[],
        cmd: &["bash"],
        toolbox: Toolbox::Debian,
        sh: Dialect::Dash,
        opaque: &["perl"],
    },
    Image {
        name: "perl",
        entrypoint: &[],
        cmd: &["perl", "-de0"],
        toolbox: Toolbox::Debian,
        sh: Dialect::Dash,
        opaque: &["perl", "cpan", "cpanm"],
    },
    Image {
        name: "python",
        entrypoint: &[],
        cmd: &["python3"],
        toolbox: Toolbox::Debian,
        sh: Dialect::Dash,
        opaque: &["python", "python3", "pip", "pip3", "perl"],
    },
    Image {
        name: "node",
        entrypoint: &[],
        cmd: &["node"],
        toolbox: Toolbox::Debian,
        sh: Dialect::Dash,
        opaque: &["node", "npm", "npx", "perl"],
    },
    Image {
        name: "golang",
        entrypoint: &[],
        cmd: &["bash"],
        toolbox: Toolbox::Debian,
        sh: Dialect::Dash,
        opaque: &["go", "perl"],
    },
];

/// The repository name of an image reference (`docker.io/library/busybox:1.35` → `busybox`).
pub fn repository(image: &str) -> &str {
    let no_digest = image.split('@').next().unwrap_or(image);
    let last = no_digest.rsplit('/').next().unwrap_or(no_digest);
    last.split(':').next().unwrap_or(last)
}

/// `perl5.34.0` for `perl:5.34.0`; plain `perl` when the tag is not a full version.
fn perl_binary(image_ref: &str) -> String {
    let tag = image_ref
        .split('@')
        .next()
        .unwrap_or(image_ref)
        .rsplit_once(':')
        .map_or("", |(_, t)| t);
    let version = tag.split('-').next().unwrap_or("");
    let parts: Vec<&str> = version.split('.').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        format!("perl{version}")
    } else {
        "perl".to_owned()
    }
}

/// Whether `program` is one this image has but jobsim only simulates.
pub fn is_opaque(image: &Image, program: &str) -> bool {
    image.opaque.contains(&program) || (image.name == "perl" && program.starts_with("perl5"))
}

/// The known defaults of an image, if jobsim knows it.
pub fn image(image: &str) -> Option<&'static Image> {
    let repo = repository(image);
    IMAGES.iter().find(|i| i.name == repo)
}

/// Expands `$(VAR)` references the way the kubelet does for `command` and `args`.
pub fn expand(input: &str, env: &[(String, String)]) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(next) = after.chars().next() else {
            // A `$` at the very end stays.
            out.push('$');
            return out;
        };
        match next {
            '$' => {
                out.push('$');
                rest = &after[1..];
            }
            '(' => match after[1..].find(')') {
                Some(close) => {
                    let name = &after[1..close + 1];
                    // Later definitions win, as the kubelet builds its map in order.
                    match env.iter().rev().find(|(k, _)| k == name) {
                        Some((_, v)) => out.push_str(v),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = &after[close + 2..];
                }
                None => {
                    out.push_str("$(");
                    rest = &after[1..];
                }
            },
            other => {
                // "$x": the operator and the next character, as written.
                out.push('$');
                out.push(other);
                rest = &after[other.len_utf8()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The process arguments: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD.
/// `Err` when there is nothing to run (an unknown image and no command).
pub fn resolve(
    image_ref: &str,
    command: &[String],
    args: &[String],
    env: &[(String, String)],
) -> Result<Vec<String>, String> {
    let command: Vec<String> = command.iter().map(|c| expand(c, env)).collect();
    let args: Vec<String> = args.iter().map(|a| expand(a, env)).collect();
    let known = image(image_ref);
    let owned = |s: &[&str]| s.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let argv: Vec<String> = if !command.is_empty() {
        command.into_iter().chain(args).collect()
    } else {
        let Some(img) = known else {
            return Err(format!(
                "jobsim does not know the ENTRYPOINT/CMD of image \"{image_ref}\"; set command"
            ));
        };
        let cmd = if !args.is_empty() {
            args
        } else if img.name == "perl" {
            // The perl images run `perl<version> -de0` (docker-library/perl: `CMD ["perl5.40.0","-de0"]`).
            vec![perl_binary(image_ref), "-de0".to_owned()]
        } else {
            owned(img.cmd)
        };
        owned(img.entrypoint).into_iter().chain(cmd).collect()
    };
    if argv.is_empty() {
        return Err("no command specified".into());
    }
    Ok(argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Vec<(String, String)> {
        vec![
            ("NAME".into(), "world".into()),
            ("EMPTY".into(), String::new()),
        ]
    }

    #[test]
    fn kubelet_expansion_rules() {
        let cases = [
            ("reference_replaced", "hello $(NAME)", "hello world"),
            ("unknown_left_as_is", "$(MISSING) x", "$(MISSING) x"),
            ("double_dollar_escapes", "$$(NAME)", "$(NAME)"),
            ("shell_syntax_untouched", "${NAME} $NAME", "${NAME} $NAME"),
            ("empty_value", "[$(EMPTY)]", "[]"),
            ("unclosed_reference", "$(NAME", "$(NAME"),
            ("trailing_dollar", "cost$", "cost$"),
            ("dollar_dollar_dollar", "$$$(NAME)", "$world"),
        ];
        for (name, input, want) in cases {
            assert_eq!(expand(input, &env()), want, "{name}");
        }
    }

    /// (rule, image, command, args, resolved argv or an error)
    type Case = (
        &'static str,
        &'static str,
        Vec<String>,
        Vec<String>,
        Result<Vec<String>, ()>,
    );

    #[test]
    fn command_and_args_over_image_defaults() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        let cases: [Case; 7] = [
            (
                "image_default",
                "busybox:1.35",
                vec![],
                vec![],
                Ok(s(&["sh"])),
            ),
            (
                "perl_versioned_cmd",
                "perl:5.34.0",
                vec![],
                vec![],
                Ok(s(&["perl5.34.0", "-de0"])),
            ),
            (
                "args_replace_cmd",
                "busybox",
                vec![],
                s(&["sleep", "10"]),
                Ok(s(&["sleep", "10"])),
            ),
            (
                "command_drops_cmd",
                "perl:5.34",
                s(&["perl", "-e", "1"]),
                vec![],
                Ok(s(&["perl", "-e", "1"])),
            ),
            (
                "command_plus_args",
                "busybox",
                s(&["sh", "-c"]),
                s(&["echo $(NAME)"]),
                Ok(s(&["sh", "-c", "echo world"])),
            ),
            (
                "registry_prefix",
                "docker.io/library/python:3.12@sha256:ab",
                vec![],
                vec![],
                Ok(s(&["python3"])),
            ),
            (
                "unknown_image_needs_command",
                "example.com/app:1",
                vec![],
                vec![],
                Err(()),
            ),
        ];
        for (name, img, cmd, args, want) in cases {
            assert_eq!(
                resolve(img, &cmd, &args, &env()).map_err(|_| ()),
                want,
                "{name}"
            );
        }
    }
}
