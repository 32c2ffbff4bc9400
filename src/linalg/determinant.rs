//! Determinants over integral domains, never through floating point.
//!
//! Two exact algorithms:
//! - [`det_bareiss`]: fraction-free Gaussian elimination (Bareiss 1968). Every
//!   intermediate entry is a minor of the input, so divisions are exact and
//!   entries never grow beyond the size of a minor. `O(n^3)` ring operations;
//!   the right choice for numbers.
//! - [`det_cofactor`]: Laplace expansion along columns with memoised minors
//!   (each minor on the first `j` columns is computed once per row subset).
//!   Only additions and multiplications, no division: the right choice for
//!   matrices of polynomials with single-variable or sparse entries, such as
//!   generic Sylvester matrices, where Bareiss would need large exact
//!   multivariate divisions.
//!
//! [`determinant`] picks the second for symbolic rings ([`Ring::is_symbolic`]) of
//! size at most 24 and the first otherwise.
//!
//! The worked example is in the documentation of `determinant`.

use super::matrix::Matrix;
use super::minors::minors_on_columns;
use crate::poly::Ring;
use crate::Error;

fn check_square<R: Ring>(m: &Matrix<R>) -> Result<usize, Error> {
    if m.nrows() != m.ncols() {
        return Err(Error::LengthMismatch {
            what: "determinant of a non-square matrix (columns)",
            expected: m.nrows(),
            found: m.ncols(),
        });
    }
    Ok(m.nrows())
}

/// One step of fraction-free (Bareiss) elimination with pivot `(r, c)`: every
/// entry `(i, j)` below and right of it becomes
/// `(a[i][j] a[r][c] - a[i][c] a[r][j]) / prev`, an exact division (the result is
/// a minor of the input), and column `c` below the pivot becomes zero.
pub(super) fn fraction_free_step<R: Ring>(
    a: &mut [Vec<R>],
    r: usize,
    c: usize,
    prev: &R,
) -> Result<(), Error> {
    let (top, rest) = a.split_at_mut(r + 1);
    let pivot_row = &top[r];
    for row in rest.iter_mut() {
        for j in c + 1..pivot_row.len() {
            let num = row[j].clone() * pivot_row[c].clone() - row[c].clone() * pivot_row[j].clone();
            row[j] = num.exact_div(prev).ok_or_else(|| Error::NotDivisible {
                dividend: "a fraction-free elimination numerator".into(),
                divisor: prev.to_string(),
            })?;
        }
        row[c] = R::zero();
    }
    Ok(())
}

/// Determinant by fraction-free elimination (Bareiss). The determinant of the
/// `0 x 0` matrix is 1.
pub fn det_bareiss<R: Ring>(m: &Matrix<R>) -> Result<R, Error> {
    let n = check_square(m)?;
    if n == 0 {
        return Ok(R::one());
    }
    let mut a = m.to_rows();
    let mut negate = false;
    let mut prev = R::one();
    for k in 0..n - 1 {
        if a[k][k].is_zero() {
            match (k + 1..n).find(|&i| !a[i][k].is_zero()) {
                Some(i) => {
                    a.swap(k, i);
                    negate = !negate;
                }
                None => return Ok(R::zero()),
            }
        }
        fraction_free_step(&mut a, k, k, &prev)?;
        prev = a[k][k].clone();
    }
    let d = a[n - 1][n - 1].clone();
    Ok(if negate { -d } else { d })
}

/// Determinant by Laplace expansion along columns with memoised minors
/// (at most 64 rows).
pub fn det_cofactor<R: Ring>(m: &Matrix<R>) -> Result<R, Error> {
    let n = check_square(m)?;
    let cols: Vec<usize> = (0..n).collect();
    let minors = minors_on_columns(m, &cols)?;
    Ok(minors
        .into_iter()
        .next()
        .map(|(_, v)| v)
        .unwrap_or_else(R::zero))
}

/// Determinant, choosing the algorithm by the ring (see the module docs).
///
/// # Example
///
/// ```
/// use neurovariety::linalg::{Matrix, det_bareiss, det_cofactor};
/// use num_bigint::BigInt;
/// let m = Matrix::from_rows(vec![
///     vec![BigInt::from(2), BigInt::from(0), BigInt::from(1)],
///     vec![BigInt::from(1), BigInt::from(3), BigInt::from(2)],
///     vec![BigInt::from(1), BigInt::from(1), BigInt::from(1)],
/// ]).unwrap();
/// assert_eq!(det_bareiss(&m).unwrap(), BigInt::from(0));
/// assert_eq!(det_cofactor(&m).unwrap(), BigInt::from(0));
/// ```
pub fn determinant<R: Ring>(m: &Matrix<R>) -> Result<R, Error> {
    if R::is_symbolic() && m.nrows() <= 24 {
        det_cofactor(m)
    } else {
        det_bareiss(m)
    }
}
