//! Architectures of one-dimensional linear convolutional networks.
//!
//! An `L`-layer LCN has filter sizes `k = (k_1, ..., k_L)` and strides
//! `s = (s_1, ..., s_L)`; layer `l` maps `z` to
//! `(w_l * z)_i = sum_{j < k_l} w_{l,j} z_{i s_l + j}`. The layer's **dilation** is
//! `t_1 = 1, t_{l+1} = t_l s_l`, and the composed map is a convolution with stride
//! `s_1 ... s_L` and an **end-to-end filter** `w = mu(w_1, ..., w_L)` of size
//! `k = 1 + sum_l (k_l - 1) t_l` (the last stride only subsamples the output).
//! In binary forms, `pi_1(mu(w)) = pi_{t_L}(w_L) ... pi_{t_1}(w_1)` with
//! `pi_t(v) = sum_i v_i x^{t(n-1-i)} y^{t i}`.
//!
//! The set of end-to-end filters is the **neuromanifold**; its Zariski closure
//! is the **neurovariety** `V` (over C it is the image of `mu`). Over C, layers
//! joined by stride 1 merge and layers of size 1 drop out
//! ([`Architecture::reduced`]); `V` has affine dimension `1 + sum_l (k_l - 1)`
//! and degree `m! / prod_j (kappa_j - 1)!` (the Segre degree of the reduced
//! architecture, `m = sum_j (kappa_j - 1)`).
//!
//! Architectures are written `(k_1,...,k_L)/(s_1,...,s_{L-1})` as in the paper
//! (the last stride, which does not change the function space, is omitted
//! when it is 1, and printed otherwise); the API takes one stride per layer.
//! `FromStr` reads that notation back (an omitted last stride is 1), the
//! alternate form `k = (..), s = (..)` of `{:#}`, and `k_1,...,k_L/s_1,...,s_L`
//! (see `impl FromStr for Architecture`): printing and parsing round-trip.
//!
//! ```
//! use neurovariety::Architecture;
//! let a = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).unwrap();
//! assert_eq!(a.dilations(), &[1, 2, 4, 8]);
//! assert_eq!(a.end_to_end_filter_size(), 1 + 1 + 2 * 2 + 3 * 4 + 4 * 8);
//! assert_eq!(a.dimension(), 11);
//! assert_eq!(a.degree().to_string(), "12600"); // 10! / (1! 2! 3! 4!)
//! assert_eq!(a.to_string(), "(2,3,4,5)/(2,2,2)");
//! assert!(!a.is_filling());
//! ```

mod compose;
mod convolution;
mod factor_forest;
mod factorize;
mod parse;
mod real;
mod reduced;

pub use compose::{compose, pi, Weight};
pub use convolution::{convolution_matrix, layer_convolution_matrices};
pub use factorize::{FactorizeOptions, RationalFactorization};
pub use real::{
    RealCriticalClass, RealMembership, RealMembershipOptions, RealNumber, RealShortfall,
    RealWitness, RelativePosition, Smoothness,
};
pub use reduced::ReducedArchitecture;

use crate::Error;
use num_bigint::BigUint;
use num_traits::One;
use std::fmt;

/// A validated LCN architecture: filter sizes and one stride per layer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Architecture {
    filter_sizes: Vec<usize>,
    strides: Vec<usize>,
    dilations: Vec<usize>,
    end_to_end_filter_size: usize,
    end_to_end_stride: usize,
}

impl Architecture {
    /// Validates and builds an architecture. Errors: [`Error::NoLayers`],
    /// [`Error::LengthMismatch`] (one stride per layer is required),
    /// [`Error::ZeroFilterSize`], [`Error::ZeroStride`], [`Error::Overflow`]
    /// when a dilation, the end-to-end filter size or the end-to-end stride
    /// does not fit in `usize` (`u64` on 64-bit targets), and
    /// [`Error::TooLarge`] when the number of weights exceeds
    /// [`limits::MAX_PARAMETERS`](crate::limits::MAX_PARAMETERS). Any end-to-end filter size that fits
    /// is accepted; only the operations that materialise coordinates refuse
    /// sizes beyond [`limits::MAX_END_TO_END_FILTER_SIZE`](crate::limits::MAX_END_TO_END_FILTER_SIZE).
    ///
    /// ```
    /// use neurovariety::{Architecture, Error};
    /// assert_eq!(Architecture::new(&[], &[]), Err(Error::NoLayers));
    /// assert_eq!(Architecture::new(&[2, 2], &[0, 1]), Err(Error::ZeroStride { layer: 1 }));
    /// assert!(matches!(Architecture::new(&[2, 2], &[usize::MAX, 1]), Err(Error::Overflow { .. })));
    /// // 50 layers at stride 2: about 10^16 coordinates, but dimension and degree are closed forms.
    /// let big = Architecture::new(&[5; 50], &[2; 50]).unwrap();
    /// assert_eq!(big.dimension(), 201);
    /// assert!(big.end_to_end_filter_size() > 1 << 50);
    /// ```
    pub fn new(filter_sizes: &[usize], strides: &[usize]) -> Result<Self, Error> {
        if filter_sizes.is_empty() {
            return Err(Error::NoLayers);
        }
        if strides.len() != filter_sizes.len() {
            return Err(Error::LengthMismatch {
                what: "strides (one per layer)",
                expected: filter_sizes.len(),
                found: strides.len(),
            });
        }
        if let Some(l) = filter_sizes.iter().position(|&k| k == 0) {
            return Err(Error::ZeroFilterSize { layer: l + 1 });
        }
        if let Some(l) = strides.iter().position(|&s| s == 0) {
            return Err(Error::ZeroStride { layer: l + 1 });
        }
        let params = filter_sizes
            .iter()
            .try_fold(0usize, |acc, &k| acc.checked_add(k));
        if params.is_none_or(|p| p > crate::limits::MAX_PARAMETERS) {
            return Err(Error::too_large_fixed(
                "number of weights (sum of the filter sizes)",
                filter_sizes
                    .iter()
                    .fold(0u128, |acc, &k| acc.saturating_add(k as u128)),
                crate::limits::MAX_PARAMETERS,
            ));
        }
        let mut dilations = Vec::with_capacity(filter_sizes.len());
        let mut t: usize = 1;
        let mut k: usize = 1;
        let last = filter_sizes.len() - 1;
        for (l, (&kl, &sl)) in filter_sizes.iter().zip(strides).enumerate() {
            dilations.push(t);
            k = (kl - 1)
                .checked_mul(t)
                .and_then(|v| v.checked_add(k))
                .ok_or(Error::Overflow {
                    what: "end-to-end filter size",
                })?;
            // t_{l+1} = t_l s_l; after the last layer this is the end-to-end stride
            let what = if l < last {
                "dilation"
            } else {
                "end-to-end stride"
            };
            t = t.checked_mul(sl).ok_or(Error::Overflow { what })?;
        }
        let stride = t;
        Ok(Architecture {
            filter_sizes: filter_sizes.to_vec(),
            strides: strides.to_vec(),
            dilations,
            end_to_end_filter_size: k,
            end_to_end_stride: stride,
        })
    }

    /// Filter sizes `k_1..k_L`.
    #[must_use]
    pub fn filter_sizes(&self) -> &[usize] {
        &self.filter_sizes
    }

    /// Strides `s_1..s_L`.
    #[must_use]
    pub fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// Dilations `t_1 = 1, t_{l+1} = t_l s_l`.
    #[must_use]
    pub fn dilations(&self) -> &[usize] {
        &self.dilations
    }

    /// Number of layers `L`.
    #[must_use]
    pub fn num_layers(&self) -> usize {
        self.filter_sizes.len()
    }

    /// End-to-end filter size `k = 1 + sum_l (k_l - 1) t_l`: the number of
    /// function-space coordinates `c_0..c_{k-1}`.
    #[must_use]
    pub fn end_to_end_filter_size(&self) -> usize {
        self.end_to_end_filter_size
    }

    /// End-to-end stride `S = s_1 ... s_L` (the last stride included): the
    /// network maps an input of length `d_0 >= k` to an output of length
    /// `floor((d_0 - k) / S) + 1`, which is the shape training data must
    /// have ([`Loss::from_training_data`](crate::Loss::from_training_data)).
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let a = Architecture::new(&[3, 2], &[2, 2])?;
    /// let (k, s) = (a.end_to_end_filter_size(), a.end_to_end_stride());
    /// assert_eq!((k, s), (5, 4));
    /// assert_eq!((13 - k) / s + 1, 3); // inputs of length 13 give outputs of length 3
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    #[must_use]
    pub fn end_to_end_stride(&self) -> usize {
        self.end_to_end_stride
    }

    /// Number of weights `sum_l k_l`.
    #[must_use]
    pub fn num_parameters(&self) -> usize {
        self.filter_sizes.iter().sum()
    }

    /// Affine dimension of the neurovariety, `1 + sum_l (k_l - 1)`.
    #[must_use]
    pub fn dimension(&self) -> usize {
        1 + self.filter_sizes.iter().map(|k| k - 1).sum::<usize>()
    }

    /// Degree of the neurovariety, `m! / prod_j (kappa_j - 1)!` over the reduced
    /// architecture (`m = dimension - 1`).
    #[must_use]
    pub fn degree(&self) -> BigUint {
        let parts: Vec<usize> = self
            .reduced()
            .filter_sizes()
            .iter()
            .map(|k| k - 1)
            .collect();
        multinomial(&parts)
    }

    /// The reduced architecture (see [`ReducedArchitecture`]).
    #[must_use]
    pub fn reduced(&self) -> ReducedArchitecture {
        ReducedArchitecture::of(self)
    }

    /// Refuses with [`Error::TooLarge`] (naming `what`) when the end-to-end
    /// filter size exceeds [`limits::MAX_END_TO_END_FILTER_SIZE`](crate::limits::MAX_END_TO_END_FILTER_SIZE): the
    /// guard of every operation that materialises the `k` coordinates.
    pub(crate) fn require_coordinates(&self, what: &'static str) -> Result<usize, Error> {
        let k = self.end_to_end_filter_size;
        if k > crate::limits::MAX_END_TO_END_FILTER_SIZE {
            return Err(Error::too_large_fixed(
                what,
                k as u128,
                crate::limits::MAX_END_TO_END_FILTER_SIZE,
            ));
        }
        Ok(k)
    }

    /// Checks that an end-to-end filter has `k` entries.
    pub(crate) fn check_end_to_end_length(&self, len: usize) -> Result<(), Error> {
        if len != self.end_to_end_filter_size {
            return Err(Error::LengthMismatch {
                what: "end-to-end filter length",
                expected: self.end_to_end_filter_size,
                found: len,
            });
        }
        Ok(())
    }

    /// Checks that there is one filter per layer, each of its layer's size.
    pub(crate) fn check_layer_lengths<T>(&self, layers: &[Vec<T>]) -> Result<(), Error> {
        if layers.len() != self.num_layers() {
            return Err(Error::LengthMismatch {
                what: "number of layer filters",
                expected: self.num_layers(),
                found: layers.len(),
            });
        }
        for (w, &k) in layers.iter().zip(&self.filter_sizes) {
            if w.len() != k {
                return Err(Error::LengthMismatch {
                    what: "layer filter length",
                    expected: k,
                    found: w.len(),
                });
            }
        }
        Ok(())
    }

    /// `true` iff the neurovariety is all of `C^k` (every layer of size `> 1`
    /// sits at dilation 1; then there are no equations).
    #[must_use]
    pub fn is_filling(&self) -> bool {
        self.dimension() == self.end_to_end_filter_size
    }
}

/// `(sum n_i)! / prod n_i!`, the degree of the Segre variety
/// `P^{n_1} x ... x P^{n_R}`. The largest part is taken first, so the work is
/// the sum of the other parts times the size of the result (the report bounds
/// that before calling).
pub(crate) fn multinomial(parts: &[usize]) -> BigUint {
    let mut parts: Vec<usize> = parts.iter().copied().filter(|&n| n > 0).collect();
    parts.sort_unstable_by(|a, b| b.cmp(a));
    let mut acc = BigUint::one();
    let Some((&largest, rest)) = parts.split_first() else {
        return acc;
    };
    let mut total = largest;
    for &n in rest {
        for i in 1..=n {
            total += 1;
            acc = acc * BigUint::from(total) / BigUint::from(i);
        }
    }
    acc
}

impl fmt::Display for Architecture {
    /// The paper's notation `(k_1,...,k_L)/(s_1,...,s_{L-1})` when the last
    /// stride is 1, and `(k_1,...,k_L)/(s_1,...,s_L)` otherwise (the last
    /// stride does not change the function space, but it does change the
    /// end-to-end stride and so the shape of training data); with `{:#}`,
    /// `k = (k_1,...,k_L), s = (s_1,...,s_L)`. Both forms parse back to the
    /// same architecture ([`FromStr`](std::str::FromStr)).
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let a = Architecture::new(&[3, 2], &[2, 1])?;
    /// let b = Architecture::new(&[3, 2], &[2, 2])?;
    /// assert_eq!((a.to_string(), b.to_string()), ("(3,2)/(2)".into(), "(3,2)/(2,2)".into()));
    /// assert_eq!(format!("{b:#}"), "k = (3,2), s = (2,2)");
    /// for x in [&a, &b] {
    ///     assert_eq!(&x.to_string().parse::<Architecture>()?, x);
    ///     assert_eq!(&format!("{x:#}").parse::<Architecture>()?, x);
    /// }
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |v: &[usize]| {
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        if f.alternate() {
            return write!(
                f,
                "k = ({}), s = ({})",
                join(&self.filter_sizes),
                join(&self.strides)
            );
        }
        let l = self.filter_sizes.len();
        let shown = if self.strides[l - 1] == 1 { l - 1 } else { l };
        write!(
            f,
            "({})/({})",
            join(&self.filter_sizes),
            join(&self.strides[..shown])
        )
    }
}
