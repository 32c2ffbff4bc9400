//! The exact decision over R as a search over classes of real factors.
//!
//! Over R every binary form is a product of real linear forms `Y - u X`
//! (a real root `u` of `F(1, u)`, or `X` for `u = infinity`) and irreducible
//! quadratics (a pair of conjugate non-real roots). At a reduced level of
//! dilation `tau`, a real irreducible factor of a higher level (dilation
//! `tau'`, `s = tau' / tau`) inflates to `F(X^s, Y^s)`, whose real
//! irreducible factors depend only on the *class* of the factor:
//!
//! | class | `s` odd | `s` even |
//! |---|---|---|
//! | axis (`u = 0` or `infinity`) | `s` axis | `s` axis |
//! | `u > 0` | 1 positive, `(s-1)/2` pairs | 1 positive, 1 negative, `(s-2)/2` pairs |
//! | `u < 0` | 1 negative, `(s-1)/2` pairs | `s/2` pairs |
//! | pair | `s` pairs | `s` pairs |
//!
//! (the roots of `u^s = v`). By the lemma of the rational search
//! (`factor_forest.rs`, Lemma 1, which holds over any field), the forms
//! available for level `l` are the real factors of `G_l` left after the
//! levels above: the real factors of `H_l = G_l / G_{l+1}(X^s, Y^s)`, plus the
//! inflations of the factors that the level above did not take. A level
//! takes real factors of total degree `kappa_l - 1`, and if it merges several
//! original layers of degrees `d_j`, it needs at least as many real linear
//! factors as there are odd `d_j` (then the split exists: give each odd
//! layer one, the rest come in degree-2 pieces). Whether a sequence of
//! choices succeeds depends only on how many factors of each class are
//! taken, so the search runs over counts of classes ([`Counts`]),
//! remembering failed states; it spends one step of a budget per complete
//! choice and reports "undecided" when the budget runs out.

use crate::poly::budget::{BudgetExhausted, SearchBudget};
use crate::poly::{real_root_signs, square_free_decomposition, BinaryForm};
use num_bigint::BigInt;
use num_traits::Zero;
use std::collections::HashSet;

/// Numbers of real irreducible factors by class (with multiplicity).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Counts {
    /// Roots at `u = 0` or `u = infinity`.
    pub(crate) axis: usize,
    /// Real roots `u > 0`.
    pub(crate) pos: usize,
    /// Real roots `u < 0`.
    pub(crate) neg: usize,
    /// Pairs of conjugate non-real roots.
    pub(crate) pair: usize,
}

impl Counts {
    /// Real linear factors.
    pub(crate) fn real(&self) -> usize {
        self.axis + self.pos + self.neg
    }

    /// Total degree.
    pub(crate) fn degree(&self) -> usize {
        self.real() + 2 * self.pair
    }

    pub(crate) fn add(&self, o: &Counts) -> Counts {
        Counts {
            axis: self.axis + o.axis,
            pos: self.pos + o.pos,
            neg: self.neg + o.neg,
            pair: self.pair + o.pair,
        }
    }

    /// `self - o` (the caller guarantees `o <= self`).
    pub(crate) fn sub(&self, o: &Counts) -> Counts {
        Counts {
            axis: self.axis - o.axis,
            pos: self.pos - o.pos,
            neg: self.neg - o.neg,
            pair: self.pair - o.pair,
        }
    }

    /// The classes of the real factors of the inflations by `s` (the table
    /// in the module documentation).
    pub(crate) fn inflate(&self, s: usize) -> Counts {
        if s == 1 {
            return *self;
        }
        let (pos, neg, pair) = if s % 2 == 1 {
            (
                self.pos,
                self.neg,
                (self.pos + self.neg) * (s - 1) / 2 + self.pair * s,
            )
        } else {
            (
                self.pos,
                self.pos,
                self.pos * (s - 2) / 2 + self.neg * s / 2 + self.pair * s,
            )
        };
        Counts {
            axis: self.axis * s,
            pos,
            neg,
            pair,
        }
    }

    /// The classes of the real factors of a non-zero form, with
    /// multiplicity, exactly (Sturm counts of the square-free parts).
    pub(crate) fn of_form(f: &BinaryForm<BigInt>) -> Counts {
        let c = f.coeffs();
        let at_inf = c.iter().rev().take_while(|x| x.is_zero()).count();
        let signs = real_root_signs(&f.dehomogenize());
        let real = at_inf + signs.total();
        Counts {
            axis: at_inf + signs.zero,
            pos: signs.positive,
            neg: signs.negative,
            pair: (f.degree() - real) / 2,
        }
    }

    /// The *worst perturbation* of a non-zero form: a real root of odd
    /// multiplicity `m` keeps one real root nearby (of its sign; a root at
    /// `0` or `infinity` may move to either side, and the negative side is
    /// the worse one), everything else can become pairs. Exactly: the
    /// square-free factors of odd multiplicity, counted once, by sign.
    pub(crate) fn robust_of_form(f: &BinaryForm<BigInt>) -> Counts {
        let c = f.coeffs();
        let at_inf = c.iter().rev().take_while(|x| x.is_zero()).count();
        let p = f.dehomogenize();
        let at_zero = p.coeffs().iter().take_while(|x| x.is_zero()).count();
        let rest = crate::poly::UPoly::new(p.coeffs()[at_zero..].to_vec());
        let mut out = Counts {
            axis: 0,
            pos: 0,
            neg: at_inf % 2 + at_zero % 2,
            pair: 0,
        };
        for (a, m) in square_free_decomposition(&rest) {
            if m % 2 == 1 {
                let s = real_root_signs(&a);
                out.pos += s.positive;
                out.neg += s.negative;
            }
        }
        out.pair = (f.degree() - out.real()) / 2;
        out
    }
}

/// What the search needs to know about a reduced level.
#[derive(Clone, Debug)]
pub(crate) struct LevelSpec {
    /// The dilation `tau_l`.
    pub(crate) tau: usize,
    /// `kappa_l - 1`: the degree the level takes.
    pub(crate) need: usize,
    /// The degrees of the original layers merged into the level.
    pub(crate) bins: Vec<usize>,
    /// Their indices (from 0).
    pub(crate) layers: Vec<usize>,
}

impl LevelSpec {
    /// The number of odd degrees: real linear factors the level needs.
    pub(crate) fn odd(&self) -> usize {
        self.bins.iter().filter(|&&d| d % 2 == 1).count()
    }
}

/// Where a failed search got stuck: the deepest level at which no choice
/// satisfied the level itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Stuck {
    /// The level (from 0).
    pub(crate) level: usize,
    /// What was available there.
    pub(crate) available: Counts,
}

/// The outcome of [`search`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The counts taken at each level (index = level).
    Found(Vec<Counts>),
    /// No sequence of choices works.
    Fails {
        /// The deepest local failure (`None` only if there is no level).
        stuck: Option<Stuck>,
        /// Steps spent.
        steps: u64,
    },
    /// The budget ran out.
    Undecided,
}

/// Searches the choices level by level from the top, with `fresh[l]` the
/// classes of `H_l` (the factors of level `l` that no higher level
/// explains).
pub(crate) fn search(specs: &[LevelSpec], fresh: &[Counts], budget: &mut SearchBudget) -> Outcome {
    let Some(top) = specs.len().checked_sub(1) else {
        return Outcome::Found(Vec::new());
    };
    let mut s = Search {
        specs,
        fresh,
        budget,
        failed: HashSet::new(),
        stuck: None,
    };
    match s.level(top, fresh[top]) {
        Ok(Some(chosen)) => Outcome::Found(chosen),
        Ok(None) => Outcome::Fails {
            stuck: s.stuck,
            steps: s.budget.used(),
        },
        Err(BudgetExhausted) => Outcome::Undecided,
    }
}

struct Search<'a> {
    specs: &'a [LevelSpec],
    fresh: &'a [Counts],
    budget: &'a mut SearchBudget,
    failed: HashSet<(usize, Counts)>,
    stuck: Option<Stuck>,
}

impl Search<'_> {
    /// The choices at levels `0, 1, ..., l` (bottom first) from the
    /// available `avail` at level `l`.
    fn level(&mut self, l: usize, avail: Counts) -> Result<Option<Vec<Counts>>, BudgetExhausted> {
        if self.failed.contains(&(l, avail)) {
            return Ok(None);
        }
        let spec = &self.specs[l];
        let (need, odd) = (spec.need, spec.odd());
        let mut any_local = false;
        // fewer pairs first (more real factors for this level), then the
        // negative factors before positive and axis ones (they open into
        // fewer real factors below)
        for pairs in 0..=avail.pair.min(need / 2) {
            let real = need - 2 * pairs;
            if real > avail.real() || real < odd {
                continue;
            }
            for neg in (0..=avail.neg.min(real)).rev() {
                for pos in (0..=avail.pos.min(real - neg)).rev() {
                    let axis = real - neg - pos;
                    if axis > avail.axis {
                        continue;
                    }
                    any_local = true;
                    self.budget.step()?;
                    let chosen = Counts {
                        axis,
                        pos,
                        neg,
                        pair: pairs,
                    };
                    if l == 0 {
                        if avail.degree() == need {
                            return Ok(Some(vec![chosen]));
                        }
                        continue;
                    }
                    let s = spec.tau / self.specs[l - 1].tau;
                    let next = avail.sub(&chosen).inflate(s).add(&self.fresh[l - 1]);
                    if let Some(mut below) = self.level(l - 1, next)? {
                        below.push(chosen);
                        return Ok(Some(below));
                    }
                }
            }
        }
        if !any_local && self.stuck.as_ref().is_none_or(|s| s.level >= l) {
            self.stuck = Some(Stuck {
                level: l,
                available: avail,
            });
        }
        self.failed.insert((l, avail));
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(axis: usize, pos: usize, neg: usize, pair: usize) -> Counts {
        Counts {
            axis,
            pos,
            neg,
            pair,
        }
    }

    #[test]
    fn inflation_table() {
        // u^2 = v: v > 0 gives +-sqrt v, v < 0 a pair
        assert_eq!(c(1, 1, 1, 1).inflate(2), c(2, 1, 1, 3));
        // u^3 = v: one real root of the sign of v and a pair
        assert_eq!(c(0, 1, 1, 0).inflate(3), c(0, 1, 1, 2));
        assert_eq!(c(0, 1, 0, 0).inflate(4), c(0, 1, 1, 1));
        for s in 1..6 {
            let x = c(1, 2, 3, 1);
            assert_eq!(x.inflate(s).degree(), s * x.degree());
        }
    }

    #[test]
    fn classes_of_forms() {
        // x y (y - x)^2 (y + 2x) (y^2 + x^2): u = 0, inf, 1 (twice), -2, pair
        let g = &(&(&BinaryForm::from_i64(&[1, 0]).unwrap()
            * &BinaryForm::from_i64(&[0, 1]).unwrap())
            * &(&BinaryForm::from_i64(&[-1, 1]).unwrap()
                * &BinaryForm::from_i64(&[-1, 1]).unwrap()))
            * &(&BinaryForm::from_i64(&[2, 1]).unwrap()
                * &BinaryForm::from_i64(&[1, 0, 1]).unwrap());
        assert_eq!(Counts::of_form(&g), c(2, 2, 1, 1));
        // robust: the double root 1 can become a pair; 0 and inf go negative
        assert_eq!(Counts::robust_of_form(&g), c(0, 0, 3, 2));
    }

    #[test]
    fn sum_of_squares_over_3_2_stride_2() {
        // (3,2)/(2): level 0 takes degree 2 at tau 1, level 1 degree 1 at tau 2.
        let specs = vec![
            LevelSpec {
                tau: 1,
                need: 2,
                bins: vec![2],
                layers: vec![0],
            },
            LevelSpec {
                tau: 2,
                need: 1,
                bins: vec![1],
                layers: vec![1],
            },
        ];
        // x^4 + y^4: G_2 = X^2 + Y^2 (a pair), nothing new below
        let r = search(
            &specs,
            &[c(0, 0, 0, 0), c(0, 0, 0, 1)],
            &mut SearchBudget::new(100),
        );
        assert!(
            matches!(
                r,
                Outcome::Fails {
                    stuck: Some(Stuck { level: 1, .. }),
                    ..
                }
            ),
            "{r:?}"
        );
        // x^4 - y^4: G_2 = X^2 - Y^2
        let r = search(
            &specs,
            &[c(0, 0, 0, 0), c(0, 1, 1, 0)],
            &mut SearchBudget::new(100),
        );
        assert!(matches!(r, Outcome::Found(_)), "{r:?}");
        let r = search(
            &specs,
            &[c(0, 0, 0, 0), c(0, 1, 1, 0)],
            &mut SearchBudget::new(0),
        );
        assert_eq!(r, Outcome::Undecided);
    }
}
