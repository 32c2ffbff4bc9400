//! Helpers shared by the tests that run the `lcn` binary.

#![allow(dead_code)] // each test file uses a subset

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs `lcn` with `args`.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lcn"))
        .args(args)
        .output()
        .expect("run lcn")
}

/// What `lcn args` prints on stdout; panics with its stderr if it fails.
pub fn lcn(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A scratch directory for this test process.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lcn-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The flags for architecture `filters` / `strides` followed by `extra`.
pub fn args<'a>(filters: &'a str, strides: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--filters", filters, "--strides", strides];
    v.extend_from_slice(extra);
    v
}

/// What `lcn args` prints, parsed as one JSON object.
pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&lcn(args)).expect("one JSON object")
}

/// Asserts exit status 2, a first stderr line starting `error:` that
/// contains `needle`, no panic and nothing on stdout.
pub fn assert_usage_error(args: &[&str], needle: &str) {
    let out = run(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    let first = err.lines().next().unwrap_or("");
    assert!(first.starts_with("error:"), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: wanted {needle:?} in {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: printed to stdout");
}
