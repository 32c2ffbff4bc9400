//! The parameter homotopy from a start system to a dataset's loss: tracking,
//! recovery of lost paths, certification of the endpoints.
//!
//! # The method
//!
//! Every start solution is tracked along one gamma-trick segment from the
//! start parameters `(v_0, Q_0)` to the (normalised, see
//! [`Loss::normalized`](super::Loss::normalized)) loss's `(Q u, Q)` in the
//! start system's chart. A path is *lost* when it fails, ends at `mu = 0`,
//! or ends where another path ends (two paths cannot meet for generic
//! `gamma`, so one of them jumped). Lost paths are tracked again, up to
//! `transfer_attempts - 1` more times: first with the same `gamma` and the
//! careful tracker settings ([`TrackerOptions::careful`]), then in another
//! chart (the homotopy of orbits does not depend on the chart, so the path
//! leads to the same solution, and a solution at infinity of one chart is
//! finite in the next), then with a new `gamma`. Every endpoint is then
//! certified (`certify.rs`), in parallel through [`crate::parallel`].

use super::certify::{CertifiedPoint, Certifier, Uncertified, UncertifiedPoint};
use super::float_core::FormAndTarget;
use super::options::CriticalPointOptions;
use super::start::StartSystem;
use crate::homotopy::{
    random_gamma, track_all, PathStatistics, Segment, SolutionSet, TrackerOptions,
};
use crate::numeric::max_norm;
use crate::parallel::par_map;
use crate::progress::{Stage, Update};
use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;

/// The result for one start solution.
pub(crate) type Endpoint = Result<CertifiedPoint, UncertifiedPoint>;

/// What the transfer of a run cost.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TransferCost {
    /// The paths, first tries and re-tracks.
    pub stats: PathStatistics,
    /// Paths tracked again after being lost.
    pub retracked: usize,
    /// Solutions certified only after their first chart failed.
    pub certification_retries: usize,
}

/// Tracks the start solutions `indices` of `start` to the (normalised) loss
/// of `certifier` and certifies the endpoints: one result per index, and
/// what it cost.
pub(crate) fn track_to_loss(
    arch: &Architecture,
    start: &StartSystem,
    certifier: &Certifier,
    indices: &[usize],
    options: &CriticalPointOptions,
) -> Result<(Vec<Endpoint>, TransferCost), Error> {
    let charts = certifier.charts();
    let chart0 = &charts[0];
    let n = chart0.num_variables();
    let start_layers: Vec<Vec<Vec<Complex64>>> = indices
        .iter()
        .map(|&i| {
            let z = start.solutions().get(i).ok_or(Error::InvalidArgument {
                name: "start index",
                value: i.to_string(),
                reason: format!("the start system has {} solutions", start.solutions().len()),
            })?;
            if z.len() != n {
                return Err(Error::LengthMismatch {
                    what: "start solution",
                    expected: n,
                    found: z.len(),
                });
            }
            Ok(chart0.layers_unchecked(z))
        })
        .collect::<Result<_, Error>>()?;
    let p0 = start.parameter_vector();
    let p1: Vec<Complex64> = chart0
        .target_float()
        .iter()
        .chain(chart0.form_float())
        .copied()
        .collect();
    // the same gamma for every shard of a run: one bijection of start and
    // target solutions
    let mut rng = SplitMix::new(options.seed() ^ 0x7A45_FE20_0000_0001);
    let mut gamma = random_gamma(&mut rng);
    let mut ends: Vec<Option<Vec<Vec<Complex64>>>> = vec![None; indices.len()];
    let mut cost = TransferCost::default();
    let expected = indices.len() as u64;
    for attempt in 0..options.transfer_attempts {
        let pending: Vec<usize> = (0..indices.len()).filter(|&i| ends[i].is_none()).collect();
        if pending.is_empty() {
            break;
        }
        // attempt 0: the start chart; 1: the same, carefully; 2: another
        // chart, same gamma, carefully; from 3 on: other charts and new gammas
        let chart = &charts[attempt.saturating_sub(1) % charts.len()];
        if attempt >= 3 {
            gamma = random_gamma(&mut rng);
        }
        let tracker = if attempt == 0 {
            options.monodromy.tracker
        } else {
            cost.retracked += pending.len();
            TrackerOptions::careful()
        };
        let homotopy = FormAndTarget { core: chart.core() };
        let segment = Segment::new(p0.clone(), p1.clone(), gamma)?;
        let (who, starts): (Vec<usize>, Vec<Vec<Complex64>>) = pending
            .iter()
            .filter_map(|&i| chart.chart().point(&start_layers[i]).map(|z| (i, z)))
            .unzip();
        let (tracked, stats) =
            track_all(&homotopy, std::slice::from_ref(&segment), &starts, &tracker);
        cost.stats += stats;
        for (&i, end) in who.iter().zip(tracked) {
            if let Some(z) = end {
                let mu = chart.end_to_end_unchecked(&z);
                if max_norm(&mu) > 1e-8 * (1.0 + max_norm(&z)) {
                    ends[i] = Some(chart.layers_unchecked(&z));
                }
            }
        }
        // endpoints met by several paths: all of them are lost (but on the
        // last attempt the first one is kept)
        let last = attempt + 1 == options.transfer_attempts;
        let mut set = SolutionSet::new(arch.filter_sizes().iter().sum(), options.seed());
        let mut owner: Vec<usize> = Vec::new();
        let mut clash = vec![false; indices.len()];
        for i in 0..indices.len() {
            if let Some(w) = &ends[i] {
                let (j, new) = set.insert(certifier.key_of(w));
                if new {
                    owner.push(i);
                } else {
                    clash[i] = true;
                    if !last {
                        clash[owner[j]] = true;
                    }
                }
            }
        }
        for (i, c) in clash.iter().enumerate() {
            if *c {
                ends[i] = None;
            }
        }
        let done = ends.iter().filter(|e| e.is_some()).count() as u64;
        options.monodromy.progress.report(&Update::Solutions {
            stage: Stage::CriticalPoints,
            found: done,
            expected,
            paths: cost.stats.paths as u64,
            certified: 0,
        });
    }
    let (results, retries) = certify_all(certifier, &ends, cost.stats.paths, options);
    cost.certification_retries = retries;
    Ok((results, cost))
}

/// Certifies every endpoint (`None`: a lost path), in parallel, reporting
/// progress: the results and how many needed more than their first chart.
pub(crate) fn certify_all(
    certifier: &Certifier,
    ends: &[Option<Vec<Vec<Complex64>>>],
    paths: usize,
    options: &CriticalPointOptions,
) -> (Vec<Endpoint>, usize) {
    let expected = ends.len() as u64;
    let certified = std::sync::atomic::AtomicU64::new(0);
    let results = par_map(ends, 1, |end| match end {
        Some(w) => {
            let r = certifier.certify(w);
            if r.0.is_ok() {
                let c = certified.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if c % 256 == 0 {
                    options.monodromy.progress.report(&Update::Solutions {
                        stage: Stage::Certification,
                        found: expected,
                        expected,
                        paths: paths as u64,
                        certified: c,
                    });
                }
            }
            r
        }
        None => (
            Err(UncertifiedPoint {
                chart: 0,
                z: Vec::new(),
                reason: Uncertified::PathFailed,
            }),
            0,
        ),
    });
    let retries = results
        .iter()
        .filter(|(r, tries)| r.is_ok() && *tries > 1)
        .count();
    (results.into_iter().map(|(r, _)| r).collect(), retries)
}
