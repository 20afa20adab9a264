//! The discrete-event engine: a simulated clock, a seeded RNG and a queue of wake-ups that
//! drives the API server store, the controllers, the scheduler and the kubelets. No I/O, no
//! wall clock, no global randomness: the same inputs give the same history.

pub mod clock;
pub mod queue;
pub mod rng;
