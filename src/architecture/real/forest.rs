//! The real roots of every level, exactly, with their parents: the concrete
//! side of the class search (witnesses and the relative boundary).
//!
//! At reduced level `l`, the largest `tau_l`-invariant divisor `G_l(X, Y)` of
//! `P` is factored over Q; each irreducible factor `f` (multiplicity `m_f`)
//! gives one *node* per distinct real root `u` of `f(1, u)` (a
//! [`RealAlgebraic`] with a certified disc; `X` gives the root at infinity,
//! `Y` the root `0`) and one node per pair of conjugate non-real roots (the
//! certified disc of the root in the upper half plane), each with
//! multiplicity `m_f`. With `s = tau_{l+1} / tau_l`, the inflation
//! `g(X^s, Y^s)` of an irreducible factor `g` of `G_{l+1}` is a product of
//! irreducible factors of `G_l`; the roots `u` of those factors satisfy
//! `u^s = v` for exactly one root `v` of `g`: the node of `v` is the
//! *parent* of the node of `u`, which is found by enclosing `u^s` and
//! refining until it meets exactly one of the (disjoint) discs of the roots
//! of `g`. A node inherits `per_parent` units of multiplicity from each unit
//! of its parent: `s` for the roots `0` and `infinity` (`X^s`, `Y^s`), 1
//! otherwise (`g(X^s)` is square-free for irreducible `g != X, Y`).

use crate::poly::root_discs::{isolate_complex, sqrt_upper, RootDisc};
use crate::poly::{factor_form, BinaryForm, RationalInterval, RealAlgebraic, UPoly};
use crate::Error;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::cmp::Ordering;

/// Refinements of a child's disc tried when looking for its parent.
const MAX_PARENT_REFINEMENTS: u64 = 60;

/// The value of a node.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// The root `u = 0` (the factor `Y`).
    Zero,
    /// The root at infinity (the factor `X`).
    Infinity,
    /// A real root.
    Real(RealAlgebraic),
    /// A pair of conjugate non-real roots: the disc of the one with
    /// positive imaginary part.
    Pair,
}

/// A class of real factors (the search's view of a node).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Axis,
    Pos,
    Neg,
    Pair,
}

impl Class {
    /// The degree of one factor.
    pub(crate) fn degree(self) -> usize {
        if self == Class::Pair {
            2
        } else {
            1
        }
    }
}

/// One distinct real root or conjugate pair at a level.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) value: Value,
    pub(crate) class: Class,
    /// Index of its irreducible factor in [`LevelNodes::factors`].
    pub(crate) factor: usize,
    /// A certified disc (for real roots and pairs; `None` for `0`, infinity).
    pub(crate) disc: Option<RootDisc>,
    /// Multiplicity in `G_l`.
    pub(crate) mult: usize,
    /// The node at the level above whose inflation contains this one.
    pub(crate) parent: Option<usize>,
    /// Units of multiplicity per unit of the parent's.
    pub(crate) per_parent: usize,
}

/// The nodes of one level.
#[derive(Clone, Debug)]
pub(crate) struct LevelNodes {
    /// The irreducible factors of `G_l` over Q (primitive forms in `X, Y`)
    /// and their multiplicities.
    pub(crate) factors: Vec<(BinaryForm<BigInt>, usize)>,
    pub(crate) nodes: Vec<Node>,
}

impl LevelNodes {
    /// The nodes of factor `f`.
    pub(crate) fn nodes_of(&self, f: usize) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.factor == f)
            .map(|(i, _)| i)
    }
}

/// All levels, bottom first.
#[derive(Clone, Debug)]
pub(crate) struct Forest {
    pub(crate) levels: Vec<LevelNodes>,
}

fn internal(what: &str) -> Error {
    Error::NoConvergence {
        what: format!("real neuromanifold: {what}"),
    }
}

impl Forest {
    /// The forest of the invariant divisors `g[l] = G_l` at dilations `taus`.
    pub(crate) fn new(g: &[BinaryForm<BigInt>], taus: &[usize]) -> Result<Self, Error> {
        let r = g.len();
        let mut levels: Vec<Option<LevelNodes>> = vec![None; r];
        for l in (0..r).rev() {
            let mut nodes = level_nodes(&g[l])?;
            if l + 1 < r {
                let s = taus[l + 1] / taus[l];
                let above = levels[l + 1]
                    .as_ref()
                    .ok_or_else(|| internal("levels built out of order"))?;
                link_parents(&mut nodes, above, s)?;
            }
            levels[l] = Some(nodes);
        }
        Ok(Forest {
            levels: levels.into_iter().flatten().collect(),
        })
    }
}

/// The nodes of a non-zero form, without parents.
fn level_nodes(g: &BinaryForm<BigInt>) -> Result<LevelNodes, Error> {
    let factors = if g.degree() == 0 {
        Vec::new()
    } else {
        factor_form(g)?.factors
    };
    let mut nodes = Vec::new();
    for (i, (f, m)) in factors.iter().enumerate() {
        let node = |value: Value, class: Class, disc: Option<RootDisc>| Node {
            value,
            class,
            factor: i,
            disc,
            mult: *m,
            parent: None,
            per_parent: 1,
        };
        let c = f.coeffs();
        if f.degree() == 1 {
            if c[1].is_zero() {
                nodes.push(node(Value::Infinity, Class::Axis, None));
            } else if c[0].is_zero() {
                nodes.push(node(Value::Zero, Class::Axis, None));
            } else {
                // c0 X + c1 Y: u = -c0 / c1
                let u = BigRational::new(-c[0].clone(), c[1].clone());
                let disc = RootDisc {
                    re: u.clone(),
                    im: BigRational::zero(),
                    radius: BigRational::zero(),
                };
                let class = if u.is_positive() {
                    Class::Pos
                } else {
                    Class::Neg
                };
                nodes.push(node(
                    Value::Real(RealAlgebraic::from_rational(u)),
                    class,
                    Some(disc),
                ));
            }
            continue;
        }
        let p = f.dehomogenize();
        for disc in isolate_complex(&p)? {
            if disc.is_real() {
                let iv =
                    RationalInterval::hull_of(&disc.re - &disc.radius, &disc.re + &disc.radius);
                let x = RealAlgebraic::from_isolating_interval(&p, iv)?;
                let class = match x.signum() {
                    Ordering::Greater => Class::Pos,
                    Ordering::Less => Class::Neg,
                    Ordering::Equal => {
                        return Err(internal("a zero root of an irreducible factor"))
                    }
                };
                nodes.push(node(Value::Real(x), class, Some(disc)));
            } else if disc.im.is_positive() {
                nodes.push(node(Value::Pair, Class::Pair, Some(disc)));
            }
        }
    }
    Ok(LevelNodes { factors, nodes })
}

/// Sets the parents of `nodes` (level `l`) among `above` (level `l + 1`),
/// `s = tau_{l+1} / tau_l`.
fn link_parents(nodes: &mut LevelNodes, above: &LevelNodes, s: usize) -> Result<(), Error> {
    for (gi, (g, _)) in above.factors.iter().enumerate() {
        let inflated = g.inflate(s)?;
        let parts = if inflated.degree() == 0 {
            Vec::new()
        } else {
            factor_form(&inflated)?.factors
        };
        for (f, _) in parts {
            let fi = nodes
                .factors
                .iter()
                .position(|(h, _)| *h == f)
                .ok_or_else(|| internal("an inflated factor is not a factor of the level below"))?;
            let children: Vec<usize> = nodes.nodes_of(fi).collect();
            let parents: Vec<usize> = above.nodes_of(gi).collect();
            let poly = f.dehomogenize();
            for c in children {
                let (parent, per) = find_parent(&nodes.nodes[c], &poly, &above.nodes, &parents, s)?;
                nodes.nodes[c].parent = Some(parent);
                nodes.nodes[c].per_parent = per;
            }
        }
    }
    Ok(())
}

/// The node among `candidates` (all roots of one factor `g`) whose value is
/// `u^s`, and the units per parent unit.
fn find_parent(
    child: &Node,
    f: &UPoly<BigInt>,
    above: &[Node],
    candidates: &[usize],
    s: usize,
) -> Result<(usize, usize), Error> {
    match child.value {
        Value::Zero | Value::Infinity => {
            let want_zero = matches!(child.value, Value::Zero);
            let p = candidates
                .iter()
                .copied()
                .find(|&i| {
                    matches!(above[i].value, Value::Zero) == want_zero
                        && matches!(above[i].value, Value::Zero | Value::Infinity)
                })
                .ok_or_else(|| internal("the parent of a root at 0 or infinity"))?;
            return Ok((p, s));
        }
        Value::Real(_) | Value::Pair => {}
    }
    if let [only] = candidates {
        return Ok((*only, 1));
    }
    let disc = child
        .disc
        .as_ref()
        .ok_or_else(|| internal("a root without a disc"))?;
    let mut d = disc.clone();
    for round in 0..MAX_PARENT_REFINEMENTS {
        let e = power_disc(&d, s);
        let hits: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| {
                above[i].disc.as_ref().is_some_and(|pd| {
                    !e.is_disjoint_from(pd)
                        || (matches!(above[i].value, Value::Pair)
                            && !e.is_disjoint_from(&pd.conj()))
                })
            })
            .collect();
        if let [only] = hits.as_slice() {
            return Ok((*only, 1));
        }
        d = d.refine(f, 20 * (round + 1) + 20)?;
    }
    Err(internal("the parent of a root was not identified"))
}

/// A disc containing `z^s` for every `z` in `d`:
/// `|z^s - c^s| <= (|c| + r)^s - |c|^s`.
pub(crate) fn power_disc(d: &RootDisc, s: usize) -> RootDisc {
    let mut re = BigRational::one();
    let mut im = BigRational::zero();
    for _ in 0..s {
        let nre = &re * &d.re - &im * &d.im;
        let nim = &re * &d.im + &im * &d.re;
        re = nre;
        im = nim;
    }
    let a = sqrt_upper(&(&d.re * &d.re + &d.im * &d.im));
    let radius = num_traits::pow(&a + &d.radius, s) - num_traits::pow(a, s);
    RootDisc { re, im, radius }
}
