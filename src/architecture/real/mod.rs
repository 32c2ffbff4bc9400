//! The real neuromanifold `M`: deciding whether an end-to-end filter lies in
//! it, exactly or numerically, finding real layer filters for it, its
//! relative boundary, and where the critical points of training lie.
//!
//! | file | concept |
//! |---|---|
//! | `membership` | [`Architecture::real_membership`]: the exact answer for rational filters |
//! | `levels`, `classes` | the levels `G_l`, `H_l` and the search over classes of real factors |
//! | `forest` | the real roots and conjugate pairs of every level, with their parents |
//! | `witness` | real layer filters composing to the filter ([`RealWitness`]) |
//! | `boundary` | relative interior or boundary ([`RelativePosition`]) |
//! | `smooth` | smooth points of `V` ([`Architecture::smoothness`]) |
//! | `critical` | where a real critical point lies ([`RealCriticalClass`]) |
//! | this file, `sphere`, `search`, `levenberg`, `explain` | the numeric [`Architecture::factorize_real`] and `contains_real` |
//!
//! ```
//! use neurovariety::prelude::*;
//! let a = Architecture::new(&[2, 2], &[1, 1])?;
//! // exact: x^2 + y^2 is in V (over C) but not in M; x^2 - y^2 is in M
//! assert_eq!(a.real_membership(&[q(1), q(0), q(1)])?.in_neuromanifold(), Some(false));
//! assert_eq!(a.real_membership(&[q(1), q(0), q(-1)])?.in_neuromanifold(), Some(true));
//! // numeric, with a tolerance: the same answers for floats
//! let tol = neurovariety::Tolerance::new(1e-9)?;
//! assert!(!a.neurovariety().contains_real(&[1.0, 0.0, 1.0], tol)?);
//! # Ok::<(), neurovariety::Error>(())
//! ```
//!
//! The rest of this documentation is about the numeric method; the exact one
//! is documented in its files and in docs/mathematics.md, section 7.
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
//! in [`Architecture::factorize`]). The roots of `P(1, y)`
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
//! **Code.** One file per seam: `sphere.rs` (points of the Riemann sphere,
//! roots, clustering), `search.rs` (orbits per level and the backtracking
//! search), `levenberg.rs` (refinement of close candidates, through the
//! crate's one numeric linear-algebra module), `explain.rs` (why a complex
//! factorization is not real, in words).
//!
//! The worked example is in the documentation of `Architecture::factorize_real`.

use super::{compose, Architecture};
use crate::poly::complex_roots;
use crate::Error;
use crate::Tolerance;
use num_complex::Complex64;
use std::f64::consts::TAU;

mod boundary;
mod classes;
mod critical;
mod explain;
mod forest;
mod levels;
mod levenberg;
mod membership;
mod search;
mod smooth;
mod sphere;
mod witness;

pub use boundary::RelativePosition;
pub use critical::RealCriticalClass;
pub use membership::{RealMembership, RealMembershipOptions, RealShortfall};
pub use smooth::Smoothness;
pub use witness::{RealNumber, RealWitness};

use crate::limits::{
    MAX_REAL_CANDIDATES as MAX_CANDIDATES, MAX_REAL_REFINEMENTS as MAX_REFINEMENTS,
    MAX_REAL_SEARCH_NODES as MAX_SEARCH_NODES, MAX_REFINE_ITERATIONS, MAX_REFINE_PARAMETERS,
    MAX_REFINE_WORK,
};
use explain::*;
use levenberg::*;
use search::*;
use sphere::*;

/// Candidates whose relative residual is at most this are refined.
const REFINE_FROM: f64 = 0.05;
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
    /// use neurovariety::{architecture::compose, Architecture, Tolerance};
    /// // (3,2)/2: w = mu((1, 0, 1), (1, 1)) = (x^2 + y^2)(x^2 + y^2)
    /// let a = Architecture::new(&[3, 2], &[2, 1]).unwrap();
    /// let w = [1.0, 0.0, 2.0, 0.0, 1.0];
    /// let layers = a.factorize_real(&w, Tolerance::new(1e-9).unwrap()).unwrap();
    /// assert_eq!(layers[0].len(), 3);
    /// let back = compose(&a, &layers).unwrap();
    /// assert!(back.iter().zip(&w).all(|(b, c)| (b - c).abs() <= 2e-9));
    /// ```
    ///
    /// ```
    /// use neurovariety::{architecture::compose, Architecture, Error, Tolerance};
    /// let tol = Tolerance::new(1e-9).unwrap();
    /// // two layers of size 2, stride 1: the products of two real linear forms
    /// let a = Architecture::new(&[2, 2], &[1, 1]).unwrap();
    /// // x^2 + y^2 is in the neurovariety (over C it is (x + iy)(x - iy)) ...
    /// let err = a.factorize_real(&[1.0, 0.0, 1.0], tol).unwrap_err();
    /// assert!(matches!(err, Error::NoFactorization { field: "real", .. }));
    /// assert!(!a.neurovariety().contains_real(&[1.0, 0.0, 1.0], tol).unwrap());
    /// // ... while (x + y)(x - 2y) = x^2 - xy - 2y^2 is in the real neuromanifold
    /// let w = [1.0, -1.0, -2.0];
    /// let layers = a.factorize_real(&w, tol).unwrap();
    /// let back = compose(&a, &layers).unwrap();
    /// assert!(back.iter().zip(&w).all(|(b, c)| (b - c).abs() <= 1e-9 * 2.0));
    /// // x^3 + y^3 is not in the neurovariety of (2,2)/2 (c1 c2 - c0 c3 = -1)
    /// let b = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    /// let err = b.factorize_real(&[1.0, 0.0, 0.0, 1.0], tol).unwrap_err();
    /// assert!(matches!(err, Error::NotInNeurovariety { .. }));
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

    /// The body of [`Neurovariety::contains_real`](crate::Neurovariety::contains_real).
    pub(crate) fn contains_real_numeric(&self, w: &[f64], tol: Tolerance) -> Result<bool, Error> {
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
