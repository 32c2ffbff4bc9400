//! The names most programs need, in one import.
//!
//! `use neurovariety::prelude::*;` brings in [`Architecture`], [`Error`], the
//! [`Export`] trait with its [`Format`] (so that `equations.export(..)` works), the
//! exact number types the API takes and returns ([`BigInt`], [`BigUint`],
//! [`BigRational`]), [`Complex64`] for the numerical parts, and [`q`], which
//! turns an integer into a [`BigRational`]. Programs then need no direct
//! dependency on `num-bigint`, `num-rational` or `num-complex`.
//!
//! ```
//! use neurovariety::prelude::*;
//! let arch: Architecture = "(3,2)/(2)".parse()?;
//! let w = [q(2), q(5), q(7), q(10), q(6)]; // (2x^2 + 5xy + 3y^2)(x^2 + 2y^2)
//! assert!(arch.neurovariety().contains(&w)?);
//! assert_eq!(q(3) / q(4), BigRational::new(BigInt::from(3), BigInt::from(4)));
//! # Ok::<(), Error>(())
//! ```

pub use crate::architecture::Architecture;
pub use crate::error::Error;
pub use crate::export::{Export, Format};
pub use num_bigint::{BigInt, BigUint};
pub use num_complex::Complex64;
pub use num_rational::BigRational;

/// The integer `n` as an exact rational: `q(3)` is `3/1`. Any integer type
/// (and [`BigInt`]) is accepted; write `q(3) / q(4)` for a fraction.
///
/// ```
/// use neurovariety::prelude::*;
/// assert_eq!(q(-7).to_string(), "-7");
/// assert_eq!((q(1) / q(3)).to_string(), "1/3");
/// assert_eq!(q(BigInt::from(10).pow(30)).to_string(), format!("1{}", "0".repeat(30)));
/// ```
pub fn q(n: impl Into<BigInt>) -> BigRational {
    BigRational::from_integer(n.into())
}
