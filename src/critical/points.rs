//! All critical points of training, found by monodromy and certified
//! complete by the exact count.
//!
//! # The method
//!
//! 1. **System.** The gradient of the loss in a random affine chart per layer
//!    ([`GradientSystem`]): `N = 1 + sum (k_l - 1)` equations
//!    `F(z; v) = J^T (Q mu(z) - v)` in `N` unknowns, with parameter `v = Q u`.
//! 2. **Start.** A random complex `z0` and a `v0` built so that `z0` is
//!    critical for the target `Q^{-1} v0` ([`GradientSystem::start_pair`]).
//! 3. **Monodromy** over `v` ([`crate::homotopy::monodromy_solve`]) from `z0`
//!    until the number of solutions over `v0` reaches the exact count
//!    `C_k` ([`Architecture::critical_point_count`]). When layers share a
//!    dilation the solutions split into several monodromy orbits (for
//!    `(2,2,2)/(1,2)`, 20 critical points with `w_1`, `w_2` independent and
//!    14 with `w_1` proportional to `w_2`); random start points on those
//!    strata (a point with shared
//!    factors), moved to `v0` by one path each, seed the other orbits.
//! 4. **Transfer** of all of them along a gamma-trick segment from `v0` to
//!    the loss's own `v* = Q u`, Newton refinement there, and
//!    **certification** of each endpoint by the Krawczyk test
//!    ([`crate::homotopy::certify`]): a box containing exactly one zero,
//!    which is simple; boxes pairwise disjoint (so the zeros are distinct),
//!    and `mu` bounded away from 0 on each box. Endpoints lost in the
//!    transfer (two paths meeting, a failure) are recovered by transferring
//!    again with a new gamma, up to `transfer_attempts` times. Certification
//!    happens in one chart for all solutions: the tracking chart or one of
//!    `chart_candidates` random charts, whichever keeps every solution
//!    farthest from its hyperplane at infinity (a solution near it has huge
//!    coordinates and is hard to certify).
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
//!    at a real critical point (when it is not at `mu = 0`), so it is the
//!    smallest loss among the real solutions.
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
//! assert_eq!(found.expected, 6);
//! assert!(found.is_complete());
//! assert_eq!(found.certified(), 6);
//! let best = found.global_minimum().unwrap();
//! assert_eq!(best.hessian_index, Some(0)); // the global minimum is a local minimum
//! ```

use super::gradient::{rescale_to_chart, GradientSystem};
use super::inertia::symmetric_eigenvalues;
use super::loss::Loss;
use crate::homotopy::{
    certify, is_known, max_norm, monodromy_solve, random_gamma, refine, track, track_all,
    Certificate, MonodromyOptions, Segment, TrackerOptions,
};
use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;
use num_traits::ToPrimitive;

/// Settings of [`Architecture::critical_points`].
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalPointOptions {
    /// Seed of every random choice (chart, start point, loops, gammas).
    pub seed: u64,
    /// Largest number of monodromy loops.
    pub max_loops: usize,
    /// Stop the monodromy after this many loops in a row without a new solution.
    pub stall_loops: usize,
    /// Transfers from the monodromy base to the target (each with a new gamma).
    pub transfer_attempts: usize,
    /// Rounds of random start points on strata of the parametrisation, tried
    /// while the monodromy orbits found stay short of the count.
    pub extra_rounds: usize,
    /// Start points drawn per round.
    pub starts_per_round: usize,
    /// Random charts compared with the tracking chart before certification
    /// (the one keeping all solutions farthest from its infinity is used).
    pub chart_candidates: usize,
    /// Worker threads for tracking.
    pub threads: usize,
    /// Path tracker settings.
    pub tracker: TrackerOptions,
    /// Refuse architectures whose count exceeds this ([`Error::TooLarge`]).
    pub max_expected: usize,
}

impl Default for CriticalPointOptions {
    fn default() -> Self {
        let m = MonodromyOptions::default();
        CriticalPointOptions {
            seed: 1,
            max_loops: m.max_loops,
            stall_loops: 3,
            transfer_attempts: 4,
            extra_rounds: 40,
            starts_per_round: 8,
            chart_candidates: 32,
            threads: m.threads,
            tracker: m.tracker,
            max_expected: 100_000,
        }
    }
}

impl CriticalPointOptions {
    /// The same options with another seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }
}

/// One critical point of the loss (an orbit of layer rescalings, represented
/// in the chart).
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalPoint {
    /// The unknowns of the [`GradientSystem`] (the chart point).
    pub chart_point: Vec<Complex64>,
    /// The layer filters `w_1, ..., w_L` (in the chart).
    pub layers: Vec<Vec<Complex64>>,
    /// The end-to-end filter `mu(w)`.
    pub end_to_end: Vec<Complex64>,
    /// `true` if the critical point is real.
    pub is_real: bool,
    /// The loss at the point (real for real points).
    pub loss: Complex64,
    /// For real points: the number of negative eigenvalues of the Hessian of
    /// the loss on parameter space modulo rescaling (0: local minimum).
    pub hessian_index: Option<usize>,
    /// The Krawczyk certificate, if the point was certified.
    pub certificate: Option<Certificate>,
}

impl CriticalPoint {
    /// `true` for a real local minimum.
    pub fn is_local_minimum(&self) -> bool {
        self.hessian_index == Some(0)
    }
}

/// The outcome of [`Architecture::critical_points`].
#[derive(Clone, Debug, PartialEq)]
pub struct CriticalPoints {
    /// The exact number of complex critical points for generic data, `C_k`.
    pub expected: usize,
    /// The distinct solutions found: the certified ones first.
    pub solutions: Vec<CriticalPoint>,
    /// Monodromy loops run.
    pub loops: usize,
    /// Paths tracked in all.
    pub paths_tracked: usize,
}

impl CriticalPoints {
    /// The number of distinct solutions found.
    pub fn found(&self) -> usize {
        self.solutions.len()
    }

    /// The number of certified, pairwise distinct solutions with `mu != 0`.
    pub fn certified(&self) -> usize {
        self.solutions
            .iter()
            .filter(|s| s.certificate.is_some())
            .count()
    }

    /// `true` when the certified solutions are exactly `expected` many: the
    /// set of critical points is provably complete.
    pub fn is_complete(&self) -> bool {
        self.certified() == self.expected
    }

    /// The real solutions.
    pub fn real(&self) -> impl Iterator<Item = &CriticalPoint> {
        self.solutions.iter().filter(|s| s.is_real)
    }

    /// The number of real solutions.
    pub fn num_real(&self) -> usize {
        self.real().count()
    }

    /// The real solution of least loss (the global minimum over the real
    /// neuromanifold when the set is complete).
    pub fn global_minimum(&self) -> Option<&CriticalPoint> {
        self.real().min_by(|a, b| a.loss.re.total_cmp(&b.loss.re))
    }
}

/// A fixed random complex vector per layer but the last, for comparing
/// orbits independently of the charts they were computed in.
fn orbit_key_chart(arch: &Architecture, seed: u64) -> Vec<Vec<Complex64>> {
    let mut rng = SplitMix::new(seed ^ 0x0B17_0000_0000_0001);
    let sizes = arch.filter_sizes();
    sizes[..sizes.len() - 1]
        .iter()
        .map(|&k| {
            (0..k)
                .map(|_| Complex64::new(rng.normal(), rng.normal()))
                .collect()
        })
        .collect()
}

/// The orbit of `layers` under rescaling, as one point: its representative
/// with `c_l . w_l = 1` for the random complex `c_l` ([`rescale_to_chart`]);
/// the layers themselves in the probability-zero case `c_l . w_l = 0`.
fn orbit_key(chart: &[Vec<Complex64>], layers: &[Vec<Complex64>]) -> Vec<Complex64> {
    rescale_to_chart(chart, layers)
        .as_deref()
        .unwrap_or(layers)
        .concat()
}

/// The loss at the float end-to-end filter `c`.
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

impl Architecture {
    /// All critical points of `loss` in parameter space (modulo rescaling of
    /// the layers), found by monodromy and certified complete by the exact
    /// count (see [`crate::critical::points`] for the method).
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
        self.check_end_to_end_length(loss.dimension())?;
        let count = self.critical_point_count()?;
        let expected = count
            .to_usize()
            .filter(|&c| c <= options.max_expected)
            .ok_or_else(|| Error::TooLarge {
                what: "number of critical points",
                estimate: count.to_u128().unwrap_or(u128::MAX),
                limit: options.max_expected as u128,
                raise_with: Some("CriticalPointOptions::max_expected"),
            })?;
        options.tracker.validate()?;
        if options.threads == 0 {
            return Err(Error::InvalidArgument {
                name: "threads",
                value: "0".into(),
                reason: "at least one worker thread is needed".into(),
            });
        }
        if options.transfer_attempts == 0 {
            return Err(Error::InvalidArgument {
                name: "transfer_attempts",
                value: "0".into(),
                reason: "at least one transfer to the target is needed".into(),
            });
        }
        let sys = GradientSystem::new(self, loss, options.seed)?;
        let (z0, v0) = sys.start_pair(options.seed)?;
        let mut rng = SplitMix::new(options.seed ^ 0x7A2_6E70_0000_0001);
        let mono_options = |round: u64| MonodromyOptions {
            seed: options.seed.wrapping_add(round.wrapping_mul(0x9E37_79B9)),
            max_loops: options.max_loops,
            stall_loops: options.stall_loops,
            threads: options.threads,
            tracker: options.tracker,
        };
        let mut mono = monodromy_solve(&sys, &v0, vec![z0], Some(expected), &mono_options(0))?;
        let (mut loops, mut paths) = (mono.loops, mono.paths_tracked);
        // Seed the orbits a generic start cannot reach (strata of the
        // parametrisation): rounds of random stratum points, each moved to the
        // base v0 by one path; new ones join the next monodromy run (which runs
        // in any case: an orbit can also just be slow to fill).
        let mut round = 0;
        while mono.solutions.len() < expected && round < options.extra_rounds {
            round += 1;
            let mut starts = std::mem::take(&mut mono.solutions);
            for _ in 0..options.starts_per_round {
                let Some(z) = sys.random_stratum_point(&mut rng) else {
                    continue;
                };
                let Ok(v) = sys.parameters_for(&z, &mut rng) else {
                    continue;
                };
                let segment = Segment::new(v, v0.clone(), random_gamma(&mut rng))?;
                paths += 1;
                if let Ok(end) = track(&sys, &segment, &z, &options.tracker) {
                    if !is_known(&starts, &end) {
                        starts.push(end);
                    }
                }
            }
            mono = monodromy_solve(
                &sys,
                &v0,
                starts,
                Some(expected),
                &mono_options(round as u64),
            )?;
            loops += mono.loops;
            paths += mono.paths_tracked;
        }
        // Transfer to the target: endpoints as layer filters (numerically
        // distinct orbits, mu != 0). The parameter v is the same in every
        // chart, so a retry may use a new chart: a target solution at
        // infinity of one chart is finite in the next.
        let base_layers: Vec<Vec<Vec<Complex64>>> =
            mono.solutions.iter().map(|z| sys.layers(z)).collect();
        let mut layers: Vec<Vec<Vec<Complex64>>> = Vec::new();
        let mut keys: Vec<Vec<Complex64>> = Vec::new();
        let key_chart = orbit_key_chart(self, options.seed);
        for attempt in 0..options.transfer_attempts {
            let fresh;
            let tsys = if attempt == 0 {
                &sys
            } else {
                fresh = GradientSystem::new(self, loss, options.seed ^ (0x7FF1 * attempt as u64))?;
                &fresh
            };
            let target = tsys.target_float().to_vec();
            let starts: Vec<Vec<Complex64>> = base_layers
                .iter()
                .filter_map(|w| tsys.chart_point(w))
                .collect();
            let segment = Segment::new(v0.clone(), target.clone(), random_gamma(&mut rng))?;
            let ends = track_all(tsys, &[segment], &starts, &options.tracker, options.threads);
            paths += starts.len();
            for z in ends.into_iter().flatten() {
                if let Some((z, _)) = refine(tsys, &z, &target) {
                    let w = tsys.layers(&z);
                    let key = orbit_key(&key_chart, &w);
                    if max_norm(&tsys.end_to_end(&z)) > 1e-8 && !is_known(&keys, &key) {
                        keys.push(key);
                        layers.push(w);
                    }
                }
            }
            if layers.len() >= expected {
                break;
            }
        }
        // Certify in the chart (among the tracking chart and a few random
        // ones) that keeps every endpoint farthest from infinity: a solution
        // near infinity of a chart has huge coordinates and resists
        // certification there. One chart for all keeps the boxes comparable.
        let quality = |s: &GradientSystem| {
            layers
                .iter()
                .map(|w| s.chart_quality(w))
                .fold(1.0, f64::min)
        };
        let mut best_quality = quality(&sys);
        let mut sys = sys;
        for i in 1..=options.chart_candidates as u64 {
            let other = GradientSystem::new(self, loss, options.seed.wrapping_add(i))?;
            let q = quality(&other);
            if q > best_quality {
                best_quality = q;
                sys = other;
            }
        }
        let target = sys.target_float().to_vec();
        let mut certified: Vec<(Vec<Complex64>, Certificate)> = Vec::new();
        let mut uncertified: Vec<Vec<Complex64>> = Vec::new();
        for w in &layers {
            let Some(z) = sys.chart_point(w) else {
                continue;
            };
            let z = refine(&sys, &z, &target).map_or(z, |(z, _)| z);
            let cert = certify(&sys, &z).filter(|c| {
                let mu = sys.end_to_end_interval(&c.enclosure);
                mu.iter().any(|m| !m.contains_zero())
            });
            match cert {
                Some(c) if certified.iter().all(|(_, d)| c.is_disjoint_from(d)) => {
                    certified.push((z, c));
                }
                Some(_) => {}
                None => {
                    if !is_known(&uncertified, &z) {
                        uncertified.push(z);
                    }
                }
            }
        }
        let known: Vec<Vec<Complex64>> = certified.iter().map(|(z, _)| z.clone()).collect();
        uncertified.retain(|z| !is_known(&known, z));
        let n = sys.num_variables();
        let describe = |z: Vec<Complex64>, certificate: Option<Certificate>| -> CriticalPoint {
            let scale = 1.0 + max_norm(&z);
            let is_real = match certificate.as_ref().and_then(|c| c.real) {
                Some(r) => r,
                None => z.iter().all(|x| x.im.abs() <= 1e-8 * scale),
            };
            let z = if is_real {
                match &certificate {
                    Some(c) if c.real == Some(true) => c.center(),
                    _ => z.iter().map(|x| Complex64::new(x.re, 0.0)).collect(),
                }
            } else {
                z
            };
            let end_to_end = sys.end_to_end(&z);
            let mut value = float_loss(loss, &end_to_end);
            let hessian_index = is_real.then(|| {
                value.im = 0.0;
                let h: Vec<f64> = sys.hessian(&z).iter().map(|x| x.re).collect();
                symmetric_eigenvalues(&h, n)
                    .iter()
                    .filter(|&&e| e < 0.0)
                    .count()
            });
            CriticalPoint {
                layers: sys.layers(&z),
                end_to_end,
                chart_point: z,
                is_real,
                loss: value,
                hessian_index,
                certificate,
            }
        };
        let mut solutions: Vec<CriticalPoint> = certified
            .into_iter()
            .map(|(z, c)| describe(z, Some(c)))
            .collect();
        solutions.extend(uncertified.into_iter().map(|z| describe(z, None)));
        Ok(CriticalPoints {
            expected,
            solutions,
            loops,
            paths_tracked: paths,
        })
    }
}
