//! Real algebraic numbers, exactly: a minimal polynomial and an isolating
//! interval.
//!
//! A [`RealAlgebraic`] is either a rational number or the unique root of an
//! irreducible primitive integer polynomial `m` of degree `>= 2` (its
//! *minimal polynomial*, leading coefficient positive) in an open interval
//! `(a, b)` with rational ends, `m(a) m(b) < 0`. Such an interval is found by
//! Sturm isolation ([`real_roots`](super::real_roots)) and halved on demand
//! ([`RealAlgebraic::refine`]), so the number is known exactly and to any
//! precision.
//!
//! **Arithmetic in one generator.** For `alpha` with minimal polynomial `m`
//! of degree `n` and a rational polynomial `g`, `beta = g(alpha)` lies in
//! `Q(alpha)`; multiplication by `beta` is a `Q`-linear map of `Q(alpha)`
//! whose matrix `M` in the basis `1, alpha, ..., alpha^{n-1}` has
//! characteristic polynomial `chi = mu^{n / deg mu}`, `mu` the minimal
//! polynomial of `beta` (the eigenvalues of `M` are the conjugates
//! `g(alpha_i)`, each value repeated equally often). So `mu` is the
//! square-free part of `chi` (computed by the Faddeev–LeVerrier recursion),
//! and which root of `mu` is `beta` is decided by evaluating `g` on the
//! isolating interval of `alpha` in interval arithmetic, refining until the
//! enclosure meets exactly one isolating interval of `mu`
//! ([`RealAlgebraic::evaluate`]).
//!
//! ```
//! use neurovariety::poly::{RealAlgebraic, UPoly};
//! use num_rational::BigRational;
//! // the real roots of (t^2 - 2)(t - 1)^2, with multiplicity, in increasing order
//! let p = &UPoly::from_i64(&[-2, 0, 1]) * &UPoly::from_i64(&[1, -2, 1]);
//! let roots = RealAlgebraic::roots_of(&p).unwrap();
//! assert_eq!(roots.len(), 3);
//! assert_eq!(roots[1], (RealAlgebraic::from_rational(BigRational::from_integer(1.into())), 2));
//! let sqrt2 = roots[2].0.clone();
//! assert!(sqrt2.to_string().starts_with("root of t^2-2 in "));
//! // (sqrt 2)^2 = 2 and 1 + sqrt 2 has minimal polynomial t^2 - 2t - 1
//! let q = |n: i64| BigRational::from_integer(n.into());
//! assert_eq!(sqrt2.evaluate(&UPoly::new(vec![q(0), q(0), q(1)])).unwrap().as_rational(), Some(&q(2)));
//! let s = sqrt2.evaluate(&UPoly::new(vec![q(1), q(1)])).unwrap();
//! assert_eq!(s.minimal_polynomial(), UPoly::from_i64(&[-1, -2, 1]));
//! assert!((s.to_f64() - 2.414_213_562_373_095).abs() < 1e-12);
//! ```

use super::factor::factor_integer;
use super::gcd::primitive_integer;
use super::rational_interval::RationalInterval;
use super::real_roots::{isolate, refine_root, sign_at, Isolated, Sturm};
use super::square_free::square_free_decomposition;
use super::univariate::UPoly;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;

/// Interval refinements tried before an identification is declared failed
/// (each halves an interval; far more than any real case needs).
const MAX_REFINEMENTS: usize = 4000;

/// A real algebraic number (see the module documentation).
#[derive(Clone, Debug)]
pub struct RealAlgebraic {
    repr: Repr,
}

#[derive(Clone, Debug)]
enum Repr {
    Rational(BigRational),
    Root {
        /// Irreducible over Q, primitive, degree >= 2, positive leading coefficient.
        poly: UPoly<BigInt>,
        /// Open interval with exactly one root of `poly`; its ends are not roots.
        interval: RationalInterval,
    },
}

impl RealAlgebraic {
    /// The rational number `q`.
    pub fn from_rational(q: BigRational) -> Self {
        RealAlgebraic {
            repr: Repr::Rational(q),
        }
    }

    /// The real roots of `p` with their multiplicities, in increasing order
    /// (factorization over Q, then Sturm isolation of each irreducible
    /// factor). The zero polynomial is refused with
    /// [`Error::InvalidArgument`]; a non-zero constant has no roots.
    pub fn roots_of(p: &UPoly<BigInt>) -> Result<Vec<(RealAlgebraic, usize)>, Error> {
        if p.is_zero() {
            return Err(Error::InvalidArgument {
                name: "polynomial",
                value: "0".into(),
                reason: "every number is a root of the zero polynomial".into(),
            });
        }
        let mut out: Vec<(RealAlgebraic, usize)> = Vec::new();
        for (f, m) in factor_integer(p)?.factors {
            for r in Self::roots_of_irreducible(&f) {
                out.push((r, m));
            }
        }
        sort_numbers(&mut out, |x| &x.0)?;
        Ok(out)
    }

    /// The real roots of an irreducible (over Q) integer polynomial, in
    /// increasing order.
    pub(crate) fn roots_of_irreducible(f: &UPoly<BigInt>) -> Vec<RealAlgebraic> {
        let f = normalise(f);
        isolate(&f)
            .into_iter()
            .map(|iso| Self::from_isolated(&f, iso))
            .collect()
    }

    /// The root of the irreducible integer polynomial `f` in the open
    /// interval `iv`, which must isolate it (`f` changes sign at its ends;
    /// the caller guarantees that there is only one root inside).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] if `f` does not change sign on `iv`.
    pub(crate) fn from_isolating_interval(
        f: &UPoly<BigInt>,
        iv: RationalInterval,
    ) -> Result<RealAlgebraic, Error> {
        let f = normalise(f);
        let (a, b) = (sign_at(&f, iv.lo()), sign_at(&f, iv.hi()));
        if a == Ordering::Equal || b == Ordering::Equal || a == b {
            return Err(Error::InvalidArgument {
                name: "isolating interval",
                value: iv.to_string(),
                reason: format!("{} does not change sign on it", format_in_t(&f)),
            });
        }
        Ok(Self::from_isolated(&f, Isolated::Between(iv)))
    }

    /// The root of the irreducible `f` described by `iso`.
    fn from_isolated(f: &UPoly<BigInt>, iso: Isolated) -> RealAlgebraic {
        match iso {
            Isolated::Exact(q) => Self::from_rational(q),
            Isolated::Between(interval) => {
                if f.degree() == Some(1) {
                    // a linear factor: its root is rational
                    let c = f.coeffs();
                    return Self::from_rational(BigRational::new(-c[0].clone(), c[1].clone()));
                }
                RealAlgebraic {
                    repr: Repr::Root {
                        poly: f.clone(),
                        interval,
                    },
                }
            }
        }
    }

    /// The value, if it is rational.
    #[must_use]
    pub fn as_rational(&self) -> Option<&BigRational> {
        match &self.repr {
            Repr::Rational(q) => Some(q),
            Repr::Root { .. } => None,
        }
    }

    /// The minimal polynomial over Q, primitive in `Z[t]` with positive
    /// leading coefficient (`b t - a` for a rational `a / b`).
    #[must_use]
    pub fn minimal_polynomial(&self) -> UPoly<BigInt> {
        match &self.repr {
            Repr::Rational(q) => UPoly::new(vec![-q.numer().clone(), q.denom().clone()]),
            Repr::Root { poly, .. } => poly.clone(),
        }
    }

    /// The degree of the minimal polynomial (1 for rationals).
    #[must_use]
    pub fn degree(&self) -> usize {
        match &self.repr {
            Repr::Rational(_) => 1,
            Repr::Root { poly, .. } => poly.degree().unwrap_or(0),
        }
    }

    /// A closed interval containing the number (a point for rationals).
    #[must_use]
    pub fn enclosure(&self) -> RationalInterval {
        match &self.repr {
            Repr::Rational(q) => RationalInterval::point(q.clone()),
            Repr::Root { interval, .. } => interval.clone(),
        }
    }

    /// Halves the isolating interval (a rational number stays as it is; an
    /// exact hit of the midpoint cannot happen for an irreducible minimal
    /// polynomial of degree `>= 2`).
    pub fn refine(&mut self) {
        if let Repr::Root { poly, interval } = &mut self.repr {
            match refine_root(poly, interval) {
                Isolated::Between(iv) => *interval = iv,
                Isolated::Exact(q) => self.repr = Repr::Rational(q),
            }
        }
    }

    /// Refines until the enclosure is at most `width` wide.
    pub fn refine_to_width(&mut self, width: &BigRational) {
        while self.enclosure().width() > *width {
            self.refine();
        }
    }

    /// Refines until the enclosure is at most `2^-bits (1 + |x|)` wide.
    pub fn refine_to_bits(&mut self, bits: u32) {
        let scale = self.enclosure().hi().abs() + self.enclosure().lo().abs() + BigRational::one();
        let w = scale / BigRational::from_integer(BigInt::one() << bits);
        self.refine_to_width(&w);
    }

    /// A float within about one unit in the last place.
    #[must_use]
    pub fn to_f64(&self) -> f64 {
        let mut x = self.clone();
        x.refine_to_bits(60);
        let m = x.enclosure().midpoint();
        m.to_f64().unwrap_or(f64::NAN)
    }

    /// `-x`.
    #[must_use]
    pub fn neg(&self) -> RealAlgebraic {
        match &self.repr {
            Repr::Rational(q) => Self::from_rational(-q),
            Repr::Root { poly, interval } => {
                // m(-t), made to have a positive leading coefficient
                let c: Vec<BigInt> = poly
                    .coeffs()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| if i % 2 == 1 { -c } else { c.clone() })
                    .collect();
                RealAlgebraic {
                    repr: Repr::Root {
                        poly: normalise(&UPoly::new(c)),
                        interval: interval.neg(),
                    },
                }
            }
        }
    }

    /// The sign, exactly.
    #[must_use]
    pub fn signum(&self) -> Ordering {
        self.cmp_rational(&BigRational::zero())
    }

    /// Compares with a rational number, exactly.
    #[must_use]
    pub fn cmp_rational(&self, q: &BigRational) -> Ordering {
        match &self.repr {
            Repr::Rational(x) => x.cmp(q),
            Repr::Root { .. } => {
                let mut x = self.clone();
                loop {
                    let e = x.enclosure();
                    if e.lo() > q {
                        return Ordering::Greater;
                    }
                    if e.hi() < q {
                        return Ordering::Less;
                    }
                    x.refine();
                }
            }
        }
    }

    /// Compares two real algebraic numbers, exactly.
    ///
    /// # Errors
    ///
    /// [`Error::NoConvergence`] only if the refinement limit is reached,
    /// which would mean an internal inconsistency.
    pub fn try_cmp(&self, other: &RealAlgebraic) -> Result<Ordering, Error> {
        if let Some(q) = other.as_rational() {
            return Ok(self.cmp_rational(q));
        }
        if let Some(q) = self.as_rational() {
            return Ok(other.cmp_rational(q).reverse());
        }
        if self == other {
            return Ok(Ordering::Equal);
        }
        let (mut a, mut b) = (self.clone(), other.clone());
        for _ in 0..MAX_REFINEMENTS {
            let (ea, eb) = (a.enclosure(), b.enclosure());
            if ea.hi() < eb.lo() {
                return Ok(Ordering::Less);
            }
            if eb.hi() < ea.lo() {
                return Ok(Ordering::Greater);
            }
            a.refine();
            b.refine();
        }
        Err(no_convergence("comparing two real algebraic numbers"))
    }

    /// `g(x)` for a rational polynomial `g`, exactly (see the module
    /// documentation).
    ///
    /// # Errors
    ///
    /// [`Error::NoConvergence`] only for an internal inconsistency (an
    /// identification that does not finish); propagates the errors of the
    /// factorization over Q.
    pub fn evaluate(&self, g: &UPoly<BigRational>) -> Result<RealAlgebraic, Error> {
        let (poly, interval) = match &self.repr {
            Repr::Rational(q) => return Ok(Self::from_rational(g.eval(q))),
            Repr::Root { poly, interval } => (poly, interval),
        };
        let n = poly.degree().unwrap_or(0);
        let m: UPoly<BigRational> = UPoly::new(
            poly.coeffs()
                .iter()
                .map(|c| BigRational::from_integer(c.clone()))
                .collect(),
        );
        let (_, beta) = g.div_rem(&m)?;
        if beta.degree().unwrap_or(0) == 0 {
            return Ok(Self::from_rational(beta.coeff(0)));
        }
        // columns beta * alpha^j mod m
        let mut cols: Vec<UPoly<BigRational>> = Vec::with_capacity(n);
        let mut v = beta.clone();
        for _ in 0..n {
            cols.push(v.clone());
            let shifted = &v * &UPoly::new(vec![BigRational::zero(), BigRational::one()]);
            v = shifted.div_rem(&m)?.1;
        }
        let a: Vec<Vec<BigRational>> = (0..n)
            .map(|i| cols.iter().map(|c| c.coeff(i)).collect())
            .collect();
        let chi = primitive_integer(&characteristic_polynomial(&a));
        let sf = square_free_decomposition(&chi);
        let [(mu, _)] = sf.as_slice() else {
            return Err(no_convergence(
                "the characteristic polynomial of an algebraic number is not a power of one polynomial",
            ));
        };
        let mu = normalise(mu);
        if mu.degree() == Some(1) {
            let c = mu.coeffs();
            return Ok(Self::from_rational(BigRational::new(
                -c[0].clone(),
                c[1].clone(),
            )));
        }
        let candidates: Vec<RealAlgebraic> = Self::roots_of_irreducible(&mu);
        let mut alpha = RealAlgebraic {
            repr: Repr::Root {
                poly: poly.clone(),
                interval: interval.clone(),
            },
        };
        identify(candidates, |_| {
            alpha.refine();
            Ok(alpha.enclosure().eval(&beta))
        })
    }

    /// The real number `x` that is a root of the non-zero integer polynomial
    /// `annihilator`, given enclosures `enclose(round)` of `x` that shrink
    /// to it as `round` grows: the real roots of the factors of the
    /// annihilator are isolated, and the enclosure and the isolating
    /// intervals it meets are refined until it meets exactly one.
    ///
    /// # Errors
    ///
    /// [`Error::NoConvergence`] if no single root is left after the
    /// refinement limit (the enclosures do not shrink to a root of the
    /// annihilator); errors of `enclose` and of the factorization.
    pub(crate) fn identify(
        annihilator: &UPoly<BigInt>,
        enclose: impl FnMut(usize) -> Result<RationalInterval, Error>,
    ) -> Result<RealAlgebraic, Error> {
        let mut candidates = Vec::new();
        for (f, _) in factor_integer(annihilator)?.factors {
            candidates.extend(Self::roots_of_irreducible(&f));
        }
        identify(candidates, enclose)
    }
    /// `x^n`, exactly.
    ///
    /// # Errors
    ///
    /// As [`RealAlgebraic::evaluate`].
    pub fn pow(&self, n: usize) -> Result<RealAlgebraic, Error> {
        let mut c = vec![BigRational::zero(); n + 1];
        c[n] = BigRational::one();
        self.evaluate(&UPoly::new(c))
    }

    /// `a x + b` for rationals `a, b`.
    ///
    /// # Errors
    ///
    /// As [`RealAlgebraic::evaluate`].
    pub fn affine(&self, a: &BigRational, b: &BigRational) -> Result<RealAlgebraic, Error> {
        self.evaluate(&UPoly::new(vec![b.clone(), a.clone()]))
    }
}

/// Two numbers are equal iff they are the same rational, or roots of the same
/// minimal polynomial whose isolating intervals share that root.
impl PartialEq for RealAlgebraic {
    fn eq(&self, other: &Self) -> bool {
        match (&self.repr, &other.repr) {
            (Repr::Rational(a), Repr::Rational(b)) => a == b,
            (
                Repr::Root {
                    poly: p,
                    interval: a,
                },
                Repr::Root {
                    poly: q,
                    interval: b,
                },
            ) => {
                if p != q || !a.intersects(b) {
                    return false;
                }
                // each open interval holds exactly one root of p: the same
                // root iff the (open) intersection holds a root
                let lo = if a.lo() > b.lo() { a.lo() } else { b.lo() };
                let hi = if a.hi() < b.hi() { a.hi() } else { b.hi() };
                lo < hi && {
                    let s = Sturm::new(p);
                    // (lo, hi] and hi is not a root (an end of a or b)
                    s.count(Some(lo), Some(hi)) > 0
                }
            }
            _ => false,
        }
    }
}

impl Eq for RealAlgebraic {}

/// The candidate that the enclosures `enclose(round)` shrink to (see
/// [`RealAlgebraic::identify`]).
fn identify(
    mut candidates: Vec<RealAlgebraic>,
    mut enclose: impl FnMut(usize) -> Result<RationalInterval, Error>,
) -> Result<RealAlgebraic, Error> {
    for round in 0..MAX_REFINEMENTS {
        let e = enclose(round)?;
        let hits: Vec<usize> = (0..candidates.len())
            .filter(|&i| candidates[i].enclosure().intersects(&e))
            .collect();
        match hits.as_slice() {
            [] => break,
            [only] => return Ok(candidates.swap_remove(*only)),
            _ => {
                for i in hits {
                    candidates[i].refine();
                }
            }
        }
    }
    Err(no_convergence(
        "identifying a number among the roots of its annihilating polynomial",
    ))
}

/// The characteristic polynomial `det(t I - A)` of a square rational matrix
/// (Faddeev–LeVerrier: `M_1 = I`, `c_{n-k} = -tr(A M_k) / k`,
/// `M_{k+1} = A M_k + c_{n-k} I`).
fn characteristic_polynomial(a: &[Vec<BigRational>]) -> UPoly<BigRational> {
    let n = a.len();
    let mut c = vec![BigRational::zero(); n + 1];
    c[n] = BigRational::one();
    let identity = |s: &BigRational| -> Vec<Vec<BigRational>> {
        (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        if i == j {
                            s.clone()
                        } else {
                            BigRational::zero()
                        }
                    })
                    .collect()
            })
            .collect()
    };
    let mul = |x: &[Vec<BigRational>], y: &[Vec<BigRational>]| -> Vec<Vec<BigRational>> {
        (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| {
                        let mut s = BigRational::zero();
                        for (k, yk) in y.iter().enumerate() {
                            if !x[i][k].is_zero() && !yk[j].is_zero() {
                                s += &x[i][k] * &yk[j];
                            }
                        }
                        s
                    })
                    .collect()
            })
            .collect()
    };
    let mut mk = identity(&BigRational::one());
    for k in 1..=n {
        let am = mul(a, &mk);
        let tr: BigRational = (0..n).map(|i| am[i][i].clone()).sum();
        c[n - k] = -tr / BigRational::from_integer(BigInt::from(k));
        if k < n {
            mk = am;
            for (i, row) in mk.iter_mut().enumerate() {
                row[i] += &c[n - k];
            }
        }
    }
    UPoly::new(c)
}

/// Primitive with a positive leading coefficient.
fn normalise(f: &UPoly<BigInt>) -> UPoly<BigInt> {
    let p = super::gcd::primitive_part(f);
    if p.leading_coeff().is_some_and(|c| c.is_negative()) {
        -p
    } else {
        p
    }
}

fn no_convergence(what: &str) -> Error {
    Error::NoConvergence {
        what: format!("real algebraic numbers: {what}"),
    }
}

/// Sorts items by a real algebraic key (insertion sort with exact
/// comparisons; the lists are short).
pub(crate) fn sort_numbers<T>(
    items: &mut [T],
    key: impl Fn(&T) -> &RealAlgebraic,
) -> Result<(), Error> {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]).try_cmp(key(&items[j]))? == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
    Ok(())
}

/// `2*t^2-1` (Macaulay2 style, variable `t`).
pub(crate) fn format_in_t(p: &UPoly<BigInt>) -> String {
    let mut out = String::new();
    for (i, c) in p.coeffs().iter().enumerate().rev() {
        if c.is_zero() {
            continue;
        }
        let neg = c.is_negative();
        let a = c.abs();
        if out.is_empty() {
            if neg {
                out.push('-');
            }
        } else {
            out.push(if neg { '-' } else { '+' });
        }
        let mono = match i {
            0 => String::new(),
            1 => "t".to_string(),
            _ => format!("t^{i}"),
        };
        if mono.is_empty() {
            out.push_str(&a.to_string());
        } else if a.is_one() {
            out.push_str(&mono);
        } else {
            out.push_str(&format!("{a}*{mono}"));
        }
    }
    if out.is_empty() {
        out.push('0');
    }
    out
}

impl fmt::Display for RealAlgebraic {
    /// A rational as `a/b`; otherwise `root of M in [a, b]` with the minimal
    /// polynomial `M` in `t`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.repr {
            Repr::Rational(q) => write!(f, "{q}"),
            Repr::Root { poly, interval } => write!(
                f,
                "root of {} in [{}, {}]",
                format_in_t(poly),
                interval.lo(),
                interval.hi()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64) -> BigRational {
        BigRational::from_integer(n.into())
    }

    #[test]
    fn characteristic_polynomial_of_a_companion_matrix() {
        // multiplication by alpha in Q(alpha), alpha^2 = 2: [[0, 2], [1, 0]]
        let a = vec![vec![q(0), q(2)], vec![q(1), q(0)]];
        assert_eq!(
            characteristic_polynomial(&a),
            UPoly::new(vec![q(-2), q(0), q(1)])
        );
    }

    #[test]
    fn cube_roots_and_their_squares() {
        // alpha = 2^(1/3); alpha^2 = 4^(1/3) has minimal polynomial t^3 - 4
        let roots = RealAlgebraic::roots_of(&UPoly::from_i64(&[-2, 0, 0, 1])).unwrap();
        assert_eq!(roots.len(), 1);
        let sq = roots[0].0.pow(2).unwrap();
        assert_eq!(sq.minimal_polynomial(), UPoly::from_i64(&[-4, 0, 0, 1]));
        assert!((sq.to_f64() - 4f64.powf(1.0 / 3.0)).abs() < 1e-12);
        // alpha^3 = 2
        assert_eq!(roots[0].0.pow(3).unwrap().as_rational(), Some(&q(2)));
    }

    #[test]
    fn negation_and_comparison() {
        let r = RealAlgebraic::roots_of(&UPoly::from_i64(&[-2, 0, 1])).unwrap();
        let (m, p) = (&r[0].0, &r[1].0);
        assert_eq!(p.neg(), *m);
        assert_eq!(m.try_cmp(p).unwrap(), Ordering::Less);
        assert_eq!(p.signum(), Ordering::Greater);
        assert_eq!(
            p.cmp_rational(&BigRational::new(141.into(), 100.into())),
            Ordering::Greater
        );
        assert_eq!(
            p.cmp_rational(&BigRational::new(142.into(), 100.into())),
            Ordering::Less
        );
    }

    #[test]
    fn format() {
        assert_eq!(format_in_t(&UPoly::from_i64(&[-1, 0, 2])), "2*t^2-1");
        assert_eq!(format_in_t(&UPoly::from_i64(&[3, -1])), "-t+3");
    }
}
