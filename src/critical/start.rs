//! Start systems: all critical points of one generic loss, solved once by
//! monodromy and certified, saved to a file, and moved to any dataset's loss
//! by one parameter homotopy ([`Architecture::critical_points_from`]).
//!
//! # The mathematics
//!
//! The gradient system `F(z; Q, v) = J(z)^T (Q mu(z) - v)` is linear in the
//! parameters `(Q, v)` (a symmetric form and the target term `v = Q u`).
//! For generic `(Q, v)` it has exactly `C_k` regular solutions
//! ([`Architecture::critical_point_count`]), which move continuously with
//! the parameters. Solving one generic member `(Q_0, v_0)` completely (by
//! monodromy, certified) therefore gives, for every other loss
//! `(Q_1, v_1)`, all its critical points by tracking exactly `C_k` paths
//! along `p(s) = p_0 + s (p_1 - p_0)`, `s = t / (t + gamma (1 - t))` with a
//! random complex `gamma` (the gamma trick: for all but finitely many
//! arguments of `gamma` the arc misses the discriminant, even though
//! `p_1`, real data, is not random). This is what HomotopyContinuation.jl
//! calls a parameter homotopy.
//!
//! The start system here is the loss [`Loss::random`] of a seed derived
//! from the start seed (a real positive definite `Q_0`) with a complex
//! `v_0` drawn so that one random complex point is a solution
//! ([`GradientSystem::start_pair`]); monodromy over `v` fills in the
//! rest (see `crate::homotopy::monodromy`), seeded on strata of the
//! parametrisation when the solutions form several orbits. Each solution is
//! certified by the Krawczyk test at `(Q_0, v_0)`, with pairwise disjoint
//! boxes.
//!
//! # File format (version 1)
//!
//! Plain text, one record per line, fields separated by single spaces;
//! every float is written as the 16 hexadecimal digits of its IEEE 754
//! binary64 bit pattern (`f64::to_bits`), so a file round-trips exactly,
//! and a complex number as two such fields (real, imaginary):
//!
//! ```text
//! neurovariety-start-system 1
//! architecture 3,3,3/2,2,1          filter sizes / strides (all layers)
//! seed 1
//! chart 3 -5 7                      one line per layer but the last: the integer chart vector a_l
//! form <k*k complex>                Q_0, row-major
//! parameters <k complex>            v_0
//! expected 2385                     C_k
//! certified 2385                    solutions with a Krawczyk certificate
//! paths 7020                        paths tracked to solve it
//! loops 0                           monodromy nodes added to the triangle
//! solution <N complex>              C_k lines: the chart points z
//! end
//! ```
//!
//! Lines starting with `#` are comments. [`StartSystem::fingerprint`] is a
//! 64-bit FNV-1a hash of the data lines, written into shard files so that a
//! merge refuses shards of different start systems.
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::{CriticalPointOptions, Loss, StartSystem};
//! use neurovariety::Architecture;
//!
//! let arch = Architecture::new(&[2, 2], &[2, 1])?;
//! let start = arch.start_system(7)?;
//! assert_eq!(start.solutions().len(), 6);
//! let text = start.to_text();
//! let again = StartSystem::from_text(&text)?;
//! assert_eq!(again, start);
//! // two datasets, each by exactly C_k = 6 paths (plus retries if needed)
//! for seed in [1, 2] {
//!     let found = arch.critical_points_from(&again, &Loss::random(&arch, seed), &CriticalPointOptions::default())?;
//!     assert!(found.is_complete());
//! }
//! # Ok::<(), neurovariety::Error>(())
//! ```

use super::certify::certify_start;
use super::float_core::FixedForm;
use super::gradient::GradientSystem;
use super::loss::Loss;
use super::points::{expected_count, CriticalPointOptions};
use crate::homotopy::{random_gamma, track_all, Monodromy, MonodromyOptions, Segment};
use crate::parallel::in_pool;
use crate::progress::{Stage, Update};
use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;
use num_rational::BigRational;
use num_traits::ToPrimitive;

/// The version of the start-system file format written by
/// [`StartSystem::to_text`].
pub const START_SYSTEM_FORMAT_VERSION: u32 = 1;

/// All `C_k` critical points of a generic loss, certified: the start of a
/// parameter homotopy to any dataset (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct StartSystem {
    filter_sizes: Vec<usize>,
    strides: Vec<usize>,
    seed: u64,
    chart: Vec<Vec<i64>>,
    form: Vec<Complex64>,
    parameters: Vec<Complex64>,
    expected: usize,
    certified: usize,
    paths_tracked: usize,
    loops: usize,
    solutions: Vec<Vec<Complex64>>,
}

impl StartSystem {
    /// The filter sizes of its architecture.
    pub fn filter_sizes(&self) -> &[usize] {
        &self.filter_sizes
    }

    /// The strides of its architecture.
    pub fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// The seed it was solved from.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The chart points of its solutions (`C_k` of them when complete).
    pub fn solutions(&self) -> &[Vec<Complex64>] {
        &self.solutions
    }

    /// The integer chart vectors `a_l` (one per layer but the last).
    pub fn chart(&self) -> &[Vec<i64>] {
        &self.chart
    }

    /// The form `Q_0` (row-major, floats).
    pub fn form(&self) -> &[Complex64] {
        &self.form
    }

    /// The target term `v_0`.
    pub fn parameters(&self) -> &[Complex64] {
        &self.parameters
    }

    /// `C_k`.
    pub fn expected(&self) -> usize {
        self.expected
    }

    /// How many solutions are certified (pairwise disjoint Krawczyk boxes).
    pub fn certified(&self) -> usize {
        self.certified
    }

    /// Paths tracked to solve it.
    pub fn paths_tracked(&self) -> usize {
        self.paths_tracked
    }

    /// Monodromy nodes added beyond the initial triangle.
    pub fn loops(&self) -> usize {
        self.loops
    }

    /// `true` when all `C_k` solutions are known and certified.
    pub fn is_complete(&self) -> bool {
        self.certified == self.expected && self.solutions.len() == self.expected
    }

    /// `true` if the start system belongs to `arch` (same sizes and strides).
    pub(crate) fn check_architecture(&self, arch: &Architecture) -> Result<(), Error> {
        if arch.filter_sizes() != self.filter_sizes.as_slice()
            || arch.strides() != self.strides.as_slice()
        {
            return Err(Error::InvalidArgument {
                name: "start system",
                value: architecture_text(&self.filter_sizes, &self.strides),
                reason: format!(
                    "it was solved for another architecture than {}",
                    architecture_text(arch.filter_sizes(), arch.strides())
                ),
            });
        }
        Ok(())
    }

    /// The chart as exact rationals.
    pub(crate) fn chart_rational(&self) -> Vec<Vec<BigRational>> {
        self.chart
            .iter()
            .map(|a| {
                a.iter()
                    .map(|&x| BigRational::from_integer(x.into()))
                    .collect()
            })
            .collect()
    }

    /// The parameter vector `(v_0, Q_0)` of the data homotopy.
    pub(crate) fn parameter_vector(&self) -> Vec<Complex64> {
        self.parameters.iter().chain(&self.form).copied().collect()
    }

    /// The file text (format version 1, see the module documentation).
    pub fn to_text(&self) -> String {
        let mut out = format!("neurovariety-start-system {START_SYSTEM_FORMAT_VERSION}\n");
        out += &self.data_lines();
        out += "end\n";
        out
    }

    fn data_lines(&self) -> String {
        let mut out = format!(
            "architecture {}\nseed {}\n",
            architecture_text(&self.filter_sizes, &self.strides),
            self.seed
        );
        for a in &self.chart {
            let v: Vec<String> = a.iter().map(|x| x.to_string()).collect();
            out += &format!("chart {}\n", v.join(" "));
        }
        out += &format!("form {}\n", write_complex(&self.form));
        out += &format!("parameters {}\n", write_complex(&self.parameters));
        out += &format!(
            "expected {}\ncertified {}\npaths {}\nloops {}\n",
            self.expected, self.certified, self.paths_tracked, self.loops
        );
        for z in &self.solutions {
            out += &format!("solution {}\n", write_complex(z));
        }
        out
    }

    /// A 64-bit FNV-1a hash of the data (architecture, chart, form,
    /// parameters, solutions): equal start systems have equal fingerprints.
    pub fn fingerprint(&self) -> u64 {
        fnv1a(self.data_lines().as_bytes())
    }

    /// Reads a start system from its file text.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the line for anything malformed, an unknown
    /// version, or data that does not fit the architecture.
    pub fn from_text(text: &str) -> Result<StartSystem, Error> {
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let bad = |line: usize, message: String| Error::Parse {
            input: text
                .lines()
                .nth(line)
                .unwrap_or("")
                .chars()
                .take(200)
                .collect(),
            position: 0,
            message: format!("start system, line {}: {message}", line + 1),
        };
        match lines.next() {
            Some((i, l)) => {
                let version = l.strip_prefix("neurovariety-start-system ");
                if version.map(str::trim) != Some("1") {
                    return Err(bad(
                        i,
                        "expected the header `neurovariety-start-system 1`".into(),
                    ));
                }
            }
            None => return Err(bad(0, "empty file".into())),
        }
        let mut s = StartSystem {
            filter_sizes: Vec::new(),
            strides: Vec::new(),
            seed: 0,
            chart: Vec::new(),
            form: Vec::new(),
            parameters: Vec::new(),
            expected: 0,
            certified: 0,
            paths_tracked: 0,
            loops: 0,
            solutions: Vec::new(),
        };
        let mut ended = false;
        for (i, line) in lines {
            if ended {
                return Err(bad(i, "text after `end`".into()));
            }
            let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
            let int = |t: &str| -> Result<usize, Error> {
                t.trim()
                    .parse()
                    .map_err(|_| bad(i, format!("expected a count, found {t:?}")))
            };
            match key {
                "architecture" => {
                    let (k, st) = parse_architecture(rest)
                        .ok_or_else(|| bad(i, "expected sizes/strides like 3,3/2,1".into()))?;
                    s.filter_sizes = k;
                    s.strides = st;
                }
                "seed" => {
                    s.seed = rest
                        .trim()
                        .parse()
                        .map_err(|_| bad(i, "expected an integer seed".into()))?
                }
                "chart" => s.chart.push(
                    rest.split_whitespace()
                        .map(|t| t.parse::<i64>())
                        .collect::<Result<_, _>>()
                        .map_err(|_| bad(i, "expected integers".into()))?,
                ),
                "form" => s.form = read_complex(rest).ok_or_else(|| bad(i, "bad floats".into()))?,
                "parameters" => {
                    s.parameters = read_complex(rest).ok_or_else(|| bad(i, "bad floats".into()))?
                }
                "expected" => s.expected = int(rest)?,
                "certified" => s.certified = int(rest)?,
                "paths" => s.paths_tracked = int(rest)?,
                "loops" => s.loops = int(rest)?,
                "solution" => s
                    .solutions
                    .push(read_complex(rest).ok_or_else(|| bad(i, "bad floats".into()))?),
                "end" => ended = true,
                other => return Err(bad(i, format!("unknown record {other:?}"))),
            }
        }
        if !ended {
            return Err(bad(text.lines().count(), "missing `end`".into()));
        }
        // consistency with the architecture
        let arch = Architecture::new(&s.filter_sizes, &s.strides)
            .map_err(|e| bad(1, format!("architecture: {e}")))?;
        let k = arch.end_to_end_filter_size();
        let n = 1 + s.filter_sizes.iter().map(|x| x - 1).sum::<usize>();
        let sizes_ok = s.chart.len() + 1 == s.filter_sizes.len()
            && s.chart
                .iter()
                .zip(&s.filter_sizes)
                .all(|(a, &kl)| a.len() == kl && a[0] != 0)
            && s.form.len() == k * k
            && s.parameters.len() == k
            && s.solutions.iter().all(|z| z.len() == n)
            && s.solutions.len() <= s.expected
            && s.certified <= s.expected;
        if !sizes_ok {
            return Err(bad(
                0,
                format!("the data do not fit the architecture (k = {k}, N = {n})"),
            ));
        }
        Ok(s)
    }
}

/// The step budget of a seed path.
const SEED_STEPS: usize = 300;

/// Random points on strata of the parametrisation, made critical by their
/// own target term and tracked to the base `v0`: the endpoints, and the
/// number of paths.
fn stratum_seeds(
    sys: &GradientSystem,
    fixed: &FixedForm<'_>,
    v0: &[Complex64],
    rng: &mut SplitMix,
    options: &CriticalPointOptions,
) -> Result<(Vec<Vec<Complex64>>, usize), Error> {
    let mut seeds = Vec::new();
    let mut segments = Vec::new();
    let n = sys.num_variables();
    for i in 0..options.starts_per_round {
        // alternately a point on a random stratum and a generic point: both
        // land on random solutions at the base, the first also on the
        // orbits that only strata reach
        let z = if i % 2 == 0 {
            sys.random_stratum_point(rng)
        } else {
            Some(
                (0..n)
                    .map(|_| Complex64::new(rng.normal(), rng.normal()))
                    .collect(),
            )
        };
        let Some(z) = z else {
            continue;
        };
        let Ok(v) = sys.parameters_for(&z, rng) else {
            continue;
        };
        segments.push(Segment::new(v, v0.to_vec(), random_gamma(rng))?);
        seeds.push(z);
    }
    let pairs: Vec<(&Vec<Complex64>, &Segment)> = seeds.iter().zip(&segments).collect();
    // a seed is only a sample: one that needs many steps is dropped
    let mut tracker = options.tracker;
    tracker.max_steps = tracker.max_steps.min(SEED_STEPS);
    let ends = crate::parallel::par_map(&pairs, 1, |(z, seg)| {
        track_all(
            fixed,
            std::slice::from_ref(*seg),
            std::slice::from_ref(*z),
            &tracker,
        )
        .pop()
        .flatten()
    });
    Ok((ends.into_iter().flatten().collect(), seeds.len()))
}

/// `3,3,3/2,2,1`.
pub(crate) fn architecture_text(sizes: &[usize], strides: &[usize]) -> String {
    let j = |v: &[usize]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!("{}/{}", j(sizes), j(strides))
}

/// The inverse of [`architecture_text`].
pub(crate) fn parse_architecture(text: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let (a, b) = text.trim().split_once('/')?;
    let p =
        |t: &str| -> Option<Vec<usize>> { t.split(',').map(|x| x.trim().parse().ok()).collect() };
    Some((p(a)?, p(b)?))
}

/// Complex numbers as pairs of 16-digit hexadecimal bit patterns.
pub(crate) fn write_complex(z: &[Complex64]) -> String {
    let mut out = String::with_capacity(z.len() * 34);
    for (i, x) in z.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out += &format!("{:016x} {:016x}", x.re.to_bits(), x.im.to_bits());
    }
    out
}

/// The inverse of [`write_complex`]; `None` for anything malformed or
/// non-finite.
pub(crate) fn read_complex(text: &str) -> Option<Vec<Complex64>> {
    let parts: Vec<f64> = text
        .split_whitespace()
        .map(read_float)
        .collect::<Option<_>>()?;
    if parts.len() % 2 != 0 {
        return None;
    }
    Some(
        parts
            .chunks(2)
            .map(|c| Complex64::new(c[0], c[1]))
            .collect(),
    )
}

/// One float from its 16-digit hexadecimal bit pattern (finite only).
pub(crate) fn read_float(t: &str) -> Option<f64> {
    if t.len() != 16 {
        return None;
    }
    let x = f64::from_bits(u64::from_str_radix(t, 16).ok()?);
    x.is_finite().then_some(x)
}

/// 64-bit FNV-1a.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl Architecture {
    /// A certified start system for this architecture, solved by monodromy
    /// from `seed` with the default options (see [`crate::critical::start`]).
    ///
    /// # Errors
    ///
    /// As [`Architecture::start_system_with`].
    pub fn start_system(&self, seed: u64) -> Result<StartSystem, Error> {
        self.start_system_with(&CriticalPointOptions::default().with_seed(seed))
    }

    /// A start system solved with `options` (its seed, loop bounds, threads,
    /// tracker and progress observer). An incomplete result (fewer than
    /// `C_k` solutions found or certified) is not an error: check
    /// [`StartSystem::is_complete`].
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] if `C_k` exceeds `options.max_expected`,
    /// [`Error::InvalidArgument`] for bad options.
    pub fn start_system_with(&self, options: &CriticalPointOptions) -> Result<StartSystem, Error> {
        options.validate()?;
        let expected = expected_count(self, options)?;
        in_pool(options.threads, || self.solve_start(expected, options))?
    }

    fn solve_start(
        &self,
        expected: usize,
        options: &CriticalPointOptions,
    ) -> Result<StartSystem, Error> {
        let seed = options.seed;
        let loss0 = Loss::random(self, seed ^ 0x57A2_75EE_D000_0001);
        let sys = GradientSystem::new(self, &loss0, seed)?;
        let mut rng = SplitMix::new(seed ^ 0x7A2_6E70_0000_0001);
        // a regular start pair (a random point is regular with probability 1)
        let mut pair = sys.start_pair(seed);
        for retry in 1..8u64 {
            if pair.is_ok() {
                break;
            }
            pair = sys.start_pair(seed.wrapping_add(retry << 32));
        }
        let (z0, v0) = pair?;
        let fixed = FixedForm {
            core: sys.core(),
            q: sys.form_float(),
        };
        let mono_options = MonodromyOptions::default()
            .with_seed(seed)
            .with_max_loops(options.max_loops)
            .with_stall_loops(options.stall_loops)
            .with_threads(crate::parallel::threads())
            .with_tracker(options.tracker)
            .with_progress(options.progress.clone());
        let mut mono = Monodromy::new(&fixed, &v0, &mono_options)?;
        mono.add_solutions(vec![z0])?;
        mono.run(Some(expected))?;
        let mut extra_paths = 0;
        // When the graph is exhausted short of the count, either the
        // solutions form several orbits (strata of the parametrisation, which
        // no loop connects: seeded by random stratum points, each moved to
        // the base by one path) or the loops do not act transitively yet (a
        // new loop). Seeds first; a loop when a round of seeds found nothing.
        let (mut rounds, mut empty_rounds) = (0, 0);
        while mono.solutions().len() < expected && rounds < options.extra_rounds {
            rounds += 1;
            let (seeds, paths) = stratum_seeds(&sys, &fixed, &v0, &mut rng, options)?;
            extra_paths += paths;
            let added = mono.add_solutions(seeds)?;
            empty_rounds = if added == 0 { empty_rounds + 1 } else { 0 };
            if empty_rounds >= options.stall_loops && mono.loops < options.max_loops {
                mono.add_loop()?;
                empty_rounds = 0;
            }
            mono.run(Some(expected))?;
        }
        let solutions: Vec<Vec<Complex64>> = mono.solutions().to_vec();
        options.progress.report(&Update::Solutions {
            stage: Stage::Certification,
            found: solutions.len() as u64,
            expected: expected as u64,
            paths: (mono.paths_tracked + extra_paths) as u64,
            certified: 0,
        });
        let certified = certify_start(&sys, &v0, &solutions);
        options.progress.report(&Update::Solutions {
            stage: Stage::Certification,
            found: solutions.len() as u64,
            expected: expected as u64,
            paths: (mono.paths_tracked + extra_paths) as u64,
            certified: certified as u64,
        });
        let chart = sys
            .chart()
            .iter()
            .map(|a| {
                a.iter()
                    .map(|x| x.to_integer().to_i64().unwrap_or(0))
                    .collect()
            })
            .collect();
        Ok(StartSystem {
            filter_sizes: self.filter_sizes().to_vec(),
            strides: self.strides().to_vec(),
            seed,
            chart,
            form: sys.form_float().to_vec(),
            parameters: v0,
            expected,
            certified,
            paths_tracked: mono.paths_tracked + extra_paths,
            loops: mono.loops,
            solutions,
        })
    }
}
