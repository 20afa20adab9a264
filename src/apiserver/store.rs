//! The object store and the API operations on it: create, update, delete, as the API server
//! answers them (generated names, UIDs, resourceVersions, finalizers, grace periods,
//! cascading deletion), plus the reads every component and kubectl use.

use std::fmt;
use std::sync::Arc;

use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::PodSpec;

use super::names;
use crate::objects::meta::SharedMap;
use crate::objects::{
    JobRecord, JobStatus, ObjectMeta, OwnerReference, Pod, PodId, PodPhase, PodStatus,
};
use crate::sim::clock::SimTime;
use crate::sim::{Cluster, JobIdx, Wake};

pub use crate::controller::job::indexed::{
    JOB_COMPLETION_INDEX_ANNOTATION as COMPLETION_INDEX_KEY, JOB_TRACKING_FINALIZER,
};

/// An API error, printed as kubectl prints what the server returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    NotFound {
        resource: &'static str,
        name: String,
    },
    AlreadyExists {
        resource: &'static str,
        name: String,
    },
    /// `The Job "x" is invalid: …`: kubectl's whole message.
    Invalid(String),
    /// A Job that failed validation, with its causes (kubectl renders them as
    /// [`field::kubectl_invalid_message`], the Status message is
    /// [`field::api_invalid_message`]).
    InvalidJob {
        name: String,
        errors: Vec<super::field::FieldError>,
    },
    BadRequest(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound { resource, name } => {
                write!(
                    f,
                    "Error from server (NotFound): {resource} \"{name}\" not found"
                )
            }
            ApiError::AlreadyExists { resource, name } => {
                write!(
                    f,
                    "Error from server (AlreadyExists): {resource} \"{name}\" already exists"
                )
            }
            ApiError::Invalid(message) => f.write_str(message),
            ApiError::InvalidJob { name, errors } => {
                f.write_str(&super::field::kubectl_invalid_message("Job", name, errors))
            }
            ApiError::BadRequest(message) => write!(f, "Error from server (BadRequest): {message}"),
        }
    }
}

/// `propagationPolicy` of a delete.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagation {
    Background,
    Foreground,
    Orphan,
}

impl Cluster {
    /// Every Job the run has seen, including removed ones (`removed` is set on those).
    pub fn job_records(&self) -> &[JobRecord] {
        &self.jobs
    }

    pub fn job(&self, idx: JobIdx) -> &JobRecord {
        &self.jobs[idx]
    }

    /// The live Job with this namespace and name.
    pub fn find_job(&self, namespace: &str, name: &str) -> Option<JobIdx> {
        self.job_names
            .get(&(namespace.to_string(), name.to_string()))
            .copied()
    }

    /// Every pod the run has created, including removed ones.
    pub fn pods(&self) -> &crate::sim::arena::Arena<Pod> {
        &self.pods
    }

    pub fn pod(&self, id: PodId) -> &Pod {
        &self.pods[id.0 as usize]
    }

    /// The live pod with this namespace and name.
    pub fn find_pod(&self, namespace: &str, name: &str) -> Option<PodId> {
        self.pod_names.get(&self.pods, namespace, name)
    }

    pub fn nodes(&self) -> &[crate::objects::Node] {
        &self.nodes
    }

    /// Every event recorded, oldest first.
    pub fn events(&self) -> &crate::sim::arena::Arena<crate::objects::Event> {
        self.events.all()
    }

    pub(crate) fn pod_mut(&mut self, id: PodId) -> &mut Pod {
        &mut self.pods[id.0 as usize]
    }

    /// Creates a Job (the manifest is already decoded, defaulted and validated).
    pub fn create_job(&mut self, mut job: Job) -> Result<JobIdx, ApiError> {
        let namespace = job
            .metadata
            .namespace
            .clone()
            .unwrap_or_else(|| "default".to_string());
        let name = match (&job.metadata.name, &job.metadata.generate_name) {
            (Some(name), _) if !name.is_empty() => name.clone(),
            (_, Some(base)) if !base.is_empty() => {
                let key = format!("job/{namespace}/{base}/{}", self.next_serial);
                names::generate_name(base, self.seed, &key)
            }
            _ => {
                return Err(ApiError::Invalid(
                    "The Job \"\" is invalid: metadata.name: Required value: name or generateName is required".into(),
                ));
            }
        };
        if self.find_job(&namespace, &name).is_some() {
            return Err(ApiError::AlreadyExists {
                resource: "jobs.batch",
                name,
            });
        }
        let uid = names::uid(
            self.seed,
            &format!("job/{namespace}/{name}/{}", self.next_serial),
        );
        job.metadata.name = Some(name.clone());
        job.metadata.namespace = Some(namespace.clone());
        super::defaults::set_defaults_job(&mut job);
        super::strategy::prepare_job_for_create(&mut job, &uid);
        let errors = super::validate_job_create(&job);
        if !errors.is_empty() {
            return Err(ApiError::InvalidJob { name, errors });
        }
        // Defaulting runs again when the stored object is read: a Job without labels of its
        // own shows its template's (now with the generated ones). Validation saw it before.
        super::defaults::set_defaults_job(&mut job);
        let spec = job.spec.take().unwrap_or_default();
        let idx = self.jobs.len();
        let resource_version = self.serial();
        let meta = ObjectMeta {
            name: name.clone(),
            generate_name: job.metadata.generate_name.clone(),
            namespace: namespace.clone(),
            uid,
            resource_version,
            generation: 1,
            labels: Arc::new(job.metadata.labels.clone().unwrap_or_default()),
            annotations: Arc::new(job.metadata.annotations.clone().unwrap_or_default()),
            creation: self.now.truncated_to_secs(),
            ..ObjectMeta::default()
        };
        let pod_spec = Arc::new(pod_spec_for(&spec));
        let (pod_labels, pod_annotations) = pod_metadata_for(&spec);
        let pod_owner = Arc::new(OwnerReference {
            api_version: "batch/v1".to_string(),
            kind: "Job".to_string(),
            name: meta.name.clone(),
            uid: meta.uid.clone(),
        });
        self.jobs.push(JobRecord {
            meta,
            spec,
            status: JobStatus::default(),
            pods: Vec::new(),
            live_pods: Default::default(),
            removed: None,
            last_applied: None,
            pod_spec,
            pod_labels,
            pod_annotations,
            pod_owner,
        });
        self.job_names.insert((namespace, name), idx);
        crate::controller::job::enqueue_immediately(self, idx);
        Ok(idx)
    }

    /// Records the manifest `kubectl apply` sent (its last-applied-configuration).
    pub fn set_last_applied(&mut self, idx: JobIdx, manifest: String) {
        self.jobs[idx].last_applied = Some(manifest);
    }

    /// Replaces a live Job's spec, labels and annotations (what `apply`/`replace`/`patch`
    /// send); bumps `generation` when the spec changed.
    pub fn update_job(&mut self, idx: JobIdx, mut job: Job) -> Result<bool, ApiError> {
        super::defaults::set_defaults_job(&mut job);
        let record = &self.jobs[idx];
        let mut new_spec = job.spec.clone().unwrap_or_default();
        // The API server keeps the generated selector and template labels on update.
        if new_spec.selector.is_none() {
            new_spec.selector = record.spec.selector.clone();
        }
        super::job_defaults::keep_generated_labels(&mut new_spec, &record.spec);
        let never_started = record.is_suspended() && record.status.start_time.is_none();
        let causes =
            super::update::validate_job_spec_update(&record.spec, &new_spec, never_started);
        if !causes.is_empty() {
            let name = &record.meta.name;
            let message = match causes.as_slice() {
                [one] => format!("The Job \"{name}\" is invalid: {one}"),
                many => format!("The Job \"{name}\" is invalid: \n* {}", many.join("\n* ")),
            };
            return Err(ApiError::Invalid(message));
        }
        let spec_changed = new_spec != record.spec;
        let labels = job
            .metadata
            .labels
            .clone()
            .unwrap_or_else(|| (*record.meta.labels).clone());
        let annotations = job.metadata.annotations.clone().unwrap_or_default();
        let meta_changed = labels != *record.meta.labels || annotations != *record.meta.annotations;
        if !spec_changed && !meta_changed {
            return Ok(false);
        }
        let resource_version = self.serial();
        let record = &mut self.jobs[idx];
        record.meta.labels = Arc::new(labels);
        record.meta.annotations = Arc::new(annotations);
        record.meta.resource_version = resource_version;
        if spec_changed {
            record.meta.generation += 1;
            record.pod_spec = Arc::new(pod_spec_for(&new_spec));
            (record.pod_labels, record.pod_annotations) = pod_metadata_for(&new_spec);
            record.spec = new_spec;
            crate::controller::job::on_spec_changed(self, idx);
        }
        Ok(true)
    }

    /// Deletes a live Job with `propagation` (kubectl's default is Background).
    pub fn delete_job(&mut self, idx: JobIdx, propagation: Propagation) {
        let now = self.now;
        match propagation {
            Propagation::Foreground => {
                let record = &mut self.jobs[idx];
                if record.meta.deletion.is_none() {
                    record.meta.deletion = Some(now.truncated_to_secs());
                    record.meta.deletion_grace_seconds = Some(0);
                    // `markAsDeleting`: the first deletion bumps the generation.
                    record.meta.generation += 1;
                    record
                        .meta
                        .finalizers
                        .push("foregroundDeletion".to_string());
                }
                self.schedule(
                    now + crate::controller::garbage_collector::LATENCY,
                    Wake::GarbageCollect(idx),
                );
                crate::controller::job::enqueue_immediately(self, idx);
            }
            Propagation::Background => {
                self.remove_job(idx);
                self.schedule(
                    now + crate::controller::garbage_collector::LATENCY,
                    Wake::GarbageCollect(idx),
                );
            }
            Propagation::Orphan => {
                self.remove_job(idx);
                let pods: Vec<PodId> = self.jobs[idx].pods.clone();
                for id in pods {
                    let pod = self.pod_mut(id);
                    pod.meta.owner = None;
                    pod.owner_job = None;
                    let removed = pod.meta.remove_finalizer(JOB_TRACKING_FINALIZER);
                    if removed {
                        self.pod_written(id);
                        self.try_remove_pod(id);
                    }
                }
            }
        }
    }

    /// Takes a Job out of the API (its record stays for reports).
    pub(crate) fn remove_job(&mut self, idx: JobIdx) {
        let now = self.now;
        let record = &mut self.jobs[idx];
        if record.removed.is_some() {
            return;
        }
        record.removed = Some(now);
        if record.meta.deletion.is_none() {
            record.meta.deletion = Some(now.truncated_to_secs());
            record.meta.deletion_grace_seconds = Some(0);
        }
        let key = (record.meta.namespace.clone(), record.meta.name.clone());
        if self.job_names.get(&key) == Some(&idx) {
            self.job_names.remove(&key);
        }
        self.job_controller.forget(idx);
    }

    /// Deletes a pod gracefully (`grace` seconds, default the pod's
    /// terminationGracePeriodSeconds); `grace = Some(0)` with `force` removes it at once.
    pub fn delete_pod(&mut self, id: PodId, grace: Option<i64>, force: bool) {
        let now = self.now;
        let pod = self.pod(id);
        if pod.removed.is_some() {
            return;
        }
        let default_grace = pod.spec.termination_grace_period_seconds.unwrap_or(30);
        let grace = grace.unwrap_or(default_grace).max(0);
        let unscheduled = pod.node_name.is_none();
        let terminal = pod.status.phase.is_terminal();
        let pod = self.pod_mut(id);
        // `BeforeDelete`: deletionTimestamp = now + grace; a later delete with a shorter
        // grace period (here: a forced one) moves it earlier.
        if pod.meta.deletion.is_none() {
            let grace = if unscheduled || terminal { 0 } else { grace };
            let grace_ms = u64::try_from(grace).unwrap_or(0) * 1000;
            pod.meta.deletion = Some(SimTime::from_millis(
                now.truncated_to_secs().as_millis() + grace_ms,
            ));
            pod.meta.deletion_grace_seconds = Some(grace);
            // The first deletion bumps a generation that is set (`BeforeDelete`).
            if pod.meta.generation > 0 {
                pod.meta.generation += 1;
            }
        } else if force {
            pod.meta.deletion = Some(now.truncated_to_secs());
            pod.meta.deletion_grace_seconds = Some(0);
        }
        self.pod_written(id);
        if unscheduled || terminal || (force && grace == 0) {
            // Nothing to stop (or the user skipped waiting): the object goes as soon as its
            // finalizers do.
            if !unscheduled && !terminal {
                crate::kubelet::kill_now(self, id);
            }
            self.try_remove_pod(id);
        } else {
            crate::kubelet::pod_deleted(self, id);
        }
    }

    /// Removes a pod from the API once it is being deleted (or is an orphaned leftover),
    /// its kubelet is done with it and no finalizer holds it.
    pub(crate) fn try_remove_pod(&mut self, id: PodId) {
        let now = self.now;
        let pod = self.pod(id);
        if pod.removed.is_some() || pod.meta.deletion.is_none() || !pod.meta.finalizers.is_empty() {
            return;
        }
        if pod.node_name.is_some() && !pod.status.phase.is_terminal() {
            return;
        }
        if !pod.status.phase.is_terminal() {
            self.unsettled_pods -= 1;
        }
        let pod = &mut self.pods[id.0 as usize];
        pod.removed = Some(now);
        self.pod_names
            .remove(&pod.meta.namespace, &pod.meta.name, id);
        crate::kubelet::pod_removed(self, id);
        crate::scheduler::release(self, id);
        if let Some(j) = self.owner_job(id) {
            self.jobs[j].live_pods.remove(&id);
            crate::controller::job::enqueue_batched(self, j);
        }
    }

    /// Called after every write to a pod: bumps its resourceVersion and wakes its Job.
    pub(crate) fn pod_written(&mut self, id: PodId) {
        let rv = self.serial();
        self.pod_mut(id).meta.resource_version = rv;
        if let Some(j) = self.owner_job(id) {
            crate::controller::job::enqueue_batched(self, j);
        }
    }

    /// The live Job that controls this pod.
    pub(crate) fn owner_job(&self, id: PodId) -> Option<JobIdx> {
        let pod = self.pod(id);
        pod.meta.owner.as_ref()?;
        pod.owner_job.filter(|j| self.jobs[*j].removed.is_none())
    }

    /// `podControl.CreatePodsWithGenerateName`: creates one pod from Job `j`'s template.
    pub(crate) fn create_job_pod(
        &mut self,
        j: JobIdx,
        index: Option<i32>,
        extra_annotations: &[(String, String)],
    ) -> PodId {
        let now = self.now;
        let record = &self.jobs[j];
        let namespace = record.meta.namespace.clone();
        let mut labels = Arc::clone(&record.pod_labels);
        let mut annotations = Arc::clone(&record.pod_annotations);
        let generate_name = match index {
            Some(i) => {
                Arc::make_mut(&mut labels).insert(COMPLETION_INDEX_KEY.to_string(), i.to_string());
                Arc::make_mut(&mut annotations)
                    .insert(COMPLETION_INDEX_KEY.to_string(), i.to_string());
                crate::controller::job::pod_generate_name_with_index(&record.meta.name, i)
            }
            None => crate::controller::job::pods_prefix(&record.meta.name),
        };
        for (k, v) in extra_annotations {
            Arc::make_mut(&mut annotations).insert(k.clone(), v.clone());
        }
        let owner = Arc::clone(&record.pod_owner);
        let spec = Arc::clone(&record.pod_spec);
        let hostname = index.map(|i| format!("{}-{i}", record.meta.name));
        let job_uid = record.meta.uid.clone();
        let serial = self.serial();
        let mut name = names::generate_name(
            &generate_name,
            self.seed,
            &format!("pod/{job_uid}/{serial}"),
        );
        while self.find_pod(&namespace, &name).is_some() {
            let serial = self.serial();
            name = names::generate_name(
                &generate_name,
                self.seed,
                &format!("pod/{job_uid}/{serial}"),
            );
        }
        let uid = names::uid(self.seed, &format!("pod/{namespace}/{name}/{serial}"));
        let id = PodId(self.pods.len() as u32);
        let qos_class = qos_class(&spec);
        let pod = Pod {
            id,
            meta: ObjectMeta {
                name,
                generate_name: Some(generate_name),
                namespace,
                uid,
                resource_version: self.serial(),
                // Pods are created at generation 1 (`PrepareForCreate`, KEP-5067).
                generation: 1,
                labels,
                annotations,
                creation: now.truncated_to_secs(),
                deletion: None,
                deletion_grace_seconds: None,
                finalizers: vec![JOB_TRACKING_FINALIZER.to_string()],
                owner: Some(owner),
            },
            spec,
            hostname,
            completion_index: index,
            node_name: None,
            owner_job: Some(j),
            status: PodStatus {
                phase: PodPhase::Pending,
                conditions: Vec::new(),
                init_container_statuses: Vec::new(),
                container_statuses: Vec::new(),
                start_time: None,
                pod_ip: None,
                host_ip: None,
                reason: None,
                message: None,
                qos_class,
                ready: false,
            },
            removed: None,
        };
        self.pods.push(pod);
        self.unsettled_pods += 1;
        let meta = &self.pods[id.0 as usize].meta;
        self.pod_names.insert(&meta.namespace, &meta.name, id);
        let record = &mut self.jobs[j];
        record.pods.push(id);
        record.live_pods.insert(id);
        crate::scheduler::pod_added(self, id);
        crate::controller::job::enqueue_batched(self, j);
        id
    }
}

/// The template's labels and annotations, which every pod of this Job starts from.
fn pod_metadata_for(spec: &k8s_openapi::api::batch::v1::JobSpec) -> (SharedMap, SharedMap) {
    let meta = spec.template.metadata.as_ref();
    let labels = meta.and_then(|m| m.labels.clone()).unwrap_or_default();
    let annotations = meta.and_then(|m| m.annotations.clone()).unwrap_or_default();
    (Arc::new(labels), Arc::new(annotations))
}

/// The pod spec every pod of this Job gets: the template's, plus `JOB_COMPLETION_INDEX` for
/// Indexed Jobs (`addCompletionIndexEnvVariables`), read through the downward API.
fn pod_spec_for(spec: &k8s_openapi::api::batch::v1::JobSpec) -> PodSpec {
    let mut pod_spec = spec.template.spec.clone().unwrap_or_default();
    if spec.completion_mode.as_deref() == Some("Indexed") {
        let add = |c: &mut k8s_openapi::api::core::v1::Container| {
            let env = c.env.get_or_insert_with(Vec::new);
            if !env.iter().any(|e| e.name == "JOB_COMPLETION_INDEX") {
                env.push(k8s_openapi::api::core::v1::EnvVar {
                    name: "JOB_COMPLETION_INDEX".to_string(),
                    value: None,
                    value_from: Some(k8s_openapi::api::core::v1::EnvVarSource {
                        field_ref: Some(k8s_openapi::api::core::v1::ObjectFieldSelector {
                            api_version: Some("v1".to_string()),
                            field_path: format!("metadata.labels['{COMPLETION_INDEX_KEY}']"),
                        }),
                        ..Default::default()
                    }),
                });
            }
        };
        pod_spec.containers.iter_mut().for_each(add);
        if let Some(init) = pod_spec.init_containers.as_mut() {
            init.iter_mut().for_each(add);
        }
    }
    pod_spec
}

/// The pod's QoS class from its containers' requests and limits.
fn qos_class(spec: &PodSpec) -> &'static str {
    let containers = spec
        .containers
        .iter()
        .chain(spec.init_containers.iter().flatten());
    let mut any = false;
    let mut guaranteed = true;
    for c in containers {
        let resources = c.resources.clone().unwrap_or_default();
        let requests = resources.requests.unwrap_or_default();
        let limits = resources.limits.unwrap_or_default();
        if !requests.is_empty() || !limits.is_empty() {
            any = true;
        }
        for resource in ["cpu", "memory"] {
            let limit = limits.get(resource).map(|q| q.0.as_str());
            let request = requests.get(resource).map(|q| q.0.as_str()).or(limit);
            if limit.is_none() || request != limit {
                guaranteed = false;
            }
        }
    }
    match (any, guaranteed) {
        (false, _) => "BestEffort",
        (true, true) => "Guaranteed",
        (true, false) => "Burstable",
    }
}
