//! Numerical algebraic geometry with certified output: parameter homotopies,
//! path tracking, monodromy and interval (Krawczyk) certification.
//!
//! # The mathematics
//!
//! A square polynomial system `F(z; p) = 0` depending on parameters `p`
//! ([`ParameterHomotopy`]) has, for generic `p`, finitely many regular
//! solutions, which move continuously with `p`. The module
//!
//! 1. tracks one solution along a path in parameter space
//!    ([`track`], predictor–corrector with step control along a
//!    [`Segment`] bent by the gamma trick);
//! 2. finds all solutions reachable from one by monodromy loops
//!    ([`monodromy_solve`]);
//! 3. proves a floating-point solution is near a true, simple zero, in a box
//!    disjoint from the others' ([`certify`], the Krawczyk test in outward
//!    rounded [`Interval`] arithmetic).
//!
//! Floating point is used only here, where the API says so; the systems'
//! coefficients are exact rationals, enclosed rigorously for certification.
//! [`Scalar`] lets one generic evaluation routine produce the float system,
//! its interval enclosure and the exact symbolic polynomials.
//!
//! # Example
//!
//! ```
//! use neurovariety::homotopy::{certify, monodromy_solve, CertifiableSystem, ComplexInterval,
//!     Evaluation, MonodromyOptions, ParameterHomotopy};
//! use num_complex::Complex64;
//!
//! /// z^2 - p = 0 at p = 2.
//! struct Sq;
//! impl ParameterHomotopy for Sq {
//!     fn num_variables(&self) -> usize { 1 }
//!     fn num_parameters(&self) -> usize { 1 }
//!     fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
//!         Evaluation { value: vec![z[0] * z[0] - p[0]], jacobian: vec![z[0] * 2.0],
//!                      parameter_jacobian: vec![Complex64::new(-1.0, 0.0)] }
//!     }
//! }
//! impl CertifiableSystem for Sq {
//!     fn num_variables(&self) -> usize { 1 }
//!     fn has_real_coefficients(&self) -> bool { true }
//!     fn evaluate_interval(&self, z: &[ComplexInterval]) -> (Vec<ComplexInterval>, Vec<ComplexInterval>) {
//!         let two = ComplexInterval::point(Complex64::new(2.0, 0.0));
//!         (vec![z[0] * z[0] - two], vec![z[0] * two])
//!     }
//! }
//! let p = Complex64::new(2.0, 0.0);
//! let start = vec![vec![Complex64::new(2f64.sqrt(), 0.0)]];
//! let r = monodromy_solve(&Sq, &[p], start, Some(2), &MonodromyOptions::default()).unwrap();
//! let certs: Vec<_> = r.solutions.iter().map(|z| certify(&Sq, z).unwrap()).collect();
//! assert!(certs[0].is_disjoint_from(&certs[1]));
//! assert!(certs.iter().all(|c| c.real == Some(true)));
//! ```

pub mod interval;
pub mod krawczyk;
pub mod monodromy;
pub mod scalar;
pub mod statistics;
pub mod tracker;

pub use interval::{ComplexInterval, Interval};
pub use krawczyk::{certify, krawczyk, CertifiableSystem, Certificate};
pub use monodromy::{
    monodromy_solve, Monodromy, MonodromyDiagnostics, MonodromyOptions, MonodromyResult,
};
pub(crate) use monodromy::{random_gamma, track_all, SolutionSet};
pub use scalar::Scalar;
pub use statistics::{PathStatistics, FAILURE_REASONS};
pub use tracker::{
    refine, refine_extended, track, track_with, Evaluation, EvaluationBuffers, ParameterHomotopy,
    PathFailure, Segment, TrackerOptions, TrackerWorkspace,
};
