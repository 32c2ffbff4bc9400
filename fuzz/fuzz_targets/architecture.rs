//! `Architecture::new` on arbitrary filter sizes and strides, then the plain
//! report (closed forms only; text and JSON) and the pieces it is built from: an `Err` or values that agree
//! with their definitions; never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neurovariety::report::{Report, ReportRequest};
use neurovariety::Architecture;

fn sizes(bytes: &[u8]) -> Vec<usize> {
    // 1 to 8 bytes per size, little endian: small and huge values both occur
    bytes
        .chunks(3)
        .map(|c| match c {
            [a] => *a as usize,
            [a, b] => (*a as usize) << (*b % 64),
            [a, b, _] => usize::MAX - (*a as usize) * (*b as usize),
            _ => 0,
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let half = data.len() / 2;
    let (filters, strides) = (sizes(&data[..half]), sizes(&data[half..]));
    let Ok(a) = Architecture::new(&filters, &strides) else {
        return;
    };
    assert_eq!(
        a.dimension(),
        1 + a.filter_sizes().iter().map(|k| k - 1).sum::<usize>()
    );
    let _ = a.degree();
    let v = a.neurovariety();
    for c in v.conditions() {
        let _ = c.describe();
        assert_eq!(
            c.piece_degree_counts()
                .iter()
                .map(|(_, n)| n)
                .sum::<usize>(),
            c.num_pieces()
        );
    }
    let _ = v.generator_estimate();
    let _ = a.critical_point_count();
    let _ = a.function_space_critical_point_count();
    let _ = a.merge_tree();
    let _ = a.fully_connected_comparison();
    let report =
        Report::new(&a, &ReportRequest::default()).expect("the plain report always builds");
    let text = report.to_string();
    assert!(text.contains(&a.to_string()));
    let json = serde_json::to_string(&report).expect("the report serialises");
    assert!(json.contains("schema_version"));
});
