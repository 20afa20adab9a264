//! Share links are a contract: a v1 link made today must open the same way forever.

use jobsim::playground::share::{Action, Shared, decode, encode};

use super::support::root;

fn v1_sample() -> Shared {
    Shared {
        files: vec![(
            "data-processing-job.yaml".to_string(),
            std::fs::read_to_string(root().join("static/examples/data-processing-job.yaml"))
                .expect("example"),
        )],
        active: 0,
        seed: 7,
        speed: 100.0,
        actions: vec![Action {
            at_ms: 0,
            line: "kubectl apply -f data-processing-job.yaml".to_string(),
        }],
        time_ms: 30_000,
        panels: vec!["terminal".to_string()],
    }
}

#[test]
fn the_checked_in_v1_link_still_opens() {
    let path = root().join("tests/golden/share/v1.link");
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") && !path.exists() {
        std::fs::write(&path, encode(&v1_sample())).expect("write the v1 link once");
    }
    let link = std::fs::read_to_string(&path).expect("tests/golden/share/v1.link exists");
    assert_eq!(
        decode(link.trim()).expect("the v1 link decodes"),
        v1_sample()
    );
}
