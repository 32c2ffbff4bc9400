//! Smooth points of the neurovariety, exactly: [`Architecture::smoothness`].
//!
//! * `V` is a linear space when the reduced architecture has at most one
//!   level; then every point is smooth. The vertex `0` of a cone that is
//!   not a linear space is singular.
//! * At a point `P != 0` where every level is *forced* (`deg G_l = e_l`),
//!   `V` is smooth: near `P` the level forms are regular functions of the
//!   point (the gcd of the pieces through subresultants, divisions by what
//!   the levels above took), so `V` is locally isomorphic to a product of
//!   spaces of forms (docs/mathematics.md, section 7).
//! * Elsewhere (some level has more common factor than the theorem needs)
//!   the Jacobian criterion decides: `P` is smooth iff the Jacobian matrix of
//!   generators of the vanishing ideal `I(V)` has rank `codim V` at `P`. With
//!   the generators of [`Neurovariety::vanishing_ideal`](crate::Neurovariety::vanishing_ideal)
//!   the rank is computed exactly; rank `codim V` proves smoothness even
//!   when the ideal is not certified complete (more generators cannot raise
//!   the rank at a point of `V` above the codimension), a smaller rank
//!   proves a singular point only when it is.

use super::levels::Levels;
use crate::architecture::factorize::{level_divisors, LevelDivisors};
use crate::architecture::Architecture;
use crate::linalg::{rank, Matrix};
use crate::neurovariety::VanishingIdealOptions;
use crate::poly::MPoly;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use std::fmt;

/// Whether a point of the neurovariety is a smooth point of it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Smoothness {
    /// A smooth point, with the reason.
    Smooth {
        /// Why, in words.
        reason: String,
    },
    /// A singular point, with the reason.
    Singular {
        /// Why, in words.
        reason: String,
    },
    /// Not decided (the vanishing ideal was too large to compute, or the
    /// Jacobian rank of uncertified generators fell short).
    Undecided {
        /// Why, in words.
        reason: String,
    },
}

impl Smoothness {
    /// `Some(true)` smooth, `Some(false)` singular, `None` undecided.
    #[must_use]
    pub fn is_smooth(&self) -> Option<bool> {
        match self {
            Smoothness::Smooth { .. } => Some(true),
            Smoothness::Singular { .. } => Some(false),
            Smoothness::Undecided { .. } => None,
        }
    }
}

impl fmt::Display for Smoothness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Smoothness::Smooth { reason } => write!(f, "smooth point ({reason})"),
            Smoothness::Singular { reason } => write!(f, "singular point ({reason})"),
            Smoothness::Undecided { reason } => write!(f, "smoothness undecided ({reason})"),
        }
    }
}

/// The Jacobian matrix of `gens` at `p` (rows: generators).
fn jacobian(gens: &[MPoly<BigInt>], p: &[BigRational]) -> Result<Matrix<BigRational>, Error> {
    let n = p.len();
    let rows: Vec<Vec<BigRational>> = gens
        .iter()
        .map(|g| {
            let mut row = vec![BigRational::zero(); n];
            for (m, c) in g.terms() {
                let exps = m.exps();
                for (i, entry) in row.iter_mut().enumerate() {
                    let e = exps.get(i).copied().unwrap_or(0);
                    if e == 0 {
                        continue;
                    }
                    let mut v = BigRational::from_integer(c * BigInt::from(e));
                    for (j, &ej) in exps.iter().enumerate() {
                        let k = if j == i { ej - 1 } else { ej };
                        if k > 0 {
                            v *= num_traits::pow(p[j].clone(), k as usize);
                        }
                    }
                    *entry += v;
                }
            }
            row
        })
        .collect();
    Matrix::from_rows(rows)
}

impl Architecture {
    /// Whether the rational filter `w`, a point of the neurovariety `V`, is a
    /// smooth point of `V` (see [`Architecture::smoothness_with`] for the
    /// options of the vanishing ideal, computed only at non-generic points).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] for a filter of the wrong length;
    /// [`Error::NotInNeurovariety`] if `w` is not in `V`.
    ///
    /// ```
    /// use neurovariety::prelude::*;
    /// let a = Architecture::new(&[3, 2], &[2, 1])?;
    /// // Sing V = {c1 = c3 = 0} for this hypersurface c1 c2 c3 - c0 c3^2 - c1^2 c4
    /// assert_eq!(a.smoothness(&[q(1), q(0), q(2), q(0), q(1)])?.is_smooth(), Some(false));
    /// assert_eq!(a.smoothness(&[q(2), q(5), q(7), q(10), q(6)])?.is_smooth(), Some(true));
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    pub fn smoothness(&self, w: &[BigRational]) -> Result<Smoothness, Error> {
        self.smoothness_with(w, &VanishingIdealOptions::default())
    }

    /// As [`Architecture::smoothness`], computing the vanishing ideal (only
    /// at points where a level has more common factor than the theorem
    /// requires) with `options`; when that is refused as too large the
    /// answer is [`Smoothness::Undecided`].
    ///
    /// # Errors
    ///
    /// As [`Architecture::smoothness`].
    pub fn smoothness_with(
        &self,
        w: &[BigRational],
        options: &VanishingIdealOptions,
    ) -> Result<Smoothness, Error> {
        self.check_end_to_end_length(w.len())?;
        let levels_count = self.reduced().num_layers();
        let linear = || Smoothness::Smooth {
            reason: "the neurovariety is a linear space".into(),
        };
        if w.iter().all(|c| c.is_zero()) {
            return Ok(if levels_count <= 1 {
                linear()
            } else {
                Smoothness::Singular {
                    reason: "the vertex of a cone that is not a linear space".into(),
                }
            });
        }
        let g = match level_divisors(self, w)? {
            LevelDivisors::Divisors { g, .. } => g,
            LevelDivisors::Fails(r) => {
                return Err(Error::NotInNeurovariety {
                    reason: r.to_string().replacen("not in the neurovariety: ", "", 1),
                })
            }
        };
        if levels_count <= 1 {
            return Ok(linear());
        }
        let levels = Levels::new(self, g)?;
        if levels.forced() {
            return Ok(Smoothness::Smooth {
                reason:
                    "every level is forced: the layer forms are regular functions near the point"
                        .into(),
            });
        }
        let ideal = match self.neurovariety().vanishing_ideal(options) {
            Ok(i) => i,
            Err(Error::TooLarge { what, .. }) => {
                return Ok(Smoothness::Undecided {
                    reason: format!("the vanishing ideal is too large to compute ({what})"),
                })
            }
            Err(e) => return Err(e),
        };
        let codim = self.end_to_end_filter_size() - self.dimension();
        let r = rank(&jacobian(ideal.generators(), w)?)?;
        let n = ideal.len();
        Ok(if r >= codim {
            Smoothness::Smooth {
                reason: format!(
                    "the Jacobian of the {n} generators of I(V) has rank {r} = codim V"
                ),
            }
        } else if ideal.is_certified() {
            Smoothness::Singular {
                reason: format!(
                    "the Jacobian of the {n} generators of I(V) has rank {r} < codim V = {codim}"
                ),
            }
        } else {
            Smoothness::Undecided {
                reason: format!(
                    "the Jacobian of {n} generators of I(V) has rank {r} < codim V = {codim}, but they are not certified to generate I(V)"
                ),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jacobian_of_the_3_2_hypersurface() {
        // c1 c2 c3 - c0 c3^2 - c1^2 c4 at (1, 0, 2, 0, 1): all partials vanish
        let ring = crate::poly::PolyRing::new(&["c0", "c1", "c2", "c3", "c4"]).unwrap();
        let f = ring.parse_integer("c1*c2*c3-c0*c3^2-c1^2*c4").unwrap();
        let p: Vec<BigRational> = [1, 0, 2, 0, 1]
            .iter()
            .map(|&x| BigRational::from_integer(x.into()))
            .collect();
        let j = jacobian(std::slice::from_ref(&f), &p).unwrap();
        assert!(j.row(0).iter().all(|x| x.is_zero()));
        // at (0, 1, 0, 0, 0): d/dc4 = -c1^2 = -1
        let p: Vec<BigRational> = [0, 1, 0, 0, 0]
            .iter()
            .map(|&x| BigRational::from_integer(x.into()))
            .collect();
        let j = jacobian(&[f], &p).unwrap();
        assert_eq!(j.row(0)[4], -BigRational::from_integer(1.into()));
    }
}
