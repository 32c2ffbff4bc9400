//! Property tests and edge cases for the polynomial layer.

use neurovariety::poly::{
    gcd_degree, gcd_integer, primitive_prs_gcd, BinaryForm, MPoly, PolyRing, Syntax, UPoly,
};
use neurovariety::proptest::{integer_binary_forms, integer_mpolys, integer_upolys};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

fn p(s: &str) -> MPoly<BigInt> {
    PolyRing::new(&["a", "b", "c"])
        .unwrap()
        .parse_integer(s)
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mpoly_ring_axioms(a in integer_mpolys(3, 5, 3, -5..=5), b in integer_mpolys(3, 5, 3, -5..=5), c in integer_mpolys(3, 5, 3, -5..=5)) {
        prop_assert_eq!(&(&a + &b) + &c, &a + &(&b + &c));
        prop_assert_eq!(&a + &b, &b + &a);
        prop_assert_eq!(&(&a * &b) * &c, &a * &(&b * &c));
        prop_assert_eq!(&a * &b, &b * &a);
        prop_assert_eq!(&a * &(&b + &c), &(&a * &b) + &(&a * &c));
        prop_assert_eq!(&a - &a, MPoly::zero());
        prop_assert_eq!(&a * &MPoly::constant(BigInt::from(1)), a.clone());
        prop_assert_eq!(&(&a - &b) + &b, a.clone());
    }

    #[test]
    fn mpoly_exact_division_round_trip(a in integer_mpolys(3, 4, 3, -5..=5), b in integer_mpolys(3, 4, 3, -5..=5)) {
        prop_assume!(!b.is_zero());
        let prod = &a * &b;
        prop_assert_eq!(prod.exact_div(&b).unwrap(), a.clone());
        // powers and evaluation agree with repeated multiplication
        let pt = [BigInt::from(2), BigInt::from(-1), BigInt::from(3)];
        prop_assert_eq!(a.pow(3).eval(&pt).unwrap(), a.eval(&pt).unwrap().pow(3));
    }

    #[test]
    fn mpoly_print_parse_round_trip(a in integer_mpolys(3, 5, 3, -50..=50)) {
        let r = PolyRing::new(&["a", "b", "c"]).unwrap();
        for syntax in [Syntax::Plain, Syntax::Macaulay2, Syntax::SymPy] {
            prop_assert_eq!(r.parse_integer(&r.format(&a, syntax)).unwrap(), a.clone());
        }
    }

    #[test]
    fn substitution_is_a_homomorphism(a in integer_mpolys(2, 4, 2, -5..=5), b in integer_mpolys(2, 4, 2, -5..=5)) {
        let images = [p("a + b"), p("a*b - 2")];
        let lhs = (&a * &b).subs(&images).unwrap();
        let rhs = &a.subs(&images).unwrap() * &b.subs(&images).unwrap();
        prop_assert_eq!(lhs, rhs);
    }

    #[test]
    fn modular_gcd_matches_prs_and_divides(a in integer_upolys(6, -9..=9), b in integer_upolys(6, -9..=9), g in integer_upolys(3, -9..=9)) {
        let (fa, fb) = (&a * &g, &b * &g);
        let h = gcd_integer(&fa, &fb);
        prop_assert_eq!(&h, &primitive_prs_gcd(&fa, &fb));
        if !h.is_zero() {
            prop_assert!(fa.exact_div(&h).is_ok());
            prop_assert!(fb.exact_div(&h).is_ok());
        }
        if !g.is_zero() && !fa.is_zero() && !fb.is_zero() {
            prop_assert!(h.exact_div(&g).is_ok(), "the built-in factor divides the gcd");
            prop_assert_eq!(gcd_degree(&fa, &fb), h.degree().unwrap());
        }
    }

    #[test]
    fn form_gcd_sees_roots_at_infinity(f in integer_binary_forms(0..=4, -5..=5), g in integer_binary_forms(0..=4, -5..=5)) {
        let x = BinaryForm::from_i64(&[1, 0]).unwrap();
        let (fx, gx) = (&f * &x, &g * &x);
        let h = BinaryForm::gcd(&fx, &gx);
        if !fx.is_zero() && !gx.is_zero() {
            prop_assert!(h.exact_div(&x).is_ok(), "x divides both, so it divides the gcd");
            prop_assert!(fx.exact_div(&h).is_ok());
            prop_assert!(gx.exact_div(&h).is_ok());
        }
    }
}

#[test]
fn edge_cases() {
    // the zero polynomial
    let z = UPoly::<BigInt>::zero();
    assert_eq!(z.degree(), None);
    assert_eq!(gcd_integer(&z, &z), z);
    let q = UPoly::from_i64(&[0, 0, 3]);
    assert_eq!(gcd_integer(&z, &q), q);
    assert_eq!(
        gcd_integer(&UPoly::from_i64(&[6]), &UPoly::from_i64(&[4, 2])),
        UPoly::from_i64(&[2])
    );
    // constants and exact division failures
    assert!(UPoly::from_i64(&[1, 1])
        .exact_div(&UPoly::from_i64(&[1, 2]))
        .is_err());
    assert!(UPoly::from_i64(&[1, 1]).exact_div(&z).is_err());
    assert!(p("a + b").exact_div(&p("a - b")).is_err());
    assert!(p("a").exact_div(&MPoly::zero()).is_err());
    // binary forms keep their degree when leading coefficients vanish
    let f = BinaryForm::from_i64(&[0, 0, 1]).unwrap(); // y^2
    let g = BinaryForm::from_i64(&[1, 0, 0]).unwrap(); // x^2
    assert_eq!((&f * &g).degree(), 4);
    assert_eq!(BinaryForm::gcd(&f, &g).degree(), 0);
    assert_eq!(
        BinaryForm::gcd(&g, &BinaryForm::from_i64(&[1, 0]).unwrap()).degree(),
        1
    );
    assert!(BinaryForm::<BigInt>::new(vec![]).is_err());
    // content and primitive part with the sign rule
    let m = p("-6*a^2 + 4*b");
    assert_eq!(m.content(), BigInt::from(2));
    assert_eq!(m.primitive_part(), p("3*a^2 - 2*b"));
    // rational polynomials
    let r = PolyRing::new(&["a"])
        .unwrap()
        .parse_rational("a/2 + 1/3")
        .unwrap();
    assert_eq!(r.content(), BigRational::new(1.into(), 6.into()));
    // parse errors name the position
    assert!(matches!(
        PolyRing::new(&["a"]).unwrap().parse_integer("a + * 2"),
        Err(neurovariety::Error::Parse { .. })
    ));
    assert!(PolyRing::new(&["a", "a"]).is_err());
}

#[test]
fn large_gcd_is_exact() {
    // gcd of (g * a, g * b) with 40-digit coefficients, degree 30 each
    let big = |seed: i64, n: usize| -> UPoly<BigInt> {
        let mut v = Vec::new();
        let mut x = BigInt::from(seed);
        for i in 0..=n {
            x = (&x * BigInt::from(1_000_003) + BigInt::from(i as i64 * 7919 + 1))
                % BigInt::from(10).pow(40);
            v.push(x.clone() - BigInt::from(10).pow(39));
        }
        UPoly::new(v)
    };
    let (g, a, b) = (big(1, 20), big(2, 30), big(3, 30));
    let h = gcd_integer(&(&g * &a), &(&g * &b));
    assert!(h.exact_div(&neurovariety::poly::primitive_part(&g)).is_ok());
    assert_eq!(h.degree(), Some(20));
}
