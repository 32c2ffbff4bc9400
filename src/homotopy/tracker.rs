//! Predictor–corrector tracking of one solution path of a parameter homotopy.
//!
//! # The mathematics
//!
//! A [`ParameterHomotopy`] is a square polynomial system `F(z; p) = 0`,
//! `z in C^n`, depending on parameters `p in C^m`. For generic `p` its
//! regular solutions are finitely many, and as `p` moves along a path that
//! avoids the discriminant (a complex hypersurface, real codimension 2) each
//! regular solution moves along a smooth path `z(t)`, obeying the Davidenko
//! equation
//!
//! ```text
//! dF/dz * dz/dt + dF/dp * dp/dt = 0.
//! ```
//!
//! **Path and the gamma trick.** A [`Segment`] from `p_a` to `p_b` is the
//! straight segment reparametrised by `s(t) = t / (t + gamma (1 - t))`,
//! `p(t) = p_a + s(t) (p_b - p_a)`, for a random complex `gamma`. This is the
//! gamma trick of Sommese and Wampler (`gamma (1 - t) G + t F` is, after
//! dividing by `gamma (1 - t) + t`, the straight homotopy at `s(t)`): the
//! discriminant meets the complex line through `p_a, p_b` in finitely many
//! values of `s`, and for all but finitely many arguments of `gamma` the arc
//! `s([0, 1])` misses them, even when `p_a` and `p_b` are not random.
//!
//! **Predictor.** A classical fourth-order Runge–Kutta step of the Davidenko
//! equation. **Corrector.** At most three Newton steps at the new `t`; the
//! step is accepted when the Newton corrections shrink (contraction at most
//! 1/2) and end below the tolerance, relative to `1 + |z|`, and the first
//! correction is small (so the corrector cannot jump to another path).
//! **Step control.** A rejected step halves `h`; three accepted steps in a
//! row double it (up to `max_step`). The path fails if `h` falls below
//! `min_step` or the Jacobian becomes singular to working precision.
//! At `t = 1` Newton's method refines the endpoint to full precision.
//!
//! # Example
//!
//! ```
//! use neurovariety::homotopy::{track, Evaluation, ParameterHomotopy, Segment, TrackerOptions};
//! use num_complex::Complex64;
//!
//! /// z^2 - p = 0: the square root of p.
//! struct Sqrt;
//! impl ParameterHomotopy for Sqrt {
//!     fn num_variables(&self) -> usize { 1 }
//!     fn num_parameters(&self) -> usize { 1 }
//!     fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
//!         Evaluation {
//!             value: vec![z[0] * z[0] - p[0]],
//!             jacobian: vec![z[0] * 2.0],
//!             parameter_jacobian: vec![Complex64::new(-1.0, 0.0)],
//!         }
//!     }
//! }
//! let one = Complex64::new(1.0, 0.0);
//! let seg = Segment::new(vec![one], vec![one * 4.0], Complex64::new(0.6, 0.8)).unwrap();
//! let z = track(&Sqrt, &seg, &[one], &TrackerOptions::default()).unwrap();
//! assert!((z[0] - 2.0).norm() < 1e-12);
//! ```

use super::dense::{max_dist, max_norm, Lu};
use crate::poly::Tolerance;
use crate::Error;
use num_complex::Complex64;

/// The value and derivatives of a parameter homotopy at `(z, p)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// `F(z; p)`, `n` values.
    pub value: Vec<Complex64>,
    /// `dF/dz`, `n x n`, row-major.
    pub jacobian: Vec<Complex64>,
    /// `dF/dp`, `n x m`, row-major.
    pub parameter_jacobian: Vec<Complex64>,
}

/// A square polynomial system `F(z; p)` in `n` variables depending on `m`
/// parameters, evaluated in complex floating point.
pub trait ParameterHomotopy {
    /// `n`, the number of variables and of equations.
    fn num_variables(&self) -> usize;
    /// `m`, the number of parameters.
    fn num_parameters(&self) -> usize;
    /// `F`, `dF/dz` and `dF/dp` at `(z, p)`.
    fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation;
}

/// The path `p(t) = p_a + s(t) (p_b - p_a)`, `s(t) = t / (t + gamma (1 - t))`,
/// `t in [0, 1]`, in parameter space.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    start: Vec<Complex64>,
    end: Vec<Complex64>,
    gamma: Complex64,
}

impl Segment {
    /// The segment from `start` to `end` bent by `gamma` (`gamma = 1` is the
    /// straight segment).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if the ends differ in length,
    /// [`Error::NonFinite`] for a non-finite coordinate, and
    /// [`Error::InvalidArgument`] if `gamma` is zero, not finite, or a
    /// negative real (then `t + gamma (1 - t)` vanishes on the way).
    pub fn new(
        start: Vec<Complex64>,
        end: Vec<Complex64>,
        gamma: Complex64,
    ) -> Result<Self, Error> {
        if start.len() != end.len() {
            return Err(Error::LengthMismatch {
                what: "segment end",
                expected: start.len(),
                found: end.len(),
            });
        }
        for (index, z) in start.iter().chain(&end).enumerate() {
            if !z.re.is_finite() || !z.im.is_finite() {
                return Err(Error::NonFinite {
                    index,
                    value: z.to_string(),
                });
            }
        }
        if !gamma.re.is_finite()
            || !gamma.im.is_finite()
            || gamma.norm() == 0.0
            || (gamma.im == 0.0 && gamma.re < 0.0)
        {
            return Err(Error::InvalidArgument {
                name: "gamma",
                value: gamma.to_string(),
                reason: "must be finite, non-zero and not a negative real".into(),
            });
        }
        Ok(Segment { start, end, gamma })
    }

    /// The parameters at time `t`.
    pub fn at(&self, t: f64) -> Vec<Complex64> {
        let s = self.s(t);
        self.start
            .iter()
            .zip(&self.end)
            .map(|(a, b)| a + (b - a) * s)
            .collect()
    }

    fn s(&self, t: f64) -> Complex64 {
        if t >= 1.0 {
            return Complex64::new(1.0, 0.0);
        }
        Complex64::new(t, 0.0) / (self.gamma * (1.0 - t) + t)
    }

    /// `dp/dt` at time `t`.
    pub fn velocity(&self, t: f64) -> Vec<Complex64> {
        let d = self.gamma * (1.0 - t) + t;
        let ds = self.gamma / (d * d);
        self.start
            .iter()
            .zip(&self.end)
            .map(|(a, b)| (b - a) * ds)
            .collect()
    }
}

/// Step-size and accuracy settings of the path tracker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrackerOptions {
    /// First step in `t`.
    pub initial_step: f64,
    /// Largest step in `t`.
    pub max_step: f64,
    /// Smallest step before the path is declared failed.
    pub min_step: f64,
    /// Largest number of attempted steps.
    pub max_steps: usize,
    /// Corrector tolerance, relative to `1 + |z|`.
    pub tolerance: Tolerance,
}

impl Default for TrackerOptions {
    fn default() -> Self {
        TrackerOptions {
            initial_step: 0.02,
            max_step: 0.1,
            min_step: 1e-13,
            max_steps: 100_000,
            tolerance: Tolerance::new(1e-10).expect("positive"),
        }
    }
}

impl TrackerOptions {
    /// Checks the settings: steps in `(0, 1]`, `min_step <= max_step`,
    /// `max_steps > 0`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the options.
    pub fn validate(&self) -> Result<(), Error> {
        let ok = |x: f64| x.is_finite() && x > 0.0 && x <= 1.0;
        if !ok(self.initial_step) || !ok(self.max_step) || !ok(self.min_step) {
            return Err(Error::InvalidArgument {
                name: "TrackerOptions",
                value: format!("{self:?}"),
                reason: "steps must lie in (0, 1]".into(),
            });
        }
        if self.min_step > self.max_step || self.max_steps == 0 {
            return Err(Error::InvalidArgument {
                name: "TrackerOptions",
                value: format!("{self:?}"),
                reason: "need min_step <= max_step and max_steps > 0".into(),
            });
        }
        Ok(())
    }
}

/// The tangent `dz/dt` at `(z, t)`, or `None` at a singular Jacobian.
fn tangent<H: ParameterHomotopy + ?Sized>(
    h: &H,
    seg: &Segment,
    z: &[Complex64],
    t: f64,
) -> Option<Vec<Complex64>> {
    let (n, m) = (h.num_variables(), h.num_parameters());
    let e = h.evaluate(z, &seg.at(t));
    let dp = seg.velocity(t);
    let rhs: Vec<Complex64> = (0..n)
        .map(|i| {
            -(0..m)
                .map(|j| e.parameter_jacobian[i * m + j] * dp[j])
                .sum::<Complex64>()
        })
        .collect();
    Some(Lu::new(&e.jacobian, n)?.solve(&rhs))
}

/// One Newton step at parameters `p`: the new point and the size of the step.
pub(crate) fn newton_step<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &[Complex64],
    p: &[Complex64],
) -> Option<(Vec<Complex64>, f64)> {
    let n = h.num_variables();
    let e = h.evaluate(z, p);
    let d = Lu::new(&e.jacobian, n)?.solve(&e.value);
    let size = max_norm(&d);
    if !size.is_finite() {
        return None;
    }
    Some((z.iter().zip(&d).map(|(a, b)| a - b).collect(), size))
}

/// Newton's method at `p` until the step stops shrinking (at most 12 steps):
/// the refined point and the size of its last step, or `None` if it diverges.
pub fn refine<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &[Complex64],
    p: &[Complex64],
) -> Option<(Vec<Complex64>, f64)> {
    let mut z = z.to_vec();
    let mut last = f64::INFINITY;
    for _ in 0..12 {
        let (next, size) = newton_step(h, &z, p)?;
        if size > last && size > 1e-14 * (1.0 + max_norm(&z)) {
            return if last < 1e-8 * (1.0 + max_norm(&z)) {
                Some((z, last))
            } else {
                None
            };
        }
        z = next;
        last = size;
        if size <= 4.0 * f64::EPSILON * (1.0 + max_norm(&z)) {
            break;
        }
    }
    Some((z, last))
}

/// Tracks the solution `z0` of `F(z; segment.at(0)) = 0` to `t = 1` and
/// returns the refined endpoint.
///
/// # Errors
///
/// [`Error::LengthMismatch`] if `z0` or the segment do not fit the system,
/// [`Error::InvalidArgument`] for bad options, and [`Error::NoConvergence`]
/// when the path fails (singular Jacobian, step below `min_step`, too many
/// steps), with the time reached.
pub fn track<H: ParameterHomotopy + ?Sized>(
    h: &H,
    seg: &Segment,
    z0: &[Complex64],
    opts: &TrackerOptions,
) -> Result<Vec<Complex64>, Error> {
    opts.validate()?;
    let n = h.num_variables();
    if z0.len() != n {
        return Err(Error::LengthMismatch {
            what: "start solution",
            expected: n,
            found: z0.len(),
        });
    }
    if seg.start.len() != h.num_parameters() {
        return Err(Error::LengthMismatch {
            what: "segment parameters",
            expected: h.num_parameters(),
            found: seg.start.len(),
        });
    }
    let fail = |why: &str, t: f64| Error::NoConvergence {
        what: format!("path tracking: {why} at t = {t:.6}"),
    };
    let tol = opts.tolerance.value();
    let mut z = z0.to_vec();
    let mut t = 0.0f64;
    let mut h_step = opts.initial_step;
    let mut streak = 0;
    let axpy = |z: &[Complex64], k: &[Complex64], c: f64| -> Vec<Complex64> {
        z.iter().zip(k).map(|(a, b)| a + b * c).collect()
    };
    for _ in 0..opts.max_steps {
        if t >= 1.0 {
            let p = seg.at(1.0);
            return match refine(h, &z, &p) {
                Some((z, _)) => Ok(z),
                None => Err(fail("endpoint refinement diverged", 1.0)),
            };
        }
        let step = h_step.min(1.0 - t);
        let t1 = if step >= 1.0 - t { 1.0 } else { t + step };
        // Runge-Kutta 4 predictor
        let predicted = (|| {
            let k1 = tangent(h, seg, &z, t)?;
            let k2 = tangent(h, seg, &axpy(&z, &k1, step / 2.0), t + step / 2.0)?;
            let k3 = tangent(h, seg, &axpy(&z, &k2, step / 2.0), t + step / 2.0)?;
            let k4 = tangent(h, seg, &axpy(&z, &k3, step), t1)?;
            Some(
                (0..n)
                    .map(|i| z[i] + (k1[i] + k2[i] * 2.0 + k3[i] * 2.0 + k4[i]) * (step / 6.0))
                    .collect::<Vec<_>>(),
            )
        })();
        let accepted = predicted.and_then(|mut w| {
            let p = seg.at(t1);
            let scale = 1.0 + max_norm(&w);
            let mut last = f64::INFINITY;
            for it in 0..3 {
                let (next, size) = newton_step(h, &w, &p)?;
                if (it == 0 && size > 0.05 * scale) || size > 0.5 * last {
                    return None;
                }
                w = next;
                last = size;
                if size <= tol * scale {
                    return Some(w);
                }
            }
            None
        });
        match accepted {
            Some(w) => {
                if max_dist(&w, &z) > 0.5 * (1.0 + max_norm(&z)) && step > 4.0 * opts.min_step {
                    // a large jump in one step: retry smaller
                    h_step = step / 2.0;
                    streak = 0;
                    continue;
                }
                z = w;
                t = t1;
                streak += 1;
                if streak >= 3 {
                    h_step = (h_step * 2.0).min(opts.max_step);
                    streak = 0;
                }
            }
            None => {
                h_step = step / 2.0;
                streak = 0;
                if h_step < opts.min_step {
                    return Err(fail("step size below the minimum", t));
                }
            }
        }
    }
    Err(fail("too many steps", t))
}
