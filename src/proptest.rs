//! `proptest` strategies for the crate's types (feature `proptest`), for this
//! crate's own property tests and for downstream users who test code built on
//! it.
//!
//! ```
//! use neurovariety::proptest::{architectures, integer_layer_filters};
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//! let mut runner = TestRunner::deterministic();
//! let arch = architectures(1..=3, 1..=4, 1..=3).new_tree(&mut runner).unwrap().current();
//! let w = integer_layer_filters(&arch, -5..=5).new_tree(&mut runner).unwrap().current();
//! assert_eq!(w.len(), arch.num_layers());
//! ```

use crate::poly::{BinaryForm, MPoly, Monomial, UPoly};
use crate::Architecture;
use ::proptest::collection::vec;
use ::proptest::prelude::*;
use num_bigint::BigInt;
use std::ops::RangeInclusive;

/// Random valid architectures: number of layers, filter sizes and strides in
/// the given ranges (bounds must be at least 1).
pub fn architectures(
    layers: RangeInclusive<usize>,
    sizes: RangeInclusive<usize>,
    strides: RangeInclusive<usize>,
) -> impl Strategy<Value = Architecture> {
    layers
        .prop_flat_map(move |l| (vec(sizes.clone(), l), vec(strides.clone(), l)))
        .prop_filter_map("valid architecture", |(k, s)| {
            Architecture::new(&k, &s).ok()
        })
}

/// Random integer layer filters for `arch`, entries in `range`, every layer
/// non-zero (its first or last weight is forced non-zero when needed).
pub fn integer_layer_filters(
    arch: &Architecture,
    range: RangeInclusive<i64>,
) -> impl Strategy<Value = Vec<Vec<BigInt>>> {
    let sizes = arch.filter_sizes().to_vec();
    sizes
        .into_iter()
        .map(|k| {
            vec(range.clone(), k).prop_map(|mut v| {
                if v.iter().all(|&x| x == 0) {
                    v[0] = 1;
                }
                v.into_iter().map(BigInt::from).collect::<Vec<BigInt>>()
            })
        })
        .collect::<Vec<_>>()
}

/// Random integer univariate polynomials of degree at most `max_degree`.
pub fn integer_upolys(
    max_degree: usize,
    range: RangeInclusive<i64>,
) -> impl Strategy<Value = UPoly<BigInt>> {
    vec(range, 0..=max_degree + 1)
        .prop_map(|v| UPoly::new(v.into_iter().map(BigInt::from).collect()))
}

/// Random integer binary forms of degree in `degrees` (zero forms and forms with
/// vanishing leading or trailing coefficients included).
pub fn integer_binary_forms(
    degrees: RangeInclusive<usize>,
    range: RangeInclusive<i64>,
) -> impl Strategy<Value = BinaryForm<BigInt>> {
    degrees
        .prop_flat_map(move |d| vec(range.clone(), d + 1))
        .prop_map(|v| {
            BinaryForm::new(v.into_iter().map(BigInt::from).collect()).expect("non-empty")
        })
}

/// Random sparse integer polynomials in `nvars` variables: up to `max_terms`
/// terms, exponents up to `max_exp`.
pub fn integer_mpolys(
    nvars: usize,
    max_terms: usize,
    max_exp: u32,
    range: RangeInclusive<i64>,
) -> impl Strategy<Value = MPoly<BigInt>> {
    vec((vec(0..=max_exp, nvars), range), 0..=max_terms).prop_map(|terms| {
        MPoly::from_terms(
            terms
                .into_iter()
                .map(|(e, c)| (Monomial::new(e), BigInt::from(c)))
                .collect(),
        )
    })
}

/// Random integer training data for `arch`: `samples` pairs `(x, y)` with
/// inputs of length `k + extra * S` (`k` the end-to-end filter size, `S` the
/// end-to-end stride, `extra` drawn from `extra`) and outputs of the matching
/// length `extra + 1`, entries in `range`.
pub fn training_data(
    arch: &Architecture,
    samples: RangeInclusive<usize>,
    extra: RangeInclusive<usize>,
    range: RangeInclusive<i64>,
) -> impl Strategy<Value = (Vec<Vec<BigInt>>, Vec<Vec<BigInt>>)> {
    let (k, s) = (arch.end_to_end_filter_size(), arch.end_to_end_stride());
    (samples, extra).prop_flat_map(move |(n, e)| {
        let row = move |len: usize, r: RangeInclusive<i64>| {
            vec(r, len).prop_map(|v| v.into_iter().map(BigInt::from).collect::<Vec<_>>())
        };
        (
            vec(row(k + e * s, range.clone()), n),
            vec(row(e + 1, range.clone()), n),
        )
    })
}
