//! Factorization of univariate polynomials and binary forms over Q.
//!
//! Every non-zero `f` in `Z[y]` is uniquely `f = u * f_1^{e_1} ... f_k^{e_k}`
//! with `u` an integer (sign times content) and the `f_i` pairwise distinct,
//! irreducible over Q, primitive and with positive leading coefficient
//! (Gauss's lemma: irreducibility over Z and over Q agree for primitive
//! polynomials). [`factor_integer`] computes this decomposition by the
//! classical Berlekamp–Zassenhaus method:
//!
//! 1. **Square-free decomposition** (Yun): `pp(f) = prod a_i^i` with the `a_i`
//!    square-free and pairwise coprime ([`square_free_decomposition`]); each
//!    `a_i` is factored separately.
//! 2. **A good prime.** For a square-free primitive `g` (with the factor `y`
//!    split off when `g(0) = 0`) several 62-bit primes `p` not dividing
//!    `lc(g)` with `g mod p` square-free are tried, and the one with the fewest
//!    irreducible factors modulo `p` is kept. The number of factors is the
//!    dimension of the Berlekamp algebra `{h : h^p = h mod g}`, the kernel of
//!    `Q - I` where `Q` is the matrix of the Frobenius `h -> h^p`.
//! 3. **Factoring modulo p** (Berlekamp with Cantor–Zassenhaus splitting): for
//!    random `h` in the Berlekamp algebra, `gcd(u, h^{(p-1)/2} - 1)` splits any
//!    reducible `u` with probability at least 1/2. The random numbers come from
//!    a fixed-seed generator, so results and running times are reproducible.
//! 4. **Hensel lifting** (quadratic, along a balanced factor tree, von zur
//!    Gathen–Gerhard Algorithm 15.10/15.17) of `g = lc(g) prod g_j mod p` to a
//!    modulus `M = p^{2^k} > 2 B` where `B = 2^n ||g||_2 |lc(g)|` bounds
//!    (Landau–Mignotte) the coefficients of `lc(g)/lc(h) * h` for every factor
//!    `h` of `g`.
//! 5. **Recombination** (Zassenhaus): for subsets `S` of the lifted factors, by
//!    increasing size up to half of those left, the symmetric residue
//!    `g* = lc(g) prod_{j in S} g_j mod M` is tested, first cheaply (its
//!    constant term must divide `lc(g) g(0)`) and then by exact trial division
//!    of `lc(g) g`. A candidate is accepted only if it divides exactly, so the
//!    result is always a true factorization; the bound guarantees that every
//!    true factor is found, and trying the smallest subsets first guarantees
//!    that the factors found are irreducible. Recombination is exponential in
//!    the number of modular factors in the worst case (Swinnerton-Dyer
//!    polynomials), which is harmless for the degrees met here (up to ~60).
//!
//! A binary form `F(x, y) = x^a G(x, y)` with `x` not dividing `G` factors as
//! `x^a` (the root at infinity) times the homogenised factors of `G(1, y)`
//! ([`factor_form`]). [`split_form_by_degrees`] decides whether the
//! irreducible factors (with multiplicity) can be grouped into factors of
//! prescribed degrees, which is an exact bin-packing problem on the factor
//! degrees, solved by a memoised search.
//!
//! ```
//! use neurovariety::poly::{factor_integer, split_form_by_degrees, BinaryForm, UPoly};
//! // 2 y^4 - 2 = 2 (y - 1)(y + 1)(y^2 + 1)
//! let f = UPoly::from_i64(&[-2, 0, 0, 0, 2]);
//! let fac = factor_integer(&f).unwrap();
//! assert_eq!(fac.unit, 2.into());
//! assert_eq!(fac.factors.len(), 3);
//! assert_eq!(fac.expand(), f);
//!
//! // (x^2 + y^2)(x + y)^2 = (x + y) * [(x + y)(x^2 + y^2)]: degrees (1, 3)
//! let p = &(&BinaryForm::from_i64(&[1, 0, 1]).unwrap() * &BinaryForm::from_i64(&[1, 1]).unwrap())
//!     * &BinaryForm::from_i64(&[1, 1]).unwrap();
//! let parts = split_form_by_degrees(&p, &[1, 3]).unwrap();
//! assert_eq!(parts[0].degree(), 1);
//! assert_eq!(&parts[0] * &parts[1], p);
//! // x^2 + y^2 alone cannot be split into two rational linear forms
//! let q = BinaryForm::from_i64(&[1, 0, 1]).unwrap();
//! assert!(split_form_by_degrees(&q, &[1, 1]).is_err());
//! ```

use super::binary_form::BinaryForm;
use super::gcd::{content, gcd_integer, gcd_mod_p, primitive_part};
use super::univariate::UPoly;
use crate::modular::{large_primes, Zp};
use crate::random::SplitMix;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::collections::HashSet;

/// The complete factorization of a non-zero integer polynomial over Q:
/// `p = unit * prod f^e` over `factors`.
///
/// Each factor is irreducible over Q, primitive, has a positive leading
/// coefficient and appears once (with its multiplicity `e >= 1`); `unit` is the
/// content of `p` with the sign of its leading coefficient. Factors are sorted
/// by degree, then by coefficients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Factorization {
    /// The integer constant: `sign(lc p) * content(p)`.
    pub unit: BigInt,
    /// The irreducible factors and their multiplicities.
    pub factors: Vec<(UPoly<BigInt>, usize)>,
}

impl Factorization {
    /// Multiplies the factorization back: `unit * prod f^e`.
    pub fn expand(&self) -> UPoly<BigInt> {
        let mut acc = UPoly::constant(self.unit.clone());
        for (f, e) in &self.factors {
            for _ in 0..*e {
                acc = &acc * f;
            }
        }
        acc
    }

    /// The number of irreducible factors counted with multiplicity.
    pub fn count_with_multiplicity(&self) -> usize {
        self.factors.iter().map(|(_, e)| e).sum()
    }
}

/// The complete factorization of a non-zero integer binary form over Q:
/// `F = unit * prod G^e` over `factors`.
///
/// The root at infinity is the linear factor `x` (coefficient vector `[1, 0]`)
/// with multiplicity [`BinaryForm::x_multiplicity`]; every other factor is the
/// homogenisation (of its own degree) of an irreducible factor of the
/// dehomogenisation `F(1, y)`, primitive with positive coefficient of its
/// highest power of `y`. Factors are sorted by degree, then by coefficients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormFactorization {
    /// The integer constant: content of `F` with the sign of the coefficient of
    /// the highest power of `y` present.
    pub unit: BigInt,
    /// The irreducible forms and their multiplicities.
    pub factors: Vec<(BinaryForm<BigInt>, usize)>,
}

impl FormFactorization {
    /// Multiplies the factorization back: `unit * prod G^e`, a form of degree
    /// `sum e * deg G`.
    pub fn expand(&self) -> BinaryForm<BigInt> {
        let mut acc = constant_form(self.unit.clone());
        for (g, e) in &self.factors {
            for _ in 0..*e {
                acc = &acc * g;
            }
        }
        acc
    }

    /// The degrees of the irreducible factors, each repeated by its
    /// multiplicity, in ascending order.
    pub fn degrees(&self) -> Vec<usize> {
        let mut d: Vec<usize> = self
            .factors
            .iter()
            .flat_map(|(g, e)| std::iter::repeat_n(g.degree(), *e))
            .collect();
        d.sort_unstable();
        d
    }
}

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

/// Complete factorization of a non-zero integer polynomial over Q (see
/// [`Factorization`] and the module documentation for the algorithm).
///
/// Errors: the zero polynomial ([`Error::InvalidArgument`]); an internal
/// consistency failure would be reported as [`Error::NoConvergence`] rather
/// than returning a wrong answer (the result is checked by multiplying back).
///
/// ```
/// use neurovariety::poly::{factor_integer, UPoly};
/// // y^4 - 10 y^2 + 1 is irreducible over Q (it splits modulo every prime)
/// let f = UPoly::from_i64(&[1, 0, -10, 0, 1]);
/// let fac = factor_integer(&f).unwrap();
/// assert_eq!(fac.factors, vec![(f.clone(), 1)]);
/// ```
pub fn factor_integer(p: &UPoly<BigInt>) -> Result<Factorization, Error> {
    let Some(n) = p.degree() else {
        return Err(Error::InvalidArgument {
            name: "polynomial",
            value: "0".into(),
            reason: "the zero polynomial has no factorization".into(),
        });
    };
    if n == 0 {
        return Ok(Factorization {
            unit: p.coeff(0),
            factors: Vec::new(),
        });
    }
    let c = content(p);
    let unit = if p.leading_coeff().is_some_and(|l| l.is_negative()) {
        -c
    } else {
        c
    };
    let mut factors = Vec::new();
    for (a, e) in square_free_decomposition(p) {
        for g in factor_square_free(&a)? {
            factors.push((g, e));
        }
    }
    factors.sort_by(|(f, _), (g, _)| {
        f.degree()
            .cmp(&g.degree())
            .then_with(|| f.coeffs().cmp(g.coeffs()))
    });
    let out = Factorization { unit, factors };
    if out.expand() != *p {
        return Err(internal(
            "factorization over Q: the product of the factors differs from the input",
        ));
    }
    Ok(out)
}

/// Complete factorization over Q of a non-zero rational polynomial into monic
/// irreducible factors: `p = c * prod f^e`, returned as `(c, [(f, e), ...])`.
/// Factors are sorted as in [`factor_integer`]. The zero polynomial is an error.
///
/// ```
/// use neurovariety::poly::{factor_rational, UPoly};
/// use num_rational::BigRational;
/// let q = |n: i64, d: i64| BigRational::new(n.into(), d.into());
/// // (1/2) y^2 - 1/2 = (1/2) (y - 1)(y + 1)
/// let p = UPoly::new(vec![q(-1, 2), q(0, 1), q(1, 2)]);
/// let (c, f) = factor_rational(&p).unwrap();
/// assert_eq!(c, q(1, 2));
/// assert_eq!(f.len(), 2);
/// ```
#[allow(clippy::type_complexity)]
pub fn factor_rational(
    p: &UPoly<BigRational>,
) -> Result<(BigRational, Vec<(UPoly<BigRational>, usize)>), Error> {
    if p.is_zero() {
        return Err(Error::InvalidArgument {
            name: "polynomial",
            value: "0".into(),
            reason: "the zero polynomial has no factorization".into(),
        });
    }
    let den = p
        .coeffs()
        .iter()
        .fold(BigInt::one(), |l, c| l.lcm(c.denom()));
    let int = UPoly::new(p.coeffs().iter().map(|c| (c * &den).to_integer()).collect());
    let fac = factor_integer(&int)?;
    let mut c = BigRational::new(fac.unit, den);
    let mut out = Vec::with_capacity(fac.factors.len());
    for (f, e) in fac.factors {
        let lc = f.leading_coeff().cloned().unwrap_or_else(BigInt::one);
        for _ in 0..e {
            c *= BigRational::from_integer(lc.clone());
        }
        let r: UPoly<BigRational> = UPoly::new(
            f.coeffs()
                .iter()
                .map(|x| BigRational::new(x.clone(), lc.clone()))
                .collect(),
        );
        out.push((r, e));
    }
    Ok((c, out))
}

/// Complete factorization of a non-zero integer binary form over Q (see
/// [`FormFactorization`]): the power of `x` is split off as linear factors
/// `x = [1, 0]`, and the dehomogenisation `F(1, y)` is factored by
/// [`factor_integer`]. The zero form is an error.
///
/// ```
/// use neurovariety::poly::{factor_form, BinaryForm};
/// // x^2 (x^2 + y^2): coefficients of x^4, x^3 y, ..., y^4
/// let f = BinaryForm::from_i64(&[1, 0, 1, 0, 0]).unwrap();
/// let fac = factor_form(&f).unwrap();
/// assert_eq!(fac.factors, vec![
///     (BinaryForm::from_i64(&[1, 0]).unwrap(), 2),
///     (BinaryForm::from_i64(&[1, 0, 1]).unwrap(), 1),
/// ]);
/// ```
pub fn factor_form(f: &BinaryForm<BigInt>) -> Result<FormFactorization, Error> {
    let Some(a) = f.x_multiplicity() else {
        return Err(Error::InvalidArgument {
            name: "form",
            value: f.to_string(),
            reason: "the zero form has no factorization".into(),
        });
    };
    let fac = factor_integer(&f.dehomogenize())?;
    let mut factors = Vec::with_capacity(fac.factors.len() + 1);
    for (g, e) in &fac.factors {
        let k = g.degree().unwrap_or(0);
        factors.push((BinaryForm::from_dehomogenized(g, k)?, *e));
    }
    if a > 0 {
        factors.push((x_power(1), a));
    }
    factors.sort_by(|(f, _), (g, _)| {
        f.degree()
            .cmp(&g.degree())
            .then_with(|| f.coeffs().cmp(g.coeffs()))
    });
    let out = FormFactorization {
        unit: fac.unit,
        factors,
    };
    if out.expand() != *f {
        return Err(internal(
            "form factorization over Q: the product of the factors differs from the input",
        ));
    }
    Ok(out)
}

/// Splits a binary form into rational factors of prescribed degrees.
///
/// Returns primitive integer forms `G_1, ..., G_n` with `deg G_i = degrees[i]`
/// and `G_1 * ... * G_n = c * f` for a non-zero rational constant `c`, whenever
/// such a split exists. Existence is decided exactly: the irreducible factors
/// of `f` over Q (with multiplicity, `x` counted for roots at infinity) must be
/// distributable into bins of the given degrees. A bin of degree 0 gets the
/// constant form `1`.
///
/// The zero form is the product of the zero form of degree `degrees[0]` and
/// the forms `x^{degrees[i]}`, `i >= 1`; that split is returned for it.
///
/// Errors: [`Error::InvalidArgument`] for an empty `degrees`;
/// [`Error::LengthMismatch`] if the degrees do not sum to `deg f`;
/// [`Error::NoFactorization`] (field `"rational"`) if no grouping exists, with a
/// reason naming the irreducible factor degrees.
///
/// ```
/// use neurovariety::{poly::{split_form_by_degrees, BinaryForm}, Error};
/// // (x^2 + y^2)(x^2 + 2 y^2) into degrees (1, 3): impossible over Q
/// let f = &BinaryForm::from_i64(&[1, 0, 1]).unwrap() * &BinaryForm::from_i64(&[1, 0, 2]).unwrap();
/// let err = split_form_by_degrees(&f, &[1, 3]).unwrap_err();
/// assert!(matches!(err, Error::NoFactorization { field: "rational", .. }));
/// // but into (2, 2) it works
/// let parts = split_form_by_degrees(&f, &[2, 2]).unwrap();
/// assert_eq!(&parts[0] * &parts[1], f);
/// ```
pub fn split_form_by_degrees(
    f: &BinaryForm<BigInt>,
    degrees: &[usize],
) -> Result<Vec<BinaryForm<BigInt>>, Error> {
    check_degrees(f.degree(), degrees)?;
    if f.is_zero() {
        let mut out = vec![BinaryForm::zero(degrees[0])?];
        out.extend(degrees[1..].iter().map(|&d| x_power(d)));
        return Ok(out);
    }
    let fac = factor_form(f)?;
    // One item per irreducible factor copy, largest degree first.
    let mut items: Vec<usize> = fac
        .factors
        .iter()
        .enumerate()
        .flat_map(|(i, (_, e))| std::iter::repeat_n(i, *e))
        .collect();
    items.sort_by(|&i, &j| {
        fac.factors[j]
            .0
            .degree()
            .cmp(&fac.factors[i].0.degree())
            .then(i.cmp(&j))
    });
    let sizes: Vec<usize> = items.iter().map(|&i| fac.factors[i].0.degree()).collect();
    let Some(bins) = assign_to_bins(&sizes, degrees) else {
        return Err(Error::NoFactorization {
            field: "rational",
            reason: format!(
                "irreducible factors over Q have degrees {:?}, which cannot be grouped into degrees {:?}",
                fac.degrees(),
                degrees
            ),
        });
    };
    let mut out: Vec<BinaryForm<BigInt>> = (0..degrees.len())
        .map(|_| constant_form(BigInt::one()))
        .collect();
    for (k, &b) in bins.iter().enumerate() {
        out[b] = &out[b] * &fac.factors[items[k]].0;
    }
    Ok(out)
}

/// Splits a rational binary form into rational factors of prescribed degrees
/// whose product is exactly `f`: as [`split_form_by_degrees`] applied to the
/// integer form proportional to `f`, with the constant put on the first factor.
/// Same errors and the same convention for the zero form.
///
/// ```
/// use neurovariety::poly::{split_form_by_degrees_rational, BinaryForm};
/// use num_rational::BigRational;
/// let q = |n: i64| BigRational::from_integer(n.into());
/// // 3 x^2 - 3 y^2 = (3 x + 3 y)(x - y)
/// let f = BinaryForm::new(vec![q(3), q(0), q(-3)]).unwrap();
/// let parts = split_form_by_degrees_rational(&f, &[1, 1]).unwrap();
/// assert_eq!(&parts[0] * &parts[1], f);
/// ```
pub fn split_form_by_degrees_rational(
    f: &BinaryForm<BigRational>,
    degrees: &[usize],
) -> Result<Vec<BinaryForm<BigRational>>, Error> {
    check_degrees(f.degree(), degrees)?;
    let den = f
        .coeffs()
        .iter()
        .fold(BigInt::one(), |l, c| l.lcm(c.denom()));
    let int = BinaryForm::new(f.coeffs().iter().map(|c| (c * &den).to_integer()).collect())?;
    let parts = split_form_by_degrees(&int, degrees)?;
    let mut out: Vec<BinaryForm<BigRational>> = parts
        .iter()
        .map(|g| {
            BinaryForm::new(
                g.coeffs()
                    .iter()
                    .map(|c| BigRational::from_integer(c.clone()))
                    .collect(),
            )
        })
        .collect::<Result<_, _>>()?;
    if f.is_zero() {
        return Ok(out);
    }
    let prod = out.iter().skip(1).fold(out[0].clone(), |acc, g| &acc * g);
    let Some(k) = f.coeffs().iter().position(|c| !c.is_zero()) else {
        return Ok(out);
    };
    if prod.coeffs()[k].is_zero() {
        return Err(internal(
            "rational split: the product of the factors is not proportional to the input",
        ));
    }
    let c = &f.coeffs()[k] / &prod.coeffs()[k];
    out[0] = out[0].scale(&c);
    if prod.scale(&c) != *f {
        return Err(internal(
            "rational split: the product of the factors is not proportional to the input",
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// small helpers

fn internal(what: &str) -> Error {
    Error::NoConvergence {
        what: what.to_string(),
    }
}

fn constant_form(c: BigInt) -> BinaryForm<BigInt> {
    BinaryForm::new(vec![c]).expect("a one-element coefficient vector is a valid form")
}

/// `x^d` as a form of degree `d`.
fn x_power(d: usize) -> BinaryForm<BigInt> {
    let mut v = vec![BigInt::zero(); d + 1];
    v[0] = BigInt::one();
    BinaryForm::new(v).expect("non-empty coefficient vector")
}

/// Checks that `degrees` is non-empty and sums to `d` (shared by the rational
/// and the real splits).
pub(crate) fn check_degrees(d: usize, degrees: &[usize]) -> Result<(), Error> {
    if degrees.is_empty() {
        return Err(Error::InvalidArgument {
            name: "degrees",
            value: "[]".into(),
            reason: "at least one factor degree is required".into(),
        });
    }
    let total = degrees
        .iter()
        .try_fold(0usize, |s, &k| s.checked_add(k))
        .ok_or(Error::Overflow {
            what: "sum of the factor degrees",
        })?;
    if total != d {
        return Err(Error::LengthMismatch {
            what: "sum of the factor degrees versus the degree of the form",
            expected: d,
            found: total,
        });
    }
    Ok(())
}

/// Exact bin packing: assigns each item (sizes in any order, best descending)
/// to a bin so that every bin is filled exactly to its capacity. Returns the
/// bin index of each item, or `None` if impossible.
fn assign_to_bins(sizes: &[usize], caps: &[usize]) -> Option<Vec<usize>> {
    if sizes.iter().sum::<usize>() != caps.iter().sum::<usize>() {
        return None;
    }
    let mut rem = caps.to_vec();
    let mut assign = vec![0; sizes.len()];
    let mut failed = HashSet::new();
    if place(0, sizes, &mut rem, &mut assign, &mut failed) {
        Some(assign)
    } else {
        None
    }
}

fn place(
    i: usize,
    sizes: &[usize],
    rem: &mut Vec<usize>,
    assign: &mut Vec<usize>,
    failed: &mut HashSet<(usize, Vec<usize>)>,
) -> bool {
    if i == sizes.len() {
        return rem.iter().all(|&r| r == 0);
    }
    let mut key = rem.clone();
    key.sort_unstable();
    if failed.contains(&(i, key.clone())) {
        return false;
    }
    let mut tried: Vec<usize> = Vec::new();
    for j in 0..rem.len() {
        if rem[j] >= sizes[i] && !tried.contains(&rem[j]) {
            tried.push(rem[j]);
            rem[j] -= sizes[i];
            assign[i] = j;
            if place(i + 1, sizes, rem, assign, failed) {
                return true;
            }
            rem[j] += sizes[i];
        }
    }
    failed.insert((i, key));
    false
}

// ---------------------------------------------------------------------------
// factoring a square-free primitive polynomial

/// Irreducible factors (primitive, positive leading coefficient) of a
/// square-free primitive `f` of positive degree.
fn factor_square_free(f: &UPoly<BigInt>) -> Result<Vec<UPoly<BigInt>>, Error> {
    let mut f = primitive_part(f);
    let mut out = Vec::new();
    if f.coeff(0).is_zero() {
        out.push(UPoly::from_i64(&[0, 1]));
        f = UPoly::new(f.coeffs()[1..].to_vec());
    }
    let n = f.degree().unwrap_or(0);
    if n == 0 {
        return Ok(out);
    }
    if n == 1 {
        out.push(f);
        return Ok(out);
    }
    let (p, modular) = best_prime_factorization(&f)?;
    if modular.len() == 1 {
        out.push(f);
        return Ok(out);
    }
    let bound = coefficient_bound(&f);
    let two_b = &bound * 2u32;
    let pm = BigInt::from(p.modulus());
    let mut steps = 0u32;
    let mut modulus = pm.clone();
    while modulus <= two_b {
        modulus = &modulus * &modulus;
        steps += 1;
    }
    let lifted = multi_lift(f.coeffs(), &modular, p, steps, &modulus)?;
    out.extend(recombine(f, lifted, &modulus)?);
    Ok(out)
}

/// `2^n ||f||_2 |lc f|` rounded up: bounds every coefficient of
/// `lc(f)/lc(h) * h` for every factor `h` of `f` (and of its factors).
fn coefficient_bound(f: &UPoly<BigInt>) -> BigInt {
    let n = f.degree().unwrap_or(0);
    let sq: BigInt = f.coeffs().iter().map(|c| c * c).sum();
    let norm = sq.sqrt() + 1u32;
    let lc = f
        .leading_coeff()
        .map(|l| l.abs())
        .unwrap_or_else(BigInt::one);
    (norm * lc) << n
}

/// Number of primes (with `f mod p` square-free of full degree) compared.
const PRIME_TRIALS: usize = 5;

/// Tries several primes and returns the one with the fewest irreducible
/// factors of `f` modulo it, together with those (monic) factors.
fn best_prime_factorization(f: &UPoly<BigInt>) -> Result<(Zp, Vec<Fp>), Error> {
    let mut best: Option<(Zp, Fp, Vec<Fp>)> = None;
    let mut good = 0;
    for q in large_primes() {
        let p = Zp::new(q)?;
        let fp = fp_reduce(f, p);
        if fp.len() != f.coeffs().len() {
            continue;
        }
        let fp = fp_monic(&fp, p);
        if gcd_mod_p(&fp, &fp_deriv(&fp, p), p).len() != 1 {
            continue;
        }
        let basis = berlekamp_basis(&fp, p);
        let r = basis.len();
        if best.as_ref().is_none_or(|(_, _, b)| r < b.len()) {
            best = Some((p, fp, basis));
        }
        good += 1;
        if r == 1 || good >= PRIME_TRIALS {
            break;
        }
    }
    let (p, fp, basis) = best.ok_or_else(|| internal("factorization over Q: no suitable prime"))?;
    let factors = berlekamp_split(&fp, &basis, p)?;
    Ok((p, factors))
}

/// Zassenhaus recombination of the lifted monic factors (coefficients in
/// `[0, M)`) of the square-free primitive `f` with `f(0) != 0`.
fn recombine(
    mut f: UPoly<BigInt>,
    lifted: Vec<ZPoly>,
    m: &BigInt,
) -> Result<Vec<UPoly<BigInt>>, Error> {
    let half = m >> 1;
    let sym = |c: &BigInt| -> BigInt {
        let r = c.mod_floor(m);
        if r > half {
            r - m
        } else {
            r
        }
    };
    let mut t: Vec<ZPoly> = lifted;
    let mut out = Vec::new();
    let mut s = 1;
    'outer: while 2 * s <= t.len() {
        let b = f.leading_coeff().cloned().unwrap_or_else(BigInt::one);
        let bf = f.scale(&b);
        let bf0 = bf.coeff(0);
        let consts: Vec<BigInt> = t
            .iter()
            .map(|g| g.first().cloned().unwrap_or_default())
            .collect();
        let mut idx: Vec<usize> = (0..s).collect();
        loop {
            // constant-term test
            let c0 = sym(&idx
                .iter()
                .fold(b.clone(), |acc, &i| (acc * &consts[i]).mod_floor(m)));
            if !c0.is_zero() && (&bf0 % &c0).is_zero() {
                let prod = idx
                    .iter()
                    .fold(vec![b.clone()], |acc, &i| z_mod(&z_mul(&acc, &t[i]), m));
                let cand = UPoly::new(prod.iter().map(&sym).collect());
                if bf.exact_div(&cand).is_ok() {
                    let u = primitive_part(&cand);
                    f = f
                        .exact_div(&u)
                        .map_err(|_| internal("recombination: inconsistent trial division"))?;
                    f = primitive_part(&f);
                    out.push(u);
                    let chosen: HashSet<usize> = idx.iter().copied().collect();
                    t = t
                        .into_iter()
                        .enumerate()
                        .filter(|(i, _)| !chosen.contains(i))
                        .map(|(_, g)| g)
                        .collect();
                    continue 'outer;
                }
            }
            if !next_combination(&mut idx, t.len()) {
                break;
            }
        }
        s += 1;
    }
    if f.degree().unwrap_or(0) > 0 {
        out.push(f);
    }
    Ok(out)
}

/// Advances `idx` (strictly increasing indices below `n`) to the next
/// combination in lexicographic order; `false` after the last one.
fn next_combination(idx: &mut [usize], n: usize) -> bool {
    let k = idx.len();
    let mut i = k;
    while i > 0 {
        i -= 1;
        if idx[i] < n - k + i {
            idx[i] += 1;
            for j in i + 1..k {
                idx[j] = idx[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

// ---------------------------------------------------------------------------
// Hensel lifting over Z

/// Dense integer polynomial, ascending, trimmed.
type ZPoly = Vec<BigInt>;

fn z_trim(mut a: ZPoly) -> ZPoly {
    while a.last().is_some_and(|c| c.is_zero()) {
        a.pop();
    }
    a
}

fn z_mod(a: &[BigInt], m: &BigInt) -> ZPoly {
    z_trim(a.iter().map(|c| c.mod_floor(m)).collect())
}

fn z_mul(a: &[BigInt], b: &[BigInt]) -> ZPoly {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut v = vec![BigInt::zero(); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        if x.is_zero() {
            continue;
        }
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    z_trim(v)
}

fn z_add(a: &[BigInt], b: &[BigInt]) -> ZPoly {
    let n = a.len().max(b.len());
    z_trim(
        (0..n)
            .map(|i| a.get(i).cloned().unwrap_or_default() + b.get(i).cloned().unwrap_or_default())
            .collect(),
    )
}

fn z_sub(a: &[BigInt], b: &[BigInt]) -> ZPoly {
    let n = a.len().max(b.len());
    z_trim(
        (0..n)
            .map(|i| a.get(i).cloned().unwrap_or_default() - b.get(i).cloned().unwrap_or_default())
            .collect(),
    )
}

/// Division with remainder by a polynomial with leading coefficient exactly 1.
fn z_divrem_monic(a: &[BigInt], h: &[BigInt]) -> (ZPoly, ZPoly) {
    let dh = h.len() - 1;
    let mut r = a.to_vec();
    if r.len() <= dh {
        return (Vec::new(), z_trim(r));
    }
    let mut q = vec![BigInt::zero(); r.len() - dh];
    for i in (0..q.len()).rev() {
        let c = r[i + dh].clone();
        if !c.is_zero() {
            for (j, hj) in h.iter().enumerate() {
                r[i + j] -= &c * hj;
            }
        }
        q[i] = c;
    }
    r.truncate(dh);
    (z_trim(q), z_trim(r))
}

fn from_fp(a: &[u64]) -> ZPoly {
    a.iter().map(|&c| BigInt::from(c)).collect()
}

/// One quadratic Hensel step (von zur Gathen–Gerhard, Algorithm 15.10): from
/// `f = g h`, `s g + t h = 1 (mod m)` with `h` monic, the same modulo `m^2`.
fn hensel_step(
    f: &[BigInt],
    g: &ZPoly,
    h: &ZPoly,
    s: &ZPoly,
    t: &ZPoly,
    m: &BigInt,
) -> (ZPoly, ZPoly, ZPoly, ZPoly) {
    let m2 = m * m;
    let e = z_mod(&z_sub(f, &z_mul(g, h)), &m2);
    let (q, r) = z_divrem_monic(&z_mod(&z_mul(s, &e), &m2), h);
    let q = z_mod(&q, &m2);
    let r = z_mod(&r, &m2);
    let g1 = z_mod(&z_add(&z_add(g, &z_mul(t, &e)), &z_mul(&q, g)), &m2);
    let h1 = z_mod(&z_add(h, &r), &m2);
    let b = z_mod(
        &z_sub(&z_add(&z_mul(s, &g1), &z_mul(t, &h1)), &[BigInt::one()]),
        &m2,
    );
    let (c, d) = z_divrem_monic(&z_mod(&z_mul(s, &b), &m2), &h1);
    let s1 = z_mod(&z_sub(s, &d), &m2);
    let t1 = z_mod(&z_sub(&z_sub(t, &z_mul(t, &b)), &z_mul(&c, &g1)), &m2);
    (g1, h1, s1, t1)
}

/// Lifts `f = lc(f) prod facs (mod p)` (monic, pairwise coprime `facs`) to monic
/// factors modulo `M = p^{2^steps}`, along a balanced factor tree.
fn multi_lift(
    f: &[BigInt],
    facs: &[Fp],
    p: Zp,
    steps: u32,
    modulus: &BigInt,
) -> Result<Vec<ZPoly>, Error> {
    let lc = f.last().cloned().unwrap_or_else(BigInt::one);
    if facs.len() == 1 {
        let e = lc.mod_floor(modulus).extended_gcd(modulus);
        if !e.gcd.is_one() {
            return Err(internal(
                "Hensel lifting: leading coefficient not invertible",
            ));
        }
        let inv = e.x.mod_floor(modulus);
        let out = z_mod(&f.iter().map(|c| c * &inv).collect::<Vec<_>>(), modulus);
        return Ok(vec![out]);
    }
    let mid = facs.len() / 2;
    let lcp = p.reduce(&lc);
    let g0 = facs[..mid]
        .iter()
        .fold(vec![lcp], |acc, u| fp_mul(&acc, u, p));
    let h0 = facs[mid..]
        .iter()
        .fold(vec![1u64], |acc, u| fp_mul(&acc, u, p));
    let (gg, mut s0, mut t0) = fp_ext_gcd(&g0, &h0, p);
    if gg != [1] {
        return Err(internal("Hensel lifting: modular factors are not coprime"));
    }
    if s0.len() >= h0.len() {
        let (q, r) = fp_divrem(&s0, &h0, p);
        s0 = r;
        t0 = fp_add(&t0, &fp_mul(&q, &g0, p), p);
    }
    let (mut g, mut h, mut s, mut t) = (from_fp(&g0), from_fp(&h0), from_fp(&s0), from_fp(&t0));
    let mut m = BigInt::from(p.modulus());
    for _ in 0..steps {
        let next = hensel_step(f, &g, &h, &s, &t, &m);
        g = next.0;
        h = next.1;
        s = next.2;
        t = next.3;
        m = &m * &m;
    }
    let mut out = multi_lift(&g, &facs[..mid], p, steps, modulus)?;
    out.extend(multi_lift(&h, &facs[mid..], p, steps, modulus)?);
    Ok(out)
}

// ---------------------------------------------------------------------------
// polynomials over Z/p (ascending, trimmed `Vec<u64>`)

type Fp = Vec<u64>;

fn fp_trim(mut a: Fp) -> Fp {
    while a.last() == Some(&0) {
        a.pop();
    }
    a
}

fn fp_reduce(a: &UPoly<BigInt>, p: Zp) -> Fp {
    fp_trim(a.coeffs().iter().map(|c| p.reduce(c)).collect())
}

fn fp_add(a: &[u64], b: &[u64], p: Zp) -> Fp {
    let n = a.len().max(b.len());
    fp_trim(
        (0..n)
            .map(|i| {
                p.add(
                    a.get(i).copied().unwrap_or(0),
                    b.get(i).copied().unwrap_or(0),
                )
            })
            .collect(),
    )
}

fn fp_sub(a: &[u64], b: &[u64], p: Zp) -> Fp {
    let n = a.len().max(b.len());
    fp_trim(
        (0..n)
            .map(|i| {
                p.sub(
                    a.get(i).copied().unwrap_or(0),
                    b.get(i).copied().unwrap_or(0),
                )
            })
            .collect(),
    )
}

fn fp_mul(a: &[u64], b: &[u64], p: Zp) -> Fp {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut v = vec![0u64; a.len() + b.len() - 1];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        for (j, &y) in b.iter().enumerate() {
            v[i + j] = p.add(v[i + j], p.mul(x, y));
        }
    }
    fp_trim(v)
}

/// Division with remainder by a non-zero `b`.
fn fp_divrem(a: &[u64], b: &[u64], p: Zp) -> (Fp, Fp) {
    let db = b.len() - 1;
    let inv = p.inv(b[db]).unwrap_or(0);
    let mut r = a.to_vec();
    if r.len() <= db {
        return (Vec::new(), fp_trim(r));
    }
    let mut q = vec![0u64; r.len() - db];
    for i in (0..q.len()).rev() {
        let c = p.mul(r[i + db], inv);
        if c != 0 {
            for (j, &bj) in b.iter().enumerate() {
                r[i + j] = p.sub(r[i + j], p.mul(c, bj));
            }
        }
        q[i] = c;
    }
    r.truncate(db);
    (fp_trim(q), fp_trim(r))
}

fn fp_rem(a: &[u64], b: &[u64], p: Zp) -> Fp {
    fp_divrem(a, b, p).1
}

fn fp_mulmod(a: &[u64], b: &[u64], m: &[u64], p: Zp) -> Fp {
    fp_rem(&fp_mul(a, b, p), m, p)
}

fn fp_powmod(a: &[u64], mut e: u64, m: &[u64], p: Zp) -> Fp {
    let mut base = fp_rem(a, m, p);
    let mut acc = fp_rem(&[1], m, p);
    while e > 0 {
        if e & 1 == 1 {
            acc = fp_mulmod(&acc, &base, m, p);
        }
        e >>= 1;
        if e > 0 {
            base = fp_mulmod(&base, &base, m, p);
        }
    }
    acc
}

fn fp_monic(a: &[u64], p: Zp) -> Fp {
    match a.last().and_then(|&l| p.inv(l)) {
        Some(inv) => a.iter().map(|&c| p.mul(c, inv)).collect(),
        None => a.to_vec(),
    }
}

fn fp_deriv(a: &[u64], p: Zp) -> Fp {
    fp_trim(
        a.iter()
            .enumerate()
            .skip(1)
            .map(|(i, &c)| p.mul(c, i as u64 % p.modulus()))
            .collect(),
    )
}

/// `(g, s, t)` with `s a + t b = g`, `g` the monic gcd.
fn fp_ext_gcd(a: &[u64], b: &[u64], p: Zp) -> (Fp, Fp, Fp) {
    let (mut r0, mut r1) = (fp_trim(a.to_vec()), fp_trim(b.to_vec()));
    let (mut s0, mut s1): (Fp, Fp) = (vec![1], Vec::new());
    let (mut t0, mut t1): (Fp, Fp) = (Vec::new(), vec![1]);
    while !r1.is_empty() {
        let (q, r) = fp_divrem(&r0, &r1, p);
        let s2 = fp_sub(&s0, &fp_mul(&q, &s1, p), p);
        let t2 = fp_sub(&t0, &fp_mul(&q, &t1, p), p);
        r0 = std::mem::replace(&mut r1, r);
        s0 = std::mem::replace(&mut s1, s2);
        t0 = std::mem::replace(&mut t1, t2);
    }
    match r0.last().and_then(|&l| p.inv(l)) {
        Some(inv) => {
            let sc = |v: &[u64]| fp_trim(v.iter().map(|&c| p.mul(c, inv)).collect());
            (sc(&r0), sc(&s0), sc(&t0))
        }
        None => (r0, s0, t0),
    }
}

/// A basis of the Berlekamp algebra `{h : h^p = h mod f}` of a monic
/// square-free `f` of degree `n >= 1`; its dimension is the number of
/// irreducible factors of `f` modulo `p`.
fn berlekamp_basis(f: &[u64], p: Zp) -> Vec<Fp> {
    let n = f.len() - 1;
    let xp = fp_powmod(&[0, 1], p.modulus(), f, p);
    // a[j][i] = (coefficient j of x^{ip} mod f) - delta_ij
    let mut a = vec![vec![0u64; n]; n];
    let mut cur: Fp = vec![1];
    for i in 0..n {
        for (j, row) in a.iter_mut().enumerate() {
            let q = cur.get(j).copied().unwrap_or(0);
            row[i] = if i == j { p.sub(q, 1) } else { q };
        }
        cur = fp_mulmod(&cur, &xp, f, p);
    }
    // reduced row echelon form
    let mut pivots: Vec<usize> = Vec::new();
    let mut row = 0;
    for col in 0..n {
        let Some(r) = (row..n).find(|&r| a[r][col] != 0) else {
            continue;
        };
        a.swap(row, r);
        let inv = p.inv(a[row][col]).unwrap_or(0);
        for c in a[row].iter_mut() {
            *c = p.mul(*c, inv);
        }
        let prow = a[row].clone();
        for (r2, other) in a.iter_mut().enumerate() {
            if r2 == row || other[col] == 0 {
                continue;
            }
            let k = other[col];
            for (c, &pv) in other.iter_mut().zip(prow.iter()) {
                if pv != 0 {
                    *c = p.sub(*c, p.mul(k, pv));
                }
            }
        }
        pivots.push(col);
        row += 1;
    }
    let mut basis = Vec::new();
    for fc in 0..n {
        if pivots.contains(&fc) {
            continue;
        }
        let mut v = vec![0u64; n];
        v[fc] = 1;
        for (k, &pc) in pivots.iter().enumerate() {
            v[pc] = p.neg(a[k][fc]);
        }
        basis.push(fp_trim(v));
    }
    basis
}

/// Splits the monic square-free `f` into its `basis.len()` monic irreducible
/// factors modulo the odd prime `p` (Cantor–Zassenhaus in the Berlekamp algebra).
fn berlekamp_split(f: &[u64], basis: &[Fp], p: Zp) -> Result<Vec<Fp>, Error> {
    let r = basis.len();
    let mut factors = vec![f.to_vec()];
    let mut rng = SplitMix::new(0x5EED_1234_ABCD_0001);
    let e = (p.modulus() - 1) / 2;
    let mut rounds = 0;
    while factors.len() < r {
        rounds += 1;
        if rounds > 400 {
            return Err(internal(
                "Berlekamp factorization modulo p: splitting did not finish",
            ));
        }
        let mut g: Fp = Vec::new();
        for v in basis {
            let c = rng.next_u64() % p.modulus();
            g = fp_add(&g, &v.iter().map(|&x| p.mul(x, c)).collect::<Vec<_>>(), p);
        }
        let mut next = Vec::with_capacity(factors.len() + 1);
        for u in factors {
            if u.len() <= 2 {
                next.push(u);
                continue;
            }
            let gu = fp_rem(&g, &u, p);
            let h = fp_sub(&fp_powmod(&gu, e, &u, p), &[1], p);
            let d = gcd_mod_p(&u, &h, p);
            if d.len() > 1 && d.len() < u.len() {
                let (q, _) = fp_divrem(&u, &d, p);
                next.push(d);
                next.push(fp_monic(&q, p));
            } else {
                next.push(u);
            }
        }
        factors = next;
    }
    Ok(factors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlekamp_counts_factors() {
        let p = Zp::new(1_000_000_007).unwrap();
        // (y - 1)(y - 2)(y^2 + 1) with 1e9+7 = 3 mod 4, so y^2 + 1 is irreducible
        let f = fp_mul(&fp_mul(&[p.neg(1), 1], &[p.neg(2), 1], p), &[1, 0, 1], p);
        let b = berlekamp_basis(&f, p);
        assert_eq!(b.len(), 3);
        let mut fs = berlekamp_split(&f, &b, p).unwrap();
        fs.sort();
        assert_eq!(fs.len(), 3);
        assert!(fs.contains(&vec![1, 0, 1]));
    }

    #[test]
    fn bins() {
        assert_eq!(assign_to_bins(&[2, 2], &[1, 3]), None);
        assert!(assign_to_bins(&[3, 2, 1, 1, 1], &[4, 4]).is_some());
        assert!(assign_to_bins(&[], &[0, 0]).is_some());
    }

    #[test]
    fn combinations() {
        let mut idx = vec![0, 1];
        let mut n = 1;
        while next_combination(&mut idx, 4) {
            n += 1;
        }
        assert_eq!(n, 6);
    }
}
