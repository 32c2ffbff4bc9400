//! Start systems, parameter homotopies from them, shards and their merge,
//! scale invariance, and the honesty of the solver's answer.

use neurovariety::critical::{
    CriticalPointOptions, GradientSystem, Loss, Shard, ShardResult, StartSystem, Uncertified,
};
use neurovariety::homotopy::{
    monodromy_solve, ComplexInterval, Evaluation, Interval, MonodromyOptions, ParameterHomotopy,
};
use neurovariety::{Architecture, Error};
use num_complex::Complex64;
use num_rational::BigRational;
use proptest::prelude::*;

fn arch(k: &[usize], s: &[usize]) -> Architecture {
    Architecture::new(k, s).unwrap()
}

/// The sorted real losses of a complete answer (for comparing two runs).
fn real_losses(r: &neurovariety::critical::CriticalPoints) -> Vec<f64> {
    let mut v = r.real_losses();
    v.sort_by(f64::total_cmp);
    v
}

#[test]
fn saved_start_system_round_trips_and_solves_two_datasets() {
    let a = arch(&[3, 3], &[2, 1]);
    let start = a.start_system(2).unwrap();
    assert!(
        start.is_complete(),
        "{} of {}",
        start.certified(),
        start.expected()
    );
    assert_eq!(start.solutions().len(), 39);
    let text = start.to_text();
    assert!(text.starts_with("neurovariety-start-system 1\n"));
    let again = StartSystem::from_text(&text).unwrap();
    assert_eq!(again, start);
    assert_eq!(again.fingerprint(), start.fingerprint());
    // two datasets: each complete, 39 paths (no retries needed here)
    for seed in [4, 9] {
        let loss = Loss::random(&a, seed);
        let r = a
            .critical_points_from(&again, &loss, &CriticalPointOptions::default())
            .unwrap();
        assert!(r.is_complete(), "seed {seed}: {r}");
        assert_eq!((r.found(), r.certified()), (39, 39));
        assert!(r.paths_tracked() >= 39 && r.paths_tracked() <= 2 * 39);
        // the same critical points as a run from scratch (real losses agree)
        let scratch = a
            .critical_points(&loss, &CriticalPointOptions::default().with_seed(seed))
            .unwrap();
        let (x, y) = (real_losses(&r), real_losses(&scratch));
        assert_eq!(x.len(), y.len());
        for (p, q) in x.iter().zip(&y) {
            assert!((p - q).abs() <= 1e-8 * (1.0 + q.abs()), "{p} {q}");
        }
    }
    // malformed files are errors naming the problem
    assert!(StartSystem::from_text("neurovariety-start-system 2\nend\n").is_err());
    let cut: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(matches!(
        StartSystem::from_text(&cut),
        Err(Error::Parse { .. })
    ));
    let other = arch(&[2, 2], &[2, 1]);
    assert!(other
        .critical_points_from(
            &start,
            &Loss::random(&other, 1),
            &CriticalPointOptions::default()
        )
        .is_err());
}

/// Runs one shard in this process and prints its file (used by the
/// two-process test below through the test binary itself).
#[test]
fn shard_child() {
    let Ok(spec) = std::env::var("NEUROVARIETY_SHARD_CHILD") else {
        return; // only meaningful when spawned by the test below
    };
    let (start_path, shard, out) = {
        let p: Vec<&str> = spec.split('|').collect();
        (
            p[0].to_string(),
            Shard::parse(p[1]).unwrap(),
            p[2].to_string(),
        )
    };
    let a = arch(&[4, 3], &[2, 1]);
    let start = StartSystem::from_text(&std::fs::read_to_string(start_path).unwrap()).unwrap();
    let r = a
        .critical_points_shard(
            &start,
            &Loss::random(&a, 6),
            shard,
            &CriticalPointOptions::default(),
        )
        .unwrap();
    std::fs::write(out, r.to_text()).unwrap();
}

#[test]
fn two_shards_in_two_processes_merge_to_one_run() {
    let a = arch(&[4, 3], &[2, 1]);
    let start = a.start_system(1).unwrap();
    assert!(start.is_complete());
    let loss = Loss::random(&a, 6);
    let options = CriticalPointOptions::default();
    let dir = std::env::temp_dir().join(format!("nv-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let start_path = dir.join("start.txt");
    std::fs::write(&start_path, start.to_text()).unwrap();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (1..=2)
        .map(|i| {
            let out = dir.join(format!("shard{i}.txt"));
            let spec = format!("{}|{i}/2|{}", start_path.display(), out.display());
            let child = std::process::Command::new(&exe)
                .args(["--exact", "shard_child", "--test-threads", "1"])
                .env("NEUROVARIETY_SHARD_CHILD", spec)
                .spawn()
                .unwrap();
            (child, out)
        })
        .collect();
    let mut shards = Vec::new();
    for (mut child, out) in children {
        assert!(child.wait().unwrap().success());
        shards.push(ShardResult::from_text(&std::fs::read_to_string(out).unwrap()).unwrap());
    }
    std::fs::remove_dir_all(&dir).ok();
    let merged = a.merge_shards(&start, &loss, &shards, &options).unwrap();
    assert!(merged.is_complete(), "{merged}");
    let one = a.critical_points_from(&start, &loss, &options).unwrap();
    assert!(one.is_complete());
    assert_eq!(merged.certified(), 83);
    assert_eq!(real_losses(&merged), real_losses(&one));
    // a missing or repeated shard, or shards of another loss, are refused
    assert!(a
        .merge_shards(&start, &loss, &shards[..1], &options)
        .is_err());
    let twice = vec![shards[0].clone(), shards[0].clone()];
    assert!(a.merge_shards(&start, &loss, &twice, &options).is_err());
    assert!(a
        .merge_shards(&start, &Loss::random(&a, 7), &shards, &options)
        .is_err());
    // a tampered certificate is re-checked by the merge, not trusted
    let mut bad = shards.clone();
    if let Some((_, neurovariety::critical::ShardOutcome::Certified { center, .. })) =
        bad[0].entries.first_mut()
    {
        center[0] += Complex64::new(0.5, 0.0);
    }
    let m = a.merge_shards(&start, &loss, &bad, &options).unwrap();
    assert!(!m.is_complete());
    assert!(m.global_minimum().is_none() || m.is_complete());
    assert!(m
        .solutions()
        .iter()
        .any(|p| p.uncertified() == Some(Uncertified::KrawczykFailed)));
    assert!(Shard::parse("3/2").is_err() && Shard::parse("x").is_err());
}

/// Multiplies every input by `x` and every output by `y` (exact rationals).
fn scaled_loss(a: &Architecture, x: &BigRational, y: &BigRational) -> Loss {
    let k = a.end_to_end_filter_size();
    let d0 = k + 4;
    let stride = a.end_to_end_stride();
    let d_out = (d0 - k) / stride + 1;
    let mut inputs = Vec::new();
    let mut outputs = Vec::new();
    let mut v: i64 = 7;
    let mut next = || {
        v = (v * 1103515245 + 12345) % 2147483648;
        BigRational::new(((v % 19) - 9).into(), ((v % 5) + 1).into())
    };
    for _ in 0..3 * k {
        inputs.push((0..d0).map(|_| next() * x).collect::<Vec<_>>());
        outputs.push((0..d_out).map(|_| next() * y).collect::<Vec<_>>());
    }
    Loss::from_training_data(a, &inputs, &outputs).unwrap()
}

fn ten_to(e: i32) -> BigRational {
    let t = num_bigint::BigInt::from(10).pow(e.unsigned_abs());
    if e >= 0 {
        BigRational::from_integer(t)
    } else {
        BigRational::new(1.into(), t)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Data scaled by 10^i (inputs) and 10^o (outputs), |i|, |o| <= 300,
    /// give the same certified critical points up to the scaling: the end
    /// filters scale by 10^(o - i) and the count is complete.
    #[test]
    fn critical_points_do_not_depend_on_the_units(i in -300i32..=300, o in -300i32..=300) {
        let a = arch(&[3, 2], &[2, 1]);
        let one = BigRational::from_integer(1.into());
        let base = a.critical_points(&scaled_loss(&a, &one, &one), &CriticalPointOptions::default()).unwrap();
        let r = a.critical_points(&scaled_loss(&a, &ten_to(i), &ten_to(o)), &CriticalPointOptions::default()).unwrap();
        prop_assert!(base.is_complete() && r.is_complete(), "{r}");
        prop_assert_eq!(base.num_real(), r.num_real());
        // the real end-to-end filters, scaled back, agree
        let key = |p: &neurovariety::critical::CriticalPoint, f: f64| -> Vec<f64> {
            p.end_to_end().iter().map(|c| c.re * f).collect()
        };
        let factor = 10f64.powi(i - o);
        let mut xs: Vec<Vec<f64>> = base.real().map(|p| key(p, 1.0)).collect();
        let mut ys: Vec<Vec<f64>> = r.real().map(|p| key(p, factor)).collect();
        if factor.is_finite() && factor > 0.0 && factor.is_normal() {
            xs.sort_by(|a, b| a[0].total_cmp(&b[0]));
            ys.sort_by(|a, b| a[0].total_cmp(&b[0]));
            for (x, y) in xs.iter().zip(&ys) {
                for (p, q) in x.iter().zip(y) {
                    prop_assert!((p - q).abs() <= 1e-6 * (1.0 + p.abs()), "{p} {q}");
                }
            }
        }
    }
}

#[test]
fn tiny_huge_and_long_rational_data_are_solved() {
    // issue 11, defect 3: all data x 1e-12, outputs alone x 1e-12, x 1e100,
    // and 10^30 denominators
    let a = arch(&[3, 2], &[2, 1]);
    let one = BigRational::from_integer(1.into());
    for (x, y) in [
        (ten_to(-12), ten_to(-12)),
        (one.clone(), ten_to(-12)),
        (ten_to(100), ten_to(100)),
        (
            BigRational::new(1.into(), num_bigint::BigInt::from(10).pow(30u32) + 7),
            one.clone(),
        ),
    ] {
        let r = a
            .critical_points(&scaled_loss(&a, &x, &y), &CriticalPointOptions::default())
            .unwrap();
        assert!(r.is_complete(), "{r}");
    }
}

#[test]
fn an_incomplete_answer_names_no_global_minimum() {
    // a start system cut short: fewer paths than C_k
    let a = arch(&[3, 2], &[2, 1]);
    let start = a.start_system(1).unwrap();
    let text = start.to_text();
    let mut lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("solution "))
        .unwrap();
    lines.remove(first);
    let cut = StartSystem::from_text(&(lines.join("\n") + "\n")).unwrap();
    let r = a
        .critical_points_from(&cut, &Loss::random(&a, 2), &CriticalPointOptions::default())
        .unwrap();
    assert!(!r.is_complete());
    assert_eq!(r.found(), 9);
    assert!(r.global_minimum().is_none());
    assert!(r.best_real_found().is_some());
    let text = r.to_string();
    assert!(text.contains("INCOMPLETE") && text.contains("best real critical point found"));
    assert!(!text.contains("global minimum"));
}

/// z^2 = p, but evaluating at parameters with a large imaginary part panics.
struct Panicky;

impl ParameterHomotopy for Panicky {
    fn num_variables(&self) -> usize {
        1
    }
    fn num_parameters(&self) -> usize {
        1
    }
    fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
        if p[0].im.abs() > 0.3 {
            panic!("worker failed");
        }
        Evaluation {
            value: vec![z[0] * z[0] - p[0]],
            jacobian: vec![z[0] * 2.0],
            parameter_jacobian: vec![Complex64::new(-1.0, 0.0)],
        }
    }
}

#[test]
fn a_panicking_worker_is_not_turned_into_missing_paths() {
    // issue 11, defect 12: the panic reaches the caller
    let one = Complex64::new(1.0, 0.0);
    let r = std::panic::catch_unwind(|| {
        monodromy_solve(
            &Panicky,
            &[one],
            vec![vec![one]],
            Some(2),
            &MonodromyOptions::default().with_threads(2),
        )
    });
    assert!(
        r.is_err(),
        "a worker panic must not pass as missing solutions"
    );
}

#[test]
fn gradient_system_checks_lengths_and_intervals_check_radii() {
    // issue 11, items 9 and 11
    let a = arch(&[2, 2], &[2, 1]);
    let sys = GradientSystem::new(&a, &Loss::random(&a, 1), 1).unwrap();
    let n = sys.num_variables();
    let c = Complex64::new(0.5, 0.1);
    for len in [0, n - 1, n + 1] {
        let z = vec![c; len];
        assert!(matches!(sys.layers(&z), Err(Error::LengthMismatch { .. })));
        assert!(matches!(
            sys.end_to_end(&z),
            Err(Error::LengthMismatch { .. })
        ));
        assert!(matches!(sys.hessian(&z), Err(Error::LengthMismatch { .. })));
        assert!(matches!(
            sys.jacobian_of_parametrization(&z),
            Err(Error::LengthMismatch { .. })
        ));
    }
    let z = vec![c; n];
    assert_eq!(sys.layers(&z).unwrap().len(), 2);
    assert_eq!(sys.hessian(&z).unwrap().len(), n * n);
    let nan = vec![Complex64::new(f64::NAN, 0.0); n];
    assert!(matches!(sys.end_to_end(&nan), Err(Error::NonFinite { .. })));
    assert!(Interval::around(1.0, -1.0).is_err());
    assert!(ComplexInterval::around(c, -1e-9).is_err());
    assert!(Interval::around(1.0, 0.0).unwrap().contains(1.0));
}
