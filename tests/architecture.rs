//! Architecture: validation, reduction, composition, convolution matrices, factorization.

use neurovariety::architecture::{
    compose, convolution_matrix, layer_convolution_matrices, RationalFactorization,
};
use neurovariety::proptest::{architectures, integer_layer_filters};
use neurovariety::{Architecture, Error};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use proptest::prelude::*;

fn arch(k: &[usize], s: &[usize]) -> Architecture {
    Architecture::new(k, s).unwrap()
}

fn to_q(v: &[BigInt]) -> Vec<BigRational> {
    v.iter()
        .map(|x| BigRational::from_integer(x.clone()))
        .collect()
}

#[test]
fn validation_errors_name_the_value() {
    assert_eq!(Architecture::new(&[], &[]), Err(Error::NoLayers));
    assert_eq!(
        Architecture::new(&[2, 0, 3], &[1, 1, 1]),
        Err(Error::ZeroFilterSize { layer: 2 })
    );
    assert_eq!(
        Architecture::new(&[2, 3], &[2, 0]),
        Err(Error::ZeroStride { layer: 2 })
    );
    assert_eq!(
        Architecture::new(&[2, 3], &[2]),
        Err(Error::LengthMismatch {
            what: "strides (one per layer)",
            expected: 2,
            found: 1
        })
    );
    assert_eq!(
        Architecture::new(&[1, 1, 2], &[usize::MAX, 2, 1]),
        Err(Error::Overflow { what: "dilation" })
    );
    assert_eq!(
        Architecture::new(&[2, 2], &[usize::MAX, 1]),
        Err(Error::Overflow {
            what: "end-to-end filter size"
        })
    );
    // an input too large to be an architecture names the input
    assert!(matches!(
        Architecture::new(&[usize::MAX, 2], &[1, 1]),
        Err(Error::TooLarge {
            what: "number of weights (sum of the filter sizes)",
            raise_with: None,
            ..
        })
    ));
    // a billion coordinates: the architecture and its closed-form invariants
    // exist; the operations that materialise coordinates refuse, naming them
    let wide = Architecture::new(&[2, 2], &[1 << 30, 1]).unwrap();
    assert_eq!(wide.end_to_end_filter_size(), (1 << 30) + 2);
    assert_eq!(wide.dimension(), 3);
    assert_eq!(wide.degree().to_string(), "2");
    assert!(matches!(
        wide.neurovariety().equations(),
        Err(Error::TooLarge {
            what: "end-to-end filter size (coordinates) for the equations",
            raise_with: None,
            ..
        })
    ));
}

#[test]
fn queries_on_the_papers_example() {
    let a = arch(&[2, 3, 4, 5], &[2, 2, 2, 1]);
    assert_eq!(a.filter_sizes(), &[2, 3, 4, 5]);
    assert_eq!(a.strides(), &[2, 2, 2, 1]);
    assert_eq!(a.dilations(), &[1, 2, 4, 8]);
    assert_eq!(a.end_to_end_filter_size(), 50);
    assert_eq!(a.end_to_end_stride(), 8);
    assert_eq!(a.num_parameters(), 14);
    assert_eq!(a.dimension(), 11);
    assert_eq!(format!("{a:#}"), "k = (2,3,4,5), s = (2,2,2,1)");
    // reduction: stride-1 neighbours merge, size-1 layers drop
    let b = arch(&[1, 3, 2, 1, 2], &[2, 1, 3, 1, 1]);
    let r = b.reduced();
    assert_eq!(r.filter_sizes(), &[4, 2]);
    assert_eq!(r.dilations(), &[2, 6]);
    assert_eq!(r.groups(), &[vec![1, 2], vec![4]]);
    assert!(arch(&[3, 2], &[1, 5]).is_filling());
    assert!(!arch(&[3, 2], &[2, 1]).is_filling());
    assert!(arch(&[1, 1], &[3, 3]).is_filling());
}

#[test]
fn dimension_and_degree_match_the_math_note() {
    // (filters, strides, dim, degree) checked with Macaulay2 (docs/mathematics.md, section 2)
    let cases: &[(&[usize], &[usize], usize, u64)] = &[
        (&[2, 2], &[2, 1], 3, 2),
        (&[3, 2], &[2, 1], 4, 3),
        (&[3, 3], &[2, 1], 5, 6),
        (&[2, 2, 2], &[2, 2, 1], 4, 6),
        (&[3, 2, 2], &[2, 2, 1], 5, 12),
        (&[2, 3, 2], &[2, 2, 1], 5, 12),
        (&[2, 2, 2], &[3, 2, 1], 4, 6),
        (&[3, 2, 2], &[1, 2, 1], 5, 4),
        (&[2, 2], &[3, 1], 3, 2),
    ];
    for &(k, s, dim, deg) in cases {
        let a = arch(k, s);
        assert_eq!(a.dimension(), dim, "{a}");
        assert_eq!(a.degree(), deg.into(), "{a}");
    }
}

#[test]
fn worked_example_composition() {
    // (a0 x + a1 y)(b0 x^2 + b1 y^2) has c = (a0 b0, a1 b0, a0 b1, a1 b1)
    let a = arch(&[2, 2], &[2, 1]);
    let w = compose(
        &a,
        &[
            vec![BigInt::from(2), BigInt::from(3)],
            vec![BigInt::from(5), BigInt::from(7)],
        ],
    )
    .unwrap();
    assert_eq!(
        w,
        vec![
            BigInt::from(10),
            BigInt::from(15),
            BigInt::from(14),
            BigInt::from(21)
        ]
    );
    assert!(matches!(
        compose(&a, &[vec![1.0, f64::NAN], vec![1.0, 1.0]]),
        Err(Error::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        compose(&a, &[vec![1.0, 2.0]]),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn factorization_says_why_not() {
    let a = arch(&[2, 2], &[2, 1]);
    let q = |n: i64| BigRational::from_integer(n.into());
    // c1 c2 - c0 c3 != 0: not in the neurovariety
    assert!(matches!(
        a.factorize(&[q(1), q(0), q(0), q(1)]).unwrap(),
        RationalFactorization::NotInNeurovariety {
            level: 2,
            tau: 2,
            ..
        }
    ));
    // merged layers (stride 1) needing a rational split: x^2 + y^2 into two linear layers
    let b = arch(&[2, 2], &[1, 1]);
    assert!(matches!(
        b.factorize(&[q(1), q(0), q(1)]).unwrap(),
        RationalFactorization::NoRationalFactorization { .. }
    ));
    // (x^2 - 2 y^2)(x^2 - 3 y^2) = x^4 - 5 x^2 y^2 + 6 y^4 over (3,2)/2: the 2-invariant part has
    // degree 2 > 1, its rational linear factors X - 2Y and X - 3Y both work
    let c = arch(&[3, 2], &[2, 1]);
    let w = vec![q(1), q(0), q(-5), q(0), q(6)];
    let layers = c.factorize(&w).unwrap().layers().unwrap().to_vec();
    assert_eq!(compose(&c, &layers).unwrap(), w);
    // the zero filter is mu(0, ...)
    let z = c.factorize(&[q(0), q(0), q(0), q(0), q(0)]).unwrap();
    assert!(compose(&c, z.layers().unwrap())
        .unwrap()
        .iter()
        .all(|x| x.is_zero()));
    assert!(matches!(
        c.factorize(&[q(1)]),
        Err(Error::LengthMismatch { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn compose_factorize_compose(
        (a, w) in architectures(1..=5, 1..=6, 1..=4)
            .prop_filter("small enough for exact factorization", |a| a.end_to_end_filter_size() <= 200)
            .prop_flat_map(|a| { let s = integer_layer_filters(&a, -4..=4); (Just(a), s) })
    ) {
        let target = to_q(&compose(&a, &w).unwrap());
        let layers = a.factorize(&target).unwrap().layers().unwrap().to_vec();
        prop_assert_eq!(compose(&a, &layers).unwrap(), target.clone());
        // layers that are alone in their reduced group are recovered up to scale, when the
        // point is generic (each level's gcd has exactly the required degree)
        let red = a.reduced();
        let generic = a.neurovariety().conditions().iter().all(|c| {
            let forms: Vec<_> = c.pieces().iter().map(|ix| neurovariety::poly::BinaryForm::new(ix.iter().map(|&i| target[i].clone()).collect()).unwrap()).collect();
            neurovariety::poly::BinaryForm::gcd_degree_many(&forms) == Some(c.e)
        });
        if generic {
            for group in red.groups() {
                if group.len() == 1 {
                    let l = group[0];
                    let orig = to_q(&w[l]);
                    let found = &layers[l];
                    // proportional: orig_i found_j = orig_j found_i
                    for i in 0..orig.len() {
                        for j in 0..orig.len() {
                            prop_assert_eq!(&orig[i] * &found[j], &orig[j] * &found[i]);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn convolution_matrices_compose(
        (a, w) in architectures(1..=4, 1..=4, 1..=3).prop_flat_map(|a| { let s = integer_layer_filters(&a, -5..=5); (Just(a), s) }),
        extra in 0usize..12,
    ) {
        let n = a.end_to_end_filter_size() + extra;
        let mats = layer_convolution_matrices(&a, &w, n).unwrap();
        let mut prod = mats[0].clone();
        for m in &mats[1..] {
            prod = m.mul(&prod).unwrap();
        }
        let e2e = convolution_matrix(&compose(&a, &w).unwrap(), a.end_to_end_stride(), n).unwrap();
        prop_assert_eq!(prod, e2e);
    }

    #[test]
    fn arbitrary_input_never_panics(
        k in proptest::collection::vec(prop_oneof![0usize..8, Just(usize::MAX), Just(1usize << 40), any::<usize>()], 0..6),
        s in proptest::collection::vec(prop_oneof![0usize..8, Just(usize::MAX), Just(1usize << 33), any::<usize>()], 0..6),
    ) {
        if let Ok(a) = Architecture::new(&k, &s) {
            let _ = (a.dimension(), a.degree(), a.reduced(), a.is_filling(), a.to_string());
            let v = a.neurovariety();
            prop_assert!(v.dimension() <= v.ambient_dimension());
        }
    }
}

/// Layers and levels are numbered from 1 in every message and field, as in
/// the mathematics (w_1..w_L; reduced levels 1..R with tau_1 = 1).
#[test]
fn layers_and_levels_are_numbered_from_1_everywhere() {
    use neurovariety::critical::MergeTree;
    use neurovariety::segre::generic_ed_degree_of_filters;
    // the second layer is layer 2 in the field and in the message
    let e = Architecture::new(&[3, 0], &[2, 1]).unwrap_err();
    assert_eq!(e, Error::ZeroFilterSize { layer: 2 });
    assert!(e.to_string().contains("layer 2"), "{e}");
    let e = Architecture::new(&[3, 2], &[0, 1]).unwrap_err();
    assert_eq!(e, Error::ZeroStride { layer: 1 });
    assert!(e.to_string().starts_with("stride of layer 1 is 0"), "{e}");
    assert_eq!(
        "(3,0)/(2)".parse::<Architecture>(),
        Err(Error::ZeroFilterSize { layer: 2 })
    );
    assert_eq!(
        generic_ed_degree_of_filters(&[2, 2, 0]),
        Err(Error::ZeroFilterSize { layer: 3 })
    );
    assert_eq!(
        MergeTree::with_limit(&[0, 2], 10).unwrap_err(),
        Error::ZeroFilterSize { layer: 1 }
    );
    // (2,2)/(2): reduced levels 1 (tau = 1) and 2 (tau = 2); the condition,
    // the equations and a failed factorization all say level 2
    let a = arch(&[2, 2], &[2, 1]);
    let v = a.neurovariety();
    assert_eq!(v.conditions()[0].level, 2);
    assert!(v.conditions()[0]
        .describe()
        .starts_with("level 2 (tau = 2)"));
    assert!(v
        .equations()
        .unwrap()
        .generators()
        .iter()
        .all(|g| g.level == 2));
    let q = |n: i64| BigRational::from_integer(n.into());
    let r = a.factorize(&[q(1), q(0), q(0), q(1)]).unwrap();
    assert!(matches!(
        r,
        RationalFactorization::NotInNeurovariety { level: 2, .. }
    ));
    assert!(r.to_string().contains("at level 2 (tau = 2)"), "{r}");
    // a factorization names the first layer layer 1
    let w = neurovariety::architecture::compose(&a, &[vec![q(1), q(2)], vec![q(3), q(4)]]).unwrap();
    let f = a.factorize(&w).unwrap();
    assert!(
        f.to_string()
            .starts_with("rational factorization: layer 1 = ("),
        "{f}"
    );
    assert!(f.to_string().contains("; layer 2 = ("), "{f}");
    // the report's levels and layers
    let report = neurovariety::Report::new(&a, &neurovariety::ReportRequest::default()).unwrap();
    assert_eq!(report.neurovariety.levels[0].level, 2);
    assert!(report.to_string().contains("level 2 (tau = 2)"), "{report}");
}
