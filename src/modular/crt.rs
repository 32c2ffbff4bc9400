//! Chinese remaindering and rational reconstruction: from residues modulo
//! several primes back to integers and fractions.
//!
//! A vector known modulo primes `p_1, ..., p_s` is known modulo `M = p_1 ...
//! p_s` ([`crt`], [`CrtVector`]). A fraction `a / b` with `|a|, b <=
//! sqrt(M / 2)` is the unique such fraction congruent to its residue
//! ([`rational_reconstruction`], by the half-extended Euclidean algorithm). A
//! result obtained this way is a *candidate*: callers that need exactness
//! check it (the gcd by trial division, the vanishing ideal by exact
//! substitution).
//!
//! The worked example is in the documentation of `CrtVector`.

use super::field::Zp;
use crate::Error;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

/// Chinese remaindering of `a mod m` and `r mod p` into the residue in
/// `[0, m p)` (for `0 <= a < m` and `p` coprime to `m`).
pub fn crt(a: &BigInt, m: &BigInt, r: u64, p: Zp) -> BigInt {
    // x = a + m * ((r - a) * m^{-1} mod p)
    let am = p.reduce(a);
    let mm = p.reduce(m);
    let k = p.mul(p.sub(r, am), p.inv(mm).unwrap_or(0));
    let x = a + m * BigInt::from(k);
    let mp = m * BigInt::from(p.modulus());
    if x.sign() == Sign::Minus {
        x + mp
    } else {
        x
    }
}

/// The fraction `a / b` with `b > 0`, `gcd(a, b) = 1`, `|a|, b <= sqrt(m / 2)`
/// and `a = b u (mod m)`, if there is one (it is then unique).
pub fn rational_reconstruction(u: &BigInt, m: &BigInt) -> Option<BigRational> {
    if m.sign() != Sign::Plus {
        return None;
    }
    let bound = (m / BigInt::from(2)).sqrt();
    // remainders r_i = s_i m + t_i u; stop at the first r_i <= bound
    let (mut r0, mut r1) = (m.clone(), u.mod_floor(m));
    let (mut t0, mut t1) = (BigInt::zero(), BigInt::one());
    while r1 > bound {
        let (q, r) = r0.div_rem(&r1);
        (r0, r1) = (r1, r);
        let t = &t0 - &q * &t1;
        (t0, t1) = (t1, t);
    }
    if t1.is_zero() || t1.abs() > bound || !r1.gcd(&t1).is_one() {
        return None;
    }
    Some(BigRational::new(r1, t1))
}

/// A vector of residues modulo the product of the primes added so far.
///
/// # Example
///
/// ```
/// use neurovariety::modular::{rational_reconstruction, CrtVector, Zp};
/// use num_bigint::BigInt;
/// use num_rational::BigRational;
/// // -2/3 and 5 modulo two primes
/// let (p, q) = (Zp::new(1_000_003).unwrap(), Zp::new(1_000_033).unwrap());
/// let image = |f: Zp| vec![f.mul(f.neg(2), f.inv(3).unwrap()), 5];
/// let mut v = CrtVector::new(image(p), p);
/// v.add(&image(q), q).unwrap();
/// let back = v.reconstruct().unwrap();
/// assert_eq!(back, [BigRational::new((-2).into(), 3.into()), BigRational::from_integer(BigInt::from(5))]);
/// // 3 * 34 = 1 mod 101
/// assert_eq!(rational_reconstruction(&BigInt::from(34), &BigInt::from(101)), Some(BigRational::new(1.into(), 3.into())));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrtVector {
    modulus: BigInt,
    residues: Vec<BigInt>,
}

impl CrtVector {
    /// The vector `values` (reduced residues) modulo `p`.
    pub fn new(values: Vec<u64>, p: Zp) -> Self {
        CrtVector {
            modulus: BigInt::from(p.modulus()),
            residues: values.into_iter().map(BigInt::from).collect(),
        }
    }

    /// The product of the primes so far.
    pub fn modulus(&self) -> &BigInt {
        &self.modulus
    }

    /// Combines with the same vector modulo a new prime `p` (coprime to the
    /// modulus). Errors: [`Error::LengthMismatch`] for a vector of another
    /// length, [`Error::InvalidArgument`] for a prime that divides the modulus.
    pub fn add(&mut self, values: &[u64], p: Zp) -> Result<(), Error> {
        if values.len() != self.residues.len() {
            return Err(Error::LengthMismatch {
                what: "residue vector",
                expected: self.residues.len(),
                found: values.len(),
            });
        }
        if p.reduce(&self.modulus) == 0 {
            return Err(Error::InvalidArgument {
                name: "prime",
                value: p.modulus().to_string(),
                reason: "already used for this vector".into(),
            });
        }
        for (x, &r) in self.residues.iter_mut().zip(values) {
            *x = crt(x, &self.modulus, r, p);
        }
        self.modulus *= BigInt::from(p.modulus());
        Ok(())
    }

    /// The fractions of [`rational_reconstruction`], `None` if some entry has
    /// none.
    pub fn reconstruct(&self) -> Option<Vec<BigRational>> {
        self.residues
            .iter()
            .map(|u| rational_reconstruction(u, &self.modulus))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconstruction_finds_small_fractions_and_refuses_large_ones() {
        let m = BigInt::from(1_000_003u64) * BigInt::from(1_000_033u64);
        for (a, b) in [
            (0i64, 1i64),
            (1, 1),
            (-7, 3),
            (123_456, 654_321),
            (-1, 700_000),
        ] {
            let q = BigRational::new(a.into(), b.into());
            let u = (BigInt::from(a) * BigInt::from(b).modinv(&m).unwrap()).mod_floor(&m);
            assert_eq!(rational_reconstruction(&u, &m), Some(q));
        }
        // no fraction with numerator and denominator below sqrt(m / 2) ~ 707k
        let u = BigInt::from(10).pow(9) * BigInt::from(3) / BigInt::from(7);
        let r = rational_reconstruction(&u, &m);
        assert!(r.is_none_or(
            |q| q.numer().abs() <= BigInt::from(707_000) && q.denom() <= &BigInt::from(707_000)
        ));
    }

    #[test]
    fn crt_vectors_refuse_mismatches() {
        let p = Zp::new(101).unwrap();
        let mut v = CrtVector::new(vec![1, 2], p);
        assert!(matches!(
            v.add(&[1], Zp::new(103).unwrap()),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(
            v.add(&[1, 2], p),
            Err(Error::InvalidArgument { .. })
        ));
        v.add(&[1, 5], Zp::new(103).unwrap()).unwrap();
        assert_eq!(v.modulus(), &BigInt::from(101 * 103));
    }
}
