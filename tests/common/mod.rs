//! Helpers shared by the tests that run the `lcn` binary.

#![allow(dead_code)] // each test file uses a subset

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
