//! Sharding the parameter homotopy from a saved start system: independent
//! slices of the start solutions, tracked and certified anywhere (other
//! processes, other machines, a Slurm array job), and merged with a check
//! that the union is complete and pairwise distinct.
//!
//! # The method
//!
//! The paths of a parameter homotopy are independent of each other: shard
//! `i` of `n` ([`Shard`]) takes the start solutions with indices in
//! `[(i-1) len / n, i len / n)` and runs the transfer and certification of
//! [`Architecture::critical_points_from`] on them alone
//! ([`Architecture::critical_points_shard`]). Every choice (gamma, charts,
//! orbit-key vectors) comes from `options.seed`, so all shards of one run use
//! the same ones. [`Architecture::merge_shards`] checks that the shards
//! belong to the same start system, loss, seed and split, that each slice
//! appears exactly once, **re-runs the Krawczyk test** on every box written
//! (so a merge proves what it reports, whatever produced the files), and
//! checks that the orbit-key enclosures of all certified solutions are
//! pairwise disjoint. The answer is complete exactly when
//! `found = certified = C_k`.
//!
//! # File format (version 1)
//!
//! Text, one record per line, floats as 16-digit hexadecimal bit patterns
//! (as in [`crate::critical::start`]):
//!
//! ```text
//! neurovariety-shard 1
//! architecture 3,3,3/2,2,1
//! start 5f0e0c4b7a1d2e3f            fingerprint of the start system
//! loss 0123456789abcdef             fingerprint of the exact loss
//! seed 1                            options.seed
//! charts 8                          options.chart_candidates
//! shard 1/2
//! starts 2385                       start solutions in all
//! expected 2385                     C_k
//! paths 1193                        paths tracked by this shard
//! certified <start> <chart> <radius> <real|nonreal|unknown> <N complex>
//! uncertified <start> <reason> <chart> <N complex>
//! end
//! ```
//!
//! `certified` gives the chart index (0: the start system's chart, then the
//! random charts of the seed), the relative radius of the Krawczyk box and
//! its centre; `uncertified` a reason token ([`Uncertified::token`]) and the
//! best point found (empty for `path-failed`).
//!
//! # A Slurm array job
//!
//! See `docs/cluster.md` (the `lcn` flags `--save-start`, `--start`,
//! `--shard I/N` and `lcn merge`, and a Slurm array job).
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::{CriticalPointOptions, Loss, Shard, ShardResult};
//! use neurovariety::Architecture;
//!
//! let arch = Architecture::new(&[3, 2], &[2, 1])?;
//! let start = arch.start_system(3)?;
//! let loss = Loss::random(&arch, 5);
//! let options = CriticalPointOptions::default();
//! let texts: Vec<String> = (1..=2)
//!     .map(|i| arch.critical_points_shard(&start, &loss, Shard::new(i, 2)?, &options).map(|r| r.to_text()))
//!     .collect::<Result<_, _>>()?;
//! let shards: Vec<ShardResult> = texts.iter().map(|t| ShardResult::from_text(t)).collect::<Result<_, _>>()?;
//! let merged = arch.merge_shards(&start, &loss, &shards, &options)?;
//! assert!(merged.is_complete());
//! assert_eq!(merged.certified(), 10);
//! # Ok::<(), neurovariety::Error>(())
//! ```

use super::certify::{CertifiedPoint, Uncertified, UncertifiedPoint};
use super::diagnostics::Diagnostics;
use super::files::{
    architecture_text, fnv1a, read_complex, read_float, write_complex, RecordReader,
};
use super::loss::Loss;
use super::options::{check_inputs, CriticalPointOptions};
use super::points::{assemble, certifier_for, CriticalPoints};
use super::start::StartSystem;
use super::transfer::track_to_loss;
use crate::parallel::{in_pool, par_map};
use crate::{Architecture, Error};
use num_complex::Complex64;
use std::fmt;

/// The version of the shard file format written by [`ShardResult::to_text`].
pub const SHARD_FORMAT_VERSION: u32 = 1;

/// Slice `index` (from 1) of `count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shard {
    index: usize,
    count: usize,
}

impl Shard {
    /// Shard `index` of `count`, `1 <= index <= count`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] otherwise.
    pub fn new(index: usize, count: usize) -> Result<Shard, Error> {
        if count == 0 || index == 0 || index > count {
            return Err(Error::InvalidArgument {
                name: "shard",
                value: format!("{index}/{count}"),
                reason: "need 1 <= i <= n for shard i/n".into(),
            });
        }
        Ok(Shard { index, count })
    }

    /// Reads `i/n`.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for anything else, [`Error::InvalidArgument`] as
    /// [`Shard::new`].
    pub fn parse(text: &str) -> Result<Shard, Error> {
        let bad = || Error::Parse {
            input: text.to_string(),
            position: 0,
            message: "expected a shard as i/n, e.g. 1/4".into(),
        };
        let (a, b) = text.trim().split_once('/').ok_or_else(bad)?;
        Shard::new(
            a.trim().parse().map_err(|_| bad())?,
            b.trim().parse().map_err(|_| bad())?,
        )
    }

    /// The index, from 1.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The number of shards.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The start indices of this shard among `len`.
    pub fn range(&self, len: usize) -> std::ops::Range<usize> {
        let at = |i: usize| i * len / self.count;
        at(self.index - 1)..at(self.index)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// What a shard found for one start solution.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ShardOutcome {
    /// A certificate: its chart, relative radius, realness and centre.
    Certified {
        /// Chart index (0: the start system's chart).
        chart: usize,
        /// Relative radius of the Krawczyk box.
        radius: f64,
        /// Proved real (`Some(true)`), non-real (`Some(false)`) or undecided.
        real: Option<bool>,
        /// The centre (a chart point of the normalised loss).
        center: Vec<Complex64>,
    },
    /// No certificate, and why; the best point found (empty if none).
    Uncertified {
        /// Why.
        reason: Uncertified,
        /// Chart index of `point`.
        chart: usize,
        /// The point.
        point: Vec<Complex64>,
    },
}

/// The output of one shard ([`Architecture::critical_points_shard`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ShardResult {
    architecture: String,
    start: u64,
    loss: u64,
    seed: u64,
    charts: usize,
    shard: Shard,
    starts: usize,
    expected: usize,
    paths: usize,
    /// `(start index, outcome)` for every start solution of the slice.
    pub entries: Vec<(usize, ShardOutcome)>,
}

/// A fingerprint of the exact loss (FNV-1a of its entries' decimal text).
fn loss_fingerprint(loss: &Loss) -> u64 {
    let k = loss.dimension();
    let mut text = String::new();
    for r in 0..k {
        for c in 0..k {
            text += &loss.form().get(r, c).to_string();
            text.push(' ');
        }
    }
    for u in loss.target() {
        text += &u.to_string();
        text.push(' ');
    }
    text += &loss.offset().to_string();
    fnv1a(text.as_bytes())
}

impl ShardResult {
    /// The shard.
    pub fn shard(&self) -> Shard {
        self.shard
    }

    /// The solver seed the shard was run with (`options.seed`; all shards
    /// of one run and their merge must use the same).
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Paths tracked by the shard.
    pub fn paths_tracked(&self) -> usize {
        self.paths
    }

    /// The file text (format version 1, see the module documentation).
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "neurovariety-shard {SHARD_FORMAT_VERSION}\narchitecture {}\nstart {:016x}\nloss {:016x}\nseed {}\ncharts {}\nshard {}\nstarts {}\nexpected {}\npaths {}\n",
            self.architecture, self.start, self.loss, self.seed, self.charts, self.shard, self.starts, self.expected, self.paths
        );
        for (i, e) in &self.entries {
            match e {
                ShardOutcome::Certified {
                    chart,
                    radius,
                    real,
                    center,
                } => {
                    let r = match real {
                        Some(true) => "real",
                        Some(false) => "nonreal",
                        None => "unknown",
                    };
                    out += &format!(
                        "certified {i} {chart} {:016x} {r} {}\n",
                        radius.to_bits(),
                        write_complex(center)
                    );
                }
                ShardOutcome::Uncertified {
                    reason,
                    chart,
                    point,
                } => {
                    out += &format!(
                        "uncertified {i} {} {chart} {}\n",
                        reason.token(),
                        write_complex(point)
                    );
                }
            }
        }
        out += "end\n";
        out
    }

    /// Reads a shard file.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the line for anything malformed.
    pub fn from_text(text: &str) -> Result<ShardResult, Error> {
        ShardResult::read(text.as_bytes())
    }

    /// Reads a shard file, streaming.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the line for anything malformed.
    pub fn read(input: impl std::io::BufRead) -> Result<ShardResult, Error> {
        let mut reader = RecordReader::open(input, "shard", SHARD_FORMAT_VERSION, "shard file")?;
        let mut r = ShardResult {
            architecture: String::new(),
            start: 0,
            loss: 0,
            seed: 0,
            charts: 0,
            shard: Shard { index: 1, count: 1 },
            starts: 0,
            expected: 0,
            paths: 0,
            entries: Vec::new(),
        };
        while let Some(rec) = reader.next()? {
            let bad = |m: &str| rec.error(&reader, m);
            let mut f = rec.rest.split_whitespace();
            let hex = |t: Option<&str>| {
                t.and_then(|t| u64::from_str_radix(t, 16).ok())
                    .ok_or_else(|| bad("expected a 16-digit hexadecimal fingerprint"))
            };
            let num = |t: Option<&str>| {
                t.and_then(|t| t.parse::<usize>().ok())
                    .ok_or_else(|| bad("expected a count"))
            };
            match rec.key.as_str() {
                "architecture" => r.architecture = f.next().unwrap_or("").to_string(),
                "start" => r.start = hex(f.next())?,
                "loss" => r.loss = hex(f.next())?,
                "seed" => {
                    r.seed = f
                        .next()
                        .and_then(|t| t.parse().ok())
                        .ok_or_else(|| bad("expected a seed"))?
                }
                "charts" => r.charts = num(f.next())?,
                "shard" => r.shard = Shard::parse(f.next().unwrap_or(""))?,
                "starts" => r.starts = num(f.next())?,
                "expected" => r.expected = num(f.next())?,
                "paths" => r.paths = num(f.next())?,
                "certified" => {
                    let index = num(f.next())?;
                    let chart = num(f.next())?;
                    let radius = f
                        .next()
                        .and_then(read_float)
                        .ok_or_else(|| bad("expected a radius"))?;
                    let real = match f.next() {
                        Some("real") => Some(true),
                        Some("nonreal") => Some(false),
                        Some("unknown") => None,
                        _ => return Err(bad("expected real, nonreal or unknown")),
                    };
                    let rest: Vec<&str> = f.collect();
                    let center = read_complex(&rest.join(" "))
                        .ok_or_else(|| bad("expected complex floats"))?;
                    r.entries.push((
                        index,
                        ShardOutcome::Certified {
                            chart,
                            radius,
                            real,
                            center,
                        },
                    ));
                }
                "uncertified" => {
                    let index = num(f.next())?;
                    let reason = f
                        .next()
                        .and_then(Uncertified::from_token)
                        .ok_or_else(|| bad("expected a reason token"))?;
                    let chart = num(f.next())?;
                    let rest: Vec<&str> = f.collect();
                    let point = read_complex(&rest.join(" "))
                        .ok_or_else(|| bad("expected complex floats"))?;
                    r.entries.push((
                        index,
                        ShardOutcome::Uncertified {
                            reason,
                            chart,
                            point,
                        },
                    ));
                }
                other => return Err(bad(&format!("unknown record {other:?}"))),
            }
        }
        Ok(r)
    }
}

impl Architecture {
    /// Tracks and certifies shard `shard` of the start solutions of `start`
    /// to `loss` (see [`crate::critical::shard`]). All shards of one run
    /// must use the same `options.seed` and `options.chart_candidates`.
    ///
    /// # Errors
    ///
    /// As [`Architecture::critical_points_from`].
    pub fn critical_points_shard(
        &self,
        start: &StartSystem,
        loss: &Loss,
        shard: Shard,
        options: &CriticalPointOptions,
    ) -> Result<ShardResult, Error> {
        let expected = check_inputs(self, loss.dimension(), options)?;
        start.check_architecture(self)?;
        let normalized = loss.normalized();
        let indices: Vec<usize> = shard.range(start.solutions().len()).collect();
        let (endpoints, cost) = in_pool(options.monodromy.threads, || {
            let certifier = certifier_for(self, start, &normalized, options)?;
            track_to_loss(self, start, &certifier, &indices, options)
        })??;
        let entries = indices
            .iter()
            .zip(endpoints)
            .map(|(&i, e)| {
                let outcome = match e {
                    Ok(c) => ShardOutcome::Certified {
                        chart: c.chart,
                        radius: c.certificate.radius,
                        real: c.certificate.real,
                        center: c.z,
                    },
                    Err(u) => ShardOutcome::Uncertified {
                        reason: u.reason,
                        chart: u.chart,
                        point: u.z,
                    },
                };
                (i, outcome)
            })
            .collect();
        Ok(ShardResult {
            architecture: architecture_text(self.filter_sizes(), self.strides()),
            start: start.fingerprint(),
            loss: loss_fingerprint(loss),
            seed: options.seed(),
            charts: options.chart_candidates,
            shard,
            starts: start.solutions().len(),
            expected,
            paths: cost.stats.paths,
            entries,
        })
    }

    /// Joins the shards of one run: checks that they belong to `start`,
    /// `loss` and `options` (seed, charts), that every slice `1..=n` appears
    /// exactly once and covers its start solutions, re-runs the Krawczyk
    /// test on every box, and checks pairwise distinctness (see
    /// [`crate::critical::shard`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the first inconsistency (another
    /// start system, loss, seed or split; a missing or repeated shard or
    /// start index), and the errors of [`Architecture::critical_points_from`].
    pub fn merge_shards(
        &self,
        start: &StartSystem,
        loss: &Loss,
        shards: &[ShardResult],
        options: &CriticalPointOptions,
    ) -> Result<CriticalPoints, Error> {
        let expected = check_inputs(self, loss.dimension(), options)?;
        start.check_architecture(self)?;
        let refuse = |what: String| Error::InvalidArgument {
            name: "shards",
            value: what,
            reason: "the shards do not form one run of this start system, loss and options".into(),
        };
        let n = shards.first().map(|s| s.shard.count).unwrap_or(0);
        let (fp_start, fp_loss) = (start.fingerprint(), loss_fingerprint(loss));
        let arch_text = architecture_text(self.filter_sizes(), self.strides());
        let mut seen_shard = vec![false; n];
        let mut seen_start = vec![false; start.solutions().len()];
        for s in shards {
            if s.architecture != arch_text
                || s.start != fp_start
                || s.loss != fp_loss
                || s.seed != options.seed()
                || s.charts != options.chart_candidates
                || s.shard.count != n
                || s.starts != start.solutions().len()
            {
                return Err(refuse(format!(
                    "shard {} (architecture {}, start {:016x}, loss {:016x}, seed {}, charts {})",
                    s.shard, s.architecture, s.start, s.loss, s.seed, s.charts
                )));
            }
            if std::mem::replace(&mut seen_shard[s.shard.index - 1], true) {
                return Err(refuse(format!("shard {} appears twice", s.shard)));
            }
            let range = s.shard.range(start.solutions().len());
            for (i, _) in &s.entries {
                if !range.contains(i) || std::mem::replace(&mut seen_start[*i], true) {
                    return Err(refuse(format!(
                        "start index {i} in shard {} (out of its slice or repeated)",
                        s.shard
                    )));
                }
            }
        }
        if let Some(missing) = seen_shard.iter().position(|&b| !b) {
            return Err(refuse(format!("shard {}/{n} is missing", missing + 1)));
        }
        if n == 0 {
            return Err(refuse("no shards".into()));
        }
        if let Some(missing) = seen_start.iter().position(|&b| !b) {
            return Err(refuse(format!("start index {missing} is in no shard")));
        }
        let normalized = loss.normalized();
        in_pool(options.monodromy.threads, || {
            let certifier = certifier_for(self, start, &normalized, options)?;
            let entries: Vec<&ShardOutcome> = shards
                .iter()
                .flat_map(|s| s.entries.iter().map(|(_, e)| e))
                .collect();
            let endpoints = par_map(&entries, 8, |e| match e {
                ShardOutcome::Certified {
                    chart,
                    radius,
                    real,
                    center,
                } => certifier
                    .verify(*chart, center, *radius, *real)
                    .map_err(|reason| UncertifiedPoint {
                        chart: *chart,
                        z: center.clone(),
                        reason,
                    }),
                ShardOutcome::Uncertified {
                    reason,
                    chart,
                    point,
                } => Err(UncertifiedPoint {
                    chart: *chart,
                    z: point.clone(),
                    reason: *reason,
                }),
            });
            let endpoints: Vec<Result<CertifiedPoint, UncertifiedPoint>> = endpoints;
            let mut diagnostics = Diagnostics::default();
            diagnostics.transfer.paths = shards.iter().map(|s| s.paths).sum();
            Ok(assemble(
                &certifier,
                &normalized,
                endpoints,
                expected,
                diagnostics,
            ))
        })?
    }
}
