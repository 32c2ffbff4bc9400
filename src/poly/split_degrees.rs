//! Splitting a binary form into rational factors of prescribed degrees.
//!
//! A binary form `f` over Q is a product of rational forms of degrees
//! `d_1, ..., d_n` (with `sum d_i = deg f`) iff its irreducible factors over Q,
//! counted with multiplicity, can be distributed into `n` bins so that bin `i`
//! receives total degree exactly `d_i`: every rational factor of `f` is a
//! product of irreducible ones (unique factorization in `Q[x, y]`). So the
//! question is an exact bin-packing problem on the factor degrees, which is
//! decided by a complete search: items are placed largest first, bins with the
//! same remaining capacity are interchangeable (only one of them is tried), and
//! a failed state (next item, multiset of remaining capacities) is remembered
//! so it is never explored twice. Items of equal degree are interchangeable
//! too, so the states are exactly the pairs (how many items of each degree are
//! placed, multiset of remaining capacities): finitely many, each visited once.
//!
//! The worked example is in the documentation of `split_form_by_degrees`.

use super::binary_form::BinaryForm;
use super::budget::{BudgetExhausted, SearchBudget};
use super::factor::{constant_form, factor_form, x_power};
use crate::Error;
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::collections::HashSet;

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
///
/// ```
/// use neurovariety::poly::{split_form_by_degrees, BinaryForm};
/// // x^4 - y^4 = (x - y)(x + y)(x^2 + y^2): degrees (2, 2) work, (1, 1, 2) too
/// let f = BinaryForm::from_i64(&[1, 0, 0, 0, -1]).unwrap();
/// let parts = split_form_by_degrees(&f, &[1, 1, 2]).unwrap();
/// assert_eq!(parts.iter().map(|g| g.degree()).collect::<Vec<_>>(), vec![1, 1, 2]);
/// // the parts are primitive integer forms: their product is f up to a constant
/// let prod = &(&parts[0] * &parts[1]) * &parts[2];
/// assert!(prod == f || prod == f.scale(&(-1).into()));
/// // but (1, 3) into a form with only quadratic factors does not
/// let g = &BinaryForm::from_i64(&[1, 0, 1]).unwrap() * &BinaryForm::from_i64(&[1, 0, 2]).unwrap();
/// assert!(split_form_by_degrees(&g, &[1, 3]).is_err());
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
    let packed = pack_into_bins(&sizes, degrees, &mut SearchBudget::unlimited())
        .map_err(|_| Error::internal("rational split: an unlimited budget ran out"))?;
    let Some(bins) = packed else {
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
        return Err(Error::internal(
            "rational split: the product of the factors is not proportional to the input",
        ));
    }
    let c = &f.coeffs()[k] / &prod.coeffs()[k];
    out[0] = out[0].scale(&c);
    if prod.scale(&c) != *f {
        return Err(Error::internal(
            "rational split: the product of the factors is not proportional to the input",
        ));
    }
    Ok(out)
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

/// Exact bin packing: assigns each item to a bin so that every bin is filled
/// exactly to its capacity. Returns the bin index of each item (in the order
/// of `sizes`), `Ok(None)` if no assignment exists, and `Err` if the budget
/// (one step per search state) runs out first. Complete (see the module docs).
pub(crate) fn pack_into_bins(
    sizes: &[usize],
    caps: &[usize],
    budget: &mut SearchBudget,
) -> Result<Option<Vec<usize>>, BudgetExhausted> {
    let total = |v: &[usize]| v.iter().try_fold(0usize, |s, &x| s.checked_add(x));
    if total(sizes).is_none() || total(sizes) != total(caps) {
        return Ok(None);
    }
    // largest first: big items have the fewest places to go
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|&i, &j| sizes[j].cmp(&sizes[i]).then(i.cmp(&j)));
    let sorted: Vec<usize> = order.iter().map(|&i| sizes[i]).collect();
    let mut rem = caps.to_vec();
    let mut assign = vec![0; sizes.len()];
    let mut failed = HashSet::new();
    if !place(0, &sorted, &mut rem, &mut assign, &mut failed, budget)? {
        return Ok(None);
    }
    let mut out = vec![0; sizes.len()];
    for (k, &i) in order.iter().enumerate() {
        out[i] = assign[k];
    }
    Ok(Some(out))
}

fn place(
    i: usize,
    sizes: &[usize],
    rem: &mut Vec<usize>,
    assign: &mut Vec<usize>,
    failed: &mut HashSet<(usize, Vec<usize>)>,
    budget: &mut SearchBudget,
) -> Result<bool, BudgetExhausted> {
    if i == sizes.len() {
        return Ok(rem.iter().all(|&r| r == 0));
    }
    let mut key = rem.clone();
    key.sort_unstable();
    if failed.contains(&(i, key.clone())) {
        return Ok(false);
    }
    budget.step()?;
    let mut tried: Vec<usize> = Vec::new();
    for j in 0..rem.len() {
        if rem[j] >= sizes[i] && !tried.contains(&rem[j]) {
            tried.push(rem[j]);
            rem[j] -= sizes[i];
            assign[i] = j;
            if place(i + 1, sizes, rem, assign, failed, budget)? {
                return Ok(true);
            }
            rem[j] += sizes[i];
        }
    }
    failed.insert((i, key));
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bins(sizes: &[usize], caps: &[usize]) -> Option<Vec<usize>> {
        pack_into_bins(sizes, caps, &mut SearchBudget::unlimited()).unwrap()
    }

    #[test]
    fn packing() {
        assert_eq!(bins(&[2, 2], &[1, 3]), None);
        let a = bins(&[1, 3, 1, 2, 1], &[4, 4]).unwrap();
        let mut fill = [0, 0];
        for (k, &b) in a.iter().enumerate() {
            fill[b] += [1, 3, 1, 2, 1][k];
        }
        assert_eq!(fill, [4, 4]);
        assert!(bins(&[], &[0, 0]).is_some());
        // 30 items of degree 2 into bins (31, 29): parity makes it impossible,
        // decided in a few states thanks to the memo
        let mut b = SearchBudget::new(10_000);
        assert_eq!(pack_into_bins(&[2; 30], &[31, 29], &mut b), Ok(None));
        assert!(b.used() < 1000, "{} states", b.used());
        // a budget of one state is not enough for two bins
        assert_eq!(
            pack_into_bins(&[1, 1], &[1, 1], &mut SearchBudget::new(1)),
            Err(BudgetExhausted)
        );
    }
}
