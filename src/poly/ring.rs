//! The coefficient rings the crate computes over.
//!
//! Everything that is a theorem is computed exactly, so the algebra layer is
//! generic over a small [`Ring`] trait implemented by [`BigInt`] (the integers),
//! [`BigRational`] (the rationals) and the sparse multivariate polynomials
//! [`MPoly`](crate::poly::MPoly) over either (so that resultants of forms with
//! symbolic coefficients are computed by the same code as numeric ones).
//!
//! A [`Field`] is a ring in which every non-zero element is invertible; of the
//! above only [`BigRational`] is one.
//!
//! The worked example is in the documentation of `Ring`.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::fmt::{Debug, Display};
use std::ops::{Add, Mul, Neg, Sub};

/// A commutative ring with exact arithmetic and exact division where it exists
/// (an integral domain, for every implementor in this crate).
///
/// # Example
///
/// ```
/// use neurovariety::poly::Ring;
/// use num_bigint::BigInt;
/// let six = BigInt::from(6);
/// assert_eq!(six.exact_div(&BigInt::from(3)), Some(BigInt::from(2)));
/// assert_eq!(six.exact_div(&BigInt::from(4)), None);
/// ```
pub trait Ring:
    Clone
    + PartialEq
    + Debug
    + Display
    + Zero
    + One
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Neg<Output = Self>
{
    /// `Some(q)` with `q * divisor == self` if such `q` exists in the ring, else `None`.
    /// Division by zero gives `None` (except `0 / 0`, which also gives `None`).
    fn exact_div(&self, divisor: &Self) -> Option<Self>;

    /// `true` for rings whose elements are polynomials (determinants of
    /// matrices over them are computed by cofactor expansion with memoised
    /// minors rather than by fraction-free elimination, which would need large
    /// exact polynomial divisions).
    fn is_symbolic() -> bool {
        false
    }

    /// `self * o` without consuming either (implementors may avoid clones).
    fn mul_ref(&self, o: &Self) -> Self {
        self.clone() * o.clone()
    }
}

/// A [`Ring`] in which every non-zero element has an inverse.
pub trait Field: Ring {
    /// The multiplicative inverse, `None` for zero.
    fn inverse(&self) -> Option<Self>;
}

impl Ring for BigInt {
    fn exact_div(&self, divisor: &Self) -> Option<Self> {
        if divisor.is_zero() {
            return None;
        }
        let (q, r) = self.div_rem(divisor);
        if r.is_zero() {
            Some(q)
        } else {
            None
        }
    }
}

impl Ring for BigRational {
    fn exact_div(&self, divisor: &Self) -> Option<Self> {
        if divisor.is_zero() {
            None
        } else {
            Some(self / divisor)
        }
    }
}

impl Field for BigRational {
    fn inverse(&self) -> Option<Self> {
        if self.is_zero() {
            None
        } else {
            Some(self.recip())
        }
    }
}
