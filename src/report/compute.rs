//! Building a [`Report`]: what to compute ([`ReportRequest`]) and the bounds
//! that keep the closed-form part fast.

use super::*;
use crate::architecture::{
    Architecture, RationalFactorization, RealMembership, RealWitness, RelativePosition,
};
use crate::critical::{
    Chart, CriticalPointOptions, CriticalPoints, Diagnostics, Loss, MergeTree, StrataStatus,
};
use crate::homotopy::{PathStatistics, FAILURE_REASONS};
use crate::neurovariety::{Certificate, GeneratorOptions, VanishingIdealOptions};
use crate::poly::Syntax;
use crate::segre::generic_ed_degree_with_limit;
use crate::Error;
use num_complex::Complex64;
use num_rational::BigRational;

/// Where the loss of a [`SolveRequest`] came from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(Serialize),
    serde(tag = "kind", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum DataSource {
    /// [`Loss::random`] with this seed.
    Random {
        /// The seed.
        seed: u64,
    },
    /// Training data.
    TrainingData {
        /// Where it was read from (a file name, for instance).
        source: String,
    },
}

/// A request to find the critical points of a loss. Build with
/// [`SolveRequest::new`] and [`SolveRequest::with_options`].
///
/// ```
/// use neurovariety::report::{DataSource, SolveRequest};
/// use neurovariety::{Architecture, CriticalPointOptions, Loss};
/// let arch = Architecture::new(&[2, 2], &[2, 1])?;
/// let request = SolveRequest::new(Loss::random(&arch, 3), DataSource::Random { seed: 3 })
///     .with_options(CriticalPointOptions::default().with_seed(7));
/// assert_eq!(request.options.seed(), 7);
/// # Ok::<(), neurovariety::Error>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
#[must_use]
pub struct SolveRequest {
    /// The loss.
    pub loss: Loss,
    /// Where it came from (reported as is).
    pub data: DataSource,
    /// The solver's options; their seed also fixes the chart in which each
    /// solution's `system_point` is given (that of [`crate::critical::GradientSystem::new`]).
    pub options: CriticalPointOptions,
}

impl SolveRequest {
    /// Find the critical points of `loss` (which came from `data`) with the
    /// default [`CriticalPointOptions`].
    pub fn new(loss: Loss, data: DataSource) -> Self {
        SolveRequest {
            loss,
            data,
            options: CriticalPointOptions::default(),
        }
    }
    /// The same request with other solver options.
    pub fn with_options(mut self, options: CriticalPointOptions) -> Self {
        self.options = options;
        self
    }
}

/// The parts of a [`Report`] to compute beyond the closed-form invariants,
/// and the bounds in force. The default computes only the closed-form part.
#[derive(Clone, Debug)]
#[non_exhaustive]
#[must_use]
pub struct ReportRequest {
    /// Compute the equations with these options.
    pub equations: Option<GeneratorOptions>,
    /// Compute the vanishing ideal with these options.
    pub ideal: Option<VanishingIdealOptions>,
    /// Compute the merge tree.
    pub merge_tree: bool,
    /// The cap on the merge tree's `2^(L-1)` nodes (default
    /// [`MergeTree::DEFAULT_NODE_LIMIT`]).
    pub merge_tree_node_limit: usize,
    /// Factor this end-to-end filter into rational layer filters.
    pub factor: Option<Vec<BigRational>>,
    /// Decide whether this end-to-end filter is in the neurovariety.
    pub contains: Option<Vec<BigRational>>,
    /// Decide exactly whether this end-to-end filter is in the real
    /// neuromanifold (with a witness, the relative position, smoothness).
    pub contains_real: Option<Vec<BigRational>>,
    /// Find the critical points of a loss.
    pub critical_points: Option<SolveRequest>,
    /// The cap, in bits, on the estimated size of the integers needed for
    /// each closed-form value (degree, counts, comparison); a value over it
    /// is skipped with its estimate. Default [`ReportRequest::DEFAULT_COUNT_LIMIT_BITS`].
    pub count_limit_bits: u128,
}

impl Default for ReportRequest {
    fn default() -> Self {
        ReportRequest {
            equations: None,
            ideal: None,
            merge_tree: false,
            merge_tree_node_limit: MergeTree::DEFAULT_NODE_LIMIT,
            factor: None,
            contains: None,
            contains_real: None,
            critical_points: None,
            count_limit_bits: Self::DEFAULT_COUNT_LIMIT_BITS,
        }
    }
}

impl ReportRequest {
    /// `2^20` bits (numbers of up to about 315,000 digits): each closed-form
    /// value then takes well under a second.
    pub const DEFAULT_COUNT_LIMIT_BITS: u128 = 1 << 20;

    /// Also compute the equations with `options`.
    pub fn with_equations(mut self, options: GeneratorOptions) -> Self {
        self.equations = Some(options);
        self
    }
    /// Also compute the vanishing ideal with `options`.
    pub fn with_ideal(mut self, options: VanishingIdealOptions) -> Self {
        self.ideal = Some(options);
        self
    }
    /// Compute the merge tree or not.
    pub fn with_merge_tree(mut self, on: bool) -> Self {
        self.merge_tree = on;
        self
    }
    /// Sets the merge tree's node limit.
    pub fn with_merge_tree_node_limit(mut self, limit: usize) -> Self {
        self.merge_tree_node_limit = limit;
        self
    }
    /// Also factor `w`.
    pub fn with_factor(mut self, w: Vec<BigRational>) -> Self {
        self.factor = Some(w);
        self
    }
    /// Also test `w` for membership.
    pub fn with_contains(mut self, w: Vec<BigRational>) -> Self {
        self.contains = Some(w);
        self
    }
    /// Also decide exactly whether `w` is in the real neuromanifold.
    pub fn with_contains_real(mut self, w: Vec<BigRational>) -> Self {
        self.contains_real = Some(w);
        self
    }
    /// Also find critical points.
    pub fn with_critical_points(mut self, request: SolveRequest) -> Self {
        self.critical_points = Some(request);
        self
    }
    /// Sets [`ReportRequest::count_limit_bits`].
    pub fn with_count_limit_bits(mut self, bits: u128) -> Self {
        self.count_limit_bits = bits;
        self
    }
}

fn rationals(w: &[BigRational]) -> Vec<String> {
    w.iter().map(|x| x.to_string()).collect()
}

fn pairs(v: &[Complex64]) -> Vec<[f64; 2]> {
    v.iter().map(|z| [z.re, z.im]).collect()
}

/// `log2(n!)` by Stirling's formula (exact enough for a size bound).
fn log2_factorial(n: usize) -> f64 {
    if n < 2 {
        return 0.0;
    }
    let n = n as f64;
    (n * n.ln() - n + 0.5 * (2.0 * std::f64::consts::PI * n).ln()) / std::f64::consts::LN_2
}

/// [`Architecture::degree`]'s `m! / prod n_i!` for the positive `dims`
/// (computed by the same function), unless its size is over `limit_bits`.
fn bounded_degree(dims: &[usize], limit_bits: u128) -> Part<String> {
    let mut pos: Vec<usize> = dims.iter().copied().filter(|&n| n > 0).collect();
    pos.sort_unstable_by(|a, b| b.cmp(a));
    if pos.len() <= 1 {
        return Part::Computed("1".into());
    }
    let m: f64 = pos.iter().map(|&n| n as f64).sum();
    let bits = if m < 1e15 {
        log2_factorial(m as usize) - pos.iter().map(|&n| log2_factorial(n)).sum::<f64>()
    } else {
        f64::INFINITY
    };
    // the loop below also runs once per unit of the smaller parts; each step
    // multiplies by at least 2 on average, so that count is below the bit size
    let rest: f64 = m - pos[0] as f64;
    if bits.max(rest) > limit_bits as f64 {
        return over_bits(
            "degree of the neurovariety (bits)",
            bits.max(rest),
            limit_bits,
        );
    }
    // the same value as Architecture::degree, now known to be within the bound
    Part::Computed(crate::architecture::multinomial(&pos).to_string())
}

/// The option that raises [`ReportRequest::count_limit_bits`].
const COUNT_LIMIT_OPTION: &str = "ReportRequest::with_count_limit_bits (lcn: --count-limit-bits)";

/// Skipped: `what` needs an estimated `bits` bits, over `limit_bits`.
fn over_bits<T>(what: &'static str, bits: f64, limit_bits: u128) -> Part<T> {
    let estimate = if bits.is_finite() {
        bits.ceil() as u128
    } else {
        u128::MAX
    };
    Part::too_large(Error::too_large(what, estimate, limit_bits, COUNT_LIMIT_OPTION).to_string())
}

/// `C` of the given filter sizes, unless it has more than `limit_bits` bits.
///
/// No estimate of the answer decides: the count is computed (its work is
/// bounded by [`segre::size_estimate_bits`](crate::segre::size_estimate_bits),
/// a bound on the intermediate integers within a factor of about 3 of their
/// real size, against [`segre::DEFAULT_SIZE_LIMIT_BITS`] or `limit_bits`,
/// whichever is larger) and its exact size is compared with the limit. (The
/// alternating sum cancels: `C` of `P^1 x P^100` has 9 bits, its largest term
/// 109, so a size estimate of the answer would refuse far too early.)
fn bounded_count(filter_sizes: &[usize], limit_bits: u128) -> Result<Part<String>, Error> {
    if filter_sizes.is_empty() {
        return Ok(Part::Computed("1".into()));
    }
    let dims: Vec<usize> = filter_sizes.iter().map(|&k| k - 1).collect();
    let work_limit = crate::segre::DEFAULT_SIZE_LIMIT_BITS.max(limit_bits);
    let c = match generic_ed_degree_with_limit(&dims, work_limit) {
        Ok(c) => c,
        Err(Error::TooLarge {
            what,
            estimate,
            limit,
            ..
        }) => {
            return Ok(Part::too_large(
                Error::too_large(what, estimate, limit, COUNT_LIMIT_OPTION).to_string(),
            ))
        }
        Err(e) => return Err(e),
    };
    let bits = c.bits();
    if u128::from(bits) > limit_bits {
        return Ok(over_bits(
            "exact critical point count (bits)",
            bits as f64,
            limit_bits,
        ));
    }
    Ok(Part::Computed(c.to_string()))
}

/// The split of `C_k` over the strata, or why it is not computed (also
/// skipped when `C_k` itself is, since the split computes it).
fn strata(arch: &Architecture, parameter_space: &Part<String>) -> Part<Vec<StratumInfo>> {
    if parameter_space.is_skipped() {
        return Part::too_large("the exact critical point count is skipped".to_string());
    }
    match arch.critical_point_strata() {
        Ok(s) => Part::Computed(
            s.strata()
                .iter()
                .map(|st| StratumInfo {
                    stratum: st.to_string(),
                    shared: st
                        .shared
                        .iter()
                        .flatten()
                        .map(|set| set.iter().map(|l| l + 1).collect())
                        .collect(),
                    count: st.count.to_string(),
                    multiplicity: st.multiplicity.to_string(),
                })
                .collect(),
        ),
        Err(e) => Part::too_large(e.to_string()),
    }
}

/// The report form of path statistics.
fn paths_info(s: &PathStatistics) -> PathsInfo {
    PathsInfo {
        paths: s.paths,
        failed: FAILURE_REASONS
            .iter()
            .map(|&r| (r.name().to_string(), s.failures(r)))
            .collect(),
        steps: s.steps,
        rejected_steps: s.rejected_steps,
        evaluations: s.evaluations,
    }
}

/// The report form of the solver's diagnostics.
fn diagnostics_info(d: &Diagnostics, expected: usize) -> DiagnosticsInfo {
    let m = &d.monodromy;
    DiagnosticsInfo {
        strata: match &d.strata {
            StrataStatus::Known => "known".into(),
            StrataStatus::NotUsed => "not used".into(),
            StrataStatus::Unknown(why) => format!("unknown: {why}"),
        },
        orbits: d
            .orbits
            .iter()
            .map(|o| OrbitInfo {
                stratum: o.stratum.clone(),
                expected: o.expected,
                found: o.found,
            })
            .collect(),
        monodromy: paths_info(&m.first),
        retracked: paths_info(&m.careful),
        detours: paths_info(&m.detours),
        seeds: paths_info(&d.seeds),
        transfer: paths_info(&d.transfer),
        jumps: m.jumps,
        paths_per_edge: m.paths_per_edge.clone(),
        paths_at: [0.5, 0.9, 0.99, 1.0].map(|f| m.paths_at(f, expected)),
        late: d
            .late
            .iter()
            .map(|l| LateInfo {
                paths: l.paths,
                orbit: l.orbit,
                size: l.size,
            })
            .collect(),
        transfer_retracked: d.transfer_retracked,
        certification_retries: d.certification_retries,
        start_paths: d.start_paths,
    }
}

fn comparison(arch: &Architecture) -> Result<ComparisonInfo, Error> {
    let cmp = arch.fully_connected_comparison()?;
    let best = cmp.best_fully_connected().and_then(|b| {
        cmp.fully_connected
            .iter()
            .position(|e| e.network.widths() == b.network.widths())
    });
    Ok(ComparisonInfo {
        depth: cmp.depth,
        num_parameters: cmp.num_parameters,
        fully_connected: cmp
            .fully_connected
            .iter()
            .map(|e| FullyConnectedInfo {
                widths: e.network.widths().to_vec(),
                rank: e.network.rank(),
                num_parameters: e.network.num_parameters(),
                function_space_dimension: e.network.function_space_dimension(),
                critical_points: e.critical_points.to_string(),
            })
            .collect(),
        best,
    })
}

fn equations(
    arch: &Architecture,
    options: &GeneratorOptions,
) -> Result<Part<EquationsInfo>, Error> {
    let g = match arch.neurovariety().equations_with(options) {
        Ok(g) => g,
        Err(e @ Error::TooLarge { .. }) => return Ok(Part::too_large(e.to_string())),
        Err(e) => return Err(e),
    };
    Ok(Part::Computed(EquationsInfo {
        count: g.len(),
        minimal: options.minimize,
        by_degree: g
            .count_by_degree_and_kind()
            .into_iter()
            .map(|((degree, kind), count)| EquationCount {
                degree,
                kind: kind.name().to_string(),
                count,
            })
            .collect(),
        variables: g.ring().names().to_vec(),
        polynomials: g.formatted(Syntax::Plain),
    }))
}

fn ideal(arch: &Architecture, options: &VanishingIdealOptions) -> Result<Part<IdealInfo>, Error> {
    let i = match arch.neurovariety().vanishing_ideal(options) {
        Ok(i) => i,
        Err(e @ Error::TooLarge { .. }) => return Ok(Part::too_large(e.to_string())),
        Err(e) => return Err(e),
    };
    Ok(Part::Computed(IdealInfo {
        variables: i.ring().names().to_vec(),
        polynomials: i.formatted(Syntax::Plain),
        degrees: i
            .count_by_degree()
            .into_iter()
            .map(|(d, c)| (d.to_string(), c))
            .collect(),
        certified: i.is_certified(),
        verdict: match i.certificate() {
            Certificate::Certified(_) => "certified",
            Certificate::Refuted(_) => "refuted",
            _ => "undecided",
        }
        .to_string(),
        certified_by: i.certificate().proof_name().map(str::to_string),
        cohen_macaulay: i.cohen_macaulay(),
        through_degree: i.through_degree(),
        hilbert_function: i.hilbert_function().iter().map(|v| v.to_string()).collect(),
        h_vector: i
            .h_vector()
            .map(|h| h.iter().map(|v| v.to_string()).collect()),
        hilbert_numerator: i
            .hilbert_numerator()
            .map(|h| h.iter().map(|v| v.to_string()).collect()),
        regularity: i.regularity(),
        certificate: i.certificate().to_string(),
    }))
}

fn merge_tree(arch: &Architecture, limit: usize) -> Result<Part<MergeTreeInfo>, Error> {
    let layers = arch.num_layers();
    let nodes = if layers - 1 < 128 {
        (1u128 << (layers - 1)).to_string()
    } else {
        format!("2^{}", layers - 1)
    };
    if layers > 64 || (1u64 << (layers - 1)) > limit as u64 {
        return Ok(Part::too_large(format!(
            "merge tree too large: up to 2^{} = {nodes} nodes exceeds the limit {limit}; raise it with ReportRequest::with_merge_tree_node_limit (lcn: --tree-limit)",
            layers - 1
        )));
    }
    let tree = match MergeTree::with_limit(arch.filter_sizes(), limit) {
        Ok(t) => t,
        Err(e @ Error::TooLarge { .. }) => return Ok(Part::too_large(e.to_string())),
        Err(e) => return Err(e),
    };
    Ok(Part::Computed(MergeTreeInfo {
        nodes: tree
            .nodes()
            .iter()
            .enumerate()
            .map(|(id, n)| MergeNodeInfo {
                id,
                depth: n.depth,
                filter_sizes: n.filter_sizes.clone(),
                critical_points: n.critical_points.to_string(),
            })
            .collect(),
        edges: tree
            .edges()
            .iter()
            .map(|&(from, to)| MergeEdge { from, to })
            .collect(),
    }))
}

fn factorization(arch: &Architecture, w: &[BigRational]) -> Result<FactorizationInfo, Error> {
    let filter = rationals(w);
    let answer = arch.factorize(w)?;
    let reason = Some(answer.to_string());
    let (status, layers, reason) = match answer {
        RationalFactorization::Found { layers } => (
            FactorizationStatus::Factored,
            Some(layers.iter().map(|l| rationals(l)).collect()),
            None,
        ),
        RationalFactorization::Undecided { .. } => (FactorizationStatus::Undecided, None, reason),
        // not in the neurovariety, or no rational factorization: both proved
        _ => (FactorizationStatus::None, None, reason),
    };
    Ok(FactorizationInfo {
        filter,
        status,
        layers,
        reason,
    })
}

fn membership(arch: &Architecture, w: &[BigRational]) -> Result<MembershipInfo, Error> {
    let v = arch.neurovariety();
    let failing: Vec<String> = v
        .failing_conditions(w)?
        .iter()
        .map(|c| c.describe())
        .collect();
    Ok(MembershipInfo {
        filter: rationals(w),
        contains: failing.is_empty(),
        failing_conditions: failing,
    })
}

fn real_membership(arch: &Architecture, w: &[BigRational]) -> Result<RealMembershipInfo, Error> {
    let answer = arch.real_membership(w)?;
    let in_neurovariety = answer.in_neurovariety();
    let smooth = if in_neurovariety {
        arch.smoothness(w)?.is_smooth()
    } else {
        None
    };
    let (witness, reason) = match &answer {
        RealMembership::InNeuromanifold { witness, position } => (
            witness.as_ref().map(RealWitness::to_strings),
            match position {
                RelativePosition::Interior => None,
                other => Some(other.to_string()),
            },
        ),
        other => (None, Some(other.to_string())),
    };
    Ok(RealMembershipInfo {
        filter: rationals(w),
        in_neurovariety,
        in_neuromanifold: answer.in_neuromanifold(),
        relative_boundary: answer.position().and_then(RelativePosition::is_boundary),
        smooth,
        witness,
        reason,
    })
}

fn critical_points(arch: &Architecture, r: &SolveRequest) -> Result<CriticalPointsInfo, Error> {
    let found = arch.critical_points(&r.loss, &r.options)?;
    critical_points_info(arch, r, &found)
}

/// The report part for critical points `found` of `r.loss` by any route
/// (monodromy, a saved start system, merged shards).
pub(crate) fn critical_points_info(
    arch: &Architecture,
    r: &SolveRequest,
    found: &CriticalPoints,
) -> Result<CriticalPointsInfo, Error> {
    let seed = r.options.seed();
    // the chart of `lcn --system` with the same seed (GradientSystem::new)
    let exported = Chart::random(arch, seed);
    let system_point = |layers: &[Vec<Complex64>]| exported.point(layers).map(|z| pairs(&z));
    let complete = found.is_complete();
    let classes = found.real_classes(arch);
    let best_real = found.global_minimum().map(|p| BestReal {
        is_global_minimum: complete,
        loss: p.loss.re,
        end_to_end: p.end_to_end.iter().map(|c| c.re).collect(),
        layers: p
            .layers
            .iter()
            .map(|l| l.iter().map(|c| c.re).collect())
            .collect(),
        system_point: system_point(&p.layers),
    });
    Ok(CriticalPointsInfo {
        data: r.data.clone(),
        seed,
        expected: found.expected().to_string(),
        found: found.found(),
        certified: found.certified(),
        complete,
        real: found.num_real(),
        real_local_minima: found.real().filter(|p| p.is_local_minimum()).count(),
        best_real,
        loops: found.loops(),
        paths_tracked: found.paths_tracked(),
        diagnostics: diagnostics_info(found.diagnostics(), found.expected()),
        solutions: found
            .solutions()
            .iter()
            .zip(classes)
            .map(|(p, class)| SolutionInfo {
                end_to_end: pairs(&p.end_to_end),
                layers: p.layers.iter().map(|l| pairs(l)).collect(),
                real: p.is_real,
                loss: [p.loss.re, p.loss.im],
                hessian_index: p.hessian_index,
                certified: p.certificate.is_some(),
                system_point: system_point(&p.layers),
                real_class: class.map(|c| RealClassInfo {
                    in_interior: c.in_interior,
                    smooth: c.smooth,
                    repeated_filters: c
                        .repeated_filters
                        .iter()
                        .map(|&(a, b)| [a + 1, b + 1])
                        .collect(),
                }),
            })
            .collect(),
    })
}

impl Report {
    /// Builds the report on `arch` with the parts `request` asks for (see the
    /// [module documentation](crate::report)).
    ///
    /// # Errors
    ///
    /// Parts that are over a size limit are skipped, not errors. Errors are
    /// those of the requested computations on bad input: a filter of the wrong
    /// length for `factor`/`contains` ([`Error::LengthMismatch`]), a loss of
    /// the wrong dimension, the solver's errors.
    pub fn new(arch: &Architecture, request: &ReportRequest) -> Result<Report, Error> {
        let reduced = arch.reduced();
        let bits = request.count_limit_bits;
        let k = arch.end_to_end_filter_size();
        let dimension = arch.dimension();
        let levels = reduced
            .level_degrees()
            .into_iter()
            .zip(reduced.dilations())
            .enumerate()
            .filter(|(_, (_, &tau))| tau > 1)
            .map(|(l, (e, &tau))| LevelInfo {
                level: l + 1,
                tau,
                e,
            })
            .collect();
        let reduced_dims: Vec<usize> = reduced.filter_sizes().iter().map(|k| k - 1).collect();
        let parameter_space = bounded_count(arch.filter_sizes(), bits)?;
        let function_space = bounded_count(reduced.filter_sizes(), bits)?;
        let fully_connected_comparison = if parameter_space.is_skipped()
            || function_space.is_skipped()
        {
            Part::too_large(format!(
                "fully connected comparison not computed: it needs both critical point counts, and one is over the limit; raise it with {COUNT_LIMIT_OPTION}"
            ))
        } else {
            Part::Computed(comparison(arch)?)
        };
        let merge_tree = if !request.merge_tree {
            Part::not_requested("--tree")
        } else if parameter_space.is_skipped() {
            Part::too_large(format!(
                "merge tree not computed: the count at its root is over the limit; raise it with {COUNT_LIMIT_OPTION}"
            ))
        } else {
            merge_tree(arch, request.merge_tree_node_limit)?
        };
        Ok(Report {
            schema_version: SCHEMA_VERSION,
            architecture: ArchitectureInfo {
                notation: arch.to_string(),
                filter_sizes: arch.filter_sizes().to_vec(),
                strides: arch.strides().to_vec(),
                dilations: arch.dilations().to_vec(),
                end_to_end_filter_size: k,
                end_to_end_stride: arch.end_to_end_stride(),
                num_parameters: arch.num_parameters(),
            },
            reduced: ReducedInfo {
                filter_sizes: reduced.filter_sizes().to_vec(),
                dilations: reduced.dilations().to_vec(),
            },
            neurovariety: NeurovarietyInfo {
                ambient_dimension: k,
                dimension,
                codimension: k - dimension,
                degree: bounded_degree(&reduced_dims, bits),
                fills_space: arch.is_filling(),
                levels,
            },
            critical_point_counts: CriticalPointCounts {
                strata: strata(arch, &parameter_space),
                parameter_space,
                function_space,
            },
            fully_connected_comparison,
            equations: match &request.equations {
                Some(options) => equations(arch, options)?,
                None => Part::not_requested("--equations"),
            },
            ideal: match &request.ideal {
                Some(options) => ideal(arch, options)?,
                None => Part::not_requested("--ideal --json"),
            },
            merge_tree,
            factorization: match &request.factor {
                Some(w) => Part::Computed(factorization(arch, w)?),
                None => Part::not_requested("--factor"),
            },
            membership: match &request.contains {
                Some(w) => Part::Computed(membership(arch, w)?),
                None => Part::not_requested("--contains"),
            },
            real_membership: match &request.contains_real {
                Some(w) => Part::Computed(real_membership(arch, w)?),
                None => Part::not_requested("--contains-real"),
            },
            critical_points: match &request.critical_points {
                Some(r) => match critical_points(arch, r) {
                    Ok(info) => Part::Computed(info),
                    Err(e @ Error::TooLarge { .. }) => Part::too_large(e.to_string()),
                    Err(e) => return Err(e),
                },
                None => Part::not_requested("--critical-points"),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_values_agree_with_the_unbounded_ones() {
        // every architecture with up to 3 layers of sizes 1..=5 and strides 1..=3
        for l in 1..=3usize {
            let mut sizes = vec![1usize; l];
            loop {
                for s in [1usize, 2, 3] {
                    let strides: Vec<usize> =
                        (0..l).map(|i| if i % 2 == 0 { s } else { 2 }).collect();
                    let a = Architecture::new(&sizes, &strides).unwrap();
                    let r = Report::new(&a, &ReportRequest::default()).unwrap();
                    assert_eq!(
                        r.neurovariety.degree,
                        Part::Computed(a.degree().to_string()),
                        "{a}"
                    );
                    assert_eq!(
                        r.critical_point_counts.parameter_space,
                        Part::Computed(a.critical_point_count().unwrap().to_string())
                    );
                    assert_eq!(
                        r.critical_point_counts.function_space,
                        Part::Computed(
                            a.function_space_critical_point_count().unwrap().to_string()
                        )
                    );
                    let cmp = a.fully_connected_comparison().unwrap();
                    let info = r.fully_connected_comparison.computed().unwrap();
                    assert_eq!(info.fully_connected.len(), cmp.fully_connected.len());
                }
                // next size tuple
                let Some(i) = sizes.iter().position(|&k| k < 5) else {
                    break;
                };
                sizes[i] += 1;
                sizes[..i].iter_mut().for_each(|k| *k = 1);
            }
        }
    }

    #[test]
    fn fifty_layers_at_stride_2_give_the_exact_count_with_default_limits() {
        // sizes 5..21: C_k has 3,703 bits (1,115 digits); the fixture is an
        // independent evaluation in Python fractions (scripts/oracle/ck_50_layers.py)
        let sizes: Vec<usize> = (0..50).map(|l| 5 + l % 17).collect();
        let a = Architecture::new(&sizes, &[2; 50]).unwrap();
        let r = Report::new(&a, &ReportRequest::default()).unwrap();
        let want = include_str!("../../tests/fixtures/ck_50_layers.txt").trim();
        assert_eq!(
            r.critical_point_counts.parameter_space,
            Part::Computed(want.to_string())
        );
        assert_eq!(
            r.critical_point_counts.function_space,
            Part::Computed(want.to_string())
        );
        assert!(r.fully_connected_comparison.computed().is_some());
        // one bit less than the count: skipped, with its exact size
        let r = Report::new(&a, &ReportRequest::default().with_count_limit_bits(3702)).unwrap();
        let Part::Skipped(s) = &r.critical_point_counts.parameter_space else {
            panic!("{:?}", r.critical_point_counts.parameter_space)
        };
        assert!(
            s.reason.contains("3703 exceeds the limit 3702"),
            "{}",
            s.reason
        );
    }

    #[test]
    fn values_over_the_bit_limit_are_skipped_with_the_reason() {
        let a = Architecture::new(&[30, 30], &[2, 1]).unwrap();
        let r = Report::new(&a, &ReportRequest::default().with_count_limit_bits(40)).unwrap();
        // C(58, 29) has 56 bits
        let Part::Skipped(s) = &r.neurovariety.degree else {
            panic!("{:?}", r.neurovariety.degree)
        };
        assert_eq!(s.skipped, SkipCode::TooLarge);
        assert!(s.reason.contains("--count-limit-bits"), "{}", s.reason);
        assert!(r.critical_point_counts.parameter_space.is_skipped());
        assert!(r.fully_connected_comparison.is_skipped());
        let r = Report::new(&a, &ReportRequest::default().with_count_limit_bits(60)).unwrap();
        assert_eq!(
            r.neurovariety.degree,
            Part::Computed("30067266499541040".into())
        );
    }
}
