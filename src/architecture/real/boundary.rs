//! The relative boundary of the real neuromanifold `M` in `V(R)`, exactly.
//!
//! `M` is closed, so a point `P` of `M` is either in the *relative interior*
//! (a neighbourhood of `P` in `V(R)` lies in `M`) or on the *relative
//! boundary* (points of `V(R)` outside `M` come arbitrarily close).
//!
//! **Local structure** (docs/mathematics.md, section 7). For `Q` in `V(R)`
//! near `P != 0`, the invariant divisors `G_l(Q)` converge to real divisors
//! `D_l` of `G_l(P)` with `D_{l+1}(X^s, Y^s) | D_l`, `deg D_l >= e_l` and
//! `D_1 = G_1(P)` (a *chain*), and the forms `H_l(Q)` that the class search
//! reads are real perturbations of `K_l = D_l / D_{l+1}(X^s, Y^s)`;
//! conversely every chain and every small generic real perturbation of the
//! `K_l` is realised by points `Q` of `V(R)` near `P`. The class search is
//! monotone (a pair replaced by two real roots, a negative root made
//! positive, a real root moved to `0` never hurt), and the worst real
//! perturbation of `K_l` keeps one real root near each real root of odd
//! multiplicity (of its sign; near `0` or infinity the negative side) and
//! turns everything else into pairs. Hence `P` is on the relative boundary
//! iff for some chain the search fails on these worst data.
//!
//! At a generic point (every level *forced*, `deg G_l(P) = e_l`) the chain
//! is unique (`D_l = G_l(P)`), and the criterion reads: every merged level
//! needs at least as many distinct real roots of odd multiplicity in its
//! form as it merges layers of odd degree (for stride 1: the filter has at
//! least `e` distinct real roots of odd multiplicity). Otherwise the chains
//! are enumerated within the search budget.
//!
//! The zero filter is in the relative interior iff `M = V(R)`: every degree
//! pattern `h_l = deg H_l` that a point of `V` can have is tried with the
//! worst real forms of those degrees ([`fills_real_points`]).

use super::classes::{search, Counts, LevelSpec, Outcome, Stuck};
use super::forest::{Class, Forest};
use super::levels::Levels;
use crate::poly::budget::{BudgetExhausted, SearchBudget};
use crate::Error;
use std::fmt;

/// Where a point of the real neuromanifold `M` lies in `V(R)`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RelativePosition {
    /// A neighbourhood of the point in `V(R)` lies in `M`.
    Interior,
    /// Points of `V(R)` outside `M` come arbitrarily close.
    Boundary {
        /// Which nearby points of `V(R)` are not in `M`, in words.
        reason: String,
    },
    /// The enumeration of the degenerations near the point ran out of its
    /// budget of search steps.
    Undecided {
        /// The budget that ran out.
        budget: u64,
    },
}

impl RelativePosition {
    /// `Some(true)` on the boundary, `Some(false)` in the interior, `None`
    /// when undecided.
    #[must_use]
    pub fn is_boundary(&self) -> Option<bool> {
        match self {
            RelativePosition::Interior => Some(false),
            RelativePosition::Boundary { .. } => Some(true),
            RelativePosition::Undecided { .. } => None,
        }
    }
}

impl fmt::Display for RelativePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelativePosition::Interior => write!(f, "relative interior"),
            RelativePosition::Boundary { reason } => write!(f, "relative boundary: {reason}"),
            RelativePosition::Undecided { budget } => write!(
                f,
                "relative position undecided: search budget of {budget} steps exhausted"
            ),
        }
    }
}

/// The worst real forms near `K_l`, given the units of each node of a level
/// in `K_l`.
fn robust_counts(nodes: &[super::forest::Node], k: &[usize]) -> Counts {
    let mut c = Counts::default();
    for (n, &m) in nodes.iter().zip(k) {
        if n.class == Class::Pair {
            c.pair += m;
            continue;
        }
        if m % 2 == 1 {
            match n.class {
                Class::Pos => c.pos += 1,
                _ => c.neg += 1,
            }
        }
        c.pair += m / 2;
    }
    c
}

/// "level 2 (dilation 2; layers 1, 2)".
pub(crate) fn describe_level(spec: &LevelSpec, level: usize) -> String {
    let layers: Vec<String> = spec.layers.iter().map(|l| (l + 1).to_string()).collect();
    let which = if layers.len() == 1 {
        format!("layer {}", layers[0])
    } else {
        format!("layers {}", layers.join(", "))
    };
    format!("level {} (dilation {}; {which})", level + 1, spec.tau)
}

fn stuck_text(specs: &[LevelSpec], stuck: &Option<Stuck>) -> String {
    match stuck {
        Some(s) => {
            let spec = &specs[s.level];
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            format!(
                "{} would need a real form of degree {} with at least {}, but only {} and {} are left",
                describe_level(spec, s.level),
                spec.need,
                plural(spec.odd(), "real linear factor", "real linear factors"),
                plural(s.available.real(), "real root", "real roots"),
                plural(s.available.pair, "pair of non-real roots", "pairs of non-real roots"),
            )
        }
        None => "no real choice of layers exists".into(),
    }
}

/// The position of a non-zero point of `M` (see the module documentation).
pub(crate) fn position(
    levels: &Levels,
    forest: impl FnOnce() -> Result<Forest, Error>,
    budget: u64,
) -> Result<RelativePosition, Error> {
    let mut b = SearchBudget::new(budget);
    if levels.forced() {
        let robust: Vec<Counts> = levels.h.iter().map(Counts::robust_of_form).collect();
        return Ok(match search(&levels.specs, &robust, &mut b) {
            Outcome::Found(_) => RelativePosition::Interior,
            Outcome::Fails { stuck, .. } => RelativePosition::Boundary {
                reason: format!(
                    "perturbing the roots of even multiplicity into conjugate pairs gives points of V(R) outside M: {}",
                    stuck_text(&levels.specs, &stuck)
                ),
            },
            Outcome::Undecided => RelativePosition::Undecided { budget },
        });
    }
    let forest = forest()?;
    let mut chains = Chains {
        levels,
        forest: &forest,
        budget: &mut b,
        d: vec![Vec::new(); levels.specs.len()],
        found: None,
    };
    let top = levels.specs.len() - 1;
    match chains.level(top) {
        Ok(()) => {}
        Err(BudgetExhausted) => return Ok(RelativePosition::Undecided { budget }),
    }
    Ok(match chains.found {
        Some(reason) => RelativePosition::Boundary { reason },
        None => RelativePosition::Interior,
    })
}

/// The enumeration of chains `D_R | ... | D_1` (as multiplicities per node).
struct Chains<'a> {
    levels: &'a Levels,
    forest: &'a Forest,
    budget: &'a mut SearchBudget,
    /// `d[l][i]`: units of node `i` in `D_l`.
    d: Vec<Vec<usize>>,
    /// A failing chain, in words.
    found: Option<String>,
}

impl Chains<'_> {
    /// The units each node of level `l` must have (from `D_{l+1}`).
    fn lower(&self, l: usize) -> Vec<usize> {
        let nodes = &self.forest.levels[l].nodes;
        if l + 1 == self.levels.specs.len() {
            return vec![0; nodes.len()];
        }
        nodes
            .iter()
            .map(|n| n.parent.map_or(0, |p| n.per_parent * self.d[l + 1][p]))
            .collect()
    }

    fn level(&mut self, l: usize) -> Result<(), BudgetExhausted> {
        if self.found.is_some() {
            return Ok(());
        }
        let nodes = &self.forest.levels[l].nodes;
        let lower = self.lower(l);
        if l == 0 {
            self.d[0] = nodes.iter().map(|n| n.mult).collect();
            return self.evaluate();
        }
        let degree = |i: usize| nodes[i].class.degree();
        let e = self.levels.e[l];
        let mut cur = lower.clone();
        self.enumerate(l, 0, &lower, &mut cur, e, &degree)
    }

    fn enumerate(
        &mut self,
        l: usize,
        i: usize,
        lower: &[usize],
        cur: &mut Vec<usize>,
        e: usize,
        degree: &dyn Fn(usize) -> usize,
    ) -> Result<(), BudgetExhausted> {
        if self.found.is_some() {
            return Ok(());
        }
        let nodes = &self.forest.levels[l].nodes;
        if i == nodes.len() {
            let total: usize = (0..nodes.len()).map(|j| cur[j] * degree(j)).sum();
            if total < e {
                return Ok(());
            }
            self.budget.step()?;
            self.d[l] = cur.clone();
            return self.level(l - 1);
        }
        for m in lower[i]..=nodes[i].mult {
            cur[i] = m;
            self.enumerate(l, i + 1, lower, cur, e, degree)?;
        }
        cur[i] = lower[i];
        Ok(())
    }

    /// Runs the search on the worst data of the current chain.
    fn evaluate(&mut self) -> Result<(), BudgetExhausted> {
        let r = self.levels.specs.len();
        let mut fresh = Vec::with_capacity(r);
        for l in 0..r {
            let lower = self.lower(l);
            let k: Vec<usize> = self.d[l].iter().zip(&lower).map(|(a, b)| a - b).collect();
            fresh.push(robust_counts(&self.forest.levels[l].nodes, &k));
        }
        match search(&self.levels.specs, &fresh, self.budget) {
            Outcome::Found(_) => Ok(()),
            Outcome::Undecided => Err(BudgetExhausted),
            Outcome::Fails { stuck, .. } => {
                let degrees: Vec<String> = (1..r)
                    .map(|l| {
                        let nodes = &self.forest.levels[l].nodes;
                        let deg: usize = self.d[l]
                            .iter()
                            .zip(nodes)
                            .map(|(m, n)| m * n.class.degree())
                            .sum();
                        format!("{} at dilation {}", deg, self.levels.specs[l].tau)
                    })
                    .collect();
                self.found = Some(format!(
                    "nearby points of V(R) whose pieces share common factors of degree {} (the limits of the roots of odd multiplicity kept real, the others made conjugate pairs) are not in M: {}",
                    degrees.join(", "),
                    stuck_text(&self.levels.specs, &stuck)
                ));
                Ok(())
            }
        }
    }
}

/// `Ok(None)` iff `M = V(R)`: every degree pattern `h_l = deg H_l` of a
/// point of `V` passes the search with the worst real forms of those
/// degrees (all pairs, and one negative root for an odd degree); otherwise
/// `Ok(Some(h))`, a pattern that fails. `Err` when the budget runs out.
pub(crate) fn fills_real_points(
    specs: &[LevelSpec],
    e: &[usize],
    budget: &mut SearchBudget,
) -> Result<Option<Vec<usize>>, BudgetExhausted> {
    let r = specs.len();
    if r == 0 {
        return Ok(None);
    }
    // h_l for l = R-1 .. 0, with G_l degrees g_l = sum_{j >= l} h_j tau_j / tau_l >= e_l
    let mut h = vec![0usize; r];
    fn rec(
        l: usize,
        above: usize,
        specs: &[LevelSpec],
        e: &[usize],
        h: &mut Vec<usize>,
        budget: &mut SearchBudget,
    ) -> Result<Option<Vec<usize>>, BudgetExhausted> {
        // `above`: deg of G_{l+1} inflated to level l
        if l == 0 {
            // the bottom level is forced: g_0 = e_0
            if above > e[0] {
                return Ok(None);
            }
            h[0] = e[0] - above;
            budget.step()?;
            let fresh: Vec<Counts> = h
                .iter()
                .map(|&d| Counts {
                    axis: 0,
                    pos: 0,
                    neg: d % 2,
                    pair: d / 2,
                })
                .collect();
            return match search(specs, &fresh, budget) {
                Outcome::Found(_) => Ok(None),
                Outcome::Fails { .. } => Ok(Some(h.clone())),
                Outcome::Undecided => Err(BudgetExhausted),
            };
        }
        let s = specs[l].tau / specs[l - 1].tau;
        // g_l = above + h_l >= e_l, and g_l tau_l <= d = e_0 tau_0
        let max = (e[0] * specs[0].tau / specs[l].tau).saturating_sub(above);
        let min = e[l].saturating_sub(above);
        for hl in min..=max {
            h[l] = hl;
            if let Some(bad) = rec(l - 1, (above + hl) * s, specs, e, h, budget)? {
                return Ok(Some(bad));
            }
        }
        Ok(None)
    }
    rec(r - 1, 0, specs, e, &mut h, budget)
}
