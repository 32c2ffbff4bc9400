//! The main job (`examples/lcn.rs`) on good and bad input: numbers from the math
//! note, the JSON keys, and exit status 2 with one `error:` line on bad input.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn binary() -> PathBuf {
    // tests live in target/<profile>/deps; cargo builds examples into target/<profile>/examples
    let exe = std::env::current_exe().expect("test executable path");
    let dir = exe
        .parent()
        .and_then(|p| p.parent())
        .expect("target profile directory");
    let bin = dir
        .join("examples")
        .join(format!("lcn{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} not built: run `cargo build --release --examples` first (the README's test command does)", bin.display());
    bin
}

fn run(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .output()
        .expect("run the example")
}

fn stdout(args: &[&str]) -> String {
    String::from_utf8(run(args).stdout).expect("UTF-8 output")
}

/// The flags for architecture `filters` / `strides` followed by `extra`.
fn args<'a>(filters: &'a str, strides: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--filters", filters, "--strides", strides];
    v.extend_from_slice(extra);
    v
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

#[test]
fn report_for_the_papers_architecture() {
    let out = run(&args("2,3,4,5", "2,2,2,1", &[]));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(2,3,4,5)/(2,2,2)"), "{text}");
    assert!(
        text.contains("2976084"),
        "C(2,3,4,5) = 2976084 from the math note: {text}"
    );
    assert!(text.contains("degree 12600"), "10!/(1!2!3!4!): {text}");
    let v = json(&args("2,3,4,5", "2,2,2,1", &["--json"]));
    assert_eq!(v["dilations"], serde_json::json!([1, 2, 4, 8]));
    assert_eq!(v["end_to_end_filter_size"], 50);
    assert_eq!(v["end_to_end_stride"], 8);
    assert_eq!(v["dimension"], 11);
    assert_eq!(v["degree"], "12600");
    assert_eq!(v["critical_points"]["parameter_space"], "2976084");
    assert_eq!(
        v["reduced"]["filter_sizes"],
        serde_json::json!([2, 3, 4, 5])
    );
    for key in [
        "filter_sizes",
        "strides",
        "dilations",
        "end_to_end_filter_size",
        "end_to_end_stride",
        "reduced",
        "dimension",
        "degree",
        "critical_points",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
}

#[test]
fn function_space_count_of_the_worked_example() {
    // (2,2,2)/(1,2): 34 in parameter space versus 10 in function space (math note, section 5)
    let v = json(&args("2,2,2", "1,2,1", &["--json"]));
    assert_eq!(v["critical_points"]["parameter_space"], "34");
    assert_eq!(v["critical_points"]["function_space"], "10");
    assert_eq!(v["reduced"]["filter_sizes"], serde_json::json!([3, 2]));
}

#[test]
fn generators_in_every_format() {
    // (3,2)/2: the single cubic of the math note
    let v = json(&args("3,2", "2,1", &["--json", "--generators"]));
    assert_eq!(
        v["generators"]["polynomials"],
        serde_json::json!(["c1*c2*c3-c0*c3^2-c1^2*c4"])
    );
    assert_eq!(
        v["generators"]["variables"],
        serde_json::json!(["c0", "c1", "c2", "c3", "c4"])
    );
    assert_eq!(v["generators"]["format"], "m2");
    let sympy = json(&args(
        "3,2",
        "2,1",
        &["--json", "--generators", "--format", "sympy"],
    ));
    assert_eq!(
        sympy["generators"]["polynomials"][0],
        "c1*c2*c3 - c0*c3**2 - c1**2*c4"
    );
    let out = stdout(&args(
        "3,2",
        "2,1",
        &["--generators", "--format", "singular"],
    ));
    assert!(out.contains("ring r = 0,(c0,c1,c2,c3,c4),dp;"), "{out}");
    let out = stdout(&args("3,2", "2,1", &["--generators", "--format", "latex"]));
    assert!(out.contains("c_{1} c_{2} c_{3}"), "{out}");
}

#[test]
fn factor_and_contains() {
    // (2x^2 + 5xy + 3y^2)(x^2 + 2y^2) = (2, 5, 7, 10, 6) over (3,2)/2
    let v = json(&args("3,2", "2,1", &["--json", "--factor", "2,5,7,10,6"]));
    let layers = v["factorization"].as_array().expect("a factorization");
    assert_eq!(layers.len(), 2);
    assert_eq!(layers[1].as_array().unwrap().len(), 2);
    let v = json(&args("3,2", "2,1", &["--json", "--factor", "1,1,0,0,1/2"]));
    assert!(v["factorization"].is_null());
    assert!(v["reason"]
        .as_str()
        .unwrap()
        .contains("not in the neurovariety"));
    let v = json(&args("3,2", "2,1", &["--json", "--contains", "1,1,0,0,1"]));
    assert_eq!(v["contains"], false);
    assert_eq!(v["failing_conditions"].as_array().unwrap().len(), 1);
    let v = json(&args("3,2", "2,1", &["--json", "--contains", "2,5,7,10,6"]));
    assert_eq!(v["contains"], true);
}

#[test]
fn tree_text_and_dot() {
    let out = stdout(&args("2,3,4,5", "2,2,2,1", &["--tree"]));
    for value in ["2976084", "12698", "38"] {
        assert!(
            out.contains(value),
            "merge tree value {value} (math note): {out}"
        );
    }
    let out = stdout(&args("2,3,4,5", "2,2,2,1", &["--tree", "--dot"]));
    assert!(out.contains("digraph"));
}

#[test]
fn bad_input_exits_2_with_one_error_line() {
    let cases: &[(&[&str], &str)] = &[
        (&args("2,x", "1,1", &[]), "--filters"),
        (&args("2,0", "1,1", &[]), "filter size of layer 1 is 0"),
        (&args("2,2", "0,1", &[]), "stride of layer 0 is 0"),
        (&args("2,2", "1", &[]), "length mismatch"),
        (&args("2,2", "18446744073709551615,1", &[]), "overflow"),
        (&args("2,99999999999999999999999", "1,1", &[]), "--filters"),
        (&args("20000000", "1", &[]), "too large"),
        (&args("3,2", "2,1", &["--factor", "1,2"]), "length mismatch"),
        (
            &args("3,2", "2,1", &["--contains", "1,2,3,4,5/0"]),
            "zero denominator",
        ),
        (
            &args("3,2", "2,1", &["--format", "maple", "--generators"]),
            "unknown format",
        ),
        (&["--filters", "3,2"], "required"),
        (&["--bogus"], "unknown argument"),
    ];
    for (args, needle) in cases {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error:"), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"));
    }
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8(help.stdout)
        .unwrap()
        .contains("--filters"));
}

#[test]
fn critical_points_are_found_certified_and_reported() {
    // (3,2)/2: C_(3,2) = 10 from the math note
    let v = json(&args(
        "3,2",
        "2,1",
        &["--critical-points", "--seed", "3", "--json"],
    ));
    let s = &v["critical_point_solutions"];
    assert_eq!(s["expected"], 10);
    assert_eq!(s["found"], 10);
    assert_eq!(s["certified"], 10);
    assert_eq!(s["complete"], true);
    assert!(s["real"].as_u64().unwrap() >= 1);
    assert!(s["global_minimum_loss"].as_f64().unwrap() >= 0.0);
    let sols = s["solutions"].as_array().unwrap();
    assert_eq!(sols.len(), 10);
    let real: Vec<_> = sols.iter().filter(|p| p["real"] == true).collect();
    assert_eq!(real.len() as u64, s["real"].as_u64().unwrap());
    // the reported minimum is the least loss among the real solutions
    let least = real
        .iter()
        .map(|p| p["loss"][0].as_f64().unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(least, s["global_minimum_loss"].as_f64().unwrap());
    assert!(sols
        .iter()
        .all(|p| p["certified"] == true && p["layers"].as_array().unwrap().len() == 2));
    // system_point: the solution in the unknowns of `--system` (same seed):
    // (3 - 1) free weights of the first layer, then the 2 of the last
    let z = sols[0]["system_point"].as_array().unwrap();
    assert_eq!(z.len(), (3 - 1) + 2);
    let best = s["global_minimum_system_point"].as_array().unwrap();
    assert!(
        best.iter().all(|x| x[1] == 0.0),
        "a real minimum has a real chart point"
    );
    let text = stdout(&args("3,2", "2,1", &["--critical-points"]));
    assert!(
        text.contains("found 10 of 10 expected, 10 certified"),
        "{text}"
    );
    assert!(text.contains("real global minimum loss"), "{text}");
}

#[test]
fn critical_points_on_training_data_from_csv() {
    // (2,2)/2: k = 4, S = 2; inputs of length 8 give 3 outputs: 11 columns
    let dir = std::env::temp_dir().join(format!("lcn-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("data.csv");
    let rows = [
        "1,0,2,1,0,3,1,2, 1,2,0",
        "0,1,1,0,2,1,0.5,-1, 0,1,1",
        "2,1,0,1,1,0,1/3,2, 1,-1,2",
        "1,1,1,2,0,1,3,1, 2,0,1",
    ];
    std::fs::write(&path, rows.join("\n")).unwrap();
    let p = path.to_str().unwrap();
    let v = json(&args(
        "2,2",
        "2,1",
        &["--critical-points", "--data", p, "--json"],
    ));
    let s = &v["critical_point_solutions"];
    assert_eq!(s["expected"], 6);
    assert_eq!(s["certified"], 6);
    // a wrong column count is a clear error, exit status 2
    std::fs::write(&path, "1,2,3\n").unwrap();
    let out = run(&args("2,2", "2,1", &["--critical-points", "--data", p]));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error:") && err.contains("CSV"), "{err}");
    let missing = ["--critical-points", "--data", "/nonexistent/x.csv"];
    assert_eq!(run(&args("2,2", "2,1", &missing)).status.code(), Some(2));
    assert_eq!(
        run(&args("2,2", "2,1", &["--seed", "x"])).status.code(),
        Some(2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gradient_system_export_for_other_solvers() {
    let text = stdout(&args("2,2", "2,1", &["--system", "phc"]));
    // N = 1 + (2 - 1) + (2 - 1) = 3 equations in x1..x3
    assert!(text.contains("\n3\n"), "{text}");
    assert_eq!(text.matches(';').count(), 3);
    let text = stdout(&args("2,2", "2,1", &["--system", "m2"]));
    assert!(text.contains("R = QQ[x1,x2,x3];"), "{text}");
}
