//! Sylvester matrices, resultants, subresultants and common-factor tests.
//!
//! The neurovariety's equations say that pieces of an s-decomposition share a
//! factor of a given degree; this module turns such statements into
//! determinants. Files: `sylvester` (Sylvester matrix, resultant),
//! `subresultant` (subresultant matrices, their minors, principal subresultant
//! coefficients, subresultant forms), `common_factor` (the multi-Sylvester test
//! for many forms). Determinants are exact (see [`crate::linalg`]).
//!
//! ```
//! use neurovariety::poly::{MPoly, UPoly};
//! use neurovariety::resultant::resultant;
//! use num_bigint::BigInt;
//! // Res(a0 x + a1, b0 x + b1) = a0 b1 - a1 b0, with symbolic coefficients
//! let v = |i| MPoly::<BigInt>::var(i).unwrap();
//! let f = UPoly::new(vec![v(1), v(0)]);
//! let g = UPoly::new(vec![v(3), v(2)]);
//! assert_eq!(resultant(&f, &g).unwrap(), &(&v(0) * &v(3)) - &(&v(1) * &v(2)));
//! ```

mod common_factor;
mod subresultant;
mod sylvester;

pub use common_factor::{
    multi_sylvester_matrix, multi_sylvester_shape, share_factor, share_factor_by_rank,
    MultiSylvesterShape,
};
pub use subresultant::{
    principal_subresultant_coefficient, principal_subresultant_coefficients, subresultant_form,
    subresultant_matrix, subresultant_minors,
};
pub use sylvester::{resultant, sylvester_matrix, SylvesterInput};
