//! Benchmarks of the grouped generic-ED-degree evaluation
//! (`neurovariety::segre::generic_ed_degree`) on the inputs of
//! `scripts/bench/segre_grouped.py`, the exact-rational Python reference.
//!
//! Before timing, every case checks its answer: `(1,2,3,4)` against the value
//! 2976084 of docs/mathematics.md (section 6), the two large cases against the fingerprint (number
//! of decimal digits, leading 30 digits, residue modulo `2^61 - 1`) printed by
//! the Python script, and against the sum of the polar degrees, an independent
//! route through the Chern numbers.
//!
//! Run with `cargo bench --bench segre`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use neurovariety::segre::{generic_ed_degree, polar_degrees};
use num_bigint::BigUint;

/// `(digits, leading 30 digits, value mod 2^61 - 1)` as printed by
/// `scripts/bench/segre_grouped.py`.
type Fingerprint = (usize, &'static str, u64);

const FP_19_X_50: Fingerprint = (1846, "640899156986381546292779908576", 1019061659238393305);
const FP_199_X_8: Fingerprint = (1863, "107495112559997033578111858192", 1257820914755107175);

fn fingerprint(x: &BigUint) -> (usize, String, u64) {
    let d = x.to_string();
    let residue = x % BigUint::from((1u64 << 61) - 1);
    let residue = residue.iter_u64_digits().next().unwrap_or(0);
    (d.len(), d.chars().take(30).collect(), residue)
}

fn check(dims: &[usize], expected: Fingerprint) {
    let value = generic_ed_degree(dims).expect("within the size limit");
    let (digits, lead, residue) = fingerprint(&value);
    assert_eq!(
        (digits, lead.as_str(), residue),
        expected,
        "gEDdeg fingerprint for {} factors",
        dims.len()
    );
    let polar_sum: BigUint = polar_degrees(dims)
        .expect("within the size limit")
        .iter()
        .sum();
    assert_eq!(polar_sum, value, "sum of polar degrees");
}

fn bench_segre(c: &mut Criterion) {
    let small = [1usize, 2, 3, 4];
    assert_eq!(
        generic_ed_degree(&small).unwrap(),
        BigUint::from(2_976_084u32)
    );
    c.bench_function("gEDdeg dims (1,2,3,4)", |b| {
        b.iter(|| generic_ed_degree(black_box(&small)).unwrap())
    });

    let mut group = c.benchmark_group("gEDdeg large");
    group.sample_size(10);

    let d50 = [19usize; 50];
    check(&d50, FP_19_X_50);
    group.bench_function("50 layers of size 20 (dims 19 x 50)", |b| {
        b.iter(|| generic_ed_degree(black_box(&d50)).unwrap())
    });

    let d8 = [199usize; 8];
    check(&d8, FP_199_X_8);
    group.bench_function("8 layers of size 200 (dims 199 x 8)", |b| {
        b.iter(|| generic_ed_degree(black_box(&d8)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_segre);
criterion_main!(benches);
