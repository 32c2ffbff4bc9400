//! The JSON that `lcn` prints validates against docs/report.schema.json, and
//! docs/json.md documents every key of that schema.

mod common;

use common::{lcn, scratch};
use serde_json::Value;
use std::collections::BTreeSet;

const SCHEMA: &str = include_str!("../docs/report.schema.json");
const DOC: &str = include_str!("../docs/json.md");

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema")
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{instance}");
}

#[test]
fn every_report_shape_validates() {
    let v = validator();
    let dir = scratch("schema");
    let data = dir.join("data.csv");
    std::fs::write(&data, "1,0,2,1,4\n0,1,1,2,4\n1,1,0,3,1\n").unwrap();
    let fifty = vec!["2"; 50].join(",");
    let ones = vec!["1"; 50].join(",");
    let cases: Vec<Vec<&str>> = vec![
        // plain, every part not requested
        vec!["--filters", "2,3,4,5", "--strides", "2,2,2,1"],
        // every report part computed
        vec![
            "--filters",
            "3,2",
            "--strides",
            "2,1",
            "--equations",
            "--tree",
            "--factor",
            "2,5,7,10,6",
            "--contains",
            "1,1,0,0,1/2",
            "--contains-real",
            "1,0,2,0,1",
            "--critical-points",
        ],
        // real membership: not in M, not in V, an algebraic witness
        vec![
            "--filters",
            "3,2",
            "--strides",
            "2,1",
            "--contains-real",
            "1,0,0,0,1",
        ],
        vec![
            "--filters",
            "3,2",
            "--strides",
            "2,1",
            "--contains-real",
            "1,1,0,0,1",
        ],
        vec![
            "--filters",
            "2,2,2",
            "--strides",
            "1,1,1",
            "--contains-real",
            "1,0,-3,1",
        ],
        // a factorization that does not exist, a filling architecture
        vec![
            "--filters",
            "3,2",
            "--strides",
            "2,1",
            "--factor",
            "1,1,0,0,1",
        ],
        vec![
            "--filters",
            "4,1",
            "--strides",
            "1,1",
            "--equations",
            "--tree",
        ],
        // training data
        vec![
            "--filters",
            "2",
            "--strides",
            "1",
            "--critical-points",
            "--data",
            data.to_str().unwrap(),
        ],
        // the vanishing ideal: certified, not certified, too large
        vec!["--filters", "3,3,2", "--strides", "2,2,1", "--ideal"],
        vec![
            "--filters",
            "4,3",
            "--strides",
            "3,1",
            "--ideal",
            "--degree-bound",
            "3",
        ],
        vec![
            "--filters",
            "6,6",
            "--strides",
            "2,1",
            "--ideal",
            "--limit",
            "100",
        ],
        // parts skipped as too large
        vec!["--filters", &fifty, "--strides", &ones, "--tree"],
        vec![
            "--filters",
            "3,3",
            "--strides",
            "2,1",
            "--equations",
            "--limit",
            "1",
            "--count-limit-bits",
            "10",
        ],
    ];
    for args in &cases {
        let mut a = args.clone();
        a.push("--json");
        let text = lcn(&a);
        let instance: Value = serde_json::from_str(&text).unwrap();
        assert_valid(&v, &instance, &format!("{args:?}"));
    }
    // batch lines, a bad one included
    let batch = dir.join("batch.txt");
    std::fs::write(&batch, "3,2/2,1\n2,x/1\n(2,2,2)/(1,2)\n").unwrap();
    let out = lcn(&["--batch", batch.to_str().unwrap(), "--tree"]);
    assert_eq!(out.lines().count(), 3);
    for line in out.lines() {
        let instance: Value = serde_json::from_str(line).unwrap();
        assert_valid(&v, &instance, line);
    }
    // a batch with the vanishing ideal: (3,2)/2 has one cubic, certified
    let out = lcn(&["--batch", batch.to_str().unwrap(), "--ideal"]);
    assert_eq!(out.lines().count(), 3);
    for line in out.lines() {
        let instance: Value = serde_json::from_str(line).unwrap();
        assert_valid(&v, &instance, line);
    }
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["ideal"]["degrees"]["3"], 1);
    assert_eq!(first["ideal"]["certified"], true);
    assert_eq!(
        first["ideal"]["h_vector"],
        serde_json::json!(["1", "1", "1"])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_schema_rejects_what_it_should() {
    // the schema is strict enough to catch a renamed key or a count as a number
    let v = validator();
    let good: Value =
        serde_json::from_str(&lcn(&["--filters", "3,2", "--strides", "2,1", "--json"])).unwrap();
    let mut renamed = good.clone();
    let counts = renamed["critical_point_counts"].take();
    renamed["critical_points_count"] = counts;
    assert!(!v.is_valid(&renamed));
    let mut number = good.clone();
    number["neurovariety"]["degree"] = serde_json::json!(3);
    assert!(!v.is_valid(&number));
    let mut reason = good;
    reason["equations"]["skipped"] = serde_json::json!("because");
    assert!(!v.is_valid(&reason));
}

/// Every property name in the schema.
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                out.extend(props.keys().cloned());
            }
            for x in map.values() {
                keys(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

#[test]
fn docs_json_md_documents_every_key() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let mut all = BTreeSet::new();
    keys(&schema, &mut all);
    assert!(all.len() > 50, "{all:?}");
    let missing: Vec<&String> = all
        .iter()
        .filter(|k| !DOC.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "keys not in docs/json.md: {missing:?}");
}
