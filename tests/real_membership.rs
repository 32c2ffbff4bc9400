//! Exact membership in the real neuromanifold (`Architecture::real_membership`),
//! the relative boundary and smoothness (`Architecture::smoothness`).
//!
//! Independent sources: `tests/fixtures/real_membership.json` (Singular real
//! root counts of the fibre of the parametrisation, the Macaulay2 Jacobian of
//! the kernel, SymPy real roots and random perturbations, hand derivations of
//! docs/mathematics.md section 7; produced by
//! `scripts/oracle/real_membership.py`), the composition `compose` for random
//! layers, and conjugate pairs built so that no real layer can absorb them.

use neurovariety::architecture::{compose, RealMembership, RealWitness};
use neurovariety::poly::RationalInterval;
use neurovariety::prelude::*;
use neurovariety::proptest::architectures;
use neurovariety::Tolerance;
use proptest::prelude::*;
use serde_json::Value;

fn arch(k: &[usize], s: &[usize]) -> Architecture {
    Architecture::new(k, s).unwrap()
}

fn qs(v: &[i64]) -> Vec<BigRational> {
    v.iter().map(|&x| q(x)).collect()
}

/// The witness composes to `w`: exactly when rational, otherwise every
/// interval coefficient of the composition of the enclosures contains `w_i`.
fn assert_recomposes(a: &Architecture, w: &[BigRational], witness: &RealWitness) {
    assert_eq!(witness.layers().len(), a.num_layers());
    for (l, &k) in witness.layers().iter().zip(a.filter_sizes()) {
        assert_eq!(l.len(), k);
    }
    if let Some(layers) = witness.rational_layers() {
        assert_eq!(compose(a, &layers).unwrap(), w, "{witness}");
        return;
    }
    let enclosures: Vec<Vec<RationalInterval>> = witness
        .layers()
        .iter()
        .map(|l| l.iter().map(|x| x.enclosure()).collect())
        .collect();
    let composed = compose(a, &enclosures).unwrap();
    for (iv, c) in composed.iter().zip(w) {
        assert!(iv.contains(c), "{c} not in {iv}: {witness}");
    }
}

fn fixtures() -> Vec<Value> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/real_membership.json"
    ))
    .expect("fixture file");
    serde_json::from_str::<Value>(&text)
        .expect("valid JSON")
        .as_array()
        .expect("an array")
        .clone()
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

#[test]
fn fixtures_from_singular_macaulay2_sympy_and_hand() {
    let cases = fixtures();
    assert!(cases.len() >= 40);
    let mut archs = std::collections::BTreeSet::new();
    let (mut boundary_checked, mut smooth_checked, mut smooth_undecided) = (0, 0, 0);
    for c in &cases {
        let a = arch(&usizes(&c["filters"]), &usizes(&c["strides"]));
        archs.insert(a.to_string());
        let w: Vec<BigRational> = c["filter"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().parse::<BigRational>().unwrap())
            .collect();
        let r = a.real_membership(&w).unwrap();
        let what = format!("{a} {w:?} ({}): {r}", c["note"]);
        assert_eq!(
            r.in_neurovariety(),
            c["in_neurovariety"].as_bool().unwrap(),
            "{what}"
        );
        assert_eq!(
            r.in_neuromanifold(),
            c["in_neuromanifold"].as_bool(),
            "{what}"
        );
        // the exact test over C agrees
        assert_eq!(
            a.neurovariety().contains(&w).unwrap(),
            r.in_neurovariety(),
            "{what}"
        );
        if let Some(witness) = r.witness() {
            assert_recomposes(&a, &w, witness);
        }
        if let Some(b) = c["relative_boundary"].as_bool() {
            assert_eq!(r.position().unwrap().is_boundary(), Some(b), "{what}");
            boundary_checked += 1;
        }
        if let Some(s) = c["smooth"].as_bool() {
            // decided answers must agree; undecided is allowed only where the
            // vanishing ideal is not certified complete (then a rank below the
            // codimension proves nothing)
            let mine = a.smoothness(&w).unwrap();
            match mine.is_smooth() {
                Some(m) => {
                    assert_eq!(m, s, "{what}: {mine}");
                    smooth_checked += 1;
                }
                None => {
                    assert!(
                        !s && mine.to_string().contains("not certified"),
                        "{what}: {mine}"
                    );
                    smooth_undecided += 1;
                }
            }
        }
    }
    // the counts the documentation quotes
    assert!(archs.len() >= 12, "{archs:?}");
    assert!(
        boundary_checked >= 30 && smooth_checked >= 35 && smooth_undecided <= 2,
        "{boundary_checked} {smooth_checked} {smooth_undecided}"
    );
}

#[test]
fn issue_examples() {
    let a = arch(&[3, 2], &[2, 1]);
    // x^4 + y^4 = (x^2 + i y^2)(x^2 - i y^2): in V, not in M; level 2 (from 0: 1)
    // would need a real linear factor of X^2 + Y^2
    let r = a.real_membership(&qs(&[1, 0, 0, 0, 1])).unwrap();
    let RealMembership::NotInNeuromanifold { reason } = &r else {
        panic!("{r}")
    };
    assert_eq!(
        (
            reason.level,
            reason.dilation,
            reason.degree,
            reason.real_roots_needed
        ),
        (1, 2, 1, 1)
    );
    assert_eq!((reason.real_roots, reason.conjugate_pairs), (0, 1));
    // x^4 - y^4 in M, interior; (x^2 + y^2)^2 in M, on the boundary, with the
    // witness (1, 0, 1), (1, 1) up to scale
    let r = a.real_membership(&qs(&[1, 0, 0, 0, -1])).unwrap();
    assert_eq!(r.position().unwrap().is_boundary(), Some(false));
    let r = a.real_membership(&qs(&[1, 0, 2, 0, 1])).unwrap();
    assert_eq!(r.position().unwrap().is_boundary(), Some(true));
    let layers = r.witness().unwrap().rational_layers().unwrap();
    assert_eq!(layers, [qs(&[1, 0, 1]), qs(&[1, 1])]);
    // stride 1: (2,2,2)/(1,1) is the binary cubics with three real roots
    let b = arch(&[2, 2, 2], &[1, 1, 1]);
    assert_eq!(
        b.real_membership(&qs(&[1, 0, -3, 1]))
            .unwrap()
            .in_neuromanifold(),
        Some(true)
    );
    assert_eq!(
        b.real_membership(&qs(&[1, 0, 0, 1]))
            .unwrap()
            .in_neuromanifold(),
        Some(false)
    );
    // e <= 1: M is everything
    for w in [[1, 0, 0, 0, 1], [1, 0, 1, 0, 1]] {
        let r = arch(&[3, 3], &[1, 1]).real_membership(&qs(&w)).unwrap();
        assert_eq!(r.in_neuromanifold(), Some(true));
        assert_eq!(r.position().unwrap().is_boundary(), Some(false));
        assert_recomposes(&arch(&[3, 3], &[1, 1]), &qs(&w), r.witness().unwrap());
    }
}

#[test]
fn algebraic_witnesses_are_exact() {
    // x^3 - 3 x y^2 + y^3: three real roots u with u^3 - 3u^2 + 1 = 0
    // (P(1, u) = 1 - 3u^2 + u^3), so each layer is (-u, 1): -u is a root
    // of t^3 + 3 t^2 - 1 (by hand)
    let b = arch(&[2, 2, 2], &[1, 1, 1]);
    let w = qs(&[1, 0, -3, 1]);
    let r = b.real_membership(&w).unwrap();
    let witness = r.witness().unwrap();
    assert!(witness.is_exact());
    assert_recomposes(&b, &w, witness);
    let s = witness.to_strings();
    // the first layer carries the scalar; the others are (-u, 1)
    assert!(s[1][0].starts_with("root of t^3+3*t^2-1 in ["), "{s:?}");
    assert_eq!(s[1][1], "1");
    // x^4 + y^4 over (3,3)/(1): (x^2 + sqrt 2 xy + y^2)(x^2 - sqrt 2 xy + y^2)
    let c = arch(&[3, 3], &[1, 1]);
    let w = qs(&[1, 0, 0, 0, 1]);
    let witness = c.real_membership(&w).unwrap().witness().unwrap().clone();
    assert!(witness.is_exact());
    let s = witness.to_strings();
    assert!(
        s[0][1].starts_with("root of t^2-2 in [") && s[1][1].starts_with("root of t^2-2 in ["),
        "{s:?}"
    );
    assert_recomposes(&c, &w, &witness);
    // x^4 - 2 y^4 over (3,2)/(2): layer 2 = X + Y/sqrt 2 up to scale
    let d = arch(&[3, 2], &[2, 1]);
    let w = qs(&[1, 0, 0, 0, -2]);
    let witness = d.real_membership(&w).unwrap().witness().unwrap().clone();
    assert!(witness.is_exact() && witness.rational_layers().is_none());
    assert_recomposes(&d, &w, &witness);
}

/// Runs `lcn` with `args`: (status, stdout).
fn lcn(args: &[&str]) -> (u8, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut all = vec!["lcn"];
    all.extend_from_slice(args);
    let status = neurovariety::cli::run_with(all, &mut out, &mut err);
    assert_eq!(status, 0, "{}", String::from_utf8_lossy(&err));
    (status, String::from_utf8(out).unwrap())
}

#[test]
fn cli_acceptance() {
    let base = ["--filters", "3,2", "--strides", "2,1"];
    let run = |w: &str| -> Value {
        let arg = format!("--contains-real={w}");
        let mut args = base.to_vec();
        args.extend([arg.as_str(), "--json"]);
        let (_, out) = lcn(&args);
        serde_json::from_str::<Value>(&out).unwrap()["real_membership"].clone()
    };
    let r = run("1,0,0,0,1");
    assert_eq!(r["in_neurovariety"], true);
    assert_eq!(r["in_neuromanifold"], false);
    assert!(r["witness"].is_null());
    assert!(r["reason"].as_str().unwrap().contains("level 2"), "{r}");
    let r = run("1,0,2,0,1");
    assert_eq!(r["in_neuromanifold"], true);
    assert_eq!(r["relative_boundary"], true);
    assert_eq!(r["smooth"], false);
    assert_eq!(
        r["witness"],
        serde_json::json!([["1", "0", "1"], ["1", "1"]])
    );
    // the text report says it in one line
    let mut args = base.to_vec();
    args.extend(["--contains-real", "1,0,2,0,1"]);
    let (_, text) = lcn(&args);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("real membership"))
        .collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(
        lines[0].contains("relative boundary") && lines[0].contains("(1, 0, 1) (1, 1)"),
        "{text}"
    );
}

#[test]
fn undecided_is_reported_with_the_budget() {
    use neurovariety::architecture::RealMembershipOptions;
    let a = arch(&[2, 2], &[1, 1]);
    let o = RealMembershipOptions::default().with_budget(0);
    assert_eq!(
        a.real_membership_with(&qs(&[1, 0, -1]), &o).unwrap(),
        RealMembership::Undecided { budget: 0 }
    );
    assert!(a.real_membership(&qs(&[1, 0])).is_err());
}

/// Random rational layer filters.
fn layers_strategy() -> impl Strategy<Value = (Architecture, Vec<Vec<BigRational>>)> {
    architectures(1..=3, 1..=3, 1..=3).prop_flat_map(|a| {
        let sizes = a.filter_sizes().to_vec();
        let layers = sizes
            .iter()
            .map(|&k| {
                proptest::collection::vec((-4i64..=4, 1i64..=3), k).prop_map(|v| {
                    let mut v: Vec<BigRational> = v
                        .into_iter()
                        .map(|(n, d)| BigRational::new(n.into(), d.into()))
                        .collect();
                    if v.iter().all(|x| x == &q(0)) {
                        v[0] = q(1);
                    }
                    v
                })
            })
            .collect::<Vec<_>>();
        (Just(a), layers)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Arbitrary filters (any length, zeros included) never panic; a
    /// witness, when there is one, recomposes to the filter, and `M` lies in
    /// `V`.
    #[test]
    fn arbitrary_filters_do_not_panic(
        a in architectures(1..=3, 1..=3, 1..=3),
        w in proptest::collection::vec(-3i64..=3, 0..12),
    ) {
        let w = qs(&w);
        match a.real_membership(&w) {
            Ok(r) => {
                prop_assert_eq!(w.len(), a.end_to_end_filter_size());
                prop_assert_eq!(r.in_neurovariety(), a.neurovariety().contains(&w).unwrap());
                if let Some(witness) = r.witness() {
                    assert_recomposes(&a, &w, witness);
                }
                if r.in_neurovariety() {
                    let _ = a.smoothness(&w).unwrap();
                }
            }
            Err(e) => prop_assert!(w.len() != a.end_to_end_filter_size(), "{}", e),
        }
    }

    /// Random rational layers compose to a filter of M, with a witness that
    /// recomposes to it exactly.
    #[test]
    fn composed_filters_are_in_m((a, layers) in layers_strategy()) {
        let w = compose(&a, &layers).unwrap();
        let r = a.real_membership(&w).unwrap();
        prop_assert_eq!(r.in_neuromanifold(), Some(true), "{}", r);
        assert_recomposes(&a, &w, r.witness().unwrap());
    }

    /// Filters built from conjugate pairs that no real layer can absorb: on
    /// stride-1 blocks (possibly at dilation 2 after a leading size-1
    /// layer) with `L >= 2` layers of odd degree, a form with `p` pairs of
    /// non-real roots and only `d - 2p < L` real roots is in `V` (over C
    /// every form splits) but not in `M` (a real form of odd degree has a
    /// real root, one per layer).
    #[test]
    fn conjugate_pairs_no_real_layer_absorbs(
        sizes in proptest::collection::vec(prop_oneof![Just(2usize), Just(4)], 2..=3),
        shift in proptest::bool::ANY,
        coeffs in proptest::collection::vec((-4i64..=4, 1i64..=4), 8),
        roots in proptest::collection::vec(-5i64..=5, 8),
    ) {
        let d: usize = sizes.iter().map(|k| k - 1).sum();
        let e = sizes.len();
        // real roots r < e with r = d (mod 2): the largest such
        let r = if (e - 2) % 2 == d % 2 { e - 2 } else { e - 3 };
        let pairs = (d - r) / 2;
        prop_assume!(pairs >= 1 && pairs <= coeffs.len() && r <= roots.len());
        // (x + a y)^2 + b^2 y^2 and (x - u y)
        let mut f = vec![q(1)];
        let mul = |f: &[BigRational], g: &[BigRational]| -> Vec<BigRational> {
            let mut out = vec![q(0); f.len() + g.len() - 1];
            for (i, x) in f.iter().enumerate() {
                for (j, y) in g.iter().enumerate() {
                    out[i + j] += x * y;
                }
            }
            out
        };
        for &(a, b) in &coeffs[..pairs] {
            f = mul(&f, &[q(1), q(2 * a), q(a * a + b * b)]);
        }
        for &u in &roots[..r] {
            f = mul(&f, &[q(1), q(-u)]);
        }
        let (k, s, w): (Vec<usize>, Vec<usize>, Vec<BigRational>) = if shift {
            // a leading scalar layer with stride 2: P = F(x^2, y^2)
            let mut k = vec![1];
            k.extend(&sizes);
            let mut s = vec![2];
            s.extend(vec![1; sizes.len()]);
            let mut w = vec![q(0); 2 * d + 1];
            for (i, c) in f.iter().enumerate() {
                w[2 * i] = c.clone();
            }
            (k, s, w)
        } else {
            (sizes.clone(), vec![1; sizes.len()], f)
        };
        let a = arch(&k, &s);
        let m = a.real_membership(&w).unwrap();
        prop_assert!(m.in_neurovariety(), "{}", m);
        prop_assert_eq!(m.in_neuromanifold(), Some(false), "{}: {}", a, m);
        let RealMembership::NotInNeuromanifold { reason } = &m else { unreachable!() };
        prop_assert_eq!(reason.real_roots, r);
        prop_assert_eq!(reason.conjugate_pairs, pairs);
    }
}

/// The numeric `contains_real` (floating point, a tolerance) agrees with the
/// exact test on 10^4 random filters away from the boundary of `M`: random
/// integer filters of stride-1 architectures, compositions of random real
/// layers, and points of `V(R)` outside `M` built from positive definite
/// quadratics; only points in the relative interior of `M`, or not in `M`
/// (which is closed, so they are away from it), are compared.
#[test]
fn numeric_and_exact_membership_agree() {
    use neurovariety::architecture::RelativePosition;
    use num_traits::ToPrimitive;
    let mut state = 0x5eed_1234_u64;
    let mut next = move |m: i64| -> i64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % (2 * m as u64 + 1)) as i64 - m
    };
    let shapes: [(&[usize], &[usize]); 6] = [
        (&[2, 2], &[1, 1]),
        (&[2, 2, 2], &[1, 1, 1]),
        (&[2, 4], &[1, 1]),
        (&[3, 3], &[1, 1]),
        (&[2, 2, 2], &[1, 2, 1]),
        (&[3, 2], &[2, 1]),
    ];
    let tol = Tolerance::new(1e-9).unwrap();
    let decision_only =
        neurovariety::architecture::RealMembershipOptions::default().with_witness(false);
    let (mut total, mut skipped, mut in_m, mut out_m) = (0, 0, 0, 0);
    let mut n = 0;
    while total < 10_000 {
        n += 1;
        assert!(n < 40_000, "too many skipped: {skipped}");
        let (k, s) = shapes[n % shapes.len()];
        let a = arch(k, s);
        let size = a.end_to_end_filter_size();
        let w: Vec<BigRational> = match n % 3 {
            // random integers (in V only for the stride-1 shapes)
            0 => (0..size).map(|_| q(next(9))).collect(),
            // random real layers
            1 => {
                let layers: Vec<Vec<BigRational>> = a
                    .filter_sizes()
                    .iter()
                    .map(|&kl| (0..kl).map(|_| q(next(6))).collect())
                    .collect();
                compose(&a, &layers).unwrap()
            }
            // a positive definite quadratic where a layer needs real roots
            _ => {
                let (x, y) = (next(4), next(3).abs() + 1);
                let pd = [q(1), q(2 * x), q(x * x + y * y)];
                let mut layers: Vec<Vec<BigRational>> = a
                    .filter_sizes()
                    .iter()
                    .map(|&kl| (0..kl).map(|_| q(next(6))).collect())
                    .collect();
                let two_linear = a.filter_sizes()[..2] == [2, 2] && a.strides()[0] == 1;
                if !two_linear && a.filter_sizes()[0] != 3 {
                    (0..size).map(|_| q(next(9))).collect()
                } else if a.filter_sizes()[0] == 3 && a.strides()[0] == 2 {
                    // (3,2)/(2): P = Q(x^2, y^2), Q positive definite
                    let mut w = vec![q(0); size];
                    w[0] = pd[0].clone();
                    w[2] = pd[1].clone();
                    w[4] = pd[2].clone();
                    w
                } else {
                    // two linear layers at dilation 1 replaced by a pair
                    let one = compose(&a, &{
                        layers[0] = vec![q(1), q(0)];
                        layers[1] = vec![q(1), q(0)];
                        layers.clone()
                    })
                    .unwrap();
                    // one = x^2 * rest; replace x^2 by the quadratic
                    let mut rest = one;
                    rest.truncate(size - 2);
                    let mut w = vec![q(0); size];
                    for (i, c) in rest.iter().enumerate() {
                        for (j, p) in pd.iter().enumerate() {
                            w[i + j] += c * p;
                        }
                    }
                    w
                }
            }
        };
        if w.iter().all(|x| x == &q(0)) {
            continue;
        }
        let exact = a.real_membership_with(&w, &decision_only).unwrap();
        let keep = match &exact {
            RealMembership::InNeuromanifold { position, .. } => {
                *position == RelativePosition::Interior
            }
            RealMembership::NotInNeuromanifold { .. } => true,
            _ => false,
        };
        if !keep {
            skipped += 1;
            continue;
        }
        let wf: Vec<f64> = w.iter().map(|x| x.to_f64().unwrap()).collect();
        let numeric = a.neurovariety().contains_real(&wf, tol).unwrap();
        assert_eq!(
            Some(numeric),
            exact.in_neuromanifold(),
            "{a} {w:?}: {exact}"
        );
        if numeric {
            in_m += 1;
        } else {
            out_m += 1;
        }
        total += 1;
    }
    println!(
        "{total} compared: {in_m} in M, {out_m} not in M; {skipped} skipped (boundary or not in V)"
    );
    // both answers are well represented
    assert!(
        in_m >= 2000 && out_m >= 2000,
        "{in_m} in M, {out_m} not, {skipped} skipped"
    );
}
