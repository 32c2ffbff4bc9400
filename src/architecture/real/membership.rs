//! Exact membership in the real neuromanifold: [`Architecture::real_membership`].
//!
//! The neurovariety `V` is the image of `mu` over C; the neuromanifold `M`
//! is its image over R. For a rational filter `w` the answer is exact:
//!
//! 1. **`V`.** The theorem of docs/mathematics.md, section 4: the pieces of
//!    the `tau_l`-decomposition of `P = pi_1(w)` share a factor `G_l` of
//!    degree at least `e_l` at every reduced level.
//! 2. **`M`.** The class search of `classes.rs` on the real factors of the
//!    forms `H_l = G_l / G_{l+1}(X^s, Y^s)`, counted exactly by Sturm
//!    sequences: at a generic point every level is forced and the search
//!    only checks, at each level that merges layers, that its form has at
//!    least as many real roots as it merges layers of odd degree. When a
//!    level has more common factor than it needs, the search is over
//!    counts of factors of each class, bounded by a budget of steps, and
//!    the answer can be [`RealMembership::Undecided`] (never a guess).
//! 3. **Witness.** Rational layers when a rational factorization exists,
//!    otherwise real algebraic ones (`witness.rs`).
//! 4. **Position.** Relative interior or boundary of `M` in `V(R)`
//!    (`boundary.rs`).
//!
//! The proofs are in docs/mathematics.md, section 7; the examples in the
//! documentation of [`Architecture::real_membership`].

use super::boundary::{fills_real_points, position, RelativePosition};
use super::classes::{search, LevelSpec, Outcome, Stuck};
use super::forest::Forest;
use super::levels::{specs_of, Levels};
use super::witness::{build, RealWitness};
use crate::architecture::factorize::{level_divisors, zero_factorization, LevelDivisors};
use crate::architecture::{Architecture, FactorizeOptions, RationalFactorization};
use crate::poly::budget::SearchBudget;
use crate::Error;
use num_rational::BigRational;
use num_traits::Zero;
use std::fmt;

/// Options of [`Architecture::real_membership_with`].
///
/// ```
/// use neurovariety::architecture::RealMembershipOptions;
/// let o = RealMembershipOptions::default().with_budget(100);
/// assert_eq!(o.budget(), 100);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
#[must_use]
pub struct RealMembershipOptions {
    budget: u64,
    witness: bool,
}

impl RealMembershipOptions {
    /// The default budget of search steps (for each of the three searches:
    /// the choice of real factors, the rational factorization tried first
    /// for the witness, and the degenerations of the relative position).
    pub const DEFAULT_BUDGET: u64 = 1_000_000;

    /// At most `steps` steps per search.
    pub fn with_budget(mut self, steps: u64) -> Self {
        self.budget = steps;
        self
    }

    /// The budget of steps per search.
    pub fn budget(&self) -> u64 {
        self.budget
    }

    /// Build the witness of a filter in `M` (the default) or not (the
    /// decision and the relative position only, several times faster when
    /// the layers are irrational).
    pub fn with_witness(mut self, on: bool) -> Self {
        self.witness = on;
        self
    }

    /// Whether the witness is built.
    pub fn witness(&self) -> bool {
        self.witness
    }
}

impl Default for RealMembershipOptions {
    fn default() -> Self {
        RealMembershipOptions {
            budget: Self::DEFAULT_BUDGET,
            witness: true,
        }
    }
}

/// Why a filter of `V(R)` is not in `M`: the deepest level at which no real
/// choice of factors satisfied the level.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RealShortfall {
    /// The reduced level (from 0).
    pub level: usize,
    /// Its dilation `tau`.
    pub dilation: usize,
    /// The original layers merged into it (from 0).
    pub layers: Vec<usize>,
    /// The degree `kappa - 1` of its form.
    pub degree: usize,
    /// The real linear factors it needs: its layers of odd degree.
    pub real_roots_needed: usize,
    /// The real roots (with multiplicity, infinity included) available.
    pub real_roots: usize,
    /// The pairs of conjugate non-real roots available.
    pub conjugate_pairs: usize,
    /// `true` if every level above was forced (then these are the real roots
    /// of the level's own form; otherwise of the best choice found above).
    pub forced: bool,
}

impl fmt::Display for RealShortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spec = LevelSpec {
            tau: self.dilation,
            need: self.degree,
            bins: Vec::new(),
            layers: self.layers.clone(),
        };
        let what = if self.forced {
            "its form has"
        } else {
            "whatever the levels above take, at most"
        };
        write!(
            f,
            "{} needs a real form of degree {} with at least {} real root{} (one per layer of odd degree); {what} {} real root{} and {} pair{} of non-real conjugate roots",
            super::boundary::describe_level(&spec, self.level),
            self.degree,
            self.real_roots_needed,
            if self.real_roots_needed == 1 { "" } else { "s" },
            self.real_roots,
            if self.real_roots == 1 { "" } else { "s" },
            self.conjugate_pairs,
            if self.conjugate_pairs == 1 { "" } else { "s" },
        )
    }
}

/// The answer of [`Architecture::real_membership`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
pub enum RealMembership {
    /// In the real neuromanifold `M`.
    InNeuromanifold {
        /// Real layer filters composing to the filter (`None` when
        /// [`RealMembershipOptions::with_witness`] turned it off).
        witness: Option<RealWitness>,
        /// Relative interior or boundary of `M` in `V(R)`.
        position: RelativePosition,
    },
    /// In `V(R)` (a real point of the neurovariety) but not in `M`.
    NotInNeuromanifold {
        /// Where every real choice falls short.
        reason: RealShortfall,
    },
    /// Not in the neurovariety `V`, not even over C: at reduced level
    /// `level` the pieces share a factor of degree `common_degree` only.
    NotInNeurovariety {
        /// The first failing reduced level (from 0).
        level: usize,
        /// Its dilation.
        tau: usize,
        /// The degree `e_l` the theorem requires.
        required_degree: usize,
        /// The degree of the gcd of the pieces.
        common_degree: usize,
    },
    /// In `V(R)`; whether in `M` is undecided: the search for real factors
    /// examined `budget` choices without finishing.
    Undecided {
        /// The budget that ran out.
        budget: u64,
    },
}

impl RealMembership {
    /// `true` unless the filter is not in the complex neurovariety.
    #[must_use]
    pub fn in_neurovariety(&self) -> bool {
        !matches!(self, RealMembership::NotInNeurovariety { .. })
    }

    /// `Some(true)` in `M`, `Some(false)` not in `M`, `None` undecided.
    #[must_use]
    pub fn in_neuromanifold(&self) -> Option<bool> {
        match self {
            RealMembership::InNeuromanifold { .. } => Some(true),
            RealMembership::NotInNeuromanifold { .. }
            | RealMembership::NotInNeurovariety { .. } => Some(false),
            RealMembership::Undecided { .. } => None,
        }
    }

    /// The witness, for a filter in `M`.
    #[must_use]
    pub fn witness(&self) -> Option<&RealWitness> {
        match self {
            RealMembership::InNeuromanifold { witness, .. } => witness.as_ref(),
            _ => None,
        }
    }

    /// The relative position, for a filter in `M`.
    #[must_use]
    pub fn position(&self) -> Option<&RelativePosition> {
        match self {
            RealMembership::InNeuromanifold { position, .. } => Some(position),
            _ => None,
        }
    }
}

impl fmt::Display for RealMembership {
    /// One line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RealMembership::InNeuromanifold { witness, position } => {
                write!(f, "in the real neuromanifold ({position})")?;
                match witness {
                    Some(w) => write!(f, ": {w}"),
                    None => Ok(()),
                }
            }
            RealMembership::NotInNeuromanifold { reason } => write!(
                f,
                "in the real points of the neurovariety but not in the real neuromanifold: {reason}"
            ),
            RealMembership::NotInNeurovariety {
                level,
                tau,
                required_degree,
                common_degree,
            } => write!(
                f,
                "not in the neurovariety: at level {} (tau = {tau}) the pieces share a factor of degree {common_degree}, {required_degree} needed",
                level + 1
            ),
            RealMembership::Undecided { budget } => write!(
                f,
                "in the real points of the neurovariety; membership in the real neuromanifold undecided: search budget of {budget} steps exhausted"
            ),
        }
    }
}

fn shortfall(
    specs: &[LevelSpec],
    levels: &Levels,
    stuck: Option<Stuck>,
) -> Result<RealShortfall, Error> {
    let s = stuck.ok_or_else(|| Error::NoConvergence {
        what: "real neuromanifold: a failed search without a failing level".into(),
    })?;
    let spec = &specs[s.level];
    let forced = levels.forced();
    Ok(RealShortfall {
        level: s.level,
        dilation: spec.tau,
        layers: spec.layers.clone(),
        degree: spec.need,
        real_roots_needed: spec.odd(),
        real_roots: s.available.real(),
        conjugate_pairs: s.available.pair,
        forced,
    })
}

impl Architecture {
    /// Is the rational filter `w` in the **real** neuromanifold `M` (the
    /// filters a network with real weights computes), exactly; with real
    /// layer filters that compose to it when it is, the reason when it is
    /// not, and whether it lies on the relative boundary of `M` in `V(R)`
    /// (see [`Architecture::real_membership_with`] for the search budget).
    ///
    /// Compare [`Neurovariety::contains`](crate::Neurovariety::contains)
    /// (exact, over C) and
    /// [`Neurovariety::contains_real`](crate::Neurovariety::contains_real)
    /// (floating point, fast, approximate). The method, with proofs, is in
    /// docs/mathematics.md, section 7, and the module documentation of
    /// `architecture::real`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless `w` has
    /// [`Architecture::end_to_end_filter_size`] entries; [`Error::TooLarge`]
    /// as for [`Architecture::factorize`]. An internal inconsistency would be
    /// [`Error::NoConvergence`], never a wrong answer: every witness is
    /// checked by composing it.
    ///
    /// ```
    /// use neurovariety::architecture::{RealMembership, RelativePosition};
    /// use neurovariety::prelude::*;
    /// let a = Architecture::new(&[3, 2], &[2, 1])?;
    /// // x^4 + y^4 = (x^2 + i y^2)(x^2 - i y^2): in V, not in M
    /// let r = a.real_membership(&[q(1), q(0), q(0), q(0), q(1)])?;
    /// assert!(r.in_neurovariety() && r.in_neuromanifold() == Some(false));
    /// let RealMembership::NotInNeuromanifold { reason } = &r else { unreachable!() };
    /// assert_eq!((reason.level, reason.real_roots, reason.conjugate_pairs), (1, 0, 1));
    /// // (x^2 + y^2)^2 = mu((1, 0, 1), (1, 1)): in M, on the relative boundary
    /// let r = a.real_membership(&[q(1), q(0), q(2), q(0), q(1)])?;
    /// let w = r.witness().unwrap().rational_layers().unwrap();
    /// assert_eq!(w, [vec![q(1), q(0), q(1)], vec![q(1), q(1)]]);
    /// assert_eq!(r.position().unwrap().is_boundary(), Some(true));
    /// // x^4 - y^4 is in the relative interior
    /// let r = a.real_membership(&[q(1), q(0), q(0), q(0), q(-1)])?;
    /// assert_eq!(r.position(), Some(&RelativePosition::Interior));
    /// // x^4 + x^3 y + y^4 is not in V
    /// let r = a.real_membership(&[q(1), q(1), q(0), q(0), q(1)])?;
    /// assert!(!r.in_neurovariety());
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    ///
    /// Irrational witnesses are real algebraic numbers:
    ///
    /// ```
    /// use neurovariety::prelude::*;
    /// // (2,2,2)/(1,1): x^3 - 3 x y^2 + y^3 has three real roots, none rational
    /// let a = Architecture::new(&[2, 2, 2], &[1, 1, 1])?;
    /// let r = a.real_membership(&[q(1), q(0), q(-3), q(1)])?;
    /// let w = r.witness().unwrap();
    /// assert!(w.is_exact() && w.rational_layers().is_none());
    /// // layer 2 is (-u, 1) with u a root of P(1, u) = u^3 - 3u^2 + 1
    /// assert!(w.to_strings()[1][0].starts_with("root of t^3+3*t^2-1 in ["));
    /// // x^3 + y^3 has one real root: not in M
    /// assert_eq!(a.real_membership(&[q(1), q(0), q(0), q(1)])?.in_neuromanifold(), Some(false));
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    pub fn real_membership(&self, w: &[BigRational]) -> Result<RealMembership, Error> {
        self.real_membership_with(w, &RealMembershipOptions::default())
    }

    /// As [`Architecture::real_membership`], with options: each of the three
    /// bounded searches (the real factors, the rational factorization tried
    /// first for the witness, the degenerations near the filter for the
    /// relative position) takes at most [`RealMembershipOptions::budget`]
    /// steps. When the first runs out the answer is
    /// [`RealMembership::Undecided`]; when the second does, the witness is
    /// built from real factors instead; when the third does, the position
    /// is [`RelativePosition::Undecided`].
    ///
    /// # Errors
    ///
    /// As [`Architecture::real_membership`].
    ///
    /// ```
    /// use neurovariety::architecture::{RealMembership, RealMembershipOptions};
    /// use neurovariety::prelude::*;
    /// let a = Architecture::new(&[2, 2], &[1, 1])?;
    /// let none = RealMembershipOptions::default().with_budget(0);
    /// let r = a.real_membership_with(&[q(1), q(0), q(-1)], &none)?;
    /// assert_eq!(r, RealMembership::Undecided { budget: 0 });
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    pub fn real_membership_with(
        &self,
        w: &[BigRational],
        options: &RealMembershipOptions,
    ) -> Result<RealMembership, Error> {
        self.check_end_to_end_length(w.len())?;
        self.require_coordinates("end-to-end filter size (coordinates) for real membership")?;
        if w.iter().all(|c| c.is_zero()) {
            return self.zero_membership(options);
        }
        let g = match level_divisors(self, w)? {
            LevelDivisors::Divisors { g, .. } => g,
            LevelDivisors::Fails(RationalFactorization::NotInNeurovariety {
                level,
                tau,
                required_degree,
                common_degree,
            }) => {
                return Ok(RealMembership::NotInNeurovariety {
                    level,
                    tau,
                    required_degree,
                    common_degree,
                })
            }
            LevelDivisors::Fails(_) => {
                return Err(Error::NoConvergence {
                    what: "real neuromanifold: an unexpected answer of the first step".into(),
                })
            }
        };
        let levels = Levels::new(self, g)?;
        let mut budget = SearchBudget::new(options.budget);
        let chosen = match search(&levels.specs, &levels.fresh(), &mut budget) {
            Outcome::Found(chosen) => chosen,
            Outcome::Fails { stuck, .. } => {
                return Ok(RealMembership::NotInNeuromanifold {
                    reason: shortfall(&levels.specs, &levels, stuck)?,
                })
            }
            Outcome::Undecided => {
                return Ok(RealMembership::Undecided {
                    budget: options.budget,
                })
            }
        };
        let taus: Vec<usize> = levels.specs.iter().map(|s| s.tau).collect();
        let mut forest: Option<Forest> = None;
        let mut get_forest = || -> Result<Forest, Error> {
            if forest.is_none() {
                forest = Some(Forest::new(&levels.g, &taus)?);
            }
            Ok(forest.clone().expect("just built"))
        };
        let witness = if options.witness {
            let rational =
                self.factorize_with(w, &FactorizeOptions::default().with_budget(options.budget))?;
            Some(match rational {
                RationalFactorization::Found { layers } => RealWitness::rational(layers),
                _ => build(self, w, &levels.specs, &get_forest()?, &chosen)?,
            })
        } else {
            None
        };
        let position = position(&levels, get_forest, options.budget)?;
        Ok(RealMembership::InNeuromanifold { witness, position })
    }

    /// The zero filter: `mu(0, e_0, ..., e_0)`, in the relative interior iff
    /// `M = V(R)`.
    fn zero_membership(&self, options: &RealMembershipOptions) -> Result<RealMembership, Error> {
        let layers = zero_factorization(self.filter_sizes());
        let specs = specs_of(self);
        let e = self.reduced().level_degrees();
        let mut budget = SearchBudget::new(options.budget);
        let position = match fills_real_points(&specs, &e, &mut budget) {
            Ok(None) => RelativePosition::Interior,
            Ok(Some(h)) => RelativePosition::Boundary {
                reason: format!(
                    "M is not all of V(R): points of V whose forms H_l have degrees {h:?} (levels from the bottom) and no more real roots than their degrees force are arbitrarily close to 0 and not in M"
                ),
            },
            Err(_) => RelativePosition::Undecided {
                budget: options.budget,
            },
        };
        Ok(RealMembership::InNeuromanifold {
            witness: options.witness.then(|| RealWitness::rational(layers)),
            position,
        })
    }
}
