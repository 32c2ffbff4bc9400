//! All critical points of training, found by monodromy and a parameter
//! homotopy, and certified complete by the exact count.
//!
//! # The method
//!
//! [`Architecture::critical_points`] is [`Architecture::start_system_with`]
//! (steps 1–3, for a generic loss of the seed; see [`super::start`]) followed
//! by [`Architecture::critical_points_from`] (steps 4–6). With a saved start
//! system only the second part runs: `C_k` paths.
//!
//! 1. **System.** The gradient of the loss in a random affine chart per layer
//!    ([`GradientSystem`]): `N = 1 + sum (k_l - 1)` equations
//!    `F(z; v) = J^T (Q mu(z) - v)` in `N` unknowns, with parameter `v = Q u`.
//! 2. **Start.** A random complex `z0` and a `v0` built so that `z0` is
//!    critical for the target `Q^{-1} v0` ([`GradientSystem::start_pair`]).
//! 3. **Monodromy** over `v` ([`crate::homotopy::Monodromy`]: a triangle of
//!    parameter nodes whose edges are tracked once per solution in each
//!    direction, so about 3 paths per solution) from `z0` until the number
//!    of solutions over `v0` reaches the exact count `C_k`
//!    ([`Architecture::critical_point_count`]): it stops the moment the count
//!    is reached. When layers share a
//!    dilation the solutions split into several monodromy orbits (for
//!    `(2,2,2)/(1,2)`, 20 critical points with `w_1`, `w_2` independent and
//!    14 with `w_1` proportional to `w_2`); random start points on those
//!    strata (a point with shared
//!    factors), moved to `v0` by one path each, seed the other orbits.
//! 4. **Transfer** of all of them along one gamma-trick segment in the
//!    parameters `(v, Q)` from the start system to the loss, **normalised**
//!    first by exact powers of two ([`Loss::normalized`]: the answer does
//!    not depend on the units of the data), Newton refinement there, and
//!    **certification** of each endpoint by the Krawczyk test
//!    ([`crate::homotopy::certify`]) in the chart that suits it best: a box
//!    containing exactly one zero, which is simple, with `mu` bounded away
//!    from 0 on it; enclosures of the orbit keys pairwise disjoint (so the
//!    zeros are distinct orbits). Paths lost in the transfer (two paths
//!    meeting, a failure, an endpoint at infinity of the chart) are tracked
//!    again in other charts and with new gammas, up to `transfer_attempts`
//!    times (`transfer.rs`, `certify.rs`).
//! 5. **Stop rule.** The answer is complete exactly when the number of
//!    certified distinct solutions with `mu != 0` equals `C_k`; otherwise
//!    [`CriticalPoints::is_complete`] is `false` and `found < expected` is
//!    reported, never hidden. (`C_k` counts the critical points of a generic
//!    loss; for special data, e.g. structured training sets, fewer may exist.)
//! 6. **Classification.** Realness is decided by the certificate (the system
//!    has rational, hence real, coefficients); for a real critical point the
//!    Morse index is the number of negative eigenvalues of the Hessian of the
//!    loss in the chart, which is the Hessian on parameter space modulo
//!    rescaling (the chart is a slice transversal to the rescaling orbits).
//!    The global minimum of the loss over the real neuromanifold is attained
//!    at a real critical point (when it is not at `mu = 0`), so, **when the
//!    answer is complete**, it is the smallest loss among the real solutions
//!    ([`CriticalPoints::global_minimum`]). When it is not complete, nothing
//!    is called a global minimum: [`CriticalPoints::best_real_found`] is
//!    the best real critical point found, and no more.
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::{CriticalPointOptions, Loss};
//! use neurovariety::Architecture;
//!
//! let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
//! let loss = Loss::random(&arch, 3);
//! let found = arch.critical_points(&loss, &CriticalPointOptions::default()).unwrap();
//! assert_eq!(found.expected(), 6);
//! assert!(found.is_complete());
//! assert_eq!(found.certified(), 6);
//! let best = found.global_minimum().unwrap();
//! assert_eq!(best.hessian_index(), Some(0)); // the global minimum is a local minimum
//! // balanced layers: equal norms, composing to the end-to-end filter
//! let norms: Vec<f64> = best.layers().iter().map(|w| w.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt()).collect();
//! assert!((norms[0] - norms[1]).abs() < 1e-9 * norms[0]);
//! println!("{found}"); // a summary: solutions, real, certified, complete
//! ```

use super::certify::{meets_earlier, CertifiedPoint, Certifier, Uncertified, UncertifiedPoint};
use super::gradient::GradientSystem;
use super::loss::{Loss, NormalizedLoss};
use super::start::StartSystem;
use super::transfer::{track_to_loss, Endpoint};
use crate::homotopy::{Certificate, ComplexInterval, TrackerOptions};
use crate::numeric::{max_norm, symmetric_eigenvalues};
use crate::parallel::{in_pool, par_map};
use crate::progress::{ProgressObserver, Stage, Update};
use crate::{Architecture, Error};
use num_complex::Complex64;
use num_traits::ToPrimitive;
use std::fmt;

/// Settings of [`Architecture::critical_points`] (and of start systems,
/// shards and merges). Build with [`Default`] and the `with_...` methods.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
pub struct CriticalPointOptions {
    /// Seed of every random choice (charts, start point, loops, gammas).
    pub seed: u64,
    /// Largest number of nodes added to the monodromy triangle.
    pub max_loops: usize,
    /// Stop the monodromy after this many added nodes in a row without a
    /// new solution.
    pub stall_loops: usize,
    /// Attempts to track each start solution to the target (lost paths are
    /// tracked again in another chart, later with a new gamma).
    pub transfer_attempts: usize,
    /// Rounds of random start points on strata of the parametrisation, tried
    /// while the monodromy orbits found stay short of the count.
    pub extra_rounds: usize,
    /// Start points drawn per round.
    pub starts_per_round: usize,
    /// Random charts besides the tracking chart in which a solution may be
    /// certified (each solution uses the ones keeping it farthest from
    /// infinity).
    pub chart_candidates: usize,
    /// Worker threads (the size of the [`crate::parallel`] pool the solver
    /// runs in; by default the current pool's).
    pub threads: usize,
    /// Path tracker settings.
    pub tracker: TrackerOptions,
    /// Refuse architectures whose count exceeds this ([`Error::TooLarge`]).
    pub max_expected: usize,
    /// Receives [`Update::Solutions`] (stages [`Stage::CriticalPoints`] and
    /// [`Stage::Certification`]) as the solver goes.
    pub progress: ProgressObserver,
}

impl Default for CriticalPointOptions {
    fn default() -> Self {
        CriticalPointOptions {
            seed: 1,
            max_loops: 50,
            stall_loops: 5,
            transfer_attempts: 6,
            extra_rounds: 2000,
            starts_per_round: 8,
            chart_candidates: 8,
            threads: crate::parallel::threads(),
            tracker: TrackerOptions::default(),
            max_expected: 1_000_000,
            progress: ProgressObserver::none(),
        }
    }
}

impl CriticalPointOptions {
    /// The same options with another seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
    /// The same options with another bound on monodromy nodes.
    pub fn with_max_loops(mut self, max_loops: usize) -> Self {
        self.max_loops = max_loops;
        self
    }
    /// The same options with another stall bound.
    pub fn with_stall_loops(mut self, stall_loops: usize) -> Self {
        self.stall_loops = stall_loops;
        self
    }
    /// The same options with another number of transfer attempts.
    pub fn with_transfer_attempts(mut self, attempts: usize) -> Self {
        self.transfer_attempts = attempts;
        self
    }
    /// The same options with other stratum-seeding rounds.
    pub fn with_extra_rounds(mut self, rounds: usize, starts_per_round: usize) -> Self {
        self.extra_rounds = rounds;
        self.starts_per_round = starts_per_round;
        self
    }
    /// The same options with another number of candidate charts.
    pub fn with_chart_candidates(mut self, charts: usize) -> Self {
        self.chart_candidates = charts;
        self
    }
    /// The same options with another thread count.
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }
    /// The same options with other tracker settings.
    pub fn with_tracker(mut self, tracker: TrackerOptions) -> Self {
        self.tracker = tracker;
        self
    }
    /// The same options with another size limit.
    pub fn with_max_expected(mut self, max_expected: usize) -> Self {
        self.max_expected = max_expected;
        self
    }
    /// The same options with a progress observer.
    pub fn with_progress(mut self, progress: ProgressObserver) -> Self {
        self.progress = progress;
        self
    }

    /// Checks the options.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the first bad option.
    pub fn validate(&self) -> Result<(), Error> {
        self.tracker.validate()?;
        let positive = [
            ("threads", self.threads),
            ("transfer_attempts", self.transfer_attempts),
            ("max_loops", self.max_loops),
        ];
        for (name, value) in positive {
            if value == 0 {
                return Err(Error::InvalidArgument {
                    name,
                    value: "0".into(),
                    reason: "must be at least 1".into(),
                });
            }
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

/// One critical point of the loss (an orbit of layer rescalings, represented
/// in a chart).
///
/// Read through its methods (the style of every result type of the crate).
/// The values are complex for every point; the `real_...` methods give the
/// real ones of a real point. [`CriticalPoint::layers`] are **balanced**: the
/// orbit's representative whose layer filters have equal Euclidean norms
/// (positive rescalings with product 1, so `mu(w)` and realness are
/// unchanged); [`CriticalPoint::chart_point`] is the same point in the
/// solver's chart [`CriticalPoint::chart`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct CriticalPoint {
    /// The unknowns of the [`GradientSystem`] in the chart `chart` (the
    /// chart point), in the units of the data.
    pub(crate) chart_point: Vec<Complex64>,
    /// The integer chart vectors `a_l` of `chart_point` (and of the
    /// certificate).
    pub(crate) chart: Vec<Vec<i64>>,
    /// The layer filters `w_1, ..., w_L`, balanced (equal norms).
    pub(crate) layers: Vec<Vec<Complex64>>,
    /// The end-to-end filter `mu(w)`.
    pub(crate) end_to_end: Vec<Complex64>,
    /// `true` if the critical point is real (proved when certified).
    pub(crate) is_real: bool,
    /// The loss at the point (real for real points; may overflow to
    /// infinity for data of extreme scale, since it is a float).
    pub(crate) loss: Complex64,
    /// For real points: the number of negative eigenvalues of the Hessian of
    /// the loss on parameter space modulo rescaling (0: local minimum).
    pub(crate) hessian_index: Option<usize>,
    /// The Krawczyk certificate, if the point was certified: a box of the
    /// gradient system of the *normalised* loss ([`Loss::normalized`]) in
    /// the chart `chart`.
    pub(crate) certificate: Option<Certificate>,
    /// Why the point is not certified (`None` when it is).
    pub(crate) uncertified: Option<Uncertified>,
}

impl CriticalPoint {
    /// The unknowns of the [`GradientSystem`] in the chart
    /// [`CriticalPoint::chart`], in the units of the data.
    #[must_use]
    pub fn chart_point(&self) -> &[Complex64] {
        &self.chart_point
    }

    /// The integer chart vectors `a_l` of [`CriticalPoint::chart_point`] (and
    /// of the certificate).
    #[must_use]
    pub fn chart(&self) -> &[Vec<i64>] {
        &self.chart
    }

    /// The layer filters `w_1, ..., w_L`, balanced: rescaled by positive
    /// factors with product 1 to equal Euclidean norms (the same `mu(w)`).
    #[must_use]
    pub fn layers(&self) -> &[Vec<Complex64>] {
        &self.layers
    }

    /// The end-to-end filter `mu(w)`.
    #[must_use]
    pub fn end_to_end(&self) -> &[Complex64] {
        &self.end_to_end
    }

    /// `true` if the critical point is real (proved when certified).
    #[must_use]
    pub fn is_real(&self) -> bool {
        self.is_real
    }

    /// The loss at the point, complex (real for real points: see
    /// [`CriticalPoint::real_loss`]; may overflow to infinity for data of
    /// extreme scale, since it is a float).
    #[must_use]
    pub fn loss(&self) -> Complex64 {
        self.loss
    }

    /// For real points: the number of negative eigenvalues of the Hessian of
    /// the loss on parameter space modulo rescaling (0: local minimum).
    #[must_use]
    pub fn hessian_index(&self) -> Option<usize> {
        self.hessian_index
    }

    /// The Krawczyk certificate, if the point was certified: a box of the
    /// gradient system of the *normalised* loss ([`Loss::normalized`]) in
    /// the chart [`CriticalPoint::chart`].
    #[must_use]
    pub fn certificate(&self) -> Option<&Certificate> {
        self.certificate.as_ref()
    }

    /// `true` when the point carries a certificate.
    #[must_use]
    pub fn is_certified(&self) -> bool {
        self.certificate.is_some()
    }

    /// Why the point is not certified (`None` when it is).
    #[must_use]
    pub fn uncertified(&self) -> Option<Uncertified> {
        self.uncertified
    }

    /// The end-to-end filter as real numbers, for a real point.
    #[must_use]
    pub fn real_end_to_end(&self) -> Option<Vec<f64>> {
        self.is_real
            .then(|| self.end_to_end.iter().map(|x| x.re).collect())
    }
    /// `true` for a real local minimum.
    #[must_use]
    pub fn is_local_minimum(&self) -> bool {
        self.hessian_index == Some(0)
    }

    /// The (balanced) layer filters as real numbers, for a real point.
    #[must_use]
    pub fn real_layers(&self) -> Option<Vec<Vec<f64>>> {
        self.is_real.then(|| {
            self.layers
                .iter()
                .map(|w| w.iter().map(|x| x.re).collect())
                .collect()
        })
    }

    /// The loss as a real number, for a real point.
    #[must_use]
    pub fn real_loss(&self) -> Option<f64> {
        self.is_real.then_some(self.loss.re)
    }
}

/// The outcome of [`Architecture::critical_points`], read through its methods.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
pub struct CriticalPoints {
    /// The exact number of complex critical points for generic data, `C_k`.
    pub(crate) expected: usize,
    /// The distinct solutions found: the certified ones first.
    pub(crate) solutions: Vec<CriticalPoint>,
    /// Monodromy nodes added (0 when run from a saved start system).
    pub(crate) loops: usize,
    /// Paths tracked in all (monodromy and transfer).
    pub(crate) paths_tracked: usize,
    /// The exponents `(a, b)` of the normalisation `Q = 2^a Q'`,
    /// `u = 2^b u'` ([`Loss::normalized`]).
    pub(crate) scale_exponents: (i64, i64),
}

impl CriticalPoints {
    /// The exact number of complex critical points for generic data, `C_k`.
    #[must_use]
    pub fn expected(&self) -> usize {
        self.expected
    }

    /// The distinct solutions found: the certified ones first.
    #[must_use]
    pub fn solutions(&self) -> &[CriticalPoint] {
        &self.solutions
    }

    /// Monodromy nodes added (0 when run from a saved start system).
    #[must_use]
    pub fn loops(&self) -> usize {
        self.loops
    }

    /// Paths tracked in all (monodromy and transfer).
    #[must_use]
    pub fn paths_tracked(&self) -> usize {
        self.paths_tracked
    }

    /// The exponents `(a, b)` of the normalisation `Q = 2^a Q'`,
    /// `u = 2^b u'` ([`Loss::normalized`]).
    #[must_use]
    pub fn scale_exponents(&self) -> (i64, i64) {
        self.scale_exponents
    }

    /// The number of distinct solutions found.
    #[must_use]
    pub fn found(&self) -> usize {
        self.solutions.len()
    }

    /// The number of certified, pairwise distinct solutions with `mu != 0`.
    #[must_use]
    pub fn certified(&self) -> usize {
        self.solutions
            .iter()
            .filter(|s| s.certificate.is_some())
            .count()
    }

    /// `true` when the certified solutions are exactly `expected` many
    /// (`found = certified = C_k`): the set of critical points is provably
    /// complete.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.certified() == self.expected && self.found() == self.expected
    }

    /// The real solutions.
    pub fn real(&self) -> impl Iterator<Item = &CriticalPoint> {
        self.solutions.iter().filter(|s| s.is_real)
    }

    /// The number of real solutions.
    #[must_use]
    pub fn num_real(&self) -> usize {
        self.real().count()
    }

    /// The real solutions as real weights: each the concatenation of its
    /// layer filters `w_1, ..., w_L` (in its chart).
    #[must_use]
    pub fn real_solutions(&self) -> Vec<Vec<f64>> {
        self.real()
            .map(|p| p.layers.iter().flatten().map(|x| x.re).collect())
            .collect()
    }

    /// The losses of [`CriticalPoints::real_solutions`], in the same order.
    #[must_use]
    pub fn real_losses(&self) -> Vec<f64> {
        self.real().map(|p| p.loss.re).collect()
    }

    /// The global minimum of the loss over the real neuromanifold: the real
    /// critical point of least loss, **only when the answer is complete**
    /// (`None` otherwise: then it is not known to be the minimum; see
    /// [`CriticalPoints::best_real_found`]).
    #[must_use]
    pub fn global_minimum(&self) -> Option<&CriticalPoint> {
        if self.is_complete() {
            self.best_real_found()
        } else {
            None
        }
    }

    /// The real critical point of least loss among those found (the global
    /// minimum when [`CriticalPoints::is_complete`], otherwise just the best
    /// one found).
    #[must_use]
    pub fn best_real_found(&self) -> Option<&CriticalPoint> {
        self.real().min_by(|a, b| a.loss.re.total_cmp(&b.loss.re))
    }
}

/// A summary in the style of HomotopyContinuation.jl's result display.
impl fmt::Display for CriticalPoints {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minima = self.real().filter(|p| p.is_local_minimum()).count();
        writeln!(f, "CriticalPoints with {} solutions", self.found())?;
        writeln!(f, "• {} expected (C_k)", self.expected)?;
        writeln!(
            f,
            "• {} certified (Krawczyk, pairwise distinct)",
            self.certified()
        )?;
        writeln!(f, "• {} real ({} local minima)", self.num_real(), minima)?;
        let per = self.paths_tracked as f64 / self.expected.max(1) as f64;
        writeln!(
            f,
            "• {} paths tracked ({per:.1} per solution)",
            self.paths_tracked
        )?;
        let mut reasons: Vec<(Uncertified, usize)> = Vec::new();
        for r in self.solutions.iter().filter_map(|p| p.uncertified) {
            match reasons.iter_mut().find(|(q, _)| *q == r) {
                Some((_, c)) => *c += 1,
                None => reasons.push((r, 1)),
            }
        }
        for (r, c) in reasons {
            writeln!(f, "• {c} uncertified: {r}")?;
        }
        if self.is_complete() {
            write!(f, "• complete: found = certified = C_k")?;
            if let Some(m) = self.global_minimum() {
                write!(f, "; global minimum loss {:e}", m.loss.re)?;
            }
        } else {
            write!(
                f,
                "• INCOMPLETE: {} of {} certified",
                self.certified(),
                self.expected
            )?;
            if let Some(m) = self.best_real_found() {
                write!(f, "; best real critical point found: loss {:e}", m.loss.re)?;
            }
        }
        Ok(())
    }
}

/// The loss at the float end-to-end filter `c` of the normalised loss, in
/// the units of the normalised loss.
fn float_loss(loss: &Loss, c: &[Complex64]) -> Complex64 {
    let k = c.len();
    let d: Vec<Complex64> = c
        .iter()
        .zip(loss.target())
        .map(|(x, u)| x - u.to_f64().unwrap_or(f64::NAN))
        .collect();
    let mut s = Complex64::new(loss.offset().to_f64().unwrap_or(f64::NAN), 0.0);
    for r in 0..k {
        for col in 0..k {
            s += d[r] * loss.form().get(r, col).to_f64().unwrap_or(f64::NAN) * d[col];
        }
    }
    s
}

/// Checks the shared inputs of the solver entry points: `C_k`.
pub(crate) fn check_inputs(
    arch: &Architecture,
    loss: &Loss,
    options: &CriticalPointOptions,
) -> Result<usize, Error> {
    arch.check_end_to_end_length(loss.dimension())?;
    let expected = expected_count(arch, options)?;
    options.validate()?;
    Ok(expected)
}

/// The certifier of a run (the same charts for shards and merges).
pub(crate) fn certifier_for(
    arch: &Architecture,
    start: &StartSystem,
    normalized: &NormalizedLoss,
    options: &CriticalPointOptions,
) -> Result<Certifier, Error> {
    Certifier::new(
        arch,
        &normalized.loss,
        start.chart_rational(),
        options.seed,
        options.chart_candidates,
    )
}

/// Marks certified points whose key meets an earlier one's as not distinct,
/// then describes every point in the units of the data.
pub(crate) fn assemble(
    certifier: &Certifier,
    normalized: &NormalizedLoss,
    endpoints: Vec<Endpoint>,
    expected: usize,
    loops: usize,
    paths_tracked: usize,
) -> CriticalPoints {
    let keys: Vec<&[ComplexInterval]> = endpoints
        .iter()
        .filter_map(|e| e.as_ref().ok().map(|c| c.key.as_slice()))
        .collect();
    let clash = meets_earlier(&keys);
    let mut clash_iter = clash.into_iter();
    let mut certified: Vec<CertifiedPoint> = Vec::new();
    let mut uncertified: Vec<UncertifiedPoint> = Vec::new();
    for e in endpoints {
        match e {
            Ok(c) => {
                if clash_iter.next() == Some(true) {
                    uncertified.push(UncertifiedPoint {
                        chart: c.chart,
                        z: c.z,
                        reason: Uncertified::NotDistinct,
                    });
                } else {
                    certified.push(c);
                }
            }
            Err(u) if u.reason != Uncertified::PathFailed && !u.z.is_empty() => uncertified.push(u),
            Err(_) => {}
        }
    }
    // uncertified points that are numerically one of the certified ones
    // (or of each other) are not listed twice
    let mut seen = crate::homotopy::SolutionSet::new(certifier.key_len(), 1);
    for c in &certified {
        let sys = &certifier.charts()[c.chart];
        seen.insert(certifier.key_of(&sys.layers_unchecked(&c.z)));
    }
    uncertified.retain(|u| match certifier.charts().get(u.chart) {
        Some(sys) if u.z.len() == sys.num_variables() && u.z.iter().all(|x| x.is_finite()) => {
            seen.insert(certifier.key_of(&sys.layers_unchecked(&u.z))).1
        }
        _ => false,
    });
    let a = normalized.form_exponent;
    let b = normalized.target_exponent;
    let items: Vec<Item> = certified
        .into_iter()
        .map(|c| (c.chart, c.z, Some(c.certificate), None))
        .chain(
            uncertified
                .into_iter()
                .map(|u| (u.chart, u.z, None, Some(u.reason))),
        )
        .collect();
    let solutions = par_map(&items, 8, |(chart, z, certificate, reason)| {
        describe(
            certifier.charts(),
            *chart,
            z.clone(),
            certificate.clone(),
            *reason,
            normalized,
        )
    });
    CriticalPoints {
        expected,
        solutions,
        loops,
        paths_tracked,
        scale_exponents: (a, b),
    }
}

/// A point to describe: its chart, point, certificate or reason.
type Item = (
    usize,
    Vec<Complex64>,
    Option<Certificate>,
    Option<Uncertified>,
);

/// A point of the normalised problem, in the units of the data.
fn describe(
    charts: &[GradientSystem],
    chart: usize,
    z: Vec<Complex64>,
    certificate: Option<Certificate>,
    uncertified: Option<Uncertified>,
    normalized: &NormalizedLoss,
) -> CriticalPoint {
    let sys = &charts[chart];
    let n = sys.num_variables();
    let scale = 1.0 + max_norm(&z);
    let is_real = match certificate.as_ref().and_then(|c| c.real) {
        Some(r) => r,
        None => certificate.is_none() && z.iter().all(|x| x.im.abs() <= 1e-8 * scale),
    };
    let z = if is_real {
        match &certificate {
            Some(c) if c.real == Some(true) => c.center(),
            _ => z.iter().map(|x| Complex64::new(x.re, 0.0)).collect(),
        }
    } else {
        z
    };
    let end_to_end = sys.end_to_end_unchecked(&z);
    let mut value = float_loss(&normalized.loss, &end_to_end);
    let hessian_index = is_real.then(|| {
        value.im = 0.0;
        let h: Vec<f64> = sys.hessian_unchecked(&z).iter().map(|x| x.re).collect();
        symmetric_eigenvalues(&h, n)
            .iter()
            .filter(|&&e| e < 0.0)
            .count()
    });
    // back to the units of the data: c = 2^b c', L = 2^(a + 2b) L'
    let (a, b) = (normalized.form_exponent, normalized.target_exponent);
    let cb = pow2(b);
    let loss_scale = pow2(a + 2 * b);
    let mut layers = sys.layers_unchecked(&z);
    if let Some(last) = layers.last_mut() {
        last.iter_mut().for_each(|x| *x *= cb);
    }
    let mut chart_point = z;
    let last_len = layers.last().map_or(0, |w| w.len());
    let m = chart_point.len();
    chart_point[m - last_len..]
        .iter_mut()
        .for_each(|x| *x *= cb);
    CriticalPoint {
        chart_point,
        chart: sys
            .chart()
            .iter()
            .map(|a| {
                a.iter()
                    .map(|x| x.to_integer().to_i64().unwrap_or(0))
                    .collect()
            })
            .collect(),
        layers: balanced(layers),
        end_to_end: end_to_end.iter().map(|x| x * cb).collect(),
        is_real,
        loss: value * loss_scale,
        hessian_index,
        certificate,
        uncertified,
    }
}

/// The representative of the rescaling orbit of `layers` whose layer filters
/// have equal Euclidean norms: layer `l` times `g / |w_l|` with `g` the
/// geometric mean of the norms (positive factors with product 1, so `mu` and
/// realness are kept). Unchanged when a layer is zero or a norm is not finite.
fn balanced(mut layers: Vec<Vec<Complex64>>) -> Vec<Vec<Complex64>> {
    let norms: Vec<f64> = layers
        .iter()
        .map(|w| w.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt())
        .collect();
    if norms.iter().any(|&n| !(n.is_finite() && n > 0.0)) {
        return layers;
    }
    let log_mean = norms.iter().map(|n| n.ln()).sum::<f64>() / norms.len() as f64;
    for (w, n) in layers.iter_mut().zip(&norms) {
        let factor = (log_mean - n.ln()).exp();
        w.iter_mut().for_each(|x| *x *= factor);
    }
    layers
}

/// `2^e` as a float (0 or infinity beyond the range).
fn pow2(e: i64) -> f64 {
    2f64.powi(e.clamp(-2000, 2000) as i32)
}

impl Architecture {
    /// All critical points of `loss` in parameter space (modulo rescaling of
    /// the layers), found by monodromy and a parameter homotopy and
    /// certified complete by the exact count (see
    /// [`crate::critical::points`] for the method). It is
    /// [`Architecture::start_system_with`] followed by
    /// [`Architecture::critical_points_from`].
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if the loss lives on another function space,
    /// [`Error::TooLarge`] if the count exceeds `options.max_expected`,
    /// [`Error::InvalidArgument`] for bad options. An incomplete answer is not
    /// an error: check [`CriticalPoints::is_complete`].
    pub fn critical_points(
        &self,
        loss: &Loss,
        options: &CriticalPointOptions,
    ) -> Result<CriticalPoints, Error> {
        check_inputs(self, loss, options)?;
        let start = self.start_system_with(options)?;
        let mut r = self.critical_points_from(&start, loss, options)?;
        r.paths_tracked += start.paths_tracked();
        r.loops = start.loops();
        Ok(r)
    }

    /// The critical points of `loss` from a solved start system: exactly one
    /// path per start solution (plus retries of lost paths), then
    /// certification (see [`crate::critical::start`]). `options.seed` fixes
    /// the gamma and the certification charts.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if `start` belongs to another architecture
    /// or for bad options, [`Error::LengthMismatch`] for a loss of another
    /// dimension, [`Error::TooLarge`] as [`Architecture::critical_points`].
    pub fn critical_points_from(
        &self,
        start: &StartSystem,
        loss: &Loss,
        options: &CriticalPointOptions,
    ) -> Result<CriticalPoints, Error> {
        let expected = check_inputs(self, loss, options)?;
        start.check_architecture(self)?;
        let normalized = loss.normalized();
        in_pool(options.threads, || {
            let certifier = certifier_for(self, start, &normalized, options)?;
            let all: Vec<usize> = (0..start.solutions().len()).collect();
            let (endpoints, paths) = track_to_loss(self, start, &certifier, &all, options)?;
            let r = assemble(&certifier, &normalized, endpoints, expected, 0, paths);
            options.progress.report(&Update::Solutions {
                stage: Stage::Certification,
                found: r.found() as u64,
                expected: expected as u64,
                paths: paths as u64,
                certified: r.certified() as u64,
            });
            Ok(r)
        })?
    }
}
