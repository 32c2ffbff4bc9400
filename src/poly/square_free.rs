//! Square-free decomposition over Z (Yun's algorithm).
//!
//! Every primitive `f` in `Z[y]` of positive degree is `± prod_i a_i^i` with the
//! `a_i` square-free and pairwise coprime. Yun's algorithm finds the `a_i` with
//! gcds only: with `f' = df/dy`, `a_0 = gcd(f, f')`, `b_1 = f / a_0`,
//! `d_1 = f' / a_0 - b_1'`, and then `a_i = gcd(b_i, d_i)`,
//! `b_{i+1} = b_i / a_i`, `d_{i+1} = d_i / a_i - b_{i+1}'` until `b_i` is
//! constant. (Over a field of characteristic 0, `b_i` is the product of the
//! distinct factors of multiplicity `>= i` and `d_i = b_i * sum_{j>=i} (j-i+1) a_j'/a_j`
//! up to units, so `gcd(b_i, d_i) = a_i`.) Factorization over Q
//! ([`factor_integer`](super::factor_integer)) factors each `a_i` separately.
//!
//! The worked example is in the documentation of `square_free_decomposition`.

use super::gcd::{gcd_integer, primitive_part};
use super::univariate::UPoly;
use num_bigint::BigInt;

/// Square-free decomposition (Yun's algorithm) of the primitive part of `p`:
/// pairs `(a_i, i)` with `pp(p) = ± prod a_i^i`, every `a_i` non-constant,
/// square-free, primitive with positive leading coefficient, and the `a_i`
/// pairwise coprime. Sorted by multiplicity `i`. Constants (and zero) give an
/// empty list.
///
/// ```
/// use neurovariety::poly::{square_free_decomposition, UPoly};
/// // (y - 1)^2 (y + 2) = y^3 - 3 y + 2
/// let p = UPoly::from_i64(&[2, -3, 0, 1]);
/// let sf = square_free_decomposition(&p);
/// assert_eq!(sf, vec![(UPoly::from_i64(&[2, 1]), 1), (UPoly::from_i64(&[-1, 1]), 2)]);
/// ```
///
/// ```
/// use neurovariety::poly::{square_free_decomposition, UPoly};
/// // (y - 1)^2 (y + 2) = y^3 - 3 y + 2
/// let p = UPoly::from_i64(&[2, -3, 0, 1]);
/// let sf = square_free_decomposition(&p);
/// assert_eq!(sf, vec![(UPoly::from_i64(&[2, 1]), 1), (UPoly::from_i64(&[-1, 1]), 2)]);
/// ```
pub fn square_free_decomposition(p: &UPoly<BigInt>) -> Vec<(UPoly<BigInt>, usize)> {
    if p.degree().unwrap_or(0) == 0 {
        return Vec::new();
    }
    let f = primitive_part(p);
    let df = f.derivative();
    let a0 = primitive_part(&gcd_integer(&f, &df));
    // Every division below is by a primitive divisor over Q, hence exact over Z.
    let mut b = exact(&f, &a0);
    let c = exact(&df, &a0);
    let mut d = &c - &b.derivative();
    let mut out = Vec::new();
    let mut i = 1;
    while b.degree().unwrap_or(0) > 0 {
        let a = primitive_part(&gcd_integer(&b, &d));
        if a.degree().unwrap_or(0) > 0 {
            out.push((a.clone(), i));
        }
        b = exact(&b, &a);
        let c = exact(&d, &a);
        d = &c - &b.derivative();
        i += 1;
    }
    out
}

/// Exact division where divisibility holds by construction.
fn exact(a: &UPoly<BigInt>, b: &UPoly<BigInt>) -> UPoly<BigInt> {
    a.exact_div(b)
        .expect("divisibility holds by construction (primitive divisor over Q)")
}
