//! The fixed size limits of the crate, in one place.
//!
//! Operations whose output is dense in a size the caller chooses (a polynomial
//! of degree `n`, an `r x c` matrix, a list of `k` coordinates) refuse sizes
//! beyond these limits with [`Error::TooLarge`] (`raise_with: None`) instead
//! of asking the allocator for terabytes and aborting; bounded searches and
//! iterations stop at them with an error that says so. Limits that an option
//! can raise (the work limit of the equations, the node limit of the merge
//! tree, the factorization budget, ...) live with their options, with a
//! `DEFAULT_...` constant; these cannot be raised.
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

/// The largest end-to-end filter size `k` for which operations that
/// materialise the `k` coordinates `c_0..c_{k-1}` (equations, compositions,
/// losses, solvers) run. [`Architecture::new`](crate::Architecture::new)
/// accepts any `k` that fits in `usize`: dimension, degree and the
/// critical-point counts need no coordinates.
pub const MAX_END_TO_END_FILTER_SIZE: usize = 1 << 24;

/// The largest total number of weights `sum_l k_l` accepted by
/// [`Architecture::new`](crate::Architecture::new) (beyond it, exact degrees
/// and counts are out of reach anyway).
pub const MAX_PARAMETERS: usize = 20_000;

/// The largest number of parameters of a fully connected network
/// ([`FullyConnected::new`](crate::critical::FullyConnected::new)), `2^30`.
/// It keeps its critical point count cheap: `n r` is at most the parameter
/// count, where `n = min(d_0, d_L)` and `r` the rank.
pub const MAX_FULLY_CONNECTED_PARAMETERS: usize = 1 << 30;

/// The largest number of minors [`all_minors`](crate::linalg::all_minors),
/// [`for_each_minor`](crate::linalg::for_each_minor) and
/// [`minors_on_columns`](crate::linalg::minors_on_columns) compute in one call.
pub const MAX_MINORS: u128 = 10_000_000;

/// The most rows of a matrix whose minors are enumerated (row subsets are
/// bit masks of a `u64`).
pub const MAX_MINOR_ROWS: usize = 64;

/// The largest step `t` of a [`t-decomposition`](crate::sdecomp) (every piece
/// is represented, empty ones too).
pub const MAX_DECOMPOSITION_STEP: usize = 1 << 24;

/// The most decimal digits a number read by
/// [`parse_exact_number`](crate::critical::parse_exact_number) (and so by
/// [`Loss::from_csv`](crate::Loss::from_csv)) may have once written out.
pub const MAX_NUMBER_DIGITS: usize = 1_000;

/// The most terms `prod_i (n_i + 1)` that
/// [`generic_ed_degree_naive`](crate::segre::generic_ed_degree_naive) sums.
pub const MAX_NAIVE_TERMS: u128 = 1 << 20;

/// The most terms `sum_n |c_n o mu| = prod_j kappa_j` of the parametrisation
/// that [`Neurovariety::vanishing_ideal`](crate::Neurovariety::vanishing_ideal)
/// expands.
pub const MAX_PARAMETRISATION_TERMS: usize = 1 << 22;

/// The highest degree through which
/// [`Neurovariety::vanishing_ideal`](crate::Neurovariety::vanishing_ideal)
/// interpolates.
pub const MAX_IDEAL_DEGREE: usize = 250;

/// How many primes the exact lift of the vanishing ideal may use before it
/// gives up.
pub const MAX_LIFT_PRIMES: usize = 40;

/// The most variables (weights and live coordinates) of the Gröbner basis of
/// the graph of the parametrisation (the elimination certificate of the
/// vanishing ideal): exponents are stored in a fixed array of this length.
pub const MAX_GROEBNER_VARS: usize = 64;

/// The most terms the Gröbner basis of the elimination certificate may hold
/// (72 bytes each: about 1.4 GB); beyond it the certificate is undecided.
pub const MAX_GROEBNER_BASIS_TERMS: usize = 20_000_000;

/// The most minors the fast path of the vanishing ideal (the equations of a
/// two-piece level) computes; beyond it the ideal is interpolated.
pub const MAX_FAST_PATH_MINORS: u128 = 20_000;

/// Search nodes (choices of orbit counts) the real factorization explores per
/// tolerance step.
pub const MAX_REAL_SEARCH_NODES: usize = 100_000;

/// Fully assembled candidates (each costs a composition) of the real
/// factorization per tolerance step.
pub const MAX_REAL_CANDIDATES: usize = 2_000;

/// Candidates of the real factorization refined by Levenberg–Marquardt per
/// tolerance step.
pub const MAX_REAL_REFINEMENTS: usize = 20;

/// Refinement of a real factorization is skipped above this many free
/// weights (its cost is cubic) ...
pub const MAX_REFINE_PARAMETERS: usize = 150;

/// ... and when (free weights)^2 * (filter length) exceeds this.
pub const MAX_REFINE_WORK: usize = 5_000_000;

/// Levenberg–Marquardt iterations per refinement.
pub const MAX_REFINE_ITERATIONS: usize = 60;

/// Iterations of the simultaneous (Aberth) root finder before it reports
/// no convergence.
pub const MAX_ROOT_ITERATIONS: usize = 2000;

/// Hensel lifting precision doublings beyond the Landau–Mignotte start
/// before van Hoeij's recombination gives up with an internal error (its
/// bound is far below this).
pub const MAX_EXTRA_DOUBLINGS: u32 = 6;

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

/// The split of `C_k` by strata (`Architecture::critical_point_strata`): at
/// most this many partitions per group and cells of the table of counts.
pub const MAX_STRATA_TABLE: usize = 20_000;

/// At most this many strata are enumerated.
pub const MAX_STRATA: usize = 5_000;

/// At most this many layers in one stride-1 group: a group of `m` layers
/// has `2^m - 1` sets of layers that may share a linear factor.
pub const MAX_STRATA_GROUP_LAYERS: usize = 16;

/// The longest line of a start-system or shard file, in bytes (a line holds
/// one chart record or one solution).
pub const MAX_LINE_BYTES: usize = 1 << 20;
