//! Zassenhaus recombination: true factors from subsets of the p-adic factors.
//!
//! Let `f` be square-free and primitive with `f(0) != 0`, `b = lc(f)`, and
//! `f = b f_1 ... f_r (mod M)` with monic lifted factors `f_j`. Every
//! irreducible factor `g` of `f` over Z is, modulo `M`, `lc(g)` times the
//! product of the `f_j` in some subset `S`. When `M > 2 B` with `B` a bound on
//! the coefficients of `b/lc(g) * g` (Landau–Mignotte), the symmetric residue
//! of `b prod_{j in S} f_j mod M` *is* `b/lc(g) * g`, whose primitive part is
//! `g`. The subsets are tried by increasing size up to half of the factors
//! left, first cheaply (the constant term must divide `b f(0)`), then by exact
//! trial division of `b f`. A candidate is accepted only if it divides, so the
//! result is a true factorization; trying the smallest subsets first makes
//! every accepted factor irreducible, and what is left when no subset of at
//! most half the remaining factors divides is irreducible too.
//!
//! The number of subsets grows like `2^(r-1)`; [`super::knapsack`] replaces
//! this search by lattice reduction when `r` is large.

use super::gcd::primitive_part;
use super::hensel::{symmetric, z_mod, z_mul, ZPoly};
use super::univariate::UPoly;
use crate::Error;
use num_bigint::BigInt;
use num_traits::{One, Zero};
use std::collections::HashSet;

/// Zassenhaus recombination of the lifted monic factors (coefficients in
/// `[0, M)`) of the square-free primitive `f` with `f(0) != 0`.
pub(super) fn zassenhaus(
    mut f: UPoly<BigInt>,
    lifted: Vec<ZPoly>,
    m: &BigInt,
) -> Result<Vec<UPoly<BigInt>>, Error> {
    let sym = |c: &BigInt| symmetric(c, m);
    let mut t: Vec<ZPoly> = lifted;
    let mut out = Vec::new();
    let mut s = 1;
    'outer: while 2 * s <= t.len() {
        let b = f.leading_coeff().cloned().unwrap_or_else(BigInt::one);
        let bf = f.scale(&b);
        let bf0 = bf.coeff(0);
        let consts: Vec<BigInt> = t
            .iter()
            .map(|g| g.first().cloned().unwrap_or_default())
            .collect();
        let mut idx: Vec<usize> = (0..s).collect();
        loop {
            // constant-term test
            let c0 = sym(&idx.iter().fold(b.clone(), |acc, &i| (acc * &consts[i]) % m));
            if !c0.is_zero() && (&bf0 % &c0).is_zero() {
                let prod = idx
                    .iter()
                    .fold(vec![b.clone()], |acc, &i| z_mod(&z_mul(&acc, &t[i]), m));
                let cand = UPoly::new(prod.iter().map(&sym).collect());
                if bf.exact_div(&cand).is_ok() {
                    let u = primitive_part(&cand);
                    f = f.exact_div(&u).map_err(|_| {
                        Error::internal("recombination: inconsistent trial division")
                    })?;
                    f = primitive_part(&f);
                    out.push(u);
                    let chosen: HashSet<usize> = idx.iter().copied().collect();
                    t = t
                        .into_iter()
                        .enumerate()
                        .filter(|(i, _)| !chosen.contains(i))
                        .map(|(_, g)| g)
                        .collect();
                    continue 'outer;
                }
            }
            if !next_combination(&mut idx, t.len()) {
                break;
            }
        }
        s += 1;
    }
    if f.degree().unwrap_or(0) > 0 {
        out.push(f);
    }
    Ok(out)
}

/// Advances `idx` (strictly increasing indices below `n`) to the next
/// combination in lexicographic order; `false` after the last one.
fn next_combination(idx: &mut [usize], n: usize) -> bool {
    let k = idx.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if idx[i] < n - k + i {
            idx[i] += 1;
            for j in i + 1..k {
                idx[j] = idx[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combinations() {
        let mut idx = vec![0, 1];
        let mut n = 1;
        while next_combination(&mut idx, 4) {
            n += 1;
        }
        assert_eq!(n, 6);
    }
}
