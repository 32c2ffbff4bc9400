//! The `lcn` binary on good and bad input: numbers from
//! docs/mathematics.md, the JSON keys of docs/json.md, exports that contain
//! only the export, and exit status 2 with an `error:` first line for every
//! misuse.

mod common;

use common::{args, assert_usage_error, json, lcn, run, scratch};
use serde_json::{json, Value};
use std::process::Command;
use std::time::{Duration, Instant};

fn stdout(args: &[&str]) -> String {
    lcn(args)
}

#[test]
fn report_for_the_papers_architecture() {
    let text = stdout(&args("2,3,4,5", "2,2,2,1", &[]));
    assert!(text.contains("(2,3,4,5)/(2,2,2)"), "{text}");
    assert!(
        text.contains("2976084"),
        "C(2,3,4,5) = 2976084 from docs/mathematics.md: {text}"
    );
    assert!(text.contains("degree 12600"), "10!/(1!2!3!4!): {text}");
    assert!(
        text.contains("(6,1,1,1,6)"),
        "fully connected comparison: {text}"
    );
    let v = json(&args("2,3,4,5", "2,2,2,1", &["--json"]));
    assert_eq!(v["schema_version"], 1);
    let a = &v["architecture"];
    assert_eq!(a["notation"], "(2,3,4,5)/(2,2,2)");
    assert_eq!(a["dilations"], json!([1, 2, 4, 8]));
    assert_eq!(a["end_to_end_filter_size"], 50);
    assert_eq!(a["end_to_end_stride"], 8);
    assert_eq!(v["neurovariety"]["dimension"], 11);
    assert_eq!(v["neurovariety"]["degree"], "12600");
    assert_eq!(v["critical_point_counts"]["parameter_space"], "2976084");
    assert_eq!(v["reduced"]["filter_sizes"], json!([2, 3, 4, 5]));
    // the comparison of docs/mathematics.md: (6,1,1,1,6) with C(6,1) = 6
    let cmp = &v["fully_connected_comparison"];
    assert_eq!(cmp["fully_connected"][0]["widths"], json!([6, 1, 1, 1, 6]));
    assert_eq!(cmp["fully_connected"][0]["critical_points"], "6");
    // nothing else is computed without being asked for
    for part in [
        "equations",
        "merge_tree",
        "factorization",
        "membership",
        "critical_points",
    ] {
        assert_eq!(v[part]["skipped"], "not_requested", "{part}");
    }
}

#[test]
fn function_space_count_of_the_worked_example() {
    // (2,2,2)/(1,2): 34 in parameter space versus 10 in function space (docs/mathematics.md, section 6)
    let v = json(&args("2,2,2", "1,2,1", &["--json"]));
    assert_eq!(v["critical_point_counts"]["parameter_space"], "34");
    assert_eq!(v["critical_point_counts"]["function_space"], "10");
    assert_eq!(v["reduced"]["filter_sizes"], json!([3, 2]));
}

#[test]
fn the_plain_report_computes_closed_forms_only_and_is_fast() {
    // issue 11, defect 6: these took over 60 s when the plain report built equations
    let sixteen = vec!["2"; 16].join(",");
    let stride2 = vec!["2"; 16].join(",");
    let cases: Vec<Vec<&str>> = vec![
        args("9,9", "2,1", &["--json"]),
        args(&sixteen, &stride2, &["--json"]),
        args("10000,10000", "2,1", &["--json"]),
    ];
    for a in &cases {
        let start = Instant::now();
        let v = json(a);
        // generous: the point is seconds, not minutes (typically ~10 ms)
        assert!(start.elapsed() < Duration::from_secs(20), "{a:?}");
        assert_eq!(v["equations"]["skipped"], "not_requested");
    }
    // (9,9)/2: degree C(16,8) = 12870
    assert_eq!(json(&cases[0])["neurovariety"]["degree"], "12870");
    // sixteen layers of size 2: degree 16! (Segre (P^1)^16)
    assert_eq!(json(&cases[1])["neurovariety"]["degree"], "20922789888000");
    // a count over the bit limit is skipped with its exact size and the
    // option that raises the limit, exit 0 (C of eight layers of size 60 has
    // 1,816 bits)
    let v = json(&args(
        "60,60,60,60,60,60,60,60",
        "2,2,2,2,2,2,2,1",
        &["--json", "--count-limit-bits", "1000"],
    ));
    let skipped = &v["critical_point_counts"]["parameter_space"];
    assert_eq!(skipped["skipped"], "too_large", "{v}");
    let reason = skipped["reason"].as_str().unwrap();
    assert!(reason.contains("--count-limit-bits"), "{reason}");
    assert!(reason.contains("exceeds the limit 1000"), "{reason}");
    assert_eq!(v["fully_connected_comparison"]["skipped"], "too_large");
    // with the default limits it is computed, and so is C_k of 50 layers at
    // stride 2 (sizes 5..21, 1,115 digits: tests/fixtures/ck_50_layers.txt)
    let v = json(&args(
        "60,60,60,60,60,60,60,60",
        "2,2,2,2,2,2,2,1",
        &["--json"],
    ));
    assert!(
        v["critical_point_counts"]["parameter_space"].is_string(),
        "{v}"
    );
    let sizes: Vec<String> = (0..50).map(|l| (5 + l % 17).to_string()).collect();
    let start = Instant::now();
    let v = json(&args(
        &sizes.join(","),
        &vec!["2"; 50].join(","),
        &["--json"],
    ));
    let elapsed = start.elapsed();
    let want = include_str!("fixtures/ck_50_layers.txt").trim();
    assert_eq!(v["critical_point_counts"]["parameter_space"], want);
    assert_eq!(v["critical_point_counts"]["function_space"], want);
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}"); // about 0.1 s; generous for a loaded machine
}

#[test]
fn fifty_layers_every_closed_form_part_and_why_the_rest_is_skipped() {
    // issue 11, defect 7: 50 layers at stride 2 have about 8.5e15 coordinates;
    // dimension, degree and counts need none, the equations refuse, exit 0
    let filters: Vec<&str> = (0..50).map(|i| ["5", "12", "2"][i % 3]).collect();
    let (f, s) = (filters.join(","), vec!["2"; 50].join(","));
    let v = json(&args(&f, &s, &["--json", "--equations", "--tree"]));
    let nv = &v["neurovariety"];
    // 1 + 17 * 4 + 17 * 11 + 16 * 1 = 272
    assert_eq!(nv["dimension"], 272);
    assert!(nv["degree"].is_string(), "{nv}");
    assert_eq!(
        v["architecture"]["end_to_end_filter_size"],
        8524670723237007u64
    );
    assert!(v["critical_point_counts"]["parameter_space"].is_string());
    assert_eq!(v["equations"]["skipped"], "too_large");
    assert!(v["equations"]["reason"]
        .as_str()
        .unwrap()
        .contains("no option raises this limit"));
    assert_eq!(v["merge_tree"]["skipped"], "too_large");
}

#[test]
fn generators_export_is_only_the_export() {
    // (3,2)/2: the single cubic of docs/mathematics.md
    let m2 = stdout(&args("3,2", "2,1", &["--generators"]));
    assert_eq!(
        m2,
        "R = QQ[c0,c1,c2,c3,c4];\nI = ideal(\n  c1*c2*c3-c0*c3^2-c1^2*c4\n);\n"
    );
    let singular = stdout(&args("3,2", "2,1", &["--generators", "--format=singular"]));
    assert_eq!(
        singular,
        "ring r = 0,(c0,c1,c2,c3,c4),dp;\nideal I =\n  c1*c2*c3-c0*c3^2-c1^2*c4;\n"
    );
    let sympy = stdout(&args("3,2", "2,1", &["--generators", "--format", "sympy"]));
    assert!(sympy.starts_with("from sympy import symbols\n"), "{sympy}");
    assert!(sympy.contains("c1*c2*c3 - c0*c3**2 - c1**2*c4"), "{sympy}");
    let latex = stdout(&args("3,2", "2,1", &["--generators", "--format", "latex"]));
    assert!(latex.starts_with("\\begin{align*}"), "{latex}");
    assert!(latex.contains("c_{1} c_{2} c_{3}"), "{latex}");
    // --output writes the same bytes to a file and nothing to stdout
    let dir = scratch("output");
    let file = dir.join("ideal.m2");
    let out = stdout(&args(
        "3,2",
        "2,1",
        &["--generators", "--output", file.to_str().unwrap()],
    ));
    assert!(out.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), m2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn equations_in_the_report() {
    // (3,3)/2: four cubics (Macaulay2, docs/mathematics.md, section 4)
    let v = json(&args("3,3", "2,1", &["--json", "--equations"]));
    let e = &v["equations"];
    assert_eq!(e["count"], 4);
    assert_eq!(e["minimal"], true);
    assert_eq!(
        e["by_degree"],
        json!([{"degree": 3, "kind": "subresultant", "count": 4}])
    );
    assert_eq!(e["variables"].as_array().unwrap().len(), 7);
    assert_eq!(e["polynomials"].as_array().unwrap().len(), 4);
    let text = stdout(&args("3,3", "2,1", &["--equations"]));
    assert!(
        text.contains("4 minimal generators (zero set = V): 4 of degree 3 (subresultant)"),
        "{text}"
    );
    // over the work limit: skipped, with the option that raises it
    let v = json(&args(
        "3,3",
        "2,1",
        &["--json", "--equations", "--limit", "1"],
    ));
    assert_eq!(v["equations"]["skipped"], "too_large");
    assert!(v["equations"]["reason"]
        .as_str()
        .unwrap()
        .contains("--limit"));
}

#[test]
fn factor_and_contains() {
    // (2x^2 + 5xy + 3y^2)(x^2 + 2y^2) = (2, 5, 7, 10, 6) over (3,2)/2
    let v = json(&args("3,2", "2,1", &["--json", "--factor", "2,5,7,10,6"]));
    let f = &v["factorization"];
    assert_eq!(f["status"], "factored");
    let layers = f["layers"].as_array().expect("a factorization");
    assert_eq!(layers.len(), 2);
    assert_eq!(layers[1].as_array().unwrap().len(), 2);
    let v = json(&args("3,2", "2,1", &["--json", "--factor", "1,1,0,0,1/2"]));
    assert_eq!(v["factorization"]["status"], "none");
    assert!(v["factorization"]["layers"].is_null());
    assert!(v["factorization"]["reason"]
        .as_str()
        .unwrap()
        .contains("not in the neurovariety"));
    let v = json(&args("3,2", "2,1", &["--json", "--contains", "1,1,0,0,1"]));
    assert_eq!(v["membership"]["contains"], false);
    assert_eq!(
        v["membership"]["failing_conditions"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let v = json(&args("3,2", "2,1", &["--json", "--contains=2,5,7,10,6"]));
    assert_eq!(v["membership"]["contains"], true);
    let text = stdout(&args("3,2", "2,1", &["--contains", "-1,0,0,0,0"]));
    assert!(text.contains("in the neurovariety"), "{text}");
}

#[test]
fn merge_tree_as_nodes_and_edges_text_and_dot() {
    let v = json(&args("2,3,4,5", "2,2,2,1", &["--tree", "--json"]));
    let t = &v["merge_tree"];
    let nodes = t["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 8); // 2^(4-1)
    assert_eq!(nodes[0]["filter_sizes"], json!([2, 3, 4, 5]));
    assert_eq!(nodes[0]["critical_points"], "2976084");
    let c = |sizes: Value| {
        nodes.iter().find(|n| n["filter_sizes"] == sizes).unwrap()["critical_points"].clone()
    };
    // the paper's Figure 1 values (docs/mathematics.md, section 6)
    assert_eq!(c(json!([2, 3, 8])), "12698");
    assert_eq!(c(json!([2, 10])), "38");
    assert_eq!(c(json!([11])), "1");
    // every edge is one merge: the child has one layer fewer
    for e in t["edges"].as_array().unwrap() {
        let (a, b) = (
            e["from"].as_u64().unwrap() as usize,
            e["to"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            nodes[a]["filter_sizes"].as_array().unwrap().len(),
            nodes[b]["filter_sizes"].as_array().unwrap().len() + 1
        );
    }
    let text = stdout(&args("2,3,4,5", "2,2,2,1", &["--tree"]));
    for value in ["2976084", "12698", "38"] {
        assert!(text.contains(value), "merge tree value {value}: {text}");
    }
    let dot = stdout(&args("2,3,4,5", "2,2,2,1", &["--tree", "--dot"]));
    assert!(dot.starts_with("digraph"), "{dot}");
    // too many layers: the tree part says why, exit 0
    let fifty = vec!["2"; 50].join(",");
    let ones = vec!["1"; 50].join(",");
    let v = json(&args(&fifty, &ones, &["--tree", "--json"]));
    assert_eq!(v["merge_tree"]["skipped"], "too_large");
    assert!(v["merge_tree"]["reason"].as_str().unwrap().contains("2^49"));
}

#[test]
fn bad_values_exit_2_with_an_error_line() {
    let cases: &[(&[&str], &str)] = &[
        (&args("2,x", "1,1", &[]), "--filters"),
        (&args("2,0", "1,1", &[]), "filter size of layer 2 is 0"),
        (&args("2,2", "0,1", &[]), "stride of layer 1 is 0"),
        (&args("2,2", "1", &[]), "length mismatch"),
        (&args("2,2", "18446744073709551615,1", &[]), "overflow"),
        (&args("2,99999999999999999999999", "1,1", &[]), "--filters"),
        (&args("3,2", "2,1", &["--factor", "1,2"]), "length mismatch"),
        (
            &args("3,2", "2,1", &["--contains", "1,2,3,4,5/0"]),
            "--contains",
        ),
        (
            &args("3,2", "2,1", &["--format", "maple", "--generators"]),
            "maple",
        ),
        (
            &args("3,2", "2,1", &["--seed", "x", "--critical-points"]),
            "--seed",
        ),
        (&["--filters", "3,2"], "--strides"),
        (&["--bogus"], "--bogus"),
        (&[], "--filters"),
    ];
    for (a, needle) in cases {
        assert_usage_error(a, needle);
    }
}

// Issue 11, defect 8: each misuse below was accepted silently (exit 0).

#[test]
fn dot_requires_tree() {
    assert_usage_error(&args("2,2", "2,1", &["--dot"]), "--tree");
}

#[test]
fn data_requires_critical_points_or_system() {
    assert_usage_error(
        &args("2,2", "2,1", &["--data", "x.csv"]),
        "--critical-points",
    );
}

#[test]
fn seed_requires_critical_points_or_system() {
    assert_usage_error(&args("2,2", "2,1", &["--seed", "3"]), "--critical-points");
}

#[test]
fn format_requires_generators() {
    assert_usage_error(&args("2,2", "2,1", &["--format", "m2"]), "--generators");
}

#[test]
fn limit_requires_equations_or_generators() {
    assert_usage_error(&args("2,2", "2,1", &["--limit", "5"]), "--equations");
}

#[test]
fn tree_limit_requires_tree() {
    assert_usage_error(&args("2,2", "2,1", &["--tree-limit", "5"]), "--tree");
}

#[test]
fn max_input_bytes_requires_a_file_input() {
    assert_usage_error(&args("2,2", "2,1", &["--max-input-bytes", "5"]), "--data");
}

#[test]
fn a_repeated_flag_is_an_error() {
    assert_usage_error(
        &args("2,2", "2,1", &["--json", "--json"]),
        "cannot be used multiple times",
    );
    assert_usage_error(
        &["--filters", "2,2", "--filters", "3,3", "--strides", "2,1"],
        "cannot be used multiple times",
    );
    assert_usage_error(
        &args("2,2", "2,1", &["--factor", "1,2,3,4", "--factor=1,2,3,4"]),
        "cannot be used multiple times",
    );
}

#[test]
fn an_export_with_the_json_report_is_an_error() {
    assert_usage_error(
        &args("2,2", "2,1", &["--generators", "--json"]),
        "cannot be used with",
    );
    assert_usage_error(
        &args("2,2", "2,1", &["--tree", "--dot", "--json"]),
        "cannot be used with",
    );
    assert_usage_error(
        &args("2,2", "2,1", &["--system", "phc", "--json"]),
        "cannot be used with",
    );
}

#[test]
fn two_exports_at_once_are_an_error() {
    assert_usage_error(
        &args("2,2", "2,1", &["--generators", "--system", "phc"]),
        "cannot be used with",
    );
    assert_usage_error(
        &args("2,2", "2,1", &["--tree", "--dot", "--generators"]),
        "cannot be used with",
    );
}

#[test]
fn an_export_with_a_report_part_is_an_error() {
    assert_usage_error(
        &args("2,2", "2,1", &["--generators", "--factor", "1,2,3,4"]),
        "cannot be used with",
    );
    assert_usage_error(
        &args("2,2", "2,1", &["--system", "m2", "--critical-points"]),
        "cannot be used with",
    );
}

#[test]
fn batch_with_an_architecture_is_an_error() {
    assert_usage_error(
        &["--batch", "x.txt", "--filters", "2,2", "--strides", "2,1"],
        "cannot be used with",
    );
}

#[test]
fn version_help_and_completions() {
    let v = stdout(&["--version"]);
    assert_eq!(v, format!("lcn {}\n", env!("CARGO_PKG_VERSION")));
    let help = stdout(&["--help"]);
    for flag in [
        "--filters",
        "--batch",
        "--generators",
        "--quiet",
        "--output",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    let bash = stdout(&["completions", "bash"]);
    assert!(bash.contains("_lcn()"), "{bash}");
    assert!(bash.contains("--critical-points"), "{bash}");
    assert_usage_error(&["completions", "tcsh"], "tcsh");
}

#[test]
fn critical_points_are_found_certified_and_reported() {
    // (3,2)/2: C_(3,2) = 10 from docs/mathematics.md
    let v = json(&args(
        "3,2",
        "2,1",
        &["--critical-points", "--seed", "3", "--json"],
    ));
    let s = &v["critical_points"];
    assert_eq!(s["expected"], "10");
    assert_eq!(s["found"], 10);
    assert_eq!(s["certified"], 10);
    assert_eq!(s["complete"], true);
    assert_eq!(s["data"], json!({"kind": "random", "seed": 3}));
    assert!(s["real"].as_u64().unwrap() >= 1);
    let best = &s["best_real"];
    assert_eq!(best["is_global_minimum"], true);
    assert!(best["loss"].as_f64().unwrap() >= 0.0);
    let sols = s["solutions"].as_array().unwrap();
    assert_eq!(sols.len(), 10);
    let real: Vec<_> = sols.iter().filter(|p| p["real"] == true).collect();
    assert_eq!(real.len() as u64, s["real"].as_u64().unwrap());
    // the reported minimum is the least loss among the real solutions
    let least = real
        .iter()
        .map(|p| p["loss"][0].as_f64().unwrap())
        .fold(f64::INFINITY, f64::min);
    assert_eq!(least, best["loss"].as_f64().unwrap());
    assert!(sols
        .iter()
        .all(|p| p["certified"] == true && p["layers"].as_array().unwrap().len() == 2));
    // system_point: the solution in the unknowns of `--system` (same seed):
    // (3 - 1) free weights of the first layer, then the 2 of the last
    let z = sols[0]["system_point"].as_array().unwrap();
    assert_eq!(z.len(), (3 - 1) + 2);
    let bz = best["system_point"].as_array().unwrap();
    assert!(
        bz.iter().all(|x| x[1] == 0.0),
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
    let dir = scratch("data");
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
    let s = &v["critical_points"];
    assert_eq!(s["expected"], "6");
    assert_eq!(s["certified"], 6);
    assert_eq!(s["data"], json!({"kind": "training_data", "source": p}));
    // a wrong column count is a clear error, exit status 2
    std::fs::write(&path, "1,2,3\n").unwrap();
    assert_usage_error(
        &args("2,2", "2,1", &["--critical-points", "--data", p]),
        "CSV",
    );
    assert_usage_error(
        &args(
            "2,2",
            "2,1",
            &["--critical-points", "--data", "/nonexistent/x.csv"],
        ),
        "/nonexistent/x.csv",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn data_from_a_device_or_a_directory_is_refused() {
    // issue 11, defect 5: `--data /dev/zero` read forever
    for path in ["/dev/zero", "/dev/urandom", "/tmp"] {
        if std::path::Path::new(path).exists() {
            let start = Instant::now();
            assert_usage_error(
                &args("2,2", "2,1", &["--critical-points", "--data", path]),
                "not a regular file",
            );
            assert!(start.elapsed() < Duration::from_secs(10));
        }
    }
}

#[test]
fn data_over_the_size_limit_is_refused_and_the_limit_can_be_raised() {
    let dir = scratch("limit");
    let path = dir.join("data.csv");
    // (2)/1: inputs of length 3, outputs of length 2
    std::fs::write(&path, "1,0,2,1,4\n0,1,1,2,4\n1,1,0,3,1\n").unwrap();
    let p = path.to_str().unwrap();
    let small = ["--critical-points", "--data", p, "--max-input-bytes", "10"];
    assert_usage_error(&args("2", "1", &small), "larger than 10 bytes");
    let big = [
        "--critical-points",
        "--data",
        p,
        "--max-input-bytes",
        "1000",
        "--json",
    ];
    let v = json(&args("2", "1", &big));
    assert_eq!(v["critical_points"]["expected"], "1");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gradient_system_export_for_other_solvers() {
    let text = stdout(&args("2,2", "2,1", &["--system", "phc"]));
    // N = 1 + (2 - 1) + (2 - 1) = 3 equations in x1..x3, and nothing else
    assert!(text.starts_with("3\n"), "{text}");
    assert_eq!(text.matches(';').count(), 3);
    let text = stdout(&args("2,2", "2,1", &["--system", "m2"]));
    assert!(text.starts_with("R = QQ[x1,x2,x3];"), "{text}");
}

#[test]
fn batch_reports_each_line_and_survives_a_bad_one() {
    let dir = scratch("batch");
    let path = dir.join("archs.txt");
    std::fs::write(
        &path,
        "# the paper's architecture\n3,2/2,1\n\n(2,2,2)/(1,2)  # the worked example\n2,x/1,1\n2,3,4,5/2,2,2,1\n",
    )
    .unwrap();
    let out = stdout(&["--batch", path.to_str().unwrap()]);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines.iter().map(|v| v["line"].clone()).collect::<Vec<_>>(),
        [json!(2), json!(4), json!(5), json!(6)]
    );
    assert_eq!(lines[0]["input"], "3,2/2,1");
    assert_eq!(lines[0]["critical_point_counts"]["parameter_space"], "10");
    assert_eq!(lines[1]["critical_point_counts"]["parameter_space"], "34");
    assert_eq!(lines[1]["critical_point_counts"]["function_space"], "10");
    assert!(lines[2]["error"].as_str().unwrap().contains("\"x\""));
    assert!(lines[2].get("schema_version").is_none());
    assert_eq!(lines[3]["neurovariety"]["degree"], "12600");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_input_is_bounded_too() {
    assert_usage_error(&["--batch", "/dev/zero"], "not a regular file");
}

#[test]
fn no_progress_output_on_a_pipe() {
    // stderr is a pipe here: no bars, no escape codes, nothing at all
    let out = run(&args("3,3,3", "2,2,1", &["--equations"]));
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs `lcn args` under `script` (a pseudo-terminal for stdin, stdout and
/// stderr; stdout redirected to /dev/null inside) and returns what the
/// terminal showed, or `None` when `script` is not installed.
fn on_a_terminal(args: &str) -> Option<String> {
    let dir = scratch("tty");
    let log = dir.join("typescript");
    // timeout: a hang (as when the bars once waited for a held stderr lock) fails
    let cmd = format!(
        "timeout 60 {} {args} > /dev/null",
        env!("CARGO_BIN_EXE_lcn")
    );
    let status = Command::new("script")
        .args(["-q", "-e", "-c", &cmd])
        .arg(&log)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .status();
    let shown = match status {
        Ok(s) => {
            assert!(s.success(), "{cmd}");
            String::from_utf8_lossy(&std::fs::read(&log).unwrap()).into_owned()
        }
        Err(_) => {
            println!("script (util-linux) is not installed: terminal test skipped");
            return None;
        }
    };
    let _ = std::fs::remove_dir_all(&dir);
    Some(shown)
}

#[test]
fn progress_bars_on_a_terminal_and_quiet_silences_them() {
    // (3,3,3)/(2,2): the minimality test runs in blocks of degrees 3 and 4;
    // this hung once when the stderr lock was held while the bars drew
    let Some(shown) = on_a_terminal("--filters 3,3,3 --strides 2,2,1 --equations") else {
        return;
    };
    assert!(shown.contains("equations ["), "{shown}");
    let quiet = on_a_terminal("--filters 3,3,3 --strides 2,2,1 --equations --quiet").unwrap();
    assert!(!quiet.contains("equations ["), "{quiet}");
}

#[test]
fn ideal_export_and_json() {
    // (3,3,2)/(2,2): I(V) has 26 cubics and 3 quartics (Macaulay2 kernel,
    // tests/fixtures/vanishing_ideals.json); the equations alone give 47
    let m2 = stdout(&args("3,3,2", "2,2,1", &["--ideal"]));
    assert!(m2.starts_with("R = QQ[c0,c1,"), "{m2}");
    assert_eq!(m2.matches(",\n").count() + 1, 29, "{m2}");
    let singular = stdout(&args(
        "3,3,2",
        "2,2,1",
        &["--ideal", "--format", "singular"],
    ));
    assert!(singular.starts_with("ring r = 0,(c0,"));
    let sympy = stdout(&args("3,3,2", "2,2,1", &["--ideal", "--format=sympy"]));
    assert!(sympy.starts_with("from sympy import symbols\n"));
    let latex = stdout(&args("3,3,2", "2,2,1", &["--ideal", "--format", "latex"]));
    assert!(latex.contains("g_{29} &= "));
    let v = json(&args("3,3,2", "2,2,1", &["--ideal", "--json"]));
    let i = &v["ideal"];
    assert_eq!(i["degrees"], json!({"3": 26, "4": 3}));
    assert_eq!(i["certified"], true);
    assert_eq!(i["cohen_macaulay"], true);
    assert_eq!(i["h_vector"], json!(["1", "5", "15", "9"]));
    assert_eq!(i["regularity"], 3);
    assert_eq!(i["polynomials"].as_array().unwrap().len(), 29);
    assert_eq!(i["verdict"], "certified");
    assert_eq!(i["certified_by"], "Artinian reduction");
    assert_eq!(i["hilbert_numerator"], json!(["1", "5", "15", "9"]));
    // (4,3)/3 is not Cohen–Macaulay: certified by elimination, with the
    // Hilbert series numerator of Macaulay2 (a negative coefficient)
    let v = json(&args(
        "4,3",
        "3,1",
        &["--ideal", "--json", "--degree-bound", "3"],
    ));
    let i = &v["ideal"];
    assert_eq!(i["degrees"], json!({"2": 3, "3": 12}));
    assert_eq!(i["certified"], true);
    assert_eq!(i["certified_by"], "elimination");
    assert_eq!(i["cohen_macaulay"], false);
    assert_eq!(i["through_degree"], 3);
    assert_eq!(i["h_vector"], Value::Null);
    assert_eq!(i["hilbert_numerator"], json!(["1", "4", "7", "-2"]));
    // a time budget that runs out: an honest "undecided", what was proven kept
    let v = json(&args(
        "3,3,3",
        "2,2,1",
        &["--ideal", "--json", "--time-budget", "0.000001"],
    ));
    let i = &v["ideal"];
    assert_eq!(i["verdict"], "undecided");
    assert_eq!(i["certified"], false);
    assert!(i["certificate"]
        .as_str()
        .unwrap()
        .starts_with("undecided: stopped after degree"));
}

#[test]
fn ideal_misuse_is_an_error() {
    assert_usage_error(&args("3,2", "2,1", &["--degree-bound", "3"]), "--ideal");
    assert_usage_error(
        &args("3,2", "2,1", &["--ideal", "--generators"]),
        "cannot be used with",
    );
    assert_usage_error(
        &args("3,2", "2,1", &["--ideal", "--tree"]),
        "cannot be used with",
    );
    assert_usage_error(
        &args("3,2", "2,1", &["--ideal", "--json", "--format", "m2"]),
        "cannot be used with",
    );
    assert_usage_error(&args("3,2", "2,1", &["--format", "m2"]), "--generators");
}
