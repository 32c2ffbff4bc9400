//! The strata of the parametrisation that carry critical points, and how the
//! count `C_k` splits over them.
//!
//! # The mathematics
//!
//! (See `docs/mathematics.md`, section 6.1, for the derivation and the
//! evidence.) Group the layers of size at least 2 by dilation: a *group* is a
//! maximal set of such layers at one dilation `t` (layers joined by stride 1,
//! size-1 layers skipped). The forms of a group's layers are binary forms in
//! `X = x^t, Y = y^t` of degrees `d_l = k_l - 1`; their product is a form of
//! degree `D = sum d_l`, and any form of that degree is such a product, so
//! the layers of one group can trade linear factors.
//!
//! The differential of `mu` drops rank exactly where two layers of a group
//! share a linear factor. On the locus where the layers of each group are
//! square-free and share linear factors in a given pattern, the rank drops by
//! as much as the codimension of the locus, so the critical points of
//! generic data on it are isolated and as many as for any other generic
//! data: each such locus (a *stratum*) carries its own monodromy orbit of
//! critical points. A stratum is given, for each group, by the *sharing
//! pattern*: the multiset of the sets of layers that contain each distinct
//! linear factor (layer `l` lies in exactly `d_l` of them). The generic
//! stratum has only singletons.
//!
//! **The count on a stratum** (a conjecture with proof sketch and evidence
//! in `docs/mathematics.md`): the critical points on a stratum map to the
//! critical points of the loss on the image of the stratum, the locus
//! `X_Lambda` of end-to-end filters whose group products have root
//! multiplicities `lambda^G` (the sizes of the sets in the pattern), and each
//! such filter has `mult = prod_G prod_s n_s! / prod_A m_A!` preimages on the
//! stratum (`n_s` the number of sets of size `s`, `m_A` the multiplicity of
//! the set `A`). The count `F(Lambda)` on `X_Lambda` does not depend on how
//! the group's degree is split among its layers, so the known counts `C`
//! (the generic ED degree of the Segre variety of the layer sizes, for any
//! strides) of all architectures obtained by re-splitting each group's
//! degree `D_G` into layers of degrees `e` (a partition of `D_G`) give the
//! linear system
//!
//! ```text
//! C(e^1, ..., e^r) = sum_Lambda prod_G N(e^G, lambda^G) F(Lambda),
//! ```
//!
//! with `N(e, lambda)` the number of 0/1 matrices with row sums `e` and
//! column sums `lambda`. By the Gale–Ryser theorem `N(e, lambda) = 0` unless
//! `lambda` is dominated by the conjugate `e'`, and `N(lambda', lambda) = 1`:
//! the system is unitriangular and gives `F` exactly, by forward
//! substitution in integers. The count of a stratum is `mult * F(Lambda)`,
//! and the counts add up to `C_k`.
//!
//! # Example
//!
//! ```
//! use neurovariety::Architecture;
//! // (2,2,2)/(1,2): 34 = 20 (w_1, w_2 independent) + 14 (w_1 ~ w_2)
//! let arch = Architecture::new(&[2, 2, 2], &[1, 2, 1])?;
//! let strata = arch.critical_point_strata()?;
//! let counts: Vec<String> = strata.strata().iter().map(|s| s.count.to_string()).collect();
//! assert_eq!(counts, ["20", "14"]);
//! assert_eq!(strata.strata()[1].to_string(), "{w1,w2}");
//! // every stride > 1: one stratum, all of C_k
//! let b = Architecture::new(&[3, 3, 3], &[2, 2, 1])?;
//! assert_eq!(b.critical_point_strata()?.strata().len(), 1);
//! # Ok::<(), neurovariety::Error>(())
//! ```

use crate::limits::{MAX_STRATA, MAX_STRATA_GROUP_LAYERS, MAX_STRATA_TABLE as MAX_TABLE};
use crate::segre::generic_ed_degree_of_filters;
use crate::{Architecture, Error};
use num_bigint::{BigInt, BigUint};
use num_traits::{One, Signed, Zero};
use std::collections::HashMap;
use std::fmt;

/// One stratum: a sharing pattern of linear factors per group, and its
/// number of critical points for generic data.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stratum {
    /// Per group (in the order of [`CriticalPointStrata::groups`]): the sets
    /// of layers (indices from 0) containing each distinct linear factor
    /// shared by two or more layers. Factors in a single layer are not
    /// listed; the generic stratum lists none.
    pub shared: Vec<Vec<Vec<usize>>>,
    /// The full pattern per group: every linear factor's set of layers,
    /// singletons included, sorted.
    pub pattern: Vec<Vec<Vec<usize>>>,
    /// Critical points of generic data on this stratum.
    pub count: BigUint,
    /// Critical points in parameter space over one end-to-end filter of the
    /// stratum's image (the ways to hand its shared factors to the layers).
    pub multiplicity: BigUint,
}

impl Stratum {
    /// `true` for the generic stratum (no shared factor).
    #[must_use]
    pub fn is_generic(&self) -> bool {
        self.shared.iter().all(Vec::is_empty)
    }
}

/// `{w1,w2}` for a factor shared by layers 1 and 2 (numbered from 1, as in
/// the mathematics), one brace per shared factor; `generic` for none.
impl fmt::Display for Stratum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_generic() {
            return f.write_str("generic");
        }
        let mut first = true;
        for set in self.shared.iter().flatten() {
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            let names: Vec<String> = set.iter().map(|l| format!("w{}", l + 1)).collect();
            write!(f, "{{{}}}", names.join(","))?;
        }
        Ok(())
    }
}

/// How the critical points of an architecture split over the strata of its
/// parametrisation ([`Architecture::critical_point_strata`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CriticalPointStrata {
    groups: Vec<Vec<usize>>,
    strata: Vec<Stratum>,
}

impl CriticalPointStrata {
    /// The groups: the layers (indices from 0) of size at least 2 at each
    /// dilation, in order of dilation.
    #[must_use]
    pub fn groups(&self) -> &[Vec<usize>] {
        &self.groups
    }

    /// The strata, the generic one first, each with its count.
    #[must_use]
    pub fn strata(&self) -> &[Stratum] {
        &self.strata
    }

    /// The sum of the counts (`C_k`).
    #[must_use]
    pub fn total(&self) -> BigUint {
        self.strata.iter().map(|s| &s.count).sum()
    }

    /// The stratum of a point given by its layer filters (complex floats):
    /// the index in [`CriticalPointStrata::strata`] of the sharing pattern of
    /// its linear factors, two factors being the same when their chordal
    /// distance on `P^1` is below `tolerance`; `None` if a layer has a
    /// repeated factor, or the pattern is not one of the strata.
    #[must_use]
    pub fn classify(
        &self,
        layers: &[Vec<num_complex::Complex64>],
        tolerance: f64,
    ) -> Option<usize> {
        let mut pattern = Vec::with_capacity(self.groups.len());
        for group in &self.groups {
            pattern.push(float_pattern(group, layers, tolerance)?);
        }
        self.strata.iter().position(|s| s.pattern == pattern)
    }
}

impl CriticalPointStrata {
    /// Random complex layer filters on stratum `index`: one random linear
    /// form (in `X = x^t, Y = y^t`) per set of the pattern, multiplied into
    /// every layer of the set, times a random scalar per layer; size-1 layers
    /// are `[1]`. `None` for an index out of range.
    pub(crate) fn random_layers(
        &self,
        index: usize,
        sizes: &[usize],
        rng: &mut crate::random::SplitMix,
    ) -> Option<Vec<Vec<num_complex::Complex64>>> {
        let stratum = self.strata.get(index)?;
        Some(layers_from_pattern(&stratum.pattern, sizes, rng))
    }
}

/// Random layers whose linear factors are shared as `pattern` says (per
/// group: the sets of layers containing each factor).
pub(crate) fn layers_from_pattern(
    pattern: &[Vec<Vec<usize>>],
    sizes: &[usize],
    rng: &mut crate::random::SplitMix,
) -> Vec<Vec<num_complex::Complex64>> {
    use num_complex::Complex64;
    let mut gauss = || Complex64::new(rng.normal(), rng.normal());
    // coefficients in descending powers of X
    let mut layers: Vec<Vec<Complex64>> = sizes.iter().map(|_| vec![gauss()]).collect();
    for set in pattern.iter().flatten() {
        let (a, b) = (gauss(), gauss());
        for &l in set {
            let w = &layers[l];
            let mut out = vec![Complex64::new(0.0, 0.0); w.len() + 1];
            for (j, c) in w.iter().enumerate() {
                out[j] += c * a;
                out[j + 1] += c * b;
            }
            layers[l] = out;
        }
    }
    layers
}

/// A random sharing pattern (the fallback when the strata are too many to
/// list): in each group, each linear factor of a layer is, with probability
/// between 1/4 and 3/4, one of the other layers' factors it does not hold
/// yet, else a new one.
pub(crate) fn random_pattern(
    arch: &Architecture,
    rng: &mut crate::random::SplitMix,
) -> Vec<Vec<Vec<usize>>> {
    let sizes = arch.filter_sizes();
    let share = 0.25 + 0.5 * rng.next_f64();
    groups_of(arch)
        .iter()
        .map(|group| {
            let mut sets: Vec<Vec<usize>> = Vec::new();
            for &l in group {
                for _ in 0..sizes[l] - 1 {
                    let open: Vec<usize> =
                        (0..sets.len()).filter(|&i| !sets[i].contains(&l)).collect();
                    if !open.is_empty() && rng.next_f64() < share {
                        let i = open[(rng.next_u64() % open.len() as u64) as usize];
                        sets[i].push(l);
                    } else {
                        sets.push(vec![l]);
                    }
                }
            }
            sets
        })
        .collect()
}

/// The layers of size `>= 2` grouped by dilation.
pub(crate) fn groups_of(arch: &Architecture) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut last = None;
    for (l, (&k, &t)) in arch.filter_sizes().iter().zip(arch.dilations()).enumerate() {
        if k < 2 {
            continue;
        }
        match groups.last_mut() {
            Some(g) if last == Some(t) => g.push(l),
            _ => groups.push(vec![l]),
        }
        last = Some(t);
    }
    groups
}

/// The partitions of `n` with parts at most `max_part` (parts in decreasing
/// order), in decreasing lexicographic order; at most [`MAX_TABLE`] + 1 of
/// them (the caller refuses more).
fn partitions(n: usize, max_part: usize) -> Vec<Vec<usize>> {
    fn go(n: usize, max: usize, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>, cap: usize) {
        if out.len() > cap {
            return;
        }
        if n == 0 {
            out.push(prefix.clone());
            return;
        }
        for part in (1..=n.min(max)).rev() {
            prefix.push(part);
            go(n - part, part, prefix, out, cap);
            prefix.pop();
        }
    }
    let mut out = Vec::new();
    go(n, max_part.min(n), &mut Vec::new(), &mut out, MAX_TABLE);
    out
}

/// The conjugate partition.
fn conjugate(p: &[usize]) -> Vec<usize> {
    let top = p.first().copied().unwrap_or(0);
    (1..=top)
        .map(|i| p.iter().filter(|&&x| x >= i).count())
        .collect()
}

/// The number of 0/1 matrices with row sums `rows` and column sums `cols`.
fn zero_one_matrices(rows: &[usize], cols: &[usize]) -> BigUint {
    fn go(
        rows: &mut Vec<usize>,
        cols: &[usize],
        memo: &mut HashMap<(Vec<usize>, usize), BigUint>,
    ) -> BigUint {
        let Some((&c, rest)) = cols.split_first() else {
            return if rows.iter().all(|&r| r == 0) {
                BigUint::one()
            } else {
                BigUint::zero()
            };
        };
        let key = (rows.clone(), cols.len());
        if let Some(v) = memo.get(&key) {
            return v.clone();
        }
        // choose c rows with positive remaining sum
        let open: Vec<usize> = (0..rows.len()).filter(|&i| rows[i] > 0).collect();
        /// The rows still open, the columns after this one, the memo and
        /// the running sum of one column's choices.
        struct Choice<'a> {
            open: Vec<usize>,
            rest: &'a [usize],
            memo: &'a mut HashMap<(Vec<usize>, usize), BigUint>,
            total: BigUint,
        }
        fn choose(
            ctx: &mut Choice<'_>,
            start: usize,
            need: usize,
            picked: &mut Vec<usize>,
            rows: &mut Vec<usize>,
        ) {
            if need == 0 {
                for &i in picked.iter() {
                    rows[i] -= 1;
                }
                let value = go(rows, ctx.rest, ctx.memo);
                ctx.total += value;
                for &i in picked.iter() {
                    rows[i] += 1;
                }
                return;
            }
            for p in start..ctx.open.len() {
                if ctx.open.len() - p < need {
                    break;
                }
                picked.push(ctx.open[p]);
                choose(ctx, p + 1, need - 1, picked, rows);
                picked.pop();
            }
        }
        let mut ctx = Choice {
            open,
            rest,
            memo,
            total: BigUint::zero(),
        };
        choose(&mut ctx, 0, c, &mut Vec::with_capacity(c), rows);
        let total = ctx.total;
        memo.insert(key, total.clone());
        total
    }
    go(&mut rows.to_vec(), cols, &mut HashMap::new())
}

/// The sharing patterns of one group with layer degrees `degrees`: the
/// multisets of non-empty sets of layer positions (in `0..degrees.len()`)
/// covering position `i` exactly `degrees[i]` times; each sorted. `None`
/// beyond `cap` patterns.
fn sharing_patterns(degrees: &[usize], cap: usize) -> Option<Vec<Vec<Vec<usize>>>> {
    let m = degrees.len();
    // the non-empty subsets, largest first, as sorted position lists
    let mut subsets: Vec<Vec<usize>> = (1u64..(1 << m))
        .map(|mask| (0..m).filter(|&i| mask >> i & 1 == 1).collect())
        .collect();
    subsets.sort_by(|a: &Vec<usize>, b: &Vec<usize>| b.len().cmp(&a.len()).then(a.cmp(b)));
    let mut out = Vec::new();
    fn go(
        subsets: &[Vec<usize>],
        from: usize,
        left: &mut Vec<usize>,
        chosen: &mut Vec<Vec<usize>>,
        out: &mut Vec<Vec<Vec<usize>>>,
        cap: usize,
    ) -> bool {
        if left.iter().all(|&x| x == 0) {
            let mut p = chosen.clone();
            p.sort();
            out.push(p);
            return out.len() <= cap;
        }
        for s in from..subsets.len() {
            let set = &subsets[s];
            if set.iter().all(|&i| left[i] > 0) {
                set.iter().for_each(|&i| left[i] -= 1);
                chosen.push(set.clone());
                let ok = go(subsets, s, left, chosen, out, cap);
                chosen.pop();
                set.iter().for_each(|&i| left[i] += 1);
                if !ok {
                    return false;
                }
            }
        }
        true
    }
    go(
        &subsets,
        0,
        &mut degrees.to_vec(),
        &mut Vec::new(),
        &mut out,
        cap,
    )
    .then_some(out)
}

/// `prod_s n_s! / prod_A m_A!` for a pattern (see the module documentation).
fn multiplicity(pattern: &[Vec<usize>]) -> BigUint {
    let fact = |n: usize| (1..=n).fold(BigUint::one(), |a, i| a * BigUint::from(i));
    let mut by_size: HashMap<usize, usize> = HashMap::new();
    let mut by_set: HashMap<&Vec<usize>, usize> = HashMap::new();
    for set in pattern {
        *by_size.entry(set.len()).or_default() += 1;
        *by_set.entry(set).or_default() += 1;
    }
    let num: BigUint = by_size.values().map(|&n| fact(n)).product();
    let den: BigUint = by_set.values().map(|&n| fact(n)).product();
    num / den
}

/// The sizes of the sets of a pattern, as a partition.
fn shape(pattern: &[Vec<usize>]) -> Vec<usize> {
    let mut s: Vec<usize> = pattern.iter().map(Vec::len).collect();
    s.sort_unstable_by(|a, b| b.cmp(a));
    s
}

impl Architecture {
    /// How the critical points split over the strata of the parametrisation
    /// (see [`crate::critical::strata`]): the sharing patterns of linear
    /// factors among layers of one dilation, each with its count, adding up
    /// to [`Architecture::critical_point_count`]. With all strides `> 1`
    /// there is one stratum.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] when the groups of layers at one dilation are so
    /// large that the patterns or the table of counts exceed their limits,
    /// and the errors of [`Architecture::critical_point_count`].
    ///
    /// ```
    /// use neurovariety::Architecture;
    /// // (2,2,2)/(1,1): 6 + 3 x 7 (two layers share) + 7 (all three share) = 34
    /// let a = Architecture::new(&[2, 2, 2], &[1, 1, 1])?;
    /// let s = a.critical_point_strata()?;
    /// let counts: Vec<String> = s.strata().iter().map(|s| s.count.to_string()).collect();
    /// assert_eq!(counts, ["6", "7", "7", "7", "7"]);
    /// # Ok::<(), neurovariety::Error>(())
    /// ```
    pub fn critical_point_strata(&self) -> Result<CriticalPointStrata, Error> {
        let groups = groups_of(self);
        let sizes = self.filter_sizes();
        let degrees: Vec<Vec<usize>> = groups
            .iter()
            .map(|g| g.iter().map(|&l| sizes[l] - 1).collect())
            .collect();
        // the groups with several layers are where strata come from
        let multi: Vec<usize> = (0..groups.len()).filter(|&g| groups[g].len() > 1).collect();
        let too_large = |estimate: usize, limit: usize| {
            Error::too_large_fixed("strata of the parametrisation", estimate, limit)
        };
        // a group of m layers has 2^m - 1 sets of layers that may share a
        // factor: refuse before enumerating them
        if let Some(g) = groups.iter().find(|g| g.len() > MAX_STRATA_GROUP_LAYERS) {
            return Err(Error::too_large_fixed(
                "layers of one stride-1 group (sharing patterns of the strata)",
                g.len(),
                MAX_STRATA_GROUP_LAYERS,
            ));
        }
        // the patterns of each group, and the strata
        let mut per_group: Vec<Vec<Vec<Vec<usize>>>> = Vec::with_capacity(groups.len());
        for d in &degrees {
            per_group.push(
                sharing_patterns(d, MAX_STRATA)
                    .ok_or_else(|| too_large(MAX_STRATA + 1, MAX_STRATA))?,
            );
        }
        let total_strata = per_group
            .iter()
            .try_fold(1usize, |a, p| a.checked_mul(p.len()))
            .filter(|&n| n <= MAX_STRATA)
            .ok_or_else(|| too_large(MAX_STRATA + 1, MAX_STRATA))?;
        // the image patterns lambda of a group of m layers have parts at
        // most m (a factor lies in at most m layers); the rows of the system
        // that determine them are their conjugates e = lambda' (at most m
        // parts), and N(e, mu) != 0 only for mu dominated by lambda, whose
        // parts are at most m too: the system restricted to these is closed
        let parts: Vec<Vec<Vec<usize>>> = multi
            .iter()
            .map(|&g| partitions(degrees[g].iter().sum(), groups[g].len()))
            .collect();
        let cells = parts
            .iter()
            .try_fold(1usize, |a, p| a.checked_mul(p.len()))
            .filter(|&n| n <= MAX_TABLE)
            .ok_or_else(|| too_large(MAX_TABLE + 1, MAX_TABLE))?;
        let dims: Vec<usize> = parts.iter().map(Vec::len).collect();
        let index_of = |idx: &[usize]| idx.iter().zip(&dims).fold(0, |a, (&i, &d)| a * d + i);
        // the table C(e^1, ..., e^r), cell idx holding the row e^i =
        // conjugate of the column parts[i][idx[i]], the other groups as they are
        let mut table: Vec<BigInt> = vec![BigInt::zero(); cells];
        for (cell, entry) in table.iter_mut().enumerate() {
            let idx = unflatten(cell, &dims);
            let mut layer_sizes: Vec<usize> = Vec::new();
            for (g, group) in groups.iter().enumerate() {
                match multi.iter().position(|&m| m == g) {
                    Some(i) => {
                        layer_sizes.extend(conjugate(&parts[i][idx[i]]).iter().map(|e| e + 1))
                    }
                    None => layer_sizes.extend(group.iter().map(|&l| sizes[l])),
                }
            }
            *entry = if layer_sizes.is_empty() {
                BigInt::one()
            } else {
                BigInt::from(generic_ed_degree_of_filters(&layer_sizes)?)
            };
        }
        // invert N along each axis: the row of column lambda is lambda'
        for (axis, p) in parts.iter().enumerate() {
            // lambda in increasing lexicographic order extends dominance
            let order: Vec<usize> = (0..p.len()).rev().collect();
            // n[i][j] = N(parts[i]', parts[j])
            let n: Vec<Vec<BigInt>> = p
                .iter()
                .map(|lam| {
                    let e = conjugate(lam);
                    p.iter()
                        .map(|mu| BigInt::from(zero_one_matrices(&e, mu)))
                        .collect()
                })
                .collect();
            let mut f = table.clone();
            for cell in 0..cells {
                let idx = unflatten(cell, &dims);
                if idx[axis] != 0 {
                    continue;
                }
                // the line through `cell` along `axis`
                let at = |i: usize| {
                    let mut j = idx.clone();
                    j[axis] = i;
                    index_of(&j)
                };
                let mut solved: Vec<Option<BigInt>> = vec![None; p.len()];
                for &lam in &order {
                    let mut value = table[at(lam)].clone();
                    for (mu, known) in solved.iter().enumerate() {
                        if mu != lam && !n[lam][mu].is_zero() {
                            let known = known.as_ref().ok_or_else(|| {
                                Error::internal("strata: the triangular system is not triangular")
                            })?;
                            value -= &n[lam][mu] * known;
                        }
                    }
                    solved[lam] = Some(value);
                }
                for (lam, v) in solved.into_iter().enumerate() {
                    f[at(lam)] = v.unwrap_or_default();
                }
            }
            table = f;
        }
        // the strata of the architecture
        let mut strata = Vec::with_capacity(total_strata);
        for s in 0..total_strata {
            let choice = unflatten(s, &per_group.iter().map(Vec::len).collect::<Vec<_>>());
            let mut pattern = Vec::with_capacity(groups.len());
            let mut mult = BigUint::one();
            let mut idx = Vec::with_capacity(multi.len());
            for (g, group) in groups.iter().enumerate() {
                let local = &per_group[g][choice[g]];
                mult *= multiplicity(local);
                let global: Vec<Vec<usize>> = local
                    .iter()
                    .map(|set| set.iter().map(|&i| group[i]).collect())
                    .collect();
                pattern.push(global);
                if let Some(i) = multi.iter().position(|&m| m == g) {
                    let lam = shape(local);
                    idx.push(parts[i].iter().position(|p| *p == lam).unwrap_or(0));
                }
            }
            let f = &table[index_of(&idx)];
            if f.is_negative() {
                return Err(Error::internal(format!(
                    "strata: a negative count {f} (the conjecture of docs/mathematics.md fails here)"
                )));
            }
            let count = f.magnitude() * &mult;
            let shared = pattern
                .iter()
                .map(|g| g.iter().filter(|set| set.len() > 1).cloned().collect())
                .collect();
            strata.push(Stratum {
                shared,
                pattern,
                count,
                multiplicity: mult,
            });
        }
        // generic first, then by decreasing count, then by pattern
        strata.sort_by(|a, b| {
            b.is_generic()
                .cmp(&a.is_generic())
                .then(b.count.cmp(&a.count))
                .then(a.pattern.cmp(&b.pattern))
        });
        strata.retain(|s| !s.count.is_zero());
        let result = CriticalPointStrata { groups, strata };
        let total = self.critical_point_count()?;
        if result.total() != total {
            return Err(Error::internal(format!(
                "strata: counts add up to {} instead of C_k = {total}",
                result.total()
            )));
        }
        Ok(result)
    }
}

fn unflatten(mut cell: usize, dims: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; dims.len()];
    for (i, &d) in dims.iter().enumerate().rev() {
        idx[i] = cell % d.max(1);
        cell /= d.max(1);
    }
    idx
}

/// The sharing pattern of the layers of `group` (layer indices) at float
/// values: roots of each layer's form clustered across layers by chordal
/// distance; `None` if a layer has a repeated root (or no roots can be
/// computed).
fn float_pattern(
    group: &[usize],
    layers: &[Vec<num_complex::Complex64>],
    tolerance: f64,
) -> Option<Vec<Vec<usize>>> {
    use num_complex::Complex64;
    // roots as points [a : b] of P^1 (the form vanishes at x = a, y = b)
    let mut roots: Vec<(usize, Complex64, Complex64)> = Vec::new();
    for &l in group {
        let w = layers.get(l)?;
        let scale = w.iter().map(|c| c.norm()).fold(0.0, f64::max);
        if scale == 0.0 || !scale.is_finite() {
            return None;
        }
        // w_0 X^d + w_1 X^{d-1} Y + ... : roots at infinity (X = 1, Y = 0)
        // are the leading zeros... the form vanishes at [1:0] iff w_0 = 0
        let lead = w.iter().position(|c| c.norm() > 1e-13 * scale)?;
        for _ in 0..lead {
            roots.push((l, Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0)));
        }
        // the rest: w(x, 1) as a polynomial in x with ascending coefficients
        let top = w.iter().rposition(|c| c.norm() > 1e-13 * scale)?;
        let coeffs: Vec<Complex64> = w[lead..=top].iter().rev().copied().collect();
        for r in crate::poly::complex_roots_of(&coeffs).ok()? {
            roots.push((l, r, Complex64::new(1.0, 0.0)));
        }
        // trailing zeros: roots at x = 0 ... w(x,1) has zero constant term
        for _ in top + 1..w.len() {
            roots.push((l, Complex64::new(0.0, 0.0), Complex64::new(1.0, 0.0)));
        }
    }
    let chordal = |(a, b): (Complex64, Complex64), (c, d): (Complex64, Complex64)| {
        let num = (a * d - b * c).norm();
        let den = (a.norm_sqr() + b.norm_sqr()).sqrt() * (c.norm_sqr() + d.norm_sqr()).sqrt();
        num / den
    };
    // union-find over roots
    let n = roots.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            if chordal((roots[i].1, roots[i].2), (roots[j].1, roots[j].2)) < tolerance {
                if roots[i].0 == roots[j].0 {
                    return None; // a repeated root within one layer
                }
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut classes: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, root) in roots.iter().enumerate() {
        let c = find(&mut parent, i);
        classes.entry(c).or_default().push(root.0);
    }
    let mut pattern: Vec<Vec<usize>> = classes
        .into_values()
        .map(|mut v| {
            v.sort_unstable();
            v
        })
        .collect();
    if pattern.iter().any(|v| v.windows(2).any(|w| w[0] == w[1])) {
        return None;
    }
    pattern.sort();
    Some(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    use num_traits::ToPrimitive;

    fn counts(k: &[usize], s: &[usize]) -> Vec<u64> {
        let a = Architecture::new(k, s).unwrap();
        a.critical_point_strata()
            .unwrap()
            .strata()
            .iter()
            .map(|s| s.count.to_u64().unwrap())
            .collect()
    }

    #[test]
    fn gale_ryser_counts() {
        assert_eq!(zero_one_matrices(&[2, 1, 1], &[2, 1, 1]).to_u64(), Some(5));
        assert_eq!(zero_one_matrices(&[2, 1, 1], &[2, 2]).to_u64(), Some(2));
        assert_eq!(
            zero_one_matrices(&[1, 1, 1, 1], &[2, 1, 1]).to_u64(),
            Some(12)
        );
        assert_eq!(zero_one_matrices(&[1, 1], &[2]).to_u64(), Some(1));
        assert_eq!(zero_one_matrices(&[2], &[2]).to_u64(), Some(0));
        assert_eq!(conjugate(&[3, 1]), vec![2, 1, 1]);
        assert_eq!(partitions(4, 4).len(), 5);
        assert_eq!(partitions(4, 2).len(), 3);
    }

    #[test]
    fn single_group_values() {
        // one layer: one stratum
        assert_eq!(counts(&[5], &[1]), vec![1]);
        // (2,2)/(1): 2 + 4 (the conic {l^2}: 3*2 - 2)
        assert_eq!(counts(&[2, 2], &[1, 1]), vec![2, 4]);
        // (3,2)/(1): 3 + 7
        assert_eq!(counts(&[3, 2], &[1, 1]), vec![3, 7]);
        // (2,2,2,2)/(1,1,1): the rational normal quartic has 3*4 - 2 = 10
        let a = Architecture::new(&[2, 2, 2, 2], &[1, 1, 1, 1]).unwrap();
        let s = a.critical_point_strata().unwrap();
        let all = s
            .strata()
            .iter()
            .find(|s| s.pattern[0] == vec![vec![0, 1, 2, 3]])
            .unwrap();
        assert_eq!(all.count.to_u64(), Some(10));
    }

    /// `D` size-2 layers at one dilation, all sharing one linear factor: the
    /// image is the rational normal curve of degree `D`, whose generic ED
    /// degree is `3D - 2` (Draisma et al., Example 5.12). The inversion
    /// never uses this value: it comes out of the counts `C` of all the
    /// splits of `D`.
    #[test]
    fn rational_normal_curves() {
        for d in 2..=7usize {
            let a = Architecture::new(&vec![2; d], &vec![1; d]).unwrap();
            let s = a.critical_point_strata().unwrap();
            let all = s.strata().iter().find(|s| s.pattern[0].len() == 1).unwrap();
            assert_eq!(all.count.to_u64(), Some(3 * d as u64 - 2), "D = {d}");
        }
    }

    #[test]
    fn mixed_dilations() {
        assert_eq!(counts(&[2, 2, 2], &[1, 2, 1]), vec![20, 14]);
        assert_eq!(counts(&[3, 3, 3], &[2, 2, 1]), vec![2385]);
    }
}
