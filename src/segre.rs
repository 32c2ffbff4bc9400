//! The Segre variety `X = P^{n_1} x ... x P^{n_L}`: degree, Chern numbers,
//! polar degrees and the generic Euclidean distance degree, all in exact integer
//! arithmetic.
//!
//! The generic ED degree of `X` is the number of complex critical points of the
//! squared loss of a linear convolutional network with filter sizes
//! `k_i = n_i + 1` on generic data (the paper's `C_k`; see `docs/mathematics.md`,
//! section 6).
//!
//! # The mathematics
//!
//! Write `m = n_1 + ... + n_L = dim X`. Factors `P^0` are points and change
//! nothing; with no factor of positive dimension `X` is a point.
//!
//! **Chow ring.** `A(X) = Z[h_1, ..., h_L] / (h_1^{n_1+1}, ..., h_L^{n_L+1})`,
//! where `h_i` pulls back the hyperplane class of `P^{n_i}`; the only monomial of
//! degree `m` with non-zero degree is `h_1^{n_1} ... h_L^{n_L}`, of degree 1. The
//! Segre embedding has hyperplane class `h = h_1 + ... + h_L`, so
//!
//! ```text
//! deg X = deg h^m = m! / (n_1! ... n_L!)            (a multinomial coefficient).
//! ```
//!
//! **Chern numbers.** `c(TX) = prod_i (1 + h_i)^{n_i + 1}`, so
//! `c_j(TX) = sum_{|a| = j} prod_i C(n_i+1, a_i) h_i^{a_i}`. The coefficient of
//! `h_1^{n_1} ... h_L^{n_L}` in `h^a h^{m-j}` is the multinomial
//! `(m-j)! / prod_i (n_i - a_i)!`, hence
//!
//! ```text
//! deg c_j := deg( c_j(TX) h^{m-j} ) = (m-j)! [t^j] prod_i P_{n_i}(t),
//! P_n(t) = sum_{a=0}^{n} C(n+1, a) t^a / (n-a)!.
//! ```
//!
//! `deg c_0 = deg X` and `deg c_m = chi(X) = prod_i (n_i + 1)`.
//!
//! **Polar degrees** (Holme; Draisma–Horobeţ–Ottaviani–Sturmfels–Thomas, *The
//! Euclidean distance degree of an algebraic variety*, Thm 5.4 and the proof of
//! Thm 5.8): for `i = 0, ..., m`,
//!
//! ```text
//! delta_i(X) = sum_{j=0}^{m-i} (-1)^j C(m+1-j, i+1) deg c_j.
//! ```
//!
//! With this indexing `delta_m = deg X` and `delta_0` is the degree of the dual
//! variety `X^vee` when that is a hypersurface, and 0 otherwise (more generally
//! `delta_i = 0` for `i < codim X^vee - 1`). For example `P^1 x P^1` has polar
//! degrees `(2, 2, 2)` and `P^1 x P^2` (whose dual is not a hypersurface) has
//! `(0, 3, 4, 3)`.
//!
//! **Generic ED degree** (DHOST Thm 5.8): the sum of the polar degrees,
//!
//! ```text
//! gEDdeg X = sum_i delta_i = sum_{j=0}^{m} (-1)^j (2^{m+1-j} - 1) deg c_j
//!          = sum_{0 <= a_i <= n_i} (-1)^{|a|} (2^{m-|a|+1} - 1) (m-|a|)! prod_i C(n_i+1, a_i) / (n_i - a_i)!.
//! ```
//!
//! # The grouped evaluation
//!
//! The last sum has `prod_i (n_i + 1)` terms ([`generic_ed_degree_naive`]). The
//! summand depends on `a` only through `|a|` and a product of one-factor terms,
//! so grouping by `|a|` turns it into the coefficients `q_s` of one product of
//! one-variable polynomials ([`generic_ed_degree`]). To stay in the integers we
//! multiply each factor by `n_i!`:
//!
//! ```text
//! Q_n(t) = n! P_n(t) = sum_a C(n+1, a) n!/(n-a)! t^a   (integer coefficients),
//! Q(t)   = prod_i Q_{n_i}(t) = sum_s q_s t^s,
//! gEDdeg = ( sum_{k=0}^{m} (-1)^{m-k} (2^{k+1} - 1) k! q_{m-k} ) / prod_i n_i!   (exact division).
//! ```
//!
//! Repeated dimensions are raised to their multiplicity by binary powering and
//! the distinct powers are multiplied by a balanced product tree; each
//! multiplication of two polynomials with non-negative coefficients is one
//! big-integer multiplication (Kronecker substitution: the coefficients are
//! packed into disjoint bit fields of one integer). The outer sum is evaluated
//! Horner-style, `sum_k k! r_k = r_0 + 1 (r_1 + 2 (r_2 + ...))`, so only
//! word-size multipliers occur. The cost is polynomial in `L` and `m`. For
//! `m <= 33` the same computation is first tried in checked `u128`/`i128`
//! arithmetic, falling back to big integers on overflow.
//!
//! # Size limits
//!
//! Nothing here panics, whatever the input. A function whose work grows with
//! `m` first estimates the size of its largest intermediate integer
//! ([`size_estimate_bits`]) and returns [`Error::TooLarge`] if that exceeds
//! [`DEFAULT_SIZE_LIMIT_BITS`] (use [`generic_ed_degree_with_limit`] to raise
//! it). Answers that need no work are returned for any input: a single
//! projective space `P^n`, even `n = usize::MAX`, has generic ED degree 1 and
//! degree 1.
//!
//! # Example
//!
//! ```
//! use neurovariety::segre::{generic_ed_degree, generic_ed_degree_of_filters, polar_degrees};
//! use num_bigint::BigUint;
//!
//! // P^1 x P^1: the 2 x 2 matrices of rank one, ED degree 6.
//! assert_eq!(generic_ed_degree(&[1, 1]).unwrap(), BigUint::from(6u32));
//! assert_eq!(polar_degrees(&[1, 1]).unwrap(), vec![BigUint::from(2u32); 3]);
//! // The paper's C_(2,3,4,5): filter sizes k_i = n_i + 1.
//! assert_eq!(generic_ed_degree_of_filters(&[2, 3, 4, 5]).unwrap(), BigUint::from(2_976_084u32));
//! ```

use crate::Error;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Default cap, in bits, on the estimated size of the largest intermediate
/// integer ([`size_estimate_bits`]); `2^28` bits is 32 MiB.
///
/// For example `P^199 x ... x P^199` (8 factors, `m = 1592`) is estimated at
/// about `2^25.6` bits and takes well under a second; `(P^1)^L` is accepted up
/// to `L` of roughly 4000.
pub const DEFAULT_SIZE_LIMIT_BITS: u128 = 1 << 28;

/// The positive dimensions in `dims` (the `P^0` factors removed) and their sum
/// `m`, as `u128` so that it cannot overflow.
fn positive_dims(dims: &[usize]) -> (Vec<usize>, u128) {
    let pos: Vec<usize> = dims.iter().copied().filter(|&n| n > 0).collect();
    let m = pos.iter().map(|&n| n as u128).sum();
    (pos, m)
}

/// An upper estimate, in bits, of the largest intermediate integer of
/// [`generic_ed_degree`] and [`chern_numbers`] for `dims`:
/// `(m + 1) * (64 + m log2(m+1) + sum_i [(n_i + 1) + n_i log2 n_i + log2(n_i + 1) + 1])`,
/// i.e. `m + 1` coefficient slots, each large enough for `k! q_s`
/// (`q_s <= prod_i Q_{n_i}(1) <= prod_i (n_i+1) 2^{n_i+1} n_i!`).
///
/// Every function of this module that has work to do compares this estimate
/// with a limit ([`DEFAULT_SIZE_LIMIT_BITS`] unless stated otherwise) before
/// starting. Computed in floating point and saturating at `u128::MAX`; `P^0`
/// factors are ignored and a point gives 64. It never panics.
///
/// ```
/// use neurovariety::segre::{size_estimate_bits, DEFAULT_SIZE_LIMIT_BITS};
/// assert!(size_estimate_bits(&[199; 8]) < DEFAULT_SIZE_LIMIT_BITS);
/// assert_eq!(size_estimate_bits(&[usize::MAX, usize::MAX]), u128::MAX);
/// ```
pub fn size_estimate_bits(dims: &[usize]) -> u128 {
    let mut m = 0f64;
    let mut slot = 64f64;
    for &n in dims.iter().filter(|&&n| n > 0) {
        let nf = n as f64;
        m += nf;
        slot += (nf + 1.0) + nf * nf.log2() + (nf + 1.0).log2() + 1.0;
    }
    if m == 0.0 {
        return 64;
    }
    slot += m * (m + 1.0).log2();
    let est = (m + 1.0) * slot;
    if est.is_finite() {
        // `as` saturates at u128::MAX.
        est.ceil() as u128
    } else {
        u128::MAX
    }
}

fn check_limit(
    what: &'static str,
    estimate: u128,
    limit: u128,
    raise_with: Option<&'static str>,
) -> Result<(), Error> {
    if estimate > limit {
        Err(Error::TooLarge {
            what,
            estimate,
            limit,
            raise_with,
        })
    } else {
        Ok(())
    }
}

/// `Q_n(t) = sum_{a=0}^{n} C(n+1, a) n!/(n-a)! t^a`, using
/// `Q[a+1] = Q[a] (n+1-a)(n-a) / (a+1)` (an exact division).
fn factor_poly(n: usize) -> Vec<BigUint> {
    let mut q = Vec::with_capacity(n + 1);
    let mut c = BigUint::one();
    for a in 0..n {
        let next = &c * (n + 1 - a) * (n - a) / (a + 1);
        q.push(c);
        c = next;
    }
    q.push(c);
    q
}

fn sum_bits(p: &[BigUint]) -> u64 {
    p.iter().sum::<BigUint>().bits()
}

/// Packs non-negative coefficients into slots of `w` 32-bit words.
fn kronecker_pack(p: &[BigUint], w: usize) -> BigUint {
    let mut digits = vec![0u32; p.len() * w];
    for (i, c) in p.iter().enumerate() {
        for (k, d) in c.iter_u32_digits().enumerate() {
            digits[i * w + k] = d;
        }
    }
    BigUint::new(digits)
}

fn kronecker_unpack(x: &BigUint, w: usize, len: usize) -> Vec<BigUint> {
    let digits = x.to_u32_digits();
    (0..len)
        .map(|i| {
            let lo = (i * w).min(digits.len());
            let hi = ((i + 1) * w).min(digits.len());
            BigUint::from_slice(&digits[lo..hi])
        })
        .collect()
}

/// Product of two polynomials with non-negative integer coefficients (lowest
/// degree first) by Kronecker substitution. Every coefficient of the product is
/// at most `A(1) B(1) < 2^(bits A(1) + bits B(1))`, which fixes the slot width.
fn poly_mul(a: &[BigUint], b: &[BigUint]) -> Vec<BigUint> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    if a.len() == 1 {
        return b.iter().map(|c| c * &a[0]).collect();
    }
    if b.len() == 1 {
        return a.iter().map(|c| c * &b[0]).collect();
    }
    let bound = sum_bits(a) + sum_bits(b);
    let w = (bound as usize).div_ceil(32).max(1);
    let x = kronecker_pack(a, w);
    let y = if std::ptr::eq(a, b) {
        x.clone()
    } else {
        kronecker_pack(b, w)
    };
    kronecker_unpack(&(x * y), w, a.len() + b.len() - 1)
}

/// Product of polynomials by a balanced (Huffman-style) product tree: always
/// multiply the two smallest, so the big multiplications are between operands
/// of similar size.
fn poly_product(polys: Vec<Vec<BigUint>>) -> Vec<BigUint> {
    let weight = |p: &[BigUint]| (p.len() as u128) * (u128::from(sum_bits(p)) + 1);
    let mut slots: Vec<Option<Vec<BigUint>>> = Vec::with_capacity(2 * polys.len());
    let mut heap = BinaryHeap::new();
    for p in polys {
        heap.push(Reverse((weight(&p), slots.len())));
        slots.push(Some(p));
    }
    loop {
        let Some(Reverse((_, i))) = heap.pop() else {
            return vec![BigUint::one()];
        };
        let Some(Reverse((_, j))) = heap.pop() else {
            return slots[i].take().unwrap_or_default();
        };
        let p = slots[i].take().unwrap_or_default();
        let q = slots[j].take().unwrap_or_default();
        let r = poly_mul(&p, &q);
        heap.push(Reverse((weight(&r), slots.len())));
        slots.push(Some(r));
    }
}

/// `prod_i n_i!`.
fn factorial_product(dims: &[usize]) -> BigUint {
    let mut sorted = dims.to_vec();
    sorted.sort_unstable();
    let mut result = BigUint::one();
    let mut fact = BigUint::one();
    let mut upto = 0usize;
    let mut i = 0;
    while i < sorted.len() {
        let n = sorted[i];
        let count = sorted[i..].iter().take_while(|&&x| x == n).count();
        while upto < n {
            upto += 1;
            fact *= upto;
        }
        result *= num_traits::pow(fact.clone(), count);
        i += count;
    }
    result
}

/// The grouped data for positive dims: `(q_0..q_m, prod n_i!)`.
/// Repeated dimensions are handled by binary powering, `Q_n^c`, and the
/// distinct powers are then multiplied by the product tree.
fn grouped_coefficients(pos: &[usize]) -> (Vec<BigUint>, BigUint) {
    let mut sorted = pos.to_vec();
    sorted.sort_unstable();
    let mut polys = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let n = sorted[i];
        let count = sorted[i..].iter().take_while(|&&x| x == n).count();
        polys.push(poly_pow(factor_poly(n), count));
        i += count;
    }
    (poly_product(polys), factorial_product(pos))
}

/// `p^e` for `e >= 1`, by binary powering.
fn poly_pow(p: Vec<BigUint>, e: usize) -> Vec<BigUint> {
    let mut result: Option<Vec<BigUint>> = None;
    let mut base = p;
    let mut e = e;
    loop {
        if e & 1 == 1 {
            result = Some(match result {
                None => base.clone(),
                Some(r) => poly_mul(&r, &base),
            });
        }
        e >>= 1;
        if e == 0 {
            return result.unwrap_or_else(|| vec![BigUint::one()]);
        }
        base = poly_mul(&base, &base);
    }
}

/// Largest `m` for which [`grouped_small`] is tried (`k! < 2^127` needs
/// `k <= 33`, so beyond that it would overflow anyway).
const SMALL_M: usize = 33;

/// The grouped evaluation in checked machine arithmetic (schoolbook products);
/// `None` as soon as anything would overflow, in which case the big-integer
/// path is used. Same formula as the big-integer path.
fn grouped_small(pos: &[usize], m: usize) -> Option<u128> {
    let mut q: Vec<u128> = vec![1];
    let mut denom: u128 = 1;
    for &n in pos {
        let n128 = n as u128;
        let mut f: Vec<u128> = Vec::with_capacity(n + 1);
        let mut c: u128 = 1;
        f.push(c);
        for a in 0..n128 {
            c = c.checked_mul((n128 + 1 - a) * (n128 - a))? / (a + 1);
            f.push(c);
        }
        for k in 2..=n128 {
            denom = denom.checked_mul(k)?;
        }
        let mut r = vec![0u128; q.len() + n];
        for (i, &x) in q.iter().enumerate() {
            for (j, &y) in f.iter().enumerate() {
                r[i + j] = r[i + j].checked_add(x.checked_mul(y)?)?;
            }
        }
        q = r;
    }
    let mut acc: i128 = 0;
    for k in (0..=m).rev() {
        let two_pow = 1i128.checked_shl(u32::try_from(k + 1).ok()?)?;
        if two_pow <= 0 {
            return None;
        }
        let r = i128::try_from(q[m - k]).ok()?.checked_mul(two_pow - 1)?;
        acc = acc.checked_mul(i128::try_from(k + 1).ok()?)?;
        acc = if (m - k) % 2 == 0 {
            acc.checked_add(r)?
        } else {
            acc.checked_sub(r)?
        };
    }
    let denom = i128::try_from(denom).ok()?;
    debug_assert_eq!(acc % denom, 0, "prod n_i! must divide the grouped sum");
    u128::try_from(acc / denom).ok()
}

fn to_biguint_checked(x: BigInt) -> BigUint {
    debug_assert!(x.sign() != Sign::Minus, "a degree came out negative: {x}");
    x.to_biguint().unwrap_or_default()
}

/// The generic Euclidean distance degree of `P^{n_1} x ... x P^{n_L}` (DHOST
/// Thm 5.8), by the grouped evaluation described in the [module
/// documentation](self), with the default size limit
/// [`DEFAULT_SIZE_LIMIT_BITS`].
///
/// Empty or all-zero `dims` (a point) give 1, and so does a single projective
/// space of any dimension. `P^0` factors change nothing.
///
/// # Errors
///
/// [`Error::TooLarge`] if [`size_estimate_bits`] exceeds the limit.
///
/// ```
/// use neurovariety::segre::generic_ed_degree;
/// use num_bigint::BigUint;
/// assert_eq!(generic_ed_degree(&[2, 2]).unwrap(), BigUint::from(39u32));
/// assert_eq!(generic_ed_degree(&[1, 0, 1]).unwrap(), BigUint::from(6u32));
/// assert_eq!(generic_ed_degree(&[]).unwrap(), BigUint::from(1u32));
/// assert!(generic_ed_degree(&[usize::MAX, 1]).is_err());
/// ```
pub fn generic_ed_degree(dims: &[usize]) -> Result<BigUint, Error> {
    generic_ed_degree_with_limit(dims, DEFAULT_SIZE_LIMIT_BITS)
}

/// [`generic_ed_degree`] with a caller-chosen cap `limit_bits` on
/// [`size_estimate_bits`].
///
/// # Errors
///
/// [`Error::TooLarge`] if [`size_estimate_bits`]`(dims) > limit_bits`.
///
/// ```
/// use neurovariety::{segre::generic_ed_degree_with_limit, Error};
/// assert!(matches!(
///     generic_ed_degree_with_limit(&[1, 1], 10),
///     Err(Error::TooLarge { limit: 10, .. })
/// ));
/// ```
pub fn generic_ed_degree_with_limit(dims: &[usize], limit_bits: u128) -> Result<BigUint, Error> {
    let (pos, m) = positive_dims(dims);
    if pos.len() <= 1 {
        return Ok(BigUint::one());
    }
    check_limit(
        "bits of the exact count",
        size_estimate_bits(&pos),
        limit_bits,
        Some("segre::generic_ed_degree_with_limit"),
    )?;
    // m <= estimate <= limit; still, never truncate.
    let m = usize::try_from(m).map_err(|_| Error::Overflow { what: "dimension" })?;
    if m <= SMALL_M {
        if let Some(v) = grouped_small(&pos, m) {
            return Ok(BigUint::from(v));
        }
    }
    Ok(grouped_big(&pos, m))
}

/// The grouped evaluation in big integers (product tree with Kronecker
/// substitution, then a Horner-style outer sum).
fn grouped_big(pos: &[usize], m: usize) -> BigUint {
    let (q, denom) = grouped_coefficients(pos);
    // sum_k k! r_k with r_k = (-1)^{m-k} (2^{k+1} - 1) q_{m-k}, Horner in k.
    let mut acc = BigInt::zero();
    for k in (0..=m).rev() {
        acc *= k + 1;
        let qs = &q[m - k];
        let r = BigInt::from((qs << (k + 1)) - qs);
        if (m - k) % 2 == 0 {
            acc += r;
        } else {
            acc -= r;
        }
    }
    let (quot, rem) = acc.div_rem(&BigInt::from(denom));
    debug_assert!(rem.is_zero(), "prod n_i! must divide the grouped sum");
    to_biguint_checked(quot)
}

/// The generic ED degree by the plain sum over all `a` with `0 <= a_i <= n_i`,
/// term by term in exact rationals:
/// `sum_a (-1)^{|a|} (2^{m-|a|+1} - 1) (m-|a|)! prod_i C(n_i+1, a_i) / (n_i - a_i)!`.
///
/// This costs `prod_i (n_i + 1)` rational terms and exists as an independent
/// reference for tests; use [`generic_ed_degree`] otherwise.
///
/// # Errors
///
/// [`Error::TooLarge`] if the number of terms exceeds [`MAX_NAIVE_TERMS`](crate::limits::MAX_NAIVE_TERMS)
/// (`estimate` is then the number of terms) or [`size_estimate_bits`] exceeds
/// [`DEFAULT_SIZE_LIMIT_BITS`].
///
/// ```
/// use neurovariety::segre::generic_ed_degree_naive;
/// use num_bigint::BigUint;
/// assert_eq!(generic_ed_degree_naive(&[1, 1, 1]).unwrap(), BigUint::from(34u32));
/// ```
pub fn generic_ed_degree_naive(dims: &[usize]) -> Result<BigUint, Error> {
    let terms = dims.iter().fold(1u128, |acc, &n| {
        acc.saturating_mul((n as u128).saturating_add(1))
    });
    check_limit(
        "number of terms of the naive sum",
        terms,
        crate::limits::MAX_NAIVE_TERMS,
        None,
    )?;
    check_limit(
        "bits of the exact count",
        size_estimate_bits(dims),
        DEFAULT_SIZE_LIMIT_BITS,
        None,
    )?;
    // Both checks passed, so every n_i and m are small.
    let m: usize = dims.iter().sum();
    let mut fact = vec![BigInt::one()];
    for k in 1..=m + 1 {
        let next = &fact[k - 1] * k;
        fact.push(next);
    }
    let binom = |n: usize, k: usize| &fact[n] / (&fact[k] * &fact[n - k]);
    let binoms: Vec<Vec<BigInt>> = dims
        .iter()
        .map(|&n| (0..=n).map(|a| binom(n + 1, a)).collect())
        .collect();
    let mut a = vec![0usize; dims.len()];
    let mut sum = BigRational::zero();
    loop {
        let s: usize = a.iter().sum();
        let two_pow: BigInt = (BigInt::one() << (m - s + 1)) - 1;
        let mut num: BigInt = two_pow * &fact[m - s];
        let mut den = BigInt::one();
        for (i, (&n, &ai)) in dims.iter().zip(&a).enumerate() {
            num *= &binoms[i][ai];
            den *= &fact[n - ai];
        }
        if s % 2 == 1 {
            num = -num;
        }
        sum += BigRational::new(num, den);
        // Next a (odometer); stop after the last.
        let mut i = 0;
        loop {
            if i == dims.len() {
                debug_assert!(sum.is_integer());
                return Ok(to_biguint_checked(sum.to_integer()));
            }
            if a[i] < dims[i] {
                a[i] += 1;
                break;
            }
            a[i] = 0;
            i += 1;
        }
    }
}

/// The paper's `C_k`: the generic ED degree of `P^{k_1-1} x ... x P^{k_L-1}`
/// for filter sizes `k_1, ..., k_L`.
///
/// # Errors
///
/// [`Error::NoLayers`] for an empty list, [`Error::ZeroFilterSize`] naming the
/// first zero size, and the errors of [`generic_ed_degree`].
///
/// ```
/// use neurovariety::{segre::generic_ed_degree_of_filters, Error};
/// use num_bigint::BigUint;
/// assert_eq!(generic_ed_degree_of_filters(&[2, 10]).unwrap(), BigUint::from(38u32));
/// assert_eq!(generic_ed_degree_of_filters(&[2, 0]), Err(Error::ZeroFilterSize { layer: 2 }));
/// ```
pub fn generic_ed_degree_of_filters(filter_sizes: &[usize]) -> Result<BigUint, Error> {
    if filter_sizes.is_empty() {
        return Err(Error::NoLayers);
    }
    let dims = filter_sizes
        .iter()
        .enumerate()
        .map(|(l, &k)| {
            k.checked_sub(1)
                .ok_or(Error::ZeroFilterSize { layer: l + 1 })
        })
        .collect::<Result<Vec<_>, _>>()?;
    generic_ed_degree(&dims)
}

/// The degree of the Segre embedding, `deg X = m! / (n_1! ... n_L!)`, computed
/// as `prod_i C(n_1 + ... + n_i, n_i)`.
///
/// A point or a single projective space has degree 1 whatever its dimension.
///
/// # Errors
///
/// [`Error::TooLarge`] if [`size_estimate_bits`] exceeds
/// [`DEFAULT_SIZE_LIMIT_BITS`] (the same rule as for [`chern_numbers`], whose
/// first entry is this degree).
///
/// ```
/// use neurovariety::segre::segre_degree;
/// use num_bigint::BigUint;
/// assert_eq!(segre_degree(&[1, 2]).unwrap(), BigUint::from(3u32));
/// assert_eq!(segre_degree(&[usize::MAX]).unwrap(), BigUint::from(1u32));
/// ```
pub fn segre_degree(dims: &[usize]) -> Result<BigUint, Error> {
    let (pos, _) = positive_dims(dims);
    if pos.len() <= 1 {
        return Ok(BigUint::one());
    }
    check_limit(
        "bits of the exact value",
        size_estimate_bits(&pos),
        DEFAULT_SIZE_LIMIT_BITS,
        None,
    )?;
    let mut result = BigUint::one();
    let mut total = 0usize;
    for &n in &pos {
        total += n;
        // C(total, n) by the exact recurrence C(t, j+1) = C(t, j) (t-j) / (j+1).
        let mut c = BigUint::one();
        for j in 0..n {
            c = c * (total - j) / (j + 1);
        }
        result *= c;
    }
    Ok(result)
}

/// The Chern numbers `deg c_j = deg( c_j(TX) h^{m-j} )` for `j = 0, ..., m`,
/// where `c(TX) = prod_i (1 + h_i)^{n_i+1}` and `h = h_1 + ... + h_L`:
/// `deg c_j = (m-j)! [t^j] prod_i P_{n_i}(t)` (see the [module
/// documentation](self)).
///
/// `deg c_0 = deg X` ([`segre_degree`]) and `deg c_m = prod_i (n_i + 1)` is the
/// Euler characteristic. A point gives `[1]`. All entries are non-negative.
///
/// # Errors
///
/// [`Error::TooLarge`] if [`size_estimate_bits`] exceeds
/// [`DEFAULT_SIZE_LIMIT_BITS`].
///
/// ```
/// use neurovariety::segre::chern_numbers;
/// use num_bigint::BigInt;
/// let c: Vec<BigInt> = [3, 8, 9, 6].iter().map(|&x| BigInt::from(x)).collect();
/// assert_eq!(chern_numbers(&[1, 2]).unwrap(), c);
/// ```
pub fn chern_numbers(dims: &[usize]) -> Result<Vec<BigInt>, Error> {
    let (pos, m) = positive_dims(dims);
    check_limit(
        "bits of the exact value",
        size_estimate_bits(&pos),
        DEFAULT_SIZE_LIMIT_BITS,
        None,
    )?;
    let m = usize::try_from(m).map_err(|_| Error::Overflow { what: "dimension" })?;
    let (q, denom) = grouped_coefficients(&pos);
    let mut out = vec![BigInt::zero(); m + 1];
    let mut fact = BigUint::one();
    for k in 0..=m {
        if k > 0 {
            fact *= k;
        }
        let j = m - k;
        let (quot, rem) = (&fact * &q[j]).div_rem(&denom);
        debug_assert!(rem.is_zero(), "prod n_i! must divide (m-j)! q_j");
        out[j] = BigInt::from(quot);
    }
    Ok(out)
}

/// The polar degrees `delta_0, ..., delta_m` of `X`,
/// `delta_i = sum_{j=0}^{m-i} (-1)^j C(m+1-j, i+1) deg c_j` (Holme's formula as
/// in DHOST Thm 5.4 / 5.8), with [`chern_numbers`] for `deg c_j`.
///
/// Indexing: `delta_m = deg X`; `delta_0 = deg X^vee` if the dual variety is a
/// hypersurface and 0 otherwise. Their sum is [`generic_ed_degree`]. A point
/// gives `[1]`; `P^n` gives `[0, ..., 0, 1]`.
///
/// They are computed as the coefficients of `G(1 + y) - G(1)`,
/// `G(z) = sum_j (-1)^j deg c_j z^{m+1-j}` (so `delta_i` is the coefficient of
/// `y^{i+1}`), by a Horner-style Taylor shift: `O(m^2)` big-integer additions.
///
/// # Errors
///
/// As for [`chern_numbers`].
///
/// ```
/// use neurovariety::segre::polar_degrees;
/// use num_bigint::BigUint;
/// let d: Vec<BigUint> = [0u32, 3, 4, 3].iter().map(|&x| BigUint::from(x)).collect();
/// assert_eq!(polar_degrees(&[1, 2]).unwrap(), d);
/// ```
pub fn polar_degrees(dims: &[usize]) -> Result<Vec<BigUint>, Error> {
    let c = chern_numbers(dims)?;
    let m = c.len() - 1;
    // Horner: acc <- (acc + g_e) (1 + y) for e = m+1 down to 1, where
    // g_e = (-1)^j c_j with j = m + 1 - e.
    let mut acc: Vec<BigInt> = Vec::with_capacity(m + 2);
    for (j, cj) in c.iter().enumerate() {
        if acc.is_empty() {
            acc.push(BigInt::zero());
        }
        if j % 2 == 0 {
            acc[0] += cj;
        } else {
            acc[0] -= cj;
        }
        // multiply by (1 + y): a[i] += a[i-1], from the top down.
        acc.push(BigInt::zero());
        for i in (1..acc.len()).rev() {
            let (lo, hi) = acc.split_at_mut(i);
            hi[0] += &lo[i - 1];
        }
    }
    // acc[0] = G(1) is dropped; delta_i = acc[i + 1].
    Ok(acc.into_iter().skip(1).map(to_biguint_checked).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`size_estimate_bits`] is within a small factor of the real size of the
    /// intermediate integers: the `m + 1` terms `k! 2^(k+1) q_(m-k)` of the
    /// outer sum (what the estimate describes), computed here.
    #[test]
    fn the_size_estimate_is_tight() {
        let fifty: Vec<usize> = (0..50).map(|l| 4 + l % 17).collect();
        for dims in [
            fifty,
            vec![1; 150],
            vec![30, 30],
            vec![1, 100],
            vec![2; 60],
            vec![199; 3],
            vec![10, 2, 7, 9, 9, 12, 5, 11],
        ] {
            let m: usize = dims.iter().sum();
            let (q, _) = grouped_coefficients(&dims);
            let mut fact = BigUint::one();
            let mut real: u64 = 0;
            for k in 0..=m {
                if k > 0 {
                    fact *= k;
                }
                real += ((&fact * &q[m - k]) << (k + 1)).bits();
            }
            let ratio = size_estimate_bits(&dims) as f64 / real as f64;
            assert!((1.0..3.0).contains(&ratio), "{dims:?}: {ratio}");
        }
    }

    /// The machine-integer fast path agrees with the big-integer path whenever
    /// it does not overflow, and it does overflow (falls back) for large `m`.
    #[test]
    fn small_path_matches_big_path() {
        let mut checked = 0;
        for a in 1..8usize {
            for b in a..8 {
                for c in 0..6usize {
                    for d in 0..4usize {
                        let pos: Vec<usize> = [a, b, c, d].into_iter().filter(|&n| n > 0).collect();
                        let m: usize = pos.iter().sum();
                        if let Some(v) = grouped_small(&pos, m) {
                            assert_eq!(BigUint::from(v), grouped_big(&pos, m), "{pos:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 500);
        assert_eq!(grouped_small(&[16, 17], 33), None);
    }

    #[test]
    fn kronecker_product_matches_schoolbook() {
        let a: Vec<BigUint> = (0..7u32)
            .map(|i| BigUint::from(i * i + 1) << (30 * i as usize))
            .collect();
        let b: Vec<BigUint> = (0..5u32).map(|i| BigUint::from(3 * i + 2)).collect();
        let mut expected = vec![BigUint::zero(); a.len() + b.len() - 1];
        for (i, x) in a.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                expected[i + j] += x * y;
            }
        }
        assert_eq!(poly_mul(&a, &b), expected);
        assert_eq!(poly_mul(&b, &a), expected);
        assert_eq!(poly_mul(&a, &a[..1]), a);
    }
}
