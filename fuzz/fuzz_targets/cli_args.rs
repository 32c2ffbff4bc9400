//! The `lcn` command line on arbitrary argument lists (split on NUL bytes):
//! exit status 0, 1 or 2, never a panic or a hang. Options that read files or
//! run long computations are filtered out, so the target exercises parsing,
//! validation and the report.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let args: Vec<&str> = text.split('\0').collect();
    // file input and the solver are fuzzed elsewhere (csv_training_data) or
    // are long by design
    if args.iter().any(|a| {
        [
            "--data",
            "--batch",
            "--output",
            "-o",
            "--critical",
            "--system",
            "--equations",
            "--generators",
            "--ideal",
            "--tree",
            "--start",
            "--save-start",
            "--shard",
            "merge",
            "completions",
        ]
        .iter()
        .any(|f| a.starts_with(f))
    }) {
        return;
    }
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = neurovariety::cli::run_with(
        std::iter::once("lcn").chain(args.iter().copied()),
        &mut out,
        &mut err,
    );
    assert!(code <= 2, "exit status {code}");
    if code == 2 {
        let first = String::from_utf8_lossy(&err);
        assert!(
            first.starts_with("error:") || first.is_empty() || first.contains("Usage"),
            "{first}"
        );
    }
});
