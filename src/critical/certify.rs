//! Certification of critical points: a Krawczyk box per solution, in the
//! chart that suits it, and a proof that the solutions are distinct.
//!
//! # The mathematics
//!
//! A solution (a rescaling orbit of layer filters) is a point in every
//! affine chart `a_l . w_l = 1` in which it is finite. The Krawczyk test
//! ([`crate::homotopy::certify`]) proves a unique, simple zero of the
//! gradient system in a box of one chart. Charts differ in conditioning: a
//! solution close to the hyperplane at infinity of a chart has huge
//! coordinates there. So each solution is certified in the chart, among
//! the tracking chart and `chart_candidates` random integer charts, that
//! keeps it farthest from infinity (`Chart::quality`), and
//! if the test fails there, in the next best ones (up to 4 charts in all).
//!
//! **Distinctness across charts.** Boxes of different charts cannot be
//! compared directly. Each certified box is therefore mapped, in interval
//! arithmetic, to the *orbit key*: the representative of the orbit with
//! `c_l . w_l = 1` for fixed random complex vectors `c_l` (the last layer
//! absorbing the product of the scales). The key is a rational function of
//! the chart point, defined wherever `c_l . w_l != 0`, and it is injective on
//! orbits; an enclosure of the key over the box contains the key of the
//! unique zero in the box. Two solutions whose key enclosures are disjoint
//! are distinct orbits. Enclosures are compared by sorting on one
//! coordinate and sweeping, `O(d log d)` for `d` solutions.
//!
//! A solution that cannot be certified gets a reason ([`Uncertified`]):
//! the Jacobian is singular at it (a singular zero: non-generic data), it
//! lies at infinity of every chart, its end-to-end filter is 0 (not a
//! critical point counted by `C_k`), its key meets another solution's, or
//! the Krawczyk test failed in every chart tried.

use super::chart::{rescale_to_chart, Chart};
use super::gradient::GradientSystem;
use super::loss::Loss;
use crate::homotopy::{certify, krawczyk, refine, refine_extended, Certificate, ComplexInterval};
use crate::numeric::Lu;
use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;
use std::fmt;

/// Charts tried per solution before it is reported uncertified.
pub(crate) const CHARTS_TRIED: usize = 4;

/// Why a solution found numerically carries no certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Uncertified {
    /// The Jacobian of the gradient system (the Hessian of the loss) is
    /// singular to working precision at the point in every chart tried: a
    /// singular (multiple) critical point, possible only for special data.
    Singular,
    /// The point lies at, or numerically at, infinity of every chart tried.
    NearInfinity,
    /// Its end-to-end filter is (numerically) 0, which `C_k` does not count.
    ZeroFilter,
    /// Its certified box could not be separated from another solution's.
    NotDistinct,
    /// The Krawczyk test failed in every chart tried (an ill-conditioned
    /// point, or a numerical approximation that is not a zero).
    KrawczykFailed,
    /// Its path failed, so there is no endpoint (only in shard files).
    PathFailed,
}

impl fmt::Display for Uncertified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Uncertified::Singular => "singular (Jacobian not invertible)",
            Uncertified::NearInfinity => "near infinity of every chart",
            Uncertified::ZeroFilter => "end-to-end filter is zero",
            Uncertified::NotDistinct => "not proved distinct from another solution",
            Uncertified::KrawczykFailed => "Krawczyk test failed in every chart tried",
            Uncertified::PathFailed => "path tracking failed",
        })
    }
}

impl Uncertified {
    /// A short token for files (`singular`, `infinity`, `zero-filter`,
    /// `not-distinct`, `krawczyk`, `path-failed`).
    pub fn token(self) -> &'static str {
        match self {
            Uncertified::Singular => "singular",
            Uncertified::NearInfinity => "infinity",
            Uncertified::ZeroFilter => "zero-filter",
            Uncertified::NotDistinct => "not-distinct",
            Uncertified::KrawczykFailed => "krawczyk",
            Uncertified::PathFailed => "path-failed",
        }
    }

    /// The inverse of [`Uncertified::token`].
    pub fn from_token(t: &str) -> Option<Uncertified> {
        Some(match t {
            "singular" => Uncertified::Singular,
            "infinity" => Uncertified::NearInfinity,
            "zero-filter" => Uncertified::ZeroFilter,
            "not-distinct" => Uncertified::NotDistinct,
            "krawczyk" => Uncertified::KrawczykFailed,
            "path-failed" => Uncertified::PathFailed,
            _ => return None,
        })
    }
}

/// A solution with its certificate.
#[derive(Clone, Debug)]
pub(crate) struct CertifiedPoint {
    /// Index of the chart (in the [`Certifier`]) of the certificate.
    pub chart: usize,
    /// The chart point (the centre of the box).
    pub z: Vec<Complex64>,
    pub certificate: Certificate,
    /// An enclosure of the orbit key over the box.
    pub key: Vec<ComplexInterval>,
}

/// A solution without certificate: its best chart point and why.
#[derive(Clone, Debug)]
pub(crate) struct UncertifiedPoint {
    pub chart: usize,
    pub z: Vec<Complex64>,
    pub reason: Uncertified,
}

/// The charts and orbit-key vectors shared by all certificates of one run
/// (reproducible from the seed, so shards and their merge agree).
pub(crate) struct Certifier {
    charts: Vec<GradientSystem>,
    key_len: usize,
    key_chart: Vec<Vec<Complex64>>,
}

impl Certifier {
    /// Chart 0 is `first`; charts `1..=candidates` are random from `seed`.
    pub(crate) fn new(
        arch: &Architecture,
        loss: &Loss,
        first: &Chart,
        seed: u64,
        candidates: usize,
    ) -> Result<Certifier, Error> {
        let mut charts = vec![GradientSystem::with_chart(arch, loss, first.clone())?];
        for i in 1..=candidates as u64 {
            charts.push(GradientSystem::new(
                arch,
                loss,
                seed.wrapping_add(i.wrapping_mul(0x9E37_79B9)),
            )?);
        }
        let mut rng = SplitMix::new(seed ^ 0x0B17_0000_0000_0001);
        let sizes = arch.filter_sizes();
        let key_chart = sizes[..sizes.len() - 1]
            .iter()
            .map(|&k| {
                (0..k)
                    .map(|_| Complex64::new(rng.normal(), rng.normal()))
                    .collect()
            })
            .collect();
        Ok(Certifier {
            charts,
            key_len: sizes.iter().sum(),
            key_chart,
        })
    }

    /// The length of an orbit key (`sum k_l`).
    pub(crate) fn key_len(&self) -> usize {
        self.key_len
    }

    /// The chart systems.
    pub(crate) fn charts(&self) -> &[GradientSystem] {
        &self.charts
    }

    /// The orbit key of float layers (for numerical deduplication).
    pub(crate) fn key_of(&self, layers: &[Vec<Complex64>]) -> Vec<Complex64> {
        rescale_to_chart(&self.key_chart, layers)
            .as_deref()
            .unwrap_or(layers)
            .concat()
    }

    /// Certifies the solution through `layers` (see the module
    /// documentation): the result, and the number of charts tried.
    pub(crate) fn certify(
        &self,
        layers: &[Vec<Complex64>],
    ) -> (Result<CertifiedPoint, UncertifiedPoint>, usize) {
        let mut order: Vec<(usize, f64)> = self
            .charts
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.chart().quality(layers)))
            .filter(|(_, q)| q.is_finite())
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut reason = Uncertified::NearInfinity;
        let mut best: Option<(usize, Vec<Complex64>)> = None;
        let mut tries = 0;
        for &(i, quality) in order.iter().take(CHARTS_TRIED) {
            if quality < 1e-10 {
                break;
            }
            tries += 1;
            let sys = &self.charts[i];
            let Some(z) = sys.chart().point(layers) else {
                continue;
            };
            let target = sys.target_float();
            // the first chart in double; later ones (the first failed) with
            // residuals in double-double
            let refined = if tries == 1 {
                refine(sys, &z, target)
            } else {
                refine_extended(sys, &z, target)
            };
            let z = match refined {
                Some((z, _)) => z,
                None => {
                    let n = sys.num_variables();
                    if Lu::new(&sys.hessian_unchecked(&z), n).is_none() {
                        reason = Uncertified::Singular;
                    } else if reason != Uncertified::Singular {
                        reason = Uncertified::KrawczykFailed;
                    }
                    best.get_or_insert((i, z));
                    continue;
                }
            };
            best.get_or_insert((i, z.clone()));
            match self.check(i, certify(sys, &z)) {
                Ok(p) => return (Ok(p), tries),
                Err(r) => {
                    if r != Uncertified::KrawczykFailed || reason == Uncertified::NearInfinity {
                        reason = r;
                    }
                }
            }
        }
        let (chart, z) = best.unwrap_or_else(|| (0, layers.concat()));
        (Err(UncertifiedPoint { chart, z, reason }), tries)
    }

    /// Re-checks a certificate given by its chart, centre and relative
    /// radius (as written in shard files): the Krawczyk test on that box.
    pub(crate) fn verify(
        &self,
        chart: usize,
        z: &[Complex64],
        radius: f64,
        real: Option<bool>,
    ) -> Result<CertifiedPoint, Uncertified> {
        let sys = self.charts.get(chart).ok_or(Uncertified::KrawczykFailed)?;
        if z.len() != sys.num_variables() || !(radius > 0.0 && radius.is_finite()) {
            return Err(Uncertified::KrawczykFailed);
        }
        let radii: Vec<f64> = z.iter().map(|x| radius * (1.0 + x.norm())).collect();
        let enclosure = krawczyk(sys, z, &radii).ok_or(Uncertified::KrawczykFailed)?;
        let real_box = enclosure.iter().all(|c| c.is_self_conjugate());
        let nonreal = enclosure.iter().any(|c| !c.im.contains(0.0));
        let real = match real {
            Some(true) if real_box => Some(true),
            _ if nonreal => Some(false),
            _ => None,
        };
        let cert = Certificate {
            enclosure,
            radius,
            center: z.to_vec(),
            real,
        };
        self.check(chart, Some(cert))
    }

    /// `mu != 0` on the box and the key enclosure, for a certificate.
    fn check(
        &self,
        chart: usize,
        cert: Option<Certificate>,
    ) -> Result<CertifiedPoint, Uncertified> {
        let cert = cert.ok_or(Uncertified::KrawczykFailed)?;
        let sys = &self.charts[chart];
        let mu = sys
            .end_to_end_interval(&cert.enclosure)
            .map_err(|_| Uncertified::KrawczykFailed)?;
        if mu.iter().all(|m| m.contains_zero()) {
            return Err(Uncertified::ZeroFilter);
        }
        let layers = sys.layers_interval(&cert.enclosure);
        let key = interval_key(&self.key_chart, &layers).ok_or(Uncertified::NotDistinct)?;
        Ok(CertifiedPoint {
            chart,
            z: cert.center.clone(),
            certificate: cert,
            key,
        })
    }
}

/// An enclosure of the orbit key of the box of layers `layers`; `None` if
/// some `c_l . W_l` may vanish.
fn interval_key(
    key_chart: &[Vec<Complex64>],
    layers: &[Vec<ComplexInterval>],
) -> Option<Vec<ComplexInterval>> {
    let mut scale = ComplexInterval::point(Complex64::new(1.0, 0.0));
    let mut out = Vec::new();
    for (i, w) in layers.iter().enumerate() {
        match key_chart.get(i) {
            Some(c) => {
                let mut dot = ComplexInterval::zero();
                for (x, a) in w.iter().zip(c) {
                    dot = dot + *x * ComplexInterval::point(*a);
                }
                let inv = dot.recip()?;
                scale = scale * dot;
                out.extend(w.iter().map(|x| *x * inv));
            }
            None => out.extend(w.iter().map(|x| *x * scale)),
        }
    }
    Some(out)
}

/// For each box (in order), `true` if it meets an earlier box: sorted by the
/// lower end of the real part of coordinate 0, then swept.
pub(crate) fn meets_earlier(boxes: &[&[ComplexInterval]]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    let lo = |i: usize| boxes[i].first().map_or(f64::NEG_INFINITY, |c| c.re.lo());
    let hi = |i: usize| boxes[i].first().map_or(f64::INFINITY, |c| c.re.hi());
    order.sort_by(|&a, &b| lo(a).total_cmp(&lo(b)));
    let mut bad = vec![false; boxes.len()];
    for (p, &i) in order.iter().enumerate() {
        for &j in &order[p + 1..] {
            if lo(j) > hi(i) {
                break;
            }
            let meet = boxes[i].iter().zip(boxes[j]).all(|(a, b)| a.intersects(b));
            if meet {
                // the later one (in input order) is the duplicate
                bad[i.max(j)] = true;
            }
        }
    }
    bad
}
