//! Exact polynomial arithmetic: the algebra everything else stands on.
//!
//! | file | concept |
//! |---|---|
//! | `ring` | the coefficient rings ([`Ring`], [`Field`]) |
//! | `univariate` | dense univariate polynomials [`UPoly`] |
//! | `binary_form` | binary forms [`BinaryForm`] with an explicit degree |
//! | `monomial` | exponent vectors and monomial orders |
//! | `monomial_basis` | the monomials of one degree as an indexed basis ([`MonomialBasis`]): the one enumerator and grevlex |
//! | `monomial_ideal` | Hilbert series of monomial ideals ([`hilbert_numerator`]) |
//! | `sparse_vec` | sparse vectors over such a basis ([`SparseVec`]) |
//! | `multivariate` | sparse multivariate polynomials [`MPoly`] |
//! | `poly_ring` | variable names, parsing ([`PolyRing`]) |
//! | `format` | printing for Macaulay2, Singular, SymPy, LaTeX |
//! | `gcd` | modular gcd over Z and Q |
//! | `square_free` | square-free decomposition (Yun) |
//! | `fp_factor` | factoring modulo a prime (Berlekamp, Cantor–Zassenhaus) |
//! | `hensel` | Hensel lifting of a modular factorization |
//! | `zassenhaus` | recombination by subsets (few modular factors) |
//! | `knapsack` | van Hoeij's recombination by lattice reduction |
//! | `lll` | exact (integral) LLL reduction |
//! | `factor` | factorization over Q of polynomials and binary forms |
//! | `split_degrees` | rational factors of prescribed degrees |
//! | `rational_interval` | exact interval arithmetic ([`RationalInterval`]) |
//! | `real_roots` | Sturm sequences: counting and isolating real roots |
//! | `real_algebraic` | real algebraic numbers ([`RealAlgebraic`]) |
//! | `root_discs` | certified discs around the complex roots |
//! | `resolvent` | exact coefficients of products of some roots |
//! | `budget` | step budgets for complete but possibly exponential searches |
//! | `fast_hash` | the hasher of monomial keys (crate internal) |
//!
//! ```
//! use neurovariety::poly::{BinaryForm, UPoly, gcd_integer};
//! let f = BinaryForm::from_i64(&[1, 0, -1]).unwrap();     // x^2 - y^2
//! let g = BinaryForm::from_i64(&[1, 2, 1]).unwrap();      // (x + y)^2
//! assert_eq!(BinaryForm::gcd(&f, &g), BinaryForm::from_i64(&[1, 1]).unwrap());
//! ```

mod binary_form;
pub(crate) mod budget;
mod factor;
mod fast_hash;
mod format;
mod fp_factor;
mod gcd;
mod hensel;
mod knapsack;
mod lll;
mod monomial;
mod monomial_basis;
mod monomial_ideal;
mod multivariate;
mod poly_ring;
pub(crate) mod rational_interval;
mod real_algebraic;
pub(crate) mod real_roots;
pub(crate) mod resolvent;
mod ring;
pub(crate) mod root_discs;
mod roots;
mod sparse_vec;
mod split_degrees;
mod square_free;
mod univariate;
mod zassenhaus;

pub use binary_form::BinaryForm;
pub use factor::{factor_form, factor_integer, factor_rational, Factorization, FormFactorization};
pub(crate) use fast_hash::{FastHasher, FastMap, FastSet};
pub use format::{format_poly, Syntax};
pub use gcd::{
    content, gcd_degree, gcd_integer, gcd_mod_p, gcd_rational, primitive_integer, primitive_part,
    primitive_prs_gcd, GcdDomain,
};
pub use monomial::{Monomial, MonomialOrder};
pub use monomial_basis::{count_monomials, for_each_monomial, grevlex, MonomialBasis};
pub use monomial_ideal::hilbert_numerator;
pub(crate) use monomial_ideal::hilbert_numerator_weighted;
pub use multivariate::MPoly;
pub use poly_ring::PolyRing;
pub use rational_interval::RationalInterval;
pub use real_algebraic::RealAlgebraic;
pub use real_roots::{count_real_roots, real_root_signs, RealRootSigns};
pub use ring::{Field, Ring};
pub use roots::{complex_roots, complex_roots_of, split_real_form_by_degrees};
pub use sparse_vec::{Coefficient, SparseVec};

pub(crate) use split_degrees::pack_into_bins;
pub use split_degrees::{split_form_by_degrees, split_form_by_degrees_rational};
pub use square_free::square_free_decomposition;
pub use univariate::UPoly;
