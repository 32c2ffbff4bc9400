//! Real and complex interval arithmetic with outward rounding, for the
//! certification of solutions ([`super::krawczyk()`]).
//!
//! # The mathematics
//!
//! An [`Interval`] `[lo, hi]` stands for every real number between its ends.
//! Each operation computes the ends in `f64` and then moves the lower end one
//! unit in the last place down and the upper end one unit up
//! ([`f64::next_down`], [`f64::next_up`]). IEEE 754 arithmetic rounds each
//! operation correctly (to the nearest float, an error below one unit in the
//! last place), so the widened result contains every exact result of the
//! operation applied to numbers of the operands: the inclusion property
//! `x in X, y in Y => x op y in X op Y`, on which interval Newton methods rest.
//! An operation whose float result is not a number (`inf - inf`, `0 * inf`)
//! gives the whole line, so overflow can only make a certificate fail, never
//! make it wrong.
//!
//! A [`ComplexInterval`] is a rectangle `X + iY`; products use
//! `(a + bi)(c + di) = (ac - bd) + (ad + bc)i` in interval arithmetic.
//!
//! # Example
//!
//! ```
//! use neurovariety::homotopy::Interval;
//! use num_rational::BigRational;
//!
//! // 1/3 has no float representation; its enclosure contains it.
//! let third = Interval::from_rational(&BigRational::new(1.into(), 3.into()));
//! assert!(third.lo() < 1.0 / 3.0 + 1e-15 && third.hi() > 1.0 / 3.0 - 1e-15);
//! let x = third * Interval::point(3.0);
//! assert!(x.contains(1.0));
//! ```

use crate::Error;
use num_bigint::BigInt;
use num_complex::Complex64;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use std::ops::{Add, Mul, Neg, Sub};

/// A closed real interval `[lo, hi]` with outward-rounded arithmetic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    lo: f64,
    hi: f64,
}

fn down(x: f64) -> f64 {
    if x.is_nan() {
        f64::NEG_INFINITY
    } else {
        x.next_down()
    }
}

fn up(x: f64) -> f64 {
    if x.is_nan() {
        f64::INFINITY
    } else {
        x.next_up()
    }
}

impl Interval {
    /// The interval `[lo, hi]`.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] for a NaN end, [`Error::InvalidArgument`] when
    /// `lo > hi`.
    pub fn new(lo: f64, hi: f64) -> Result<Self, Error> {
        for (index, value) in [(0, lo), (1, hi)] {
            if value.is_nan() {
                return Err(Error::NonFinite {
                    index,
                    value: value.to_string(),
                });
            }
        }
        if lo > hi {
            return Err(Error::InvalidArgument {
                name: "interval",
                value: format!("[{lo}, {hi}]"),
                reason: "the lower end exceeds the upper end".into(),
            });
        }
        Ok(Interval { lo, hi })
    }

    /// The one-point interval `[x, x]` (a NaN gives the whole line).
    pub fn point(x: f64) -> Self {
        if x.is_nan() {
            Interval::entire()
        } else {
            Interval { lo: x, hi: x }
        }
    }

    /// The whole real line.
    pub fn entire() -> Self {
        Interval {
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
        }
    }

    /// The point `x` widened by `r >= 0` on both sides: `[x - r, x + r]`, rounded outwards.
    ///
    /// # Errors
    ///
    /// [`Error::NonFinite`] for a NaN `x` or `r`, [`Error::InvalidArgument`]
    /// for a negative `r` (the ends would be the wrong way round).
    pub fn around(x: f64, r: f64) -> Result<Self, Error> {
        for (index, value) in [(0, x), (1, r)] {
            if value.is_nan() {
                return Err(Error::NonFinite {
                    index,
                    value: value.to_string(),
                });
            }
        }
        if r < 0.0 {
            return Err(Error::InvalidArgument {
                name: "radius",
                value: r.to_string(),
                reason: "the radius of an interval must be non-negative".into(),
            });
        }
        Ok(Interval::around_unchecked(x, r))
    }

    /// [`Interval::around`] for `r >= 0` known (NaN gives the whole line).
    pub(crate) fn around_unchecked(x: f64, r: f64) -> Self {
        let (lo, hi) = (down(x - r), up(x + r));
        if lo.is_nan() || hi.is_nan() {
            return Interval::entire();
        }
        Interval { lo, hi }
    }

    /// `1 / X` for an interval that excludes 0, rounded outwards; `None` if
    /// it contains 0.
    pub fn recip(&self) -> Option<Self> {
        if self.contains(0.0) || self.lo.is_nan() || self.hi.is_nan() {
            return None;
        }
        Some(Interval {
            lo: down(1.0 / self.hi),
            hi: up(1.0 / self.lo),
        })
    }

    /// A float interval that contains the exact rational `q` (checked exactly).
    pub fn from_rational(q: &BigRational) -> Self {
        let x = q.to_f64().unwrap_or(f64::NAN);
        if !x.is_finite() {
            return Interval::entire();
        }
        let (mut lo, mut hi) = (x, x);
        // Widen until the ends are proved to bracket q; two steps always suffice
        // for a correctly rounded conversion, the loop guards against any other.
        for _ in 0..64 {
            let below = BigRational::from_float(lo).is_some_and(|l| &l <= q);
            let above = BigRational::from_float(hi).is_some_and(|h| &h >= q);
            if below && above {
                return Interval { lo, hi };
            }
            if !below {
                lo = lo.next_down();
            }
            if !above {
                hi = hi.next_up();
            }
        }
        Interval::entire()
    }

    /// A float interval containing the integer `n`.
    pub fn from_integer(n: &BigInt) -> Self {
        Interval::from_rational(&BigRational::from_integer(n.clone()))
    }

    /// The lower end.
    pub fn lo(&self) -> f64 {
        self.lo
    }

    /// The upper end.
    pub fn hi(&self) -> f64 {
        self.hi
    }

    /// The midpoint (a float, not rigorous).
    pub fn mid(&self) -> f64 {
        0.5 * self.lo + 0.5 * self.hi
    }

    /// Half the width (rounded up).
    pub fn radius(&self) -> f64 {
        up(0.5 * (self.hi - self.lo))
    }

    /// `true` if `x` lies in the interval.
    pub fn contains(&self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }

    /// `true` if the interval lies in the interior of `outer`.
    pub fn strictly_inside(&self, outer: &Interval) -> bool {
        outer.lo < self.lo && self.hi < outer.hi
    }

    /// `true` if the two intervals share a point.
    pub fn intersects(&self, o: &Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }

    /// The largest absolute value of a point of the interval.
    pub fn magnitude(&self) -> f64 {
        self.lo.abs().max(self.hi.abs())
    }
}

impl Add for Interval {
    type Output = Interval;
    fn add(self, o: Interval) -> Interval {
        Interval {
            lo: down(self.lo + o.lo),
            hi: up(self.hi + o.hi),
        }
    }
}

impl Sub for Interval {
    type Output = Interval;
    fn sub(self, o: Interval) -> Interval {
        Interval {
            lo: down(self.lo - o.hi),
            hi: up(self.hi - o.lo),
        }
    }
}

impl Neg for Interval {
    type Output = Interval;
    fn neg(self) -> Interval {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
        }
    }
}

impl Mul for Interval {
    type Output = Interval;
    fn mul(self, o: Interval) -> Interval {
        let p = [
            self.lo * o.lo,
            self.lo * o.hi,
            self.hi * o.lo,
            self.hi * o.hi,
        ];
        if p.iter().any(|x| x.is_nan()) {
            return Interval::entire();
        }
        let lo = p.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Interval {
            lo: down(lo),
            hi: up(hi),
        }
    }
}

/// A complex rectangle `re + i im` with interval real and imaginary parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ComplexInterval {
    /// The real part.
    pub re: Interval,
    /// The imaginary part.
    pub im: Interval,
}

impl ComplexInterval {
    /// The rectangle `re + i im`.
    pub fn new(re: Interval, im: Interval) -> Self {
        ComplexInterval { re, im }
    }

    /// The one-point rectangle at `z`.
    pub fn point(z: Complex64) -> Self {
        ComplexInterval {
            re: Interval::point(z.re),
            im: Interval::point(z.im),
        }
    }

    /// The square of half-side `r` centred at `z`, rounded outwards.
    ///
    /// # Errors
    ///
    /// As [`Interval::around`].
    pub fn around(z: Complex64, r: f64) -> Result<Self, Error> {
        Ok(ComplexInterval {
            re: Interval::around(z.re, r)?,
            im: Interval::around(z.im, r)?,
        })
    }

    /// [`ComplexInterval::around`] for `r >= 0` known.
    pub(crate) fn around_unchecked(z: Complex64, r: f64) -> Self {
        ComplexInterval {
            re: Interval::around_unchecked(z.re, r),
            im: Interval::around_unchecked(z.im, r),
        }
    }

    /// `1 / Z` (an enclosure: `conj(Z) / |Z|^2`), `None` if the rectangle
    /// may contain 0.
    pub fn recip(&self) -> Option<Self> {
        let norm = self.re * self.re + self.im * self.im;
        // x * x over an interval containing 0 is enclosed from below by a
        // negative number: only a positive lower end proves Z != 0
        if norm.lo <= 0.0 {
            return None;
        }
        let inv = norm.recip()?;
        Some(ComplexInterval {
            re: self.re * inv,
            im: -self.im * inv,
        })
    }

    /// A rectangle containing the real rational `q`.
    pub fn from_rational(q: &BigRational) -> Self {
        ComplexInterval {
            re: Interval::from_rational(q),
            im: Interval::point(0.0),
        }
    }

    /// The centre (a float, not rigorous).
    pub fn mid(&self) -> Complex64 {
        Complex64::new(self.re.mid(), self.im.mid())
    }

    /// `true` if the rectangle lies in the interior of `outer`.
    pub fn strictly_inside(&self, outer: &ComplexInterval) -> bool {
        self.re.strictly_inside(&outer.re) && self.im.strictly_inside(&outer.im)
    }

    /// `true` if the two rectangles share a point.
    pub fn intersects(&self, o: &ComplexInterval) -> bool {
        self.re.intersects(&o.re) && self.im.intersects(&o.im)
    }

    /// `true` if the rectangle contains 0.
    pub fn contains_zero(&self) -> bool {
        self.re.contains(0.0) && self.im.contains(0.0)
    }

    /// `true` if the rectangle is its own complex conjugate (its imaginary
    /// part is symmetric about 0).
    pub fn is_self_conjugate(&self) -> bool {
        self.im.lo == -self.im.hi
    }

    /// The zero rectangle.
    pub fn zero() -> Self {
        ComplexInterval::point(Complex64::zero())
    }
}

impl Add for ComplexInterval {
    type Output = ComplexInterval;
    fn add(self, o: Self) -> Self {
        ComplexInterval {
            re: self.re + o.re,
            im: self.im + o.im,
        }
    }
}

impl Sub for ComplexInterval {
    type Output = ComplexInterval;
    fn sub(self, o: Self) -> Self {
        ComplexInterval {
            re: self.re - o.re,
            im: self.im - o.im,
        }
    }
}

impl Neg for ComplexInterval {
    type Output = ComplexInterval;
    fn neg(self) -> Self {
        ComplexInterval {
            re: -self.re,
            im: -self.im,
        }
    }
}

impl Mul for ComplexInterval {
    type Output = ComplexInterval;
    fn mul(self, o: Self) -> Self {
        // a real factor (imaginary part exactly [0, 0], like the exact
        // rational coefficients of a real system): two products, not four
        // and two sums, and no wider (`(a + bi) c = ac + bci` exactly; every
        // number in an interval is finite, so 0 times it is 0)
        let zero = |x: &Interval| x.lo == 0.0 && x.hi == 0.0;
        if zero(&o.im) {
            return ComplexInterval {
                re: self.re * o.re,
                im: self.im * o.re,
            };
        }
        if zero(&self.im) {
            return ComplexInterval {
                re: self.re * o.re,
                im: self.re * o.im,
            };
        }
        ComplexInterval {
            re: self.re * o.re - self.im * o.im,
            im: self.re * o.im + self.im * o.re,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_with_a_real_factor_enclose_every_product_and_no_more_than_the_general_rule() {
        // (a + bi) c for a in [1, 2], b in [-3, -1], c in [-0.5, 0.25]
        let z = ComplexInterval::new(
            Interval::new(1.0, 2.0).unwrap(),
            Interval::new(-3.0, -1.0).unwrap(),
        );
        let zero = Interval::new(0.0, 0.0).unwrap();
        let c = ComplexInterval::new(Interval::new(-0.5, 0.25).unwrap(), zero);
        for p in [z * c, c * z] {
            for a in [1.0, 1.5, 2.0] {
                for b in [-3.0, -2.0, -1.0] {
                    for x in [-0.5, 0.0, 0.25] {
                        assert!(p.re.contains(a * x) && p.im.contains(b * x));
                    }
                }
            }
            // tight: [-1, 0.5] x [-0.75, 1.5] up to outward rounding
            let near = |x: f64, y: f64| (x - y).abs() <= 1e-12;
            assert!(near(p.re.lo(), -1.0) && near(p.re.hi(), 0.5));
            assert!(near(p.im.lo(), -0.75) && near(p.im.hi(), 1.5));
        }
        // a real factor with an unbounded partner: still finite where it can be
        let wide = ComplexInterval::new(Interval::entire(), Interval::new(1.0, 1.0).unwrap());
        let two = ComplexInterval::new(Interval::new(2.0, 2.0).unwrap(), zero);
        assert!((wide * two).im.contains(2.0));
    }

    #[test]
    fn enclosures_contain_exact_results() {
        // 0.1 + 0.2 is not 0.3 in floats, but the interval sum contains 3/10.
        let a = Interval::from_rational(&BigRational::new(1.into(), 10.into()));
        let b = Interval::from_rational(&BigRational::new(2.into(), 10.into()));
        let s = a + b;
        let exact = BigRational::new(3.into(), 10.into());
        assert!(BigRational::from_float(s.lo()).unwrap() <= exact);
        assert!(BigRational::from_float(s.hi()).unwrap() >= exact);
        // (1 + i)(1 - i) = 2
        let z = ComplexInterval::point(Complex64::new(1.0, 1.0));
        let w = ComplexInterval::point(Complex64::new(1.0, -1.0));
        let p = z * w;
        assert!(p.re.contains(2.0) && p.im.contains(0.0));
        assert!(Interval::new(2.0, 1.0).is_err());
        assert!(Interval::around(1.0, -1.0).is_err());
        assert!(Interval::around(f64::NAN, 1.0).is_err());
        assert!(Interval::around(1.0, 0.5).unwrap().contains(1.5));
        let r = Interval::new(2.0, 4.0).unwrap().recip().unwrap();
        assert!(r.contains(0.25) && r.contains(0.5) && !r.contains(0.6));
        assert!(Interval::new(-1.0, 1.0).unwrap().recip().is_none());
        let z = ComplexInterval::point(Complex64::new(3.0, 4.0))
            .recip()
            .unwrap();
        assert!(z.re.contains(0.12) && z.im.contains(-0.16));
        assert!(Interval::new(f64::NAN, 1.0).is_err());
        // overflow gives the whole line, never a wrong finite answer
        let big = Interval::point(f64::MAX);
        assert_eq!((big * big).hi(), f64::INFINITY);
        let nan = Interval::entire() * Interval::point(0.0);
        assert!(nan.contains(0.0) && nan.contains(1e300));
    }
}
