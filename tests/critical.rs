//! Tests of `neurovariety::critical`: the critical point counts of docs/mathematics.md
//! section 5 (parameter space and function space), the merge tree of
//! `(2,3,4,5)` (the paper's Figure 1), the observation that every merge of
//! layers of size at least 2 lowers `C` (property test and an exhaustive check
//! over multisets), the DOT and text renderings, the fully connected
//! comparison, and the Macaulay2 fixture `tests/fixtures/ed_degrees.json`.

use neurovariety::critical::{FullyConnected, MergeTree};
use neurovariety::segre::{generic_ed_degree, generic_ed_degree_naive};
use neurovariety::{Architecture, Error};
use num_bigint::BigUint;
use proptest::prelude::*;
use std::collections::HashSet;

fn big(x: u64) -> BigUint {
    BigUint::from(x)
}

/// Architecture from the note's notation: the `L - 1` strides, a final 1 appended.
fn arch(filters: &[usize], strides: &[usize]) -> Architecture {
    let mut s = strides.to_vec();
    s.push(1);
    Architecture::new(filters, &s).expect("valid architecture")
}

/// `(filters, strides (L-1), parameter space)`: docs/mathematics.md section 6.
const PARAMETER_SPACE: &[(&[usize], &[usize], u64)] = &[
    (&[2, 2], &[2], 6),
    (&[3, 2], &[2], 10),
    (&[3, 3], &[2], 39),
    (&[2, 2, 2], &[2, 2], 34),
    (&[2, 2, 2], &[1, 2], 34),
    (&[3, 2, 2], &[2, 2], 100),
    (&[2, 2], &[1], 6),
    (&[3, 2], &[1], 10),
    (&[2, 2, 2], &[1, 1], 34),
    (&[3, 3], &[3], 39),
    (&[4, 2], &[2], 14),
    (&[4, 3], &[2], 83),
];

/// `(filters, strides (L-1), function space)`: docs/mathematics.md section 6, plus the
/// reductions to a single layer (one critical point).
const FUNCTION_SPACE: &[(&[usize], &[usize], u64)] = &[
    (&[3, 2], &[2], 10),
    (&[3, 3], &[2], 39),
    (&[2, 2, 2], &[1, 2], 10),
    (&[2, 2], &[2], 6),
    (&[2, 2], &[1], 1),
    (&[3, 2], &[1], 1),
    (&[2, 2, 2], &[1, 1], 1),
    (&[1, 3], &[2], 1),
    (&[1, 1, 1], &[2, 3], 1),
    (&[3, 1, 2], &[2, 2], 10),
];

#[test]
fn parameter_space_counts_of_the_note() {
    for &(k, s, c) in PARAMETER_SPACE {
        let a = arch(k, s);
        assert_eq!(a.critical_point_count().unwrap(), big(c), "{a}");
    }
}

#[test]
fn function_space_counts_of_the_note() {
    for &(k, s, c) in FUNCTION_SPACE {
        let a = arch(k, s);
        assert_eq!(
            a.function_space_critical_point_count().unwrap(),
            big(c),
            "{a}"
        );
    }
}

#[test]
fn worked_example_34_versus_10() {
    let a = Architecture::new(&[2, 2, 2], &[1, 2, 1]).unwrap();
    assert_eq!(a.to_string(), "(2,2,2)/(1,2)");
    assert_eq!(a.critical_point_count().unwrap(), big(34));
    assert_eq!(a.function_space_critical_point_count().unwrap(), big(10));
}

#[test]
fn all_layers_of_size_one() {
    let a = Architecture::new(&[1, 1], &[3, 1]).unwrap();
    assert!(a.reduced().filter_sizes().is_empty());
    assert_eq!(a.critical_point_count().unwrap(), big(1));
    assert_eq!(a.function_space_critical_point_count().unwrap(), big(1));
}

#[test]
fn counts_out_of_reach_are_errors() {
    let a = Architecture::new(&[10_000, 10_000], &[2, 1]).unwrap();
    assert!(matches!(
        a.critical_point_count(),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(
        a.function_space_critical_point_count(),
        Err(Error::TooLarge { .. })
    ));
    assert!(matches!(a.merge_tree(), Err(Error::TooLarge { .. })));
    assert!(matches!(
        a.fully_connected_comparison(),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn merge_tree_of_figure_one() {
    let a = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).unwrap();
    let tree = a.merge_tree().unwrap();
    assert_eq!(tree.num_nodes(), 8);
    assert_eq!(tree.edges().len(), 3 + 6 + 3);
    let sizes: Vec<usize> = tree.levels().iter().map(Vec::len).collect();
    assert_eq!(sizes, vec![1, 3, 3, 1]);
    let c = |k: &[usize]| tree.get(k).expect("in the tree").critical_points.clone();
    assert_eq!(c(&[2, 3, 4, 5]), big(2_976_084));
    assert_eq!(c(&[4, 4, 5]), big(806_396));
    assert_eq!(c(&[2, 3, 8]), big(12_698));
    assert_eq!(c(&[2, 10]), big(38));
    assert_eq!(c(&[11]), big(1));
    assert!(c(&[2, 3, 4, 5]) > c(&[2, 3, 8]));
    assert!(c(&[2, 3, 8]) > c(&[2, 10]));
    assert!(c(&[2, 10]) > c(&[11]));
    assert!(tree.non_lowering_edges().is_empty());
    let root = tree.root();
    assert_eq!(root.depth, 0);
    let children: Vec<Vec<usize>> = tree
        .children(0)
        .iter()
        .map(|&i| tree.node(i).unwrap().filter_sizes.clone())
        .collect();
    assert_eq!(children, vec![vec![4, 4, 5], vec![2, 6, 5], vec![2, 3, 8]]);
    let last = tree.find(&[11]).unwrap();
    assert_eq!(tree.parents(last).len(), 3);
    assert!(tree.node(tree.num_nodes()).is_none());
    // strides do not matter
    let b = Architecture::new(&[2, 3, 4, 5], &[1, 1, 1, 1]).unwrap();
    assert_eq!(b.merge_tree().unwrap(), tree);
}

#[test]
fn merge_tree_text() {
    let text = MergeTree::new(&[2, 3, 4, 5]).unwrap().to_text();
    let expected = "\
level 0 (4 layers)
  (2,3,4,5) C=2976084 -> (4,4,5), (2,6,5), (2,3,8)
level 1 (3 layers)
  (4,4,5) C=806396 -> (7,5), (4,8)
  (2,6,5) C=";
    assert!(text.starts_with(expected), "{text}");
    assert!(text.ends_with("level 3 (1 layer)\n  (11) C=1\n"), "{text}");
    assert_eq!(text.lines().count(), 4 + 8);
}

/// Checks that `dot` is a plausible digraph for `tree`.
fn check_dot(tree: &MergeTree) {
    let dot = tree.to_dot();
    assert!(dot.starts_with("digraph"), "{dot}");
    let mut depth = 0i64;
    for ch in dot.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "unbalanced braces: {dot}");
    }
    assert_eq!(depth, 0, "unbalanced braces: {dot}");
    assert!(dot.trim_end().ends_with('}'));
    let mut declared = HashSet::new();
    let mut edges = 0;
    for line in dot.lines().map(str::trim) {
        if let Some((name, rest)) = line.split_once(" [label=") {
            assert!(declared.insert(name.to_string()), "{name} declared twice");
            assert!(rest.ends_with("\"];"), "{line}");
        } else if let Some((from, to)) = line.split_once(" -> ") {
            edges += 1;
            assert!(declared.contains(from), "edge from undeclared {from}");
            let to = to.trim_end_matches(';');
            assert!(declared.contains(to), "edge to undeclared {to}");
        }
    }
    assert_eq!(declared.len(), tree.num_nodes());
    assert_eq!(edges, tree.edges().len());
    for node in tree.nodes() {
        let label = format!(
            "{}\\nC = {}",
            neurovariety_tuple(&node.filter_sizes),
            node.critical_points
        );
        assert_eq!(dot.matches(&format!("\"{label}\"")).count(), 1, "{label}");
    }
}

fn neurovariety_tuple(v: &[usize]) -> String {
    let parts: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("({})", parts.join(","))
}

#[test]
fn merge_tree_dot() {
    check_dot(&MergeTree::new(&[2, 3, 4, 5]).unwrap());
    check_dot(&MergeTree::new(&[7]).unwrap());
    check_dot(&MergeTree::new(&[2, 1, 1, 3]).unwrap());
}

#[test]
fn merge_tree_limits_and_errors() {
    assert_eq!(MergeTree::new(&[]), Err(Error::NoLayers));
    assert_eq!(
        MergeTree::new(&[2, 0, 3]),
        Err(Error::ZeroFilterSize { layer: 2 })
    );
    assert!(matches!(
        MergeTree::new(&[usize::MAX, 3]),
        Err(Error::Overflow { .. })
    ));
    // 14 layers: 2^13 = 8192 nodes, within the default limit of 10 000.
    let tree = MergeTree::new(&[2; 14]).unwrap();
    assert_eq!(tree.num_nodes(), 8192);
    assert_eq!(
        tree.root().critical_points,
        generic_ed_degree(&[1; 14]).unwrap()
    );
    assert!(tree.non_lowering_edges().is_empty());
    assert_eq!(tree.to_text().lines().count(), 14 + 8192);
    assert_eq!(
        tree.to_dot().lines().filter(|l| l.contains(" -> ")).count(),
        tree.edges().len()
    );
    assert_eq!(
        MergeTree::new(&[2; 15]),
        Err(Error::TooLarge {
            what: "number of merge-tree nodes",
            estimate: 16_384,
            limit: MergeTree::DEFAULT_NODE_LIMIT as u128,
            raise_with: Some("MergeTree::with_limit"),
        })
    );
    assert_eq!(
        MergeTree::with_limit(&[2; 15], 16_384).unwrap().num_nodes(),
        16_384
    );
    assert!(matches!(
        MergeTree::new(&[2; 200]),
        Err(Error::TooLarge {
            estimate: u128::MAX,
            ..
        })
    ));
    let single = MergeTree::new(&[5]).unwrap();
    assert_eq!(single.num_nodes(), 1);
    assert!(single.edges().is_empty());
    assert_eq!(single.to_text(), "level 0 (1 layer)\n  (5) C=1\n");
}

/// A 10-layer value, checked against the plain sum; also asserted in the bench.
#[test]
fn ten_layers() {
    let k = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3];
    let dims: Vec<usize> = k.iter().map(|x| x - 1).collect();
    let expected = big(691_779_682_049_904);
    assert_eq!(generic_ed_degree_naive(&dims).unwrap(), expected);
    let tree = MergeTree::new(&k).unwrap();
    assert_eq!(tree.num_nodes(), 512);
    assert_eq!(tree.root().critical_points, expected);
    assert_eq!(tree.get(&[2; 10]), None);
    assert_eq!(
        MergeTree::new(&[2; 10]).unwrap().root().critical_points,
        big(2_733_508_864)
    );
}

/// With layers of size 1: a merge keeps `C` exactly when it involves a size-1
/// layer (a `P^0` factor), and lowers it otherwise.
#[test]
fn merges_with_size_one_layers() {
    let tree = MergeTree::new(&[2, 1, 3, 1, 1, 4]).unwrap();
    check_merges(&tree);
    assert!(!tree.non_lowering_edges().is_empty());
    // different merge orders reach the same tuple: fewer than 2^5 nodes
    assert!(tree.num_nodes() < 32);
}

/// Every edge is one merge of adjacent layers; it keeps the dimension; `C`
/// stays the same if the merge involves a size-1 layer and drops otherwise.
fn check_merges(tree: &MergeTree) {
    let dim = |k: &[usize]| 1 + k.iter().map(|x| x - 1).sum::<usize>();
    for &(p, c) in tree.edges() {
        let (p, c) = (tree.node(p).unwrap(), tree.node(c).unwrap());
        assert_eq!(c.depth, p.depth + 1);
        assert_eq!(c.filter_sizes.len() + 1, p.filter_sizes.len());
        assert_eq!(dim(&c.filter_sizes), dim(&p.filter_sizes));
        let k = &p.filter_sizes;
        let positions: Vec<usize> = (0..k.len() - 1)
            .filter(|&i| {
                let mut m = k[..i].to_vec();
                m.push(k[i] + k[i + 1] - 1);
                m.extend_from_slice(&k[i + 2..]);
                m == c.filter_sizes
            })
            .collect();
        assert!(!positions.is_empty(), "{:?} -> {:?}", k, c.filter_sizes);
        let with_one = positions.iter().any(|&i| k[i] == 1 || k[i + 1] == 1);
        if with_one {
            assert_eq!(c.critical_points, p.critical_points, "{p} -> {c}");
        } else {
            assert!(c.critical_points < p.critical_points, "{p} -> {c}");
        }
    }
}

/// All partitions of `m` (non-increasing), appended to `out`.
fn partitions(m: usize, max: usize, prefix: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    if m == 0 {
        out.push(prefix.clone());
        return;
    }
    for p in (1..=m.min(max)).rev() {
        prefix.push(p);
        partitions(m - p, p, prefix, out);
        prefix.pop();
    }
}

/// `C` depends only on the multiset `{k_l - 1}`, so "every merge of layers of
/// size >= 2 lowers C" is a statement about partitions: merging any two parts
/// lowers the generic ED degree. Checked for all partitions of `m <= 22`.
#[test]
fn merging_two_parts_lowers_c_exhaustively() {
    let mut checked = 0usize;
    for m in 1..=22 {
        let mut parts = Vec::new();
        partitions(m, m, &mut Vec::new(), &mut parts);
        for part in &parts {
            let c = generic_ed_degree(part).unwrap();
            for i in 0..part.len() {
                for j in i + 1..part.len() {
                    let mut merged: Vec<usize> = part
                        .iter()
                        .enumerate()
                        .filter(|&(t, _)| t != i && t != j)
                        .map(|(_, &x)| x)
                        .collect();
                    merged.push(part[i] + part[j]);
                    let cm = generic_ed_degree(&merged).unwrap();
                    assert!(cm < c, "{part:?} -> {merged:?}: {c} -> {cm}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50_000);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every merge lowers `C` for random tuples (2..=5 layers, sizes 2..=6).
    #[test]
    fn every_merge_lowers_c(k in proptest::collection::vec(2usize..=6, 2..=5)) {
        let tree = MergeTree::new(&k).unwrap();
        prop_assert_eq!(tree.num_nodes(), 1 << (k.len() - 1));
        prop_assert!(tree.non_lowering_edges().is_empty());
        check_merges(&tree);
        let last = tree.levels().last().unwrap();
        prop_assert_eq!(last.len(), 1);
        prop_assert_eq!(&tree.node(last[0]).unwrap().critical_points, &big(1));
    }

    /// With sizes 1..=4, exactly the merges involving a size-1 layer keep `C`.
    #[test]
    fn merges_with_ones(k in proptest::collection::vec(1usize..=4, 1..=6)) {
        let tree = MergeTree::new(&k).unwrap();
        check_merges(&tree);
        check_dot(&tree);
        prop_assert!(tree.num_nodes() <= 1 << (k.len() - 1));
    }

    /// The counts agree with the Segre formula of the given and reduced sizes.
    #[test]
    fn counts_match_segre(
        arch in neurovariety::proptest::architectures(1..=4, 1..=4, 1..=3)
    ) {
        let dims: Vec<usize> = arch.filter_sizes().iter().map(|k| k - 1).collect();
        prop_assert_eq!(arch.critical_point_count().unwrap(), generic_ed_degree(&dims).unwrap());
        let red: Vec<usize> = arch.reduced().filter_sizes().iter().map(|k| k - 1).collect();
        let f = arch.function_space_critical_point_count().unwrap();
        prop_assert_eq!(&f, &generic_ed_degree(&red).unwrap());
        prop_assert!(f <= arch.critical_point_count().unwrap());
    }

    /// The best listed fully connected network has the largest count of all
    /// fully connected networks of the same depth with at most as many
    /// parameters (brute force over all width vectors).
    #[test]
    fn comparison_is_optimal(
        arch in neurovariety::proptest::architectures(1..=4, 1..=5, 1..=2)
    ) {
        let cmp = arch.fully_connected_comparison().unwrap();
        let p = cmp.num_parameters;
        for e in &cmp.fully_connected {
            prop_assert!(e.network.num_parameters() <= p);
            prop_assert_eq!(e.network.depth(), cmp.depth);
        }
        let best = cmp
            .best_fully_connected()
            .map(|e| e.critical_points.clone())
            .unwrap_or_else(|| big(1));
        let brute = brute_force_best(cmp.depth, p);
        prop_assert_eq!(best, brute);
    }
}

/// The largest `C(min(d_0, d_L), min d_i)` over all widths of depth `depth`
/// with at most `budget` parameters (1 if there is none).
fn brute_force_best(depth: usize, budget: usize) -> BigUint {
    fn go(widths: &mut Vec<usize>, depth: usize, used: usize, budget: usize, best: &mut BigUint) {
        if widths.len() == depth + 1 {
            let fc = FullyConnected::new(widths).unwrap();
            assert_eq!(fc.num_parameters(), used);
            *best = best.clone().max(fc.critical_point_count());
            return;
        }
        let last = widths.last().copied();
        for d in 1..=budget {
            let cost = last.map_or(0, |l| l * d);
            if used + cost > budget {
                break;
            }
            widths.push(d);
            go(widths, depth, used + cost, budget, best);
            widths.pop();
        }
    }
    let mut best = big(1);
    go(&mut Vec::new(), depth, 0, budget, &mut best);
    best
}

#[test]
fn fully_connected_basics() {
    assert_eq!(FullyConnected::new(&[]), Err(Error::NoLayers));
    assert_eq!(FullyConnected::new(&[4]), Err(Error::NoLayers));
    assert!(matches!(
        FullyConnected::new(&[4, 0]),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        FullyConnected::new(&[1 << 20, 1 << 20]),
        Err(Error::TooLarge { .. })
    ));
    let fc = FullyConnected::new(&[5, 3, 2, 4, 6]).unwrap();
    assert_eq!(fc.depth(), 4);
    assert_eq!(fc.num_parameters(), 15 + 6 + 8 + 24);
    assert_eq!(fc.rank(), 2);
    assert_eq!(fc.function_space_dimension(), 2 * (5 + 6 - 2));
    assert_eq!(fc.critical_point_count(), big(10)); // C(5, 2)
    assert_eq!(fc.to_string(), "(5,3,2,4,6)");
    // no bottleneck: one critical point
    assert_eq!(
        FullyConnected::new(&[3, 7]).unwrap().critical_point_count(),
        big(1)
    );
    assert_eq!(
        FullyConnected::new(&[40, 20, 40])
            .unwrap()
            .critical_point_count(),
        big(137_846_528_820)
    );
    // large but cheap
    let wide = FullyConnected::new(&[1 << 15, 1 << 14, 1 << 15]).unwrap();
    assert_eq!(wide.critical_point_count().bits(), 32_761);
}

#[test]
fn comparison_2345() {
    let a = Architecture::new(&[2, 3, 4, 5], &[2, 2, 2, 1]).unwrap();
    let cmp = a.fully_connected_comparison().unwrap();
    assert_eq!((cmp.depth, cmp.num_parameters, cmp.dimension), (4, 14, 11));
    assert_eq!(cmp.parameter_space_count, big(2_976_084));
    assert_eq!(cmp.function_space_count, big(2_976_084));
    assert_eq!(cmp.fully_connected.len(), 1);
    let e = &cmp.fully_connected[0];
    assert_eq!(e.network.widths(), &[6, 1, 1, 1, 6]);
    assert_eq!(e.network.num_parameters(), 14);
    assert_eq!(e.critical_points, big(6));
    let text = cmp.to_string();
    assert!(
        text.starts_with("LCN (2,3,4,5)/(2,2,2): depth 4, 14 parameters"),
        "{text}"
    );
    assert!(text.contains("(6,1,1,1,6)"), "{text}");
    assert!(text.contains("2976084"), "{text}");
}

#[test]
fn comparison_22() {
    let a = Architecture::new(&[2, 2], &[2, 1]).unwrap();
    let cmp = a.fully_connected_comparison().unwrap();
    assert_eq!((cmp.depth, cmp.num_parameters, cmp.dimension), (2, 4, 3));
    assert_eq!(cmp.parameter_space_count, big(6));
    assert_eq!(cmp.function_space_count, big(6));
    let rows: Vec<(Vec<usize>, BigUint)> = cmp
        .fully_connected
        .iter()
        .map(|e| (e.network.widths().to_vec(), e.critical_points.clone()))
        .collect();
    assert_eq!(rows, vec![(vec![2, 1, 2], big(2))]);
}

#[test]
fn comparison_edge_cases() {
    // one layer: a single square matrix, no bottleneck
    let one = Architecture::new(&[5], &[1])
        .unwrap()
        .fully_connected_comparison()
        .unwrap();
    assert_eq!(one.fully_connected.len(), 1);
    assert_eq!(one.fully_connected[0].network.widths(), &[2, 2]);
    assert_eq!(one.fully_connected[0].critical_points, big(1));
    // too few parameters for any bottleneck
    let tiny = Architecture::new(&[1, 1, 1], &[1, 1, 1])
        .unwrap()
        .fully_connected_comparison()
        .unwrap();
    assert!(tiny.fully_connected.is_empty());
    assert!(tiny.best_fully_connected().is_none());
    assert!(tiny.to_string().contains("none"));
    // a larger budget lists several bottlenecks; widths are compacted in the table
    let deep = Architecture::new(&[9; 8], &[2; 8])
        .unwrap()
        .fully_connected_comparison()
        .unwrap();
    assert!(deep.fully_connected.len() >= 2);
    assert!(deep.to_string().contains(" x "), "{deep}");
    let best = deep.best_fully_connected().unwrap();
    assert!(deep.parameter_space_count > best.critical_points);
}

/// The Macaulay2 counts of `tests/fixtures/ed_degrees.json` (strides in the
/// note's notation: `L - 1` of them; a final 1 is appended).
#[test]
fn macaulay2_fixture() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ed_degrees.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("fixture {path} is missing or unreadable ({e}); it is produced by the Macaulay2 oracle scripts")
    });
    let entries: serde_json::Value = serde_json::from_str(&text).expect("fixture is valid JSON");
    let entries = entries.as_array().expect("fixture is a JSON array");
    assert!(!entries.is_empty());
    let usizes = |v: &serde_json::Value| -> Vec<usize> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|x| x.as_u64().expect("non-negative integer") as usize)
            .collect()
    };
    let (mut param, mut func) = (0, 0);
    for e in entries {
        let filters = usizes(&e["filters"]);
        let strides = usizes(&e["strides"]);
        assert_eq!(strides.len() + 1, filters.len(), "{e}");
        let a = arch(&filters, &strides);
        if let Some(c) = e["parameter_space"].as_u64() {
            assert_eq!(
                a.critical_point_count().unwrap(),
                big(c),
                "parameter space of {a}"
            );
            param += 1;
        }
        if let Some(c) = e["function_space"].as_u64() {
            assert_eq!(
                a.function_space_critical_point_count().unwrap(),
                big(c),
                "function space of {a}"
            );
            func += 1;
        }
    }
    assert!(param > 0 && func > 0);
}
