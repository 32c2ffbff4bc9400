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

use crate::numeric::{lu_in_place, lu_solve_in_place, max_norm};
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

    /// `(dF/dp) dp` into `out.direction` at the point and parameters of the
    /// last [`ParameterHomotopy::evaluate_into`] on `out` (called without a
    /// direction), from what that evaluation left in `out.scratch`; `false`
    /// if the system cannot (the default). The tracker's corrector needs the
    /// direction only at its last Newton step, which it knows only after the
    /// solve: a system that answers here saves computing it at every
    /// evaluation.
    fn direction_after_evaluation(&self, _dp: &[Complex64], _out: &mut EvaluationBuffers) -> bool {
        false
    }

    /// `F(z; p)` evaluated in extended (double-double) precision and
    /// rounded to double, into `out` (`n` values); `false` if the system
    /// does not provide it (the default), and then `out` is untouched.
    /// The tracker uses it, when [`TrackerOptions::extended_precision`] is
    /// set, as the residual of its Newton steps: at an ill-conditioned
    /// point a residual in double drowns in cancellation error and Newton's
    /// method stalls (see `crate::double_double`).
    fn value_extended(&self, _z: &[Complex64], _p: &[Complex64], _out: &mut [Complex64]) -> bool {
        false
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

/// Why a path failed ([`track`]); recorded in the diagnostics of a
/// monodromy run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PathFailure {
    /// The step budget ([`TrackerOptions::max_steps`]) ran out.
    StepBudget,
    /// The step size fell below [`TrackerOptions::min_step`]: the path
    /// passes too close to the discriminant for the settings.
    MinStep,
    /// The Jacobian was singular to working precision where the path had to
    /// go on.
    Singular,
    /// Newton's method did not converge at the end of the path.
    Endpoint,
}

impl PathFailure {
    /// A short name (`step-budget`, `min-step`, `singular`, `endpoint`).
    pub fn name(self) -> &'static str {
        match self {
            PathFailure::StepBudget => "step-budget",
            PathFailure::MinStep => "min-step",
            PathFailure::Singular => "singular",
            PathFailure::Endpoint => "endpoint",
        }
    }
}

impl std::fmt::Display for PathFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PathFailure::StepBudget => "too many steps",
            PathFailure::MinStep => "step size below the minimum",
            PathFailure::Singular => "singular Jacobian",
            PathFailure::Endpoint => "endpoint refinement diverged",
        })
    }
}

/// Step-size and accuracy settings of the path tracker. Build with
/// [`Default`] (or [`TrackerOptions::careful`]) and the `with_...` methods.
///
/// ```
/// use neurovariety::{Tolerance, TrackerOptions};
/// let o = TrackerOptions::default()
///     .with_max_step(0.05)
///     .with_tolerance(Tolerance::new(1e-12)?);
/// assert!(o.validate().is_ok());
/// assert!(TrackerOptions::default().with_min_step(2.0).validate().is_err());
/// assert!(TrackerOptions::careful().validate().is_ok());
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
    /// Corrector tolerance, in the weighted norm (each coordinate relative to
    /// `1 + |z_i|`).
    pub tolerance: Tolerance,
    /// The step size aims at a first Newton correction of this size (the
    /// predictor's error, weighted norm): smaller is slower and safer.
    pub predictor_error: f64,
    /// Largest first Newton correction accepted (weighted norm): a larger
    /// one means the prediction left the neighbourhood of the path, where
    /// Newton's method could converge to another path.
    pub max_correction: f64,
    /// Newton residuals in double-double precision
    /// ([`ParameterHomotopy::value_extended`], where the system provides
    /// it), the Jacobian and the linear solve in double: mixed-precision
    /// Newton, which converges where the Jacobian's condition number times
    /// `2^-52` is below 1 instead of stalling at that relative accuracy.
    /// Off by default (it costs a few double evaluations); on in
    /// [`TrackerOptions::careful`].
    pub extended_precision: bool,
}

impl Default for TrackerOptions {
    fn default() -> Self {
        TrackerOptions {
            initial_step: 0.05,
            max_step: 1.0,
            min_step: 1e-13,
            max_steps: 100_000,
            tolerance: Tolerance::new(1e-8).expect("positive"),
            predictor_error: 1e-3,
            max_correction: 1e-2,
            extended_precision: false,
        }
    }
}

impl TrackerOptions {
    /// Conservative settings for paths that failed or jumped with the
    /// default ones: short steps (at most `0.02`), a predictor error of
    /// `1e-7`, first corrections of at most `1e-4`, tolerance `1e-12`, and
    /// Newton residuals in extended precision.
    pub fn careful() -> Self {
        TrackerOptions {
            initial_step: 0.002,
            max_step: 0.02,
            min_step: 1e-14,
            max_steps: 400_000,
            tolerance: Tolerance::new(1e-12).expect("positive"),
            predictor_error: 1e-7,
            max_correction: 1e-4,
            extended_precision: true,
        }
    }
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
    /// The same options with another predictor error target.
    pub fn with_predictor_error(mut self, error: f64) -> Self {
        self.predictor_error = error;
        self
    }
    /// The same options with another bound on the first correction.
    pub fn with_max_correction(mut self, correction: f64) -> Self {
        self.max_correction = correction;
        self
    }
    /// The same options with Newton residuals in extended precision on or off.
    pub fn with_extended_precision(mut self, on: bool) -> Self {
        self.extended_precision = on;
        self
    }

    /// Checks the settings: steps in `(0, 1]`, `min_step <= max_step`,
    /// `max_steps > 0`, `0 < predictor_error <= max_correction <= 1`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidArgument`] naming the options.
    pub fn validate(&self) -> Result<(), Error> {
        let ok = |x: f64| x.is_finite() && x > 0.0 && x <= 1.0;
        let bad = |reason: &str| Error::InvalidArgument {
            name: "TrackerOptions",
            value: format!("{self:?}"),
            reason: reason.into(),
        };
        if !ok(self.initial_step) || !ok(self.max_step) || !ok(self.min_step) {
            return Err(bad("steps must lie in (0, 1]"));
        }
        if self.min_step > self.max_step || self.max_steps == 0 {
            return Err(bad("need min_step <= max_step and max_steps > 0"));
        }
        if !ok(self.predictor_error)
            || !ok(self.max_correction)
            || self.predictor_error > self.max_correction
        {
            return Err(bad("need 0 < predictor_error <= max_correction <= 1"));
        }
        Ok(())
    }
}

/// The buffers of one path: evaluation outputs, the LU factors, the
/// predictor's history. Allocated once per path (or per worker) and reused.
#[derive(Clone, Debug)]
pub struct TrackerWorkspace {
    n: usize,
    eval: EvaluationBuffers,
    perm: Vec<usize>,
    tmp: Vec<Complex64>,
    p: Vec<Complex64>,
    z: Vec<Complex64>,
    w: Vec<Complex64>,
    tangent: Vec<Complex64>,
    next_tangent: Vec<Complex64>,
    /// The last accepted points, oldest first: `(t, z, dz/dt)`.
    history: Vec<(f64, Vec<Complex64>, Vec<Complex64>)>,
    /// Whether the system computes `(dF/dp) dp` after an evaluation
    /// ([`ParameterHomotopy::direction_after_evaluation`]).
    lazy_direction: bool,
    /// Steps attempted by the last [`track_with`].
    pub steps: usize,
    /// Steps rejected by the last [`track_with`].
    pub rejected: usize,
    /// Evaluations of the system (each with one LU factorisation) by the
    /// last [`track_with`].
    pub evaluations: usize,
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
            tangent: v(),
            next_tangent: v(),
            history: Vec::with_capacity(HISTORY),
            lazy_direction: false,
            steps: 0,
            rejected: 0,
            evaluations: 0,
        }
    }

    /// Buffers fitting the system `h`.
    pub fn for_system<H: ParameterHomotopy + ?Sized>(h: &H) -> Self {
        TrackerWorkspace::new(h.num_variables(), h.num_parameters())
    }
}

/// The weighted norm of a correction `d` at `z`: `max_i |d_i| / (1 + |z_i|)`
/// (1-norms of the complex entries).
fn weighted_norm(d: &[Complex64], z: &[Complex64]) -> f64 {
    d.iter()
        .zip(z)
        .map(|(a, b)| a.l1_norm() / (1.0 + b.l1_norm()))
        .fold(0.0, f64::max)
}

/// One Newton step at the parameters in `ws.p`, updating `z` in place: the
/// size of the step (max-norm), `None` at a singular Jacobian or a
/// non-finite step.
fn newton_in_place<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &mut [Complex64],
    ws: &mut TrackerWorkspace,
    extended: bool,
) -> Option<f64> {
    let n = ws.n;
    h.evaluate_into(z, &ws.p, None, &mut ws.eval);
    ws.evaluations += 1;
    if extended {
        h.value_extended(z, &ws.p, &mut ws.eval.value);
    }
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
    extended: bool,
) -> Option<f64> {
    let mut last = f64::INFINITY;
    let mut prev = z.to_vec();
    for _ in 0..12 {
        prev.copy_from_slice(z);
        let size = newton_in_place(h, z, ws, extended)?;
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
    refine_with(h, z, p, false)
}

/// [`refine`] with the Newton residuals in extended precision
/// ([`ParameterHomotopy::value_extended`], where the system provides it):
/// converges at points whose Jacobian is too ill-conditioned for residuals
/// in double.
pub fn refine_extended<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &[Complex64],
    p: &[Complex64],
) -> Option<(Vec<Complex64>, f64)> {
    refine_with(h, z, p, true)
}

/// [`refine`] (`extended` false) or [`refine_extended`] (true).
fn refine_with<H: ParameterHomotopy + ?Sized>(
    h: &H,
    z: &[Complex64],
    p: &[Complex64],
    extended: bool,
) -> Option<(Vec<Complex64>, f64)> {
    let mut ws = TrackerWorkspace::for_system(h);
    ws.p.copy_from_slice(p);
    let mut z = z.to_vec();
    let last = refine_in_place(h, &mut z, &mut ws, extended)?;
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
    track_path(h, seg, z0, opts, ws).map_err(|(why, t)| Error::NoConvergence {
        what: format!("path tracking: {why} at t = {t:.6}"),
    })
}

/// The result of the corrector at one time: accepted (with the first
/// correction, the predictor's error) or rejected (with the first
/// correction if there was one, and whether the Jacobian was singular).
enum Corrected {
    Accepted { first: f64 },
    Rejected { first: f64, singular: bool },
}

/// Newton's method from the prediction in `ws.w` at the parameters in
/// `ws.p`: at most three steps, the first at most `max_correction`, each
/// later one at most half the one before, until the next correction is
/// estimated (quadratic convergence: the last step times the last
/// contraction) below the tolerance. The last step's factorisation gives
/// the tangent `dz/dt` at the corrected point into `ws.next_tangent` (the
/// Jacobian there differs from the corrected point's by the last step,
/// below the tolerance). A simplified iteration (one factorisation at the
/// prediction, reused) was measured and rejected: on these systems the
/// Jacobian varies fast (`omega` about `10^3`), so a tangent from the
/// factors at the prediction is off by a large relative error, and paths
/// took 3-5 times more steps.
fn correct<H: ParameterHomotopy + ?Sized>(
    h: &H,
    seg: &Segment,
    t: f64,
    opts: &TrackerOptions,
    ws: &mut TrackerWorkspace,
) -> Corrected {
    let n = ws.n;
    let tol = opts.tolerance.value();
    let ds = seg.ds(t);
    let mut first = f64::INFINITY;
    let mut last = f64::INFINITY;
    // the direction is computed after the fact when the system can
    let lazy = ws.lazy_direction;
    for it in 0..3 {
        let dp = if lazy { None } else { Some(&seg.diff[..]) };
        h.evaluate_into(&ws.w, &ws.p, dp, &mut ws.eval);
        ws.evaluations += 1;
        if opts.extended_precision {
            h.value_extended(&ws.w, &ws.p, &mut ws.eval.value);
        }
        if !lu_in_place(&mut ws.eval.jacobian, n, &mut ws.perm) {
            return Corrected::Rejected {
                first,
                singular: true,
            };
        }
        lu_solve_in_place(
            &ws.eval.jacobian,
            n,
            &ws.perm,
            &mut ws.eval.value,
            &mut ws.tmp,
        );
        let size = weighted_norm(&ws.eval.value, &ws.w);
        if !size.is_finite() {
            return Corrected::Rejected {
                first,
                singular: false,
            };
        }
        let contraction = size / last;
        if it == 0 {
            first = size;
            if size > opts.max_correction {
                return Corrected::Rejected {
                    first,
                    singular: false,
                };
            }
        } else if contraction > 0.5 {
            return Corrected::Rejected {
                first,
                singular: false,
            };
        }
        for (a, d) in ws.w.iter_mut().zip(&ws.eval.value) {
            *a -= d;
        }
        let converged = size <= tol || (it > 0 && size * contraction <= tol);
        if converged {
            if lazy {
                h.direction_after_evaluation(&seg.diff, &mut ws.eval);
            }
            for (o, d) in ws.next_tangent.iter_mut().zip(&ws.eval.direction) {
                *o = -(d * ds);
            }
            lu_solve_in_place(
                &ws.eval.jacobian,
                n,
                &ws.perm,
                &mut ws.next_tangent,
                &mut ws.tmp,
            );
            return Corrected::Accepted { first };
        }
        last = size;
    }
    Corrected::Rejected {
        first,
        singular: false,
    }
}

/// The number of accepted points the predictor interpolates (with their
/// tangents): 2 gives the cubic Hermite predictor (local error
/// `O(h^4)`), 3 the quintic one (`O(h^6)`).
const HISTORY: usize = 3;

/// The predictor: the Hermite interpolant of the last accepted points and
/// their tangents (values and derivatives; degree `2m - 1` for `m`
/// points), extrapolated to `t + step`, into `ws.w`; with one point, an
/// Euler step. Returns the order of its local error.
fn predict(ws: &mut TrackerWorkspace, t: f64, step: f64) -> f64 {
    let depth = ws.history.len().clamp(1, HISTORY);
    let hist = &ws.history[ws.history.len() - depth..];
    if depth == 1 {
        for i in 0..ws.n {
            ws.w[i] = ws.z[i] + ws.tangent[i] * step;
        }
        return 2.0;
    }
    // divided differences on the doubled nodes, times relative to t, in
    // fixed arrays (no allocation per step)
    const M: usize = 2 * HISTORY;
    let zero = Complex64::new(0.0, 0.0);
    let m = 2 * depth;
    let mut nodes = [0.0f64; M];
    for (j, (tj, _, _)) in hist.iter().enumerate() {
        nodes[2 * j] = tj - t;
        nodes[2 * j + 1] = tj - t;
    }
    for i in 0..ws.n {
        // prev[r] holds the divided difference of order `order - 1` ending
        // at node r; coef[j] ends as the coefficient of order j
        let mut prev = [zero; M];
        for (j, (_, z, _)) in hist.iter().enumerate() {
            prev[2 * j] = z[i];
            prev[2 * j + 1] = z[i];
        }
        let mut coef = [zero; M];
        coef[0] = prev[0];
        for order in 1..m {
            let mut next = [zero; M];
            for r in order..m {
                let dt = nodes[r] - nodes[r - order];
                next[r] = if dt == 0.0 {
                    hist[r / 2].2[i]
                } else {
                    (prev[r] - prev[r - 1]) / dt
                };
            }
            coef[order] = next[order];
            prev = next;
        }
        // Newton form at x = step
        let mut value = coef[m - 1];
        for j in (0..m - 1).rev() {
            value = value * (step - nodes[j]) + coef[j];
        }
        ws.w[i] = value;
    }
    2.0 * depth as f64
}

/// The path tracker (see the module documentation): the endpoint, or why
/// and at which `t` the path failed. Statistics are left in `ws`.
pub(crate) fn track_path<H: ParameterHomotopy + ?Sized>(
    h: &H,
    seg: &Segment,
    z0: &[Complex64],
    opts: &TrackerOptions,
    ws: &mut TrackerWorkspace,
) -> Result<Vec<Complex64>, (PathFailure, f64)> {
    let n = ws.n;
    ws.steps = 0;
    ws.rejected = 0;
    ws.evaluations = 0;
    ws.z.copy_from_slice(z0);
    // the tangent at the start
    seg.at_into(0.0, &mut ws.p);
    h.evaluate_into(&ws.z, &ws.p, Some(&seg.diff), &mut ws.eval);
    ws.evaluations += 1;
    // does the system give the direction after an evaluation? (it writes
    // the same values again)
    ws.lazy_direction = h.direction_after_evaluation(&seg.diff, &mut ws.eval);
    if !lu_in_place(&mut ws.eval.jacobian, n, &mut ws.perm) {
        return Err((PathFailure::Singular, 0.0));
    }
    let ds = seg.ds(0.0);
    for (o, d) in ws.tangent.iter_mut().zip(&ws.eval.direction) {
        *o = -(d * ds);
    }
    lu_solve_in_place(&ws.eval.jacobian, n, &ws.perm, &mut ws.tangent, &mut ws.tmp);
    let mut t = 0.0f64;
    ws.history.clear();
    ws.history.push((0.0, ws.z.clone(), ws.tangent.clone()));
    let mut step = opts.initial_step;
    while t < 1.0 {
        if ws.steps >= opts.max_steps {
            return Err((PathFailure::StepBudget, t));
        }
        ws.steps += 1;
        let h_try = step.min(1.0 - t);
        let t1 = if h_try >= 1.0 - t { 1.0 } else { t + h_try };
        // error of the predictor ~ step^order
        let order = predict(ws, t, t1 - t);
        seg.at_into(t1, &mut ws.p);
        match correct(h, seg, t1, opts, ws) {
            Corrected::Accepted { first } => {
                std::mem::swap(&mut ws.z, &mut ws.w);
                std::mem::swap(&mut ws.tangent, &mut ws.next_tangent);
                // the oldest history slot is reused for the new point
                let mut slot = if ws.history.len() >= HISTORY {
                    ws.history.remove(0)
                } else {
                    (
                        0.0,
                        vec![Complex64::new(0.0, 0.0); n],
                        vec![Complex64::new(0.0, 0.0); n],
                    )
                };
                slot.0 = t1;
                slot.1.copy_from_slice(&ws.z);
                slot.2.copy_from_slice(&ws.tangent);
                ws.history.push(slot);
                t = t1;
                let grow = (opts.predictor_error / first.max(1e-300))
                    .powf(1.0 / order)
                    .clamp(0.5, 2.0);
                step = (h_try * grow).min(opts.max_step);
            }
            Corrected::Rejected { first, singular } => {
                ws.rejected += 1;
                let shrink = if first.is_finite() && first > opts.predictor_error {
                    (opts.predictor_error / first)
                        .powf(1.0 / order)
                        .clamp(0.1, 0.5)
                } else {
                    0.5
                };
                step = h_try * shrink;
                if step < opts.min_step {
                    let why = if singular {
                        PathFailure::Singular
                    } else {
                        PathFailure::MinStep
                    };
                    return Err((why, t));
                }
            }
        }
    }
    // the endpoint, refined to full precision
    seg.at_into(1.0, &mut ws.p);
    let mut z = ws.z.clone();
    match refine_in_place(h, &mut z, ws, opts.extended_precision) {
        Some(_) => Ok(z),
        None => Err((PathFailure::Endpoint, 1.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `z^3 = p` along a segment from 1 to 8: the root goes from 1 to 2.
    struct Cube;
    impl ParameterHomotopy for Cube {
        fn num_variables(&self) -> usize {
            1
        }
        fn num_parameters(&self) -> usize {
            1
        }
        fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
            Evaluation {
                value: vec![z[0] * z[0] * z[0] - p[0]],
                jacobian: vec![z[0] * z[0] * 3.0],
                parameter_jacobian: vec![Complex64::new(-1.0, 0.0)],
            }
        }
    }

    #[test]
    fn the_cube_root_in_few_steps() {
        let one = Complex64::new(1.0, 0.0);
        let seg = Segment::new(vec![one], vec![one * 8.0], Complex64::new(0.6, 0.8)).unwrap();
        let mut ws = TrackerWorkspace::for_system(&Cube);
        let z = track_path(&Cube, &seg, &[one], &TrackerOptions::default(), &mut ws).unwrap();
        assert!((z[0] - 2.0).norm() < 1e-14, "{}", z[0]);
        // a smooth path: a handful of steps (24 with the cubic predictor and
        // a predictor error of 1e-5; fewer now)
        assert!(ws.steps <= 24, "{} steps", ws.steps);
        let careful = TrackerOptions::careful();
        let z = track_path(&Cube, &seg, &[one], &careful, &mut ws).unwrap();
        assert!((z[0] - 2.0).norm() < 1e-14);
        assert!(ws.steps >= 50, "careful steps: {}", ws.steps);
    }

    #[test]
    fn a_failed_path_names_its_reason() {
        let one = Complex64::new(1.0, 0.0);
        let seg = Segment::new(vec![one], vec![one * 8.0], Complex64::new(0.6, 0.8)).unwrap();
        let mut ws = TrackerWorkspace::for_system(&Cube);
        let opts = TrackerOptions::default().with_max_steps(3);
        let (why, t) = track_path(&Cube, &seg, &[one], &opts, &mut ws).unwrap_err();
        assert_eq!(why, PathFailure::StepBudget);
        assert!(t > 0.0 && t < 1.0, "{t}");
        assert_eq!(ws.steps, 3);
        // z = 0 is a singular start: the Jacobian 3 z^2 vanishes
        let zero = Complex64::new(0.0, 0.0);
        let (why, _) = track_path(&Cube, &seg, &[zero], &opts, &mut ws).unwrap_err();
        assert_eq!(why, PathFailure::Singular);
    }
}
