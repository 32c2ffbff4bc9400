//! Real factorization: `Architecture::factorize_real` and `Neurovariety::contains_real`.
//!
//! Every expected value comes from an independent source: the composition
//! `compose` (not the factorizer) for random layers, and hand computations,
//! explained next to each case, for the fixed filters.

use neurovariety::architecture::compose;
use neurovariety::proptest::architectures;
use neurovariety::Tolerance;
use neurovariety::{Architecture, Error};
use proptest::prelude::*;

fn arch(k: &[usize], s: &[usize]) -> Architecture {
    Architecture::new(k, s).unwrap()
}

fn tol(t: f64) -> Tolerance {
    Tolerance::new(t).unwrap()
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
}

/// `max |compose(layers) - w| / max |w|`, after checking the layer lengths.
fn relative_error(a: &Architecture, layers: &[Vec<f64>], w: &[f64]) -> f64 {
    assert_eq!(layers.len(), a.num_layers());
    for (layer, &k) in layers.iter().zip(a.filter_sizes()) {
        assert_eq!(layer.len(), k);
    }
    let back = compose(a, layers).unwrap();
    let diff = back
        .iter()
        .zip(w)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0f64, f64::max);
    diff / max_abs(w)
}

/// `true` if `v` is a non-zero multiple of `u` (up to relative `eps`).
fn proportional(u: &[f64], v: &[f64], eps: f64) -> bool {
    let s = v.iter().zip(u).map(|(a, b)| a * b).sum::<f64>() / u.iter().map(|b| b * b).sum::<f64>();
    s != 0.0
        && v.iter()
            .zip(u)
            .all(|(a, b)| (a - s * b).abs() <= eps * max_abs(v))
}

fn is_no_real(e: &Error) -> bool {
    matches!(e, Error::NoFactorization { field: "real", .. })
}

#[test]
fn sum_of_squares_is_not_two_real_linear_layers() {
    // (2,2)/(1): w = mu(a, b) = (a0 x + a1 y)(b0 x + b1 y), every binary quadratic
    // over C. x^2 + y^2 = (x + iy)(x - iy) has no real root, so it is not a
    // product of two real linear forms: in V, not in M.
    let a = arch(&[2, 2], &[1, 1]);
    let w = [1.0, 0.0, 1.0];
    let err = a.factorize_real(&w, tol(1e-9)).unwrap_err();
    assert!(is_no_real(&err), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("real roots"), "{text}");
    assert!(!a.neurovariety().contains_real(&w, tol(1e-9)).unwrap());
    assert!(!a.neurovariety().contains_real(&w, tol(1e-6)).unwrap());
}

#[test]
fn product_of_real_linear_forms_is_found() {
    // (x + y)(x - 2y) = x^2 - xy - 2y^2. The layer roots y/x = -a0/a1 must be
    // the roots of 1 - y - 2y^2 = -(2y - 1)(y + 1): {-1, 1/2} (by hand).
    let a = arch(&[2, 2], &[1, 1]);
    let w = [1.0, -1.0, -2.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    let mut roots: Vec<f64> = layers.iter().map(|l| -l[0] / l[1]).collect();
    roots.sort_by(f64::total_cmp);
    assert!(
        (roots[0] + 1.0).abs() < 1e-9 && (roots[1] - 0.5).abs() < 1e-9,
        "{roots:?}"
    );
    assert!(a.neurovariety().contains_real(&w, tol(1e-9)).unwrap());
}

#[test]
fn double_real_root_is_on_the_boundary_and_in_m() {
    // (x - y)^2 = x^2 - 2xy + y^2: a double real root (computed as a cluster of
    // two nearly real roots); it is mu((1, -1), (1, -1)).
    let a = arch(&[2, 2], &[1, 1]);
    let w = [1.0, -2.0, 1.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    assert!(proportional(&[1.0, -1.0], &layers[0], 1e-6));
    assert!(proportional(&[1.0, -1.0], &layers[1], 1e-6));
}

#[test]
fn multiple_real_root_as_many_linear_layers() {
    // (x - y)^8 = sum_i C(8, i) (-1)^i x^{8-i} y^i, binomials by hand; it is
    // mu((1, -1), ..., (1, -1)) for eight layers of size 2 joined by stride 1.
    // The 8-fold root y = 1 is computed as a cluster of radius about
    // eps^{1/8} ~ 0.01 and must be recognised as real.
    let a = arch(&[2; 8], &[1; 8]);
    let w = [1.0, -8.0, 28.0, -56.0, 70.0, -56.0, 28.0, -8.0, 1.0];
    let layers = a.factorize_real(&w, tol(1e-6)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-6);
    for layer in &layers {
        assert!(proportional(&[1.0, -1.0], layer, 1e-3), "{layers:?}");
    }
    // (x^2 + y^2)^4 has no real root: not a product of eight real linear forms
    let w = [1.0, 0.0, 4.0, 0.0, 6.0, 0.0, 4.0, 0.0, 1.0];
    assert!(is_no_real(&a.factorize_real(&w, tol(1e-6)).unwrap_err()));
}

#[test]
fn outside_the_complex_neurovariety() {
    // (2,2)/2: c = (a0 b0, a1 b0, a0 b1, a1 b1), so c1 c2 - c0 c3 = 0 on V.
    // x^3 + y^3: c = (1, 0, 0, 1), c1 c2 - c0 c3 = -1 != 0.
    let a = arch(&[2, 2], &[2, 1]);
    let w = [1.0, 0.0, 0.0, 1.0];
    let err = a.factorize_real(&w, tol(1e-9)).unwrap_err();
    assert!(matches!(err, Error::NotInNeurovariety { .. }), "{err:?}");
    assert!(!a.neurovariety().contains_real(&w, tol(1e-9)).unwrap());
    // a perturbed point of V: (1, 2, 3, 6) + (0, 0, 0, 0.01), c1 c2 - c0 c3 = -0.01
    let err = a
        .factorize_real(&[1.0, 2.0, 3.0, 6.01], tol(1e-9))
        .unwrap_err();
    assert!(matches!(err, Error::NotInNeurovariety { .. }), "{err:?}");
    // ... while (1, 2, 3, 6) = mu((1, 2), (1, 3)) is in M
    assert!(a
        .neurovariety()
        .contains_real(&[1.0, 2.0, 3.0, 6.0], tol(1e-9))
        .unwrap());
}

#[test]
fn square_of_sum_of_squares_over_3_2() {
    // (3,2)/2, w = mu((1, 0, 1), (1, 1)) = (x^2 + y^2) * (x^2 + y^2) = x^4 + 2x^2y^2 + y^4.
    // The roots are +-i, each double. The only 2-orbit is {i, -i}, with
    // Z = i^2 = -1 real: layer 2 must be X + Y (up to scale) and layer 1 the
    // remaining x^2 + y^2, both real.
    let a = arch(&[3, 2], &[2, 1]);
    let w = [1.0, 0.0, 2.0, 0.0, 1.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    assert!(proportional(&[1.0, 1.0], &layers[1], 1e-6), "{layers:?}");
    assert!(
        proportional(&[1.0, 0.0, 1.0], &layers[0], 1e-6),
        "{layers:?}"
    );
}

#[test]
fn x4_plus_4y4_is_in_v_but_not_in_m_for_3_2() {
    // (3,2)/2: x^4 + 4y^4 = (x^2 + 2xy + 2y^2)(x^2 - 2xy + 2y^2), roots +-1 +-i.
    // The 2-orbits (y -> -y) are {1+i, -1-i} with Z = (1+i)^2 = 2i and
    // {1-i, -1+i} with Z = -2i: so x^4 + 4y^4 = (x^2 - 2i y^2)(x^2 + 2i y^2) is in
    // V (the cubic c1 c2 c3 - c0 c3^2 - c1^2 c4 vanishes, all odd c are 0), but
    // layer 2 would be X -+ 2i Y, not real: not in M.
    let a = arch(&[3, 2], &[2, 1]);
    let w = [1.0, 0.0, 0.0, 0.0, 4.0];
    let err = a.factorize_real(&w, tol(1e-9)).unwrap_err();
    assert!(is_no_real(&err), "{err:?}");
    assert!(err.to_string().contains("conjugation"), "{err}");
    assert!(!a.neurovariety().contains_real(&w, tol(1e-9)).unwrap());
}

#[test]
fn the_search_backtracks_over_orbit_choices() {
    // (2,2,2)/(1,2): layers 1 and 2 merge (stride 1) into a quadratic that must
    // split into two real linear forms; layer 3 is a linear form in X = x^2, Y = y^2.
    // x^4 - y^4 = (x + y)(x - y)(x^2 + y^2) = mu((1, 1), (1, -1), (1, 1)). The
    // 2-orbits are {1, -1} (Z = 1) and {i, -i} (Z = -1), both real; only Z = -1
    // leaves a quadratic with real roots, so layer 3 must be X + Y.
    let a = arch(&[2, 2, 2], &[1, 2, 1]);
    let w = [1.0, 0.0, 0.0, 0.0, -1.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    assert!(proportional(&[1.0, 1.0], &layers[2], 1e-6), "{layers:?}");
    // (x^2 + y^2)(x^2 + 4y^2) = x^4 + 5x^2y^2 + 4y^4: either choice of Z in
    // {-1, -4} leaves a positive definite quadratic for layers 1 and 2. Over C it
    // factors, so it is in V but not in M.
    let w = [1.0, 0.0, 5.0, 0.0, 4.0];
    let err = a.factorize_real(&w, tol(1e-9)).unwrap_err();
    assert!(is_no_real(&err), "{err:?}");
    assert!(err.to_string().contains("layers [1, 2]"), "{err}");
}

#[test]
fn roots_at_infinity_and_zero_filter() {
    // (3,2)/2: mu((1, 1, 0), (1, 0)) = x(x + y) * x^2 = x^4 + x^3 y: c = (1, 1, 0, 0, 0),
    // three roots at infinity (two of them the orbit of layer 2's X).
    let a = arch(&[3, 2], &[2, 1]);
    let w = [1.0, 1.0, 0.0, 0.0, 0.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    // y^4 = mu((0, 0, 1), (0, 1)): roots at 0
    let w = [0.0, 0.0, 0.0, 0.0, 1.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    // the zero filter is mu(0, ...)
    let layers = a.factorize_real(&[0.0; 5], tol(1e-9)).unwrap();
    assert_eq!(compose(&a, &layers).unwrap(), vec![0.0; 5]);
}

#[test]
fn size_one_layers_and_scaling() {
    // (1,2)/(3): the first layer is a scalar, the second sits at dilation 3, so
    // V = {(c0, 0, 0, c3)}: (2, 0, 0, -6) = mu((2), (1, -3)).
    let a = arch(&[1, 2], &[3, 1]);
    let w = [2.0, 0.0, 0.0, -6.0];
    let layers = a.factorize_real(&w, tol(1e-9)).unwrap();
    assert_eq!(layers[0].len(), 1);
    assert!(relative_error(&a, &layers, &w) <= 1e-9);
    let err = a
        .factorize_real(&[1.0, 1.0, 0.0, 1.0], tol(1e-9))
        .unwrap_err();
    assert!(matches!(err, Error::NotInNeurovariety { .. }), "{err:?}");
    // only scalars: every w = (c) is mu((c), (1))
    let b = arch(&[1, 1], &[2, 1]);
    let layers = b.factorize_real(&[-3.5], tol(1e-9)).unwrap();
    assert_eq!(compose(&b, &layers).unwrap(), vec![-3.5]);
    // huge and tiny scales: (x + y)(x - 2y) times 1e200 and 1e-200
    let c = arch(&[2, 2], &[1, 1]);
    for s in [1e200, 1e-200] {
        let w = [s, -s, -2.0 * s];
        let layers = c.factorize_real(&w, tol(1e-9)).unwrap();
        assert!(relative_error(&c, &layers, &w) <= 1e-9);
    }
}

#[test]
fn input_errors() {
    let a = arch(&[2, 2], &[1, 1]);
    assert_eq!(
        a.factorize_real(&[1.0, f64::NAN, 1.0], tol(1e-9)),
        Err(Error::NonFinite {
            index: 1,
            value: "NaN".into()
        })
    );
    assert!(matches!(
        a.neurovariety()
            .contains_real(&[1.0, 2.0, f64::INFINITY], tol(1e-9)),
        Err(Error::NonFinite { index: 2, .. })
    ));
    assert_eq!(
        a.factorize_real(&[1.0, 2.0], tol(1e-9)),
        Err(Error::LengthMismatch {
            what: "end-to-end filter length",
            expected: 3,
            found: 2
        })
    );
    assert!(matches!(
        a.neurovariety().contains_real(&[], tol(1e-9)),
        Err(Error::LengthMismatch { .. })
    ));
}

/// Random layer filters, weights uniform in `[-2, -0.1] u [0.1, 2]`.
fn layers_for(a: &Architecture) -> impl Strategy<Value = Vec<Vec<f64>>> {
    let weight = (0.1f64..2.0, any::<bool>()).prop_map(|(m, neg)| if neg { -m } else { m });
    a.filter_sizes()
        .iter()
        .map(|&k| proptest::collection::vec(weight.clone(), k))
        .collect::<Vec<_>>()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_real_layers_are_refactorized(
        (a, layers) in architectures(1..=4, 1..=5, 1..=3).prop_flat_map(|a| {
            let l = layers_for(&a);
            (Just(a), l)
        })
    ) {
        let w = compose(&a, &layers).unwrap();
        let found = a.factorize_real(&w, tol(1e-6));
        prop_assert!(found.is_ok(), "{a}: {found:?}");
        prop_assert!(relative_error(&a, &found.unwrap(), &w) <= 1e-6);
    }

    #[test]
    fn noisy_filters_near_m_are_refactorized(
        (a, layers, noise) in architectures(1..=4, 1..=5, 1..=3).prop_flat_map(|a| {
            let l = layers_for(&a);
            let n = proptest::collection::vec(-1.0f64..1.0, a.end_to_end_filter_size());
            (Just(a), l, n)
        })
    ) {
        // w is off V by a relative 1e-9; the generating layers compose to it within
        // 1e-9 * max|w|, so a factorization within tol = 1e-6 exists.
        let mut w = compose(&a, &layers).unwrap();
        let m = max_abs(&w);
        for (x, e) in w.iter_mut().zip(&noise) {
            *x += 1e-9 * m * e;
        }
        let found = a.factorize_real(&w, tol(1e-6));
        prop_assert!(found.is_ok(), "{a}: {found:?}");
        prop_assert!(relative_error(&a, &found.unwrap(), &w) <= 1e-6);
    }
}
