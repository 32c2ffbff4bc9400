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
//! 4. **Certificate.** After each degree that brought new generators, the
//!    Artinian reduction by `dim V` integer linear forms is computed modulo
//!    the prime; length `deg V` proves that the generators found generate
//!    `I(V)` and that `S/I(V)` is Cohen–Macaulay, and gives the h-vector.
//!    Otherwise the computation goes on up to the degree bound and reports
//!    `certified: false` with the degree through which the generators are
//!    complete.
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
//! assert_eq!(ideal.regularity(), Some(4));
//! ```

mod blocks;
mod certificate;
mod from_equations;
mod interpolate;
mod parametrisation;

pub use certificate::Certificate;

use super::Neurovariety;
use crate::limits::{MAX_IDEAL_DEGREE, MAX_LIFT_PRIMES};
use crate::modular::{primes_below, Zp, SMALL_PRIME_BOUND};
use crate::poly::{format_poly, MPoly, Monomial, PolyRing, Syntax};
use crate::progress::{ProgressObserver, Stage, Update};
use crate::Error;
use blocks::{count_monomials, hilbert_from_h_vector, BlockKey, LiveGenerator};
use interpolate::{solve_block, BlockIdeal, ProductRow};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use parametrisation::Parametrisation;
use std::collections::BTreeMap;

/// The option that raises the monomial limit of the vanishing ideal.
const LIMIT_OPTION: &str = "VanishingIdealOptions::with_limit (lcn: --limit)";

/// Options for [`Neurovariety::vanishing_ideal`]. Build with [`Default`] and
/// the `with_...` methods.
///
/// ```
/// use neurovariety::VanishingIdealOptions;
/// let o = VanishingIdealOptions::default().with_degree_bound(4).with_limit(10_000);
/// assert_eq!((o.degree_bound, o.limit), (Some(4), 10_000));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct VanishingIdealOptions {
    /// The largest degree interpolated when the certificate does not stop
    /// the computation earlier. Default `None`: the highest degree of the
    /// set-theoretic equations ([`Neurovariety::generator_estimate`]) plus
    /// one.
    pub degree_bound: Option<usize>,
    /// Refuse with [`Error::TooLarge`] when one degree has more monomials in
    /// the live coordinates than this. Default `5_000_000`.
    pub limit: u128,
    /// The certificate gives up ([`Certificate::Undecided`]) when its dense
    /// eliminations would need more than this many multiply-adds modulo `p`
    /// in one attempt (estimated as `n^3 / 3` for `n` unknowns). Default
    /// `10_000_000_000`, tens of seconds on one core.
    pub certificate_budget: u128,
    /// Receives one [`Update::Phase`] per degree and [`Update::Blocks`] as
    /// the blocks of a degree finish ([`Stage::VanishingIdeal`]).
    pub progress: ProgressObserver,
}

impl Default for VanishingIdealOptions {
    fn default() -> Self {
        VanishingIdealOptions {
            degree_bound: None,
            limit: 5_000_000,
            certificate_budget: 10_000_000_000,
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
    /// The same options with another certificate budget (multiply-adds).
    pub fn with_certificate_budget(mut self, operations: u128) -> Self {
        self.certificate_budget = operations;
        self
    }
    /// The same options with a progress observer.
    pub fn with_progress(mut self, observer: ProgressObserver) -> Self {
        self.progress = observer;
        self
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
    /// from the h-vector in any degree when certified, `None` otherwise.
    pub fn hilbert_function_at(&self, d: usize) -> Option<u128> {
        if let Some(&v) = self.hilbert_function.get(d) {
            return Some(v);
        }
        hilbert_from_h_vector(self.h_vector()?, self.dimension, d)
    }
    /// The generators are complete (all minimal generators of `I(V)` of
    /// degree `<= through_degree` are listed).
    pub fn through_degree(&self) -> usize {
        self.hilbert_function.len().saturating_sub(1)
    }
    /// `true` when the certificate proved that the generators generate `I(V)`.
    pub fn is_certified(&self) -> bool {
        self.certificate.is_certified()
    }
    /// The certificate's verdict.
    pub fn certificate(&self) -> &Certificate {
        &self.certificate
    }
    /// `Some(true)` when certified (the certificate proves Cohen–Macaulayness);
    /// `None` otherwise (not decided).
    pub fn cohen_macaulay(&self) -> Option<bool> {
        self.is_certified().then_some(true)
    }
    /// The h-vector (`HS(t) = h(t) / (1 - t)^dim V`), when certified.
    pub fn h_vector(&self) -> Option<&[u128]> {
        match &self.certificate {
            Certificate::Certified { h_vector } => Some(h_vector),
            _ => None,
        }
    }
    /// The Castelnuovo–Mumford regularity of `S/I(V)` (the degree of the
    /// h-polynomial, for a Cohen–Macaulay ring), when certified.
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
        let h = self.h_vector()?;
        let terms: Vec<String> = h
            .iter()
            .enumerate()
            .filter(|(_, &c)| c != 0)
            .map(|(i, c)| match i {
                0 => c.to_string(),
                1 => format!("{c}*t"),
                _ => format!("{c}*t^{i}"),
            })
            .collect();
        Some(format!(
            "({}) / (1 - t)^{}",
            terms.join(" + "),
            self.dimension
        ))
    }
    /// The generators as strings in the given syntax.
    pub fn formatted(&self, syntax: Syntax) -> Vec<String> {
        self.generators
            .iter()
            .map(|g| format_poly(g, self.ring.names(), self.ring.order(), syntax))
            .collect()
    }
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
        let ring = PolyRing::indexed("c", k)?;
        let m = param.num_live();
        let n = self.dimension();
        let delta = self.degree().to_u128();
        let bound = options
            .degree_bound
            .unwrap_or_else(|| self.generator_estimate().max_degree + 1)
            .max(1);
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
        // linear generators: the dead coordinates
        let mut generators: Vec<MPoly<BigInt>> = param
            .dead
            .iter()
            .map(|&i| MPoly::var(i))
            .collect::<Result<_, _>>()?;
        let mut hilbert = vec![1u128, m as u128];
        // the live generators, as (degree, terms over live variables), for the certificate
        let mut live_gens: Vec<LiveGenerator> = Vec::new();
        let mut certificate = Certificate::NotAttempted;
        if m == n {
            // V fills the span of the live coordinates
            certificate = certify(&live_gens, m, n, delta, options)?;
        }
        if m > n {
            if let Some(delta) = delta {
                if let Some(fast) =
                    from_equations::from_equations(self, &param, delta, options.certificate_budget)?
                {
                    for (_, terms) in &fast.generators {
                        generators.push(to_poly(&param, terms, k));
                    }
                    return Ok(VanishingIdeal {
                        architecture: self.architecture.clone(),
                        ring,
                        generators,
                        hilbert_function: fast.hilbert,
                        dimension: n,
                        certificate: fast.certificate,
                    });
                }
            }
        }
        let mut previous: Vec<(BlockKey, BlockIdeal, Vec<Vec<u8>>)> = Vec::new();
        let mut d = 2;
        while !certificate.is_certified() && d <= bound {
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
            options.progress.report(&Update::Phase {
                stage: Stage::VanishingIdeal,
                message: format!("degree {d}"),
            });
            let blocks = blocks::blocks(&param, d);
            let mut products = products_of(&param, &previous);
            let inputs: Vec<(usize, Vec<ProductRow>)> = blocks
                .iter()
                .enumerate()
                .map(|(i, b)| (i, products.remove(&b.key).unwrap_or_default()))
                .collect();
            let done = std::sync::atomic::AtomicU64::new(0);
            let nblocks = blocks.len() as u64;
            let results = crate::parallel::par_map(&inputs, 1, |(i, rows)| {
                let seed = (d as u64) << 32 ^ (*i as u64);
                let r = solve_block(&param, &blocks[*i], rows, &primes, seed);
                let done = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                options.progress.report(&Update::Blocks {
                    stage: Stage::VanishingIdeal,
                    done,
                    total: nblocks,
                });
                r
            });
            let mut kernel_dim: u128 = 0;
            let mut new = 0;
            previous.clear();
            for (block, result) in blocks.into_iter().zip(results) {
                let result = result?;
                kernel_dim += result.kernel.vectors.len() as u128;
                for g in &result.minimal {
                    let terms: Vec<(Vec<u8>, BigInt)> = g
                        .iter()
                        .map(|(i, c)| (block.monomials[*i].clone(), c.clone()))
                        .collect();
                    generators.push(to_poly(&param, &terms, k));
                    live_gens.push((d, terms));
                    new += 1;
                }
                previous.push((block.key, result, block.monomials));
            }
            hilbert.push(total - kernel_dim);
            if new > 0 {
                certificate = certify(&live_gens, m, n, delta, options)?;
            }
            d += 1;
        }
        hilbert.truncate(d.max(2));
        let ideal = VanishingIdeal {
            architecture: self.architecture.clone(),
            ring,
            generators,
            hilbert_function: hilbert,
            dimension: n,
            certificate,
        };
        // the h-vector must reproduce every computed value of the Hilbert function
        if let Some(h) = ideal.h_vector() {
            for (dd, &v) in ideal.hilbert_function.iter().enumerate() {
                if hilbert_from_h_vector(h, n, dd) != Some(v) {
                    return Err(Error::internal(format!(
                        "the h-vector {h:?} disagrees with the Hilbert function in degree {dd}"
                    )));
                }
            }
        }
        Ok(ideal)
    }
}

/// The prime of the certificate: below [`crate::modular::SMALL_PRIME_BOUND`],
/// where the dense kernels use delayed reduction (any prime gives a proof).
fn certificate_prime() -> Result<Zp, Error> {
    let p = primes_below(SMALL_PRIME_BOUND - 1)
        .next()
        .ok_or_else(|| Error::internal(format!("no prime below {SMALL_PRIME_BOUND}")))?;
    Zp::new(p)
}

fn certify(
    gens: &[LiveGenerator],
    m: usize,
    n: usize,
    delta: Option<u128>,
    options: &VanishingIdealOptions,
) -> Result<Certificate, Error> {
    let f = certificate_prime()?;
    match delta {
        Some(delta) => {
            certificate::artinian_certificate(gens, m, n, delta, f, options.certificate_budget)
        }
        None => Ok(Certificate::NotAttempted),
    }
}

/// The rows `c_v g` of the next degree, grouped by the block they land in.
fn products_of(
    param: &Parametrisation,
    previous: &[(BlockKey, BlockIdeal, Vec<Vec<u8>>)],
) -> BTreeMap<BlockKey, Vec<ProductRow>> {
    let mut out: BTreeMap<BlockKey, Vec<ProductRow>> = BTreeMap::new();
    for (key, result, monomials) in previous {
        for (_, x) in &result.kernel.vectors {
            for v in 0..param.num_live() {
                let mut target = key.clone();
                target.0 += param.weight(v);
                target.1[param.class(v)] += 1;
                let row: ProductRow = x
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c != 0)
                    .map(|(i, &c)| {
                        let mut e = monomials[i].clone();
                        e[v] += 1;
                        (e, c)
                    })
                    .collect();
                out.entry(target).or_default().push(row);
            }
        }
    }
    out
}

/// A generator over the live variables as a polynomial in `c0..c{k-1}`.
fn to_poly(param: &Parametrisation, terms: &[(Vec<u8>, BigInt)], k: usize) -> MPoly<BigInt> {
    MPoly::from_terms(
        terms
            .iter()
            .map(|(e, c)| {
                let mut exps = vec![0u32; k];
                for (v, &x) in e.iter().enumerate() {
                    exps[param.live[v]] = x as u32;
                }
                (Monomial::new(exps), c.clone())
            })
            .collect(),
    )
}
