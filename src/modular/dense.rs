//! Dense matrices over `Z/p`: rank, reduced row echelon form and kernel.
//!
//! A [`ModMatrix`] is stored row by row in one buffer, entries in
//! Montgomery form, so an elimination step is one Montgomery reduction per
//! entry. [`ModMatrix::rref`] is Gauss–Jordan elimination with the first
//! non-zero entry of a column as pivot; the result is the unique reduced row
//! echelon form of the row space, whatever the row order.
//!
//! A kernel basis ([`ModMatrix::kernel`]) has one vector per non-pivot column
//! `j`: `1` at `j`, `0` at the other non-pivot columns, minus column `j` of
//! the echelon form at the pivots. Read with the columns in *reverse* order,
//! it is the reduced row echelon form of the kernel (vector `j` has its
//! leading entry at `j`).
//!
//! Ranks can only drop modulo a prime, so the rank over `Z/p` of an integer
//! matrix is a lower bound for its rank over `Q`, and the kernel dimension an
//! upper bound.
//!
//! The worked example is in the documentation of `ModMatrix`.

use super::field::Zp;
use crate::Error;

/// A dense matrix over `Z/p` (entries kept in Montgomery form).
///
/// # Example
///
/// ```
/// use neurovariety::modular::{ModMatrix, Zp};
/// let f = Zp::new(101).unwrap();
/// // x + 2y + 3z = 0 and 2x + 4y + 6z = 0: rank 1, kernel of dimension 2
/// let m = ModMatrix::from_rows(f, &[vec![1, 2, 3], vec![2, 4, 6]]).unwrap();
/// assert_eq!(m.rank(), 1);
/// assert_eq!(m.kernel(), [vec![99, 1, 0], vec![98, 0, 1]]);
/// assert_eq!(f.rank(&[vec![1, 0], vec![0, 1]]).unwrap(), 2);
/// assert!(f.rank(&[vec![1, 0], vec![1]]).is_err()); // ragged rows
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModMatrix {
    field: Zp,
    nrows: usize,
    ncols: usize,
    data: Vec<u64>,
}

/// A reduced row echelon form over `Z/p`: the non-zero rows, with leading entry 1 at
/// column `pivots[i]` (increasing) and zeros in the other pivot columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rref {
    /// The rows (standard residues).
    pub rows: Vec<Vec<u64>>,
    /// The pivot column of each row.
    pub pivots: Vec<usize>,
    /// The number of columns.
    pub ncols: usize,
    field: Zp,
}

impl ModMatrix {
    /// The `nrows x ncols` zero matrix.
    pub fn zeros(field: Zp, nrows: usize, ncols: usize) -> Result<Self, Error> {
        let len = nrows.checked_mul(ncols).ok_or(Error::Overflow {
            what: "matrix size",
        })?;
        Ok(ModMatrix {
            field,
            nrows,
            ncols,
            data: vec![0; len],
        })
    }

    /// The matrix with these rows (any `u64` entries, reduced modulo `p`).
    /// Errors: [`Error::LengthMismatch`] when the rows differ in length.
    pub fn from_rows(field: Zp, rows: &[Vec<u64>]) -> Result<Self, Error> {
        let ncols = rows.first().map_or(0, Vec::len);
        if let Some((i, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != ncols) {
            return Err(Error::InvalidArgument {
                name: "rows",
                value: format!("row {i} of length {}", r.len()),
                reason: format!("every row must have the length of row 0 ({ncols})"),
            });
        }
        let mut m = Self::zeros(field, rows.len(), ncols)?;
        for (i, r) in rows.iter().enumerate() {
            for (j, &x) in r.iter().enumerate() {
                m.set(i, j, x);
            }
        }
        Ok(m)
    }

    /// The field.
    pub fn field(&self) -> Zp {
        self.field
    }

    /// Number of rows.
    pub fn nrows(&self) -> usize {
        self.nrows
    }

    /// Number of columns.
    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// Sets entry `(i, j)` to `x mod p` (panics outside the matrix, like
    /// slice indexing).
    #[inline]
    pub fn set(&mut self, i: usize, j: usize, x: u64) {
        let f = self.field;
        self.data[i * self.ncols + j] = f.to_montgomery(f.reduce_u64(x));
    }

    /// Entry `(i, j)` (a standard residue).
    pub fn get(&self, i: usize, j: usize) -> u64 {
        self.field.from_montgomery(self.data[i * self.ncols + j])
    }

    /// Row `i` (standard residues).
    pub fn row(&self, i: usize) -> Vec<u64> {
        let f = self.field;
        self.data[i * self.ncols..(i + 1) * self.ncols]
            .iter()
            .map(|&x| f.from_montgomery(x))
            .collect()
    }

    /// Gauss–Jordan elimination in place: afterwards the first `rank` rows
    /// are the reduced row echelon form (in Montgomery form) and the others
    /// zero. Returns the pivot columns.
    fn eliminate(&mut self, reduce_above: bool) -> Vec<usize> {
        let f = self.field;
        let n = self.ncols;
        let mut pivots = Vec::new();
        let mut rank = 0;
        for col in 0..n {
            if rank == self.nrows {
                break;
            }
            let Some(piv) = (rank..self.nrows).find(|&r| self.data[r * n + col] != 0) else {
                continue;
            };
            if piv != rank {
                for j in col..n {
                    self.data.swap(piv * n + j, rank * n + j);
                }
            }
            // scale the pivot row to leading entry 1
            let t = f.normaliser(self.data[rank * n + col]);
            for x in &mut self.data[rank * n + col..(rank + 1) * n] {
                *x = f.mont_mul(*x, t);
            }
            let (before, rest) = self.data.split_at_mut(rank * n);
            let (pivot_row, after) = rest.split_at_mut(n);
            let pivot_row = &pivot_row[col..];
            let reduce = |row: &mut [u64]| {
                let x = row[col];
                if x != 0 {
                    let neg = f.neg(x);
                    for (y, &pv) in row[col..].iter_mut().zip(pivot_row) {
                        *y = f.add(*y, f.mont_mul(neg, pv));
                    }
                }
            };
            for row in after.chunks_exact_mut(n) {
                reduce(row);
            }
            if reduce_above {
                for row in before.chunks_exact_mut(n) {
                    reduce(row);
                }
            }
            pivots.push(col);
            rank += 1;
        }
        pivots
    }

    /// The rank.
    pub fn rank(&self) -> usize {
        self.clone().eliminate(false).len()
    }

    /// The reduced row echelon form of the row space.
    pub fn rref(&self) -> Rref {
        let mut m = self.clone();
        let pivots = m.eliminate(true);
        Rref {
            rows: (0..pivots.len()).map(|i| m.row(i)).collect(),
            pivots,
            ncols: self.ncols,
            field: self.field,
        }
    }

    /// A basis of `{x : M x = 0}`, one vector per non-pivot column (see the
    /// module documentation).
    ///
    /// Forward elimination only (no reduction above the pivots), then back
    /// substitution for each free column: about a third of the work of the
    /// reduced form when the kernel is small. The vectors are the same as
    /// [`Rref::kernel`]'s (a kernel vector with a 1 in one non-pivot column
    /// and 0 in the others is unique).
    pub fn kernel(&self) -> Vec<Vec<u64>> {
        let f = self.field;
        let n = self.ncols;
        let mut m = self.clone();
        let pivots = m.eliminate(false);
        let mut is_pivot = vec![false; n];
        for &c in &pivots {
            is_pivot[c] = true;
        }
        let one = f.montgomery_one();
        (0..n)
            .filter(|&j| !is_pivot[j])
            .map(|j| {
                // x in Montgomery form; row i: x[p_i] = -sum_{c > p_i} a_ic x_c
                let mut x = vec![0u64; n];
                x[j] = one;
                for (i, &pc) in pivots.iter().enumerate().rev() {
                    let row = &m.data[i * n..(i + 1) * n];
                    let mut s = 0u64;
                    for c in pc + 1..n {
                        if x[c] != 0 && row[c] != 0 {
                            s = f.add(s, f.mont_mul(row[c], x[c]));
                        }
                    }
                    x[pc] = f.neg(s);
                }
                x.into_iter().map(|v| f.from_montgomery(v)).collect()
            })
            .collect()
    }
}

impl Rref {
    /// The rank.
    pub fn rank(&self) -> usize {
        self.pivots.len()
    }

    /// A basis of the kernel of the matrix, one vector per non-pivot column
    /// (see the module documentation).
    pub fn kernel(&self) -> Vec<Vec<u64>> {
        let f = self.field;
        let mut is_pivot = vec![false; self.ncols];
        for &c in &self.pivots {
            is_pivot[c] = true;
        }
        (0..self.ncols)
            .filter(|&j| !is_pivot[j])
            .map(|j| {
                let mut v = vec![0; self.ncols];
                v[j] = 1;
                for (row, &c) in self.rows.iter().zip(&self.pivots) {
                    v[c] = f.neg(row[j]);
                }
                v
            })
            .collect()
    }
}

/// Primes below this bound get [`Zp::kernel`]'s delayed reduction: products
/// of two residues are below `2^52`, so 4,095 of them fit in a `u64`
/// accumulator.
pub const SMALL_PRIME_BOUND: u64 = 1 << 26;

impl Zp {
    /// A basis of `{x : M x = 0}` for the matrix with these rows (entries
    /// reduced modulo `p`), one vector per non-pivot column with a 1 there and
    /// 0 in the other non-pivot columns (the vectors of [`ModMatrix::kernel`]).
    ///
    /// For `p <` [`SMALL_PRIME_BOUND`] the forward elimination accumulates the
    /// row updates `row += (p - x) * pivot_row` in `u64` without reducing
    /// (a 32 x 32 -> 64-bit multiply-add that vectorises), and reduces only
    /// the entries it reads and, every 4,000 pivots, the whole matrix: several
    /// times faster than Montgomery arithmetic. Larger primes use
    /// [`ModMatrix::kernel`]. Errors: [`Error::InvalidArgument`] for ragged
    /// rows.
    ///
    /// ```
    /// use neurovariety::modular::Zp;
    /// let f = Zp::new(65_521).unwrap();
    /// // x0 + x1 + x2 = 0 and x1 - x2 = 0: the kernel is spanned by (-2, 1, 1)
    /// let k = f.kernel(&[vec![1, 1, 1], vec![0, 1, 65_520]], 3).unwrap();
    /// assert_eq!(k, [vec![65_519, 1, 1]]);
    /// ```
    pub fn kernel(self, rows: &[Vec<u64>], ncols: usize) -> Result<Vec<Vec<u64>>, Error> {
        if let Some(r) = rows.iter().find(|r| r.len() != ncols) {
            return Err(Error::LengthMismatch {
                what: "matrix row",
                expected: ncols,
                found: r.len(),
            });
        }
        if self.modulus() >= SMALL_PRIME_BOUND {
            if rows.is_empty() {
                return Ok(identity(ncols));
            }
            return Ok(ModMatrix::from_rows(self, rows)?.kernel());
        }
        let p = self.modulus();
        let n = ncols;
        let mut data: Vec<u64> = rows.iter().flatten().copied().collect();
        let nrows = rows.len();
        let limit = (u64::MAX - p) / ((p - 1) * (p - 1)).max(1) - 1;
        let mut pending = 0u64;
        let mut pivots = Vec::new();
        let mut rank = 0;
        let mut piv_row = vec![0u32; n];
        for col in 0..n {
            if rank == nrows {
                break;
            }
            let mut found = None;
            for r in rank..nrows {
                let v = data[r * n + col] % p;
                data[r * n + col] = v;
                if v != 0 && found.is_none() {
                    found = Some(r);
                }
            }
            let Some(r) = found else { continue };
            if r != rank {
                for j in col..n {
                    data.swap(r * n + j, rank * n + j);
                }
            }
            // the pivot row, reduced and scaled to a leading 1
            let inv = self
                .inv(data[rank * n + col])
                .expect("a non-zero residue is invertible");
            for j in col..n {
                let v = self.mul(data[rank * n + j] % p, inv);
                data[rank * n + j] = v;
                piv_row[j] = v as u32;
            }
            let piv = &piv_row[col..];
            let (_, below) = data.split_at_mut((rank + 1) * n);
            for row in below.chunks_exact_mut(n) {
                let x = row[col]; // reduced above
                if x != 0 {
                    let neg = (p - x) as u32 as u64;
                    for (a, &b) in row[col..].iter_mut().zip(piv) {
                        *a += neg * b as u64;
                    }
                }
            }
            pending += 1;
            if pending >= limit {
                for v in below.iter_mut() {
                    *v %= p;
                }
                pending = 0;
            }
            pivots.push(col);
            rank += 1;
        }
        for v in data[..rank * n].iter_mut() {
            *v %= p;
        }
        let mut is_pivot = vec![false; n];
        for &c in &pivots {
            is_pivot[c] = true;
        }
        Ok((0..n)
            .filter(|&j| !is_pivot[j])
            .map(|j| {
                // row i: x[p_i] = -sum_{c > p_i} a_ic x_c
                let mut x = vec![0u64; n];
                x[j] = 1;
                // x is zero beyond column j, so each sum stops there; the
                // products (below 2^52) are summed 4,095 at a time unreduced
                for (i, &pc) in pivots.iter().enumerate().rev() {
                    if pc > j {
                        continue;
                    }
                    let row = &data[i * n..(i + 1) * n];
                    let mut s = 0u64;
                    for (chunk_r, chunk_x) in
                        row[pc + 1..=j].chunks(4095).zip(x[pc + 1..=j].chunks(4095))
                    {
                        let t: u64 = chunk_r.iter().zip(chunk_x).map(|(&a, &b)| a * b).sum();
                        s = (s + t % p) % p;
                    }
                    x[pc] = (p - s) % p;
                }
                x
            })
            .collect())
    }

    /// Rank of the matrix with these rows (entries reduced modulo `p`).
    /// Errors: [`Error::InvalidArgument`] when the rows differ in length.
    pub fn rank(self, rows: &[Vec<u64>]) -> Result<usize, Error> {
        Ok(ModMatrix::from_rows(self, rows)?.rank())
    }
}

/// The unit vectors of length `n`.
fn identity(n: usize) -> Vec<Vec<u64>> {
    (0..n)
        .map(|j| {
            let mut v = vec![0; n];
            v[j] = 1;
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_prime_kernels_agree_with_the_reduced_echelon_form() {
        let mut seed = 11;
        for p in [32003u64, 67_108_859] {
            let f = Zp::new(p).unwrap();
            for (nrows, ncols, rank) in [(5, 8, 3), (8, 5, 5), (6, 6, 2), (40, 30, 17), (3, 4, 0)] {
                let m = low_rank(f, nrows, ncols, rank, &mut seed);
                let fast = f.kernel(&m, ncols).unwrap();
                let slow = ModMatrix::from_rows(f, &m).unwrap().kernel();
                assert_eq!(fast, slow, "p = {p}, {nrows} x {ncols}");
            }
        }
        assert!(Zp::new(7).unwrap().kernel(&[vec![1, 2]], 3).is_err());
    }

    /// A product of random (nrows x rank) and (rank x ncols) matrices.
    fn low_rank(f: Zp, nrows: usize, ncols: usize, rank: usize, seed: &mut u64) -> Vec<Vec<u64>> {
        let p = f.modulus();
        let a: Vec<Vec<u64>> = (0..nrows)
            .map(|_| (0..rank).map(|_| lcg(seed) % p).collect())
            .collect();
        let b: Vec<Vec<u64>> = (0..rank)
            .map(|_| (0..ncols).map(|_| lcg(seed) % p).collect())
            .collect();
        a.iter()
            .map(|r| {
                (0..ncols)
                    .map(|j| (0..rank).fold(0, |s, t| f.add(s, f.mul(r[t], b[t][j]))))
                    .collect()
            })
            .collect()
    }

    /// A small deterministic generator of residues.
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *seed >> 33
    }

    #[test]
    fn kernel_vectors_are_annihilated_and_rank_nullity_holds() {
        let f = Zp::new(32003).unwrap();
        let mut seed = 7;
        for (nrows, ncols, rank) in [(5, 8, 3), (8, 5, 5), (6, 6, 2), (1, 4, 1), (4, 4, 0)] {
            let rows = low_rank(f, nrows, ncols, rank, &mut seed);
            let m = ModMatrix::from_rows(f, &rows).unwrap();
            let e = m.rref();
            assert_eq!(e.rank(), rank);
            assert_eq!(m.rank(), rank);
            let ker = m.kernel();
            assert_eq!(ker.len(), ncols - rank);
            for v in &ker {
                for r in &rows {
                    let s = r.iter().zip(v).fold(0, |s, (&x, &y)| f.add(s, f.mul(x, y)));
                    assert_eq!(s, 0);
                }
            }
            // reduced: leading ones, zeros above and below each pivot
            for (i, (row, &c)) in e.rows.iter().zip(&e.pivots).enumerate() {
                assert_eq!(row[c], 1);
                assert!(row[..c].iter().all(|&x| x == 0));
                for (k, other) in e.rows.iter().enumerate() {
                    if k != i {
                        assert_eq!(other[c], 0);
                    }
                }
            }
        }
    }

    #[test]
    fn ragged_rows_are_an_error_not_padding() {
        // regression (adversarial review): rank used to pad short rows with zeros
        let f = Zp::new(101).unwrap();
        let err = f.rank(&[vec![1, 2, 3], vec![4, 5]]).unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument { name: "rows", .. }),
            "{err}"
        );
        assert!(err.to_string().contains("row 1 of length 2"));
        assert_eq!(f.rank(&[]).unwrap(), 0);
        assert_eq!(f.rank(&[vec![], vec![]]).unwrap(), 0);
        // unreduced entries are reduced
        assert_eq!(f.rank(&[vec![101, 202], vec![1, 102]]).unwrap(), 1);
    }
}
