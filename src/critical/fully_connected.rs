//! Fully connected linear networks, and how their critical point counts
//! compare with those of linear convolutional networks.
//!
//! # The mathematics
//!
//! A fully connected linear network of widths `d_0, ..., d_L` computes
//! `x -> W_L ... W_1 x` with `W_i` a `d_i x d_{i-1}` matrix; it has
//! `sum_i d_{i-1} d_i` parameters. Its function space is the determinantal
//! variety `M_r` of `d_L x d_0` matrices of rank at most `r = min_i d_i`, of
//! dimension `r (d_0 + d_L - r)` (all matrices when `r = min(d_0, d_L)`).
//!
//! **What is counted.** Train with the squared loss `|| W X - Y ||_F^2` on
//! generic data whose input covariance `Sigma = X X^T` has full rank. Up to a
//! constant the loss is `|| (W - U) Sigma^{1/2} ||_F^2` with
//! `U = Y X^T Sigma^{-1}`, and `W -> W Sigma^{1/2}` maps `M_r` onto itself, so
//! the problem is the Frobenius distance from a generic matrix to `M_r`. By the
//! Eckart–Young theorem its critical points on the smooth part of `M_r`
//! (rank exactly `r`) are the truncated singular value decompositions that keep
//! `r` of the `min(d_0, d_L)` singular values:
//!
//! ```text
//! #crit = C(min(d_0, d_L), r)      (complex critical points in function space; all are real).
//! ```
//!
//! This is the ED degree of `M_r` for the Frobenius form, which is *not*
//! generic: the generic ED degree of `M_r` is much larger. The count is in
//! function space; in parameter space the critical points of a fully connected
//! network come in positive-dimensional families (the `GL(d_i)` symmetries of
//! the hidden layers), so only function-space counts compare.
//!
//! For a linear convolutional network the corresponding function-space count is
//! the generic ED degree of its neurovariety
//! ([`crate::Architecture::function_space_critical_point_count`]), and the
//! parameter-space count is `C_k`
//! ([`crate::Architecture::critical_point_count`]). [`Comparison`] puts them
//! side by side with the fully connected networks of the same depth and at most
//! the same number of parameters; the pairing rule is documented there.
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::FullyConnected;
//! use num_bigint::BigUint;
//!
//! let fc = FullyConnected::new(&[6, 1, 1, 1, 6]).unwrap();
//! assert_eq!(fc.num_parameters(), 14);
//! assert_eq!(fc.rank(), 1);
//! assert_eq!(fc.function_space_dimension(), 11);
//! assert_eq!(fc.critical_point_count(), BigUint::from(6u32)); // C(6, 1)
//! assert_eq!(FullyConnected::new(&[4, 2, 4]).unwrap().critical_point_count(), BigUint::from(6u32));
//! ```

use crate::{Architecture, Error};
use num_bigint::BigUint;
use num_traits::One;
use std::fmt;

/// A fully connected linear network, given by its widths `d_0, ..., d_L`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FullyConnected {
    widths: Vec<usize>,
    num_parameters: usize,
}

/// `C(n, k)` for `k <= n`, by the multiplicative formula with `min(k, n - k)`
/// steps (each division is exact).
fn binomial(n: usize, k: usize) -> BigUint {
    let k = k.min(n - k);
    let mut acc = BigUint::one();
    for i in 0..k {
        acc *= n - i;
        acc /= i + 1;
    }
    acc
}

/// `(a,b,c)`.
fn tuple(v: &[usize]) -> String {
    let parts: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("({})", parts.join(","))
}

impl FullyConnected {
    /// Validates the widths `d_0, ..., d_L`.
    ///
    /// # Errors
    ///
    /// [`Error::NoLayers`] for fewer than two widths (no weight matrix),
    /// [`Error::InvalidArgument`] for a zero width, [`Error::Overflow`] if the
    /// parameter count does not fit in `usize`, and [`Error::TooLarge`] if it
    /// exceeds [`limits::MAX_FULLY_CONNECTED_PARAMETERS`](crate::limits::MAX_FULLY_CONNECTED_PARAMETERS).
    ///
    /// ```
    /// use neurovariety::{critical::FullyConnected, Error};
    /// assert_eq!(FullyConnected::new(&[3]), Err(Error::NoLayers));
    /// assert!(matches!(FullyConnected::new(&[3, 0, 3]), Err(Error::InvalidArgument { .. })));
    /// assert!(matches!(FullyConnected::new(&[usize::MAX, 2]), Err(Error::Overflow { .. })));
    /// ```
    pub fn new(widths: &[usize]) -> Result<Self, Error> {
        if widths.len() < 2 {
            return Err(Error::NoLayers);
        }
        if let Some(i) = widths.iter().position(|&d| d == 0) {
            return Err(Error::InvalidArgument {
                name: "widths",
                value: tuple(widths),
                reason: format!("width d_{i} is 0; every width must be at least 1"),
            });
        }
        let overflow = Error::Overflow {
            what: "number of parameters",
        };
        let mut params: usize = 0;
        for pair in widths.windows(2) {
            let p = pair[0].checked_mul(pair[1]).ok_or(overflow.clone())?;
            params = params.checked_add(p).ok_or(overflow.clone())?;
        }
        if params > crate::limits::MAX_FULLY_CONNECTED_PARAMETERS {
            return Err(Error::too_large_fixed(
                "number of weights of the fully connected network",
                params as u128,
                crate::limits::MAX_FULLY_CONNECTED_PARAMETERS,
            ));
        }
        Ok(FullyConnected {
            widths: widths.to_vec(),
            num_parameters: params,
        })
    }

    /// The widths `d_0, ..., d_L`.
    pub fn widths(&self) -> &[usize] {
        &self.widths
    }

    /// The depth `L`: the number of weight matrices.
    pub fn depth(&self) -> usize {
        self.widths.len() - 1
    }

    /// The number of parameters `sum_i d_{i-1} d_i`.
    pub fn num_parameters(&self) -> usize {
        self.num_parameters
    }

    /// The largest rank of an end-to-end matrix, `r = min_i d_i`.
    pub fn rank(&self) -> usize {
        self.widths.iter().copied().min().unwrap_or(1)
    }

    /// `min(d_0, d_L)`: the number of singular values of an end-to-end matrix.
    fn outer(&self) -> usize {
        self.widths[0].min(self.widths[self.widths.len() - 1])
    }

    /// The dimension `r (d_0 + d_L - r)` of the function space (matrices of
    /// rank at most `r`). It is at most the parameter count, so it fits.
    pub fn function_space_dimension(&self) -> usize {
        let r = self.rank();
        let (d0, dl) = (self.widths[0], self.widths[self.widths.len() - 1]);
        r * (d0 - r + dl)
    }

    /// `C(min(d_0, d_L), r)`: the number of complex (in fact real) critical
    /// points in function space of the squared loss on generic data with
    /// full-rank input covariance (Eckart–Young; see the [module
    /// documentation](self)). It is 1 when there is no bottleneck
    /// (`r = min(d_0, d_L)`).
    ///
    /// ```
    /// use neurovariety::critical::FullyConnected;
    /// use num_bigint::BigUint;
    /// assert_eq!(FullyConnected::new(&[2, 1, 2]).unwrap().critical_point_count(), BigUint::from(2u32));
    /// assert_eq!(FullyConnected::new(&[3, 5, 4]).unwrap().critical_point_count(), BigUint::from(1u32));
    /// ```
    pub fn critical_point_count(&self) -> BigUint {
        binomial(self.outer(), self.rank())
    }
}

impl fmt::Display for FullyConnected {
    /// The widths, `(d_0,...,d_L)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tuple(&self.widths))
    }
}

/// A fully connected network of a [`Comparison`] with its critical point count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullyConnectedEntry {
    /// The network, widths `(n, r, ..., r, n)`.
    pub network: FullyConnected,
    /// [`FullyConnected::critical_point_count`] of `network`.
    pub critical_points: BigUint,
}

/// An LCN beside the fully connected linear networks of the same depth with at
/// most as many parameters ([`Architecture::fully_connected_comparison`]).
///
/// # The pairing rule
///
/// Let the LCN have `P = sum_l k_l` parameters and depth `L`. The fully
/// connected networks listed are, for each bottleneck width `r = 1, 2, ...`,
/// the network of depth `L` with widths `(n, r, ..., r, n)` and the largest
/// `n > r` such that its parameter count `2 n r + (L - 2) r^2` is at most `P`
/// (for `L = 1`: the single `n x n` matrix with `n^2 <= P`, which has no
/// bottleneck). The list stops at the first `r` for which no `n > r` fits.
///
/// Why this family: a network of depth `L >= 2` with `r = min_i d_i` and
/// `n = min(d_0, d_L) > r` has at least `2 n r + (L - 2) r^2` parameters, and
/// `C(n, r)` grows with `n`. So the largest count in the list
/// ([`Comparison::best_fully_connected`]) is the largest function-space critical
/// point count of **any** fully connected linear network of depth `L` with at
/// most `P` parameters (every network outside the list with a bottleneck is
/// dominated, and one without a bottleneck has a single critical point). The
/// comparison is therefore as favourable to fully connected networks as it can
/// be, and the LCN still has far more critical points: for `(2,3,4,5)/(2,2,2)`
/// (`P = 14`, `L = 4`) the only entry is `(6,1,1,1,6)` with `C(6,1) = 6`
/// critical points (and, by chance, the same function-space dimension 11),
/// against `C_k = 2976084` for the LCN, in parameter space and in function
/// space alike.
///
/// Parameter counts of the two kinds of networks are not an exact measure of
/// equal expressiveness (an LCN's weights are shared); the rule only fixes a
/// budget. Counts of the LCN are for generic `Q` and data, those of the fully
/// connected networks for the Frobenius form after whitening the inputs (see
/// the [module documentation](self)).
///
/// ```
/// use neurovariety::Architecture;
/// use num_bigint::BigUint;
/// let cmp = Architecture::new(&[2, 2], &[2, 1]).unwrap().fully_connected_comparison().unwrap();
/// assert_eq!((cmp.num_parameters, cmp.depth), (4, 2));
/// assert_eq!(cmp.fully_connected.len(), 1);
/// assert_eq!(cmp.fully_connected[0].network.widths(), &[2, 1, 2]);
/// assert_eq!(cmp.fully_connected[0].critical_points, BigUint::from(2u32));
/// assert_eq!(cmp.function_space_count, BigUint::from(6u32));
/// println!("{cmp}");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The LCN.
    pub architecture: Architecture,
    /// Its depth `L`.
    pub depth: usize,
    /// Its number of parameters `P = sum_l k_l`.
    pub num_parameters: usize,
    /// The affine dimension of its neurovariety, `1 + sum_l (k_l - 1)`.
    pub dimension: usize,
    /// [`Architecture::critical_point_count`]: `C_k`, in parameter space.
    pub parameter_space_count: BigUint,
    /// [`Architecture::function_space_critical_point_count`].
    pub function_space_count: BigUint,
    /// The fully connected networks of the pairing rule, by increasing
    /// bottleneck width `r`.
    pub fully_connected: Vec<FullyConnectedEntry>,
}

impl Comparison {
    /// Builds the comparison for `arch` (see the pairing rule above).
    pub(crate) fn new(arch: &Architecture) -> Result<Self, Error> {
        Self::with_counts(
            arch,
            arch.critical_point_count()?,
            arch.function_space_critical_point_count()?,
        )
    }

    /// [`Comparison::new`] with the LCN's two counts already known (the
    /// report computes them under its own size limit).
    pub(crate) fn with_counts(
        arch: &Architecture,
        parameter_space_count: BigUint,
        function_space_count: BigUint,
    ) -> Result<Self, Error> {
        let p = arch.num_parameters();
        let l = arch.num_layers();
        let mut fully_connected = Vec::new();
        let mut push = |widths: Vec<usize>| -> Result<(), Error> {
            let network = FullyConnected::new(&widths)?;
            let critical_points = network.critical_point_count();
            fully_connected.push(FullyConnectedEntry {
                network,
                critical_points,
            });
            Ok(())
        };
        if l == 1 {
            // P >= 1, so n >= 1.
            let n = (1..=p).take_while(|&n| n * n <= p).last().unwrap_or(1);
            push(vec![n, n])?;
        } else {
            // P <= limits::MAX_PARAMETERS, so none of this can overflow;
            // still, use checked arithmetic and stop on overflow.
            for r in 1usize.. {
                let middle = (l - 2)
                    .checked_mul(r)
                    .and_then(|x| x.checked_mul(r))
                    .filter(|&m| m < p);
                let Some(middle) = middle else { break };
                let n = (p - middle) / (2 * r);
                if n <= r {
                    break;
                }
                let mut widths = vec![r; l + 1];
                widths[0] = n;
                widths[l] = n;
                push(widths)?;
            }
        }
        Ok(Comparison {
            architecture: arch.clone(),
            depth: l,
            num_parameters: p,
            dimension: arch.dimension(),
            parameter_space_count,
            function_space_count,
            fully_connected,
        })
    }

    /// The listed fully connected network with the most critical points (the
    /// narrowest bottleneck on ties); `None` when the list is empty. Its count
    /// is the largest of any fully connected network of the same depth with at
    /// most as many parameters, when that is more than 1.
    pub fn best_fully_connected(&self) -> Option<&FullyConnectedEntry> {
        self.fully_connected
            .iter()
            .rev()
            .max_by(|a, b| a.critical_points.cmp(&b.critical_points))
    }
}

/// `(d_0,...,d_L)`, or `(n, m x r, n)` when there are more than four hidden
/// widths.
pub(crate) fn compact_widths(widths: &[usize]) -> String {
    let hidden = &widths[1..widths.len() - 1];
    if hidden.len() > 4 && hidden.iter().all(|&h| h == hidden[0]) {
        format!(
            "({}, {} x {}, {})",
            widths[0],
            hidden.len(),
            hidden[0],
            widths[widths.len() - 1]
        )
    } else {
        tuple(widths)
    }
}

impl fmt::Display for Comparison {
    /// A small table: the LCN's counts, then one row per fully connected
    /// network (widths, parameters, function-space dimension, critical points).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "LCN {}: depth {}, {} parameters, function space of dimension {}",
            self.architecture, self.depth, self.num_parameters, self.dimension
        )?;
        writeln!(
            f,
            "  critical points in parameter space (C_k):           {}",
            self.parameter_space_count
        )?;
        writeln!(
            f,
            "  critical points in function space (ED degree of V): {}",
            self.function_space_count
        )?;
        writeln!(
            f,
            "fully connected linear networks of depth {} with at most {} parameters,",
            self.depth, self.num_parameters
        )?;
        writeln!(
            f,
            "widths (n,r,...,r,n) with the largest n for each bottleneck r:"
        )?;
        if self.fully_connected.is_empty() {
            return writeln!(
                f,
                "  (none has a bottleneck: each has at most 1 critical point)"
            );
        }
        let header = ["r", "widths", "parameters", "dimension", "critical points"];
        let rows: Vec<[String; 5]> = self
            .fully_connected
            .iter()
            .map(|e| {
                [
                    e.network.rank().to_string(),
                    compact_widths(e.network.widths()),
                    e.network.num_parameters().to_string(),
                    e.network.function_space_dimension().to_string(),
                    e.critical_points.to_string(),
                ]
            })
            .collect();
        let mut w = header.map(str::len);
        for row in &rows {
            for (wi, cell) in w.iter_mut().zip(row) {
                *wi = (*wi).max(cell.len());
            }
        }
        let header = header.map(String::from);
        for row in std::iter::once(&header).chain(&rows) {
            writeln!(
                f,
                "  {:>w0$}  {:<w1$}  {:>w2$}  {:>w3$}  {:>w4$}",
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                w0 = w[0],
                w1 = w[1],
                w2 = w[2],
                w3 = w[3],
                w4 = w[4]
            )?;
        }
        Ok(())
    }
}
