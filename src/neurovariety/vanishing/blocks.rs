//! The monomials of one degree in the live variables, grouped into the
//! blocks of the multigrading (weight, class counts).
//!
//! `I(V)` is homogeneous for each grading, so the kernel of `f -> f o mu` on
//! the degree-`d` monomials is the direct sum of its kernels on the blocks.
//! Within a block the monomials are listed in *increasing* graded reverse
//! lexicographic order (`c0 > c1 > ...`): the last one is the largest.

use super::parametrisation::Parametrisation;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// A polynomial over the live variables: `(exponents, integer coefficient)`.
pub(super) type Terms = Vec<(Vec<u8>, num_bigint::BigInt)>;

/// A generator over the live variables with its degree.
pub(super) type LiveGenerator = (usize, Terms);

/// A vector over a block's monomials: `(monomial index, coefficient)`.
pub(super) type BlockVector = Vec<(usize, num_bigint::BigInt)>;

/// A polynomial modulo `p`: `(exponents, residue)`.
pub(super) type ModTerms = Vec<(Vec<u8>, u64)>;

/// The grading key of a monomial: its weight `sum e_v n_v` and the number of
/// its variables in each class mod `tau_2`.
pub(super) type BlockKey = (usize, Vec<u16>);

/// One block: its key and its monomials (exponents over the live variables),
/// increasing.
#[derive(Clone, Debug)]
pub(super) struct Block {
    pub key: BlockKey,
    pub monomials: Vec<Vec<u8>>,
}

/// Graded reverse lexicographic comparison of two monomials of one degree:
/// the larger is the one with the smaller exponent in the last variable where
/// they differ.
pub(super) fn grevlex(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a.iter().zip(b).rev() {
        if x != y {
            return y.cmp(x);
        }
    }
    Ordering::Equal
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

/// Number of monomials of degree `d` in `m` variables, `C(m + d - 1, d)`,
/// or `None` when it does not fit in a `u128`.
pub(super) fn count_monomials(m: usize, d: usize) -> Option<u128> {
    let mut c: u128 = 1;
    for i in 0..d {
        c = c.checked_mul((m + i) as u128)? / (i as u128 + 1);
    }
    Some(c)
}

/// `HF(d) = sum_i h_i C(d - i + n - 1, n - 1)`: the Hilbert function in
/// degree `d` of a ring of dimension `n` with h-vector `h`; `None` on
/// overflow.
pub(super) fn hilbert_from_h_vector(h: &[u128], n: usize, d: usize) -> Option<u128> {
    let mut total: u128 = 0;
    for (i, &hi) in h.iter().enumerate().take(d + 1) {
        let c = if n == 0 {
            u128::from(d == i)
        } else {
            count_monomials(n, d - i)?
        };
        total = total.checked_add(hi.checked_mul(c)?)?;
    }
    Some(total)
}

/// All monomials of degree `d` in `m` variables (exponent vectors), in
/// lexicographic enumeration order; `[[]]` for `m = d = 0`.
pub(super) fn monomials(m: usize, d: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut exps = vec![0u8; m];
    enumerate(m, d, 0, &mut exps, &mut |e| out.push(e.to_vec()));
    out
}

impl Block {
    /// The position of each monomial in [`Block::monomials`].
    pub fn index(&self) -> HashMap<&[u8], usize> {
        self.monomials
            .iter()
            .enumerate()
            .map(|(i, m)| (m.as_slice(), i))
            .collect()
    }
}

/// All blocks of degree `d`, sorted by key.
pub(super) fn blocks(param: &Parametrisation, d: usize) -> Vec<Block> {
    let mut map: BTreeMap<BlockKey, Vec<Vec<u8>>> = BTreeMap::new();
    for e in monomials(param.num_live(), d) {
        map.entry(key_of(param, &e)).or_default().push(e);
    }
    map.into_iter()
        .map(|(key, mut monomials)| {
            monomials.sort_by(|a, b| grevlex(a, b));
            Block { key, monomials }
        })
        .collect()
}

fn enumerate(m: usize, left: usize, v: usize, exps: &mut [u8], f: &mut impl FnMut(&[u8])) {
    if v + 1 == m || m == 0 {
        if m > 0 {
            exps[v] = left as u8;
        }
        if m > 0 || left == 0 {
            f(exps);
        }
        if m > 0 {
            exps[v] = 0;
        }
        return;
    }
    for e in 0..=left {
        exps[v] = e as u8;
        enumerate(m, left - e, v + 1, exps, f);
    }
    exps[v] = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_order() {
        assert_eq!(count_monomials(3, 2), Some(6));
        assert_eq!(count_monomials(16, 6), Some(54264));
        // x0^2 > x0 x1 > x1^2 > x0 x2 > x1 x2 > x2^2 in grevlex
        let mut v = vec![
            vec![0u8, 0, 2],
            vec![2, 0, 0],
            vec![0, 1, 1],
            vec![1, 1, 0],
            vec![1, 0, 1],
            vec![0, 2, 0],
        ];
        v.sort_by(|a, b| grevlex(a, b));
        assert_eq!(
            v,
            vec![
                vec![0, 0, 2],
                vec![0, 1, 1],
                vec![1, 0, 1],
                vec![0, 2, 0],
                vec![1, 1, 0],
                vec![2, 0, 0]
            ]
        );
    }
}
