//! Reading an architecture from text: the inverse of its `Display`.
//!
//! See the documentation of `impl FromStr for Architecture` below.

use super::Architecture;
use crate::Error;
use std::str::FromStr;

/// A parse error at byte `position` of `input`.
fn error(input: &str, position: usize, message: impl Into<String>) -> Error {
    Error::Parse {
        input: input.to_string(),
        position,
        message: message.into(),
    }
}

/// The comma-separated list `part` (starting at byte `offset` of `input`), with
/// optional surrounding parentheses; an empty list (`()` or nothing) is empty.
fn list(input: &str, part: &str, offset: usize, what: &str) -> Result<Vec<usize>, Error> {
    let lead = part.len() - part.trim_start().len();
    let mut body = part.trim();
    let mut start = offset + lead;
    if let Some(inner) = body.strip_prefix('(') {
        body = inner
            .strip_suffix(')')
            .ok_or_else(|| error(input, start, format!("{what}: '(' without ')'")))?;
        start += 1;
    }
    if body.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut pos = start;
    for item in body.split(',') {
        let t = item.trim();
        let at = pos + (item.len() - item.trim_start().len());
        let v = t.parse::<usize>().map_err(|_| {
            error(
                input,
                at,
                format!("{what}: cannot read {t:?} as a non-negative integer (or it is too large)"),
            )
        })?;
        out.push(v);
        pos += item.len() + 1;
    }
    Ok(out)
}

impl FromStr for Architecture {
    type Err = Error;

    /// Reads an architecture and validates it with [`Architecture::new`].
    ///
    /// Two spellings are accepted, with optional spaces anywhere:
    ///
    /// - the paper's notation that `Display` prints, `(k_1,...,k_L)/(s_1,...,s_{L-1})`,
    ///   with the last stride left out;
    /// - the command line's `k_1,...,k_L/s_1,...,s_L`, parentheses optional, with
    ///   one stride per layer or with the last one left out.
    ///
    /// **The omitted last stride is 1.** The last stride only subsamples the
    /// output: it changes neither the end-to-end filter nor the neurovariety,
    /// its equations or the critical point counts, and 1 is the value that
    /// subsamples nothing. (It does enter the end-to-end stride, which decides
    /// how training data is laid out; give all `L` strides when that matters.)
    /// Consequently
    /// `a.to_string().parse::<Architecture>()` gives back `a` exactly when `a`'s
    /// last stride is 1, and an architecture with the same function space
    /// otherwise.
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let a: Architecture = "(3,3,3)/(2,2)".parse()?;
    /// assert_eq!(a.strides(), &[2, 2, 1]);
    /// assert_eq!(a, "3,3,3/2,2,1".parse()?);
    /// assert_eq!(a, " 3, 3, 3 / 2, 2 ".parse()?);
    /// assert_eq!(a.to_string().parse::<Architecture>()?, a);
    /// // one layer: Display prints an empty stride list
    /// let b: Architecture = "(5)/()".parse()?;
    /// assert_eq!((b.filter_sizes(), b.strides()), (&[5][..], &[1][..]));
    /// assert!("3,3/2,2,2".parse::<Architecture>().is_err()); // three strides for two layers
    /// assert!("(3,3)".parse::<Architecture>().is_err()); // no strides at all
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the byte position for malformed text or a
    /// stride list whose length is neither `L` nor `L - 1`, and the errors of
    /// [`Architecture::new`].
    fn from_str(s: &str) -> Result<Self, Error> {
        let Some(slash) = s.find('/') else {
            return Err(error(
                s,
                s.len(),
                "expected filter sizes, '/', then strides, e.g. (3,3,3)/(2,2) or 3,3,3/2,2,1",
            ));
        };
        let filters = list(s, &s[..slash], 0, "filter sizes")?;
        let mut strides = list(s, &s[slash + 1..], slash + 1, "strides")?;
        if filters.is_empty() {
            return Err(error(s, 0, "no filter sizes"));
        }
        if strides.len() + 1 == filters.len() {
            strides.push(1);
        } else if strides.len() != filters.len() {
            return Err(error(
                s,
                slash + 1,
                format!(
                    "{} strides for {} layers: give one per layer, or all but the last (which is then 1)",
                    strides.len(),
                    filters.len()
                ),
            ));
        }
        Architecture::new(&filters, &strides)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_round_trips_when_the_last_stride_is_1() {
        for (k, s) in [
            (&[2, 3, 4, 5][..], &[2, 2, 2, 1][..]),
            (&[7][..], &[1][..]),
            (&[2, 2, 2][..], &[1, 2, 1][..]),
        ] {
            let a = Architecture::new(k, s).unwrap();
            assert_eq!(a.to_string().parse::<Architecture>().unwrap(), a);
        }
        // a last stride other than 1 comes back as 1 (same function space)
        let a = Architecture::new(&[3, 2], &[2, 5]).unwrap();
        let b: Architecture = a.to_string().parse().unwrap();
        assert_eq!(b.strides(), &[2, 1]);
        assert_eq!(b.end_to_end_filter_size(), a.end_to_end_filter_size());
    }

    #[test]
    fn errors_name_the_position() {
        let e = "3,x/2".parse::<Architecture>().unwrap_err();
        assert!(matches!(e, Error::Parse { position: 2, .. }), "{e}");
        let e = "3,3/ 2, y".parse::<Architecture>().unwrap_err();
        assert!(matches!(e, Error::Parse { position: 8, .. }), "{e}");
        assert!(matches!(
            "(3,3/2".parse::<Architecture>(),
            Err(Error::Parse { position: 0, .. })
        ));
        assert!(matches!(
            "/2".parse::<Architecture>(),
            Err(Error::Parse { .. })
        ));
        assert_eq!(
            "3,0/2,1".parse::<Architecture>(),
            Err(Error::ZeroFilterSize { layer: 2 })
        );
        assert!(matches!(
            "3,3/2,2,2,2".parse::<Architecture>(),
            Err(Error::Parse { .. })
        ));
    }
}
