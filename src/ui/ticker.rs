//! Animation frames as [`Action::Tick`]s: while the playground needs them (playing, or a
//! jump in progress) each `requestAnimationFrame` dispatches one tick with the frame's
//! timestamp. The core decides how much simulated work a frame gets.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::Callback;

use crate::playground::Action;

/// The frame callback, kept alive while the ticker lives.
type FrameClosure = Closure<dyn FnMut(f64)>;

struct Shared {
    active: Cell<bool>,
    scheduled: Cell<bool>,
    /// The pending `requestAnimationFrame` id (cancelled on drop).
    handle: Cell<i32>,
    frame: RefCell<Option<FrameClosure>>,
    dispatch: Callback<Action>,
    /// `?profile` in the page's URL: each tick's work is recorded as a `performance`
    /// measure named `jobsim-tick` (the performance test reads them).
    profile: bool,
}

/// Sends ticks while active; stops requesting frames when switched off or dropped.
pub struct Ticker {
    shared: Rc<Shared>,
}

impl Ticker {
    pub fn new(dispatch: Callback<Action>) -> Ticker {
        let shared = Rc::new(Shared {
            active: Cell::new(false),
            scheduled: Cell::new(false),
            handle: Cell::new(0),
            frame: RefCell::new(None),
            dispatch,
            profile: super::dom::profiling(),
        });
        let weak: Weak<Shared> = Rc::downgrade(&shared);
        let closure = FrameClosure::new(move |timestamp: f64| {
            let Some(shared) = weak.upgrade() else { return };
            shared.scheduled.set(false);
            if !shared.active.get() {
                return;
            }
            if shared.profile {
                super::dom::mark("jobsim-tick-start");
            }
            shared.dispatch.emit(Action::Tick { wall_ms: timestamp });
            if shared.profile {
                // Yew renders in a microtask queued by the dispatch: measure after it.
                super::dom::after_microtasks(|| {
                    super::dom::measure("jobsim-tick", "jobsim-tick-start")
                });
            }
            if shared.active.get() {
                request(&shared);
            }
        });
        *shared.frame.borrow_mut() = Some(closure);
        Ticker { shared }
    }

    /// Starts or stops the frames.
    pub fn set_active(&self, active: bool) {
        self.shared.active.set(active);
        if active {
            request(&self.shared);
        }
    }
}

fn request(shared: &Shared) {
    if shared.scheduled.get() {
        return;
    }
    let (Some(window), Ok(frame)) = (web_sys::window(), shared.frame.try_borrow()) else {
        return;
    };
    if let Some(closure) = frame.as_ref()
        && let Ok(handle) = window.request_animation_frame(closure.as_ref().unchecked_ref())
    {
        shared.handle.set(handle);
        shared.scheduled.set(true);
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.shared.active.set(false);
        if self.shared.scheduled.get()
            && let Some(window) = web_sys::window()
        {
            let _ = window.cancel_animation_frame(self.shared.handle.get());
        }
    }
}
