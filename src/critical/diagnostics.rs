//! What a run of the critical-point solver did: paths by phase, failures by
//! reason, jumps, the orbits of the strata and when the last solutions
//! arrived ([`CriticalPoints::diagnostics`](super::CriticalPoints::diagnostics)).
//!
//! The count of a run is `C_k` paths at least (one per solution); the
//! diagnostics say where every other path went, so that a run that needed
//! many can be understood: the monodromy graph (first tries along its
//! edges, careful re-tracks of paths that failed or jumped, detours), the
//! seeds of the strata orbits, the parameter homotopy from a saved start
//! system, and the certification.
//!
//! ```
//! use neurovariety::critical::{CriticalPointOptions, Loss};
//! use neurovariety::Architecture;
//! let arch = Architecture::new(&[2, 2, 2], &[1, 2, 1])?;
//! let found = arch.critical_points(&Loss::random(&arch, 1), &CriticalPointOptions::default())?;
//! let d = found.diagnostics();
//! // two strata, each its own orbit, each stopped at its own count
//! assert_eq!(d.orbits.iter().map(|o| o.expected).collect::<Vec<_>>(), [Some(20), Some(14)]);
//! assert_eq!(d.orbits.iter().map(|o| o.found).sum::<usize>(), 34);
//! # Ok::<(), neurovariety::Error>(())
//! ```

use crate::homotopy::{MonodromyDiagnostics, PathStatistics};

/// One orbit of the monodromy: the critical points on one stratum.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OrbitDiagnostics {
    /// The stratum (its shared factors, as [`super::Stratum`] prints them).
    pub stratum: String,
    /// Its count for generic data, when known.
    pub expected: Option<usize>,
    /// Solutions of the orbit found at the base.
    pub found: usize,
}

/// A solution that arrived in the tail of the monodromy.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct LateArrival {
    /// Paths tracked in all when it arrived.
    pub paths: usize,
    /// Its orbit (index into [`Diagnostics::orbits`]), if classified.
    pub orbit: Option<usize>,
    /// The largest absolute value of its chart coordinates.
    pub size: f64,
}

/// Whether the split of `C_k` over the strata was known.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StrataStatus {
    /// Known: every stratum was seeded and stopped at its own count.
    Known,
    /// Not known (the reason): random stratum points were seeded when the
    /// monodromy stalled, and only the total `C_k` stopped the run.
    Unknown(String),
    /// No monodromy in this run (a saved start system was used).
    NotUsed,
}

/// What a run did (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Diagnostics {
    /// The monodromy (empty for a run from a saved start system).
    pub monodromy: MonodromyDiagnostics,
    /// Paths from random points of the strata to the second node.
    pub seeds: PathStatistics,
    /// Whether the strata counts were known.
    pub strata: StrataStatus,
    /// One entry per stratum (a single one when all strides are `> 1`).
    pub orbits: Vec<OrbitDiagnostics>,
    /// The last arrivals at the base (the last 1% of the solutions, at
    /// least one): the tail of the monodromy.
    pub late: Vec<LateArrival>,
    /// Paths of the parameter homotopy from a saved start system (first
    /// tries and re-tracks).
    pub transfer: PathStatistics,
    /// Transfer paths tracked again (lost: failed, met another path, or
    /// ended at `mu = 0`).
    pub transfer_retracked: usize,
    /// Solutions certified only after the first chart failed (another
    /// chart, or a refinement in double-double arithmetic).
    pub certification_retries: usize,
    /// Paths spent in this run on solving a start system before the
    /// transfer (`lcn --save-start`; 0 otherwise).
    pub start_paths: usize,
    /// Monodromy loops of that start system.
    pub start_loops: usize,
}

impl Default for Diagnostics {
    fn default() -> Self {
        Diagnostics {
            monodromy: MonodromyDiagnostics::default(),
            seeds: PathStatistics::default(),
            strata: StrataStatus::NotUsed,
            orbits: Vec::new(),
            late: Vec::new(),
            transfer: PathStatistics::default(),
            transfer_retracked: 0,
            certification_retries: 0,
            start_paths: 0,
            start_loops: 0,
        }
    }
}

impl Diagnostics {
    /// Paths tracked in all (monodromy, seeds, transfer).
    #[must_use]
    pub fn paths(&self) -> usize {
        self.monodromy.paths() + self.seeds.paths + self.transfer.paths + self.start_paths
    }

    /// All path statistics added up.
    #[must_use]
    pub fn total(&self) -> PathStatistics {
        let mut t = self.monodromy.first;
        t += self.monodromy.careful;
        t += self.monodromy.detours;
        t += self.seeds;
        t += self.transfer;
        t
    }
}
