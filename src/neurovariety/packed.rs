//! Packed monomials and the multi-Sylvester minors over them.
//!
//! The candidate generators and the minimality test handle millions of terms.
//! When every exponent fits in `bits` bits and the `n` variables that are not
//! set to zero fit in 128 bits (`bits * n <= 128`), a monomial is one `u128`
//! whose slot `i` (bits `bits * i ..`) holds the exponent of the `i`-th
//! remaining variable. Then
//! - the product of monomials is the sum of their keys (no slot overflows as
//!   long as degrees stay at most the packing's degree bound);
//! - for monomials of the *same degree*, graded reverse lexicographic order is
//!   the *reverse* of the order of the keys (the last variable is the most
//!   significant slot, and a larger exponent there means a smaller monomial).
//!
//! Minors of a matrix whose entries are zero or single variables are computed
//! here with these keys and `i128` coefficients (a `j x j` minor has
//! coefficients of absolute value at most `j!`; overflow is detected and then
//! the caller falls back to the general code), by the same Laplace expansion
//! along columns as [`crate::linalg::for_each_minor`], emitting the non-zero
//! minors in the same order.

use crate::linalg::{count_minors, Matrix};
use crate::poly::{MPoly, Monomial};
use num_bigint::BigInt;

use super::parallel::par_map;

pub(super) use crate::poly::{FastHasher, FastMap};

/// A polynomial over packed monomials: terms in increasing key order (for a
/// homogeneous polynomial, decreasing graded reverse lexicographic order),
/// non-zero coefficients.
pub(super) type PackedPoly = Vec<(u128, i128)>;

/// A matrix entry `coefficient * variable` as `(key of the variable,
/// coefficient)`, `None` for zero.
type Entry = Option<(u128, i128)>;

/// A weight of packed monomials (see [`Packing::weight`]).
pub(super) struct Weight(Vec<[u64; 256]>);

impl Weight {
    /// The weight of a key.
    #[inline]
    pub(super) fn of(&self, key: u128) -> u64 {
        key.to_le_bytes()
            .iter()
            .zip(self.0.iter())
            .fold(0u64, |a, (&b, t)| a.wrapping_add(t[b as usize]))
    }
}

/// How monomials in the variables that are not set to zero are packed.
#[derive(Clone, Debug)]
pub(super) struct Packing {
    /// The variables with a slot, increasing.
    vars: Vec<usize>,
    /// Slot of each variable `0..k`, if any.
    slot: Vec<Option<usize>>,
    /// Bits per slot.
    bits: u32,
    /// The largest degree of a monomial (so of every exponent) that fits.
    max_degree: u64,
}

impl Packing {
    /// A packing of the variables `0..k` not in `zeroed`, for monomials of
    /// degree at most `max_degree`; `None` if they do not fit in 128 bits.
    pub(super) fn new(k: usize, zeroed: &[bool], max_degree: u64) -> Option<Packing> {
        let vars: Vec<usize> = (0..k)
            .filter(|&i| !zeroed.get(i).copied().unwrap_or(false))
            .collect();
        let bits = 64 - max_degree.max(1).leading_zeros();
        if (bits as usize).checked_mul(vars.len())? > 128 {
            return None;
        }
        let mut slot = vec![None; k];
        for (s, &v) in vars.iter().enumerate() {
            slot[v] = Some(s);
        }
        Some(Packing {
            vars,
            slot,
            bits,
            max_degree,
        })
    }

    /// The key of the variable `x_i`, `None` if it has no slot.
    pub(super) fn var(&self, i: usize) -> Option<u128> {
        let s = (*self.slot.get(i)?)?;
        Some(1u128 << (self.bits as usize * s))
    }

    /// The weight `sum_i w_i e_i` of a key (exponents `e_i`, `w` indexed by
    /// variable `0..k`), wrapping on overflow.
    pub(super) fn weight(&self, w: &[u64]) -> Weight {
        // the weight is linear in the bits of the key: tabulate it byte by byte
        let bits = self.bits as usize;
        let of_bit = |pos: usize| -> u64 {
            let weight = self
                .vars
                .get(pos / bits)
                .and_then(|&v| w.get(v))
                .copied()
                .unwrap_or(0);
            weight.wrapping_shl((pos % bits) as u32)
        };
        // only the bytes that hold slots
        let bytes = (bits * self.vars.len()).div_ceil(8);
        let mut tables = vec![[0u64; 256]; bytes];
        for (j, table) in tables.iter_mut().enumerate() {
            for byte in 1..256usize {
                let low = byte.trailing_zeros() as usize;
                table[byte] = table[byte & (byte - 1)].wrapping_add(of_bit(8 * j + low));
            }
        }
        Weight(tables)
    }

    /// The monomial of a key.
    pub(super) fn unpack(&self, key: u128) -> Monomial {
        let mask = (1u128 << self.bits) - 1;
        let mut exps = vec![0u32; self.vars.last().map_or(0, |&v| v + 1)];
        for (s, &v) in self.vars.iter().enumerate() {
            exps[v] = ((key >> (self.bits as usize * s)) & mask) as u32;
        }
        Monomial::new(exps)
    }

    /// The key of a monomial, `None` if it involves a variable without a slot
    /// or an exponent too large for a slot.
    #[cfg(test)]
    pub(super) fn pack(&self, m: &Monomial) -> Option<u128> {
        let mut key = 0u128;
        for (i, &e) in m.exps().iter().enumerate() {
            if e == 0 {
                continue;
            }
            if u64::from(e) >> self.bits != 0 {
                return None;
            }
            let s = (*self.slot.get(i)?)?;
            key |= u128::from(e) << (self.bits as usize * s);
        }
        Some(key)
    }

    /// The polynomial of packed terms (increasing keys of one degree:
    /// decreasing graded reverse lexicographic order, the canonical one, so
    /// no sorting is needed).
    pub(super) fn to_mpoly(&self, p: &[(u128, i128)]) -> MPoly<BigInt> {
        let terms: Vec<(Monomial, BigInt)> = p
            .iter()
            .map(|&(k, c)| (self.unpack(k), BigInt::from(c)))
            .collect();
        let homogeneous = p.windows(2).all(|w| w[0].0 < w[1].0)
            && terms.windows(2).all(|w| w[0].0.degree() == w[1].0.degree());
        if homogeneous {
            MPoly::from_descending_terms(terms)
        } else {
            MPoly::from_terms(terms)
        }
    }

    /// The keys of all monomials of degree `d` in the packed variables.
    pub(super) fn monomials(&self, d: u64) -> Vec<u128> {
        let n = self.vars.len();
        let mut out = Vec::new();
        if n == 0 {
            if d == 0 {
                out.push(0);
            }
            return out;
        }
        let bits = self.bits as usize;
        fn rec(bits: usize, n: usize, i: usize, left: u64, key: u128, out: &mut Vec<u128>) {
            if i + 1 == n {
                out.push(key | u128::from(left) << (bits * i));
                return;
            }
            for a in (0..=left).rev() {
                rec(
                    bits,
                    n,
                    i + 1,
                    left - a,
                    key | u128::from(a) << (bits * i),
                    out,
                );
            }
        }
        rec(bits, n, 0, d, 0, &mut out);
        out
    }
}

/// `a + s * b` (terms of `b` multiplied by the monomial `shift` and the
/// coefficient `s`), `None` on overflow.
fn add_scaled(a: &[(u128, i128)], b: &[(u128, i128)], shift: u128, s: i128) -> Option<PackedPoly> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let kb = b[j].0 + shift;
        match a[i].0.cmp(&kb) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push((kb, b[j].1.checked_mul(s)?));
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                let c = a[i].1.checked_add(b[j].1.checked_mul(s)?)?;
                if c != 0 {
                    out.push((kb, c));
                }
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    for &(k, c) in &b[j..] {
        out.push((k + shift, c.checked_mul(s)?));
    }
    Some(out)
}

/// The matrix entries as `(key, coefficient)` of a single term of degree one,
/// or `None` for zero; `None` overall if some entry is not of that form.
fn packed_entries(m: &Matrix<MPoly<BigInt>>, packing: &Packing) -> Option<Vec<Vec<Entry>>> {
    (0..m.nrows())
        .map(|r| {
            (0..m.ncols())
                .map(|c| match m.get(r, c).terms() {
                    [] => Some(None),
                    [(mono, coef)] if mono.degree() == 1 => {
                        let i = mono.exps().iter().position(|&e| e == 1)?;
                        Some(Some((packing.var(i)?, i128::try_from(coef).ok()?)))
                    }
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// A matrix whose `k x k` minors [`packed_minors`] computes.
struct PackedMatrix {
    entries: Vec<Vec<Entry>>,
    ncols: usize,
    k: usize,
}

impl PackedMatrix {
    /// `None` when the fast path does not apply: an entry that is not zero or
    /// a single term of degree one in a packed variable, minors of a degree
    /// beyond the packing's, more than 64 rows, or more than `10^7` minors (the
    /// general code reports those).
    fn new(m: &Matrix<MPoly<BigInt>>, k: usize, packing: &Packing) -> Option<Self> {
        if k as u64 > packing.max_degree
            || m.nrows() > 64
            || count_minors(m.nrows(), m.ncols(), k) > 10_000_000
        {
            return None;
        }
        Some(PackedMatrix {
            entries: packed_entries(m, packing)?,
            ncols: m.ncols(),
            k,
        })
    }

    /// The subtrees of the depth-first search over column subsets: one per
    /// first column (or a single one when `k = 0`).
    fn tasks(&self) -> usize {
        if self.k > self.entries.len() || self.k > self.ncols {
            0
        } else if self.k == 0 {
            1
        } else {
            self.ncols - self.k + 1
        }
    }

    /// The primitive parts of the non-zero minors of subtree `t`, in order;
    /// `None` on a coefficient overflow.
    fn run(&self, t: usize) -> Option<Vec<PackedPoly>> {
        let root: FastMap<u64, PackedPoly> = [(0u64, vec![(0u128, 1i128)])].into_iter().collect();
        let mut out = Vec::new();
        if self.k == 0 {
            dfs(&self.entries, self.ncols, 0, 0, 0, &root, &mut out)?;
        } else {
            let next = extend(&self.entries, &root, t, 0)?;
            dfs(&self.entries, self.ncols, self.k, t + 1, 1, &next, &mut out)?;
        }
        Some(out.into_iter().map(primitive).collect())
    }
}

/// For each `(m, k)`, the primitive parts of the non-zero `k x k` minors of
/// `m`, in the order of [`crate::linalg::for_each_minor`], as packed
/// polynomials; computed in parallel. `None` when the fast path does not
/// apply to some matrix (see [`PackedMatrix::new`]) or a coefficient
/// overflows.
pub(super) fn packed_minors(
    matrices: &[(&Matrix<MPoly<BigInt>>, usize)],
    packing: &Packing,
) -> Option<Vec<Vec<PackedPoly>>> {
    let prepared: Vec<PackedMatrix> = matrices
        .iter()
        .map(|&(m, k)| PackedMatrix::new(m, k, packing))
        .collect::<Option<_>>()?;
    let tasks: Vec<(usize, usize)> = prepared
        .iter()
        .enumerate()
        .flat_map(|(i, m)| (0..m.tasks()).map(move |t| (i, t)))
        .collect();
    // threads only pay off beyond a few thousand minors
    let minors: u128 = matrices
        .iter()
        .map(|&(m, k)| count_minors(m.nrows(), m.ncols(), k))
        .sum();
    let chunk = if minors < 4096 { tasks.len() } else { 1 };
    let results = par_map(&tasks, chunk, |&(i, t)| prepared[i].run(t));
    let mut out: Vec<Vec<PackedPoly>> = vec![Vec::new(); prepared.len()];
    for (&(i, _), r) in tasks.iter().zip(results) {
        out[i].extend(r?);
    }
    Some(out)
}

fn dfs(
    m: &[Vec<Entry>],
    ncols: usize,
    k: usize,
    start: usize,
    j: usize,
    memo: &FastMap<u64, PackedPoly>,
    out: &mut Vec<PackedPoly>,
) -> Option<()> {
    if j == k {
        // row subsets in lexicographic order: decreasing bit-reversed masks
        let mut found: Vec<(&u64, &PackedPoly)> = memo.iter().collect();
        found.sort_unstable_by_key(|(s, _)| std::cmp::Reverse(s.reverse_bits()));
        out.extend(found.into_iter().map(|(_, v)| v.clone()));
        return Some(());
    }
    for c in start..=(ncols - (k - j)) {
        let next = extend(m, memo, c, j)?;
        dfs(m, ncols, k, c + 1, j + 1, &next, out)?;
    }
    Some(())
}

/// Laplace expansion by one more column (see [`crate::linalg::minors_on_columns`]).
fn extend(
    m: &[Vec<Entry>],
    prev: &FastMap<u64, PackedPoly>,
    c: usize,
    j: usize,
) -> Option<FastMap<u64, PackedPoly>> {
    let mut next: FastMap<u64, PackedPoly> = FastMap::default();
    for (&s, v) in prev {
        for (r, row) in m.iter().enumerate() {
            if s >> r & 1 == 1 {
                continue;
            }
            let Some((key, coef)) = row[c] else {
                continue;
            };
            let pos = (s & ((1u64 << r) - 1)).count_ones() as usize;
            let sign = if (pos + j) % 2 == 1 { -coef } else { coef };
            let slot = next.entry(s | 1u64 << r).or_default();
            *slot = add_scaled(slot, v, key, sign)?;
        }
    }
    next.retain(|_, v| !v.is_empty());
    Some(next)
}

/// The primitive part with a positive leading coefficient (the first term is
/// the leading one in graded reverse lexicographic order).
pub(super) fn primitive(mut p: PackedPoly) -> PackedPoly {
    let mut g: u128 = 0;
    for &(_, c) in &p {
        g = gcd(g, c.unsigned_abs());
        if g == 1 {
            break;
        }
    }
    let negative = p.first().is_some_and(|&(_, c)| c < 0);
    if g == 0 || (g == 1 && !negative) {
        return p;
    }
    // g divides every |c| <= i128::MAX, so it fits in i128
    let g = i128::try_from(g).unwrap_or(1);
    let g = if negative { -g } else { g };
    for t in p.iter_mut() {
        t.1 /= g;
    }
    p
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::linalg::for_each_minor;

    #[test]
    fn packed_order_is_reverse_grevlex() {
        use crate::poly::MonomialOrder;
        let p = Packing::new(5, &[false, true, false, false, false], 3).unwrap();
        let ms = p.monomials(3);
        assert_eq!(ms.len(), 20);
        for w in ms.windows(2) {
            let (a, b) = (p.unpack(w[0]), p.unpack(w[1]));
            assert_eq!(p.pack(&a), Some(w[0]));
            let ord = MonomialOrder::GRevLex.cmp(&a, &b);
            assert_eq!(ord, w[1].cmp(&w[0]), "{a:?} {b:?}");
        }
    }

    #[test]
    fn weights_are_linear_in_the_exponents() {
        let p = Packing::new(6, &[false, true, false, false, false, false], 7).unwrap();
        let w = [3u64, 100, 5, 7, 11, 1 << 40];
        let weight = p.weight(&w);
        for m in p.monomials(7) {
            let e = p.unpack(m);
            let expected: u64 = (0..6).map(|i| u64::from(e.exp(i)) * w[i]).sum();
            assert_eq!(weight.of(m), expected, "{e:?}");
        }
    }

    #[test]
    fn packed_minors_match_the_general_ones() {
        // a symbolic 3 x 5 Sylvester-like matrix with some zero entries
        let x = |i: usize| MPoly::<BigInt>::var(i).unwrap();
        let z = MPoly::<BigInt>::zero;
        let m = Matrix::from_rows(vec![
            vec![x(0), x(1), x(2), z(), z()],
            vec![z(), x(0), x(1), x(2), z()],
            vec![x(3), x(4), x(5), x(6), x(3)],
        ])
        .unwrap();
        let p = Packing::new(7, &[false; 7], 3).unwrap();
        let mut general = Vec::new();
        for_each_minor(&m, 3, |mi| {
            if !mi.value.is_zero() {
                general.push(mi.value.primitive_part());
            }
        })
        .unwrap();
        let packed = packed_minors(&[(&m, 3), (&m, 2)], &p).unwrap();
        let first: Vec<MPoly<BigInt>> = packed[0].iter().map(|v| p.to_mpoly(v)).collect();
        assert_eq!(general, first);
        let mut pairs = 0;
        for_each_minor(&m, 2, |mi| pairs += usize::from(!mi.value.is_zero())).unwrap();
        assert_eq!(packed[1].len(), pairs);
    }
}
