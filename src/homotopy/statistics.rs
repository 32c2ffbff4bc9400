//! Counts of tracked paths: how many, how many failed and why, and what they
//! cost (steps, rejected steps, evaluations of the system).
//!
//! Every path tracker run (`track_path`, behind [`super::track`]) leaves its step counts in
//! its [`super::TrackerWorkspace`]; [`PathStatistics::record`] adds them up,
//! with the failure reason ([`PathFailure`]) of a failed path. Monodromy and
//! the critical-point solver keep one [`PathStatistics`] per phase (first
//! tries, careful re-tracks, seeds, transfer) in their diagnostics.
//!
//! ```
//! use neurovariety::homotopy::{PathFailure, PathStatistics};
//! let mut s = PathStatistics::default();
//! s.add_failure(PathFailure::MinStep);
//! assert_eq!(s.failed(), 1);
//! assert_eq!(s.failures(PathFailure::MinStep), 1);
//! ```

use super::tracker::{PathFailure, TrackerWorkspace};
use std::ops::AddAssign;

/// The failure reasons, in the order of [`PathStatistics::failure_counts`].
pub const FAILURE_REASONS: [PathFailure; 4] = [
    PathFailure::StepBudget,
    PathFailure::MinStep,
    PathFailure::Singular,
    PathFailure::Endpoint,
];

/// Paths tracked, their failures by reason, and their cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PathStatistics {
    /// Paths tracked.
    pub paths: usize,
    /// Failed paths, by reason (the order of [`FAILURE_REASONS`]).
    pub failure_counts: [usize; 4],
    /// Steps attempted (accepted and rejected).
    pub steps: usize,
    /// Steps rejected.
    pub rejected_steps: usize,
    /// Evaluations of the system (each with one LU factorisation).
    pub evaluations: usize,
}

impl PathStatistics {
    /// Adds one path: its costs from `ws` and its failure, if it failed.
    pub fn record(&mut self, ws: &TrackerWorkspace, failure: Option<PathFailure>) {
        self.paths += 1;
        self.steps += ws.steps;
        self.rejected_steps += ws.rejected;
        self.evaluations += ws.evaluations;
        if let Some(f) = failure {
            self.add_failure(f);
        }
    }

    /// Counts one failure (without a path: for callers that count paths
    /// themselves).
    pub fn add_failure(&mut self, failure: PathFailure) {
        if let Some(i) = FAILURE_REASONS.iter().position(|&r| r == failure) {
            self.failure_counts[i] += 1;
        }
    }

    /// Failed paths in all.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.failure_counts.iter().sum()
    }

    /// Failed paths for one reason.
    #[must_use]
    pub fn failures(&self, reason: PathFailure) -> usize {
        FAILURE_REASONS
            .iter()
            .position(|&r| r == reason)
            .map_or(0, |i| self.failure_counts[i])
    }

    /// Mean evaluations per path (0 without paths).
    #[must_use]
    pub fn evaluations_per_path(&self) -> f64 {
        self.evaluations as f64 / self.paths.max(1) as f64
    }
}

impl AddAssign for PathStatistics {
    fn add_assign(&mut self, o: PathStatistics) {
        self.paths += o.paths;
        for (a, b) in self.failure_counts.iter_mut().zip(o.failure_counts) {
            *a += b;
        }
        self.steps += o.steps;
        self.rejected_steps += o.rejected_steps;
        self.evaluations += o.evaluations;
    }
}
