//! `lcn` with a saved start system: `--save-start`, `--start`, `--shard`
//! and `lcn merge`, run as separate processes. The counts `C_k` are those of
//! the math note (docs/mathematics.md): `C_(2,2) = 6`, `C_(3,2) = 10`; the
//! merged shards are compared with a direct monodromy run of the same loss.

mod common;

use common::{args, assert_usage_error, json, lcn, scratch};
use serde_json::Value;
use std::process::{Command, Stdio};

/// The end-to-end filters of the reported solutions (chart-independent),
/// sorted.
fn end_to_end(report: &Value) -> Vec<Vec<f64>> {
    let mut v: Vec<Vec<f64>> = report["critical_points"]["solutions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["end_to_end"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()])
                .collect()
        })
        .collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v
}

/// Every point of `a` is within relative distance 1e-6 of a point of `b`,
/// and the sets have the same size.
fn same_points(a: &[Vec<f64>], b: &[Vec<f64>]) {
    assert_eq!(a.len(), b.len());
    for p in a {
        let scale = p.iter().map(|x| x.abs()).fold(1.0, f64::max);
        let near = b.iter().any(|q| {
            p.iter()
                .zip(q)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f64::max)
                <= 1e-6 * scale
        });
        assert!(near, "{p:?} is not among {b:?}");
    }
}

fn assert_complete(report: &Value, count: u64) {
    let c = &report["critical_points"];
    assert_eq!(
        report["critical_point_counts"]["parameter_space"],
        count.to_string()
    );
    assert_eq!(c["expected"], count.to_string());
    assert_eq!(c["found"], count);
    assert_eq!(c["certified"], count);
    assert_eq!(c["complete"], true);
}

#[test]
fn shard_requires_start() {
    assert_usage_error(
        &args("3,2", "2,1", &["--critical-points", "--shard", "1/2"]),
        "--start",
    );
}

#[test]
fn start_and_save_start_require_critical_points() {
    assert_usage_error(
        &args("3,2", "2,1", &["--save-start", "s.txt"]),
        "--critical-points",
    );
    assert_usage_error(
        &args("3,2", "2,1", &["--start", "s.txt"]),
        "--critical-points",
    );
}

#[test]
fn save_start_conflicts_with_start() {
    assert_usage_error(
        &args(
            "3,2",
            "2,1",
            &["--critical-points", "--save-start", "a", "--start", "b"],
        ),
        "cannot be used with",
    );
}

#[test]
fn a_shard_prints_only_the_shard_file() {
    for extra in ["--json", "--equations", "--tree"] {
        assert_usage_error(
            &args(
                "3,2",
                "2,1",
                &["--critical-points", "--start", "s", "--shard", "1/2", extra],
            ),
            "cannot be used with",
        );
    }
}

#[test]
fn bad_shard_values_are_refused() {
    for bad in ["3/2", "0/2", "1/0", "x", "1/2/3"] {
        assert_usage_error(
            &args(
                "3,2",
                "2,1",
                &["--critical-points", "--start", "s", "--shard", bad],
            ),
            "--shard",
        );
    }
}

#[test]
fn merge_requires_start_and_shards_and_takes_no_architecture() {
    assert_usage_error(&["merge", "a.txt"], "--start");
    assert_usage_error(&["merge", "--start", "s.txt"], "SHARD");
    assert_usage_error(
        &[
            "--filters",
            "3,2",
            "--strides",
            "2,1",
            "merge",
            "--start",
            "s",
            "a",
        ],
        "cannot be used with",
    );
    assert_usage_error(
        &["merge", "--start", "/nonexistent/s.txt", "a.txt"],
        "/nonexistent/s.txt",
    );
}

#[test]
fn a_start_file_of_another_architecture_or_a_shard_file_is_refused() {
    let dir = scratch("solver-refuse");
    let start = dir.join("start.txt");
    let s = start.to_str().unwrap();
    lcn(&args(
        "2,2",
        "2,1",
        &["--critical-points", "--save-start", s],
    ));
    assert_usage_error(
        &args("3,2", "2,1", &["--critical-points", "--start", s]),
        "another architecture",
    );
    let shard = dir.join("shard.txt");
    let sh = shard.to_str().unwrap();
    lcn(&args(
        "2,2",
        "2,1",
        &[
            "--critical-points",
            "--start",
            s,
            "--shard",
            "1/1",
            "-o",
            sh,
        ],
    ));
    assert_usage_error(
        &args("2,2", "2,1", &["--critical-points", "--start", sh]),
        "neurovariety-start-system 1",
    );
    assert_usage_error(&["merge", "--start", sh, sh], "neurovariety-start-system");
    assert_usage_error(&["merge", "--start", s, s], "neurovariety-shard 1");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_saved_start_solves_training_data_by_c_k_paths() {
    // (2,2)/2: k = 4, S = 2; inputs of length 8 give 3 outputs: 11 columns
    let dir = scratch("solver-data");
    let data = dir.join("data.csv");
    let rows = [
        "1,0,2,1,0,3,1,2, 1,2,0",
        "0,1,1,0,2,1,0.5,-1, 0,1,1",
        "2,1,0,1,1,0,1/3,2, 1,-1,2",
        "1,1,1,2,0,1,3,1, 2,0,1",
    ];
    std::fs::write(&data, rows.join("\n")).unwrap();
    let d = data.to_str().unwrap();
    let start = dir.join("start.txt");
    let s = start.to_str().unwrap();
    // solve the start system (monodromy) and track it to the random loss of seed 2
    let saved = json(&args(
        "2,2",
        "2,1",
        &[
            "--critical-points",
            "--seed",
            "2",
            "--save-start",
            s,
            "--json",
        ],
    ));
    assert_complete(&saved, 6);
    let text = std::fs::read_to_string(&start).unwrap();
    assert!(text.starts_with("neurovariety-start-system 1\n"), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("solution ")).count(),
        6
    );
    // the report counts the monodromy paths too
    assert!(saved["critical_points"]["paths_tracked"].as_u64().unwrap() > 6);
    // two datasets from the saved start: about C_k = 6 paths each
    let from_data = json(&args(
        "2,2",
        "2,1",
        &["--critical-points", "--data", d, "--start", s, "--json"],
    ));
    assert_complete(&from_data, 6);
    // C_k paths, plus a retry for a path that clashed or failed (here: 1)
    let paths = from_data["critical_points"]["paths_tracked"]
        .as_u64()
        .unwrap();
    assert!((6..=12).contains(&paths), "{paths} paths");
    assert_eq!(from_data["critical_points"]["loops"], 0);
    assert_eq!(
        from_data["critical_points"]["data"]["kind"],
        "training_data"
    );
    let direct = json(&args(
        "2,2",
        "2,1",
        &["--critical-points", "--data", d, "--json"],
    ));
    assert_complete(&direct, 6);
    same_points(&end_to_end(&from_data), &end_to_end(&direct));
    let from_random = json(&args(
        "2,2",
        "2,1",
        &["--critical-points", "--seed", "9", "--start", s, "--json"],
    ));
    assert_complete(&from_random, 6);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_shards_in_two_lcn_processes_merge_to_one_run() {
    let dir = scratch("solver-shards");
    let start = dir.join("start.txt");
    let s = start.to_str().unwrap();
    lcn(&args(
        "3,2",
        "2,1",
        &[
            "--critical-points",
            "--seed",
            "3",
            "--save-start",
            s,
            "--quiet",
        ],
    ));
    // the two shards run at the same time, as two processes
    let files: Vec<String> = (1..=2)
        .map(|i| dir.join(format!("shard{i}.txt")).display().to_string())
        .collect();
    let children: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, out)| {
            let shard = format!("{}/2", i + 1);
            Command::new(env!("CARGO_BIN_EXE_lcn"))
                .args(args(
                    "3,2",
                    "2,1",
                    &[
                        "--critical-points",
                        "--seed",
                        "5",
                        "--start",
                        s,
                        "--shard",
                        &shard,
                        "--output",
                        out,
                    ],
                ))
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("run lcn")
        })
        .collect();
    for child in children {
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(o.stdout.is_empty(), "--output: nothing on stdout");
    }
    for (i, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(text.starts_with("neurovariety-shard 1\n"), "{text}");
        assert!(text.contains(&format!("\nshard {}/2\n", i + 1)), "{text}");
        // 10 start solutions split 5 + 5
        assert_eq!(
            text.lines().filter(|l| l.starts_with("certified ")).count(),
            5
        );
    }
    // merged in either order (the seed is read from the shard files)
    let mut merge = vec!["merge", "--start", s, "--json"];
    merge.extend(files.iter().rev().map(String::as_str));
    let merged = json(&merge);
    assert_complete(&merged, 10);
    let paths = merged["critical_points"]["paths_tracked"].as_u64().unwrap();
    assert!(
        (10..=20).contains(&paths),
        "{paths} paths: C_k plus retries"
    );
    assert_eq!(
        merged["critical_points"]["data"],
        serde_json::json!({"kind": "random", "seed": 5})
    );
    // the same points as one direct (monodromy) run on the same loss
    let direct = json(&args(
        "3,2",
        "2,1",
        &["--critical-points", "--seed", "5", "--json"],
    ));
    assert_complete(&direct, 10);
    same_points(&end_to_end(&merged), &end_to_end(&direct));
    // the text report says so too
    let text = lcn(&["merge", "--start", s, &files[0], &files[1]]);
    assert!(
        text.contains("found 10 of 10 expected, 10 certified"),
        "{text}"
    );
    // a missing or repeated shard, or another loss, is refused
    assert_usage_error(&["merge", "--start", s, &files[0]], "shard 2/2 is missing");
    assert_usage_error(
        &["merge", "--start", s, &files[0], &files[0]],
        "appears twice",
    );
    assert_usage_error(
        &["merge", "--start", s, "--seed", "6", &files[0], &files[1]],
        "do not form one run",
    );
    let _ = std::fs::remove_dir_all(&dir);
}
