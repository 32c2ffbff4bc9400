//! The polynomial parser on arbitrary text: an `Err` or a polynomial that
//! prints and parses back to itself; never a panic, a stack overflow or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neurovariety::poly::PolyRing;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ring = PolyRing::new(&["x", "y", "c0", "c1", "c2", "c10"]).unwrap();
    if let Ok(p) = ring.parse_rational(text) {
        let printed = ring.display(&p);
        let again = ring
            .parse_rational(&printed)
            .expect("printed polynomials parse");
        assert_eq!(again, p, "round trip of {text:?} via {printed:?}");
    }
});
