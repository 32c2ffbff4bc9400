//! Points of the Riemann sphere: roots of the filter, clustered by chordal distance.

use super::*;

// ---------------------------------------------------------------------------
// Points of the Riemann sphere

/// A point of the Riemann sphere in one of two charts, `|w| <= 1` in both:
/// `z = w` (`high == false`) or `z = 1 / w` (`high == true`; `w = 0` is
/// infinity). Powers, rotations and conjugates stay in the chart, so nothing
/// overflows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Pt {
    pub(super) w: Complex64,
    pub(super) high: bool,
}

pub(super) const INFINITY: Pt = Pt {
    w: Complex64::new(0.0, 0.0),
    high: true,
};

/// `1 / z` without overflow in the intermediate `|z|^2` (infinite for `z = 0`).
pub(super) fn recip(z: Complex64) -> Complex64 {
    let m = z.re.abs().max(z.im.abs());
    if m == 0.0 {
        return Complex64::new(f64::INFINITY, 0.0);
    }
    let u = z / m;
    u.conj() / (u.norm_sqr() * m)
}

impl Pt {
    pub(super) fn finite(z: Complex64) -> Pt {
        Pt { w: z, high: false }.normalized()
    }

    pub(super) fn normalized(self) -> Pt {
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
    pub(super) fn pow(self, n: u32) -> Pt {
        Pt {
            w: self.w.powu(n),
            high: self.high,
        }
    }

    /// `zeta z` for `|zeta| = 1`.
    pub(super) fn rotate(self, zeta: Complex64) -> Pt {
        let w = if self.high {
            self.w * zeta.conj()
        } else {
            self.w * zeta
        };
        Pt { w, high: self.high }
    }

    pub(super) fn conj(self) -> Pt {
        Pt {
            w: self.w.conj(),
            high: self.high,
        }
    }

    /// The nearest real point.
    pub(super) fn real_part(self) -> Pt {
        Pt {
            w: Complex64::new(self.w.re, 0.0),
            high: self.high,
        }
    }

    /// The representative in the given chart (may exceed 1 in modulus).
    pub(super) fn in_chart(self, high: bool) -> Complex64 {
        if self.high == high {
            self.w
        } else {
            recip(self.w)
        }
    }

    /// Chordal distance from the conjugate (0 for real points and infinity).
    pub(super) fn non_reality(self) -> f64 {
        chordal(self, self.conj())
    }

    /// The linear form `Y - Z X` (coefficients of `X`, `Y`), scaled so that the
    /// larger coefficient has modulus 1.
    pub(super) fn linear(self) -> [Complex64; 2] {
        let one = Complex64::new(1.0, 0.0);
        if self.high {
            [-one, self.w]
        } else {
            [-self.w, one]
        }
    }

    /// The real quadratic `(Y - Z X)(Y - conj(Z) X)`, scaled likewise.
    pub(super) fn quadratic(self) -> [f64; 3] {
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
pub(super) fn chordal(a: Pt, b: Pt) -> f64 {
    let (p, q) = (a.w, b.w);
    let num = if a.high == b.high {
        (p - q).norm()
    } else {
        (p * q - 1.0).norm()
    };
    num / ((1.0 + p.norm_sqr()) * (1.0 + q.norm_sqr())).sqrt()
}

/// The centroid of nearby points, computed in the chart most of them use.
pub(super) fn mean(points: &[Pt]) -> Pt {
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
pub(super) fn sphere_roots(wn: &[f64], tol: f64) -> Result<Vec<Pt>, Error> {
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

pub(super) fn roots_of(wn: &[f64]) -> Result<Vec<Pt>, Error> {
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
pub(super) fn cluster(points: &[Pt], delta: f64) -> (Vec<Pt>, Vec<usize>) {
    let n = points.len();
    let mut parent: Vec<usize> = (0..n).collect();
    pub(super) fn find(parent: &mut [usize], mut i: usize) -> usize {
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
