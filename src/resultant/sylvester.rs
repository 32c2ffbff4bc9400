//! The Sylvester matrix and the resultant.
//!
//! For `f = a_0 x^m + a_1 x^{m-1} + ... + a_m` and `g = b_0 x^n + ... + b_n`
//! (or binary forms `f = sum a_i x^{m-i} y^i` of stated degree `m`, and `g`
//! likewise), the Sylvester matrix is the `(m+n) x (m+n)` matrix whose first `n`
//! rows hold the coefficients of `x^{n-1} f, ..., x f, f` and whose last `m`
//! rows hold those of `x^{m-1} g, ..., g`, in the monomial basis
//! `x^{m+n-1}, ..., x, 1` (row `i < n` has `a_0 .. a_m` starting in column `i`).
//! This is the layout of Macaulay2's `sylvesterMatrix(f, g, x)` (rows of the
//! first polynomial first), and
//!
//! ```text
//! Res(f, g) = det Syl(f, g) = a_0^n b_0^m prod_{f(alpha)=0, g(beta)=0} (alpha - beta).
//! ```
//!
//! Conventions that follow (all tested): `Res(f, g) = (-1)^{mn} Res(g, f)`;
//! `Res(c, g) = c^n` for a constant `c` (`m = 0`: an `n x n` diagonal matrix),
//! also when `g` is constant (`Res(c, d) = 1`, the empty determinant);
//! `Res(f g, h) = Res(f, h) Res(g, h)`. For binary forms the stated degrees are
//! used, so `Res` vanishes iff the forms have a common zero in `P^1`, roots at
//! infinity included.
//!
//! The worked example is in the documentation of `resultant`.

use crate::linalg::{determinant, Matrix};
use crate::poly::{BinaryForm, Ring, UPoly};
use crate::Error;

/// Something with a degree and a coefficient vector from the highest power of
/// `x` down: binary forms (stated degree) and non-zero univariate polynomials
/// (their actual degree).
pub trait SylvesterInput<R: Ring> {
    /// `(a_0, ..., a_m)`, coefficients of `x^m, ..., x^0` (of `x^{m-i} y^i` for forms).
    fn descending_coeffs(&self) -> Result<Vec<R>, Error>;
}

impl<R: Ring> SylvesterInput<R> for BinaryForm<R> {
    fn descending_coeffs(&self) -> Result<Vec<R>, Error> {
        Ok(self.coeffs().to_vec())
    }
}

impl<R: Ring> SylvesterInput<R> for UPoly<R> {
    /// The zero polynomial has no degree and is refused.
    fn descending_coeffs(&self) -> Result<Vec<R>, Error> {
        if self.is_zero() {
            return Err(Error::InvalidArgument {
                name: "polynomial",
                value: "0".into(),
                reason: "the zero polynomial has no degree; use binary forms to state one".into(),
            });
        }
        Ok(self.coeffs().iter().rev().cloned().collect())
    }
}

/// Rows `x^{k-1} p, ..., p` for each `(p, k)` in `blocks`, in a basis of `ncols`
/// monomials from the highest power down.
pub(crate) fn shift_rows<R: Ring>(
    blocks: &[(&[R], usize)],
    ncols: usize,
) -> Result<Matrix<R>, Error> {
    let nrows: usize = blocks.iter().map(|(_, k)| *k).sum();
    let mut m = Matrix::zeros(nrows, ncols)?;
    let mut row = 0;
    for (p, k) in blocks {
        for s in 0..*k {
            if s + p.len() > ncols {
                return Err(Error::InvalidArgument {
                    name: "shift",
                    value: s.to_string(),
                    reason: "does not fit the monomial basis".into(),
                });
            }
            for (i, c) in p.iter().enumerate() {
                m.set(row, s + i, c.clone());
            }
            row += 1;
        }
    }
    Ok(m)
}

/// The Sylvester matrix (see the module docs for the layout).
pub fn sylvester_matrix<R: Ring, P: SylvesterInput<R>>(f: &P, g: &P) -> Result<Matrix<R>, Error> {
    let (a, b) = (f.descending_coeffs()?, g.descending_coeffs()?);
    let (m, n) = (a.len() - 1, b.len() - 1);
    shift_rows(&[(&a, n), (&b, m)], m + n)
}

/// The resultant `det Syl(f, g)`, computed exactly (Bareiss for numbers,
/// memoised cofactor expansion for symbolic coefficients).
///
/// # Example
///
/// ```
/// use neurovariety::poly::{UPoly, BinaryForm};
/// use neurovariety::resultant::{resultant, sylvester_matrix};
/// use num_bigint::BigInt;
/// // Res(x^2 - 1, x - 2) = (1 - 2)(-1 - 2) = 3
/// let f = BinaryForm::from_i64(&[1, 0, -1]).unwrap();
/// let g = BinaryForm::from_i64(&[1, -2]).unwrap();
/// assert_eq!(resultant(&f, &g).unwrap(), BigInt::from(3));
/// assert_eq!(sylvester_matrix(&f, &g).unwrap().nrows(), 3);
/// // the same through univariate polynomials (ascending coefficients)
/// let (fu, gu) = (UPoly::from_i64(&[-1, 0, 1]), UPoly::from_i64(&[-2, 1]));
/// assert_eq!(resultant(&fu, &gu).unwrap(), BigInt::from(3));
/// ```
pub fn resultant<R: Ring, P: SylvesterInput<R>>(f: &P, g: &P) -> Result<R, Error> {
    determinant(&sylvester_matrix(f, g)?)
}
