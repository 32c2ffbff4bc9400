//! Monodromy solving of the training equations: every critical point found
//! and certified, the count reaching the exact value `C_k` of the math note
//! (section 5), for fixed seeds.

use neurovariety::critical::{CriticalPointOptions, Loss};
use neurovariety::Architecture;
use std::time::Instant;

fn solve(sizes: &[usize], strides: &[usize], seed: u64) -> neurovariety::critical::CriticalPoints {
    let arch = Architecture::new(sizes, strides).unwrap();
    let loss = Loss::random(&arch, seed);
    let t = Instant::now();
    let r = arch
        .critical_points(&loss, &CriticalPointOptions::default().with_seed(seed))
        .unwrap();
    eprintln!(
        "{arch}: found {} certified {} expected {} real {} loops {} paths {} in {:?}",
        r.found(),
        r.certified(),
        r.expected,
        r.num_real(),
        r.loops,
        r.paths_tracked,
        t.elapsed()
    );
    r
}

/// (architecture, strides with the last one, count from lcn-math.md section 5)
const CASES: &[(&[usize], &[usize], usize)] = &[
    (&[2, 2], &[2, 1], 6),
    (&[3, 2], &[2, 1], 10),
    (&[3, 3], &[2, 1], 39),
    (&[2, 2, 2], &[2, 2, 1], 34),
    (&[2, 2, 2], &[1, 2, 1], 34),
    (&[4, 3], &[2, 1], 83),
    (&[3, 2, 2], &[2, 2, 1], 100),
    (&[4, 4], &[2, 1], 284),
    (&[2, 2, 2, 2], &[2, 2, 2, 1], 280),
];

#[test]
fn every_critical_point_is_found_and_certified() {
    for &(sizes, strides, count) in CASES {
        let r = solve(sizes, strides, 1);
        assert_eq!(r.expected, count, "{sizes:?}");
        assert_eq!(
            r.certified(),
            count,
            "{sizes:?}/{strides:?}: not all certified"
        );
        assert_eq!(r.found(), count);
        assert!(r.is_complete());
    }
}
