//! The merge tree of an architecture: every filter-size tuple reachable by
//! merging adjacent layers, with its parameter-space critical point count.
//!
//! # The mathematics
//!
//! Merging two adjacent layers of filter sizes `k_i, k_{i+1}` replaces them by
//! one layer of size `k_i + k_{i+1} - 1` (the product of two binary forms of
//! degrees `k_i - 1` and `k_{i+1} - 1` is an arbitrary form of the summed
//! degree). The number of layers drops by one and the dimension
//! `1 + sum_l (k_l - 1)` stays the same. Repeating this down to one layer of
//! size `1 + sum_l (k_l - 1)` gives the paper's Figure 1; every node carries
//!
//! ```text
//! C_k = gEDdeg(P^{k_1 - 1} x ... x P^{k_L - 1}),
//! ```
//!
//! the number of critical points in parameter space
//! ([`crate::Architecture::critical_point_count`]). `C_k` does not depend on the
//! strides, so the tree is built from the filter sizes alone.
//!
//! **Structure.** A node at depth `d` (after `d` merges) is obtained by
//! cutting the `L` layers into `L - d` contiguous blocks, so there are at most
//! `C(L-1, d)` nodes at depth `d` and `2^(L-1)` in all, exactly that many when
//! every size is at least 2 (then the partial sums of `k_l - 1` recover the
//! cuts). Different merge orders reach the same tuple, so this is a DAG: nodes
//! are keyed by their (deduplicated) filter-size tuple and every edge is one
//! merge, from parent to child.
//!
//! **Merges lower `C`.** For filter sizes all at least 2, every merge strictly
//! lowers `C`, e.g. `C(2,3,4,5) = 2976084 > C(2,3,8) = 12698 > C(2,10) = 38 >
//! C(11) = 1`. This is an *observed* fact, not a theorem proved here: it is
//! checked by a property test over random tuples and exhaustively over all
//! multisets of sizes with `sum (k_l - 1) <= 24` (`C` only depends on the
//! multiset). Merging a layer of size 1 with a neighbour leaves `C` unchanged
//! (a size-1 layer is a `P^0` factor); [`MergeTree::non_lowering_edges`] lists
//! such edges.
//!
//! # Example
//!
//! ```
//! use neurovariety::critical::MergeTree;
//! use num_bigint::BigUint;
//!
//! let tree = MergeTree::new(&[2, 3, 4, 5]).unwrap();
//! assert_eq!(tree.levels().len(), 4);
//! let c = |k: &[usize]| tree.get(k).unwrap().critical_points.clone();
//! assert_eq!(c(&[2, 3, 8]), BigUint::from(12_698u32));
//! assert_eq!(c(&[2, 10]), BigUint::from(38u32));
//! assert_eq!(c(&[11]), BigUint::from(1u32));
//! assert!(tree.non_lowering_edges().is_empty());
//! println!("{}", tree.to_text());
//! println!("{}", tree.to_dot());
//! ```

use crate::segre::generic_ed_degree_of_filters;
use crate::Error;
use num_bigint::BigUint;
use std::collections::HashMap;
use std::fmt::{self, Write as _};

/// One node of a [`MergeTree`]: a filter-size tuple and its count `C`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeNode {
    /// The filter sizes `(k_1, ..., k_{L-d})` after `d` merges.
    pub filter_sizes: Vec<usize>,
    /// `C = gEDdeg(P^{k_1-1} x ...)`: critical points in parameter space.
    pub critical_points: BigUint,
    /// The number of merges `d` from the root (the root has depth 0).
    pub depth: usize,
}

impl fmt::Display for MergeNode {
    /// `(k_1,...,k_m) C=value`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} C={}",
            tuple(&self.filter_sizes),
            self.critical_points
        )
    }
}

/// All filter-size tuples reachable by merging adjacent layers, as a DAG
/// (see the [module documentation](self)).
///
/// Nodes are numbered level by level (depth 0 is the root, the last level is
/// the single layer), within a level in order of discovery (parents in order,
/// merge positions from left to right). Edges `(parent, child)` are
/// deduplicated and sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeTree {
    nodes: Vec<MergeNode>,
    edges: Vec<(usize, usize)>,
    levels: Vec<Vec<usize>>,
    children: Vec<Vec<usize>>,
    parents: Vec<Vec<usize>>,
    index: HashMap<Vec<usize>, usize>,
}

/// `(a,b,c)`.
fn tuple(v: &[usize]) -> String {
    let parts: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("({})", parts.join(","))
}

impl MergeTree {
    /// The default cap on the number of nodes, compared with the upper bound
    /// `2^(L-1)`: 10 000, so up to 14 layers.
    pub const DEFAULT_NODE_LIMIT: usize = 10_000;

    /// The merge tree of `filter_sizes`, with the default node limit
    /// [`MergeTree::DEFAULT_NODE_LIMIT`].
    ///
    /// # Errors
    ///
    /// [`Error::NoLayers`] for an empty list, [`Error::ZeroFilterSize`],
    /// [`Error::Overflow`] if `1 + sum (k_l - 1)` does not fit in `usize`,
    /// [`Error::TooLarge`] if `2^(L-1)` exceeds the node limit (`estimate` is
    /// `2^(L-1)`, saturating) or a count `C` is out of reach.
    ///
    /// ```
    /// use neurovariety::{critical::MergeTree, Error};
    /// assert_eq!(MergeTree::new(&[4, 4, 5]).unwrap().num_nodes(), 4);
    /// assert_eq!(MergeTree::new(&[]), Err(Error::NoLayers));
    /// assert!(matches!(
    ///     MergeTree::new(&[2; 20]),
    ///     Err(Error::TooLarge { estimate: 524_288, limit: 10_000, .. })
    /// ));
    /// ```
    pub fn new(filter_sizes: &[usize]) -> Result<Self, Error> {
        Self::with_limit(filter_sizes, Self::DEFAULT_NODE_LIMIT)
    }

    /// [`MergeTree::new`] with a caller-chosen cap `node_limit` on `2^(L-1)`.
    ///
    /// # Errors
    ///
    /// As [`MergeTree::new`], with `node_limit` in place of the default.
    ///
    /// ```
    /// use neurovariety::{critical::MergeTree, Error};
    /// assert!(matches!(
    ///     MergeTree::with_limit(&[2, 2, 2], 3),
    ///     Err(Error::TooLarge { estimate: 4, limit: 3, .. })
    /// ));
    /// assert_eq!(MergeTree::with_limit(&[2, 2, 2], 4).unwrap().num_nodes(), 4);
    /// ```
    pub fn with_limit(filter_sizes: &[usize], node_limit: usize) -> Result<Self, Error> {
        if filter_sizes.is_empty() {
            return Err(Error::NoLayers);
        }
        if let Some(l) = filter_sizes.iter().position(|&k| k == 0) {
            return Err(Error::ZeroFilterSize { layer: l + 1 });
        }
        // Every merged size is at most 1 + sum (k_l - 1); make sure it fits.
        filter_sizes
            .iter()
            .try_fold(1usize, |acc, &k| acc.checked_add(k - 1))
            .ok_or(Error::Overflow {
                what: "merged filter size",
            })?;
        let exponent = filter_sizes.len() - 1;
        let estimate = if exponent >= 128 {
            u128::MAX
        } else {
            1u128 << exponent
        };
        if estimate > node_limit as u128 {
            return Err(Error::too_large(
                "number of merge-tree nodes",
                estimate,
                node_limit,
                "MergeTree::with_limit",
            ));
        }

        // C depends only on the multiset of sizes: cache by the sorted tuple.
        let mut cache: HashMap<Vec<usize>, BigUint> = HashMap::new();
        let mut count = |k: &[usize]| -> Result<BigUint, Error> {
            let mut key = k.to_vec();
            key.sort_unstable();
            if let Some(c) = cache.get(&key) {
                return Ok(c.clone());
            }
            let c = generic_ed_degree_of_filters(&key)?;
            cache.insert(key, c.clone());
            Ok(c)
        };

        let root = MergeNode {
            filter_sizes: filter_sizes.to_vec(),
            critical_points: count(filter_sizes)?,
            depth: 0,
        };
        let mut index = HashMap::new();
        index.insert(root.filter_sizes.clone(), 0);
        let mut nodes = vec![root];
        let mut levels = vec![vec![0]];
        let mut edges = Vec::new();
        for depth in 1..filter_sizes.len() {
            let mut level = Vec::new();
            for &parent in &levels[depth - 1] {
                let sizes = nodes[parent].filter_sizes.clone();
                for i in 0..sizes.len() - 1 {
                    let mut child = Vec::with_capacity(sizes.len() - 1);
                    child.extend_from_slice(&sizes[..i]);
                    // Cannot overflow: bounded by 1 + sum (k_l - 1), checked above.
                    child.push(sizes[i] - 1 + sizes[i + 1]);
                    child.extend_from_slice(&sizes[i + 2..]);
                    let id = match index.get(&child) {
                        Some(&id) => id,
                        None => {
                            let id = nodes.len();
                            nodes.push(MergeNode {
                                critical_points: count(&child)?,
                                filter_sizes: child.clone(),
                                depth,
                            });
                            index.insert(child, id);
                            level.push(id);
                            id
                        }
                    };
                    edges.push((parent, id));
                }
            }
            levels.push(level);
        }
        edges.sort_unstable();
        edges.dedup();
        let mut children = vec![Vec::new(); nodes.len()];
        let mut parents = vec![Vec::new(); nodes.len()];
        // Edges are sorted, so both lists come out in increasing order.
        for &(p, c) in &edges {
            children[p].push(c);
            parents[c].push(p);
        }
        Ok(MergeTree {
            nodes,
            edges,
            levels,
            children,
            parents,
            index,
        })
    }

    /// The root: the given filter sizes.
    pub fn root(&self) -> &MergeNode {
        &self.nodes[0]
    }

    /// All nodes, level by level (index 0 is the root).
    pub fn nodes(&self) -> &[MergeNode] {
        &self.nodes
    }

    /// Node number `id`, or `None` if there is no such node.
    pub fn node(&self, id: usize) -> Option<&MergeNode> {
        self.nodes.get(id)
    }

    /// The node of a filter-size tuple, if it is in the tree.
    ///
    /// ```
    /// use neurovariety::critical::MergeTree;
    /// let tree = MergeTree::new(&[2, 3, 4, 5]).unwrap();
    /// assert_eq!(tree.get(&[2, 6, 5]).unwrap().depth, 1);
    /// assert!(tree.get(&[5, 4, 3, 2]).is_none());
    /// ```
    pub fn get(&self, filter_sizes: &[usize]) -> Option<&MergeNode> {
        self.find(filter_sizes).and_then(|id| self.nodes.get(id))
    }

    /// The number of nodes (distinct tuples), at most `2^(L-1)`.
    pub fn num_nodes(&self) -> usize {
        self.nodes.len()
    }

    /// The merges, as `(parent, child)` node numbers, sorted and deduplicated.
    pub fn edges(&self) -> &[(usize, usize)] {
        &self.edges
    }

    /// Node numbers by depth: `levels()[d]` holds the tuples of `L - d` layers.
    pub fn levels(&self) -> &[Vec<usize>] {
        &self.levels
    }

    /// The node number of a filter-size tuple, if it is in the tree.
    pub fn find(&self, filter_sizes: &[usize]) -> Option<usize> {
        self.index.get(filter_sizes).copied()
    }

    /// The children of node `id` (one merge further), in increasing order;
    /// empty for an unknown `id`.
    pub fn children(&self, id: usize) -> &[usize] {
        self.children.get(id).map_or(&[], Vec::as_slice)
    }

    /// The parents of node `id` (one merge back), in increasing order; empty
    /// for the root or an unknown `id`.
    pub fn parents(&self, id: usize) -> &[usize] {
        self.parents.get(id).map_or(&[], Vec::as_slice)
    }

    /// The edges `(parent, child)` along which `C` does **not** strictly
    /// decrease. Empty whenever all filter sizes are at least 2 (observed, see
    /// the [module documentation](self)); merges involving a layer of size 1
    /// keep `C` and are listed here.
    ///
    /// ```
    /// use neurovariety::critical::MergeTree;
    /// let tree = MergeTree::new(&[2, 1, 3]).unwrap();
    /// // (2,1,3) -> (2,3) and (2,1,3) -> (2,3) again: one edge, C = 10 on both ends.
    /// assert_eq!(tree.non_lowering_edges(), vec![(0, 1)]);
    /// ```
    pub fn non_lowering_edges(&self) -> Vec<(usize, usize)> {
        self.edges
            .iter()
            .copied()
            .filter(|&(p, c)| self.nodes[c].critical_points >= self.nodes[p].critical_points)
            .collect()
    }

    /// A level-by-level listing: one header per depth, then one line per node
    /// with its tuple, `C=` value and the tuples it merges into.
    ///
    /// ```text
    /// level 0 (4 layers)
    ///   (2,3,4,5) C=2976084 -> (4,4,5), (2,6,5), (2,3,8)
    /// level 1 (3 layers)
    ///   (4,4,5) C=806396 -> (7,5), (4,8)
    ///   ...
    /// level 3 (1 layer)
    ///   (11) C=1
    /// ```
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let layers = self.root().filter_sizes.len();
        for (d, level) in self.levels.iter().enumerate() {
            let l = layers - d;
            let plural = if l == 1 { "" } else { "s" };
            // Writing to a String cannot fail.
            let _ = writeln!(out, "level {d} ({l} layer{plural})");
            for &id in level {
                let _ = write!(out, "  {}", self.nodes[id]);
                let children = self.children(id);
                if !children.is_empty() {
                    let names: Vec<String> = children
                        .iter()
                        .map(|&c| tuple(&self.nodes[c].filter_sizes))
                        .collect();
                    let _ = write!(out, " -> {}", names.join(", "));
                }
                out.push('\n');
            }
        }
        out
    }

    /// Graphviz DOT: a `digraph` with one node statement per tuple, labelled
    /// with the tuple and `C`, and one edge statement per merge. Render with
    /// `dot -Tsvg`.
    ///
    /// ```
    /// use neurovariety::critical::MergeTree;
    /// let dot = MergeTree::new(&[2, 2]).unwrap().to_dot();
    /// assert!(dot.starts_with("digraph merge_tree {"));
    /// assert!(dot.contains("n0 [label=\"(2,2)\\nC = 6\"];"));
    /// assert!(dot.contains("n0 -> n1;"));
    /// ```
    pub fn to_dot(&self) -> String {
        let mut out = String::from("digraph merge_tree {\n");
        out.push_str("  rankdir=TB;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (id, node) in self.nodes.iter().enumerate() {
            let _ = writeln!(
                out,
                "  n{id} [label=\"{}\\nC = {}\"];",
                tuple(&node.filter_sizes),
                node.critical_points
            );
        }
        for &(p, c) in &self.edges {
            let _ = writeln!(out, "  n{p} -> n{c};");
        }
        out.push_str("}\n");
        out
    }
}

impl fmt::Display for MergeTree {
    /// The same text as [`MergeTree::to_text`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}
