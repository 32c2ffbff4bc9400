//! All critical points of one loss by monodromy over the data, every orbit
//! seeded by design.
//!
//! # The method
//!
//! The gradient system `F(z; v, Q) = J(z)^T (Q mu(z) - v)` has, for generic
//! symmetric `Q` and `v`, exactly `C_k` regular solutions. Its parameters are
//! the data: the form `Q` and the linear term `v = Q u`.
//!
//! 1. **Two nodes.** The base is the loss's own `(v, Q)`; the second node is
//!    `(v_1, Q_1)` with `Q_1 = Q + E` (`E` a random complex symmetric matrix
//!    [`FORM_PERTURBATION`] times the size of `Q`'s entries) and `v_1` chosen
//!    so that a random point `z_1` is a solution. Three edges join them
//!    (gamma-trick segments with three random gammas): two independent
//!    loops. Moving `Q` as well as `v` matters: along a line in `v` alone
//!    the system is affine in the parameter and has few branch points, and
//!    loops through them generate a small group, so monodromy over `v` alone
//!    reached 95-99% of the solutions and then needed 20-40 paths per
//!    solution for the rest (measured: `docs/critical_points.md`). Over
//!    `(v, Q)` the same graph reaches all of them in about 3 paths per
//!    solution.
//! 2. **Every orbit seeded.** The solutions split into one monodromy orbit
//!    per stratum of the parametrisation ([`super::strata`]). Each stratum
//!    other than the generic one gets a random point, made a solution at
//!    `Q_1` by its own `v`, and moved to the second node by one path. Each
//!    orbit stops at its own count.
//! 3. **The base is real** for a real loss: its solutions come in conjugate
//!    pairs, and each one found brings its conjugate without a path.
//! 4. **Failures cost their own paths.** A path that fails or jumps (its
//!    end contradicts a recorded correspondence) is re-tracked with
//!    [`crate::homotopy::TrackerOptions::careful`] before anything else; one
//!    that fails carefully takes a detour. Only when the graph is exhausted
//!    short of the count is a loop (a new gamma) added.
//!
//! When the strata cannot be listed (very large groups of layers at one
//! dilation), random stratum points are seeded whenever the monodromy
//! stalls, and only the total count stops the run; the diagnostics say so.

use super::diagnostics::{Diagnostics, LateArrival, OrbitDiagnostics, StrataStatus};
use super::float_core::{FloatCore, FormAndTarget};
use super::gradient::GradientSystem;
use super::options::CriticalPointOptions;
use super::strata::{layers_from_pattern, random_pattern, CriticalPointStrata};
use crate::homotopy::{
    random_gamma, track_all, Monodromy, PathStatistics, Segment, TrackerOptions,
};
use crate::numeric::max_norm;
use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;

/// The size of the random symmetric perturbation of `Q` at the second node,
/// relative to the root mean square of `Q`'s entries. Measured: 0.3 left a
/// tail of 3-9 paths per solution, 1 about 3-7, 2 and 4 about 3
/// (`docs/critical_points.md`).
pub const FORM_PERTURBATION: f64 = 4.0;

/// Two linear factors of layers of one dilation are the same when their
/// chordal distance on `P^1` is below this (stratum classification).
pub const SHARED_FACTOR_TOLERANCE: f64 = 1e-6;

/// Random points tried per stratum seed (a point whose path fails is
/// replaced).
const SEED_ATTEMPTS: usize = 8;

/// Fresh points per stratum whose orbit is short of its count, per round
/// when the graph stalls.
const RESEEDS: usize = 4;

/// Seeds per round of the fallback (strata unknown) when the graph stalls.
const FALLBACK_SEEDS: usize = 8;

/// The solutions of one run at the base, in the system's chart.
pub(crate) struct Solved {
    pub solutions: Vec<Vec<Complex64>>,
    pub diagnostics: Diagnostics,
}

/// A random complex symmetric perturbation of the `k x k` form `q`.
fn perturbed_form(q: &[Complex64], k: usize, rng: &mut SplitMix) -> Vec<Complex64> {
    let rms = (q.iter().map(|x| x.norm_sqr()).sum::<f64>() / (k * k).max(1) as f64).sqrt();
    let scale = FORM_PERTURBATION * rms.max(f64::MIN_POSITIVE);
    let mut out = q.to_vec();
    for r in 0..k {
        for c in r..k {
            let e = Complex64::new(rng.normal(), rng.normal()) * scale;
            out[r * k + c] += e;
            if c != r {
                out[c * k + r] += e;
            }
        }
    }
    out
}

/// A point of the layers `layers` made a solution at the form `q`: the
/// chart point and its parameters `(v, q)`; `None` if the point lies at
/// infinity of the chart or is not a regular solution for any `v`.
fn seed_at(
    sys: &GradientSystem,
    core: &FloatCore,
    layers: &[Vec<Complex64>],
    q: &[Complex64],
    rng: &mut SplitMix,
) -> Option<(Vec<Complex64>, Vec<Complex64>)> {
    let z = sys.chart().point(layers)?;
    let v = core.parameters_for(&z, q, rng).ok()?;
    let p: Vec<Complex64> = v.iter().chain(q).copied().collect();
    Some((z, p))
}

/// The endpoints of a batch of paths, `None` where a path failed.
type Arrivals = Vec<Option<Vec<Complex64>>>;

/// Moves seeds (points with their own parameters) to the parameters `to`
/// (one path each): the endpoints that arrived, and the paths' statistics.
fn move_seeds(
    h: &FormAndTarget<'_>,
    seeds: &[(Vec<Complex64>, Vec<Complex64>)],
    to: &[Complex64],
    rng: &mut SplitMix,
    options: &CriticalPointOptions,
) -> Result<(Arrivals, PathStatistics), Error> {
    let segments = seeds
        .iter()
        .map(|(_, p)| Segment::new(p.clone(), to.to_vec(), random_gamma(rng)))
        .collect::<Result<Vec<_>, _>>()?;
    let jobs: Vec<(&Vec<Complex64>, &Segment)> =
        seeds.iter().map(|(z, _)| z).zip(&segments).collect();
    let tracker = options.monodromy.tracker;
    let careful = TrackerOptions::careful();
    // a seed whose path fails is re-tracked carefully on the same segment
    // before its point is given up (it is one path per stratum)
    let results = crate::parallel::par_map(&jobs, 1, |(z, seg)| {
        let (mut ends, mut stats) = track_all(
            h,
            std::slice::from_ref(*seg),
            std::slice::from_ref(*z),
            &tracker,
        );
        if ends.last().is_none_or(Option::is_none) {
            let (again, more) = track_all(
                h,
                std::slice::from_ref(*seg),
                std::slice::from_ref(*z),
                &careful,
            );
            stats += more;
            ends = again;
        }
        (ends, stats)
    });
    let mut stats = PathStatistics::default();
    let ends = results
        .into_iter()
        .map(|(mut e, s)| {
            stats += s;
            e.pop().flatten()
        })
        .collect();
    Ok((ends, stats))
}

/// All critical points of the system `sys` (its loss is the base) by
/// monodromy over `(v, Q)`, until `expected` are known or the graph stalls
/// (see the module documentation). Runs in the caller's pool.
pub(crate) fn solve(
    arch: &Architecture,
    sys: &GradientSystem,
    expected: usize,
    options: &CriticalPointOptions,
) -> Result<Solved, Error> {
    let k = arch.end_to_end_filter_size();
    let n = sys.num_variables();
    let core = sys.core();
    let q0 = sys.form_float();
    let base: Vec<Complex64> = sys.target_float().iter().chain(q0).copied().collect();
    let mut rng = SplitMix::new(options.seed() ^ 0x5017_E000_0000_0001);
    let q1 = perturbed_form(q0, k, &mut rng);
    let strata = arch.critical_point_strata();
    // the second node: a random generic point made a solution there
    let sizes = arch.filter_sizes();
    let generic: Vec<Vec<Vec<usize>>> = super::strata::groups_of(arch)
        .iter()
        .map(|g| {
            g.iter()
                .flat_map(|&l| std::iter::repeat_n(vec![l], sizes[l] - 1))
                .collect()
        })
        .collect();
    let (z1, node1) = (0..SEED_ATTEMPTS)
        .find_map(|_| {
            let layers = layers_from_pattern(&generic, sizes, &mut rng);
            seed_at(sys, core, &layers, &q1, &mut rng)
        })
        .ok_or_else(|| Error::NoConvergence {
            what: "critical points: no regular random start point (probability zero; try another seed)".into(),
        })?;
    let h = FormAndTarget { core };
    let mut mono = Monodromy::with_nodes(&h, &base, &node1, &options.monodromy)?;
    if base.iter().all(|p| p.im == 0.0) {
        mono.set_real_base()?;
    }
    let mut diagnostics = Diagnostics::default();
    let classified: Option<&CriticalPointStrata> = strata.as_ref().ok();
    if let Some(s) = classified {
        let count = s.strata().len();
        let targets: Vec<Option<usize>> = s
            .strata()
            .iter()
            .map(|st| usize::try_from(&st.count).ok())
            .chain([None])
            .collect();
        mono.set_orbits(
            move |z: &[Complex64]| {
                s.classify(&core.layers(z), SHARED_FACTOR_TOLERANCE)
                    .unwrap_or(count)
            },
            targets,
        );
        diagnostics.strata = StrataStatus::Known;
    } else if let Err(e) = &strata {
        diagnostics.strata = StrataStatus::Unknown(e.to_string());
    }
    mono.add_solutions_at(1, vec![z1])?;
    // one seed per stratum other than the generic one
    if let Some(s) = classified {
        for index in 1..s.strata().len() {
            for _ in 0..SEED_ATTEMPTS {
                let Some(layers) = s.random_layers(index, sizes, &mut rng) else {
                    break;
                };
                let Some(seed) = seed_at(sys, core, &layers, &q1, &mut rng) else {
                    continue;
                };
                let (ends, stats) = move_seeds(&h, &[seed], &node1, &mut rng, options)?;
                diagnostics.seeds += stats;
                if let Some(Some(end)) = ends.into_iter().next() {
                    mono.add_solutions_at(1, vec![end])?;
                    break;
                }
            }
        }
    }
    mono.run(Some(expected))?;
    // stalled short of the count: new loops (and, with the strata unknown,
    // random stratum points) until `stall_loops` rounds bring nothing
    let mut stall = 0;
    while mono.solutions().len() < expected
        && mono.loops() < options.monodromy.max_loops
        && stall < options.monodromy.stall_loops
    {
        let before = mono.solutions().len();
        if let Some(s) = classified {
            // every orbit still short of its count gets fresh stratum points
            // (a random point of a stratum is a random member of its orbit
            // at the second node)
            let found = mono.diagnostics().orbit_found.clone();
            let mut seeds = Vec::new();
            for (index, st) in s.strata().iter().enumerate() {
                let short = usize::try_from(&st.count)
                    .is_ok_and(|t| found.get(index).copied().unwrap_or(0) < t);
                for _ in 0..if short { RESEEDS } else { 0 } {
                    if let Some(layers) = s.random_layers(index, sizes, &mut rng) {
                        seeds.extend(seed_at(sys, core, &layers, &q1, &mut rng));
                    }
                }
            }
            if stall > 0 {
                // a round brought nothing: the orbits still short may be
                // stuck on the second node's permutations; one seed in
                // RESEEDS becomes a node of its own, joined to the base by
                // a loop
                let mut rest = Vec::with_capacity(seeds.len());
                for (i, (z, p)) in seeds.drain(..).enumerate() {
                    if i % RESEEDS == 0 {
                        let node = mono.add_node(&p)?;
                        mono.add_solutions_at(node, vec![z])?;
                    } else {
                        rest.push((z, p));
                    }
                }
                seeds = rest;
            }
            let (ends, stats) = move_seeds(&h, &seeds, &node1, &mut rng, options)?;
            diagnostics.seeds += stats;
            mono.add_solutions_at(1, ends.into_iter().flatten().collect())?;
        } else {
            let seeds: Vec<_> = (0..FALLBACK_SEEDS)
                .filter_map(|_| {
                    let layers =
                        layers_from_pattern(&random_pattern(arch, &mut rng), sizes, &mut rng);
                    seed_at(sys, core, &layers, &q1, &mut rng)
                })
                .collect();
            let (ends, stats) = move_seeds(&h, &seeds, &node1, &mut rng, options)?;
            diagnostics.seeds += stats;
            mono.add_solutions_at(1, ends.into_iter().flatten().collect())?;
        }
        mono.add_loop()?;
        mono.run(Some(expected))?;
        stall = if mono.solutions().len() > before {
            0
        } else {
            stall + 1
        };
    }
    let solutions = mono.solutions().to_vec();
    let md = mono.diagnostics().clone();
    if let Some(s) = classified {
        diagnostics.orbits = s
            .strata()
            .iter()
            .zip(&md.orbit_found)
            .map(|(st, &found)| OrbitDiagnostics {
                stratum: st.to_string(),
                expected: usize::try_from(&st.count).ok(),
                found,
            })
            .collect();
    }
    // the tail: the last 1% to arrive (at least one)
    let tail = solutions.len().div_ceil(100).max(1).min(solutions.len());
    let orbit_of = |z: &[Complex64]| {
        classified.and_then(|s| s.classify(&core.layers(z), SHARED_FACTOR_TOLERANCE))
    };
    diagnostics.late = (solutions.len() - tail..solutions.len())
        .map(|i| LateArrival {
            paths: md.arrivals.get(i).copied().unwrap_or(0),
            orbit: orbit_of(&solutions[i]),
            size: max_norm(&solutions[i]),
        })
        .collect();
    diagnostics.monodromy = md;
    debug_assert_eq!(solutions.iter().map(Vec::len).find(|&l| l != n), None);
    Ok(Solved {
        solutions,
        diagnostics,
    })
}
