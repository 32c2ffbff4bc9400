//! Benchmarks of the minimal generators of the neurovariety's ideal
//! (`Neurovariety::generators_with`) for architectures whose Macaulay2 kernel
//! (`lcnKernel(ZZ/32003, ks, ss)` of `scripts/oracle/lcn.m2`) takes from
//! milliseconds to minutes.
//!
//! Before timing, each case checks the number of minimal generators by degree
//! against Macaulay2: the values quoted in lcn-math.md (section 4) and, where
//! the oracle finished, `tests/fixtures/kernels.json` (`mingens_degrees`).
//! (6,6)/2 `{6 => 210}` is only in lcn-math.md (Macaulay2 took 113 s).
//!
//! The Macaulay2 side is timed by `scripts/bench/run_m2_benchmarks.sh`; the
//! ratios are in `docs/benchmarks.md`.
//!
//! Run with `cargo bench --bench neurovariety`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use neurovariety::neurovariety::GeneratorOptions;
use neurovariety::Architecture;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

/// `(filters, first L-1 strides, Macaulay2 minimal generators degree => count)`.
type Case = (&'static [usize], &'static [usize], &'static [(u64, usize)]);

const CASES: [Case; 6] = [
    (&[3, 3], &[2], &[(3, 4)]),
    (&[3, 2, 2], &[2, 2], &[(2, 3), (3, 10)]),
    (&[3, 3, 2], &[2, 2], &[(3, 26), (4, 3)]),
    (&[2, 2, 2, 2], &[2, 2, 2], &[(2, 55)]),
    (&[5, 5], &[2], &[(5, 56)]),
    (&[6, 6], &[2], &[(6, 210)]),
];

/// Work limit, above what (6,6)/2 needs.
const LIMIT: u128 = 100_000_000;

fn label(ks: &[usize], ss: &[usize]) -> String {
    let j = |v: &[usize]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!("({})/({})", j(ks), j(ss))
}

/// `mingens_degrees` of the finished fixture entry for `(ks, ss)`, if any.
fn fixture(ks: &[usize], ss: &[usize]) -> Option<BTreeMap<u64, usize>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/kernels.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let as_vec = |v: &Value| -> Vec<usize> {
        v.as_array()
            .map(|a| a.iter().filter_map(|x| x.as_u64()).map(|x| x as usize).collect())
            .unwrap_or_default()
    };
    let entry = all.as_array()?.iter().find(|e| {
        as_vec(&e["filters"]) == ks && as_vec(&e["strides"]) == ss && e["finished"] == true
    })?;
    Some(
        entry["mingens_degrees"]
            .as_object()?
            .iter()
            .map(|(d, n)| (d.parse().unwrap(), n.as_u64().unwrap() as usize))
            .collect(),
    )
}

fn bench_generators(c: &mut Criterion) {
    let mut group = c.benchmark_group("neurovariety generators");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_millis(300));
    let options = GeneratorOptions::default().limit(LIMIT);
    for (ks, ss, expected) in CASES {
        let expected: BTreeMap<u64, usize> = expected.iter().copied().collect();
        if let Some(fix) = fixture(ks, ss) {
            assert_eq!(fix, expected, "kernels.json vs lcn-math.md");
        }
        let strides: Vec<usize> = ss.iter().copied().chain([1]).collect();
        let arch = Architecture::new(ks, &strides).expect("valid architecture");
        let v = arch.neurovariety();
        let gens = v.generators_with(&options).expect("within the limit");
        assert_eq!(
            gens.count_by_degree(),
            expected,
            "minimal generators of {}",
            label(ks, ss)
        );
        assert_eq!(gens.len(), expected.values().sum::<usize>());
        group.bench_function(label(ks, ss), |b| {
            b.iter(|| black_box(&v).generators_with(&options).expect("within the limit"))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_generators);
criterion_main!(benches);
