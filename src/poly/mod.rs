//! Exact polynomial arithmetic: the algebra everything else stands on.
//!
//! | file | concept |
//! |---|---|
//! | `ring` | the coefficient rings ([`Ring`], [`Field`]) |
//! | `univariate` | dense univariate polynomials [`UPoly`] |
//! | `binary_form` | binary forms [`BinaryForm`] with an explicit degree |
//! | `monomial` | exponent vectors and monomial orders |
//! | `multivariate` | sparse multivariate polynomials [`MPoly`] |
//! | `poly_ring` | variable names, parsing ([`PolyRing`]) |
//! | `format` | printing for Macaulay2, Singular, SymPy, LaTeX |
//! | `gcd` | modular gcd over Z and Q |
//!
//! ```
//! use neurovariety::poly::{BinaryForm, UPoly, gcd_integer};
//! let f = BinaryForm::from_i64(&[1, 0, -1]).unwrap();     // x^2 - y^2
//! let g = BinaryForm::from_i64(&[1, 2, 1]).unwrap();      // (x + y)^2
//! assert_eq!(BinaryForm::gcd(&f, &g), BinaryForm::from_i64(&[1, 1]).unwrap());
//! ```

mod binary_form;
mod factor;
mod format;
mod gcd;
mod monomial;
mod multivariate;
mod poly_ring;
mod ring;
mod roots;
mod univariate;

pub use binary_form::BinaryForm;
pub use factor::{
    factor_form, factor_integer, factor_rational, split_form_by_degrees,
    split_form_by_degrees_rational, square_free_decomposition, Factorization, FormFactorization,
};
pub use format::{format_poly, Syntax};
pub use gcd::{
    content, gcd_degree, gcd_integer, gcd_mod_p, gcd_rational, primitive_integer, primitive_part,
    primitive_prs_gcd, GcdDomain,
};
pub use monomial::{Monomial, MonomialOrder};
pub use multivariate::MPoly;
pub use poly_ring::PolyRing;
pub use ring::{Field, Ring};
pub use roots::{complex_roots, split_real_form_by_degrees, Tolerance};
pub use univariate::UPoly;
