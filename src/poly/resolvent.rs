//! Exact coefficients of a product of some of the roots of integer
//! polynomials, by resolvents.
//!
//! Let `f_1, ..., f_r` be irreducible integer polynomials and `S_j` a
//! multiset of roots of `f_j` (root `z` taken `m_z` times), `R` a rational
//! form. A coefficient `c = Phi(S_1, ..., S_r)` of
//! `R(X, Y) prod_j prod_{z in S_j} (Y - z X)` is an algebraic number whose
//! conjugates are `Phi(sigma S_1, ..., sigma S_r)` for the automorphisms
//! `sigma` of the splitting field; `sigma` permutes the roots of each
//! `f_j`, so every conjugate is `Phi(T_1, ..., T_r)` for multisets `T_j` of
//! roots of `f_j` with the same multiplicity profile as `S_j`. The
//! **resolvent**
//!
//! ```text
//! A(t) = prod over all such (T_1, ..., T_r) of (t - L Phi(T_1, ..., T_r))
//! ```
//!
//! is invariant under every `sigma`, so it has rational coefficients, and
//! with `L` = the denominator of `R` times `prod_j lc(f_j)^{|S_j|}` every
//! `L Phi(T)` is an algebraic integer (`lc(f) z` is one), so `A` has
//! **integer** coefficients. They are computed in rational complex interval
//! arithmetic from certified discs of all roots, refined until each
//! coefficient's enclosure holds exactly one integer; `c` is then the root
//! of `A / L` that the enclosure of `Phi(S)` converges to
//! ([`RealAlgebraic::identify`]).

use super::rational_interval::{CBox, RationalInterval};
use super::real_algebraic::RealAlgebraic;
use super::root_discs::RootDisc;
use super::univariate::UPoly;
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};

/// Some roots of one irreducible polynomial: `counts[i]` copies of the root
/// in `discs[i]` (all roots of `f` are listed).
#[derive(Clone, Debug)]
pub(crate) struct RootSubset {
    /// The irreducible polynomial (primitive, of degree `n`).
    pub(crate) f: UPoly<BigInt>,
    /// Certified disjoint discs of its `n` roots.
    pub(crate) discs: Vec<RootDisc>,
    /// How often each root is taken.
    pub(crate) counts: Vec<usize>,
}

/// The number of multisets with the profile of `counts` (a multinomial),
/// saturating.
fn orbit_size(counts: &[usize]) -> u128 {
    let n = counts.len() as u128;
    let mut by_mult: std::collections::BTreeMap<usize, u128> = std::collections::BTreeMap::new();
    for &c in counts {
        *by_mult.entry(c).or_default() += 1;
    }
    // n! / prod (k_m!)
    let mut acc: u128 = 1;
    let mut placed: u128 = 0;
    for (_, k) in by_mult {
        for i in 1..=k {
            placed += 1;
            acc = acc.saturating_mul(placed) / i;
        }
    }
    let _ = n;
    acc
}

/// All multiplicity vectors with the profile of `counts`.
fn profiles(counts: &[usize]) -> Vec<Vec<usize>> {
    let mut pool: Vec<usize> = counts.to_vec();
    pool.sort_unstable();
    let mut out = Vec::new();
    let mut cur = Vec::with_capacity(counts.len());
    fn rec(pool: &mut Vec<usize>, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if pool.is_empty() {
            out.push(cur.clone());
            return;
        }
        let mut last = None;
        for i in 0..pool.len() {
            if last == Some(pool[i]) {
                continue;
            }
            last = Some(pool[i]);
            let v = pool.remove(i);
            cur.push(v);
            rec(pool, cur, out);
            cur.pop();
            pool.insert(i, v);
        }
    }
    rec(&mut pool, &mut cur, &mut out);
    out
}

/// The filter of `R(X, Y) prod (Y - z X)^{m_z}` for root boxes `z`, times `scale`.
fn product(
    rational: &[BigRational],
    parts: &[(Vec<CBox>, Vec<usize>)],
    scale: &BigRational,
) -> Vec<CBox> {
    let mut acc: Vec<CBox> = rational.iter().map(|c| CBox::real(c * scale)).collect();
    for (roots, mult) in parts {
        for (z, &m) in roots.iter().zip(mult) {
            for _ in 0..m {
                // times [-z, 1]
                let mut next = vec![CBox::real(BigRational::zero()); acc.len() + 1];
                for (i, a) in acc.iter().enumerate() {
                    next[i] = next[i].add(&a.mul(&z.neg()));
                    next[i + 1] = next[i + 1].add(a);
                }
                acc = next;
            }
        }
    }
    acc
}

/// The unique integer in `iv` if its width is below 1 and it holds one.
fn the_integer(iv: &RationalInterval) -> Option<BigInt> {
    if iv.width() >= BigRational::one() {
        return None;
    }
    let lo = iv.lo().ceil().to_integer();
    let hi = iv.hi().floor().to_integer();
    (lo == hi).then_some(lo)
}

/// The coefficients of `R(X, Y) prod_j prod_{z in S_j} (Y - z X)` as exact
/// real algebraic numbers (see the module documentation), or `None` when
/// the resolvent would have degree above `max_degree` or its coefficients
/// are not resolved within the refinement limit (the caller then encloses
/// the coefficients instead).
///
/// # Errors
///
/// Errors of the disc refinement and of the factorization of the resolvent.
pub(crate) fn exact_coefficients(
    rational: &[BigRational],
    parts: &[RootSubset],
    max_degree: u128,
) -> Result<Option<Vec<RealAlgebraic>>, Error> {
    let degree = parts
        .iter()
        .fold(1u128, |acc, p| acc.saturating_mul(orbit_size(&p.counts)));
    if degree > max_degree {
        return Ok(None);
    }
    // L = den(R) prod lc(f)^{|S|}
    let mut scale =
        BigRational::from_integer(rational.iter().fold(BigInt::one(), |l, c| l.lcm(c.denom())));
    for p in parts {
        let lc = p.f.leading_coeff().cloned().unwrap_or_else(BigInt::one);
        let size: usize = p.counts.iter().sum();
        scale *= BigRational::from_integer(num_traits::pow(lc, size));
    }
    let all: Vec<Vec<Vec<usize>>> = parts.iter().map(|p| profiles(&p.counts)).collect();
    let len = rational.len()
        + parts
            .iter()
            .map(|p| p.counts.iter().sum::<usize>())
            .sum::<usize>();
    let mut bits = 64u64;
    for _ in 0..7 {
        let boxes: Vec<Vec<CBox>> = parts
            .iter()
            .map(|p| {
                p.discs
                    .iter()
                    .map(|d| d.refine(&p.f, bits).map(|d| CBox::of_disc(&d)))
                    .collect::<Result<Vec<_>, Error>>()
            })
            .collect::<Result<_, _>>()?;
        // the resolvent of every coefficient at once
        let mut res: Vec<Vec<CBox>> = vec![vec![CBox::real(BigRational::one())]; len];
        let mut choice = vec![0usize; parts.len()];
        loop {
            let sel: Vec<(Vec<CBox>, Vec<usize>)> = parts
                .iter()
                .enumerate()
                .map(|(j, _)| (boxes[j].clone(), all[j][choice[j]].clone()))
                .collect();
            let coeffs = product(rational, &sel, &scale);
            for (i, c) in coeffs.iter().enumerate() {
                // times (t - c)
                let a = &mut res[i];
                let mut next = vec![CBox::real(BigRational::zero()); a.len() + 1];
                for (k, x) in a.iter().enumerate() {
                    next[k] = next[k].add(&x.mul(&c.neg()));
                    next[k + 1] = next[k + 1].add(x);
                }
                *a = next;
            }
            // next combination
            let mut j = 0;
            while j < parts.len() {
                choice[j] += 1;
                if choice[j] < all[j].len() {
                    break;
                }
                choice[j] = 0;
                j += 1;
            }
            if j == parts.len() {
                break;
            }
        }
        let resolved: Option<Vec<UPoly<BigInt>>> = res
            .iter()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        if c.im.contains(&BigRational::zero()) {
                            the_integer(&c.re)
                        } else {
                            None
                        }
                    })
                    .collect::<Option<Vec<BigInt>>>()
                    .map(UPoly::new)
            })
            .collect();
        let Some(resolvents) = resolved else {
            bits *= 2;
            continue;
        };
        // identify each coefficient of the actual subsets
        let actual: Vec<(Vec<RootDisc>, Vec<usize>)> = parts
            .iter()
            .map(|p| (p.discs.clone(), p.counts.clone()))
            .collect();
        let mut out = Vec::with_capacity(len);
        for (i, a) in resolvents.iter().enumerate() {
            let x = RealAlgebraic::identify(a, |round| {
                let b = 64 + 32 * round as u64;
                let sel: Vec<(Vec<CBox>, Vec<usize>)> = actual
                    .iter()
                    .zip(parts)
                    .map(|((discs, counts), p)| {
                        discs
                            .iter()
                            .map(|d| d.refine(&p.f, b).map(|d| CBox::of_disc(&d)))
                            .collect::<Result<Vec<_>, Error>>()
                            .map(|bx| (bx, counts.clone()))
                    })
                    .collect::<Result<_, _>>()?;
                Ok(product(rational, &sel, &scale)[i].re.clone())
            })?;
            out.push(x.affine(&scale.recip(), &BigRational::zero())?);
        }
        return Ok(Some(out));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::poly::root_discs::isolate_complex;

    #[test]
    fn profiles_and_orbits() {
        assert_eq!(profiles(&[1, 1, 0]).len(), 3);
        assert_eq!(orbit_size(&[1, 1, 0]), 3);
        assert_eq!(profiles(&[2, 1, 0, 0]).len(), 12);
        assert_eq!(orbit_size(&[2, 1, 0, 0]), 12);
    }

    #[test]
    fn the_two_real_roots_of_t4_minus_2() {
        // (Y - a X)(Y + a X) = Y^2 - sqrt(2) X^2 for a = 2^(1/4)
        let f = UPoly::from_i64(&[-2, 0, 0, 0, 1]);
        let discs = isolate_complex(&f).unwrap();
        let counts: Vec<usize> = discs.iter().map(|d| usize::from(d.is_real())).collect();
        let c = exact_coefficients(
            &[BigRational::one()],
            &[RootSubset { f, discs, counts }],
            100,
        )
        .unwrap()
        .unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c[1].as_rational(), Some(&BigRational::zero()));
        assert_eq!(c[2].as_rational(), Some(&BigRational::one()));
        assert_eq!(c[0].minimal_polynomial(), UPoly::from_i64(&[-2, 0, 1]));
        assert!((c[0].to_f64() + 2f64.sqrt()).abs() < 1e-12);
    }
}
