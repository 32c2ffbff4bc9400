//! The text files of the solver (start systems, shards): one keyed reader.
//!
//! Both formats are plain text, one record per line: a header
//! `neurovariety-<kind> <version>`, then records `key value...`, then `end`.
//! Blank lines and lines starting with `#` are skipped; nothing but those may
//! follow `end`. Floats are the 16 hexadecimal digits of their IEEE 754 bit
//! pattern (an exact round trip), a complex number two such fields.
//!
//! [`RecordReader`] streams a file line by line from any [`BufRead`], so a
//! start system of hundreds of megabytes is read without holding its text:
//! memory is bounded by the parsed data, which the caller bounds by the
//! architecture (at most `C_k` solutions of `N` coordinates), and every line
//! by [`crate::limits::MAX_LINE_BYTES`].
//!
//! ```
//! # use neurovariety::Error;
//! // the record reader is internal; its formats are those of
//! // `StartSystem::to_text` and `ShardResult::to_text`
//! use neurovariety::critical::StartSystem;
//! assert!(StartSystem::from_text("neurovariety-start-system 9\nend\n").is_err());
//! ```

use crate::Error;
use num_complex::Complex64;
use std::io::BufRead;

use crate::limits::MAX_LINE_BYTES;

/// One record: its line number (from 1), key and the rest of the line.
pub(crate) struct Record {
    pub line: usize,
    pub key: String,
    pub rest: String,
}

/// A streaming reader of the records of one file (see the module
/// documentation).
pub(crate) struct RecordReader<R: BufRead> {
    input: R,
    what: &'static str,
    line: usize,
    buffer: Vec<u8>,
}

impl<R: BufRead> RecordReader<R> {
    /// Reads the header `neurovariety-{kind} {version}`; `what` names the
    /// file in errors ("start system", "shard file").
    pub(crate) fn open(
        input: R,
        kind: &str,
        version: u32,
        what: &'static str,
    ) -> Result<Self, Error> {
        let mut r = RecordReader {
            input,
            what,
            line: 0,
            buffer: Vec::new(),
        };
        let expected = format!("neurovariety-{kind} {version}");
        match r.next_line()? {
            Some(l) if l.trim() == expected => Ok(r),
            Some(l) => Err(r.error(&l, &format!("expected the header `{expected}`"))),
            None => Err(r.error("", "empty file")),
        }
    }

    /// The next non-blank, non-comment line, `None` at the end of the input.
    fn next_line(&mut self) -> Result<Option<String>, Error> {
        loop {
            self.buffer.clear();
            let limit = (MAX_LINE_BYTES + 1) as u64;
            let n = std::io::Read::take(self.input.by_ref(), limit)
                .read_until(b'\n', &mut self.buffer)
                .map_err(|e| self.error("", &format!("read error: {e}")))?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            if self.buffer.len() > MAX_LINE_BYTES {
                return Err(self.error("", &format!("a line longer than {MAX_LINE_BYTES} bytes")));
            }
            let text = std::str::from_utf8(&self.buffer)
                .map_err(|_| self.error("", "not UTF-8 text"))?
                .trim_end_matches(['\n', '\r'])
                .to_string();
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            return Ok(Some(text));
        }
    }

    /// The next record, or `None` after `end` (then the rest of the input
    /// must be blank or comments).
    pub(crate) fn next(&mut self) -> Result<Option<Record>, Error> {
        let Some(text) = self.next_line()? else {
            return Err(self.error("", "missing `end`"));
        };
        let (key, rest) = text.split_once(' ').unwrap_or((&text, ""));
        if key == "end" {
            if let Some(more) = self.next_line()? {
                return Err(self.error(&more, "text after `end`"));
            }
            return Ok(None);
        }
        Ok(Some(Record {
            line: self.line,
            key: key.to_string(),
            rest: rest.to_string(),
        }))
    }

    /// A parse error at the current line, quoting `input`.
    pub(crate) fn error(&self, input: &str, message: &str) -> Error {
        Error::Parse {
            input: input.chars().take(200).collect(),
            position: 0,
            message: format!("{}, line {}: {message}", self.what, self.line),
        }
    }
}

impl Record {
    /// A parse error at this record.
    pub(crate) fn error<R: BufRead>(&self, reader: &RecordReader<R>, message: &str) -> Error {
        Error::Parse {
            input: format!("{} {}", self.key, self.rest)
                .chars()
                .take(200)
                .collect(),
            position: 0,
            message: format!("{}, line {}: {message}", reader.what, self.line),
        }
    }
}

/// `3,3,3/2,2,1`: filter sizes and all strides, as in the file formats.
pub(crate) fn architecture_text(sizes: &[usize], strides: &[usize]) -> String {
    let j = |v: &[usize]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    format!("{}/{}", j(sizes), j(strides))
}

/// The inverse of [`architecture_text`].
pub(crate) fn parse_architecture(text: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let (a, b) = text.trim().split_once('/')?;
    let p =
        |t: &str| -> Option<Vec<usize>> { t.split(',').map(|x| x.trim().parse().ok()).collect() };
    Some((p(a)?, p(b)?))
}

/// Complex numbers as pairs of 16-digit hexadecimal bit patterns.
pub(crate) fn write_complex(z: &[Complex64]) -> String {
    let mut out = String::with_capacity(z.len() * 34);
    for (i, x) in z.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out += &format!("{:016x} {:016x}", x.re.to_bits(), x.im.to_bits());
    }
    out
}

/// The inverse of [`write_complex`]; `None` for anything malformed or
/// non-finite.
pub(crate) fn read_complex(text: &str) -> Option<Vec<Complex64>> {
    let parts: Vec<f64> = text
        .split_whitespace()
        .map(read_float)
        .collect::<Option<_>>()?;
    if parts.len() % 2 != 0 {
        return None;
    }
    Some(
        parts
            .chunks(2)
            .map(|c| Complex64::new(c[0], c[1]))
            .collect(),
    )
}

/// One float from its 16-digit hexadecimal bit pattern (finite only).
pub(crate) fn read_float(t: &str) -> Option<f64> {
    if t.len() != 16 {
        return None;
    }
    let x = f64::from_bits(u64::from_str_radix(t, 16).ok()?);
    x.is_finite().then_some(x)
}

/// 64-bit FNV-1a.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// An incremental FNV-1a (the fingerprint of data written line by line).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    pub(crate) fn value(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_comments_and_end() {
        let text = "neurovariety-x 1\n# c\n\nalpha 1 2\nbeta\nend\n# trailing\n";
        let mut r = RecordReader::open(text.as_bytes(), "x", 1, "test file").unwrap();
        let a = r.next().unwrap().unwrap();
        assert_eq!(
            (a.line, a.key.as_str(), a.rest.as_str()),
            (4, "alpha", "1 2")
        );
        let b = r.next().unwrap().unwrap();
        assert_eq!((b.key.as_str(), b.rest.as_str()), ("beta", ""));
        assert!(r.next().unwrap().is_none());
        for bad in [
            "neurovariety-x 2\nend\n",
            "neurovariety-x 1\nalpha\n",
            "neurovariety-x 1\nend\nmore\n",
            "",
        ] {
            let r = RecordReader::open(bad.as_bytes(), "x", 1, "test file");
            let e = match r {
                Err(e) => e,
                Ok(mut r) => loop {
                    match r.next() {
                        Err(e) => break e,
                        Ok(None) => panic!("{bad:?} was accepted"),
                        Ok(Some(_)) => {}
                    }
                },
            };
            assert!(e.to_string().contains("test file, line"), "{e}");
        }
        let mut fnv = Fnv::default();
        fnv.add(b"ab");
        fnv.add(b"c");
        assert_eq!(fnv.value(), fnv1a(b"abc"));
    }
}
