//! Small dense complex linear algebra in floating point: LU with partial
//! pivoting, for the Newton and Davidenko steps of path tracking.
//!
//! Matrices are row-major slices of [`Complex64`] of size `n * n`.

use num_complex::Complex64;

/// An LU factorization `P A = L U` of a square matrix (partial pivoting).
#[derive(Clone, Debug)]
pub(crate) struct Lu {
    n: usize,
    lu: Vec<Complex64>,
    perm: Vec<usize>,
}

impl Lu {
    /// Factors the `n x n` row-major matrix `a`; `None` if a pivot is zero
    /// or not finite (the matrix is singular to working precision).
    pub(crate) fn new(a: &[Complex64], n: usize) -> Option<Lu> {
        let mut lu = a.to_vec();
        let mut perm: Vec<usize> = (0..n).collect();
        for k in 0..n {
            let (p, best) = (k..n)
                .map(|i| (i, lu[i * n + k].l1_norm()))
                .fold((k, -1.0), |acc, x| if x.1 > acc.1 { x } else { acc });
            if best.is_nan() || best <= 0.0 || !best.is_finite() {
                return None;
            }
            if p != k {
                for j in 0..n {
                    lu.swap(k * n + j, p * n + j);
                }
                perm.swap(k, p);
            }
            let pivot = lu[k * n + k];
            for i in k + 1..n {
                let f = lu[i * n + k] / pivot;
                lu[i * n + k] = f;
                for j in k + 1..n {
                    let t = lu[k * n + j];
                    lu[i * n + j] -= f * t;
                }
            }
        }
        Some(Lu { n, lu, perm })
    }

    /// Solves `A x = b`.
    pub(crate) fn solve(&self, b: &[Complex64]) -> Vec<Complex64> {
        let n = self.n;
        let mut x: Vec<Complex64> = self.perm.iter().map(|&p| b[p]).collect();
        for i in 0..n {
            for j in 0..i {
                let t = self.lu[i * n + j] * x[j];
                x[i] -= t;
            }
        }
        for i in (0..n).rev() {
            for j in i + 1..n {
                let t = self.lu[i * n + j] * x[j];
                x[i] -= t;
            }
            x[i] /= self.lu[i * n + i];
        }
        x
    }

    /// The inverse matrix (row-major).
    pub(crate) fn inverse(&self) -> Vec<Complex64> {
        let n = self.n;
        let mut inv = vec![Complex64::new(0.0, 0.0); n * n];
        let mut e = vec![Complex64::new(0.0, 0.0); n];
        for j in 0..n {
            e.iter_mut().for_each(|x| *x = Complex64::new(0.0, 0.0));
            e[j] = Complex64::new(1.0, 0.0);
            let col = self.solve(&e);
            for i in 0..n {
                inv[i * n + j] = col[i];
            }
        }
        inv
    }
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

    #[test]
    fn solves_and_inverts() {
        let c = |re, im| Complex64::new(re, im);
        let a = vec![c(0.0, 0.0), c(2.0, 1.0), c(1.0, 0.0), c(3.0, -1.0)];
        let lu = Lu::new(&a, 2).unwrap();
        let x = lu.solve(&[c(1.0, 0.0), c(0.0, 1.0)]);
        // A x = b
        let b0 = a[0] * x[0] + a[1] * x[1];
        let b1 = a[2] * x[0] + a[3] * x[1];
        assert!((b0 - c(1.0, 0.0)).norm() < 1e-14 && (b1 - c(0.0, 1.0)).norm() < 1e-14);
        let inv = lu.inverse();
        let i00 = a[0] * inv[0] + a[1] * inv[2];
        assert!((i00 - c(1.0, 0.0)).norm() < 1e-14);
        assert!(Lu::new(&[c(1.0, 0.0), c(2.0, 0.0), c(2.0, 0.0), c(4.0, 0.0)], 2).is_none());
    }
}
