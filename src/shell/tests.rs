//! Unit tests for the interpreter: every construct and applet, with failure paths, run as a
//! busybox container would run them.

use super::*;

/// Start of every test container: 2026-11-27T03:17:39Z.
pub(crate) const T0: i64 = 1_795_749_459_000;

/// Runs each `(name, script, output, exit code)` case through [`sh`] and fails with every
/// case whose output (stderr lines marked `!`, as `sh` returns them) or exit code differ.
pub(crate) fn check_cases(cases: &[(&str, &str, &str, i32)]) {
    let mut failures = Vec::new();
    for (name, script, want, code) in cases {
        let (got, got_code, _) = sh(script);
        if got != *want || got_code != Some(*code) {
            failures.push(format!("{name}: got {got:?} exit {got_code:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `sh -c script` in busybox:1.35; returns (log as text with `!` marking stderr lines,
/// exit code, duration ms). `$` is doubled so the kubelet's `$(VAR)` expansion of `command`
/// hands the script to the shell unchanged.
pub(crate) fn sh(script: &str) -> (String, Option<i32>, Option<i64>) {
    let escaped = script.replace('$', "$$");
    let spec = ContainerSpec::new(
        "busybox:1.35",
        &["sh", "-c", &escaped],
        &[],
        "job-abc12",
        T0,
        7,
    );
    let run = run(&spec, &mut Volumes::new());
    let mut text = String::new();
    for l in &run.logs {
        if l.stream == Stream::Stderr {
            text.push('!');
        }
        text.push_str(&l.text);
        text.push('\n');
    }
    (text, run.end.exit_code(), run.end.offset_ms())
}

#[test]
fn smoke() {
    assert_eq!(
        sh("echo hello; exit 3"),
        ("hello\n".into(), Some(3), Some(0))
    );
}

/// (rule, script, expected log, expected exit code)
type Case = (&'static str, &'static str, &'static str, i32);

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for (name, script, want, code) in cases {
        let (got, got_code, _) = sh(script);
        if got != *want || got_code != Some(*code) {
            let got: String = got.chars().take(300).collect();
            failures.push(format!(
                "{name}: got {got:?} exit {got_code:?}, want {want:?} exit {code}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn constructs() {
    check(&[
        ("variables", "A=1; B=\"$A two\"; echo $B", "1 two\n", 0),
        (
            "export_reaches_env",
            "export FOO=bar; env | grep FOO",
            "FOO=bar\n",
            0,
        ),
        (
            "prefix_assignment_only_for_command",
            "X=1 env | grep X=; echo \"[$X]\"",
            "X=1\n[]\n",
            0,
        ),
        (
            "arithmetic",
            "echo $((5 + 3 * 2)) $((7 / 2)) $((7 % 3)) $((2 ** 10))",
            "11 3 1 1024\n",
            0,
        ),
        (
            "arith_assign",
            "i=0; i=$((i + 1)); : $((i += 5)); echo $i",
            "6\n",
            0,
        ),
        (
            "command_substitution",
            "X=$(echo hi); echo \"<$X>\"",
            "<hi>\n",
            0,
        ),
        ("backticks", "echo `echo a b`", "a b\n", 0),
        (
            "nested_substitution",
            "echo $(echo $(echo deep))",
            "deep\n",
            0,
        ),
        ("pipeline", "echo a-b-c-d | cut -d- -f2-", "b-c-d\n", 0),
        ("pipeline_status_is_last", "false | true; echo $?", "0\n", 0),
        (
            "pipeline_subshell_vars",
            "X=1; echo 2 | read X; echo $X",
            "1\n",
            0,
        ),
        (
            "and_or",
            "true && echo yes || echo no; false && echo yes || echo no",
            "yes\nno\n",
            0,
        ),
        (
            "if_elif_else",
            "x=2; if [ $x -eq 1 ]; then echo one; elif [ $x -eq 2 ]; then echo two; else echo other; fi",
            "two\n",
            0,
        ),
        (
            "for_loop",
            "for i in a b c; do echo $i; done",
            "a\nb\nc\n",
            0,
        ),
        (
            "for_seq",
            "for i in $(seq 1 3); do echo n$i; done",
            "n1\nn2\nn3\n",
            0,
        ),
        (
            "while_loop",
            "i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done",
            "1\n2\n3\n",
            0,
        ),
        (
            "until_loop",
            "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i",
            "2\n",
            0,
        ),
        (
            "break_continue",
            "for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done",
            "1\n3\n",
            0,
        ),
        (
            "case",
            "for f in a.txt b.log c; do case $f in *.txt) echo text;; *.log|*.out) echo log;; *) echo other;; esac; done",
            "text\nlog\nother\n",
            0,
        ),
        (
            "functions",
            "greet() { echo \"hi $1 ($#)\"; return 3; }; greet bob x; echo $?",
            "hi bob (2)\n3\n",
            0,
        ),
        (
            "function_local",
            "f() { local v=in; echo $v; }; v=out; f; echo $v",
            "in\nout\n",
            0,
        ),
        ("set_e_stops", "set -e; echo a; false; echo b", "a\n", 1),
        (
            "set_e_ignores_conditions",
            "set -e; if false; then :; fi; false || true; ! true; echo ok",
            "ok\n",
            0,
        ),
        ("exit_code", "exit 3", "", 3),
        ("exit_wraps", "exit 257", "", 1),
        ("exit_uses_last_status", "false; exit", "", 1),
        (
            "trap_exit",
            "trap 'echo bye' EXIT; echo hi; exit 4",
            "hi\nbye\n",
            4,
        ),
        (
            "trap_exit_on_set_e",
            "set -e; trap 'echo cleanup $?' EXIT; false",
            "cleanup 1\n",
            1,
        ),
        (
            "redirect_write_read",
            "echo x > /tmp/f; echo y >> /tmp/f; cat < /tmp/f",
            "x\ny\n",
            0,
        ),
        (
            "redirect_stderr_to_stdout",
            "ls /nope 2>&1 | sed s/^/got:/",
            "got:ls: /nope: No such file or directory\n",
            0,
        ),
        (
            "redirect_to_null",
            "echo gone > /dev/null; echo err 2>/dev/null >&2; echo kept",
            "kept\n",
            0,
        ),
        ("stderr_is_logged", "echo oops >&2", "!oops\n", 0),
        (
            "heredoc",
            "cat <<EOF\nhome=$HOME\n$((1+1))\nEOF",
            "home=/root\n2\n",
            0,
        ),
        ("heredoc_quoted", "cat <<'EOF'\n$HOME\nEOF", "$HOME\n", 0),
        (
            "heredoc_strip_tabs",
            "cat <<-EOF\n\tindented\nEOF",
            "indented\n",
            0,
        ),
        (
            "param_default",
            "echo ${U:-def} ${U-x} \"${E:=set}\" $E",
            "def x set set\n",
            0,
        ),
        (
            "param_alt_len",
            "V=hello; echo ${V:+alt} ${#V}",
            "alt 5\n",
            0,
        ),
        (
            "param_trim",
            "P=/a/b/c.tar.gz; echo ${P##*/} ${P%.*} ${P%%.*} ${P#*/}",
            "c.tar.gz /a/b/c.tar /a/b/c a/b/c.tar.gz\n",
            0,
        ),
        (
            "param_substring_replace",
            "V=abcdef; echo ${V:1:3} ${V/cd/XY} ${V//[ace]/_}",
            "bcd abXYef _b_d_f\n",
            0,
        ),
        (
            "positional",
            "set -- a 'b c' d; echo $#; for x in \"$@\"; do echo [$x]; done; shift; echo $1",
            "3\n[a]\n[b c]\n[d]\nb c\n",
            0,
        ),
        (
            "field_splitting",
            "V='a  b   c'; for x in $V; do echo $x; done; echo \"$V\"",
            "a\nb\nc\na  b   c\n",
            0,
        ),
        (
            "ifs",
            "IFS=:; V=a:b:c; for x in $V; do echo $x; done",
            "a\nb\nc\n",
            0,
        ),
        (
            "glob",
            "touch /tmp/a.txt /tmp/b.txt /tmp/c.log; echo /tmp/*.txt; echo /tmp/*.none",
            "/tmp/a.txt /tmp/b.txt\n/tmp/*.none\n",
            0,
        ),
        (
            "quotes",
            "echo 'single $HOME' \"double $HOME\" \\$HOME",
            "single $HOME double /root $HOME\n",
            0,
        ),
        (
            "subshell_isolation",
            "X=1; (X=2; echo $X); echo $X",
            "2\n1\n",
            0,
        ),
        (
            "brace_group_redirect",
            "{ echo a; echo b; } > /tmp/g; cat /tmp/g",
            "a\nb\n",
            0,
        ),
        ("exit_in_subshell", "(exit 5); echo $?", "5\n", 0),
        ("eval", "cmd='echo evaluated'; eval $cmd", "evaluated\n", 0),
        ("dollar_dollar_is_one", "echo $$", "1\n", 0),
        (
            "test_brackets",
            "[ -z '' ] && [ -n x ] && [ a = a ] && [ 1 -lt 2 ] && [ ! 1 -eq 2 ] && echo ok",
            "ok\n",
            0,
        ),
        (
            "double_brackets",
            "V=file.txt; [[ $V == *.txt && -n $V ]] && echo match",
            "match\n",
            0,
        ),
        (
            "test_files",
            "mkdir -p /tmp/d; touch /tmp/d/f; [ -d /tmp/d ] && [ -f /tmp/d/f ] && [ ! -e /tmp/none ] && echo ok",
            "ok\n",
            0,
        ),
        ("arith_command", "(( 3 > 2 )) && echo yes", "yes\n", 0),
        (
            "random_in_range",
            "R=$RANDOM; [ $R -ge 0 ] && [ $R -le 32767 ] && echo ok",
            "ok\n",
            0,
        ),
        ("random_seeded", "RANDOM=1; echo $RANDOM", "9878\n", 0),
        (
            "read_loop",
            "printf 'a 1\\nb 2\\n' > /tmp/r; while read k v; do echo \"$v=$k\"; done < /tmp/r",
            "1=a\n2=b\n",
            0,
        ),
        ("hostname_env", "echo $HOSTNAME", "job-abc12\n", 0),
        (
            "kill_self_pid1_ignored",
            "kill -9 $$; echo still here",
            "still here\n",
            0,
        ),
        (
            "kill_child_shell",
            "sh -c 'kill -9 $$'; echo $?",
            "137\n",
            0,
        ),
        ("nested_sh_exit", "sh -c 'exit 7'; echo $?", "7\n", 0),
        (
            "nested_sh_args",
            "sh -c 'echo $0 $1' zero one",
            "zero one\n",
            0,
        ),
        (
            "trap_term_in_child",
            "sh -c 'trap \"echo got term\" TERM; kill $$; echo after'",
            "got term\nafter\n",
            0,
        ),
        (
            "background_and_wait",
            "sleep 1 & echo started; wait; echo done",
            "started\ndone\n",
            0,
        ),
        ("xtrace", "set -x; echo hi", "!+ echo hi\nhi\n", 0),
        (
            "xtrace_shows_assignments_and_quotes_as_ash_maybe_single_quote",
            "set -x; X=$((2+3)); A='a b' true \"it's\" k=v; set +x",
            "!+ X=5\n!+ A='a b' true 'it'\"'\"'s' 'k=v'\n!+ set +x\n",
            0,
        ),
    ]);
}

#[test]
fn failure_paths() {
    check(&[
        (
            "command_not_found",
            "nosuchcmd; echo $?",
            "!sh: nosuchcmd: not found\n127\n",
            0,
        ),
        (
            "not_found_exit_code",
            "nosuchcmd",
            "!sh: nosuchcmd: not found\n",
            127,
        ),
        (
            "divide_by_zero",
            "echo $((1 / 0)); echo unreachable",
            "!sh: divide by zero\n",
            2,
        ),
        (
            "arith_syntax",
            "echo $((1 +))",
            "!sh: arithmetic syntax error\n",
            2,
        ),
        (
            "bad_substitution",
            "echo ${V^^}",
            "!sh: syntax error: bad substitution\n",
            2,
        ),
        (
            "unset_error",
            "echo ${NOPE?is required}",
            "!sh: NOPE: is required\n",
            2,
        ),
        (
            "nounset",
            "set -u; echo $NOPE",
            "!sh: NOPE: parameter not set\n",
            2,
        ),
        (
            "exit_illegal_number",
            "exit foo",
            "!sh: exit: line 1: Illegal number: foo\n",
            2,
        ),
        (
            "redirect_missing_dir",
            "echo x > /nope/f; echo $?",
            "!sh: can't create /nope/f: nonexistent directory\n2\n",
            0,
        ),
        (
            "redirect_missing_input",
            "cat < /nope; echo $?",
            "!sh: can't open /nope: no such file\n2\n",
            0,
        ),
        (
            "cat_missing",
            "cat /nope; echo $?",
            "!cat: can't open '/nope': No such file or directory\n1\n",
            0,
        ),
        (
            "test_missing_bracket",
            "[ 1 = 1; echo $?",
            "!sh: missing ]\n2\n",
            0,
        ),
        (
            "test_bad_number",
            "[ a -eq 1 ]; echo $?",
            "!sh: a: bad number\n2\n",
            0,
        ),
        (
            "syntax_error_after_good_lines",
            "echo first\nif then\necho never",
            "first\n!sh: syntax error: unexpected \"then\"\n",
            2,
        ),
        (
            "readonly",
            "readonly R=1; R=2; echo no",
            "!sh: R: is read only\n",
            2,
        ),
        (
            "cd_missing",
            "cd /nope; echo $?",
            "!sh: cd: line 1: can't cd to /nope: No such file or directory\n2\n",
            0,
        ),
        (
            "sleep_invalid",
            "sleep abc; echo $?",
            "!sleep: invalid number 'abc'\n1\n",
            0,
        ),
        (
            "rm_missing",
            "rm /nope; echo $?",
            "!rm: can't remove '/nope': No such file or directory\n1\n",
            0,
        ),
        (
            "false_under_set_e_in_function",
            "set -e; f() { false; echo no; }; f; echo no",
            "",
            1,
        ),
    ]);
}
#[test]
fn kubelet_expands_command_before_the_shell() {
    // `$$` in `command` is the kubelet's escape for `$`, and `$(VAR)` is replaced from env.
    let mut spec = ContainerSpec::new(
        "busybox",
        &["sh", "-c", "echo $$ $(GREETING) $$(GREETING)"],
        &[],
        "p",
        T0,
        1,
    );
    spec.env.push(("GREETING".into(), "hi".into()));
    let r = run(&spec, &mut Volumes::new());
    assert_eq!(r.argv[2], "echo $ hi $(GREETING)");
    // The shell then runs `$(GREETING)` as a command substitution.
    assert_eq!(r.log_text(), "sh: GREETING: not found\n$ hi\n");
}

#[test]
fn bounded_work() {
    // Endless recursion: ash would overflow its stack (SIGSEGV, exit 139).
    let (log, code, _) = sh("f() { f; }; f");
    assert_eq!((log.as_str(), code), ("", Some(139)));
    // A busy loop never ends by itself.
    let spec = ContainerSpec::new(
        "busybox",
        &["sh", "-c", "while :; do :; done"],
        &[],
        "p",
        T0,
        1,
    );
    assert_eq!(
        run(&spec, &mut Volumes::new()).end,
        End::Burning { from_offset_ms: 0 }
    );
    // Huge seq is refused with a message.
    let (log, code, _) = sh("seq 1 100000000 | tail -n 1; echo $?");
    assert_eq!(
        (log.as_str(), code),
        (
            "!seq: jobsim limit: more than 1000000 numbers\n0\n",
            Some(0)
        )
    );
    // Output beyond the log cap drops the oldest lines.
    let mut spec = ContainerSpec::new("busybox", &["sh", "-c", "seq 1 5000"], &[], "p", T0, 1);
    spec.limits.log_bytes = 1000;
    let r = run(&spec, &mut Volumes::new());
    assert!(r.dropped_log_bytes > 0 && r.logs.last().is_some_and(|l| l.text == "5000"));
    assert!(r.logs.iter().map(|l| l.text.len() + 1).sum::<usize>() <= 1000);
}

#[test]
fn applets() {
    check(&[
        (
            "echo_n_e",
            "echo -n a; echo -e 'b\\tc'; echo 'd\\ne'",
            "ab\tc\nd\\ne\n",
            0,
        ),
        (
            "printf_formats",
            "printf '%s=%d %05.1f %x %-3s|%c\\n' a 42 3.14159 255 z word",
            "a=42 003.1 ff z  |w\n",
            0,
        ),
        (
            "printf_reuses_format",
            "printf '%s\\n' a b c",
            "a\nb\nc\n",
            0,
        ),
        ("sleep_units", "sleep 1.5; sleep 0.5s; sleep 1m 1", "", 0),
        (
            "seq_forms",
            "seq 3; seq 2 4; seq 10 -3 4; seq -s, 1 3; seq -w 8 10",
            "1\n2\n3\n2\n3\n4\n10\n7\n4\n1,2,3\n08\n09\n10\n",
            0,
        ),
        (
            "date_format",
            "date +%Y-%m-%dT%H:%M:%S; date",
            "2026-11-27T03:17:39\nFri Nov 27 03:17:39 UTC 2026\n",
            0,
        ),
        (
            "date_after_sleep",
            "sleep 61; date +%H:%M:%S",
            "03:18:40\n",
            0,
        ),
        (
            "hostname",
            "hostname; hostname | cut -d- -f2",
            "job-abc12\nabc12\n",
            0,
        ),
        (
            "cat_files",
            "echo a > /tmp/1; echo b > /tmp/2; cat /tmp/1 /tmp/2; cat -n /tmp/2",
            "a\nb\n     1\tb\n",
            0,
        ),
        (
            "touch_mkdir_ls",
            "mkdir -p /w/x; touch /w/b /w/a; ls /w; ls -d /w; ls /w/a",
            "a\nb\nx\n/w\n/w/a\n",
            0,
        ),
        (
            "rm_rf",
            "mkdir -p /w/d; touch /w/d/f; rm -rf /w/d; ls /w",
            "",
            0,
        ),
        (
            "cp_mv",
            "echo x > /tmp/a; cp /tmp/a /tmp/b; mv /tmp/b /tmp/c; cat /tmp/c; ls /tmp",
            "x\na\nc\n",
            0,
        ),
        (
            "test_and_brackets",
            "test 3 -gt 2 && [ abc != abd ] && [ -n \"$HOME\" ] && echo ok",
            "ok\n",
            0,
        ),
        (
            "true_false",
            "true; echo $?; false; echo $?; :; echo $?",
            "0\n1\n0\n",
            0,
        ),
        (
            "env_and_printenv",
            "A=1 env | grep ^A=; export B=2; printenv B",
            "A=1\n2\n",
            0,
        ),
        (
            "cut_fields_chars",
            "echo a:b:c:d | cut -d: -f1,3-; echo hello | cut -c2-4",
            "a:c:d\nell\n",
            0,
        ),
        (
            "wc_counts",
            "printf 'a b\\nc\\n' | wc -l; printf 'a b\\nc\\n' | wc -w; printf 'abc' | wc -c",
            "2\n3\n3\n",
            0,
        ),
        (
            "head_tail",
            "seq 1 10 | head -n 2; seq 1 10 | tail -n 2; seq 1 5 | tail -n +4; seq 1 5 | head -3",
            "1\n2\n9\n10\n4\n5\n1\n2\n3\n",
            0,
        ),
        (
            "grep_options",
            "printf 'Apple\\nbanana\\ncherry\\n' > /f; grep an /f; grep -i apple /f; grep -c a /f; grep -v a /f; grep -n err /f; grep -q zz /f; echo $?",
            "banana\nApple\n1\nApple\ncherry\n3:cherry\n1\n",
            0,
        ),
        (
            "grep_regex",
            "printf 'id=42\\nid=x\\n' | grep -E '^id=[0-9]+$'; printf 'ab\\n' | grep -o b",
            "id=42\nb\n",
            0,
        ),
        (
            "sed_subst",
            "echo 'hello world' | sed 's/world/there/'; echo aaa | sed 's/a/b/g'; printf '1\\n2\\n3\\n' | sed -n 2p",
            "hello there\nbbb\n2\n",
            0,
        ),
        (
            "awk_fields",
            "echo 'a b c' | awk '{print $2}'; echo 'x:y:z' | awk -F: '{print $NF, NF}'",
            "b\nz 3\n",
            0,
        ),
        (
            "awk_sum_end",
            "printf '1\\n2\\n3\\n' | awk '{s += $1} END {print s, NR}'",
            "6 3\n",
            0,
        ),
        (
            "awk_pattern_printf",
            "printf 'a 1\\nb 5\\nc 9\\n' | awk '$2 > 3 {printf \"%s-%d\\n\", $1, $2 * 2}'",
            "b-10\nc-18\n",
            0,
        ),
        (
            "awk_begin_vars",
            "awk -v n=3 'BEGIN { for (i = 1; i <= n; i++) out = out i; print out, length(out), toupper(\"ok\") }'",
            "123 3 OK\n",
            0,
        ),
        (
            "awk_arrays",
            "printf 'a\\nb\\na\\n' | awk '{c[$1]++} END {for (k in c) print k, c[k]}'",
            "a 2\nb 1\n",
            0,
        ),
        (
            "awk_regex_gsub",
            "echo 'foo bar foo' | awk '/bar/ {gsub(/foo/, \"X\"); print}'",
            "X bar X\n",
            0,
        ),
        (
            "expr_ops",
            "expr 3 + 4; expr 10 / 3; expr 5 \\> 2; expr length hello; expr abc : 'a\\(.\\)'",
            "7\n3\n1\n5\nb\n",
            0,
        ),
        ("expr_zero_exit", "expr 1 - 1; echo $?", "0\n1\n", 0),
        (
            "expr_division_by_zero",
            "expr 1 / 0; echo $?",
            "!expr: division by zero\n2\n",
            0,
        ),
        (
            "tr_sets",
            "echo hello | tr a-z A-Z; echo 'a  b' | tr -s ' '; echo abc | tr -d b; echo abc | tr '[:lower:]' '[:upper:]'",
            "HELLO\na b\nac\nABC\n",
            0,
        ),
        (
            "sort_uniq",
            "printf 'b\\na\\nb\\nc\\n' | sort | uniq -c; printf '10\\n9\\n100\\n' | sort -n; printf 'a\\nb\\n' | sort -r",
            "      1 a\n      2 b\n      1 c\n9\n10\n100\nb\na\n",
            0,
        ),
        (
            "basename_dirname",
            "basename /a/b/c.txt; basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname c.txt",
            "c.txt\nc\n/a/b\n.\n",
            0,
        ),
        (
            "digests",
            "printf abc | md5sum; printf abc | sha256sum",
            "900150983cd24fb0d6963f7d28e17f72  -\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n",
            0,
        ),
        (
            "nproc_uname_id",
            "nproc; uname; uname -m; id -u; whoami",
            "2\nLinux\nx86_64\n0\nroot\n",
            0,
        ),
        ("tee", "echo t | tee /tmp/t; cat /tmp/t", "t\nt\n", 0),
        ("pwd_cd", "cd /tmp; pwd; cd ..; pwd", "/tmp\n/\n", 0),
        (
            "command_v_type",
            "command -v sleep; command -v echo; type cd",
            "/bin/sleep\necho\ncd is a shell builtin\n",
            0,
        ),
        (
            "command_v_finds_the_shell_itself",
            "command -v sh; command -v nosuch; echo $?",
            "/bin/sh\n1\n",
            0,
        ),
    ]);
}

#[test]
fn durations_follow_sleeps() {
    let cases = [
        ("no_sleep", "echo x", 0),
        ("plain", "sleep 2", 2_000),
        ("fraction", "sleep 0.25", 250),
        ("sum_of_args", "sleep 1 2", 3_000),
        ("loop", "for i in 1 2 3; do sleep 2; done", 6_000),
        ("arith", "I=2; sleep $((5 + I * 2))", 9_000),
        ("pipeline_stages_in_sequence", "sleep 1 | sleep 1", 2_000),
        ("background_overlaps", "sleep 5 & sleep 2; wait", 5_000),
        ("command_substitution", "X=$(sleep 3; echo done)", 3_000),
    ];
    for (name, script, ms) in cases {
        assert_eq!(sh(script).2, Some(ms), "{name}");
    }
}

#[test]
fn background_jobs_are_bounded() {
    // A spinning background job does not stop PID 1.
    let (log, code, ms) = sh("(while :; do :; done) & sleep 3; echo done");
    assert_eq!((log.as_str(), code, ms), ("done\n", Some(0), Some(3_000)));
    // Spawning spinning jobs forever spends the whole budget: the container burns.
    let spec = ContainerSpec::new(
        "busybox",
        &["sh", "-c", "while :; do (while :; do :; done) & done"],
        &[],
        "p",
        T0,
        1,
    );
    assert_eq!(
        run(&spec, &mut Volumes::new()).end,
        End::Burning { from_offset_ms: 0 }
    );
}

#[test]
fn syntax_errors_name_the_token() {
    check(&[
        (
            "unexpected_keyword_mid_script",
            "if then\necho never",
            "!sh: syntax error: unexpected \"then\"\n",
            2,
        ),
        (
            "unexpected_end",
            "if true; then echo x",
            "!sh: syntax error: unexpected end of file\n",
            2,
        ),
    ]);
}

#[test]
fn inputs_the_parser_would_panic_on_are_syntax_errors() {
    // brush-parser unwraps these integer parses; they must never reach it.
    check(&[
        (
            "huge_fd_number",
            "echo x 99999999999>/tmp/f",
            "!sh: syntax error: bad fd number\n",
            2,
        ),
        (
            "huge_tilde_number",
            "echo ~+99999999999999999999999",
            "!sh: syntax error: bad tilde expansion\n",
            2,
        ),
    ]);
}

#[test]
fn memory_is_bounded() {
    // Doubling a variable runs out of memory the way a container would: killed (137).
    let (_, code, _) = sh("x=a; while :; do x=$x$x; done");
    assert_eq!(code, Some(137));
    // Doubling a file fills the disk instead.
    let (log, _, _) = sh(
        "echo 0123456789abcdef > /f; i=0; while [ $i -lt 30 ]; do cat /f /f > /g || break; mv /g /f; i=$((i+1)); done; echo $i",
    );
    assert!(log.contains("No space left on device"), "{log}");
}

/// Runs `bash -c script` in the bash image with `JOB_COMPLETION_INDEX=1`; returns the log
/// (`!` marks stderr lines) and the exit code.
fn bash(script: &str) -> (String, Option<i32>) {
    let escaped = script.replace('$', "$$");
    let mut spec = ContainerSpec::new(
        "bash:5.2",
        &["bash", "-c", &escaped],
        &[],
        "job-abc12",
        T0,
        7,
    );
    spec.env.push(("JOB_COMPLETION_INDEX".into(), "1".into()));
    let run = run(&spec, &mut Volumes::new());
    let mut text = String::new();
    for l in &run.logs {
        if l.stream == Stream::Stderr {
            text.push('!');
        }
        text.push_str(&l.text);
        text.push('\n');
    }
    (text, run.end.exit_code())
}

#[test]
fn bash_indexed_arrays() {
    let cases: &[(&str, &str, &str, i32)] = &[
        (
            "element_by_arithmetic_index",
            "items=(foo bar baz qux xyz); echo ${items[$JOB_COMPLETION_INDEX]} ${items[1+2]}",
            "bar qux\n",
            0,
        ),
        ("name_alone_is_element_0", "a=(x y); echo $a", "x\n", 0),
        (
            "negative_index_from_end",
            "a=(x y z); echo ${a[-1]}",
            "z\n",
            0,
        ),
        (
            "missing_element_is_empty",
            "a=(x); echo \"[${a[5]}]\"",
            "[]\n",
            0,
        ),
        ("count", "a=(x 'y z' w); echo ${#a[@]}", "3\n", 0),
        (
            "quoted_at_keeps_elements",
            "a=(x 'y z'); for i in \"${a[@]}\"; do echo \"<$i>\"; done",
            "<x>\n<y z>\n",
            0,
        ),
        ("star_joins", "a=(x 'y z'); echo \"${a[*]}\"", "x y z\n", 0),
        (
            "elements_are_expanded",
            "v=2; a=($v \"$v$v\"); echo ${a[1]}",
            "22\n",
            0,
        ),
        (
            "scalar_is_a_one_element_array",
            "s=hi; echo ${s[0]} ${#s[@]}",
            "hi 1\n",
            0,
        ),
        (
            "assigning_name_sets_element_0",
            "a=(x y); a=z; echo ${a[@]}",
            "z y\n",
            0,
        ),
        ("empty_array", "a=(); echo ${#a[@]}", "0\n", 0),
    ];
    let mut failures = Vec::new();
    for (name, script, want, code) in cases {
        let (got, got_code) = bash(script);
        if got != *want || got_code != Some(*code) {
            failures.push(format!(
                "{name}: got {got:?} exit {got_code:?}, want {want:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ash_has_no_arrays() {
    assert_eq!(
        sh("echo before; a=(x y); echo after"),
        (
            "before\n!sh: syntax error: unexpected \"(\"\n".into(),
            Some(2),
            Some(0)
        )
    );
}
