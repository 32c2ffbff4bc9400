//! Reading input files with a size limit.
//!
//! `--data` and `--batch` read whole files into memory, so both refuse what
//! is not a regular file (a device such as `/dev/zero`, a FIFO, a directory:
//! reading those may never end) and stop at `--max-input-bytes` bytes
//! (default [`DEFAULT_MAX_INPUT_BYTES`]), with an error naming the file and
//! the option that raises the limit.

use crate::Error;
use std::io::Read;

/// The default limit on an input file: 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 64 << 20;

/// The contents of the regular file `path` (given to option `flag`) as UTF-8
/// text, refusing files longer than `max_bytes`.
pub(crate) fn read_bounded(
    path: &str,
    flag: &'static str,
    max_bytes: u64,
) -> Result<String, Error> {
    let invalid = |reason: String| Error::InvalidArgument {
        name: flag,
        value: path.to_string(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| invalid(e.to_string()))?;
    if !meta.is_file() {
        return Err(invalid(
            "not a regular file (devices, pipes and directories are refused; save the data to a file)"
                .into(),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| invalid(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| invalid(e.to_string()))?;
    if bytes.len() as u64 > max_bytes {
        return Err(invalid(format!(
            "larger than {max_bytes} bytes (raise the limit with --max-input-bytes)"
        )));
    }
    String::from_utf8(bytes).map_err(|e| invalid(format!("not UTF-8 text: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_directories_and_long_files_are_refused() {
        for path in ["/dev/zero", "/dev/null", "/"] {
            if std::path::Path::new(path).exists() {
                let e = read_bounded(path, "--data", 10).unwrap_err();
                assert!(e.to_string().contains("not a regular file"), "{path}: {e}");
            }
        }
        let file = std::env::temp_dir().join(format!("nv-input-{}.csv", std::process::id()));
        std::fs::write(&file, "1,2,3\n").unwrap();
        let p = file.to_str().unwrap();
        assert_eq!(read_bounded(p, "--data", 6).unwrap(), "1,2,3\n");
        let e = read_bounded(p, "--data", 5).unwrap_err();
        assert!(e.to_string().contains("larger than 5 bytes"), "{e}");
        assert!(e.to_string().contains("--max-input-bytes"), "{e}");
        std::fs::remove_file(&file).unwrap();
    }
}
