//! Eigenvalues of a small real symmetric matrix (cyclic Jacobi), for the
//! Morse index of a real critical point.
//!
//! The Jacobi method applies plane rotations `A <- G^T A G`, each chosen to
//! annihilate one off-diagonal pair; the sum of squares of the off-diagonal
//! entries decreases at every rotation and the diagonal converges to the
//! eigenvalues (quadratically, once the off-diagonal part is small). It is
//! backward stable: the computed eigenvalues are those of `A + E` with
//! `|E| ~ eps |A|`, so their signs are reliable unless an eigenvalue is
//! within `~ eps |A|` of zero.

/// The eigenvalues of the symmetric `n x n` row-major matrix `a`, ascending.
pub(crate) fn symmetric_eigenvalues(a: &[f64], n: usize) -> Vec<f64> {
    let mut m = a.to_vec();
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

#[cfg(test)]
mod tests {
    use super::symmetric_eigenvalues;

    #[test]
    fn known_spectra() {
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3
        let e = symmetric_eigenvalues(&[2.0, 1.0, 1.0, 2.0], 2);
        assert!((e[0] - 1.0).abs() < 1e-12 && (e[1] - 3.0).abs() < 1e-12);
        // tridiagonal (-1, 2, -1) of size 3: 2 - sqrt2, 2, 2 + sqrt2
        let a = [2.0, -1.0, 0.0, -1.0, 2.0, -1.0, 0.0, -1.0, 2.0];
        let e = symmetric_eigenvalues(&a, 3);
        let s = std::f64::consts::SQRT_2;
        for (x, y) in e.iter().zip([2.0 - s, 2.0, 2.0 + s]) {
            assert!((x - y).abs() < 1e-12, "{x} {y}");
        }
        // an indefinite one: [[0, 1], [1, 0]] -> -1, 1
        let e = symmetric_eigenvalues(&[0.0, 1.0, 1.0, 0.0], 2);
        assert!((e[0] + 1.0).abs() < 1e-12 && (e[1] - 1.0).abs() < 1e-12);
    }
}
