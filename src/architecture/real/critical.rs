//! Where a real critical point of training lies: relative interior or
//! boundary of the real neuromanifold `M`, smooth point of `V`, repeated
//! filters. Certified by exact rational interval arithmetic on the layer
//! filters enclosed by the critical point's Krawczyk box; three-valued
//! (`None` = no certificate found, never a guess).
//!
//! **Repeated filters.** Two layers `j, j'` at the same dilation with the
//! same size can be swapped without changing `mu`, so the swap maps
//! critical orbits to critical orbits. In the chart of the certificate it
//! is a map `sigma` of chart points; if `sigma(B)` lies in the Krawczyk box
//! `B` (which holds exactly one zero `z*`), then `sigma(z*) = z*`: the two
//! filters are proportional, exactly. A 2x2 minor of the two filters whose
//! enclosure excludes 0 certifies that they are not.
//!
//! **Forced levels, smoothness.** The point is *forced* at reduced level `l`
//! iff the product `B_l` of the layers below dilation `tau_l` has no
//! `tau_l`-invariant factor, i.e. the pieces of its `tau_l`-decomposition
//! are coprime: certified by a resultant of two pieces whose enclosure
//! excludes 0 (or a non-zero constant piece). At a point forced at every
//! level, `V` is smooth (docs/mathematics.md, section 7) and the relative
//! position is decided by the merged levels alone.
//!
//! **Relative position at a forced point.** It is in the relative interior
//! iff every level that merges layers has, in the product `F_l` of its
//! layers, at least as many distinct real roots of odd multiplicity as it
//! merges layers of odd degree. Lower bound: certified sign changes of
//! `F_l` between sample points around the projective line. Upper bound:
//! a root of odd multiplicity of `F_l` is a root of a layer that is not one
//! of a certified repeated pair, and a layer of degree `n` has at most
//! `n - 2 p` real roots when `p` disjoint discs off the real axis, each
//! certified to contain a root of every polynomial in the box (the
//! inclusion `|z - c| <= n |p(c) / p'(c)|`), are found.

use super::classes::LevelSpec;
use super::levels::specs_of;
use crate::architecture::Architecture;
use crate::critical::{CriticalPoint, CriticalPoints};
use crate::poly::rational_interval::{determinant, CBox};
use crate::poly::RationalInterval;
use crate::sdecomp::s_decomposition_coeffs;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Where a real critical point lies (each answer certified; `None` when no
/// certificate was found).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RealCriticalClass {
    /// `Some(true)`: `mu(w)` is in the relative interior of `M` in `V(R)`;
    /// `Some(false)`: on its relative boundary.
    pub in_interior: Option<bool>,
    /// `Some(true)`: `mu(w)` is a smooth point of `V` (never `Some(false)`
    /// here: singularity is not certified by intervals).
    pub smooth: Option<bool>,
    /// Pairs of layers (from 0, same dilation, same size) whose filters
    /// are proportional, certified by the swap symmetry.
    pub repeated_filters: Vec<(usize, usize)>,
    /// Such pairs certified *not* proportional.
    pub distinct_filters: Vec<(usize, usize)>,
}

/// Interval polynomial product (filters of forms).
fn convolve(a: &[RationalInterval], b: &[RationalInterval]) -> Vec<RationalInterval> {
    let mut out = vec![RationalInterval::point(BigRational::zero()); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] = out[i + j].add(&x.mul(y));
        }
    }
    out
}

/// `v` inflated by `t` (coefficients at multiples of `t`).
fn inflate(v: &[RationalInterval], t: usize) -> Vec<RationalInterval> {
    let mut out = vec![RationalInterval::point(BigRational::zero()); (v.len() - 1) * t + 1];
    for (i, x) in v.iter().enumerate() {
        out[i * t] = x.clone();
    }
    out
}

/// The Sylvester matrix of two forms of stated degrees (coefficients of
/// `X^{m-i} Y^i`).
fn sylvester(a: &[RationalInterval], b: &[RationalInterval]) -> Vec<Vec<RationalInterval>> {
    let (m, n) = (a.len() - 1, b.len() - 1);
    let size = m + n;
    let zero = RationalInterval::point(BigRational::zero());
    let mut rows = Vec::with_capacity(size);
    for i in 0..n {
        let mut r = vec![zero.clone(); size];
        r[i..i + m + 1].clone_from_slice(a);
        rows.push(r);
    }
    for i in 0..m {
        let mut r = vec![zero.clone(); size];
        r[i..i + n + 1].clone_from_slice(b);
        rows.push(r);
    }
    rows
}

/// `true` if the pieces of the `tau`-decomposition of every form in the box
/// `b` are certified coprime (no `tau`-invariant factor).
fn certified_no_invariant_factor(b: &[RationalInterval], tau: usize) -> bool {
    if b.len() == 1 {
        return true;
    }
    let Ok(pieces) = s_decomposition_coeffs(b, tau) else {
        return false;
    };
    let pieces: Vec<&Vec<RationalInterval>> = pieces.iter().filter(|p| !p.is_empty()).collect();
    if pieces.iter().any(|p| p.len() == 1 && !p[0].contains_zero()) {
        return true;
    }
    for i in 0..pieces.len() {
        for j in i + 1..pieces.len() {
            let (a, c) = (pieces[i], pieces[j]);
            if a.len() < 2 || c.len() < 2 {
                continue;
            }
            if determinant(sylvester(a, c)).is_some_and(|d| !d.contains_zero()) {
                return true;
            }
        }
    }
    false
}

/// Certified sign of an interval (`None` if it contains 0).
fn sign(iv: &RationalInterval) -> Option<bool> {
    if iv.is_positive() {
        Some(true)
    } else if iv.is_negative() {
        Some(false)
    } else {
        None
    }
}

/// The value of the form at `(1, u)`.
fn eval_at(f: &[RationalInterval], u: &BigRational) -> RationalInterval {
    let x = RationalInterval::point(u.clone());
    let mut acc = RationalInterval::point(BigRational::zero());
    for c in f.iter().rev() {
        acc = acc.mul(&x).add(c);
    }
    acc
}

/// Float midpoints of the coefficients (ascending powers of `u`).
fn midpoints(f: &[RationalInterval]) -> Vec<f64> {
    f.iter()
        .map(|c| c.midpoint().to_f64().unwrap_or(0.0))
        .collect()
}

/// A lower bound on the distinct real roots of odd multiplicity of every
/// form in the box: certified sign changes around the projective line.
fn odd_real_roots_lower(f: &[RationalInterval]) -> usize {
    let n = f.len() - 1;
    let mids = midpoints(f);
    let mut reals: Vec<f64> = match crate::poly::complex_roots(&mids) {
        Ok(r) => r
            .into_iter()
            .filter(|z| z.im.abs() <= 1e-6 * (1.0 + z.norm()))
            .map(|z| z.re)
            .collect(),
        Err(_) => return 0,
    };
    reals.sort_by(f64::total_cmp);
    reals.dedup_by(|a, b| (*a - *b).abs() <= 1e-12 * (1.0 + a.abs()));
    let mut samples: Vec<f64> = Vec::new();
    if let (Some(&lo), Some(&hi)) = (reals.first(), reals.last()) {
        samples.push(lo - 1.0 - lo.abs());
        for w in reals.windows(2) {
            samples.push((w[0] + w[1]) / 2.0);
        }
        samples.push(hi + 1.0 + hi.abs());
    } else {
        samples.push(0.0);
    }
    let q = |x: f64| BigRational::from_float(x).unwrap_or_else(BigRational::zero);
    let mut signs: Vec<bool> = samples
        .iter()
        .filter_map(|&u| sign(&eval_at(f, &q(u))))
        .collect();
    // around the circle: the direction (1, u_0) comes back as (-1, -u_0)
    if let Some(&first) = signs.first() {
        signs.push(if n % 2 == 0 { first } else { !first });
    }
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// An upper bound on the real roots of every form in the box: the degree
/// minus twice the number of certified disjoint discs off the real axis.
fn real_roots_upper(f: &[RationalInterval]) -> usize {
    let n = f.len() - 1;
    let mids = midpoints(f);
    let Ok(roots) = crate::poly::complex_roots(&mids) else {
        return n;
    };
    let q = |x: f64| BigRational::from_float(x).unwrap_or_else(BigRational::zero);
    let nn = BigRational::from_integer(BigInt::from(n * n));
    let mut discs: Vec<(BigRational, BigRational, BigRational)> = Vec::new();
    for z in roots.iter().filter(|z| z.im > 1e-9 * (1.0 + z.norm())) {
        let c = CBox::real(q(z.re)).add(&CBox {
            re: RationalInterval::point(BigRational::zero()),
            im: RationalInterval::point(q(z.im)),
        });
        let (mut p, mut dp) = (
            CBox::real(BigRational::zero()),
            CBox::real(BigRational::zero()),
        );
        for a in f.iter().rev() {
            dp = dp.mul(&c).add(&p);
            p = p.mul(&c).add(&CBox {
                re: a.clone(),
                im: RationalInterval::point(BigRational::zero()),
            });
        }
        let up = p.re.pow(2).add(&p.im.pow(2)).hi().clone();
        let low = dp.re.pow(2).add(&dp.im.pow(2)).lo().clone();
        if !low.is_positive() {
            continue;
        }
        let r2 = &nn * up / low;
        let im = q(z.im);
        if r2 < &im * &im {
            discs.push((q(z.re), im, r2));
        }
    }
    // keep a pairwise disjoint subset (greedily)
    let mut kept: Vec<&(BigRational, BigRational, BigRational)> = Vec::new();
    let two = BigRational::from_integer(BigInt::from(2));
    for d in &discs {
        let disjoint = kept.iter().all(|k| {
            let dre = &d.0 - &k.0;
            let dim = &d.1 - &k.1;
            &dre * &dre + &dim * &dim > &two * (&d.2 + &k.2)
        });
        if disjoint {
            kept.push(d);
        }
    }
    n.saturating_sub(2 * kept.len())
}

/// `true` if some 2x2 minor of the two filters excludes 0.
fn certified_distinct(a: &[RationalInterval], b: &[RationalInterval]) -> bool {
    (0..a.len())
        .any(|i| (i + 1..a.len()).any(|j| !a[i].mul(&b[j]).sub(&a[j].mul(&b[i])).contains_zero()))
}

/// Classifies the real layer filters enclosed by `layers` (one interval
/// per weight, as in [`Architecture::filter_sizes`]), given the pairs of
/// layers already certified proportional (see the module documentation).
pub(crate) fn classify(
    arch: &Architecture,
    layers: &[Vec<RationalInterval>],
    repeated: &[(usize, usize)],
) -> RealCriticalClass {
    let specs: Vec<LevelSpec> = specs_of(arch);
    let dil = arch.dilations();
    let mut distinct = Vec::new();
    for spec in &specs {
        for (x, &j) in spec.layers.iter().enumerate() {
            for &jj in &spec.layers[x + 1..] {
                if layers[j].len() == layers[jj].len()
                    && !repeated.contains(&(j, jj))
                    && certified_distinct(&layers[j], &layers[jj])
                {
                    distinct.push((j, jj));
                }
            }
        }
    }
    // forced levels (the bottom one always is)
    let forced = (1..specs.len()).all(|l| {
        let tau = specs[l].tau;
        let mut b = vec![RationalInterval::point(BigRational::one())];
        for (i, w) in layers.iter().enumerate() {
            if dil[i] < tau {
                b = convolve(&b, &inflate(w, dil[i]));
            }
        }
        certified_no_invariant_factor(&b, tau)
    });
    let smooth = (specs.len() <= 1 || forced).then_some(true);
    let in_interior = if !forced {
        None
    } else {
        let mut all = Some(true);
        for spec in specs.iter().filter(|s| s.bins.len() > 1) {
            let odd = spec.odd();
            let mut f = vec![RationalInterval::point(BigRational::one())];
            for &j in &spec.layers {
                f = convolve(&f, &layers[j]);
            }
            if odd_real_roots_lower(&f) >= odd {
                continue;
            }
            // layers of certified repeated pairs contribute even multiplicities
            let mut unpaired: Vec<usize> = spec.layers.clone();
            for &(a, b) in repeated {
                if unpaired.contains(&a) && unpaired.contains(&b) {
                    unpaired.retain(|&x| x != a && x != b);
                }
            }
            let upper: usize = unpaired.iter().map(|&j| real_roots_upper(&layers[j])).sum();
            if upper < odd {
                all = Some(false);
                break;
            }
            all = None;
        }
        all
    };
    RealCriticalClass {
        in_interior,
        smooth,
        repeated_filters: repeated.to_vec(),
        distinct_filters: distinct,
    }
}

/// The exact rational interval of a float interval.
fn rational(lo: f64, hi: f64) -> Option<RationalInterval> {
    Some(RationalInterval::hull_of(
        BigRational::from_float(lo)?,
        BigRational::from_float(hi)?,
    ))
}

/// A real certified critical point as a box of layer filters (real parts of
/// its Krawczyk box, in its chart).
struct RealBox {
    /// `a_l = b_l / r_l`: the chart is `a_l . w_l = 1`.
    chart: Vec<Vec<BigRational>>,
    z: Vec<RationalInterval>,
    layers: Vec<Vec<RationalInterval>>,
}

impl RealBox {
    fn of(p: &CriticalPoint, sizes: &[usize]) -> Option<RealBox> {
        let cert = p.certificate.as_ref()?;
        if !p.is_real || cert.real != Some(true) || p.chart.vectors().len() + 1 != sizes.len() {
            return None;
        }
        let z: Vec<RationalInterval> = cert
            .enclosure
            .iter()
            .map(|c| rational(c.re.lo(), c.re.hi()))
            .collect::<Option<_>>()?;
        let chart = p.chart.rational();
        let layers = chart_layers(&chart, sizes, &z)?;
        Some(RealBox { chart, z, layers })
    }
}

/// The classification of `boxes[me]` (`None` entries: non-real points).
/// With `complete`, the boxes hold every real isolated critical point.
fn classify_box(
    arch: &Architecture,
    boxes: &[Option<RealBox>],
    me: usize,
    complete: bool,
) -> Option<RealCriticalClass> {
    let b = boxes[me].as_ref()?;
    let sizes = arch.filter_sizes();
    let specs = specs_of(arch);
    let mut repeated = Vec::new();
    for spec in &specs {
        for (x, &j) in spec.layers.iter().enumerate() {
            for &jj in &spec.layers[x + 1..] {
                if sizes[j] != sizes[jj] {
                    continue;
                }
                let mut w = b.layers.clone();
                w.swap(j, jj);
                let fixed = match in_chart(&b.chart, sizes, &w) {
                    Some(image) if image.iter().zip(&b.z).all(|(x, y)| x.is_within(y)) => true,
                    // a non-real box holds a non-real zero, not the real sigma(z*)
                    _ if complete => boxes.iter().enumerate().all(|(i, other)| {
                        i == me
                            || other.as_ref().is_none_or(|o| {
                                in_chart(&o.chart, sizes, &w).is_some_and(|image| {
                                    image.iter().zip(&o.z).any(|(x, y)| !x.intersects(y))
                                })
                            })
                    }),
                    _ => false,
                };
                if fixed {
                    repeated.push((j, jj));
                }
            }
        }
    }
    Some(classify(arch, &b.layers, &repeated))
}

impl CriticalPoint {
    /// Where this critical point lies, for a real certified point (`None`
    /// otherwise): relative interior or boundary of the real neuromanifold,
    /// smoothness of the neurovariety, repeated filters, each certified by
    /// interval arithmetic on the Krawczyk box (see [`RealCriticalClass`];
    /// the method is in the source of `architecture::real::critical`).
    /// Repeated filters are certified only when the swapped box falls
    /// inside the box itself; [`CriticalPoints::real_classes`] also uses
    /// the other solutions of a complete answer, which succeeds far more
    /// often.
    ///
    /// ```
    /// use neurovariety::{Architecture, CriticalPointOptions, Loss};
    /// let arch = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    /// let found = arch.critical_points(&Loss::random(&arch, 1), &CriticalPointOptions::default()).unwrap();
    /// for p in found.real() {
    ///     let c = p.real_class(&arch).unwrap();
    ///     // strides > 1: the non-zero critical points are smooth interior points
    ///     assert_eq!((c.in_interior, c.smooth), (Some(true), Some(true)));
    /// }
    /// ```
    #[must_use]
    pub fn real_class(&self, arch: &Architecture) -> Option<RealCriticalClass> {
        let b = RealBox::of(self, arch.filter_sizes());
        classify_box(arch, &[b], 0, false)
    }
}

impl CriticalPoints {
    /// [`CriticalPoint::real_class`] for every solution (in order; `None`
    /// for the non-real and uncertified ones). When the answer is complete
    /// ([`CriticalPoints::is_complete`]), every real isolated critical point
    /// lies in one of the certified boxes (there are at most `C_k` isolated
    /// non-singular ones), so two layers are certified proportional as soon
    /// as the swapped box misses the boxes of all *other* real solutions.
    ///
    /// ```
    /// use neurovariety::{Architecture, CriticalPointOptions, Loss};
    /// // stride 1: the critical points with w_1 proportional to w_2 are on the
    /// // boundary of M (a double real root); the others are interior
    /// let arch = Architecture::new(&[2, 2], &[1, 1]).unwrap();
    /// let found = arch.critical_points(&Loss::random(&arch, 1), &CriticalPointOptions::default()).unwrap();
    /// for c in found.real_classes(&arch).into_iter().flatten() {
    ///     assert_eq!(c.in_interior, Some(c.repeated_filters.is_empty()));
    /// }
    /// ```
    #[must_use]
    pub fn real_classes(&self, arch: &Architecture) -> Vec<Option<RealCriticalClass>> {
        let sizes = arch.filter_sizes();
        let boxes: Vec<Option<RealBox>> = self
            .solutions()
            .iter()
            .map(|p| RealBox::of(p, sizes))
            .collect();
        // every real solution must have its box for the argument
        let complete = self.is_complete()
            && self
                .solutions()
                .iter()
                .zip(&boxes)
                .all(|(p, b)| b.is_some() || !p.is_real);
        (0..self.solutions().len())
            .map(|i| classify_box(arch, &boxes, i, complete))
            .collect()
    }
}

/// The chart point (box) of the layer filters `w` (a projective class) in
/// the chart `chart`: every layer but the last divided by `a_l . w_l`, the
/// last multiplied by the product of those; `None` if some `a_l . w_l` may
/// vanish.
fn in_chart(
    chart: &[Vec<BigRational>],
    sizes: &[usize],
    w: &[Vec<RationalInterval>],
) -> Option<Vec<RationalInterval>> {
    let last = sizes.len() - 1;
    let mut scale = RationalInterval::point(BigRational::one());
    let mut image = Vec::new();
    for (m, wm) in w.iter().enumerate().take(last) {
        let mut lambda = RationalInterval::point(BigRational::zero());
        for (a, x) in chart.get(m)?.iter().zip(wm) {
            lambda = lambda.add(&x.scale(a));
        }
        let inv = lambda.recip()?;
        image.extend(wm[1..].iter().map(|x| x.mul(&inv)));
        scale = scale.mul(&lambda);
    }
    image.extend(w[last].iter().map(|x| x.mul(&scale)));
    Some(image)
}

/// The layer filters of a box of chart points: `w_{l,0} = (1 - sum_{j>=1}
/// a_{l,j} z_{l,j}) / a_{l,0}` for every layer but the last.
fn chart_layers(
    chart: &[Vec<BigRational>],
    sizes: &[usize],
    z: &[RationalInterval],
) -> Option<Vec<Vec<RationalInterval>>> {
    let mut out = Vec::with_capacity(sizes.len());
    let mut at = 0;
    for (l, &k) in sizes.iter().enumerate() {
        if l + 1 < sizes.len() {
            let a = &chart[l];
            if a.len() != k || a[0].is_zero() {
                return None;
            }
            let free = z.get(at..at + k - 1)?;
            let mut s = RationalInterval::point(BigRational::one());
            for (aj, zj) in a[1..].iter().zip(free) {
                s = s.sub(&zj.scale(aj));
            }
            let mut w = vec![s.scale(&a[0].recip())];
            w.extend_from_slice(free);
            out.push(w);
            at += k - 1;
        } else {
            out.push(z.get(at..at + k)?.to_vec());
            at += k;
        }
    }
    (at == z.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(x: f64, r: f64) -> RationalInterval {
        rational(x - r, x + r).unwrap()
    }

    #[test]
    fn real_root_bounds_of_interval_quadratics() {
        // (u - 1)(u + 2) = u^2 + u - 2: two sign changes; x^2 + y^2: none, upper 0
        let f = vec![iv(-2.0, 1e-9), iv(1.0, 1e-9), iv(1.0, 1e-9)];
        assert_eq!(odd_real_roots_lower(&f), 2);
        let g = vec![iv(1.0, 1e-9), iv(0.0, 1e-9), iv(1.0, 1e-9)];
        assert_eq!(odd_real_roots_lower(&g), 0);
        assert_eq!(real_roots_upper(&g), 0);
        assert_eq!(real_roots_upper(&f), 2);
        // a root at infinity: u + 0 * u^2 ... the form x y has roots 0 and infinity
        let h = vec![iv(0.0, 0.0), iv(1.0, 0.0), iv(0.0, 0.0)];
        assert_eq!(odd_real_roots_lower(&h), 2);
    }

    #[test]
    fn coprime_pieces_are_certified() {
        // (x + y)(x^2 + 2 y^2): even piece X + 2Y, odd piece X + 2Y: not coprime
        let p = vec![iv(1.0, 0.0), iv(1.0, 0.0), iv(2.0, 0.0), iv(2.0, 0.0)];
        assert!(!certified_no_invariant_factor(&p, 2));
        // x^3 + y^3: pieces [1, 0] and [0, 1] (X and Y): coprime
        let q = vec![
            iv(1.0, 1e-12),
            iv(0.0, 1e-12),
            iv(0.0, 1e-12),
            iv(1.0, 1e-12),
        ];
        assert!(certified_no_invariant_factor(&q, 2));
    }
}
