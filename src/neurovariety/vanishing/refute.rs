//! Comparing a given ideal `J ⊆ I(V)` with `I(V)` one degree at a time, and
//! the witness that refutes `J = I(V)`.
//!
//! **Equality in one block** needs no lift: `dim_p J̄_B <= dim_Q J_B <=
//! dim_Q I(V)_B <= dim_p ker_B`, where `ker_B` is the kernel of the
//! evaluation matrix modulo `p` (ranks only drop modulo `p`; `J ⊆ I(V)`), so
//! `rank_p J̄_B = dim ker_B` proves `J_B = I(V)_B`.
//!
//! **A witness** when the two differ: a polynomial `f` of the block in
//! `I(V)` (a kernel vector not in `J̄_B`, lifted and verified by exact
//! expansion) and an integer functional `phi` on the block's monomials with
//! `phi(u g) = 0` for every product of a generator by a monomial landing in
//! the block and `phi(f) != 0`, both checked exactly. `phi` is a vector of
//! the canonical (reduced echelon) kernel basis of the products' matrix
//! modulo `p`, lifted by Chinese remaindering and rational reconstruction
//! over primes with the same pivots. A functional vanishing on the products
//! vanishes on their span `J_B`, so `f ∉ J`.

use super::blocks::{Degree, LivePoly};
use super::certificate::Witness;
use super::interpolate::{kernel_mod_p, lift_kernel_vectors, primitive};
use super::parametrisation::Parametrisation;
use crate::modular::{CrtVector, SparseEchelon, Zp};
use crate::poly::{MPoly, Monomial, MonomialBasis, SparseVec};
use crate::Error;
use num_bigint::BigInt;
use num_traits::Zero;
use std::collections::BTreeMap;

/// How one degree compares.
pub(super) enum Comparison {
    /// `J_e = I(V)_e` (proven).
    Equal,
    /// `J_e != I(V)_e`, with the witness.
    Refuted(Box<Witness>),
    /// Some block differs modulo every prime tried but no witness verified.
    Unknown,
}

/// The products `u g` of degree `e` landing in each block, exact (local
/// indices, increasing).
fn products(
    param: &Parametrisation,
    degree: &Degree,
    gens: &[LivePoly<BigInt>],
) -> Result<Vec<Vec<SparseVec<BigInt>>>, Error> {
    let m = param.num_live();
    let e = degree.basis.degree();
    let mut rows: Vec<Vec<SparseVec<BigInt>>> = vec![Vec::new(); degree.blocks.len()];
    let mut bases: BTreeMap<usize, MonomialBasis> = BTreeMap::new();
    let mut sum = vec![0u8; m];
    for (dg, g) in gens.iter().filter(|g| g.0 <= e) {
        if !bases.contains_key(dg) {
            bases.insert(*dg, MonomialBasis::new(m, *dg)?);
        }
        let gb = &bases[dg];
        for u in MonomialBasis::new(m, e - dg)?.iter() {
            let mut block = 0;
            let pairs: Vec<(u32, BigInt)> = g
                .iter()
                .map(|(i, c)| {
                    for ((s, x), y) in sum.iter_mut().zip(gb.exponents(i as usize)).zip(u) {
                        *s = x + y;
                    }
                    let (b, local) = degree.place[degree.basis.index_of(&sum).expect("degree e")];
                    block = b as usize;
                    (local, c.clone())
                })
                .collect();
            if !pairs.is_empty() {
                rows[block].push(SparseVec::from_pairs(pairs));
            }
        }
    }
    Ok(rows)
}

/// The rank modulo `f` of rows over `nb` columns, and the echelon (columns
/// reversed: the largest monomial first).
fn echelon(f: Zp, nb: usize, rows: &[SparseVec<BigInt>]) -> SparseEchelon<1> {
    let mut ech = SparseEchelon::new([f]).expect("a prime below 2^62");
    ech.reset(nb);
    let (mut c, mut v) = (Vec::new(), Vec::new());
    for row in rows {
        c.clear();
        v.clear();
        for (i, x) in row.iter().rev() {
            c.push((nb - 1 - i as usize) as u32);
            v.push(f.reduce(x));
        }
        ech.insert(&c, [&v]);
    }
    ech
}

/// Compares `J_e` (the generators' products) with `I(V)_e` block by block.
pub(super) fn compare_degree(
    param: &Parametrisation,
    degree: &Degree,
    gens: &[LivePoly<BigInt>],
    primes: &[Zp],
    k: usize,
) -> Result<Comparison, Error> {
    let rows = products(param, degree, gens)?;
    let f = primes[0];
    let e = degree.basis.degree();
    let mut unknown = false;
    for (b, (block, block_rows)) in degree.blocks.iter().zip(&rows).enumerate() {
        let nb = block.monomials.len();
        let seed = 0x7e_f0_7e ^ ((e as u64) << 32) ^ b as u64;
        let kernel = kernel_mod_p(param, degree, b, f, seed)?;
        let ech = echelon(f, nb, block_rows);
        if ech.rank() >= kernel.vectors.len() {
            continue;
        }
        // a kernel vector outside the products' span
        let mut probe = echelon(f, nb, block_rows);
        let outside = kernel.vectors.iter().position(|x| {
            let (c, v): (Vec<u32>, Vec<u64>) = x
                .iter()
                .rev()
                .map(|(i, &y)| ((nb - 1 - i as usize) as u32, y))
                .unzip();
            probe.insert(&c, [&v]) == Some(true)
        });
        let Some(i) = outside else {
            unknown = true;
            continue;
        };
        let Ok(lifted) = lift_kernel_vectors(param, degree, b, &kernel, &[i], primes, seed) else {
            unknown = true;
            continue;
        };
        let poly = &lifted[0];
        match functional(primes, nb, block_rows, poly) {
            Some(phi) => {
                let to_mono = |local: u32| -> Monomial {
                    let mut exps = vec![0u32; k];
                    for (v, &x) in degree.exponents(b, local as usize).iter().enumerate() {
                        exps[param.live[v]] = x as u32;
                    }
                    Monomial::new(exps)
                };
                return Ok(Comparison::Refuted(Box::new(Witness {
                    degree: e,
                    polynomial: MPoly::from_terms(
                        poly.iter().map(|(i, c)| (to_mono(i), c.clone())).collect(),
                    ),
                    functional: phi.iter().map(|(i, c)| (to_mono(i), c.clone())).collect(),
                })));
            }
            None => unknown = true,
        }
    }
    Ok(if unknown {
        Comparison::Unknown
    } else {
        Comparison::Equal
    })
}

/// An integer functional vanishing on every row and not on `poly`, checked
/// exactly; `None` when no lift verifies.
fn functional(
    primes: &[Zp],
    nb: usize,
    rows: &[SparseVec<BigInt>],
    poly: &SparseVec<BigInt>,
) -> Option<SparseVec<BigInt>> {
    // the canonical kernel basis of the rows modulo one prime
    let kernel = |f: Zp| -> Option<Vec<Vec<u64>>> {
        let ech = echelon(f, nb, rows);
        let basis: Vec<Vec<u64>> = (0..nb)
            .filter_map(|c| ech.row(c))
            .map(|(cols, vals)| {
                let mut d = vec![0u64; nb];
                for (&c, v) in cols.iter().zip(vals) {
                    d[nb - 1 - c as usize] = v[0];
                }
                d
            })
            .collect();
        f.kernel(&basis, nb).ok()
    };
    let f0 = primes[0];
    let k0 = kernel(f0)?;
    let pivots = |k: &[Vec<u64>]| -> Vec<usize> {
        k.iter()
            .map(|x| x.iter().rposition(|&v| v != 0).unwrap_or(0))
            .collect()
    };
    let dot_p = |f: Zp, phi: &[u64]| -> u64 {
        poly.iter().fold(0, |acc, (i, c)| {
            f.add(acc, f.mul(phi[i as usize], f.reduce(c)))
        })
    };
    let j = (0..k0.len()).find(|&j| dot_p(f0, &k0[j]) != 0)?;
    let shape = pivots(&k0);
    let mut lift = CrtVector::new(k0[j].clone(), f0);
    for &ft in &primes[1..] {
        let Some(kt) = kernel(ft) else { continue };
        if pivots(&kt) != shape {
            continue;
        }
        lift.add(&kt[j], ft).ok()?;
        let Some(q) = lift.reconstruct() else {
            continue;
        };
        let phi = primitive(&q);
        let dense: Vec<BigInt> = {
            let mut d = vec![BigInt::zero(); nb];
            for (i, c) in phi.iter() {
                d[i as usize] = c.clone();
            }
            d
        };
        let dot = |r: &SparseVec<BigInt>| -> BigInt {
            r.iter().map(|(i, c)| c * &dense[i as usize]).sum()
        };
        if rows.iter().all(|r| dot(r).is_zero()) && !dot(poly).is_zero() {
            return Some(phi);
        }
    }
    None
}

/// A dead coordinate outside the span of the linear generators (rows of
/// integer coefficients over `c0..c{k-1}`, exact rank), as a witness.
pub(super) fn missing_dead(
    param: &Parametrisation,
    linear: &[Vec<BigInt>],
    k: usize,
) -> Result<Option<Box<Witness>>, Error> {
    use crate::linalg::{rref_integer, Matrix};
    let (reduced, pivots) = if linear.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        rref_integer(&Matrix::from_rows(linear.to_vec())?)
    };
    for &c in &param.dead {
        // c_c is in the span iff the reduced rows reach it: test the unit vector
        let mut x = vec![BigInt::zero(); k];
        x[c] = BigInt::from(1);
        for (row, &p) in reduced.iter().zip(&pivots) {
            if !x[p].is_zero() {
                let a = x[p].clone();
                let piv = row[p].clone();
                for (xi, ri) in x.iter_mut().zip(row) {
                    *xi = &*xi * &piv - &a * ri;
                }
            }
        }
        if x.iter().all(|v| v.is_zero()) {
            continue;
        }
        // the functional: the remainder's non-pivot support is orthogonal to
        // the rows' span only after projection; take phi = e_j for a free
        // column j where the remainder is non-zero, corrected on the pivots
        let j = (0..k)
            .find(|&j| !x[j].is_zero() && !pivots.contains(&j))
            .expect("a free column");
        // phi(row_i) = 0: phi = e_j - sum_i (row_i[j] / row_i[p_i]) e_{p_i}, scaled
        let mut den = BigInt::from(1);
        for (row, &p) in reduced.iter().zip(&pivots) {
            if !row[j].is_zero() {
                den *= &row[p];
            }
        }
        let mut phi = vec![BigInt::zero(); k];
        phi[j] = den.clone();
        for (row, &p) in reduced.iter().zip(&pivots) {
            if !row[j].is_zero() {
                phi[p] = -(&den * &row[j]) / &row[p];
            }
        }
        let dot = |r: &[BigInt]| -> BigInt { r.iter().zip(&phi).map(|(a, b)| a * b).sum() };
        let mut unit = vec![BigInt::zero(); k];
        unit[c] = BigInt::from(1);
        if linear.iter().all(|r| dot(r).is_zero()) && !dot(&unit).is_zero() {
            let mono = |i: usize| -> Monomial {
                let mut e = vec![0u32; i + 1];
                e[i] = 1;
                Monomial::new(e)
            };
            return Ok(Some(Box::new(Witness {
                degree: 1,
                polynomial: MPoly::from_terms(vec![(mono(c), BigInt::from(1))]),
                functional: phi
                    .iter()
                    .enumerate()
                    .filter(|(_, v)| !v.is_zero())
                    .map(|(i, v)| (mono(i), v.clone()))
                    .collect(),
            })));
        }
    }
    Ok(None)
}
