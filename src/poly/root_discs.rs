//! Certified complex root discs of square-free integer polynomials.
//!
//! **Inclusion.** For a polynomial `f` of degree `n` and any point `c` with
//! `f'(c) != 0`, the closed disc `|z - c| <= n |f(c) / f'(c)|` contains a root
//! of `f`: `f'(c) / f(c) = sum_i 1 / (c - z_i)`, so
//! `|f'(c) / f(c)| <= n / min_i |c - z_i|`. If `n` such discs are pairwise
//! disjoint, each contains exactly one root. A disc centred on the real axis
//! is its own conjugate, so (for real `f`) its one root is real; a disc that
//! does not meet the real axis holds a non-real root.
//!
//! **Method.** Centres start at the floating-point approximations of
//! [`complex_roots`](super::complex_roots), the `r` most nearly real ones (`r`
//! = the Sturm count) put on the real axis and the others paired with their
//! conjugates; the radii are computed exactly in rational arithmetic (the
//! square of the bound, then a rational upper bound of its square root). If
//! the discs are not yet disjoint, every centre takes an exact Newton step,
//! rounded to a finer dyadic grid, and the test is repeated.
//! [`RootDisc::refine`] shrinks one disc the same way and checks that the new
//! disc lies inside the old one (so it holds the same root).

use super::gcd::primitive_part;
use super::real_roots::Sturm;
use super::univariate::UPoly;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Rounds of simultaneous Newton steps before isolation gives up.
const MAX_ROUNDS: usize = 40;

/// A closed disc `|z - (re + i im)| <= radius` with rational data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RootDisc {
    pub(crate) re: BigRational,
    pub(crate) im: BigRational,
    pub(crate) radius: BigRational,
}

/// `(re, im)` of a complex rational.
type C = (BigRational, BigRational);

fn cmul(a: &C, b: &C) -> C {
    (&a.0 * &b.0 - &a.1 * &b.1, &a.0 * &b.1 + &a.1 * &b.0)
}

fn norm_sqr(a: &C) -> BigRational {
    &a.0 * &a.0 + &a.1 * &a.1
}

/// `f(c)` and `f'(c)`.
fn eval_with_derivative(f: &UPoly<BigInt>, c: &C) -> (C, C) {
    let zero = || (BigRational::zero(), BigRational::zero());
    let (mut p, mut dp) = (zero(), zero());
    for a in f.coeffs().iter().rev() {
        dp = cmul(&dp, c);
        dp = (&dp.0 + &p.0, &dp.1 + &p.1);
        p = cmul(&p, c);
        p.0 += BigRational::from_integer(a.clone());
    }
    (p, dp)
}

/// A rational `r >= sqrt(x)` (for `x >= 0`), within a relative `2^-60`.
pub(crate) fn sqrt_upper(x: &BigRational) -> BigRational {
    if !x.is_positive() {
        return BigRational::zero();
    }
    // sqrt(n / d) = sqrt(n d 4^k) / (d 2^k)
    let k = 64u32;
    let n = x.numer() * x.denom() * (BigInt::one() << (2 * k));
    let s = n.sqrt() + 1u32;
    BigRational::new(s, x.denom() * (BigInt::one() << k))
}

/// Rounds `x` to the grid `2^-bits`.
fn round(x: &BigRational, bits: u64) -> BigRational {
    let scale = BigInt::one() << bits;
    let y = x * BigRational::from_integer(scale.clone());
    BigRational::new(y.round().to_integer(), scale)
}

impl RootDisc {
    /// The disc around `c` from the inclusion bound, `None` when `f'(c) = 0`.
    fn around(f: &UPoly<BigInt>, c: C) -> Option<RootDisc> {
        let n = f.degree().unwrap_or(0);
        let (v, d) = eval_with_derivative(f, &c);
        let dn = norm_sqr(&d);
        if dn.is_zero() {
            return None;
        }
        let nn = BigRational::from_integer(BigInt::from(n * n));
        let r2 = nn * norm_sqr(&v) / dn;
        Some(RootDisc {
            re: c.0,
            im: c.1,
            radius: sqrt_upper(&r2),
        })
    }

    /// `true` if the centre is on the real axis (the root is real).
    pub(crate) fn is_real(&self) -> bool {
        self.im.is_zero()
    }

    /// `true` if the closed discs are disjoint.
    pub(crate) fn is_disjoint_from(&self, o: &RootDisc) -> bool {
        let dre = &self.re - &o.re;
        let dim = &self.im - &o.im;
        let r = &self.radius + &o.radius;
        &dre * &dre + &dim * &dim > &r * &r
    }

    /// `true` if the disc does not meet the real axis.
    fn avoids_real_axis(&self) -> bool {
        self.im.abs() > self.radius
    }

    /// The conjugate disc.
    pub(crate) fn conj(&self) -> RootDisc {
        RootDisc {
            re: self.re.clone(),
            im: -&self.im,
            radius: self.radius.clone(),
        }
    }

    /// `true` if `inner` lies in this disc.
    fn contains_disc(&self, inner: &RootDisc) -> bool {
        if inner.radius > self.radius {
            return false;
        }
        let dre = &self.re - &inner.re;
        let dim = &self.im - &inner.im;
        let room = &self.radius - &inner.radius;
        &dre * &dre + &dim * &dim <= &room * &room
    }

    /// A disc of the same root of `f` (of which this disc holds exactly
    /// one) with at most `2^-bits (1 + |centre|)` radius, by exact Newton
    /// steps; the new disc is checked to lie inside the old one.
    ///
    /// # Errors
    ///
    /// [`Error::NoConvergence`] if Newton's method does not get there.
    pub(crate) fn refine(&self, f: &UPoly<BigInt>, bits: u64) -> Result<RootDisc, Error> {
        let target = |d: &RootDisc| {
            let scale = BigRational::one() + d.re.abs() + d.im.abs();
            d.radius <= scale / BigRational::from_integer(BigInt::one() << bits)
        };
        let mut cur = self.clone();
        let mut grid = bits + 8;
        for _ in 0..MAX_ROUNDS {
            if target(&cur) {
                return Ok(cur);
            }
            let c = newton(f, &(cur.re.clone(), cur.im.clone()), grid, cur.is_real());
            match RootDisc::around(f, c) {
                Some(d) if self.contains_disc(&d) && d.radius < cur.radius => cur = d,
                _ => grid += 32,
            }
        }
        if target(&cur) {
            return Ok(cur);
        }
        Err(Error::NoConvergence {
            what: "refining a complex root disc".into(),
        })
    }
}

/// One Newton step from `c`, rounded to the grid `2^-bits` (a real centre
/// stays real).
fn newton(f: &UPoly<BigInt>, c: &C, bits: u64, real: bool) -> C {
    let (v, d) = eval_with_derivative(f, c);
    let dn = norm_sqr(&d);
    if dn.is_zero() {
        return c.clone();
    }
    // v / d = v conj(d) / |d|^2
    let q = cmul(&v, &(d.0.clone(), -d.1.clone()));
    let re = round(&(&c.0 - &q.0 / &dn), bits);
    let im = if real {
        BigRational::zero()
    } else {
        round(&(&c.1 - &q.1 / &dn), bits)
    };
    (re, im)
}

/// Certified discs for all roots of the square-free `f` (degree `>= 1`):
/// pairwise disjoint, each holding exactly one root, real roots on
/// real-centred discs, the non-real ones off the axis (both members of each
/// conjugate pair listed). Ordered: real roots first (by centre), then the
/// non-real ones.
///
/// # Errors
///
/// [`Error::NoConvergence`] if the floating-point approximations cannot be
/// turned into disjoint discs (coefficients beyond the range of `f64`, or
/// extremely clustered roots).
pub(crate) fn isolate_complex(f: &UPoly<BigInt>) -> Result<Vec<RootDisc>, Error> {
    let f = primitive_part(f);
    let n = f.degree().unwrap_or(0);
    if n == 0 {
        return Ok(Vec::new());
    }
    let fail = |why: &str| Error::NoConvergence {
        what: format!("isolating the complex roots of a polynomial of degree {n}: {why}"),
    };
    let reals = Sturm::new(&f).count(None, None);
    // float coefficients, scaled into range
    let max_bits = f.coeffs().iter().map(|c| c.bits()).max().unwrap_or(0);
    let shift = max_bits.saturating_sub(900);
    let coeffs: Vec<f64> = f
        .coeffs()
        .iter()
        .map(|c| (c >> shift).to_f64().unwrap_or(f64::NAN))
        .collect();
    if coeffs.iter().any(|c| !c.is_finite()) {
        return Err(fail("coefficients out of the range of floating point"));
    }
    let mut approx = super::complex_roots(&coeffs)?;
    // the `reals` most nearly real approximations become real centres
    approx.sort_by(|a, b| {
        let ra = a.im.abs() / (1.0 + a.norm());
        let rb = b.im.abs() / (1.0 + b.norm());
        ra.total_cmp(&rb)
    });
    let exact = |x: f64| BigRational::from_float(x).unwrap_or_else(BigRational::zero);
    let mut centres: Vec<C> = approx[..reals]
        .iter()
        .map(|z| (exact(z.re), BigRational::zero()))
        .collect();
    let mut upper: Vec<C> = approx[reals..]
        .iter()
        .filter(|z| z.im > 0.0)
        .map(|z| (exact(z.re), exact(z.im)))
        .collect();
    if 2 * upper.len() != n - reals {
        // an unbalanced set: take the upper half by absolute value
        upper = approx[reals..]
            .iter()
            .map(|z| (exact(z.re), exact(z.im.abs())))
            .collect();
        upper.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        upper.dedup_by(|a, b| {
            (&a.0 - &b.0).abs() + (&a.1 - &b.1).abs() <= BigRational::new(1.into(), 1000000.into())
        });
        if 2 * upper.len() != n - reals {
            return Err(fail("the approximations do not pair up"));
        }
    }
    centres.extend(upper.iter().cloned());
    let mut bits = 60u64;
    for _ in 0..MAX_ROUNDS {
        let mut discs: Vec<RootDisc> = Vec::with_capacity(n);
        let mut ok = true;
        for (i, c) in centres.iter().enumerate() {
            match RootDisc::around(&f, c.clone()) {
                Some(d) => {
                    if i >= reals && !d.avoids_real_axis() {
                        ok = false;
                    }
                    discs.push(d);
                }
                None => ok = false,
            }
        }
        if ok {
            let lower: Vec<RootDisc> = discs[reals..].iter().map(RootDisc::conj).collect();
            discs.extend(lower);
            let disjoint = (0..discs.len())
                .all(|i| (i + 1..discs.len()).all(|j| discs[i].is_disjoint_from(&discs[j])));
            if disjoint {
                let (mut real, rest): (Vec<RootDisc>, Vec<RootDisc>) =
                    discs.into_iter().partition(RootDisc::is_real);
                real.sort_by(|a, b| a.re.cmp(&b.re));
                real.extend(rest);
                return Ok(real);
            }
        }
        bits += 64;
        for (i, c) in centres.iter_mut().enumerate() {
            *c = newton(&f, c, bits, i < reals);
        }
    }
    Err(fail("the discs did not become disjoint"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discs_of_a_quartic_with_two_real_roots() {
        // (t^2 - 2)(t^2 + t + 1)
        let f = &UPoly::from_i64(&[-2, 0, 1]) * &UPoly::from_i64(&[1, 1, 1]);
        let d = isolate_complex(&f).unwrap();
        assert_eq!(d.len(), 4);
        assert_eq!(d.iter().filter(|x| x.is_real()).count(), 2);
        // the non-real ones are -1/2 +- i sqrt(3)/2
        let half = BigRational::new((-1).into(), 2.into());
        for x in d.iter().filter(|x| !x.is_real()) {
            assert!((&x.re - &half).abs() <= x.radius);
            let refined = x.refine(&f, 100).unwrap();
            let im2 = &refined.im * &refined.im;
            let three_quarters = BigRational::new(3.into(), 4.into());
            assert!(
                (im2 - three_quarters).abs() < BigRational::new(1.into(), 1_000_000_000.into())
            );
        }
    }

    #[test]
    fn close_roots_are_separated() {
        // (t - 1)(t - 1 - 10^-12) t^2 + 1 ... scaled to integers
        let big = BigInt::from(10).pow(12);
        let a = UPoly::new(vec![-big.clone(), big.clone()]); // 10^12 t - 10^12
        let b = UPoly::new(vec![-(&big + BigInt::one()), big]); // 10^12 t - (10^12 + 1)
        let f = &(&a * &b) * &UPoly::from_i64(&[1, 0, 1]);
        let d = isolate_complex(&f).unwrap();
        assert_eq!(d.iter().filter(|x| x.is_real()).count(), 2);
        assert!(d[0].is_disjoint_from(&d[1]));
    }

    #[test]
    fn upper_bounds_of_square_roots() {
        for (n, m) in [(2, 1), (1, 3), (10_000_001, 7), (1, 1_000_000_007)] {
            let x = BigRational::new(BigInt::from(n), BigInt::from(m));
            let r = sqrt_upper(&x);
            assert!(&r * &r >= x);
            assert!(&r * &r <= &x * BigRational::new(1_000_001.into(), 1_000_000.into()));
        }
    }
}
