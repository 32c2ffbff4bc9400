//! The `lcn` command-line tool (feature `cli`), as a library module so that
//! tests and fuzzers can drive it without a process.
//!
//! `lcn` prints a [`Report`] on an architecture, as text or as JSON
//! (`--json`, schema in `docs/json.md`), with optional parts: the equations
//! (`--equations`), the merge tree (`--tree`), a factorization (`--factor`),
//! a membership test (`--contains`), the critical points of a loss
//! (`--critical-points`, with `--data FILE` for training data). Exports print
//! only text that loads unchanged in another tool: `--generators --format
//! m2|singular|sympy|latex` (the equations whose zero set is `V`), `--ideal
//! --format ...` (the vanishing ideal `I(V)`; with `--json`, the report key
//! `ideal`), `--tree --dot` (Graphviz) and `--system phc|m2`
//! (the gradient system). `--batch FILE` reports on many architectures as
//! JSON Lines. `lcn completions SHELL` prints a completion script.
//! A start system solved once (`--critical-points --save-start FILE`) is
//! reused for other datasets (`--start FILE`), also split into shards
//! (`--start FILE --shard I/N`, joined by `lcn merge`; see `docs/cluster.md`).
//!
//! Exit status: 0 on success (also for a batch with bad lines, which become
//! objects with an `error` field), 2 on any error, with a first line on stderr
//! that starts with `error:`.
//!
//! ```
//! let mut out = Vec::new();
//! let mut err = Vec::new();
//! let status = neurovariety::cli::run_with(
//!     ["lcn", "--filters=3,2", "--strides=2,1", "--generators"],
//!     &mut out,
//!     &mut err,
//! );
//! assert_eq!(status, 0);
//! assert_eq!(String::from_utf8(out).unwrap(), "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c1*c2*c3-c0*c3^2-c1^2*c4\n);\n");
//!
//! let status = neurovariety::cli::run_with(["lcn", "--dot"], &mut Vec::new(), &mut err);
//! assert_eq!(status, 2);
//! assert!(String::from_utf8(err).unwrap().starts_with("error:"));
//! ```

mod args;
mod batch;
mod input;
mod progress;
mod reuse;

pub use args::{Cli, Command, Filter, Format, Sizes, SystemFormat};
pub use input::DEFAULT_MAX_INPUT_BYTES;
pub use progress::Bars;

use crate::critical::{CriticalPointOptions, GradientSystem, Loss, MergeTree};
use crate::export::Export;
use crate::neurovariety::{GeneratorOptions, VanishingIdealOptions};
use crate::progress::ProgressObserver;
use crate::report::{critical_points_info, DataSource, Part, Report, ReportRequest, SolveRequest};
use crate::{Architecture, Error};
use clap::{CommandFactory, Parser};
use std::ffi::OsString;
use std::io::Write;
use std::sync::Arc;

/// Runs `lcn` with `args` (the first is the program name), writing to the
/// process's stdout and stderr; returns the exit status.
pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // unlocked handles: the progress bars write to stderr from other threads
    run_with(args, &mut std::io::stdout(), &mut std::io::stderr())
}

/// Runs `lcn` with `args` (the first is the program name), writing what it
/// prints to `out` and errors to `err`; returns the exit status (0 or 2).
/// Progress bars, if any, go to the process's stderr when it is a terminal.
pub fn run_with<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().to_string();
            let status = e.exit_code();
            let _ = if status == 0 {
                out.write_all(text.as_bytes())
            } else {
                err.write_all(text.as_bytes())
            };
            return if status == 0 { 0 } else { 2 };
        }
    };
    match execute(&cli, out) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            2
        }
    }
}

/// Where the output goes: `--output FILE` or `out`.
fn emit(cli: &Cli, out: &mut dyn Write, text: &str) -> Result<(), Error> {
    emit_to(cli.output.as_ref(), out, text)
}

/// Writes `text` to the file `output`, or to `out` if there is none.
fn emit_to(output: Option<&String>, out: &mut dyn Write, text: &str) -> Result<(), Error> {
    let io = |name: &'static str, value: String| {
        move |e: std::io::Error| Error::InvalidArgument {
            name,
            value,
            reason: e.to_string(),
        }
    };
    match output {
        Some(path) => std::fs::write(path, text).map_err(io("--output", path.clone())),
        None => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            // the reader went away (`lcn ... | head`): nothing left to do
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r.map_err(io("stdout", String::new())),
        },
    }
}

/// The export format of `--generators` and `--ideal` (`--format`, default m2).
fn export_format(cli: &Cli) -> crate::export::Format {
    cli.format.unwrap_or(Format::M2).into()
}

/// A merge-tree limit error that names the `lcn` option raising it.
fn tree_limit(e: Error) -> Error {
    match e {
        Error::TooLarge {
            what,
            estimate,
            limit,
            ..
        } => Error::too_large(what, estimate, limit, "--tree-limit"),
        e => e,
    }
}

/// Does what `cli` says, writing the output to `out` (or `--output`).
///
/// # Errors
///
/// Bad input (an invalid architecture, a filter of the wrong length, an
/// unreadable data file) and exports over their size limit.
pub fn execute(cli: &Cli, out: &mut dyn Write) -> Result<(), Error> {
    if let Some(Command::Completions { shell }) = &cli.command {
        let mut buf = Vec::new();
        clap_complete::generate(*shell, &mut Cli::command(), "lcn", &mut buf);
        return emit(cli, out, &String::from_utf8_lossy(&buf));
    }
    let quiet = match &cli.command {
        Some(Command::Merge { quiet, .. }) => *quiet,
        _ => cli.quiet,
    };
    let bars = Bars::for_terminal(quiet);
    let observer = bars
        .as_ref()
        .map_or_else(ProgressObserver::none, Bars::observer);
    let result = dispatch(cli, out, &observer, bars.as_ref());
    if let Some(b) = &bars {
        b.finish();
    }
    result
}

fn generator_options(cli: &Cli, observer: &ProgressObserver) -> GeneratorOptions {
    let mut o = GeneratorOptions::default().with_progress(observer.clone());
    if let Some(limit) = cli.limit {
        o = o.with_limit(limit);
    }
    o
}

fn base_request(cli: &Cli, observer: &ProgressObserver) -> ReportRequest {
    let mut r = ReportRequest::default().with_merge_tree(cli.tree);
    if let Some(n) = cli.tree_limit {
        r = r.with_merge_tree_node_limit(n);
    }
    if let Some(bits) = cli.count_limit_bits {
        r = r.with_count_limit_bits(bits);
    }
    if cli.equations {
        r = r.with_equations(generator_options(cli, observer));
    }
    if cli.ideal {
        r = r.with_ideal(ideal_options(cli, observer));
    }
    r
}

fn ideal_options(cli: &Cli, observer: &ProgressObserver) -> VanishingIdealOptions {
    let mut o = VanishingIdealOptions::default().with_progress(observer.clone());
    if let Some(limit) = cli.limit {
        o = o.with_limit(limit);
    }
    if let Some(d) = cli.degree_bound {
        o = o.with_degree_bound(d);
    }
    // a default that answers: 100 s unless the user asked for a degree
    match (cli.time_budget, cli.degree_bound) {
        (Some(s), _) => o.with_time_budget(std::time::Duration::from_secs_f64(s)),
        (None, None) => o.with_time_budget(DEFAULT_IDEAL_TIME_BUDGET),
        (None, Some(_)) => o,
    }
}

/// The time budget of `lcn --ideal` without `--degree-bound` or `--time-budget`.
const DEFAULT_IDEAL_TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(100);

fn max_input(cli: &Cli) -> u64 {
    cli.max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES)
}

/// The report as text, or as one line of JSON.
fn render(report: &Report, json: bool) -> Result<String, Error> {
    Ok(if json {
        let mut s = serde_json::to_string(report).map_err(|e| Error::InvalidArgument {
            name: "--json",
            value: String::new(),
            reason: e.to_string(),
        })?;
        s.push('\n');
        s
    } else {
        report.to_string()
    })
}

fn dispatch(
    cli: &Cli,
    out: &mut dyn Write,
    observer: &ProgressObserver,
    bars: Option<&Arc<Bars>>,
) -> Result<(), Error> {
    if let Some(Command::Merge {
        shards,
        start,
        data,
        seed,
        json,
        output,
        max_input_bytes,
        ..
    }) = &cli.command
    {
        let args = reuse::MergeArgs {
            shards,
            start,
            data: data.as_deref(),
            seed: *seed,
            max_bytes: max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES),
        };
        let report = reuse::merge(&args, observer)?;
        return emit_to(output.as_ref(), out, &render(&report, *json)?);
    }
    if let Some(path) = &cli.batch {
        let text = input::read_bounded(path, "--batch", max_input(cli))?;
        let lines = batch::run(&text, &base_request(cli, observer), bars);
        return emit(cli, out, &lines);
    }
    let (Some(filters), Some(strides)) = (&cli.filters, &cli.strides) else {
        // clap requires both unless --batch or a subcommand is given
        return Err(Error::InvalidArgument {
            name: "--filters",
            value: String::new(),
            reason: "--filters and --strides are required".into(),
        });
    };
    let arch = Architecture::new(&filters.0, &strides.0)?;
    let seed = cli.seed.unwrap_or(1);
    let loss = || -> Result<(Loss, DataSource), Error> {
        Ok(match &cli.data {
            Some(path) => {
                let text = input::read_bounded(path, "--data", max_input(cli))?;
                (
                    Loss::from_csv(&arch, &text)?,
                    DataSource::TrainingData {
                        source: path.clone(),
                    },
                )
            }
            None => (Loss::random(&arch, seed), DataSource::Random { seed }),
        })
    };
    if cli.generators {
        let options = generator_options(cli, observer);
        let g = arch.neurovariety().equations_with(&options)?;
        return emit(cli, out, &g.export(export_format(cli)));
    }
    if cli.ideal && !cli.json {
        let i = arch
            .neurovariety()
            .vanishing_ideal(&ideal_options(cli, observer))?;
        return emit(cli, out, &i.export(export_format(cli)));
    }
    if cli.dot {
        let limit = cli.tree_limit.unwrap_or(MergeTree::DEFAULT_NODE_LIMIT);
        let tree = MergeTree::with_limit(arch.filter_sizes(), limit).map_err(tree_limit)?;
        return emit(cli, out, &tree.to_dot());
    }
    if let Some(format) = cli.system {
        let (loss, _) = loss()?;
        let system = GradientSystem::new(&arch, &loss, seed)?;
        return emit(cli, out, &system.export(format.into()));
    }
    let mut request = base_request(cli, observer);
    if let Some(w) = &cli.factor {
        request = request.with_factor(w.0.clone());
    }
    if let Some(w) = &cli.contains {
        request = request.with_contains(w.0.clone());
    }
    if let Some(w) = &cli.contains_real {
        request = request.with_contains_real(w.0.clone());
    }
    let mut solved = None;
    if cli.critical_points {
        let (loss, data) = loss()?;
        let solve = SolveRequest::new(loss, data).with_options(
            CriticalPointOptions::default()
                .with_seed(seed)
                .with_progress(observer.clone()),
        );
        if cli.start.is_some() || cli.save_start.is_some() {
            match reuse::solve(cli, &arch, &solve)? {
                reuse::Solved::Shard(text) => return emit(cli, out, &text),
                reuse::Solved::Points(found) => solved = Some((solve, *found)),
            }
        } else {
            request = request.with_critical_points(solve);
        }
    }
    let mut report = Report::new(&arch, &request)?;
    if let Some((solve, found)) = solved {
        report.critical_points = Part::Computed(critical_points_info(&arch, &solve, &found)?);
    }
    emit(cli, out, &render(&report, cli.json)?)
}
