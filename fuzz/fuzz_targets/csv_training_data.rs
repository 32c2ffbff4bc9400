//! Training data as CSV on arbitrary text, for a few architectures: an `Err`
//! or a loss whose form and target have the architecture's size.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neurovariety::critical::Loss;
use neurovariety::Architecture;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let archs: [(&[usize], &[usize]); 3] = [
        (&[2, 2], &[2, 1]),
        (&[3, 2], &[2, 3]),
        (&[1, 2, 2], &[3, 1, 2]),
    ];
    let (k, s) = archs[pick as usize % archs.len()];
    let arch = Architecture::new(k, s).unwrap();
    if let Ok(loss) = Loss::from_csv(&arch, text) {
        assert_eq!(loss.dimension(), arch.end_to_end_filter_size());
        assert_eq!(loss.target().len(), arch.end_to_end_filter_size());
    }
});
