//! Sparse row echelon forms over `Z/p`, for several primes at once.
//!
//! A [`SparseEchelon`] keeps a basis of a row space with one row per pivot
//! column; rows are inserted one at a time and the echelon says whether the
//! new row was independent of the rows before it (then it is stored, reduced).
//! This is the shape of Macaulay-matrix computations: when the columns are
//! monomials in decreasing order, a row's pivot is its leading monomial, and
//! the many rows with distinct leading monomials (multiples `m g` with
//! distinct `m lt(g)`) are stored without any reduction.
//!
//! - **dense accumulator**: a row that needs reducing is scattered into a
//!   dense array whose non-zero columns are tracked by a bit set, with lazily
//!   reduced Montgomery arithmetic ([`Zp::lazy_mul`]);
//! - **several primes at once** (`N` lanes): one elimination carries the
//!   residues modulo `N` primes and takes the same decisions for all, unless
//!   a value vanishes modulo some primes only. Then the lanes *diverge*,
//!   [`SparseEchelon::insert`] returns `None`, and the caller starts over with
//!   one prime per echelon (a single lane never diverges).
//!
//! Entries are used as they are: since only zero versus non-zero decides
//! independence, standard residues serve as well as Montgomery forms (a
//! Montgomery product is a non-zero multiple of the true product).
//!
//! The worked example is in the documentation of `SparseEchelon`.

use super::field::Zp;
use crate::Error;

const NONE: u32 = u32::MAX;

/// Sparse row echelon bases over `Z/p` for `N` primes at once, all with the
/// same pivots: every row starts at its own pivot column, whose entry is
/// `R mod p` (the Montgomery form of 1) in each lane.
///
/// The lanes take the same decisions (which column is zero, which row is new)
/// unless a value vanishes modulo some primes but not others; then the lanes
/// diverge and [`SparseEchelon::insert`] gives up (`None`). Otherwise each
/// lane performs exactly the elimination a single-prime echelon would, so the
/// verdicts are the same.
///
/// A row that needs reducing is scattered into a dense accumulator whose
/// non-zero columns are marked in a bit set; columns are then visited in
/// increasing order (the entries a pivot row adds all lie after its pivot).
/// Accumulator entries are kept in `[0, 2p)` and reduced when read.
///
/// # Example
///
/// ```
/// use neurovariety::modular::{SparseEchelon, Zp};
/// let p = Zp::new(1_000_000_007).unwrap();
/// let mut e = SparseEchelon::new([p]).unwrap();
/// e.reset(3);
/// assert_eq!(e.insert(&[0, 2], [&[1, 2]]), Some(true)); // x0 + 2 x2
/// assert_eq!(e.insert(&[1, 2], [&[1, 1]]), Some(true)); // x1 + x2
/// assert_eq!(e.insert(&[0, 2], [&[3, 6]]), Some(false)); // 3 (x0 + 2 x2)
/// assert_eq!(e.rank(), 2);
/// ```
pub struct SparseEchelon<const N: usize> {
    f: [Zp; N],
    /// Row index of each pivot column, or [`NONE`].
    pivot: Vec<u32>,
    /// Row `i` is `cols[start[i]..start[i + 1]]` with `vals` alike.
    start: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<[u64; N]>,
    /// The accumulator (zero outside `marks` between calls).
    dense: Vec<[u64; N]>,
    /// Bit `c` set if column `c` of the accumulator may be non-zero.
    marks: Vec<u64>,
}

/// Whether all lanes are zero (`Some(false)`), none is (`Some(true)`), or
/// they disagree (`None`).
#[inline(always)]
fn nonzero<const N: usize>(x: &[u64; N]) -> Option<bool> {
    let zeros = x.iter().filter(|&&v| v == 0).count();
    if zeros == 0 {
        Some(true)
    } else if zeros == N {
        Some(false)
    } else {
        None
    }
}

impl<const N: usize> SparseEchelon<N> {
    /// An empty echelon for these primes. Errors: [`Error::InvalidArgument`]
    /// for a prime `>= 2^62` (the lazy arithmetic needs `p < 2^62`).
    pub fn new(primes: [Zp; N]) -> Result<Self, Error> {
        if let Some(p) = primes.iter().find(|p| !p.supports_lazy()) {
            return Err(Error::InvalidArgument {
                name: "prime",
                value: p.modulus().to_string(),
                reason: "the sparse echelon needs an odd prime below 2^62".into(),
            });
        }
        Ok(SparseEchelon {
            f: primes,
            pivot: Vec::new(),
            start: vec![0],
            cols: Vec::new(),
            vals: Vec::new(),
            dense: Vec::new(),
            marks: Vec::new(),
        })
    }

    /// Empties the basis for `ncols` columns (the accumulator is already zero).
    pub fn reset(&mut self, ncols: usize) {
        self.pivot.clear();
        self.pivot.resize(ncols, NONE);
        self.start.truncate(1);
        self.cols.clear();
        self.vals.clear();
        if self.dense.len() < ncols {
            self.dense.resize(ncols, [0; N]);
            self.marks.resize(ncols.div_ceil(64), 0);
        }
    }

    /// The number of rows stored.
    pub fn rank(&self) -> usize {
        self.start.len() - 1
    }

    /// `true` when column `c` is the pivot of a stored row.
    pub fn is_pivot(&self, c: usize) -> bool {
        self.pivot.get(c).is_some_and(|&r| r != NONE)
    }

    /// The stored row whose pivot is column `c`: its columns (increasing,
    /// starting at `c`) and, lane by lane, its values as standard residues,
    /// scaled so that the pivot entry is 1; `None` when `c` is not a pivot.
    ///
    /// ```
    /// use neurovariety::modular::{SparseEchelon, Zp};
    /// let p = Zp::new(101).unwrap();
    /// let mut e = SparseEchelon::new([p]).unwrap();
    /// e.reset(3);
    /// e.insert(&[0, 2], [&[2, 4]]); // 2 x0 + 4 x2
    /// let (cols, vals) = e.row(0).unwrap();
    /// assert_eq!((cols, vals), (&[0u32, 2][..], vec![[1], [2]]));
    /// ```
    pub fn row(&self, c: usize) -> Option<(&[u32], Vec<[u64; N]>)> {
        let r = *self.pivot.get(c)?;
        if r == NONE {
            return None;
        }
        let (s, e) = (self.start[r as usize], self.start[r as usize + 1]);
        let vals = self.vals[s..e]
            .iter()
            .map(|v| std::array::from_fn(|l| self.f[l].from_montgomery(v[l])))
            .collect();
        Some((&self.cols[s..e], vals))
    }

    /// Appends a row (first entry non-zero in every lane, at a column without
    /// pivot), scaled to pivot entry `R mod p`.
    fn push(&mut self, entries: impl Iterator<Item = (u32, [u64; N])>, lead: (u32, [u64; N])) {
        let f = self.f;
        let t: [u64; N] = std::array::from_fn(|l| f[l].normaliser(lead.1[l]));
        self.pivot[lead.0 as usize] = (self.start.len() - 1) as u32;
        for (c, v) in entries {
            self.cols.push(c);
            self.vals
                .push(std::array::from_fn(|l| f[l].mont_mul(v[l], t[l])));
        }
        self.start.push(self.cols.len());
    }

    /// Reduces the row (columns increasing and below the `ncols` of
    /// [`SparseEchelon::reset`], values reduced, zeros allowed; `vals[l]` for
    /// lane `l`) and stores it if it is independent; returns whether it was,
    /// or `None` if the lanes diverged (the basis is then unusable until
    /// [`SparseEchelon::reset`]).
    pub fn insert(&mut self, cols: &[u32], vals: [&[u64]; N]) -> Option<bool> {
        debug_assert!(cols.windows(2).all(|w| w[0] < w[1]));
        let entry = |i: usize| -> [u64; N] { std::array::from_fn(|l| vals[l][i]) };
        let mut first = None;
        for i in 0..cols.len() {
            if nonzero(&entry(i))? {
                first = Some(i);
                break;
            }
        }
        let Some(first) = first else {
            return Some(false);
        };
        let lead = (cols[first], entry(first));
        if self.pivot[lead.0 as usize] == NONE {
            let entries = (first..cols.len())
                .map(|i| (cols[i], entry(i)))
                .filter(|(_, v)| v.iter().any(|&x| x != 0));
            self.push(entries, lead);
            return Some(true);
        }
        let f = self.f;
        let SparseEchelon {
            pivot,
            start,
            cols: rcols,
            vals: rvals,
            dense,
            marks,
            ..
        } = self;
        for (i, &c) in cols.iter().enumerate().skip(first) {
            let c = c as usize;
            dense[c] = entry(i);
            marks[c >> 6] |= 1 << (c & 63);
        }
        let mut w = lead.0 as usize >> 6;
        while w < marks.len() {
            // bits below the current column are already cleared
            while marks[w] != 0 {
                let c = (w << 6) | marks[w].trailing_zeros() as usize;
                let d = std::mem::replace(&mut dense[c], [0; N]);
                let x: [u64; N] = std::array::from_fn(|l| f[l].lazy_reduce(d[l]));
                let Some(nz) = nonzero(&x) else {
                    self.clear();
                    return None;
                };
                if nz {
                    let r = pivot[c];
                    if r == NONE {
                        dense[c] = x;
                        self.gather(c);
                        return Some(true);
                    }
                    // dense += (p - x) * row r / R; the pivot entry R cancels x
                    let neg: [u64; N] = std::array::from_fn(|l| f[l].modulus() - x[l]);
                    let (s, e) = (start[r as usize] + 1, start[r as usize + 1]);
                    for (&pc, pv) in rcols[s..e].iter().zip(&rvals[s..e]) {
                        let pc = pc as usize;
                        let d = &mut dense[pc];
                        for l in 0..N {
                            d[l] = f[l].lazy_add(d[l], f[l].lazy_mul(neg[l], pv[l]));
                        }
                        marks[pc >> 6] |= 1 << (pc & 63);
                    }
                }
                marks[w] &= !(1 << (c & 63));
            }
            w += 1;
        }
        Some(false)
    }

    /// Zeroes the accumulator.
    pub fn clear(&mut self) {
        for (w, bits) in self.marks.iter_mut().enumerate() {
            let mut b = std::mem::take(bits);
            while b != 0 {
                self.dense[(w << 6) | b.trailing_zeros() as usize] = [0; N];
                b &= b - 1;
            }
        }
    }

    /// Moves the accumulator (from its first non-zero column `c`, which has no
    /// pivot and is non-zero in every lane) into a new row and clears it.
    fn gather(&mut self, c: usize) {
        let f = self.f;
        let mut entries: Vec<(u32, [u64; N])> = Vec::new();
        for w in c >> 6..self.marks.len() {
            let mut bits = std::mem::take(&mut self.marks[w]);
            while bits != 0 {
                let col = (w << 6) | bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let d = std::mem::replace(&mut self.dense[col], [0; N]);
                let v: [u64; N] = std::array::from_fn(|l| f[l].lazy_reduce(d[l]));
                if v.iter().any(|&x| x != 0) {
                    entries.push((col as u32, v));
                }
            }
        }
        let lead = entries[0];
        self.push(entries.into_iter(), lead);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modular::large_primes;

    fn primes() -> [Zp; 2] {
        let mut it = large_primes().map(|p| Zp::new(p).unwrap());
        [it.next().unwrap(), it.next().unwrap()]
    }

    #[test]
    fn echelon_detects_dependence() {
        let p = primes()[0];
        let mut e = SparseEchelon::new([p]).unwrap();
        e.reset(5);
        let q = p.modulus();
        assert_eq!(e.insert(&[0, 2], [&[1, 2]]), Some(true));
        assert_eq!(e.insert(&[0, 1], [&[1, 1]]), Some(true));
        // (0, 1, -2) = second - first
        assert_eq!(e.insert(&[1, 2], [&[1, q - 2]]), Some(false));
        assert_eq!(e.insert(&[1, 3], [&[1, 5]]), Some(true));
        // 3 * first
        assert_eq!(e.insert(&[0, 1, 2], [&[3, 0, 6]]), Some(false));
        assert_eq!(e.insert(&[], [&[]]), Some(false));
        assert_eq!(e.insert(&[4], [&[0]]), Some(false));
        assert_eq!(e.rank(), 3);
        assert!(e.is_pivot(0) && e.is_pivot(1) && e.is_pivot(2) && !e.is_pivot(3));
    }

    #[test]
    fn lanes_agree_or_diverge() {
        let [p, r] = primes();
        let (q, s) = (p.modulus(), r.modulus());
        let mut e = SparseEchelon::new([p, r]).unwrap();
        e.reset(4);
        assert_eq!(e.insert(&[0, 1], [&[1, 2], &[1, 2]]), Some(true));
        assert_eq!(e.insert(&[0, 1], [&[2, 4], &[2, 4]]), Some(false));
        // x0 + (2 + q) x1 is a multiple of the first row modulo q only
        assert_eq!(e.insert(&[0, 1], [&[1, 2], &[1, (2 + q) % s]]), None);
        e.clear();
        e.reset(4);
        // a leading coefficient zero modulo one prime only
        assert_eq!(e.insert(&[2], [&[0], &[1]]), None);
    }

    #[test]
    fn primes_too_large_for_lazy_arithmetic_are_refused() {
        let big = Zp::new(9_223_372_036_854_775_783).unwrap();
        assert!(SparseEchelon::new([big]).is_err());
    }
}
