use super::{Outcome, run};

fn python(script: &str, env: &[(&str, &str)]) -> Option<Outcome> {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let argv = ["python3", "-c", script].map(String::from);
    run(&argv, &env)
}

fn outcome(stdout: &str, stderr: &str, code: i32) -> Option<Outcome> {
    Some(Outcome {
        stdout: stdout.to_string(),
        stderr: stderr.to_string(),
        code,
    })
}

/// The kubernetes.io examples' scripts, index by index.
#[test]
fn the_kubernetes_io_job_examples_exit_as_python_would() {
    let per_index = "import os, sys\nprint(\"Hello world\")\nif int(os.environ.get(\"JOB_COMPLETION_INDEX\")) % 2 == 0:\n  sys.exit(1)\n";
    let fail_index = "import os, sys\nindex = int(os.environ.get(\"JOB_COMPLETION_INDEX\"))\nif index == 0:\n  sys.exit(1)\nelif index == 1:\n  sys.exit(42)\nelse:\n  sys.exit(0)\n";
    let success = "import os, sys\nif os.environ.get(\"JOB_COMPLETION_INDEX\") == \"2\":\n  sys.exit(0)\nelse:\n  sys.exit(1)\n";
    let cases = [
        (per_index, "0", outcome("Hello world\n", "", 1)),
        (per_index, "3", outcome("Hello world\n", "", 0)),
        (fail_index, "0", outcome("", "", 1)),
        (fail_index, "1", outcome("", "", 42)),
        (fail_index, "2", outcome("", "", 0)),
        (success, "2", outcome("", "", 0)),
        (success, "5", outcome("", "", 1)),
    ];
    for (script, index, want) in cases {
        assert_eq!(
            python(script, &[("JOB_COMPLETION_INDEX", index)]),
            want,
            "{script} @ {index}"
        );
    }
}

#[test]
fn expressions_follow_python() {
    let cases = [
        ("print(7 // 2, -7 // 2, 7 % -3, -7 % 3)", "3 -4 -2 2\n"),
        (
            "print(1 + 2 * 3, (1 + 2) * 3, 'a' + 'b', len('abc'))",
            "7 9 ab 3\n",
        ),
        (
            "print(not 0, 1 == True, None, 0 or 'x', 2 and 3)",
            "True True None x 3\n",
        ),
        ("x = 5; print(x > 3 and x < 10)", "True\n"),
        (
            "import os\nprint(os.getenv('MISSING', 'dflt'), os.environ.get('MISSING'))",
            "dflt None\n",
        ),
        ("if 1: print('one')\nelse: print('two')", "one\n"),
        ("print()", "\n"),
        ("print(not 1 == 2, -2 + 5, not 0 and 0)", "True 3 0\n"),
    ];
    for (script, want) in cases {
        assert_eq!(python(script, &[]), outcome(want, "", 0), "{script}");
    }
}

#[test]
fn errors_end_with_a_traceback_and_status_1() {
    let out = python(
        "import os\nprint('a')\nn = int(os.environ.get('NOPE'))\n",
        &[],
    );
    assert_eq!(
        out,
        outcome(
            "a\n",
            "Traceback (most recent call last):\n  File \"<string>\", line 3, in <module>\nTypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'\n",
            1
        )
    );
    let out = python("import os\nos.environ['X']", &[]);
    assert_eq!(
        out, None,
        "a bare expression statement is outside the subset"
    );
    let out = python("import sys\nsys.exit('bad input')", &[]);
    assert_eq!(out, outcome("", "bad input\n", 1));
    let out = python("print(int('x1'))", &[]);
    assert!(out.is_some_and(|o| {
        o.stderr
            .ends_with("ValueError: invalid literal for int() with base 10: 'x1'\n")
    }));
}

#[test]
fn scripts_outside_the_subset_are_not_run() {
    for script in [
        "import random\nprint(random.randint(1, 6))",
        "for i in range(3):\n  print(i)",
        "print('x', end='')",
        "print(10 / 4)",
        "def f():\n  return 1",
        "if 1:\nprint('bad indent')",
        &format!("print({}1{})", "(".repeat(500), ")".repeat(500)),
        &format!("print({}1)", "not ".repeat(500)),
        &(0..200)
            .map(|i| format!("{}if 1:\n", " ".repeat(i)))
            .collect::<String>(),
    ] {
        assert_eq!(python(script, &[]), None, "{script}");
    }
    assert_eq!(
        run(&["python3".to_string(), "train.py".to_string()], &[]),
        None
    );
}
