//! The page's URL parameters: `?embed` (the compact layout for an iframe beside a lesson),
//! `&terminal` (with the terminal), `&example=NAME` (an example preloaded in the editor) and
//! `&autoplay` (applied and playing at once).

use super::examples;

/// What the query string asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    pub embed: bool,
    pub terminal: bool,
    /// Index into [`examples::ALL`].
    pub example: Option<usize>,
    pub autoplay: bool,
}

/// Reads `?embed&terminal&example=parallel-job&autoplay` (with or without the `?`). An
/// example is named by its file name, with or without `.yaml`; an unknown one is ignored.
pub fn parse(query: &str) -> PageOptions {
    let mut options = PageOptions::default();
    for part in query.trim_start_matches('?').split('&') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        match key {
            "embed" => options.embed = value != "0",
            "terminal" => options.terminal = value != "0",
            "autoplay" => options.autoplay = value != "0",
            "example" => {
                let name = value.trim_end_matches(".yaml");
                options.example = examples::ALL
                    .iter()
                    .position(|e| e.file_name.trim_end_matches(".yaml") == name);
            }
            _ => {}
        }
    }
    options
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_parameters_are_read_and_unknown_ones_ignored() {
        let options = parse("?embed&terminal&example=parallel-job&autoplay&utm=x");
        assert!(options.embed && options.terminal && options.autoplay);
        let example = &examples::ALL[options.example.expect("a known example")];
        assert_eq!(example.file_name, "parallel-job.yaml");
        assert_eq!(
            parse("example=failing-job-demo.yaml").example,
            parse("example=failing-job-demo").example
        );
        assert_eq!(parse("example=nope"), PageOptions::default());
        assert_eq!(parse(""), PageOptions::default());
        assert!(!parse("embed=0").embed);
    }
}
