//! Exact rank over an integral domain by fraction-free elimination.
//!
//! The worked example is in the documentation of `rank`.

use super::determinant::fraction_free_step;
use super::matrix::Matrix;
use crate::poly::Ring;
use crate::Error;

/// The rank, by Bareiss-style fraction-free row reduction (every division is
/// exact; an inexact one is reported as an error, which cannot happen over an
/// integral domain).
///
/// # Example
///
/// ```
/// use neurovariety::linalg::{Matrix, rank};
/// use num_bigint::BigInt;
/// let m = Matrix::from_rows(vec![
///     vec![BigInt::from(1), BigInt::from(2)],
///     vec![BigInt::from(2), BigInt::from(4)],
/// ]).unwrap();
/// assert_eq!(rank(&m).unwrap(), 1);
/// ```
pub fn rank<R: Ring>(m: &Matrix<R>) -> Result<usize, Error> {
    let mut a = m.to_rows();
    let (nr, nc) = (m.nrows(), m.ncols());
    let mut r = 0;
    let mut prev = R::one();
    for c in 0..nc {
        if r == nr {
            break;
        }
        let Some(p) = (r..nr).find(|&i| !a[i][c].is_zero()) else {
            continue;
        };
        a.swap(r, p);
        fraction_free_step(&mut a, r, c, &prev)?;
        prev = a[r][c].clone();
        r += 1;
    }
    Ok(r)
}
