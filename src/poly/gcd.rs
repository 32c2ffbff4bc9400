//! Greatest common divisors of univariate polynomials over Z and Q.
//!
//! Over Z the gcd is computed by the dense modular algorithm (Brown): the monic
//! gcd modulo several 62-bit primes is scaled by `gcd(lc a, lc b)`, combined by
//! Chinese remaindering into symmetric residues, and accepted only when the
//! primitive part of the candidate divides both inputs exactly. Unlucky primes
//! are recognised by a too large gcd degree and discarded. No intermediate
//! coefficient is ever larger than the true gcd's coefficients times the
//! product of the primes used, so there is no coefficient blow-up.
//! The primitive pseudo-remainder sequence ([`primitive_prs_gcd`]) is kept as an
//! independent reference.
//!
//! Over Q the gcd is the monic associate of the integer gcd of the primitive
//! parts.
//!
//! The worked example is in the documentation of `gcd_integer`.

use super::ring::Ring;
use super::univariate::UPoly;
use crate::modular::{crt, large_primes, Zp};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

/// Rings with a computable polynomial gcd (Z and Q here).
pub trait GcdDomain: Ring {
    /// A gcd of `a` and `b`, normalised: primitive with positive leading
    /// coefficient over Z, monic over Q; `gcd(0, 0) = 0`.
    fn poly_gcd(a: &UPoly<Self>, b: &UPoly<Self>) -> UPoly<Self>;
    /// `deg gcd(a, b)`, `None` if both are zero. May be cheaper than the gcd.
    fn poly_gcd_degree(a: &UPoly<Self>, b: &UPoly<Self>) -> Option<usize> {
        Self::poly_gcd(a, b).degree()
    }
}

impl GcdDomain for BigInt {
    fn poly_gcd(a: &UPoly<Self>, b: &UPoly<Self>) -> UPoly<Self> {
        gcd_integer(a, b)
    }
    fn poly_gcd_degree(a: &UPoly<Self>, b: &UPoly<Self>) -> Option<usize> {
        if a.is_zero() && b.is_zero() {
            return None;
        }
        Some(gcd_degree(a, b))
    }
}

impl GcdDomain for BigRational {
    fn poly_gcd(a: &UPoly<Self>, b: &UPoly<Self>) -> UPoly<Self> {
        gcd_rational(a, b)
    }
    fn poly_gcd_degree(a: &UPoly<Self>, b: &UPoly<Self>) -> Option<usize> {
        if a.is_zero() && b.is_zero() {
            return None;
        }
        Some(gcd_degree(&primitive_integer(a), &primitive_integer(b)))
    }
}

/// Content of an integer polynomial (non-negative gcd of its coefficients).
pub fn content(a: &UPoly<BigInt>) -> BigInt {
    a.coeffs().iter().fold(BigInt::zero(), |g, c| g.gcd(c))
}

/// Primitive part with positive leading coefficient (zero stays zero).
pub fn primitive_part(a: &UPoly<BigInt>) -> UPoly<BigInt> {
    let c = content(a);
    if c.is_zero() {
        return a.clone();
    }
    let c = if a.leading_coeff().is_some_and(|l| l.is_negative()) {
        -c
    } else {
        c
    };
    UPoly::new(a.coeffs().iter().map(|x| x / &c).collect())
}

/// The primitive integer polynomial proportional to a rational one.
pub fn primitive_integer(a: &UPoly<BigRational>) -> UPoly<BigInt> {
    let den = a
        .coeffs()
        .iter()
        .fold(BigInt::one(), |l, c| l.lcm(c.denom()));
    primitive_part(&UPoly::new(
        a.coeffs().iter().map(|c| (c * &den).to_integer()).collect(),
    ))
}

/// Monic gcd of two polynomials over Z/p (ascending coefficient vectors,
/// trimmed): the modular step of [`gcd_integer`]. The same as
/// [`Zp::poly_gcd`], whose home is the modular layer.
///
/// ```
/// use neurovariety::{modular::Zp, poly::gcd_mod_p};
/// let p = Zp::new(7).unwrap();
/// // (y + 1)(y + 2) and (y + 1)(y + 3) over F_7
/// assert_eq!(gcd_mod_p(&[2, 3, 1], &[3, 4, 1], p), vec![1, 1]);
/// ```
pub fn gcd_mod_p(a: &[u64], b: &[u64], p: Zp) -> Vec<u64> {
    p.poly_gcd(a, b)
}

/// Degree of `gcd(a, b)` over Q, exact. Cheap when the inputs are coprime: one
/// modular gcd of degree 0 at a prime not dividing both leading coefficients
/// proves it; otherwise the full gcd is computed. `gcd_degree(0, 0)` is 0.
pub fn gcd_degree(a: &UPoly<BigInt>, b: &UPoly<BigInt>) -> usize {
    if a.is_zero() || b.is_zero() {
        return if a.is_zero() {
            b.degree().unwrap_or(0)
        } else {
            a.degree().unwrap_or(0)
        };
    }
    if a.degree() == Some(0) || b.degree() == Some(0) {
        return 0;
    }
    for p in large_primes().take(3) {
        let p = Zp::new(p).expect("prime");
        let (ap, bp) = (p.poly_reduce(a.coeffs()), p.poly_reduce(b.coeffs()));
        if ap.len() != a.coeffs().len() || bp.len() != b.coeffs().len() {
            continue;
        }
        if p.poly_gcd(&ap, &bp).len() == 1 {
            return 0;
        }
        break;
    }
    gcd_integer(a, b).degree().unwrap_or(0)
}

/// gcd over Z: primitive part of the gcd times the gcd of the contents, with a
/// positive leading coefficient. Modular algorithm (see the module docs).
///
/// # Example
///
/// ```
/// use neurovariety::poly::{gcd_integer, gcd_degree, UPoly};
/// let a = UPoly::from_i64(&[-1, 0, 1]);      // y^2 - 1
/// let b = UPoly::from_i64(&[1, 2, 1]);       // (y + 1)^2
/// assert_eq!(gcd_integer(&a, &b), UPoly::from_i64(&[1, 1]));
/// assert_eq!(gcd_degree(&a, &b), 1);
/// ```
pub fn gcd_integer(a: &UPoly<BigInt>, b: &UPoly<BigInt>) -> UPoly<BigInt> {
    if a.is_zero() {
        return normalise_sign(b);
    }
    if b.is_zero() {
        return normalise_sign(a);
    }
    let (ca, cb) = (content(a), content(b));
    let c = ca.gcd(&cb);
    let (a, b) = (primitive_part(a), primitive_part(b));
    if a.degree() == Some(0) || b.degree() == Some(0) {
        return UPoly::constant(c);
    }
    let lcg = a
        .leading_coeff()
        .cloned()
        .unwrap_or_default()
        .gcd(b.leading_coeff().unwrap_or(&BigInt::zero()));
    let mut modulus = BigInt::one();
    let mut acc: Vec<BigInt> = Vec::new();
    let mut deg = usize::MAX;
    let mut last: Option<UPoly<BigInt>> = None;
    for p in large_primes() {
        let p = Zp::new(p).expect("prime");
        let (ap, bp) = (p.poly_reduce(a.coeffs()), p.poly_reduce(b.coeffs()));
        if ap.len() != a.coeffs().len() || bp.len() != b.coeffs().len() {
            continue;
        }
        let g = p.poly_gcd(&ap, &bp);
        let d = g.len() - 1;
        if d == 0 {
            return UPoly::constant(c);
        }
        if d > deg {
            continue;
        }
        let scale = p.reduce(&lcg);
        let g: Vec<u64> = g.iter().map(|&x| p.mul(x, scale)).collect();
        if d < deg {
            deg = d;
            acc = g.iter().map(|&x| BigInt::from(x)).collect();
            modulus = BigInt::from(p.modulus());
            last = None;
            continue;
        }
        for (x, &r) in acc.iter_mut().zip(g.iter()) {
            *x = crt(x, &modulus, r, p);
        }
        modulus *= BigInt::from(p.modulus());
        let half = &modulus >> 1;
        let cand = UPoly::new(
            acc.iter()
                .map(|x| if x > &half { x - &modulus } else { x.clone() })
                .collect(),
        );
        if last.as_ref() == Some(&cand) {
            let pp = primitive_part(&cand);
            if a.exact_div(&pp).is_ok() && b.exact_div(&pp).is_ok() {
                return pp.scale(&c);
            }
        }
        last = Some(cand);
    }
    unreachable!("the supply of 62-bit primes is not exhausted by a gcd")
}

fn normalise_sign(a: &UPoly<BigInt>) -> UPoly<BigInt> {
    if a.leading_coeff().is_some_and(|l| l.sign() == Sign::Minus) {
        -a
    } else {
        a.clone()
    }
}

/// gcd over Q, monic (zero if both are zero).
pub fn gcd_rational(a: &UPoly<BigRational>, b: &UPoly<BigRational>) -> UPoly<BigRational> {
    let g = gcd_integer(&primitive_integer(a), &primitive_integer(b));
    UPoly::new(
        g.coeffs()
            .iter()
            .map(|c| BigRational::from_integer(c.clone()))
            .collect(),
    )
    .monic()
}

/// gcd over Z by the primitive pseudo-remainder sequence: slower than
/// [`gcd_integer`] on large inputs, kept as an independent check.
pub fn primitive_prs_gcd(a: &UPoly<BigInt>, b: &UPoly<BigInt>) -> UPoly<BigInt> {
    if a.is_zero() {
        return normalise_sign(b);
    }
    if b.is_zero() {
        return normalise_sign(a);
    }
    let c = content(a).gcd(&content(b));
    let (mut r0, mut r1) = (primitive_part(a), primitive_part(b));
    if r0.degree() < r1.degree() {
        std::mem::swap(&mut r0, &mut r1);
    }
    while !r1.is_zero() {
        let r = r0.pseudo_rem(&r1).expect("non-zero divisor");
        r0 = r1;
        r1 = primitive_part(&r);
    }
    primitive_part(&r0).scale(&c)
}
