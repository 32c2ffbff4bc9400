//! Sparse vectors over a [`MonomialBasis`]: homogeneous polynomials as
//! (monomial index, coefficient) pairs, so that products by variables stay in
//! index space.
//!
//! A [`SparseVec`] holds strictly increasing indices with non-zero
//! coefficients; with the indices of a [`MonomialBasis`] (increasing graded
//! reverse lexicographic order) the last entry is the leading term. The same
//! type serves residues modulo a prime (`SparseVec<u64>`) and exact integer
//! coefficients (`SparseVec<BigInt>`).
//!
//! ```
//! use neurovariety::poly::{MonomialBasis, SparseVec};
//! let b1 = MonomialBasis::new(2, 1).unwrap(); // x1 < x0
//! let b2 = MonomialBasis::new(2, 2).unwrap(); // x1^2 < x0 x1 < x0^2
//! let f = SparseVec::from_pairs(vec![(1, 3i64), (0, -1)]); // 3 x0 - x1
//! let g = f.times_var(&b1, 0); // 3 x0^2 - x0 x1
//! assert_eq!(g.indices(), &[1, 2]);
//! assert_eq!(b2.exponents(g.leading().unwrap().0 as usize), &[2, 0]);
//! ```

use super::monomial_basis::MonomialBasis;

/// Strictly increasing monomial indices with non-zero coefficients.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SparseVec<C> {
    idx: Vec<u32>,
    val: Vec<C>,
}

/// What counts as a zero coefficient (dropped by the constructors).
pub trait Coefficient: Clone {
    /// `true` for zero.
    fn is_zero_coefficient(&self) -> bool;
}

impl Coefficient for u64 {
    fn is_zero_coefficient(&self) -> bool {
        *self == 0
    }
}

impl Coefficient for i64 {
    fn is_zero_coefficient(&self) -> bool {
        *self == 0
    }
}

impl Coefficient for num_bigint::BigInt {
    fn is_zero_coefficient(&self) -> bool {
        num_traits::Zero::is_zero(self)
    }
}

impl<C: Coefficient> SparseVec<C> {
    /// The empty (zero) vector.
    pub fn new() -> Self {
        SparseVec {
            idx: Vec::new(),
            val: Vec::new(),
        }
    }

    /// From `(index, coefficient)` pairs in any order, each index at most
    /// once; zero coefficients are dropped.
    pub fn from_pairs(mut pairs: Vec<(u32, C)>) -> Self {
        pairs.sort_unstable_by_key(|p| p.0);
        debug_assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0));
        let (idx, val) = pairs
            .into_iter()
            .filter(|(_, c)| !c.is_zero_coefficient())
            .unzip();
        SparseVec { idx, val }
    }

    /// From a dense vector (entry `i` at index `i`), dropping zeros.
    pub fn from_dense(dense: &[C]) -> Self {
        let (idx, val) = dense
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.is_zero_coefficient())
            .map(|(i, c)| (i as u32, c.clone()))
            .unzip();
        SparseVec { idx, val }
    }

    /// The indices, increasing.
    pub fn indices(&self) -> &[u32] {
        &self.idx
    }

    /// The coefficients, in the order of [`SparseVec::indices`].
    pub fn values(&self) -> &[C] {
        &self.val
    }

    /// The entries `(index, coefficient)`, increasing.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (u32, &C)> + ExactSizeIterator + Clone + '_ {
        self.idx.iter().copied().zip(self.val.iter())
    }

    /// Number of non-zero entries.
    pub fn len(&self) -> usize {
        self.idx.len()
    }

    /// `true` for the zero vector.
    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }

    /// The last (leading) entry.
    pub fn leading(&self) -> Option<(u32, &C)> {
        Some((*self.idx.last()?, self.val.last()?))
    }

    /// The product by the variable `x_v`, for a vector over `basis`: a
    /// vector over the basis of the next degree (same variables).
    pub fn times_var(&self, basis: &MonomialBasis, v: usize) -> SparseVec<C> {
        SparseVec {
            idx: self
                .idx
                .iter()
                .map(|&i| basis.times_var(i as usize, v) as u32)
                .collect(),
            val: self.val.clone(),
        }
    }

    /// The same indices with coefficients mapped by `f` (zeros dropped).
    pub fn map<D: Coefficient>(&self, mut f: impl FnMut(&C) -> D) -> SparseVec<D> {
        let (idx, val) = self
            .iter()
            .map(|(i, c)| (i, f(c)))
            .filter(|(_, c)| !c.is_zero_coefficient())
            .unzip();
        SparseVec { idx, val }
    }

    /// The same coefficients with indices mapped by the increasing function
    /// `f` (e.g. from a block's indices to a basis' or back).
    pub fn reindex(&self, mut f: impl FnMut(u32) -> u32) -> SparseVec<C> {
        let idx: Vec<u32> = self.idx.iter().map(|&i| f(i)).collect();
        debug_assert!(idx.windows(2).all(|w| w[0] < w[1]));
        SparseVec {
            idx,
            val: self.val.clone(),
        }
    }
}
