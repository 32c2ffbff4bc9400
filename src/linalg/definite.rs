//! Exact test of positive definiteness of a symmetric rational matrix.
//!
//! A real symmetric matrix is positive definite iff its leading principal
//! minors are positive (Sylvester's criterion), iff Gaussian elimination
//! without row exchanges meets only positive pivots (the `k`-th pivot is the
//! ratio of the `k`-th and `(k-1)`-th leading principal minors).
//!
//! The worked example is in the documentation of `is_positive_definite`.

use super::matrix::Matrix;
use crate::Error;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

/// `true` iff `a` is symmetric and positive definite.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `a` is not square.
///
/// # Example
///
/// ```
/// use neurovariety::linalg::{is_positive_definite, Matrix};
/// use num_rational::BigRational;
///
/// let q = |n: i64| BigRational::from_integer(n.into());
/// let a = Matrix::from_rows(vec![vec![q(2), q(1)], vec![q(1), q(2)]]).unwrap();
/// assert!(is_positive_definite(&a).unwrap());
/// let b = Matrix::from_rows(vec![vec![q(1), q(2)], vec![q(2), q(1)]]).unwrap();
/// assert!(!is_positive_definite(&b).unwrap());
/// ```
pub fn is_positive_definite(a: &Matrix<BigRational>) -> Result<bool, Error> {
    let n = a.square_size()?;
    if a != &a.transpose() {
        return Ok(false);
    }
    let mut m = a.to_rows();
    for c in 0..n {
        if !m[c][c].is_positive() {
            return Ok(false);
        }
        for i in c + 1..n {
            if m[i][c].is_zero() {
                continue;
            }
            let f = &m[i][c] / &m[c][c];
            let (top, bottom) = m.split_at_mut(i);
            for (x, p) in bottom[0][c..].iter_mut().zip(&top[c][c..]) {
                *x -= &f * p;
            }
        }
    }
    Ok(true)
}
