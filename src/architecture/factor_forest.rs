//! The complete search for rational layer factors: a forest of irreducible
//! factors, searched by counts of interchangeable subtrees.
//!
//! Notation: the reduced architecture has sizes `kappa_1..kappa_R` at
//! dilations `tau_1 | ... | tau_R`, `P = pi_1(w)` has degree `d`, and for each
//! level `G_l(X)` (`X = x^{tau_l}`) is the largest `tau_l`-invariant divisor of
//! `P` (the gcd of the `tau_l`-decomposition pieces). A rational factorization
//! is a choice of forms `F_l` of degree `kappa_l - 1` over Q with
//! `P = c prod_l F_l(x^{tau_l}, y^{tau_l})`, and each `F_l` that merges several
//! original layers must split over Q into forms of the original degrees.
//!
//! **Lemma 1 (choices only remove).** If `L` is a `tau_l`-invariant divisor of
//! `P` (for instance the product of the inflated layers chosen above level
//! `l`), the largest `tau_l`-invariant divisor of `P / L` is `G_l / L`:
//! `H(x^{tau_l})` divides `P / L` iff `H L` (which is `tau_l`-invariant) divides
//! `P`, iff `H L` divides `G_l`. Working from the top level down, the forms
//! available for `F_l` are therefore exactly the divisors of degree
//! `kappa_l - 1` of `G_l / (F_{l+1} ... F_R inflated)`.
//!
//! **The forest.** The *level-`l` nodes* are the irreducible factors over Q of
//! `G_l` in `X`, one node per copy (multiplicity). A level-`(l+1)` node `F`
//! inflates to `F(X^s, Y^s)`, `s = tau_{l+1} / tau_l`, which divides `G_l`; its
//! irreducible factors are the node's *children*. Inflations of distinct
//! irreducible forms are coprime (a common root of both would give a common
//! root of the forms), so every level-`l` node is the child of at most one
//! node, and `G_l = G_{l+1}(X^s) * H_l` where the factors of `H_l` are the
//! *roots* at level `l`. By Lemma 1 and unique factorization, at level `l` the
//! available nodes are: the roots of level `l`, plus the children of the
//! level-`(l+1)` nodes that were available but not chosen. Choosing `F_l`
//! means choosing available nodes of total degree `kappa_l - 1` (packable
//! into the original layers' degrees, if the level merged several layers);
//! chosen nodes disappear with their subtrees, unchosen ones *open* into
//! their children. Conversely every sequence of such choices is a rational
//! factorization: the product of the chosen nodes is a rational divisor of
//! the right degree, and the bottom level takes what is left, whose degree
//! is right by counting. So the search below is complete.
//!
//! **Interchangeable nodes.** Whether a sequence of choices succeeds depends
//! only on the degrees of the nodes and the shape of their subtrees: two
//! nodes whose degree-labelled subtrees are isomorphic (the same *type*) can
//! be swapped in any solution. The search therefore chooses, at each level,
//! *how many* nodes of each type to take (a bounded subset sum with
//! multiplicities, pruned by a table of reachable sums), and remembers failed
//! states (level, multiset of available types), so no state is explored
//! twice. For `P = (x^4 - y^4) prod_p (x^4 - p y^4)` over 17 primes with
//! architecture `(35,2,10)/(2,2)`, the 17 factors `X - p Y` at the top are one
//! type and the search ends after a handful of states; enumerating divisors
//! instead meets `binomial(18, 9) = 48620` of them.
//!
//! **What needs factoring.** Put `e_l = sum_{j >= l} (kappa_j - 1) tau_j / tau_l`
//! (the theorem's degree). Nodes available at level `l` always have total
//! degree `kappa_l - 1 + (deg G_l - e_l)`, whatever was chosen above. A level
//! with `deg G_l = e_l` is *forced*: it takes everything available, so its
//! children never open and the levels below it do not depend on the choices
//! above it. Only *free* levels (`deg G_l > e_l`) and levels that merge
//! several original layers need their factors; the others take
//! `F_l = G_l / (layers above)` without factoring anything. The bottom level
//! is always forced (`deg G_1 <= d / tau_1 = e_1`). At a generic point of the
//! neurovariety every level is forced and nothing is factored.

use super::ReducedArchitecture;
use crate::poly::budget::{BudgetExhausted, SearchBudget};
use crate::poly::{factor_form, pack_into_bins, BinaryForm};
use crate::Error;
use num_bigint::BigInt;
use std::collections::{HashMap, HashSet};

/// One copy of an irreducible factor at a level.
#[derive(Clone, Debug)]
struct Node {
    /// Index into the level's distinct forms.
    form: usize,
    /// Its type (isomorphism class of the degree-labelled subtree).
    ty: usize,
    /// The node indices of its children at the level below (empty when the
    /// children are not needed).
    children: Vec<usize>,
}

/// A type: the degree of the node and the multiset of its children's types.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct TypeKey {
    degree: usize,
    children: Vec<(usize, usize)>,
}

/// The factors of one level, when the level needs them.
#[derive(Clone, Debug, Default)]
struct Nodes {
    forms: Vec<BinaryForm<BigInt>>,
    nodes: Vec<Node>,
    /// Nodes that are nobody's child.
    roots: Vec<usize>,
    types: Vec<TypeKey>,
}

/// One level of the reduced architecture, with what the search needs.
#[derive(Clone, Debug)]
struct Level {
    tau: usize,
    /// `kappa_l - 1`.
    need: usize,
    /// The degrees of the original layers merged into this level.
    bins: Vec<usize>,
    /// `deg G_l > e_l`: the level has a real choice.
    free: bool,
    nodes: Option<Nodes>,
}

/// Multiset of available types at a level: sorted `(type, count)` pairs.
type State = Vec<(usize, usize)>;

/// The layers found: for each reduced level, the forms of its original layers
/// (in `X = x^{tau_l}`, primitive integer), or `None` for a forced level
/// without packing, whose form is what is left.
pub(super) type Choice = Vec<Option<Vec<BinaryForm<BigInt>>>>;

/// How the search ended.
pub(super) enum Outcome {
    /// A choice per level (see [`Choice`]).
    Found(Choice),
    /// The search was exhaustive and found nothing.
    None {
        /// Search steps spent.
        steps: u64,
        /// The factor degrees of the free levels, for the explanation.
        description: String,
    },
    /// The budget ran out.
    Undecided,
}

/// The factor forest of `P` for the reduced architecture.
pub(super) struct Forest {
    levels: Vec<Level>,
}

fn internal(what: &str) -> Error {
    Error::internal(format!("rational factorization: {what}"))
}

/// The irreducible factors of `f` as (form, multiplicity).
fn factors(f: &BinaryForm<BigInt>) -> Result<Vec<(BinaryForm<BigInt>, usize)>, Error> {
    if f.degree() == 0 {
        return Ok(Vec::new());
    }
    Ok(factor_form(f)?.factors)
}

impl Forest {
    /// Builds the forest from the invariant divisors `g[l] = G_l` (which
    /// satisfy the theorem: `deg G_l >= e_l`).
    pub(super) fn new(
        red: &ReducedArchitecture,
        bins: Vec<Vec<usize>>,
        g: &[BinaryForm<BigInt>],
    ) -> Result<Self, Error> {
        let r = red.num_layers();
        let e = red.level_degrees();
        let mut levels: Vec<Level> = (0..r)
            .map(|l| Level {
                tau: red.dilations()[l],
                need: red.filter_sizes()[l] - 1,
                bins: bins[l].clone(),
                free: g[l].degree() > e[l],
                nodes: None,
            })
            .collect();
        let needs_nodes = |lv: &Level| lv.free || lv.bins.len() > 1;
        // top-down: which copies exist and who is whose child
        for l in (0..r).rev() {
            if !needs_nodes(&levels[l]) {
                continue;
            }
            let mut nodes = Nodes::default();
            let mut index: HashMap<Vec<BigInt>, usize> = HashMap::new();
            let mut add = |nodes: &mut Nodes, f: BinaryForm<BigInt>| -> usize {
                let key = f.coeffs().to_vec();
                let form = *index.entry(key).or_insert_with(|| {
                    nodes.forms.push(f);
                    nodes.forms.len() - 1
                });
                nodes.nodes.push(Node {
                    form,
                    ty: 0,
                    children: Vec::new(),
                });
                nodes.nodes.len() - 1
            };
            let roots_form = if l + 1 < r {
                let s = levels[l + 1].tau / levels[l].tau;
                g[l].exact_div(&g[l + 1].inflate(s)?).map_err(|_| {
                    internal("an inflated invariant divisor does not divide the one below")
                })?
            } else {
                g[l].clone()
            };
            for (f, m) in factors(&roots_form)? {
                for _ in 0..m {
                    let i = add(&mut nodes, f.clone());
                    nodes.roots.push(i);
                }
            }
            // children of the free level above (whose unchosen nodes open)
            if l + 1 < r && levels[l + 1].free {
                let s = levels[l + 1].tau / levels[l].tau;
                let above = levels[l + 1]
                    .nodes
                    .as_mut()
                    .ok_or_else(|| internal("a free level without factors"))?;
                let mut lifted: HashMap<usize, Vec<(BinaryForm<BigInt>, usize)>> = HashMap::new();
                for parent in 0..above.nodes.len() {
                    let form = above.nodes[parent].form;
                    if let std::collections::hash_map::Entry::Vacant(e) = lifted.entry(form) {
                        e.insert(factors(&above.forms[form].inflate(s)?)?);
                    }
                    let mut children = Vec::new();
                    for (f, m) in &lifted[&form] {
                        for _ in 0..*m {
                            children.push(add(&mut nodes, f.clone()));
                        }
                    }
                    above.nodes[parent].children = children;
                }
            }
            // roots, plus the inflated degree of the free level above
            let mut expected = roots_form.degree();
            if l + 1 < r && levels[l + 1].free {
                let above = levels[l + 1].nodes.as_ref().map_or(0, |a| {
                    a.nodes
                        .iter()
                        .map(|n| a.forms[n.form].degree())
                        .sum::<usize>()
                });
                expected += above * (levels[l + 1].tau / levels[l].tau);
            }
            let total: usize = nodes
                .nodes
                .iter()
                .map(|n| nodes.forms[n.form].degree())
                .sum();
            if total != expected {
                return Err(internal(
                    "the factors of a level do not add up to its degree",
                ));
            }
            levels[l].nodes = Some(nodes);
        }
        // bottom-up: types
        for l in 0..r {
            let below: Option<Vec<usize>> = if l > 0 {
                levels[l - 1]
                    .nodes
                    .as_ref()
                    .map(|n| n.nodes.iter().map(|x| x.ty).collect())
            } else {
                None
            };
            let Some(nodes) = levels[l].nodes.as_mut() else {
                continue;
            };
            let mut intern: HashMap<TypeKey, usize> = HashMap::new();
            for i in 0..nodes.nodes.len() {
                let mut children: Vec<usize> = match &below {
                    Some(ty) => nodes.nodes[i].children.iter().map(|&c| ty[c]).collect(),
                    None => Vec::new(),
                };
                children.sort_unstable();
                let key = TypeKey {
                    degree: nodes.forms[nodes.nodes[i].form].degree(),
                    children: counts(&children),
                };
                let next = intern.len();
                let ty = *intern.entry(key.clone()).or_insert_with(|| {
                    nodes.types.push(key);
                    next
                });
                nodes.nodes[i].ty = ty;
            }
        }
        Ok(Forest { levels })
    }

    /// Searches for a choice of layers (see the module docs).
    pub(super) fn search(&self, budget: &mut SearchBudget) -> Result<Outcome, Error> {
        let r = self.levels.len();
        if r == 0 {
            return Ok(Outcome::Found(Vec::new()));
        }
        let start = self.initial_state(r - 1);
        let mut search = Search {
            forest: self,
            failed: HashSet::new(),
            packable: HashMap::new(),
            budget,
        };
        match search.level(r - 1, start) {
            Ok(Some(counts)) => Ok(Outcome::Found(self.realise(&counts)?)),
            Ok(None) => Ok(Outcome::None {
                steps: search.budget.used(),
                description: self.describe(),
            }),
            Err(BudgetExhausted) => Ok(Outcome::Undecided),
        }
    }

    /// The roots of level `l` as a state (the whole level at the top).
    fn initial_state(&self, l: usize) -> State {
        match &self.levels[l].nodes {
            Some(n) => {
                let mut t: Vec<usize> = n.roots.iter().map(|&i| n.nodes[i].ty).collect();
                t.sort_unstable();
                counts(&t)
            }
            None => Vec::new(),
        }
    }

    /// The free levels and the degrees of their factors, in words.
    fn describe(&self) -> String {
        let parts: Vec<String> = self
            .levels
            .iter()
            .enumerate()
            .rev()
            .filter_map(|(l, lv)| {
                let n = lv.nodes.as_ref()?;
                let mut d: Vec<usize> = n.nodes.iter().map(|x| n.forms[x.form].degree()).collect();
                d.sort_unstable();
                let bins = if lv.bins.len() > 1 {
                    format!(" split as {:?}", lv.bins)
                } else {
                    String::new()
                };
                Some(format!(
                    "level {} (tau = {}) needs degree {}{} from factors of degrees {:?}",
                    l + 1,
                    lv.tau,
                    lv.need,
                    bins,
                    d
                ))
            })
            .collect();
        parts.join("; ")
    }

    /// Turns the counts chosen per level (top level first) into forms, by
    /// taking the first available nodes of each type.
    fn realise(&self, counts: &[Option<State>]) -> Result<Choice, Error> {
        let r = self.levels.len();
        let mut out: Choice = vec![None; r];
        // available node indices at the current level
        let mut available: Vec<usize> = match &self.levels[r - 1].nodes {
            Some(n) => n.roots.clone(),
            None => Vec::new(),
        };
        for l in (0..r).rev() {
            let lv = &self.levels[l];
            let mut opened: Vec<usize> = Vec::new();
            if let (Some(nodes), Some(choice)) = (&lv.nodes, &counts[r - 1 - l]) {
                let mut left: HashMap<usize, usize> = choice.iter().copied().collect();
                let mut chosen = Vec::new();
                for &i in &available {
                    let ty = nodes.nodes[i].ty;
                    match left.get_mut(&ty) {
                        Some(k) if *k > 0 => {
                            *k -= 1;
                            chosen.push(i);
                        }
                        _ => opened.extend(nodes.nodes[i].children.iter().copied()),
                    }
                }
                if left.values().any(|&k| k > 0) {
                    return Err(internal("a chosen type is not available"));
                }
                let sizes: Vec<usize> = chosen
                    .iter()
                    .map(|&i| nodes.forms[nodes.nodes[i].form].degree())
                    .collect();
                let bins = pack_into_bins(&sizes, &lv.bins, &mut SearchBudget::unlimited())
                    .map_err(|_| internal("an unlimited budget ran out"))?
                    .ok_or_else(|| internal("the chosen factors do not pack into the layers"))?;
                let mut parts: Vec<BinaryForm<BigInt>> = lv
                    .bins
                    .iter()
                    .map(|_| BinaryForm::from_i64(&[1]))
                    .collect::<Result<_, _>>()?;
                for (&i, &b) in chosen.iter().zip(&bins) {
                    parts[b] = &parts[b] * &nodes.forms[nodes.nodes[i].form];
                }
                out[l] = Some(parts);
            }
            if l > 0 {
                available = match &self.levels[l - 1].nodes {
                    Some(below) => {
                        let mut a = below.roots.clone();
                        if lv.free {
                            a.extend(opened);
                        }
                        a
                    }
                    None => Vec::new(),
                };
            }
        }
        Ok(out)
    }
}

/// Run-length counts of a sorted list.
fn counts(sorted: &[usize]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &t in sorted {
        match out.last_mut() {
            Some((u, c)) if *u == t => *c += 1,
            _ => out.push((t, 1)),
        }
    }
    out
}

/// The memoised depth-first search over counts of types.
struct Search<'a> {
    forest: &'a Forest,
    /// States (level, available types) known to fail.
    failed: HashSet<(usize, State)>,
    /// Per level, whether a multiset of degrees packs into its layers.
    packable: HashMap<(usize, Vec<usize>), bool>,
    budget: &'a mut SearchBudget,
}

impl Search<'_> {
    /// Searches levels `l, l-1, ..., 0` from the available types `state` at
    /// level `l`; on success the chosen counts, top level first.
    fn level(
        &mut self,
        l: usize,
        state: State,
    ) -> Result<Option<Vec<Option<State>>>, BudgetExhausted> {
        let lv = &self.forest.levels[l];
        let Some(nodes) = &lv.nodes else {
            // forced, nothing to pack: take everything, nothing opens
            return self.below(l, &state, None);
        };
        if self.failed.contains(&(l, state.clone())) {
            return Ok(None);
        }
        let items: Vec<(usize, usize)> = state
            .iter()
            .map(|&(ty, c)| (nodes.types[ty].degree, c))
            .collect();
        let reach = reachable(&items, lv.need);
        let mut n = vec![0; items.len()];
        let found = self.enumerate(l, &state, &items, &reach, 0, lv.need, &mut n)?;
        if found.is_none() {
            self.failed.insert((l, state));
        }
        Ok(found)
    }

    /// Enumerates the counts `n[i..]` (types `i..` of `state`) summing to
    /// `left` in degree, and tries each complete choice.
    #[allow(clippy::too_many_arguments)]
    fn enumerate(
        &mut self,
        l: usize,
        state: &State,
        items: &[(usize, usize)],
        reach: &[Vec<bool>],
        i: usize,
        left: usize,
        n: &mut Vec<usize>,
    ) -> Result<Option<Vec<Option<State>>>, BudgetExhausted> {
        if i == items.len() {
            if left != 0 {
                return Ok(None);
            }
            self.budget.step()?;
            if !self.packs(l, items, n)? {
                return Ok(None);
            }
            let choice: State = state
                .iter()
                .zip(n.iter())
                .filter(|(_, &k)| k > 0)
                .map(|(&(ty, _), &k)| (ty, k))
                .collect();
            return self.below(l, state, Some(choice));
        }
        let (deg, count) = items[i];
        let most = count.min(left / deg.max(1));
        for a in (0..=most).rev() {
            let rest = left - a * deg;
            if !reach[i + 1][rest] {
                continue;
            }
            n[i] = a;
            if let Some(found) = self.enumerate(l, state, items, reach, i + 1, rest, n)? {
                return Ok(Some(found));
            }
        }
        n[i] = 0;
        Ok(None)
    }

    /// Whether the chosen degrees pack into the level's layers.
    fn packs(
        &mut self,
        l: usize,
        items: &[(usize, usize)],
        n: &[usize],
    ) -> Result<bool, BudgetExhausted> {
        let bins = &self.forest.levels[l].bins;
        if bins.len() == 1 {
            return Ok(true);
        }
        let mut sizes: Vec<usize> = items
            .iter()
            .zip(n)
            .flat_map(|(&(d, _), &k)| std::iter::repeat_n(d, k))
            .collect();
        sizes.sort_unstable();
        if let Some(&ok) = self.packable.get(&(l, sizes.clone())) {
            return Ok(ok);
        }
        let ok = pack_into_bins(&sizes, bins, self.budget)?.is_some();
        self.packable.insert((l, sizes), ok);
        Ok(ok)
    }

    /// After choosing `choice` at level `l` (all of `state` if `None`), the
    /// search continues at level `l - 1` (success below level 0).
    fn below(
        &mut self,
        l: usize,
        state: &State,
        choice: Option<State>,
    ) -> Result<Option<Vec<Option<State>>>, BudgetExhausted> {
        if l == 0 {
            return Ok(Some(vec![choice]));
        }
        let lv = &self.forest.levels[l];
        let mut next = self.forest.initial_state(l - 1);
        if let (true, Some(nodes), Some(ch), true) = (
            lv.free,
            &lv.nodes,
            &choice,
            self.forest.levels[l - 1].nodes.is_some(),
        ) {
            // unchosen nodes open into their children
            let mut opened: Vec<usize> = next
                .iter()
                .flat_map(|&(t, c)| std::iter::repeat_n(t, c))
                .collect();
            for &(ty, c) in state {
                let taken = ch.iter().find(|(t, _)| *t == ty).map_or(0, |&(_, k)| k);
                for &(child, m) in &nodes.types[ty].children {
                    opened.extend(std::iter::repeat_n(child, m * (c - taken)));
                }
            }
            opened.sort_unstable();
            next = counts(&opened);
        }
        Ok(self.level(l - 1, next)?.map(|mut rest| {
            rest.insert(0, choice);
            rest
        }))
    }
}

/// `reach[i][s]`: can the items `i..` (degree, available count) make degree
/// `s <= need` exactly?
fn reachable(items: &[(usize, usize)], need: usize) -> Vec<Vec<bool>> {
    let mut reach = vec![vec![false; need + 1]; items.len() + 1];
    reach[items.len()][0] = true;
    for i in (0..items.len()).rev() {
        let (deg, count) = items[i];
        for s in 0..=need {
            reach[i][s] = (0..=count)
                .take_while(|&a| a * deg <= s)
                .any(|a| reach[i + 1][s - a * deg]);
        }
    }
    reach
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reachable_sums() {
        // two items of degree 2, one of degree 3: sums 0, 2, 3, 4, 5, 7
        let r = reachable(&[(2, 2), (3, 1)], 7);
        let sums: Vec<usize> = (0..=7).filter(|&s| r[0][s]).collect();
        assert_eq!(sums, vec![0, 2, 3, 4, 5, 7]);
    }

    #[test]
    fn run_lengths() {
        assert_eq!(counts(&[1, 1, 2, 5, 5, 5]), vec![(1, 2), (2, 1), (5, 3)]);
    }
}
