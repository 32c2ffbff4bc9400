//! Settings of the critical-point solver, and the count `C_k` it stops at.
//!
//! [`CriticalPointOptions`] holds the monodromy settings
//! ([`MonodromyOptions`]: seed, loops, threads, tracker, progress) once, and
//! adds what only the critical-point solver needs (transfer attempts,
//! certification charts, the size limit).
//!
//! ```
//! use neurovariety::CriticalPointOptions;
//! let o = CriticalPointOptions::default().with_seed(7).with_threads(1);
//! assert_eq!(o.monodromy.seed, 7);
//! assert!(o.validate().is_ok());
//! assert!(CriticalPointOptions::default().with_transfer_attempts(0).validate().is_err());
//! ```

use crate::homotopy::{MonodromyOptions, TrackerOptions};
use crate::progress::ProgressObserver;
use crate::{Architecture, Error};
use num_traits::ToPrimitive;

/// Settings of [`Architecture::critical_points`] (and of start systems,
/// shards and merges). Build with [`Default`] and the `with_...` methods.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
pub struct CriticalPointOptions {
    /// Monodromy: seed of every random choice (charts, start point, nodes,
    /// gammas), loop bounds, worker threads, tracker, progress observer
    /// (which receives [`crate::progress::Update::Solutions`] for the
    /// stages [`crate::progress::Stage::CriticalPoints`] and
    /// [`crate::progress::Stage::Certification`]).
    pub monodromy: MonodromyOptions,
    /// Attempts to track each start solution to the target of a saved start
    /// system (lost paths are tracked again carefully, in another chart, and
    /// with new gammas).
    pub transfer_attempts: usize,
    /// Random charts besides the tracking chart in which a solution may be
    /// certified (each solution uses the ones keeping it farthest from
    /// infinity).
    pub chart_candidates: usize,
    /// Refuse architectures whose count exceeds this ([`Error::TooLarge`]).
    pub max_expected: usize,
}

impl Default for CriticalPointOptions {
    fn default() -> Self {
        CriticalPointOptions {
            monodromy: MonodromyOptions::default(),
            transfer_attempts: 6,
            chart_candidates: 8,
            max_expected: 1_000_000,
        }
    }
}

impl CriticalPointOptions {
    /// The same options with another seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.monodromy.seed = seed;
        self
    }
    /// The same options with another bound on added monodromy loops.
    pub fn with_max_loops(mut self, max_loops: usize) -> Self {
        self.monodromy.max_loops = max_loops;
        self
    }
    /// The same options with another stall bound.
    pub fn with_stall_loops(mut self, stall_loops: usize) -> Self {
        self.monodromy.stall_loops = stall_loops;
        self
    }
    /// The same options with another number of transfer attempts.
    pub fn with_transfer_attempts(mut self, attempts: usize) -> Self {
        self.transfer_attempts = attempts;
        self
    }
    /// The same options with another number of candidate charts.
    pub fn with_chart_candidates(mut self, charts: usize) -> Self {
        self.chart_candidates = charts;
        self
    }
    /// The same options with another thread count.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.monodromy.threads = threads;
        self
    }
    /// The same options with other tracker settings.
    pub fn with_tracker(mut self, tracker: TrackerOptions) -> Self {
        self.monodromy.tracker = tracker;
        self
    }
    /// The same options with another size limit.
    pub fn with_max_expected(mut self, max_expected: usize) -> Self {
        self.max_expected = max_expected;
        self
    }
    /// The same options with a progress observer.
    pub fn with_progress(mut self, progress: ProgressObserver) -> Self {
        self.monodromy.progress = progress;
        self
    }

    /// The seed.
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.monodromy.seed
    }

    /// Checks the options.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the first bad option.
    pub fn validate(&self) -> Result<(), Error> {
        self.monodromy.validate()?;
        if self.transfer_attempts == 0 {
            return Err(Error::InvalidArgument {
                name: "transfer_attempts",
                value: "0".into(),
                reason: "must be at least 1".into(),
            });
        }
        Ok(())
    }
}

/// `C_k` as a `usize`, refused above `options.max_expected`.
pub(crate) fn expected_count(
    arch: &Architecture,
    options: &CriticalPointOptions,
) -> Result<usize, Error> {
    let count = arch.critical_point_count()?;
    count
        .to_usize()
        .filter(|&c| c <= options.max_expected)
        .ok_or_else(|| {
            Error::too_large(
                "number of critical points",
                count.to_u128().unwrap_or(u128::MAX),
                options.max_expected as u128,
                "CriticalPointOptions::max_expected",
            )
        })
}

/// Checks the inputs shared by the solver entry points and returns `C_k`
/// (computed here once per run).
pub(crate) fn check_inputs(
    arch: &Architecture,
    loss_dimension: usize,
    options: &CriticalPointOptions,
) -> Result<usize, Error> {
    arch.check_end_to_end_length(loss_dimension)?;
    options.validate()?;
    expected_count(arch, options)
}
