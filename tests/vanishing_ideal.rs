//! The vanishing ideal against Macaulay2 kernels (`tests/fixtures/vanishing_ideals.json`,
//! produced by `scripts/oracle/vanishing_ideals.py`; see docs/verification.md).

use neurovariety::neurovariety::{Budget, Certificate, Witness};
use neurovariety::poly::{MPoly, Monomial};
use neurovariety::{Architecture, VanishingIdealOptions};
use num_bigint::BigInt;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Duration;

fn fixture() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/vanishing_ideals.json"
    ))
    .unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    v["architectures"].as_array().unwrap().clone()
}

fn arch_of(e: &Value) -> Architecture {
    let f: Vec<usize> = e["filters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect();
    let mut s: Vec<usize> = e["strides"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect();
    s.push(1);
    Architecture::new(&f, &s).unwrap()
}

fn u128s(v: &Value) -> Vec<u128> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as u128)
        .collect()
}

/// Architectures that take more than a few seconds here (in the bench instead).
const SLOW: &[&str] = &["[6,6]/[2]", "[4,3,3]/[2,2]"];

/// Every architecture Macaulay2 finished, except the slowest ones (kept for the bench).
#[test]
fn vanishing_ideal_matches_macaulay2_kernels() {
    let mut checked = 0;
    for e in fixture() {
        if e["status"] != "ok" {
            continue;
        }
        let name = format!("{}/{}", e["filters"], e["strides"]);
        match std::env::var("ONLY") {
            Ok(only) if name != only => continue,
            // the slow ones run in benches/vanishing_ideal.rs
            Err(_) if SLOW.contains(&name.as_str()) => continue,
            _ => {}
        }
        let arch = arch_of(&e);
        let t = std::time::Instant::now();
        let ideal = arch
            .neurovariety()
            .vanishing_ideal(&VanishingIdealOptions::default())
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        let want: BTreeMap<u64, usize> = e["mingens_by_degree"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(d, c)| (d.parse().unwrap(), c.as_u64().unwrap() as usize))
            .collect();
        let through = ideal.through_degree() as u64;
        let got = ideal.count_by_degree();
        let want_through: BTreeMap<u64, usize> = want
            .iter()
            .filter(|(d, _)| **d <= through)
            .map(|(a, b)| (*a, *b))
            .collect();
        eprintln!(
            "{arch}: {got:?} through {through} certified {} ({secs:.3} s)",
            ideal.is_certified()
        );
        assert_eq!(got, want_through, "{arch}: minimal generators per degree");
        let hf = u128s(&e["hilbert_function"]);
        for (d, &v) in ideal.hilbert_function().iter().enumerate() {
            if d < hf.len() {
                assert_eq!(v, hf[d], "{arch}: Hilbert function in degree {d}");
            }
        }
        let cm = e["cohen_macaulay"].as_bool().unwrap();
        // every fixture is certified now, and the certificate is named
        assert!(
            ideal.is_certified(),
            "{arch}: must be certified: {}",
            ideal.certificate()
        );
        let proof = ideal.certificate().proof_name().unwrap();
        assert!(
            ideal
                .certificate()
                .to_string()
                .starts_with(&format!("certified ({proof}")),
            "{arch}: {}",
            ideal.certificate()
        );
        // the ideal is then generated in the fixture's degrees: same counts in all degrees
        assert_eq!(got, want, "{arch}: all minimal generators");
        // the Hilbert series numerator is Macaulay2's (reduceHilbert hilbertSeries K)
        let h: Vec<i128> = e["h_vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_i64().unwrap() as i128)
            .collect();
        assert_eq!(
            ideal.hilbert_numerator().unwrap(),
            h.as_slice(),
            "{arch}: Hilbert series numerator"
        );
        for (d, &v) in hf.iter().enumerate() {
            assert_eq!(
                ideal.hilbert_function_at(d),
                Some(v),
                "{arch}: HF from the Hilbert series, degree {d}"
            );
        }
        if cm {
            assert_eq!(ideal.cohen_macaulay(), Some(true), "{arch}: Cohen–Macaulay");
            assert_eq!(
                ideal.h_vector().unwrap(),
                u128s(&e["h_vector"]).as_slice(),
                "{arch}: h-vector"
            );
            assert_eq!(
                ideal.regularity(),
                e["regularity"].as_u64().map(|r| r as usize),
                "{arch}: regularity"
            );
        } else {
            // not Cohen–Macaulay (modulo 32003, Macaulay2): never claimed to be;
            // proven not to be when the numerator has a negative coefficient
            assert_ne!(ideal.cohen_macaulay(), Some(true), "{arch}");
            assert_eq!(proof, "elimination", "{arch}");
            let negative = h.iter().any(|&c| c < 0);
            assert_eq!(ideal.cohen_macaulay(), negative.then_some(false), "{arch}");
        }
        checked += 1;
    }
    assert!(std::env::var("ONLY").is_ok() || checked >= 50, "{checked}");
}

/// The witness of a refutation, checked independently: the polynomial
/// vanishes at exactly composed points of V, and the functional is zero on
/// every product of a generator by a monomial of the right degree and not on
/// the polynomial.
fn check_witness(arch: &Architecture, gens: &[MPoly<BigInt>], w: &Witness) {
    use neurovariety::architecture::compose;
    let k = arch.end_to_end_filter_size();
    for seed in 1..4i64 {
        let layers: Vec<Vec<BigInt>> = arch
            .filter_sizes()
            .iter()
            .enumerate()
            .map(|(l, &s)| {
                (0..s)
                    .map(|j| BigInt::from((seed * 7 + l as i64 * 3 + j as i64 * 5) % 11 - 5))
                    .collect()
            })
            .collect();
        let point = compose(arch, &layers).unwrap();
        assert_eq!(
            w.polynomial.eval(&point).unwrap(),
            BigInt::from(0),
            "{arch}: witness in I(V)"
        );
    }
    assert_eq!(w.polynomial.total_degree(), Some(w.degree as u64));
    let phi: std::collections::HashMap<Monomial, BigInt> = w.functional.iter().cloned().collect();
    let apply = |f: &MPoly<BigInt>| -> BigInt {
        f.terms()
            .iter()
            .map(|(m, c)| c * phi.get(m).cloned().unwrap_or_default())
            .sum()
    };
    assert_ne!(
        apply(&w.polynomial),
        BigInt::from(0),
        "{arch}: functional separates"
    );
    for g in gens {
        let dg = g.total_degree().unwrap() as usize;
        if dg > w.degree {
            continue;
        }
        // every monomial u of degree w.degree - dg in c0..c{k-1}
        let mut stack = vec![(0usize, vec![0u32; k], w.degree - dg)];
        while let Some((v, e, left)) = stack.pop() {
            if v == k - 1 {
                let mut e = e;
                e[v] += left as u32;
                let u = MPoly::from_terms(vec![(Monomial::new(e), BigInt::from(1))]);
                assert_eq!(
                    apply(&(&u * g)),
                    BigInt::from(0),
                    "{arch}: functional vanishes on {u} * {g}"
                );
                continue;
            }
            for a in 0..=left {
                let mut e2 = e.clone();
                e2[v] += a as u32;
                stack.push((v + 1, e2, left - a));
            }
        }
    }
}

/// Every certificate on ideals it must accept and ideals it must refuse:
/// the computed I(V) certifies (Artinian reduction for a Cohen–Macaulay
/// V, elimination for the non-CM ones, Segre for a Segre variety); I(V)
/// minus one generator, and the set-theoretic equations where they generate
/// less than I(V), are refuted with a witness checked here independently.
#[test]
fn certify_ideal_accepts_i_of_v_and_refuses_incomplete_ideals() {
    let o = VanishingIdealOptions::default();
    for (f, s, proof) in [
        (&[3, 3, 3][..], &[2, 2, 1][..], "Artinian reduction"),
        (&[3, 2, 2], &[2, 2, 1], "elimination"),
        (&[4, 3], &[3, 1], "elimination"),
        (&[2, 3, 2, 2], &[2, 2, 2, 1], "elimination"),
        (&[2, 2, 2], &[3, 2, 1], "Segre"),
        (&[2, 2, 2, 2], &[2, 2, 2, 1], "Segre"),
    ] {
        let arch = Architecture::new(f, s).unwrap();
        let t = std::time::Instant::now();
        let v = arch.neurovariety();
        let full = v.vanishing_ideal(&o).unwrap();
        assert!(full.is_certified(), "{arch}");
        eprintln!("{arch}: I(V) {:.2} s", t.elapsed().as_secs_f64());
        let c = v.certify_ideal(full.generators(), &o).unwrap();
        assert_eq!(c.proof_name(), Some(proof), "{arch}: {c}");
        eprintln!("{arch}: certified {:.2} s", t.elapsed().as_secs_f64());
        // drop the last (largest) generator: it becomes the missing piece
        let fewer = &full.generators()[..full.len() - 1];
        match v.certify_ideal(fewer, &o).unwrap() {
            Certificate::Refuted(w) => {
                let dropped = full.generators().last().unwrap();
                assert_eq!(w.degree as u64, dropped.total_degree().unwrap(), "{arch}");
                check_witness(&arch, fewer, &w);
                eprintln!("{arch}: refuted {:.2} s", t.elapsed().as_secs_f64());
            }
            other => panic!("{arch}: an incomplete ideal must be refuted, got {other}"),
        }
    }
    // the set-theoretic equations of (3,3,2)/(2,2) generate less than I(V)
    let arch = Architecture::new(&[3, 3, 2], &[2, 2, 1]).unwrap();
    let v = arch.neurovariety();
    let eqs: Vec<MPoly<BigInt>> = v
        .equations()
        .unwrap()
        .generators()
        .iter()
        .map(|g| g.poly.clone())
        .collect();
    match v.certify_ideal(&eqs, &o).unwrap() {
        Certificate::Refuted(w) => {
            assert_eq!(w.degree, 3, "I(V) has cubics the equations lack");
            check_witness(&arch, &eqs, &w);
        }
        other => panic!("{arch}: the equations must be refuted, got {other}"),
    }
    // a dead coordinate left out (degree 1)
    let arch = Architecture::new(&[2, 2, 2], &[3, 2, 1]).unwrap();
    let v = arch.neurovariety();
    let full = v.vanishing_ideal(&o).unwrap();
    let no_linear: Vec<MPoly<BigInt>> = full.generators()[1..].to_vec();
    match v.certify_ideal(&no_linear, &o).unwrap() {
        Certificate::Refuted(w) => {
            assert_eq!(w.degree, 1);
            check_witness(&arch, &no_linear, &w);
        }
        other => panic!("{arch}: got {other}"),
    }
    // not an ideal of V at all, or not homogeneous: an error, not a verdict
    let x = |i: usize| MPoly::<BigInt>::var(i).unwrap();
    assert!(v.certify_ideal(&[&x(0) * &x(1)], &o).is_err());
    assert!(v.certify_ideal(&[&x(1) + &(&x(0) * &x(2))], &o).is_err());
}

/// A time budget that runs out stops with what is proven, and says so.
#[test]
fn time_budget_gives_an_honest_undecided_verdict() {
    let arch = Architecture::new(&[3, 3, 3], &[2, 2, 1]).unwrap();
    let o = VanishingIdealOptions::default().with_time_budget(Duration::from_nanos(1));
    let i = arch.neurovariety().vanishing_ideal(&o).unwrap();
    assert!(!i.is_certified());
    match i.certificate() {
        Certificate::Undecided(u) => {
            assert!(matches!(u.stopped_by, Budget::Time(_)));
            assert_eq!(u.through_degree, i.through_degree());
        }
        other => panic!("{other}"),
    }
    assert!(i.to_string().contains("undecided: stopped after degree"));
    // what it has is right: the Hilbert function of the degrees computed
    let full = arch
        .neurovariety()
        .vanishing_ideal(&VanishingIdealOptions::default())
        .unwrap();
    assert_eq!(
        i.hilbert_function(),
        &full.hilbert_function()[..i.hilbert_function().len()]
    );
}

#[cfg(feature = "proptest")]
mod properties {
    use neurovariety::architecture::compose;
    use neurovariety::modular::{large_primes, Zp};
    use neurovariety::proptest::{architectures, integer_layer_filters};
    use neurovariety::{Architecture, VanishingIdealOptions};
    use num_bigint::BigInt;
    use proptest::prelude::*;

    /// All exponent vectors of degree `d` in `k` variables.
    fn monomials(k: usize, d: usize) -> Vec<Vec<u32>> {
        if k == 0 {
            return if d == 0 { vec![vec![]] } else { vec![] };
        }
        let mut out = Vec::new();
        for e in 0..=d {
            for mut rest in monomials(k - 1, d - e) {
                rest.insert(0, e as u32);
                out.push(rest);
            }
        }
        out
    }

    /// `dim (S/I(V))_d` as the rank of the evaluation of all degree-`d`
    /// monomials at points of V (random layer filters, composed, mod p):
    /// independent of the interpolation.
    fn hilbert_by_evaluation(arch: &Architecture, d: usize, seed: u64) -> usize {
        let f = Zp::new(large_primes().nth(7).unwrap()).unwrap();
        let p = f.modulus();
        let k = arch.end_to_end_filter_size();
        let monos = monomials(k, d);
        let mut state = seed | 1;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % 1_000_003
        };
        let rows: Vec<Vec<u64>> = (0..monos.len() + 5)
            .map(|_| {
                let layers: Vec<Vec<BigInt>> = arch
                    .filter_sizes()
                    .iter()
                    .map(|&s| (0..s).map(|_| BigInt::from(next())).collect())
                    .collect();
                let c: Vec<u64> = compose(arch, &layers)
                    .unwrap()
                    .iter()
                    .map(|x| f.reduce(x))
                    .collect();
                monos
                    .iter()
                    .map(|m| {
                        m.iter()
                            .zip(&c)
                            .fold(1, |acc, (&e, &x)| f.mul(acc, f.pow(x, e as u64)))
                    })
                    .collect()
            })
            .collect();
        let _ = p;
        f.rank(&rows).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]

        /// Every generator vanishes on points of V composed exactly, and a
        /// certified ideal's Hilbert function (from its h-vector) agrees with
        /// the rank of the evaluation map up to the regularity plus one.
        #[test]
        fn generators_vanish_and_certified_hilbert_functions_agree(
            (arch, layers) in architectures(2..=3, 1..=3, 1..=3)
                .prop_filter("small", |a| a.end_to_end_filter_size() <= 10)
                .prop_flat_map(|a| { let l = integer_layer_filters(&a, -6..=6); (Just(a), l) })
        ) {
            let ideal = arch.neurovariety().vanishing_ideal(&VanishingIdealOptions::default()).unwrap();
            let w = compose(&arch, &layers).unwrap();
            for g in ideal.generators() {
                prop_assert_eq!(g.eval(&w).unwrap(), BigInt::from(0), "{} at {:?}", g, w);
            }
            for (d, &v) in ideal.hilbert_function().iter().enumerate() {
                prop_assert_eq!(v as usize, hilbert_by_evaluation(&arch, d, 7 + d as u64), "{} degree {}", arch, d);
            }
            if let Some(reg) = ideal.regularity() {
                for d in 0..=reg + 1 {
                    let from_h = ideal.hilbert_function_at(d).unwrap();
                    prop_assert_eq!(from_h as usize, hilbert_by_evaluation(&arch, d, 11 + d as u64), "{} degree {}", arch, d);
                }
            }
        }
    }
}
