//! Factoring modulo a prime: Berlekamp's algebra and Cantor–Zassenhaus splits.
//!
//! For a monic square-free `f` over `F_p` the **Berlekamp algebra**
//! `B = {h : h^p = h mod f}` is, by the Chinese remainder theorem, `F_p^r`
//! where `r` is the number of irreducible factors of `f`; so `r = dim B`, the
//! dimension of the kernel of `Q - I` with `Q` the matrix of the Frobenius
//! `h -> h^p` on `F_p[y]/(f)` (`berlekamp_basis`). For a random `h` in `B`
//! and an odd `p`, `h^{(p-1)/2}` is `±1` or `0` in each component, so
//! `gcd(u, h^{(p-1)/2} - 1)` splits a reducible factor `u` with probability at
//! least 1/2 (`berlekamp_split`). The random numbers come from a fixed-seed
//! generator, so results and running times are reproducible.
//!
//! `best_prime_factorization` tries a few 62-bit primes not dividing the
//! leading coefficient and keeping `f` square-free, and keeps the one with
//! the fewest factors (recombination over Z is cheaper with fewer factors).
//!
//! The polynomials here are ascending coefficient vectors of residues in
//! `[0, p)` without trailing zeros (`Fp`); their arithmetic, and the kernel
//! of `Q - I`, come from the modular layer ([`crate::modular`]).

use super::univariate::UPoly;
use crate::modular::{large_primes, ModMatrix, Zp};
use crate::random::SplitMix;
use crate::Error;
use num_bigint::BigInt;

/// A polynomial over `Z/p`: ascending residues, no trailing zeros.
pub(super) type Fp = Vec<u64>;

/// Number of primes (with `f mod p` square-free of full degree) compared.
const PRIME_TRIALS: usize = 5;

/// Tries several primes and returns the one with the fewest irreducible
/// factors of `f` modulo it, together with those (monic) factors.
pub(super) fn best_prime_factorization(f: &UPoly<BigInt>) -> Result<(Zp, Vec<Fp>), Error> {
    let mut best: Option<(Zp, Fp, Vec<Fp>)> = None;
    let mut good = 0;
    for q in large_primes() {
        let p = Zp::new(q)?;
        let fp = p.poly_reduce(f.coeffs());
        if fp.len() != f.coeffs().len() {
            continue;
        }
        let fp = p.poly_monic(&fp);
        if p.poly_gcd(&fp, &p.poly_derivative(&fp)).len() != 1 {
            continue;
        }
        let basis = berlekamp_basis(&fp, p)?;
        let r = basis.len();
        if best.as_ref().is_none_or(|(_, _, b)| r < b.len()) {
            best = Some((p, fp, basis));
        }
        good += 1;
        if r == 1 || good >= PRIME_TRIALS {
            break;
        }
    }
    let (p, fp, basis) =
        best.ok_or_else(|| Error::internal("factorization over Q: no suitable prime"))?;
    let factors = berlekamp_split(&fp, &basis, p)?;
    Ok((p, factors))
}

/// A basis of the Berlekamp algebra `{h : h^p = h mod f}` of a monic
/// square-free `f` of degree `n >= 1`; its dimension is the number of
/// irreducible factors of `f` modulo `p`.
fn berlekamp_basis(f: &[u64], p: Zp) -> Result<Vec<Fp>, Error> {
    let n = f.len() - 1;
    let xp = p.poly_pow_mod(&[0, 1], p.modulus(), f);
    // a[j][i] = (coefficient j of y^{ip} mod f) - delta_ij: h = sum_i h_i y^i is
    // in the algebra iff a h = 0
    let mut a = vec![vec![0u64; n]; n];
    let mut cur: Fp = vec![1];
    for i in 0..n {
        for (j, row) in a.iter_mut().enumerate() {
            let q = cur.get(j).copied().unwrap_or(0);
            row[i] = if i == j { p.sub(q, 1) } else { q };
        }
        cur = p.poly_mul_mod(&cur, &xp, f);
    }
    let kernel = ModMatrix::from_rows(p, &a)?.kernel();
    Ok(kernel
        .into_iter()
        .map(|mut v| {
            while v.last() == Some(&0) {
                v.pop();
            }
            v
        })
        .collect())
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
            return Err(Error::internal(
                "Berlekamp factorization modulo p: splitting did not finish",
            ));
        }
        let mut g: Fp = Vec::new();
        for v in basis {
            let c = rng.next_u64() % p.modulus();
            g = p.poly_add(&g, &p.poly_scale(v, c));
        }
        let mut next = Vec::with_capacity(factors.len() + 1);
        for u in factors {
            if u.len() <= 2 {
                next.push(u);
                continue;
            }
            let gu = p.poly_rem(&g, &u);
            let h = p.poly_sub(&p.poly_pow_mod(&gu, e, &u), &[1]);
            let d = p.poly_gcd(&u, &h);
            if d.len() > 1 && d.len() < u.len() {
                let (q, _) = p.poly_divrem(&u, &d);
                next.push(d);
                next.push(p.poly_monic(&q));
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
        let f = p.poly_mul(&p.poly_mul(&[p.neg(1), 1], &[p.neg(2), 1]), &[1, 0, 1]);
        let b = berlekamp_basis(&f, p).unwrap();
        assert_eq!(b.len(), 3);
        let mut fs = berlekamp_split(&f, &b, p).unwrap();
        fs.sort();
        assert_eq!(fs.len(), 3);
        assert!(fs.contains(&vec![1, 0, 1]));
    }
}
