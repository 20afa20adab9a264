//! Kubernetes Events as the components record them, through client-go's event correlator
//! (`tools/record/events_cache.go`) as the job controller and the kubelet use it:
//! - the logger: the same source reporting the same thing about the same object again bumps
//!   the event's count and last timestamp (`x3 over 2m` in kubectl);
//! - the aggregator: once ten different messages came for one object and reason within ten
//!   minutes, the rest go to one `(combined from similar events): …` event, counted;
//! - the spam filter: 25 events per source and object, then one more every five minutes
//!   (what it drops is still counted, and shows in the next count that gets through).
//!
//! The scheduler writes `events.k8s.io` events, which have none of this.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::objects::event::ContainerRef;
use crate::objects::event::{Message, Source};
use crate::objects::{Event, EventType, Involved};
use crate::sim::arena::Arena;
use crate::sim::clock::{SimDuration, SimTime};

/// The cluster's events, oldest first.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    events: Arena<Event>,
    /// The logger's cache: hash of (object, container, type, reason, message, source) → the
    /// event carrying it and the count observed (dropped repeats included). Looked up and
    /// pruned, never iterated in an order that matters.
    by_key: FxHashMap<u64, Observed>,
    /// The aggregator's cache: hash of (object, type, reason, source) → its recent messages.
    aggregates: FxHashMap<u64, Aggregate>,
    /// The spam filter's token buckets: hash of (object, source).
    buckets: FxHashMap<u64, Bucket>,
    /// Counts `record` calls: each cache entry keeps the count of its last use, so the
    /// caches' LRU pruning has a strict order (times tie within a second).
    uses: u64,
}

/// What the logger remembers of one event.
#[derive(Clone, Copy, Debug)]
struct Observed {
    /// The stored event, once one got through the spam filter.
    event: Option<usize>,
    count: i32,
    first: SimTime,
    used: u64,
}

/// `aggregateRecord`: the distinct messages (hashed) seen for one aggregate key, oldest
/// first (never more than `AGGREGATE_MAX_EVENTS - 1` between reports).
#[derive(Clone, Debug, Default)]
struct Aggregate {
    messages: [u64; AGGREGATE_MAX_EVENTS],
    len: u8,
    last: SimTime,
    used: u64,
}

/// A token bucket of `EventSourceObjectSpamFilter`.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    /// Tokens, in thousandths (exact arithmetic: one token every 300 s is one per 300 ms).
    milli_tokens: u64,
    at: SimTime,
    used: u64,
}

/// `defaultAggregateMaxEvents`: distinct messages before aggregation.
const AGGREGATE_MAX_EVENTS: usize = 10;
/// `defaultAggregateIntervalInSeconds`.
const AGGREGATE_INTERVAL_SECS: u64 = 600;
/// `defaultSpamBurst`.
const SPAM_BURST: u64 = 25;
/// `defaultSpamQPS` is 1/300: one token every 300 s.
const SPAM_REFILL_SECS: u64 = 300;

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

/// Keeps a cache near client-go's LRU size: past twice the size, exactly the
/// `CORRELATOR_CACHE` most recently used entries stay (each use has its own count, so the
/// result does not depend on the map's order).
fn prune<V>(cache: &mut FxHashMap<u64, V>, used: impl Fn(&V) -> u64) {
    if cache.len() < 2 * CORRELATOR_CACHE {
        return;
    }
    let mut uses: Vec<u64> = cache.values().map(&used).collect();
    let nth = uses.len() - CORRELATOR_CACHE;
    let (_, cutoff, _) = uses.select_nth_unstable(nth);
    let cutoff = *cutoff;
    cache.retain(|_, v| used(v) >= cutoff);
}

/// The logger's key: everything about the report, its message by `message` (its hash).
fn key_hash(report: &Report, message: u64) -> u64 {
    hash_of((
        report.involved,
        report.container,
        report.type_,
        report.source,
        &report.reason,
        message,
    ))
}

fn hash_of(value: impl Hash) -> u64 {
    // FxHash: unseeded, so deterministic across runs and targets.
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// `EventAggregatorByReasonFunc`'s key: the message and the container's field path left out.
fn aggregate_hash(report: &Report) -> u64 {
    hash_of((
        report.involved,
        report.type_,
        report.source,
        report.host,
        &report.reason,
    ))
}

/// `getSpamKey`: the source and the object.
fn spam_hash(report: &Report) -> u64 {
    hash_of((report.involved, report.source, report.host))
}

impl EventLog {
    /// Records `report` at `now` through the correlator (see the module's doc).
    pub fn record(&mut self, now: SimTime, mut report: Report) {
        let now_s = now.truncated_to_secs();
        self.uses += 1;
        let correlated = report.source != Source::DefaultScheduler;
        let message = hash_of(&report.message);
        let mut key = key_hash(&report, message);
        let mut combined = false;
        if correlated && self.aggregated(now_s, &report, message) {
            report.message = Message::Combined(Box::new(report.message));
            // The aggregate key stands for every later combined event: one event, counted.
            key = hash_of(("combined", aggregate_hash(&report)));
            combined = true;
        }
        let previous = self.by_key.get(&key).copied().filter(|o| {
            o.event.is_none_or(|i| {
                self.events.get(i).is_some_and(|e| {
                    e.involved == report.involved
                        && e.type_ == report.type_
                        && e.reason == report.reason
                        && e.source == report.source
                        && match (&e.message, combined) {
                            (Message::Combined(_), true) => true,
                            (stored, false) => *stored == report.message,
                            _ => false,
                        }
                })
            })
        });
        let observed = match previous {
            Some(o) => Observed {
                count: o.count + 1,
                used: self.uses,
                ..o
            },
            None => Observed {
                event: None,
                count: 1,
                first: now_s,
                used: self.uses,
            },
        };
        let accepted = !correlated || self.spam_filter_accepts(now_s, &report);
        let observed = if !accepted {
            observed
        } else if let Some(existing) = observed.event.and_then(|i| self.events.get_mut(i)) {
            existing.count = observed.count;
            existing.last = now_s;
            existing.message = report.message;
            observed
        } else {
            let index = self.events.len();
            let serial = u32::try_from(index).unwrap_or(u32::MAX);
            self.events.push(Event {
                involved: report.involved,
                container: report.container,
                type_: report.type_,
                reason: report.reason,
                message: report.message,
                source: report.source,
                host: report.host,
                first: observed.first,
                last: now_s,
                count: observed.count,
                serial,
            });
            Observed {
                event: Some(index),
                ..observed
            }
        };
        // client-go's caches are LRUs of 4096 entries.
        prune(&mut self.by_key, |o| o.used);
        self.by_key.insert(key, observed);
    }

    /// `EventAggregate`: whether this report (its message hashed) goes to its key's
    /// combined event.
    fn aggregated(&mut self, now: SimTime, report: &Report, message: u64) -> bool {
        let key = aggregate_hash(report);
        prune(&mut self.aggregates, |a| a.used);
        let record = self.aggregates.entry(key).or_default();
        if now.since(record.last).as_secs() > AGGREGATE_INTERVAL_SECS {
            record.len = 0;
        }
        record.last = now;
        record.used = self.uses;
        let len = usize::from(record.len);
        if !record.messages[..len].contains(&message) {
            record.messages[len] = message;
            record.len += 1;
        }
        if usize::from(record.len) < AGGREGATE_MAX_EVENTS {
            return false;
        }
        // "do not grow our local key set any larger than max" (`PopAny`; here the oldest).
        record.messages.copy_within(1.., 0);
        record.len -= 1;
        true
    }

    /// `EventSourceObjectSpamFilter`: a token bucket per source and object.
    fn spam_filter_accepts(&mut self, now: SimTime, report: &Report) -> bool {
        prune(&mut self.buckets, |b| b.used);
        let full = SPAM_BURST * 1000;
        let bucket = self.buckets.entry(spam_hash(report)).or_insert(Bucket {
            milli_tokens: full,
            at: now,
            used: 0,
        });
        bucket.used = self.uses;
        // One thousandth of a token per 300 ms; the remainder waits for the next call.
        let refill = now.since(bucket.at).as_millis() / SPAM_REFILL_SECS;
        bucket.milli_tokens += refill;
        bucket.at = bucket.at + SimDuration::from_millis(refill * SPAM_REFILL_SECS);
        if bucket.milli_tokens >= full {
            bucket.milli_tokens = full;
            bucket.at = now;
        }
        if bucket.milli_tokens < 1000 {
            return false;
        }
        bucket.milli_tokens -= 1000;
        true
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

    fn created(pod: u32) -> Report {
        Report {
            involved: Involved::Job(0),
            container: None,
            type_: EventType::Normal,
            reason: Cow::Borrowed("SuccessfulCreate"),
            message: Message::CreatedPod(PodId(pod)),
            source: Source::JobController,
            host: None,
        }
    }

    /// (message, count) of every stored event.
    fn summary(log: &EventLog) -> Vec<(String, i32)> {
        log.all()
            .iter()
            .map(|e| {
                let message = match &e.message {
                    Message::CreatedPod(p) => format!("created {}", p.0),
                    Message::Combined(inner) => match &**inner {
                        Message::CreatedPod(p) => format!("combined: created {}", p.0),
                        other => format!("combined: {other:?}"),
                    },
                    Message::Text(t) => t.to_string(),
                    other => format!("{other:?}"),
                };
                (message, e.count)
            })
            .collect()
    }

    /// `EventAggregate`: the tenth different message for one object and reason within ten
    /// minutes starts one combined event; the later ones count on it and replace its message.
    #[test]
    fn the_tenth_different_message_is_combined() {
        let mut log = EventLog::default();
        for pod in 0..12 {
            log.record(SimTime::from_secs(u64::from(pod)), created(pod));
        }
        let mut expected: Vec<(String, i32)> =
            (0..9).map(|p| (format!("created {p}"), 1)).collect();
        expected.push(("combined: created 11".into(), 3));
        assert_eq!(summary(&log), expected);
        let combined = &log.all()[9];
        assert_eq!(
            (combined.first, combined.last),
            (SimTime::from_secs(9), SimTime::from_secs(11))
        );
        // Ten quiet minutes reset the aggregate; the combined event keeps counting.
        for pod in 20..30 {
            log.record(SimTime::from_secs(700 + u64::from(pod)), created(pod));
        }
        let tail: Vec<(String, i32)> = summary(&log).split_off(9);
        let mut expected: Vec<(String, i32)> = vec![("combined: created 29".into(), 4)];
        expected.extend((20..29).map(|p| (format!("created {p}"), 1)));
        assert_eq!(tail, expected);
    }

    /// `EventSourceObjectSpamFilter`: 25 writes per source and object, then one every 300 s;
    /// the dropped repeats are still counted by the logger and show in the next write.
    #[test]
    fn the_spam_filter_lets_25_through_then_one_every_five_minutes() {
        let mut log = EventLog::default();
        for _ in 0..30 {
            log.record(SimTime::from_secs(1), report("same"));
        }
        assert_eq!(summary(&log), [("same".to_string(), 25)]);
        log.record(SimTime::from_secs(200), report("same"));
        assert_eq!(log.all()[0].count, 25, "no token yet");
        log.record(SimTime::from_secs(301), report("same"));
        assert_eq!(
            log.all()[0].count,
            32,
            "one token after 300 s, carrying the dropped ones"
        );
        // Another object has its own bucket; the scheduler's events are not filtered.
        let mut other = report("same");
        other.involved = Involved::Pod(PodId(1));
        log.record(SimTime::from_secs(301), other);
        assert_eq!(log.len(), 2);
        for _ in 0..40 {
            let mut scheduled = report("Successfully assigned");
            scheduled.source = Source::DefaultScheduler;
            log.record(SimTime::from_secs(302), scheduled);
        }
        assert_eq!(log.all()[2].count, 40);
    }

    /// `--event-ttl`: an event is gone an hour after its last update.
    #[test]
    fn events_expire_an_hour_after_their_last_update() {
        let mut log = EventLog::default();
        log.record(SimTime::from_secs(10), report("same"));
        log.record(SimTime::from_secs(70), report("same"));
        let event = &log.all()[0];
        assert!(!event.expired(SimTime::from_secs(3669)));
        assert!(event.expired(SimTime::from_secs(3670)));
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
