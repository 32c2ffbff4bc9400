//! The arithmetic a polynomial system is evaluated in: one generic code path
//! serves floating-point tracking ([`Complex64`]), rigorous certification
//! ([`ComplexInterval`]) and the exact symbolic system ([`MPoly`] over `Q`).

use super::interval::ComplexInterval;
use crate::poly::MPoly;
use num_complex::Complex64;
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use std::ops::{Add, Mul, Neg, Sub};

/// A commutative ring into which exact rationals map: enough to evaluate a
/// polynomial system with rational coefficients.
///
/// ```
/// use neurovariety::homotopy::Scalar;
/// use num_complex::Complex64;
/// use num_rational::BigRational;
///
/// let half = <Complex64 as Scalar>::from_rational(&BigRational::new(1.into(), 2.into()));
/// assert_eq!(half, Complex64::new(0.5, 0.0));
/// ```
pub trait Scalar:
    Clone + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Neg<Output = Self>
{
    /// The additive identity.
    fn zero() -> Self;
    /// The image of the rational `q` (an enclosure for intervals, the nearest
    /// value for floats, `q` itself for exact types).
    fn from_rational(q: &BigRational) -> Self;
}

impl Scalar for Complex64 {
    fn zero() -> Self {
        <Complex64 as Zero>::zero()
    }
    fn from_rational(q: &BigRational) -> Self {
        Complex64::new(q.to_f64().unwrap_or(f64::NAN), 0.0)
    }
}

impl Scalar for ComplexInterval {
    fn zero() -> Self {
        ComplexInterval::zero()
    }
    fn from_rational(q: &BigRational) -> Self {
        ComplexInterval::from_rational(q)
    }
}

impl Scalar for MPoly<BigRational> {
    fn zero() -> Self {
        <MPoly<BigRational> as Zero>::zero()
    }
    fn from_rational(q: &BigRational) -> Self {
        MPoly::constant(q.clone())
    }
}
