//! The neurovariety: its exact description, membership, and ideal generators.
//!
//! **Theorem** (math note, section 4; set-theoretic, over C). Let the reduced
//! architecture have sizes `kappa_1..kappa_R` at dilations `tau_1 | ... | tau_R`
//! and put `e_l = sum_{j >= l} (kappa_j - 1) tau_j / tau_l`. Then a form `P` of
//! degree `k - 1` lies in the neurovariety `V` iff for every level `l` with
//! `tau_l > 1` the pieces of the `tau_l`-decomposition of `P` share a factor of
//! degree `>= e_l` (a zero piece is divisible by everything, so `P = 0` is in
//! `V`).
//!
//! Each level is a [`Condition`]. [`Neurovariety::contains`] decides membership
//! of a rational point directly from exact gcds of the pieces (no generator is
//! evaluated); [`Neurovariety::generators`] turns every condition into
//! polynomial equations in `c_0..c_{k-1}` (see [`GeneratorSet`]) whose common
//! zero set is exactly `V`.
//!
//! ```
//! use neurovariety::Architecture;
//! use num_rational::BigRational;
//! let arch = Architecture::new(&[3, 2], &[2, 1]).unwrap();
//! let v = arch.neurovariety();
//! assert_eq!((v.ambient_dimension(), v.dimension(), v.codimension()), (5, 4, 1));
//! let gens = v.generators().unwrap();
//! assert_eq!(gens.len(), 1);
//! assert_eq!(gens.to_macaulay2(), "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c1*c2*c3-c0*c3^2-c1^2*c4\n);\n");
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

pub use generators::{ConditionKind, Generator, GeneratorEstimate, GeneratorOptions, GeneratorSet};

use crate::architecture::{Architecture, ReducedArchitecture};
use crate::poly::BinaryForm;
use crate::resultant::share_factor;
use crate::sdecomp::piece_indices;
use crate::Error;
use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::Zero;

/// One level of the theorem: the `tau`-decomposition pieces must share a factor
/// of degree `>= e`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// Index `l` (from 0) of the reduced layer this level belongs to.
    pub level: usize,
    /// The dilation `tau_l > 1`.
    pub tau: usize,
    /// The required common degree `e_l` (in `X = x^tau`).
    pub e: usize,
    /// For each non-empty piece, the indices `i` of its coefficients `c_i`, in order.
    pub pieces: Vec<Vec<usize>>,
}

impl Condition {
    /// Degrees of the non-empty pieces.
    pub fn piece_degrees(&self) -> Vec<usize> {
        self.pieces.iter().map(|p| p.len() - 1).collect()
    }

    /// The condition in words, e.g. `level 2 (tau = 4): the 4 pieces of degrees [2, 2, 1, 1] share a factor of degree >= 1`.
    pub fn describe(&self) -> String {
        format!(
            "level {} (tau = {}): the {} pieces of degrees {:?} share a factor of degree >= {}",
            self.level + 1,
            self.tau,
            self.pieces.len(),
            self.piece_degrees(),
            self.e
        )
    }

    fn holds(&self, w: &[BigRational]) -> Result<bool, Error> {
        let forms: Vec<BinaryForm<BigRational>> = self
            .pieces
            .iter()
            .map(|ix| BinaryForm::new(ix.iter().map(|&i| w[i].clone()).collect()))
            .collect::<Result<_, _>>()?;
        share_factor(&forms, self.e)
    }
}

/// The neurovariety of an architecture (its reduced architecture and conditions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neurovariety {
    architecture: Architecture,
    reduced: ReducedArchitecture,
    conditions: Vec<Condition>,
}

impl Architecture {
    /// The neurovariety `V` of this architecture (cheap: generators are computed
    /// on demand by [`Neurovariety::generators`]).
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
            if tau == 1 {
                continue;
            }
            // tau <= d, since tau_l (kappa_l - 1) <= d, so piece_indices cannot refuse it
            let pieces: Vec<Vec<usize>> = piece_indices(d, tau)
                .unwrap_or_default()
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect();
            conditions.push(Condition {
                level: l,
                tau,
                e,
                pieces,
            });
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

    /// The generators with default options (see [`GeneratorOptions`]).
    pub fn generators(&self) -> Result<GeneratorSet, Error> {
        self.generators_with(&GeneratorOptions::default())
    }

    /// The generators with the given options.
    pub fn generators_with(&self, options: &GeneratorOptions) -> Result<GeneratorSet, Error> {
        generators::build(self, options)
    }

    /// The values of the generators at `w` (all zero iff `w` is in `V`), in the
    /// order of [`GeneratorSet::generators`].
    pub fn equations_at(
        &self,
        generators: &GeneratorSet,
        w: &[BigRational],
    ) -> Result<Vec<BigRational>, Error> {
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

/// `Some(NotInNeurovariety)` with the first failing condition if `w` is not in
/// `V`, `None` if it is (or if the input is malformed).
pub(crate) fn explain_non_membership(arch: &Architecture, w: &[BigRational]) -> Option<Error> {
    let v = arch.neurovariety();
    let failing = v.failing_conditions(w).ok()?;
    let first = failing.first()?;
    Some(Error::NotInNeurovariety {
        reason: format!("{} fails", first.describe()),
    })
}
