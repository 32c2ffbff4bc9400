//! Exact linear algebra over integral domains: matrices, determinants, minors, rank.
//!
//! One file per algorithm: `matrix` (the [`Matrix`] type), `determinant`
//! (Bareiss and memoised cofactor expansion), `minors` (all minors of a size,
//! sharing work), `rank` (fraction-free rank), `rref` (exact reduced row echelon form of integer matrices), `solve` (exact linear systems
//! over a field), `definite` (exact positive-definiteness test). Nothing here
//! uses floating point.
//!
//! ```
//! use neurovariety::linalg::{Matrix, determinant};
//! use neurovariety::poly::MPoly;
//! use num_bigint::BigInt;
//! // det [[a, b], [c, d]] = ad - bc with symbolic entries
//! let v = |i| MPoly::<BigInt>::var(i).unwrap();
//! let m = Matrix::from_rows(vec![vec![v(0), v(1)], vec![v(2), v(3)]]).unwrap();
//! assert_eq!(determinant(&m).unwrap(), &(&v(0) * &v(3)) - &(&v(1) * &v(2)));
//! ```

mod definite;
mod determinant;
mod matrix;
mod minors;
mod rank;
mod rref;
mod solve;

pub use definite::is_positive_definite;
pub use determinant::{det_bareiss, det_cofactor, determinant};
pub use matrix::Matrix;
pub(crate) use minors::binom;
pub use minors::{all_minors, count_minors, for_each_minor, minors_on_columns, Minor};
pub use rank::rank;
pub use rref::rref_integer;
pub use solve::solve;
