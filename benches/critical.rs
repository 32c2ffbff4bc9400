//! Benchmarks of the merge tree (`neurovariety::critical::MergeTree`): the
//! paper's Figure 1 for `(2,3,4,5)` (8 nodes) and a 10-layer architecture
//! (512 nodes, one generic ED degree per distinct multiset of sizes).
//!
//! Before timing, each case checks its answer against the values of
//! `tests/critical.rs`: `C(2,3,4,5) = 2976084`, `C(2,3,8) = 12698`,
//! `C(2,10) = 38`, and `C(2,3,2,3,2,3,2,3,2,3) = 691779682049904` (checked
//! there against the plain sum).
//!
//! Run with `cargo bench --bench critical`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use neurovariety::Architecture;
use num_bigint::BigUint;

fn bench_merge_tree(c: &mut Criterion) {
    let fig1 = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).expect("valid architecture");
    let tree = fig1.merge_tree().expect("8 nodes");
    assert_eq!(tree.num_nodes(), 8);
    assert_eq!(tree.root().critical_points, BigUint::from(2_976_084u32));
    let value = |k: &[usize]| tree.get(k).map(|n| n.critical_points.clone());
    assert_eq!(value(&[2, 3, 8]), Some(BigUint::from(12_698u32)));
    assert_eq!(value(&[2, 10]), Some(BigUint::from(38u32)));
    assert!(tree.non_lowering_edges().is_empty());
    c.bench_function("merge_tree (2,3,4,5)/(2,2,2)", |b| {
        b.iter(|| black_box(&fig1).merge_tree().expect("8 nodes"))
    });

    let ten =
        Architecture::new(&[2, 3, 2, 3, 2, 3, 2, 3, 2, 3], &[2; 10]).expect("valid architecture");
    let tree = ten.merge_tree().expect("512 nodes");
    assert_eq!(tree.num_nodes(), 512);
    assert_eq!(
        tree.root().critical_points,
        BigUint::from(691_779_682_049_904u64)
    );
    assert!(tree.non_lowering_edges().is_empty());
    c.bench_function("merge_tree 10 layers (2,3,...,2,3)", |b| {
        b.iter(|| black_box(&ten).merge_tree().expect("512 nodes"))
    });
}

criterion_group!(benches, bench_merge_tree);
criterion_main!(benches);
