//! A fast path: when the set-theoretic equations already generate `I(V)`.
//!
//! The equations of [`Neurovariety::equations`](super::super::Neurovariety::equations)
//! vanish on `V` (section 4 of `docs/mathematics.md`: each is a minor of a
//! matrix that drops rank at every point of `V`), so their ideal `J` lies in
//! `I(V)`. When the completeness certificate succeeds for `J` itself, then
//! `J = I(V)` and no interpolation is needed. This is the case, for instance,
//! for one strided level with two pieces (the subresultant case: `(6,6)/2`
//! and its 210 sextics).
//!
//! The path is taken only for one strided level with two pieces (where
//! Macaulay2 found the equations to generate the kernel, section 4b), when
//! the equations are cheap (a bounded number of minors), the coordinates they force to zero are exactly the dead ones, and
//! all other equations have one degree `D`: then `I(V)` has no generator
//! between degree 2 and `D - 1`, and its degree-`D` part is spanned by the
//! equations' components in the blocks of the multigrading (`I(V)` is
//! homogeneous for every grading, so each component lies in `I(V)`). Each
//! block's canonical basis (reduced echelon form, leading monomial largest)
//! is computed exactly ([`crate::linalg::rref_integer`], fraction-free), so its rows are
//! rational combinations of elements of `I(V)` and need no further check.
//! Their number must match `dim I(V)_D` from the certificate's h-vector;
//! otherwise the path gives way to the interpolation.

use super::super::generators::ConditionKind;
use super::super::GeneratorOptions;
use super::super::Neurovariety;
use super::artinian::{artinian_certificate, Artinian};
use super::blocks::{hilbert_from_h_vector, Degree, LivePoly};
use super::parametrisation::Parametrisation;
use super::Deadline;
use crate::linalg::{rref_integer, Matrix};
use crate::poly::{count_monomials, MonomialBasis, SparseVec};
use crate::Error;
use num_bigint::BigInt;
use num_traits::Zero;
use std::collections::BTreeMap;

/// What the fast path found: the generators (over the live variables, with
/// their degree), the Hilbert function through `D`, and the h-vector.
pub(super) struct FastIdeal {
    pub generators: Vec<LivePoly<BigInt>>,
    pub hilbert: Vec<u128>,
    pub h_vector: Vec<u128>,
}

/// `Some` when the equations generate `I(V)` (certified), `None` when the
/// path does not apply or does not certify.
pub(super) fn from_equations(
    nv: &Neurovariety,
    param: &Parametrisation,
    delta: u128,
    budget: u128,
    deadline: &Deadline,
) -> Result<Option<FastIdeal>, Error> {
    // where the equations are known to generate I(V) (docs/mathematics.md,
    // section 4b: one level with two pieces, the subresultant case); other
    // architectures would pay for a certificate that fails
    let two_pieces = matches!(nv.conditions(), [c] if c.num_pieces() == 2);
    let estimate = nv.generator_estimate();
    if !two_pieces
        || estimate.minors > crate::limits::MAX_FAST_PATH_MINORS
        || estimate.max_degree
            > param
                .max_packed_degree()
                .min(crate::limits::MAX_IDEAL_DEGREE)
    {
        return Ok(None);
    }
    // every distinct minor: the block bases below remove dependence, so the
    // minimality test would be wasted work
    let Ok(eqs) = nv.equations_with(&GeneratorOptions::default().with_minimize(false)) else {
        return Ok(None);
    };
    let live_of = param.live_index();
    let m = param.num_live();
    let mut linear = Vec::new();
    let mut gens: Vec<LivePoly<BigInt>> = Vec::new();
    let mut bases: BTreeMap<usize, MonomialBasis> = BTreeMap::new();
    for g in eqs.generators() {
        let d = g.poly.total_degree().unwrap_or(0) as usize;
        if g.kind == ConditionKind::Linear || d == 1 {
            if g.poly.num_terms() != 1 {
                return Ok(None);
            }
            let (mono, _) = &g.poly.terms()[0];
            linear.push(
                mono.exps()
                    .iter()
                    .position(|&x| x > 0)
                    .unwrap_or(usize::MAX),
            );
            continue;
        }
        if let std::collections::btree_map::Entry::Vacant(slot) = bases.entry(d) {
            slot.insert(MonomialBasis::new(m, d)?);
        }
        let basis = &bases[&d];
        // dead variables are among the linear equations (checked below), so
        // their terms vanish modulo them
        let terms = Parametrisation::live_terms(&live_of, &g.poly, basis);
        if !terms.is_empty() {
            gens.push((d, terms));
        }
    }
    linear.sort_unstable();
    if linear != param.dead {
        return Ok(None);
    }
    let Some(degree) = gens.first().map(|g| g.0) else {
        return Ok(None);
    };
    if gens.iter().any(|g| g.0 != degree) {
        return Ok(None);
    }
    let n = nv.dimension();
    let Artinian::Certified(h_vector) = artinian_certificate(
        &gens,
        m,
        n,
        delta,
        super::certificate_prime()?,
        budget,
        deadline,
    )?
    else {
        return Ok(None);
    };
    // the Hilbert function through D from the h-vector
    let hilbert: Vec<u128> = (0..=degree)
        .map(|d| hilbert_from_h_vector(&h_vector, n, d))
        .collect::<Option<_>>()
        .ok_or(Error::Overflow {
            what: "Hilbert function of the vanishing ideal",
        })?;
    let want = count_monomials(m, degree).unwrap_or(0) - hilbert[degree];
    // the equations' components, block by block
    let all = Degree::new(param, degree)?;
    let mut rows: Vec<Vec<Vec<(u32, BigInt)>>> = vec![Vec::new(); all.blocks.len()];
    for (_, g) in &gens {
        let mut parts: BTreeMap<u32, Vec<(u32, BigInt)>> = BTreeMap::new();
        for (i, c) in g.iter() {
            let (b, local) = all.place[i as usize];
            parts.entry(b).or_default().push((local, c.clone()));
        }
        for (b, part) in parts {
            rows[b as usize].push(part);
        }
    }
    let results = crate::parallel::par_map(&(0..all.blocks.len()).collect::<Vec<_>>(), 1, |&b| {
        block_basis(all.blocks[b].monomials.len(), &rows[b])
    });
    let mut generators = Vec::new();
    let mut found: u128 = 0;
    for (b, basis) in results.into_iter().enumerate() {
        let basis = basis?;
        found += basis.len() as u128;
        for g in basis {
            generators.push((degree, all.globalise(b, &g)));
        }
    }
    if found != want {
        return Ok(None);
    }
    Ok(Some(FastIdeal {
        generators,
        hilbert,
        h_vector,
    }))
}

/// The canonical basis of the span of `rows` (local indices) in a block of
/// `nb` monomials: the reduced row echelon form over Q with the monomials in
/// decreasing order (leading monomial largest), each row made primitive with
/// a positive leading coefficient. Exact, so every row is a rational
/// combination of the rows, which lie in `I(V)`.
fn block_basis(nb: usize, rows: &[Vec<(u32, BigInt)>]) -> Result<Vec<SparseVec<BigInt>>, Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // column c is monomial nb - 1 - c: the largest monomial first
    let dense: Vec<Vec<BigInt>> = rows
        .iter()
        .map(|row| {
            let mut d = vec![BigInt::zero(); nb];
            for (i, c) in row {
                d[nb - 1 - *i as usize] += c;
            }
            d
        })
        .collect();
    let (reduced, _) = rref_integer(&Matrix::from_rows(dense)?);
    let mut out: Vec<SparseVec<BigInt>> = reduced
        .iter()
        .map(|r| {
            SparseVec::from_pairs(
                (0..nb)
                    .filter(|&i| !r[nb - 1 - i].is_zero())
                    .map(|i| (i as u32, r[nb - 1 - i].clone()))
                    .collect(),
            )
        })
        .collect();
    out.sort_by_key(|g| g.leading().map(|(i, _)| i));
    Ok(out)
}
