//! `describeJob` in `kubectl/pkg/describe/describe.go`.

use jiff::Timestamp;
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::Event;

use super::super::humanize::{human_duration, rfc1123z};
use super::template::describe_pod_template;
use super::{
    PrefixWriter, controlled_by, describe_events, events_for, print_annotations_multiline,
    print_labels_multiline,
};
use crate::apiserver::selectors::label_selector_as_selector;

/// `kubectl describe job`: `events` is every event the API server holds (`None` for
/// `--show-events=false`); the Job's own are picked by involvedObject kind, name, namespace and
/// uid.
pub fn describe_job(job: &Job, events: Option<&[Event]>, now: Timestamp) -> String {
    let mut w = PrefixWriter::new();
    let meta = &job.metadata;
    let spec = job.spec.clone().unwrap_or_default();
    let status = job.status.clone().unwrap_or_default();
    let namespace = meta.namespace.as_deref().unwrap_or("");
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(0, &format!("Namespace:\t{namespace}\n"));
    match label_selector_as_selector(spec.selector.as_ref()) {
        Ok(selector) => w.write(0, &format!("Selector:\t{selector}\n")),
        Err(err) => w.write(0, &format!("Selector:\tFailed to get selector: {err}\n")),
    }
    print_labels_multiline(&mut w, "Labels", meta.labels.as_ref());
    print_annotations_multiline(&mut w, "Annotations", meta.annotations.as_ref());
    if let Some(owner) = controlled_by(meta) {
        w.write(0, &format!("Controlled By:\t{owner}\n"));
    }
    if let Some(p) = spec.parallelism {
        w.write(0, &format!("Parallelism:\t{p}\n"));
    }
    match spec.completions {
        Some(c) => w.write(0, &format!("Completions:\t{c}\n")),
        None => w.write(0, "Completions:\t<unset>\n"),
    }
    if let Some(mode) = &spec.completion_mode {
        w.write(0, &format!("Completion Mode:\t{mode}\n"));
    }
    if let Some(suspend) = spec.suspend {
        w.write(0, &format!("Suspend:\t{suspend}\n"));
    }
    if let Some(limit) = spec.backoff_limit {
        w.write(0, &format!("Backoff Limit:\t{limit}\n"));
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished {
        w.write(0, &format!("TTL Seconds After Finished:\t{ttl}\n"));
    }
    let start = status.start_time.as_ref().map(|t| t.0);
    let completion = status.completion_time.as_ref().map(|t| t.0);
    if let Some(start) = start {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    if let Some(completion) = completion {
        w.write(0, &format!("Completed At:\t{}\n", rfc1123z(completion)));
    }
    if let (Some(start), Some(completion)) = (start, completion) {
        w.write(
            0,
            &format!(
                "Duration:\t{}\n",
                human_duration(completion.duration_since(start))
            ),
        );
    }
    if let Some(deadline) = spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    let (active, succeeded, failed) = (
        status.active.unwrap_or(0),
        status.succeeded.unwrap_or(0),
        status.failed.unwrap_or(0),
    );
    match status.ready {
        None => w.write(0, &format!("Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")),
        Some(ready) => w.write(
            0,
            &format!("Pods Statuses:\t{active} Active ({ready} Ready) / {succeeded} Succeeded / {failed} Failed\n"),
        ),
    }
    if spec.completion_mode.as_deref() == Some("Indexed") {
        let indexes = status.completed_indexes.as_deref().unwrap_or("");
        w.write(
            0,
            &format!(
                "Completed Indexes:\t{}\n",
                cap_indexes_list_or_none(indexes, 50)
            ),
        );
    }
    describe_pod_template(&spec.template, &mut w);
    if let Some(events) = events {
        let mine = events_for(
            events,
            meta.name.as_deref().unwrap_or(""),
            namespace,
            Some("Job"),
            meta.uid.as_deref(),
        );
        describe_events(&mine, &mut w, now);
    }
    w.finish()
}

/// `capIndexesListOrNone`: `<none>` when empty; past `soft_limit` bytes, cut after the next
/// comma and add `...`.
pub fn cap_indexes_list_or_none(indexes: &str, soft_limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".to_string();
    }
    match indexes
        .as_bytes()
        .iter()
        .skip(soft_limit)
        .position(|&b| b == b',')
    {
        None => indexes.to_string(),
        Some(offset) => format!("{}...", &indexes[..soft_limit + offset + 1]),
    }
}
