//! Every kubectl line of the seed guide, run as `jobsim session` runs it, against golden
//! transcripts (`tests/golden/sessions/*.sh` → `*.out`; `UPDATE_GOLDEN=1` rewrites them).
//! The guide's manifests (`static/examples/`) are the session's files.

use std::collections::BTreeMap;

use jobsim::kubectl::session::Session;
use jobsim::sim::Cluster;
use jobsim::sim::config::ClusterConfig;

use super::support::{check_golden, root};

fn examples() -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("static/examples")).expect("static/examples exists")
    {
        let path = entry.expect("readable directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        files.insert(
            name,
            std::fs::read_to_string(&path).expect("example is UTF-8"),
        );
    }
    files
}

fn transcript(script: &str, seed: u64) -> String {
    let mut session = Session::new(Cluster::new(ClusterConfig::default(), seed), &examples());
    session.run_script(script)
}

#[test]
fn seed_guide_sessions_match_their_transcripts() {
    let dir = root().join("tests/golden/sessions");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/golden/sessions exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sh"))
        .collect();
    scripts.sort();
    assert!(
        scripts.len() >= 9,
        "every section of the guide has a session"
    );
    for path in scripts {
        let script = std::fs::read_to_string(&path).expect("script is UTF-8");
        let out = transcript(&script, 1);
        check_golden(path.with_extension("out"), &out);
    }
}

#[test]
fn sessions_are_deterministic_and_seeds_matter() {
    let script =
        std::fs::read_to_string(root().join("tests/golden/sessions/05-exercise1-retries.sh"))
            .expect("script");
    assert_eq!(
        transcript(&script, 7),
        transcript(&script, 7),
        "same seed, same transcript"
    );
    let outcomes: std::collections::BTreeSet<String> =
        (1..=6).map(|seed| transcript(&script, seed)).collect();
    assert!(
        outcomes.len() > 1,
        "different seeds give different $RANDOM and pod names"
    );
}
