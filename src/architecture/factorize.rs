//! Exact factorization of an end-to-end filter into rational layer filters.
//!
//! Given `w in Q^k`, [`Architecture::factorize`] finds rational layer filters
//! `w_1..w_L` with `mu(w_1, ..., w_L) = w`, or proves that none exist, or,
//! only when its search budget runs out, says that the question is undecided
//! ([`RationalFactorization`]). The algorithm works on the reduced
//! architecture `kappa_1..kappa_R` at dilations `tau_1 | ... | tau_R` and the
//! form `P = pi_1(w)` of degree `d`:
//!
//! 1. **Membership over C.** For each level, `G_l(X)` (`X = x^{tau_l}`) is the
//!    largest `tau_l`-invariant divisor of `P`: the gcd of the pieces of the
//!    `tau_l`-decomposition. By the neurovariety theorem `w` is in the
//!    (complex) neurovariety iff `deg G_l >= e_l = sum_{j >= l} (kappa_j - 1) tau_j / tau_l`
//!    for every level with `tau_l > 1`; otherwise the answer is
//!    [`RationalFactorization::NotInNeurovariety`], naming the first level
//!    that fails.
//! 2. **Rational layers.** The layer forms `F_l` must be rational divisors of
//!    degree `kappa_l - 1`, chosen from the top level down inside what is left
//!    of the `G_l`. The irreducible factors of the `G_l` form a forest (a
//!    factor of level `l + 1`, inflated by `tau_{l+1} / tau_l`, splits into
//!    factors of level `l`); a choice at one level only removes whole subtrees
//!    below it. The search chooses *how many* factors of each subtree shape to
//!    take at each level and remembers failed states, which makes it complete
//!    and, in practice, fast. A level whose `G_l` has exactly the degree `e_l`
//!    (the generic case) has no choice, and nothing is factored for it.
//! 3. **Merged layers** (stride 1 between original layers) are split into
//!    rational forms of the original degrees within the same search (an exact
//!    bin packing of factor degrees); size-1 layers get the filter `(1)`, and
//!    the constant goes into the first layer.
//!
//! The factorizations over Q use van Hoeij's algorithm (see
//! [`crate::poly::factor_integer`]) and never give up. The only bound is the
//! number of candidate choices the search may examine
//! ([`FactorizeOptions::with_budget`], default
//! [`FactorizeOptions::DEFAULT_BUDGET`]); when it is reached the answer is
//! [`RationalFactorization::Undecided`], never "no factorization".
//!
//! The worked example is in the documentation of `Architecture::factorize`.

use super::factor_forest::{Forest, Outcome};
use super::Architecture;
use crate::poly::budget::SearchBudget;
use crate::poly::{primitive_integer, BinaryForm, UPoly};
use crate::sdecomp::invariant_divisor;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::fmt;

/// Options for [`Architecture::factorize_with`].
///
/// ```
/// use neurovariety::architecture::FactorizeOptions;
/// let o = FactorizeOptions::default().with_budget(500);
/// assert_eq!(o.budget(), 500);
/// assert_eq!(FactorizeOptions::default().budget(), FactorizeOptions::DEFAULT_BUDGET);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct FactorizeOptions {
    budget: u64,
}

impl FactorizeOptions {
    /// The default number of candidate choices the search may examine.
    pub const DEFAULT_BUDGET: u64 = 1_000_000;

    /// At most `candidates` candidate choices (of layer factors, or of their
    /// grouping into merged layers) are examined before the answer becomes
    /// [`RationalFactorization::Undecided`].
    pub fn with_budget(mut self, candidates: u64) -> Self {
        self.budget = candidates;
        self
    }

    /// The search budget in candidate choices.
    pub fn budget(&self) -> u64 {
        self.budget
    }
}

impl Default for FactorizeOptions {
    fn default() -> Self {
        FactorizeOptions {
            budget: Self::DEFAULT_BUDGET,
        }
    }
}

/// The answer of [`Architecture::factorize`]: a factorization, a proof that
/// none exists (with the reason), or an honest "undecided" when the search
/// budget ran out.
///
/// Its `Display` is one line, e.g.
/// `undecided: search budget of 10 candidates exhausted`.
#[must_use]
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RationalFactorization {
    /// Rational layer filters `w_1..w_L` (one per original layer, of its size)
    /// with `mu(w_1, ..., w_L) = w` exactly.
    Found {
        /// The layer filters, first layer first.
        layers: Vec<Vec<BigRational>>,
    },
    /// `w` is not in the neurovariety, not even over C: the
    /// `tau`-decomposition pieces at reduced level `level` share a factor of
    /// degree `common_degree < required_degree` only.
    NotInNeurovariety {
        /// Number (from 1) of the first failing reduced level.
        level: usize,
        /// Its dilation `tau_l > 1`.
        tau: usize,
        /// The degree `e_l` the theorem requires.
        required_degree: usize,
        /// The degree of the gcd of the pieces.
        common_degree: usize,
    },
    /// `w` is in the complex neurovariety, but no rational factorization
    /// exists: the exhaustive search examined `candidates` choices.
    NoRationalFactorization {
        /// The irreducible factor degrees that could not be grouped, in words.
        reason: String,
        /// Candidate choices examined by the complete search.
        candidates: u64,
    },
    /// The search examined `budget` candidate choices without finishing
    /// (raise it with [`FactorizeOptions::with_budget`]).
    Undecided {
        /// The budget that ran out.
        budget: u64,
    },
}

impl RationalFactorization {
    /// The layer filters, if a factorization was found.
    pub fn layers(&self) -> Option<&[Vec<BigRational>]> {
        match self {
            RationalFactorization::Found { layers } => Some(layers),
            _ => None,
        }
    }
}

impl fmt::Display for RationalFactorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RationalFactorization::Found { layers } => {
                write!(f, "rational factorization:")?;
                for (l, w) in layers.iter().enumerate() {
                    let c: Vec<String> = w.iter().map(|x| x.to_string()).collect();
                    let sep = if l == 0 { " " } else { "; " };
                    write!(f, "{sep}layer {} = ({})", l + 1, c.join(", "))?;
                }
                Ok(())
            }
            RationalFactorization::NotInNeurovariety {
                level,
                tau,
                required_degree,
                common_degree,
            } => write!(
                f,
                "not in the neurovariety: at level {level} (tau = {tau}) the pieces share a factor of degree {common_degree}, {required_degree} needed",
            ),
            RationalFactorization::NoRationalFactorization { reason, candidates } => write!(
                f,
                "no rational factorization exists (in the complex neurovariety; exhaustive search over {candidates} candidates): {reason}"
            ),
            RationalFactorization::Undecided { budget } => {
                write!(f, "undecided: search budget of {budget} candidates exhausted")
            }
        }
    }
}

impl Architecture {
    /// Rational layer filters composing to `w`, a proof that there are none,
    /// or "undecided" when the default search budget runs out (see
    /// [`Architecture::factorize_with`] for the budget).
    ///
    /// The filter `w` (`c_i` = coefficient of `x^{k-1-i} y^i`) is first tested
    /// for membership in the complex neurovariety: for every reduced level
    /// `l` with dilation `tau_l > 1`, the pieces of the `tau_l`-decomposition
    /// of `pi_1(w)` must share a factor of degree at least
    /// `e_l = sum_{j >= l} (kappa_j - 1) tau_j / tau_l`
    /// ([`RationalFactorization::NotInNeurovariety`] otherwise). Then the
    /// layer forms are chosen top level first among the rational divisors of
    /// those common factors, by a complete search over the irreducible
    /// factors over Q grouped into interchangeable classes, with merged
    /// layers split into rational forms of their original degrees in the
    /// same search. A layer of size 1 gets the filter `(1)`; the scalar goes
    /// into the first layer. The zero filter factors as the zero first layer
    /// with `(1, 0, ..., 0)` everywhere else.
    ///
    /// Errors (input only): [`Error::LengthMismatch`] if `w` does not have
    /// `k` entries. An internal inconsistency would be
    /// [`Error::Internal`], never a wrong answer: a factorization is
    /// composed back and compared with `w` before it is returned.
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// use neurovariety::architecture::{compose, RationalFactorization};
    /// use num_rational::BigRational;
    /// let q = |n: i64| BigRational::from_integer(n.into());
    /// // (x^2 - 2 y^2)(x^2 - 3 y^2) over (3,2)/2: the 2-invariant part has
    /// // degree 2, and either rational linear factor of it works as layer 2
    /// let arch = Architecture::new(&[3, 2], &[2, 1]).unwrap();
    /// let w = vec![q(1), q(0), q(-5), q(0), q(6)];
    /// let layers = arch.factorize(&w).unwrap().layers().unwrap().to_vec();
    /// assert_eq!(compose(&arch, &layers).unwrap(), w);
    /// // x^4 + y^4 over (2,2,2)/(1,2): in the complex neurovariety (the 2-invariant
    /// // part is X^2 + Y^2), but X^2 + Y^2 has no rational linear factor for layer 3
    /// let b = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
    /// let r = b.factorize(&[q(1), q(0), q(0), q(0), q(1)]).unwrap();
    /// assert!(matches!(r, RationalFactorization::NoRationalFactorization { .. }), "{r}");
    /// // (2,2)/2 needs c0 c3 = c1 c2
    /// let c = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    /// let r = c.factorize(&[q(1), q(0), q(0), q(1)]).unwrap();
    /// assert!(matches!(r, RationalFactorization::NotInNeurovariety { tau: 2, .. }));
    /// ```
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// use neurovariety::architecture::{compose, RationalFactorization};
    /// use num_rational::BigRational;
    /// let q = |n: i64| BigRational::from_integer(n.into());
    /// let arch = Architecture::new(&[3, 2], &[2, 1]).unwrap();
    /// let w = compose(&arch, &[vec![q(1), q(-2), q(3)], vec![q(2), q(5)]]).unwrap();
    /// match arch.factorize(&w).unwrap() {
    ///     RationalFactorization::Found { layers } => assert_eq!(compose(&arch, &layers).unwrap(), w),
    ///     other => panic!("{other}"),
    /// }
    /// ```
    pub fn factorize(&self, w: &[BigRational]) -> Result<RationalFactorization, Error> {
        self.factorize_with(w, &FactorizeOptions::default())
    }

    /// As [`Architecture::factorize`], with options: the search examines at
    /// most [`FactorizeOptions::budget`] candidate choices (one per choice of
    /// how many factors of each class a layer takes, and one per state of
    /// the grouping of merged layers) and answers
    /// [`RationalFactorization::Undecided`] when they run out. A factorization
    /// or a proof of non-existence found within the budget is final.
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// use neurovariety::architecture::{FactorizeOptions, RationalFactorization};
    /// use num_rational::BigRational;
    /// let q = |n: i64| BigRational::from_integer(n.into());
    /// // (x^2 - y^2)(x^2 - 4 y^2) over (3,2)/2: layer 2 is one of X - Y, X - 4Y
    /// let arch = Architecture::new(&[3, 2], &[2, 1]).unwrap();
    /// let w = vec![q(1), q(0), q(-5), q(0), q(4)];
    /// let r = arch.factorize_with(&w, &FactorizeOptions::default().with_budget(0)).unwrap();
    /// assert_eq!(r, RationalFactorization::Undecided { budget: 0 });
    /// assert_eq!(r.to_string(), "undecided: search budget of 0 candidates exhausted");
    /// assert!(arch.factorize(&w).unwrap().layers().is_some());
    /// ```
    pub fn factorize_with(
        &self,
        w: &[BigRational],
        options: &FactorizeOptions,
    ) -> Result<RationalFactorization, Error> {
        self.check_end_to_end_length(w.len())?;
        let sizes = self.filter_sizes();
        if w.iter().all(|c| c.is_zero()) {
            return Ok(RationalFactorization::Found {
                layers: zero_factorization(sizes),
            });
        }
        let (p, g) = match level_divisors(self, w)? {
            LevelDivisors::Divisors { p, g } => (p, g),
            LevelDivisors::Fails(failure) => return Ok(failure),
        };
        let red = self.reduced();
        let bins: Vec<Vec<usize>> = red
            .groups()
            .iter()
            .map(|group| group.iter().map(|&o| sizes[o] - 1).collect())
            .collect();
        let forest = Forest::new(&red, bins, &g)?;
        let mut budget = SearchBudget::new(options.budget);
        let choice = match forest.search(&mut budget)? {
            Outcome::Found(choice) => choice,
            Outcome::None { steps, description } => {
                return Ok(RationalFactorization::NoRationalFactorization {
                    reason: format!(
                        "the irreducible factors over Q cannot be grouped into the layers ({description})"
                    ),
                    candidates: steps,
                })
            }
            Outcome::Undecided => {
                return Ok(RationalFactorization::Undecided {
                    budget: options.budget,
                })
            }
        };
        // the layer forms, top level first, dividing P as we go
        let mut layers: Vec<Vec<BigRational>> = sizes
            .iter()
            .map(|&kl| vec![BigRational::one(); kl])
            .collect();
        let mut rest = p;
        for l in (0..red.num_layers()).rev() {
            let tau = red.dilations()[l];
            let parts = match &choice[l] {
                Some(parts) => parts.clone(),
                None => {
                    // a forced level: everything tau-invariant that is left
                    let f = invariant_divisor(&rest, tau)?
                        .ok_or_else(|| internal("the remaining form vanished"))?;
                    if f.degree() != red.filter_sizes()[l] - 1 {
                        return Err(internal("a forced level has the wrong degree"));
                    }
                    vec![f]
                }
            };
            let product = parts
                .iter()
                .skip(1)
                .fold(parts[0].clone(), |acc, f| &acc * f);
            rest = rest
                .exact_div(&product.inflate(tau)?)
                .map_err(|_| internal("a chosen layer does not divide what is left"))?;
            for (&orig, f) in red.groups()[l].iter().zip(&parts) {
                layers[orig] = f
                    .coeffs()
                    .iter()
                    .map(|c| BigRational::from_integer(c.clone()))
                    .collect();
            }
        }
        if rest.degree() != 0 {
            return Err(internal("a non-constant factor is left over"));
        }
        // the scalar: w = lambda * mu(layers)
        let composed = super::compose(self, &layers)?;
        let (idx, denom) = composed
            .iter()
            .enumerate()
            .find(|(_, c)| !c.is_zero())
            .ok_or_else(|| internal("the layers compose to zero"))?;
        let lambda = &w[idx] / denom;
        for c in layers[0].iter_mut() {
            *c = &*c * &lambda;
        }
        if super::compose(self, &layers)? != w {
            return Err(internal("the layers do not compose to the filter"));
        }
        Ok(RationalFactorization::Found { layers })
    }
}

/// The first step of every membership test of a non-zero filter: the form
/// `P = pi_1(w)` (primitive over Z, of degree `k - 1`) and, for each reduced
/// level, the largest `tau_l`-invariant divisor `G_l` of `P` (in
/// `X = x^{tau_l}`), or the first level where `deg G_l < e_l` (then `w` is
/// not in the neurovariety).
pub(super) enum LevelDivisors {
    /// `w` is in the complex neurovariety.
    Divisors {
        /// `pi_1(w)`, primitive.
        p: BinaryForm<BigInt>,
        /// `G_1, ..., G_R`.
        g: Vec<BinaryForm<BigInt>>,
    },
    /// [`RationalFactorization::NotInNeurovariety`] naming the first failing level.
    Fails(RationalFactorization),
}

/// See [`LevelDivisors`]; `w` must be non-zero and of length `k`.
pub(super) fn level_divisors(
    arch: &Architecture,
    w: &[BigRational],
) -> Result<LevelDivisors, Error> {
    let k = arch.end_to_end_filter_size();
    let integral = primitive_integer(&UPoly::new(w.to_vec()));
    // P as a form of degree k - 1 (trailing zero coefficients are roots at infinity)
    let p = BinaryForm::from_dehomogenized(&integral, k - 1)?;
    let red = arch.reduced();
    let e = red.level_degrees();
    let mut g = Vec::with_capacity(red.num_layers());
    for (l, &tau) in red.dilations().iter().enumerate() {
        let gl = invariant_divisor(&p, tau)?
            .ok_or_else(|| internal("the invariant divisor of a non-zero form"))?;
        if gl.degree() < e[l] {
            return Ok(LevelDivisors::Fails(
                RationalFactorization::NotInNeurovariety {
                    level: l + 1,
                    tau,
                    required_degree: e[l],
                    common_degree: gl.degree(),
                },
            ));
        }
        g.push(gl);
    }
    Ok(LevelDivisors::Divisors { p, g })
}

/// `0 = mu(0, e_0, ..., e_0)`: the first layer vanishes.
pub(super) fn zero_factorization(sizes: &[usize]) -> Vec<Vec<BigRational>> {
    sizes
        .iter()
        .enumerate()
        .map(|(l, &kl)| {
            (0..kl)
                .map(|i| {
                    if l > 0 && i == 0 {
                        BigRational::one()
                    } else {
                        BigRational::zero()
                    }
                })
                .collect()
        })
        .collect()
}

fn internal(what: &str) -> Error {
    Error::internal(format!("rational factorization: {what}"))
}
