//! Every manifest of the seed guide and the kubernetes.io Job examples validates clean.

use jobsim::manifest::{self, Outcome, Severity};

#[test]
fn every_example_is_accepted() {
    let names = super::super::support::yaml_files("static/examples");
    assert!(names.len() >= 19, "{names:?}");
    for path in names {
        let text = std::fs::read_to_string(&path).expect("readable");
        let report = manifest::check(&path.display().to_string(), &text);
        assert_eq!(report.documents.len(), 1, "{}", path.display());
        let document = &report.documents[0];
        let errors: Vec<_> = document
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert_eq!(
            document.outcome,
            Outcome::Valid,
            "{}: {errors:#?}",
            path.display()
        );
    }
}
