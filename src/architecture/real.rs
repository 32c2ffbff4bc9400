//! Real factorization: deciding numerically whether an end-to-end filter lies
//! in the *real* neuromanifold, and finding real layer filters for it.
//!
//! **Why the field matters.** The neurovariety `V` is the image of `mu` over C.
//! The neuromanifold `M = mu(R^{k_1} x ... x R^{k_L})` is a semi-algebraic
//! subset of `V`: over C two layers joined by stride 1 merge into one layer of
//! the summed degree (every complex form splits into linear factors), but over R
//! a real form need not split into real factors of the required degrees.
//! `x^2 + y^2` is in `V` for `(2,2)/(1)` but it is not a product of two real
//! linear forms, so it is not in `M`.
//!
//! **Roots and orbits.** Write `P = pi_1(w) = sum_i c_i x^{d-i} y^i` as
//! `P = c x^a prod_m (y - z_m x)`: the `z_m` are the roots of `P(1, y)` and
//! `a` is the multiplicity of the root at infinity (trailing zero
//! coefficients). View the roots as points of the Riemann sphere. A layer form
//! `F(X, Y)` at dilation `tau` (`X = x^tau`, `Y = y^tau`) with a root `Y = Z X`
//! contributes
//!
//! ```text
//! y^tau - Z x^tau = prod_{j < tau} (y - omega zeta^j x),   omega^tau = Z,   zeta = exp(2 pi i / tau),
//! ```
//!
//! a full *orbit* of `tau` roots under `y -> zeta y` (`Z = 0` and `Z = infinity`
//! give `tau` roots at `0`, resp. at infinity). Hence, on the reduced
//! architecture (sizes `kappa_l` at dilations `tau_1 | ... | tau_R`, see
//! [`Architecture::reduced`]):
//!
//! * `w` is in `V` iff the roots of `P`, with multiplicity, can be partitioned
//!   so that level `l` receives `kappa_l - 1` full `tau_l`-orbits; the values
//!   `Z = omega^{tau_l}` of its orbits are the roots of the reduced layer form
//!   `F_l(1, Y)`;
//! * `w` is in `M` iff moreover the choice can be made so that at every level the
//!   multiset of `Z` values is closed under complex conjugation (`F_l` real) and
//!   `F_l` splits into real forms of the degrees `k_j - 1` of the original layers
//!   merged into level `l`: a real form of degree `d` needs a
//!   conjugation-closed multiset of `d` roots, so the split exists iff the
//!   number of real `Z` (infinity included) is at least the number of merged
//!   layers of odd degree.
//!
//! **Algorithm** (a floating-point mirror of the exact top-down factorization
//! in [`factorize_rational`](super::factorize_rational)). The roots of `P(1, y)`
//! are computed with [`complex_roots`] (after
//! scaling `w` to maximum norm 1), exact trailing zeros are roots at infinity.
//! Then, for a ladder of matching tolerances `delta = tol, sqrt(10) tol, 10 tol, ...`
//! (clamped to `[1e-13, 0.2]`), until a candidate passes:
//!
//! 1. roots within chordal distance `delta` of each other are merged into a
//!    cluster with a multiplicity (a root of multiplicity `m` is computed as a
//!    cluster of radius about `eps^{1/m}`, but the centroid is accurate);
//! 2. from the top level `l = R` down to `1`: the full `tau_l`-orbits among the
//!    remaining clusters are found (each cluster rotated by the `tau_l`-th roots
//!    of unity must meet a cluster within `2 delta`; `Z` is the mean of the
//!    members' `tau_l`-th powers); every multiset of `kappa_l - 1` orbits that
//!    is conjugation-closed and has enough real `Z` values is tried (depth
//!    first, backtracking), removed, and the next level follows. A `Z` counts
//!    as real within `4 tau_l delta` (chordal distance to its conjugate); one
//!    within `2 sqrt(tol)` may also be taken as real (a double real root
//!    perturbed into a conjugate pair);
//! 3. at the bottom, the layers are built from their `Z` values (products of
//!    real linear forms `Y - Z X` and real quadratics
//!    `Y^2 - 2 Re Z XY + |Z|^2 X^2`, scaled to unit maximum), the overall
//!    scalar is fitted by least squares and put on the first layer. If the
//!    relative residual is above `tol` but at most `0.05`, the weights are
//!    refined by Levenberg–Marquardt (one weight of every later layer held
//!    fixed, at most 20 refinements per step, skipped above 150 free weights):
//!    this recovers filters that are within `tol` of `M` but, through noise,
//!    not on `V`. The candidate is **accepted only if
//!    `max_i |mu(layers)_i - w_i| <= tol * max_i |w_i|`**.
//!
//! If no real candidate passes, the same search without the reality
//! constraints (complex layers, composed in [`Complex64`]) decides which error
//! to report: [`Error::NoFactorization`] (field `"real"`) when `w` is within
//! the tolerance of `V`, [`Error::NotInNeurovariety`] otherwise.
//!
//! **Limits.** A success is always verified by composing. A failure means that
//! no candidate was found, which can be wrong near the edge of what floating
//! point resolves:
//!
//! * a root of multiplicity `m` is computed with an error of about
//!   `(eps * cond)^{1/m}` and is matched only while that stays below the
//!   largest matching tolerance `0.2` (chordal): `(x - y)^m` as `m` real linear
//!   layers is recognised up to `m = 20` at `tol = 1e-6`;
//! * a noisy filter (within `tol` of `M` but off `V`) is recognised only while
//!   the noise moves its roots by less than that. In random tests (1 to 4
//!   layers, sizes 1 to 5, strides 1 to 3, weights in `[-2, -0.1] u [0.1, 2]`)
//!   noise of 30% of `tol = 1e-6` always passed and noise of 10% of
//!   `tol = 1e-3` failed in 1 of 5000 cases; with weights that are exactly 0
//!   (roots of high multiplicity at `0` or infinity), noise of `1e-9` at
//!   `tol = 1e-6` failed in about 2% of the cases;
//! * a filter within `tol` of `M` whose roots are far from those of every
//!   point of `M` (possible only for large `tol`) is rejected.
//!
//! Each tolerance step explores at most 100 000 search nodes and assembles at
//! most 2 000 candidates; if this bound is hit without an answer the result
//! is [`Error::NoConvergence`] (this needs many coincident orbits, e.g. roots
//! forming a large regular polygon). Root finding costs `O(k^2)` per
//! iteration and clustering `O(k^2)`, so very long filters are slow (a
//! filter of length 485 takes about 30 ms).
//!
//! ```
//! use neurovariety::{architecture::compose, poly::Tolerance, Architecture, Error};
//! let tol = Tolerance::new(1e-9).unwrap();
//! // two layers of size 2, stride 1: the products of two real linear forms
//! let a = Architecture::new(&[2, 2], &[1, 1]).unwrap();
//! // x^2 + y^2 is in the neurovariety (over C it is (x + iy)(x - iy)) ...
//! let err = a.factorize_real(&[1.0, 0.0, 1.0], tol).unwrap_err();
//! assert!(matches!(err, Error::NoFactorization { field: "real", .. }));
//! assert!(!a.contains_real(&[1.0, 0.0, 1.0], tol).unwrap());
//! // ... while (x + y)(x - 2y) = x^2 - xy - 2y^2 is in the real neuromanifold
//! let w = [1.0, -1.0, -2.0];
//! let layers = a.factorize_real(&w, tol).unwrap();
//! let back = compose(&a, &layers).unwrap();
//! assert!(back.iter().zip(&w).all(|(b, c)| (b - c).abs() <= 1e-9 * 2.0));
//! // x^3 + y^3 is not in the neurovariety of (2,2)/2 (c1 c2 - c0 c3 = -1)
//! let b = Architecture::new(&[2, 2], &[2, 1]).unwrap();
//! let err = b.factorize_real(&[1.0, 0.0, 0.0, 1.0], tol).unwrap_err();
//! assert!(matches!(err, Error::NotInNeurovariety { .. }));
//! ```

use super::{compose, Architecture};
use crate::poly::{complex_roots, Tolerance};
use crate::Error;
use num_complex::Complex64;
use std::f64::consts::TAU;

/// Search nodes (choices of orbit counts) explored per tolerance step.
const MAX_SEARCH_NODES: usize = 100_000;
/// Fully assembled candidates (each costs a composition) per tolerance step.
const MAX_CANDIDATES: usize = 2_000;
/// Candidates refined by Levenberg-Marquardt per tolerance step.
const MAX_REFINEMENTS: usize = 20;
/// Candidates whose relative residual is at most this are refined.
const REFINE_FROM: f64 = 0.05;
/// Refinement is skipped above this many free weights (its cost is cubic).
const MAX_REFINE_PARAMETERS: usize = 150;
/// ... and when (free weights)^2 * (filter length) exceeds this.
const MAX_REFINE_WORK: usize = 5_000_000;
/// Levenberg-Marquardt iterations per refinement.
const MAX_REFINE_ITERATIONS: usize = 60;
/// The smallest and largest root-matching tolerances (chordal distance).
const MIN_DELTA: f64 = 1e-13;
const MAX_DELTA: f64 = 2e-1;
/// The ratio of consecutive matching tolerances (`sqrt(10)`).
const DELTA_STEP: f64 = 3.162_277_660_168_379_5;

impl Architecture {
    /// Real layer filters whose composition is `w`, or the reason why none
    /// were found (see the module documentation of `architecture::real` in the
    /// source for the mathematics).
    ///
    /// Returns one filter per original layer (lengths
    /// [`Architecture::filter_sizes`]); layers of size 1 get `[1.0]`, except
    /// that the overall scalar is put on the first layer (the zero filter gets
    /// a zero first layer and `(1, 0, ..., 0)` elsewhere). The answer is
    /// verified: `max_i |compose(self, layers)_i - w_i| <= tol * max_i |w_i|`.
    ///
    /// Method: the roots of `pi_1(w)` are grouped, from the top reduced level
    /// `tau_R` down to `tau_1`, into full orbits under `y -> exp(2 pi i / tau) y`
    /// (a layer form `F(x^tau, y^tau)` with root `Y = Z X` contributes exactly
    /// the `tau` roots `omega` with `omega^tau = Z`); at each level a choice of
    /// `kappa_l - 1` orbits is accepted when its `Z` values are closed under
    /// conjugation and contain at least as many real values as the merged
    /// layers of odd degree need; choices are searched with backtracking (at
    /// most 100 000 nodes and 2 000 assembled candidates per matching
    /// tolerance), a candidate that is close but not within `tol` is refined
    /// by Levenberg–Marquardt (so noisy filters near `M` pass), and every
    /// candidate is checked by composing. A failure means no candidate was
    /// found: roots moved by more than `0.2` (chordal) through noise or high
    /// multiplicity are not matched.
    ///
    /// Errors: [`Error::LengthMismatch`] unless `w.len()` is
    /// [`Architecture::end_to_end_filter_size`]; [`Error::NonFinite`] for a NaN
    /// or infinite entry; [`Error::NotInNeurovariety`] when no factorization,
    /// even over C, composes to `w` within the tolerance;
    /// [`Error::NoFactorization`] (field `"real"`) when a complex one does but
    /// no real one was found, with the reason in words;
    /// [`Error::NoConvergence`] when root finding fails or the search bound is
    /// reached before an answer.
    ///
    /// ```
    /// use neurovariety::{architecture::compose, poly::Tolerance, Architecture};
    /// // (3,2)/2: w = mu((1, 0, 1), (1, 1)) = (x^2 + y^2)(x^2 + y^2)
    /// let a = Architecture::new(&[3, 2], &[2, 1]).unwrap();
    /// let w = [1.0, 0.0, 2.0, 0.0, 1.0];
    /// let layers = a.factorize_real(&w, Tolerance::new(1e-9).unwrap()).unwrap();
    /// assert_eq!(layers[0].len(), 3);
    /// let back = compose(&a, &layers).unwrap();
    /// assert!(back.iter().zip(&w).all(|(b, c)| (b - c).abs() <= 2e-9));
    /// ```
    pub fn factorize_real(&self, w: &[f64], tol: Tolerance) -> Result<Vec<Vec<f64>>, Error> {
        self.check_end_to_end_length(w.len())?;
        if let Some(index) = w.iter().position(|x| !x.is_finite()) {
            return Err(Error::NonFinite {
                index,
                value: w[index].to_string(),
            });
        }
        let scale = w.iter().fold(0.0f64, |m, c| m.max(c.abs()));
        if scale == 0.0 {
            return Ok(zero_layers(self));
        }
        let wn: Vec<f64> = w.iter().map(|c| c / scale).collect();
        let roots = sphere_roots(&wn, tol.value())?;
        let levels = levels_of(self);
        let t = tol.value();
        let ladder = delta_ladder(t);
        let problem = Problem {
            arch: self,
            levels: &levels,
            w,
            wn: &wn,
            scale,
            tol: t,
        };

        let mut real_budget_hit = None;
        for &delta in &ladder {
            let (centers, mult) = cluster(&roots, delta);
            let mut s = Search::new(&problem, &centers, delta, true);
            match s.run(mult) {
                Outcome::Found => {
                    if let Some(layers) = s.found_real {
                        return Ok(layers);
                    }
                }
                Outcome::Budget => {
                    real_budget_hit.get_or_insert(delta);
                }
                Outcome::Exhausted => {}
            }
        }

        // No real factorization: is there a complex one?
        let mut complex_budget_hit = None;
        let mut shortfall: Option<String> = None;
        for &delta in &ladder {
            let (centers, mult) = cluster(&roots, delta);
            let mut s = Search::new(&problem, &centers, delta, false);
            match s.run(mult) {
                Outcome::Found => {
                    if let Some(delta) = real_budget_hit {
                        return Err(budget_error(delta));
                    }
                    let why = match s
                        .found_complex
                        .as_ref()
                        .and_then(|choices| explain_real_failure(&levels, choices, delta))
                    {
                        Some(detail) => format!(
                            "no choice of root orbits gives real layer filters; in the factorization over C that was found, {detail}"
                        ),
                        None => "no choice of root orbits gives real layer filters that compose to the filter within the tolerance".into(),
                    };
                    return Err(Error::NoFactorization {
                        field: "real",
                        reason: format!("the filter is in the complex neurovariety, but {why}"),
                    });
                }
                Outcome::Budget => {
                    complex_budget_hit.get_or_insert(delta);
                }
                Outcome::Exhausted => {}
            }
            if shortfall.is_none() {
                shortfall = s.shortfall.take().map(|(_, text)| text);
            }
        }
        if let Some(delta) = complex_budget_hit {
            return Err(budget_error(delta));
        }
        let reason = shortfall.unwrap_or_else(|| {
            "no assignment of the roots of pi_1(w) to full orbits of the reduced levels composes back to the filter within the tolerance".into()
        });
        Err(Error::NotInNeurovariety { reason })
    }

    /// `true` iff [`Architecture::factorize_real`] finds real layer filters
    /// composing to `w` within the tolerance (`w` is numerically in the real
    /// neuromanifold); `false` when it reports [`Error::NotInNeurovariety`] or
    /// [`Error::NoFactorization`]. Input errors ([`Error::LengthMismatch`],
    /// [`Error::NonFinite`]) and [`Error::NoConvergence`] are passed on.
    ///
    /// ```
    /// use neurovariety::{poly::Tolerance, Architecture};
    /// let tol = Tolerance::new(1e-9).unwrap();
    /// let a = Architecture::new(&[2, 2], &[1, 1]).unwrap();
    /// assert!(a.contains_real(&[1.0, -2.0, 1.0], tol).unwrap()); // (x - y)^2
    /// assert!(!a.contains_real(&[1.0, 0.0, 1.0], tol).unwrap()); // x^2 + y^2
    /// ```
    pub fn contains_real(&self, w: &[f64], tol: Tolerance) -> Result<bool, Error> {
        match self.factorize_real(w, tol) {
            Ok(_) => Ok(true),
            Err(Error::NotInNeurovariety { .. }) | Err(Error::NoFactorization { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

fn budget_error(delta: f64) -> Error {
    Error::NoConvergence {
        what: format!(
            "factorization search: more than {MAX_SEARCH_NODES} orbit choices or {MAX_CANDIDATES} candidates at matching tolerance {delta:e}; membership is undecided"
        ),
    }
}

/// The zero filter: `0 = mu(0, e_0, ..., e_0)`.
fn zero_layers(arch: &Architecture) -> Vec<Vec<f64>> {
    arch.filter_sizes()
        .iter()
        .enumerate()
        .map(|(l, &kl)| {
            (0..kl)
                .map(|i| if l > 0 && i == 0 { 1.0 } else { 0.0 })
                .collect()
        })
        .collect()
}

/// Matching tolerances to try, increasing.
fn delta_ladder(tol: f64) -> Vec<f64> {
    let mut out = vec![tol.clamp(MIN_DELTA, MAX_DELTA)];
    while let Some(&last) = out.last() {
        if last >= MAX_DELTA {
            break;
        }
        out.push((DELTA_STEP * last).min(MAX_DELTA));
    }
    out
}

// ---------------------------------------------------------------------------
// Points of the Riemann sphere

/// A point of the Riemann sphere in one of two charts, `|w| <= 1` in both:
/// `z = w` (`high == false`) or `z = 1 / w` (`high == true`; `w = 0` is
/// infinity). Powers, rotations and conjugates stay in the chart, so nothing
/// overflows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Pt {
    w: Complex64,
    high: bool,
}

const INFINITY: Pt = Pt {
    w: Complex64::new(0.0, 0.0),
    high: true,
};

/// `1 / z` without overflow in the intermediate `|z|^2` (infinite for `z = 0`).
fn recip(z: Complex64) -> Complex64 {
    let m = z.re.abs().max(z.im.abs());
    if m == 0.0 {
        return Complex64::new(f64::INFINITY, 0.0);
    }
    let u = z / m;
    u.conj() / (u.norm_sqr() * m)
}

impl Pt {
    fn finite(z: Complex64) -> Pt {
        Pt { w: z, high: false }.normalized()
    }

    fn normalized(self) -> Pt {
        if self.w.norm() <= 1.0 {
            self
        } else {
            Pt {
                w: recip(self.w),
                high: !self.high,
            }
        }
    }

    /// `z^n`.
    fn pow(self, n: u32) -> Pt {
        Pt {
            w: self.w.powu(n),
            high: self.high,
        }
    }

    /// `zeta z` for `|zeta| = 1`.
    fn rotate(self, zeta: Complex64) -> Pt {
        let w = if self.high {
            self.w * zeta.conj()
        } else {
            self.w * zeta
        };
        Pt { w, high: self.high }
    }

    fn conj(self) -> Pt {
        Pt {
            w: self.w.conj(),
            high: self.high,
        }
    }

    /// The nearest real point.
    fn real_part(self) -> Pt {
        Pt {
            w: Complex64::new(self.w.re, 0.0),
            high: self.high,
        }
    }

    /// The representative in the given chart (may exceed 1 in modulus).
    fn in_chart(self, high: bool) -> Complex64 {
        if self.high == high {
            self.w
        } else {
            recip(self.w)
        }
    }

    /// Chordal distance from the conjugate (0 for real points and infinity).
    fn non_reality(self) -> f64 {
        chordal(self, self.conj())
    }

    /// The linear form `Y - Z X` (coefficients of `X`, `Y`), scaled so that the
    /// larger coefficient has modulus 1.
    fn linear(self) -> [Complex64; 2] {
        let one = Complex64::new(1.0, 0.0);
        if self.high {
            [-one, self.w]
        } else {
            [-self.w, one]
        }
    }

    /// The real quadratic `(Y - Z X)(Y - conj(Z) X)`, scaled likewise.
    fn quadratic(self) -> [f64; 3] {
        let (n, s) = (self.w.norm_sqr(), -2.0 * self.w.re);
        if self.high {
            [1.0, s, n]
        } else {
            [n, s, 1.0]
        }
    }
}

/// Chordal distance on the Riemann sphere,
/// `|z1 - z2| / sqrt((1 + |z1|^2)(1 + |z2|^2))` (at most 1).
fn chordal(a: Pt, b: Pt) -> f64 {
    let (p, q) = (a.w, b.w);
    let num = if a.high == b.high {
        (p - q).norm()
    } else {
        (p * q - 1.0).norm()
    };
    num / ((1.0 + p.norm_sqr()) * (1.0 + q.norm_sqr())).sqrt()
}

/// The centroid of nearby points, computed in the chart most of them use.
fn mean(points: &[Pt]) -> Pt {
    let Some(&first) = points.first() else {
        return INFINITY;
    };
    let high = 2 * points.iter().filter(|p| p.high).count() > points.len();
    let sum: Complex64 = points.iter().map(|p| p.in_chart(high)).sum();
    let m = sum / points.len() as f64;
    if m.is_finite() {
        Pt { w: m, high }.normalized()
    } else {
        first
    }
}

/// The roots of `pi_1(w)` on the sphere, with multiplicity (`d` of them).
/// If root finding fails (a dynamic range near the limits of `f64`), it is
/// retried with the coefficients below `tol / 1000` (relative) set to zero;
/// the final check against `w` covers that change.
fn sphere_roots(wn: &[f64], tol: f64) -> Result<Vec<Pt>, Error> {
    match roots_of(wn) {
        Err(Error::NoConvergence { what }) => {
            let cleaned: Vec<f64> = wn
                .iter()
                .map(|&c| {
                    if c.abs() < 1e-3 * tol.min(1.0) {
                        0.0
                    } else {
                        c
                    }
                })
                .collect();
            if cleaned.as_slice() == wn {
                return Err(Error::NoConvergence { what });
            }
            roots_of(&cleaned)
        }
        other => other,
    }
}

fn roots_of(wn: &[f64]) -> Result<Vec<Pt>, Error> {
    let at_inf = wn.iter().rev().take_while(|c| **c == 0.0).count();
    let dehom = &wn[..wn.len() - at_inf];
    let mut out: Vec<Pt> = Vec::with_capacity(wn.len());
    for z in complex_roots(dehom)? {
        if z.re.is_nan() || z.im.is_nan() {
            return Err(Error::NoConvergence {
                what: "root finding returned NaN".into(),
            });
        }
        // a root that overflowed is a root at infinity
        out.push(if z.is_finite() {
            Pt::finite(z)
        } else {
            INFINITY
        });
    }
    out.extend(std::iter::repeat_n(INFINITY, at_inf));
    Ok(out)
}

/// Single-linkage clusters at chordal distance `delta`: centres and multiplicities.
fn cluster(points: &[Pt], delta: f64) -> (Vec<Pt>, Vec<usize>) {
    let n = points.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..n {
        for j in 0..i {
            if chordal(points[i], points[j]) <= delta {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: Vec<Vec<Pt>> = Vec::new();
    let mut slot: Vec<Option<usize>> = vec![None; n];
    for (i, &pt) in points.iter().enumerate() {
        let r = find(&mut parent, i);
        let g = *slot[r].get_or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(pt);
    }
    let mult = groups.iter().map(Vec::len).collect();
    (groups.iter().map(|g| mean(g)).collect(), mult)
}

// ---------------------------------------------------------------------------
// The search

/// One reduced level: dilation, number of orbits `kappa - 1`, the original
/// layers merged into it and their degrees.
struct Level {
    tau: usize,
    n: usize,
    group: Vec<usize>,
    degrees: Vec<usize>,
    odd: usize,
}

fn levels_of(arch: &Architecture) -> Vec<Level> {
    let red = arch.reduced();
    let sizes = arch.filter_sizes();
    red.filter_sizes()
        .iter()
        .zip(red.dilations())
        .zip(red.groups())
        .map(|((&kappa, &tau), group)| {
            let degrees: Vec<usize> = group.iter().map(|&o| sizes[o] - 1).collect();
            Level {
                tau,
                n: kappa - 1,
                odd: degrees.iter().filter(|&&d| d % 2 == 1).count(),
                group: group.clone(),
                degrees,
            }
        })
        .collect()
}

/// A full orbit of remaining clusters: `(cluster, copies needed)` and its `Z`.
struct Orbit {
    need: Vec<(usize, usize)>,
    z: Pt,
    avail: usize,
}

/// The full `tau`-orbits among the clusters with positive multiplicity.
fn find_orbits(centers: &[Pt], mult: &[usize], tau: usize, delta: f64) -> Vec<Orbit> {
    let live: Vec<usize> = (0..centers.len()).filter(|&i| mult[i] > 0).collect();
    let power = u32::try_from(tau).unwrap_or(u32::MAX);
    let zetas: Vec<Complex64> = (0..tau)
        .map(|j| Complex64::from_polar(1.0, TAU * j as f64 / tau as f64))
        .collect();
    let mut seen = vec![false; centers.len()];
    let mut out = Vec::new();
    'seeds: for &s in &live {
        if seen[s] {
            continue;
        }
        let mut members: Vec<usize> = Vec::with_capacity(tau);
        for &zeta in &zetas {
            let target = centers[s].rotate(zeta);
            let best = live
                .iter()
                .map(|&i| (i, chordal(centers[i], target)))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((i, d)) if d <= 2.0 * delta => members.push(i),
                _ => continue 'seeds,
            }
        }
        let zs: Vec<Pt> = members.iter().map(|&i| centers[i].pow(power)).collect();
        let z = mean(&zs);
        let mut need: Vec<(usize, usize)> = Vec::new();
        for &i in &members {
            match need.iter_mut().find(|(c, _)| *c == i) {
                Some((_, cnt)) => *cnt += 1,
                None => need.push((i, 1)),
            }
        }
        let avail = need
            .iter()
            .map(|&(c, cnt)| mult[c] / cnt)
            .min()
            .unwrap_or(0);
        if avail == 0 {
            continue;
        }
        for &(c, _) in &need {
            seen[c] = true;
        }
        out.push(Orbit { need, z, avail });
    }
    out
}

/// What a chosen orbit contributes to its level's layer form.
#[derive(Clone, Copy, Debug)]
enum Choice {
    /// A real root `Z` (a real linear factor).
    Real(Pt),
    /// A conjugate pair `Z, conj Z` (a real quadratic factor).
    Pair(Pt),
    /// A root `Z` of a complex layer form.
    Any(Pt),
}

/// A unit of choice: one orbit (real or complex mode) or a conjugate pair of
/// orbits; `size` roots `Z`, of which `reals` are real, at most `max` times.
struct Unit {
    orbits: Vec<usize>,
    choice: Choice,
    size: usize,
    reals: usize,
    max: usize,
}

enum Outcome {
    Found,
    Exhausted,
    Budget,
}

/// Early exit from the depth-first search.
enum Stop {
    Found,
    Budget,
}

/// The data every search step reads.
struct Problem<'a> {
    arch: &'a Architecture,
    levels: &'a [Level],
    w: &'a [f64],
    wn: &'a [f64],
    scale: f64,
    tol: f64,
}

struct Search<'a> {
    p: &'a Problem<'a>,
    centers: &'a [Pt],
    delta: f64,
    real: bool,
    nodes: usize,
    candidates: usize,
    refinements: usize,
    chosen: Vec<Vec<Choice>>,
    found_real: Option<Vec<Vec<f64>>>,
    found_complex: Option<Vec<Vec<Choice>>>,
    /// The deepest level where too few orbits were available, in words.
    shortfall: Option<(usize, String)>,
}

impl<'a> Search<'a> {
    fn new(p: &'a Problem<'a>, centers: &'a [Pt], delta: f64, real: bool) -> Self {
        Search {
            p,
            centers,
            delta,
            real,
            nodes: 0,
            candidates: 0,
            refinements: 0,
            chosen: vec![Vec::new(); p.levels.len()],
            found_real: None,
            found_complex: None,
            shortfall: None,
        }
    }

    fn run(&mut self, mut mult: Vec<usize>) -> Outcome {
        match self.level(self.p.levels.len(), &mut mult) {
            Ok(()) => Outcome::Exhausted,
            Err(Stop::Found) => Outcome::Found,
            Err(Stop::Budget) => Outcome::Budget,
        }
    }

    /// Tolerance on `Z` values (errors grow by the factor `tau` in `omega^tau`).
    fn z_tol(&self, tau: usize) -> f64 {
        (4.0 * tau as f64 * self.delta).min(0.25)
    }

    /// Processes level `l - 1` (levels `l..` are done); `l == 0` is a leaf.
    fn level(&mut self, l: usize, mult: &mut [usize]) -> Result<(), Stop> {
        if l == 0 {
            return self.leaf(mult);
        }
        let idx = l - 1;
        let (tau, n) = (self.p.levels[idx].tau, self.p.levels[idx].n);
        let orbits = find_orbits(self.centers, mult, tau, self.delta);
        let units = self.units(&orbits, tau);
        let total: usize = orbits.iter().map(|o| o.avail).sum();
        if total < n && self.shortfall.as_ref().is_none_or(|(i, _)| idx < *i) {
            let text = format!(
                "at dilation {tau} (reduced level {}) the remaining roots of pi_1(w) contain {total} full {} of {tau} roots under y -> exp(2 pi i / {tau}) y, but the architecture needs {n} (matching tolerance {:e})",
                idx + 1,
                if total == 1 { "orbit" } else { "orbits" },
                self.delta
            );
            self.shortfall = Some((idx, text));
        }
        let mut suffix_max = vec![0usize; units.len() + 1];
        let mut suffix_real = vec![0usize; units.len() + 1];
        for u in (0..units.len()).rev() {
            suffix_max[u] =
                suffix_max[u + 1].saturating_add(units[u].max.saturating_mul(units[u].size));
            suffix_real[u] =
                suffix_real[u + 1].saturating_add(units[u].max.saturating_mul(units[u].reals));
        }
        let tables = Tables {
            orbits: &orbits,
            units: &units,
            suffix_max: &suffix_max,
            suffix_real: &suffix_real,
        };
        let mut picked = Vec::with_capacity(n);
        self.pick(idx, &tables, 0, n, 0, mult, &mut picked)
    }

    /// The units of choice at a level: in complex mode every orbit; in real
    /// mode the orbits with real `Z`, the conjugate pairs of orbits, and (as a
    /// fallback for coarse tolerances) nearly real orbits taken as real.
    fn units(&self, orbits: &[Orbit], tau: usize) -> Vec<Unit> {
        if !self.real {
            return orbits
                .iter()
                .enumerate()
                .map(|(i, o)| Unit {
                    orbits: vec![i],
                    choice: Choice::Any(o.z),
                    size: 1,
                    reals: 0,
                    max: o.avail,
                })
                .collect();
        }
        let strict = self.z_tol(tau);
        let loose = strict.max(2.0 * self.p.tol.sqrt());
        let mut out = Vec::new();
        // an orbit taken as one real root
        let real_unit = |i: usize, o: &Orbit| Unit {
            orbits: vec![i],
            choice: Choice::Real(o.z.real_part()),
            size: 1,
            reals: 1,
            max: o.avail,
        };
        // orbits clearly off the real axis may form conjugate pairs (also
        // those counted as real at a coarse matching tolerance)
        let mut paired: Vec<bool> = orbits
            .iter()
            .map(|o| o.z.non_reality() <= strict / 16.0)
            .collect();
        for (i, o) in orbits.iter().enumerate() {
            if o.z.non_reality() <= strict {
                out.push(real_unit(i, o));
            }
        }
        for i in 0..orbits.len() {
            if paired[i] {
                continue;
            }
            let target = orbits[i].z.conj();
            let partner = (i + 1..orbits.len())
                .filter(|&j| !paired[j])
                .map(|j| (j, chordal(orbits[j].z, target)))
                .filter(|&(_, d)| d <= strict)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((j, _)) = partner {
                paired[i] = true;
                paired[j] = true;
                out.push(Unit {
                    orbits: vec![i, j],
                    choice: Choice::Pair(mean(&[orbits[i].z, orbits[j].z.conj()])),
                    size: 2,
                    reals: 0,
                    max: orbits[i].avail.min(orbits[j].avail),
                });
            }
        }
        for (i, o) in orbits.iter().enumerate() {
            let r = o.z.non_reality();
            if r > strict && r <= loose {
                out.push(real_unit(i, o));
            }
        }
        out
    }

    /// Chooses how many copies of units `u..` to take, `left` roots still to
    /// choose at level `idx`, `reals` real ones so far.
    #[allow(clippy::too_many_arguments)]
    fn pick(
        &mut self,
        idx: usize,
        t: &Tables<'_>,
        u: usize,
        left: usize,
        reals: usize,
        mult: &mut [usize],
        picked: &mut Vec<Choice>,
    ) -> Result<(), Stop> {
        self.nodes += 1;
        if self.nodes > MAX_SEARCH_NODES {
            return Err(Stop::Budget);
        }
        let odd = if self.real { self.p.levels[idx].odd } else { 0 };
        if left == 0 {
            if reals >= odd {
                self.chosen[idx] = picked.clone();
                self.level(idx, mult)?;
            }
            return Ok(());
        }
        if u == t.units.len() || t.suffix_max[u] < left || reals + t.suffix_real[u] < odd {
            return Ok(());
        }
        let unit = &t.units[u];
        let top = unit.max.min(left / unit.size);
        for c in (0..=top).rev() {
            if c > 0 && !take(mult, t.orbits, &unit.orbits, c) {
                continue;
            }
            let before = picked.len();
            picked.extend(std::iter::repeat_n(unit.choice, c));
            let r = self.pick(
                idx,
                t,
                u + 1,
                left - c * unit.size,
                reals + c * unit.reals,
                mult,
                picked,
            );
            picked.truncate(before);
            if c > 0 {
                give(mult, t.orbits, &unit.orbits, c);
            }
            r?;
        }
        Ok(())
    }

    /// All levels chosen: assemble the layers and verify them.
    fn leaf(&mut self, mult: &[usize]) -> Result<(), Stop> {
        if mult.iter().any(|&m| m > 0) {
            return Ok(());
        }
        self.candidates += 1;
        if self.candidates > MAX_CANDIDATES {
            return Err(Stop::Budget);
        }
        if self.real {
            if let Some(layers) = self.real_layers().and_then(|l| self.verify_real(l)) {
                self.found_real = Some(layers);
                return Err(Stop::Found);
            }
        } else if let Some(layers) = self.complex_layers() {
            if self.fit(layers).is_none() {
                return Ok(());
            }
            self.found_complex = Some(self.chosen.clone());
            return Err(Stop::Found);
        }
        Ok(())
    }

    /// Real layer filters from the chosen `Z` values (scalar not yet fitted).
    fn real_layers(&self) -> Option<Vec<Vec<f64>>> {
        let mut layers: Vec<Vec<f64>> = self
            .p
            .arch
            .filter_sizes()
            .iter()
            .map(|_| vec![1.0])
            .collect();
        for (lv, chosen) in self.p.levels.iter().zip(&self.chosen) {
            let mut linear: Vec<Vec<f64>> = Vec::new();
            let mut quadratic: Vec<Vec<f64>> = Vec::new();
            for ch in chosen {
                match *ch {
                    Choice::Real(z) => linear.push(z.linear().iter().map(|c| c.re).collect()),
                    Choice::Pair(z) => quadratic.push(z.quadratic().to_vec()),
                    Choice::Any(_) => return None,
                }
            }
            let (mut li, mut qi) = (linear.into_iter(), quadratic.into_iter());
            for (&o, &d) in lv.group.iter().zip(&lv.degrees) {
                let mut f = vec![1.0];
                let mut left = d;
                while left >= 2 {
                    let Some(q) = qi.next() else { break };
                    f = mul(&f, &q);
                    left -= 2;
                }
                for _ in 0..left {
                    f = mul(&f, &li.next()?);
                }
                layers[o] = f;
            }
            if li.next().is_some() || qi.next().is_some() {
                return None;
            }
        }
        Some(layers)
    }

    /// Fits the scalar (put on the first layer), refines the weights when the
    /// candidate is close, and checks the composition against the original
    /// filter; the real layers on success.
    fn verify_real(&mut self, layers: Vec<Vec<f64>>) -> Option<Vec<Vec<f64>>> {
        let as_complex = layers
            .iter()
            .map(|f| f.iter().map(|&x| Complex64::new(x, 0.0)).collect())
            .collect();
        // all arithmetic on real inputs stays real: the imaginary parts are 0
        let fitted = self.fit(as_complex)?;
        let mut layers: Vec<Vec<f64>> = fitted
            .iter()
            .map(|f| f.iter().map(|z| z.re).collect())
            .collect();
        for x in layers.first_mut()?.iter_mut() {
            *x *= self.p.scale;
        }
        let back = compose(self.p.arch, &layers).ok()?;
        let err = back
            .iter()
            .zip(self.p.w)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0f64, f64::max);
        (err <= self.p.tol * self.p.scale).then_some(layers)
    }

    /// Fits the scalar (on the first layer) by least squares against the
    /// normalised filter; if the residual exceeds the tolerance but is below
    /// [`refine_threshold`], refines by [`refine`]. The layers when the
    /// residual is within the tolerance.
    fn fit(&mut self, mut layers: Vec<Vec<Complex64>>) -> Option<Vec<Vec<Complex64>>> {
        let c = compose(self.p.arch, &layers).ok()?;
        let cc: f64 = c.iter().map(|x| x.norm_sqr()).sum();
        if !(cc.is_finite() && cc > 0.0) {
            return None;
        }
        let cw: Complex64 = c.iter().zip(self.p.wn).map(|(x, &y)| x.conj() * y).sum();
        let s = cw / cc;
        for x in layers.first_mut()?.iter_mut() {
            *x *= s;
        }
        let err = c
            .iter()
            .zip(self.p.wn)
            .map(|(x, &y)| (s * x - y).norm())
            .fold(0.0f64, f64::max);
        if err <= self.p.tol {
            return Some(layers);
        }
        if err <= refine_threshold(self.p.tol) && self.refinements < MAX_REFINEMENTS {
            self.refinements += 1;
            if refine(self.p.arch, &mut layers, self.p.wn, self.p.tol) <= self.p.tol {
                return Some(layers);
            }
        }
        None
    }

    /// Complex layer filters from the chosen `Z` values.
    fn complex_layers(&self) -> Option<Vec<Vec<Complex64>>> {
        let one = Complex64::new(1.0, 0.0);
        let mut layers: Vec<Vec<Complex64>> = self
            .p
            .arch
            .filter_sizes()
            .iter()
            .map(|_| vec![one])
            .collect();
        for (lv, chosen) in self.p.levels.iter().zip(&self.chosen) {
            let mut roots = chosen.iter().map(|ch| match *ch {
                Choice::Any(z) | Choice::Real(z) | Choice::Pair(z) => z,
            });
            for (&o, &d) in lv.group.iter().zip(&lv.degrees) {
                let mut f = vec![one];
                for _ in 0..d {
                    f = cmul(&f, &roots.next()?.linear());
                }
                layers[o] = f;
            }
            if roots.next().is_some() {
                return None;
            }
        }
        Some(layers)
    }
}

/// The per-level tables [`Search::pick`] walks.
struct Tables<'a> {
    orbits: &'a [Orbit],
    units: &'a [Unit],
    suffix_max: &'a [usize],
    suffix_real: &'a [usize],
}

/// Removes `c` copies of each orbit in `which` from `mult`; `false` (and no
/// change) if the multiplicities do not allow it.
fn take(mult: &mut [usize], orbits: &[Orbit], which: &[usize], c: usize) -> bool {
    for (k, &o) in which.iter().enumerate() {
        let fits = orbits[o].need.iter().all(|&(cl, cnt)| mult[cl] >= cnt * c);
        if !fits {
            give(mult, orbits, &which[..k], c);
            return false;
        }
        for &(cl, cnt) in &orbits[o].need {
            mult[cl] -= cnt * c;
        }
    }
    true
}

/// Undoes [`take`].
fn give(mult: &mut [usize], orbits: &[Orbit], which: &[usize], c: usize) {
    for &o in which {
        for &(cl, cnt) in &orbits[o].need {
            mult[cl] += cnt * c;
        }
    }
}

/// Candidates whose residual (relative to `max |w|`) is at most this are refined.
fn refine_threshold(tol: f64) -> f64 {
    REFINE_FROM.max(tol)
}

/// Levenberg-Marquardt on the layer weights, minimising
/// `sum_n |mu(layers)_n - target_n|^2`; in each layer after the first the
/// weight of largest modulus is held fixed (the rescalings between layers
/// leave `mu` unchanged). Real layers stay real. Returns the final
/// `max_n |mu(layers)_n - target_n|` (the layers are updated in place).
fn refine(arch: &Architecture, layers: &mut [Vec<Complex64>], target: &[f64], tol: f64) -> f64 {
    let residual = |layers: &[Vec<Complex64>]| -> Option<Vec<Complex64>> {
        let c = compose(arch, layers).ok()?;
        Some(c.iter().zip(target).map(|(x, &y)| x - y).collect())
    };
    let max_norm = |r: &[Complex64]| r.iter().map(|z| z.norm()).fold(0.0f64, f64::max);
    let sum_sq = |r: &[Complex64]| r.iter().map(|z| z.norm_sqr()).sum::<f64>();
    let Some(mut r) = residual(layers) else {
        return f64::INFINITY;
    };
    let mut free: Vec<(usize, usize)> = Vec::new();
    for (l, f) in layers.iter().enumerate() {
        let fixed = (l > 0)
            .then(|| (0..f.len()).max_by(|&a, &b| f[a].norm().total_cmp(&f[b].norm())))
            .flatten();
        free.extend((0..f.len()).filter(|&i| Some(i) != fixed).map(|i| (l, i)));
    }
    let (np, k) = (free.len(), target.len());
    let work = np.saturating_mul(np).saturating_mul(k);
    if np == 0 || np > MAX_REFINE_PARAMETERS || work > MAX_REFINE_WORK {
        return max_norm(&r);
    }
    let zero = Complex64::new(0.0, 0.0);
    let mut lambda = 1e-3;
    for _ in 0..MAX_REFINE_ITERATIONS {
        if max_norm(&r) <= 0.25 * tol {
            break;
        }
        // d mu / d w_{l,i} is mu with layer l replaced by e_i: the composition
        // with e_0 shifted by i t_l.
        let mut shifted_base: Vec<Vec<Complex64>> = Vec::with_capacity(layers.len());
        for l in 0..layers.len() {
            let mut e0 = vec![zero; layers[l].len()];
            e0[0] = Complex64::new(1.0, 0.0);
            let saved = std::mem::replace(&mut layers[l], e0);
            let q = compose(arch, layers);
            layers[l] = saved;
            match q {
                Ok(q) => shifted_base.push(q),
                Err(_) => return max_norm(&r),
            }
        }
        let dil = arch.dilations();
        let column = |p: usize, n: usize| -> Complex64 {
            let (l, i) = free[p];
            let shift = i * dil[l];
            if n >= shift {
                shifted_base[l][n - shift]
            } else {
                zero
            }
        };
        let mut a = vec![vec![zero; np]; np];
        let mut g = vec![zero; np];
        for (p, (row, gp)) in a.iter_mut().zip(g.iter_mut()).enumerate() {
            for (n, rn) in r.iter().enumerate() {
                let jp = column(p, n).conj();
                if jp == zero {
                    continue;
                }
                *gp += jp * rn;
                for (q, aq) in row.iter_mut().enumerate() {
                    *aq += jp * column(q, n);
                }
            }
        }
        let dmax = (0..np).map(|p| a[p][p].re).fold(0.0f64, f64::max);
        if !(dmax.is_finite() && dmax > 0.0) {
            break;
        }
        let cost = sum_sq(&r);
        let mut accepted = false;
        for _ in 0..8 {
            let mut m = a.clone();
            for (p, row) in m.iter_mut().enumerate() {
                row[p] += lambda * a[p][p].re.max(1e-12 * dmax);
            }
            let rhs: Vec<Complex64> = g.iter().map(|x| -x).collect();
            let Some(step) = crate::numeric::solve(&m.concat(), &rhs) else {
                lambda *= 4.0;
                continue;
            };
            let mut trial = layers.to_vec();
            for (&(l, i), d) in free.iter().zip(&step) {
                trial[l][i] += d;
            }
            match residual(&trial) {
                Some(rt) if sum_sq(&rt) < cost => {
                    layers.clone_from_slice(&trial);
                    r = rt;
                    lambda = (lambda / 3.0).max(1e-12);
                    accepted = true;
                    break;
                }
                _ => lambda *= 4.0,
            }
        }
        if !accepted {
            break;
        }
    }
    max_norm(&r)
}

/// Why the complex factorization found is not real, in words (`None` if every
/// level of it would be admissible over R).
fn explain_real_failure(levels: &[Level], choices: &[Vec<Choice>], delta: f64) -> Option<String> {
    for (lv, chosen) in levels.iter().zip(choices).rev() {
        let ztol = (4.0 * lv.tau as f64 * delta).min(0.25);
        let zs: Vec<Pt> = chosen
            .iter()
            .map(|ch| match *ch {
                Choice::Any(z) | Choice::Real(z) | Choice::Pair(z) => z,
            })
            .collect();
        let reals = zs.iter().filter(|z| z.non_reality() <= ztol).count();
        let mut others: Vec<Pt> = zs
            .iter()
            .copied()
            .filter(|z| z.non_reality() > ztol)
            .collect();
        let mut pairs = 0;
        let mut closed = true;
        while let Some(z) = others.pop() {
            let partner = others
                .iter()
                .enumerate()
                .map(|(i, q)| (i, chordal(*q, z.conj())))
                .filter(|&(_, d)| d <= ztol)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match partner {
                Some((i, _)) => {
                    others.swap_remove(i);
                    pairs += 1;
                }
                None => closed = false,
            }
        }
        let (who, verb, its) = if lv.group.len() == 1 {
            let who = format!(
                "layer {} (counted from 0; dilation {}, degree {})",
                lv.group[0], lv.tau, lv.degrees[0]
            );
            (who, "needs", "its form")
        } else {
            let who = format!(
                "layers {:?} (counted from 0; merged at dilation {}, degrees {:?})",
                lv.group, lv.tau, lv.degrees
            );
            (who, "need", "their product")
        };
        let form = if lv.tau == 1 {
            its.to_string()
        } else {
            format!("{its} F(X, Y) with X = x^{t}, Y = y^{t}", t = lv.tau)
        };
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if !closed {
            let also = if reals < lv.odd {
                format!(
                    ", and {} where {} {} needed",
                    plural(reals, "real root", "real roots"),
                    lv.odd,
                    if lv.odd == 1 { "is" } else { "are" }
                )
            } else {
                String::new()
            };
            return Some(format!(
                "the factor of {who} has roots that are not closed under complex conjugation (non-real coefficients){also}"
            ));
        }
        if reals < lv.odd {
            return Some(format!(
                "{who} {verb} at least {} (one per layer of odd degree), while {form} has {} and {}",
                plural(lv.odd, "real root", "real roots"),
                plural(reals, "real root", "real roots"),
                plural(pairs, "pair of non-real conjugate roots", "pairs of non-real conjugate roots"),
            ));
        }
    }
    None
}

fn mul(a: &[f64], b: &[f64]) -> Vec<f64> {
    let mut v = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    v
}

fn cmul(a: &[Complex64], b: &[Complex64]) -> Vec<Complex64> {
    let mut v = vec![Complex64::new(0.0, 0.0); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            v[i + j] += x * y;
        }
    }
    v
}
