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
use super::blocks::{
    blocks, count_monomials, hilbert_from_h_vector, key_of, Block, BlockVector, LiveGenerator,
    Terms,
};
use super::certificate::{artinian_certificate, Certificate};
use super::parametrisation::Parametrisation;
use crate::linalg::{rref_integer, Matrix};
use crate::Error;
use num_bigint::BigInt;
use num_traits::Zero;
use std::collections::{BTreeMap, HashMap};

/// What the fast path found: the generators (over the live variables, with
/// their degree), the Hilbert function through `D`, and the certificate.
pub(super) struct FastIdeal {
    pub generators: Vec<LiveGenerator>,
    pub hilbert: Vec<u128>,
    pub certificate: Certificate,
}

/// `Some` when the equations generate `I(V)` (certified), `None` when the
/// path does not apply or does not certify.
pub(super) fn from_equations(
    nv: &Neurovariety,
    param: &Parametrisation,
    delta: u128,
    budget: u128,
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
    let Ok(eqs) = nv.equations_with(&GeneratorOptions::default()) else {
        return Ok(None);
    };
    let live_of: HashMap<usize, usize> = param
        .live
        .iter()
        .enumerate()
        .map(|(v, &n)| (n, v))
        .collect();
    let mut linear = Vec::new();
    let mut gens: Vec<LiveGenerator> = Vec::new();
    for g in eqs.generators() {
        let d = g.poly.total_degree().unwrap_or(0) as usize;
        if g.kind == ConditionKind::Linear || d == 1 {
            if g.poly.num_terms() != 1 {
                return Ok(None);
            }
            let (m, _) = &g.poly.terms()[0];
            linear.push(m.exps().iter().position(|&e| e > 0).unwrap_or(usize::MAX));
            continue;
        }
        // dead variables are among the linear equations (checked below), so
        // their terms vanish modulo them
        let terms: Vec<(Vec<u8>, BigInt)> = g
            .poly
            .terms()
            .iter()
            .filter_map(|(m, c)| {
                let mut e = vec![0u8; param.num_live()];
                for (i, &x) in m.exps().iter().enumerate() {
                    if x > 0 {
                        e[*live_of.get(&i)?] = x as u8;
                    }
                }
                Some((e, c.clone()))
            })
            .collect();
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
    let (m, n) = (param.num_live(), nv.dimension());
    let certificate =
        artinian_certificate(&gens, m, n, delta, super::certificate_prime()?, budget)?;
    let Certificate::Certified { h_vector } = &certificate else {
        return Ok(None);
    };
    // the Hilbert function through D from the h-vector
    let hf = |d: usize| hilbert_from_h_vector(h_vector, n, d);
    let hilbert: Vec<u128> =
        (0..=degree)
            .map(hf)
            .collect::<Option<_>>()
            .ok_or(Error::Overflow {
                what: "Hilbert function of the vanishing ideal",
            })?;
    let want = count_monomials(m, degree).unwrap_or(0) - hilbert[degree];
    // the equations' components, block by block
    let all = blocks(param, degree);
    let position: BTreeMap<_, usize> = all
        .iter()
        .enumerate()
        .map(|(i, b)| (b.key.clone(), i))
        .collect();
    let mut rows: Vec<Vec<Terms>> = vec![Vec::new(); all.len()];
    for (_, g) in &gens {
        let mut parts: BTreeMap<usize, Terms> = BTreeMap::new();
        for (e, c) in g {
            let Some(&b) = position.get(&key_of(param, e)) else {
                return Ok(None);
            };
            parts.entry(b).or_default().push((e.clone(), c.clone()));
        }
        for (b, part) in parts {
            rows[b].push(part);
        }
    }
    let results = crate::parallel::par_map(&(0..all.len()).collect::<Vec<_>>(), 1, |&b| {
        block_basis(&all[b], &rows[b])
    });
    let mut generators = Vec::new();
    let mut found: u128 = 0;
    for (block, basis) in all.iter().zip(results) {
        let basis = basis?;
        found += basis.len() as u128;
        for g in basis {
            generators.push((
                degree,
                g.into_iter()
                    .map(|(i, c)| (block.monomials[i].clone(), c))
                    .collect(),
            ));
        }
    }
    if found != want {
        return Ok(None);
    }
    Ok(Some(FastIdeal {
        generators,
        hilbert,
        certificate,
    }))
}

/// The canonical basis of the span of `rows` in one block: the reduced row
/// echelon form over Q with the monomials in decreasing order (leading
/// monomial largest), each row made primitive with a positive leading
/// coefficient. Exact, so every row is a rational combination of the rows,
/// which lie in `I(V)`.
fn block_basis(block: &Block, rows: &[Terms]) -> Result<Vec<BlockVector>, Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let nb = block.monomials.len();
    let index = block.index();
    // column c is monomial nb - 1 - c: the largest monomial first
    let dense: Vec<Vec<BigInt>> = rows
        .iter()
        .map(|row| {
            let mut d = vec![BigInt::zero(); nb];
            for (e, c) in row {
                d[nb - 1 - index[e.as_slice()]] += c;
            }
            d
        })
        .collect();
    let (reduced, _) = rref_integer(&Matrix::from_rows(dense)?);
    // primitive with a positive pivot: as vectors over monomial indices
    let mut out: Vec<BlockVector> = reduced
        .iter()
        .map(|r| {
            (0..nb)
                .filter(|&i| !r[nb - 1 - i].is_zero())
                .map(|i| (i, r[nb - 1 - i].clone()))
                .collect()
        })
        .collect();
    out.sort_by_key(|g| g.last().map(|(i, _)| *i));
    Ok(out)
}
