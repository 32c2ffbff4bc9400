//! Exact real roots of integer polynomials: Sturm sequences, counting and
//! isolation.
//!
//! **Sturm's theorem.** For a square-free `p` in `Z[y]` of positive degree,
//! the Sturm sequence is `p_0 = p`, `p_1 = p'`, `p_{i+1} = -rem(p_{i-1}, p_i)`
//! until the remainder vanishes. Let `V(a)` be the number of sign changes in
//! `p_0(a), p_1(a), ...` with the zeros left out. Then for every `a < b` the
//! number of distinct real roots in the half-open interval `(a, b]` is
//! `V(a) - V(b)`. (Away from the roots of `p` the count `V` changes only at a
//! root of `p`, where it drops by one: just before a root `p_0 p_1 < 0`, just
//! after it `p_0 p_1 > 0`; the zeros of the other `p_i` do not change `V`
//! because `p_{i-1}(c) = -p_{i+1}(c)` there. At a root `a` itself `p_0(a) = 0`
//! is left out and `V(a) = V(a+)`, which makes the interval half-open.)
//! `V(+inf)` and `V(-inf)` are read from the leading coefficients.
//!
//! The remainders are computed as pseudo-remainders over `Z` and made
//! primitive: multiplying a member of the sequence by a positive constant
//! does not change any sign, and the pseudo-remainder is `lc^{delta+1}` times
//! the remainder, so its sign is corrected when that power is negative.
//!
//! **Isolation** (of the distinct real roots of a square-free `p`): every root
//! lies in `(-B, B)` with the Cauchy bound `B = 1 + max |a_i / a_n|`; the
//! interval is bisected, keeping the halves `(a, b]` whose Sturm count is
//! positive, until each holds one root. A root that is a bisection point is
//! found exactly (a rational root); otherwise the result is an open interval
//! `(a, b)` with one root inside and `p(a) p(b) < 0`, which
//! [`refine_root`] halves by the sign of `p` at the midpoint.
//!
//! ```
//! use neurovariety::poly::{count_real_roots, real_root_signs, UPoly};
//! // (y^2 - 2)(y^2 + 1)(y - 3)^2 y
//! let p = &(&UPoly::from_i64(&[-2, 0, 1]) * &UPoly::from_i64(&[1, 0, 1]))
//!     * &(&UPoly::from_i64(&[9, -6, 1]) * &UPoly::from_i64(&[0, 1]));
//! assert_eq!(count_real_roots(&p), 4);               // -sqrt 2, 0, sqrt 2, 3: distinct
//! let s = real_root_signs(&p);                        // with multiplicity, by sign
//! assert_eq!((s.negative, s.zero, s.positive), (1, 1, 3));
//! ```

use super::gcd::content;
use super::rational_interval::RationalInterval;
use super::square_free::square_free_decomposition;
use super::univariate::UPoly;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::cmp::Ordering;

/// The Sturm sequence of a square-free integer polynomial of positive degree.
#[derive(Clone, Debug)]
pub(crate) struct Sturm {
    seq: Vec<UPoly<BigInt>>,
}

/// The real roots of an integer polynomial counted with multiplicity, by
/// sign ([`real_root_signs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RealRootSigns {
    /// Roots `< 0`.
    pub negative: usize,
    /// The multiplicity of the root `0`.
    pub zero: usize,
    /// Roots `> 0`.
    pub positive: usize,
}

impl RealRootSigns {
    /// All real roots, with multiplicity.
    #[must_use]
    pub fn total(&self) -> usize {
        self.negative + self.zero + self.positive
    }
}

/// One isolated real root of a square-free polynomial.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Isolated {
    /// A rational root, found exactly.
    Exact(BigRational),
    /// The only root in the open interval, whose ends are not roots.
    Between(RationalInterval),
}

/// The sign of `p(x)` for a rational `x`, exactly (`p(a/b) b^n` in integers).
pub(crate) fn sign_at(p: &UPoly<BigInt>, x: &BigRational) -> Ordering {
    let (a, b) = (x.numer(), x.denom());
    let Some(n) = p.degree() else {
        return Ordering::Equal;
    };
    // p(a/b) b^n = sum_i c_i a^i b^(n-i), by Horner from the top (b > 0)
    let c = p.coeffs();
    let mut acc = c[n].clone();
    let mut bpow = BigInt::one();
    for i in (0..n).rev() {
        bpow *= b;
        acc = acc * a + &c[i] * &bpow;
    }
    acc.sign().into_ordering()
}

trait SignOrdering {
    fn into_ordering(self) -> Ordering;
}

impl SignOrdering for num_bigint::Sign {
    fn into_ordering(self) -> Ordering {
        match self {
            num_bigint::Sign::Minus => Ordering::Less,
            num_bigint::Sign::NoSign => Ordering::Equal,
            num_bigint::Sign::Plus => Ordering::Greater,
        }
    }
}

impl Sturm {
    /// The Sturm sequence of `p`, which must be square-free of degree `>= 1`.
    pub(crate) fn new(p: &UPoly<BigInt>) -> Self {
        let p0 = positive_primitive(p);
        let d = positive_primitive(&p0.derivative());
        let mut seq = vec![p0];
        if !d.is_zero() {
            seq.push(d);
        }
        while seq.len() >= 2 {
            let a = &seq[seq.len() - 2];
            let b = &seq[seq.len() - 1];
            if b.degree().unwrap_or(0) == 0 {
                break;
            }
            let r = a
                .pseudo_rem(b)
                .expect("the divisor of a Sturm step is non-zero");
            if r.is_zero() {
                break;
            }
            let lc = b.leading_coeff().expect("non-zero").clone();
            let delta = a.degree().unwrap_or(0) + 1 - b.degree().unwrap_or(0);
            // prem = lc^delta * rem: the next member is -rem, i.e. -prem when
            // lc^delta > 0 and prem otherwise
            let factor_positive = lc.is_positive() || delta % 2 == 0;
            let next = if factor_positive { -r } else { r };
            seq.push(positive_primitive(&next));
        }
        Sturm { seq }
    }

    /// Sign changes of the sequence at `x`, zeros left out.
    fn variations(&self, x: &BigRational) -> usize {
        count_changes(self.seq.iter().map(|p| sign_at(p, x)))
    }

    /// Sign changes at `+inf` (`positive`) or `-inf`.
    fn variations_at_infinity(&self, positive: bool) -> usize {
        count_changes(self.seq.iter().map(|p| {
            let lc = p
                .leading_coeff()
                .map_or(Ordering::Equal, |c| c.sign().into_ordering());
            let odd = p.degree().unwrap_or(0) % 2 == 1;
            if !positive && odd {
                lc.reverse()
            } else {
                lc
            }
        }))
    }

    /// Distinct roots in `(a, b]` (`None` = infinite end).
    pub(crate) fn count(&self, a: Option<&BigRational>, b: Option<&BigRational>) -> usize {
        let va = match a {
            Some(x) => self.variations(x),
            None => self.variations_at_infinity(false),
        };
        let vb = match b {
            Some(x) => self.variations(x),
            None => self.variations_at_infinity(true),
        };
        va.saturating_sub(vb)
    }

    /// The polynomial itself.
    pub(crate) fn poly(&self) -> &UPoly<BigInt> {
        &self.seq[0]
    }
}

/// `p / content(p)`: the signs are kept (unlike [`primitive_part`], which
/// makes the leading coefficient positive).
fn positive_primitive(p: &UPoly<BigInt>) -> UPoly<BigInt> {
    let c = content(p);
    if c.is_zero() || c.is_one() {
        return p.clone();
    }
    UPoly::new(p.coeffs().iter().map(|x| x / &c).collect())
}

fn count_changes(signs: impl Iterator<Item = Ordering>) -> usize {
    let mut last = Ordering::Equal;
    let mut n = 0;
    for s in signs {
        if s == Ordering::Equal {
            continue;
        }
        if last != Ordering::Equal && s != last {
            n += 1;
        }
        last = s;
    }
    n
}

/// An integer `B` with every complex root of `p` in `|z| < B` (Cauchy).
pub(crate) fn root_bound(p: &UPoly<BigInt>) -> BigInt {
    let n = p.degree().unwrap_or(0);
    let lc = p.coeff(n).abs();
    let max = p.coeffs()[..n]
        .iter()
        .map(|c| c.abs())
        .max()
        .unwrap_or_else(BigInt::zero);
    // 1 + ceil(max / lc) + 1 (strict)
    BigInt::from(2) + (&max + &lc - 1u32) / &lc
}

/// The distinct real roots of the square-free `p` (degree `>= 1`), isolated,
/// in increasing order.
pub(crate) fn isolate(p: &UPoly<BigInt>) -> Vec<Isolated> {
    let sturm = Sturm::new(p);
    let b = BigRational::from_integer(root_bound(p));
    let mut out = Vec::new();
    let mut stack = vec![(-b.clone(), b, sturm.count(None, None))];
    // depth first, left half pushed last so it is taken first
    while let Some((lo, hi, n)) = stack.pop() {
        if n == 0 {
            continue;
        }
        if n == 1 {
            out.push(settle(&sturm, lo, hi));
            continue;
        }
        let mid = (&lo + &hi) / BigRational::from_integer(2.into());
        let left = sturm.count(Some(&lo), Some(&mid));
        stack.push((mid.clone(), hi, n - left));
        stack.push((lo, mid, left));
    }
    out
}

/// The one root in `(lo, hi]` as an exact value or an open interval whose
/// ends are not roots.
fn settle(sturm: &Sturm, mut lo: BigRational, mut hi: BigRational) -> Isolated {
    let p = sturm.poly();
    let two = BigRational::from_integer(2.into());
    loop {
        if sign_at(p, &hi) == Ordering::Equal {
            return Isolated::Exact(hi);
        }
        if sign_at(p, &lo) != Ordering::Equal {
            return Isolated::Between(RationalInterval::hull_of(lo, hi));
        }
        // lo is a root (of the interval to the left): move it inwards
        let mid = (&lo + &hi) / &two;
        if sturm.count(Some(&lo), Some(&mid)) == 1 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
}

/// Halves the isolating interval of a root of `p` (`p` has opposite
/// non-zero signs at the ends); returns the exact root when the midpoint is
/// one.
pub(crate) fn refine_root(p: &UPoly<BigInt>, iv: &RationalInterval) -> Isolated {
    let mid = iv.midpoint();
    let sm = sign_at(p, &mid);
    if sm == Ordering::Equal {
        return Isolated::Exact(mid);
    }
    if sm == sign_at(p, iv.lo()) {
        Isolated::Between(RationalInterval::hull_of(mid, iv.hi().clone()))
    } else {
        Isolated::Between(RationalInterval::hull_of(iv.lo().clone(), mid))
    }
}

/// The number of distinct real roots of `p` (0 for constants and for the
/// zero polynomial).
///
/// ```
/// use neurovariety::poly::{count_real_roots, UPoly};
/// assert_eq!(count_real_roots(&UPoly::from_i64(&[1, 0, 1])), 0);   // y^2 + 1
/// assert_eq!(count_real_roots(&UPoly::from_i64(&[1, -3, 0, 1])), 3); // y^3 - 3y + 1
/// ```
#[must_use]
pub fn count_real_roots(p: &UPoly<BigInt>) -> usize {
    square_free_decomposition(p)
        .iter()
        .map(|(a, _)| Sturm::new(a).count(None, None))
        .sum()
}

/// The real roots of `p`, counted with multiplicity, by sign (all zero for
/// constants and for the zero polynomial).
///
/// ```
/// use neurovariety::poly::{real_root_signs, UPoly};
/// // (y + 1)^2 (y - 2) (y^2 + 1)
/// let p = &(&UPoly::from_i64(&[1, 2, 1]) * &UPoly::from_i64(&[-2, 1])) * &UPoly::from_i64(&[1, 0, 1]);
/// let s = real_root_signs(&p);
/// assert_eq!((s.negative, s.zero, s.positive, s.total()), (2, 0, 1, 3));
/// ```
#[must_use]
pub fn real_root_signs(p: &UPoly<BigInt>) -> RealRootSigns {
    let mut out = RealRootSigns::default();
    if p.is_zero() {
        return out;
    }
    let zero = p.coeffs().iter().take_while(|c| c.is_zero()).count();
    out.zero = zero;
    let rest = UPoly::new(p.coeffs()[zero..].to_vec());
    let origin = BigRational::zero();
    for (a, m) in square_free_decomposition(&rest) {
        let s = Sturm::new(&a);
        out.negative += m * s.count(None, Some(&origin));
        out.positive += m * s.count(Some(&origin), None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(n.into(), d.into())
    }

    #[test]
    fn signs_at_rationals_are_exact() {
        // y^2 - 2 at 7/5: 49/25 - 2 < 0; at 3/2: > 0
        let p = UPoly::from_i64(&[-2, 0, 1]);
        assert_eq!(sign_at(&p, &q(7, 5)), Ordering::Less);
        assert_eq!(sign_at(&p, &q(3, 2)), Ordering::Greater);
        assert_eq!(
            sign_at(&UPoly::from_i64(&[1, -2]), &q(1, 2)),
            Ordering::Equal
        );
        // odd degree at a negative point
        assert_eq!(
            sign_at(&UPoly::from_i64(&[0, 0, 0, 1]), &q(-1, 3)),
            Ordering::Less
        );
    }

    #[test]
    fn isolation_of_rational_and_irrational_roots() {
        // (2y - 1)(y^2 - 2): roots -sqrt2, 1/2, sqrt2
        let p = &UPoly::from_i64(&[-1, 2]) * &UPoly::from_i64(&[-2, 0, 1]);
        let roots = isolate(&p);
        assert_eq!(roots.len(), 3);
        // a rational root is found exactly only if it is a bisection point;
        // 1/2 is not one here (the Cauchy bound is 4), so it is enclosed
        for r in &roots {
            match r {
                Isolated::Exact(x) => assert_eq!(x, &q(1, 2)),
                Isolated::Between(iv) => {
                    assert_ne!(sign_at(&p, iv.lo()), sign_at(&p, iv.hi()));
                    assert!(
                        iv.contains(&q(1, 2)) || iv.pow(2).contains(&q(2, 1)),
                        "{iv}"
                    );
                }
            }
        }
        // y (y - 1): the bisection point 0 is a root, found exactly
        let roots = isolate(&UPoly::from_i64(&[0, -1, 1]));
        assert!(roots.contains(&Isolated::Exact(q(0, 1))), "{roots:?}");
    }

    #[test]
    fn half_open_counts() {
        // roots 0, 1, 2 of y(y-1)(y-2)
        let p = UPoly::from_i64(&[0, 2, -3, 1]);
        let s = Sturm::new(&p);
        assert_eq!(s.count(Some(&q(0, 1)), Some(&q(1, 1))), 1);
        assert_eq!(s.count(Some(&q(-1, 1)), Some(&q(0, 1))), 1);
        assert_eq!(s.count(Some(&q(0, 1)), Some(&q(2, 1))), 2);
        assert_eq!(s.count(None, None), 3);
    }
}
