//! Reusing a start system: `--save-start FILE`, `--start FILE`,
//! `--start FILE --shard I/N` and `lcn merge`.
//!
//! The library does the work ([`crate::critical::start`] and
//! [`crate::critical::shard`]); this module reads and writes the files and
//! turns the answers into the report of `--critical-points`.
//!
//! - `--save-start FILE` solves a generic loss of the seed by monodromy,
//!   certifies it, writes it to FILE only when it is complete
//!   (`found = certified = C_k`; an incomplete start system would lose the
//!   same solutions on every dataset), then tracks it to the loss. The report
//!   counts the paths of both phases.
//! - `--start FILE` tracks the saved solutions (`C_k` paths) to the loss.
//! - `--start FILE --shard I/N` tracks slice I of N of them and returns the
//!   shard file text (format in [`crate::critical::shard`]).
//! - `lcn merge --start FILE [--data CSV] [--seed S] SHARD...` joins the shard
//!   files with [`Architecture::merge_shards`], which re-checks every
//!   certificate, and reports like `--critical-points`.
//!
//! The guard [`CriticalPointOptions::max_expected`] protects the monodromy
//! solver; with a start file the solutions are already in memory, so the
//! guard is raised to the number of saved solutions.

use super::input::read_bounded;
use crate::critical::{CriticalPointOptions, CriticalPoints, Loss, ShardResult, StartSystem};
use crate::progress::{ProgressObserver, Stage, Update};
use crate::report::{critical_points_info, DataSource, Part, Report, ReportRequest, SolveRequest};
use crate::{Architecture, Error};

use super::Cli;

/// What a run with a start system produced.
pub(super) enum Solved {
    /// The critical points of the loss (`--start`, `--save-start`).
    Points(Box<CriticalPoints>),
    /// The text of a shard file (`--shard`).
    Shard(String),
}

/// Opens `path` for streaming, naming the file in errors.
fn open(path: &str, flag: &'static str) -> Result<std::io::BufReader<std::fs::File>, Error> {
    std::fs::File::open(path)
        .map(std::io::BufReader::new)
        .map_err(|e| Error::InvalidArgument {
            name: flag,
            value: path.to_string(),
            reason: e.to_string(),
        })
}

/// Reads and parses the start system in `path`, naming the file in errors.
/// Streamed: lines are bounded by [`crate::limits::MAX_LINE_BYTES`] and the
/// solutions by `C_k` of the header's architecture, not by the file size
/// (a start system of (4,4,4)/(2,2,1) holds 204,536 solutions).
fn read_start(path: &str, flag: &'static str) -> Result<StartSystem, Error> {
    StartSystem::read(open(path, flag)?).map_err(|e| Error::InvalidArgument {
        name: flag,
        value: path.to_string(),
        reason: e.to_string(),
    })
}

/// `options` with the size guard raised to the saved solutions of `start`.
fn for_start(options: &CriticalPointOptions, start: &StartSystem) -> CriticalPointOptions {
    let guard = options.max_expected.max(start.solutions().len());
    options.clone().with_max_expected(guard)
}

/// `--save-start`, `--start` and `--shard` (the caller checked that one of
/// `--save-start` and `--start` is given).
pub(super) fn solve(cli: &Cli, arch: &Architecture, r: &SolveRequest) -> Result<Solved, Error> {
    if let Some(path) = &cli.save_start {
        let (start, solve) = arch.start_system_solved(&r.options)?;
        if !start.is_complete() {
            return Err(Error::InvalidArgument {
                name: "--save-start",
                value: path.clone(),
                reason: format!(
                    "the start system is incomplete ({} found, {} certified of C_k = {}) and was not saved; try another --seed",
                    start.solutions().len(),
                    start.certified(),
                    start.expected()
                ),
            });
        }
        std::fs::write(path, start.to_text()).map_err(|e| Error::InvalidArgument {
            name: "--save-start",
            value: path.clone(),
            reason: e.to_string(),
        })?;
        let mut found = arch.critical_points_from(&start, &r.loss, &r.options)?;
        found.add_start_cost(&start, &solve);
        return Ok(Solved::Points(Box::new(found)));
    }
    let Some(path) = &cli.start else {
        return Err(Error::InvalidArgument {
            name: "--start",
            value: String::new(),
            reason: "--start or --save-start is required here".into(),
        });
    };
    let start = read_start(path, "--start")?;
    let options = for_start(&r.options, &start);
    match cli.shard {
        Some(shard) => Ok(Solved::Shard(
            arch.critical_points_shard(&start, &r.loss, shard, &options)?
                .to_text(),
        )),
        None => Ok(Solved::Points(Box::new(
            arch.critical_points_from(&start, &r.loss, &options)?,
        ))),
    }
}

/// The arguments of `lcn merge`.
pub(super) struct MergeArgs<'a> {
    pub shards: &'a [String],
    pub start: &'a str,
    pub data: Option<&'a str>,
    pub seed: Option<u64>,
    pub max_bytes: u64,
}

/// `lcn merge`: the report on the merged shards.
pub(super) fn merge(a: &MergeArgs<'_>, observer: &ProgressObserver) -> Result<Report, Error> {
    let start = read_start(a.start, "--start")?;
    let arch = Architecture::new(start.filter_sizes(), start.strides())?;
    let shards: Vec<ShardResult> = a
        .shards
        .iter()
        .map(|path| {
            ShardResult::read(open(path, "SHARD")?).map_err(|e| Error::InvalidArgument {
                name: "SHARD",
                value: path.clone(),
                reason: e.to_string(),
            })
        })
        .collect::<Result<_, _>>()?;
    let seed = a
        .seed
        .or_else(|| shards.first().map(ShardResult::seed))
        .unwrap_or(1);
    let (loss, data) = match a.data {
        Some(path) => {
            let text = read_bounded(path, "--data", a.max_bytes)?;
            (
                Loss::from_csv(&arch, &text)?,
                DataSource::TrainingData {
                    source: path.to_string(),
                },
            )
        }
        None => (Loss::random(&arch, seed), DataSource::Random { seed }),
    };
    let options = CriticalPointOptions::default()
        .with_seed(seed)
        .with_progress(observer.clone());
    let options = for_start(&options, &start);
    observer.report(&Update::Phase {
        stage: Stage::Certification,
        message: format!(
            "merging {} shards: re-checking {} certificates",
            shards.len(),
            start.solutions().len()
        ),
    });
    let found = arch.merge_shards(&start, &loss, &shards, &options)?;
    let r = SolveRequest::new(loss, data).with_options(options);
    let mut report = Report::new(&arch, &ReportRequest::default())?;
    report.critical_points = Part::Computed(critical_points_info(&arch, &r, &found)?);
    Ok(report)
}
