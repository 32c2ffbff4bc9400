//! Subresultants: the degree of a gcd read off determinants.
//!
//! For `f, g` of degrees `m, n` (binary forms with stated degrees, or univariate
//! polynomials) and `0 <= j <= min(m, n)`, the `j`-th **subresultant matrix**
//! `S_j` has the `n - j` rows `x^{n-j-1} f, ..., f` followed by the `m - j` rows
//! `x^{m-j-1} g, ..., g` in the basis of the `m + n - j` monomials of degree
//! `m + n - j - 1`, highest power of `x` first (so `S_0` is the Sylvester matrix).
//! Its rows span the image of `(u, v) -> u f + v g` with `deg u < n - j`,
//! `deg v < m - j`, and the kernel of that map is `{(q g/h, -q f/h)}` with
//! `h = gcd(f, g)`, `deg q < deg h - j`. Hence
//!
//! ```text
//! deg gcd(f, g) > j   <=>   S_j does not have full row rank   <=>   all maximal minors of S_j vanish.
//! ```
//!
//! This holds for binary forms with any leading coefficients (roots at infinity
//! included), and with the convention that the zero form is divisible by
//! everything. The **principal subresultant coefficient** `psc_j` is the minor
//! on the first `m + n - 2j` columns, and the **subresultant** `Sres_j` is the
//! form of degree `j` whose coefficient of `x^{j-i} y^i` is the minor on the
//! first `m + n - 2j - 1` columns and column `m + n - 2j - 1 + i`. When the
//! leading coefficients of `f` and `g` do not both vanish,
//! `deg gcd(f, g) = min { j : psc_j != 0 }` and `Sres_j` is a multiple of the gcd
//! for that `j`.
//!
//! The worked example is in the documentation of `subresultant_form`.

use super::sylvester::{shift_rows, SylvesterInput};
use crate::linalg::{all_minors, determinant, Matrix};
use crate::poly::{BinaryForm, Ring};
use crate::Error;

fn degrees<R: Ring>(a: &[R], b: &[R], j: usize) -> Result<(usize, usize), Error> {
    let (m, n) = (a.len() - 1, b.len() - 1);
    if j > m.min(n) {
        return Err(Error::InvalidArgument {
            name: "j",
            value: j.to_string(),
            reason: format!(
                "subresultant index must be at most min(deg f, deg g) = {}",
                m.min(n)
            ),
        });
    }
    Ok((m, n))
}

/// The `j`-th subresultant matrix (see the module docs).
pub fn subresultant_matrix<R: Ring, P: SylvesterInput<R>>(
    f: &P,
    g: &P,
    j: usize,
) -> Result<Matrix<R>, Error> {
    let (a, b) = (f.descending_coeffs()?, g.descending_coeffs()?);
    let (m, n) = degrees(&a, &b, j)?;
    shift_rows(&[(&a, n - j), (&b, m - j)], m + n - j)
}

/// All maximal minors of the `j`-th subresultant matrix, ordered by column subset.
pub fn subresultant_minors<R: Ring, P: SylvesterInput<R>>(
    f: &P,
    g: &P,
    j: usize,
) -> Result<Vec<R>, Error> {
    let s = subresultant_matrix(f, g, j)?;
    Ok(all_minors(&s, s.nrows())?
        .into_iter()
        .map(|m| m.value)
        .collect())
}

/// The principal subresultant coefficient `psc_j`.
pub fn principal_subresultant_coefficient<R: Ring, P: SylvesterInput<R>>(
    f: &P,
    g: &P,
    j: usize,
) -> Result<R, Error> {
    let s = subresultant_matrix(f, g, j)?;
    let k = s.nrows();
    let rows: Vec<usize> = (0..k).collect();
    determinant(&s.submatrix(&rows, &rows))
}

/// `psc_0, ..., psc_{min(m,n)}` (`psc_0` is the resultant).
pub fn principal_subresultant_coefficients<R: Ring, P: SylvesterInput<R>>(
    f: &P,
    g: &P,
) -> Result<Vec<R>, Error> {
    let (a, b) = (f.descending_coeffs()?, g.descending_coeffs()?);
    let top = (a.len() - 1).min(b.len() - 1);
    (0..=top)
        .map(|j| principal_subresultant_coefficient(f, g, j))
        .collect()
}

/// The `j`-th subresultant as a binary form of degree `j` (an error when
/// `deg f = deg g = j`, where the matrix has no rows).
///
/// # Example
///
/// ```
/// use neurovariety::poly::BinaryForm;
/// use neurovariety::resultant::{principal_subresultant_coefficients, subresultant_form};
/// use num_bigint::BigInt;
/// // f = (x - y)(x - 2y), g = (x - y)(x + y): gcd of degree 1
/// let f = BinaryForm::from_i64(&[1, -3, 2]).unwrap();
/// let g = BinaryForm::from_i64(&[1, 0, -1]).unwrap();
/// let psc = principal_subresultant_coefficients(&f, &g).unwrap();
/// assert_eq!(psc[0], BigInt::from(0));           // the resultant
/// assert_ne!(psc[1], BigInt::from(0));
/// let s1 = subresultant_form(&f, &g, 1).unwrap(); // a multiple of x - y
/// assert_eq!(s1.coeffs()[0], -s1.coeffs()[1].clone());
/// ```
pub fn subresultant_form<R: Ring, P: SylvesterInput<R>>(
    f: &P,
    g: &P,
    j: usize,
) -> Result<BinaryForm<R>, Error> {
    let s = subresultant_matrix(f, g, j)?;
    let k = s.nrows();
    let rows: Vec<usize> = (0..k).collect();
    if k == 0 {
        return Err(Error::InvalidArgument {
            name: "j",
            value: j.to_string(),
            reason: "the subresultant matrix has no rows (deg f = deg g = j)".into(),
        });
    }
    let mut coeffs = Vec::with_capacity(j + 1);
    for i in 0..=j {
        let mut cols: Vec<usize> = (0..k - 1).collect();
        cols.push(k - 1 + i);
        coeffs.push(determinant(&s.submatrix(&rows, &cols))?);
    }
    BinaryForm::new(coeffs)
}
