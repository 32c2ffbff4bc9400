//! How `C_k` splits over the strata of the parametrisation
//! (`Architecture::critical_point_strata`), compared with an independent
//! count: `tests/fixtures/strata.json`, produced by
//! `scripts/oracle/strata_check.py`, holds for each architecture the
//! critical points found and certified by the old solver (`lcn` of commit
//! 3ed66e7, which knows nothing of strata; the run was complete: all `C_k`
//! points) classified by the sharing pattern of the linear factors of the
//! layers of each stride-1 group (roots on `P^1` clustered by chordal
//! distance). The strata are matched by their `Display` name, the `stratum`
//! of the JSON report.

use neurovariety::Architecture;
use serde_json::Value;
use std::collections::BTreeMap;

fn fixtures() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/strata.json"
    ))
    .expect("fixture file");
    serde_json::from_str(&text).expect("valid JSON")
}

fn sizes(entry: &Value, key: &str) -> Vec<usize> {
    entry[key]
        .as_array()
        .expect("a list of sizes")
        .iter()
        .map(|v| v.as_u64().expect("a size") as usize)
        .collect()
}

#[test]
fn strata_counts_equal_the_classified_critical_points_of_the_old_solver() {
    let fx = fixtures();
    let entries = fx["architectures"].as_array().expect("architectures");
    assert!(entries.len() >= 12, "too few architectures in the fixture");
    for entry in entries {
        let (k, s) = (sizes(entry, "filters"), sizes(entry, "strides"));
        let name = format!("{k:?}/{s:?}");
        // the fixture itself: every critical point classified, no disagreement
        assert_eq!(entry["agrees"], Value::Bool(true), "{name}: flagged");
        assert_eq!(entry["unclassified"].as_u64(), Some(0), "{name}");
        let expected: BTreeMap<String, u64> = entry["counts"]
            .as_object()
            .expect("counts")
            .iter()
            .map(|(stratum, n)| (stratum.clone(), n.as_u64().expect("a count")))
            .collect();
        let c_k = entry["c_k"].as_u64().expect("C_k");
        assert_eq!(expected.values().sum::<u64>(), c_k, "{name}: fixture sum");

        let arch = Architecture::new(&k, &s).unwrap();
        let strata = arch.critical_point_strata().unwrap();
        let groups: Vec<Vec<u64>> = strata
            .groups()
            .iter()
            .map(|g| g.iter().map(|&l| l as u64).collect())
            .collect();
        let fixture_groups: Vec<Vec<u64>> =
            serde_json::from_value(entry["groups"].clone()).expect("groups");
        assert_eq!(groups, fixture_groups, "{name}: groups");
        let mut got: BTreeMap<String, u64> = BTreeMap::new();
        for stratum in strata.strata() {
            let count: u64 = stratum.count.to_string().parse().expect("a small count");
            let previous = got.insert(stratum.to_string(), count);
            assert!(previous.is_none(), "{name}: two strata named {stratum}");
        }
        assert_eq!(got, expected, "{name}: counts per stratum");
        assert_eq!(strata.total().to_string(), c_k.to_string(), "{name}: total");
        assert_eq!(
            arch.critical_point_count().unwrap().to_string(),
            c_k.to_string(),
            "{name}: C_k"
        );
    }
}

/// The fixture covers what the conjecture is about: groups of 2, 3 and 4
/// layers, unequal sizes in a group, two groups with shared factors at once,
/// and strata where one pair of layers shares two factors.
#[test]
fn the_fixture_covers_groups_of_two_three_and_four_layers() {
    let fx = fixtures();
    let entries = fx["architectures"].as_array().expect("architectures");
    let group_sizes: Vec<usize> = entries
        .iter()
        .flat_map(|e| e["groups"].as_array().unwrap().iter())
        .map(|g| g.as_array().unwrap().len())
        .collect();
    for m in 2..=4 {
        assert!(group_sizes.contains(&m), "no group of {m} layers");
    }
    let names: Vec<&str> = entries
        .iter()
        .flat_map(|e| e["counts"].as_object().unwrap().keys())
        .map(String::as_str)
        .collect();
    assert!(names.contains(&"{w1,w2} {w3,w4}"));
    assert!(names.contains(&"{w1,w2} {w1,w2}"));
    assert!(names.contains(&"{w1,w2,w3,w4}"));
}
