//! Numeric complex roots of real polynomials, and splitting real binary forms
//! into real factors of prescribed degrees.
//!
//! Over R a binary form `F(x, y) = sum c_i x^{d-i} y^i` factors as
//! `F = c x^a prod_k (y - z_k x)` where `a` is the multiplicity of the root at
//! infinity (`x | F`) and `z_k` are the roots of the dehomogenisation
//! `F(1, y)`. Real roots give real linear factors `y - z x` (coefficient vector
//! `[-z, 1]`), `x` is the linear factor `[1, 0]`, and a pair of conjugate
//! non-real roots `z, conj z` gives the irreducible real quadratic
//! `|z|^2 x^2 - 2 Re z x y + y^2`. A split into real factors of degrees
//! `d_1, ..., d_n` therefore exists if and only if the number of real roots
//! (counting the root at infinity) is at least the number of odd `d_j`.
//!
//! Roots are computed by the Aberth–Ehrlich simultaneous iteration
//! ([`complex_roots`]), started from points on circles whose radii come from the
//! Newton polygon of the coefficients (Bini's initialisation), with a
//! backward-error stopping rule, evaluation through the reversed polynomial
//! outside the unit disc (no overflow), and a final Newton polish. Every root
//! returned has a tiny backward error; roots of multiplicity `m` are accurate
//! only to about `eps^{1/m}` relative, as for any method in floating point.
//!
//! All float APIs take an explicit [`Tolerance`](crate::Tolerance).
//!
//! The worked example is in the documentation of `complex_roots`.

use crate::{Error, Tolerance};
use num_complex::Complex64;

fn check_finite(v: &[f64]) -> Result<(), Error> {
    match v.iter().position(|x| !x.is_finite()) {
        Some(index) => Err(Error::NonFinite {
            index,
            value: v[index].to_string(),
        }),
        None => Ok(()),
    }
}

/// All complex roots, with multiplicity, of the real polynomial
/// `sum coeffs_ascending[k] y^k` (so `deg` roots for a polynomial of degree
/// `deg`; a non-zero constant has none). Exact zero coefficients at the low
/// end give exact roots `0`.
///
/// Errors: [`Error::NonFinite`] for a NaN or infinite coefficient;
/// [`Error::InvalidArgument`] for the zero polynomial (empty or all zero);
/// [`Error::NoConvergence`] if the iteration fails to reach a small backward
/// error (not observed in practice).
///
/// ```
/// use neurovariety::poly::complex_roots;
/// // (y - 1)(y - 2)(y - 3)
/// let mut r = complex_roots(&[-6.0, 11.0, -6.0, 1.0]).unwrap();
/// r.sort_by(|a, b| a.re.total_cmp(&b.re));
/// for (z, want) in r.iter().zip([1.0, 2.0, 3.0]) {
///     assert!((z.re - want).abs() < 1e-12 && z.im.abs() < 1e-12);
/// }
/// ```
///
/// ```
/// use neurovariety::poly::{complex_roots, split_real_form_by_degrees};
/// use neurovariety::Tolerance;
/// // y^2 + 1: roots ±i
/// let r = complex_roots(&[1.0, 0.0, 1.0]).unwrap();
/// assert!(r.iter().all(|z| (z.norm() - 1.0).abs() < 1e-12 && z.re.abs() < 1e-12));
///
/// // x^2 - y^2 = (y - x)(y + x) up to a scalar, into two real linear forms
/// let tol = Tolerance::new(1e-9).unwrap();
/// let parts = split_real_form_by_degrees(&[1.0, 0.0, -1.0], &[1, 1], tol).unwrap();
/// assert_eq!(parts.len(), 2);
/// // x^2 + y^2 has no real linear factor
/// assert!(split_real_form_by_degrees(&[1.0, 0.0, 1.0], &[1, 1], tol).is_err());
/// ```
pub fn complex_roots(coeffs_ascending: &[f64]) -> Result<Vec<Complex64>, Error> {
    check_finite(coeffs_ascending)?;
    let (Some(top), Some(low)) = (
        coeffs_ascending.iter().rposition(|&c| c != 0.0),
        coeffs_ascending.iter().position(|&c| c != 0.0),
    ) else {
        return Err(Error::InvalidArgument {
            name: "coefficients",
            value: format!("{coeffs_ascending:?}"),
            reason: "the zero polynomial has no finite set of roots".into(),
        });
    };
    let mut roots = vec![Complex64::new(0.0, 0.0); low];
    roots.extend(aberth(&coeffs_ascending[low..=top])?);
    Ok(roots)
}

/// All complex roots, with multiplicity, of the complex polynomial
/// `sum coeffs_ascending[k] y^k`, by the same Aberth–Ehrlich iteration as
/// [`complex_roots`].
///
/// Errors: as [`complex_roots`].
///
/// ```
/// use neurovariety::poly::complex_roots_of;
/// use num_complex::Complex64;
/// // y^2 - 2i y - 1 = (y - i)^2 + 0 ... roots of y^2 + 1 shifted: (y - 2i)(y + i)
/// let c = |re, im| Complex64::new(re, im);
/// let r = complex_roots_of(&[c(2.0, 0.0), c(0.0, -1.0), c(1.0, 0.0)]).unwrap();
/// assert!(r.iter().any(|z| (z - c(0.0, 2.0)).norm() < 1e-12));
/// assert!(r.iter().any(|z| (z - c(0.0, -1.0)).norm() < 1e-12));
/// ```
pub fn complex_roots_of(coeffs_ascending: &[Complex64]) -> Result<Vec<Complex64>, Error> {
    if let Some(index) = coeffs_ascending.iter().position(|c| !c.is_finite()) {
        return Err(Error::NonFinite {
            index,
            value: coeffs_ascending[index].to_string(),
        });
    }
    let zero = Complex64::new(0.0, 0.0);
    let (Some(top), Some(low)) = (
        coeffs_ascending.iter().rposition(|&c| c != zero),
        coeffs_ascending.iter().position(|&c| c != zero),
    ) else {
        return Err(Error::InvalidArgument {
            name: "coefficients",
            value: format!("{coeffs_ascending:?}"),
            reason: "the zero polynomial has no finite set of roots".into(),
        });
    };
    let mut roots = vec![zero; low];
    roots.extend(aberth(&coeffs_ascending[low..=top])?);
    Ok(roots)
}

/// A coefficient type of [`aberth`]: real or complex floats.
trait Coefficient: Copy + Into<Complex64> {
    fn magnitude(self) -> f64;
    /// The root `-a0 / a1` of `a0 + a1 y`.
    fn linear_root(a0: Self, a1: Self) -> Complex64;
}

impl Coefficient for f64 {
    fn magnitude(self) -> f64 {
        self.abs()
    }
    fn linear_root(a0: f64, a1: f64) -> Complex64 {
        Complex64::new(-a0 / a1, 0.0)
    }
}

impl Coefficient for Complex64 {
    fn magnitude(self) -> f64 {
        self.norm()
    }
    fn linear_root(a0: Complex64, a1: Complex64) -> Complex64 {
        -a0 / a1
    }
}

const EPS: f64 = f64::EPSILON;

/// Evaluation at `z`: the logarithmic derivative `p'/p` (`None` when `p(z) = 0`),
/// the ratio `|p(z)| / sum |a_k| |z|^k` (the backward error), computed in a
/// scaled way (through the reversed polynomial when `|z| > 1`).
fn eval<T: Coefficient>(a: &[T], z: Complex64) -> (Option<Complex64>, f64) {
    let n = a.len() - 1;
    let zero = Complex64::new(0.0, 0.0);
    if z.norm() <= 1.0 {
        let (mut p, mut dp, mut bound) = (zero, zero, 0.0);
        let r = z.norm();
        for &c in a.iter().rev() {
            dp = dp * z + p;
            p = p * z + c.into();
            bound = bound * r + c.magnitude();
        }
        let back = p.norm() / bound;
        if p == zero {
            return (None, back);
        }
        (Some(dp / p), back)
    } else {
        let y = z.inv();
        let ry = y.norm();
        // r(y) = sum a_k y^{n-k}
        let (mut p, mut dp, mut bound) = (zero, zero, 0.0);
        for &c in a.iter() {
            dp = dp * y + p;
            p = p * y + c.into();
            bound = bound * ry + c.magnitude();
        }
        let back = p.norm() / bound;
        if p == zero {
            return (None, back);
        }
        // p'/p = y (n - y r'(y) / r(y))
        (Some(y * (n as f64 - y * dp / p)), back)
    }
}

/// Initial approximations from the upper convex hull of `(k, ln |a_k|)`.
fn initial_points<T: Coefficient>(a: &[T]) -> Vec<Complex64> {
    let n = a.len() - 1;
    let pts: Vec<(f64, f64)> = a
        .iter()
        .enumerate()
        .filter(|(_, c)| c.magnitude() != 0.0)
        .map(|(k, c)| (k as f64, c.magnitude().ln()))
        .collect();
    let mut hull: Vec<(f64, f64)> = Vec::new();
    for &pt in &pts {
        while hull.len() >= 2 {
            let (o, q) = (hull[hull.len() - 2], hull[hull.len() - 1]);
            let cross = (q.0 - o.0) * (pt.1 - o.1) - (q.1 - o.1) * (pt.0 - o.0);
            // nearly collinear points are dropped: two hull edges with equal
            // slopes would put initial points on the same circle twice
            let tiny = 1e-9 * (1.0 + o.1.abs() + q.1.abs() + pt.1.abs()) * (pt.0 - o.0);
            if cross >= -tiny {
                hull.pop();
            } else {
                break;
            }
        }
        hull.push(pt);
    }
    let mut z = Vec::with_capacity(n);
    for w in hull.windows(2) {
        let (k1, l1) = w[0];
        let (k2, l2) = w[1];
        let m = (k2 - k1).round() as usize;
        let u = ((l1 - l2) / (k2 - k1)).exp();
        for j in 0..m {
            let ang = std::f64::consts::TAU * (j as f64 / m as f64 + k1 / n as f64) + 0.4;
            z.push(Complex64::from_polar(u, ang));
        }
    }
    z
}

/// Aberth–Ehrlich iteration for a polynomial with non-zero constant and
/// leading coefficients.
fn aberth<T: Coefficient>(a: &[T]) -> Result<Vec<Complex64>, Error> {
    let n = a.len() - 1;
    if n == 0 {
        return Ok(Vec::new());
    }
    if n == 1 {
        return Ok(vec![T::linear_root(a[0], a[1])]);
    }
    let tiny = 4.0 * (n as f64 + 1.0) * EPS;
    let mut z = initial_points(a);
    let mut done = vec![false; n];
    for _ in 0..crate::limits::MAX_ROOT_ITERATIONS {
        let mut active = false;
        for i in 0..n {
            if done[i] {
                continue;
            }
            active = true;
            let (l, back) = eval(a, z[i]);
            let Some(l) = l else {
                done[i] = true;
                continue;
            };
            if back <= tiny {
                done[i] = true;
                continue;
            }
            // two approximations on the same point would move together forever
            let scale = 1.0 + z[i].norm();
            if z.iter()
                .enumerate()
                .any(|(j, &zj)| j != i && (z[i] - zj).norm() <= EPS * scale)
            {
                z[i] += Complex64::new(1e-7, 3e-7) * scale;
            }
            let mut s = Complex64::new(0.0, 0.0);
            for (j, &zj) in z.iter().enumerate() {
                if j != i {
                    s += (z[i] - zj).inv();
                }
            }
            let den = l - s;
            let w = if den.norm() > 0.0 && den.is_finite() {
                den.inv()
            } else {
                // a degenerate step: nudge the point
                Complex64::new(1e-8, 1e-8) * (1.0 + z[i].norm())
            };
            z[i] -= w;
            if w.norm() <= EPS * z[i].norm() {
                done[i] = true;
            }
        }
        if !active {
            break;
        }
    }
    // Newton polish (accepted only when it lowers the backward error).
    for zi in z.iter_mut() {
        for _ in 0..3 {
            let (l, back) = eval(a, *zi);
            let Some(l) = l else { break };
            if l.norm() == 0.0 || !l.is_finite() {
                break;
            }
            let cand = *zi - l.inv();
            let (_, back2) = eval(a, cand);
            if back2 < back {
                *zi = cand;
            } else {
                break;
            }
        }
    }
    let worst = z.iter().map(|&zi| eval(a, zi).1).fold(0.0, f64::max);
    if worst.is_nan() || worst > 1e-6 || z.iter().any(|zi| !zi.is_finite()) {
        return Err(Error::NoConvergence {
            what: format!(
                "Aberth iteration for a polynomial of degree {n} (backward error {worst:e})"
            ),
        });
    }
    Ok(z)
}

/// Splits the real binary form with coefficient vector `coeffs` (`c_i` the
/// coefficient of `x^{d-i} y^i`, as in [`BinaryForm`](crate::poly::BinaryForm))
/// into real forms of the given degrees, returned as coefficient vectors in
/// the same order (a bin of degree 0 is `[1.0]`).
///
/// Method: trailing zero coefficients give roots at infinity (the factor
/// `x = [1, 0]`); if the split fails, trailing coefficients with
/// `|c_i| <= tol / 8 * max |c|` are successively taken as zero too (a
/// perturbed multiple root at infinity), and the first error is reported if
/// none succeeds. The roots of the
/// dehomogenisation are computed with [`complex_roots`]; clusters of roots
/// (the numerical image of a multiple root) are replaced by a multiple root at
/// their centroid (refined as a simple root of the `(m-1)`-th derivative)
/// when the Taylor coefficients of order `< m` there are negligible (the
/// implied change of the form is at most `tol / 8` relative); a root with
/// `|Im z| <= tol * |z|` is treated as real (factor `[-Re z, 1]`, scaled to
/// unit max-norm), and the others are paired with their conjugates into real
/// quadratics `[|z|^2, -2 Re z, 1]` (scaled). If there are fewer real roots
/// than odd degrees, the fewest pairs needed, nearest to the real axis first,
/// are taken as double real roots `Re z` (a multiple real root is computed as
/// a cluster of nearly real roots, e.g. `1 ± 4e-9 i` for `(x - y)^2`); the
/// product check below then decides whether that is within the tolerance.
/// Each bin of degree `d_j` takes as many conjugate pairs as it can
/// (`floor(d_j / 2)`, in order) and is filled with real linear factors. The
/// scalar (least squares fit of the product to `coeffs`) is put on the first
/// factor. The product of the factors is checked against `coeffs`:
/// `max_i |c_i - prod_i| <= tol * max_i |c_i|`.
///
/// The zero form (all coefficients exactly 0) is split as the zero form of
/// degree `degrees[0]` times `x^{degrees[j]}`.
///
/// Errors: [`Error::InvalidArgument`] for an empty `coeffs` or `degrees`;
/// [`Error::NonFinite`]; [`Error::LengthMismatch`] if the degrees do not sum to
/// `coeffs.len() - 1`; [`Error::NoFactorization`] (field `"real"`) if there are
/// fewer real roots than odd degrees (and treating the nearest pairs as real
/// misses the tolerance); [`Error::NoConvergence`] if the product check fails
/// otherwise (an ill-conditioned form for the tolerance asked).
///
/// ```
/// use neurovariety::{poly::split_real_form_by_degrees, Error, Tolerance};
/// let tol = Tolerance::new(1e-9).unwrap();
/// // x^2 + y^2 is a positive definite quadratic: no real linear factors
/// let err = split_real_form_by_degrees(&[1.0, 0.0, 1.0], &[1, 1], tol).unwrap_err();
/// assert!(matches!(err, Error::NoFactorization { field: "real", .. }));
/// // x (x^2 + y^2) into degrees (2, 1)
/// let parts = split_real_form_by_degrees(&[1.0, 0.0, 1.0, 0.0], &[2, 1], tol).unwrap();
/// assert_eq!(parts[0].len(), 3);
/// assert_eq!(parts[1].len(), 2);
/// ```
pub fn split_real_form_by_degrees(
    coeffs: &[f64],
    degrees: &[usize],
    tol: Tolerance,
) -> Result<Vec<Vec<f64>>, Error> {
    if coeffs.is_empty() {
        return Err(Error::InvalidArgument {
            name: "coefficients",
            value: "[]".into(),
            reason: "a binary form of degree d has d + 1 coefficients".into(),
        });
    }
    check_finite(coeffs)?;
    let d = coeffs.len() - 1;
    super::split_degrees::check_degrees(d, degrees)?;
    let t = tol.value();
    let scale = coeffs.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    if scale == 0.0 {
        let mut out = vec![vec![0.0; degrees[0] + 1]];
        out.extend(degrees[1..].iter().map(|&k| x_power(k)));
        return Ok(out);
    }
    // Roots at infinity: exact trailing zeros, then (if that fails) also the
    // trailing coefficients that are negligible at the tolerance.
    let exact = coeffs.iter().rev().take_while(|c| **c == 0.0).count();
    let first_nonzero = coeffs.iter().position(|c| *c != 0.0).unwrap_or(0);
    let loose = coeffs
        .iter()
        .rev()
        .take_while(|c| c.abs() <= 0.125 * t * scale)
        .count()
        .min(d - first_nonzero.min(d))
        .max(exact);
    let mut first_err = None;
    for at_inf in (exact..=loose).filter(|&k| coeffs[d - k] != 0.0) {
        match split_with_roots_at_infinity(coeffs, degrees, t, scale, at_inf) {
            Ok(out) => return Ok(out),
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    Err(first_err.unwrap_or_else(internal_real))
}

/// [`split_real_form_by_degrees`] with the last `at_inf` coefficients taken as
/// zero (the root at infinity with that multiplicity).
fn split_with_roots_at_infinity(
    coeffs: &[f64],
    degrees: &[usize],
    t: f64,
    scale: f64,
    at_inf: usize,
) -> Result<Vec<Vec<f64>>, Error> {
    let d = coeffs.len() - 1;
    let dehom = &coeffs[..=d - at_inf];
    let roots = collapse_clusters(dehom, complex_roots(dehom)?, t);
    let mut real: Vec<f64> = Vec::new();
    let mut upper: Vec<Complex64> = Vec::new();
    let mut lower: Vec<Complex64> = Vec::new();
    for z in roots {
        if z.im.abs() <= t * z.norm() {
            real.push(z.re);
        } else if z.im > 0.0 {
            upper.push(z);
        } else {
            lower.push(z);
        }
    }
    // pair each upper root with the nearest conjugate of a lower one
    let mut pairs: Vec<Complex64> = Vec::new();
    for u in upper {
        let best = lower
            .iter()
            .enumerate()
            .map(|(k, w)| (k, (u - w.conj()).norm()))
            .min_by(|x, y| x.1.total_cmp(&y.1));
        match best {
            Some((k, _)) => {
                let w = lower.swap_remove(k);
                pairs.push((u + w.conj()) / 2.0);
            }
            None => real.push(u.re),
        }
    }
    real.extend(lower.iter().map(|w| w.re));

    let n_real = real.len() + at_inf;
    let odd = degrees.iter().filter(|&&k| k % 2 == 1).count();
    let np = pairs.len();
    let shortage = format!(
        "the form has {np} {} of non-real conjugate roots and {n_real} real {} (including {at_inf} at infinity); degrees {degrees:?} need at least {odd} real {}",
        if np == 1 { "pair" } else { "pairs" },
        if n_real == 1 { "root" } else { "roots" },
        if odd == 1 { "root" } else { "roots" },
    );
    // Too few real roots: a multiple real root is computed as a cluster of
    // nearly real roots, so the pairs closest to the real axis are tried as
    // double real roots; the product check below decides.
    let mut converted = 0;
    if n_real < odd {
        let need = (odd - n_real).div_ceil(2);
        if need > np {
            return Err(Error::NoFactorization {
                field: "real",
                reason: shortage,
            });
        }
        pairs.sort_by(|a, b| (a.im.abs() / a.norm()).total_cmp(&(b.im.abs() / b.norm())));
        for z in pairs.drain(..need) {
            real.push(z.re);
            real.push(z.re);
        }
        converted = need;
    }
    real.sort_by(f64::total_cmp);
    pairs.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));

    // linear factors: finite real roots, then x for each root at infinity
    let mut linear: Vec<Vec<f64>> = real.iter().map(|&r| normalise(vec![-r, 1.0])).collect();
    linear.extend(std::iter::repeat_n(vec![1.0, 0.0], at_inf));
    let quadratic: Vec<Vec<f64>> = pairs
        .iter()
        .map(|z| normalise(vec![z.norm_sqr(), -2.0 * z.re, 1.0]))
        .collect();
    let (mut li, mut qi) = (linear.into_iter(), quadratic.into_iter());
    let mut out: Vec<Vec<f64>> = Vec::with_capacity(degrees.len());
    for &k in degrees {
        let mut form = vec![1.0];
        let mut left = k;
        while left >= 2 {
            match qi.next() {
                Some(q) => {
                    form = mul(&form, &q);
                    left -= 2;
                }
                None => break,
            }
        }
        for _ in 0..left {
            match li.next() {
                Some(l) => form = mul(&form, &l),
                None => return Err(internal_real()),
            }
        }
        out.push(form);
    }
    if li.next().is_some() || qi.next().is_some() {
        return Err(internal_real());
    }
    let prod = out.iter().fold(vec![1.0], |acc, f| mul(&acc, f));
    let pp: f64 = prod.iter().map(|x| x * x).sum();
    let cp: f64 = prod.iter().zip(coeffs).map(|(x, c)| x * c).sum();
    if pp.is_nan() || pp <= 0.0 {
        return Err(internal_real());
    }
    let s = cp / pp;
    for c in out[0].iter_mut() {
        *c *= s;
    }
    let err = prod
        .iter()
        .zip(coeffs)
        .map(|(x, c)| (s * x - c).abs())
        .fold(0.0f64, f64::max);
    if err.is_nan() || err > t * scale {
        let rel = err / scale;
        if converted > 0 {
            return Err(Error::NoFactorization {
                field: "real",
                reason: format!(
                    "{shortage}, and treating the {converted} non-real {} nearest to the real axis as real roots changes the form by {rel:e} relative (tolerance {t:e})",
                    if converted == 1 { "pair" } else { "pairs" }
                ),
            });
        }
        return Err(Error::NoConvergence {
            what: format!(
                "real split: the product of the factors differs from the form by {rel:e} relative (tolerance {t:e})"
            ),
        });
    }
    Ok(out)
}

/// Replaces clusters of computed roots by multiple roots.
///
/// A root of multiplicity `m` is computed as a cluster of radius about
/// `eps^{1/m}` (0.1 for `m = 16`) whose points, and even whose centroid, carry
/// errors of that order and need not be symmetric about the real axis; pairing
/// such points into real factors misses the form. Roots within
/// `0.5 * max(1, |z|)` of each other are grouped by single linkage, closest
/// pairs first; each merged group of `m` roots is tried as an `m`-fold root
/// `c` (the simple root of `p^{(m-1)}` near the centroid, or the centroid,
/// whichever is cheaper; `c` must be nearer to the group than to any other
/// root). Writing `p = lc R C` with `R` the product of the
/// root factors outside the group and `C = (y - c)^m + sum_{j<m} s_j (y - c)^j`
/// (the `s_j` from the Taylor expansions of `p` and `R` at `c`), declaring `c`
/// an `m`-fold root changes the form by `D = lc R sum_{j<m} s_j (y - c)^j`
/// (Taylor coefficients of `p` are first reduced by their rounding-error
/// bound, so that a true multiple root costs nothing); the collapse is kept
/// when `max |D| / max |p| <= tol / 8` and the changes kept total at most `tol / 4`.
/// For a true multiple root `D` is at rounding level; for distinct roots at
/// distance `r` it is of order `r^2`. The caller still checks the product.
fn collapse_clusters(a: &[f64], raw: Vec<Complex64>, tol: f64) -> Vec<Complex64> {
    let n = raw.len();
    if n < 2 {
        return raw;
    }
    let theta = 0.5;
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for i in 0..n {
        for j in 0..i {
            let scale = 1f64.max(raw[i].norm()).max(raw[j].norm());
            let dist = (raw[i] - raw[j]).norm() / scale;
            if dist <= theta {
                pairs.push((dist, i, j));
            }
        }
    }
    if pairs.is_empty() {
        return raw;
    }
    pairs.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let scale = a.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    let mut cur = raw.clone();
    let mut spent = 0.0;
    for (_, i, j) in pairs {
        let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
        if ri == rj {
            continue;
        }
        parent[ri] = rj;
        let in_group: Vec<bool> = (0..n).map(|k| find(&mut parent, k) == rj).collect();
        let group: Vec<usize> = (0..n).filter(|&k| in_group[k]).collect();
        let m = group.len();
        let mean = group.iter().map(|&k| raw[k]).sum::<Complex64>() / m as f64;
        let radius = group
            .iter()
            .map(|&k| (raw[k] - mean).norm())
            .fold(0.0, f64::max);
        let refined = refine_multiple_root(a, mean, m, 3.0 * radius + 1e-8 * mean.norm().max(1.0));
        let rest = poly_from_roots((0..n).filter(|&k| !in_group[k]).map(|k| cur[k]));
        let lc = a.last().copied().unwrap_or(1.0);
        let cost = |c: Complex64| -> f64 {
            // c must belong to the group: nearer to its roots than to any other
            let inside = group
                .iter()
                .map(|&k| (c - raw[k]).norm())
                .fold(f64::INFINITY, f64::min);
            let outside = (0..n)
                .filter(|&k| !in_group[k])
                .map(|k| (c - cur[k]).norm().min((c - raw[k]).norm()))
                .fold(f64::INFINITY, f64::min);
            if inside >= outside {
                return f64::INFINITY;
            }
            // p = lc R C with C the group's factor: C = (y - c)^m + sum_{j<m} s_j (y - c)^j
            let ca: Vec<Complex64> = a.iter().map(|&x| Complex64::new(x, 0.0)).collect();
            let mut t = taylor(&ca, c);
            // Taylor coefficients below their rounding error are zero (soft threshold)
            let aa: Vec<Complex64> = a.iter().map(|&x| Complex64::new(x.abs(), 0.0)).collect();
            let noise = taylor(&aa, Complex64::new(c.norm(), 0.0));
            let gamma = 4.0 * (a.len() as f64) * EPS;
            for (tj, nj) in t.iter_mut().zip(&noise) {
                let (mag, floor) = (tj.norm(), gamma * nj.re);
                *tj = if mag <= floor {
                    Complex64::new(0.0, 0.0)
                } else {
                    *tj * (1.0 - floor / mag)
                };
            }
            let rt = taylor(&rest, c);
            let r0 = rt[0] * lc;
            if r0.norm() == 0.0 {
                return f64::INFINITY;
            }
            let mut sj: Vec<Complex64> = Vec::with_capacity(m);
            for j in 0..m {
                let mut v = t.get(j).copied().unwrap_or_default();
                for i in 1..=j {
                    v -= rt.get(i).copied().unwrap_or_default() * lc * sj[j - i];
                }
                sj.push(v / r0);
            }
            // D = lc R(y) sum_{j<m} s_j (y - c)^j
            let mut low = vec![Complex64::new(0.0, 0.0); m];
            let mut pw = vec![Complex64::new(1.0, 0.0)];
            for s in &sj {
                for (l, q) in low.iter_mut().zip(&pw) {
                    *l += s * q;
                }
                pw = cmul(&pw, &[-c, Complex64::new(1.0, 0.0)]);
            }
            let d = cmul(&low, &rest);
            let e = d.iter().map(|z| (z * lc).norm()).fold(0.0f64, f64::max) / scale;
            if e.is_nan() {
                f64::INFINITY
            } else {
                e
            }
        };
        let (c, e) = [refined, mean]
            .into_iter()
            .map(|c| (c, cost(c)))
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .unwrap_or((mean, f64::INFINITY));
        if e <= 0.125 * tol && spent + e <= 0.25 * tol {
            spent += e;
            for &k in &group {
                cur[k] = c;
            }
        }
    }
    cur
}

/// Taylor coefficients `t_j` of `p` at `c`: `p(y) = sum_j t_j (y - c)^j`.
fn taylor(a: &[Complex64], c: Complex64) -> Vec<Complex64> {
    let mut t = a.to_vec();
    let n = t.len();
    for i in 0..n {
        for k in (i..n - 1).rev() {
            let hi = t[k + 1];
            t[k] += c * hi;
        }
    }
    t
}

/// The monic polynomial (ascending coefficients) with the given roots.
fn poly_from_roots(roots: impl Iterator<Item = Complex64>) -> Vec<Complex64> {
    let mut prod = vec![Complex64::new(1.0, 0.0)];
    for z in roots {
        prod = cmul(&prod, &[-z, Complex64::new(1.0, 0.0)]);
    }
    prod
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

/// Coefficients (ascending) of the `k`-th derivative.
fn derivative(a: &[f64], k: usize) -> Vec<f64> {
    if k >= a.len() {
        return vec![0.0];
    }
    (k..a.len())
        .map(|i| a[i] * ((i - k + 1)..=i).fold(1.0, |acc, f| acc * f as f64))
        .collect()
}

/// Newton's method on `p^{(m-1)}` from `start`, staying within `reach` of it.
fn refine_multiple_root(a: &[f64], start: Complex64, m: usize, reach: f64) -> Complex64 {
    let d = derivative(a, m - 1);
    if d.len() < 2 {
        return start;
    }
    let mut c = start;
    let mut last_step = f64::INFINITY;
    for _ in 0..20 {
        let (l, _) = eval(&d, c);
        let Some(l) = l else { break };
        if l.norm() == 0.0 || !l.is_finite() {
            break;
        }
        let step = l.inv();
        if step.norm() >= last_step || (c - step - start).norm() > reach {
            break;
        }
        c -= step;
        last_step = step.norm();
        if last_step <= EPS * c.norm() {
            break;
        }
    }
    c
}

fn internal_real() -> Error {
    Error::internal("real split: inconsistent root count")
}

fn x_power(k: usize) -> Vec<f64> {
    let mut v = vec![0.0; k + 1];
    v[0] = 1.0;
    v
}

fn normalise(v: Vec<f64>) -> Vec<f64> {
    let m = v.iter().fold(0.0f64, |m, c| m.max(c.abs()));
    if m > 0.0 {
        v.into_iter().map(|c| c / m).collect()
    } else {
        v
    }
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
