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

/// Filter sizes and strides, as read.
type Lists = (Vec<usize>, Vec<usize>);

/// The alternate form `k = (...), s = (...)` (what `{:#}` prints): `None`
/// when `input` does not start with `k` and `=`.
fn alternate(input: &str) -> Result<Option<Lists>, Error> {
    let lead = input.len() - input.trim_start().len();
    let Some(rest) = input.trim_start().strip_prefix('k') else {
        return Ok(None);
    };
    let Some(eq) = rest.trim_start().strip_prefix('=') else {
        return Ok(None);
    };
    let k_start = input.len() - eq.len();
    let comma = eq
        .find("),")
        .map(|i| i + 1)
        .ok_or_else(|| error(input, k_start, "expected k = (...), s = (...)"))?;
    let filters = list(input, &eq[..comma], k_start, "filter sizes")?;
    let after = &eq[comma + 1..];
    let s_part = after
        .trim_start()
        .strip_prefix('s')
        .and_then(|r| r.trim_start().strip_prefix('='))
        .ok_or_else(|| {
            error(
                input,
                input.len() - after.len(),
                "expected s = (...) after the filter sizes",
            )
        })?;
    let strides = list(input, s_part, input.len() - s_part.len(), "strides")?;
    if filters.len() != strides.len() {
        return Err(error(
            input,
            lead,
            format!(
                "{} strides for {} layers: the form k = (...), s = (...) gives one per layer",
                strides.len(),
                filters.len()
            ),
        ));
    }
    Ok(Some((filters, strides)))
}

impl FromStr for Architecture {
    type Err = Error;

    /// Reads an architecture and validates it with [`Architecture::new`].
    ///
    /// Three spellings are accepted, with optional spaces anywhere:
    ///
    /// - the paper's notation that `Display` prints, `(k_1,...,k_L)/(s_1,...,s_{L-1})`,
    ///   with the last stride left out (it is then 1), or with all `L` strides;
    /// - the alternate form `{:#}` prints, `k = (k_1,...,k_L), s = (s_1,...,s_L)`;
    /// - the command line's `k_1,...,k_L/s_1,...,s_L`, parentheses optional, with
    ///   one stride per layer or with the last one left out.
    ///
    /// **The omitted last stride is 1.** The last stride only subsamples the
    /// output: it changes neither the end-to-end filter nor the neurovariety,
    /// its equations or the critical point counts, but it enters the
    /// end-to-end stride, which decides how training data is laid out.
    /// `Display` prints it whenever it is not 1, so
    /// `a.to_string().parse::<Architecture>()` and
    /// `format!("{a:#}").parse::<Architecture>()` give back `a` exactly.
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let a: Architecture = "(3,3,3)/(2,2)".parse()?;
    /// assert_eq!(a.strides(), &[2, 2, 1]);
    /// assert_eq!(a, "3,3,3/2,2,1".parse()?);
    /// assert_eq!(a, " 3, 3, 3 / 2, 2 ".parse()?);
    /// assert_eq!(a, "k = (3,3,3), s = (2,2,1)".parse()?);
    /// assert_eq!(a.to_string().parse::<Architecture>()?, a);
    /// let b: Architecture = "(3,2)/(2,2)".parse()?; // the last stride given
    /// assert_eq!((b.to_string(), b.end_to_end_stride()), ("(3,2)/(2,2)".to_string(), 4));
    /// // one layer: Display prints an empty stride list
    /// let c: Architecture = "(5)/()".parse()?;
    /// assert_eq!((c.filter_sizes(), c.strides()), (&[5][..], &[1][..]));
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
        if let Some(parts) = alternate(s)? {
            return Architecture::new(&parts.0, &parts.1);
        }
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
    fn both_printed_forms_round_trip() {
        for (k, s) in [
            (&[2, 3, 4, 5][..], &[2, 2, 2, 1][..]),
            (&[7][..], &[1][..]),
            (&[7][..], &[3][..]),
            (&[2, 2, 2][..], &[1, 2, 1][..]),
            (&[3, 2][..], &[2, 5][..]),
            (&[3, 2][..], &[2, 2][..]),
        ] {
            let a = Architecture::new(k, s).unwrap();
            assert_eq!(a.to_string().parse::<Architecture>().unwrap(), a, "{a}");
            assert_eq!(
                format!("{a:#}").parse::<Architecture>().unwrap(),
                a,
                "{a:#}"
            );
        }
        // (3,2)/(2,2) and (3,2)/(2,1) have the same function space but
        // different training data: they print differently
        let a = Architecture::new(&[3, 2], &[2, 2]).unwrap();
        let b = Architecture::new(&[3, 2], &[2, 1]).unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("(3,2)/(2,2)".into(), "(3,2)/(2)".into())
        );
        assert!(matches!(
            "k = (3,2), s = (2)".parse::<Architecture>(),
            Err(Error::Parse { .. })
        ));
        assert!(matches!(
            "k = (3,2) s = (2,1)".parse::<Architecture>(),
            Err(Error::Parse { .. })
        ));
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
