//! Monodromy solving: all regular solutions of a parameter homotopy from one.
//!
//! # The mathematics
//!
//! Let `F(z; p) = 0` be a square system whose regular solutions over a
//! generic parameter `p_0` are finitely many, say `d`. The incidence variety
//! `{(z, p) : F(z; p) = 0, det dF/dz != 0}` maps onto an open set of parameter
//! space as a `d`-sheeted covering; when the component through a known
//! solution is irreducible (as for the gradient system of a generic
//! quadratic loss on the irreducible Segre parametrisation) its monodromy
//! group acts **transitively** on the `d` solutions. Tracking the known
//! solutions around a loop `p_0 -> p_1 -> p_2 -> p_0` (three [`Segment`]s with
//! random `p_1, p_2` and random gammas) permutes them; new endpoints are added
//! and tracked in later loops. Transitivity guarantees that the orbit of one
//! solution under enough loops is all `d` of them. Nothing in the method
//! says when the orbit is complete; the caller stops at a known count `d`
//! (the point of this crate: [`crate::Architecture::critical_point_count`])
//! or after `stall_loops` loops without a new solution.
//!
//! Path failures (a loop passing near the discriminant) only cost solutions
//! for that loop: the next loop uses new random points.
//!
//! # Example
//!
//! ```
//! use neurovariety::homotopy::{monodromy_solve, Evaluation, MonodromyOptions, ParameterHomotopy};
//! use num_complex::Complex64;
//!
//! /// z^3 - p = 0: three cube roots, found from one by monodromy.
//! struct Cube;
//! impl ParameterHomotopy for Cube {
//!     fn num_variables(&self) -> usize { 1 }
//!     fn num_parameters(&self) -> usize { 1 }
//!     fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
//!         Evaluation {
//!             value: vec![z[0] * z[0] * z[0] - p[0]],
//!             jacobian: vec![z[0] * z[0] * 3.0],
//!             parameter_jacobian: vec![Complex64::new(-1.0, 0.0)],
//!         }
//!     }
//! }
//! let one = Complex64::new(1.0, 0.0);
//! let r = monodromy_solve(&Cube, &[one], vec![vec![one]], Some(3), &MonodromyOptions::default()).unwrap();
//! assert_eq!(r.solutions.len(), 3);
//! ```

use super::dense::{max_dist, max_norm};
use super::tracker::{track, ParameterHomotopy, Segment, TrackerOptions};
use crate::random::SplitMix;
use crate::Error;
use num_complex::Complex64;

/// Settings of [`monodromy_solve`].
#[derive(Clone, Debug, PartialEq)]
pub struct MonodromyOptions {
    /// Seed of the random loops.
    pub seed: u64,
    /// Largest number of loops.
    pub max_loops: usize,
    /// Stop after this many consecutive loops without a new solution.
    pub stall_loops: usize,
    /// Worker threads for tracking (at least 1).
    pub threads: usize,
    /// Path tracker settings.
    pub tracker: TrackerOptions,
}

impl Default for MonodromyOptions {
    fn default() -> Self {
        MonodromyOptions {
            seed: 1,
            max_loops: 500,
            stall_loops: 25,
            threads: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(8),
            tracker: TrackerOptions::default(),
        }
    }
}

/// The outcome of [`monodromy_solve`].
#[derive(Clone, Debug, PartialEq)]
pub struct MonodromyResult {
    /// The base parameters.
    pub parameters: Vec<Complex64>,
    /// Distinct solutions over the base parameters.
    pub solutions: Vec<Vec<Complex64>>,
    /// Loops run.
    pub loops: usize,
    /// Paths tracked (each loop edge of each solution counts once).
    pub paths_tracked: usize,
    /// Loops abandoned because a path failed.
    pub path_failures: usize,
}

/// A random complex point with entries of the size of those of `like`.
fn random_point(rng: &mut SplitMix, like: &[Complex64]) -> Vec<Complex64> {
    let scale = (like.iter().map(|z| z.norm_sqr()).sum::<f64>() / like.len().max(1) as f64)
        .sqrt()
        .max(1.0);
    like.iter()
        .map(|_| Complex64::new(rng.normal(), rng.normal()) * scale)
        .collect()
}

/// A random gamma on the unit circle (never a negative real in practice).
pub(crate) fn random_gamma(rng: &mut SplitMix) -> Complex64 {
    loop {
        let g = Complex64::from_polar(1.0, std::f64::consts::TAU * rng.next_f64());
        if g.im.abs() > 1e-3 {
            return g;
        }
    }
}

/// Tracks each start point along `segments` in order, on `threads` threads;
/// the endpoints (in the order of `starts`), `None` where a path failed.
pub(crate) fn track_all<H: ParameterHomotopy + Sync + ?Sized>(
    h: &H,
    segments: &[Segment],
    starts: &[Vec<Complex64>],
    opts: &TrackerOptions,
    threads: usize,
) -> Vec<Option<Vec<Complex64>>> {
    let run = |z: &Vec<Complex64>| -> Option<Vec<Complex64>> {
        let mut z = z.clone();
        for s in segments {
            z = track(h, s, &z, opts).ok()?;
        }
        Some(z)
    };
    let threads = threads.max(1).min(starts.len().max(1));
    if threads == 1 {
        return starts.iter().map(run).collect();
    }
    let chunk = starts.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = starts
            .chunks(chunk)
            .map(|c| scope.spawn(move || c.iter().map(run).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// `true` if `z` is within relative distance `1e-6` of a point of `known`.
pub(crate) fn is_known(known: &[Vec<Complex64>], z: &[Complex64]) -> bool {
    let tol = 1e-6 * (1.0 + max_norm(z));
    known.iter().any(|k| max_dist(k, z) < tol)
}

/// Finds solutions of `F(z; p) = 0` over the base parameters `base` by
/// monodromy loops starting from the known solutions `starts`, until
/// `target` solutions are known (if given), `stall_loops` loops in a row
/// find nothing new, or `max_loops` loops have run.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `base` or a start do not fit the system,
/// [`Error::InvalidArgument`] for no starts,
/// [`Error::InvalidArgument`] for `threads == 0` or `max_loops == 0`,
/// [`Error::NonFinite`] for non-finite input.
pub fn monodromy_solve<H: ParameterHomotopy + Sync + ?Sized>(
    h: &H,
    base: &[Complex64],
    starts: Vec<Vec<Complex64>>,
    target: Option<usize>,
    opts: &MonodromyOptions,
) -> Result<MonodromyResult, Error> {
    if starts.is_empty() {
        return Err(Error::InvalidArgument {
            name: "starts",
            value: "[]".into(),
            reason: "monodromy needs at least one known solution".into(),
        });
    }
    if let Some(bad) = starts.iter().find(|z| z.len() != h.num_variables()) {
        return Err(Error::LengthMismatch {
            what: "start solution",
            expected: h.num_variables(),
            found: bad.len(),
        });
    }
    opts.tracker.validate()?;
    if opts.threads == 0 || opts.max_loops == 0 {
        return Err(Error::InvalidArgument {
            name: "MonodromyOptions",
            value: format!("threads = {}, max_loops = {}", opts.threads, opts.max_loops),
            reason: "both must be positive".into(),
        });
    }
    for (index, z) in starts.iter().flatten().enumerate() {
        if !z.re.is_finite() || !z.im.is_finite() {
            return Err(Error::NonFinite {
                index,
                value: z.to_string(),
            });
        }
    }
    // validates the base parameters (length, finiteness)
    Segment::new(base.to_vec(), base.to_vec(), Complex64::new(1.0, 0.0))?;
    if base.len() != h.num_parameters() {
        return Err(Error::LengthMismatch {
            what: "base parameters",
            expected: h.num_parameters(),
            found: base.len(),
        });
    }
    let mut rng = SplitMix::new(opts.seed);
    let mut solutions: Vec<Vec<Complex64>> = Vec::new();
    for z in starts {
        if !is_known(&solutions, &z) {
            solutions.push(z);
        }
    }
    let (mut loops, mut stall, mut paths, mut failures) = (0, 0, 0, 0);
    while loops < opts.max_loops
        && stall < opts.stall_loops
        && target.is_none_or(|t| solutions.len() < t)
    {
        loops += 1;
        let p1 = random_point(&mut rng, base);
        let p2 = random_point(&mut rng, base);
        let segments = [
            Segment::new(base.to_vec(), p1.clone(), random_gamma(&mut rng))?,
            Segment::new(p1, p2.clone(), random_gamma(&mut rng))?,
            Segment::new(p2, base.to_vec(), random_gamma(&mut rng))?,
        ];
        let ends = track_all(h, &segments, &solutions, &opts.tracker, opts.threads);
        paths += 3 * solutions.len();
        let before = solutions.len();
        for end in ends {
            match end {
                Some(z) => {
                    if !is_known(&solutions, &z) && target.is_none_or(|t| solutions.len() < t) {
                        solutions.push(z);
                    }
                }
                None => failures += 1,
            }
        }
        stall = if solutions.len() > before {
            0
        } else {
            stall + 1
        };
    }
    Ok(MonodromyResult {
        parameters: base.to_vec(),
        solutions,
        loops,
        paths_tracked: paths,
        path_failures: failures,
    })
}
