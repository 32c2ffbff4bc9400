//! Progress of long computations, reported to an observer the caller supplies.
//!
//! The library never draws anything: the options of every long computation
//! (the critical-point solver, the equations, the vanishing ideal) take an
//! optional [`ProgressObserver`], and the computation calls it with an
//! [`Update`] as it goes. A command-line tool turns the updates into progress
//! bars; a notebook might log them. Observers are called from worker threads,
//! so they must be `Send + Sync` and cheap.
//!
//! ```
//! use neurovariety::progress::{ProgressObserver, Stage, Update};
//! use std::sync::atomic::{AtomicUsize, Ordering};
//! use std::sync::Arc;
//!
//! let calls = Arc::new(AtomicUsize::new(0));
//! let seen = Arc::clone(&calls);
//! let observer = ProgressObserver::new(move |u: &Update| {
//!     if let Update::Blocks { done, total, .. } = u {
//!         assert!(done <= total);
//!     }
//!     seen.fetch_add(1, Ordering::Relaxed);
//! });
//! observer.report(&Update::Blocks { stage: Stage::VanishingIdeal, done: 1, total: 4 });
//! assert_eq!(calls.load(Ordering::Relaxed), 1);
//! ```

use std::fmt;
use std::sync::Arc;

/// Which computation an [`Update`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// The set-theoretic equations of the neurovariety.
    Equations,
    /// The vanishing ideal (graded interpolation, certificate).
    VanishingIdeal,
    /// Solving for the critical points (monodromy or parameter homotopy).
    CriticalPoints,
    /// Certifying solutions (Krawczyk).
    Certification,
}

impl Stage {
    /// A short lower-case name, e.g. `"vanishing ideal"`.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Equations => "equations",
            Stage::VanishingIdeal => "vanishing ideal",
            Stage::CriticalPoints => "critical points",
            Stage::Certification => "certification",
        }
    }
}

/// One progress report.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Update {
    /// `done` of `total` independent blocks (graded pieces, degrees) finished.
    Blocks {
        /// The computation.
        stage: Stage,
        /// Blocks finished.
        done: u64,
        /// Blocks in all.
        total: u64,
    },
    /// The solver's state: distinct solutions found of those expected, paths
    /// tracked so far and solutions certified so far.
    Solutions {
        /// The computation ([`Stage::CriticalPoints`] or [`Stage::Certification`]).
        stage: Stage,
        /// Distinct solutions known.
        found: u64,
        /// Solutions expected (the exact count).
        expected: u64,
        /// Paths tracked so far.
        paths: u64,
        /// Solutions certified so far.
        certified: u64,
    },
    /// A computation moved to a new phase, described in words (e.g. "degree 4").
    Phase {
        /// The computation.
        stage: Stage,
        /// What it is doing now.
        message: String,
    },
}

/// Something that receives [`Update`]s (any `Fn(&Update) + Send + Sync` is one).
pub trait Progress: Send + Sync {
    /// Called with each update, possibly from several threads at once.
    fn update(&self, update: &Update);
}

impl<F: Fn(&Update) + Send + Sync> Progress for F {
    fn update(&self, update: &Update) {
        self(update)
    }
}

/// An optional, shareable observer, as held by options structs: cloning it
/// shares the observer; the default observes nothing.
#[derive(Clone, Default)]
pub struct ProgressObserver(Option<Arc<dyn Progress>>);

impl ProgressObserver {
    /// Wraps an observer.
    pub fn new(observer: impl Progress + 'static) -> Self {
        ProgressObserver(Some(Arc::new(observer)))
    }

    /// The observer that ignores every update.
    pub fn none() -> Self {
        ProgressObserver(None)
    }

    /// `true` when an observer is attached.
    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }

    /// Passes `update` to the observer, if any.
    pub fn report(&self, update: &Update) {
        if let Some(o) = &self.0 {
            o.update(update);
        }
    }
}

impl fmt::Debug for ProgressObserver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "ProgressObserver(attached)"
        } else {
            "ProgressObserver(none)"
        })
    }
}

/// Two handles are equal when both are empty or both share one observer.
impl PartialEq for ProgressObserver {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for ProgressObserver {}
