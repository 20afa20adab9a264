//! Kubernetes Events as the components record them: `record` appends a new event, or, when
//! the same source reports the same thing about the same object again, bumps its count and
//! last timestamp as client-go's event correlator does (`x3 over 2m` in kubectl).

use std::collections::BTreeMap;

use crate::objects::{Event, EventType, ObjectRef};
use crate::sim::clock::{Epoch, SimTime};

/// The cluster's events, oldest first.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    events: Vec<Event>,
    /// Hash of (object, type, reason, message, source) → the event carrying it.
    by_key: BTreeMap<u64, usize>,
}

/// `maxLruCacheEntries` of client-go's event correlator.
const CORRELATOR_CACHE: usize = 4096;

fn key_hash(report: &Report<'_>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let parts = [
        report.involved.uid.as_str(),
        report.involved.field_path.as_deref().unwrap_or(""),
        report.type_.as_str(),
        report.reason,
        report.message.as_str(),
        report.source,
    ];
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// What a component reports.
pub struct Report<'a> {
    pub involved: ObjectRef,
    pub type_: EventType,
    pub reason: &'a str,
    pub message: String,
    pub source: &'static str,
    pub host: Option<&'a str>,
}

impl EventLog {
    /// Records `report` at `now`; identical repeats are counted on the existing event.
    pub fn record(&mut self, now: SimTime, epoch: Epoch, report: Report<'_>) {
        let now_s = now.truncated_to_secs();
        let key = key_hash(&report);
        if let Some(existing) = self.by_key.get(&key).and_then(|i| self.events.get_mut(*i))
            && existing.involved == report.involved
            && existing.type_ == report.type_
            && existing.reason == report.reason
            && existing.message == report.message
            && existing.source == report.source
        {
            existing.count += 1;
            existing.last = now_s;
            return;
        }
        // client-go's correlator remembers the last 4096 distinct events (an LRU cache).
        if self.by_key.len() >= 2 * CORRELATOR_CACHE {
            let oldest_kept = self.events.len().saturating_sub(CORRELATOR_CACHE);
            self.by_key.retain(|_, i| *i >= oldest_kept);
        }
        self.by_key.insert(key, self.events.len());
        let nanos = epoch.timestamp(now).as_nanosecond() + self.events.len() as i128;
        self.events.push(Event {
            name: format!("{}.{:x}", report.involved.name, nanos),
            involved: report.involved,
            type_: report.type_,
            reason: report.reason.to_string(),
            message: report.message,
            source: report.source,
            host: report.host.map(str::to_string),
            first: now_s,
            last: now_s,
            count: 1,
        });
    }

    /// Every event, oldest first.
    pub fn all(&self) -> &[Event] {
        &self.events
    }

    /// The events about the object with `uid`, oldest first.
    pub fn for_object<'a>(&'a self, uid: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.iter().filter(move |e| e.involved.uid == uid)
    }

    /// Drops the events of a deleted object (the API server garbage-collects them by TTL;
    /// jobsim keeps them, so this is only used to bound memory in huge runs).
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(message: &str) -> Report<'static> {
        Report {
            involved: ObjectRef {
                kind: "Pod",
                api_version: "v1",
                namespace: "default".into(),
                name: "p".into(),
                uid: "u".into(),
                field_path: None,
            },
            type_: EventType::Warning,
            reason: "BackOff",
            message: message.to_string(),
            source: "kubelet",
            host: None,
        }
    }

    #[test]
    fn repeats_are_counted_on_one_event() {
        let mut log = EventLog::default();
        let epoch = Epoch::default();
        log.record(SimTime::from_secs(1), epoch, report("same"));
        log.record(SimTime::from_secs(9), epoch, report("same"));
        log.record(SimTime::from_secs(10), epoch, report("other"));
        assert_eq!(log.len(), 2);
        let first = &log.all()[0];
        assert_eq!(
            (first.count, first.first, first.last),
            (2, SimTime::from_secs(1), SimTime::from_secs(9))
        );
    }
}
