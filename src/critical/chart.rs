//! Affine charts on parameter space modulo rescaling.
//!
//! # The mathematics
//!
//! The loss is invariant under `w_l -> lambda_l w_l` with `prod lambda_l = 1`.
//! A [`Chart`] fixes one representative per orbit: integer vectors `b_l`
//! (one per layer but the last, `b_{l,0} != 0`), non-zero integers `r_l`, and
//! the slice `b_l . w_l = r_l` (that is `a_l . w_l = 1` with `a_l = b_l / r_l`),
//! the last layer absorbing the product of the scales. Every
//! orbit with `a_l . w_l != 0` for all `l` meets the slice exactly once; for
//! random `a_l` no critical orbit lies at infinity of the chart (a proper
//! Zariski-closed condition on finitely many orbits). The unknowns of the
//! chart are `w_{l,1..}` for `l < L` and all of `w_L`: `N = 1 + sum (k_l - 1)`.
//!
//! Entries are integers of absolute value at most `2^53`, so the chart is the
//! same exactly (for certification, as rationals) and in floating point (for
//! tracking; exactly so when each `r_l` is a power of two).
//!
//! **Balance.** [`Chart::random`] draws `b_l` in `[-9, 9]` and takes for
//! `r_l` the power of two nearest `|b_l|`, so that a layer of a random
//! direction has norm about 1 in the chart, and the last layer carries
//! about the size of the end-to-end filter. With `r_l = 1` the layers but the
//! last have norm about `1 / |b_l|` and the last one absorbs
//! `|b_l|^(L-1)`: for five layers a factor `10^5` between layers, and
//! Hessians with condition numbers to match, which cost the tracker small
//! steps (measured: `docs/critical_points.md`).
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::Chart;
//! use neurovariety::Architecture;
//! use num_complex::Complex64;
//!
//! let arch = Architecture::new(&[2, 2], &[2, 1])?;
//! let chart = Chart::new(&arch, vec![vec![1, 1]])?;      // w_{1,0} + w_{1,1} = 1
//! let c = |x: f64| Complex64::new(x, 0.0);
//! // the orbit of ((2, 2), (3, 5)) is ((1/2, 1/2), (12, 20)) in this chart
//! let z = chart.point(&[vec![c(2.0), c(2.0)], vec![c(3.0), c(5.0)]]).unwrap();
//! assert_eq!(z, [c(0.5), c(12.0), c(20.0)]);
//! assert!(Chart::new(&arch, vec![vec![0, 1]]).is_err()); // a_{1,0} = 0
//! # Ok::<(), neurovariety::Error>(())
//! ```

use crate::random::SplitMix;
use crate::{Architecture, Error};
use num_complex::Complex64;
use num_rational::BigRational;

/// The largest absolute value of a chart entry (`2^53`: exact in `f64`).
pub const MAX_CHART_ENTRY: i64 = 1 << 53;

/// An affine chart `b_l . w_l = r_l` per layer but the last (see the module
/// documentation).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chart {
    vectors: Vec<Vec<i64>>,
    rhs: Vec<i64>,
}

impl Chart {
    /// The chart `b_l . w_l = 1` with vectors `vectors` for `arch`.
    ///
    /// # Errors
    ///
    /// As [`Chart::with_rhs`].
    pub fn new(arch: &Architecture, vectors: Vec<Vec<i64>>) -> Result<Chart, Error> {
        let rhs = vec![1; vectors.len()];
        Chart::with_rhs(arch, vectors, rhs)
    }

    /// The chart `b_l . w_l = r_l` with vectors `vectors` and right-hand
    /// sides `rhs` for `arch`.
    ///
    /// # Errors
    ///
    /// [`Error::LengthMismatch`] unless there is one vector and one
    /// right-hand side per layer but the last, each vector of its layer's
    /// size; [`Error::InvalidArgument`] if a first entry or a right-hand side
    /// is 0, or an entry exceeds [`MAX_CHART_ENTRY`] in absolute value.
    pub fn with_rhs(
        arch: &Architecture,
        vectors: Vec<Vec<i64>>,
        rhs: Vec<i64>,
    ) -> Result<Chart, Error> {
        let sizes = arch.filter_sizes();
        if rhs.len() != vectors.len() {
            return Err(Error::LengthMismatch {
                what: "chart right-hand sides (one per chart vector)",
                expected: vectors.len(),
                found: rhs.len(),
            });
        }
        if let Some(&r) = rhs
            .iter()
            .find(|&&r| r == 0 || r.unsigned_abs() > MAX_CHART_ENTRY as u64)
        {
            return Err(Error::InvalidArgument {
                name: "chart right-hand side",
                value: r.to_string(),
                reason: format!(
                    "must be non-zero and at most 2^53 = {MAX_CHART_ENTRY} in absolute value"
                ),
            });
        }
        if vectors.len() + 1 != sizes.len() {
            return Err(Error::LengthMismatch {
                what: "chart vectors (one per layer but the last)",
                expected: sizes.len() - 1,
                found: vectors.len(),
            });
        }
        for (a, &kl) in vectors.iter().zip(sizes) {
            if a.len() != kl {
                return Err(Error::LengthMismatch {
                    what: "chart vector",
                    expected: kl,
                    found: a.len(),
                });
            }
            if a[0] == 0 || a.iter().any(|x| x.unsigned_abs() > MAX_CHART_ENTRY as u64) {
                return Err(Error::InvalidArgument {
                    name: "chart",
                    value: format!("{a:?}"),
                    reason: format!(
                        "the first entry must be non-zero and every entry at most 2^53 = {MAX_CHART_ENTRY} in absolute value"
                    ),
                });
            }
        }
        Ok(Chart { vectors, rhs })
    }

    /// A placeholder before a chart is read (never used as a chart).
    pub(crate) fn unchecked(vectors: Vec<Vec<i64>>) -> Chart {
        let rhs = vec![1; vectors.len()];
        Chart { vectors, rhs }
    }

    /// The balanced chart drawn from `seed`: integer entries of `b_l` in
    /// `[-9, 9]`, none 0, and `r_l` the power of two nearest `|b_l|` (see
    /// the module documentation).
    pub fn random(arch: &Architecture, seed: u64) -> Chart {
        let sizes = arch.filter_sizes();
        let mut rng = SplitMix::new(seed ^ 0xC4A2_7000_0000_0001);
        let vectors: Vec<Vec<i64>> = sizes[..sizes.len() - 1]
            .iter()
            .map(|&kl| (0..kl).map(|_| rng.nonzero_int(9)).collect())
            .collect();
        let rhs = vectors
            .iter()
            .map(|b| {
                let norm = b.iter().map(|&x| (x * x) as f64).sum::<f64>().sqrt();
                1i64 << (norm.log2().round().clamp(0.0, 52.0) as u32)
            })
            .collect();
        Chart { vectors, rhs }
    }

    /// The vectors `b_l`.
    #[must_use]
    pub fn vectors(&self) -> &[Vec<i64>] {
        &self.vectors
    }

    /// The right-hand sides `r_l`.
    #[must_use]
    pub fn rhs(&self) -> &[i64] {
        &self.rhs
    }

    /// Checks that the chart fits `arch`.
    pub(crate) fn check(&self, arch: &Architecture) -> Result<(), Error> {
        Chart::with_rhs(arch, self.vectors.clone(), self.rhs.clone()).map(|_| ())
    }

    /// `a_l = b_l / r_l` as exact rationals.
    pub(crate) fn rational(&self) -> Vec<Vec<BigRational>> {
        self.vectors
            .iter()
            .zip(&self.rhs)
            .map(|(a, &r)| {
                a.iter()
                    .map(|&x| BigRational::new(x.into(), r.into()))
                    .collect()
            })
            .collect()
    }

    /// `a_l = b_l / r_l` as floats (exact when `r_l` is a power of two).
    pub(crate) fn float(&self) -> Vec<Vec<f64>> {
        self.vectors
            .iter()
            .zip(&self.rhs)
            .map(|(a, &r)| a.iter().map(|&x| x as f64 / r as f64).collect())
            .collect()
    }

    /// The chart record of the file formats: `b_0 ... b_{k-1}`, then
    /// `= r` unless `r = 1`.
    pub(crate) fn record(&self, l: usize) -> String {
        let v: Vec<String> = self.vectors[l].iter().map(|x| x.to_string()).collect();
        match self.rhs[l] {
            1 => v.join(" "),
            r => format!("{} = {r}", v.join(" ")),
        }
    }

    /// The inverse of [`Chart::record`]: a vector and its right-hand side.
    pub(crate) fn parse_record(text: &str) -> Option<(Vec<i64>, i64)> {
        let (v, r) = match text.split_once('=') {
            Some((v, r)) => (v, r.trim().parse().ok()?),
            None => (text, 1),
        };
        let v = v
            .split_whitespace()
            .map(|t| t.parse().ok())
            .collect::<Option<Vec<i64>>>()?;
        Some((v, r))
    }

    /// The chart point of the orbit through the layer filters `layers`:
    /// rescaled so that `a_l . w_l = 1`, the last layer absorbing the product
    /// of the scales, the fixed first coordinate of each layer but the last
    /// dropped. `None` if the layers do not fit or some `a_l . w_l` vanishes
    /// (the orbit lies at infinity of this chart).
    #[must_use]
    pub fn point(&self, layers: &[Vec<Complex64>]) -> Option<Vec<Complex64>> {
        let l = self.vectors.len() + 1;
        if layers.len() != l
            || layers[..l - 1]
                .iter()
                .zip(&self.vectors)
                .any(|(w, a)| w.len() != a.len())
        {
            return None;
        }
        let charts: Vec<Vec<Complex64>> = self
            .float()
            .into_iter()
            .map(|a| a.into_iter().map(|x| Complex64::new(x, 0.0)).collect())
            .collect();
        let rescaled = rescale_to_chart(&charts, layers)?;
        Some(
            rescaled
                .iter()
                .enumerate()
                .flat_map(|(i, w)| &w[usize::from(i + 1 < l)..])
                .copied()
                .collect(),
        )
    }

    /// How far the orbit through `layers` is from infinity of this chart: the
    /// least `|a_l . w_l| / (|a_l| |w_l|)` over the layers but the last (1 is
    /// best, 0 is at infinity). Well-scaled chart points certify more easily.
    #[must_use]
    pub fn quality(&self, layers: &[Vec<Complex64>]) -> f64 {
        self.float()
            .iter()
            .zip(layers)
            .map(|(a, w)| {
                let dot: Complex64 = w.iter().zip(a).map(|(x, y)| x * y).sum();
                let na = a.iter().map(|x| x * x).sum::<f64>().sqrt();
                let nw = w.iter().map(|x| x.norm_sqr()).sum::<f64>().sqrt();
                dot.norm() / (na * nw)
            })
            .fold(1.0, f64::min)
    }
}

/// The point of the rescaling orbit of `layers` on which `charts[l] . w_l = 1`
/// for every layer but the last, the last layer absorbing the product of the
/// scales (so the end-to-end filter is unchanged); `None` if some
/// `charts[l] . w_l` vanishes or is not finite.
pub(crate) fn rescale_to_chart(
    charts: &[Vec<Complex64>],
    layers: &[Vec<Complex64>],
) -> Option<Vec<Vec<Complex64>>> {
    let mut scale = Complex64::new(1.0, 0.0);
    let mut out = Vec::with_capacity(layers.len());
    for (i, w) in layers.iter().enumerate() {
        match charts.get(i) {
            Some(c) => {
                let dot: Complex64 = w.iter().zip(c).map(|(x, a)| x * a).sum();
                if dot.norm() == 0.0 || !dot.re.is_finite() || !dot.im.is_finite() {
                    return None;
                }
                scale *= dot;
                out.push(w.iter().map(|x| x / dot).collect());
            }
            None => out.push(w.iter().map(|x| x * scale).collect()),
        }
    }
    Some(out)
}
