//! Neurovariety: soundness and rejection of the generators, membership, export.

use neurovariety::architecture::compose;
use neurovariety::neurovariety::ConditionKind;
use neurovariety::proptest::{architectures, integer_layer_filters};
use neurovariety::{Architecture, Error, GeneratorOptions};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use proptest::prelude::*;

fn to_q(v: &[BigInt]) -> Vec<BigRational> {
    v.iter()
        .map(|x| BigRational::from_integer(x.clone()))
        .collect()
}

/// Architectures whose generators are cheap to build in a test.
fn small_architectures() -> impl Strategy<Value = Architecture> {
    architectures(1..=5, 1..=6, 1..=4).prop_filter("cheap generator set", |a| {
        let est = a.neurovariety().generator_estimate();
        a.end_to_end_filter_size() <= 32 && est.minors <= 3_000 && est.max_degree <= 5
    })
}

/// The architecture with layers `i` and `i + 1` merged into one layer at dilation `t_i`
/// (its neurovariety contains the original one).
fn merge_adjacent(a: &Architecture, i: usize) -> Architecture {
    let (k, s) = (a.filter_sizes(), a.strides());
    let mut nk = k[..i].to_vec();
    nk.push(k[i] + (k[i + 1] - 1) * s[i]);
    nk.extend_from_slice(&k[i + 2..]);
    let mut ns = s[..i].to_vec();
    ns.push(s[i] * s[i + 1]);
    ns.extend_from_slice(&s[i + 2..]);
    Architecture::new(&nk, &ns).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn generators_vanish_on_the_image(
        (a, w) in small_architectures().prop_flat_map(|a| { let s = integer_layer_filters(&a, -6..=6); (Just(a), s) })
    ) {
        let v = a.neurovariety();
        let gens = v.equations_with(&GeneratorOptions::default().with_limit(200_000)).unwrap();
        let p = to_q(&compose(&a, &w).unwrap());
        prop_assert!(v.equations_at(&gens, &p).unwrap().iter().all(|x| x.is_zero()));
        prop_assert!(v.contains(&p).unwrap());
        prop_assert_eq!(gens.is_empty(), a.is_filling());
    }

    #[test]
    fn generic_points_outside_are_rejected(
        (a, w, i) in small_architectures()
            .prop_filter("at least two layers", |a| a.num_layers() >= 2)
            .prop_flat_map(|a| { let n = a.num_layers(); (Just(a), 0..n - 1) })
            .prop_flat_map(|(a, i)| { let b = merge_adjacent(&a, i); let s = integer_layer_filters(&b, -100_000..=100_000); (Just(a), s, Just(i)) }),
        random in proptest::collection::vec(-1_000_000_000i64..=1_000_000_000, 40),
    ) {
        let v = a.neurovariety();
        let gens = v.equations_with(&GeneratorOptions::default().with_limit(200_000)).unwrap();
        let coarse = merge_adjacent(&a, i);
        prop_assert_eq!(coarse.end_to_end_filter_size(), a.end_to_end_filter_size());
        let k = a.end_to_end_filter_size();
        let candidates = [to_q(&compose(&coarse, &w).unwrap()), random[..k].iter().map(|&x| BigRational::from_integer(x.into())).collect()];
        for p in &candidates {
            let inside = v.contains(p).unwrap();
            let all_zero = v.equations_at(&gens, p).unwrap().iter().all(|x| x.is_zero());
            // membership by gcds and by the equations agree, on every point
            prop_assert_eq!(inside, all_zero);
        }
        // a generic point of a strictly larger variety is outside
        if coarse.dimension() > a.dimension() {
            prop_assert!(!v.contains(&candidates[0]).unwrap());
        }
        // a generic point of the ambient space is outside unless V fills it
        prop_assert_eq!(v.contains(&candidates[1]).unwrap(), a.is_filling());
    }
}

#[test]
fn worked_cases_from_the_math_note() {
    // (3,2)/2: one cubic, the resultant of c0 X^2 + c2 XY + c4 Y^2 and c1 X + c3 Y
    let g = Architecture::new(&[3, 2], &[2, 1])
        .unwrap()
        .neurovariety()
        .equations()
        .unwrap();
    assert_eq!(
        g.formatted(neurovariety::poly::Syntax::Macaulay2),
        vec!["c1*c2*c3-c0*c3^2-c1^2*c4"]
    );
    assert_eq!(g.generators()[0].kind, ConditionKind::Resultant);
    // (3,3)/2: four cubics, maximal minors of a 3x4 subresultant matrix
    let g = Architecture::new(&[3, 3], &[2, 1])
        .unwrap()
        .neurovariety()
        .equations()
        .unwrap();
    assert_eq!(
        g.count_by_degree().into_iter().collect::<Vec<_>>(),
        vec![(3, 4)]
    );
    assert!(g
        .generators()
        .iter()
        .all(|x| x.kind == ConditionKind::Subresultant));
    // (2,2,2)/(2,2): the Segre P1xP1xP1 in P7, nine quadrics
    let v = Architecture::new(&[2, 2, 2], &[2, 2, 1])
        .unwrap()
        .neurovariety();
    assert_eq!(
        (v.ambient_dimension(), v.dimension(), v.degree()),
        (8, 4, 6u32.into())
    );
    assert_eq!(
        v.equations()
            .unwrap()
            .count_by_degree()
            .into_iter()
            .collect::<Vec<_>>(),
        vec![(2, 9)]
    );
    // strides 1: no equations
    assert!(Architecture::new(&[3, 2, 4], &[1, 1, 1])
        .unwrap()
        .neurovariety()
        .equations()
        .unwrap()
        .is_empty());
}

#[test]
fn gaps_give_linear_equations() {
    // (2,2)/4: (a0 x + a1 y)(b0 x^4 + b1 y^4) has c2 = c3 = 0 (the stride exceeds the filter)
    let g = Architecture::new(&[2, 2], &[4, 1])
        .unwrap()
        .neurovariety()
        .equations()
        .unwrap();
    let linear: Vec<String> = g
        .generators()
        .iter()
        .filter(|x| x.kind == ConditionKind::Linear)
        .map(|x| g.ring().display(&x.poly))
        .collect();
    assert_eq!(linear, vec!["c2", "c3"]);
    assert_eq!(
        g.count_by_degree().into_iter().collect::<Vec<_>>(),
        vec![(1, 2), (2, 1)]
    );
}

#[test]
fn membership_explains_failures() {
    let a = Architecture::new(&[2, 3, 2], &[2, 2, 1]).unwrap();
    let v = a.neurovariety();
    let q = |n: i64| BigRational::from_integer(n.into());
    let p: Vec<BigRational> = (1..=10).map(q).collect();
    let failing = v.failing_conditions(&p).unwrap();
    assert!(!failing.is_empty());
    assert!(
        failing[0]
            .describe()
            .contains("share a factor of degree >= 4"),
        "{}",
        failing[0].describe()
    );
    assert!(matches!(
        v.contains(&p[..3]),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(v.contains(&vec![q(0); 10]).unwrap());
}

#[test]
fn size_guard_refuses_huge_outputs() {
    let v = Architecture::new(&[4, 4, 4], &[2, 2, 1])
        .unwrap()
        .neurovariety();
    match v.equations_with(&GeneratorOptions::default().with_limit(1000)) {
        Err(Error::TooLarge {
            estimate,
            limit,
            raise_with,
            ..
        }) => assert!(estimate > limit && limit == 1000 && raise_with.is_some()),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}
