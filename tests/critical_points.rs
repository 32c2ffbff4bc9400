//! Monodromy solving of the training equations: every critical point found
//! and certified, the count reaching the exact value `C_k` of docs/mathematics.md (section 6)
//! (section 5), for fixed seeds.

use neurovariety::critical::{CriticalPointOptions, Loss};
use neurovariety::Architecture;
use std::time::Instant;

fn solve(sizes: &[usize], strides: &[usize], seed: u64) -> neurovariety::critical::CriticalPoints {
    let arch = Architecture::new(sizes, strides).unwrap();
    let loss = Loss::random(&arch, seed);
    let t = Instant::now();
    let r = arch
        .critical_points(&loss, &CriticalPointOptions::default().with_seed(seed))
        .unwrap();
    eprintln!(
        "{arch}: found {} certified {} expected {} real {} loops {} paths {} in {:?}",
        r.found(),
        r.certified(),
        r.expected(),
        r.num_real(),
        r.loops(),
        r.paths_tracked(),
        t.elapsed()
    );
    r
}

/// (architecture, strides with the last one, count from docs/mathematics.md section 6)
const CASES: &[(&[usize], &[usize], usize)] = &[
    (&[2, 2], &[2, 1], 6),
    (&[3, 2], &[2, 1], 10),
    (&[3, 3], &[2, 1], 39),
    (&[2, 2, 2], &[2, 2, 1], 34),
    (&[2, 2, 2], &[1, 2, 1], 34),
    (&[4, 3], &[2, 1], 83),
    (&[3, 2, 2], &[2, 2, 1], 100),
    (&[4, 4], &[2, 1], 284),
    (&[2, 2, 2, 2], &[2, 2, 2, 1], 280),
];

#[test]
fn every_critical_point_is_found_and_certified() {
    for &(sizes, strides, count) in CASES {
        let r = solve(sizes, strides, 1);
        assert_eq!(r.expected(), count, "{sizes:?}");
        assert_eq!(
            r.certified(),
            count,
            "{sizes:?}/{strides:?}: not all certified"
        );
        assert_eq!(r.found(), count);
        assert!(r.is_complete());
    }
}

mod gradient_system {
    use neurovariety::critical::{GradientSystem, Loss};
    use neurovariety::homotopy::ParameterHomotopy;
    use neurovariety::homotopy::{CertifiableSystem, ComplexInterval};
    use neurovariety::poly::{MPoly, Monomial};
    use neurovariety::Architecture;
    use num_complex::Complex64;
    use num_rational::BigRational;
    use num_traits::ToPrimitive;

    type P = MPoly<BigRational>;

    fn derivative(p: &P, i: usize) -> P {
        P::from_terms(
            p.terms()
                .iter()
                .filter(|(m, _)| m.exp(i) > 0)
                .map(|(m, c)| {
                    let mut e = m.exps().to_vec();
                    e[i] -= 1;
                    (
                        Monomial::new(e),
                        c * BigRational::from_integer(m.exp(i).into()),
                    )
                })
                .collect(),
        )
    }

    /// The loss as a polynomial in the chart unknowns, written from the
    /// definitions (chart, dilated layer forms, quadratic form) without the
    /// crate's evaluation routine.
    fn loss_polynomial(arch: &Architecture, loss: &Loss, sys: &GradientSystem) -> P {
        let sizes = arch.filter_sizes();
        let l = sizes.len();
        let mut var = 0;
        let mut mu = vec![P::constant(BigRational::from_integer(1.into()))];
        for (i, &kl) in sizes.iter().enumerate() {
            let w: Vec<P> = if i + 1 < l {
                // the chart b . w = r, i.e. a . w = 1 with a = b / r
                let (b, r) = (&sys.chart().vectors()[i], sys.chart().rhs()[i]);
                let a: Vec<BigRational> = b
                    .iter()
                    .map(|&x| BigRational::new(x.into(), r.into()))
                    .collect();
                let free: Vec<P> = (0..kl - 1).map(|j| P::var(var + j).unwrap()).collect();
                var += kl - 1;
                let mut w0 = P::constant(BigRational::from_integer(1.into()));
                for (aj, z) in a[1..].iter().zip(&free) {
                    w0 = &w0 - &z.scale(aj);
                }
                let mut w = vec![w0.scale(&a[0].recip())];
                w.extend(free);
                w
            } else {
                let w = (0..kl).map(|j| P::var(var + j).unwrap()).collect();
                var += kl;
                w
            };
            let t = arch.dilations()[i];
            let mut out = vec![<P as num_traits::Zero>::zero(); mu.len() + (kl - 1) * t];
            for (a, x) in mu.iter().enumerate() {
                for (j, y) in w.iter().enumerate() {
                    out[a + j * t] = &out[a + j * t] + &(x * y);
                }
            }
            mu = out;
        }
        let d: Vec<P> = mu
            .iter()
            .zip(loss.target())
            .map(|(m, u)| m - &P::constant(u.clone()))
            .collect();
        let mut s = P::constant(loss.offset().clone());
        for (r, dr) in d.iter().enumerate() {
            for (c, dc) in d.iter().enumerate() {
                s = &s + &(dr * dc).scale(loss.form().get(r, c));
            }
        }
        s
    }

    #[test]
    fn equations_are_half_the_gradient_and_jacobian_is_the_hessian() {
        for (sizes, strides) in [
            (vec![2, 2], vec![2, 1]),
            (vec![3, 2, 2], vec![2, 2, 1]),
            (vec![2, 2, 2], vec![1, 2, 1]),
            (vec![1, 3, 2], vec![2, 3, 1]),
        ] {
            let arch = Architecture::new(&sizes, &strides).unwrap();
            let loss = Loss::random(&arch, 5);
            let sys = GradientSystem::new(&arch, &loss, 9).unwrap();
            let lp = loss_polynomial(&arch, &loss, &sys);
            let n = sys.num_variables();
            let eqs = sys.equations();
            let half = BigRational::new(1.into(), 2.into());
            for (i, e) in eqs.iter().enumerate() {
                assert_eq!(&derivative(&lp, i).scale(&half), e, "{arch}: equation {i}");
            }
            // float Jacobian = Hessian of L/2, parameter Jacobian = -J^T, at a complex point
            let z: Vec<Complex64> = (0..n)
                .map(|i| Complex64::new(0.3 + 0.1 * i as f64, -0.2 + 0.05 * i as f64))
                .collect();
            let e = sys.evaluate(&z, sys.target_float());
            let eval = |p: &P| -> Complex64 {
                p.terms()
                    .iter()
                    .map(|(m, c)| {
                        let mut t = Complex64::new(c.to_f64().unwrap(), 0.0);
                        for (v, &x) in z.iter().enumerate() {
                            t *= x.powu(m.exp(v));
                        }
                        t
                    })
                    .sum()
            };
            for (a, eq) in eqs.iter().enumerate() {
                assert!((e.value[a] - eval(eq)).norm() < 1e-9 * (1.0 + e.value[a].norm()));
                for b in 0..n {
                    let h = eval(&derivative(eq, b));
                    assert!(
                        (e.jacobian[a * n + b] - h).norm() < 1e-9 * (1.0 + h.norm()),
                        "{arch}"
                    );
                }
            }
            // what the Krawczyk test takes at its centre: F(z) enclosed as
            // by the full interval evaluation, and the float Hessian
            let point: Vec<ComplexInterval> =
                z.iter().map(|&x| ComplexInterval::point(x)).collect();
            let (full_value, full_jacobian) = sys.evaluate_interval(&point);
            let (centre_value, centre_hessian) = sys.evaluate_at_centre(&z);
            assert_eq!(centre_value, full_value, "{arch}");
            for (a, eq) in eqs.iter().enumerate() {
                let f = eval(eq);
                assert!((centre_value[a].mid() - f).norm() < 1e-9 * (1.0 + f.norm()));
                for b in 0..n {
                    let (h, m) = (centre_hessian[a * n + b], full_jacobian[a * n + b].mid());
                    assert!((h - eval(&derivative(eq, b))).norm() < 1e-9 * (1.0 + h.norm()));
                    assert!((h - m).norm() < 1e-12 * (1.0 + m.norm()), "{arch}");
                }
            }
            let j = sys.jacobian_of_parametrization(&z).unwrap();
            let k = arch.end_to_end_filter_size();
            for a in 0..n {
                for r in 0..k {
                    assert!((e.parameter_jacobian[a * k + r] + j[r * n + a]).norm() < 1e-12);
                }
            }
        }
    }
}

mod gradient_descent {
    use neurovariety::architecture::compose;
    use neurovariety::critical::{CriticalPointOptions, Loss};
    use neurovariety::Architecture;
    use num_traits::ToPrimitive;

    /// A deterministic generator for the test's own random starts.
    struct Lcg(u64);
    impl Lcg {
        fn normal(&mut self) -> f64 {
            let mut u = || {
                self.0 = self
                    .0
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
            };
            let (a, b) = (u(), u());
            (-2.0 * a.ln()).sqrt() * (std::f64::consts::TAU * b).cos()
        }
    }

    /// Loss and gradient in full parameter space, from the network's composition
    /// (multilinear: d mu / d w_{l,j} is mu with layer l replaced by e_j).
    fn loss_and_gradient(
        arch: &Architecture,
        q: &[Vec<f64>],
        u: &[f64],
        r: f64,
        w: &[Vec<f64>],
    ) -> (f64, Vec<Vec<f64>>) {
        let mu = compose(arch, w).unwrap();
        let d: Vec<f64> = mu.iter().zip(u).map(|(a, b)| a - b).collect();
        let qd: Vec<f64> = q
            .iter()
            .map(|row| row.iter().zip(&d).map(|(x, y)| x * y).sum())
            .collect();
        let value = r + d.iter().zip(&qd).map(|(a, b)| a * b).sum::<f64>();
        let grad = w
            .iter()
            .enumerate()
            .map(|(l, layer)| {
                (0..layer.len())
                    .map(|j| {
                        let mut v = w.to_vec();
                        v[l] = vec![0.0; layer.len()];
                        v[l][j] = 1.0;
                        let dmu = compose(arch, &v).unwrap();
                        2.0 * dmu.iter().zip(&qd).map(|(a, b)| a * b).sum::<f64>()
                    })
                    .collect()
            })
            .collect();
        (value, grad)
    }

    /// Gradient descent with backtracking from a random start.
    fn descend(arch: &Architecture, q: &[Vec<f64>], u: &[f64], r: f64, rng: &mut Lcg) -> f64 {
        let mut w: Vec<Vec<f64>> = arch
            .filter_sizes()
            .iter()
            .map(|&k| (0..k).map(|_| rng.normal()).collect())
            .collect();
        let (mut value, mut grad) = loss_and_gradient(arch, q, u, r, &w);
        let mut step = 1e-2;
        for _ in 0..3000 {
            let g2: f64 = grad.iter().flatten().map(|x| x * x).sum();
            if g2 < 1e-20 {
                break;
            }
            loop {
                let trial: Vec<Vec<f64>> = w
                    .iter()
                    .zip(&grad)
                    .map(|(a, g)| a.iter().zip(g).map(|(x, y)| x - step * y).collect())
                    .collect();
                let (tv, tg) = loss_and_gradient(arch, q, u, r, &trial);
                if tv <= value - 0.5 * step * g2 {
                    w = trial;
                    value = tv;
                    grad = tg;
                    step *= 1.5;
                    break;
                }
                step *= 0.5;
                if step < 1e-18 {
                    return value;
                }
            }
        }
        value
    }

    /// The real global minimum from the certified solver is never worse than
    /// the best of 200 gradient-descent runs on the same training data.
    #[test]
    fn global_minimum_beats_200_gradient_descent_runs() {
        for (sizes, strides, seed) in [
            (vec![2, 2], vec![2, 1], 3u64),
            (vec![3, 2], vec![2, 1], 4),
            (vec![2, 2, 2], vec![2, 2, 1], 5),
        ] {
            let arch = Architecture::new(&sizes, &strides).unwrap();
            // training data: 6 random integer samples of input length k + 2S
            let (k, s) = (arch.end_to_end_filter_size(), arch.end_to_end_stride());
            let mut rng = Lcg(seed);
            let mut csv = String::new();
            for _ in 0..6 {
                let row: Vec<String> = (0..k + 2 * s + 3)
                    .map(|_| format!("{:.2}", rng.normal()))
                    .collect();
                csv += &row.join(",");
                csv.push('\n');
            }
            let loss = Loss::from_csv(&arch, &csv).unwrap();
            let r = arch
                .critical_points(&loss, &CriticalPointOptions::default().with_seed(seed))
                .unwrap();
            assert!(
                r.is_complete(),
                "{arch}: {} of {}",
                r.certified(),
                r.expected()
            );
            let best = r.global_minimum().unwrap();
            assert!(best.is_local_minimum());
            let q: Vec<Vec<f64>> = loss
                .form()
                .to_rows()
                .iter()
                .map(|row| row.iter().map(|x| x.to_f64().unwrap()).collect())
                .collect();
            let u: Vec<f64> = loss.target().iter().map(|x| x.to_f64().unwrap()).collect();
            let off = loss.offset().to_f64().unwrap();
            let gd = (0..200)
                .map(|_| descend(&arch, &q, &u, off, &mut rng))
                .fold(f64::INFINITY, f64::min);
            eprintln!(
                "{arch}: certified global minimum {} vs best of 200 GD runs {gd}",
                best.loss().re
            );
            assert!(
                best.loss().re <= gd + 1e-7 * (1.0 + gd.abs()),
                "{arch}: {} > {gd}",
                best.loss().re
            );
            // and gradient descent does reach it (the minimum is attained)
            assert!(
                gd <= best.loss().re + 1e-3 * (1.0 + gd.abs()),
                "{arch}: GD never reached {}",
                best.loss().re
            );
        }
    }
}

/// The systems the solver solves, checked by Macaulay2
/// (`scripts/oracle/critical_systems.sh`): the same text is still exported,
/// Macaulay2 found exactly `C_k` solutions with `mu != 0` (a zero-dimensional
/// saturation of degree `C_k`), and the crate certifies that many.
#[test]
fn systems_match_the_macaulay2_fixture() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/critical_systems.json"
    ))
    .unwrap();
    let cases: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    for c in cases.as_array().unwrap() {
        let sizes: Vec<usize> = serde_json::from_value(c["filters"].clone()).unwrap();
        let strides: Vec<usize> = serde_json::from_value(c["strides"].clone()).unwrap();
        let seed = c["seed"].as_u64().unwrap();
        let arch = Architecture::new(&sizes, &strides).unwrap();
        let loss = Loss::random(&arch, seed);
        let sys = neurovariety::critical::GradientSystem::new(&arch, &loss, seed).unwrap();
        assert_eq!(
            neurovariety::Export::export(&sys, neurovariety::Format::Macaulay2),
            c["system"].as_str().unwrap(),
            "{arch} seed {seed}"
        );
        let expected = c["expected"].as_u64().unwrap() as usize;
        if c["m2_degree"].is_null() {
            continue; // Macaulay2 did not finish
        }
        assert_eq!(c["m2_dimension"], 0, "{arch}");
        assert_eq!(
            c["m2_degree"].as_u64().unwrap() as usize,
            expected,
            "{arch}"
        );
        if expected <= 100 {
            let r = arch
                .critical_points(&loss, &CriticalPointOptions::default().with_seed(seed))
                .unwrap();
            assert_eq!(r.certified(), expected, "{arch} seed {seed}");
        }
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} fixture cases checked");
}
