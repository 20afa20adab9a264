//! The `pods/status` subresource as clients write it (`kubectl patch pod NAME
//! --subresource=status`): conditions merge by `type`, the strategic merge patch's
//! `patchMergeKey` for `PodStatus.conditions`, so a client can add its own (the kubernetes.io
//! pod failure policy example sets `ConfigIssue` for `onPodConditions` to match).

use serde_json::Value;

use crate::objects::{PodId, intern::intern};
use crate::sim::Cluster;

impl Cluster {
    /// Merges the `conditions` of a status patch into pod `id`'s. Returns the API server's
    /// error for a condition without a type.
    pub fn patch_pod_conditions(&mut self, id: PodId, conditions: &[Value]) -> Result<(), String> {
        let epoch = self.epoch();
        let now = self.now;
        for patch in conditions {
            let Some(type_) = patch.get("type").and_then(Value::as_str) else {
                return Err("status.conditions: Required value: type".to_string());
            };
            let text = |key: &str| patch.get(key).and_then(Value::as_str);
            let status = text("status") == Some("True");
            let reason = text("reason").map(intern);
            let message = text("message").map(|m| m.to_string().into_boxed_str());
            let transition = text("lastTransitionTime")
                .and_then(|t| t.parse::<jiff::Timestamp>().ok())
                .map(|t| epoch.sim_time(t))
                .unwrap_or(now);
            let pod = self.pod_mut(id);
            pod.set_condition(intern(type_), status, reason, transition);
            if let Some(c) = pod.status.conditions.iter_mut().find(|c| c.type_ == type_) {
                if message.is_some() {
                    c.message = message;
                }
                c.last_transition = transition.truncated_to_secs();
            }
        }
        self.pod_written(id);
        Ok(())
    }
}
