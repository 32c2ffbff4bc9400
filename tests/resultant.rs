//! Resultant and subresultant laws, edge cases; Macaulay2 fixtures in `resultant_fixtures.rs`.

use neurovariety::linalg::{det_bareiss, det_cofactor, Matrix};
use neurovariety::poly::{BinaryForm, MPoly, UPoly};
use neurovariety::proptest::integer_binary_forms;
use neurovariety::resultant::{
    principal_subresultant_coefficients, resultant, share_factor, share_factor_by_rank,
    subresultant_form, subresultant_minors, sylvester_matrix,
};
use num_bigint::BigInt;
use num_traits::{One, Zero};
use proptest::prelude::*;

fn lead_nonzero(f: &BinaryForm<BigInt>) -> bool {
    !f.coeffs()[0].is_zero()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn resultant_is_multiplicative(f in integer_binary_forms(0..=3, -6..=6), g in integer_binary_forms(0..=3, -6..=6), h in integer_binary_forms(0..=3, -6..=6)) {
        let fg = &f * &g;
        prop_assert_eq!(resultant(&fg, &h).unwrap(), resultant(&f, &h).unwrap() * resultant(&g, &h).unwrap());
    }

    #[test]
    fn resultant_is_antisymmetric(f in integer_binary_forms(0..=5, -6..=6), g in integer_binary_forms(0..=5, -6..=6)) {
        let sign = if (f.degree() * g.degree()) % 2 == 1 { -BigInt::one() } else { BigInt::one() };
        prop_assert_eq!(resultant(&f, &g).unwrap(), sign * resultant(&g, &f).unwrap());
    }

    #[test]
    fn resultant_vanishes_exactly_with_a_common_factor(f in integer_binary_forms(1..=3, -6..=6), g in integer_binary_forms(1..=3, -6..=6), c in integer_binary_forms(1..=2, -6..=6)) {
        prop_assume!(!c.is_zero());
        prop_assert!(resultant(&(&f * &c), &(&g * &c)).unwrap().is_zero());
        // and without a built-in factor: zero iff the exact gcd is non-trivial
        let r = resultant(&f, &g).unwrap();
        let common = BinaryForm::gcd(&f, &g).degree() > 0 || f.is_zero() || g.is_zero();
        prop_assert_eq!(r.is_zero(), common);
    }

    #[test]
    fn gcd_degree_is_first_nonvanishing_psc(f in integer_binary_forms(1..=5, -4..=4), g in integer_binary_forms(1..=5, -4..=4), c in integer_binary_forms(0..=3, -4..=4)) {
        let (f, g) = (&f * &c, &g * &c);
        prop_assume!(lead_nonzero(&f) && lead_nonzero(&g));
        let psc = principal_subresultant_coefficients(&f, &g).unwrap();
        let first = psc.iter().position(|x| !x.is_zero()).unwrap();
        prop_assert_eq!(first, BinaryForm::gcd(&f, &g).degree());
        // the subresultant at that index is a multiple of the gcd
        if first < f.degree().min(g.degree()) {
            let s = subresultant_form(&f, &g, first).unwrap();
            prop_assert!(s.exact_div(&BinaryForm::gcd(&f, &g)).is_ok());
        }
    }

    #[test]
    fn subresultant_minors_detect_gcd_degree_for_any_forms(f in integer_binary_forms(1..=4, -3..=3), g in integer_binary_forms(1..=4, -3..=3), c in integer_binary_forms(0..=2, -3..=3)) {
        // leading coefficients may vanish here: the maximal-minor criterion still holds
        let (f, g) = (&f * &c, &g * &c);
        let h = if f.is_zero() || g.is_zero() { usize::MAX } else { BinaryForm::gcd(&f, &g).degree() };
        for j in 0..f.degree().min(g.degree()) {
            let all_zero = subresultant_minors(&f, &g, j).unwrap().iter().all(|m| m.is_zero());
            prop_assert_eq!(all_zero, h > j, "j = {}", j);
        }
    }

    #[test]
    fn common_factor_tests_agree(fs in proptest::collection::vec(integer_binary_forms(1..=4, -3..=3), 2..=4), c in integer_binary_forms(0..=2, -3..=3), e in 1usize..=3) {
        let forms: Vec<_> = fs.iter().map(|f| f * &c).collect();
        prop_assert_eq!(share_factor(&forms, e).unwrap(), share_factor_by_rank(&forms, e).unwrap());
    }

    #[test]
    fn bareiss_equals_cofactor(rows in proptest::collection::vec(proptest::collection::vec(-9i64..=9, 5), 5)) {
        let m = Matrix::from_rows(rows.into_iter().map(|r| r.into_iter().map(BigInt::from).collect()).collect()).unwrap();
        prop_assert_eq!(det_bareiss(&m).unwrap(), det_cofactor(&m).unwrap());
    }
}

#[test]
fn degree_zero_conventions() {
    let c = BinaryForm::from_i64(&[3]).unwrap();
    let g = BinaryForm::from_i64(&[1, 2, 5]).unwrap();
    // Res(c, g) = c^deg g, Res(g, c) = c^deg g, Res(c, d) = 1
    assert_eq!(resultant(&c, &g).unwrap(), BigInt::from(9));
    assert_eq!(resultant(&g, &c).unwrap(), BigInt::from(9));
    assert_eq!(
        resultant(&c, &BinaryForm::from_i64(&[5]).unwrap()).unwrap(),
        BigInt::one()
    );
    // the zero form of degree 0 against a form of positive degree
    assert_eq!(
        resultant(&BinaryForm::from_i64(&[0]).unwrap(), &g).unwrap(),
        BigInt::zero()
    );
    // univariate zero polynomial has no degree
    assert!(resultant(&UPoly::<BigInt>::zero(), &UPoly::from_i64(&[1, 1])).is_err());
    // a root at infinity shared: x^2 and x y have resultant 0 as forms
    let x2 = BinaryForm::from_i64(&[1, 0, 0]).unwrap();
    let xy = BinaryForm::from_i64(&[0, 1, 0]).unwrap();
    assert!(resultant(&x2, &xy).unwrap().is_zero());
    // ... but the dehomogenisations 1 and y have resultant 1
    assert_eq!(
        resultant(&x2.dehomogenize(), &xy.dehomogenize()).unwrap(),
        BigInt::one()
    );
}

#[test]
fn sylvester_layout_rows_of_f_first() {
    // f = 2x^2 + 3x + 5, g = 7x + 11: rows (2 3 5), (7 11 0), (0 7 11)
    let f = UPoly::from_i64(&[5, 3, 2]);
    let g = UPoly::from_i64(&[11, 7]);
    let s = sylvester_matrix(&f, &g).unwrap();
    let rows: Vec<Vec<i64>> = s
        .to_rows()
        .iter()
        .map(|r| r.iter().map(|x| i64::try_from(x).unwrap()).collect())
        .collect();
    assert_eq!(rows, vec![vec![2, 3, 5], vec![7, 11, 0], vec![0, 7, 11]]);
    // Res = 2*121 - 3*77 + 5*49 = 256
    assert_eq!(resultant(&f, &g).unwrap(), BigInt::from(256));
}

#[test]
fn symbolic_resultant_has_expected_size() {
    // generic (5,5): 1696 terms (Macaulay2 count quoted in the issue)
    let f = UPoly::new((0..6).map(|i| MPoly::<BigInt>::var(i).unwrap()).collect());
    let g = UPoly::new((6..12).map(|i| MPoly::<BigInt>::var(i).unwrap()).collect());
    let r = resultant(&f, &g).unwrap();
    assert_eq!(r.num_terms(), 1696);
    assert!(r.is_homogeneous());
}
