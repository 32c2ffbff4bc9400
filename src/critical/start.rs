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
//! The start system is the (normalised, [`Loss::normalized`]) loss
//! [`start_loss`] of the seed: a positive definite integer form and an
//! integer target with entries up to `10^6`, generic with probability
//! close to 1. Its critical points are found as those of any loss
//! ([`crate::critical::points`]: monodromy over `(v, Q)`, every stratum
//! seeded) and certified by the Krawczyk test in the charts of the seed.
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
//! chart 3 -5 7 = 8                  one line per layer but the last: b_l and r_l of b_l . w_l = r_l (`= 1` may be left out)
//! form <k*k complex>                Q_0, row-major
//! parameters <k complex>            v_0
//! expected 2385                     C_k
//! certified 2385                    solutions with a Krawczyk certificate
//! paths 7020                        paths tracked to solve it
//! loops 0                           monodromy loops added to the first graph
//! solution <N complex>              C_k lines: the chart points z
//! end
//! ```
//!
//! Lines starting with `#` are comments. [`StartSystem::fingerprint`] is a
//! 64-bit FNV-1a hash of the data lines, written into shard files so that a
//! merge refuses shards of different start systems. [`StartSystem::read`]
//! streams a file: its memory is that of the solutions, at most `C_k` of
//! them (checked against the architecture), whatever the file's size.
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

use super::chart::Chart;
use super::diagnostics::Diagnostics;
use super::files::{
    architecture_text, parse_architecture, read_complex, write_complex, Fnv, RecordReader,
};
use super::gradient::GradientSystem;
use super::loss::Loss;
use super::options::CriticalPointOptions;
use super::points::CriticalPoints;
use crate::linalg::Matrix;
use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;
use num_rational::BigRational;
use std::io::BufRead;

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
    chart: Chart,
    form: Vec<Complex64>,
    parameters: Vec<Complex64>,
    expected: usize,
    certified: usize,
    paths_tracked: usize,
    loops: usize,
    solutions: Vec<Vec<Complex64>>,
}

/// The generic loss of a start system: `Q = B^T B + I` with integer `B`
/// (entries in `[-3, 3]`, as [`Loss::random`]) and an integer target with
/// entries in `[-10^6, 10^6]`, none 0 (a small target is special for about
/// one seed in a hundred; see [`Loss::random`]).
#[must_use]
pub fn start_loss(arch: &Architecture, seed: u64) -> Loss {
    let k = arch.end_to_end_filter_size();
    let base = Loss::random(arch, seed ^ 0x57A2_75EE_D000_0001);
    let mut rng = SplitMix::new(seed ^ 0x5EED_7A26_E700_0001);
    let u: Vec<BigRational> = (0..k)
        .map(|_| BigRational::from_integer(rng.nonzero_int(1_000_000).into()))
        .collect();
    let form = Matrix::from_rows(
        (0..k)
            .map(|r| (0..k).map(|c| base.form().get(r, c).clone()).collect())
            .collect(),
    )
    .expect("a square matrix");
    Loss::from_quadratic(form, u).expect("B^T B + I is positive definite")
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

    /// The chart of its solutions.
    pub fn chart(&self) -> &Chart {
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

    /// Monodromy loops added to the first graph.
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

    /// The parameter vector `(v_0, Q_0)` of the data homotopy.
    pub(crate) fn parameter_vector(&self) -> Vec<Complex64> {
        self.parameters.iter().chain(&self.form).copied().collect()
    }

    /// The data records (everything but the header and `end`), one string
    /// per line (with its newline), in file order.
    fn data_lines(&self) -> impl Iterator<Item = String> + '_ {
        let head = format!(
            "architecture {}\nseed {}\n",
            architecture_text(&self.filter_sizes, &self.strides),
            self.seed
        );
        let charts =
            (0..self.chart.vectors().len()).map(|l| format!("chart {}\n", self.chart.record(l)));
        let middle = format!(
            "form {}\nparameters {}\nexpected {}\ncertified {}\npaths {}\nloops {}\n",
            write_complex(&self.form),
            write_complex(&self.parameters),
            self.expected,
            self.certified,
            self.paths_tracked,
            self.loops
        );
        std::iter::once(head)
            .chain(charts)
            .chain(std::iter::once(middle))
            .chain(
                self.solutions
                    .iter()
                    .map(|z| format!("solution {}\n", write_complex(z))),
            )
    }

    /// The file text (format version 1, see the module documentation).
    pub fn to_text(&self) -> String {
        let mut out = format!("neurovariety-start-system {START_SYSTEM_FORMAT_VERSION}\n");
        self.data_lines().for_each(|l| out += &l);
        out += "end\n";
        out
    }

    /// Writes the file (format version 1) to `out`, line by line.
    ///
    /// # Errors
    ///
    /// The writer's errors, as [`Error::InvalidArgument`].
    pub fn write(&self, out: &mut impl std::io::Write) -> Result<(), Error> {
        let io = |e: std::io::Error| Error::InvalidArgument {
            name: "start system file",
            value: String::new(),
            reason: e.to_string(),
        };
        writeln!(
            out,
            "neurovariety-start-system {START_SYSTEM_FORMAT_VERSION}"
        )
        .map_err(io)?;
        for l in self.data_lines() {
            out.write_all(l.as_bytes()).map_err(io)?;
        }
        out.write_all(b"end\n").map_err(io)
    }

    /// A 64-bit FNV-1a hash of the data (architecture, chart, form,
    /// parameters, solutions): equal start systems have equal fingerprints.
    pub fn fingerprint(&self) -> u64 {
        let mut h = Fnv::default();
        self.data_lines().for_each(|l| h.add(l.as_bytes()));
        h.value()
    }

    /// Reads a start system from its file text.
    ///
    /// # Errors
    ///
    /// As [`StartSystem::read`].
    pub fn from_text(text: &str) -> Result<StartSystem, Error> {
        StartSystem::read(text.as_bytes())
    }

    /// Reads a start system, streaming (see the module documentation).
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the line for anything malformed, an unknown
    /// version, more solutions than `C_k` of the architecture, or data that
    /// does not fit the architecture.
    pub fn read(input: impl BufRead) -> Result<StartSystem, Error> {
        let mut r = RecordReader::open(
            input,
            "start-system",
            START_SYSTEM_FORMAT_VERSION,
            "start system",
        )?;
        let mut s = StartSystem {
            filter_sizes: Vec::new(),
            strides: Vec::new(),
            seed: 0,
            chart: Chart::unchecked(Vec::new()),
            form: Vec::new(),
            parameters: Vec::new(),
            expected: 0,
            certified: 0,
            paths_tracked: 0,
            loops: 0,
            solutions: Vec::new(),
        };
        let mut arch: Option<Architecture> = None;
        let mut bound = usize::MAX;
        let mut charts: Vec<Vec<i64>> = Vec::new();
        let mut rhs: Vec<i64> = Vec::new();
        while let Some(rec) = r.next()? {
            let count = |t: &str| -> Result<usize, Error> {
                t.trim()
                    .parse()
                    .map_err(|_| rec.error(&r, &format!("expected a count, found {t:?}")))
            };
            let floats = |t: &str| read_complex(t).ok_or_else(|| rec.error(&r, "bad floats"));
            match rec.key.as_str() {
                "architecture" => {
                    let (k, st) = parse_architecture(&rec.rest)
                        .ok_or_else(|| rec.error(&r, "expected sizes/strides like 3,3/2,1"))?;
                    let a = Architecture::new(&k, &st)
                        .map_err(|e| rec.error(&r, &format!("architecture: {e}")))?;
                    // at most C_k solutions: memory bounded by the architecture
                    bound = a
                        .critical_point_count()
                        .ok()
                        .and_then(|c| usize::try_from(c).ok())
                        .unwrap_or(usize::MAX);
                    s.filter_sizes = k;
                    s.strides = st;
                    arch = Some(a);
                }
                "seed" => {
                    s.seed = rec
                        .rest
                        .trim()
                        .parse()
                        .map_err(|_| rec.error(&r, "expected an integer seed"))?
                }
                "chart" => {
                    let (v, rh) = Chart::parse_record(&rec.rest).ok_or_else(|| {
                        rec.error(&r, "expected integers, optionally `= r` with an integer r")
                    })?;
                    charts.push(v);
                    rhs.push(rh);
                }
                "form" => s.form = floats(&rec.rest)?,
                "parameters" => s.parameters = floats(&rec.rest)?,
                "expected" => s.expected = count(&rec.rest)?,
                "certified" => s.certified = count(&rec.rest)?,
                "paths" => s.paths_tracked = count(&rec.rest)?,
                "loops" => s.loops = count(&rec.rest)?,
                "solution" => {
                    if s.solutions.len() >= bound {
                        return Err(rec.error(
                            &r,
                            &format!("more solutions than C_k = {bound} of the architecture"),
                        ));
                    }
                    s.solutions.push(floats(&rec.rest)?)
                }
                other => return Err(rec.error(&r, &format!("unknown record {other:?}"))),
            }
        }
        let bad = |message: String| Error::Parse {
            input: String::new(),
            position: 0,
            message: format!("start system: {message}"),
        };
        let arch = arch.ok_or_else(|| bad("no `architecture` record".into()))?;
        s.chart = Chart::with_rhs(&arch, charts, rhs).map_err(|e| bad(format!("chart: {e}")))?;
        let k = arch.end_to_end_filter_size();
        let n = 1 + s.filter_sizes.iter().map(|x| x - 1).sum::<usize>();
        let sizes_ok = s.form.len() == k * k
            && s.parameters.len() == k
            && s.solutions.iter().all(|z| z.len() == n)
            && s.solutions.len() <= s.expected
            && s.expected <= bound
            && s.certified <= s.expected;
        if !sizes_ok {
            return Err(bad(format!(
                "the data do not fit the architecture (k = {k}, N = {n}, C_k = {bound})"
            )));
        }
        Ok(s)
    }

    /// The start system of the critical points `found` of the normalised
    /// start loss `sys` (see [`Architecture::start_system_with`]).
    pub(crate) fn from_points(
        arch: &Architecture,
        seed: u64,
        sys: &GradientSystem,
        found: &CriticalPoints,
    ) -> StartSystem {
        // the certified ones first, each as a chart point of `sys`
        let solutions: Vec<Vec<Complex64>> = found
            .solutions()
            .iter()
            .filter_map(|p| sys.chart().point(&p.layers))
            .collect();
        StartSystem {
            filter_sizes: arch.filter_sizes().to_vec(),
            strides: arch.strides().to_vec(),
            seed,
            chart: sys.chart().clone(),
            form: sys.form_float().to_vec(),
            parameters: sys.target_float().to_vec(),
            expected: found.expected(),
            certified: found.certified(),
            paths_tracked: found.paths_tracked(),
            loops: found.loops(),
            solutions,
        }
    }
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
    /// tracker and progress observer): the certified critical points of the
    /// normalised [`start_loss`] of the seed. An incomplete result (fewer
    /// than `C_k` solutions found or certified) is not an error: check
    /// [`StartSystem::is_complete`].
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] if `C_k` exceeds `options.max_expected`,
    /// [`Error::InvalidArgument`] for bad options.
    pub fn start_system_with(&self, options: &CriticalPointOptions) -> Result<StartSystem, Error> {
        self.start_system_solved(options).map(|(start, _)| start)
    }

    /// [`Architecture::start_system_with`] and the diagnostics of its solve
    /// (the orbits of the strata, the tail), which the start file does not keep.
    pub(crate) fn start_system_solved(
        &self,
        options: &CriticalPointOptions,
    ) -> Result<(StartSystem, Diagnostics), Error> {
        let seed = options.seed();
        let loss = start_loss(self, seed);
        let normalized = loss.normalized();
        let found = self.critical_points(&normalized.loss, options)?;
        let sys = GradientSystem::with_chart(self, &normalized.loss, Chart::random(self, seed))?;
        let start = StartSystem::from_points(self, seed, &sys, &found);
        Ok((start, found.diagnostics().clone()))
    }
}
