//! The vanishing ideal against Macaulay2 kernels (`tests/fixtures/vanishing_ideals.json`,
//! produced by `scripts/oracle/vanishing_ideals.py`; see docs/verification.md).

use neurovariety::neurovariety::Certificate;
use neurovariety::{Architecture, VanishingIdealOptions};
use serde_json::Value;
use std::collections::BTreeMap;

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
const SLOW: &[&str] = &[
    "[6,6]/[2]",
    "[4,3,3]/[2,2]",
    "[2,2,2,2,2]/[1,2,1,2]",
    "[2,2,2,2,2]/[2,2,2,2]",
];

/// Cohen–Macaulay architectures whose certificate exceeds the default budget.
const UNDECIDED: &[&str] = &["[3,3,3]/[3,3]"];

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
        if UNDECIDED.contains(&name.as_str()) {
            // Cohen–Macaulay, but the certificate's Macaulay matrices in 20
            // variables exceed the default budget: an honest "undecided"
            assert!(
                matches!(ideal.certificate(), Certificate::Undecided { .. }),
                "{arch}: {:?}",
                ideal.certificate()
            );
            assert!(cm);
        } else if cm {
            assert!(
                ideal.is_certified(),
                "{arch}: Cohen–Macaulay, so the certificate must succeed: {:?}",
                ideal.certificate()
            );
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
            // the ideal is then generated in the fixture's degrees: same counts in all degrees
            assert_eq!(got, want, "{arch}: all minimal generators");
            for (d, &v) in hf.iter().enumerate() {
                assert_eq!(
                    ideal.hilbert_function_at(d),
                    Some(v),
                    "{arch}: HF from the h-vector, degree {d}"
                );
            }
        } else {
            assert!(
                !ideal.is_certified(),
                "{arch}: not Cohen–Macaulay: no certificate"
            );
            assert!(matches!(
                ideal.certificate(),
                Certificate::LengthExceedsDegree { .. } | Certificate::Undecided { .. }
            ));
            let top = want.keys().max().copied().unwrap_or(0);
            assert!(
                through >= top,
                "{arch}: the default bound reaches the top generator degree {top}"
            );
        }
        checked += 1;
    }
    assert!(std::env::var("ONLY").is_ok() || checked >= 50, "{checked}");
}
