//! Factorization of univariate polynomials and binary forms over Q.
//!
//! Every non-zero `f` in `Z[y]` is uniquely `f = u * f_1^{e_1} ... f_k^{e_k}`
//! with `u` an integer (sign times content) and the `f_i` pairwise distinct,
//! irreducible over Q, primitive and with positive leading coefficient
//! (Gauss's lemma: irreducibility over Z and over Q agree for primitive
//! polynomials). [`factor_integer`] computes this decomposition; each step
//! lives in its own file:
//!
//! 1. **Square-free decomposition** (Yun, `square_free`): `pp(f) = prod a_i^i`
//!    with the `a_i` square-free and pairwise coprime
//!    ([`square_free_decomposition`]); each `a_i` is factored separately.
//! 2. **A good prime and the factors modulo it** (`fp_factor`): for a
//!    square-free primitive `g` (the factor `y` split off when `g(0) = 0`),
//!    several 62-bit primes `p` not dividing `lc(g)` with `g mod p` square-free
//!    are tried, and the one with the fewest irreducible factors modulo `p`
//!    (Berlekamp's count) is kept and split (Cantor–Zassenhaus in the
//!    Berlekamp algebra, with a fixed-seed generator: reproducible).
//! 3. **Hensel lifting** (`hensel`, quadratic, along a balanced factor tree)
//!    of `g = lc(g) prod g_j mod p` to a modulus `M = p^(2^k) > 2 B`, where
//!    `B = 2^n ||g||_2 |lc(g)|` bounds (Landau–Mignotte) the coefficients of
//!    `lc(g)/lc(h) * h` for every factor `h` of `g`.
//! 4. **Recombination**: with at most 8 modular factors, Zassenhaus' subset
//!    search (`zassenhaus`, at most 128 subsets); beyond that, van Hoeij's
//!    knapsack method (`knapsack`): power sums of the p-adic factors, a
//!    lattice whose short vectors are the factors' indicator vectors, and
//!    exact LLL reduction (`lll`). Every factor returned has been checked by
//!    exact division, irreducibility is proved (by the subset order or by the
//!    lattice), and the whole factorization is multiplied back before it is
//!    returned. There is no search budget: both methods always finish (van
//!    Hoeij's in time polynomial in practice; the degree-64 Swinnerton-Dyer
//!    polynomial, with 32 or more modular factors for every prime, is proved
//!    irreducible in seconds).
//!
//! A binary form `F(x, y) = x^a G(x, y)` with `x` not dividing `G` factors as
//! `x^a` (the root at infinity) times the homogenised factors of `G(1, y)`
//! ([`factor_form`]). [`split_form_by_degrees`](super::split_form_by_degrees)
//! groups the irreducible factors into factors of prescribed degrees.
//!
//! The worked example is in the documentation of `factor_form`.

use super::binary_form::BinaryForm;
use super::fp_factor::best_prime_factorization;
use super::gcd::{content, primitive_part};
use super::hensel::multi_lift;
use super::knapsack::van_hoeij;
use super::square_free::square_free_decomposition;
use super::univariate::UPoly;
use super::zassenhaus::zassenhaus;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

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

/// Complete factorization of a non-zero integer polynomial over Q (see
/// [`Factorization`] and the module documentation for the algorithm).
///
/// Errors: the zero polynomial ([`Error::InvalidArgument`]); an internal
/// consistency failure would be reported as [`Error::Internal`] rather
/// than returning a wrong answer (the result is checked by multiplying back).
///
/// ```
/// use neurovariety::poly::{factor_integer, UPoly};
/// // y^4 - 10 y^2 + 1 is irreducible over Q (it splits modulo every prime)
/// let f = UPoly::from_i64(&[1, 0, -10, 0, 1]);
/// let fac = factor_integer(&f).unwrap();
/// assert_eq!(fac.factors, vec![(f.clone(), 1)]);
/// ```
///
/// ```
/// use neurovariety::poly::{factor_integer, UPoly};
/// // prod (x ± √2 ± √3 ± √5 ± √7), computed by the norm x -> x^2 - q of each square root
/// let f = UPoly::from_i64(&[
///     46225, 0, -5596840, 0, 13950764, 0, -7453176, 0, 1513334, 0, -141912, 0,
///     6476, 0, -136, 0, 1,
/// ]);
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
        return Err(Error::internal(
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
///
/// ```
/// use neurovariety::poly::{factor_integer, split_form_by_degrees, BinaryForm, UPoly};
/// // 2 y^4 - 2 = 2 (y - 1)(y + 1)(y^2 + 1)
/// let f = UPoly::from_i64(&[-2, 0, 0, 0, 2]);
/// let fac = factor_integer(&f).unwrap();
/// assert_eq!(fac.unit, 2.into());
/// assert_eq!(fac.factors.len(), 3);
/// assert_eq!(fac.expand(), f);
///
/// // (x^2 + y^2)(x + y)^2 = (x + y) * [(x + y)(x^2 + y^2)]: degrees (1, 3)
/// let p = &(&BinaryForm::from_i64(&[1, 0, 1]).unwrap() * &BinaryForm::from_i64(&[1, 1]).unwrap())
///     * &BinaryForm::from_i64(&[1, 1]).unwrap();
/// let parts = split_form_by_degrees(&p, &[1, 3]).unwrap();
/// assert_eq!(parts[0].degree(), 1);
/// assert_eq!(&parts[0] * &parts[1], p);
/// // x^2 + y^2 alone cannot be split into two rational linear forms
/// let q = BinaryForm::from_i64(&[1, 0, 1]).unwrap();
/// assert!(split_form_by_degrees(&q, &[1, 1]).is_err());
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
        return Err(Error::internal(
            "form factorization over Q: the product of the factors differs from the input",
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// factoring a square-free primitive polynomial

/// Up to this many modular factors, Zassenhaus' subset search (at most
/// `2^(r-1)` subsets) is cheaper than building lattices.
const ZASSENHAUS_MAX_FACTORS: usize = 8;

/// Irreducible factors (primitive, positive leading coefficient) of a
/// square-free primitive `f` of positive degree.
fn factor_square_free(f: &UPoly<BigInt>) -> Result<Vec<UPoly<BigInt>>, Error> {
    factor_square_free_by(f, ZASSENHAUS_MAX_FACTORS)
}

/// As [`factor_square_free`], with Zassenhaus' method up to `zassenhaus_max`
/// modular factors and van Hoeij's beyond (the tests compare the two).
fn factor_square_free_by(
    f: &UPoly<BigInt>,
    zassenhaus_max: usize,
) -> Result<Vec<UPoly<BigInt>>, Error> {
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
    // the smallest k with p^(2^k) > 2 B
    let two_b = coefficient_bound(&f) * 2u32;
    let mut steps = 0u32;
    let mut modulus = BigInt::from(p.modulus());
    while modulus <= two_b {
        modulus = &modulus * &modulus;
        steps += 1;
    }
    if modular.len() <= zassenhaus_max {
        let lifted = multi_lift(f.coeffs(), &modular, p, steps, &modulus)?;
        out.extend(zassenhaus(f, lifted, &modulus)?);
    } else {
        out.extend(van_hoeij(&f, p, &modular, steps)?);
    }
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

// ---------------------------------------------------------------------------
// small helpers shared by the factoring files

/// The constant form `c` (degree 0).
pub(super) fn constant_form(c: BigInt) -> BinaryForm<BigInt> {
    BinaryForm::new(vec![c]).expect("a one-element coefficient vector is a valid form")
}

/// `x^d` as a form of degree `d`.
pub(super) fn x_power(d: usize) -> BinaryForm<BigInt> {
    let mut v = vec![BigInt::zero(); d + 1];
    v[0] = BigInt::one();
    BinaryForm::new(v).expect("non-empty coefficient vector")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SplitMix;

    /// A random polynomial of degree `d` with coefficients in `[-9, 9]` and a
    /// non-zero leading and constant coefficient.
    fn random_poly(rng: &mut SplitMix, d: usize) -> UPoly<BigInt> {
        let mut c: Vec<i64> = (0..=d).map(|_| (rng.next_u64() % 19) as i64 - 9).collect();
        for i in [0, d] {
            if c[i] == 0 {
                c[i] = 1;
            }
        }
        UPoly::from_i64(&c)
    }

    /// Zassenhaus (every subset) and van Hoeij (lattices) are independent
    /// recombinations; on square-free products of random polynomials and
    /// polynomials in `y^2` (more modular factors) they must agree.
    #[test]
    fn knapsack_agrees_with_subsets() {
        let mut rng = SplitMix::new(20_261_128);
        let mut compared = 0;
        for round in 0..40 {
            let parts = 2 + round % 4;
            let mut f = UPoly::from_i64(&[1]);
            for _ in 0..parts {
                let d = 1 + (rng.next_u64() % 4) as usize;
                let g = random_poly(&mut rng, d);
                // g(y^2) or g(y^3) has more factors modulo p than over Q
                let e = 1 + (rng.next_u64() % 3) as usize;
                let mut c = vec![BigInt::zero(); d * e + 1];
                for (i, a) in g.coeffs().iter().enumerate() {
                    c[i * e] = a.clone();
                }
                f = &f * &UPoly::new(c);
            }
            let f = primitive_part(&f);
            if square_free_decomposition(&f).len() != 1 || f.coeff(0).is_zero() {
                continue;
            }
            let (_, modular) = best_prime_factorization(&f).unwrap();
            if modular.len() < 2 || modular.len() > 14 {
                continue;
            }
            let sort = |mut v: Vec<UPoly<BigInt>>| {
                v.sort_by(|a, b| {
                    a.degree()
                        .cmp(&b.degree())
                        .then_with(|| a.coeffs().cmp(b.coeffs()))
                });
                v
            };
            let by_subsets = sort(factor_square_free_by(&f, usize::MAX).unwrap());
            let by_lattice = sort(factor_square_free_by(&f, 0).unwrap());
            assert_eq!(by_subsets, by_lattice, "{f}");
            compared += 1;
        }
        assert!(compared >= 20, "only {compared} polynomials compared");
    }
}
