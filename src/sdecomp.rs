//! The t-decomposition of a binary form (the paper's *s-decomposition*).
//!
//! For a binary form `P` of degree `d` and an integer `t >= 1`,
//!
//! ```text
//! P = sum_{r=0}^{t-1} x^r y^{rho_r} P_r(x^t, y^t),   0 <= rho_r < t,   r + rho_r = d (mod t),
//! ```
//!
//! where `P_r` is a binary form in `X = x^t, Y = y^t` of degree
//! `e_r = (d - r - rho_r) / t`. In coefficients: `P_r` collects, in order, the
//! coefficients `c_i` of `P` with `i = rho_r + t j`, `j = 0..=e_r` (those whose
//! `x`-exponent `d - i` is `r` mod `t`). The pieces use disjoint sets of
//! coefficients and together use all of them, so the decomposition is a
//! bijection; its inverse interleaves the pieces back ([`interleave`]).
//! When `r + rho_r > d` (possible when `t > d`) the piece is *empty*: it has no
//! coefficients at all, which is different from a zero piece.
//!
//! **Lemma** (`docs/mathematics.md`, section 3). `F(x^t, y^t)` divides `P` iff `F` divides
//! every piece `P_r`. Hence the largest divisor of `P` of the form `G(x^t, y^t)`
//! is given by `G = gcd_r P_r`, zero pieces ignored ([`invariant_divisor`]).
//!
//! ```
//! use neurovariety::poly::BinaryForm;
//! use neurovariety::sdecomp::{s_decomposition, interleave};
//! // P = (x + y)(x^2 + 2 y^2) = x^3 + x^2 y + 2 x y^2 + 2 y^3,  t = 2
//! let p = BinaryForm::from_i64(&[1, 1, 2, 2]).unwrap();
//! let d = s_decomposition(&p, 2).unwrap();
//! // r = 0: rho_0 = 1, coefficients c1, c3 -> X + 2Y; r = 1: rho_1 = 0, c0, c2 -> X + 2Y
//! assert_eq!(d.pieces[0].rho, 1);
//! assert_eq!(d.pieces[0].form.as_ref().unwrap(), &BinaryForm::from_i64(&[1, 2]).unwrap());
//! assert_eq!(d.pieces[1].form.as_ref().unwrap(), &BinaryForm::from_i64(&[1, 2]).unwrap());
//! assert_eq!(interleave(&d).unwrap(), p);
//! ```

use crate::limits::MAX_DECOMPOSITION_STEP;
use crate::poly::{BinaryForm, GcdDomain, Ring};
use crate::Error;

/// One piece `x^r y^{rho} P_r(x^t, y^t)` of a t-decomposition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece<R> {
    /// The residue `r` of the `x`-exponent modulo `t`.
    pub r: usize,
    /// The shift `rho_r` of the `y`-exponent, `0 <= rho_r < t`, `r + rho_r = d (mod t)`.
    pub rho: usize,
    /// The form `P_r` in `X = x^t, Y = y^t`, or `None` if the piece is empty
    /// (`r + rho_r > d`: no coefficient of `P` belongs to it).
    pub form: Option<BinaryForm<R>>,
}

/// The t-decomposition of a form of degree `degree`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SDecomposition<R> {
    /// The step `t >= 1`.
    pub t: usize,
    /// The degree `d` of the decomposed form.
    pub degree: usize,
    /// The pieces for `r = 0, ..., t - 1`, in that order.
    pub pieces: Vec<Piece<R>>,
}

fn check_t(t: usize) -> Result<(), Error> {
    if t == 0 {
        return Err(Error::InvalidArgument {
            name: "t",
            value: "0".into(),
            reason: "the decomposition step must be at least 1".into(),
        });
    }
    Ok(())
}

/// `rho_r`: the unique `0 <= rho < t` with `r + rho = d (mod t)`.
pub fn rho(d: usize, t: usize, r: usize) -> Result<usize, Error> {
    check_t(t)?;
    // in u128: (d mod t) + t overflows usize for t near usize::MAX
    let (d, t, r) = ((d % t) as u128, t as u128, (r % t) as u128);
    Ok(((d + t - r) % t) as usize)
}

/// For each `r = 0..t`, the indices `i` of the coefficients `c_i` of a degree-`d`
/// form that make up piece `P_r`, in order (empty for an empty piece).
///
/// ```
/// use neurovariety::sdecomp::piece_indices;
/// assert_eq!(piece_indices(4, 2).unwrap(), vec![vec![0, 2, 4], vec![1, 3]]);
/// assert_eq!(piece_indices(1, 3).unwrap(), vec![vec![1], vec![0], vec![]]);
/// ```
/// Every one of the `t` pieces is listed, so `t` above [`MAX_DECOMPOSITION_STEP`] is refused
/// with [`Error::TooLarge`] rather than allocating that many empty pieces, and
/// so is a degree whose `d + 1` indices exceed
/// [`crate::limits::MAX_DENSE_LENGTH`].
pub fn piece_indices(d: usize, t: usize) -> Result<Vec<Vec<usize>>, Error> {
    check_t(t)?;
    crate::limits::check_dense("form length (degree + 1)", d.checked_add(1))?;
    if t > MAX_DECOMPOSITION_STEP {
        return Err(Error::too_large_fixed(
            "decomposition step t",
            t as u128,
            MAX_DECOMPOSITION_STEP,
        ));
    }
    let mut out = Vec::with_capacity(t.min(d + 1));
    for r in 0..t {
        let rh = rho(d, t, r)?;
        if r + rh > d {
            out.push(Vec::new());
            continue;
        }
        out.push((rh..=d).step_by(t).collect());
    }
    Ok(out)
}

/// The t-decomposition of a coefficient vector `(c_0, ..., c_d)`: the pieces'
/// coefficient vectors (empty vectors for empty pieces).
pub fn s_decomposition_coeffs<R: Clone>(coeffs: &[R], t: usize) -> Result<Vec<Vec<R>>, Error> {
    if coeffs.is_empty() {
        return Err(Error::InvalidArgument {
            name: "coefficients",
            value: "[]".into(),
            reason: "a form of degree d has d + 1 coefficients".into(),
        });
    }
    Ok(piece_indices(coeffs.len() - 1, t)?
        .into_iter()
        .map(|idx| idx.into_iter().map(|i| coeffs[i].clone()).collect())
        .collect())
}

/// The inverse of [`s_decomposition_coeffs`]: interleaves piece coefficient
/// vectors back into `(c_0, ..., c_d)`. The pieces must have exactly the lengths
/// the decomposition of a degree-`d` form gives.
pub fn interleave_coeffs<R: Clone>(pieces: &[Vec<R>], t: usize, d: usize) -> Result<Vec<R>, Error> {
    let idx = piece_indices(d, t)?;
    if pieces.len() != idx.len() {
        return Err(Error::LengthMismatch {
            what: "number of pieces",
            expected: idx.len(),
            found: pieces.len(),
        });
    }
    let mut out: Vec<Option<R>> = vec![None; d + 1];
    for (p, ix) in pieces.iter().zip(idx.iter()) {
        if p.len() != ix.len() {
            return Err(Error::LengthMismatch {
                what: "piece length",
                expected: ix.len(),
                found: p.len(),
            });
        }
        for (c, &i) in p.iter().zip(ix.iter()) {
            out[i] = Some(c.clone());
        }
    }
    Ok(out.into_iter().flatten().collect())
}

/// The t-decomposition of a binary form.
pub fn s_decomposition<R: Ring>(p: &BinaryForm<R>, t: usize) -> Result<SDecomposition<R>, Error> {
    let d = p.degree();
    let coeffs = s_decomposition_coeffs(p.coeffs(), t)?;
    let mut pieces = Vec::with_capacity(coeffs.len());
    for (r, c) in coeffs.into_iter().enumerate() {
        let form = if c.is_empty() {
            None
        } else {
            Some(BinaryForm::new(c)?)
        };
        pieces.push(Piece {
            r,
            rho: rho(d, t, r)?,
            form,
        });
    }
    Ok(SDecomposition {
        t,
        degree: d,
        pieces,
    })
}

/// The inverse of [`s_decomposition`]: `sum_r x^r y^{rho_r} P_r(x^t, y^t)`.
pub fn interleave<R: Ring>(dec: &SDecomposition<R>) -> Result<BinaryForm<R>, Error> {
    let pieces: Vec<Vec<R>> = dec
        .pieces
        .iter()
        .map(|p| {
            p.form
                .as_ref()
                .map(|f| f.coeffs().to_vec())
                .unwrap_or_default()
        })
        .collect();
    BinaryForm::new(interleave_coeffs(&pieces, dec.t, dec.degree)?)
}

/// The largest divisor of `p` of the form `G(x^t, y^t)`: returns `G` (in `X, Y`),
/// the gcd of the non-zero pieces (by the Lemma). `None` when `p` is zero (then
/// every form divides it).
///
/// ```
/// use neurovariety::poly::BinaryForm;
/// use neurovariety::sdecomp::invariant_divisor;
/// use num_bigint::BigInt;
/// // (x + y)(x^2 + 2 y^2): the 2-invariant part is x^2 + 2 y^2, i.e. G = X + 2Y
/// let p = BinaryForm::from_i64(&[1, 1, 2, 2]).unwrap();
/// let g = invariant_divisor(&p, 2).unwrap().unwrap();
/// assert_eq!(g, BinaryForm::from_i64(&[1, 2]).unwrap());
/// ```
pub fn invariant_divisor<R: GcdDomain>(
    p: &BinaryForm<R>,
    t: usize,
) -> Result<Option<BinaryForm<R>>, Error> {
    if p.is_zero() {
        return Ok(None);
    }
    let dec = s_decomposition(p, t)?;
    let forms: Vec<BinaryForm<R>> = dec.pieces.into_iter().filter_map(|q| q.form).collect();
    Ok(Some(BinaryForm::gcd_many(&forms)))
}
