//! The neurovariety: its exact description, membership, and ideal generators.
//!
//! **Theorem** (`docs/mathematics.md`, section 4; set-theoretic, over C). Let the reduced
//! architecture have sizes `kappa_1..kappa_R` at dilations `tau_1 | ... | tau_R`
//! and put `e_l = sum_{j >= l} (kappa_j - 1) tau_j / tau_l`. Then a form `P` of
//! degree `k - 1` lies in the neurovariety `V` iff for every level `l` with
//! `tau_l > 1` the pieces of the `tau_l`-decomposition of `P` share a factor of
//! degree `>= e_l` (a zero piece is divisible by everything, so `P = 0` is in
//! `V`).
//!
//! Each level is a [`Condition`]. [`Neurovariety::contains`] decides membership
//! of a rational point directly from exact gcds of the pieces (no generator is
//! evaluated); [`Neurovariety::equations`] turns every condition into
//! polynomial equations in `c_0..c_{k-1}` (see [`GeneratorSet`]) whose common
//! zero set is exactly `V`, and [`Neurovariety::vanishing_ideal`] computes the
//! ideal `I(V)` of all polynomials vanishing on `V` (module [`vanishing`]).
//!
//! ```
//! use neurovariety::Architecture;
//! use num_rational::BigRational;
//! let arch = Architecture::new(&[3, 2], &[2, 1]).unwrap();
//! let v = arch.neurovariety();
//! assert_eq!((v.ambient_dimension(), v.dimension(), v.codimension()), (5, 4, 1));
//! let gens = v.equations().unwrap();
//! assert_eq!(gens.len(), 1);
//! use neurovariety::{Export, Format};
//! assert_eq!(gens.export(Format::Macaulay2), "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c1*c2*c3-c0*c3^2-c1^2*c4\n);\n");
//! let q = |n: i64| BigRational::from_integer(n.into());
//! // any product (a0 x^2 + a1 xy + a2 y^2)(b0 x^2 + b1 y^2) is in V:
//! let w = neurovariety::architecture::compose(&arch, &[vec![q(1), q(2), q(3)], vec![q(4), q(5)]]).unwrap();
//! assert!(v.contains(&w).unwrap());
//! assert!(!v.contains(&[q(1), q(0), q(0), q(1), q(1)]).unwrap());
//! ```

mod export;
mod generators;
mod minimal;
mod packed;
mod parallel;
pub mod vanishing;

pub use generators::{ConditionKind, Generator, GeneratorEstimate, GeneratorOptions, GeneratorSet};
pub use vanishing::{
    Budget, Certificate, Proof, Undecided, VanishingIdeal, VanishingIdealOptions, Witness,
};

use crate::architecture::{Architecture, ReducedArchitecture};
use crate::poly::BinaryForm;
use crate::Error;
use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::Zero;
use std::sync::OnceLock;

/// One level of the theorem: the `tau`-decomposition pieces must share a factor
/// of degree `>= e`.
///
/// The pieces are described in closed form (their number and degrees need no
/// coordinates); the lists of their coordinate indices are built on demand by
/// [`Condition::pieces`], which takes memory proportional to the number of
/// coordinates `k`.
#[derive(Clone, Debug)]
pub struct Condition {
    /// Number `l` (from 1) of the reduced level, the `l` of `tau_l` and `e_l`.
    pub level: usize,
    /// The dilation `tau_l > 1`.
    pub tau: usize,
    /// The required common degree `e_l` (in `X = x^tau`).
    pub e: usize,
    /// The degree `d = k - 1` of the end-to-end form.
    degree: usize,
    pieces: OnceLock<Vec<Vec<usize>>>,
}

impl PartialEq for Condition {
    fn eq(&self, other: &Self) -> bool {
        (self.level, self.tau, self.e, self.degree)
            == (other.level, other.tau, other.e, other.degree)
    }
}

impl Eq for Condition {}

impl Condition {
    fn new(level: usize, tau: usize, e: usize, degree: usize) -> Self {
        Condition {
            level,
            tau,
            e,
            degree,
            pieces: OnceLock::new(),
        }
    }

    /// The number of non-empty pieces, `min(tau, d + 1)`.
    pub fn num_pieces(&self) -> usize {
        self.tau.min(self.degree.saturating_add(1))
    }

    /// Degrees of the non-empty pieces, in the order of [`Condition::pieces`]:
    /// piece `r` has degree `floor((d - r) / tau)`. Takes memory proportional
    /// to [`Condition::num_pieces`]; [`Condition::piece_degree_counts`] does not.
    pub fn piece_degrees(&self) -> Vec<usize> {
        (0..self.num_pieces())
            .map(|r| (self.degree - r) / self.tau)
            .collect()
    }

    /// The piece degrees as `(degree, number of pieces)`, highest degree first
    /// (at most two entries: with `d = q tau + s`, `s + 1` pieces of degree `q`
    /// and, when `q >= 1`, `tau - s - 1` of degree `q - 1`).
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// // (2,2,2)/(2,2): level tau = 4 of a degree-7 form has 4 pieces of degree 1.
    /// let v = Architecture::new(&[2, 2, 2], &[2, 2, 1]).unwrap().neurovariety();
    /// let top = v.conditions().last().unwrap();
    /// assert_eq!(top.piece_degree_counts(), vec![(1, 4)]);
    /// assert_eq!(top.piece_degrees(), vec![1, 1, 1, 1]);
    /// ```
    pub fn piece_degree_counts(&self) -> Vec<(usize, usize)> {
        let (q, s) = (self.degree / self.tau, self.degree % self.tau);
        let mut out = vec![(q, s + 1)];
        if q >= 1 && self.tau - s - 1 > 0 {
            out.push((q - 1, self.tau - s - 1));
        }
        out
    }

    /// For each non-empty piece, the indices `i` of its coefficients `c_i`, in
    /// order (built once, on first use; memory proportional to `k`).
    pub fn pieces(&self) -> &[Vec<usize>] {
        self.pieces.get_or_init(|| {
            (0..self.num_pieces())
                .map(|r| self.piece_indices(r).collect())
                .collect()
        })
    }

    /// The indices of the coefficients of piece `r`, in order, without
    /// storing them.
    fn piece_indices(&self, r: usize) -> impl Iterator<Item = usize> {
        let first = (self.degree - r) % self.tau;
        (first..=self.degree).step_by(self.tau)
    }

    /// The condition in words, e.g. `level 2 (tau = 4): the 4 pieces of degrees [2, 2, 1, 1] share a factor of degree >= 1`
    /// (with more than 16 pieces the degrees are given as counts).
    pub fn describe(&self) -> String {
        let degrees = if self.num_pieces() <= 16 {
            format!("{:?}", self.piece_degrees())
        } else {
            self.piece_degree_counts()
                .iter()
                .map(|(d, n)| format!("{n} of degree {d}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "level {} (tau = {}): the {} pieces of degrees {} share a factor of degree >= {}",
            self.level,
            self.tau,
            self.num_pieces(),
            degrees,
            self.e
        )
    }

    /// Whether the pieces of `w` share a factor of degree `>= e`
    /// ([`crate::resultant::share_factor`]), one piece at a time: the gcd of the pieces seen
    /// so far only loses degree, so the answer is `false` as soon as it (or
    /// a non-zero piece) has degree `< e`; with the last piece only the
    /// degree of the gcd is computed. Memory: one piece and the gcd, not
    /// all pieces at once.
    fn holds(&self, w: &[BigRational]) -> Result<bool, Error> {
        if self.e == 0 {
            return Ok(true);
        }
        let mut gcd: Option<BinaryForm<BigRational>> = None;
        for r in 0..self.num_pieces() {
            let piece = BinaryForm::new(self.piece_indices(r).map(|i| w[i].clone()).collect())?;
            if piece.is_zero() {
                continue;
            }
            if piece.degree() < self.e {
                return Ok(false);
            }
            let g = match gcd.take() {
                None => piece,
                // the last piece: the degree of the gcd is all that is asked
                Some(g) if r + 1 == self.num_pieces() => {
                    let d = BinaryForm::gcd_degree_many(&[g, piece]);
                    return Ok(d.is_none_or(|d| d >= self.e));
                }
                Some(g) => BinaryForm::gcd(&g, &piece),
            };
            if g.degree() < self.e {
                return Ok(false);
            }
            gcd = Some(g);
        }
        Ok(true)
    }
}

/// The neurovariety of an architecture (its reduced architecture and conditions).
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Neurovariety {
    architecture: Architecture,
    reduced: ReducedArchitecture,
    conditions: Vec<Condition>,
}

impl Architecture {
    /// The neurovariety `V` of this architecture (cheap: generators are computed
    /// on demand by [`Neurovariety::equations`]).
    pub fn neurovariety(&self) -> Neurovariety {
        Neurovariety::new(self)
    }
}

impl Neurovariety {
    fn new(arch: &Architecture) -> Self {
        let reduced = arch.reduced();
        let d = arch.end_to_end_filter_size() - 1;
        let mut conditions = Vec::new();
        for (l, e) in reduced.level_degrees().into_iter().enumerate() {
            let tau = reduced.dilations()[l];
            if tau > 1 {
                conditions.push(Condition::new(l + 1, tau, e, d));
            }
        }
        Neurovariety {
            architecture: arch.clone(),
            reduced,
            conditions,
        }
    }

    /// The architecture.
    pub fn architecture(&self) -> &Architecture {
        &self.architecture
    }

    /// The conditions of the theorem, one per reduced level with `tau > 1`.
    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    /// `k`, the number of coordinates `c_0..c_{k-1}`.
    pub fn ambient_dimension(&self) -> usize {
        self.architecture.end_to_end_filter_size()
    }

    /// Affine dimension `1 + sum (k_l - 1)`.
    pub fn dimension(&self) -> usize {
        self.architecture.dimension()
    }

    /// `k - dimension`.
    pub fn codimension(&self) -> usize {
        self.ambient_dimension() - self.dimension()
    }

    /// Degree (as a projective variety, equivalently of the affine cone).
    pub fn degree(&self) -> BigUint {
        self.architecture.degree()
    }

    fn check_point(&self, w: &[BigRational]) -> Result<(), Error> {
        self.architecture.check_end_to_end_length(w.len())
    }

    /// Is the end-to-end filter `w` in the (complex) neurovariety? Decided from
    /// exact gcds of the decomposition pieces.
    pub fn contains(&self, w: &[BigRational]) -> Result<bool, Error> {
        Ok(self.failing_conditions(w)?.is_empty())
    }

    /// Is the real end-to-end filter `w` numerically in the real
    /// neuromanifold (the image of `mu` over R), within `tol`? `true` iff
    /// [`Architecture::factorize_real`] finds real layer filters composing to
    /// `w`; `false` when it reports [`Error::NotInNeurovariety`] or
    /// [`Error::NoFactorization`]. Input errors ([`Error::LengthMismatch`],
    /// [`Error::NonFinite`]) and [`Error::NoConvergence`] are passed on.
    ///
    /// ```
    /// use neurovariety::{Architecture, Tolerance};
    /// let tol = Tolerance::new(1e-9).unwrap();
    /// let v = Architecture::new(&[2, 2], &[1, 1]).unwrap().neurovariety();
    /// assert!(v.contains_real(&[1.0, -2.0, 1.0], tol).unwrap()); // (x - y)^2
    /// assert!(!v.contains_real(&[1.0, 0.0, 1.0], tol).unwrap()); // x^2 + y^2: only over C
    /// ```
    pub fn contains_real(&self, w: &[f64], tol: crate::Tolerance) -> Result<bool, Error> {
        self.architecture.contains_real_numeric(w, tol)
    }

    /// The conditions that fail at `w` (empty iff `w` is in `V`).
    pub fn failing_conditions(&self, w: &[BigRational]) -> Result<Vec<&Condition>, Error> {
        self.check_point(w)?;
        let mut out = Vec::new();
        if w.iter().all(|c| c.is_zero()) {
            return Ok(out);
        }
        for c in &self.conditions {
            if !c.holds(w)? {
                out.push(c);
            }
        }
        Ok(out)
    }

    /// How many minors building the generators computes and their largest
    /// degree, without computing any (cheap).
    pub fn generator_estimate(&self) -> GeneratorEstimate {
        self.conditions
            .iter()
            .map(generators::estimate)
            .fold(GeneratorEstimate::default(), GeneratorEstimate::add)
    }

    /// Equations whose common zero set is `V` (the conditions of the theorem
    /// as minimalised minors), with default options (see
    /// [`GeneratorOptions`]). They are minimal for the ideal *they* generate,
    /// which on architectures with more than one strided level is smaller
    /// than the vanishing ideal `I(V)`: for that, use
    /// [`Neurovariety::vanishing_ideal`].
    pub fn equations(&self) -> Result<GeneratorSet, Error> {
        self.equations_with(&GeneratorOptions::default())
    }

    /// The equations whose zero set is `V`, with the given options.
    pub fn equations_with(&self, options: &GeneratorOptions) -> Result<GeneratorSet, Error> {
        generators::build(self, options)
    }

    /// The values of the generators at `w` (all zero iff `w` is in `V`), in the
    /// order of [`GeneratorSet::generators`].
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] when `w` does not have `k` entries, and
    /// [`Error::InvalidArgument`] when the generators were built for an
    /// architecture with another neurovariety (another reduced architecture or
    /// number of coordinates).
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// // both have 5 coordinates, but different neurovarieties
    /// let v = Architecture::new(&[3, 2], &[2, 1]).unwrap().neurovariety();
    /// let other = Architecture::new(&[2, 2], &[3, 1]).unwrap().neurovariety();
    /// let gens = other.equations().unwrap();
    /// let w = vec![num_rational::BigRational::from_integer(1.into()); 5];
    /// assert!(v.equations_at(&gens, &w).is_err());
    /// ```
    pub fn equations_at(
        &self,
        generators: &GeneratorSet,
        w: &[BigRational],
    ) -> Result<Vec<BigRational>, Error> {
        let theirs = generators.architecture();
        if theirs.end_to_end_filter_size() != self.ambient_dimension()
            || &theirs.reduced() != self.reduced()
        {
            return Err(Error::InvalidArgument {
                name: "generators",
                value: generators.architecture().to_string(),
                reason: format!(
                    "they were built for another architecture than {}",
                    self.architecture
                ),
            });
        }
        self.check_point(w)?;
        generators.evaluate(w)
    }

    /// The reduced architecture.
    pub fn reduced(&self) -> &ReducedArchitecture {
        &self.reduced
    }
}

impl std::fmt::Display for Neurovariety {
    /// One line with the invariants, then one line per condition of the
    /// theorem ([`Condition::describe`]).
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let v = Architecture::new(&[3, 2], &[2, 1]).unwrap().neurovariety();
    /// assert_eq!(
    ///     v.to_string(),
    ///     "neurovariety of (3,2)/(2): dimension 4 in C^5 (codimension 1), degree 3\n  \
    ///      level 2 (tau = 2): the 2 pieces of degrees [2, 1] share a factor of degree >= 1\n"
    /// );
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "neurovariety of {}: dimension {} in C^{} (codimension {}), degree {}",
            self.architecture,
            self.dimension(),
            self.ambient_dimension(),
            self.codimension(),
            self.degree()
        )?;
        for c in &self.conditions {
            writeln!(f, "  {}", c.describe())?;
        }
        Ok(())
    }
}
