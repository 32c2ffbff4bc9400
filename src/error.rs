//! The crate's single error type.
//!
//! Every public fallible function returns `Result<_, neurovariety::Error>`. Each
//! variant names the offending value so that a user (or the command-line
//! tool) can print one line that says what went wrong. Layers and levels are
//! numbered from 1 in every message and field, as in the mathematics
//! (`w_1, ..., w_L`; the reduced levels `1..R` at dilations `tau_1 | ... | tau_R`).
//!
//! ```
//! use neurovariety::{Architecture, Error};
//! let err = Architecture::new(&[2, 0], &[2, 1]).unwrap_err();
//! assert_eq!(err, Error::ZeroFilterSize { layer: 2 }); // layers are numbered from 1, as w_1..w_L
//! assert_eq!(err.to_string(), "filter size of layer 2 is 0; every layer needs at least one weight");
//! ```

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// An architecture was given without any layer.
    #[error("an architecture needs at least one layer")]
    NoLayers,
    /// A layer has filter size 0.
    #[error("filter size of layer {layer} is 0; every layer needs at least one weight")]
    ZeroFilterSize {
        /// Number (from 1) of the offending layer.
        layer: usize,
    },
    /// A layer has stride 0.
    #[error("stride of layer {layer} is 0; strides must be at least 1")]
    ZeroStride {
        /// Number (from 1) of the offending layer.
        layer: usize,
    },
    /// Two lengths that must agree do not.
    #[error("length mismatch for {what}: expected {expected}, found {found}")]
    LengthMismatch {
        /// What was being compared.
        what: &'static str,
        /// The length required.
        expected: usize,
        /// The length given.
        found: usize,
    },
    /// A size computation does not fit in the machine integer type.
    #[error("arithmetic overflow while computing {what}")]
    Overflow {
        /// The quantity that overflowed.
        what: &'static str,
    },
    /// A floating-point input is NaN or infinite.
    #[error("non-finite value {value} at index {index}")]
    NonFinite {
        /// Position of the value in its input slice.
        index: usize,
        /// The value, printed.
        value: String,
    },
    /// A tolerance is negative, zero or not finite.
    #[error("invalid tolerance {value}: it must be finite and positive")]
    InvalidTolerance {
        /// The tolerance, printed.
        value: String,
    },
    /// Division by a zero polynomial or scalar.
    #[error("division by zero")]
    DivisionByZero,
    /// An exact division was requested but the divisor does not divide.
    #[error("{divisor} does not divide {dividend} exactly")]
    NotDivisible {
        /// The dividend, printed.
        dividend: String,
        /// The divisor, printed.
        divisor: String,
    },
    /// A parameter is outside the range an operation accepts.
    #[error("invalid argument {name} = {value}: {reason}")]
    InvalidArgument {
        /// Parameter name.
        name: &'static str,
        /// The value, printed.
        value: String,
        /// Why it is rejected.
        reason: String,
    },
    /// Text could not be parsed.
    #[error("cannot parse {input:?} at byte {position}: {message}")]
    Parse {
        /// The text.
        input: String,
        /// Byte offset of the problem.
        position: usize,
        /// What was expected.
        message: String,
    },
    /// The given end-to-end filter is not in the neurovariety.
    #[error("filter is not in the neurovariety: {reason}")]
    NotInNeurovariety {
        /// The first failing condition, in words.
        reason: String,
    },
    /// The filter is in the (complex) neurovariety but the required factor has no
    /// rational (or, for the real variant, real) representative.
    #[error("no {field} factorization: {reason}")]
    NoFactorization {
        /// `"rational"` or `"real"`.
        field: &'static str,
        /// Why the split does not exist.
        reason: String,
    },
    /// A computation or its output would exceed a size limit. The message names
    /// what is too large and the option that raises the limit, or says that
    /// none does.
    #[error("{what} too large: {estimate} exceeds the limit {limit}; {}", raise_hint(.raise_with))]
    TooLarge {
        /// What is too large, e.g. `"number of minors"`.
        what: &'static str,
        /// Its (estimated) size.
        estimate: u128,
        /// The limit in force.
        limit: u128,
        /// The option that raises the limit (library option and `lcn` flag),
        /// or `None` when the limit is fixed.
        raise_with: Option<&'static str>,
    },
    /// A numerical method did not converge.
    #[error("numerical method did not converge: {what}")]
    NoConvergence {
        /// Which method.
        what: String,
    },
    /// An internal consistency check failed: reported instead of a wrong
    /// answer. This is a bug in the crate; the message names the check.
    #[error("internal error (please report it): {what}")]
    Internal {
        /// The check that failed.
        what: String,
    },
}

impl Error {
    /// [`Error::Internal`] naming the failed check.
    ///
    /// ```
    /// use neurovariety::Error;
    /// assert_eq!(
    ///     Error::internal("a divisor does not divide").to_string(),
    ///     "internal error (please report it): a divisor does not divide"
    /// );
    /// ```
    pub fn internal(what: impl Into<String>) -> Self {
        Error::Internal { what: what.into() }
    }

    /// [`Error::TooLarge`] for a limit that the option `raise_with` raises
    /// (library option and `lcn` flag).
    ///
    /// ```
    /// use neurovariety::Error;
    /// let e = Error::too_large("number of minors", 12, 10, "GeneratorOptions::with_limit (lcn: --limit)");
    /// assert_eq!(
    ///     e.to_string(),
    ///     "number of minors too large: 12 exceeds the limit 10; raise it with GeneratorOptions::with_limit (lcn: --limit)"
    /// );
    /// ```
    pub fn too_large(
        what: &'static str,
        estimate: impl TryInto<u128>,
        limit: impl TryInto<u128>,
        raise_with: &'static str,
    ) -> Self {
        Error::TooLarge {
            what,
            estimate: saturate(estimate),
            limit: saturate(limit),
            raise_with: Some(raise_with),
        }
    }

    /// [`Error::TooLarge`] for a fixed limit (one of [`crate::limits`]),
    /// which no option raises. Sizes that do not fit in `u128` saturate.
    ///
    /// ```
    /// use neurovariety::Error;
    /// assert_eq!(
    ///     Error::too_large_fixed("number of weights", 30_000usize, 20_000usize).to_string(),
    ///     "number of weights too large: 30000 exceeds the limit 20000; no option raises this limit"
    /// );
    /// ```
    pub fn too_large_fixed(
        what: &'static str,
        estimate: impl TryInto<u128>,
        limit: impl TryInto<u128>,
    ) -> Self {
        Error::TooLarge {
            what,
            estimate: saturate(estimate),
            limit: saturate(limit),
            raise_with: None,
        }
    }
}

/// `x` as a `u128`, `u128::MAX` when it does not fit.
fn saturate(x: impl TryInto<u128>) -> u128 {
    x.try_into().unwrap_or(u128::MAX)
}

fn raise_hint(raise_with: &Option<&'static str>) -> String {
    match raise_with {
        Some(option) => format!("raise it with {option}"),
        None => "no option raises this limit".into(),
    }
}
