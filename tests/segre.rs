//! Tests of `neurovariety::segre`: the values of docs/mathematics.md section 6, small
//! polar degrees and Chern numbers worked by hand, size limits, and property
//! tests comparing the grouped evaluation with the plain sum and with the sum of
//! the polar degrees.

use neurovariety::segre::{
    chern_numbers, generic_ed_degree, generic_ed_degree_naive, generic_ed_degree_of_filters,
    generic_ed_degree_with_limit, polar_degrees, segre_degree, size_estimate_bits,
    DEFAULT_SIZE_LIMIT_BITS,
};
use neurovariety::Error;
use num_bigint::{BigInt, BigUint};
use proptest::prelude::*;

fn big(x: u64) -> BigUint {
    BigUint::from(x)
}

fn bigs(xs: &[u64]) -> Vec<BigUint> {
    xs.iter().map(|&x| big(x)).collect()
}

fn ibigs(xs: &[i64]) -> Vec<BigInt> {
    xs.iter().map(|&x| BigInt::from(x)).collect()
}

/// `(dims, gEDdeg)`: docs/mathematics.md section 6 with `n_i = k_i - 1`.
const KNOWN: &[(&[usize], u64)] = &[
    (&[1, 1], 6),
    (&[1, 2], 10),
    (&[2, 2], 39),
    (&[1, 1, 1], 34),
    (&[1, 1, 2], 100),
    (&[3, 1], 14),
    (&[3, 2], 83),
    (&[3, 3], 284),
    (&[1, 1, 1, 1], 280),
    (&[1, 2, 3, 4], 2_976_084),
    (&[3, 3, 4], 806_396),
    (&[1, 2, 7], 12_698),
    (&[1, 9], 38),
    (&[10], 1),
];

#[test]
fn known_values_grouped() {
    for &(dims, value) in KNOWN {
        assert_eq!(
            generic_ed_degree(dims).unwrap(),
            big(value),
            "dims {dims:?}"
        );
    }
}

#[test]
fn known_values_naive() {
    for &(dims, value) in KNOWN {
        assert_eq!(
            generic_ed_degree_naive(dims).unwrap(),
            big(value),
            "dims {dims:?}"
        );
    }
}

#[test]
fn known_values_polar_sum() {
    for &(dims, value) in KNOWN {
        let sum: BigUint = polar_degrees(dims).unwrap().iter().sum();
        assert_eq!(sum, big(value), "dims {dims:?}");
    }
}

#[test]
fn known_values_from_filter_sizes() {
    for &(dims, value) in KNOWN {
        let filters: Vec<usize> = dims.iter().map(|n| n + 1).collect();
        assert_eq!(
            generic_ed_degree_of_filters(&filters).unwrap(),
            big(value),
            "filters {filters:?}"
        );
    }
    // Depth lowers C: C(2,3,4,5) > C(2,3,8) > C(2,10) > C(11).
    let chain = [&[2, 3, 4, 5][..], &[2, 3, 8], &[2, 10], &[11]];
    let values: Vec<BigUint> = chain
        .iter()
        .map(|f| generic_ed_degree_of_filters(f).unwrap())
        .collect();
    assert!(values.windows(2).all(|w| w[0] > w[1]));
}

#[test]
fn filter_errors() {
    assert_eq!(generic_ed_degree_of_filters(&[]), Err(Error::NoLayers));
    assert_eq!(
        generic_ed_degree_of_filters(&[0]),
        Err(Error::ZeroFilterSize { layer: 1 })
    );
    assert_eq!(
        generic_ed_degree_of_filters(&[3, 2, 0, 0]),
        Err(Error::ZeroFilterSize { layer: 3 })
    );
    // Filter size 1 is P^0: nothing changes.
    assert_eq!(generic_ed_degree_of_filters(&[1]).unwrap(), big(1));
    assert_eq!(generic_ed_degree_of_filters(&[2, 1, 2]).unwrap(), big(6));
}

#[test]
fn points_and_projective_spaces() {
    for dims in [&[][..], &[0], &[0, 0, 0]] {
        assert_eq!(generic_ed_degree(dims).unwrap(), big(1));
        assert_eq!(generic_ed_degree_naive(dims).unwrap(), big(1));
        assert_eq!(segre_degree(dims).unwrap(), big(1));
        assert_eq!(chern_numbers(dims).unwrap(), ibigs(&[1]));
        assert_eq!(polar_degrees(dims).unwrap(), bigs(&[1]));
    }
    for n in 1..12usize {
        assert_eq!(generic_ed_degree(&[n]).unwrap(), big(1));
        assert_eq!(generic_ed_degree(&[0, n, 0]).unwrap(), big(1));
        let mut polar = vec![0u64; n + 1];
        polar[n] = 1;
        assert_eq!(polar_degrees(&[n]).unwrap(), bigs(&polar), "P^{n}");
        // c(TP^n) = (1+h)^{n+1}
        let chern: Vec<BigInt> = (0..=n)
            .map(|j| {
                let mut c = BigInt::from(1);
                for i in 0..j {
                    c = c * (n + 1 - i) / (i + 1);
                }
                c
            })
            .collect();
        assert_eq!(chern_numbers(&[n]).unwrap(), chern);
    }
}

#[test]
fn hand_computed_chern_and_polar() {
    // P^1 x P^1: c(T) = (1+h1)^2 (1+h2)^2, a quadric surface (self-dual).
    assert_eq!(chern_numbers(&[1, 1]).unwrap(), ibigs(&[2, 4, 4]));
    assert_eq!(polar_degrees(&[1, 1]).unwrap(), bigs(&[2, 2, 2]));
    // P^1 x P^2: dual variety is not a hypersurface, so delta_0 = 0.
    assert_eq!(chern_numbers(&[1, 2]).unwrap(), ibigs(&[3, 8, 9, 6]));
    assert_eq!(polar_degrees(&[1, 2]).unwrap(), bigs(&[0, 3, 4, 3]));
    // P^2 x P^2 (3 x 3 rank-one matrices): dual is the determinant cubic.
    let p = polar_degrees(&[2, 2]).unwrap();
    assert_eq!(p[0], big(3));
    assert_eq!(p[4], big(6));
    // P^1 x P^1 x P^1: dual is Cayley's hyperdeterminant, of degree 4.
    let p = polar_degrees(&[1, 1, 1]).unwrap();
    assert_eq!(p[0], big(4));
    assert_eq!(p[3], big(6));
}

#[test]
fn segre_degrees() {
    assert_eq!(segre_degree(&[1, 1]).unwrap(), big(2));
    assert_eq!(segre_degree(&[1, 2]).unwrap(), big(3));
    assert_eq!(segre_degree(&[2, 2]).unwrap(), big(6));
    assert_eq!(segre_degree(&[1, 1, 1]).unwrap(), big(6));
    assert_eq!(segre_degree(&[1, 2, 3, 4]).unwrap(), big(12_600));
    assert_eq!(segre_degree(&[0, 5, 0]).unwrap(), big(1));
}

#[test]
fn absurd_inputs_do_not_panic() {
    let huge = usize::MAX;
    // Answers that need no work.
    assert_eq!(generic_ed_degree(&[huge]).unwrap(), big(1));
    assert_eq!(generic_ed_degree(&[0, huge, 0]).unwrap(), big(1));
    assert_eq!(segre_degree(&[huge]).unwrap(), big(1));
    assert_eq!(generic_ed_degree_of_filters(&[huge]).unwrap(), big(1));
    // Everything else is refused with TooLarge.
    let too_large = |r: Result<(), Error>| matches!(r, Err(Error::TooLarge { .. }));
    for dims in [
        &[huge, 1][..],
        &[huge, huge],
        &[huge, huge, huge],
        &[1 << 20, 1 << 20],
        &[1; 100_000],
    ] {
        assert!(too_large(generic_ed_degree(dims).map(|_| ())), "{dims:?}");
        assert!(too_large(generic_ed_degree_naive(dims).map(|_| ())));
        assert!(too_large(chern_numbers(dims).map(|_| ())));
        assert!(too_large(polar_degrees(dims).map(|_| ())));
        assert!(too_large(segre_degree(dims).map(|_| ())));
        assert!(too_large(
            generic_ed_degree_of_filters(
                &dims.iter().map(|n| n.saturating_add(1)).collect::<Vec<_>>()
            )
            .map(|_| ())
        ));
    }
    assert!(too_large(chern_numbers(&[huge]).map(|_| ())));
    assert!(too_large(polar_degrees(&[huge]).map(|_| ())));
    assert_eq!(size_estimate_bits(&[huge, huge]), u128::MAX);
    match generic_ed_degree(&[huge, 1]) {
        Err(Error::TooLarge {
            estimate, limit, ..
        }) => {
            assert!(estimate > limit);
            assert_eq!(limit, DEFAULT_SIZE_LIMIT_BITS);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // The naive sum refuses on the number of terms.
    match generic_ed_degree_naive(&[1; 21]) {
        Err(Error::TooLarge {
            estimate, limit, ..
        }) => {
            assert_eq!(estimate, 1 << 21);
            assert_eq!(limit, neurovariety::limits::MAX_NAIVE_TERMS);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn limit_is_adjustable() {
    let dims = [3, 3, 4];
    let est = size_estimate_bits(&dims);
    assert!(matches!(
        generic_ed_degree_with_limit(&dims, est - 1),
        Err(Error::TooLarge { .. })
    ));
    assert_eq!(
        generic_ed_degree_with_limit(&dims, est).unwrap(),
        big(806_396)
    );
}

/// Cases with `m > 33` or large factorials take the big-integer path of
/// `generic_ed_degree` (not the machine-integer fast path); compare them with
/// the plain sum too.
#[test]
fn big_integer_path_matches_naive() {
    for dims in [
        &[16usize, 17][..],
        &[30, 30],
        &[20, 20, 5],
        &[1, 1, 40],
        &[2, 3, 50],
        &[60, 2],
        &[1; 12],
    ] {
        assert_eq!(
            generic_ed_degree(dims).unwrap(),
            generic_ed_degree_naive(dims).unwrap(),
            "{dims:?}"
        );
    }
}

#[test]
fn moderately_large_cases_agree_with_polar_sum() {
    for dims in [&[19usize; 6][..], &[40, 40], &[1; 60], &[2, 5, 9, 30]] {
        let g = generic_ed_degree(dims).unwrap();
        let p: BigUint = polar_degrees(dims).unwrap().iter().sum();
        assert_eq!(g, p, "{dims:?}");
    }
}

fn small_dims() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0usize..6, 0..6).prop_filter("at most 3000 terms", |d| {
        d.iter().map(|n| n + 1).product::<usize>() <= 3000
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn single_projective_space_has_ed_degree_one(n in 0usize..400) {
        prop_assert_eq!(generic_ed_degree(&[n]).unwrap(), big(1));
        prop_assert_eq!(generic_ed_degree(&[0, n]).unwrap(), big(1));
    }

    #[test]
    fn symmetric_under_permutation(dims in prop::collection::vec(0usize..12, 0..7), seed in any::<u64>()) {
        let mut shuffled = dims.clone();
        // Fisher-Yates with a tiny LCG, so the permutation is arbitrary.
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        prop_assert_eq!(generic_ed_degree(&dims).unwrap(), generic_ed_degree(&shuffled).unwrap());
        prop_assert_eq!(chern_numbers(&dims).unwrap(), chern_numbers(&shuffled).unwrap());
    }

    #[test]
    fn adding_a_zero_changes_nothing(dims in prop::collection::vec(0usize..12, 0..7), pos in 0usize..8) {
        let mut with_zero = dims.clone();
        with_zero.insert(pos.min(dims.len()), 0);
        prop_assert_eq!(generic_ed_degree(&dims).unwrap(), generic_ed_degree(&with_zero).unwrap());
        prop_assert_eq!(polar_degrees(&dims).unwrap(), polar_degrees(&with_zero).unwrap());
        prop_assert_eq!(segre_degree(&dims).unwrap(), segre_degree(&with_zero).unwrap());
    }

    #[test]
    fn grouped_equals_naive(dims in small_dims()) {
        prop_assert_eq!(generic_ed_degree(&dims).unwrap(), generic_ed_degree_naive(&dims).unwrap());
    }

    #[test]
    fn polar_degrees_sum_to_ed_degree(dims in prop::collection::vec(0usize..25, 0..7)) {
        let polar = polar_degrees(&dims).unwrap();
        let m: usize = dims.iter().sum();
        prop_assert_eq!(polar.len(), m + 1);
        prop_assert_eq!(&polar[m], &segre_degree(&dims).unwrap());
        prop_assert_eq!(polar.iter().sum::<BigUint>(), generic_ed_degree(&dims).unwrap());
    }

    #[test]
    fn chern_extremes(dims in prop::collection::vec(0usize..25, 0..7)) {
        let c = chern_numbers(&dims).unwrap();
        let m: usize = dims.iter().sum();
        prop_assert_eq!(c.len(), m + 1);
        prop_assert_eq!(&c[0], &BigInt::from(segre_degree(&dims).unwrap()));
        let euler: BigInt = dims.iter().map(|&n| BigInt::from(n + 1)).product();
        prop_assert_eq!(&c[m], &euler);
        prop_assert!(c.iter().all(|x| x.sign() != num_bigint::Sign::Minus));
    }
}
