//! One row per validation rule (numbers as in the reference, §2.1–2.3): a manifest the
//! API server rejects (asserting field, error type, message and line) and a near miss it
//! accepts.

use jobsim::apiserver::ErrorType::{self, *};
use jobsim::manifest::{self, Outcome, Reason, Severity};

/// A Job manifest assembled from parts, each indented into its place.
#[derive(Clone)]
struct M {
    name: String,
    meta: String,
    spec: String,
    tmeta: String,
    restart: String,
    pod: String,
    containers: String,
    container: String,
}

fn m() -> M {
    M {
        name: "demo".into(),
        meta: String::new(),
        spec: String::new(),
        tmeta: String::new(),
        restart: "Never".into(),
        pod: String::new(),
        containers: "- name: main\n  image: busybox:1.36".into(),
        container: String::new(),
    }
}

impl M {
    fn name(mut self, s: &str) -> M {
        self.name = s.into();
        self
    }
    fn meta(mut self, s: &str) -> M {
        self.meta = s.into();
        self
    }
    fn spec(mut self, s: &str) -> M {
        self.spec = s.into();
        self
    }
    fn tmeta(mut self, s: &str) -> M {
        self.tmeta = s.into();
        self
    }
    fn restart(mut self, s: &str) -> M {
        self.restart = s.into();
        self
    }
    fn pod(mut self, s: &str) -> M {
        self.pod = s.into();
        self
    }
    fn containers(mut self, s: &str) -> M {
        self.containers = s.into();
        self
    }
    fn container(mut self, s: &str) -> M {
        self.container = s.into();
        self
    }

    fn render(&self) -> String {
        fn indent(text: &str, n: usize) -> String {
            text.lines()
                .map(|l| format!("{}{l}\n", " ".repeat(n)))
                .collect()
        }
        let mut out = String::from("apiVersion: batch/v1\nkind: Job\nmetadata:\n");
        if !self.name.is_empty() {
            out.push_str(&format!("  name: {}\n", self.name));
        }
        out.push_str(&indent(&self.meta, 2));
        out.push_str("spec:\n");
        out.push_str(&indent(&self.spec, 2));
        out.push_str("  template:\n    metadata:\n      labels:\n        app: demo\n");
        out.push_str(&indent(&self.tmeta, 8));
        out.push_str("    spec:\n");
        if !self.restart.is_empty() {
            out.push_str(&format!("      restartPolicy: {}\n", self.restart));
        }
        out.push_str(&indent(&self.pod, 6));
        if self.containers.starts_with('[') {
            out.push_str(&format!("      containers: {}\n", self.containers));
        } else {
            out.push_str("      containers:\n");
            out.push_str(&indent(&self.containers, 6));
        }
        out.push_str(&indent(&self.container, 8));
        out
    }
}

struct Case {
    rule: &'static str,
    reject: M,
    field: &'static str,
    error: ErrorType,
    /// A piece of the expected message.
    says: &'static str,
    /// Text on the line the error must point at (its first occurrence).
    at: &'static str,
    accept: M,
}

fn case(
    rule: &'static str,
    reject: M,
    (field, error, says): (&'static str, ErrorType, &'static str),
    at: &'static str,
    accept: M,
) -> Case {
    Case {
        rule,
        reject,
        field,
        error,
        says,
        at,
        accept,
    }
}

const NONNEG: &str = "must be greater than or equal to 0";

fn list(n: usize, item: impl Fn(usize) -> String) -> String {
    (0..n).map(item).collect::<Vec<_>>().join("\n")
}

fn pfp(rules: &str) -> String {
    format!("podFailurePolicy:\n  rules:\n{}", indent2(rules))
}

fn indent2(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

fn exit_rule(action: &str, extra: &str) -> String {
    format!("- action: {action}\n  onExitCodes:\n    operator: In\n    values: [1]\n{extra}")
}

fn indexes(n: usize) -> String {
    (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(",")
}

fn long_name(n: usize) -> String {
    "a".repeat(n)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn job_cases() -> Vec<Case> {
    let indexed = "completionMode: Indexed\ncompletions: 3\n";
    let big =
        "completionMode: Indexed\ncompletions: 100001\nbackoffLimitPerIndex: 1\nparallelism: 1\n";
    let success = |rules: &str| {
        format!(
            "completionMode: Indexed\ncompletions: 3\nsuccessPolicy:\n  rules:\n{}",
            indent2(rules)
        )
    };
    let many_success = |n| success(&list(n, |_| "- succeededCount: 1".into()));
    let exit_values = |n: usize| {
        format!(
            "- action: Count\n  onExitCodes:\n    operator: In\n    values: [{}]",
            (1..=n)
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let conditions = |n: usize| {
        format!(
            "- action: Ignore\n  onPodConditions:\n{}",
            list(n, |_| "  - type: DisruptionTarget".into())
        )
    };
    let fits = 65536 / 6;
    vec![
        case("1 parallelism >= 0", m().spec("parallelism: -1"), ("spec.parallelism", Invalid, NONNEG), "parallelism: -1", m().spec("parallelism: 0")),
        case("2 completions >= 0", m().spec("completions: -1"), ("spec.completions", Invalid, NONNEG), "completions: -1", m().spec("completions: 0")),
        case("3 activeDeadlineSeconds >= 0", m().spec("activeDeadlineSeconds: -5"), ("spec.activeDeadlineSeconds", Invalid, NONNEG), "activeDeadlineSeconds", m().spec("activeDeadlineSeconds: 0")),
        case("4 backoffLimit >= 0", m().spec("backoffLimit: -1"), ("spec.backoffLimit", Invalid, NONNEG), "backoffLimit", m().spec("backoffLimit: 0")),
        case("5 ttlSecondsAfterFinished >= 0", m().spec("ttlSecondsAfterFinished: -1"), ("spec.ttlSecondsAfterFinished", Invalid, NONNEG), "ttlSeconds", m().spec("ttlSecondsAfterFinished: 0")),
        case("6 backoffLimitPerIndex >= 0", m().spec(&format!("{indexed}backoffLimitPerIndex: -1")), ("spec.backoffLimitPerIndex", Invalid, NONNEG), "backoffLimitPerIndex", m().spec(&format!("{indexed}backoffLimitPerIndex: 0"))),
        case("7 maxFailedIndexes >= 0", m().spec(&format!("{indexed}backoffLimitPerIndex: 1\nmaxFailedIndexes: -1")), ("spec.maxFailedIndexes", Invalid, NONNEG), "maxFailedIndexes", m().spec(&format!("{indexed}backoffLimitPerIndex: 1\nmaxFailedIndexes: 0"))),
        case("8 maxFailedIndexes requires backoffLimitPerIndex", m().spec(&format!("{indexed}maxFailedIndexes: 1")), ("spec.backoffLimitPerIndex", Required, "when maxFailedIndexes is specified"), "spec:", m().spec(&format!("{indexed}maxFailedIndexes: 1\nbackoffLimitPerIndex: 1"))),
        case("9 managedBy is a domain-prefixed path", m().spec("managedBy: acme"), ("spec.managedBy", Invalid, "must be a domain-prefixed path (such as \"acme.io/foo\")"), "managedBy", m().spec("managedBy: example.com/custom")),
        case("10 managedBy at most 63", m().spec(&format!("managedBy: example.com/{}", long_name(60))), ("spec.managedBy", TooLong, "Too long: may not be more than 63 bytes"), "managedBy", m().spec(&format!("managedBy: example.com/{}", long_name(51)))),
        case("9 managedBy needs a path after the domain", m().spec("managedBy: example.com/"), ("spec.managedBy", Invalid, "Invalid value: \"example.com/\": must be a domain-prefixed path (such as \"acme.io/foo\")"), "managedBy", m().spec("managedBy: example.com/x")),
        case("9 managedBy needs a domain before the path", m().spec("managedBy: /foo"), ("spec.managedBy", Invalid, "Invalid value: \"/foo\": must be a domain-prefixed path"), "managedBy", m().spec("managedBy: acme.io/foo")),
        case("9 managedBy path is an HTTP path", m().spec("managedBy: acme.io/a b"), ("spec.managedBy", Invalid, "Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"), "managedBy", m().spec("managedBy: acme.io/a-b")),
        case("9 managedBy empty is required", m().spec("managedBy: \"\""), ("spec.managedBy", Required, "spec.managedBy: Required value"), "managedBy", m().spec("managedBy: acme.io/a")),
        case("11 completionMode NonIndexed or Indexed", m().spec("completionMode: Ordered"), ("spec.completionMode", NotSupported, "supported values: \"NonIndexed\", \"Indexed\""), "completionMode", m().spec("completionMode: NonIndexed")),
        case("12 Indexed requires completions", m().spec("completionMode: Indexed\nparallelism: 2"), ("spec.completions", Required, "when completion mode is Indexed"), "spec:", m().spec("completionMode: Indexed\nparallelism: 2\ncompletions: 2")),
        case("13 Indexed parallelism <= 100000", m().spec(&format!("{indexed}parallelism: 100001")), ("spec.parallelism", Invalid, "must be less than or equal to 100000 when completion mode is Indexed"), "parallelism", m().spec(&format!("{indexed}parallelism: 100000"))),
        case("14 maxFailedIndexes <= completions", m().spec(&format!("{indexed}backoffLimitPerIndex: 1\nmaxFailedIndexes: 4")), ("spec.maxFailedIndexes", Invalid, "must be less than or equal to completions"), "maxFailedIndexes", m().spec(&format!("{indexed}backoffLimitPerIndex: 1\nmaxFailedIndexes: 3"))),
        case("15 maxFailedIndexes <= 100000", m().spec("completionMode: Indexed\ncompletions: 100000\nparallelism: 1\nbackoffLimitPerIndex: 1\nmaxFailedIndexes: 100001"), ("spec.maxFailedIndexes", Invalid, "must be less than or equal to 100000"), "maxFailedIndexes", m().spec("completionMode: Indexed\ncompletions: 100000\nparallelism: 1\nbackoffLimitPerIndex: 1\nmaxFailedIndexes: 100000")),
        case("16 above 100000 completions maxFailedIndexes is required", m().spec(big), ("spec.maxFailedIndexes", Required, "must be specified when completions is above 100000"), "spec:", m().spec(&format!("{big}maxFailedIndexes: 10"))),
        case("17 above 100000 completions parallelism <= 10000", m().spec(&format!("{big}maxFailedIndexes: 10\nparallelism: 10001").replace("parallelism: 1\n", "")), ("spec.parallelism", Invalid, "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"), "parallelism", m().spec(&format!("{big}maxFailedIndexes: 10\nparallelism: 10000").replace("parallelism: 1\n", ""))),
        case("18 above 100000 completions maxFailedIndexes <= 10000", m().spec(&format!("{big}maxFailedIndexes: 10001")), ("spec.maxFailedIndexes", Invalid, "must be less than or equal to 10000 when completions are above 100000"), "maxFailedIndexes", m().spec(&format!("{big}maxFailedIndexes: 10000"))),
        case("19 backoffLimitPerIndex requires Indexed", m().spec("backoffLimitPerIndex: 1"), ("spec.backoffLimitPerIndex", Invalid, "requires indexed completion mode"), "backoffLimitPerIndex", m().spec(&format!("{indexed}backoffLimitPerIndex: 1"))),
        case("20 maxFailedIndexes requires Indexed", m().spec("backoffLimitPerIndex: 1\nmaxFailedIndexes: 1"), ("spec.maxFailedIndexes", Invalid, "requires indexed completion mode"), "maxFailedIndexes", m().spec(&format!("{indexed}backoffLimitPerIndex: 1\nmaxFailedIndexes: 1"))),
        case("21 successPolicy requires Indexed", m().spec("successPolicy:\n  rules:\n  - succeededCount: 1"), ("spec.successPolicy", Invalid, "requires indexed completion mode"), "successPolicy", m().spec(&success("- succeededCount: 1"))),
        case("22 successPolicy needs rules", m().spec(&format!("{indexed}successPolicy:\n  rules: []")), ("spec.successPolicy.rules", Required, "at least one rules must be specified when the successPolicy is specified"), "rules: []", m().spec(&success("- succeededCount: 1"))),
        case("23 successPolicy at most 20 rules", m().spec(&many_success(21)), ("spec.successPolicy.rules", TooMany, "Too many: 21: must have at most 20 items"), "rules:", m().spec(&many_success(20))),
        case("24 a success rule names a count or indexes", m().spec(&success("- {}")), ("spec.successPolicy.rules[0]", Required, "at least one of succeededCount or succeededIndexes must be specified"), "- {}", m().spec(&success("- succeededIndexes: \"0\""))),
        case("25 succeededIndexes at most 65536 bytes", m().spec(&format!("completionMode: Indexed\ncompletions: 100000\nparallelism: 1\nsuccessPolicy:\n  rules:\n  - succeededIndexes: \"{}\"", indexes(fits + 2100))), ("spec.successPolicy.rules[0].succeededIndexes", TooLong, "Too long: may not be more than 65536 bytes"), "succeededIndexes", m().spec(&format!("completionMode: Indexed\ncompletions: 100000\nparallelism: 1\nsuccessPolicy:\n  rules:\n  - succeededIndexes: \"{}\"", indexes(fits)))),
        case("26 succeededIndexes parse", m().spec(&success("- succeededIndexes: \"1-a\"")), ("spec.successPolicy.rules[0].succeededIndexes", Invalid, "error parsing succeededIndexes: cannot convert string to integer for index: \"a\""), "succeededIndexes", m().spec(&success("- succeededIndexes: \"1-2\""))),
        case("27 succeededCount >= 0", m().spec(&success("- succeededCount: -1")), ("spec.successPolicy.rules[0].succeededCount", Invalid, NONNEG), "succeededCount", m().spec(&success("- succeededCount: 0"))),
        case("28 succeededCount <= completions", m().spec(&success("- succeededCount: 4")), ("spec.successPolicy.rules[0].succeededCount", Invalid, "must be less than or equal to 3 (the number of specified completions)"), "succeededCount", m().spec(&success("- succeededCount: 3"))),
        case("29 succeededCount <= indexes named", m().spec(&success("- succeededIndexes: \"0,2\"\n  succeededCount: 3")), ("spec.successPolicy.rules[0].succeededCount", Invalid, "must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)"), "succeededCount", m().spec(&success("- succeededIndexes: \"0,2\"\n  succeededCount: 2"))),
        case("30 podFailurePolicy at most 20 rules", m().spec(&pfp(&list(21, |_| exit_rule("Count", ""))) ), ("spec.podFailurePolicy.rules", TooMany, "must have at most 20 items"), "rules:", m().spec(&pfp(&list(20, |_| exit_rule("Count", ""))))),
        case("31 rule action required", m().spec(&pfp(&exit_rule("\"\"", ""))), ("spec.podFailurePolicy.rules[0].action", Required, "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]"), "action", m().spec(&pfp(&exit_rule("Count", "")))),
        case("32 rule action supported", m().spec(&pfp(&exit_rule("Retry", ""))), ("spec.podFailurePolicy.rules[0].action", NotSupported, "supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\""), "action", m().spec(&pfp(&exit_rule("Ignore", "")))),
        case("33 FailIndex requires backoffLimitPerIndex", m().spec(&format!("{indexed}{}", pfp(&exit_rule("FailIndex", "")))), ("spec.podFailurePolicy.rules[0].action", Invalid, "requires the backoffLimitPerIndex to be set"), "action", m().spec(&format!("{indexed}backoffLimitPerIndex: 1\n{}", pfp(&exit_rule("FailIndex", ""))))),
        case("34 not both onExitCodes and onPodConditions", m().spec(&pfp(&exit_rule("Ignore", "  onPodConditions:\n  - type: DisruptionTarget"))), ("spec.podFailurePolicy.rules[0]", Invalid, "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"), "- action", m().spec(&pfp(&exit_rule("Ignore", "")))),
        case("35 one of onExitCodes and onPodConditions", m().spec(&pfp("- action: Ignore")), ("spec.podFailurePolicy.rules[0]", Invalid, "specifying one of OnExitCodes and OnPodConditions is required"), "- action", m().spec(&pfp("- action: Ignore\n  onPodConditions:\n  - type: DisruptionTarget"))),
        case("36 onExitCodes operator required", m().spec(&pfp("- action: Count\n  onExitCodes:\n    values: [1]")), ("spec.podFailurePolicy.rules[0].onExitCodes.operator", Required, "valid values: [\"In\" \"NotIn\"]"), "onExitCodes", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: NotIn\n    values: [1]"))),
        case("37 onExitCodes operator supported", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: Equals\n    values: [1]")), ("spec.podFailurePolicy.rules[0].onExitCodes.operator", NotSupported, "supported values: \"In\", \"NotIn\""), "operator", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In\n    values: [1]"))),
        case("38 containerName names a container", m().spec(&pfp(&exit_rule("Count", "    containerName: other"))), ("spec.podFailurePolicy.rules[0].onExitCodes.containerName", Invalid, "must be one of the container or initContainer names in the pod template"), "containerName", m().spec(&pfp(&exit_rule("Count", "    containerName: main")))),
        case("39 onExitCodes values required", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In")), ("spec.podFailurePolicy.rules[0].onExitCodes.values", Invalid, "Invalid value: null: at least one value is required"), "onExitCodes", m().spec(&pfp(&exit_rule("Count", "")))),
        case("40 onExitCodes at most 255 values", m().spec(&pfp(&exit_values(256))), ("spec.podFailurePolicy.rules[0].onExitCodes.values", TooMany, "must have at most 255 items"), "values", m().spec(&pfp(&exit_values(255)))),
        case("41 no 0 with In", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In\n    values: [0]")), ("spec.podFailurePolicy.rules[0].onExitCodes.values[0]", Invalid, "must not be 0 for the In operator"), "values: [0]", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: NotIn\n    values: [0]"))),
        case("42 no duplicate exit codes", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In\n    values: [1, 1]")), ("spec.podFailurePolicy.rules[0].onExitCodes.values[1]", Duplicate, "Duplicate value: 1"), "values: [1, 1]", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In\n    values: [1, 2]"))),
        case("43 exit codes ordered", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In\n    values: [2, 1]")), ("spec.podFailurePolicy.rules[0].onExitCodes.values", Invalid, "Invalid value: [2,1]: must be ordered"), "values: [2, 1]", m().spec(&pfp("- action: Count\n  onExitCodes:\n    operator: In\n    values: [1, 2]"))),
        case("44 at most 20 onPodConditions", m().spec(&pfp(&conditions(21))), ("spec.podFailurePolicy.rules[0].onPodConditions", TooMany, "must have at most 20 items"), "onPodConditions", m().spec(&pfp(&conditions(20)))),
        case("45 condition type is a qualified name", m().spec(&pfp("- action: Ignore\n  onPodConditions:\n  - type: \"bad type\"")), ("spec.podFailurePolicy.rules[0].onPodConditions[0].type", Invalid, "name part must consist of alphanumeric characters"), "bad type", m().spec(&pfp("- action: Ignore\n  onPodConditions:\n  - type: example.com/BadType"))),
        case("47 condition status supported", m().spec(&pfp("- action: Ignore\n  onPodConditions:\n  - type: DisruptionTarget\n    status: Maybe")), ("spec.podFailurePolicy.rules[0].onPodConditions[0].status", NotSupported, "supported values: \"False\", \"True\", \"Unknown\""), "Maybe", m().spec(&pfp("- action: Ignore\n  onPodConditions:\n  - type: DisruptionTarget\n    status: Unknown"))),
        case("48 podReplacementPolicy Failed with podFailurePolicy", m().spec(&format!("podReplacementPolicy: TerminatingOrFailed\n{}", pfp(&exit_rule("Count", "")))), ("spec.podReplacementPolicy", NotSupported, "Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\""), "podReplacementPolicy", m().spec(&format!("podReplacementPolicy: Failed\n{}", pfp(&exit_rule("Count", ""))))),
        case("49 podReplacementPolicy supported", m().spec("podReplacementPolicy: Sometimes"), ("spec.podReplacementPolicy", NotSupported, "supported values: \"Failed\", \"TerminatingOrFailed\""), "podReplacementPolicy", m().spec("podReplacementPolicy: TerminatingOrFailed")),
        case("50 restartPolicy Always is refused", m().restart("Always"), ("spec.template.spec.restartPolicy", Required, "Required value: valid values: \"OnFailure\", \"Never\""), "restartPolicy", m().restart("OnFailure")),
        case("50 restartPolicy unset defaults to Always", m().restart(""), ("spec.template.spec.restartPolicy", Required, "valid values: \"OnFailure\", \"Never\""), "    spec:", m().restart("Never")),
        case("51 restartPolicy supported (Job)", m().restart("Sometimes"), ("spec.template.spec.restartPolicy", NotSupported, "Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""), "restartPolicy", m().restart("Never")),
        case("51 restartPolicy supported (pod)", m().restart("Sometimes"), ("spec.template.spec.restartPolicy", NotSupported, "supported values: \"Always\", \"OnFailure\", \"Never\""), "restartPolicy", m().restart("OnFailure")),
        case("52 podFailurePolicy needs restartPolicy Never", m().restart("OnFailure").spec(&pfp(&exit_rule("Count", ""))), ("spec.template.spec.restartPolicy", Invalid, "Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"), "restartPolicy", m().spec(&pfp(&exit_rule("Count", "")))),
        case("53 a manual selector is required", m().spec("manualSelector: true"), ("spec.selector", Required, "spec.selector: Required value"), "spec:", m().spec("manualSelector: true\nselector:\n  matchLabels:\n    app: demo")),
        case("54 selector matches the template labels", m().spec("manualSelector: true\nselector:\n  matchLabels:\n    app: other"), ("spec.template.metadata.labels", Invalid, "Invalid value: {\"app\":\"demo\"}: `selector` does not match template `labels`"), "      labels:", m().spec("manualSelector: true\nselector:\n  matchLabels:\n    app: demo")),
        case("55 selector is generated unless manual", m().spec("selector:\n  matchLabels:\n    app: demo"), ("spec.selector", Invalid, "`selector` not auto-generated"), "selector", m()),
        case("56 generated labels carry the uid", m().tmeta("controller-uid: wrong"), ("spec.template.metadata.labels[controller-uid]", Invalid, "must be '00000000-0000-4000-8000-000000000000'"), "controller-uid: wrong", m().tmeta("team: data")),
        case("56 generated labels carry the name", m().tmeta("job-name: other"), ("spec.template.metadata.labels[job-name]", Invalid, "must be 'demo'"), "job-name: other", m().tmeta("job-name: demo")),
        case("58 Indexed pod hostnames are DNS labels", m().name(&long_name(61)).spec("completionMode: Indexed\ncompletions: 100"), ("metadata.name", Invalid, leak(format!("will not able to create pod with invalid DNS label: {}-99", long_name(61)))), "  name:", m().name(&long_name(61)).spec("completionMode: Indexed\ncompletions: 10")),
        case("name is a DNS subdomain", m().name("Demo_Job"), ("metadata.name", Invalid, "a lowercase RFC 1123 subdomain must consist of"), "  name:", m().name("demo-job")),
        case("name or generateName is required", m().name(""), ("metadata.name", Required, "name or generateName is required"), "metadata:", m().name("").meta("generateName: demo-")),
        case("generateName is a DNS subdomain prefix", m().name("").meta("generateName: Demo-"), ("metadata.generateName", Invalid, "a lowercase RFC 1123 subdomain"), "generateName", m().name("").meta("generateName: demo-")),
        case("a name longer than 63 cannot be a label value", m().name(&long_name(64)), ("spec.template.labels", Invalid, "must be no more than 63 bytes"), "      labels:", m().name(&long_name(63))),
        case("label keys are qualified names", m().meta("labels:\n  \"bad key!\": x"), ("metadata.labels", Invalid, "name part must consist of alphanumeric characters"), "bad key!", m().meta("labels:\n  example.com/key: x")),
    ]
}

fn pod_cases() -> Vec<Case> {
    let volume = "volumes:\n- name: data\n  emptyDir: {}";
    vec![
        case("containers are required", m().containers("[]"), ("spec.template.spec.containers", Required, "Required value"), "containers:", m()),
        case("container name required", m().containers("- image: busybox:1.36"), ("spec.template.spec.containers[0].name", Required, "Required value"), "- image", m()),
        case("container name is a DNS-1123 label", m().containers("- name: Main\n  image: busybox:1.36"), ("spec.template.spec.containers[0].name", Invalid, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc'"), "name: Main", m().containers("- name: main-2\n  image: busybox:1.36")),
        case("container names are unique", m().containers("- name: main\n  image: busybox:1.36\n- name: main\n  image: busybox:1.36"), ("spec.template.spec.containers[1].name", Duplicate, "Duplicate value: \"main\""), "- name: main@2", m().containers("- name: main\n  image: busybox:1.36\n- name: side\n  image: busybox:1.36")),
        case("init and app container names are unique", m().pod("initContainers:\n- name: main\n  image: busybox:1.36"), ("spec.template.spec.initContainers[0].name", Duplicate, "Duplicate value: \"main\""), "- name: main", m().pod("initContainers:\n- name: setup\n  image: busybox:1.36")),
        case("container image required", m().containers("- name: main"), ("spec.template.spec.containers[0].image", Required, "Required value"), "- name: main", m()),
        case("volumeMounts name a volume", m().container("volumeMounts:\n- name: data\n  mountPath: /data"), ("spec.template.spec.containers[0].volumeMounts[0].name", ErrorType::NotFound, "Not found: \"data\""), "- name: data", m().pod(volume).container("volumeMounts:\n- name: data\n  mountPath: /data")),
        case("volume names are unique", m().pod("volumes:\n- name: data\n  emptyDir: {}\n- name: data\n  emptyDir: {}"), ("spec.template.spec.volumes[1].name", Duplicate, "Duplicate value: \"data\""), "- name: data@2", m().pod("volumes:\n- name: data\n  emptyDir: {}\n- name: scratch\n  emptyDir: {}")),
        case("one volume type per volume", m().pod("volumes:\n- name: data\n  emptyDir: {}\n  hostPath:\n    path: /tmp"), ("spec.template.spec.volumes[0].hostPath", Forbidden, "may not specify more than 1 volume type"), "hostPath", m().pod("volumes:\n- name: data\n  hostPath:\n    path: /tmp")),
        case("volume names are DNS-1123 labels", m().pod("volumes:\n- name: Data\n  emptyDir: {}"), ("spec.template.spec.volumes[0].name", Invalid, "a lowercase RFC 1123 label"), "name: Data", m().pod(volume)),
        case("mountPath required", m().pod(volume).container("volumeMounts:\n- name: data"), ("spec.template.spec.containers[0].volumeMounts[0].mountPath", Required, "Required value"), "- name: data@2", m().pod(volume).container("volumeMounts:\n- name: data\n  mountPath: /data")),
        case("mountPath unique", m().pod(volume).container("volumeMounts:\n- name: data\n  mountPath: /data\n- name: data\n  mountPath: /data"), ("spec.template.spec.containers[0].volumeMounts[1].mountPath", Invalid, "Invalid value: \"/data\": must be unique"), "mountPath: /data@2", m().pod(volume).container("volumeMounts:\n- name: data\n  mountPath: /data\n- name: data\n  mountPath: /other")),
        case("requests not above limits", m().container("resources:\n  requests:\n    cpu: \"0.5\"\n  limits:\n    cpu: 200m"), ("spec.template.spec.containers[0].resources.requests", Invalid, "Invalid value: \"500m\": must be less than or equal to cpu limit of 200m"), "cpu: \"0.5\"", m().container("resources:\n  requests:\n    cpu: 100m\n  limits:\n    cpu: 200m")),
        case("quantities not negative", m().container("resources:\n  limits:\n    memory: -64Mi"), ("spec.template.spec.containers[0].resources.limits[memory]", Invalid, "Invalid value: \"-64Mi\": must be greater than or equal to 0"), "memory: -64Mi", m().container("resources:\n  limits:\n    memory: 64Mi")),
        case("resource names are standard", m().container("resources:\n  requests:\n    cpus: 1"), ("spec.template.spec.containers[0].resources.requests[cpus]", Invalid, "must be a standard resource for containers"), "cpus: 1", m().container("resources:\n  requests:\n    cpu: 1")),
        case("extended resources need equal limits", m().container("resources:\n  requests:\n    example.com/gpu: 1"), ("spec.template.spec.containers[0].resources.limits", Required, "Limit must be set for non overcommitable resources"), "resources:", m().container("resources:\n  requests:\n    example.com/gpu: 1\n  limits:\n    example.com/gpu: 1")),
        case("env names are printable ASCII without =", m().container("env:\n- name: A=B\n  value: x"), ("spec.template.spec.containers[0].env[0].name", Invalid, "a valid environment variable name must consist only of printable ASCII characters other than '='"), "A=B", m().container("env:\n- name: A.B-c\n  value: x")),
        case("env valueFrom names a source", m().container("env:\n- name: A\n  valueFrom: {}"), ("spec.template.spec.containers[0].env[0].valueFrom", Invalid, "must specify one of: `fieldRef`"), "valueFrom", m().container("env:\n- name: A\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.name")),
        case("env configMapKeyRef needs a key", m().container("env:\n- name: A\n  valueFrom:\n    configMapKeyRef:\n      name: settings"), ("spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key", Required, "Required value"), "configMapKeyRef", m().container("env:\n- name: A\n  valueFrom:\n    configMapKeyRef:\n      name: settings\n      key: mode")),
        case("env fieldRef path a pod knows", m().container("env:\n- name: A\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.owner"), ("spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath", Invalid, "Invalid value: \"metadata.owner\": error converting fieldPath: field label not supported: metadata.owner"), "metadata.owner", m().container("env:\n- name: A\n  valueFrom:\n    fieldRef:\n      fieldPath: metadata.labels['app']")),
        case("env fieldRef path the environment takes", m().container("env:\n- name: A\n  valueFrom:\n    fieldRef:\n      fieldPath: spec.restartPolicy"), ("spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath", NotSupported, "Unsupported value: \"spec.restartPolicy\""), "spec.restartPolicy", m().container("env:\n- name: A\n  valueFrom:\n    fieldRef:\n      fieldPath: status.podIP")),
        case("containerPort in range", m().container("ports:\n- containerPort: 70000"), ("spec.template.spec.containers[0].ports[0].containerPort", Invalid, "Invalid value: 70000: must be between 1 and 65535, inclusive"), "70000", m().container("ports:\n- containerPort: 8080")),
        case("containerPort required", m().container("ports:\n- name: http"), ("spec.template.spec.containers[0].ports[0].containerPort", Required, "Required value"), "- name: http", m().container("ports:\n- name: http\n  containerPort: 80")),
        case("port protocol supported", m().container("ports:\n- containerPort: 80\n  protocol: HTTP"), ("spec.template.spec.containers[0].ports[0].protocol", NotSupported, "supported values: \"SCTP\", \"TCP\", \"UDP\""), "protocol: HTTP", m().container("ports:\n- containerPort: 80\n  protocol: UDP")),
        case("imagePullPolicy supported", m().container("imagePullPolicy: Sometimes"), ("spec.template.spec.containers[0].imagePullPolicy", NotSupported, "supported values: \"Always\", \"IfNotPresent\", \"Never\""), "imagePullPolicy", m().container("imagePullPolicy: Never")),
        case("terminationMessagePolicy supported", m().container("terminationMessagePolicy: Logs"), ("spec.template.spec.containers[0].terminationMessagePolicy", NotSupported, "supported values: \"File\", \"FallbackToLogsOnError\""), "terminationMessagePolicy", m().container("terminationMessagePolicy: FallbackToLogsOnError")),
        case("dnsPolicy supported", m().pod("dnsPolicy: Cluster"), ("spec.template.spec.dnsPolicy", NotSupported, "supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""), "dnsPolicy", m().pod("dnsPolicy: Default")),
        case("init containers take no probes", m().pod("initContainers:\n- name: setup\n  image: busybox:1.36\n  livenessProbe:\n    exec:\n      command: [\"true\"]"), ("spec.template.spec.initContainers[0].livenessProbe", Forbidden, "may not be set for init containers without restartPolicy=Always"), "livenessProbe", m().pod("initContainers:\n- name: setup\n  image: busybox:1.36\n  restartPolicy: Always\n  livenessProbe:\n    exec:\n      command: [\"true\"]")),
        case("app containers take no restartPolicy", m().container("restartPolicy: Always"), ("spec.template.spec.containers[0].restartPolicy", Forbidden, "may not be set for non-init containers"), "restartPolicy: Always", m()),
        case("template label values are label values", m().tmeta("tier: -bad"), ("spec.template.labels", Invalid, "Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters"), "tier: -bad", m().tmeta("tier: good")),
        case("pod activeDeadlineSeconds at least 1", m().pod("activeDeadlineSeconds: 0"), ("spec.template.spec.activeDeadlineSeconds", Invalid, "Invalid value: 0: must be between 1 and 2147483647, inclusive"), "activeDeadlineSeconds", m().pod("activeDeadlineSeconds: 1")),
        case("serviceAccountName is a DNS subdomain", m().pod("serviceAccountName: Bad_SA"), ("spec.template.spec.serviceAccountName", Invalid, "a lowercase RFC 1123 subdomain"), "serviceAccountName", m().pod("serviceAccountName: builder")),
        case("hostname is a DNS label", m().pod("hostname: a.b"), ("spec.template.spec.hostname", Invalid, "must not contain dots"), "hostname", m().pod("hostname: ab")),
    ]
}

/// The line of the first occurrence of `needle`, or of the n-th with a `@n` suffix.
fn line_of(text: &str, needle: &str) -> usize {
    let (needle, nth) = match needle.rsplit_once('@') {
        Some((n, k)) if k.parse::<usize>().is_ok() => (n, k.parse().unwrap_or(1)),
        _ => (needle, 1),
    };
    let at = text
        .match_indices(needle)
        .nth(nth - 1)
        .unwrap_or_else(|| panic!("{needle:?} is not in the manifest {nth} times"))
        .0;
    text[..at].matches('\n').count() + 1
}

fn run(cases: Vec<Case>) {
    let mut failures = Vec::new();
    for case in cases {
        let text = case.reject.render();
        let report = manifest::check("rule.yaml", &text);
        let document = &report.documents[0];
        let found = document.diagnostics.iter().find(|d| {
            d.severity == Severity::Error
                && d.field == case.field
                && d.reason == Reason::Cause(case.error)
                && d.message.contains(case.says)
        });
        match found {
            None => failures.push(format!(
                "{}: no {:?} error on {} saying {:?}; got {:#?}",
                case.rule, case.error, case.field, case.says, document.diagnostics
            )),
            Some(d) => {
                let line = line_of(&text, case.at);
                if d.position.map(|p| p.line) != Some(line) {
                    failures.push(format!(
                        "{}: expected line {line}, got {:?}\n{text}",
                        case.rule, d.position
                    ));
                }
                if !matches!(document.outcome, Outcome::Invalid { .. }) {
                    failures.push(format!("{}: outcome {:?}", case.rule, document.outcome));
                }
            }
        }
        let accept = case.accept.render();
        let report = manifest::check("near-miss.yaml", &accept);
        let errors: Vec<_> = report
            .diagnostics()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{}: near miss refused: {errors:#?}\n{accept}",
                case.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn job_validation_rules() {
    run(job_cases());
}

#[test]
fn pod_template_rules() {
    run(pod_cases());
}

#[test]
fn rule_46_condition_status_required_when_defaulting_is_bypassed() {
    use jobsim::apiserver::defaults::{prepare_job_for_create, set_defaults_job};
    let text = m()
        .spec(&pfp(
            "- action: Ignore\n  onPodConditions:\n  - type: DisruptionTarget",
        ))
        .render();
    let loaded = manifest::load("rule.yaml", &text);
    let manifest::Object::Job(mut job) = loaded.documents[0].object.clone() else {
        panic!("a Job");
    };
    job.metadata.namespace = Some("default".into());
    set_defaults_job(&mut job);
    prepare_job_for_create(&mut job, "uid");
    let status = |job: &k8s_openapi::api::batch::v1::Job| {
        job.spec
            .as_ref()
            .and_then(|s| s.pod_failure_policy.as_ref())
            .map(|p| p.rules[0].on_pod_conditions.clone())
    };
    assert_eq!(
        status(&job).flatten().map(|c| c[0].status.clone()),
        Some(Some("True".into())),
        "defaulted"
    );
    assert!(jobsim::apiserver::validate_job_create(&job).is_empty());
    if let Some(policy) = job
        .spec
        .as_mut()
        .and_then(|s| s.pod_failure_policy.as_mut())
    {
        policy.rules[0].on_pod_conditions.as_mut().expect("set")[0].status = None;
    }
    let messages: Vec<String> = jobsim::apiserver::validate_job_create(&job)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        messages,
        [
            "spec.podFailurePolicy.rules[0].onPodConditions[0].status: Required value: valid values: [\"False\" \"True\" \"Unknown\"]"
        ]
    );
}

#[test]
fn rule_57_uid_required_when_prepare_is_bypassed() {
    use jobsim::apiserver::defaults::{prepare_job_for_create, set_defaults_job};
    let loaded = manifest::load("rule.yaml", &m().render());
    let manifest::Object::Job(mut job) = loaded.documents[0].object.clone() else {
        panic!("a Job");
    };
    job.metadata.namespace = Some("default".into());
    set_defaults_job(&mut job);
    prepare_job_for_create(&mut job, "uid");
    assert!(jobsim::apiserver::validate_job_create(&job).is_empty());
    job.metadata.uid = None;
    let messages: Vec<String> = jobsim::apiserver::validate_job_create(&job)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        messages.contains(&"metadata.uid: Required value".to_string()),
        "{messages:?}"
    );
}

#[test]
fn api_warnings_and_lints_are_warnings_not_errors() {
    let text = m()
        .name("demo.v1")
        .spec("backoffLimit: 20")
        .containers("- name: main\n  image: busybox")
        .render();
    let report = manifest::check("w.yaml", &text);
    let document = &report.documents[0];
    assert_eq!(document.outcome, Outcome::Valid);
    let warnings: Vec<(&str, Reason)> = document
        .diagnostics
        .iter()
        .map(|d| (d.field.as_str(), d.reason))
        .collect();
    assert_eq!(
        warnings,
        [
            ("metadata.name", Reason::ApiWarning),
            ("spec", Reason::Lint("no-active-deadline")),
            ("spec", Reason::Lint("no-ttl")),
            ("spec.backoffLimit", Reason::Lint("backoff-limit")),
            (
                "spec.template.spec.containers[0].name",
                Reason::Lint("no-resources")
            ),
            (
                "spec.template.spec.containers[0].image",
                Reason::Lint("latest-image")
            ),
        ]
    );
    assert!(
        document
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    assert!(
        document.diagnostics[0]
            .message
            .starts_with("metadata.name: this is used in Pod names and hostnames")
    );
    let quiet = m()
        .spec("backoffLimit: 4\nactiveDeadlineSeconds: 600\nttlSecondsAfterFinished: 3600")
        .container("resources:\n  requests:\n    cpu: 100m");
    let report = manifest::check("q.yaml", &quiet.render());
    assert_eq!(
        report.diagnostics().count(),
        0,
        "{:#?}",
        report.documents[0].diagnostics
    );
}
