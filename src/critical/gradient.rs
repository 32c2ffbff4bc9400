//! The gradient system of the training loss in parameter space, in a random
//! affine chart per layer.
//!
//! # The mathematics
//!
//! The loss `L(w) = (mu(w) - u)^T Q (mu(w) - u) + r` is invariant under the
//! rescalings `w_l -> lambda_l w_l` with `prod lambda_l = 1`, so its critical
//! points come in orbits of dimension `L - 1`. Fix an **affine chart** for each
//! layer but the last, `a_l . w_l = 1` with a random integer vector `a_l`
//! (`a_{l,0} != 0`), and use the other coordinates as unknowns:
//!
//! ```text
//! w_{l,0} = (1 - sum_{j >= 1} a_{l,j} z_{l,j}) / a_{l,0},   w_{l,j} = z_{l,j}   (l < L),
//! w_L = z_L   (all k_L coordinates free).
//! ```
//!
//! That is `N = 1 + sum_l (k_l - 1)` unknowns. Every orbit on which
//! `a_l . w_l != 0` for all `l` meets the chart exactly once, and for random
//! `a_l` no critical orbit has `a_l . w_l = 0` (a proper Zariski-closed
//! condition on the finitely many orbits), so no solution lies at infinity of
//! the chart. Because the rescaling directions and the chart's tangent space
//! together span parameter space, and `dL` vanishes on the former, a point of
//! the chart is critical for `L` iff it is critical for `L` restricted to the
//! chart: the square system
//!
//! ```text
//! F(z; v) = J(z)^T (Q mu(z) - v) = 0,   J = d mu / d z  (k x N),   v = Q u,
//! ```
//!
//! (half the gradient). It is affine-linear in the parameter `v`, with
//! `dF/dv = -J^T`, and its Jacobian is the Hessian of `L/2` in the chart,
//!
//! ```text
//! dF/dz = J^T Q J + sum_n (Q mu - v)_n  d^2 mu_n / dz^2,
//! ```
//!
//! where `d^2 mu_n / dz_a dz_b` vanishes unless `a, b` belong to different
//! layers (`mu` is multilinear in the layers and each `w_l` is affine in its
//! unknowns). With `P_l` the form of layer `l` at its dilation (`pi_{t_l}`),
//! `mu = prod P_l`, `d mu / dz_{l,j} = (prod_{m != l} P_m) dP_l/dz_{l,j}` and
//! `d^2 mu / dz_{l,j} dz_{m,i} = (prod_{p != l,m} P_p) dP_l/dz_{l,j} dP_m/dz_{m,i}`:
//! every quantity is a product of the layers' forms.
//!
//! The evaluation is written once for any [`Scalar`] for complex intervals
//! (certification) and exact polynomials ([`GradientSystem::equations`],
//! export to other solvers); path tracking uses a specialised complex-float
//! core that evaluates the same formulas from the structure of the network
//! into preallocated buffers (`float_core.rs`). Tests check that both agree.
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::{GradientSystem, Loss};
//! use neurovariety::Architecture;
//!
//! let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
//! let loss = Loss::random(&arch, 1);
//! let sys = GradientSystem::new(&arch, &loss, 7).unwrap();
//! assert_eq!(sys.num_variables(), 3); // (2 - 1) + 2
//! let eqs = sys.equations();
//! assert_eq!(eqs.len(), 3);
//! // each equation has degree 2L - 1 = 3
//! assert!(eqs.iter().all(|e| e.total_degree() == Some(3)));
//! ```

use super::chart::Chart;
use super::float_core::{FloatCore, Outputs};
use crate::critical::Loss;
use crate::homotopy::{
    CertifiableSystem, ComplexInterval, Evaluation, EvaluationBuffers, ParameterHomotopy, Scalar,
};
use crate::poly::{format_poly, MPoly, MonomialOrder};
use crate::{Architecture, Error};
use num_bigint::BigInt;
use num_complex::Complex64;
use num_rational::BigRational;
use num_traits::One;

/// The constants of the system converted into one scalar type.
#[derive(Clone, Debug)]
struct Constants<S> {
    one: S,
    /// `a_{l,j} / a_{l,0}` for `j >= 1`, per chart layer.
    ratio: Vec<Vec<S>>,
    /// `1 / a_{l,0}` per chart layer.
    inverse_lead: Vec<S>,
    /// `Q`, row-major `k x k`.
    form: Vec<S>,
}

/// The square gradient system of a loss over an architecture's parameters,
/// in a random affine chart per layer (see the module documentation).
#[derive(Clone, Debug)]
pub struct GradientSystem {
    sizes: Vec<usize>,
    dilations: Vec<usize>,
    k: usize,
    chart: Chart,
    target: Vec<BigRational>,
    core: FloatCore,
    /// `Q` in floats, row-major.
    form_float: Vec<Complex64>,
    interval: Constants<ComplexInterval>,
    target_float: Vec<Complex64>,
    target_interval: Vec<ComplexInterval>,
    exact: Constants<MPoly<BigRational>>,
    target_exact: Vec<MPoly<BigRational>>,
}

/// The pieces of the system at one point.
struct Parts<S> {
    value: Vec<S>,
    /// `dF/dz`, `N x N` row-major (empty unless asked for).
    hessian: Vec<S>,
}

impl GradientSystem {
    /// The gradient system of `loss` over the parameters of `arch`, in the
    /// chart drawn from `chart_seed` ([`Chart::random`]).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if the loss lives on a function space of
    /// another dimension than `arch`'s end-to-end filter size.
    pub fn new(arch: &Architecture, loss: &Loss, chart_seed: u64) -> Result<Self, Error> {
        GradientSystem::with_chart(arch, loss, Chart::random(arch, chart_seed))
    }

    /// The gradient system in the chart `chart` (see [`Chart`]).
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] if the loss has the wrong length or the
    /// chart belongs to another architecture.
    pub fn with_chart(arch: &Architecture, loss: &Loss, chart: Chart) -> Result<Self, Error> {
        arch.check_end_to_end_length(loss.dimension())?;
        chart.check(arch)?;
        let sizes = arch.filter_sizes().to_vec();
        let k = arch.end_to_end_filter_size();
        let form: Vec<BigRational> = (0..k)
            .flat_map(|r| (0..k).map(move |c| (r, c)))
            .map(|(r, c)| loss.form().get(r, c).clone())
            .collect();
        let target = loss.linear_term();
        let exact_chart = chart.rational();
        fn constants<S: Scalar>(chart: &[Vec<BigRational>], form: &[BigRational]) -> Constants<S> {
            Constants {
                one: S::from_rational(&BigRational::one()),
                ratio: chart
                    .iter()
                    .map(|a| {
                        a[1..]
                            .iter()
                            .map(|x| S::from_rational(&(x / &a[0])))
                            .collect()
                    })
                    .collect(),
                inverse_lead: chart
                    .iter()
                    .map(|a| S::from_rational(&a[0].recip()))
                    .collect(),
                form: form.iter().map(S::from_rational).collect(),
            }
        }
        Ok(GradientSystem {
            core: FloatCore::new(&sizes, arch.dilations(), &chart.float()),
            form_float: form.iter().map(Complex64::from_rational).collect(),
            interval: constants(&exact_chart, &form),
            exact: constants(&exact_chart, &form),
            target_float: target.iter().map(Complex64::from_rational).collect(),
            target_interval: target.iter().map(ComplexInterval::from_rational).collect(),
            target_exact: target.iter().map(MPoly::from_rational).collect(),
            sizes,
            dilations: arch.dilations().to_vec(),
            k,
            chart,
            target,
        })
    }

    /// `N = 1 + sum_l (k_l - 1)`, the number of unknowns and equations.
    pub fn num_variables(&self) -> usize {
        let l = self.sizes.len();
        self.sizes[..l - 1].iter().map(|k| k - 1).sum::<usize>() + self.sizes[l - 1]
    }

    /// The chart.
    pub fn chart(&self) -> &Chart {
        &self.chart
    }

    /// The target parameter `v = Q u` of the system.
    pub fn target(&self) -> &[BigRational] {
        &self.target
    }

    /// The target parameter in floating point.
    pub fn target_float(&self) -> &[Complex64] {
        &self.target_float
    }

    /// Checks that `z` is a point of the chart (`N` finite coordinates).
    fn check_point(&self, z: &[Complex64]) -> Result<(), Error> {
        let n = GradientSystem::num_variables(self);
        if z.len() != n {
            return Err(Error::LengthMismatch {
                what: "chart point",
                expected: n,
                found: z.len(),
            });
        }
        if let Some(index) = z.iter().position(|x| !x.is_finite()) {
            return Err(Error::NonFinite {
                index,
                value: z[index].to_string(),
            });
        }
        Ok(())
    }

    /// The layer filters at the chart point `z`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless `z` has `N` coordinates,
    /// [`Error::NonFinite`] for a NaN or infinite one.
    pub fn layers(&self, z: &[Complex64]) -> Result<Vec<Vec<Complex64>>, Error> {
        self.check_point(z)?;
        Ok(self.core.layers(z))
    }

    /// [`GradientSystem::layers`] for a point known to fit.
    pub(crate) fn layers_unchecked(&self, z: &[Complex64]) -> Vec<Vec<Complex64>> {
        self.core.layers(z)
    }

    /// Scratch space for [`FloatCore::evaluate`].
    fn scratch(&self) -> Vec<Complex64> {
        vec![Complex64::new(0.0, 0.0); self.core.scratch_len()]
    }

    fn layers_with<S: Scalar>(&self, c: &Constants<S>, z: &[S]) -> Vec<Vec<S>> {
        let l = self.sizes.len();
        let mut at = 0;
        let mut out = Vec::with_capacity(l);
        for (i, &kl) in self.sizes.iter().enumerate() {
            if i + 1 < l {
                let free = &z[at..at + kl - 1];
                let mut w0 = c.inverse_lead[i].clone();
                for (r, zj) in c.ratio[i].iter().zip(free) {
                    w0 = w0 - r.clone() * zj.clone();
                }
                let mut w = vec![w0];
                w.extend_from_slice(free);
                out.push(w);
                at += kl - 1;
            } else {
                out.push(z[at..at + kl].to_vec());
            }
        }
        out
    }

    /// The sparse derivative `dP_l / dz_{l,j}` as `(exponent of y, coefficient)`.
    fn derivative<S: Scalar>(&self, c: &Constants<S>, layer: usize, j: usize) -> Vec<(usize, S)> {
        let t = self.dilations[layer];
        if layer + 1 < self.sizes.len() {
            vec![
                ((j + 1) * t, c.one.clone()),
                (0, -c.ratio[layer][j].clone()),
            ]
        } else {
            vec![(j * t, c.one.clone())]
        }
    }

    /// `(layer, index within layer)` of each unknown.
    fn unknowns(&self) -> Vec<(usize, usize)> {
        let l = self.sizes.len();
        self.sizes
            .iter()
            .enumerate()
            .flat_map(|(i, &kl)| (0..if i + 1 < l { kl - 1 } else { kl }).map(move |j| (i, j)))
            .collect()
    }

    /// The product of the layer forms other than those in `skip`.
    fn product<S: Scalar>(&self, c: &Constants<S>, layers: &[Vec<S>], skip: &[usize]) -> Vec<S> {
        let mut acc = vec![c.one.clone()];
        for (i, w) in layers.iter().enumerate() {
            if skip.contains(&i) {
                continue;
            }
            let t = self.dilations[i];
            let mut out = vec![S::zero(); acc.len() + (w.len() - 1) * t];
            for (a, x) in acc.iter().enumerate() {
                for (j, y) in w.iter().enumerate() {
                    out[a + j * t] = out[a + j * t].clone() + x.clone() * y.clone();
                }
            }
            acc = out;
        }
        acc
    }

    fn parts<S: Scalar>(&self, c: &Constants<S>, z: &[S], v: &[S], hessian: bool) -> Parts<S> {
        let (k, n) = (self.k, self.num_variables());
        let layers = self.layers_with(c, z);
        let mu = self.product(c, &layers, &[]);
        let unknowns = self.unknowns();
        let derivatives: Vec<Vec<(usize, S)>> = unknowns
            .iter()
            .map(|&(l, j)| self.derivative(c, l, j))
            .collect();
        let others: Vec<Vec<S>> = (0..layers.len())
            .map(|l| self.product(c, &layers, &[l]))
            .collect();
        let mut jac = vec![S::zero(); k * n];
        for (a, &(l, _)) in unknowns.iter().enumerate() {
            for (off, coef) in &derivatives[a] {
                for (i, e) in others[l].iter().enumerate() {
                    let idx = (i + off) * n + a;
                    jac[idx] = jac[idx].clone() + coef.clone() * e.clone();
                }
            }
        }
        // residual r = Q mu - v
        let r: Vec<S> = (0..k)
            .map(|row| {
                let mut s = -v[row].clone();
                for (col, m) in mu.iter().enumerate() {
                    s = s + c.form[row * k + col].clone() * m.clone();
                }
                s
            })
            .collect();
        let value: Vec<S> = (0..n)
            .map(|a| {
                let mut s = S::zero();
                for (row, ri) in r.iter().enumerate() {
                    s = s + jac[row * n + a].clone() * ri.clone();
                }
                s
            })
            .collect();
        let mut hess = Vec::new();
        if hessian {
            hess = vec![S::zero(); n * n];
            // J^T Q J; column a of J vanishes outside the rows rows[a]
            // (the shifts of others[l]), which the sums skip
            let rows: Vec<std::ops::Range<usize>> = unknowns
                .iter()
                .zip(&derivatives)
                .map(|(&(l, _), d)| {
                    let lo = d.iter().map(|(off, _)| *off).min().unwrap_or(0);
                    let hi = d.iter().map(|(off, _)| *off).max().unwrap_or(0);
                    lo..(hi + others[l].len()).min(k)
                })
                .collect();
            let qj: Vec<S> = (0..k * n)
                .map(|idx| {
                    let (row, a) = (idx / n, idx % n);
                    let mut s = S::zero();
                    for col in rows[a].clone() {
                        s = s + c.form[row * k + col].clone() * jac[col * n + a].clone();
                    }
                    s
                })
                .collect();
            for a in 0..n {
                for b in a..n {
                    let mut s = S::zero();
                    for row in rows[a].clone() {
                        s = s + jac[row * n + a].clone() * qj[row * n + b].clone();
                    }
                    hess[a * n + b] = s.clone();
                    hess[b * n + a] = s;
                }
            }
            // sum_n r_n d^2 mu_n, for unknowns in different layers
            let nl = layers.len();
            for l1 in 0..nl {
                for l2 in l1 + 1..nl {
                    let e = self.product(c, &layers, &[l1, l2]);
                    let span = k - e.len() + 1;
                    let corr: Vec<S> = (0..span)
                        .map(|s| {
                            let mut acc = S::zero();
                            for (i, ei) in e.iter().enumerate() {
                                acc = acc + r[i + s].clone() * ei.clone();
                            }
                            acc
                        })
                        .collect();
                    for (a, &(la, _)) in unknowns.iter().enumerate() {
                        if la != l1 {
                            continue;
                        }
                        for (b, &(lb, _)) in unknowns.iter().enumerate() {
                            if lb != l2 {
                                continue;
                            }
                            let mut s = S::zero();
                            for (oa, ca) in &derivatives[a] {
                                for (ob, cb) in &derivatives[b] {
                                    s = s + ca.clone() * cb.clone() * corr[oa + ob].clone();
                                }
                            }
                            hess[a * n + b] = hess[a * n + b].clone() + s.clone();
                            hess[b * n + a] = hess[b * n + a].clone() + s;
                        }
                    }
                }
            }
        }
        Parts {
            value,
            hessian: hess,
        }
    }

    /// The end-to-end filter `mu` at the chart point `z`.
    ///
    /// # Errors
    ///
    /// As [`GradientSystem::layers`].
    pub fn end_to_end(&self, z: &[Complex64]) -> Result<Vec<Complex64>, Error> {
        self.check_point(z)?;
        Ok(self.end_to_end_unchecked(z))
    }

    pub(crate) fn end_to_end_unchecked(&self, z: &[Complex64]) -> Vec<Complex64> {
        let mut scratch = self.scratch();
        let none = Outputs::none();
        self.core
            .evaluate(z, &self.form_float, &self.target_float, &mut scratch, none)
            .to_vec()
    }

    /// An enclosure of the end-to-end filters over the box `z`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless `z` has `N` coordinates.
    pub fn end_to_end_interval(
        &self,
        z: &[ComplexInterval],
    ) -> Result<Vec<ComplexInterval>, Error> {
        let n = GradientSystem::num_variables(self);
        if z.len() != n {
            return Err(Error::LengthMismatch {
                what: "chart box",
                expected: n,
                found: z.len(),
            });
        }
        let c = &self.interval;
        Ok(self.product(c, &self.layers_with(c, z), &[]))
    }

    /// Enclosures of the layer filters over the box `z` (of `N` coordinates).
    pub(crate) fn layers_interval(&self, z: &[ComplexInterval]) -> Vec<Vec<ComplexInterval>> {
        self.layers_with(&self.interval, z)
    }

    /// The Hessian of `L / 2` in the chart (`dF/dz`) at `z`, row-major, for
    /// the target parameters.
    ///
    /// # Errors
    ///
    /// As [`GradientSystem::layers`].
    pub fn hessian(&self, z: &[Complex64]) -> Result<Vec<Complex64>, Error> {
        self.check_point(z)?;
        Ok(self.hessian_unchecked(z))
    }

    pub(crate) fn hessian_unchecked(&self, z: &[Complex64]) -> Vec<Complex64> {
        let n = GradientSystem::num_variables(self);
        let mut h = vec![Complex64::new(0.0, 0.0); n * n];
        let mut scratch = self.scratch();
        let out = Outputs {
            value: None,
            hessian: Some(&mut h),
            direction: None,
        };
        self.core
            .evaluate(z, &self.form_float, &self.target_float, &mut scratch, out);
        h
    }

    /// The Jacobian `J = d mu / dz` (`k x N`, row-major) at `z`.
    ///
    /// # Errors
    ///
    /// As [`GradientSystem::layers`].
    pub fn jacobian_of_parametrization(&self, z: &[Complex64]) -> Result<Vec<Complex64>, Error> {
        self.check_point(z)?;
        let mut scratch = self.scratch();
        let none = Outputs::none();
        self.core
            .evaluate(z, &self.form_float, &self.target_float, &mut scratch, none);
        Ok(self.core.jacobian(&scratch).to_vec())
    }

    /// The float core (for the data homotopy between losses).
    pub(crate) fn core(&self) -> &FloatCore {
        &self.core
    }

    /// `Q` in floats (row-major).
    pub(crate) fn form_float(&self) -> &[Complex64] {
        &self.form_float
    }

    /// The equations `F_a(z; Q u) = 0` as exact polynomials in the unknowns
    /// (variable `i` is unknown `i`; [`GradientSystem::variable_names`]).
    pub fn equations(&self) -> Vec<MPoly<BigRational>> {
        // fewer unknowns than weights (at most limits::MAX_PARAMETERS)
        let z: Vec<MPoly<BigRational>> = (0..self.num_variables())
            .map(|i| MPoly::var(i).expect("variable index within the dense limit"))
            .collect();
        self.parts(&self.exact, &z, &self.target_exact, false).value
    }

    /// The equations with integer coefficients: each of
    /// [`GradientSystem::equations`] times the positive rational that makes it
    /// primitive (same zeros).
    pub fn integer_equations(&self) -> Vec<MPoly<BigInt>> {
        self.equations()
            .iter()
            .map(|e| e.primitive_part())
            .collect()
    }

    /// Names of the unknowns, in order: `w{l}_{j}` is coordinate `j` (from 0)
    /// of layer `l` (from 1), the weight `w_{l,j}`. Every layer but the last
    /// has unknowns `j = 1..k_l-1` (its `w{l}_0` is fixed by the chart
    /// `a_l . w_l = 1`), the last layer `j = 0..k_L-1`. Unknown `i` is variable
    /// `i` of [`GradientSystem::equations`] and `x{i+1}` in the exports
    /// ([`Export`](crate::export::Export)).
    ///
    /// ```
    /// use neurovariety::critical::GradientSystem;
    /// use neurovariety::{Architecture, Loss};
    /// let arch = Architecture::new(&[2, 3], &[2, 1]).unwrap();
    /// let sys = GradientSystem::new(&arch, &Loss::random(&arch, 1), 1).unwrap();
    /// assert_eq!(sys.variable_names(), ["w1_1", "w2_0", "w2_1", "w2_2"]); // x1..x4
    /// ```
    pub fn variable_names(&self) -> Vec<String> {
        let l = self.sizes.len();
        self.unknowns()
            .into_iter()
            .map(|(layer, j)| {
                let coord = if layer + 1 < l { j + 1 } else { j };
                format!("w{}_{}", layer + 1, coord)
            })
            .collect()
    }
}

impl ParameterHomotopy for GradientSystem {
    fn num_variables(&self) -> usize {
        GradientSystem::num_variables(self)
    }

    fn num_parameters(&self) -> usize {
        self.k
    }

    fn evaluate(&self, z: &[Complex64], p: &[Complex64]) -> Evaluation {
        let n = GradientSystem::num_variables(self);
        let mut out = EvaluationBuffers::new(n);
        self.evaluate_into(z, p, None, &mut out);
        let jac = self.core.jacobian(&out.scratch);
        // dF/dv = -J^T
        let parameter_jacobian = (0..n * self.k)
            .map(|idx| -jac[(idx % self.k) * n + idx / self.k])
            .collect();
        Evaluation {
            value: out.value,
            jacobian: out.jacobian,
            parameter_jacobian,
        }
    }

    fn evaluate_into(
        &self,
        z: &[Complex64],
        p: &[Complex64],
        dp: Option<&[Complex64]>,
        out: &mut EvaluationBuffers,
    ) {
        if out.scratch.len() < self.core.scratch_len() {
            out.scratch
                .resize(self.core.scratch_len(), Complex64::new(0.0, 0.0));
        }
        let outputs = Outputs {
            value: Some(&mut out.value),
            hessian: Some(&mut out.jacobian),
            direction: dp.map(|dv| (&mut out.direction[..], None, dv)),
        };
        self.core
            .evaluate(z, &self.form_float, p, &mut out.scratch, outputs);
    }

    fn direction_after_evaluation(&self, dp: &[Complex64], out: &mut EvaluationBuffers) -> bool {
        let EvaluationBuffers {
            direction, scratch, ..
        } = out;
        self.core
            .direction_from_scratch(scratch, None, dp, direction);
        true
    }

    fn value_extended(&self, z: &[Complex64], p: &[Complex64], out: &mut [Complex64]) -> bool {
        self.core.value_extended(z, &self.form_float, p, out);
        true
    }
}

impl CertifiableSystem for GradientSystem {
    fn num_variables(&self) -> usize {
        GradientSystem::num_variables(self)
    }

    fn has_real_coefficients(&self) -> bool {
        true
    }

    fn evaluate_interval(
        &self,
        z: &[ComplexInterval],
    ) -> (Vec<ComplexInterval>, Vec<ComplexInterval>) {
        let parts = self.parts(&self.interval, z, &self.target_interval, true);
        (parts.value, parts.hessian)
    }

    /// `F(x)` enclosed (interval arithmetic, no Hessian) and the Hessian in
    /// floating point ([`GradientSystem::hessian`], the fast evaluation of
    /// path tracking): the interval Hessian at a point box cost as much as
    /// the rest of a certification.
    fn evaluate_at_centre(&self, x: &[Complex64]) -> (Vec<ComplexInterval>, Vec<Complex64>) {
        let xi: Vec<ComplexInterval> = x.iter().map(|&z| ComplexInterval::point(z)).collect();
        let value = self
            .parts(&self.interval, &xi, &self.target_interval, false)
            .value;
        (value, self.hessian_unchecked(x))
    }
}

impl crate::export::Export for GradientSystem {
    /// The equations with integer coefficients
    /// ([`GradientSystem::integer_equations`]) in the plain unknowns
    /// `x1 .. xN`: `x{i+1}` is unknown `i`, the layer weight named
    /// [`GradientSystem::variable_names`]`()[i]` (`w{l}_{j}`). PHCpack
    /// (`phc -b`) and Macaulay2 read them for an independent solve.
    ///
    /// ```
    /// use neurovariety::critical::{GradientSystem, Loss};
    /// use neurovariety::export::{Export, Format};
    /// use neurovariety::Architecture;
    /// let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    /// let sys = GradientSystem::new(&arch, &Loss::random(&arch, 1), 1).unwrap();
    /// let text = sys.export(Format::Phc);
    /// assert!(text.starts_with("3\n"));
    /// assert_eq!(text.matches(';').count(), 3);
    /// assert!(sys.export(Format::Macaulay2).starts_with("R = QQ[x1,x2,x3];"));
    /// ```
    fn export(&self, format: crate::export::Format) -> String {
        let n = GradientSystem::num_variables(self);
        let names: Vec<String> = (1..=n).map(|i| format!("x{i}")).collect();
        crate::export::render(&names, format, |syntax| {
            self.integer_equations()
                .iter()
                .map(|e| format_poly(e, &names, MonomialOrder::GRevLex, syntax))
                .collect()
        })
    }
}
