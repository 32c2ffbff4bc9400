//! The vanishing ideal `I(V)`: minimal generators of the prime ideal of the
//! neurovariety, by multigraded interpolation, with a completeness
//! certificate.
//!
//! [`Neurovariety::equations`] gives polynomials whose common zero set is
//! `V`; on architectures with more than one strided level the ideal they
//! generate is smaller than `I(V)`, the kernel of the parametrisation `mu`
//! (what Macaulay2's `ker` returns). [`Neurovariety::vanishing_ideal`]
//! computes `I(V)` itself (`docs/mathematics.md`, section 4b;
//! `docs/algorithms.md`, "The vanishing ideal"):
//!
//! 1. **Gradings.** `I(V)` is homogeneous for the degree, the weight
//!    `wt(c_i) = i` and, when the reduced architecture has a second level at
//!    dilation `tau`, the number of variables in each class `i mod tau`.
//!    Coordinates that vanish identically on `V` are linear generators.
//! 2. **Interpolation, block by block** (degree × weight × class counts):
//!    the degree-`d` part of `I(V)` in a block is the kernel of
//!    `f -> f o mu`, computed modulo a prime below `2^26` in reduced echelon form
//!    (leading monomial largest in graded reverse lexicographic order); the
//!    minimal generators are the kernel vectors whose leading monomial is not
//!    one of `S_1 I_{d-1}`. They are lifted to `Z` (Chinese remaindering and
//!    rational reconstruction) and **each is verified by exact expansion** of
//!    `f o mu`; the Hilbert function is then proven (module `interpolate`).
//! 3. **Fast path.** When the set-theoretic equations are cheap, all of one
//!    degree, and the certificate below succeeds for them, they generate
//!    `I(V)`: the interpolation is skipped and only their canonical forms are
//!    computed (module `from_equations`).
//! 4. **Closed form.** When no two monomials of the parametrisation overlap,
//!    `V` is a Segre variety and its ideal is written down (module `segre`).
//! 5. **Certificates** (module `certificate`, the verdict as a type). After
//!    each degree that brought new generators, the Artinian reduction by
//!    `dim V` integer linear forms is computed modulo the prime; length
//!    `deg V` proves that the generators found generate `I(V)` and that
//!    `S/I(V)` is Cohen–Macaulay, and gives the h-vector (module
//!    `artinian`). When the length exceeds `deg V`, a Gröbner basis of the
//!    graph of `mu` modulo the prime (module `elimination`) proves
//!    completeness for any architecture, Cohen–Macaulay or not, and gives
//!    the Hilbert series. Otherwise the computation goes on up to the degree
//!    bound or the time budget and reports [`Certificate::Undecided`] with
//!    the degree through which the generators are complete.
//!
//! ```
//! use neurovariety::{Architecture, VanishingIdealOptions};
//! // (3,3,3)/(2,2): 80 cubics and 15 quartics, Cohen–Macaulay, h = (1,8,36,40,5)
//! let v = Architecture::new(&[3, 3, 3], &[2, 2, 1]).unwrap().neurovariety();
//! let ideal = v.vanishing_ideal(&VanishingIdealOptions::default()).unwrap();
//! assert_eq!(ideal.count_by_degree().into_iter().collect::<Vec<_>>(), [(3, 80), (4, 15)]);
//! assert!(ideal.is_certified());
//! assert_eq!(ideal.cohen_macaulay(), Some(true));
//! assert_eq!(ideal.h_vector().unwrap(), [1, 8, 36, 40, 5]);
//! assert_eq!(ideal.certificate().proof_name(), Some("Artinian reduction"));
//! assert_eq!(ideal.regularity(), Some(4));
//! ```

mod artinian;
mod blocks;
mod certificate;
mod elimination;
mod from_equations;
mod interpolate;
mod parametrisation;
mod refute;
mod segre;

pub use certificate::{Budget, Certificate, Proof, Undecided, Witness};

use super::Neurovariety;
use crate::limits::{MAX_IDEAL_DEGREE, MAX_LIFT_PRIMES};
use crate::modular::{primes_below, Zp, SMALL_PRIME_BOUND};
use crate::poly::{
    count_monomials, format_poly, MPoly, Monomial, MonomialBasis, PolyRing, SparseVec, Syntax,
};
use crate::progress::{ProgressObserver, Stage, Update};
use crate::Error;
use artinian::{artinian_certificate, Artinian};
use blocks::{Degree, LivePoly};
use interpolate::{solve_block, BlockIdeal};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use parametrisation::Parametrisation;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The option that raises the monomial limit of the vanishing ideal.
const LIMIT_OPTION: &str = "VanishingIdealOptions::with_limit (lcn: --limit)";

/// Options for [`Neurovariety::vanishing_ideal`]. Build with [`Default`] and
/// the `with_...` methods.
///
/// ```
/// use neurovariety::VanishingIdealOptions;
/// use std::time::Duration;
/// let o = VanishingIdealOptions::default()
///     .with_degree_bound(4)
///     .with_limit(10_000)
///     .with_time_budget(Duration::from_secs(60));
/// assert_eq!((o.degree_bound, o.limit), (Some(4), 10_000));
/// assert_eq!(o.time_budget, Some(Duration::from_secs(60)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct VanishingIdealOptions {
    /// The largest degree interpolated when no certificate stops the
    /// computation earlier. Default `None`: the highest degree of the
    /// set-theoretic equations ([`Neurovariety::generator_estimate`]) plus
    /// one.
    pub degree_bound: Option<usize>,
    /// Refuse with [`Error::TooLarge`] when one degree has more monomials in
    /// the live coordinates than this. Default `5_000_000`.
    pub limit: u128,
    /// The Artinian certificate gives up when its dense eliminations would
    /// need more than this many multiply-adds modulo `p` in one attempt
    /// (estimated as `n^3 / 3` for `n` unknowns); the elimination
    /// certificate when its Gröbner basis would need more than this many
    /// matrix entries. Default `10_000_000_000`, tens of seconds on one core.
    pub certificate_budget: u128,
    /// Stop when this much time has passed (checked between blocks of the
    /// interpolation and inside the certificates): the result holds the
    /// degrees completed and [`Certificate::Undecided`] with
    /// [`Budget::Time`]. Default `None` (no limit; `lcn --ideal` sets 100 s
    /// unless `--degree-bound` or `--time-budget` is given).
    pub time_budget: Option<Duration>,
    /// Receives one [`Update::Phase`] per degree and certificate and
    /// [`Update::Blocks`] as the blocks of a degree finish
    /// ([`Stage::VanishingIdeal`]).
    pub progress: ProgressObserver,
}

impl Default for VanishingIdealOptions {
    fn default() -> Self {
        VanishingIdealOptions {
            degree_bound: None,
            limit: 5_000_000,
            certificate_budget: 10_000_000_000,
            time_budget: None,
            progress: ProgressObserver::none(),
        }
    }
}

impl VanishingIdealOptions {
    /// The same options with another degree bound.
    pub fn with_degree_bound(mut self, d: usize) -> Self {
        self.degree_bound = Some(d);
        self
    }
    /// The same options with another monomial limit.
    pub fn with_limit(mut self, limit: u128) -> Self {
        self.limit = limit;
        self
    }
    /// The same options with another certificate budget (operations).
    pub fn with_certificate_budget(mut self, operations: u128) -> Self {
        self.certificate_budget = operations;
        self
    }
    /// The same options with a time budget.
    pub fn with_time_budget(mut self, budget: Duration) -> Self {
        self.time_budget = Some(budget);
        self
    }
    /// The same options with a progress observer.
    pub fn with_progress(mut self, observer: ProgressObserver) -> Self {
        self.progress = observer;
        self
    }
}

/// When the time budget runs out.
#[derive(Clone, Debug)]
pub(super) struct Deadline {
    start: Instant,
    budget: Option<Duration>,
}

impl Deadline {
    fn new(budget: Option<Duration>) -> Self {
        Deadline {
            start: Instant::now(),
            budget,
        }
    }
    /// `true` once the budget is spent.
    pub(super) fn passed(&self) -> bool {
        self.budget.is_some_and(|b| self.start.elapsed() >= b)
    }
    /// The budget as a [`Budget`] (a time budget; `Operations(0)` when
    /// there is none, which [`Deadline::passed`] then never reports).
    pub(super) fn budget(&self) -> Budget {
        self.budget.map_or(Budget::Operations(0), Budget::Time)
    }
    /// The time since the start.
    pub(super) fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
    /// The time left, `None` without a budget.
    pub(super) fn remaining(&self) -> Option<Duration> {
        self.budget.map(|b| b.saturating_sub(self.start.elapsed()))
    }
}

/// The vanishing ideal `I(V)` as far as it was computed: minimal generators
/// through [`VanishingIdeal::through_degree`], the Hilbert function, and the
/// certificate's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct VanishingIdeal {
    architecture: crate::Architecture,
    ring: PolyRing,
    generators: Vec<MPoly<BigInt>>,
    hilbert_function: Vec<u128>,
    dimension: usize,
    certificate: Certificate,
    /// `h(t)` with `HS(t) = h(t) / (1 - t)^dim V`, when certified.
    numerator: Option<Vec<i128>>,
}

impl VanishingIdeal {
    /// The architecture.
    pub fn architecture(&self) -> &crate::Architecture {
        &self.architecture
    }
    /// The ring `Q[c0..c{k-1}]`.
    pub fn ring(&self) -> &PolyRing {
        &self.ring
    }
    /// The minimal generators: sorted by degree, then weight and class
    /// counts, then leading monomial; primitive integer coefficients, each
    /// in reduced echelon form within its block (its other monomials are
    /// standard monomials of `I(V)` in graded reverse lexicographic order),
    /// positive leading coefficient.
    pub fn generators(&self) -> &[MPoly<BigInt>] {
        &self.generators
    }
    /// Number of minimal generators found.
    pub fn len(&self) -> usize {
        self.generators.len()
    }
    /// `true` when there is no generator (through the degree computed).
    pub fn is_empty(&self) -> bool {
        self.generators.is_empty()
    }
    /// Number of minimal generators per degree.
    pub fn count_by_degree(&self) -> BTreeMap<u64, usize> {
        super::generators::count_by_degree(&self.generators)
    }
    /// The Hilbert function `dim (S/I(V))_d` for `d = 0..=through_degree`
    /// (proven: every count comes from verified generators).
    pub fn hilbert_function(&self) -> &[u128] {
        &self.hilbert_function
    }
    /// The Hilbert function in degree `d`: computed for `d <= through_degree`,
    /// from the Hilbert series in any degree when certified, `None`
    /// otherwise.
    pub fn hilbert_function_at(&self, d: usize) -> Option<u128> {
        if let Some(&v) = self.hilbert_function.get(d) {
            return Some(v);
        }
        hilbert_from_numerator(self.numerator.as_deref()?, self.dimension, d)
    }
    /// The generators are complete (all minimal generators of `I(V)` of
    /// degree `<= through_degree` are listed).
    pub fn through_degree(&self) -> usize {
        self.hilbert_function.len().saturating_sub(1)
    }
    /// `true` when a certificate proved that the generators generate `I(V)`.
    pub fn is_certified(&self) -> bool {
        self.certificate.is_certified()
    }
    /// The certificate's verdict.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }
    /// `Some(true)` when proven Cohen–Macaulay (Artinian reduction, Segre,
    /// linear space); `Some(false)` when certified with a Hilbert series
    /// whose numerator has a negative coefficient (a Cohen–Macaulay ring has
    /// a non-negative h-vector); `None` when not decided.
    pub fn cohen_macaulay(&self) -> Option<bool> {
        match self.certificate.proof()? {
            Proof::Elimination { .. } => self
                .numerator
                .as_ref()
                .and_then(|h| h.iter().any(|&c| c < 0).then_some(false)),
            _ => Some(true),
        }
    }
    /// The numerator `h(t)` of the Hilbert series `HS(t) = h(t) / (1 -
    /// t)^dim V` of `S/I(V)`, when certified (for a Cohen–Macaulay ring, the
    /// h-vector).
    pub fn hilbert_numerator(&self) -> Option<&[i128]> {
        self.numerator.as_deref()
    }
    /// The h-vector (`HS(t) = h(t) / (1 - t)^dim V`), when proven
    /// Cohen–Macaulay.
    pub fn h_vector(&self) -> Option<Vec<u128>> {
        if self.cohen_macaulay() != Some(true) {
            return None;
        }
        self.numerator
            .as_ref()?
            .iter()
            .map(|&c| u128::try_from(c).ok())
            .collect()
    }
    /// The Castelnuovo–Mumford regularity of `S/I(V)` when proven
    /// Cohen–Macaulay (the degree of the h-polynomial).
    pub fn regularity(&self) -> Option<usize> {
        self.h_vector().map(|h| h.len().saturating_sub(1))
    }
    /// The Hilbert series `h(t) / (1 - t)^n` as text, when certified.
    ///
    /// ```
    /// use neurovariety::{Architecture, VanishingIdealOptions};
    /// let v = Architecture::new(&[3, 3], &[2, 1]).unwrap().neurovariety();
    /// let i = v.vanishing_ideal(&VanishingIdealOptions::default()).unwrap();
    /// assert_eq!(i.hilbert_series().unwrap(), "(1 + 2*t + 3*t^2) / (1 - t)^5");
    /// ```
    pub fn hilbert_series(&self) -> Option<String> {
        let h = self.numerator.as_ref()?;
        let mut s = String::new();
        for (i, &c) in h.iter().enumerate().filter(|(_, &c)| c != 0) {
            let sign = if c < 0 { " - " } else { " + " };
            if s.is_empty() {
                if c < 0 {
                    s.push('-');
                }
            } else {
                s.push_str(sign);
            }
            let a = c.unsigned_abs();
            match i {
                0 => s.push_str(&a.to_string()),
                1 => s.push_str(&format!("{a}*t")),
                _ => s.push_str(&format!("{a}*t^{i}")),
            }
        }
        Some(format!("({s}) / (1 - t)^{}", self.dimension))
    }
    /// The generators as strings in the given syntax.
    pub fn formatted(&self, syntax: Syntax) -> Vec<String> {
        self.generators
            .iter()
            .map(|g| format_poly(g, self.ring.names(), self.ring.order(), syntax))
            .collect()
    }
}

/// `HF(d) = sum_i h_i C(d - i + n - 1, n - 1)` for a numerator with signs.
fn hilbert_from_numerator(h: &[i128], n: usize, d: usize) -> Option<u128> {
    let mut total: i128 = 0;
    for (i, &hi) in h.iter().enumerate().take(d + 1) {
        let c = i128::try_from(count_monomials(n, d - i)?).ok()?;
        total = total.checked_add(hi.checked_mul(c)?)?;
    }
    u128::try_from(total).ok()
}

/// What a computation of `I(V)` has so far: the generators over the live
/// variables (each once), and the Hilbert function.
struct State {
    generators: Vec<LivePoly<BigInt>>,
    hilbert: Vec<u128>,
}

impl Neurovariety {
    /// The vanishing ideal `I(V)` (module [`vanishing`](crate::neurovariety::vanishing)).
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the end-to-end filter is too large to hold
    /// coordinates, when a degree has more monomials than
    /// [`VanishingIdealOptions::limit`], or when the parametrisation has too
    /// many terms; [`Error::NoConvergence`] if the exact lift of some
    /// generator did not verify with the primes available (never observed).
    pub fn vanishing_ideal(
        &self,
        options: &VanishingIdealOptions,
    ) -> Result<VanishingIdeal, Error> {
        let k = self
            .architecture
            .require_coordinates("coordinates of the vanishing ideal")?;
        let param = Parametrisation::new(&self.reduced, k)?;
        let deadline = Deadline::new(options.time_budget);
        let (state, certificate, numerator) = self.compute_ideal(&param, options, &deadline)?;
        let mut generators: Vec<MPoly<BigInt>> = param
            .dead
            .iter()
            .map(|&i| MPoly::var(i))
            .collect::<Result<_, _>>()?;
        let mut bases: BTreeMap<usize, MonomialBasis> = BTreeMap::new();
        for (d, g) in &state.generators {
            if !bases.contains_key(d) {
                bases.insert(*d, MonomialBasis::new(param.num_live(), *d)?);
            }
            generators.push(to_poly(&param, &bases[d], g, k));
        }
        let n = self.dimension();
        let ideal = VanishingIdeal {
            architecture: self.architecture.clone(),
            ring: PolyRing::indexed("c", k)?,
            generators,
            hilbert_function: state.hilbert,
            dimension: n,
            certificate,
            numerator,
        };
        // the Hilbert series must reproduce every computed value of the Hilbert function
        if let Some(h) = ideal.hilbert_numerator() {
            for (dd, &v) in ideal.hilbert_function.iter().enumerate() {
                if hilbert_from_numerator(h, n, dd) != Some(v) {
                    return Err(Error::internal(format!(
                        "the Hilbert series {h:?} disagrees with the Hilbert function in degree {dd}"
                    )));
                }
            }
        }
        Ok(ideal)
    }

    /// The generators over the live variables, the Hilbert function, the
    /// verdict and (when certified) the Hilbert series numerator.
    fn compute_ideal(
        &self,
        param: &Parametrisation,
        options: &VanishingIdealOptions,
        deadline: &Deadline,
    ) -> Result<(State, Certificate, Option<Vec<i128>>), Error> {
        let m = param.num_live();
        let n = self.dimension();
        let delta = self.degree().to_u128();
        let mut state = State {
            generators: Vec::new(),
            hilbert: vec![1u128, m as u128],
        };
        if m == n {
            // V fills the span of the live coordinates
            return Ok((
                state,
                Certificate::Certified(Proof::LinearSpace),
                Some(vec![1]),
            ));
        }
        if let Some(closed) = segre::segre_ideal(param, n)? {
            return Ok((
                closed.state(),
                closed.certificate(),
                Some(closed.numerator()),
            ));
        }
        let Some(delta) = delta else {
            return Ok((
                state,
                Certificate::Undecided(Undecided {
                    through_degree: 1,
                    stopped_by: Budget::DegreeTooLarge,
                    artinian_length_at_least: None,
                }),
                None,
            ));
        };
        let f0 = certificate_prime()?;
        if let Some(fast) = from_equations::from_equations(
            self,
            param,
            delta,
            options.certificate_budget,
            deadline,
        )? {
            let numerator = fast.h_vector.iter().map(|&x| x as i128).collect();
            state.generators = fast.generators;
            state.hilbert = fast.hilbert;
            return Ok((
                state,
                Certificate::Certified(Proof::ArtinianLength {
                    h_vector: fast.h_vector,
                }),
                Some(numerator),
            ));
        }
        // the set-theoretic equations' top degree: I(V) had no minimal
        // generator above it in any example, so the elimination certificate
        // is tried from there on (or earlier, once a degree brings none)
        let equations_degree = self.generator_estimate().max_degree;
        let bound = options.degree_bound.unwrap_or(equations_degree + 1).max(1);
        let max_degree = param.max_packed_degree().min(MAX_IDEAL_DEGREE);
        if bound > max_degree {
            return Err(Error::too_large_fixed(
                "degree bound of the vanishing ideal",
                bound as u128,
                max_degree as u128,
            ));
        }
        let primes: Vec<Zp> = primes_below(SMALL_PRIME_BOUND - 1)
            .take(MAX_LIFT_PRIMES)
            .map(Zp::new)
            .collect::<Result<_, _>>()?;
        let mut elim = Elimination::new(param, f0, options, deadline);
        let mut artinian_length_at_least = None;
        let mut stopped_by = Budget::DegreeBound(bound);
        let mut previous: Option<(Degree, Vec<BlockIdeal>)> = None;
        // seconds per unit of sum_B |B|^3 in the last degree
        let mut speed: Option<f64> = None;
        let mut d = 2;
        while d <= bound {
            if deadline.passed() {
                stopped_by = deadline.budget();
                break;
            }
            let total = count_monomials(m, d).ok_or(Error::Overflow {
                what: "number of monomials of the vanishing ideal",
            })?;
            if total > options.limit {
                return Err(Error::too_large(
                    "monomials of one degree of the vanishing ideal",
                    total,
                    options.limit,
                    LIMIT_OPTION,
                ));
            }
            let cost = interpolation_cost(param, d);
            // a degree that cannot finish in the time left is not started
            if let (Some(v), Some(left)) = (speed, deadline.remaining()) {
                if v * cost > left.as_secs_f64() {
                    stopped_by = deadline.budget();
                    break;
                }
            }
            options.progress.report(&Update::Phase {
                stage: Stage::VanishingIdeal,
                message: format!("degree {d}"),
            });
            let started = Instant::now();
            let degree = Degree::new(param, d)?;
            let Some(results) = interpolate_degree(
                param,
                &degree,
                previous.as_ref(),
                &primes,
                options,
                deadline,
            )?
            else {
                stopped_by = deadline.budget();
                break;
            };
            if cost > 1e6 {
                speed = Some(started.elapsed().as_secs_f64() / cost);
            }
            let mut kernel_dim: u128 = 0;
            let mut new = 0;
            for (b, result) in results.iter().enumerate() {
                kernel_dim += result.kernel.vectors.len() as u128;
                for g in &result.minimal {
                    state.generators.push((d, degree.globalise(b, g)));
                    new += 1;
                }
            }
            state.hilbert.push(total - kernel_dim);
            previous = Some((degree, results));
            if new > 0 {
                options.progress.report(&Update::Phase {
                    stage: Stage::VanishingIdeal,
                    message: "certificate: Artinian reduction".into(),
                });
                match artinian_certificate(
                    &state.generators,
                    m,
                    n,
                    delta,
                    f0,
                    options.certificate_budget,
                    deadline,
                )? {
                    Artinian::Certified(h) => {
                        let numerator = h.iter().map(|&x| x as i128).collect();
                        return Ok((
                            state,
                            Certificate::Certified(Proof::ArtinianLength { h_vector: h }),
                            Some(numerator),
                        ));
                    }
                    Artinian::Exceeds(l) => artinian_length_at_least = Some(l),
                    Artinian::Undecided(_) => artinian_length_at_least = None,
                }
            }
            // the elimination certificate: once generators stop coming while
            // the Artinian reduction says no (or at the degree bound), and
            // after every later degree
            // ... or when the next degree would cost more than four times
            // everything so far
            let next_is_expensive = speed.is_some_and(|v| {
                v * interpolation_cost(param, d + 1) > 4.0 * deadline.elapsed().as_secs_f64()
            });
            if elim.started()
                || (!state.generators.is_empty()
                    && (new == 0 || d >= equations_degree || d == bound || next_is_expensive))
            {
                if let Some(verdict) = elim.certify(&state.generators, n)? {
                    return Ok((
                        state,
                        Certificate::Certified(verdict.proof),
                        Some(verdict.numerator),
                    ));
                }
            }
            d += 1;
        }
        if d <= bound && !elim.started() && !state.generators.is_empty() && !deadline.passed() {
            // stopped early by the time prediction: the time left for elimination
            if let Some(verdict) = elim.certify(&state.generators, n)? {
                return Ok((
                    state,
                    Certificate::Certified(verdict.proof),
                    Some(verdict.numerator),
                ));
            }
        }
        if deadline.passed() {
            stopped_by = deadline.budget();
        }
        let through_degree = state.hilbert.len() - 1;
        Ok((
            state,
            Certificate::Undecided(Undecided {
                through_degree,
                stopped_by,
                artinian_length_at_least,
            }),
            None,
        ))
    }
}

/// The elimination certificate, its Gröbner basis computed once on first
/// use (or its failure remembered).
struct Elimination<'a> {
    param: &'a Parametrisation,
    prime: Zp,
    options: &'a VanishingIdealOptions,
    deadline: &'a Deadline,
    graph: Option<Result<elimination::Graph, Budget>>,
}

impl<'a> Elimination<'a> {
    fn new(
        param: &'a Parametrisation,
        prime: Zp,
        options: &'a VanishingIdealOptions,
        deadline: &'a Deadline,
    ) -> Self {
        Elimination {
            param,
            prime,
            options,
            deadline,
            graph: None,
        }
    }

    /// `true` once the Gröbner basis was attempted.
    fn started(&self) -> bool {
        self.graph.is_some()
    }

    /// The verdict for these generators (`None`: not certified).
    fn certify(
        &mut self,
        gens: &[LivePoly<BigInt>],
        n: usize,
    ) -> Result<Option<elimination::Verdict>, Error> {
        if self.graph.is_none() {
            self.options.progress.report(&Update::Phase {
                stage: Stage::VanishingIdeal,
                message: "certificate: elimination (Gröbner basis of the graph)".into(),
            });
            self.graph = Some(elimination::Graph::groebner(
                self.param,
                self.prime,
                self.options.certificate_budget,
                self.deadline,
                &self.options.progress,
            )?);
        }
        match &self.graph {
            Some(Ok(g)) => g.certify(self.param, gens, n, self.deadline),
            _ => Ok(None),
        }
    }
}

impl Neurovariety {
    /// Decides whether the homogeneous polynomials `generators` (in
    /// `c0..c{k-1}`) generate `I(V)`: [`Certificate::Certified`] with the
    /// proof, [`Certificate::Refuted`] with a [`Witness`] (a polynomial of
    /// `I(V)` outside their ideal, with the functional that separates it), or
    /// [`Certificate::Undecided`] with the degree through which their ideal is
    /// proven to agree with `I(V)` and the budget that ran out. Uses the
    /// certificates of [`Neurovariety::vanishing_ideal`] and the degree-by-
    /// degree comparison of `docs/algorithms.md`, section 4b.
    ///
    /// ```
    /// use neurovariety::neurovariety::Certificate;
    /// use neurovariety::{Architecture, VanishingIdealOptions};
    /// let v = Architecture::new(&[3, 2, 2], &[2, 2, 1]).unwrap().neurovariety();
    /// let o = VanishingIdealOptions::default();
    /// let full = v.vanishing_ideal(&o).unwrap();
    /// assert!(v.certify_ideal(full.generators(), &o).unwrap().is_certified());
    /// // drop the last cubic: refuted, the dropped cubic is a witness
    /// let fewer = &full.generators()[..full.len() - 1];
    /// match v.certify_ideal(fewer, &o).unwrap() {
    ///     Certificate::Refuted(w) => assert_eq!(w.degree, 3),
    ///     other => panic!("{other}"),
    /// }
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] for a generator that is not homogeneous,
    /// uses a variable beyond `c{k-1}`, or does not vanish on `V` (checked
    /// exactly); the errors of [`Neurovariety::vanishing_ideal`].
    pub fn certify_ideal(
        &self,
        generators: &[MPoly<BigInt>],
        options: &VanishingIdealOptions,
    ) -> Result<Certificate, Error> {
        let k = self
            .architecture
            .require_coordinates("coordinates of the vanishing ideal")?;
        let param = Parametrisation::new(&self.reduced, k)?;
        let deadline = Deadline::new(options.time_budget);
        let m = param.num_live();
        let n = self.dimension();
        let live_of = param.live_index();
        let mut bases: BTreeMap<usize, MonomialBasis> = BTreeMap::new();
        let mut linear: Vec<Vec<BigInt>> = Vec::new();
        let mut gens: Vec<LivePoly<BigInt>> = Vec::new();
        for g in generators {
            let bad = |reason: &str| Error::InvalidArgument {
                name: "generator",
                value: g.to_string(),
                reason: reason.to_string(),
            };
            if g.num_vars() > k {
                return Err(bad("uses a variable beyond the coordinates c0..c{k-1}"));
            }
            let Some(d) = g.total_degree() else { continue };
            if g.terms().iter().any(|(mono, _)| mono.degree() != d) {
                return Err(bad("is not homogeneous"));
            }
            let d = d as usize;
            if d > param.max_packed_degree().min(MAX_IDEAL_DEGREE) {
                return Err(bad("has a degree too large for the exact check"));
            }
            if d == 1 {
                let mut row = vec![BigInt::from(0); k];
                for (mono, c) in g.terms() {
                    let i = mono.exps().iter().position(|&e| e > 0).expect("degree 1");
                    row[i] = c.clone();
                }
                if row
                    .iter()
                    .enumerate()
                    .any(|(i, c)| live_of.contains_key(&i) && *c != BigInt::from(0))
                {
                    return Err(bad("does not vanish on V"));
                }
                linear.push(row);
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(slot) = bases.entry(d) {
                slot.insert(MonomialBasis::new(m, d)?);
            }
            let basis = &bases[&d];
            // terms with a dead coordinate vanish on V and, once the dead
            // coordinates are in J, do not change the ideal
            let live = Parametrisation::live_terms(&live_of, g, basis);
            if !interpolate::vanishes(
                &param,
                live.iter().map(|(i, c)| (basis.exponents(i as usize), c)),
            ) {
                return Err(bad("does not vanish on V"));
            }
            if !live.is_empty() {
                gens.push((d, live));
            }
        }
        // degree 1: the linear generators must span the dead coordinates
        if !param.dead.is_empty() {
            if let Some(w) = refute::missing_dead(&param, &linear, k)? {
                return Ok(Certificate::Refuted(w));
            }
        }
        gens.sort_by_key(|g| g.0);
        if m == n {
            return Ok(Certificate::Certified(Proof::LinearSpace));
        }
        let primes: Vec<Zp> = primes_below(SMALL_PRIME_BOUND - 1)
            .take(MAX_LIFT_PRIMES)
            .map(Zp::new)
            .collect::<Result<_, _>>()?;
        if let Some(segre) = segre::segre_ideal(&param, n)? {
            // I(V) is generated by its quadrics: compare degree 2
            let degree = Degree::new(&param, 2)?;
            return Ok(
                match refute::compare_degree(&param, &degree, &gens, &primes, k)? {
                    refute::Comparison::Equal => segre.certificate(),
                    refute::Comparison::Refuted(w) => Certificate::Refuted(w),
                    refute::Comparison::Unknown => Certificate::Undecided(Undecided {
                        through_degree: 1,
                        stopped_by: Budget::Operations(0),
                        artinian_length_at_least: None,
                    }),
                },
            );
        }
        let f0 = certificate_prime()?;
        let mut artinian_length_at_least = None;
        if let Some(delta) = self.degree().to_u128() {
            match artinian_certificate(
                &gens,
                m,
                n,
                delta,
                f0,
                options.certificate_budget,
                &deadline,
            )? {
                Artinian::Certified(h) => {
                    return Ok(Certificate::Certified(Proof::ArtinianLength {
                        h_vector: h,
                    }))
                }
                Artinian::Exceeds(l) => artinian_length_at_least = Some(l),
                Artinian::Undecided(_) => {}
            }
        }
        let mut elim = Elimination::new(&param, f0, options, &deadline);
        if let Some(v) = elim.certify(&gens, n)? {
            return Ok(Certificate::Certified(v.proof));
        }
        // degree by degree: equal, or a witness
        let top = match &elim.graph {
            Some(Ok(g)) => g.max_degree(),
            _ => 0,
        }
        .max(gens.iter().map(|g| g.0).max().unwrap_or(1) + 1);
        let mut through_degree = 1;
        let mut stopped_by = Budget::DegreeBound(top);
        for e in 2..=top {
            if deadline.passed() {
                stopped_by = deadline.budget();
                break;
            }
            let degree = Degree::new(&param, e)?;
            match refute::compare_degree(&param, &degree, &gens, &primes, k)? {
                refute::Comparison::Equal => through_degree = e,
                refute::Comparison::Refuted(w) => return Ok(Certificate::Refuted(w)),
                refute::Comparison::Unknown => break,
            }
        }
        if let Some(Err(b)) = &elim.graph {
            if !matches!(stopped_by, Budget::Time(_)) {
                stopped_by = b.clone();
            }
        }
        Ok(Certificate::Undecided(Undecided {
            through_degree,
            stopped_by,
            artinian_length_at_least,
        }))
    }
}

/// The work of interpolating degree `d`: `sum_B |B|^3` (dense kernels).
fn interpolation_cost(param: &Parametrisation, d: usize) -> f64 {
    Degree::block_sizes(param, d)
        .iter()
        .map(|&n| (n as f64).powi(3))
        .sum()
}

/// The blocks of one degree, in parallel: `None` when the deadline passed
/// before every block was done (the degree is then discarded).
fn interpolate_degree(
    param: &Parametrisation,
    degree: &Degree,
    previous: Option<&(Degree, Vec<BlockIdeal>)>,
    primes: &[Zp],
    options: &VanishingIdealOptions,
    deadline: &Deadline,
) -> Result<Option<Vec<BlockIdeal>>, Error> {
    let d = degree.basis.degree();
    let nblocks = degree.blocks.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let indices: Vec<usize> = (0..degree.blocks.len()).collect();
    let results = crate::parallel::par_map(&indices, 1, |&b| {
        if deadline.passed() {
            return Ok(None);
        }
        let rows = products_into(param, degree, b, previous);
        let seed = (d as u64) << 32 ^ (b as u64);
        let r = solve_block(param, degree, b, &rows, primes, seed);
        let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        options.progress.report(&Update::Blocks {
            stage: Stage::VanishingIdeal,
            done,
            total: nblocks,
        });
        r.map(Some)
    });
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r? {
            Some(x) => out.push(x),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// The rows `c_v g` of block `b` of this degree: the previous degree's
/// kernel vectors times each live variable that lands in the block.
fn products_into(
    param: &Parametrisation,
    degree: &Degree,
    b: usize,
    previous: Option<&(Degree, Vec<BlockIdeal>)>,
) -> Vec<SparseVec<u64>> {
    let Some((prev, results)) = previous else {
        return Vec::new();
    };
    let key = &degree.blocks[b].key;
    let mut rows = Vec::new();
    for v in 0..param.num_live() {
        // the source key: key minus the grading of x_v
        let w = param.weight(v);
        let c = param.class(v);
        if key.0 < w || key.1[c] == 0 {
            continue;
        }
        let mut source = key.clone();
        source.0 -= w;
        source.1[c] -= 1;
        let Some(&sb) = prev.by_key.get(&source) else {
            continue;
        };
        for x in &results[sb].kernel.vectors {
            let (target, row) = prev.times_var(degree, sb, x, v);
            debug_assert_eq!(target, b);
            rows.push(row);
        }
    }
    rows
}

/// The prime of the certificates: below [`crate::modular::SMALL_PRIME_BOUND`],
/// where the dense kernels use delayed reduction (any prime gives a proof);
/// the interpolation's first prime.
fn certificate_prime() -> Result<Zp, Error> {
    let p = primes_below(SMALL_PRIME_BOUND - 1)
        .next()
        .ok_or_else(|| Error::internal(format!("no prime below {SMALL_PRIME_BOUND}")))?;
    Zp::new(p)
}

/// A polynomial over the live variables (on `basis`) as a polynomial in
/// `c0..c{k-1}`: the live variables keep their order among the
/// coordinates, so the increasing basis order is the graded reverse
/// lexicographic one there too, and the terms come out sorted.
fn to_poly(
    param: &Parametrisation,
    basis: &MonomialBasis,
    g: &SparseVec<BigInt>,
    k: usize,
) -> MPoly<BigInt> {
    MPoly::from_descending_terms(
        g.iter()
            .rev()
            .map(|(i, c)| {
                let mut exps = vec![0u32; k];
                for (v, &x) in basis.exponents(i as usize).iter().enumerate() {
                    exps[param.live[v]] = x as u32;
                }
                (Monomial::new(exps), c.clone())
            })
            .collect(),
    )
}
