//! The parametrisation `mu`: layer filters to the end-to-end filter.
//!
//! `mu(w_1, ..., w_L)_n = sum_{j_1 t_1 + ... + j_L t_L = n} prod_l w_{l, j_l}`,
//! equivalently `pi_1(mu(w)) = pi_{t_L}(w_L) ... pi_{t_1}(w_1)` where
//! `pi_t(v) = sum_{i<n} v_i x^{t(n-1-i)} y^{t i}` is the binary form of a filter
//! at dilation `t`. [`compose`] works over any [`Weight`] type: exact `BigInt`
//! and `BigRational`, and `f64` (non-finite inputs are rejected).
//!
//! The worked example is in the documentation of `compose`.

use super::Architecture;
use crate::poly::{BinaryForm, Ring};
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use std::ops::{Add, Mul};

/// A scalar type for filter weights.
pub trait Weight: Clone + Zero + Add<Output = Self> + Mul<Output = Self> {
    /// `false` for NaN and infinities (always `true` for exact types).
    fn is_finite_weight(&self) -> bool {
        true
    }
    /// The value printed (for error messages).
    fn describe(&self) -> String;
}

impl Weight for BigInt {
    fn describe(&self) -> String {
        self.to_string()
    }
}

impl Weight for BigRational {
    fn describe(&self) -> String {
        self.to_string()
    }
}

impl Weight for f64 {
    fn is_finite_weight(&self) -> bool {
        self.is_finite()
    }
    fn describe(&self) -> String {
        self.to_string()
    }
}

impl Weight for num_complex::Complex64 {
    fn is_finite_weight(&self) -> bool {
        self.re.is_finite() && self.im.is_finite()
    }
    fn describe(&self) -> String {
        self.to_string()
    }
}

/// The end-to-end filter `mu(w_1, ..., w_L)` (length
/// [`Architecture::end_to_end_filter_size`]). Errors: wrong number of layers,
/// a layer of the wrong length, a non-finite weight, and [`Error::TooLarge`]
/// when the end-to-end filter size exceeds
/// [`limits::MAX_END_TO_END_FILTER_SIZE`](crate::limits::MAX_END_TO_END_FILTER_SIZE).
///
/// # Example
///
/// ```
/// use neurovariety::{Architecture, architecture::compose};
/// // (a0 x + a1 y)(b0 x^2 + b1 y^2): c = (a0 b0, a1 b0, a0 b1, a1 b1)
/// let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
/// let w = compose(&arch, &[vec![2.0, 3.0], vec![5.0, 7.0]]).unwrap();
/// assert_eq!(w, vec![10.0, 15.0, 14.0, 21.0]);
/// ```
pub fn compose<T: Weight>(arch: &Architecture, layers: &[Vec<T>]) -> Result<Vec<T>, Error> {
    arch.check_layer_lengths(layers)?;
    arch.require_coordinates("end-to-end filter size (coordinates) to compose")?;
    for (l, w) in layers.iter().enumerate() {
        if let Some(i) = w.iter().position(|x| !x.is_finite_weight()) {
            let offset: usize = arch.filter_sizes()[..l].iter().sum();
            return Err(Error::NonFinite {
                index: offset + i,
                value: w[i].describe(),
            });
        }
    }
    let mut acc: Vec<T> = layers[0].clone();
    for (l, w) in layers.iter().enumerate().skip(1) {
        let t = arch.dilations()[l];
        let mut next = vec![T::zero(); acc.len() + (w.len() - 1) * t];
        for (i, a) in acc.iter().enumerate() {
            for (j, b) in w.iter().enumerate() {
                let idx = i + j * t;
                next[idx] = next[idx].clone() + a.clone() * b.clone();
            }
        }
        acc = next;
    }
    Ok(acc)
}

/// The binary form `pi_t(v) = sum_i v_i x^{t(n-1-i)} y^{t i}` of a filter at
/// dilation `t >= 1` (an error for an empty filter, `t = 0`, or a degree that
/// overflows).
///
/// ```
/// use neurovariety::architecture::pi;
/// use num_bigint::BigInt;
/// let f = pi(&[BigInt::from(1), BigInt::from(2)], 3).unwrap(); // x^3 + 2 y^3
/// assert_eq!(f.degree(), 3);
/// assert_eq!(f.coeffs()[3], BigInt::from(2));
/// ```
pub fn pi<R: Ring>(v: &[R], t: usize) -> Result<BinaryForm<R>, Error> {
    if t == 0 {
        return Err(Error::InvalidArgument {
            name: "t",
            value: "0".into(),
            reason: "dilations are at least 1".into(),
        });
    }
    BinaryForm::new(v.to_vec())?.inflate(t)
}
