//! The crate's one module of floating-point dense linear algebra: LU with
//! partial pivoting (Newton and Davidenko steps of path tracking, Krawczyk
//! preconditioners, Levenberg–Marquardt steps), a kernel by complete
//! pivoting (start points of monodromy on strata) and the eigenvalues of a
//! real symmetric matrix (Morse indices). It also holds [`Tolerance`], the
//! explicit tolerance every floating-point API of the crate takes (re-exported
//! as `neurovariety::Tolerance`).
//!
//! # Why a module of our own
//!
//! The matrices met here are small (the gradient system of a network has
//! `N = 1 + sum (k_l - 1)` unknowns: 3 to about 40) and are factored millions
//! of times. Measured against nalgebra 0.33 and faer 0.20 on this machine
//! (`docs/benchmarks.md`, "Dense linear algebra"), an LU solve of a complex
//! `n x n` system with `n <= 24` written out here on row-major slices, with
//! the factorisation done in place in a caller's buffer, was as fast as or
//! faster than both, and it allocates nothing; the libraries pay for dynamic
//! dimensions and (faer) for blocking designed for large matrices. So the
//! crate keeps one small module and no dependency.
//!
//! # The mathematics
//!
//! **LU.** Gaussian elimination with partial pivoting computes `P A = L U`;
//! it is backward stable in practice (growth factor small for the matrices
//! met here) and a pivot that is zero or not finite means `A` is singular to
//! working precision, reported as `None`/`false`.
//!
//! **Kernel.** Elimination with complete pivoting reduces `A` (`r x c`) to
//! `r'` pivot columns; pivots below `1e-10 max |a_ij|` count as zero. A
//! kernel vector takes arbitrary values on the free columns and solves for
//! the pivot columns.
//!
//! **Symmetric eigenvalues.** The cyclic Jacobi method applies plane
//! rotations `A <- G^T A G`, each annihilating one off-diagonal pair; the
//! off-diagonal mass decreases at every rotation and converges quadratically.
//! It is backward stable, so the signs of the computed eigenvalues are
//! reliable unless an eigenvalue is within `~ eps |A|` of zero.
//!
//! Matrices are row-major slices of length `n * n`.

use crate::Error;
use num_complex::Complex64;

/// A positive finite tolerance: the crate's explicit tolerance type for
/// floating-point APIs (relative unless a function says otherwise).
///
/// ```
/// use neurovariety::Tolerance;
/// assert_eq!(Tolerance::new(1e-9).unwrap().value(), 1e-9);
/// assert!(Tolerance::new(0.0).is_err());
/// assert!(Tolerance::new(f64::NAN).is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
#[must_use]
pub struct Tolerance(f64);

impl Tolerance {
    /// A tolerance; [`Error::InvalidTolerance`] unless `value` is finite and `> 0`.
    pub fn new(value: f64) -> Result<Self, Error> {
        if value.is_finite() && value > 0.0 {
            Ok(Tolerance(value))
        } else {
            Err(Error::InvalidTolerance {
                value: value.to_string(),
            })
        }
    }

    /// The value.
    #[must_use]
    pub fn value(self) -> f64 {
        self.0
    }
}

/// Factors the `n x n` row-major matrix `a` in place into `P A = L U`
/// (unit lower `L` below the diagonal, `U` on and above it), recording the
/// row permutation in `perm`. `false` if a pivot is zero or not finite (the
/// matrix is singular to working precision); `a` is then garbage.
pub(crate) fn lu_in_place(a: &mut [Complex64], n: usize, perm: &mut [usize]) -> bool {
    debug_assert!(a.len() >= n * n && perm.len() >= n);
    for (i, p) in perm.iter_mut().enumerate().take(n) {
        *p = i;
    }
    for k in 0..n {
        let mut p = k;
        let mut best = -1.0;
        for i in k..n {
            let v = a[i * n + k].l1_norm();
            if v > best {
                best = v;
                p = i;
            }
        }
        if best.is_nan() || best <= 0.0 || !best.is_finite() {
            return false;
        }
        if p != k {
            for j in 0..n {
                a.swap(k * n + j, p * n + j);
            }
            perm.swap(k, p);
        }
        let inv = a[k * n + k].inv();
        let (top, bottom) = a.split_at_mut((k + 1) * n);
        let pivot_row = &top[k * n + k + 1..k * n + n];
        for row in bottom.chunks_exact_mut(n).take(n - k - 1) {
            let f = row[k] * inv;
            row[k] = f;
            if f.re == 0.0 && f.im == 0.0 {
                continue;
            }
            for (x, &u) in row[k + 1..].iter_mut().zip(pivot_row) {
                *x -= f * u;
            }
        }
    }
    true
}

/// Solves `A x = b` in place (`b` becomes `x`) from the factors of
/// [`lu_in_place`]; `tmp` is scratch of length `n`.
pub(crate) fn lu_solve_in_place(
    lu: &[Complex64],
    n: usize,
    perm: &[usize],
    b: &mut [Complex64],
    tmp: &mut [Complex64],
) {
    for i in 0..n {
        tmp[i] = b[perm[i]];
    }
    for i in 0..n {
        let row = &lu[i * n..i * n + i];
        let mut s = tmp[i];
        for (l, x) in row.iter().zip(&tmp[..i]) {
            s -= l * x;
        }
        tmp[i] = s;
    }
    for i in (0..n).rev() {
        let row = &lu[i * n + i + 1..i * n + n];
        let mut s = tmp[i];
        for (u, x) in row.iter().zip(&tmp[i + 1..n]) {
            s -= u * x;
        }
        tmp[i] = s / lu[i * n + i];
    }
    b[..n].copy_from_slice(&tmp[..n]);
}

/// An LU factorization `P A = L U` of a square complex matrix, owning its
/// storage (for callers outside inner loops).
#[derive(Clone, Debug)]
pub(crate) struct Lu {
    n: usize,
    lu: Vec<Complex64>,
    perm: Vec<usize>,
}

impl Lu {
    /// Factors the `n x n` row-major matrix `a`; `None` if it is singular to
    /// working precision.
    pub(crate) fn new(a: &[Complex64], n: usize) -> Option<Lu> {
        let mut lu = a[..n * n].to_vec();
        let mut perm = vec![0; n];
        lu_in_place(&mut lu, n, &mut perm).then_some(Lu { n, lu, perm })
    }

    /// Solves `A x = b`.
    pub(crate) fn solve(&self, b: &[Complex64]) -> Vec<Complex64> {
        let mut x = b.to_vec();
        let mut tmp = vec![Complex64::new(0.0, 0.0); self.n];
        lu_solve_in_place(&self.lu, self.n, &self.perm, &mut x, &mut tmp);
        x
    }

    /// The inverse matrix (row-major).
    pub(crate) fn inverse(&self) -> Vec<Complex64> {
        let n = self.n;
        let mut inv = vec![Complex64::new(0.0, 0.0); n * n];
        let mut e = vec![Complex64::new(0.0, 0.0); n];
        let mut tmp = vec![Complex64::new(0.0, 0.0); n];
        for j in 0..n {
            e.iter_mut().for_each(|x| *x = Complex64::new(0.0, 0.0));
            e[j] = Complex64::new(1.0, 0.0);
            lu_solve_in_place(&self.lu, n, &self.perm, &mut e, &mut tmp);
            for i in 0..n {
                inv[i * n + j] = e[i];
            }
        }
        inv
    }
}

/// Solves the square system `a x = b` (`a` row-major `n x n`, `n = b.len()`)
/// by LU; `None` when singular to working precision or the solution is not
/// finite.
pub(crate) fn solve(a: &[Complex64], b: &[Complex64]) -> Option<Vec<Complex64>> {
    let x = Lu::new(a, b.len())?.solve(b);
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// A kernel vector of the `rows x cols` row-major matrix `a`: entries drawn
/// by `free` on the columns that complete pivoting leaves without a pivot,
/// the pivot columns solved for. Pivots below `1e-10 max |a_ij|` count as
/// zero, so matrices that drop rank numerically are handled.
pub(crate) fn kernel_vector(
    a: &[Complex64],
    rows: usize,
    cols: usize,
    mut free: impl FnMut() -> Complex64,
) -> Vec<Complex64> {
    let mut m: Vec<Vec<Complex64>> = (0..rows)
        .map(|r| a[r * cols..(r + 1) * cols].to_vec())
        .collect();
    let scale = a
        .iter()
        .map(|x| x.norm())
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut pivots: Vec<(usize, usize)> = Vec::new(); // (row, column)
    let mut used = vec![false; cols];
    for row in 0..rows {
        let mut best = (0.0, row, 0);
        for (r, mr) in m.iter().enumerate().skip(row) {
            for (c, x) in mr.iter().enumerate() {
                if !used[c] && x.norm() > best.0 {
                    best = (x.norm(), r, c);
                }
            }
        }
        if best.0 <= 1e-10 * scale {
            break;
        }
        m.swap(row, best.1);
        let c = best.2;
        used[c] = true;
        let piv = m[row][c];
        let prow = m[row].clone();
        for (r, mr) in m.iter_mut().enumerate() {
            if r != row {
                let f = mr[c] / piv;
                if f.norm() > 0.0 {
                    for (x, p) in mr.iter_mut().zip(&prow) {
                        *x -= f * p;
                    }
                }
            }
        }
        pivots.push((row, c));
    }
    let mut g = vec![Complex64::new(0.0, 0.0); cols];
    for (c, gc) in g.iter_mut().enumerate() {
        if !used[c] {
            *gc = free();
        }
    }
    for &(row, c) in &pivots {
        let s: Complex64 = (0..cols)
            .filter(|&j| !used[j])
            .map(|j| m[row][j] * g[j])
            .sum();
        g[c] = -s / m[row][c];
    }
    g
}

/// The eigenvalues of the symmetric `n x n` row-major matrix `a`, ascending
/// (cyclic Jacobi).
pub(crate) fn symmetric_eigenvalues(a: &[f64], n: usize) -> Vec<f64> {
    let mut m = a[..n * n].to_vec();
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| m[i * n + j] * m[i * n + j])
            .sum();
        let diag: f64 = (0..n).map(|i| m[i * n + i] * m[i * n + i]).sum();
        if off <= 1e-30 * diag.max(f64::MIN_POSITIVE) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = m[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (m[q * n + q] - m[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..n {
                    let (x, y) = (m[r * n + p], m[r * n + q]);
                    m[r * n + p] = c * x - s * y;
                    m[r * n + q] = s * x + c * y;
                }
                for r in 0..n {
                    let (x, y) = (m[p * n + r], m[q * n + r]);
                    m[p * n + r] = c * x - s * y;
                    m[q * n + r] = s * x + c * y;
                }
            }
        }
    }
    let mut ev: Vec<f64> = (0..n).map(|i| m[i * n + i]).collect();
    ev.sort_by(f64::total_cmp);
    ev
}

/// The largest `|re| + |im|` of a component: the max norm up to a factor
/// `sqrt 2`, without square roots.
pub(crate) fn max_norm(v: &[Complex64]) -> f64 {
    v.iter().map(|z| z.l1_norm()).fold(0.0, f64::max)
}

/// [`max_norm`] of the componentwise difference.
pub(crate) fn max_dist(a: &[Complex64], b: &[Complex64]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).l1_norm())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(re: f64, im: f64) -> Complex64 {
        Complex64::new(re, im)
    }

    #[test]
    fn solves_and_inverts() {
        let a = vec![c(0.0, 0.0), c(2.0, 1.0), c(1.0, 0.0), c(3.0, -1.0)];
        let lu = Lu::new(&a, 2).unwrap();
        let x = lu.solve(&[c(1.0, 0.0), c(0.0, 1.0)]);
        let b0 = a[0] * x[0] + a[1] * x[1];
        let b1 = a[2] * x[0] + a[3] * x[1];
        assert!((b0 - c(1.0, 0.0)).norm() < 1e-14 && (b1 - c(0.0, 1.0)).norm() < 1e-14);
        let inv = lu.inverse();
        let i00 = a[0] * inv[0] + a[1] * inv[2];
        let i01 = a[0] * inv[1] + a[1] * inv[3];
        assert!((i00 - c(1.0, 0.0)).norm() < 1e-14 && i01.norm() < 1e-14);
        assert!(Lu::new(&[c(1.0, 0.0), c(2.0, 0.0), c(2.0, 0.0), c(4.0, 0.0)], 2).is_none());
        assert!(solve(&[c(f64::NAN, 0.0)], &[c(1.0, 0.0)]).is_none());
    }

    #[test]
    fn kernel_of_a_rank_one_matrix() {
        // [[1, 2, 3], [2, 4, 6]] has a 2-dimensional kernel
        let a = [1.0, 2.0, 3.0, 2.0, 4.0, 6.0].map(|x| c(x, 0.0));
        let mut k = 0.0;
        let g = kernel_vector(&a, 2, 3, || {
            k += 1.0;
            c(k, -k)
        });
        for r in 0..2 {
            let s: Complex64 = (0..3).map(|j| a[r * 3 + j] * g[j]).sum();
            assert!(s.norm() < 1e-12);
        }
        assert!(max_norm(&g) > 0.5);
    }

    #[test]
    fn known_spectra() {
        let e = symmetric_eigenvalues(&[2.0, 1.0, 1.0, 2.0], 2);
        assert!((e[0] - 1.0).abs() < 1e-12 && (e[1] - 3.0).abs() < 1e-12);
        let a = [2.0, -1.0, 0.0, -1.0, 2.0, -1.0, 0.0, -1.0, 2.0];
        let e = symmetric_eigenvalues(&a, 3);
        let s = std::f64::consts::SQRT_2;
        for (x, y) in e.iter().zip([2.0 - s, 2.0, 2.0 + s]) {
            assert!((x - y).abs() < 1e-12, "{x} {y}");
        }
        let e = symmetric_eigenvalues(&[0.0, 1.0, 1.0, 0.0], 2);
        assert!((e[0] + 1.0).abs() < 1e-12 && (e[1] - 1.0).abs() < 1e-12);
    }
}
