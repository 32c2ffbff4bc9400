//! One report on an architecture, rendered as text or as JSON.
//!
//! A [`Report`] is built once, by [`Report::new`], from an [`Architecture`](crate::Architecture) and
//! a [`ReportRequest`] naming the parts wanted beyond the closed-form
//! invariants. It is then rendered two ways: as text by its `Display`
//! implementation, and as JSON by `serde` (feature `serde`; the schema is
//! documented key by key in `docs/json.md` and as a JSON Schema in
//! `docs/report.schema.json`). Both renderings show the same facts; the
//! `lcn` command-line tool prints one or the other.
//!
//! # What is computed
//!
//! The plain report ([`ReportRequest::default`]) computes only closed-form
//! invariants: dilations, end-to-end filter size and stride, the reduced
//! architecture, dimension and degree of the neurovariety
//! (`m! / prod_j (kappa_j - 1)!`), the levels of the set-theoretic theorem,
//! both critical point counts (the generic ED degree formula of
//! `docs/mathematics.md`, section 6) and the fully connected comparison. Even
//! these are bounded: a value whose exact computation would need integers
//! longer than [`ReportRequest::count_limit_bits`] bits is skipped with its
//! estimate, so the plain report answers in well under a second for every
//! architecture that [`Architecture::new`](crate::Architecture::new) accepts.
//!
//! Everything else (the equations, the merge tree, a factorization, a
//! membership test, the critical points of a loss) is computed only when
//! requested. A part that is not computed is a [`Part::Skipped`] carrying a
//! [`SkipCode`] and a sentence saying why, e.g. "not requested" or
//! "too large: the merge tree has 2^49 nodes, over the limit 10000".
//!
//! # Numbers
//!
//! Values that can be arbitrarily large (degrees, critical point counts,
//! including the solver's `expected` and the counts in the merge tree and the
//! fully connected comparison) are exact decimal strings. Sizes, indices and
//! numbers of things that were enumerated (generators listed, solutions found)
//! are machine integers. Exact rationals are strings such as `"-3/4"`;
//! floating-point values are numbers, complex ones `[re, im]` pairs.
//!
//! ```
//! use neurovariety::report::{Part, Report, ReportRequest};
//! use neurovariety::Architecture;
//! let arch = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1])?;
//! let report = Report::new(&arch, &ReportRequest::default())?;
//! assert_eq!(report.neurovariety.degree, Part::Computed("12600".to_string()));
//! assert_eq!(
//!     report.critical_point_counts.parameter_space,
//!     Part::Computed("2976084".to_string())
//! );
//! assert!(report.equations.is_skipped()); // not requested
//! assert!(report.to_string().contains("degree 12600"));
//!
//! let with_tree = Report::new(&arch, &ReportRequest::default().with_merge_tree(true))?;
//! let Part::Computed(tree) = &with_tree.merge_tree else { unreachable!() };
//! assert_eq!((tree.nodes.len(), tree.nodes[0].critical_points.as_str()), (8, "2976084"));
//! # Ok::<(), neurovariety::Error>(())
//! ```

mod compute;
mod text;

#[cfg(feature = "cli")]
pub(crate) use compute::critical_points_info;
pub use compute::{DataSource, ReportRequest, SolveRequest};

#[cfg(feature = "serde")]
use serde::Serialize;

/// The version of the JSON schema (`schema_version`); raised on every
/// incompatible change of the keys documented in `docs/json.md`.
pub const SCHEMA_VERSION: u32 = 1;

/// A part of the report: computed, or skipped with the reason.
///
/// In JSON a computed part is its value; a skipped one is the object
/// `{"skipped": code, "reason": sentence}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(untagged))]
pub enum Part<T> {
    /// The part's value.
    Computed(T),
    /// Why it was not computed.
    Skipped(Skipped),
}

impl<T> Part<T> {
    /// `true` for [`Part::Skipped`].
    pub fn is_skipped(&self) -> bool {
        matches!(self, Part::Skipped(_))
    }

    /// The value, if computed.
    pub fn computed(&self) -> Option<&T> {
        match self {
            Part::Computed(v) => Some(v),
            Part::Skipped(_) => None,
        }
    }

    pub(crate) fn not_requested(how: &str) -> Self {
        Part::Skipped(Skipped {
            skipped: SkipCode::NotRequested,
            reason: format!("not requested ({how})"),
        })
    }

    /// Skipped as too large; `reason` says what, the limit, and the option
    /// that raises it (as [`Error::TooLarge`](crate::Error::TooLarge) does).
    pub(crate) fn too_large(reason: String) -> Self {
        Part::Skipped(Skipped {
            skipped: SkipCode::TooLarge,
            reason,
        })
    }
}

/// Why a part was skipped, in words and as a code.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct Skipped {
    /// The kind of reason.
    pub skipped: SkipCode,
    /// One sentence, e.g. `not requested (--tree)` or `degree too large: ...
    /// exceeds the limit ...; raise it with ...`.
    pub reason: String,
}

/// The kind of reason a part was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SkipCode {
    /// The part was not asked for.
    NotRequested,
    /// The part is over a size limit; the reason names the limit and how to
    /// raise it, or says that nothing does.
    TooLarge,
}

/// The report (see the [module documentation](self)).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
#[must_use]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The architecture as given.
    pub architecture: ArchitectureInfo,
    /// The reduced architecture (stride-1 neighbours merged, size-1 layers dropped).
    pub reduced: ReducedInfo,
    /// Invariants of the neurovariety.
    pub neurovariety: NeurovarietyInfo,
    /// The two critical point counts.
    pub critical_point_counts: CriticalPointCounts,
    /// The fully connected comparison.
    pub fully_connected_comparison: Part<ComparisonInfo>,
    /// The equations of the neurovariety (on request).
    pub equations: Part<EquationsInfo>,
    /// The vanishing ideal `I(V)` (on request).
    pub ideal: Part<IdealInfo>,
    /// The merge tree (on request).
    pub merge_tree: Part<MergeTreeInfo>,
    /// A factorization of a given end-to-end filter (on request).
    pub factorization: Part<FactorizationInfo>,
    /// Membership of a given end-to-end filter (on request).
    pub membership: Part<MembershipInfo>,
    /// Exact membership of a given end-to-end filter in the real
    /// neuromanifold (on request).
    pub real_membership: Part<RealMembershipInfo>,
    /// The critical points of a loss (on request).
    pub critical_points: Part<CriticalPointsInfo>,
}

/// The architecture as given.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct ArchitectureInfo {
    /// The paper's notation, `(k_1,...,k_L)/(s_1,...,s_{L-1})`.
    pub notation: String,
    /// `k_1..k_L`.
    pub filter_sizes: Vec<usize>,
    /// `s_1..s_L` (one per layer).
    pub strides: Vec<usize>,
    /// `t_1 = 1, t_{l+1} = t_l s_l`.
    pub dilations: Vec<usize>,
    /// `k = 1 + sum_l (k_l - 1) t_l`, the number of coordinates `c_0..c_{k-1}`.
    pub end_to_end_filter_size: usize,
    /// `s_1 ... s_L`.
    pub end_to_end_stride: usize,
    /// `sum_l k_l`.
    pub num_parameters: usize,
}

/// The reduced architecture.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct ReducedInfo {
    /// `kappa_1..kappa_R` (all at least 2; empty when every layer has size 1).
    pub filter_sizes: Vec<usize>,
    /// `tau_1 < ... < tau_R`, each dividing the next.
    pub dilations: Vec<usize>,
}

/// Invariants of the neurovariety `V`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct NeurovarietyInfo {
    /// `k`: `V` lies in `C^k`.
    pub ambient_dimension: usize,
    /// The affine dimension `1 + sum_l (k_l - 1)`.
    pub dimension: usize,
    /// `k - dimension`.
    pub codimension: usize,
    /// `m! / prod_j (kappa_j - 1)!`, a decimal string.
    pub degree: Part<String>,
    /// `true` when `V = C^k` (no equations).
    pub fills_space: bool,
    /// The levels of the set-theoretic theorem (those with `tau > 1`): the
    /// `tau`-decomposition pieces must share a factor of degree `>= e`.
    pub levels: Vec<LevelInfo>,
}

/// One level of the theorem.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct LevelInfo {
    /// The reduced layer (from 1).
    pub level: usize,
    /// Its dilation `tau > 1`.
    pub tau: usize,
    /// The required common degree `e` (in `X = x^tau`).
    pub e: usize,
}

/// The critical point counts for generic data.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct CriticalPointCounts {
    /// In parameter space modulo rescaling: `C_k` of the given filter sizes.
    pub parameter_space: Part<String>,
    /// In function space (ED degree of `V`): `C` of the reduced architecture.
    pub function_space: Part<String>,
    /// How `parameter_space` splits over the strata of the parametrisation
    /// ([`crate::Architecture::critical_point_strata`]), the generic one
    /// first.
    pub strata: Part<Vec<StratumInfo>>,
}

/// One stratum of the parametrisation and its critical points.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct StratumInfo {
    /// `generic`, or the shared linear factors as `{w1,w2}` (layers from 1).
    pub stratum: String,
    /// The sets of layers (from 1) sharing a linear factor, one per factor.
    pub shared: Vec<Vec<usize>>,
    /// Its critical points for generic data, a decimal string.
    pub count: String,
    /// Critical points over one end-to-end filter of its image.
    pub multiplicity: String,
}

/// The LCN beside fully connected linear networks
/// ([`crate::critical::Comparison`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct ComparisonInfo {
    /// Depth `L`.
    pub depth: usize,
    /// The parameter budget `P = sum_l k_l`.
    pub num_parameters: usize,
    /// One entry per bottleneck width `r`.
    pub fully_connected: Vec<FullyConnectedInfo>,
    /// The index in `fully_connected` of the network with the most critical
    /// points (`null` when the list is empty).
    pub best: Option<usize>,
}

/// One fully connected network of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct FullyConnectedInfo {
    /// Widths `d_0..d_L`.
    pub widths: Vec<usize>,
    /// Bottleneck `r = min_i d_i`.
    pub rank: usize,
    /// Its number of parameters.
    pub num_parameters: usize,
    /// Dimension of its function space (matrices of rank `<= r`).
    pub function_space_dimension: usize,
    /// Critical points in function space, `C(min(d_0, d_L), r)`, a decimal string.
    pub critical_points: String,
}

/// The equations of the neurovariety (see [`crate::neurovariety::GeneratorSet`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct EquationsInfo {
    /// Number of generators.
    pub count: usize,
    /// `true` when the set was minimalised.
    pub minimal: bool,
    /// Counts by degree and kind of condition.
    pub by_degree: Vec<EquationCount>,
    /// The coordinates `c0..c{k-1}`.
    pub variables: Vec<String>,
    /// The generators, in plain syntax (`c1*c2 - c0*c3`).
    pub polynomials: Vec<String>,
}

/// The vanishing ideal `I(V)` (see [`crate::VanishingIdeal`]). Counts that
/// can exceed `2^53` (the Hilbert function, the h-vector) are decimal strings.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct IdealInfo {
    /// The coordinates `c0..c{k-1}`.
    pub variables: Vec<String>,
    /// The minimal generators in Macaulay2 syntax (`c1*c2-c0*c3`).
    pub polynomials: Vec<String>,
    /// Number of minimal generators per degree (keys are the degrees).
    pub degrees: std::collections::BTreeMap<String, usize>,
    /// `true` when a certificate proved that these generate `I(V)`.
    pub certified: bool,
    /// `certified`, `refuted` or `undecided` (the three-valued verdict).
    pub verdict: String,
    /// The proof that certified (`linear space`, `Segre`, `Artinian
    /// reduction`, `elimination`), `null` when not certified.
    pub certified_by: Option<String>,
    /// `true` when proven Cohen–Macaulay, `false` when proven not to be,
    /// `null` when not decided.
    pub cohen_macaulay: Option<bool>,
    /// The generators are complete through this degree.
    pub through_degree: usize,
    /// `dim (S/I(V))_d` for `d = 0..=through_degree`, decimal strings.
    pub hilbert_function: Vec<String>,
    /// The h-vector when proven Cohen–Macaulay, decimal strings.
    pub h_vector: Option<Vec<String>>,
    /// The numerator `h(t)` of the Hilbert series `h(t) / (1 - t)^dim V`
    /// when certified, signed decimal strings.
    pub hilbert_numerator: Option<Vec<String>>,
    /// The Castelnuovo–Mumford regularity of `S/I(V)` when proven
    /// Cohen–Macaulay.
    pub regularity: Option<usize>,
    /// The certificate's verdict in words.
    pub certificate: String,
}

/// How many generators have a degree and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct EquationCount {
    /// Total degree.
    pub degree: u64,
    /// `linear`, `resultant`, `subresultant`, `segre` or `multi-form`.
    pub kind: String,
    /// How many.
    pub count: usize,
}

/// The merge tree as nodes and edges ([`crate::critical::MergeTree`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct MergeTreeInfo {
    /// Nodes level by level; a node's `id` is its index here.
    pub nodes: Vec<MergeNodeInfo>,
    /// One edge per merge, from parent to child.
    pub edges: Vec<MergeEdge>,
}

/// A node of the merge tree.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct MergeNodeInfo {
    /// Index in [`MergeTreeInfo::nodes`].
    pub id: usize,
    /// Merges from the root.
    pub depth: usize,
    /// The filter sizes after those merges.
    pub filter_sizes: Vec<usize>,
    /// `C` of these sizes (parameter space), a decimal string.
    pub critical_points: String,
}

/// An edge of the merge tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct MergeEdge {
    /// The parent's id.
    pub from: usize,
    /// The child's id (one merge further).
    pub to: usize,
}

/// The outcome of a factorization request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FactorizationStatus {
    /// Rational layer filters were found (`layers`).
    Factored,
    /// It is proven that none exists (`reason` says why).
    None,
    /// The search budget ran out before either was proven (`reason` says
    /// which budget).
    Undecided,
}

/// A factorization of an end-to-end filter into rational layer filters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct FactorizationInfo {
    /// The end-to-end filter, exact rationals.
    pub filter: Vec<String>,
    /// The outcome.
    pub status: FactorizationStatus,
    /// The layer filters (`null` unless factored).
    pub layers: Option<Vec<Vec<String>>>,
    /// Why there is none, or which budget ran out (`null` when factored).
    pub reason: Option<String>,
}

/// Membership of an end-to-end filter in the neurovariety.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct MembershipInfo {
    /// The end-to-end filter, exact rationals.
    pub filter: Vec<String>,
    /// `true` iff it lies in `V` (over C).
    pub contains: bool,
    /// The conditions of the theorem that fail (empty iff `contains`).
    pub failing_conditions: Vec<String>,
}

/// Exact membership of an end-to-end filter in the real neuromanifold `M`
/// ([`Architecture::real_membership`](crate::Architecture::real_membership)).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct RealMembershipInfo {
    /// The end-to-end filter, exact rationals.
    pub filter: Vec<String>,
    /// `true` iff it lies in `V` (over C).
    pub in_neurovariety: bool,
    /// `true` iff it lies in `M`; `null` when the bounded search was undecided.
    pub in_neuromanifold: Option<bool>,
    /// For a filter in `M`: `true` on the relative boundary of `M` in
    /// `V(R)`, `false` in the relative interior, `null` when undecided or
    /// not in `M`.
    pub relative_boundary: Option<bool>,
    /// For a filter in `V`: `true` at a smooth point of `V`, `false` at a
    /// singular one, `null` when undecided or not in `V`.
    pub smooth: Option<bool>,
    /// For a filter in `M`: real layer filters composing to it, as strings
    /// (`"3/4"`, `"root of t^2-2 in [a, b]"`, or `"in [a, b]"`).
    pub witness: Option<Vec<Vec<String>>>,
    /// Why it is not in `V` or `M`, what is undecided, or why it is on the
    /// relative boundary (`null` for an interior point of `M`).
    pub reason: Option<String>,
}

/// Where a real critical point lies, each entry certified (`null`:
/// undecided).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct RealClassInfo {
    /// In the relative interior of `M` in `V(R)` (`false`: on the boundary).
    pub in_interior: Option<bool>,
    /// A smooth point of `V` (`true` or `null`).
    pub smooth: Option<bool>,
    /// Pairs of layers (from 1) whose filters are proportional.
    pub repeated_filters: Vec<[usize; 2]>,
}

/// The critical points found by the solver.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct CriticalPointsInfo {
    /// Where the loss came from.
    pub data: DataSource,
    /// The solver's seed (also the chart of `system_point`).
    pub seed: u64,
    /// The exact number of complex critical points for generic data, a decimal string.
    pub expected: String,
    /// Distinct solutions found.
    pub found: usize,
    /// Solutions certified (Krawczyk).
    pub certified: usize,
    /// `true` iff `certified == expected`: the list is provably complete.
    pub complete: bool,
    /// Real solutions.
    pub real: usize,
    /// Real local minima.
    pub real_local_minima: usize,
    /// The real solution of least loss; it is the global minimum over the
    /// real neuromanifold only when `complete` (see `is_global_minimum`).
    pub best_real: Option<BestReal>,
    /// Monodromy loops run.
    pub loops: usize,
    /// Paths tracked.
    pub paths_tracked: usize,
    /// What the solver did ([`crate::critical::Diagnostics`]).
    pub diagnostics: DiagnosticsInfo,
    /// Every solution found.
    pub solutions: Vec<SolutionInfo>,
}

/// Paths of one phase of the solver ([`crate::homotopy::PathStatistics`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct PathsInfo {
    /// Paths tracked.
    pub paths: usize,
    /// Failed paths by reason: `step-budget`, `min-step`, `singular`, `endpoint`.
    pub failed: std::collections::BTreeMap<String, usize>,
    /// Steps attempted (accepted and rejected).
    pub steps: usize,
    /// Steps rejected.
    pub rejected_steps: usize,
    /// Evaluations of the system (each with one LU factorisation).
    pub evaluations: usize,
}

/// One monodromy orbit: the critical points on one stratum.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct OrbitInfo {
    /// The stratum, as in `critical_point_counts.strata`.
    pub stratum: String,
    /// Its count for generic data, when known.
    pub expected: Option<usize>,
    /// Solutions of the orbit found.
    pub found: usize,
}

/// A solution that arrived in the tail of the monodromy.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct LateInfo {
    /// Paths tracked in all when it arrived.
    pub paths: usize,
    /// Its orbit (index into `orbits`), if classified.
    pub orbit: Option<usize>,
    /// The largest absolute value of its chart coordinates.
    pub size: f64,
}

/// What the solver did (see `docs/critical_points.md`, "Diagnostics").
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct DiagnosticsInfo {
    /// `known` (every orbit seeded and stopped at its count), `not used`
    /// (a saved start system), or `unknown: <why>` (the fallback).
    pub strata: String,
    /// One entry per stratum.
    pub orbits: Vec<OrbitInfo>,
    /// First tries of the monodromy paths.
    pub monodromy: PathsInfo,
    /// Careful re-tracks of monodromy paths that failed or jumped.
    pub retracked: PathsInfo,
    /// Detours for paths that failed carefully too.
    pub detours: PathsInfo,
    /// Paths from random points of the strata.
    pub seeds: PathsInfo,
    /// Paths of the parameter homotopy from a saved start system.
    pub transfer: PathsInfo,
    /// Paths contradicting a recorded correspondence (one of two jumped).
    pub jumps: usize,
    /// Paths tracked along each edge of the monodromy graph.
    pub paths_per_edge: Vec<usize>,
    /// Paths tracked in all when 50%, 90%, 99% and 100% of the solutions
    /// were known (`null` if never).
    pub paths_at: [Option<usize>; 4],
    /// The last 1% of the solutions to arrive.
    pub late: Vec<LateInfo>,
    /// Transfer paths tracked again after being lost.
    pub transfer_retracked: usize,
    /// Solutions certified only after their first chart failed.
    pub certification_retries: usize,
    /// Paths spent on solving a start system in this run (`--save-start`).
    pub start_paths: usize,
}

/// The real critical point of least loss.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct BestReal {
    /// `true` when the solution list is complete, so this is the global minimum.
    pub is_global_minimum: bool,
    /// The loss there.
    pub loss: f64,
    /// The end-to-end filter `c_0..c_{k-1}`.
    pub end_to_end: Vec<f64>,
    /// The layer filters `w_1..w_L`.
    pub layers: Vec<Vec<f64>>,
    /// The point in the unknowns `x1..xN` of the exported gradient system.
    pub system_point: Option<Vec<[f64; 2]>>,
}

/// One solution of the solver.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
#[non_exhaustive]
pub struct SolutionInfo {
    /// The end-to-end filter `c_0..c_{k-1}`, `[re, im]` pairs.
    pub end_to_end: Vec<[f64; 2]>,
    /// The layer filters, `[re, im]` pairs.
    pub layers: Vec<Vec<[f64; 2]>>,
    /// `true` if real.
    pub real: bool,
    /// The loss, `[re, im]`.
    pub loss: [f64; 2],
    /// For real points, the Morse index of the Hessian modulo rescaling.
    pub hessian_index: Option<usize>,
    /// `true` if certified.
    pub certified: bool,
    /// The point in the unknowns `x1..xN` of the exported gradient system.
    pub system_point: Option<Vec<[f64; 2]>>,
    /// For real certified points: where the point lies in the real
    /// neuromanifold.
    pub real_class: Option<RealClassInfo>,
}
