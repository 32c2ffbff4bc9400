//! Factoring modulo a prime: Berlekamp's algebra and Cantor–Zassenhaus splits.
//!
//! For a monic square-free `f` over `F_p` the **Berlekamp algebra**
//! `B = {h : h^p = h mod f}` is, by the Chinese remainder theorem, `F_p^r`
//! where `r` is the number of irreducible factors of `f`; so `r = dim B`, the
//! dimension of the kernel of `Q - I` with `Q` the matrix of the Frobenius
//! `h -> h^p` on `F_p[y]/(f)` ([`berlekamp_basis`]). For a random `h` in `B`
//! and an odd `p`, `h^{(p-1)/2}` is `±1` or `0` in each component, so
//! `gcd(u, h^{(p-1)/2} - 1)` splits a reducible factor `u` with probability at
//! least 1/2 ([`berlekamp_split`]). The random numbers come from a fixed-seed
//! generator, so results and running times are reproducible.
//!
//! [`best_prime_factorization`] tries a few 62-bit primes not dividing the
//! leading coefficient and keeping `f` square-free, and keeps the one with
//! the fewest factors (recombination over Z is cheaper with fewer factors).
//!
//! The polynomials here are ascending coefficient vectors of residues in
//! `[0, p)` without trailing zeros (`Fp`).

use super::factor::internal;
use super::gcd::gcd_mod_p;
use super::univariate::UPoly;
use crate::modular::{large_primes, Zp};
use crate::random::SplitMix;
use crate::Error;
use num_bigint::BigInt;

/// Number of primes (with `f mod p` square-free of full degree) compared.
const PRIME_TRIALS: usize = 5;

/// Tries several primes and returns the one with the fewest irreducible
/// factors of `f` modulo it, together with those (monic) factors.
pub(super) fn best_prime_factorization(f: &UPoly<BigInt>) -> Result<(Zp, Vec<Fp>), Error> {
    let mut best: Option<(Zp, Fp, Vec<Fp>)> = None;
    let mut good = 0;
    for q in large_primes() {
        let p = Zp::new(q)?;
        let fp = fp_reduce(f, p);
        if fp.len() != f.coeffs().len() {
            continue;
        }
        let fp = fp_monic(&fp, p);
        if gcd_mod_p(&fp, &fp_deriv(&fp, p), p).len() != 1 {
            continue;
        }
        let basis = berlekamp_basis(&fp, p);
        let r = basis.len();
        if best.as_ref().is_none_or(|(_, _, b)| r < b.len()) {
            best = Some((p, fp, basis));
        }
        good += 1;
        if r == 1 || good >= PRIME_TRIALS {
            break;
        }
    }
    let (p, fp, basis) = best.ok_or_else(|| internal("factorization over Q: no suitable prime"))?;
    let factors = berlekamp_split(&fp, &basis, p)?;
    Ok((p, factors))
}

// ---------------------------------------------------------------------------
// polynomials over Z/p (ascending, trimmed `Vec<u64>`)

pub(super) type Fp = Vec<u64>;

fn fp_trim(mut a: Fp) -> Fp {
    while a.last() == Some(&0) {
        a.pop();
    }
    a
}

fn fp_reduce(a: &UPoly<BigInt>, p: Zp) -> Fp {
    fp_trim(a.coeffs().iter().map(|c| p.reduce(c)).collect())
}

pub(super) fn fp_add(a: &[u64], b: &[u64], p: Zp) -> Fp {
    let n = a.len().max(b.len());
    fp_trim(
        (0..n)
            .map(|i| {
                p.add(
                    a.get(i).copied().unwrap_or(0),
                    b.get(i).copied().unwrap_or(0),
                )
            })
            .collect(),
    )
}

pub(super) fn fp_sub(a: &[u64], b: &[u64], p: Zp) -> Fp {
    let n = a.len().max(b.len());
    fp_trim(
        (0..n)
            .map(|i| {
                p.sub(
                    a.get(i).copied().unwrap_or(0),
                    b.get(i).copied().unwrap_or(0),
                )
            })
            .collect(),
    )
}

pub(super) fn fp_mul(a: &[u64], b: &[u64], p: Zp) -> Fp {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut v = vec![0u64; a.len() + b.len() - 1];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        for (j, &y) in b.iter().enumerate() {
            v[i + j] = p.add(v[i + j], p.mul(x, y));
        }
    }
    fp_trim(v)
}

/// Division with remainder by a non-zero `b`.
pub(super) fn fp_divrem(a: &[u64], b: &[u64], p: Zp) -> (Fp, Fp) {
    let db = b.len() - 1;
    let inv = p.inv(b[db]).unwrap_or(0);
    let mut r = a.to_vec();
    if r.len() <= db {
        return (Vec::new(), fp_trim(r));
    }
    let mut q = vec![0u64; r.len() - db];
    for i in (0..q.len()).rev() {
        let c = p.mul(r[i + db], inv);
        if c != 0 {
            for (j, &bj) in b.iter().enumerate() {
                r[i + j] = p.sub(r[i + j], p.mul(c, bj));
            }
        }
        q[i] = c;
    }
    r.truncate(db);
    (fp_trim(q), fp_trim(r))
}

fn fp_rem(a: &[u64], b: &[u64], p: Zp) -> Fp {
    fp_divrem(a, b, p).1
}

fn fp_mulmod(a: &[u64], b: &[u64], m: &[u64], p: Zp) -> Fp {
    fp_rem(&fp_mul(a, b, p), m, p)
}

fn fp_powmod(a: &[u64], mut e: u64, m: &[u64], p: Zp) -> Fp {
    let mut base = fp_rem(a, m, p);
    let mut acc = fp_rem(&[1], m, p);
    while e > 0 {
        if e & 1 == 1 {
            acc = fp_mulmod(&acc, &base, m, p);
        }
        e >>= 1;
        if e > 0 {
            base = fp_mulmod(&base, &base, m, p);
        }
    }
    acc
}

fn fp_monic(a: &[u64], p: Zp) -> Fp {
    match a.last().and_then(|&l| p.inv(l)) {
        Some(inv) => a.iter().map(|&c| p.mul(c, inv)).collect(),
        None => a.to_vec(),
    }
}

fn fp_deriv(a: &[u64], p: Zp) -> Fp {
    fp_trim(
        a.iter()
            .enumerate()
            .skip(1)
            .map(|(i, &c)| p.mul(c, i as u64 % p.modulus()))
            .collect(),
    )
}

/// `(g, s, t)` with `s a + t b = g`, `g` the monic gcd.
pub(super) fn fp_ext_gcd(a: &[u64], b: &[u64], p: Zp) -> (Fp, Fp, Fp) {
    let (mut r0, mut r1) = (fp_trim(a.to_vec()), fp_trim(b.to_vec()));
    let (mut s0, mut s1): (Fp, Fp) = (vec![1], Vec::new());
    let (mut t0, mut t1): (Fp, Fp) = (Vec::new(), vec![1]);
    while !r1.is_empty() {
        let (q, r) = fp_divrem(&r0, &r1, p);
        let s2 = fp_sub(&s0, &fp_mul(&q, &s1, p), p);
        let t2 = fp_sub(&t0, &fp_mul(&q, &t1, p), p);
        r0 = std::mem::replace(&mut r1, r);
        s0 = std::mem::replace(&mut s1, s2);
        t0 = std::mem::replace(&mut t1, t2);
    }
    match r0.last().and_then(|&l| p.inv(l)) {
        Some(inv) => {
            let sc = |v: &[u64]| fp_trim(v.iter().map(|&c| p.mul(c, inv)).collect());
            (sc(&r0), sc(&s0), sc(&t0))
        }
        None => (r0, s0, t0),
    }
}

/// A basis of the Berlekamp algebra `{h : h^p = h mod f}` of a monic
/// square-free `f` of degree `n >= 1`; its dimension is the number of
/// irreducible factors of `f` modulo `p`.
fn berlekamp_basis(f: &[u64], p: Zp) -> Vec<Fp> {
    let n = f.len() - 1;
    let xp = fp_powmod(&[0, 1], p.modulus(), f, p);
    // a[j][i] = (coefficient j of x^{ip} mod f) - delta_ij
    let mut a = vec![vec![0u64; n]; n];
    let mut cur: Fp = vec![1];
    for i in 0..n {
        for (j, row) in a.iter_mut().enumerate() {
            let q = cur.get(j).copied().unwrap_or(0);
            row[i] = if i == j { p.sub(q, 1) } else { q };
        }
        cur = fp_mulmod(&cur, &xp, f, p);
    }
    // reduced row echelon form
    let mut pivots: Vec<usize> = Vec::new();
    let mut row = 0;
    for col in 0..n {
        let Some(r) = (row..n).find(|&r| a[r][col] != 0) else {
            continue;
        };
        a.swap(row, r);
        let inv = p.inv(a[row][col]).unwrap_or(0);
        for c in a[row].iter_mut() {
            *c = p.mul(*c, inv);
        }
        let prow = a[row].clone();
        for (r2, other) in a.iter_mut().enumerate() {
            if r2 == row || other[col] == 0 {
                continue;
            }
            let k = other[col];
            for (c, &pv) in other.iter_mut().zip(prow.iter()) {
                if pv != 0 {
                    *c = p.sub(*c, p.mul(k, pv));
                }
            }
        }
        pivots.push(col);
        row += 1;
    }
    let mut basis = Vec::new();
    for fc in 0..n {
        if pivots.contains(&fc) {
            continue;
        }
        let mut v = vec![0u64; n];
        v[fc] = 1;
        for (k, &pc) in pivots.iter().enumerate() {
            v[pc] = p.neg(a[k][fc]);
        }
        basis.push(fp_trim(v));
    }
    basis
}

/// Splits the monic square-free `f` into its `basis.len()` monic irreducible
/// factors modulo the odd prime `p` (Cantor–Zassenhaus in the Berlekamp algebra).
fn berlekamp_split(f: &[u64], basis: &[Fp], p: Zp) -> Result<Vec<Fp>, Error> {
    let r = basis.len();
    let mut factors = vec![f.to_vec()];
    let mut rng = SplitMix::new(0x5EED_1234_ABCD_0001);
    let e = (p.modulus() - 1) / 2;
    let mut rounds = 0;
    while factors.len() < r {
        rounds += 1;
        if rounds > 400 {
            return Err(internal(
                "Berlekamp factorization modulo p: splitting did not finish",
            ));
        }
        let mut g: Fp = Vec::new();
        for v in basis {
            let c = rng.next_u64() % p.modulus();
            g = fp_add(&g, &v.iter().map(|&x| p.mul(x, c)).collect::<Vec<_>>(), p);
        }
        let mut next = Vec::with_capacity(factors.len() + 1);
        for u in factors {
            if u.len() <= 2 {
                next.push(u);
                continue;
            }
            let gu = fp_rem(&g, &u, p);
            let h = fp_sub(&fp_powmod(&gu, e, &u, p), &[1], p);
            let d = gcd_mod_p(&u, &h, p);
            if d.len() > 1 && d.len() < u.len() {
                let (q, _) = fp_divrem(&u, &d, p);
                next.push(d);
                next.push(fp_monic(&q, p));
            } else {
                next.push(u);
            }
        }
        factors = next;
    }
    Ok(factors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlekamp_counts_factors() {
        let p = Zp::new(1_000_000_007).unwrap();
        // (y - 1)(y - 2)(y^2 + 1) with 1e9+7 = 3 mod 4, so y^2 + 1 is irreducible
        let f = fp_mul(&fp_mul(&[p.neg(1), 1], &[p.neg(2), 1], p), &[1, 0, 1], p);
        let b = berlekamp_basis(&f, p);
        assert_eq!(b.len(), 3);
        let mut fs = berlekamp_split(&f, &b, p).unwrap();
        fs.sort();
        assert_eq!(fs.len(), 3);
        assert!(fs.contains(&vec![1, 0, 1]));
    }
}
