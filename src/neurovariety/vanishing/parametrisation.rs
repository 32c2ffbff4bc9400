//! The parametrisation `mu` restricted to the coordinates that can be
//! non-zero, and the gradings of `I(V)`.
//!
//! With the reduced architecture `kappa_1..kappa_R` at dilations
//! `tau_1 | ... | tau_R` (`docs/mathematics.md`, section 2),
//!
//! ```text
//! c_n o mu = sum over (i_1..i_R), i_j < kappa_j, sum_j i_j tau_j = n, of prod_j w_{j, i_j}.
//! ```
//!
//! A coordinate with no such tuple is identically zero on `V` (a *dead*
//! coordinate: a linear generator `c_n` of `I(V)`); the others are the *live*
//! variables of the interpolation. Every term of `c_n o mu` has coefficient 1
//! and is a product of one weight per level, so a monomial `m` of degree `d`
//! in the live variables composes to a polynomial `m o mu` of degree `d` in
//! each level's weights. Weight monomials are packed into a `u128`, `bits`
//! bits per weight variable, so multiplying monomials is adding keys.
//!
//! Gradings (section 4b): `wt(c_n) = n`, and, when the reduced architecture
//! has a second level at dilation `tau_2`, the class `n mod tau_2`.

use super::super::packed::FastMap;
use crate::architecture::ReducedArchitecture;
use crate::modular::Zp;
use crate::poly::{MPoly, MonomialBasis, SparseVec};
use crate::Error;
use num_bigint::BigInt;
use std::collections::HashMap;

/// `mu` on the live coordinates.
#[derive(Clone, Debug)]
pub(super) struct Parametrisation {
    /// The coordinate index `n` of each live variable, increasing.
    pub live: Vec<usize>,
    /// The dead coordinates (identically zero on `V`), increasing.
    pub dead: Vec<usize>,
    /// For each live variable, its terms as lists of weight-variable indices
    /// (one per level).
    pub terms: Vec<Vec<Vec<usize>>>,
    /// For each live variable, its terms as packed weight monomials.
    pub packed: Vec<Vec<u128>>,
    /// Number of weight variables `sum_j kappa_j`.
    pub num_weights: usize,
    /// The reduced filter sizes `kappa_1..kappa_R` (level `j`'s weights are
    /// the variables `sum_{i<j} kappa_i ..`).
    pub sizes: Vec<usize>,
    /// The dilations `tau_1..tau_R`.
    pub dilations: Vec<usize>,
    /// Bits per weight variable in a packed monomial.
    pub bits: u32,
    /// The class modulus `tau_2` (1 for a single level).
    pub tau: usize,
}

impl Parametrisation {
    /// Builds `mu` for a reduced architecture with end-to-end size `k`.
    pub fn new(reduced: &ReducedArchitecture, k: usize) -> Result<Self, Error> {
        let sizes = reduced.filter_sizes();
        let dil = reduced.dilations();
        let total: usize = sizes
            .iter()
            .try_fold(1usize, |a, &s| a.checked_mul(s))
            .unwrap_or(usize::MAX);
        if total > crate::limits::MAX_PARAMETRISATION_TERMS {
            return Err(Error::too_large_fixed(
                "number of terms of the parametrisation (product of the reduced filter sizes)",
                total as u128,
                crate::limits::MAX_PARAMETRISATION_TERMS,
            ));
        }
        let num_weights: usize = sizes.iter().sum();
        let bits = (128 / num_weights.max(1)).min(16) as u32;
        let offsets: Vec<usize> = sizes
            .iter()
            .scan(0, |acc, &s| {
                let o = *acc;
                *acc += s;
                Some(o)
            })
            .collect();
        let mut by_coordinate: Vec<Vec<Vec<usize>>> = vec![Vec::new(); k];
        let mut idx = vec![0usize; sizes.len()];
        'tuples: loop {
            let n: usize = idx.iter().zip(dil).map(|(&i, &t)| i * t).sum();
            let vars: Vec<usize> = idx.iter().zip(&offsets).map(|(&i, &o)| o + i).collect();
            if n < k {
                by_coordinate[n].push(vars);
            }
            for j in 0..sizes.len() {
                idx[j] += 1;
                if idx[j] < sizes[j] {
                    continue 'tuples;
                }
                idx[j] = 0;
            }
            break;
        }
        let (mut live, mut dead, mut terms) = (Vec::new(), Vec::new(), Vec::new());
        for (n, t) in by_coordinate.into_iter().enumerate() {
            if t.is_empty() {
                dead.push(n);
            } else {
                live.push(n);
                terms.push(t);
            }
        }
        let packed = terms
            .iter()
            .map(|ts| {
                ts.iter()
                    .map(|vars| vars.iter().map(|&v| 1u128 << (bits as usize * v)).sum())
                    .collect()
            })
            .collect();
        Ok(Parametrisation {
            live,
            dead,
            terms,
            packed,
            num_weights,
            sizes: sizes.to_vec(),
            dilations: dil.to_vec(),
            bits,
            tau: dil.get(1).copied().unwrap_or(1),
        })
    }

    /// Number of live variables.
    pub fn num_live(&self) -> usize {
        self.live.len()
    }

    /// The live variable of each live coordinate (dead coordinates absent).
    pub(crate) fn live_index(&self) -> HashMap<usize, usize> {
        self.live.iter().enumerate().map(|(v, &c)| (c, v)).collect()
    }

    /// The terms of the form `poly` of degree `basis.degree()` in the live
    /// variables (`live_of` from [`Parametrisation::live_index`]), indexed in
    /// `basis`; terms with a dead coordinate are dropped (they vanish on `V`,
    /// and modulo the dead coordinates once those are among the equations).
    pub(crate) fn live_terms(
        live_of: &HashMap<usize, usize>,
        poly: &MPoly<BigInt>,
        basis: &MonomialBasis,
    ) -> SparseVec<BigInt> {
        let mut e = vec![0u8; basis.vars()];
        let mut pairs = Vec::new();
        'terms: for (mono, c) in poly.terms() {
            e.iter_mut().for_each(|x| *x = 0);
            for (i, &x) in mono.exps().iter().enumerate() {
                if x > 0 {
                    let Some(&v) = live_of.get(&i) else {
                        continue 'terms;
                    };
                    e[v] = x as u8;
                }
            }
            pairs.push((basis.index_of(&e).expect("degree d") as u32, c.clone()));
        }
        SparseVec::from_pairs(pairs)
    }

    /// The largest degree `d` for which packed keys of `d`-fold products
    /// cannot carry between weight variables.
    pub fn max_packed_degree(&self) -> usize {
        (1usize << self.bits) - 1
    }

    /// The weight `n` of live variable `v`.
    pub fn weight(&self, v: usize) -> usize {
        self.live[v]
    }

    /// The class `n mod tau_2` of live variable `v`.
    pub fn class(&self, v: usize) -> usize {
        self.live[v] % self.tau
    }

    /// The values of the live coordinates at a point `w` of weights (mod `p`).
    pub fn evaluate(&self, f: Zp, w: &[u64]) -> Vec<u64> {
        self.terms
            .iter()
            .map(|ts| {
                ts.iter().fold(0, |acc, vars| {
                    let t = vars.iter().fold(1, |a, &v| f.mul(a, w[v]));
                    f.add(acc, t)
                })
            })
            .collect()
    }

    /// `m o mu` exactly, for the monomial with exponents `exps` (live
    /// variables), as packed weight monomials with their coefficients.
    /// Coefficients are at most `prod_v |c_v o mu|^{e_v}` (all terms of
    /// `c_v o mu` have coefficient 1), which the caller bounds.
    pub fn expand(&self, exps: &[u8]) -> Vec<(u128, u128)> {
        let mut cur: Vec<(u128, u128)> = vec![(0, 1)];
        let mut map: FastMap<u128, u128> = FastMap::default();
        for (v, &e) in exps.iter().enumerate() {
            for _ in 0..e {
                map.clear();
                for &(k, c) in &cur {
                    for &t in &self.packed[v] {
                        *map.entry(k + t).or_insert(0) += c;
                    }
                }
                cur = map.drain().collect();
            }
        }
        cur
    }

    /// `prod_v |c_v o mu|^{e_v}`, the 1-norm of `m o mu`, saturating.
    pub fn expansion_norm(&self, exps: &[u8]) -> u128 {
        exps.iter().enumerate().fold(1u128, |acc, (v, &e)| {
            acc.saturating_mul((self.packed[v].len() as u128).saturating_pow(e as u32))
        })
    }
}
