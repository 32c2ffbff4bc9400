//! The t-decomposition: bijection, the divisibility lemma, edge cases.

use neurovariety::poly::BinaryForm;
use neurovariety::proptest::integer_binary_forms;
use neurovariety::sdecomp::{
    interleave, interleave_coeffs, invariant_divisor, piece_indices, s_decomposition,
    s_decomposition_coeffs,
};
use num_bigint::BigInt;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn decompose_then_interleave_is_identity(p in integer_binary_forms(0..=12, -9..=9), t in 1usize..=15) {
        let d = s_decomposition(&p, t).unwrap();
        prop_assert_eq!(d.pieces.len(), t);
        for piece in &d.pieces {
            prop_assert!(piece.rho < t);
            prop_assert_eq!((piece.r + piece.rho) % t, p.degree() % t);
        }
        prop_assert_eq!(interleave(&d).unwrap(), p.clone());
        let c = s_decomposition_coeffs(p.coeffs(), t).unwrap();
        prop_assert_eq!(interleave_coeffs(&c, t, p.degree()).unwrap(), p.coeffs().to_vec());
    }

    /// F(x^t, y^t) divides P iff F divides every piece.
    #[test]
    fn divisibility_lemma(f in integer_binary_forms(1..=3, -5..=5), h in integer_binary_forms(0..=6, -5..=5), q in integer_binary_forms(0..=9, -5..=5), t in 1usize..=4) {
        prop_assume!(!f.is_zero());
        let ft = f.inflate(t).unwrap();
        for p in [&ft * &h, q.clone()] {
            let divides_p = p.exact_div(&ft).is_ok() || p.is_zero();
            let pieces = s_decomposition(&p, t).unwrap();
            let divides_pieces = pieces.pieces.iter().filter_map(|x| x.form.as_ref()).all(|g| g.is_zero() || g.exact_div(&f).is_ok());
            prop_assert_eq!(divides_p, divides_pieces);
            // and the largest invariant divisor is a multiple of f when f(x^t) | p
            if divides_p && !p.is_zero() {
                let g = invariant_divisor(&p, t).unwrap().unwrap();
                prop_assert!(g.exact_div(&f).is_ok());
            }
        }
    }
}

#[test]
fn worked_example_and_edge_cases() {
    // docs/mathematics.md, section 3: P of degree 3, t = 2: pieces (c1, c3) with rho_0 = 1, (c0, c2) with rho_1 = 0
    assert_eq!(piece_indices(3, 2).unwrap(), vec![vec![1, 3], vec![0, 2]]);
    // t larger than the degree: empty pieces are explicit
    let p = BinaryForm::from_i64(&[2, 3]).unwrap();
    let d = s_decomposition(&p, 5).unwrap();
    assert_eq!(d.pieces.len(), 5);
    let nonempty: Vec<usize> = d
        .pieces
        .iter()
        .filter(|x| x.form.is_some())
        .map(|x| x.r)
        .collect();
    assert_eq!(nonempty, vec![0, 1]);
    assert_eq!(d.pieces[0].rho, 1); // x^0 y^1 * (3)
    assert_eq!(
        d.pieces[0].form.as_ref().unwrap().coeffs(),
        &[BigInt::from(3)]
    );
    assert_eq!(interleave(&d).unwrap(), p);
    // the zero form has zero pieces and every invariant divisor
    let z = BinaryForm::<BigInt>::zero(4).unwrap();
    assert!(s_decomposition(&z, 2).unwrap().pieces.iter().all(|x| x
        .form
        .as_ref()
        .unwrap()
        .is_zero()));
    assert_eq!(invariant_divisor(&z, 2).unwrap(), None);
    // constants
    let c = BinaryForm::from_i64(&[7]).unwrap();
    assert_eq!(
        s_decomposition(&c, 1).unwrap().pieces[0]
            .form
            .as_ref()
            .unwrap(),
        &c
    );
    // t = 0 and absurd t are errors, not panics
    assert!(s_decomposition(&c, 0).is_err());
    assert!(s_decomposition(&c, usize::MAX).is_err());
    // forms with vanishing leading / trailing coefficients
    let q = BinaryForm::from_i64(&[0, 1, 0, 1, 0]).unwrap(); // x^3 y + x y^3
    let g = invariant_divisor(&q, 2).unwrap().unwrap();
    assert_eq!(g, BinaryForm::from_i64(&[1, 1]).unwrap()); // X + Y, the cofactor x y is not 2-invariant
}
