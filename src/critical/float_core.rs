//! The gradient system in complex floating point, evaluated from the
//! structure of the network: the inner loop of path tracking.
//!
//! # The mathematics
//!
//! In the chart of [`super::GradientSystem`] the layer forms are
//! `P_l = pi_{t_l}(w_l)` and `mu = P_1 ... P_L` (a product of polynomials in
//! `y` with dilated exponents). With prefix products `A_l = P_1 ... P_{l-1}`
//! and suffix products `B_l = P_{l+1} ... P_L`, the product of all layers but
//! `l` is `O_l = A_l B_l`, and
//!
//! ```text
//! d mu / d z_{l,j} = O_l * dP_l/dz_{l,j},   dP_l/dz_{l,j} = y^{(j+1) t_l} - (a_{l,j}/a_{l,0})   (l < L),
//!                                                            y^{j t_L}                       (l = L),
//! ```
//!
//! so each column of `J = d mu / dz` is one or two shifted copies of `O_l`.
//! For two layers `l < m` the second derivatives are the shifted copies of
//! `O_{lm} = A_l P_{l+1} ... P_{m-1} B_m`, and the Hessian term
//! `sum_n r_n d^2 mu_n / dz_a dz_b` is a correlation of `r = Q mu - v` with
//! `O_{lm}` read at the sum of the two shifts. Everything is convolutions of
//! short vectors, written into buffers carved once from the caller's scratch
//! space: no allocation per evaluation.
//!
//! The system is `F = J^T (Q mu - v)`, `dF/dz = J^T Q J + sum_n r_n d^2 mu_n`,
//! and along a direction `(dQ, dv)` of the parameters,
//! `(dF/dp)(dQ, dv) = J^T (dQ mu - dv)`.
//!
//! **Cost.** `J^T Q J` dominates (`Q` is symmetric, and complex along a
//! transfer path). Column `(l, j)` of `J` vanishes outside rows
//! `[0, |O_l| + shift)` (a chart column) or `[shift, |O_L| + shift)` (the
//! last layer, `|O_L| = k - (k_L - 1) t_L`), so `Q J` is formed column by
//! column over those rows only, as contiguous multiples of rows of `Q`, and
//! the upper triangle of `J^T (Q J)` as dot products over the same rows:
//! for (3,3,3)/(2,2,1) 78 of the 105 entries of `J` are used.

use crate::double_double::{CDd, Dd};
use crate::homotopy::{Evaluation, EvaluationBuffers, ParameterHomotopy};
use crate::numeric::{kernel_vector, Lu};
use crate::random::SplitMix;
use crate::Error;
use num_complex::Complex64;

type C = Complex64;

const ZERO: C = C::new(0.0, 0.0);
const ONE: C = C::new(1.0, 0.0);

/// The structure of a gradient system, in floats.
#[derive(Clone, Debug)]
pub(crate) struct FloatCore {
    sizes: Vec<usize>,
    dilations: Vec<usize>,
    /// End-to-end filter size.
    k: usize,
    /// Unknowns.
    n: usize,
    /// First unknown of each layer.
    offsets: Vec<usize>,
    /// `a_{l,j} / a_{l,0}` for `j >= 1`, per chart layer.
    ratio: Vec<Vec<f64>>,
    /// `1 / a_{l,0}` per chart layer.
    inverse_lead: Vec<f64>,
    /// `a_{l,j} / a_{l,0}` in double-double (for [`FloatCore::value_extended`]).
    ratio_dd: Vec<Vec<Dd>>,
    /// `1 / a_{l,0}` in double-double.
    inverse_lead_dd: Vec<Dd>,
    /// Per unknown, the rows `[r0, r1)` of `J` outside which its column is
    /// zero: `[0, |O_l| + shift)` for a chart column (`O_l` shifted, minus
    /// a multiple of `O_l`), `[shift, |O_L| + shift)` for the last layer.
    rows: Vec<(usize, usize)>,
    /// Offsets of the buffers in the scratch space.
    layout: Layout,
}

#[derive(Clone, Debug)]
struct Layout {
    layers: Vec<usize>,
    prefix: Vec<usize>,
    suffix: Vec<usize>,
    others: Vec<usize>,
    mu: usize,
    jac: usize,
    r: usize,
    qj: usize,
    jt: usize,
    pair: usize,
    pair_tmp: usize,
    corr: usize,
    total: usize,
}

/// The output buffer and the direction `(dQ, dv)` of a parameter derivative.
pub(crate) type Direction<'a> = (&'a mut [C], Option<&'a [C]>, &'a [C]);

/// What to compute in [`FloatCore::evaluate`].
pub(crate) struct Outputs<'a> {
    /// `F`, `n` values.
    pub value: Option<&'a mut [C]>,
    /// `dF/dz`, `n x n` row-major.
    pub hessian: Option<&'a mut [C]>,
    /// `J^T (dQ mu - dv)` for a direction `(dq, dv)` (`dq` may be absent: 0).
    pub direction: Option<Direction<'a>>,
}

impl Outputs<'_> {
    /// Nothing but `mu` and `J` (left in the scratch space).
    pub(crate) fn none() -> Self {
        Outputs {
            value: None,
            hessian: None,
            direction: None,
        }
    }
}

impl FloatCore {
    /// The core of the system with layer `sizes` at `dilations` and chart
    /// vectors `chart` (floats; `chart[l][0] != 0`).
    pub(crate) fn new(sizes: &[usize], dilations: &[usize], chart: &[Vec<f64>]) -> FloatCore {
        let l = sizes.len();
        let k = 1 + sizes
            .iter()
            .zip(dilations)
            .map(|(s, t)| (s - 1) * t)
            .sum::<usize>();
        let mut offsets = Vec::with_capacity(l);
        let mut n = 0;
        for (i, &kl) in sizes.iter().enumerate() {
            offsets.push(n);
            n += if i + 1 < l { kl - 1 } else { kl };
        }
        let ratio = chart
            .iter()
            .map(|a| a[1..].iter().map(|x| x / a[0]).collect())
            .collect();
        let inverse_lead = chart.iter().map(|a| 1.0 / a[0]).collect();
        let ratio_dd = chart
            .iter()
            .map(|a| a[1..].iter().map(|&x| Dd::from(x).div_f64(a[0])).collect())
            .collect();
        let inverse_lead_dd = chart.iter().map(|a| Dd::from(1.0).div_f64(a[0])).collect();
        let mut at = 0;
        let mut take = |len: usize| {
            let o = at;
            at += len;
            o
        };
        let layers = sizes.iter().map(|&s| take(s)).collect();
        let mut len = 1;
        let mut prefix = vec![take(1)];
        for (s, t) in sizes.iter().zip(dilations) {
            len += (s - 1) * t;
            prefix.push(take(len));
        }
        let mut suffix = vec![0; l + 1];
        let mut len = 1;
        suffix[l] = take(1);
        for i in (0..l).rev() {
            len += (sizes[i] - 1) * dilations[i];
            suffix[i] = take(len);
        }
        let others = (0..l).map(|_| take(k)).collect();
        let layout = Layout {
            layers,
            prefix,
            suffix,
            others,
            mu: take(k),
            jac: take(k * n),
            r: take(k),
            qj: take(k * n),
            jt: take(k * n),
            pair: take(k),
            pair_tmp: take(k),
            corr: take(k),
            total: 0,
        };
        let total = at;
        let mut rows = Vec::with_capacity(n);
        for (i, (&kl, &t)) in sizes.iter().zip(dilations).enumerate() {
            let other_len = k - (kl - 1) * t;
            if i + 1 < l {
                rows.extend((1..kl).map(|j| (0, other_len + j * t)));
            } else {
                rows.extend((0..kl).map(|j| (j * t, other_len + j * t)));
            }
        }
        FloatCore {
            sizes: sizes.to_vec(),
            dilations: dilations.to_vec(),
            k,
            n,
            offsets,
            ratio,
            inverse_lead,
            ratio_dd,
            inverse_lead_dd,
            rows,
            layout: Layout { total, ..layout },
        }
    }

    /// The length of scratch space [`FloatCore::evaluate`] needs.
    pub(crate) fn scratch_len(&self) -> usize {
        self.layout.total
    }

    /// The layer filters at `z` into `out` (length `sum k_l`, layer after layer).
    fn layers_into(&self, z: &[C], out: &mut [C]) {
        let l = self.sizes.len();
        let mut at = 0;
        for (i, &kl) in self.sizes.iter().enumerate() {
            let o = self.offsets[i];
            if i + 1 < l {
                let free = &z[o..o + kl - 1];
                let mut w0 = C::new(self.inverse_lead[i], 0.0);
                for (r, zj) in self.ratio[i].iter().zip(free) {
                    w0 -= zj * r;
                }
                out[at] = w0;
                out[at + 1..at + kl].copy_from_slice(free);
            } else {
                out[at..at + kl].copy_from_slice(&z[o..o + kl]);
            }
            at += kl;
        }
    }

    /// The layer filters at `z`.
    pub(crate) fn layers(&self, z: &[C]) -> Vec<Vec<C>> {
        let mut flat = vec![ZERO; self.sizes.iter().sum()];
        self.layers_into(z, &mut flat);
        let mut out = Vec::with_capacity(self.sizes.len());
        let mut at = 0;
        for &kl in &self.sizes {
            out.push(flat[at..at + kl].to_vec());
            at += kl;
        }
        out
    }

    /// Evaluates at the chart point `z` for the form `q` (`k x k` row-major)
    /// and target `v`, into `out`; `scratch` has length at least
    /// [`FloatCore::scratch_len`]. Returns `mu` as a slice of the scratch.
    pub(crate) fn evaluate<'s>(
        &self,
        z: &[C],
        q: &[C],
        v: &[C],
        scratch: &'s mut [C],
        out: Outputs<'_>,
    ) -> &'s [C] {
        let (k, n, nl) = (self.k, self.n, self.sizes.len());
        let lay = &self.layout;
        let s = &mut scratch[..lay.total];
        {
            let (head, _) = s.split_at_mut(lay.layers[0] + self.sizes.iter().sum::<usize>());
            self.layers_into(z, &mut head[lay.layers[0]..]);
        }
        // prefix and suffix products
        s[lay.prefix[0]] = ONE;
        let mut len = 1;
        for i in 0..nl {
            let (kl, t) = (self.sizes[i], self.dilations[i]);
            let new_len = len + (kl - 1) * t;
            dilated_product(
                s,
                lay.prefix[i],
                len,
                lay.layers[i],
                kl,
                t,
                lay.prefix[i + 1],
            );
            len = new_len;
        }
        s[lay.suffix[nl]] = ONE;
        let mut len = 1;
        for i in (0..nl).rev() {
            let (kl, t) = (self.sizes[i], self.dilations[i]);
            let new_len = len + (kl - 1) * t;
            dilated_product(
                s,
                lay.suffix[i + 1],
                len,
                lay.layers[i],
                kl,
                t,
                lay.suffix[i],
            );
            len = new_len;
        }
        // mu = prefix[L]
        s.copy_within(lay.prefix[nl]..lay.prefix[nl] + k, lay.mu);
        // others[l] = prefix[l] * suffix[l+1]
        let mut pre_len = 1;
        for i in 0..nl {
            let (kl, t) = (self.sizes[i], self.dilations[i]);
            let other_len = k - (kl - 1) * t;
            let suf_len = other_len + 1 - pre_len;
            plain_product(
                s,
                lay.prefix[i],
                pre_len,
                lay.suffix[i + 1],
                suf_len,
                lay.others[i],
            );
            pre_len += (kl - 1) * t;
        }
        // J (k x n): column (l, j) = shift of others[l] minus ratio * others[l]
        s[lay.jac..lay.jac + k * n].fill(ZERO);
        for i in 0..nl {
            let (kl, t) = (self.sizes[i], self.dilations[i]);
            let other_len = k - (kl - 1) * t;
            let chart = i + 1 < nl;
            let count = if chart { kl - 1 } else { kl };
            for j in 0..count {
                let a = self.offsets[i] + j;
                let shift = if chart { (j + 1) * t } else { j * t };
                for e in 0..other_len {
                    let o = s[lay.others[i] + e];
                    s[lay.jac + (e + shift) * n + a] += o;
                    if chart {
                        let r = self.ratio[i][j];
                        s[lay.jac + e * n + a] -= o * r;
                    }
                }
            }
        }
        // r = Q mu - v
        for row in 0..k {
            let qr = &q[row * k..row * k + k];
            let mut acc = -v[row];
            for (qe, m) in qr.iter().zip(&s[lay.mu..lay.mu + k]) {
                acc += qe * m;
            }
            s[lay.r + row] = acc;
        }
        let Outputs {
            value,
            hessian,
            direction,
        } = out;
        if let Some(value) = value {
            value[..n].fill(ZERO);
            let jac = &s[lay.jac..lay.jac + k * n];
            for (ri, jr) in s[lay.r..lay.r + k].iter().zip(jac.chunks_exact(n)) {
                for (f, jv) in value.iter_mut().zip(jr) {
                    *f += jv * ri;
                }
            }
        }
        if let Some((dir, dq, dv)) = direction {
            self.direction_from_scratch(s, dq, dv, dir);
        }
        if let Some(hess) = hessian {
            // H = J^T Q J, symmetric (Q is). Column a of J is zero outside
            // the rows `rows[a]` (the last layer's columns are shifts of a
            // short O_L), so with J^T (n x k, row a = column a of J):
            // (QJ)^T row a = sum over those rows e of J[e, a] * Q row e
            // (contiguous axpys, Q symmetric), then the upper triangle
            // H[a][b] = J^T row a . (QJ)^T row b over the rows of a.
            {
                let (lo, hi) = s.split_at_mut(lay.qj);
                let jac = &lo[lay.jac..lay.jac + k * n];
                let (qjt, rest) = hi.split_at_mut(k * n);
                let jt = &mut rest[lay.jt - lay.qj - k * n..][..k * n];
                for (e, j_row) in jac.chunks_exact(n).enumerate() {
                    for (a, &x) in j_row.iter().enumerate() {
                        jt[a * k + e] = x;
                    }
                }
                for (a, qjt_row) in qjt.chunks_exact_mut(k).enumerate() {
                    qjt_row.fill(ZERO);
                    let (r0, r1) = self.rows[a];
                    for (e, &c) in jt[a * k + r0..a * k + r1].iter().enumerate() {
                        if c.re == 0.0 && c.im == 0.0 {
                            continue;
                        }
                        let q_row = &q[(r0 + e) * k..(r0 + e) * k + k];
                        for (x, &qv) in qjt_row.iter_mut().zip(q_row) {
                            *x += qv * c;
                        }
                    }
                }
                for a in 0..n {
                    let (r0, r1) = self.rows[a];
                    let ja = &jt[a * k + r0..a * k + r1];
                    for b in a..n {
                        let qb = &qjt[b * k + r0..b * k + r1];
                        let mut acc = ZERO;
                        for (&x, &y) in ja.iter().zip(qb) {
                            acc += x * y;
                        }
                        hess[a * n + b] = acc;
                    }
                }
            }
            for a in 0..n {
                for b in 0..a {
                    hess[a * n + b] = hess[b * n + a];
                }
            }
            // sum_n r_n d^2 mu_n for unknowns in different layers l1 < l2
            for l1 in 0..nl {
                for l2 in l1 + 1..nl {
                    let e_len = self.pair_product(s, l1, l2);
                    let span = k - e_len + 1;
                    for sh in 0..span {
                        let mut acc = ZERO;
                        for i in 0..e_len {
                            acc += s[lay.r + i + sh] * s[lay.pair + i];
                        }
                        s[lay.corr + sh] = acc;
                    }
                    let (c1, t1) = (l1 + 1 < nl, self.dilations[l1]);
                    let (c2, t2) = (l2 + 1 < nl, self.dilations[l2]);
                    let n1 = if c1 {
                        self.sizes[l1] - 1
                    } else {
                        self.sizes[l1]
                    };
                    let n2 = if c2 {
                        self.sizes[l2] - 1
                    } else {
                        self.sizes[l2]
                    };
                    for ja in 0..n1 {
                        let a = self.offsets[l1] + ja;
                        let (oa, ra) = if c1 {
                            ((ja + 1) * t1, self.ratio[l1][ja])
                        } else {
                            (ja * t1, 0.0)
                        };
                        for jb in 0..n2 {
                            let b = self.offsets[l2] + jb;
                            let (ob, rb) = if c2 {
                                ((jb + 1) * t2, self.ratio[l2][jb])
                            } else {
                                (jb * t2, 0.0)
                            };
                            // (y^oa - ra)(y^ob - rb) against corr
                            let corr = &s[lay.corr..lay.corr + span];
                            let mut h = corr[oa + ob];
                            if c2 {
                                h -= corr[oa] * rb;
                            }
                            if c1 {
                                h -= corr[ob] * ra;
                            }
                            if c1 && c2 {
                                h += corr[0] * (ra * rb);
                            }
                            hess[a * n + b] += h;
                            hess[b * n + a] += h;
                        }
                    }
                }
            }
        }
        &scratch[lay.mu..lay.mu + k]
    }

    /// `F(z; Q, v) = J^T (Q mu - v)` evaluated in double-double arithmetic
    /// (the chart ratios too) and rounded to double, into `out` (`n`
    /// values): the residual of a mixed-precision Newton step. Column
    /// `(l, j)` of `J` is `O_l` shifted by `s` minus `a_{l,j+1}/a_{l,0}`
    /// times `O_l` (module documentation), so
    /// `F_{l,j} = sum_e O_l[e] (r[e + s] - ratio r[e])` with `r = Q mu - v`;
    /// no Jacobian is formed. Allocates (it serves careful re-tracks only).
    pub(crate) fn value_extended(&self, z: &[C], q: &[C], v: &[C], out: &mut [C]) {
        let (k, nl) = (self.k, self.sizes.len());
        // the dilated layer polynomials P_l
        let polys: Vec<Vec<CDd>> = (0..nl)
            .map(|i| {
                let (kl, t, o) = (self.sizes[i], self.dilations[i], self.offsets[i]);
                let mut w = Vec::with_capacity(kl);
                if i + 1 < nl {
                    let mut w0 = CDd::from(self.inverse_lead_dd[i]);
                    for (r, &zj) in self.ratio_dd[i].iter().zip(&z[o..o + kl - 1]) {
                        w0 = w0 - CDd::from(zj).scale(*r);
                    }
                    w.push(w0);
                    w.extend(z[o..o + kl - 1].iter().map(|&x| CDd::from(x)));
                } else {
                    w.extend(z[o..o + kl].iter().map(|&x| CDd::from(x)));
                }
                let mut p = vec![CDd::default(); 1 + (kl - 1) * t];
                for (j, wj) in w.into_iter().enumerate() {
                    p[j * t] = wj;
                }
                p
            })
            .collect();
        let product = |skip: Option<usize>| {
            let mut acc = vec![CDd::from(Dd::from(1.0))];
            for (i, p) in polys.iter().enumerate() {
                if Some(i) == skip {
                    continue;
                }
                let mut next = vec![CDd::default(); acc.len() + p.len() - 1];
                for (a, &x) in acc.iter().enumerate() {
                    for (b, &y) in p.iter().enumerate() {
                        next[a + b] = next[a + b] + x * y;
                    }
                }
                acc = next;
            }
            acc
        };
        let mu = product(None);
        let r: Vec<CDd> = (0..k)
            .map(|row| {
                let mut acc = CDd::default() - CDd::from(v[row]);
                for (&qe, &m) in q[row * k..row * k + k].iter().zip(&mu) {
                    acc = acc + CDd::from(qe) * m;
                }
                acc
            })
            .collect();
        for i in 0..nl {
            let others = product(Some(i));
            let (kl, t) = (self.sizes[i], self.dilations[i]);
            let chart = i + 1 < nl;
            let count = if chart { kl - 1 } else { kl };
            let against = |shift: usize| {
                others
                    .iter()
                    .enumerate()
                    .fold(CDd::default(), |acc, (e, &o)| acc + o * r[e + shift])
            };
            let unshifted = if chart { against(0) } else { CDd::default() };
            for j in 0..count {
                let shift = if chart { (j + 1) * t } else { j * t };
                let mut f = against(shift);
                if chart {
                    f = f - unshifted.scale(self.ratio_dd[i][j]);
                }
                out[self.offsets[i] + j] = f.to_c64();
            }
        }
    }

    /// `J^T (dQ mu - dv)` (`dq` absent: 0) into `dir`, from `mu` and `J` as
    /// left in `scratch` by the last [`FloatCore::evaluate`] (its `corr`
    /// buffer is overwritten): the parameter derivative along `(dQ, dv)`.
    pub(crate) fn direction_from_scratch(
        &self,
        s: &mut [C],
        dq: Option<&[C]>,
        dv: &[C],
        dir: &mut [C],
    ) {
        let (k, n) = (self.k, self.n);
        let lay = &self.layout;
        // d = dQ mu - dv, then J^T d (reuse corr as d)
        for row in 0..k {
            let mut acc = -dv[row];
            if let Some(dq) = dq {
                for (qe, m) in dq[row * k..row * k + k].iter().zip(&s[lay.mu..lay.mu + k]) {
                    acc += qe * m;
                }
            }
            s[lay.corr + row] = acc;
        }
        dir[..n].fill(ZERO);
        for row in 0..k {
            let d = s[lay.corr + row];
            let jr = &s[lay.jac + row * n..lay.jac + row * n + n];
            for (f, jv) in dir.iter_mut().zip(jr) {
                *f += jv * d;
            }
        }
    }

    /// `J = d mu / dz` (`k x n` row-major) as left in `scratch` by the last
    /// [`FloatCore::evaluate`].
    pub(crate) fn jacobian<'s>(&self, scratch: &'s [C]) -> &'s [C] {
        &scratch[self.layout.jac..self.layout.jac + self.k * self.n]
    }

    /// Parameters `v` for which `z` solves `F(z; Q, v) = 0`, chosen at
    /// random among them: `v = Q mu(z) + g` with `g` a random vector of the
    /// kernel of `J(z)^T` (then `F = -J^T g = 0`). The kernel is computed by
    /// complete pivoting, so points where `J` drops rank (strata of the
    /// parametrisation) are handled too.
    ///
    /// # Errors
    ///
    /// [`Error::NoConvergence`] if `z` is not a regular solution for the
    /// result (the Hessian is singular or the residual large).
    pub(crate) fn parameters_for(
        &self,
        z: &[C],
        q: &[C],
        rng: &mut SplitMix,
    ) -> Result<Vec<C>, Error> {
        let (k, n) = (self.k, self.n);
        let zero = vec![ZERO; k];
        let mut scratch = vec![ZERO; self.scratch_len()];
        let none = Outputs::none();
        let mu = self.evaluate(z, q, &zero, &mut scratch, none).to_vec();
        let jac = self.jacobian(&scratch);
        // J^T, n x k
        let jt: Vec<C> = (0..n * k).map(|idx| jac[(idx % k) * n + idx / k]).collect();
        let scale = jt.iter().map(|x| x.norm()).fold(0.0, f64::max);
        let g = kernel_vector(&jt, n, k, || C::new(rng.normal(), rng.normal()));
        let v: Vec<C> = (0..k)
            .map(|r| (0..k).map(|col| q[r * k + col] * mu[col]).sum::<C>() + g[r])
            .collect();
        let mut value = vec![ZERO; n];
        let mut hess = vec![ZERO; n * n];
        let out = Outputs {
            value: Some(&mut value),
            hessian: Some(&mut hess),
            direction: None,
        };
        self.evaluate(z, q, &v, &mut scratch, out);
        let residual = value.iter().map(|x| x.norm()).fold(0.0, f64::max);
        let size = 1.0 + v.iter().map(|x| x.norm()).fold(0.0, f64::max);
        if Lu::new(&hess, n).is_none() || residual > 1e-8 * size * scale.max(f64::MIN_POSITIVE) {
            return Err(Error::NoConvergence {
                what: "start point: not a regular solution for any target".into(),
            });
        }
        Ok(v)
    }

    /// The product of all layers but `l1 < l2` into the `pair` buffer; its length.
    fn pair_product(&self, s: &mut [C], l1: usize, l2: usize) -> usize {
        let lay = &self.layout;
        let nl = self.sizes.len();
        // prefix[l1] then the layers strictly between, then suffix[l2 + 1]
        let mut len = 1
            + (0..l1)
                .map(|i| (self.sizes[i] - 1) * self.dilations[i])
                .sum::<usize>();
        s.copy_within(lay.prefix[l1]..lay.prefix[l1] + len, lay.pair);
        for m in l1 + 1..l2 {
            let (km, t) = (self.sizes[m], self.dilations[m]);
            dilated_product(s, lay.pair, len, lay.layers[m], km, t, lay.pair_tmp);
            len += (km - 1) * t;
            s.copy_within(lay.pair_tmp..lay.pair_tmp + len, lay.pair);
        }
        let suf_len = 1
            + (l2 + 1..nl)
                .map(|i| (self.sizes[i] - 1) * self.dilations[i])
                .sum::<usize>();
        plain_product(s, lay.pair, len, lay.suffix[l2 + 1], suf_len, lay.pair_tmp);
        len += suf_len - 1;
        s.copy_within(lay.pair_tmp..lay.pair_tmp + len, lay.pair);
        len
    }
}

/// `s[dst..] = s[a..a+la] * (layer at s[w..w+kw], dilated by t)`.
fn dilated_product(s: &mut [C], a: usize, la: usize, w: usize, kw: usize, t: usize, dst: usize) {
    let out_len = la + (kw - 1) * t;
    for i in 0..out_len {
        s[dst + i] = ZERO;
    }
    for i in 0..la {
        let x = s[a + i];
        for j in 0..kw {
            let y = s[w + j];
            s[dst + i + j * t] += x * y;
        }
    }
}

/// `s[dst..] = s[a..a+la] * s[b..b+lb]` (ordinary convolution).
fn plain_product(s: &mut [C], a: usize, la: usize, b: usize, lb: usize, dst: usize) {
    for i in 0..la + lb - 1 {
        s[dst + i] = ZERO;
    }
    for i in 0..la {
        let x = s[a + i];
        for j in 0..lb {
            let y = s[b + j];
            s[dst + i + j] += x * y;
        }
    }
}

/// The gradient system with both the target `v` and the form `Q` as
/// parameters, `p = (v, Q)` (`k + k^2` entries, `Q` row-major): the
/// parameter homotopy from a start system to a dataset's loss.
pub(crate) struct FormAndTarget<'a> {
    pub(crate) core: &'a FloatCore,
}

impl ParameterHomotopy for FormAndTarget<'_> {
    fn num_variables(&self) -> usize {
        self.core.n
    }
    fn num_parameters(&self) -> usize {
        self.core.k + self.core.k * self.core.k
    }
    fn evaluate(&self, z: &[C], p: &[C]) -> Evaluation {
        // dF/dv = -J^T; dF/dQ_{rc} = J^T e_r mu_c
        let k = self.core.k;
        let mut mu = vec![ZERO; k];
        let mut scratch = vec![ZERO; self.core.scratch_len()];
        let none = Outputs::none();
        mu.copy_from_slice(self.core.evaluate(z, &p[k..], &p[..k], &mut scratch, none));
        let m = self.num_parameters();
        evaluation_from(self, z, p, |idx, jac, n, k| {
            let (a, j) = (idx / m, idx % m);
            if j < k {
                -jac[j * n + a]
            } else {
                let (r, c) = ((j - k) / k, (j - k) % k);
                jac[r * n + a] * mu[c]
            }
        })
    }
    fn evaluate_into(&self, z: &[C], p: &[C], dp: Option<&[C]>, out: &mut EvaluationBuffers) {
        let k = self.core.k;
        if out.scratch.len() < self.core.scratch_len() {
            out.scratch.resize(self.core.scratch_len(), ZERO);
        }
        let outputs = Outputs {
            value: Some(&mut out.value),
            hessian: Some(&mut out.jacobian),
            direction: dp.map(|d| (&mut out.direction[..], Some(&d[k..]), &d[..k])),
        };
        self.core
            .evaluate(z, &p[k..], &p[..k], &mut out.scratch, outputs);
    }
    fn direction_after_evaluation(&self, dp: &[C], out: &mut EvaluationBuffers) -> bool {
        let k = self.core.k;
        let EvaluationBuffers {
            direction, scratch, ..
        } = out;
        self.core
            .direction_from_scratch(scratch, Some(&dp[k..]), &dp[..k], direction);
        true
    }
    fn value_extended(&self, z: &[C], p: &[C], out: &mut [C]) -> bool {
        let k = self.core.k;
        self.core.value_extended(z, &p[k..], &p[..k], out);
        true
    }
}

/// An allocating [`Evaluation`] through `evaluate_into`, the parameter
/// Jacobian entry `(a, j)` (index `a m + j`) given by `entry(index, J, n, k)`.
fn evaluation_from<H: ParameterHomotopy + HasCore>(
    h: &H,
    z: &[C],
    p: &[C],
    entry: impl Fn(usize, &[C], usize, usize) -> C,
) -> Evaluation {
    let (n, m, k) = (h.num_variables(), h.num_parameters(), h.core().k);
    let mut out = EvaluationBuffers::new(n);
    h.evaluate_into(z, p, None, &mut out);
    let jac = h.core().jacobian(&out.scratch);
    let parameter_jacobian = (0..n * m).map(|idx| entry(idx, jac, n, k)).collect();
    Evaluation {
        value: out.value,
        jacobian: out.jacobian,
        parameter_jacobian,
    }
}

trait HasCore {
    fn core(&self) -> &FloatCore;
}

impl HasCore for FormAndTarget<'_> {
    fn core(&self) -> &FloatCore {
        self.core
    }
}
