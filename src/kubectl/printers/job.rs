//! `kubectl get jobs` rows: `printJob` in `pkg/printers/internalversion/printers.go`.

use jiff::Timestamp;
use k8s_openapi::api::batch::v1::{Job, JobCondition};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

use super::humanize::{human_duration, translate_timestamp_since};
use super::{ColumnDefinition, GenerateOptions, Printable, created, layout_container_cells};
use crate::apiserver::selectors::format_label_selector;

impl Printable for Job {
    const KIND: &'static str = "job.batch";

    fn columns() -> Vec<ColumnDefinition> {
        vec![
            ColumnDefinition::name("Name"),
            ColumnDefinition::new("Status"),
            ColumnDefinition::new("Completions"),
            ColumnDefinition::new("Duration"),
            ColumnDefinition::new("Age"),
            ColumnDefinition::wide("Containers"),
            ColumnDefinition::wide("Images"),
            ColumnDefinition::wide("Selector"),
        ]
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn cells(&self, now: Timestamp, options: GenerateOptions) -> Vec<String> {
        let spec = self.spec.as_ref();
        let status = self.status.as_ref();
        let succeeded = status.and_then(|s| s.succeeded).unwrap_or(0);
        let completions = match spec.and_then(|s| s.completions) {
            Some(completions) => format!("{succeeded}/{completions}"),
            None => {
                let parallelism = spec.and_then(|s| s.parallelism).unwrap_or(0);
                if parallelism > 1 {
                    format!("{succeeded}/1 of {parallelism}")
                } else {
                    format!("{succeeded}/1")
                }
            }
        };
        let start = status.and_then(|s| s.start_time.as_ref()).map(|t| t.0);
        let completion = status.and_then(|s| s.completion_time.as_ref()).map(|t| t.0);
        let duration = match (start, completion) {
            (None, _) => String::new(),
            (Some(start), None) => human_duration(now.duration_since(start)),
            (Some(start), Some(end)) => human_duration(end.duration_since(start)),
        };
        let cells = vec![
            self.metadata.name.clone().unwrap_or_default(),
            job_status(self).to_string(),
            completions,
            duration,
            translate_timestamp_since(created(&self.metadata), now),
        ];
        if !options.wide {
            return cells;
        }
        let containers = spec
            .and_then(|s| s.template.spec.as_ref())
            .map(|s| s.containers.as_slice())
            .unwrap_or(&[]);
        let (names, images) = layout_container_cells(containers);
        let selector = format_label_selector(spec.and_then(|s| s.selector.as_ref()));
        let mut cells = cells;
        cells.extend([names, images, selector]);
        cells
    }
}

/// The STATUS column: first of Complete, Failed, Terminating, Suspended, FailureTarget, Running.
pub fn job_status(job: &Job) -> &'static str {
    let conditions: &[JobCondition] = job
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_deref())
        .unwrap_or(&[]);
    if has_job_condition(conditions, "Complete") {
        "Complete"
    } else if has_job_condition(conditions, "Failed") {
        "Failed"
    } else if job.metadata.deletion_timestamp.is_some() {
        "Terminating"
    } else if has_job_condition(conditions, "Suspended") {
        "Suspended"
    } else if has_job_condition(conditions, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

/// `hasJobCondition`: the first condition of that type decides.
fn has_job_condition(conditions: &[JobCondition], condition_type: &str) -> bool {
    conditions
        .iter()
        .find(|c| c.type_ == condition_type)
        .is_some_and(|c| c.status == "True")
}
