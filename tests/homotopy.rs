//! The numerical layer: interval enclosures contain exact results, the
//! tracker and monodromy find known roots, Krawczyk certifies true zeros and
//! rejects non-zeros, and arbitrary input gives errors, not panics.

use neurovariety::critical::{CriticalPointOptions, Loss};
use neurovariety::homotopy::{
    certify, krawczyk, monodromy_solve, track, CertifiableSystem, ComplexInterval, Evaluation,
    Interval, MonodromyOptions, ParameterHomotopy, Segment, TrackerOptions,
};
use neurovariety::proptest::architectures;
use neurovariety::{Architecture, Error};
use num_complex::Complex64;
use num_rational::BigRational;
use num_traits::ToPrimitive;
use proptest::prelude::*;

/// z^d - p (one variable, one parameter), with real coefficients.
struct Power(u32);

impl ParameterHomotopy for Power {
    fn num_variables(&self) -> usize {
        1
    }
    fn num_parameters(&self) -> usize {
        1
    }
    fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
        Evaluation {
            value: vec![z[0].powu(self.0) - p[0]],
            jacobian: vec![z[0].powu(self.0 - 1) * self.0 as f64],
            parameter_jacobian: vec![Complex64::new(-1.0, 0.0)],
        }
    }
}

impl CertifiableSystem for Power {
    fn num_variables(&self) -> usize {
        1
    }
    fn has_real_coefficients(&self) -> bool {
        true
    }
    fn evaluate_interval(
        &self,
        z: &[ComplexInterval],
    ) -> (Vec<ComplexInterval>, Vec<ComplexInterval>) {
        // z^d - 2 and d z^(d-1)
        let mut p = ComplexInterval::point(Complex64::new(1.0, 0.0));
        for _ in 0..self.0 - 1 {
            p = p * z[0];
        }
        let d = ComplexInterval::point(Complex64::new(self.0 as f64, 0.0));
        let two = ComplexInterval::point(Complex64::new(2.0, 0.0));
        (vec![p * z[0] - two], vec![d * p])
    }
}

fn rat(n: i64, d: i64) -> BigRational {
    BigRational::new(n.into(), d.into())
}

fn encloses(i: &Interval, q: &BigRational) -> bool {
    BigRational::from_float(i.lo()).unwrap() <= *q && BigRational::from_float(i.hi()).unwrap() >= *q
}

proptest! {
    /// Inclusion: the interval result of + - * on enclosures of exact rationals
    /// encloses the exact result.
    #[test]
    fn interval_arithmetic_encloses_exact_results(
        a in (-10i64.pow(12)..10i64.pow(12), 1i64..10i64.pow(9)),
        b in (-10i64.pow(12)..10i64.pow(12), 1i64..10i64.pow(9)),
    ) {
        let (qa, qb) = (rat(a.0, a.1), rat(b.0, b.1));
        let (ia, ib) = (Interval::from_rational(&qa), Interval::from_rational(&qb));
        prop_assert!(encloses(&ia, &qa) && encloses(&ib, &qb));
        prop_assert!(encloses(&(ia + ib), &(&qa + &qb)));
        prop_assert!(encloses(&(ia - ib), &(&qa - &qb)));
        prop_assert!(encloses(&(ia * ib), &(&qa * &qb)));
        prop_assert!(encloses(&(ia * ia * ib - ib), &(&qa * &qa * &qb - &qb)));
    }

    /// Krawczyk never certifies a box without a zero: the boxes it returns for
    /// z^3 = 2 always contain a cube root of 2.
    #[test]
    fn krawczyk_never_certifies_a_non_zero(re in -3.0f64..3.0, im in -3.0f64..3.0, r in 1e-9f64..1.0) {
        if let Some(b) = krawczyk(&Power(3), &[Complex64::new(re, im)], &[r]) {
            let roots = (0..3).map(|j| Complex64::from_polar(2f64.cbrt(), std::f64::consts::TAU * j as f64 / 3.0));
            let inside = roots.filter(|z| b[0].re.contains(z.re) && b[0].im.contains(z.im)).count();
            prop_assert_eq!(inside, 1);
        }
    }

    /// Arbitrary floats (NaN, infinities) into the public API: errors, never panics.
    #[test]
    fn arbitrary_floats_are_errors_not_panics(x in proptest::num::f64::ANY, y in proptest::num::f64::ANY) {
        let z = Complex64::new(x, y);
        let seg = Segment::new(vec![z], vec![Complex64::new(1.0, 0.0)], Complex64::new(0.6, 0.8));
        if !(x.is_finite() && y.is_finite()) {
            prop_assert!(seg.is_err());
        }
        let _ = certify(&Power(2), &[z]);
        let _ = krawczyk(&Power(2), &[z], &[x.abs()]);
        if let Ok(seg) = seg {
            let _ = track(&Power(2), &seg, &[Complex64::new(1.0, 0.0)], &TrackerOptions::default());
        }
        let _ = Segment::new(vec![z], vec![z], z);
        let _ = Interval::new(x, y);
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Small random architectures (size-1 layers, stride-1 merges, strides
    /// larger than filters): the count is reached and every solution certified.
    #[test]
    fn small_architectures_are_solved_completely(
        arch in architectures(1..=3, 1..=3, 1..=3)
            .prop_filter("small count", |a| a.critical_point_count().unwrap().to_u64().unwrap() <= 40),
        seed in 1u64..1000,
        target in proptest::collection::vec(1i64..1_000_000, 32),
    ) {
        // `Loss::random` draws its target from [-9, 9]: one case in a hundred
        // or so is special (seed 107 on (3,3)/(1,1) gives a target with a
        // double root, where only 35 of the 39 critical points stay distinct),
        // so the target here is drawn from a range where special data has
        // probability about 1e-6 per case.
        let k = arch.end_to_end_filter_size();
        let base = Loss::random(&arch, seed);
        let u = target[..k].iter().map(|&t| BigRational::from_integer(t.into())).collect();
        let loss = Loss::from_quadratic(base.form().clone(), u).unwrap();
        let r = arch
            .critical_points(&loss, &CriticalPointOptions::default().with_seed(seed))
            .unwrap();
        prop_assert!(r.is_complete(), "{}: {} of {}", arch, r.certified(), r.expected());
        prop_assert_eq!(r.found(), r.expected());
        // realness: a certified real point has a real end-to-end filter and real loss
        for p in r.real() {
            prop_assert!(p.end_to_end().iter().all(|c| c.im == 0.0) && p.loss().im == 0.0);
            prop_assert!(p.hessian_index().is_some());
        }
    }
}

#[test]
fn tracker_monodromy_and_certificates_on_known_roots() {
    let one = Complex64::new(1.0, 0.0);
    // the path z^2 = p from p = 1 to p = 4 (gamma trick) ends at +-2
    let seg = Segment::new(vec![one], vec![one * 4.0], Complex64::new(0.6, 0.8)).unwrap();
    let z = track(&Power(2), &seg, &[one], &TrackerOptions::default()).unwrap();
    assert!((z[0].norm() - 2.0).abs() < 1e-12);
    // monodromy over p finds the five fifth roots of 2
    let p = Complex64::new(2.0, 0.0);
    let r = monodromy_solve(
        &Power(5),
        &[p],
        vec![vec![Complex64::new(2f64.powf(0.2), 0.0)]],
        Some(5),
        &MonodromyOptions::default(),
    )
    .unwrap();
    assert_eq!(r.solutions.len(), 5);
    let certs: Vec<_> = r
        .solutions
        .iter()
        .map(|z| certify(&Power(5), z).unwrap())
        .collect();
    for (i, a) in certs.iter().enumerate() {
        for b in &certs[i + 1..] {
            assert!(a.is_disjoint_from(b));
        }
    }
    // exactly one real fifth root of 2
    assert_eq!(certs.iter().filter(|c| c.real == Some(true)).count(), 1);
    assert_eq!(certs.iter().filter(|c| c.real == Some(false)).count(), 4);
    // errors, not panics
    assert!(matches!(
        monodromy_solve(&Power(2), &[p], vec![], None, &MonodromyOptions::default()),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        monodromy_solve(
            &Power(2),
            &[p, p],
            vec![vec![one]],
            None,
            &MonodromyOptions::default()
        ),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        track(&Power(2), &seg, &[one, one], &TrackerOptions::default()),
        Err(Error::LengthMismatch { .. })
    ));
    let bad = TrackerOptions::default().with_min_step(2.0);
    assert!(matches!(
        track(&Power(2), &seg, &[one], &bad),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(Segment::new(vec![one], vec![one], Complex64::new(-1.0, 0.0)).is_err());
    // bad solver options are errors up front, not silently failed paths
    let arch22 = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    let mut o = CriticalPointOptions::default();
    o.monodromy.tracker.max_step = f64::NAN;
    assert!(matches!(
        arch22.critical_points(&Loss::random(&arch22, 1), &o),
        Err(Error::InvalidArgument { .. })
    ));
    let o = CriticalPointOptions::default().with_threads(0);
    assert!(arch22
        .critical_points(&Loss::random(&arch22, 1), &o)
        .is_err());
    // a critical-point run with a loss of the wrong dimension is an error
    let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    let other = Architecture::new(&[3], &[1]).unwrap();
    assert!(matches!(
        arch.critical_points(&Loss::random(&other, 1), &CriticalPointOptions::default()),
        Err(Error::LengthMismatch { .. })
    ));
}
