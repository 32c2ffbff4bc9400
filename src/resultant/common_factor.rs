//! Do given forms share a factor of degree at least `e`?
//!
//! For forms `f_1, ..., f_k` of degrees `d_1 >= d_2 >= ... >= d_k` that are to
//! share a factor of degree `>= e` (the neurovariety's condition, `docs/mathematics.md`,
//! section 4):
//! - a form of degree `< e` must vanish;
//! - among the others, put `N = d_1 + d_2 - e` (the two largest degrees). The
//!   **multi-Sylvester matrix** has, for each `i`, the rows
//!   `x^{N-d_i} f_i, x^{N-d_i-1} y f_i, ..., y^{N-d_i} f_i` in the basis of forms of
//!   degree `N`; its rows span the image of `(g_i) -> sum g_i f_i` with
//!   `deg g_i = N - d_i`. Then
//!   `deg gcd(f_i) >= e  <=>  rank <= N - e + 1`.
//!   (`=>`: the image lies in `G * S_{N - deg G}`. `<=`: proved in
//!   `docs/algorithms.md`.) For two forms this matrix *is* the `(e-1)`-th
//!   subresultant matrix; when all degrees equal `e` it is the coefficient
//!   matrix, and the condition is that its `2 x 2` minors vanish.
//!
//! [`share_factor`] decides the condition from exact gcds;
//! [`share_factor_by_rank`] from the rank of the multi-Sylvester matrix.
//! Both agree (property-tested).
//!
//! The worked example is in the documentation of `share_factor`.

use super::sylvester::shift_rows;
use crate::linalg::{rank, Matrix};
use crate::poly::{BinaryForm, GcdDomain, Ring};
use crate::Error;

/// The shape of the multi-Sylvester test for forms of the given degrees and
/// target `e >= 1`: which forms must vanish (degree `< e`), and, if at least two
/// remain, `(N, max_rank)` with `N = d(1) + d(2) - e` and `max_rank = N - e + 1`
/// (both saturate at `usize::MAX`: no form that large fits in memory).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiSylvesterShape {
    /// Indices of forms whose degree is below `e` (they must be zero).
    pub must_vanish: Vec<usize>,
    /// Indices of the remaining forms, in input order.
    pub remaining: Vec<usize>,
    /// `Some((N, max_rank))` when at least two forms remain.
    pub rank_test: Option<(usize, usize)>,
}

/// See [`MultiSylvesterShape`]. `e = 0` is trivially satisfied (no test).
pub fn multi_sylvester_shape(degrees: &[usize], e: usize) -> MultiSylvesterShape {
    let (mut must_vanish, mut remaining) = (Vec::new(), Vec::new());
    for (i, &d) in degrees.iter().enumerate() {
        if d < e {
            must_vanish.push(i);
        } else {
            remaining.push(i);
        }
    }
    let mut ds: Vec<usize> = remaining.iter().map(|&i| degrees[i]).collect();
    ds.sort_unstable_by(|a, b| b.cmp(a));
    let rank_test = if e == 0 || ds.len() < 2 {
        None
    } else {
        // e <= ds[1] <= ds[0], so N >= e; computed in u128, values beyond
        // usize::MAX saturate
        let n = ds[0] as u128 + ds[1] as u128 - e as u128;
        let clamp = |v: u128| usize::try_from(v).unwrap_or(usize::MAX);
        Some((clamp(n), clamp(n - e as u128 + 1)))
    };
    MultiSylvesterShape {
        must_vanish,
        remaining,
        rank_test,
    }
}

/// The multi-Sylvester matrix of the forms in degree `n` (each form needs
/// degree `<= n`): `n - d_i + 1` shifted rows per form, `n + 1` columns.
pub fn multi_sylvester_matrix<R: Ring>(
    forms: &[BinaryForm<R>],
    n: usize,
) -> Result<Matrix<R>, Error> {
    let mut blocks = Vec::with_capacity(forms.len());
    for f in forms {
        if f.degree() > n {
            return Err(Error::InvalidArgument {
                name: "N",
                value: n.to_string(),
                reason: format!("smaller than a form degree {}", f.degree()),
            });
        }
        blocks.push((f.coeffs(), n - f.degree() + 1));
    }
    shift_rows(&blocks, n + 1)
}

/// `true` iff the forms have a common factor of degree `>= e`, from exact gcds
/// (zero forms are divisible by everything; so all-zero input gives `true`).
///
/// # Example
///
/// ```
/// use neurovariety::poly::BinaryForm;
/// use neurovariety::resultant::{share_factor, share_factor_by_rank};
/// let l = BinaryForm::from_i64(&[1, 1]).unwrap();                 // x + y
/// let f = &l * &BinaryForm::from_i64(&[1, 0, 1]).unwrap();        // (x+y)(x^2+y^2)
/// let g = &l * &BinaryForm::from_i64(&[2, 3]).unwrap();           // (x+y)(2x+3y)
/// let h = &l * &BinaryForm::from_i64(&[1, 5]).unwrap();
/// assert!(share_factor(&[f.clone(), g.clone(), h.clone()], 1).unwrap());
/// assert!(!share_factor(&[f.clone(), g.clone(), h.clone()], 2).unwrap());
/// assert!(share_factor_by_rank(&[f.clone(), g.clone(), h.clone()], 1).unwrap());
/// assert!(!share_factor_by_rank(&[f, g, h], 2).unwrap());
/// ```
pub fn share_factor<R: GcdDomain>(forms: &[BinaryForm<R>], e: usize) -> Result<bool, Error> {
    if e == 0 {
        return Ok(true);
    }
    if forms.iter().any(|f| !f.is_zero() && f.degree() < e) {
        return Ok(false);
    }
    Ok(BinaryForm::gcd_degree_many(forms).is_none_or(|d| d >= e))
}

/// `true` iff the forms have a common factor of degree `>= e`, from the exact
/// rank of the multi-Sylvester matrix (fraction-free elimination).
pub fn share_factor_by_rank<R: Ring>(forms: &[BinaryForm<R>], e: usize) -> Result<bool, Error> {
    let degrees: Vec<usize> = forms.iter().map(|f| f.degree()).collect();
    let shape = multi_sylvester_shape(&degrees, e);
    if shape.must_vanish.iter().any(|&i| !forms[i].is_zero()) {
        return Ok(false);
    }
    let Some((n, max_rank)) = shape.rank_test else {
        return Ok(true);
    };
    let rest: Vec<BinaryForm<R>> = shape.remaining.iter().map(|&i| forms[i].clone()).collect();
    Ok(rank(&multi_sylvester_matrix(&rest, n)?)? <= max_rank)
}
