//! Closed intervals with rational endpoints: exact interval arithmetic.
//!
//! A [`RationalInterval`] `[lo, hi]` (`lo <= hi`, both [`BigRational`]) stands
//! for an unknown real number known to lie in it. The operations return an
//! interval that contains every possible result (**inclusion property**):
//! `x in X, y in Y` implies `x + y in X + Y`, `x y in X * Y`, `p(x) in p(X)`.
//! No rounding is involved, so the enclosures are rigorous; they are used to
//! certify the real roots and the witnesses of the real neuromanifold
//! (docs/mathematics.md, section 7).
//!
//! ```
//! use neurovariety::poly::RationalInterval;
//! use num_rational::BigRational;
//! let q = |n: i64, d: i64| BigRational::new(n.into(), d.into());
//! let x = RationalInterval::new(q(-1, 2), q(1, 1)).unwrap();
//! let y = x.mul(&x);                       // x^2 for x in [-1/2, 1]: [-1/2, 1] as a product
//! assert_eq!((y.lo(), y.hi()), (&q(-1, 2), &q(1, 1)));
//! assert_eq!(x.pow(2).lo(), &q(0, 1));     // but x^2 itself is >= 0
//! assert!(x.add(&x).contains(&q(2, 1)));
//! ```

use super::univariate::UPoly;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::fmt;

/// A closed interval `[lo, hi]` with rational endpoints, `lo <= hi`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RationalInterval {
    lo: BigRational,
    hi: BigRational,
}

impl RationalInterval {
    /// `[lo, hi]`; [`Error::InvalidArgument`] if `lo > hi`.
    pub fn new(lo: BigRational, hi: BigRational) -> Result<Self, Error> {
        if lo > hi {
            return Err(Error::InvalidArgument {
                name: "interval",
                value: format!("[{lo}, {hi}]"),
                reason: "the lower end exceeds the upper end".into(),
            });
        }
        Ok(RationalInterval { lo, hi })
    }

    /// The point interval `[x, x]`.
    pub fn point(x: BigRational) -> Self {
        RationalInterval {
            lo: x.clone(),
            hi: x,
        }
    }

    /// Built from two ends in either order.
    pub(crate) fn hull_of(a: BigRational, b: BigRational) -> Self {
        if a <= b {
            RationalInterval { lo: a, hi: b }
        } else {
            RationalInterval { lo: b, hi: a }
        }
    }

    /// The lower end.
    pub fn lo(&self) -> &BigRational {
        &self.lo
    }

    /// The upper end.
    pub fn hi(&self) -> &BigRational {
        &self.hi
    }

    /// `hi - lo`.
    pub fn width(&self) -> BigRational {
        &self.hi - &self.lo
    }

    /// `(lo + hi) / 2`.
    pub fn midpoint(&self) -> BigRational {
        (&self.lo + &self.hi) / BigRational::from_integer(2.into())
    }

    /// `lo <= x <= hi`.
    pub fn contains(&self, x: &BigRational) -> bool {
        &self.lo <= x && x <= &self.hi
    }

    /// `true` if the intervals share a point.
    pub fn intersects(&self, o: &Self) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    /// `true` if every point is `> 0`.
    pub fn is_positive(&self) -> bool {
        self.lo.is_positive()
    }

    /// `true` if every point is `< 0`.
    pub fn is_negative(&self) -> bool {
        self.hi.is_negative()
    }

    /// `true` if `0` is in the interval.
    pub fn contains_zero(&self) -> bool {
        !self.is_positive() && !self.is_negative()
    }

    /// `X + Y`.
    pub fn add(&self, o: &Self) -> Self {
        RationalInterval {
            lo: &self.lo + &o.lo,
            hi: &self.hi + &o.hi,
        }
    }

    /// `X - Y`.
    pub fn sub(&self, o: &Self) -> Self {
        RationalInterval {
            lo: &self.lo - &o.hi,
            hi: &self.hi - &o.lo,
        }
    }

    /// `-X`.
    pub fn neg(&self) -> Self {
        RationalInterval {
            lo: -&self.hi,
            hi: -&self.lo,
        }
    }

    /// `X * Y`.
    pub fn mul(&self, o: &Self) -> Self {
        let p = [
            &self.lo * &o.lo,
            &self.lo * &o.hi,
            &self.hi * &o.lo,
            &self.hi * &o.hi,
        ];
        let mut lo = p[0].clone();
        let mut hi = p[0].clone();
        for v in &p[1..] {
            if *v < lo {
                lo = v.clone();
            }
            if *v > hi {
                hi = v.clone();
            }
        }
        RationalInterval { lo, hi }
    }

    /// `c X` for a rational `c`.
    pub fn scale(&self, c: &BigRational) -> Self {
        Self::hull_of(&self.lo * c, &self.hi * c)
    }

    /// `1 / X`, `None` when `0` is in the interval.
    pub fn recip(&self) -> Option<Self> {
        if self.contains_zero() {
            return None;
        }
        Some(Self::hull_of(self.hi.recip(), self.lo.recip()))
    }

    /// `true` if the interval lies in `outer`.
    pub fn is_within(&self, outer: &Self) -> bool {
        outer.lo <= self.lo && self.hi <= outer.hi
    }

    /// `X^n`, the exact range of `x -> x^n` on the interval (so even powers
    /// are non-negative).
    pub fn pow(&self, n: u32) -> Self {
        if n == 0 {
            return Self::point(BigRational::one());
        }
        let a = num_traits::pow(self.lo.clone(), n as usize);
        let b = num_traits::pow(self.hi.clone(), n as usize);
        if n % 2 == 1 || !self.contains_zero() {
            Self::hull_of(a, b)
        } else {
            RationalInterval {
                lo: BigRational::zero(),
                hi: if a > b { a } else { b },
            }
        }
    }

    /// An enclosure of `p(x)` for `x` in the interval (Horner's scheme in
    /// interval arithmetic).
    pub fn eval(&self, p: &UPoly<BigRational>) -> Self {
        let mut acc = Self::point(BigRational::zero());
        for c in p.coeffs().iter().rev() {
            acc = acc.mul(self).add(&Self::point(c.clone()));
        }
        acc
    }

    /// [`RationalInterval::eval`] for an integer polynomial.
    pub fn eval_integer(&self, p: &UPoly<BigInt>) -> Self {
        let mut acc = Self::point(BigRational::zero());
        for c in p.coeffs().iter().rev() {
            acc = acc
                .mul(self)
                .add(&Self::point(BigRational::from_integer(c.clone())));
        }
        acc
    }

    /// A slightly larger interval whose ends are decimals with `digits`
    /// significant digits (for printing): `[lo', hi']` with `lo' <= lo` and
    /// `hi' >= hi`.
    pub fn outward_decimal(&self, digits: u32) -> (String, String) {
        (
            decimal(&self.lo, digits, false),
            decimal(&self.hi, digits, true),
        )
    }
}

/// A complex number known to lie in a rectangle.
#[derive(Clone, Debug)]
pub(crate) struct CBox {
    pub(crate) re: RationalInterval,
    pub(crate) im: RationalInterval,
}

impl CBox {
    pub(crate) fn real(q: BigRational) -> Self {
        CBox {
            re: RationalInterval::point(q),
            im: RationalInterval::point(BigRational::zero()),
        }
    }
    pub(crate) fn of_disc(d: &super::root_discs::RootDisc) -> Self {
        CBox {
            re: RationalInterval::hull_of(&d.re - &d.radius, &d.re + &d.radius),
            im: RationalInterval::hull_of(&d.im - &d.radius, &d.im + &d.radius),
        }
    }
    pub(crate) fn add(&self, o: &CBox) -> CBox {
        CBox {
            re: self.re.add(&o.re),
            im: self.im.add(&o.im),
        }
    }
    pub(crate) fn mul(&self, o: &CBox) -> CBox {
        CBox {
            re: self.re.mul(&o.re).sub(&self.im.mul(&o.im)),
            im: self.re.mul(&o.im).add(&self.im.mul(&o.re)),
        }
    }
    pub(crate) fn neg(&self) -> CBox {
        CBox {
            re: self.re.neg(),
            im: self.im.neg(),
        }
    }
}

/// An enclosure of the determinant of every matrix whose entries lie in
/// the given intervals (Gaussian elimination in interval arithmetic, the
/// pivot the entry farthest from 0), or `None` when no pivot excludes 0.
pub(crate) fn determinant(mut m: Vec<Vec<RationalInterval>>) -> Option<RationalInterval> {
    let n = m.len();
    let mut det = RationalInterval::point(BigRational::one());
    for col in 0..n {
        let magnitude = |x: &RationalInterval| {
            if x.is_positive() {
                x.lo().clone()
            } else if x.is_negative() {
                -x.hi().clone()
            } else {
                BigRational::zero()
            }
        };
        let (p, best) = (col..n)
            .map(|r| (r, magnitude(&m[r][col])))
            .max_by(|a, b| a.1.cmp(&b.1))?;
        if best.is_zero() {
            return None;
        }
        if p != col {
            m.swap(p, col);
            det = det.neg();
        }
        let inv = m[col][col].recip()?;
        det = det.mul(&m[col][col]);
        let (top, below) = m.split_at_mut(col + 1);
        let pivot_row = &top[col];
        for row in below.iter_mut() {
            let factor = row[col].mul(&inv);
            for (x, y) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x = x.sub(&factor.mul(y));
            }
        }
    }
    Some(det)
}

/// `x` rounded down (`up = false`) or up to a decimal with `digits`
/// significant digits, printed exactly (`1.25e-3`, `-7`, `0`).
pub(crate) fn decimal(x: &BigRational, digits: u32, up: bool) -> String {
    if x.is_zero() {
        return "0".into();
    }
    // the exponent e with 10^e <= |x| < 10^(e+1), from the digit counts
    let num = x.numer().abs();
    let den = x.denom().clone();
    let mut e = num.to_string().len() as i64 - den.to_string().len() as i64;
    let ten = BigRational::from_integer(10.into());
    let pow10 = |k: i64| -> BigRational {
        if k >= 0 {
            num_traits::pow(ten.clone(), k as usize)
        } else {
            num_traits::pow(ten.clone(), (-k) as usize).recip()
        }
    };
    let ax = x.abs();
    while pow10(e) > ax {
        e -= 1;
    }
    while pow10(e + 1) <= ax {
        e += 1;
    }
    // scale so that the integer part has `digits` digits
    let shift = digits as i64 - 1 - e;
    let scaled = x * pow10(shift);
    let (q, r) = scaled.numer().div_mod_floor(scaled.denom());
    let m = if up && !r.is_zero() { q + 1 } else { q };
    if m.is_zero() {
        return "0".into();
    }
    let neg = m.is_negative();
    let digits_str = m.abs().to_string();
    // value = m * 10^(-shift) = d.ddd e(len - 1 - shift)
    let exp = digits_str.len() as i64 - 1 - shift;
    let trimmed = digits_str.trim_end_matches('0');
    let mantissa = if trimmed.len() <= 1 {
        trimmed.to_string()
    } else {
        format!("{}.{}", &trimmed[..1], &trimmed[1..])
    };
    let sign = if neg { "-" } else { "" };
    if exp == 0 {
        format!("{sign}{mantissa}")
    } else {
        format!("{sign}{mantissa}e{exp}")
    }
}

impl std::ops::Add for RationalInterval {
    type Output = RationalInterval;
    fn add(self, o: RationalInterval) -> RationalInterval {
        RationalInterval::add(&self, &o)
    }
}

impl std::ops::Mul for RationalInterval {
    type Output = RationalInterval;
    fn mul(self, o: RationalInterval) -> RationalInterval {
        RationalInterval::mul(&self, &o)
    }
}

impl Zero for RationalInterval {
    fn zero() -> Self {
        Self::point(BigRational::zero())
    }
    fn is_zero(&self) -> bool {
        self.lo.is_zero() && self.hi.is_zero()
    }
}

impl fmt::Display for RationalInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {}]", self.lo, self.hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> BigRational {
        BigRational::new(n.into(), d.into())
    }

    #[test]
    fn decimals_round_outward_and_parse_back() {
        for (x, digits) in [
            (q(1, 3), 5),
            (q(-2, 3), 4),
            (q(12345, 1), 2),
            (q(-1, 7000), 3),
            (q(7, 1), 3),
        ] {
            let lo = decimal(&x, digits, false);
            let hi = decimal(&x, digits, true);
            let lo_q = crate::critical::parse_exact_number(&lo).unwrap();
            let hi_q = crate::critical::parse_exact_number(&hi).unwrap();
            assert!(lo_q <= x && x <= hi_q, "{x}: {lo} {hi}");
            // at most one unit in the last digit apart
            let rel = (&hi_q - &lo_q) / x.abs();
            assert!(
                rel <= q(2, 1) * num_traits::pow(q(1, 10), digits as usize - 1),
                "{x}: {lo} {hi}"
            );
        }
        assert_eq!(decimal(&q(7, 1), 3, true), "7");
        assert_eq!(decimal(&q(1, 4), 3, false), "2.5e-1");
    }

    #[test]
    fn even_powers_are_non_negative() {
        let x = RationalInterval::new(q(-2, 1), q(1, 1)).unwrap();
        assert_eq!(x.pow(2), RationalInterval::new(q(0, 1), q(4, 1)).unwrap());
        assert_eq!(x.pow(3), RationalInterval::new(q(-8, 1), q(1, 1)).unwrap());
    }
}
