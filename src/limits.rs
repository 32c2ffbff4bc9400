//! The fixed size limits of the crate, in one place.
//!
//! Operations whose output is dense in a size the caller chooses (a polynomial
//! of degree `n`, an `r x c` matrix, a list of `k` coordinates) refuse sizes
//! beyond these limits with [`Error::TooLarge`] instead of asking the
//! allocator for terabytes and aborting. Limits that an option can raise
//! (the work limit of the equations, the node limit of the merge tree, ...)
//! live with their options; these cannot be raised.
//!
//! ```
//! use neurovariety::poly::UPoly;
//! use neurovariety::{limits, Error};
//! use num_bigint::BigInt;
//! assert!(matches!(
//!     UPoly::monomial(BigInt::from(1), usize::MAX),
//!     Err(Error::TooLarge { raise_with: None, .. })
//! ));
//! assert!(UPoly::monomial(BigInt::from(1), limits::MAX_DENSE_LENGTH - 1).is_ok());
//! ```

use crate::Error;

/// The largest number of entries of a dense coefficient vector or matrix
/// (`2^26`: about two gigabytes of small big integers).
pub const MAX_DENSE_LENGTH: usize = 1 << 26;

/// The deepest nesting of parentheses (and unary signs) the polynomial parser
/// accepts.
pub const MAX_PARSE_DEPTH: usize = 256;

/// The most work (products of term counts, summed over the multiplications)
/// the polynomial parser spends on one input.
pub const MAX_PARSE_WORK: u128 = 1 << 22;

/// `Ok(len)` when a dense object of `len` entries (`None`: the size
/// computation overflowed) is within [`MAX_DENSE_LENGTH`]; otherwise
/// [`Error::TooLarge`] naming `what`.
pub(crate) fn check_dense(what: &'static str, len: Option<usize>) -> Result<usize, Error> {
    match len {
        Some(n) if n <= MAX_DENSE_LENGTH => Ok(n),
        _ => Err(Error::too_large_fixed(
            what,
            len.map_or(u128::MAX, |n| n as u128),
            MAX_DENSE_LENGTH as u128,
        )),
    }
}
