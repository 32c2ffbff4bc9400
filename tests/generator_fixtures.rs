//! The crate's neurovariety generators against the Macaulay2 verification record
//! `tests/fixtures/generator_checks.json` (written by
//! `scripts/oracle/verify_generators.py`, see `docs/verification.md`), and the
//! dimension, degree and codimension against `tests/fixtures/kernels.json`.
//!
//! Only entries that Macaulay2 verified (`minimal_primes_equal_kernel == true`:
//! `minimalPrimes I == {kernel of mu}`) and whose generation is cheap
//! (`crate_seconds <= 1.0`) are recomputed; for those the counts by degree (and
//! the exact strings, when recorded) must not change, so any change of the
//! generator construction shows up here and calls for rerunning the oracle.

use std::collections::BTreeMap;

use neurovariety::poly::Syntax;
use neurovariety::Architecture;
use num_bigint::BigUint;
use serde_json::Value;

const MAX_CRATE_SECONDS: f64 = 1.0;

fn load(path: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    v.as_array().expect("a JSON array").clone()
}

fn checks() -> Vec<Value> {
    load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/generator_checks.json"
    ))
}

fn kernels() -> Vec<Value> {
    load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/kernels.json"
    ))
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_u64().expect("non-negative integer") as usize)
        .collect()
}

/// Filters and the API's strides (the fixture's L-1 strides plus a final 1).
fn architecture(entry: &Value) -> (String, Architecture) {
    let filters = usizes(&entry["filters"]);
    let mut strides = usizes(&entry["strides"]);
    let name = format!("{filters:?}/{strides:?}");
    strides.push(1);
    let arch = Architecture::new(&filters, &strides)
        .unwrap_or_else(|e| panic!("{name}: Architecture::new failed: {e}"));
    (name, arch)
}

#[test]
fn generator_checks_match_the_kernel_fixtures() {
    let checks = checks();
    let kernels = kernels();
    // scripts/oracle/verify_generators.py records every architecture of
    // kernels.json (see docs/verification.md)
    for k in &kernels {
        assert!(
            checks
                .iter()
                .any(|c| k["filters"] == c["filters"] && k["strides"] == c["strides"]),
            "{:?}/{:?} of kernels.json has no generator check",
            k["filters"],
            k["strides"]
        );
    }
    for c in &checks {
        assert!(
            kernels
                .iter()
                .any(|k| k["filters"] == c["filters"] && k["strides"] == c["strides"]),
            "{:?}/{:?} is not in kernels.json",
            c["filters"],
            c["strides"]
        );
        // no recorded failure: a false here must be investigated, not committed
        // (null: Macaulay2 could not decide, e.g. its kernel did not finish)
        assert_ne!(
            c["minimal_primes_equal_kernel"],
            Value::Bool(false),
            "{:?}/{:?}: Macaulay2 found minimalPrimes I != {{K}}",
            c["filters"],
            c["strides"]
        );
    }
    let verified = checks
        .iter()
        .filter(|c| c["minimal_primes_equal_kernel"] == Value::Bool(true))
        .count();
    assert!(verified >= 50, "only {verified} architectures verified");
}

#[test]
fn verified_generators_are_reproduced() {
    let mut tested = 0;
    for entry in checks() {
        if entry["minimal_primes_equal_kernel"] != Value::Bool(true) {
            continue;
        }
        match entry["crate_seconds"].as_f64() {
            Some(t) if t <= MAX_CRATE_SECONDS => {}
            _ => continue,
        }
        let (name, arch) = architecture(&entry);
        let gens = arch
            .neurovariety()
            .equations()
            .unwrap_or_else(|e| panic!("{name}: generators failed: {e}"));

        let expected: BTreeMap<u64, usize> = entry["crate_counts_by_degree"]
            .as_object()
            .expect("crate_counts_by_degree")
            .iter()
            .map(|(d, n)| {
                (
                    d.parse().expect("degree"),
                    n.as_u64().expect("count") as usize,
                )
            })
            .collect();
        assert_eq!(gens.count_by_degree(), expected, "{name}: counts by degree");
        assert_eq!(
            gens.len() as u64,
            entry["crate_num_generators"]
                .as_u64()
                .expect("crate_num_generators"),
            "{name}: number of generators"
        );
        if let Some(strings) = entry.get("crate_generators").and_then(Value::as_array) {
            let strings: Vec<&str> = strings
                .iter()
                .map(|s| s.as_str().expect("string"))
                .collect();
            assert_eq!(
                gens.formatted(Syntax::Macaulay2),
                strings,
                "{name}: generator strings"
            );
        }
        // kernels.json's count, else the one of the verification run ((6,6)/(2))
        let kernel = entry["kernel_num_mingens"]
            .as_u64()
            .or_else(|| entry.get("m2_num_mingens_K").and_then(Value::as_u64));
        if let Some(kernel) = kernel {
            assert!(
                gens.len() as u64 <= 4 * kernel,
                "{name}: {} generators, more than 4 times the kernel's {kernel} minimal generators",
                gens.len()
            );
        }
        tested += 1;
    }
    assert!(tested >= 50, "only {tested} entries recomputed");
}

#[test]
fn dimension_degree_codimension_match_macaulay2_kernels() {
    let mut tested = 0;
    for entry in kernels() {
        if entry["finished"] != Value::Bool(true) {
            continue;
        }
        let (name, arch) = architecture(&entry);
        let dim = entry["dim"].as_u64().expect("dim") as usize;
        let degree = BigUint::from(entry["degree"].as_u64().expect("degree"));
        let codim = entry["codim"].as_u64().expect("codim") as usize;
        assert_eq!(arch.dimension(), dim, "{name}: dimension");
        assert_eq!(arch.degree(), degree, "{name}: degree");
        let v = arch.neurovariety();
        assert_eq!(v.codimension(), codim, "{name}: codimension");
        assert_eq!(v.dimension(), dim, "{name}: neurovariety dimension");
        assert_eq!(v.degree(), degree, "{name}: neurovariety degree");
        assert_eq!(
            v.ambient_dimension() as u64,
            entry["k"].as_u64().expect("k"),
            "{name}: number of coordinates"
        );
        tested += 1;
    }
    assert!(tested >= 50, "only {tested} finished kernels");
}
