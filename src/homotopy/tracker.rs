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
//! **Cost.** A path allocates its buffers once ([`TrackerWorkspace`]); every
//! evaluation writes into them ([`ParameterHomotopy::evaluate_into`], which a
//! fast system overrides) and every linear solve factors in place
//! (`crate::numeric`), so the inner loop allocates nothing.
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

use crate::numeric::{lu_in_place, lu_solve_in_place, max_dist, max_norm};
use crate::Error;
use crate::Tolerance;
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

/// Output buffers of [`ParameterHomotopy::evaluate_into`], allocated once per
/// path and reused for every evaluation.
#[derive(Clone, Debug, Default)]
pub struct EvaluationBuffers {
    /// `F(z; p)`, `n` values.
    pub value: Vec<Complex64>,
    /// `dF/dz`, `n x n`, row-major.
    pub jacobian: Vec<Complex64>,
    /// `(dF/dp) dp` for the direction `dp` asked for (`n` values).
    pub direction: Vec<Complex64>,
    /// Scratch space the system may use as it likes (its length persists
    /// between calls, so a system sizes it once).
    pub scratch: Vec<Complex64>,
}

impl EvaluationBuffers {
    /// Buffers for a system of `n` variables.
    pub fn new(n: usize) -> Self {
        let zero = Complex64::new(0.0, 0.0);
        EvaluationBuffers {
            value: vec![zero; n],
            jacobian: vec![zero; n * n],
            direction: vec![zero; n],
            scratch: Vec::new(),
        }
    }
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
    /// `F(z; p)` into `out.value`, `dF/dz` into `out.jacobian` and, if `dp`
    /// is given, `(dF/dp) dp` into `out.direction` (buffers of the sizes of
    /// [`EvaluationBuffers::new`]). The default calls
    /// [`ParameterHomotopy::evaluate`]; a system evaluated in an inner loop
    /// overrides it to allocate nothing.
    fn evaluate_into(
        &self,
        z: &[Complex64],
        p: &[Complex64],
        dp: Option<&[Complex64]>,
        out: &mut EvaluationBuffers,
    ) {
        let e = self.evaluate(z, p);
        let (n, m) = (self.num_variables(), self.num_parameters());
        out.value.copy_from_slice(&e.value);
        out.jacobian.copy_from_slice(&e.jacobian);
        if let Some(dp) = dp {
            for (i, d) in out.direction.iter_mut().enumerate().take(n) {
                *d = (0..m)
                    .map(|j| e.parameter_jacobian[i * m + j] * dp[j])
                    .sum();
            }
        }
    }
}

/// The path `p(t) = p_a + s(t) (p_b - p_a)`, `s(t) = t / (t + gamma (1 - t))`,
/// `t in [0, 1]`, in parameter space.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    start: Vec<Complex64>,
    end: Vec<Complex64>,
    /// `end - start`.
    diff: Vec<Complex64>,
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
        let diff = start.iter().zip(&end).map(|(a, b)| b - a).collect();
        Ok(Segment {
            start,
            end,
            diff,
            gamma,
        })
    }

    /// The same path run backwards, from `end` to `start`: `s(1 - t)` is
    /// `1 - s'(t)` for the gamma `1 / gamma`, so both run through the same
    /// parameters.
    pub fn reversed(&self) -> Segment {
        Segment {
            start: self.end.clone(),
            end: self.start.clone(),
            diff: self.diff.iter().map(|d| -d).collect(),
            gamma: self.gamma.inv(),
        }
    }

    /// The start parameters.
    pub fn start(&self) -> &[Complex64] {
        &self.start
    }

    /// The end parameters.
    pub fn end(&self) -> &[Complex64] {
        &self.end
    }

    /// The parameters at time `t`.
    pub fn at(&self, t: f64) -> Vec<Complex64> {
        let mut out = vec![Complex64::new(0.0, 0.0); self.start.len()];
        self.at_into(t, &mut out);
        out
    }

    /// The parameters at time `t`, into `out`.
    fn at_into(&self, t: f64, out: &mut [Complex64]) {
        if t >= 1.0 {
            out.copy_from_slice(&self.end);
            return;
        }
        let s = self.s(t);
        for ((o, a), d) in out.iter_mut().zip(&self.start).zip(&self.diff) {
            *o = a + d * s;
        }
    }

    fn s(&self, t: f64) -> Complex64 {
        if t >= 1.0 {
            return Complex64::new(1.0, 0.0);
        }
        Complex64::new(t, 0.0) / (self.gamma * (1.0 - t) + t)
    }

    /// `ds/dt`: `dp/dt = (ds/dt) (p_b - p_a)`.
    fn ds(&self, t: f64) -> Complex64 {
        let d = self.gamma * (1.0 - t) + t;
        self.gamma / (d * d)
    }

    /// `dp/dt` at time `t`.
    pub fn velocity(&self, t: f64) -> Vec<Complex64> {
        let ds = self.ds(t);
        self.diff.iter().map(|d| d * ds).collect()
    }
}

/// Step-size and accuracy settings of the path tracker. Build with
/// [`Default`] and the `with_...` methods.
///
/// ```
/// use neurovariety::{Tolerance, TrackerOptions};
/// let o = TrackerOptions::default()
///     .with_max_step(0.05)
///     .with_tolerance(Tolerance::new(1e-12)?);
/// assert!(o.validate().is_ok());
/// assert!(TrackerOptions::default().with_min_step(2.0).validate().is_err());
/// # Ok::<(), neurovariety::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
#[must_use]
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
    /// The same options with another first step.
    pub fn with_initial_step(mut self, step: f64) -> Self {
        self.initial_step = step;
        self
    }
    /// The same options with another largest step.
    pub fn with_max_step(mut self, step: f64) -> Self {
        self.max_step = step;
        self
    }
    /// The same options with another smallest step.
    pub fn with_min_step(mut self, step: f64) -> Self {
        self.min_step = step;
        self
    }
    /// The same options with another bound on attempted steps.
    pub fn with_max_steps(mut self, steps: usize) -> Self {
        self.max_steps = steps;
        self
    }
    /// The same options with another corrector tolerance.
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

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

/// The buffers of one path: evaluation outputs, the LU factors, the stages of
/// the predictor. Allocated once per path (or per worker) and reused.
#[derive(Clone, Debug)]
pub struct TrackerWorkspace {
    n: usize,
    eval: EvaluationBuffers,
    perm: Vec<usize>,
    tmp: Vec<Complex64>,
    p: Vec<Complex64>,
    z: Vec<Complex64>,
    w: Vec<Complex64>,
    stage: Vec<Complex64>,
    k: [Vec<Complex64>; 4],
    /// Steps attempted by the last [`track_with`].
    pub steps: usize,
}

impl TrackerWorkspace {
    /// Buffers for a system of `n` variables and `m` parameters.
    pub fn new(n: usize, m: usize) -> Self {
        let zero = Complex64::new(0.0, 0.0);
        let v = || vec![zero; n];
        TrackerWorkspace {
            n,
            eval: EvaluationBuffers::new(n),
            perm: vec![0; n],
            tmp: v(),
            p: vec![zero; m],
            z: v(),
            w: v(),
            stage: v(),
            k: [v(), v(), v(), v()],
            steps: 0,
        }
    }

    /// Buffers fitting the system `h`.
    pub fn for_system<H: ParameterHomotopy + ?Sized>(h: &H) -> Self {
        TrackerWorkspace::new(h.num_variables(), h.num_parameters())
    }
}

/// The tangent `dz/dt` at `(z, t)` into `out`; `false` at a singular Jacobian.
fn tangent_into<H: ParameterHomotopy + ?Sized>(
    h: &H,
    seg: &Segment,
    z: &[Complex64],
    t: f64,
    ws: &mut TrackerWorkspace,
    out: &mut [Complex64],
) -> bool {
    let n = ws.n;
    seg.at_into(t, &mut ws.p);
    h.evaluate_into(z, &ws.p, Some(&seg.diff), &mut ws.eval);
    if !lu_in_place(&mut ws.eval.jacobian, n, &mut ws.perm) {
        return false;
    }
    let ds = seg.ds(t);
    for (o, d) in out.iter_mut().zip(&ws.eval.direction) {
        *o = -(d * ds);
    }
    lu_solve_in_place(&ws.eval.jacobian, n, &ws.perm, out, &mut ws.tmp);
    true
}

/// One Newton step at the parameters in `ws.p`, updating `z` in place: the
/// size of the step, `None` at a singular Jacobian or a non-finite step.
fn newton_in_place<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &mut [Complex64],
    ws: &mut TrackerWorkspace,
) -> Option<f64> {
    let n = ws.n;
    h.evaluate_into(z, &ws.p, None, &mut ws.eval);
    if !lu_in_place(&mut ws.eval.jacobian, n, &mut ws.perm) {
        return None;
    }
    lu_solve_in_place(
        &ws.eval.jacobian,
        n,
        &ws.perm,
        &mut ws.eval.value,
        &mut ws.tmp,
    );
    let size = max_norm(&ws.eval.value);
    if !size.is_finite() {
        return None;
    }
    for (a, d) in z.iter_mut().zip(&ws.eval.value) {
        *a -= d;
    }
    Some(size)
}

/// Newton's method at the parameters in `ws.p` from `z` (in place) until the
/// step stops shrinking (at most 12 steps): the size of the last step, or
/// `None` if it diverges.
fn refine_in_place<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &mut [Complex64],
    ws: &mut TrackerWorkspace,
) -> Option<f64> {
    let mut last = f64::INFINITY;
    let mut prev = z.to_vec();
    for _ in 0..12 {
        prev.copy_from_slice(z);
        let size = newton_in_place(h, z, ws)?;
        let scale = 1.0 + max_norm(&prev);
        if size > last && size > 1e-14 * scale {
            z.copy_from_slice(&prev);
            return (last < 1e-8 * scale).then_some(last);
        }
        last = size;
        if size <= 4.0 * f64::EPSILON * (1.0 + max_norm(z)) {
            break;
        }
    }
    Some(last)
}

/// Newton's method at `p` until the step stops shrinking (at most 12 steps):
/// the refined point and the size of its last step, or `None` if it diverges.
pub fn refine<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &[Complex64],
    p: &[Complex64],
) -> Option<(Vec<Complex64>, f64)> {
    let mut ws = TrackerWorkspace::for_system(h);
    ws.p.copy_from_slice(p);
    let mut z = z.to_vec();
    let last = refine_in_place(h, &mut z, &mut ws)?;
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
    let mut ws = TrackerWorkspace::for_system(h);
    track_with(h, seg, z0, opts, &mut ws)
}

/// [`track`] with the caller's buffers (reused across paths; options are
/// not validated again).
///
/// # Errors
///
/// As [`track`].
pub fn track_with<H: ParameterHomotopy + ?Sized>(
    h: &H,
    seg: &Segment,
    z0: &[Complex64],
    opts: &TrackerOptions,
    ws: &mut TrackerWorkspace,
) -> Result<Vec<Complex64>, Error> {
    let n = h.num_variables();
    if z0.len() != n || ws.n != n {
        return Err(Error::LengthMismatch {
            what: "start solution",
            expected: n,
            found: z0.len(),
        });
    }
    if seg.start.len() != h.num_parameters() || ws.p.len() != seg.start.len() {
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
    let mut z = std::mem::take(&mut ws.z);
    let mut w = std::mem::take(&mut ws.w);
    let mut stage = std::mem::take(&mut ws.stage);
    let mut k = std::mem::take(&mut ws.k);
    z.copy_from_slice(z0);
    let mut t = 0.0f64;
    let mut h_step = opts.initial_step;
    let mut streak = 0;
    ws.steps = 0;
    let mut result = Err(fail("too many steps", 1.0));
    for _ in 0..opts.max_steps {
        ws.steps += 1;
        if t >= 1.0 {
            seg.at_into(1.0, &mut ws.p);
            result = match refine_in_place(h, &mut z, ws) {
                Some(_) => Ok(z.clone()),
                None => Err(fail("endpoint refinement diverged", 1.0)),
            };
            break;
        }
        let step = h_step.min(1.0 - t);
        let t1 = if step >= 1.0 - t { 1.0 } else { t + step };
        // Runge-Kutta 4 predictor
        let predicted = {
            let [k1, k2, k3, k4] = &mut k;
            tangent_into(h, seg, &z, t, ws, k1)
                && {
                    for i in 0..n {
                        stage[i] = z[i] + k1[i] * (step / 2.0);
                    }
                    tangent_into(h, seg, &stage, t + step / 2.0, ws, k2)
                }
                && {
                    for i in 0..n {
                        stage[i] = z[i] + k2[i] * (step / 2.0);
                    }
                    tangent_into(h, seg, &stage, t + step / 2.0, ws, k3)
                }
                && {
                    for i in 0..n {
                        stage[i] = z[i] + k3[i] * step;
                    }
                    tangent_into(h, seg, &stage, t1, ws, k4)
                }
        };
        let accepted = predicted && {
            let [k1, k2, k3, k4] = &k;
            for i in 0..n {
                w[i] = z[i] + (k1[i] + k2[i] * 2.0 + k3[i] * 2.0 + k4[i]) * (step / 6.0);
            }
            seg.at_into(t1, &mut ws.p);
            let scale = 1.0 + max_norm(&w);
            let mut last = f64::INFINITY;
            let mut ok = false;
            for it in 0..3 {
                match newton_in_place(h, &mut w, ws) {
                    Some(size) if !((it == 0 && size > 0.05 * scale) || size > 0.5 * last) => {
                        last = size;
                        if size <= tol * scale {
                            ok = true;
                            break;
                        }
                    }
                    _ => break,
                }
            }
            ok
        };
        if accepted {
            if max_dist(&w, &z) > 0.5 * (1.0 + max_norm(&z)) && step > 4.0 * opts.min_step {
                // a large jump in one step: retry smaller
                h_step = step / 2.0;
                streak = 0;
                continue;
            }
            std::mem::swap(&mut z, &mut w);
            t = t1;
            streak += 1;
            if streak >= 3 {
                h_step = (h_step * 2.0).min(opts.max_step);
                streak = 0;
            }
        } else {
            h_step = step / 2.0;
            streak = 0;
            if h_step < opts.min_step {
                result = Err(fail("step size below the minimum", t));
                break;
            }
        }
    }
    if let Err(Error::NoConvergence { what }) = &mut result {
        if what.contains("too many steps") {
            *what = format!("path tracking: too many steps at t = {t:.6}");
        }
    }
    ws.z = z;
    ws.w = w;
    ws.stage = stage;
    ws.k = k;
    result
}
