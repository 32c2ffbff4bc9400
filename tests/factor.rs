//! Factorization over Q, numeric roots and real splitting of binary forms.

use neurovariety::poly::{
    complex_roots, factor_form, factor_integer, factor_rational, split_form_by_degrees,
    split_form_by_degrees_rational, split_real_form_by_degrees, square_free_decomposition,
    BinaryForm, UPoly,
};
use neurovariety::{Error, Tolerance};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;

fn up(c: &[i64]) -> UPoly<BigInt> {
    UPoly::from_i64(c)
}

fn form(c: &[i64]) -> BinaryForm<BigInt> {
    BinaryForm::from_i64(c).unwrap()
}

fn pow(p: &UPoly<BigInt>, e: usize) -> UPoly<BigInt> {
    (0..e).fold(up(&[1]), |acc, _| &acc * p)
}

fn product(fs: &[BinaryForm<BigInt>]) -> BinaryForm<BigInt> {
    fs.iter().fold(form(&[1]), |acc, f| &acc * f)
}

/// `true` if `a = c b` for some non-zero rational `c` (both non-zero).
fn proportional(a: &BinaryForm<BigInt>, b: &BinaryForm<BigInt>) -> bool {
    if a.degree() != b.degree() || a.is_zero() || b.is_zero() {
        return false;
    }
    let (ac, bc) = (a.coeffs(), b.coeffs());
    (0..ac.len()).all(|i| (0..ac.len()).all(|j| &ac[i] * &bc[j] == &ac[j] * &bc[i]))
}

/// Independent irreducibility check for primitive polynomials of degree <= 3:
/// irreducible over Q iff no rational root `r/s` with `r | a_0`, `s | a_n`.
fn has_rational_root(p: &UPoly<BigInt>) -> bool {
    let a0 = p.coeff(0).abs();
    if a0.is_zero() {
        return true;
    }
    let an = p.leading_coeff().unwrap().abs();
    let divisors = |n: &BigInt| -> Vec<BigInt> {
        let mut out = Vec::new();
        let mut d = BigInt::one();
        while &d * &d <= *n {
            if (n % &d).is_zero() {
                out.push(d.clone());
                out.push(n / &d);
            }
            d += 1;
        }
        out
    };
    for r in divisors(&a0) {
        for s in divisors(&an) {
            if !r.gcd(&s).is_one() {
                continue;
            }
            for r in [r.clone(), -r.clone()] {
                // s^n p(r/s) = sum a_i r^i s^{n-i}
                let n = p.degree().unwrap();
                let v: BigInt = p
                    .coeffs()
                    .iter()
                    .enumerate()
                    .map(|(i, a)| a * r.pow(i as u32) * s.pow((n - i) as u32))
                    .sum();
                if v.is_zero() {
                    return true;
                }
            }
        }
    }
    false
}

#[test]
fn known_product_is_recovered_exactly() {
    let x2p1 = up(&[1, 0, 1]);
    let xm3 = up(&[-3, 1]);
    let two_x_p1 = up(&[1, 2]);
    let sd = up(&[1, 0, -10, 0, 1]);
    let p = &(&(&x2p1 * &pow(&xm3, 2)) * &two_x_p1) * &sd;
    let fac = factor_integer(&p).unwrap();
    assert_eq!(fac.unit, BigInt::one());
    let mut want = vec![(xm3, 2), (two_x_p1, 1), (x2p1, 1), (sd, 1)];
    want.sort_by(|(a, _), (b, _)| {
        a.degree()
            .cmp(&b.degree())
            .then_with(|| a.coeffs().cmp(b.coeffs()))
    });
    assert_eq!(fac.factors, want);
    assert_eq!(fac.expand(), p);
    // with a content and a negative sign
    let q = p.scale(&BigInt::from(-6));
    let fac = factor_integer(&q).unwrap();
    assert_eq!(fac.unit, BigInt::from(-6));
    assert_eq!(fac.factors, want);
}

#[test]
fn swinnerton_dyer_polynomials_are_irreducible() {
    // sqrt 2 + sqrt 3
    let f = up(&[1, 0, -10, 0, 1]);
    assert_eq!(factor_integer(&f).unwrap().factors, vec![(f.clone(), 1)]);
    // sqrt 2 + sqrt 3 + sqrt 5: degree 8, splits into factors of degree <= 2 mod every prime
    let g = up(&[576, 0, -960, 0, 352, 0, -40, 0, 1]);
    assert_eq!(factor_integer(&g).unwrap().factors, vec![(g.clone(), 1)]);
    // and their product factors into exactly these two
    let fac = factor_integer(&(&f * &g)).unwrap();
    assert_eq!(fac.factors, vec![(f, 1), (g, 1)]);
}

#[test]
fn x8_minus_1() {
    let f = up(&[-1, 0, 0, 0, 0, 0, 0, 0, 1]);
    let fac = factor_integer(&f).unwrap();
    assert_eq!(
        fac.factors,
        vec![
            (up(&[-1, 1]), 1),
            (up(&[1, 1]), 1),
            (up(&[1, 0, 1]), 1),
            (up(&[1, 0, 0, 0, 1]), 1)
        ]
    );
}

#[test]
fn cyclotomic_x60_minus_1() {
    // x^60 - 1 is the product of the 12 cyclotomic polynomials Phi_d, d | 60
    let mut c = vec![0i64; 61];
    c[0] = -1;
    c[60] = 1;
    let f = up(&c);
    let fac = factor_integer(&f).unwrap();
    assert_eq!(fac.factors.len(), 12);
    let mut degs: Vec<usize> = fac
        .factors
        .iter()
        .map(|(g, _)| g.degree().unwrap())
        .collect();
    degs.sort_unstable();
    // phi(d) for d in 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60
    assert_eq!(degs, vec![1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16]);
    assert_eq!(fac.expand(), f);
}

#[test]
fn zero_constant_and_linear() {
    assert!(matches!(
        factor_integer(&UPoly::zero()),
        Err(Error::InvalidArgument { .. })
    ));
    let c = factor_integer(&up(&[-7])).unwrap();
    assert_eq!(c.unit, BigInt::from(-7));
    assert!(c.factors.is_empty());
    let l = factor_integer(&up(&[4, -6])).unwrap();
    assert_eq!(l.unit, BigInt::from(-2));
    assert_eq!(l.factors, vec![(up(&[-2, 3]), 1)]);
    // y^3 (y + 1): factor y split off
    let m = factor_integer(&up(&[0, 0, 0, 1, 1])).unwrap();
    assert_eq!(m.factors, vec![(up(&[0, 1]), 3), (up(&[1, 1]), 1)]);
}

#[test]
fn large_coefficients_and_degree() {
    // (y - 10^20)(3 y^2 + 5)(y^5 - y - 1)^2 (y^12 + 3 y^3 + 3), the last Eisenstein at 3
    let big = BigInt::from(10).pow(20);
    let a = UPoly::new(vec![-big, BigInt::one()]);
    let b = up(&[5, 0, 3]);
    let c = up(&[-1, -1, 0, 0, 0, 1]);
    let mut dc = vec![0i64; 13];
    dc[0] = 3;
    dc[3] = 3;
    dc[12] = 1;
    let d = up(&dc);
    let p = &(&(&a * &b) * &pow(&c, 2)) * &d;
    let fac = factor_integer(&p).unwrap();
    assert_eq!(fac.factors, vec![(a, 1), (b, 1), (c, 2), (d, 1)]);
    // y^12 + 7 y^3 - 2 is not irreducible: with z = y^3 it is (z + 2)(z^3 - 2 z^2 + 4 z - 1)
    let mut ec = vec![0i64; 13];
    ec[0] = -2;
    ec[3] = 7;
    ec[12] = 1;
    let e = factor_integer(&up(&ec)).unwrap();
    assert_eq!(
        e.factors,
        vec![
            (up(&[2, 0, 0, 1]), 1),
            (up(&[-1, 0, 0, 4, 0, 0, -2, 0, 0, 1]), 1)
        ]
    );
}

#[test]
fn square_free_parts() {
    // (y - 1)^3 (y + 1)^2 (y^2 + 2)
    let p = &(&pow(&up(&[-1, 1]), 3) * &pow(&up(&[1, 1]), 2)) * &up(&[2, 0, 1]);
    let sf = square_free_decomposition(&p);
    assert_eq!(
        sf,
        vec![(up(&[2, 0, 1]), 1), (up(&[1, 1]), 2), (up(&[-1, 1]), 3)]
    );
    assert!(square_free_decomposition(&up(&[5])).is_empty());
}

#[test]
fn rational_factorization() {
    let q = |n: i64, d: i64| BigRational::new(n.into(), d.into());
    // (2/3) y^2 - 2/3 * 1/4 = (2/3)(y - 1/2)(y + 1/2)
    let p = UPoly::new(vec![q(-1, 6), q(0, 1), q(2, 3)]);
    let (c, fs) = factor_rational(&p).unwrap();
    assert_eq!(c, q(2, 3));
    assert_eq!(
        fs,
        vec![
            (UPoly::new(vec![q(-1, 2), q(1, 1)]), 1),
            (UPoly::new(vec![q(1, 2), q(1, 1)]), 1)
        ]
    );
    assert!(factor_rational(&UPoly::zero()).is_err());
}

#[test]
fn forms_with_roots_at_infinity() {
    // x^2 (y^2 + x^2) = coefficients of x^4 .. y^4: [1, 0, 1, 0, 0]
    let f = form(&[1, 0, 1, 0, 0]);
    let fac = factor_form(&f).unwrap();
    assert_eq!(fac.factors, vec![(form(&[1, 0]), 2), (form(&[1, 0, 1]), 1)]);
    assert_eq!(fac.expand(), f);
    assert_eq!(fac.degrees(), vec![1, 1, 2]);
    let parts = split_form_by_degrees(&f, &[1, 3]).unwrap();
    assert_eq!(parts[0], form(&[1, 0]));
    assert!(proportional(&product(&parts), &f));
    let parts = split_form_by_degrees(&f, &[2, 2]).unwrap();
    assert_eq!(
        parts.iter().map(|g| g.degree()).collect::<Vec<_>>(),
        vec![2, 2]
    );
    assert!(proportional(&product(&parts), &f));
    assert!(split_form_by_degrees(&f, &[1, 1, 1, 1]).is_err());
    // x^3 alone
    let x3 = form(&[2, 0, 0, 0]);
    let parts = split_form_by_degrees(&x3, &[1, 2]).unwrap();
    assert_eq!(parts, vec![form(&[1, 0]), form(&[1, 0, 0])]);
}

#[test]
fn impossible_rational_split() {
    let f = &form(&[1, 0, 1]) * &form(&[1, 0, 2]);
    match split_form_by_degrees(&f, &[1, 3]) {
        Err(Error::NoFactorization { field, reason }) => {
            assert_eq!(field, "rational");
            assert!(reason.contains("[2, 2]"), "{reason}");
            assert!(reason.contains("[1, 3]"), "{reason}");
        }
        other => panic!("expected NoFactorization, got {other:?}"),
    }
    let parts = split_form_by_degrees(&f, &[2, 2]).unwrap();
    assert!(proportional(&product(&parts), &f));
    // degrees not summing to the degree
    assert!(matches!(
        split_form_by_degrees(&f, &[1, 2]),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(split_form_by_degrees(&f, &[]).is_err());
}

#[test]
fn zero_form_split_convention() {
    let z = BinaryForm::<BigInt>::zero(4).unwrap();
    let parts = split_form_by_degrees(&z, &[1, 3]).unwrap();
    assert_eq!(
        parts,
        vec![BinaryForm::zero(1).unwrap(), form(&[1, 0, 0, 0])]
    );
    assert_eq!(product(&parts), z);
    assert!(factor_form(&z).is_err());
}

#[test]
fn degree_zero_bins() {
    let f = &form(&[1, 1]) * &form(&[3, 0, 1]);
    let parts = split_form_by_degrees(&f, &[0, 3, 0]).unwrap();
    assert_eq!(parts[0], form(&[1]));
    assert_eq!(parts[2], form(&[1]));
    assert!(proportional(&parts[1], &f));
}

#[test]
fn rational_split_is_exact() {
    let q = |n: i64, d: i64| BigRational::new(n.into(), d.into());
    // (1/2)(x + y)(x - 3 y)(x^2 + y^2)
    let g = &(&(&form(&[1, 1]) * &form(&[1, -3])) * &form(&[1, 0, 1]));
    let f = BinaryForm::new(
        g.coeffs()
            .iter()
            .map(|c| BigRational::new(c.clone(), 2.into()))
            .collect(),
    )
    .unwrap();
    let parts = split_form_by_degrees_rational(&f, &[2, 2]).unwrap();
    let prod = parts
        .iter()
        .skip(1)
        .fold(parts[0].clone(), |acc, h| &acc * h);
    assert_eq!(prod, f);
    let parts = split_form_by_degrees_rational(&f, &[1, 1, 2]).unwrap();
    let prod = parts
        .iter()
        .skip(1)
        .fold(parts[0].clone(), |acc, h| &acc * h);
    assert_eq!(prod, f);
    assert_eq!(parts[2].coeffs()[1], q(0, 1));
    assert!(split_form_by_degrees_rational(&f, &[1, 3]).is_ok());
    assert!(split_form_by_degrees_rational(&f, &[3, 1]).is_ok());
    let sq = BinaryForm::new(vec![q(1, 3), q(0, 1), q(1, 3)]).unwrap();
    assert!(split_form_by_degrees_rational(&sq, &[1, 1]).is_err());
}

// ---------------------------------------------------------------------------
// numeric roots and real splitting

fn tol(t: f64) -> Tolerance {
    Tolerance::new(t).unwrap()
}

fn fmul(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut v = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    v
}

fn binom(n: usize, k: usize) -> f64 {
    (0..k).fold(1.0, |acc, i| acc * (n - i) as f64 / (i + 1) as f64)
}

fn rel_err(parts: &[Vec<f64>], target: &[f64]) -> f64 {
    let prod = parts.iter().fold(vec![1.0], |acc, f| fmul(&acc, f));
    assert_eq!(prod.len(), target.len());
    let scale = target.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    prod.iter()
        .zip(target)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max)
        / scale
}

#[test]
fn tolerance_validation() {
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            Tolerance::new(bad),
            Err(Error::InvalidTolerance { .. })
        ));
    }
    assert_eq!(tol(0.5).value(), 0.5);
}

#[test]
fn roots_nonfinite_and_zero() {
    assert_eq!(
        complex_roots(&[1.0, f64::NAN, 1.0]),
        Err(Error::NonFinite {
            index: 1,
            value: "NaN".into()
        })
    );
    assert!(matches!(
        complex_roots(&[1.0, f64::INFINITY]),
        Err(Error::NonFinite { index: 1, .. })
    ));
    assert!(complex_roots(&[]).is_err());
    assert!(complex_roots(&[0.0, 0.0]).is_err());
    assert!(complex_roots(&[3.0]).unwrap().is_empty());
    let r = complex_roots(&[0.0, 0.0, 2.0, 2.0]).unwrap(); // 2 y^2 (y + 1)
    assert_eq!(r.len(), 3);
    assert!(matches!(
        split_real_form_by_degrees(&[1.0, f64::NAN], &[1], tol(1e-9)),
        Err(Error::NonFinite { index: 1, .. })
    ));
}

#[test]
fn roots_of_unity_and_wilkinson() {
    // y^40 - 1
    let mut c = vec![0.0; 41];
    c[0] = -1.0;
    c[40] = 1.0;
    let r = complex_roots(&c).unwrap();
    assert_eq!(r.len(), 40);
    for z in &r {
        assert!((z.norm() - 1.0).abs() < 1e-12, "{z}");
        assert!((z.powu(40) - 1.0).norm() < 1e-10);
    }
    // distinct: every k-th root of unity is hit once
    let mut ks: Vec<i64> = r
        .iter()
        .map(|z| (z.arg() / std::f64::consts::TAU * 40.0).round() as i64)
        .map(|k| k.rem_euclid(40))
        .collect();
    ks.sort_unstable();
    assert_eq!(ks, (0..40).collect::<Vec<_>>());
    // Wilkinson-like: (y - 1)...(y - 12)
    let w = (1..=12).fold(vec![1.0], |acc, k| fmul(&acc, &[-(k as f64), 1.0]));
    let mut r = complex_roots(&w).unwrap();
    r.sort_by(|a, b| a.re.total_cmp(&b.re));
    for (k, z) in r.iter().enumerate() {
        assert!(
            (z.re - (k + 1) as f64).abs() < 1e-6 && z.im.abs() < 1e-6,
            "{z}"
        );
    }
}

#[test]
fn clustered_roots() {
    // (y - 1)^4 (y + 2): the quadruple root is found to about eps^(1/4)
    let c = [2.0, -7.0, 8.0, -2.0, -2.0, 1.0];
    let check = fmul(
        &fmul(
            &fmul(&fmul(&[-1.0, 1.0], &[-1.0, 1.0]), &[-1.0, 1.0]),
            &[-1.0, 1.0],
        ),
        &[2.0, 1.0],
    );
    assert_eq!(check, c.to_vec());
    let r = complex_roots(&c).unwrap();
    let near1 = r.iter().filter(|z| (*z - 1.0).norm() < 1e-3).count();
    assert_eq!(near1, 4);
    assert!(r.iter().any(|z| (*z + 2.0).norm() < 1e-10));
    let parts = split_real_form_by_degrees(&c, &[1, 1, 1, 1, 1], tol(1e-3)).unwrap();
    assert!(rel_err(&parts, &c) <= 1e-3);
}

#[test]
fn positive_definite_quadratic() {
    let q = [1.0, 0.0, 1.0];
    match split_real_form_by_degrees(&q, &[1, 1], tol(1e-9)) {
        Err(Error::NoFactorization { field, reason }) => {
            assert_eq!(field, "real");
            assert!(reason.contains("1 pair"), "{reason}");
            assert!(reason.contains("0 real roots"), "{reason}");
            assert!(reason.contains("[1, 1]"), "{reason}");
        }
        other => panic!("expected NoFactorization, got {other:?}"),
    }
    let parts = split_real_form_by_degrees(&q, &[2], tol(1e-9)).unwrap();
    assert_eq!(parts.len(), 1);
    assert!(rel_err(&parts, &q) <= 1e-12);
    // LengthMismatch
    assert!(matches!(
        split_real_form_by_degrees(&q, &[1], tol(1e-9)),
        Err(Error::LengthMismatch { .. })
    ));
}

#[test]
fn multiple_roots_real_split() {
    let t = tol(1e-9);
    // (x - y)^2: the double root is computed as a nearly real pair
    let f = [1.0, -2.0, 1.0];
    let parts = split_real_form_by_degrees(&f, &[1, 1], t).unwrap();
    assert!(rel_err(&parts, &f) <= 1e-9);
    // (x - y)^3 (2 x + y)
    let g = fmul(
        &fmul(&fmul(&[1.0, -1.0], &[1.0, -1.0]), &[1.0, -1.0]),
        &[2.0, 1.0],
    );
    let parts = split_real_form_by_degrees(&g, &[1, 1, 1, 1], tol(1e-6)).unwrap();
    assert!(rel_err(&parts, &g) <= 1e-6);
    // (x^2 + y^2)^2: two double non-real roots
    let h = [1.0, 0.0, 2.0, 0.0, 1.0];
    let parts = split_real_form_by_degrees(&h, &[2, 2], t).unwrap();
    assert!(rel_err(&parts, &h) <= 1e-9);
    assert!(matches!(
        split_real_form_by_degrees(&h, &[1, 3], t),
        Err(Error::NoFactorization { field: "real", .. })
    ));
}

#[test]
fn binomial_filters_split_into_linear_layers() {
    // (x + y)^k: a root of multiplicity k, computed as a cluster of radius eps^(1/k)
    for k in [2usize, 4, 8, 12] {
        let f: Vec<f64> = (0..=k).map(|i| binom(k, i)).collect();
        let parts = split_real_form_by_degrees(&f, &vec![1; k], tol(1e-9)).unwrap();
        assert!(rel_err(&parts, &f) <= 1e-9, "k = {k}");
        for p in &parts[1..] {
            assert!((p[0] - p[1]).abs() < 1e-9, "{p:?}");
        }
    }
    // 4 (y - 2)(y - 1)^2 (3 y - 1)^3 into six real linear forms
    let g = [8.0, -92.0, 412.0, -904.0, 1008.0, -540.0, 108.0];
    let parts = split_real_form_by_degrees(&g, &[1; 6], tol(1e-7)).unwrap();
    assert!(rel_err(&parts, &g) <= 1e-7);
}

#[test]
fn roots_with_coinciding_initial_points() {
    // (y - 2)(y + 2)(y^2 + 2 y + 2): two edges of the Newton polygon with equal slope
    let mut r = complex_roots(&[-8.0, -8.0, -2.0, 2.0, 1.0]).unwrap();
    r.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));
    let want = [(-2.0, 0.0), (-1.0, -1.0), (-1.0, 1.0), (2.0, 0.0)];
    for (z, (re, im)) in r.iter().zip(want) {
        assert!(
            (z.re - re).abs() < 1e-12 && (z.im - im).abs() < 1e-12,
            "{z}"
        );
    }
}

#[test]
fn huge_tolerance_does_not_panic() {
    let f = [1.0, 3.0, 2.0];
    let parts = split_real_form_by_degrees(&f, &[1, 1], tol(10.0)).unwrap();
    assert_eq!(parts.len(), 2);
    let _ = split_real_form_by_degrees(&[0.0, 1.0, 0.0], &[1, 1], tol(1e3));
}

#[test]
fn real_split_with_root_at_infinity() {
    // x^2 (x^2 + y^2)(x - 2 y): coefficient vector in x^5 .. y^5 order
    let f = fmul(&fmul(&[1.0, 0.0, 0.0], &[1.0, 0.0, 1.0]), &[1.0, -2.0]);
    let t = tol(1e-9);
    let parts = split_real_form_by_degrees(&f, &[1, 2, 2], t).unwrap();
    assert!(rel_err(&parts, &f) <= 1e-9);
    let parts = split_real_form_by_degrees(&f, &[3, 2], t).unwrap();
    assert!(rel_err(&parts, &f) <= 1e-9);
    // three real roots (two at infinity, one finite): [1, 1, 1, 2] fine, [1, 1, 1, 1, 1] not
    assert!(split_real_form_by_degrees(&f, &[1, 1, 1, 2], t).is_ok());
    assert!(matches!(
        split_real_form_by_degrees(&f, &[1, 1, 1, 1, 1], t),
        Err(Error::NoFactorization { field: "real", .. })
    ));
    // the zero form
    let z = split_real_form_by_degrees(&[0.0; 4], &[2, 1], t).unwrap();
    assert_eq!(z, vec![vec![0.0; 3], vec![1.0, 0.0]]);
}

// ---------------------------------------------------------------------------
// property tests

fn small_poly(max_deg: usize) -> impl Strategy<Value = UPoly<BigInt>> {
    (1..=max_deg)
        .prop_flat_map(|d| (prop::collection::vec(-6i64..=6, d), 1i64..=4, any::<bool>()))
        .prop_map(|(mut c, lead, neg)| {
            c.push(if neg { -lead } else { lead });
            UPoly::from_i64(&c)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_products_factor_and_expand(fs in prop::collection::vec(small_poly(4), 1..5), k in -5i64..=5) {
        let k = if k == 0 { 1 } else { k };
        let p = fs.iter().fold(UPoly::from_i64(&[k]), |acc, f| &acc * f);
        let fac = factor_integer(&p).unwrap();
        prop_assert_eq!(fac.expand(), p.clone());
        // every factor: primitive, positive leading coefficient, divides p
        for (g, e) in &fac.factors {
            prop_assert!(g.degree().unwrap() >= 1);
            prop_assert!(g.leading_coeff().unwrap().is_positive());
            prop_assert!(neurovariety::poly::content(g).is_one());
            prop_assert!(p.exact_div(&pow(g, *e)).is_ok());
            // independent irreducibility check for small degrees
            if g.degree().unwrap() >= 2 && g.degree().unwrap() <= 3 {
                prop_assert!(!has_rational_root(g), "{} has a rational root", g);
            }
        }
        // at least as many irreducible factors (with multiplicity) as non-constant
        // building blocks, and every building block divides the product of the
        // factors with its multiplicity
        let nonconst = fs.iter().filter(|f| f.degree().unwrap() > 0).count();
        prop_assert!(fac.count_with_multiplicity() >= nonconst);
        let mut counted: Vec<(UPoly<BigInt>, usize)> = Vec::new();
        for f in &fs {
            let pp = neurovariety::poly::primitive_part(f);
            match counted.iter_mut().find(|(g, _)| *g == pp) {
                Some((_, e)) => *e += 1,
                None => counted.push((pp, 1)),
            }
        }
        let prod = fac.factors.iter().fold(UPoly::from_i64(&[1]), |acc, (g, e)| &acc * &pow(g, *e));
        for (g, e) in &counted {
            prop_assert!(prod.exact_div(&pow(g, *e)).is_ok());
        }
    }

    #[test]
    fn products_of_linear_factors_are_recovered(ls in prop::collection::vec((1i64..=5, -7i64..=7), 1..7)) {
        // primitive linear factors a y + b with a > 0 and gcd(a, b) = 1
        let ls: Vec<(i64, i64)> = ls.into_iter().filter(|(a, b)| a.gcd(b) == 1).collect();
        prop_assume!(!ls.is_empty());
        let p = ls.iter().fold(UPoly::from_i64(&[1]), |acc, &(a, b)| &acc * &UPoly::from_i64(&[b, a]));
        let fac = factor_integer(&p).unwrap();
        let mut want: Vec<(UPoly<BigInt>, usize)> = Vec::new();
        for &(a, b) in &ls {
            let g = UPoly::from_i64(&[b, a]);
            match want.iter_mut().find(|(h, _)| *h == g) {
                Some((_, e)) => *e += 1,
                None => want.push((g, 1)),
            }
        }
        want.sort_by(|(a, _), (b, _)| a.coeffs().cmp(b.coeffs()));
        let mut got = fac.factors.clone();
        got.sort_by(|(a, _), (b, _)| a.coeffs().cmp(b.coeffs()));
        prop_assert_eq!(got, want);
    }

    #[test]
    fn split_random_products_of_forms(fs in prop::collection::vec(small_poly(3), 1..4), xs in 0usize..3) {
        // forms of the degrees of the random polynomials, times x^xs
        let mut forms: Vec<BinaryForm<BigInt>> = fs
            .iter()
            .map(|f| BinaryForm::from_dehomogenized(f, f.degree().unwrap()).unwrap())
            .collect();
        for _ in 0..xs {
            forms.push(form(&[1, 0]));
        }
        let p = product(&forms);
        let degrees: Vec<usize> = forms.iter().map(|f| f.degree()).collect();
        let parts = split_form_by_degrees(&p, &degrees).unwrap();
        prop_assert_eq!(parts.iter().map(|g| g.degree()).collect::<Vec<_>>(), degrees.clone());
        prop_assert!(proportional(&product(&parts), &p));
        for g in &parts {
            prop_assert!(neurovariety::poly::content(&g.dehomogenize()).is_one());
        }
        // reversed order too
        let rev: Vec<usize> = degrees.iter().rev().copied().collect();
        let parts = split_form_by_degrees(&p, &rev).unwrap();
        prop_assert!(proportional(&product(&parts), &p));
        // and the exact rational version
        let pr = BinaryForm::new(p.coeffs().iter().map(|c| BigRational::new(c.clone(), 3.into())).collect()).unwrap();
        let parts = split_form_by_degrees_rational(&pr, &degrees).unwrap();
        let prod = parts.iter().skip(1).fold(parts[0].clone(), |acc, g| &acc * g);
        prop_assert_eq!(prod, pr);
    }

    #[test]
    fn real_linear_products_split(ls in prop::collection::vec((-3.0f64..3.0, -3.0f64..3.0), 3)) {
        prop_assume!(ls.iter().all(|(a, b)| a.abs() + b.abs() > 0.3));
        // distinct enough roots so that the split is well-conditioned
        let ang: Vec<f64> = ls.iter().map(|(a, b)| b.atan2(*a).rem_euclid(std::f64::consts::PI)).collect();
        for i in 0..3 {
            for j in 0..i {
                let d = (ang[i] - ang[j]).abs();
                prop_assume!(d.min(std::f64::consts::PI - d) > 0.05);
            }
        }
        let f = ls.iter().fold(vec![1.0], |acc, (a, b)| fmul(&acc, &[*a, *b]));
        let t = 1e-8;
        let parts = split_real_form_by_degrees(&f, &[1, 1, 1], tol(t)).unwrap();
        prop_assert_eq!(parts.len(), 3);
        prop_assert!(parts.iter().all(|g| g.len() == 2));
        prop_assert!(rel_err(&parts, &f) <= t);
    }
}

// ---------------------------------------------------------------------------
// van Hoeij recombination: Swinnerton-Dyer polynomials

#[path = "common/swinnerton_dyer.rs"]
mod swinnerton_dyer;
use swinnerton_dyer::{form_filter, swinnerton_dyer};

#[test]
fn swinnerton_dyer_coefficients() {
    // S_2 = x^4 - 10 x^2 + 1; S_4 checked against an independent computation
    assert_eq!(swinnerton_dyer(2), up(&[1, 0, -10, 0, 1]));
    assert_eq!(
        swinnerton_dyer(4),
        up(&[
            46225, 0, -5596840, 0, 13950764, 0, -7453176, 0, 1513334, 0, -141912, 0, 6476, 0, -136,
            0, 1
        ])
    );
}

#[test]
fn swinnerton_dyer_polynomials_of_degree_8_to_64_are_irreducible() {
    for k in 3..=6 {
        let f = swinnerton_dyer(k);
        let t = std::time::Instant::now();
        let fac = factor_integer(&f).unwrap();
        eprintln!("S_{k}: {:?}", t.elapsed());
        assert_eq!(fac.factors, vec![(f.clone(), 1)], "S_{k}");
    }
}

/// Macaulay2's `factor` (Singular's factory) on 18 polynomials with many more
/// modular factors than rational ones (`scripts/oracle/factorizations.m2`).
#[test]
fn factorizations_agree_with_macaulay2() {
    let text = std::fs::read_to_string("tests/fixtures/factorizations.json").unwrap();
    let cases: serde_json::Value = serde_json::from_str(&text).unwrap();
    let poly = |v: &serde_json::Value| -> UPoly<BigInt> {
        UPoly::new(
            v.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().parse().unwrap())
                .collect(),
        )
    };
    let cases = cases.as_array().unwrap();
    assert_eq!(cases.len(), 18);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let f = poly(&case["coefficients"]);
        let mut want: Vec<(UPoly<BigInt>, usize)> = case["factors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                (
                    poly(&g["coefficients"]),
                    g["multiplicity"].as_u64().unwrap() as usize,
                )
            })
            .collect();
        want.sort_by(|(a, _), (b, _)| {
            a.degree()
                .cmp(&b.degree())
                .then_with(|| a.coeffs().cmp(b.coeffs()))
        });
        let fac = factor_integer(&f).unwrap();
        assert_eq!(
            fac.unit,
            case["unit"].as_str().unwrap().parse::<BigInt>().unwrap(),
            "{name}"
        );
        assert_eq!(fac.factors, want, "{name}");
    }
}

// ---------------------------------------------------------------------------
// rational factorization of end-to-end filters (issue 11, defects 1 and 2)

mod end_to_end {
    use super::{form_filter, swinnerton_dyer};
    use neurovariety::architecture::{compose, FactorizeOptions, RationalFactorization};
    use neurovariety::poly::{BinaryForm, UPoly};
    use neurovariety::Architecture;
    use num_bigint::BigInt;
    use num_rational::BigRational;

    const PRIMES_TO_59: [i64; 17] = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
    ];

    /// The filter of a form: `c_i` = coefficient of `x^{k-1-i} y^i`.
    fn filter(f: &BinaryForm<BigInt>) -> Vec<BigRational> {
        f.coeffs()
            .iter()
            .map(|c| BigRational::from_integer(c.clone()))
            .collect()
    }

    /// `first * prod_p (x^4 - p y^4)` over the 17 primes up to 59 (degree 72).
    fn seventeen_primes_times(first: &[i64]) -> Vec<BigRational> {
        let mut p = BinaryForm::from_i64(first).unwrap();
        for q in PRIMES_TO_59 {
            p = &p * &BinaryForm::from_i64(&[1, 0, 0, 0, -q]).unwrap();
        }
        filter(&p)
    }

    fn arch_35_2_10() -> Architecture {
        Architecture::new(&[35, 2, 10], &[2, 2, 1]).unwrap()
    }

    /// Issue 11, defect 1: the divisor enumeration stopped after 10,000 of the
    /// binomial(18, 9) = 48620 candidates for layer 3 and claimed that no
    /// factorization exists. P factors: layer 3 takes 9 of the factors
    /// X - pY (X = x^4), layer 2 one of X - Y, X + Y (X = x^2), layer 1 the rest.
    #[test]
    fn seventeen_primes_factor_over_q() {
        let arch = arch_35_2_10();
        let w = seventeen_primes_times(&[1, 0, 0, 0, -1]);
        assert_eq!(w.len(), arch.end_to_end_filter_size());
        let t = std::time::Instant::now();
        let r = arch.factorize(&w).unwrap();
        let layers = r.layers().unwrap_or_else(|| panic!("{r}"));
        assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
        assert_eq!(
            layers.iter().map(|l| l.len()).collect::<Vec<_>>(),
            vec![35, 2, 10]
        );
        assert_eq!(compose(&arch, layers).unwrap(), w);
    }

    /// The same shape with x^4 + 4 y^4 in place of x^4 - y^4: every factor
    /// X + 4Y, X - pY at level 3 inflates to an irreducible quadratic in x^2, so
    /// layer 2 (degree 1 in x^2) cannot be rational. The point is in the
    /// complex neurovariety, so the answer is a proof of non-existence.
    #[test]
    fn no_rational_factorization_is_proved() {
        let arch = arch_35_2_10();
        let w = seventeen_primes_times(&[1, 0, 0, 0, 4]);
        assert!(arch.neurovariety().contains(&w).unwrap());
        match arch.factorize(&w).unwrap() {
            RationalFactorization::NoRationalFactorization { reason, candidates } => {
                // one candidate at level 3 (all 18 factors are one class), none fits at level 2
                assert_eq!(candidates, 1);
                assert!(
                    reason.contains("level 2 (tau = 2) needs degree 1"),
                    "{reason}"
                );
            }
            other => panic!("{other}"),
        }
        // with a budget too small to finish, it is undecided, not "none"
        let r = arch
            .factorize_with(&w, &FactorizeOptions::default().with_budget(0))
            .unwrap();
        assert_eq!(r, RationalFactorization::Undecided { budget: 0 });
    }

    #[test]
    fn a_budget_that_runs_out_is_undecided() {
        let arch = arch_35_2_10();
        let w = seventeen_primes_times(&[1, 0, 0, 0, -1]);
        let r = arch
            .factorize_with(&w, &FactorizeOptions::default().with_budget(1))
            .unwrap();
        assert_eq!(r, RationalFactorization::Undecided { budget: 1 });
        assert_eq!(
            r.to_string(),
            "undecided: search budget of 1 candidates exhausted"
        );
        // enough budget: found
        let r = arch
            .factorize_with(&w, &FactorizeOptions::default().with_budget(100))
            .unwrap();
        assert!(r.layers().is_some(), "{r}");
    }

    /// Issue 11, defect 2: (33,33)/(1,1) merges into one layer of degree 64 that
    /// must split into two rational forms of degree 32; the Swinnerton-Dyer
    /// polynomial S_6 is irreducible, so there is none. The proof needs the
    /// factorization of S_6 (32 or more modular factors for every prime).
    #[test]
    fn swinnerton_dyer_64_has_no_rational_split() {
        let arch = Architecture::new(&[33, 33], &[1, 1]).unwrap();
        // c_i = coefficient of x^{64-i} y^i: the form y^64 S_6(x / y)
        let w = form_filter(&swinnerton_dyer(6));
        let t = std::time::Instant::now();
        let r = arch.factorize(&w).unwrap();
        assert!(t.elapsed().as_secs() < 30, "{:?}", t.elapsed());
        match r {
            RationalFactorization::NoRationalFactorization { reason, .. } => {
                assert!(reason.contains("[64]"), "{reason}")
            }
            other => panic!("{other}"),
        }
        // a product of two forms of degree 32 does split
        let s5 = swinnerton_dyer(5);
        let shifted = UPoly::new(
            s5.coeffs()
                .iter()
                .enumerate()
                .map(|(i, c)| c * BigInt::from(3).pow(i as u32))
                .collect(),
        );
        let w = form_filter(&(&s5 * &shifted));
        let layers = arch.factorize(&w).unwrap().layers().unwrap().to_vec();
        assert_eq!(compose(&arch, &layers).unwrap(), w);
    }

    // -----------------------------------------------------------------------
    // the forest search against a brute-force oracle (needs the crate's
    // `proptest` strategies: `cargo test --features proptest`)

    #[cfg(feature = "proptest")]
    mod brute_force {
        use super::*;
        use neurovariety::poly::{factor_form, split_form_by_degrees};
        use neurovariety::sdecomp::invariant_divisor;
        use proptest::prelude::*;

        /// Every divisor of `g` of degree `e` built from its factorization over Q
        /// (all exponent vectors: exponential, for small cases only).
        fn divisors_of_degree(g: &BinaryForm<BigInt>, e: usize) -> Vec<BinaryForm<BigInt>> {
            let fac = if g.degree() == 0 {
                Vec::new()
            } else {
                factor_form(g).unwrap().factors
            };
            let mut out = Vec::new();
            fn rec(
                fac: &[(BinaryForm<BigInt>, usize)],
                i: usize,
                left: usize,
                acc: BinaryForm<BigInt>,
                out: &mut Vec<BinaryForm<BigInt>>,
            ) {
                if left == 0 {
                    out.push(acc);
                    return;
                }
                if i == fac.len() {
                    return;
                }
                let (f, m) = &fac[i];
                let mut acc = acc;
                for a in 0..=*m {
                    if a * f.degree() > left {
                        break;
                    }
                    rec(fac, i + 1, left - a * f.degree(), acc.clone(), out);
                    acc = &acc * f;
                }
            }
            rec(&fac, 0, e, BinaryForm::from_i64(&[1]).unwrap(), &mut out);
            out
        }

        /// Whether a rational factorization exists, by trying every rational
        /// divisor at every level (the pre-0.2 algorithm without its cap).
        fn brute_force(arch: &Architecture, q: &BinaryForm<BigInt>, level: usize) -> bool {
            let red = arch.reduced();
            if level == 0 {
                return q.degree() == 0;
            }
            let l = level - 1;
            let tau = red.dilations()[l];
            let need = red.filter_sizes()[l] - 1;
            let Some(g) = invariant_divisor(q, tau).unwrap() else {
                return false;
            };
            if g.degree() < need {
                return false;
            }
            let bins: Vec<usize> = red.groups()[l]
                .iter()
                .map(|&o| arch.filter_sizes()[o] - 1)
                .collect();
            divisors_of_degree(&g, need).into_iter().any(|f| {
                (bins.len() == 1 || split_form_by_degrees(&f, &bins).is_ok())
                    && q.exact_div(&f.inflate(tau).unwrap())
                        .is_ok_and(|rest| brute_force(arch, &rest, l))
            })
        }

        /// A form of degree `d` that is a product of small forms of degree 1 or 2
        /// at the architecture's dilations (many rational factors: many choices).
        fn structured_form(
            arch: &Architecture,
            picks: &[(usize, i64, i64, i64)],
        ) -> BinaryForm<BigInt> {
            let d = arch.end_to_end_filter_size() - 1;
            // the top dilations more often: they make the upper levels free
            let mut dil: Vec<usize> = arch.reduced().dilations().to_vec();
            dil.insert(0, 1);
            dil.extend_from_slice(&arch.reduced().dilations()[1..]);
            let mut p = BinaryForm::from_i64(&[1]).unwrap();
            let mut left = d;
            let mut it = picks.iter().cycle();
            while left > 0 {
                let &(ti, a, b, c) = it.next().unwrap();
                let t = dil[ti % dil.len()];
                let t = if t > left { 1 } else { t };
                let quad = c != 0 && 2 * t <= left;
                let f = if quad { vec![1, a, c] } else { vec![1, b] };
                let f = BinaryForm::from_i64(&f).unwrap();
                p = &p * &f.inflate(t).unwrap();
                left -= t * f.degree();
            }
            p
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            #[test]
            fn the_forest_search_agrees_with_brute_force(
                arch in neurovariety::proptest::architectures(2..=4, 1..=4, 1..=3)
                    .prop_filter("small, two levels", |a| a.end_to_end_filter_size() <= 24 && a.reduced().num_layers() >= 2),
                picks in prop::collection::vec((0usize..4, -2i64..=2, -3i64..=3, -2i64..=2), 1..8),
            ) {
                let p = structured_form(&arch, &picks);
                let w = filter(&p);
                let levels = arch.reduced().num_layers();
                let exists = brute_force(&arch, &p, levels);
                let r = arch.factorize(&w).unwrap();
                match &r {
                    RationalFactorization::Found { layers } => {
                        prop_assert!(exists, "{r} but brute force found none");
                        prop_assert_eq!(&compose(&arch, layers).unwrap(), &w);
                    }
                    RationalFactorization::NotInNeurovariety { .. } => {
                        prop_assert!(!exists);
                        prop_assert!(!arch.neurovariety().contains(&w).unwrap());
                    }
                    RationalFactorization::NoRationalFactorization { .. } => {
                        prop_assert!(!exists, "{r} but brute force found one");
                        prop_assert!(arch.neurovariety().contains(&w).unwrap());
                    }
                    other => prop_assert!(false, "{other}"),
                }
            }
        }
    }
}
