//! Kubernetes Events as the components record them: `record` appends a new event, or, when
//! the same source reports the same thing about the same object again, bumps its count and
//! last timestamp as client-go's event correlator does (`x3 over 2m` in kubectl).

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::objects::event::ContainerRef;
use crate::objects::event::{Message, Source};
use crate::objects::{Event, EventType, Involved};
use crate::sim::arena::Arena;
use crate::sim::clock::SimTime;

/// The cluster's events, oldest first.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    events: Arena<Event>,
    /// Hash of (object, container, type, reason, message, source) → the event carrying it.
    /// Looked up and pruned, never iterated in an order that matters.
    by_key: FxHashMap<u64, usize>,
}

/// What a component reports.
pub struct Report {
    pub involved: Involved,
    pub container: Option<ContainerRef>,
    pub type_: EventType,
    pub reason: Cow<'static, str>,
    pub message: Message,
    pub source: Source,
    pub host: Option<u32>,
}

/// `maxLruCacheEntries` of client-go's event correlator.
const CORRELATOR_CACHE: usize = 4096;

fn key_hash(report: &Report) -> u64 {
    // FxHash: unseeded, so deterministic across runs and targets.
    let mut hasher = FxHasher::default();
    (
        report.involved,
        report.container,
        report.type_,
        report.source,
    )
        .hash(&mut hasher);
    report.reason.hash(&mut hasher);
    report.message.hash(&mut hasher);
    hasher.finish()
}

impl EventLog {
    /// Records `report` at `now`; identical repeats are counted on the existing event.
    pub fn record(&mut self, now: SimTime, report: Report) {
        let now_s = now.truncated_to_secs();
        let key = key_hash(&report);
        if let Some(existing) = self.by_key.get(&key).and_then(|i| self.events.get_mut(*i))
            && existing.involved == report.involved
            && existing.container == report.container
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
        let serial = u32::try_from(self.events.len()).unwrap_or(u32::MAX);
        self.events.push(Event {
            involved: report.involved,
            container: report.container,
            type_: report.type_,
            reason: report.reason,
            message: report.message,
            source: report.source,
            host: report.host,
            first: now_s,
            last: now_s,
            count: 1,
            serial,
        });
    }

    /// Every event, oldest first.
    pub fn all(&self) -> &Arena<Event> {
        &self.events
    }

    /// The events about one object, oldest first.
    pub fn about(&self, involved: Involved) -> impl Iterator<Item = &Event> + '_ {
        self.events.iter().filter(move |e| e.involved == involved)
    }

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
    use crate::objects::PodId;

    fn report(message: &str) -> Report {
        Report {
            involved: Involved::Pod(PodId(0)),
            container: None,
            type_: EventType::Warning,
            reason: Cow::Borrowed("BackOff"),
            message: message.into(),
            source: Source::Kubelet,
            host: None,
        }
    }

    #[test]
    fn repeats_are_counted_on_one_event() {
        let mut log = EventLog::default();
        log.record(SimTime::from_secs(1), report("same"));
        log.record(SimTime::from_secs(9), report("same"));
        log.record(SimTime::from_secs(10), report("other"));
        assert_eq!(log.len(), 2);
        let first = &log.all()[0];
        assert_eq!(
            (first.count, first.first, first.last),
            (2, SimTime::from_secs(1), SimTime::from_secs(9))
        );
    }
}
