//! Witnesses of membership in the real neuromanifold: real layer filters
//! that compose to the filter, exactly.
//!
//! A rational factorization ([`Architecture::factorize`]) is the best
//! witness and is tried first. Otherwise the class search has chosen, level
//! by level, how many real factors of each class every level takes; the
//! witness takes concrete ones ([`super::forest`]): at level `l` the
//! available units of each node are its multiplicity in `G_l` minus what
//! the choices above already took (the inflation of a chosen node consumes
//! `per_parent` units of each child). The units of a merged level are
//! dealt to its original layers: one real linear factor to each layer of
//! odd degree, then the pairs, then the rest, keeping the roots of one
//! irreducible factor together where possible.
//!
//! **Exact coefficients.** A layer whose units include all roots of an
//! irreducible factor `f` over Q gets `f` as a rational factor. If what is
//! left is nothing, the layer is rational; if it is one real root `alpha`,
//! or all roots of one `f` but one real root `gamma`, the coefficients lie
//! in `Q(alpha)` (resp. `Q(gamma)`: `f(1, u) / (u - gamma)` by synthetic
//! division) and each is found as a [`RealAlgebraic`] by
//! [`RealAlgebraic::evaluate`]. Other layers (several irrational roots of
//! different factors, or parts of a factor with several pairs) get
//! certified enclosures of their coefficients: interval products of the
//! enclosures of their roots. The overall scalar is rational (the last
//! non-zero coefficient of a product is the product of the last non-zero
//! coefficients) and goes into the first layer. A witness is checked before
//! it is returned: composed in interval arithmetic, every coefficient
//! encloses the filter's (exactly equal when all layers are rational).

use super::classes::{Counts, LevelSpec};
use super::forest::{Class, Forest, LevelNodes, Value};
use crate::architecture::{compose, Architecture, Weight};
use crate::poly::resolvent::{exact_coefficients, RootSubset};
use crate::poly::{RationalInterval, RealAlgebraic};
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::collections::BTreeMap;
use std::fmt;

/// Bits of precision of the enclosed witness coefficients (relative to
/// `1 + |x|`).
const WITNESS_BITS: u64 = 64;

/// The largest resolvent (number of conjugate root subsets) computed for
/// an exact coefficient; beyond it the coefficients are enclosed.
const MAX_RESOLVENT_DEGREE: u128 = 120;

/// One coefficient of a [`RealWitness`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum RealNumber {
    /// Known exactly: a rational number, or a real algebraic number given by
    /// its minimal polynomial and an isolating interval.
    Exact(RealAlgebraic),
    /// Known to lie in the interval: the coefficient of a product of
    /// real algebraic roots that the witness specifies exactly, enclosed
    /// by interval arithmetic.
    Enclosed(RationalInterval),
}

impl RealNumber {
    /// The value if it is rational.
    #[must_use]
    pub fn as_rational(&self) -> Option<&BigRational> {
        match self {
            RealNumber::Exact(x) => x.as_rational(),
            RealNumber::Enclosed(iv) => (iv.lo() == iv.hi()).then_some(iv.lo()),
        }
    }

    /// An interval containing the number.
    #[must_use]
    pub fn enclosure(&self) -> RationalInterval {
        match self {
            RealNumber::Exact(x) => x.enclosure(),
            RealNumber::Enclosed(iv) => iv.clone(),
        }
    }

    /// The nearest float (the midpoint of the enclosure).
    #[must_use]
    pub fn to_f64(&self) -> f64 {
        match self {
            RealNumber::Exact(x) => x.to_f64(),
            RealNumber::Enclosed(iv) => {
                num_traits::ToPrimitive::to_f64(&iv.midpoint()).unwrap_or(f64::NAN)
            }
        }
    }
}

impl fmt::Display for RealNumber {
    /// `3/4`, `root of t^2-2 in [a, b]`, or `in [a, b]` (decimal ends, 20
    /// significant digits, rounded outwards).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RealNumber::Exact(x) => write!(f, "{x}"),
            RealNumber::Enclosed(iv) => {
                let (lo, hi) = iv.outward_decimal(20);
                write!(f, "in [{lo}, {hi}]")
            }
        }
    }
}

/// Real layer filters whose composition is the filter: one vector per
/// original layer (of its size), the overall scalar in the first layer.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct RealWitness {
    layers: Vec<Vec<RealNumber>>,
}

impl RealWitness {
    /// The layer filters.
    #[must_use]
    pub fn layers(&self) -> &[Vec<RealNumber>] {
        &self.layers
    }

    /// The layers as rationals, when every coefficient is rational.
    #[must_use]
    pub fn rational_layers(&self) -> Option<Vec<Vec<BigRational>>> {
        self.layers
            .iter()
            .map(|w| w.iter().map(|x| x.as_rational().cloned()).collect())
            .collect()
    }

    /// `true` if every coefficient is known exactly (no enclosures).
    #[must_use]
    pub fn is_exact(&self) -> bool {
        self.layers
            .iter()
            .flatten()
            .all(|x| matches!(x, RealNumber::Exact(_)))
    }

    /// The layers in floating point.
    #[must_use]
    pub fn to_f64(&self) -> Vec<Vec<f64>> {
        self.layers
            .iter()
            .map(|w| w.iter().map(RealNumber::to_f64).collect())
            .collect()
    }

    /// The coefficients as strings (see the `Display` of [`RealNumber`]).
    #[must_use]
    pub fn to_strings(&self) -> Vec<Vec<String>> {
        self.layers
            .iter()
            .map(|w| w.iter().map(|x| x.to_string()).collect())
            .collect()
    }

    /// Rational layers.
    pub(crate) fn rational(layers: Vec<Vec<BigRational>>) -> Self {
        RealWitness {
            layers: layers
                .into_iter()
                .map(|w| {
                    w.into_iter()
                        .map(|q| RealNumber::Exact(RealAlgebraic::from_rational(q)))
                        .collect()
                })
                .collect(),
        }
    }
}

impl fmt::Display for RealWitness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (l, w) in self.layers.iter().enumerate() {
            let c: Vec<String> = w.iter().map(|x| x.to_string()).collect();
            let sep = if l == 0 { "" } else { "; " };
            write!(f, "{sep}layer {} = ({})", l + 1, c.join(", "))?;
        }
        Ok(())
    }
}

impl Weight for RationalInterval {
    fn describe(&self) -> String {
        self.to_string()
    }
}

fn internal(what: &str) -> Error {
    Error::NoConvergence {
        what: format!("real witness: {what}"),
    }
}

/// The units (node indices, repeated) of one original layer, at its level.
struct LayerUnits {
    level: usize,
    units: Vec<usize>,
}

/// Builds the witness from the counts chosen per level (see the module
/// documentation).
pub(crate) fn build(
    arch: &Architecture,
    w: &[BigRational],
    specs: &[LevelSpec],
    forest: &Forest,
    chosen: &[Counts],
) -> Result<RealWitness, Error> {
    let r = specs.len();
    let mut per_layer: Vec<Option<LayerUnits>> = (0..arch.num_layers()).map(|_| None).collect();
    let mut blocked: Vec<usize> = vec![
        0;
        forest
            .levels
            .get(r.wrapping_sub(1))
            .map_or(0, |l| l.nodes.len())
    ];
    for l in (0..r).rev() {
        let lv = &forest.levels[l];
        let avail: Vec<usize> = lv
            .nodes
            .iter()
            .zip(&blocked)
            .map(|(n, &b)| n.mult.checked_sub(b))
            .collect::<Option<_>>()
            .ok_or_else(|| internal("more units blocked than a root has"))?;
        // concrete units of each class: roots of rational linear factors
        // first, then by factor degree
        let mut order: Vec<usize> = (0..lv.nodes.len()).collect();
        order.sort_by_key(|&i| {
            (
                lv.factors[lv.nodes[i].factor].0.degree(),
                lv.nodes[i].factor,
            )
        });
        let mut left = avail.clone();
        let mut take = |class: Class, mut k: usize, out: &mut Vec<usize>| {
            for &i in &order {
                if lv.nodes[i].class != class {
                    continue;
                }
                while k > 0 && left[i] > 0 {
                    left[i] -= 1;
                    k -= 1;
                    out.push(i);
                }
            }
            k == 0
        };
        let c = chosen[l];
        let mut units = Vec::new();
        let ok = take(Class::Axis, c.axis, &mut units)
            && take(Class::Pos, c.pos, &mut units)
            && take(Class::Neg, c.neg, &mut units)
            && take(Class::Pair, c.pair, &mut units);
        if !ok {
            return Err(internal("the chosen classes are not available"));
        }
        // deal the units to the original layers of the level
        for (layer, u) in deal(&specs[l], &units, lv)? {
            per_layer[layer] = Some(LayerUnits { level: l, units: u });
        }
        // units blocked at the level below
        if l > 0 {
            let mut taken = vec![0usize; lv.nodes.len()];
            for &i in &units {
                taken[i] += 1;
            }
            blocked = forest.levels[l - 1]
                .nodes
                .iter()
                .map(|n| {
                    n.parent
                        .map_or(0, |p| n.per_parent * (taken[p] + blocked[p]))
                })
                .collect();
        }
    }
    // the layer forms (scalar 1) and their last non-zero coefficients
    let mut forms: Vec<LayerForm> = Vec::with_capacity(arch.num_layers());
    for (j, lu) in per_layer.iter().enumerate() {
        forms.push(match lu {
            None => LayerForm::Rational(vec![BigRational::one(); arch.filter_sizes()[j].min(1)]),
            Some(lu) => layer_form(forest, lu)?,
        });
    }
    let lead_w = w
        .iter()
        .rev()
        .find(|c| !c.is_zero())
        .ok_or_else(|| internal("the zero filter"))?;
    let mut lambda = lead_w.clone();
    for f in &forms {
        lambda /= f.lead()?;
    }
    // exact values where possible, enclosures otherwise
    let mut layers: Vec<Vec<RealNumber>> = Vec::with_capacity(forms.len());
    for (j, f) in forms.into_iter().enumerate() {
        let scale = if j == 0 {
            lambda.clone()
        } else {
            BigRational::one()
        };
        let v = f.values(&scale)?;
        if v.len() != arch.filter_sizes()[j] {
            return Err(internal("a layer of the wrong length"));
        }
        layers.push(v);
    }
    let witness = RealWitness { layers };
    check(arch, w, &witness)?;
    Ok(witness)
}

/// Deals the units of a level to its original layers: `(layer, units)`.
fn deal(
    spec: &LevelSpec,
    units: &[usize],
    lv: &LevelNodes,
) -> Result<Vec<(usize, Vec<usize>)>, Error> {
    let n = spec.bins.len();
    let mut cap: Vec<usize> = spec.bins.clone();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let is_pair = |i: usize| lv.nodes[i].class == Class::Pair;
    let mut reals: Vec<usize> = units.iter().copied().filter(|&i| !is_pair(i)).collect();
    let pairs: Vec<usize> = units.iter().copied().filter(|&i| is_pair(i)).collect();
    // one real unit per odd layer (rational roots first: `units` is ordered)
    for b in 0..n {
        if cap[b] % 2 == 1 {
            if reals.is_empty() {
                return Err(internal("too few real factors for the odd layers"));
            }
            out[b].push(reals.remove(0));
            cap[b] -= 1;
        }
    }
    // then pairs and the remaining reals, each to the layer that already
    // holds its factor if it fits, else to the emptiest layer
    let place = |i: usize,
                 d: usize,
                 cap: &mut Vec<usize>,
                 out: &mut Vec<Vec<usize>>|
     -> Result<(), Error> {
        let f = lv.nodes[i].factor;
        let same = (0..n).find(|&b| cap[b] >= d && out[b].iter().any(|&u| lv.nodes[u].factor == f));
        let b = same
            .or_else(|| (0..n).filter(|&b| cap[b] >= d).max_by_key(|&b| cap[b]))
            .ok_or_else(|| internal("the units do not fit the layers"))?;
        cap[b] -= d;
        out[b].push(i);
        Ok(())
    };
    for &i in &pairs {
        place(i, 2, &mut cap, &mut out)?;
    }
    for &i in &reals {
        place(i, 1, &mut cap, &mut out)?;
    }
    if cap.iter().any(|&c| c != 0) {
        return Err(internal("the units do not fill the layers"));
    }
    Ok(spec.layers.iter().copied().zip(out).collect())
}

/// A layer's form before the scalar.
enum LayerForm {
    /// Rational coefficients.
    Rational(Vec<BigRational>),
    /// Exact coefficients, and the (rational) last non-zero one.
    Exact {
        values: Vec<RealAlgebraic>,
        lead: BigRational,
    },
    /// Enclosures, and the rational last non-zero coefficient.
    Enclosed {
        coeffs: Vec<RationalInterval>,
        lead: BigRational,
    },
}

impl LayerForm {
    /// The last non-zero coefficient (rational in every case).
    fn lead(&self) -> Result<BigRational, Error> {
        match self {
            LayerForm::Rational(c) => c.iter().rev().find(|x| !x.is_zero()).cloned(),
            LayerForm::Exact { lead, .. } => Some(lead.clone()),
            LayerForm::Enclosed { lead, .. } => Some(lead.clone()),
        }
        .ok_or_else(|| internal("a layer without a rational last coefficient"))
    }

    /// The coefficients times `scale`.
    fn values(self, scale: &BigRational) -> Result<Vec<RealNumber>, Error> {
        match self {
            LayerForm::Rational(c) => Ok(c
                .into_iter()
                .map(|x| RealNumber::Exact(RealAlgebraic::from_rational(x * scale)))
                .collect()),
            LayerForm::Exact { values, .. } => values
                .iter()
                .map(|x| {
                    let mut y = x.affine(scale, &BigRational::zero())?;
                    y.refine_to_bits(32);
                    Ok(RealNumber::Exact(y))
                })
                .collect(),
            LayerForm::Enclosed { coeffs, .. } => Ok(coeffs
                .into_iter()
                .map(|iv| RealNumber::Enclosed(iv.scale(scale)))
                .collect()),
        }
    }
}

/// The product of two coefficient vectors (filters of forms).
fn convolve<T: Clone + Zero + std::ops::Add<Output = T> + std::ops::Mul<Output = T>>(
    a: &[T],
    b: &[T],
) -> Vec<T> {
    let mut out = vec![T::zero(); a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] = out[i + j].clone() + x.clone() * y.clone();
        }
    }
    out
}

/// The form of one layer from its units (see the module documentation).
fn layer_form(forest: &Forest, lu: &LayerUnits) -> Result<LayerForm, Error> {
    let lv = &forest.levels[lu.level];
    let mut count: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in &lu.units {
        *count.entry(i).or_default() += 1;
    }
    // whole factors
    let mut rational: Vec<BigRational> = vec![BigRational::one()];
    let mut rest: BTreeMap<usize, usize> = BTreeMap::new();
    let factors: Vec<usize> = {
        let mut f: Vec<usize> = count.keys().map(|&i| lv.nodes[i].factor).collect();
        f.dedup();
        f.sort_unstable();
        f.dedup();
        f
    };
    for f in factors {
        let nodes: Vec<usize> = lv.nodes_of(f).collect();
        let k = nodes
            .iter()
            .map(|i| count.get(i).copied().unwrap_or(0))
            .min()
            .unwrap_or(0);
        let coeffs: Vec<BigRational> = lv.factors[f]
            .0
            .coeffs()
            .iter()
            .map(|c| BigRational::from_integer(c.clone()))
            .collect();
        for _ in 0..k {
            rational = convolve(&rational, &coeffs);
        }
        for i in nodes {
            let c = count.get(&i).copied().unwrap_or(0) - k;
            if c > 0 {
                rest.insert(i, c);
            }
        }
    }
    if rest.is_empty() {
        return Ok(LayerForm::Rational(rational));
    }
    let lead = rational
        .iter()
        .rev()
        .find(|x| !x.is_zero())
        .cloned()
        .ok_or_else(|| internal("a zero rational part"))?;
    // exactly, by resolvents, when they are small enough
    let mut factors: Vec<usize> = rest.keys().map(|&i| lv.nodes[i].factor).collect();
    factors.sort_unstable();
    factors.dedup();
    let mut parts: Vec<RootSubset> = Vec::with_capacity(factors.len());
    for f in factors {
        let mut discs = Vec::new();
        let mut counts = Vec::new();
        for j in lv.nodes_of(f) {
            let n = &lv.nodes[j];
            let d = n
                .disc
                .clone()
                .ok_or_else(|| internal("a root without a disc"))?;
            let m = rest.get(&j).copied().unwrap_or(0);
            if n.class == Class::Pair {
                discs.push(d.conj());
                counts.push(m);
            }
            discs.push(d);
            counts.push(m);
        }
        parts.push(RootSubset {
            f: lv.factors[f].0.dehomogenize(),
            discs,
            counts,
        });
    }
    if let Some(values) = exact_coefficients(&rational, &parts, MAX_RESOLVENT_DEGREE)? {
        return Ok(LayerForm::Exact { values, lead });
    }
    // enclosures
    let mut coeffs: Vec<RationalInterval> = rational
        .iter()
        .cloned()
        .map(RationalInterval::point)
        .collect();
    for (&i, &c) in &rest {
        let node = &lv.nodes[i];
        let f = lv.factors[node.factor].0.dehomogenize();
        let factor: Vec<RationalInterval> = match &node.value {
            Value::Real(x) => {
                let mut x = x.clone();
                x.refine_to_bits(WITNESS_BITS as u32);
                vec![
                    x.enclosure().neg(),
                    RationalInterval::point(BigRational::one()),
                ]
            }
            Value::Pair => {
                let d = node
                    .disc
                    .as_ref()
                    .ok_or_else(|| internal("a pair without a disc"))?
                    .refine(&f, WITNESS_BITS)?;
                let re = RationalInterval::hull_of(&d.re - &d.radius, &d.re + &d.radius);
                let im = RationalInterval::hull_of(&d.im - &d.radius, &d.im + &d.radius);
                // Y^2 - 2 Re z XY + |z|^2 X^2: filter [|z|^2, -2 Re z, 1]
                let two = BigRational::from_integer(BigInt::from(2));
                vec![
                    re.pow(2).add(&im.pow(2)),
                    re.scale(&-two),
                    RationalInterval::point(BigRational::one()),
                ]
            }
            Value::Zero | Value::Infinity => {
                return Err(internal(
                    "a root at 0 or infinity outside its rational factor",
                ))
            }
        };
        for _ in 0..c {
            coeffs = convolve(&coeffs, &factor);
        }
    }
    Ok(LayerForm::Enclosed { coeffs, lead })
}

/// Checks that the witness composes to `w`: exactly when it is rational,
/// otherwise every interval coefficient of the composition contains `w_i`.
fn check(arch: &Architecture, w: &[BigRational], witness: &RealWitness) -> Result<(), Error> {
    if let Some(layers) = witness.rational_layers() {
        return if compose(arch, &layers)? == w {
            Ok(())
        } else {
            Err(internal("the rational layers do not compose to the filter"))
        };
    }
    let enclosures: Vec<Vec<RationalInterval>> = witness
        .layers
        .iter()
        .map(|l| l.iter().map(RealNumber::enclosure).collect())
        .collect();
    let composed = compose(arch, &enclosures)?;
    if composed.iter().zip(w).all(|(iv, c)| iv.contains(c)) {
        Ok(())
    } else {
        Err(internal("the composed enclosures miss the filter"))
    }
}
