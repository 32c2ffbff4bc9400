//! Exact solution of a square linear system over a field by Gaussian
//! elimination with row exchanges.
//!
//! For `A` invertible, elimination to upper triangular form followed by back
//! substitution gives the unique `x` with `A x = b`; over an exact field
//! (`BigRational`) there is no rounding, so the answer is exact.
//!
//! The worked example is in the documentation of `solve`.

use super::matrix::Matrix;
use crate::poly::Field;
use crate::Error;

/// The solution `x` of `a x = b` for a square invertible `a`.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `a` is not square or `b` has the wrong
/// length; [`Error::DivisionByZero`] if `a` is singular.
///
/// # Example
///
/// ```
/// use neurovariety::linalg::{solve, Matrix};
/// use num_rational::BigRational;
///
/// let q = |n: i64| BigRational::from_integer(n.into());
/// let a = Matrix::from_rows(vec![vec![q(2), q(1)], vec![q(1), q(3)]]).unwrap();
/// let x = solve(&a, &[q(3), q(5)]).unwrap();
/// assert_eq!(x, vec![BigRational::new(4.into(), 5.into()), BigRational::new(7.into(), 5.into())]);
/// ```
pub fn solve<F: Field>(a: &Matrix<F>, b: &[F]) -> Result<Vec<F>, Error> {
    let n = a.square_size()?;
    if b.len() != n {
        return Err(Error::LengthMismatch {
            what: "right-hand side",
            expected: n,
            found: b.len(),
        });
    }
    let mut m: Vec<Vec<F>> = a
        .to_rows()
        .into_iter()
        .zip(b)
        .map(|(mut row, bi)| {
            row.push(bi.clone());
            row
        })
        .collect();
    for c in 0..n {
        let p = (c..n)
            .find(|&i| !m[i][c].is_zero())
            .ok_or(Error::DivisionByZero)?;
        m.swap(c, p);
        let inv = m[c][c].inverse().ok_or(Error::DivisionByZero)?;
        for i in c + 1..n {
            if m[i][c].is_zero() {
                continue;
            }
            let f = m[i][c].mul_ref(&inv);
            let (top, bottom) = m.split_at_mut(i);
            for (x, p) in bottom[0][c..].iter_mut().zip(&top[c][c..]) {
                *x = x.clone() - f.mul_ref(p);
            }
        }
    }
    let mut x = vec![F::zero(); n];
    for i in (0..n).rev() {
        let mut s = m[i][n].clone();
        for j in i + 1..n {
            s = s - m[i][j].mul_ref(&x[j]);
        }
        x[i] = s.mul_ref(&m[i][i].inverse().ok_or(Error::DivisionByZero)?);
    }
    Ok(x)
}
