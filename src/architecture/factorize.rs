//! Exact factorization of an end-to-end filter into rational layer filters.
//!
//! Given `w in Q^k`, find rational layer filters `w_1..w_L` with
//! `mu(w_1, ..., w_L) = w`, or say why none exist. The algorithm follows the
//! proof of the neurovariety theorem (math note, sections 3 and 4), on the
//! reduced architecture `kappa_1..kappa_R` at dilations `tau_1 | ... | tau_R`:
//!
//! 1. `P = pi_1(w)`. From the top level `l = R` down to `1`: the largest
//!    `tau_l`-invariant divisor of the remaining form `Q` is `G(x^{tau_l}, y^{tau_l})`
//!    with `G = gcd` of the `tau_l`-decomposition pieces of `Q`. The layer form
//!    `F_l` must be a divisor of `G` of degree `kappa_l - 1`: `G` itself when the
//!    degrees agree (the generic case), otherwise one of the rational divisors of
//!    that degree, enumerated from the factorization of `G` over Q. Divide:
//!    `Q <- Q / F_l(x^{tau_l}, y^{tau_l})`. At the end `Q` must be a constant.
//! 2. A reduced layer that merged several original layers (stride 1 between
//!    them) is split into rational forms of the original degrees
//!    ([`crate::poly::split_form_by_degrees`]); size-1 layers get the filter `(1)`.
//! 3. The constant goes into the first layer.
//!
//! Every choice of divisor is tried (depth-first), so a rational factorization
//! is found whenever one exists. If none exists, the error says whether `w` is
//! outside the (complex) neurovariety ([`Error::NotInNeurovariety`], decided by
//! the gcd-degree criterion) or inside it with no rational split
//! ([`Error::NoFactorization`]).
//!
//! ```
//! use neurovariety::{Architecture, architecture::{compose, factorize_rational}};
//! use num_rational::BigRational;
//! let q = |n: i64| BigRational::from_integer(n.into());
//! let arch = Architecture::new(&[3, 2], &[2, 1]).unwrap();
//! let layers = vec![vec![q(1), q(-2), q(3)], vec![q(2), q(5)]];
//! let w = compose(&arch, &layers).unwrap();
//! let found = factorize_rational(&arch, &w).unwrap();
//! assert_eq!(compose(&arch, &found).unwrap(), w);
//! ```

use super::Architecture;
use crate::poly::{factor_form, primitive_integer, split_form_by_degrees, BinaryForm, UPoly};
use crate::sdecomp::invariant_divisor;
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};

/// Upper bound on the divisor candidates tried per level.
const MAX_CANDIDATES: usize = 10_000;

/// Rational layer filters composing to `w` (see the module docs).
pub fn factorize_rational(
    arch: &Architecture,
    w: &[BigRational],
) -> Result<Vec<Vec<BigRational>>, Error> {
    arch.check_end_to_end_length(w.len())?;
    let k = arch.end_to_end_filter_size();
    let sizes = arch.filter_sizes();
    if w.iter().all(|c| c.is_zero()) {
        // 0 = mu(0, e_0, ..., e_0): the first layer vanishes.
        return Ok(sizes
            .iter()
            .enumerate()
            .map(|(l, &kl)| {
                (0..kl)
                    .map(|i| {
                        if l > 0 && i == 0 {
                            BigRational::one()
                        } else {
                            BigRational::zero()
                        }
                    })
                    .collect()
            })
            .collect());
    }
    let integral = primitive_integer(&UPoly::new(w.to_vec()));
    // P as a form of degree k - 1 (primitive_integer drops trailing zeros, so rebuild with the full degree)
    let p = BinaryForm::from_dehomogenized(&integral, k - 1)?;
    let red = arch.reduced();
    let mut chosen: Vec<Option<Vec<BinaryForm<BigInt>>>> = vec![None; red.num_layers()];
    if !search(&red, red.num_layers(), p, sizes, &mut chosen)? {
        return Err(crate::neurovariety::explain_non_membership(arch, w).unwrap_or_else(|| Error::NoFactorization {
            field: "rational",
            reason: "the filter is in the complex neurovariety, but no choice of rational divisors of the required degrees exists".into(),
        }));
    };
    // assemble the original layers
    let mut layers: Vec<Vec<BigRational>> = sizes
        .iter()
        .map(|&kl| vec![BigRational::one(); kl])
        .collect();
    for (l, group) in red.groups().iter().enumerate() {
        let parts = chosen[l].as_ref().expect("set on success");
        for (&orig, f) in group.iter().zip(parts) {
            layers[orig] = f
                .coeffs()
                .iter()
                .map(|c| BigRational::from_integer(c.clone()))
                .collect();
        }
    }
    // the scalar: w = lambda * mu(layers)
    let composed = super::compose(arch, &layers)?;
    let (idx, denom) = composed
        .iter()
        .enumerate()
        .find(|(_, c)| !c.is_zero())
        .ok_or(Error::NoConvergence {
            what: "factorization produced the zero filter".into(),
        })?;
    let lambda = &w[idx] / denom;
    for c in layers[0].iter_mut() {
        *c = &*c * &lambda;
    }
    debug_assert_eq!(super::compose(arch, &layers)?, w.to_vec());
    Ok(layers)
}

/// Depth-first search over the levels `level-1, ..., 0`; `true` when the
/// remaining form is a constant, with `chosen` filled in.
fn search(
    red: &super::ReducedArchitecture,
    level: usize,
    q: BinaryForm<BigInt>,
    sizes: &[usize],
    chosen: &mut [Option<Vec<BinaryForm<BigInt>>>],
) -> Result<bool, Error> {
    if level == 0 {
        return Ok(q.degree() == 0);
    }
    let l = level - 1;
    let tau = red.dilations()[l];
    let need = red.filter_sizes()[l] - 1;
    let Some(g) = invariant_divisor(&q, tau)? else {
        return Ok(false);
    };
    if g.degree() < need {
        return Ok(false);
    }
    let candidates = if g.degree() == need {
        vec![g]
    } else {
        divisors_of_degree(&g, need)?
    };
    let group_degrees: Vec<usize> = red.groups()[l].iter().map(|&o| sizes[o] - 1).collect();
    for f in candidates {
        let parts = if group_degrees.len() == 1 {
            vec![f.clone()]
        } else {
            match split_form_by_degrees(&f, &group_degrees) {
                Ok(v) => v,
                Err(Error::NoFactorization { .. }) => continue,
                Err(e) => return Err(e),
            }
        };
        let Ok(rest) = q.exact_div(&f.inflate(tau)?) else {
            continue;
        };
        if search(red, l, rest, sizes, chosen)? {
            chosen[l] = Some(parts);
            return Ok(true);
        }
    }
    Ok(false)
}

/// All rational divisors of `g` of degree `e` (primitive, up to sign), from the
/// factorization of `g` over Q.
fn divisors_of_degree(g: &BinaryForm<BigInt>, e: usize) -> Result<Vec<BinaryForm<BigInt>>, Error> {
    let fac = factor_form(g)?;
    let factors: Vec<(BinaryForm<BigInt>, usize)> = fac.factors.clone();
    let mut out = Vec::new();
    let mut exps = vec![0usize; factors.len()];
    collect(&factors, 0, e, &mut exps, &mut out);
    Ok(out)
}

fn collect(
    factors: &[(BinaryForm<BigInt>, usize)],
    i: usize,
    left: usize,
    exps: &mut Vec<usize>,
    out: &mut Vec<BinaryForm<BigInt>>,
) {
    if out.len() >= MAX_CANDIDATES {
        return;
    }
    if left == 0 {
        let mut acc = BinaryForm::from_i64(&[1]).expect("constant form");
        for (j, (f, _)) in factors.iter().enumerate() {
            for _ in 0..exps[j] {
                acc = &acc * f;
            }
        }
        out.push(acc);
        return;
    }
    if i == factors.len() {
        return;
    }
    let (f, m) = &factors[i];
    let d = f.degree();
    for a in (0..=*m).rev() {
        if a * d <= left {
            exps[i] = a;
            collect(factors, i + 1, left - a * d, exps, out);
        }
    }
    exps[i] = 0;
}
