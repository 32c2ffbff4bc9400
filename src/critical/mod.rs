//! Critical points of training a linear convolutional network with the squared
//! loss: how many there are, in parameter space and in function space, how the
//! count falls when layers are merged, and how it compares with fully
//! connected linear networks.
//!
//! # The mathematics
//!
//! (See `docs/mathematics.md`, section 6.) Train an LCN with filter sizes
//! `k = (k_1, ..., k_L)` and strides `s` on generic data with the squared
//! loss. On function space the loss is `L(w) = || mu(w) - u ||_Q^2` for a
//! generic symmetric form `Q` and a generic target `u`.
//!
//! **Parameter space.** The critical points of `w -> L(w)` with `mu(w) != 0`,
//! counted modulo the rescaling of the layers (`w_l -> lambda_l w_l` with
//! `prod_l lambda_l = 1`, which does not change `mu(w)`), are
//!
//! ```text
//! C_k = gEDdeg(P^{k_1 - 1} x ... x P^{k_L - 1}),
//! ```
//!
//! the generic Euclidean distance degree of the Segre variety of the *given*
//! filter sizes ([`crate::segre::generic_ed_degree_of_filters`]), whatever the
//! strides: [`Architecture::critical_point_count`].
//!
//! **Function space.** The critical points of `L` restricted to the smooth
//! part of the neurovariety `V` (the ED degree of `V` for generic `Q`) are
//! counted by the same formula applied to the *reduced* architecture
//! (stride-1 neighbours merged, size-1 layers dropped; [`Architecture::reduced`]):
//! [`Architecture::function_space_critical_point_count`]. If every layer has
//! size 1 the reduced architecture is empty, `V` is a line and the count is 1.
//!
//! The two differ exactly when the reduction merges layers. For
//! `(2,2,2)/(1,2)` (strides `[1, 2, 1]`) the parameter space has
//! `C_(2,2,2) = 34` critical points, but the first two layers sit at the same
//! dilation, the reduced architecture is `(3,2)/(2)` and function space has
//! only `C_(3,2) = 10`. The parametrisation is not one-to-one on the merged
//! layers (their linear factors can be swapped) and has critical points of its
//! own (where its differential drops rank), so parameter space sees more
//! critical points than function space.
//!
//! **Depth.** Merging two adjacent layers `k_i, k_{i+1}` into one layer of
//! size `k_i + k_{i+1} - 1` keeps the dimension `1 + sum_l (k_l - 1)` of the
//! neurovariety and lowers `C` (an observed fact, checked by property tests; see
//! [`merge_tree`]): the paper's Figure 1 is the [`MergeTree`] of `(2,3,4,5)`.
//!
//! **Fully connected networks.** A fully connected linear network of widths
//! `d_0, ..., d_L` has the matrices of rank at most `min_i d_i` as function
//! space, and only `C(min(d_0, d_L), min_i d_i)` critical points there
//! ([`FullyConnected`], [`Comparison`]).
//!
//! # Example
//!
//! ```
//! use neurovariety::Architecture;
//! use num_bigint::BigUint;
//!
//! let a = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
//! assert_eq!(a.to_string(), "(2,2,2)/(1,2)");
//! assert_eq!(a.critical_point_count().unwrap(), BigUint::from(34u32));
//! assert_eq!(a.function_space_critical_point_count().unwrap(), BigUint::from(10u32));
//!
//! let tree = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).unwrap().merge_tree().unwrap();
//! assert_eq!(tree.num_nodes(), 8);
//! assert_eq!(tree.root().critical_points, BigUint::from(2_976_084u32));
//! ```

pub mod certify;
pub mod chart;
pub mod diagnostics;
pub(crate) mod files;
mod float_core;
pub mod fully_connected;
pub mod gradient;
pub mod loss;
pub mod merge_tree;
pub mod options;
pub mod points;
pub mod shard;
pub mod solve;
pub mod start;
pub mod strata;
mod transfer;

pub use certify::Uncertified;
pub use chart::Chart;
pub use diagnostics::{Diagnostics, LateArrival, OrbitDiagnostics, StrataStatus};
pub use fully_connected::{Comparison, FullyConnected, FullyConnectedEntry};
pub use gradient::GradientSystem;
pub use loss::{parse_exact_number, Loss, NormalizedLoss};
pub use merge_tree::{MergeNode, MergeTree};
pub use options::CriticalPointOptions;
pub use points::{CriticalPoint, CriticalPoints};
pub use shard::{Shard, ShardOutcome, ShardResult, SHARD_FORMAT_VERSION};
pub use start::{start_loss, StartSystem, START_SYSTEM_FORMAT_VERSION};
pub use strata::{CriticalPointStrata, Stratum};

use crate::segre::generic_ed_degree_of_filters;
use crate::{Architecture, Error};
use num_bigint::BigUint;
use num_traits::One;

impl Architecture {
    /// The number of critical points **in parameter space**: the paper's
    /// `C_k = gEDdeg(P^{k_1-1} x ... x P^{k_L-1})` for the *given* filter sizes.
    ///
    /// It counts the complex critical points `w = (w_1, ..., w_L)` of the
    /// squared loss `|| mu(w) - u ||_Q^2` with `mu(w) != 0`, for generic data
    /// (generic `Q` and `u`), counted modulo the rescaling of the layers. The
    /// strides do not matter. Compare
    /// [`Architecture::function_space_critical_point_count`], which counts in
    /// function space and can be smaller.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the exact value is out of reach (see
    /// [`crate::segre::size_estimate_bits`]).
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// use num_bigint::BigUint;
    /// // (2,2,2)/(1,2): 34 in parameter space, but 10 in function space.
    /// let a = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
    /// assert_eq!(a.critical_point_count().unwrap(), BigUint::from(34u32));
    /// assert_eq!(a.function_space_critical_point_count().unwrap(), BigUint::from(10u32));
    /// ```
    pub fn critical_point_count(&self) -> Result<BigUint, Error> {
        generic_ed_degree_of_filters(self.filter_sizes())
    }

    /// The number of critical points **in function space**: the ED degree of
    /// the neurovariety `V` for generic data, which is `C` of the *reduced*
    /// architecture's filter sizes ([`Architecture::reduced`]); 1 if the
    /// reduced architecture is empty (every layer has size 1, `V` is a line).
    ///
    /// It counts the complex critical points of `c -> || c - u ||_Q^2` on the
    /// smooth part of `V`, for generic `Q` and `u`. It equals
    /// [`Architecture::critical_point_count`] when no two layers of size `> 1`
    /// share a dilation and is smaller otherwise.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the exact value is out of reach.
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// use num_bigint::BigUint;
    /// // (2,2,2)/(1,2) reduces to (3,2)/(2): C_(3,2) = 10 (parameter space: 34).
    /// let a = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
    /// assert_eq!(a.reduced().filter_sizes(), &[3, 2]);
    /// assert_eq!(a.function_space_critical_point_count().unwrap(), BigUint::from(10u32));
    /// // (2,2)/(1) reduces to a single layer of size 3: V = C^3, one critical point.
    /// let b = Architecture::new(&[2, 2], &[1, 1]).unwrap();
    /// assert_eq!(b.function_space_critical_point_count().unwrap(), BigUint::from(1u32));
    /// assert_eq!(b.critical_point_count().unwrap(), BigUint::from(6u32));
    /// ```
    pub fn function_space_critical_point_count(&self) -> Result<BigUint, Error> {
        let reduced = self.reduced();
        if reduced.filter_sizes().is_empty() {
            return Ok(BigUint::one());
        }
        generic_ed_degree_of_filters(reduced.filter_sizes())
    }

    /// The tree (a DAG) of all filter-size tuples reachable from this
    /// architecture's by merging adjacent layers, down to a single layer, each
    /// with its parameter-space count `C` (see [`MergeTree`]). Only the filter
    /// sizes matter: `C` does not depend on the strides, so they are ignored.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when `2^(L-1)` exceeds
    /// [`MergeTree::DEFAULT_NODE_LIMIT`] (use [`MergeTree::with_limit`] to go
    /// further), and the errors of [`Architecture::critical_point_count`].
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// let a = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).unwrap();
    /// let tree = a.merge_tree().unwrap();
    /// assert!(tree.to_text().starts_with("level 0"));
    /// assert!(tree.to_text().contains("(2,3,4,5) C=2976084"));
    /// ```
    pub fn merge_tree(&self) -> Result<MergeTree, Error> {
        MergeTree::new(self.filter_sizes())
    }

    /// Puts this LCN beside the fully connected linear networks of the same
    /// depth with at most as many parameters; the pairing rule is described
    /// at [`Comparison`].
    ///
    /// # Errors
    ///
    /// The errors of [`Architecture::critical_point_count`] and
    /// [`Architecture::function_space_critical_point_count`].
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// use num_bigint::BigUint;
    /// let a = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).unwrap();
    /// let cmp = a.fully_connected_comparison().unwrap();
    /// assert_eq!(cmp.num_parameters, 14);
    /// let best = cmp.best_fully_connected().unwrap();
    /// assert_eq!(best.network.widths(), &[6, 1, 1, 1, 6]);
    /// assert_eq!(best.critical_points, BigUint::from(6u32));
    /// assert_eq!(cmp.parameter_space_count, BigUint::from(2_976_084u32));
    /// ```
    pub fn fully_connected_comparison(&self) -> Result<Comparison, Error> {
        Comparison::new(self)
    }
}
