//! Benchmarks of the resultant of two generic univariate polynomials
//! (`neurovariety::resultant::resultant` on `UPoly<MPoly<BigInt>>`):
//! `f = a_0 x^m + ... + a_m`, `g = b_0 x^n + ... + b_n` with all `m + n + 2`
//! coefficients independent variables, for `(m, n) = (4, 4), (5, 5), (6, 6)`.
//!
//! Before timing, each case checks its answer against independent values:
//! - the number of terms, from Macaulay2 1.21 (`#terms resultant(f, g, x)` over
//!   `QQ`; `scripts/bench/resultant.m2` prints it): 219, 1696, 14869;
//! - the values at two integer points against the resultant of the specialised
//!   integer polynomials (Bareiss elimination of a numeric Sylvester matrix, a
//!   different algorithm from the symbolic cofactor expansion);
//! - the coefficient of `a_0^n b_n^m` is 1 and the resultant is bihomogeneous of
//!   total degree `m + n`.
//!
//! The Macaulay2 side (`resultant(f, g, x)` and
//! `det(sylvesterMatrix(f, g, x), Strategy => Cofactor | Dynamic)`) is timed by
//! `scripts/bench/run_m2_benchmarks.sh`; the ratios are in `docs/benchmarks.md`.
//!
//! Run with `cargo bench --bench resultant`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use neurovariety::poly::{MPoly, Monomial, UPoly};
use neurovariety::resultant::resultant;
use num_bigint::BigInt;
use num_traits::One;
use std::time::Duration;

/// `(m, n, number of terms of Res(f, g) from Macaulay2)`.
const CASES: [(usize, usize, usize); 3] = [(4, 4, 219), (5, 5, 1696), (6, 6, 14869)];

/// The generic pair: `a_i = var(i)`, `b_j = var(m + 1 + j)`; `UPoly::new` takes
/// ascending coefficients, so `f = [a_m, ..., a_0]`.
fn generic_pair(m: usize, n: usize) -> (UPoly<MPoly<BigInt>>, UPoly<MPoly<BigInt>>) {
    let f = UPoly::new(
        (0..=m)
            .rev()
            .map(|i| MPoly::<BigInt>::var(i).unwrap())
            .collect(),
    );
    let g = UPoly::new(
        (0..=n)
            .rev()
            .map(|j| MPoly::var(m + 1 + j).unwrap())
            .collect(),
    );
    (f, g)
}

/// The same pair specialised at `point` (integers), as integer polynomials.
fn specialised(m: usize, n: usize, point: &[BigInt]) -> (UPoly<BigInt>, UPoly<BigInt>) {
    let f = UPoly::new((0..=m).rev().map(|i| point[i].clone()).collect());
    let g = UPoly::new((0..=n).rev().map(|j| point[m + 1 + j].clone()).collect());
    (f, g)
}

fn check(m: usize, n: usize, expected_terms: usize, r: &MPoly<BigInt>) {
    assert_eq!(
        r.num_terms(),
        expected_terms,
        "#terms Res for (m, n) = ({m}, {n}) (Macaulay2)"
    );
    assert!(r.is_homogeneous(), "Res is homogeneous");
    assert_eq!(r.total_degree(), Some((m + n) as u64));
    // a_0^n b_n^m has coefficient 1 (the diagonal of the Sylvester matrix)
    let mut exps = vec![0u32; m + n + 2];
    exps[0] = n as u32;
    exps[m + 1 + n] = m as u32;
    let diagonal = Monomial::new(exps);
    let lead = r
        .terms()
        .iter()
        .find(|(mono, _)| *mono == diagonal)
        .map(|(_, c)| c.clone());
    assert_eq!(lead, Some(BigInt::one()), "coefficient of a_0^n b_n^m");
    // two integer points: symbolic value == numeric (Bareiss) resultant
    for seed in [3i64, 11] {
        let point: Vec<BigInt> = (0..m + n + 2)
            .map(|i| BigInt::from((seed * (i as i64 + 1) * 7919 + 13) % 97 - 48))
            .collect();
        let (fi, gi) = specialised(m, n, &point);
        let numeric: BigInt = resultant(&fi, &gi).expect("non-zero leading coefficients");
        assert_eq!(r.eval(&point).unwrap(), numeric, "value at a point");
    }
}

fn bench_resultant(c: &mut Criterion) {
    let mut group = c.benchmark_group("resultant generic");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(4));
    group.warm_up_time(Duration::from_millis(500));
    for (m, n, terms) in CASES {
        let (f, g) = generic_pair(m, n);
        let r = resultant(&f, &g).expect("generic resultant");
        check(m, n, terms, &r);
        group.bench_function(format!("({m},{n})"), |b| {
            b.iter(|| resultant(black_box(&f), black_box(&g)).expect("generic resultant"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_resultant);
criterion_main!(benches);
