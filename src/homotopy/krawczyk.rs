//! Certification of a solution by the Krawczyk interval Newton test.
//!
//! # The mathematics
//!
//! Let `F: C^n -> C^n` be polynomial, `x` an approximate zero, `X` a box
//! (a product of complex rectangles) containing `x`, `Y` any complex matrix
//! (in practice the inverse of `DF(x)` computed in floating point: `Y` need
//! not be enclosed, since the theorem below holds for every `Y`). The
//! Krawczyk operator
//!
//! ```text
//! K(X) = x - Y F(x) + (I - Y DF(X)) (X - x)
//! ```
//!
//! is evaluated in interval arithmetic ([`super::interval`]), `DF(X)` being an
//! enclosure of every Jacobian over `X`. **Theorem** (Krawczyk 1969, Moore
//! 1977; for the complex case e.g. Rump's survey, Acta Numerica 2010): if
//! `K(X)` lies in the interior of `X`, then `X` contains exactly one zero of
//! `F`, `Y` is invertible and every matrix in `DF(X)` is invertible. In
//! particular the zero is **simple** (regular), and zeros certified in
//! **disjoint** boxes are **distinct**.
//!
//! Identify `C^n` with `R^{2n}`: the complex Jacobian is then the real
//! `2n x 2n` Jacobian, and the test above is the real Krawczyk test applied
//! to the real and imaginary parts, so the real theorem applies.
//!
//! **Realness.** If `F` has real coefficients and the certified box is its
//! own complex conjugate (centre real, imaginary parts `[-r, r]`), the
//! conjugate of the unique zero is a zero in the same box, hence equals it:
//! the zero is real. If some coordinate's imaginary part in the box excludes
//! 0, the zero is not real.
//!
//! The test is rigorous up to the correctness of IEEE 754 rounding: every
//! coefficient of `F` enters as an interval enclosing the exact rational
//! ([`super::ComplexInterval::from_rational`]).
//!
//! # Example
//!
//! ```
//! use neurovariety::homotopy::{certify, CertifiableSystem, ComplexInterval};
//! use num_complex::Complex64;
//!
//! /// z^2 - 2 = 0, with real coefficients.
//! struct Root2;
//! impl CertifiableSystem for Root2 {
//!     fn num_variables(&self) -> usize { 1 }
//!     fn has_real_coefficients(&self) -> bool { true }
//!     fn evaluate_interval(&self, z: &[ComplexInterval]) -> (Vec<ComplexInterval>, Vec<ComplexInterval>) {
//!         let two = ComplexInterval::point(Complex64::new(2.0, 0.0));
//!         (vec![z[0] * z[0] - two], vec![z[0] * two])
//!     }
//! }
//! let c = certify(&Root2, &[Complex64::new(1.41421356237, 1e-13)]).unwrap();
//! assert_eq!(c.real, Some(true));
//! assert!(c.enclosure[0].re.contains(std::f64::consts::SQRT_2));
//! ```

use super::interval::ComplexInterval;
use crate::numeric::Lu;
use num_complex::Complex64;

/// A square polynomial system that can be evaluated, with its Jacobian, in
/// interval arithmetic (at fixed parameters).
pub trait CertifiableSystem {
    /// The number of variables and of equations.
    fn num_variables(&self) -> usize;
    /// `true` if every coefficient of the system is real (realness of
    /// certified zeros can then be decided).
    fn has_real_coefficients(&self) -> bool;
    /// Enclosures of `F(Z)` and of `DF(Z)` (row-major `n x n`) over the box `Z`.
    fn evaluate_interval(
        &self,
        z: &[ComplexInterval],
    ) -> (Vec<ComplexInterval>, Vec<ComplexInterval>);
    /// What the Krawczyk test needs at its centre `x`: an enclosure of
    /// `F(x)` and an approximation of `DF(x)` (row-major `n x n`), whose
    /// inverse becomes `Y`. Any matrix serves as `Y` (the theorem holds for
    /// every `Y`; a poor one only makes the test fail), so the Jacobian need
    /// not be enclosed. The default evaluates [`CertifiableSystem::evaluate_interval`]
    /// at the point box and takes the midpoints; a system with a cheaper
    /// floating-point Jacobian overrides it.
    fn evaluate_at_centre(&self, x: &[Complex64]) -> (Vec<ComplexInterval>, Vec<Complex64>) {
        let xi: Vec<ComplexInterval> = x.iter().map(|&z| ComplexInterval::point(z)).collect();
        let (fx, jx) = self.evaluate_interval(&xi);
        (fx, jx.iter().map(|c| c.mid()).collect())
    }
}

/// A box proved to contain exactly one zero of the system, which is simple.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificate {
    /// The box `X`: one complex rectangle per variable.
    pub enclosure: Vec<ComplexInterval>,
    /// The relative size of the box: coordinate `i` has half-side
    /// `radius (1 + |x_i|)` (before outward rounding), `x` the centre.
    pub radius: f64,
    /// The centre `x` of the box (the point the test was run at):
    /// `krawczyk(system, &center, radii)` with the radii above repeats it.
    pub center: Vec<Complex64>,
    /// `Some(true)`: the zero is real; `Some(false)`: it is not; `None`:
    /// undecided (always `None` for systems with complex coefficients).
    pub real: Option<bool>,
}

impl Certificate {
    /// `true` if the two boxes are disjoint, so their zeros are distinct.
    pub fn is_disjoint_from(&self, other: &Certificate) -> bool {
        self.enclosure
            .iter()
            .zip(&other.enclosure)
            .any(|(a, b)| !a.intersects(b))
    }

    /// The centre of the box.
    pub fn center(&self) -> Vec<Complex64> {
        self.center.clone()
    }
}

/// The Krawczyk test on the box around `x` whose coordinate `i` has
/// half-side `radii[i]`: the box if `K(X)` lies in its interior.
pub fn krawczyk<S: CertifiableSystem + ?Sized>(
    s: &S,
    x: &[Complex64],
    radii: &[f64],
) -> Option<Vec<ComplexInterval>> {
    Centre::new(s, x)?.test(s, radii)
}

/// What the Krawczyk test needs at the centre `x`, whatever the box:
/// `F(x)` in interval arithmetic and `Y`, the inverse of an approximation
/// of `DF(x)` ([`CertifiableSystem::evaluate_at_centre`]). [`certify`] tries up to 17 boxes around one centre and computes
/// this once.
struct Centre {
    x: Vec<Complex64>,
    xi: Vec<ComplexInterval>,
    fx: Vec<ComplexInterval>,
    yi: Vec<ComplexInterval>,
}

impl Centre {
    fn new<S: CertifiableSystem + ?Sized>(s: &S, x: &[Complex64]) -> Option<Centre> {
        let n = s.num_variables();
        if x.len() != n {
            return None;
        }
        let xi: Vec<ComplexInterval> = x.iter().map(|&z| ComplexInterval::point(z)).collect();
        let (fx, jx) = s.evaluate_at_centre(x);
        if fx.len() != n || jx.len() != n * n {
            return None;
        }
        let y = Lu::new(&jx, n)?.inverse();
        let yi = y.iter().map(|&c| ComplexInterval::point(c)).collect();
        Some(Centre {
            x: x.to_vec(),
            xi,
            fx,
            yi,
        })
    }

    /// The test on the box of half-sides `radii` around the centre.
    fn test<S: CertifiableSystem + ?Sized>(
        &self,
        s: &S,
        radii: &[f64],
    ) -> Option<Vec<ComplexInterval>> {
        let n = self.xi.len();
        if radii.len() != n
            || radii
                .iter()
                .any(|r| r.is_nan() || *r <= 0.0 || !r.is_finite())
        {
            return None;
        }
        let (xi, fx, yi) = (&self.xi, &self.fx, &self.yi);
        let big_x: Vec<ComplexInterval> = self
            .x
            .iter()
            .zip(radii)
            .map(|(&z, &r)| ComplexInterval::around_unchecked(z, r))
            .collect();
        let (_, jbox) = s.evaluate_interval(&big_x);
        let dx: Vec<ComplexInterval> = big_x.iter().zip(xi).map(|(a, b)| *a - *b).collect();
        for i in 0..n {
            // x_i - (Y F(x))_i
            let mut k = xi[i];
            for j in 0..n {
                k = k - yi[i * n + j] * fx[j];
            }
            // + sum_j (I - Y DF(X))_{ij} (X_j - x_j)
            for j in 0..n {
                let mut m = if i == j {
                    ComplexInterval::point(Complex64::new(1.0, 0.0))
                } else {
                    ComplexInterval::zero()
                };
                for l in 0..n {
                    m = m - yi[i * n + l] * jbox[l * n + j];
                }
                k = k + m * dx[j];
            }
            if !k.strictly_inside(&big_x[i]) {
                return None;
            }
        }
        Some(big_x)
    }
}

/// Certifies the approximate zero `x`: tries boxes of relative sizes
/// `rel = 1e-12 .. 1e-4` (coordinate `i` gets half-side `rel (1 + |x_i|)`, so badly scaled
/// solutions are boxed to their own scale) and, for systems with real
/// coefficients and `x` nearly real, first the conjugation-symmetric box
/// around the real part of `x`. `None` if no box passes the Krawczyk test.
pub fn certify<S: CertifiableSystem + ?Sized>(s: &S, x: &[Complex64]) -> Option<Certificate> {
    let real_system = s.has_real_coefficients();
    let real_center: Vec<Complex64> = x.iter().map(|z| Complex64::new(z.re, 0.0)).collect();
    // F and Y at each centre once, for all radii (the real centre only when
    // some box is tried there)
    let centre = Centre::new(s, x);
    let mut real_centre: Option<Option<Centre>> = None;
    // radii from 1e-12 to 1e-4 in steps of about sqrt(10): a box must be
    // larger than the rounding error of F at x and smaller than the region
    // where DF stays close to DF(x); for ill-conditioned zeros that window is
    // narrow.
    for rel in (0..17).map(|i| 1e-12 * 10f64.powf(0.5 * i as f64)) {
        let radii: Vec<f64> = x.iter().map(|z| rel * (1.0 + z.norm())).collect();
        let nearly_real = x.iter().zip(&radii).all(|(z, r)| z.im.abs() < r / 4.0);
        if real_system && nearly_real {
            let real_radii: Vec<f64> = real_center.iter().map(|z| rel * (1.0 + z.norm())).collect();
            let rc = real_centre.get_or_insert_with(|| Centre::new(s, &real_center));
            if let Some(enclosure) = rc.as_ref().and_then(|c| c.test(s, &real_radii)) {
                let real = enclosure.iter().all(|c| c.is_self_conjugate());
                return Some(Certificate {
                    enclosure,
                    radius: rel,
                    center: real_center,
                    real: real.then_some(true),
                });
            }
        }
        if let Some(enclosure) = centre.as_ref().and_then(|c| c.test(s, &radii)) {
            let nonreal = enclosure.iter().any(|c| !c.im.contains(0.0));
            let real = if !real_system {
                None
            } else if nonreal {
                Some(false)
            } else {
                None
            };
            return Some(Certificate {
                enclosure,
                radius: rel,
                center: x.to_vec(),
                real,
            });
        }
    }
    None
}
