//! Double-double arithmetic: real numbers as unevaluated sums `hi + lo` of
//! two `f64` (`|lo| <= ulp(hi) / 2`), about 106 bits of precision, and
//! complex numbers over them.
//!
//! # The mathematics
//!
//! The error-free transformations of Dekker and Knuth give the exact
//! rounding error of one floating-point operation as another float:
//! `two_sum(a, b) = (s, e)` with `s = fl(a + b)` and `a + b = s + e`
//! exactly; `two_prod(a, b) = (p, e)` with `p = fl(a b)` and
//! `a b = p + e` exactly (`e = fma(a, b, -p)`). Sums and products of
//! double-doubles built from them have relative error about `2^-104`
//! (Hida, Li and Bailey, *Library for double-double and quad-double
//! arithmetic*, 2001, the "sloppy" addition is not used: both parts are
//! added with `two_sum`).
//!
//! The path tracker uses them for one thing: the residual `F(z; p)` of a
//! Newton step at a double-precision point (mixed-precision Newton, as in
//! iterative refinement). When the Jacobian has condition number `kappa`,
//! a residual in double carries a cancellation error of order
//! `eps |J| |r|`, and Newton's method stalls at `kappa eps` relative
//! accuracy; with the residual in double-double it converges to `eps` as
//! long as `kappa eps < 1`, the Jacobian and the linear solve staying in
//! double.
//!
//! # Example
//!
//! The module is internal; its tests show the point of it:
//!
//! ```text
//! (1 + 2^-60) - 1       = 0         in double,
//!                       = 2^-60     in double-double;
//! 3 * (1 / 3) - 1       = 2^-54     in double, below 10^-31 in double-double.
//! ```

use num_complex::Complex64;
use std::ops::{Add, Mul, Neg, Sub};

/// `(s, e)` with `s = fl(a + b)`, `a + b = s + e` exactly.
#[inline]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    (s, (a - (s - bb)) + (b - bb))
}

/// `(s, e)` with `s = fl(a + b)`, `a + b = s + e` exactly, when `|a| >= |b|`.
#[inline]
fn quick_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

/// `(p, e)` with `p = fl(a b)`, `a b = p + e` exactly.
#[inline]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// A double-double real number `hi + lo`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Dd {
    hi: f64,
    lo: f64,
}

impl From<f64> for Dd {
    fn from(x: f64) -> Dd {
        Dd { hi: x, lo: 0.0 }
    }
}

impl Dd {
    /// The nearest double.
    pub(crate) fn to_f64(self) -> f64 {
        self.hi + self.lo
    }

    /// `self / b` for a double `b != 0` (two quotient digits).
    pub(crate) fn div_f64(self, b: f64) -> Dd {
        let q1 = self.hi / b;
        let (p, e) = two_prod(q1, b);
        let (s, f) = two_sum(self.hi, -p);
        let q2 = (s + (f - e + self.lo)) / b;
        let (hi, lo) = quick_two_sum(q1, q2);
        Dd { hi, lo }
    }
}

impl Add for Dd {
    type Output = Dd;
    #[inline]
    fn add(self, y: Dd) -> Dd {
        let (s, e) = two_sum(self.hi, y.hi);
        let (t, f) = two_sum(self.lo, y.lo);
        let (s, e) = quick_two_sum(s, e + t);
        let (hi, lo) = quick_two_sum(s, e + f);
        Dd { hi, lo }
    }
}

impl Neg for Dd {
    type Output = Dd;
    #[inline]
    fn neg(self) -> Dd {
        Dd {
            hi: -self.hi,
            lo: -self.lo,
        }
    }
}

impl Sub for Dd {
    type Output = Dd;
    #[inline]
    fn sub(self, y: Dd) -> Dd {
        self + (-y)
    }
}

impl Mul for Dd {
    type Output = Dd;
    #[inline]
    fn mul(self, y: Dd) -> Dd {
        let (p, e) = two_prod(self.hi, y.hi);
        let e = e + (self.hi * y.lo + self.lo * y.hi);
        let (hi, lo) = quick_two_sum(p, e);
        Dd { hi, lo }
    }
}

/// A complex number with double-double parts.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct CDd {
    re: Dd,
    im: Dd,
}

impl From<Complex64> for CDd {
    fn from(z: Complex64) -> CDd {
        CDd {
            re: z.re.into(),
            im: z.im.into(),
        }
    }
}

impl From<Dd> for CDd {
    fn from(re: Dd) -> CDd {
        CDd {
            re,
            im: Dd::default(),
        }
    }
}

impl CDd {
    /// The nearest complex double.
    pub(crate) fn to_c64(self) -> Complex64 {
        Complex64::new(self.re.to_f64(), self.im.to_f64())
    }

    /// `self * b` for a real double-double `b`.
    pub(crate) fn scale(self, b: Dd) -> CDd {
        CDd {
            re: self.re * b,
            im: self.im * b,
        }
    }
}

impl Add for CDd {
    type Output = CDd;
    #[inline]
    fn add(self, y: CDd) -> CDd {
        CDd {
            re: self.re + y.re,
            im: self.im + y.im,
        }
    }
}

impl Sub for CDd {
    type Output = CDd;
    #[inline]
    fn sub(self, y: CDd) -> CDd {
        CDd {
            re: self.re - y.re,
            im: self.im - y.im,
        }
    }
}

impl Mul for CDd {
    type Output = CDd;
    #[inline]
    fn mul(self, y: CDd) -> CDd {
        CDd {
            re: self.re * y.re - self.im * y.im,
            im: self.re * y.im + self.im * y.re,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_third_times_three_is_one_to_106_bits() {
        let third = Dd::from(1.0).div_f64(3.0);
        let one = third * Dd::from(3.0) - Dd::from(1.0);
        assert!(one.to_f64().abs() < 1e-31);
        // in double the error is 2^-54 (1/3 rounded)
        assert!((third.hi * 3.0 - 1.0).abs() <= f64::EPSILON);
        assert!(third.lo != 0.0);
    }

    #[test]
    fn cancellation_that_double_loses_is_kept() {
        // (1 + 2^-60) - 1 = 2^-60 exactly
        let tiny = 2f64.powi(-60);
        let x = Dd::from(1.0) + Dd::from(tiny);
        assert_eq!((x - Dd::from(1.0)).to_f64(), tiny);
        assert_eq!((1.0 + tiny) - 1.0, 0.0);
        // (1 + e)(1 - e) - 1 = -e^2 with e = 2^-30
        let e = 2f64.powi(-30);
        let p = (Dd::from(1.0) + Dd::from(e)) * (Dd::from(1.0) - Dd::from(e)) - Dd::from(1.0);
        assert_eq!(p.to_f64(), -e * e);
    }

    #[test]
    fn complex_products_match_the_exact_gaussian_integers() {
        // (3 + 4i)(5 - 2i) = 23 + 14i
        let a = CDd::from(Complex64::new(3.0, 4.0));
        let b = CDd::from(Complex64::new(5.0, -2.0));
        assert_eq!((a * b).to_c64(), Complex64::new(23.0, 14.0));
        assert_eq!((a - b + b).to_c64(), Complex64::new(3.0, 4.0));
        assert_eq!(a.scale(Dd::from(0.5)).to_c64(), Complex64::new(1.5, 2.0));
    }
}
