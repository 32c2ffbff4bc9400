//! Benchmarks of the certified monodromy solver for the critical points of the
//! squared loss (`Architecture::critical_points`) on the random loss of seed 1
//! with the default options (all cores), for (3,3)/(2,1) (39 critical points)
//! and (4,3)/(2,1) (83).
//!
//! Before timing, each case checks its answer: (2,2)/(2,1) gives 6 certified
//! solutions, (3,3)/(2,1) 39 and (4,3)/(2,1) 83, each set complete
//! (`is_complete`: as many certified, pairwise distinct solutions with
//! `mu != 0` as the exact count `C_k`), with a real global minimum.
//!
//! PHCpack's blackbox solver on the same systems is timed by
//! `scripts/bench/phc_compare.sh`; the ratios (including (4,4)/(2,1) with 284
//! critical points, too slow for this bench's test mode) are in
//! `docs/benchmarks.md`.
//!
//! A third case times `critical_points_from` (the parameter homotopy alone)
//! from a saved start system of (4,3)/(2,1), after checking that it is
//! complete with at most 2 paths per solution.
//!
//! Run with `cargo bench --bench critical_points`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use neurovariety::critical::{CriticalPointOptions, CriticalPoints, Loss};
use neurovariety::Architecture;

/// Solves `filters / strides` for the random loss of seed 1.
fn solve(arch: &Architecture, loss: &Loss) -> CriticalPoints {
    arch.critical_points(loss, &CriticalPointOptions::default())
        .expect("valid architecture and loss")
}

/// Checks that the solver finds and certifies all `expected` critical points.
fn check(filters: &[usize], strides: &[usize], expected: usize) -> (Architecture, Loss) {
    let arch = Architecture::new(filters, strides).expect("valid architecture");
    let loss = Loss::random(&arch, 1);
    let cp = solve(&arch, &loss);
    assert_eq!(cp.expected(), expected, "C_k for {filters:?}/{strides:?}");
    assert_eq!(cp.found(), expected, "found for {filters:?}/{strides:?}");
    assert_eq!(
        cp.certified(),
        expected,
        "certified for {filters:?}/{strides:?}"
    );
    assert!(cp.is_complete());
    let min = cp.global_minimum().expect("a real critical point");
    assert!(min.loss().re.is_finite() && min.loss().re >= 0.0);
    (arch, loss)
}

fn bench_critical_points(c: &mut Criterion) {
    check(&[2, 2], &[2, 1], 6);
    let (a33, l33) = check(&[3, 3], &[2, 1], 39);
    let (a43, l43) = check(&[4, 3], &[2, 1], 83);

    let mut group = c.benchmark_group("critical_points");
    group.sample_size(10);
    group.bench_function("(3,3)/(2,1) 39 points", |b| {
        b.iter(|| solve(black_box(&a33), black_box(&l33)))
    });
    group.bench_function("(4,3)/(2,1) 83 points", |b| {
        b.iter(|| solve(black_box(&a43), black_box(&l43)))
    });
    // the parameter homotopy alone, from a saved start system: C_k paths
    let start = a43.start_system(1).expect("start system");
    assert!(start.is_complete());
    let other = Loss::random(&a43, 2);
    let from = a43
        .critical_points_from(&start, &other, &CriticalPointOptions::default())
        .expect("transfer");
    assert!(from.is_complete() && from.paths_tracked() <= 2 * 83);
    group.bench_function("(4,3)/(2,1) 83 points from a saved start", |b| {
        b.iter(|| {
            a43.critical_points_from(
                black_box(&start),
                black_box(&other),
                &CriticalPointOptions::default(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench_critical_points);
criterion_main!(benches);
