//! Residuals in double-double precision against exact rational arithmetic:
//! the gradient system's `value_extended` at a double point must equal the
//! exact value of its equations (`GradientSystem::equations`, BigRational)
//! to about 2^-104 of the size of the terms, where the double evaluation
//! loses about 2^-52 of it.

use neurovariety::critical::{GradientSystem, Loss};
use neurovariety::homotopy::ParameterHomotopy;
use neurovariety::Architecture;
use num_complex::Complex64;
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive};

/// The exact value of each equation at the real point `z` (doubles read
/// exactly as rationals).
fn exact_value(sys: &GradientSystem, z: &[f64]) -> Vec<BigRational> {
    let point: Vec<BigRational> = z
        .iter()
        .map(|&x| BigRational::from_float(x).expect("finite"))
        .collect();
    sys.equations()
        .iter()
        .map(|e| e.eval(&point).expect("one coordinate per unknown"))
        .collect()
}

fn max_error(approx: &[Complex64], exact: &[BigRational]) -> f64 {
    approx
        .iter()
        .zip(exact)
        .map(|(a, e)| {
            assert_eq!(a.im, 0.0, "a real point has a real residual");
            let d = BigRational::from_float(a.re).expect("finite") - e;
            d.abs().to_f64().expect("finite")
        })
        .fold(0.0, f64::max)
}

/// `x` rounded to a multiple of `2^-bits` times the power of two at or
/// above `scale`.
fn round_fixed(x: f64, scale: f64, bits: i32) -> f64 {
    let unit = 2f64.powi(scale.log2().ceil() as i32 - bits);
    (x / unit).round() * unit
}

#[test]
fn double_double_residuals_keep_the_digits_that_cancel_in_double() {
    // A point z and a loss whose target u is mu(z) rounded to 35 bits: then
    // F(z) = J^T Q (mu - u) is about 2^-35 of its terms, so a residual in
    // double (error about 2^-52 of the terms) keeps about 17 bits of F,
    // one in double-double all of them. Everything but mu is exact in
    // double (dyadic z, integer Q, Q u below 2^53), so the exact value of
    // the equations is the reference.
    for (filters, strides, seed) in [
        (&[3usize, 3, 3][..], &[2usize, 2, 1][..], 1u64),
        (&[2, 2, 2, 2, 2], &[2, 2, 2, 2, 1], 2),
        (&[4, 4], &[2, 1], 3),
    ] {
        let arch = Architecture::new(filters, strides).unwrap();
        let random = Loss::random(&arch, seed);
        let probe = GradientSystem::new(&arch, &random, seed).unwrap();
        let n = probe.num_variables();
        let z: Vec<f64> = (0..n)
            .map(|i| {
                let m = ((i as f64 + 1.0) * 0.618_033_988_75).fract() * 2.0 - 1.0;
                (m * 2f64.powi(30)).round() / 2f64.powi(28) + 0.25
            })
            .collect();
        let zc: Vec<Complex64> = z.iter().map(|&x| Complex64::new(x, 0.0)).collect();
        let mu = probe.end_to_end(&zc).unwrap();
        let scale = mu.iter().map(|c| c.re.abs()).fold(0.0, f64::max);
        let u: Vec<BigRational> = mu
            .iter()
            .map(|c| BigRational::from_float(round_fixed(c.re, scale, 35)).unwrap())
            .collect();
        let loss = Loss::from_quadratic(random.form().clone(), u).unwrap();
        let sys = GradientSystem::new(&arch, &loss, seed).unwrap();
        let p = sys.target_float().to_vec();
        let exact = exact_value(&sys, &z);
        let mut extended = vec![Complex64::new(0.0, 0.0); n];
        assert!(sys.value_extended(&zc, &p, &mut extended));
        let double = sys.evaluate(&zc, &p).value;
        let size = exact
            .iter()
            .map(|e| e.abs().to_f64().unwrap())
            .fold(0.0, f64::max);
        assert!(size > 0.0);
        let (e_ext, e_dbl) = (max_error(&extended, &exact), max_error(&double, &exact));
        assert!(
            e_ext <= 1e-12 * size,
            "{filters:?}: double-double error {e_ext:e} at |F| = {size:e}"
        );
        assert!(
            e_dbl >= 1e-9 * size,
            "{filters:?}: double error {e_dbl:e} at |F| = {size:e} (expected cancellation)"
        );
    }
}
