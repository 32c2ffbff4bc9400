//! Benchmarks of factorization over Q and of the rational factorization of
//! end-to-end filters (issue 11, defects 1 and 2).
//!
//! Inputs (all exact, built here):
//! - `S_5`, `S_6`: the Swinnerton-Dyer polynomials of degree 32 and 64
//!   (`prod (x ± √2 ± √3 ± √5 ± √7 ± √11 [± √13])`), irreducible over Q with
//!   at least 16 resp. 32 factors modulo every prime
//!   (`tests/common/swinnerton_dyer.rs`);
//! - the filter of `(x^4 - y^4) prod_{p <= 59} (x^4 - p y^4)` on the
//!   architecture `(35,2,10)/(2,2)`, which factors over Q;
//! - the filter of `S_6` (as a form of degree 64) on `(33,33)/(1,1)`, which has
//!   no rational factorization (a factor of degree 32 would be needed).
//!
//! Before timing, each case asserts its answer: `S_k` is irreducible (one
//! factor, itself: Macaulay2's and Singular's `factor` agree, see
//! `scripts/bench/factor.m2` and `scripts/bench/factor.sing`), the layers
//! found compose back to the filter, and the last case is
//! `NoRationalFactorization`.
//!
//! Run with `cargo bench --bench factor`; `docs/benchmarks.md` has the
//! numbers against the code before the knapsack and forest search, Macaulay2
//! and Singular.

#[path = "../tests/common/swinnerton_dyer.rs"]
mod swinnerton_dyer;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use neurovariety::architecture::{compose, RationalFactorization};
use neurovariety::poly::{factor_integer, BinaryForm};
use neurovariety::Architecture;
use num_rational::BigRational;
use std::time::Duration;
use swinnerton_dyer::{form_filter, swinnerton_dyer};

const PRIMES_TO_59: [i64; 17] = [
    2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
];

/// `(x^4 - y^4) prod_{p <= 59} (x^4 - p y^4)` as a filter (`c_i` = coefficient of `x^{72-i} y^i`).
fn seventeen_primes() -> Vec<BigRational> {
    let mut p = BinaryForm::from_i64(&[1, 0, 0, 0, -1]).unwrap();
    for q in PRIMES_TO_59 {
        p = &p * &BinaryForm::from_i64(&[1, 0, 0, 0, -q]).unwrap();
    }
    p.coeffs()
        .iter()
        .map(|c| BigRational::from_integer(c.clone()))
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("factor");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));

    for k in [5, 6] {
        let f = swinnerton_dyer(k);
        let fac = factor_integer(&f).unwrap();
        assert_eq!(fac.factors, vec![(f.clone(), 1)], "S_{k} is irreducible");
        group.bench_function(format!("swinnerton_dyer_degree_{}", 1 << k), |b| {
            b.iter(|| factor_integer(black_box(&f)).unwrap())
        });
    }

    let arch = Architecture::new(&[35, 2, 10], &[2, 2, 1]).unwrap();
    let w = seventeen_primes();
    let layers = arch.factorize(&w).unwrap().layers().unwrap().to_vec();
    assert_eq!(compose(&arch, &layers).unwrap(), w);
    group.bench_function("seventeen_primes_35_2_10", |b| {
        b.iter(|| arch.factorize(black_box(&w)).unwrap())
    });

    let arch = Architecture::new(&[33, 33], &[1, 1]).unwrap();
    let w = form_filter(&swinnerton_dyer(6));
    assert!(matches!(
        arch.factorize(&w).unwrap(),
        RationalFactorization::NoRationalFactorization { .. }
    ));
    group.bench_function("swinnerton_dyer_64_on_33_33", |b| {
        b.iter(|| arch.factorize(black_box(&w)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
