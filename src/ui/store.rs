//! The playground's engine as a Yew reducer. The engine lives in one `RefCell` (it holds the
//! whole simulated cluster, which must not be cloned per action); each action mutates it in
//! place through [`Engine::reduce`], the returned effects run here, and the component
//! re-renders only when the state's revision moved. Until the engine has arrived (see
//! [`super::engine`]) the page shows the saved file and queues what the user does.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::engine::Engine;
use super::{dom, storage};
use crate::playground::boot::Address;
use crate::playground::editor::Editor;
use crate::playground::teach::TeachAction;
use crate::playground::{self, Action, Effect};

/// How long "Copied to the clipboard" stays (milliseconds).
const COPIED_NOTICE_MS: u32 = 4_000;

/// The dispatcher effects report back through (set by the App once it exists).
pub type Reporter = Rc<RefCell<Option<Callback<Action>>>>;

/// A message to the reducer: a playground action, or the engine arriving.
pub enum Msg {
    Play(Action),
    Ready(Shared),
    /// The simulator's module did not load: the page stays as it is (the editor keeps
    /// working and saving) and says so.
    Failed,
}

/// The engine, shared by every `Store` value (it holds the whole simulated cluster, which
/// must not be cloned per action).
pub type Shared = Rc<RefCell<Box<dyn Engine>>>;

/// The reducer's value: the engine (or the page before it), and the revision last rendered.
pub struct Store {
    engine: Option<Shared>,
    booting: Rc<RefCell<playground::boot::Boot>>,
    revision: u64,
    reporter: Reporter,
}

impl Store {
    /// The page before the engine: the file saved by an earlier visit (or the default
    /// example) in the editor.
    pub fn booting() -> Store {
        Store {
            engine: None,
            booting: Rc::new(RefCell::new(playground::boot::Boot::new(&Store::address()))),
            revision: 0,
            reporter: Rc::default(),
        }
    }

    /// What the page's address and storage hold (the engine opens the page from it).
    pub fn address() -> Address {
        Address {
            saved: storage::load_editor(),
            fragment: dom::fragment(),
            query: dom::query(),
        }
    }

    /// Where effects report (the App sets its dispatcher here).
    pub fn reporter(&self) -> Reporter {
        Rc::clone(&self.reporter)
    }

    /// The engine, once it has arrived.
    pub fn engine(&self) -> Option<&Shared> {
        self.engine.as_ref()
    }

    /// The editor shown while the engine is on its way.
    pub fn boot_editor(&self) -> Rc<Editor> {
        Rc::clone(&self.booting.borrow().editor)
    }

    /// Whether the engine failed to load.
    pub fn boot_failed(&self) -> bool {
        self.booting.borrow().failed
    }
}

impl Store {
    /// The same booting page, to be rendered again.
    fn booting_again(&self) -> Rc<Store> {
        Rc::new(Store {
            engine: None,
            booting: Rc::clone(&self.booting),
            revision: self.revision + 1,
            reporter: Rc::clone(&self.reporter),
        })
    }
}

impl Reducible for Store {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let (engine, actions) = match (msg, &self.engine) {
            (Msg::Ready(engine), None) => {
                let queued = self.booting.borrow_mut().take_queued();
                (engine, queued)
            }
            (Msg::Ready(_) | Msg::Failed, Some(_)) => return self,
            (Msg::Failed, None) => {
                self.booting.borrow_mut().failed = true;
                return self.booting_again();
            }
            (Msg::Play(action), Some(engine)) => (Rc::clone(engine), vec![action]),
            (Msg::Play(action), None) => {
                let effects = self.booting.borrow_mut().play(action);
                run_effects(effects, &self.reporter);
                return self.booting_again();
            }
        };
        let mut effects = Vec::new();
        let revision = {
            let mut engine = engine.borrow_mut();
            for action in actions {
                effects.extend(engine.reduce(action));
            }
            engine.state().revision
        };
        run_effects(effects, &self.reporter);
        if self.engine.is_some() && revision == self.revision {
            return self;
        }
        Rc::new(Store {
            engine: Some(engine),
            booting: Rc::clone(&self.booting),
            revision,
            reporter: Rc::clone(&self.reporter),
        })
    }
}

/// Performs what the reducer asked for.
fn run_effects(effects: Vec<Effect>, reporter: &Reporter) {
    for effect in effects {
        match effect {
            Effect::SaveEditor { file_name, text } => storage::save_editor(&file_name, &text),
            Effect::CopyLink { fragment } => {
                let reporter = Rc::clone(reporter);
                dom::copy_to_clipboard(&dom::link_with_fragment(&fragment), move |copied| {
                    report(&reporter, Action::Teach(TeachAction::ShareCopied(copied)));
                    if copied {
                        gloo_timers::callback::Timeout::new(COPIED_NOTICE_MS, move || {
                            report(&reporter, Action::Teach(TeachAction::ShareNoticeDone));
                        })
                        .forget();
                    }
                });
            }
        }
    }
}

fn report(reporter: &Reporter, action: Action) {
    let callback = reporter.borrow().clone();
    if let Some(callback) = callback {
        callback.emit(action);
    }
}

/// The dispatcher every component reaches through context.
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub Callback<Action>);

impl Dispatch {
    /// A callback that dispatches `make(event)`.
    pub fn with<E: 'static>(&self, make: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let dispatch = self.0.clone();
        Callback::from(move |event: E| dispatch.emit(make(event)))
    }

    /// A callback that dispatches a fixed action, whatever the event.
    pub fn on<E: 'static>(&self, action: Action) -> Callback<E> {
        self.with(move |_| action.clone())
    }
}

/// The dispatcher from context (the App provides it).
#[hook]
pub fn use_dispatch() -> Dispatch {
    use_context::<Dispatch>().expect("components are rendered inside the App's provider")
}
