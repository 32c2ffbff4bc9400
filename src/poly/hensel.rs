//! Hensel lifting over Z: from a factorization modulo `p` to one modulo `p^(2^k)`.
//!
//! If `f = g h (mod m)` with `h` monic and `s g + t h = 1 (mod m)`, one
//! quadratic step (von zur Gathen–Gerhard, *Modern Computer Algebra*,
//! Algorithm 15.10) computes `g*, h*, s*, t*` with the same properties modulo
//! `m^2`, `g* = g`, `h* = h (mod m)`: with `e = f - g h`, `s e = q h + r`
//! (division by the monic `h`), `g* = g + t e + q g`, `h* = h + r`, and the
//! cofactors are lifted the same way from `b = s g* + t h* - 1`. The lifted
//! factors are unique (Hensel's lemma), so lifting along a balanced binary
//! tree of the modular factors ([`multi_lift`], Algorithm 15.17) gives the
//! factorization `f = lc(f) f_1 ... f_r (mod p^(2^k))` into monic factors.
//!
//! Integer polynomials here are ascending `Vec<BigInt>` without trailing zeros
//! (`ZPoly`); residues modulo `m` are kept in `[0, m)`.

use super::fp_factor::Fp;
use crate::modular::Zp;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Zero};

/// Dense integer polynomial, ascending, trimmed.
pub(super) type ZPoly = Vec<BigInt>;

pub(super) fn z_trim(mut a: ZPoly) -> ZPoly {
    while a.last().is_some_and(|c| c.is_zero()) {
        a.pop();
    }
    a
}

/// The symmetric residue of `c` modulo `m`, in `(-m/2, m/2]`.
pub(super) fn symmetric(c: &BigInt, m: &BigInt) -> BigInt {
    let r = c.mod_floor(m);
    if r > (m >> 1) {
        r - m
    } else {
        r
    }
}

pub(super) fn z_mod(a: &[BigInt], m: &BigInt) -> ZPoly {
    z_trim(a.iter().map(|c| c.mod_floor(m)).collect())
}

pub(super) fn z_mul(a: &[BigInt], b: &[BigInt]) -> ZPoly {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut v = vec![BigInt::zero(); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        if x.is_zero() {
            continue;
        }
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    z_trim(v)
}

fn z_add(a: &[BigInt], b: &[BigInt]) -> ZPoly {
    let n = a.len().max(b.len());
    z_trim(
        (0..n)
            .map(|i| a.get(i).cloned().unwrap_or_default() + b.get(i).cloned().unwrap_or_default())
            .collect(),
    )
}

fn z_sub(a: &[BigInt], b: &[BigInt]) -> ZPoly {
    let n = a.len().max(b.len());
    z_trim(
        (0..n)
            .map(|i| a.get(i).cloned().unwrap_or_default() - b.get(i).cloned().unwrap_or_default())
            .collect(),
    )
}

/// Division with remainder by a polynomial with leading coefficient exactly 1.
fn z_divrem_monic(a: &[BigInt], h: &[BigInt]) -> (ZPoly, ZPoly) {
    let dh = h.len() - 1;
    let mut r = a.to_vec();
    if r.len() <= dh {
        return (Vec::new(), z_trim(r));
    }
    let mut q = vec![BigInt::zero(); r.len() - dh];
    for i in (0..q.len()).rev() {
        let c = r[i + dh].clone();
        if !c.is_zero() {
            for (j, hj) in h.iter().enumerate() {
                r[i + j] -= &c * hj;
            }
        }
        q[i] = c;
    }
    r.truncate(dh);
    (z_trim(q), z_trim(r))
}

fn from_fp(a: &[u64]) -> ZPoly {
    a.iter().map(|&c| BigInt::from(c)).collect()
}

/// One quadratic Hensel step (von zur Gathen–Gerhard, Algorithm 15.10): from
/// `f = g h`, `s g + t h = 1 (mod m)` with `h` monic, the same modulo `m^2`.
fn hensel_step(
    f: &[BigInt],
    g: &ZPoly,
    h: &ZPoly,
    s: &ZPoly,
    t: &ZPoly,
    m: &BigInt,
) -> (ZPoly, ZPoly, ZPoly, ZPoly) {
    let m2 = m * m;
    let e = z_mod(&z_sub(f, &z_mul(g, h)), &m2);
    let (q, r) = z_divrem_monic(&z_mod(&z_mul(s, &e), &m2), h);
    let q = z_mod(&q, &m2);
    let r = z_mod(&r, &m2);
    let g1 = z_mod(&z_add(&z_add(g, &z_mul(t, &e)), &z_mul(&q, g)), &m2);
    let h1 = z_mod(&z_add(h, &r), &m2);
    let b = z_mod(
        &z_sub(&z_add(&z_mul(s, &g1), &z_mul(t, &h1)), &[BigInt::one()]),
        &m2,
    );
    let (c, d) = z_divrem_monic(&z_mod(&z_mul(s, &b), &m2), &h1);
    let s1 = z_mod(&z_sub(s, &d), &m2);
    let t1 = z_mod(&z_sub(&z_sub(t, &z_mul(t, &b)), &z_mul(&c, &g1)), &m2);
    (g1, h1, s1, t1)
}

/// Lifts `f = lc(f) prod facs (mod p)` (monic, pairwise coprime `facs`) to monic
/// factors modulo `M = p^{2^steps}`, along a balanced factor tree.
pub(super) fn multi_lift(
    f: &[BigInt],
    facs: &[Fp],
    p: Zp,
    steps: u32,
    modulus: &BigInt,
) -> Result<Vec<ZPoly>, Error> {
    let lc = f.last().cloned().unwrap_or_else(BigInt::one);
    if facs.len() == 1 {
        let e = lc.mod_floor(modulus).extended_gcd(modulus);
        if !e.gcd.is_one() {
            return Err(Error::internal(
                "Hensel lifting: leading coefficient not invertible",
            ));
        }
        let inv = e.x.mod_floor(modulus);
        let out = z_mod(&f.iter().map(|c| c * &inv).collect::<Vec<_>>(), modulus);
        return Ok(vec![out]);
    }
    let mid = facs.len() / 2;
    let lcp = p.reduce(&lc);
    let g0 = facs[..mid]
        .iter()
        .fold(vec![lcp], |acc, u| p.poly_mul(&acc, u));
    let h0 = facs[mid..]
        .iter()
        .fold(vec![1u64], |acc, u| p.poly_mul(&acc, u));
    let (gg, mut s0, mut t0) = p.poly_ext_gcd(&g0, &h0);
    if gg != [1] {
        return Err(Error::internal(
            "Hensel lifting: modular factors are not coprime",
        ));
    }
    if s0.len() >= h0.len() {
        let (q, r) = p.poly_divrem(&s0, &h0);
        s0 = r;
        t0 = p.poly_add(&t0, &p.poly_mul(&q, &g0));
    }
    let (mut g, mut h, mut s, mut t) = (from_fp(&g0), from_fp(&h0), from_fp(&s0), from_fp(&t0));
    let mut m = BigInt::from(p.modulus());
    for _ in 0..steps {
        let next = hensel_step(f, &g, &h, &s, &t, &m);
        g = next.0;
        h = next.1;
        s = next.2;
        t = next.3;
        m = &m * &m;
    }
    let mut out = multi_lift(&g, &facs[..mid], p, steps, modulus)?;
    out.extend(multi_lift(&h, &facs[mid..], p, steps, modulus)?);
    Ok(out)
}
