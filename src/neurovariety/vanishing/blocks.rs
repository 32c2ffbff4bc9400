//! The monomials of one degree in the live variables, grouped into the
//! blocks of the multigrading (weight, class counts).
//!
//! `I(V)` is homogeneous for each grading, so the kernel of `f -> f o mu` on
//! the degree-`d` monomials is the direct sum of its kernels on the blocks.
//! The monomials are those of a [`MonomialBasis`] (increasing graded reverse
//! lexicographic order, `c0 > c1 > ...`); a block lists the indices of its
//! monomials in that order, so within a block the last one is the largest,
//! and a vector over a block is a [`SparseVec`] over these *local* indices.

use super::parametrisation::Parametrisation;
use crate::poly::{count_monomials, MonomialBasis, SparseVec};
use crate::Error;
use std::collections::HashMap;

/// The grading key of a monomial: its weight `sum e_v n_v` and the number of
/// its variables in each class mod `tau_2`.
pub(super) type BlockKey = (usize, Vec<u16>);

/// A homogeneous polynomial over the live variables: its degree and its
/// coefficients over the [`MonomialBasis`] of that degree.
pub(super) type LivePoly<C> = (usize, SparseVec<C>);

/// One block: its key and its monomials (indices into the degree's basis),
/// increasing.
#[derive(Clone, Debug)]
pub(super) struct Block {
    pub key: BlockKey,
    pub monomials: Vec<u32>,
}

/// The monomials of one degree, split into blocks.
#[derive(Clone, Debug)]
pub(super) struct Degree {
    pub basis: MonomialBasis,
    /// Sorted by key.
    pub blocks: Vec<Block>,
    /// For each monomial of the basis: its block and its index there.
    pub place: Vec<(u32, u32)>,
    /// The block of each key.
    pub by_key: HashMap<BlockKey, usize>,
}

/// The key of a monomial.
pub(super) fn key_of(param: &Parametrisation, exps: &[u8]) -> BlockKey {
    let mut counts = vec![0u16; param.tau];
    let mut weight = 0;
    for (v, &e) in exps.iter().enumerate() {
        if e > 0 {
            weight += e as usize * param.weight(v);
            counts[param.class(v)] += e as u16;
        }
    }
    (weight, counts)
}

/// The key of `x_v` times a monomial of key `key`.
#[cfg(test)]
pub(super) fn shifted(param: &Parametrisation, key: &BlockKey, v: usize) -> BlockKey {
    let mut k = key.clone();
    k.0 += param.weight(v);
    k.1[param.class(v)] += 1;
    k
}

/// `HF(d) = sum_i h_i C(d - i + n - 1, n - 1)`: the Hilbert function in
/// degree `d` of a ring of dimension `n` with h-vector `h`; `None` on
/// overflow.
pub(super) fn hilbert_from_h_vector(h: &[u128], n: usize, d: usize) -> Option<u128> {
    let mut total: u128 = 0;
    for (i, &hi) in h.iter().enumerate().take(d + 1) {
        total = total.checked_add(hi.checked_mul(count_monomials(n, d - i)?)?)?;
    }
    Some(total)
}

impl Degree {
    /// The monomials of degree `d` in the live variables, in blocks.
    pub fn new(param: &Parametrisation, d: usize) -> Result<Self, Error> {
        let basis = MonomialBasis::new(param.num_live(), d)?;
        let mut by_key: HashMap<BlockKey, usize> = HashMap::new();
        let mut blocks: Vec<Block> = Vec::new();
        let mut place = Vec::with_capacity(basis.len());
        for (i, e) in basis.iter().enumerate() {
            let key = key_of(param, e);
            let b = *by_key.entry(key.clone()).or_insert_with(|| {
                blocks.push(Block {
                    key,
                    monomials: Vec::new(),
                });
                blocks.len() - 1
            });
            place.push((b as u32, blocks[b].monomials.len() as u32));
            blocks[b].monomials.push(i as u32);
        }
        // sort the blocks by key and renumber
        let mut order: Vec<usize> = (0..blocks.len()).collect();
        order.sort_by(|&a, &b| blocks[a].key.cmp(&blocks[b].key));
        let mut new_of = vec![0u32; blocks.len()];
        for (new, &old) in order.iter().enumerate() {
            new_of[old] = new as u32;
        }
        for p in place.iter_mut() {
            p.0 = new_of[p.0 as usize];
        }
        let mut slots: Vec<Option<Block>> = blocks.into_iter().map(Some).collect();
        let blocks: Vec<Block> = order
            .iter()
            .map(|&o| slots[o].take().expect("each block once"))
            .collect();
        let by_key = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (b.key.clone(), i))
            .collect();
        Ok(Degree {
            basis,
            blocks,
            place,
            by_key,
        })
    }

    /// The sizes of the blocks of degree `d`, without building them (for
    /// cost estimates).
    pub fn block_sizes(param: &Parametrisation, d: usize) -> Vec<usize> {
        let mut sizes: HashMap<BlockKey, usize> = HashMap::new();
        crate::poly::for_each_monomial(param.num_live(), d, |e| {
            *sizes.entry(key_of(param, e)).or_insert(0) += 1;
        });
        sizes.into_values().collect()
    }

    /// The exponents of monomial `i` of block `b`.
    pub fn exponents(&self, b: usize, i: usize) -> &[u8] {
        self.basis.exponents(self.blocks[b].monomials[i] as usize)
    }

    /// `x_v` times a vector over block `b`, as a vector over its block in
    /// `next` (the degree one higher): `(block in next, vector)`.
    pub fn times_var<C: crate::poly::Coefficient>(
        &self,
        next: &Degree,
        b: usize,
        x: &SparseVec<C>,
        v: usize,
    ) -> (usize, SparseVec<C>) {
        let monos = &self.blocks[b].monomials;
        let y = x.reindex(|i| next.place[self.basis.times_var(monos[i as usize] as usize, v)].1);
        let target = next
            .place
            .get(self.basis.times_var(monos[0] as usize, v))
            .map_or(usize::MAX, |p| p.0 as usize);
        (target, y)
    }

    /// A vector over block `b` as a vector over the whole basis.
    pub fn globalise<C: crate::poly::Coefficient>(
        &self,
        b: usize,
        x: &SparseVec<C>,
    ) -> SparseVec<C> {
        let monos = &self.blocks[b].monomials;
        x.reindex(|i| monos[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::architecture::Architecture;

    #[test]
    fn blocks_partition_the_basis_and_products_land_in_one_block() {
        let arch = Architecture::new(&[3, 2, 2], &[2, 2, 1]).unwrap();
        let param = Parametrisation::new(&arch.reduced(), arch.end_to_end_filter_size()).unwrap();
        let d2 = Degree::new(&param, 2).unwrap();
        let d3 = Degree::new(&param, 3).unwrap();
        let total: usize = d2.blocks.iter().map(|b| b.monomials.len()).sum();
        assert_eq!(total, d2.basis.len());
        for (b, block) in d2.blocks.iter().enumerate() {
            for i in 0..block.monomials.len() {
                assert_eq!(key_of(&param, d2.exponents(b, i)), block.key);
            }
            let x = SparseVec::from_dense(&vec![1u64; block.monomials.len()]);
            for v in 0..param.num_live() {
                let (t, y) = d2.times_var(&d3, b, &x, v);
                assert_eq!(d3.blocks[t].key, shifted(&param, &block.key, v));
                assert_eq!(y.len(), x.len());
            }
        }
    }
}
