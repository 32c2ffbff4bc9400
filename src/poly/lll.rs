//! Exact LLL reduction of integer lattices (integral LLL).
//!
//! A basis `b_1, ..., b_n` of a lattice in `Z^m` with Gram–Schmidt vectors
//! `b*_i` and coefficients `mu_ij = <b_i, b*_j> / <b*_j, b*_j>` is
//! **LLL-reduced** with parameter `delta` (`1/4 < delta <= 1`) if
//! `|mu_ij| <= 1/2` for `j < i` and `||b*_i||^2 >= (delta - mu_{i,i-1}^2) ||b*_{i-1}||^2`.
//! Lenstra, Lenstra and Lovász showed that swapping neighbours that violate the
//! second condition and size-reducing terminates after a number of swaps
//! polynomial in `n` and the bit size of the basis (each swap lowers
//! `prod_i d_i` by a factor `delta`).
//!
//! The implementation is the integral version (de Weger; Cohen, *A Course in
//! Computational Algebraic Number Theory*, Algorithm 2.6.7): it never stores a
//! rational number. It keeps the Gram determinants `d_i = det(<b_j, b_k>)_{j,k <= i}`
//! (`d_0 = 1`, `||b*_i||^2 = d_i / d_{i-1}`) and `lambda_ij = d_j mu_ij`,
//! which are integers, and every division in the update formulas is exact. So
//! the result is exact: the Gram–Schmidt norms of the reduced basis are the
//! rational numbers `d_i / d_{i-1}`, which the knapsack recombination uses to
//! *prove* that short vectors lie in the span of the first basis vectors
//! ([`Lll::span_containing_vectors_up_to`]).
//!
//! The example factors a polynomial whose recombination goes through this
//! reduction (the degree-16 Swinnerton-Dyer polynomial, irreducible over Q but
//! a product of at least 8 factors modulo every prime); that case is the worked
//! example in the documentation of `factor_integer`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

/// An LLL-reduced basis with its exact Gram–Schmidt data.
#[derive(Clone, Debug)]
pub(crate) struct Lll {
    /// The reduced basis vectors (rows).
    pub(crate) basis: Vec<Vec<BigInt>>,
    /// `d[0] = 1` and `d[i]` the Gram determinant of the first `i` vectors.
    d: Vec<BigInt>,
}

/// The rows are linearly dependent (LLL needs a basis).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Dependent;

fn dot(a: &[BigInt], b: &[BigInt]) -> BigInt {
    a.iter()
        .zip(b)
        .filter(|(x, y)| !x.is_zero() && !y.is_zero())
        .map(|(x, y)| x * y)
        .sum()
}

/// `round(a / b)` for `b > 0` (halves rounded up).
fn round_div(a: &BigInt, b: &BigInt) -> BigInt {
    (a * BigInt::from(2) + b).div_floor(&(b * BigInt::from(2)))
}

impl Lll {
    /// LLL-reduces linearly independent integer `rows` with
    /// `delta = delta_num / delta_den` (`1/4 < delta <= 1`).
    pub(crate) fn reduce(
        rows: Vec<Vec<BigInt>>,
        delta_num: u32,
        delta_den: u32,
    ) -> Result<Self, Dependent> {
        let n = rows.len();
        let mut b = rows;
        let mut d = vec![BigInt::zero(); n + 1];
        d[0] = BigInt::from(1);
        if n == 0 {
            return Ok(Lll { basis: b, d });
        }
        let (dn, dd) = (BigInt::from(delta_num), BigInt::from(delta_den));
        // lam[i][j] for j < i
        let mut lam: Vec<Vec<BigInt>> = (0..n).map(|i| vec![BigInt::zero(); i]).collect();
        d[1] = dot(&b[0], &b[0]);
        if d[1].is_zero() {
            return Err(Dependent);
        }
        let mut k = 1;
        let mut kmax = 0;
        while k < n {
            if k > kmax {
                kmax = k;
                for j in 0..=k {
                    let mut u = dot(&b[k], &b[j]);
                    for i in 0..j {
                        u = (&d[i + 1] * &u - &lam[k][i] * &lam[j][i]) / &d[i];
                    }
                    if j < k {
                        lam[k][j] = u;
                    } else {
                        if u.is_zero() {
                            return Err(Dependent);
                        }
                        d[k + 1] = u;
                    }
                }
            }
            size_reduce(&mut b, &mut lam, &d, k, k - 1);
            let l = &lam[k][k - 1];
            if &dd * &d[k + 1] * &d[k - 1] < &dn * &d[k] * &d[k] - &dd * l * l {
                swap(&mut b, &mut lam, &mut d, k, kmax);
                k = (k - 1).max(1);
            } else {
                for l in (0..k - 1).rev() {
                    size_reduce(&mut b, &mut lam, &d, k, l);
                }
                k += 1;
            }
        }
        Ok(Lll { basis: b, d })
    }

    /// The largest `s` such that every vector of the lattice of squared norm
    /// `<= bound_sq` lies in the span of the first `s` basis vectors: `s` is
    /// the last index with `||b*_s||^2 <= bound_sq` (0 if there is none).
    /// Proof: if `v = sum_{i <= t} c_i b_i` with `c_t != 0`, then
    /// `||v|| >= |c_t| ||b*_t|| >= ||b*_t||`.
    pub(crate) fn span_containing_vectors_up_to(&self, bound_sq: &BigInt) -> usize {
        (1..self.d.len())
            .rev()
            .find(|&i| self.d[i] <= bound_sq * &self.d[i - 1])
            .unwrap_or(0)
    }
}

/// Size-reduces `b_k` against `b_l` (`l < k`): `|mu_kl| <= 1/2` afterwards.
fn size_reduce(b: &mut [Vec<BigInt>], lam: &mut [Vec<BigInt>], d: &[BigInt], k: usize, l: usize) {
    if BigInt::from(2) * lam[k][l].abs() <= d[l + 1] {
        return;
    }
    let q = round_div(&lam[k][l], &d[l + 1]);
    let (lo, hi) = b.split_at_mut(k);
    for (x, y) in hi[0].iter_mut().zip(&lo[l]) {
        if !y.is_zero() {
            *x -= &q * y;
        }
    }
    lam[k][l] -= &q * &d[l + 1];
    let (lo, hi) = lam.split_at_mut(k);
    for (x, y) in hi[0].iter_mut().zip(&lo[l]).take(l) {
        if !y.is_zero() {
            *x -= &q * y;
        }
    }
}

/// Swaps `b_{k-1}` and `b_k` and updates the Gram–Schmidt data (Cohen's SWAPI).
fn swap(b: &mut [Vec<BigInt>], lam: &mut [Vec<BigInt>], d: &mut [BigInt], k: usize, kmax: usize) {
    b.swap(k, k - 1);
    let (lo, hi) = lam.split_at_mut(k);
    lo[k - 1][..k - 1].swap_with_slice(&mut hi[0][..k - 1]);
    let l = lam[k][k - 1].clone();
    let big_b = (&d[k - 1] * &d[k + 1] + &l * &l) / &d[k];
    for row in lam.iter_mut().take(kmax + 1).skip(k + 1) {
        let t = row[k].clone();
        row[k] = (&d[k + 1] * &row[k - 1] - &l * &t) / &d[k];
        row[k - 1] = (&big_b * &t + &l * &row[k]) / &d[k + 1];
    }
    d[k] = big_b;
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_rational::BigRational;

    fn rows(v: &[&[i64]]) -> Vec<Vec<BigInt>> {
        v.iter()
            .map(|r| r.iter().map(|&x| BigInt::from(x)).collect())
            .collect()
    }

    /// Exact Gram–Schmidt over Q: squared norms of `b*_i` and the `mu_ij`.
    fn gram_schmidt(b: &[Vec<BigInt>]) -> (Vec<BigRational>, Vec<Vec<BigRational>>) {
        let q = |x: &BigInt| BigRational::from_integer(x.clone());
        let mut star: Vec<Vec<BigRational>> = Vec::new();
        let mut norms = Vec::new();
        let mut mu = Vec::new();
        for bi in b {
            let mut v: Vec<BigRational> = bi.iter().map(q).collect();
            let mut row = Vec::new();
            for (j, sj) in star.iter().enumerate() {
                let m: BigRational = bi
                    .iter()
                    .zip(sj)
                    .map(|(x, y)| q(x) * y)
                    .sum::<BigRational>()
                    / &norms[j];
                for (a, s) in v.iter_mut().zip(sj) {
                    *a -= &m * s;
                }
                row.push(m);
            }
            norms.push(v.iter().map(|x| x * x).sum());
            star.push(v);
            mu.push(row);
        }
        (norms, mu)
    }

    fn assert_reduced(b: &[Vec<BigInt>], delta: BigRational) {
        let (norms, mu) = gram_schmidt(b);
        let half = BigRational::new(1.into(), 2.into());
        for i in 0..b.len() {
            for (j, m) in mu[i].iter().enumerate() {
                assert!(m.abs() <= half, "size reduction at ({i}, {j})");
            }
            if i > 0 {
                let m = &mu[i][i - 1];
                assert!(
                    norms[i] >= (&delta - m * m) * &norms[i - 1],
                    "Lovász at {i}"
                );
            }
        }
    }

    #[test]
    fn reduces_and_keeps_the_lattice() {
        // a knapsack-style lattice: identity plus one big column
        let b = rows(&[
            &[1, 0, 0, 0, 123456789],
            &[0, 1, 0, 0, 987654321],
            &[0, 0, 1, 0, 555555555],
            &[0, 0, 0, 1, 314159265],
            &[0, 0, 0, 0, 1000000007],
        ]);
        let det_before = gram_schmidt(&b)
            .0
            .iter()
            .fold(BigRational::from_integer(1.into()), |a, x| a * x);
        let r = Lll::reduce(b, 99, 100).unwrap();
        assert_reduced(&r.basis, BigRational::new(99.into(), 100.into()));
        // same Gram determinant (unimodular change of basis)
        let (norms, _) = gram_schmidt(&r.basis);
        let det_after = norms
            .iter()
            .fold(BigRational::from_integer(1.into()), |a, x| a * x);
        assert_eq!(det_before, det_after);
        // the exact Gram determinants agree with the rational Gram–Schmidt
        let mut acc = BigRational::from_integer(1.into());
        for (i, nrm) in norms.iter().enumerate() {
            acc *= nrm;
            assert_eq!(BigRational::from_integer(r.d[i + 1].clone()), acc);
        }
    }

    #[test]
    fn dependent_rows_are_refused() {
        let b = rows(&[&[1, 2, 3], &[2, 4, 6]]);
        assert_eq!(Lll::reduce(b, 3, 4).unwrap_err(), Dependent);
    }

    #[test]
    fn short_vector_cut() {
        // lattice spanned by (1, 1, 0) (short) and (0, 0, 1000) (long)
        let b = rows(&[&[0, 0, 1000], &[1, 1, 1000]]);
        let r = Lll::reduce(b, 3, 4).unwrap();
        assert_eq!(
            r.basis[0],
            vec![BigInt::from(1), BigInt::from(1), BigInt::zero()]
        );
        assert_eq!(r.span_containing_vectors_up_to(&BigInt::from(2)), 1);
        assert_eq!(r.span_containing_vectors_up_to(&BigInt::from(1)), 0);
        assert_eq!(r.span_containing_vectors_up_to(&BigInt::from(1_000_000)), 2);
    }
}
