//! The command line of `lcn`, declared with clap.
//!
//! Every flag takes its value as `--flag VALUE` or `--flag=VALUE`; giving a
//! flag twice is an error, and so is a flag that only makes sense with
//! another one when that one is absent (`--dot` without `--tree`, `--data`
//! without `--critical-points` or `--system`, `--format` without
//! `--generators`, `--shard` without `--start`, ...) or two outputs that would be mixed (an export with the
//! report, two exports). Errors exit with status 2 and a first line starting
//! `error:`.

use crate::critical::{parse_exact_number, Shard};
use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use num_rational::BigRational;

/// A comma-separated list of non-negative integers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sizes(pub Vec<usize>);

/// A comma-separated list of exact numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter(pub Vec<BigRational>);

fn sizes(text: &str) -> Result<Sizes, String> {
    text.split(',')
        .map(|x| {
            let x = x.trim();
            x.parse::<usize>().map_err(|_| {
                format!("cannot read {x:?} as a non-negative integer (it may be too large)")
            })
        })
        .collect::<Result<_, _>>()
        .map(Sizes)
}

fn shard(text: &str) -> Result<Shard, String> {
    Shard::parse(text).map_err(|e| e.to_string())
}

fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 1e9 => Ok(s),
        _ => Err(format!("a number of seconds in (0, 1e9], not {text:?}")),
    }
}

fn filter(text: &str) -> Result<Filter, String> {
    text.split(',')
        .map(|x| parse_exact_number(x.trim()).map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()
        .map(Filter)
}

/// Output syntax of `--generators`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Macaulay2: `R = QQ[c0,...]; I = ideal(...);`
    #[value(alias = "macaulay2")]
    M2,
    /// Singular: `ring r = 0,(c0,...),dp; ideal I = ...;`
    Singular,
    /// Python with SymPy: `c0, ... = symbols(...)`, `I = [...]`
    Sympy,
    /// LaTeX `align*` environment.
    Latex,
}

/// Output syntax of `--system`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SystemFormat {
    /// PHCpack's input format (`phc -b input output`).
    Phc,
    /// Macaulay2: `R = QQ[x1,...]; I = ideal(...);`
    M2,
}

impl From<Format> for crate::export::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::M2 => crate::export::Format::Macaulay2,
            Format::Singular => crate::export::Format::Singular,
            Format::Sympy => crate::export::Format::SymPy,
            Format::Latex => crate::export::Format::LaTeX,
        }
    }
}

impl From<SystemFormat> for crate::export::Format {
    fn from(f: SystemFormat) -> Self {
        match f {
            SystemFormat::Phc => crate::export::Format::Phc,
            SystemFormat::M2 => crate::export::Format::Macaulay2,
        }
    }
}

/// What a one-dimensional linear convolutional network (LCN) can represent:
/// the neurovariety, its equations, the critical points of training.
#[derive(Parser, Debug, Clone)]
#[command(
    name = "lcn",
    version,
    long_about = None,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    group(ArgGroup::new("equation_output").args(["equations", "generators", "ideal"]).multiple(true)),
    group(ArgGroup::new("cas_export").args(["generators", "ideal"]).multiple(true)),
    group(ArgGroup::new("loss_user").args(["critical_points", "system"]).multiple(true)),
    group(ArgGroup::new("file_input").args(["data", "batch", "start"]).multiple(true)),
    after_help = "\
Exports (--generators, --ideal, --tree --dot, --system) print only the loadable text.\n\
Coordinates: c0..c{k-1}, c_i the coefficient of x^(k-1-i) y^i of the end-to-end filter.\n\
Examples:\n  lcn --filters 2,3,4,5 --strides 2,2,2,1\n  lcn --filters 3,2 --strides 2,1 --generators --format singular | Singular -q\n  lcn --filters 3,3,3 --strides 2,2,1 --ideal | M2 --script /dev/stdin\n  lcn --filters 4,4 --strides 2,1 --critical-points --seed 7 --json\n  lcn --batch architectures.txt\n\
  lcn --filters 3,3 --strides 2,1 --critical-points --save-start start.txt\n\
  lcn --filters 3,3 --strides 2,1 --critical-points --data d.csv --start start.txt --shard 1/2 -o s1.txt\n\
  lcn merge --start start.txt --data d.csv s1.txt s2.txt   (docs/cluster.md)"
)]
pub struct Cli {
    /// Shell completions and other subcommands.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Filter size of each layer (at least 1 each)
    #[arg(long, value_name = "K1,K2,...", value_parser = sizes, required_unless_present = "batch", requires = "strides")]
    pub filters: Option<Sizes>,

    /// Stride of each layer, one per layer (the last only subsamples the output)
    #[arg(long, value_name = "S1,S2,...", value_parser = sizes, requires = "filters")]
    pub strides: Option<Sizes>,

    /// Print the report as one JSON object (schema: docs/json.md)
    #[arg(long)]
    pub json: bool,

    /// Add the equations of the neurovariety to the report (counts by degree; all polynomials in --json)
    #[arg(long)]
    pub equations: bool,

    /// Export: print only the equations, for a computer algebra system (see --format)
    #[arg(long, conflicts_with_all = ["json", "equations", "tree", "factor", "contains", "critical_points", "system", "count_limit_bits"])]
    pub generators: bool,

    /// Syntax of --generators and --ideal [default: m2]
    #[arg(
        long,
        value_enum,
        value_name = "FMT",
        requires = "cas_export",
        conflicts_with = "json"
    )]
    pub format: Option<Format>,

    /// Export: print only the vanishing ideal I(V) (minimal generators, with a completeness certificate when one succeeds) in --format; with --json, add it to the report instead
    #[arg(long, conflicts_with_all = ["generators", "equations", "tree", "factor", "contains", "critical_points", "system"])]
    pub ideal: bool,

    /// With --ideal: interpolate up to degree D when no certificate stops earlier [default: the highest degree of the equations plus one]; lifts the default time budget
    #[arg(long, value_name = "D", requires = "ideal")]
    pub degree_bound: Option<usize>,

    /// With --ideal: stop after SECONDS with what is proven (verdict "undecided: stopped after degree d") [default: 100 unless --degree-bound is given]
    #[arg(long, value_name = "SECONDS", requires = "ideal", value_parser = parse_seconds)]
    pub time_budget: Option<f64>,

    /// Give up on the equations when more than N units of work (minors plus rows of the minimality test) would be needed [default: 2000000]; with --ideal, on a degree with more than N monomials [default: 5000000]
    #[arg(long, value_name = "N", requires = "equation_output")]
    pub limit: Option<u128>,

    /// Add the merge tree (every way of merging adjacent layers, with its critical point count)
    #[arg(long)]
    pub tree: bool,

    /// Export: with --tree, print only the merge tree as Graphviz DOT
    #[arg(long, requires = "tree", conflicts_with_all = ["json", "equations", "factor", "contains", "critical_points", "system", "count_limit_bits"])]
    pub dot: bool,

    /// Refuse a merge tree of more than N nodes [default: 10000]
    #[arg(long, value_name = "N", requires = "tree")]
    pub tree_limit: Option<usize>,

    /// Factor this end-to-end filter (integers, fractions like 3/4, decimals) into rational layer filters
    #[arg(long, value_name = "C0,C1,...", value_parser = filter, allow_hyphen_values = true)]
    pub factor: Option<Filter>,

    /// Is this end-to-end filter in the neurovariety? If not, which conditions fail
    #[arg(long, value_name = "C0,C1,...", value_parser = filter, allow_hyphen_values = true)]
    pub contains: Option<Filter>,

    /// Is this end-to-end filter in the real neuromanifold (real weights)? Exact: a witness, the relative boundary, smoothness
    #[arg(long, value_name = "C0,C1,...", value_parser = filter, allow_hyphen_values = true, conflicts_with_all = ["generators", "ideal", "dot", "system", "shard", "batch"])]
    pub contains_real: Option<Filter>,

    /// Find and certify every critical point of the squared loss (random generic data, or --data)
    #[arg(long)]
    pub critical_points: bool,

    /// Solve a generic loss once (monodromy, certified), save it as a start system to FILE, then track it to the loss
    #[arg(
        long,
        value_name = "FILE",
        requires = "critical_points",
        conflicts_with = "start"
    )]
    pub save_start: Option<String>,

    /// Track exactly C_k paths from the start system in FILE (written by --save-start) to the loss
    #[arg(long, value_name = "FILE", requires = "critical_points")]
    pub start: Option<String>,

    /// With --start: track only slice I of N of the start solutions and print its endpoints as a shard file (join with `lcn merge`)
    #[arg(long, value_name = "I/N", value_parser = shard, requires = "start", conflicts_with_all = ["json", "equations", "tree", "factor", "contains"])]
    pub shard: Option<Shard>,

    /// Seed of the random loss (without --data), the solver and the chart of --system [default: 1]
    #[arg(long, value_name = "S", requires = "loss_user")]
    pub seed: Option<u64>,

    /// Training data as CSV: one sample per line, inputs then outputs (exact numbers)
    #[arg(long, value_name = "FILE", requires = "loss_user")]
    pub data: Option<String>,

    /// Export: print only the gradient system of the loss, in a random chart, for other solvers
    #[arg(long, value_enum, value_name = "FMT", conflicts_with_all = ["json", "equations", "tree", "factor", "contains", "critical_points", "count_limit_bits"])]
    pub system: Option<SystemFormat>,

    /// Skip closed-form values (degree, counts) whose integers would exceed N bits [default: 1048576]
    #[arg(long, value_name = "N")]
    pub count_limit_bits: Option<u128>,

    /// Read at most N bytes from --data or --batch [default: 67108864]
    #[arg(long, value_name = "N", requires = "file_input")]
    pub max_input_bytes: Option<u64>,

    /// Write the output to FILE instead of stdout
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,

    /// No progress bars (they are drawn only when stderr is a terminal)
    #[arg(long, short)]
    pub quiet: bool,

    /// Report on every architecture in FILE (one a line, like 3,3,3/2,2,1 or (3,3,3)/(2,2); # comments), as JSON Lines, in parallel
    #[arg(long, value_name = "FILE", conflicts_with_all = ["filters", "strides", "generators", "dot", "system", "factor", "contains", "critical_points", "seed", "data"])]
    pub batch: Option<String>,
}

/// Subcommands.
#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Join the shard files of `--start FILE --shard I/N` runs: check that they are one run, re-check every certificate and pairwise distinctness, print the critical points
    Merge {
        /// The shard files (all N of one run, in any order)
        #[arg(required = true, value_name = "SHARD")]
        shards: Vec<String>,
        /// The start system the shards were tracked from
        #[arg(long, value_name = "FILE")]
        start: String,
        /// The training data of the shards (CSV, as for --data); without it the random loss of the seed
        #[arg(long, value_name = "FILE")]
        data: Option<String>,
        /// The seed of the shards [default: the one written in the shard files]
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Print the report as one JSON object (schema: docs/json.md)
        #[arg(long)]
        json: bool,
        /// Write the output to FILE instead of stdout
        #[arg(long, short, value_name = "FILE")]
        output: Option<String>,
        /// No progress bars
        #[arg(long, short)]
        quiet: bool,
        /// Read at most N bytes from --data (start and shard files are streamed) [default: 67108864]
        #[arg(long, value_name = "N")]
        max_input_bytes: Option<u64>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}
