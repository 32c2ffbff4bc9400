//! The crate's one modular layer: arithmetic and linear algebra modulo
//! word-size primes, and the way back to exact integers.
//!
//! Every computation modulo a prime in the crate goes through this module:
//!
//! - [`Zp`] (`field`): the prime field `Z/p`, `p < 2^63`, as a ring object
//!   that carries its modulus and its Montgomery constants; element
//!   operations in standard and Montgomery form;
//! - [`is_prime`], [`large_primes`], [`primes_below`] (`primes`): a
//!   deterministic primality test and a reproducible supply of primes below
//!   `2^62`;
//! - [`ModMatrix`], [`Rref`] (`dense`): dense rank, reduced row echelon form
//!   and kernel; [`Zp::kernel`], a kernel with delayed reduction for primes
//!   below [`SMALL_PRIME_BOUND`];
//! - dense univariate polynomials over `Z/p` (`polynomial`): `Zp::poly_mul`,
//!   `poly_divrem`, `poly_gcd`, `poly_ext_gcd`, `poly_pow_mod`, ... on
//!   ascending coefficient vectors (modular gcds, factorization modulo `p`);
//! - [`SparseEchelon`] (`sparse`): sparse row echelon forms built row by row,
//!   for one or several primes at once (Macaulay matrices);
//! - [`crt`], [`CrtVector`], [`rational_reconstruction`] (`crt`): Chinese
//!   remaindering and rational reconstruction;
//! - Gröbner bases of multigraded homogeneous ideals (`groebner`, crate
//!   internal: the elimination certificate of the vanishing ideal).
//!
//! A result computed modulo a prime is only ever used where the crate's output
//! stays exact: a modular gcd is verified by exact division, independence
//! modulo `p` implies independence over Q, and a lifted generator of the
//! vanishing ideal is checked by exact substitution.
//!
//! ```
//! use neurovariety::modular::{Zp, is_prime};
//! let f = Zp::new(1_000_000_007).unwrap();
//! assert_eq!(f.mul(f.inv(3).unwrap(), 3), 1);
//! assert!(is_prime(1_000_000_007));
//! ```

mod crt;
mod dense;
mod field;
pub(crate) mod groebner;
mod polynomial;
mod primes;
mod sparse;

pub use crt::{crt, rational_reconstruction, CrtVector};
pub use dense::{ModMatrix, Rref, SMALL_PRIME_BOUND};
pub use field::Zp;
pub use primes::{is_prime, large_primes, primes_below};
pub use sparse::SparseEchelon;
