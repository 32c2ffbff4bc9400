//! `lcn --batch FILE`: one report per architecture, as JSON Lines.
//!
//! Each non-empty line of the file is an architecture in either spelling of
//! `impl FromStr for Architecture` (`3,3,3/2,2,1` or `(3,3,3)/(2,2)`); `#`
//! starts a comment. The reports are built in parallel
//! ([`crate::parallel::par_map`]) and printed in the order of the lines, one
//! JSON object a line: the report's keys plus `line` (from 1) and `input`
//! (the architecture text). A line that cannot be read or built gives
//! `{"line": .., "input": .., "error": ..}` and the batch goes on.

use super::Bars;
use crate::parallel::par_map;
use crate::report::{Report, ReportRequest};
use crate::Architecture;
use serde_json::{json, Value};
use std::sync::Arc;

/// The JSON object for one line.
fn one(line: usize, input: &str, request: &ReportRequest) -> Value {
    let report = input
        .parse::<Architecture>()
        .and_then(|arch| Report::new(&arch, request));
    let mut object = match report.map(|r| serde_json::to_value(&r)) {
        Ok(Ok(Value::Object(map))) => map,
        Ok(Ok(_)) => serde_json::Map::new(),
        Ok(Err(e)) => json!({ "error": e.to_string() })
            .as_object()
            .cloned()
            .unwrap_or_default(),
        Err(e) => json!({ "error": e.to_string() })
            .as_object()
            .cloned()
            .unwrap_or_default(),
    };
    object.insert("line".into(), json!(line));
    object.insert("input".into(), json!(input));
    Value::Object(object)
}

/// The JSON Lines for the architectures in `text`.
pub(super) fn run(text: &str, request: &ReportRequest, bars: Option<&Arc<Bars>>) -> String {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split('#').next().unwrap_or("").trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let bar = bars.map(|b| b.counter("architectures", lines.len() as u64));
    let objects = par_map(&lines, 1, |&(line, input)| {
        let v = one(line, input, request);
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        v
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut out = String::new();
    for v in objects {
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}
